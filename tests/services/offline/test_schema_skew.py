"""Schema skew: an outbox written by the previous schema version synchronises against the new
server; one from a version this program does not know is kept aside, with a message."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from inkop_desktop.db.offline.local import OUTBOX
from inkop_desktop.db.tables import ReferenceValue
from tests.services.offline.conftest import World

pytestmark = pytest.mark.postgres


def _offline_value(world: World, key: str) -> None:
    """A reference value made offline."""
    with world.sessions.begin() as s:
        s.add(ReferenceValue(version=1, key=key, unit="kr", amount=700_000,
                             valid_from=date(2026, 1, 1), source="Test"))  # fmt: skip


def _as_written_by(world: World, revision: str) -> None:
    """Rewrite the waiting operations as a program at *revision* wrote them (0012: no
    ``comparison`` column, added by 0013)."""
    with world.replica.begin() as conn:
        for seq, payload in conn.execute(select(OUTBOX.c.seq, OUTBOX.c.payload)).all():
            changes = json.loads(payload)
            for row in changes["rows"]:
                row["new"].pop("comparison", None)
            conn.execute(update(OUTBOX).where(OUTBOX.c.seq == seq).values(
                payload=json.dumps(changes), schema_version=revision))  # fmt: skip


def _comparison(world: World, key: str) -> list[str]:
    """The server's comparison of the value(s) under *key*."""
    with Session(world.server) as s:
        stmt = select(ReferenceValue.comparison).where(ReferenceValue.key == key)
        return list(s.scalars(stmt))


def test_an_outbox_from_the_previous_schema_is_migrated_and_applied(world: World) -> None:
    _offline_value(world, "test.gräns")
    _as_written_by(world, "0012")
    report = world.sync.run()
    assert (report.applied, report.conflicts, report.aside) == (1, 0, 0)
    assert _comparison(world, "test.gräns") == ["minst"]  # the 0013 step filled it in
    assert world.sync.status().waiting == 0


def test_an_outbox_from_an_unknown_schema_is_kept_aside_and_not_sent(world: World) -> None:
    _offline_value(world, "test.okänd")
    _as_written_by(world, "0099")
    report = world.sync.run()
    assert (report.sent, report.aside) == (0, 1)
    status = world.sync.status()
    assert (status.waiting, status.aside) == (0, 1)
    with world.replica.connect() as conn:
        (reason,) = conn.execute(select(OUTBOX.c.aside)).scalars()
    assert "0099" in reason and "sparas åt sidan" in reason
    assert _comparison(world, "test.okänd") == []
    with Session(world.server) as s:
        assert s.execute(text("SELECT count(*) FROM offline_operation")).scalar_one() == 0
    with world.sessions() as s:  # the draft is still there, unsent
        assert s.scalars(select(ReferenceValue.key).where(ReferenceValue.key == "test.okänd")).all()


def test_operations_are_written_in_the_shipped_head_revision() -> None:
    """A new migration must add its outbox step, or old outboxes would be refused."""
    from sqlalchemy import create_engine

    from inkop_desktop.db.migrate import head_revision
    from inkop_desktop.db.offline import schema

    assert head_revision(create_engine("sqlite://")) == schema.CURRENT
    assert schema.ORDER[-1] == schema.CURRENT
