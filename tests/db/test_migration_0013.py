"""Migration 0013 on SQLite and PostgreSQL: the old documentation rule says "över"."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Engine, Uuid, bindparam, text

from inkop_desktop.db import migrate

INSERT = text(
    "INSERT INTO reference_value (id, version, created_at, created_by, updated_at, updated_by, "
    "key, unit, amount, valid_from, valid_to, source) VALUES (:id, 1, :now, 'test', :now, "
    "'test', 'lou.dokumentationsplikt', 'kr', 100000, :start, :end, 'LOU')"
).bindparams(bindparam("id", type_=Uuid()))


def test_upgrading_marks_the_rule_before_2022_as_over(engine: Engine) -> None:
    migrate.downgrade(engine, "0012")
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with engine.begin() as conn:
        for start, end in ((date(2017, 1, 1), date(2022, 1, 31)), (date(2022, 2, 1), None)):
            conn.execute(INSERT, {"id": uuid.uuid4(), "now": now, "start": start, "end": end})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT valid_from, comparison FROM reference_value ORDER BY valid_from")
        ).all()
    assert [(str(r[0]), r[1]) for r in rows] == [("2017-01-01", "över"), ("2022-02-01", "minst")]
    migrate.check(engine)
