"""Dated reference data from the database: thresholds, limits, lead times, guideline tiers."""

from __future__ import annotations

from sqlalchemy import select

from inkop_desktop.db.tables import ReferenceValue
from inkop_desktop.domain.reference import DatedValue, ReferenceTable
from inkop_desktop.services.base import Service

_FIELDS = (
    "key",
    "unit",
    "amount",
    "valid_from",
    "valid_to",
    "source",
    "scope",
    "from_amount_kr",
    "note",
)


class ReferenceService(Service):
    """Reads the dated values an administrator maintains."""

    def table(self) -> ReferenceTable:
        """Every dated value, ready for "as of date" questions."""
        with self._session() as s:
            rows = s.execute(select(ReferenceValue)).scalars().all()
            values = [
                DatedValue.model_validate({f: getattr(r, f) for f in _FIELDS}, strict=False)
                for r in rows
            ]
        return ReferenceTable(values)

    def add(self, value: DatedValue) -> None:
        """Record a new dated value (e.g. next period's EU threshold) with its source."""
        with self._session() as s:
            s.add(ReferenceValue(version=1, **value.model_dump(mode="python")))
