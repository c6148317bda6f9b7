"""Dated reference data from the database: thresholds, limits, lead times, guideline tiers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import ReferenceValue
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Region
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.reference import DatedValue, ReferenceTable, RefKey, load_reference_file
from inkop_desktop.domain.validation import parse
from inkop_desktop.paths import resource
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
    "comparison",
)


class ReferenceService(Service):
    """Reads the dated values an administrator maintains."""

    def table(self) -> ReferenceTable:
        """Every dated value, ready for "as of date" questions."""
        with self._session() as s:
            rows = _rows(s)
            values = [
                DatedValue.model_validate({f: getattr(r, f) for f in _FIELDS}, strict=False)
                for r in rows
            ]
        return ReferenceTable(values)

    def missing_in_force(self, day: date) -> list[RefKey]:
        """The keys (``key.label`` in Swedish) with no value in force on *day* in either region."""
        return self.table().missing(day, [r.value for r in Region])

    def sync_shipped(self) -> int:
        """Add the shipped values the database lacks; stored values are never changed.

        A value is the same value when key, scope, start date and tier match, so a new shipped
        period is added to a database holding the older ones, and a period an administrator
        already entered (same start) keeps the administrator's amount and source.
        """
        shipped = load_reference_file(resource("data", "reference.json"))
        with self._session() as s:
            have = {
                _identity(DatedValue.model_validate(_fields(r), strict=False)) for r in _rows(s)
            }
            missing = [v for v in shipped if _identity(v) not in have]
            for value in missing:
                s.add(ReferenceValue(version=1, **value.model_dump(mode="python")))
        return len(missing)

    def add(self, data: dict[str, object]) -> DatedValue:
        """Record a new dated value (e.g. next period's EU threshold); administrators only."""
        value = parse(DatedValue, data)
        with self._session() as s:
            self._require(s, Act.ADMINISTER)
            if value.source.strip() == "":
                raise ValidationError("Ange källan till värdet.", field="source")
            if _identity(value) in {_identity(_value(r)) for r in _rows(s)}:
                raise ValidationError("Det finns redan ett värde med samma uppgift och startdatum.")
            s.add(ReferenceValue(version=1, **value.model_dump(mode="python")))
        return value


def _rows(session: Session) -> Sequence[ReferenceValue]:
    """Every stored dated value."""
    return session.execute(select(ReferenceValue)).scalars().all()


def _value(row: ReferenceValue) -> DatedValue:
    """A stored row as a DatedValue."""
    return DatedValue.model_validate(_fields(row), strict=False)


def _fields(row: ReferenceValue) -> dict[str, object]:
    """The DatedValue fields of a row."""
    return {f: getattr(row, f) for f in _FIELDS}


def _identity(value: DatedValue) -> tuple[object, ...]:
    """What makes a dated value the same value (an edited source does not make a new one)."""
    return (value.key, value.scope, value.valid_from, value.from_amount_kr)
