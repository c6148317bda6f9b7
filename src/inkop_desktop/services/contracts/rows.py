"""The contract list's row (pydantic only: the first page at start is read without SQLAlchemy)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel

from inkop_desktop.services.dto import FROZEN


class ContractRow(BaseModel):
    """One line in the contract list."""

    model_config = FROZEN
    id: uuid.UUID
    contract_number: str
    title: str
    supplier: str | None
    parties: str
    procedure: str
    start_date: date
    end_date: date
    total_value_ore: int
    owner: str | None
    handlaggare: str | None
    cpv: str = ""
