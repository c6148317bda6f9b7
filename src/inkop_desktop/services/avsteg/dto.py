"""What the avsteg register shows and is filtered by."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel

from inkop_desktop.services.dto import FROZEN


class AvstegFilter(BaseModel):
    """The register's filters (None: all)."""

    model_config = FROZEN
    first: date | None = None
    last: date | None = None
    region: str | None = None
    organisation_id: uuid.UUID | None = None
    rule: str | None = None
    only_open: bool = True


class AvstegEntry(BaseModel):
    """One entry of the register."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    reported_on: date
    rule: str
    rule_name: str
    source: str
    record: str
    region: str
    namnd: str
    namnd_id: uuid.UUID | None
    reason: str
    reported_by: str
    comment: str
    action: str
    closed_on: date | None
    closed_by: str
    resolved: bool
    """A state rule that no longer holds of its record (the entry still waits for a person)."""

    @property
    def open(self) -> bool:
        """Not yet closed by the inköpsverksamhet."""
        return self.closed_on is None

    @property
    def status(self) -> str:
        """Öppet, Öppet (gäller inte längre) or Stängt."""
        if not self.open:
            return "Stängt"
        return "Öppet (gäller inte längre)" if self.resolved else "Öppet"


class ManualAvsteg(BaseModel):
    """A deviation a person reports by hand."""

    model_config = FROZEN
    reported_on: date
    region: str
    organisation_id: uuid.UUID | None
    reason: str
    record: str = ""


class NamndChoice(BaseModel):
    """A nämnd to filter by or report for."""

    model_config = FROZEN
    id: uuid.UUID
    name: str
    region: str
