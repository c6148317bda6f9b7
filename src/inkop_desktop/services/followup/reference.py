"""The dated reference values the follow-up rules use, read from the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import ReferenceValue
from inkop_desktop.domain.reference import DatedValue, ReferenceTable

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


def reference_table(sessions: sessionmaker[Session]) -> ReferenceTable:
    """Every dated value known to the rules (unknown keys in the database are skipped)."""
    with sessions() as s:
        rows = s.scalars(select(ReferenceValue)).all()
        values = []
        for r in rows:
            try:
                values.append(
                    DatedValue.model_validate({f: getattr(r, f) for f in _FIELDS}, strict=False)
                )
            except ValueError:
                continue
    return ReferenceTable(values)
