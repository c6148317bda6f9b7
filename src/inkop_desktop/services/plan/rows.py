"""The plan list's row (pydantic only: the first page at start is read without SQLAlchemy)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel

from inkop_desktop.services.dto import FROZEN


class PlanRow(BaseModel):
    """One line in the plan list."""

    model_config = FROZEN
    id: uuid.UUID
    reference: str
    title: str
    status: str
    year: int
    parties: str
    cpv: str | None
    estimated_total_ore: int
    procedure: str | None
    responsible: str | None
    contract_start_on: date | None
