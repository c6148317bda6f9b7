"""The conflict matrix, with the client's clock 48 hours off either way: every case its outcome.

Server side: another user's save straight on the server. Client side: an offline edit in the
replica stamped with the skewed clock. Versions decide, never the clocks; nothing is silent:
each answer is in the sync report and every non-applied one is a conflict with both versions.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Supplier
from inkop_desktop.services.offline.conflicts import MINE, open_conflicts, resolve
from tests.services.offline.conftest import World, supplier

pytestmark = pytest.mark.postgres
SKEWS = [
    pytest.param(timedelta(hours=-48), id="-48h"),
    pytest.param(timedelta(hours=48), id="+48h"),
]


def _shared(world: World, orgnr: str = "556016-0680") -> uuid.UUID:
    """A supplier on the server, pulled into the replica; its id."""
    with Session(world.server) as s, s.begin():
        row = supplier("Städ AB", orgnr)
        s.add(row)
        s.flush()
        found = row.id
    world.sync.run()
    return found


def _on_server(world: World, row_id: uuid.UUID, **changes: object) -> None:
    """Another user's save on the server (None: they delete it)."""
    with Session(world.server) as s, s.begin():
        row = s.get(Supplier, row_id)
        assert row is not None
        if not changes:
            s.delete(row)
        for key, value in changes.items():
            setattr(row, key, value)


def _offline(world: World, row_id: uuid.UUID, skew: timedelta, **changes: object) -> None:
    """The user's offline save, stamped by a clock *skew* off (no changes: a delete)."""
    with world.sessions.begin() as s:
        row = s.get(Supplier, row_id)
        assert row is not None
        if not changes:
            s.delete(row)
            return
        for key, value in changes.items():
            setattr(row, key, value)
        row.updated_at = datetime.now(UTC) + skew


def _server_row(world: World, row_id: uuid.UUID) -> Supplier | None:
    """The server's current row."""
    with Session(world.server) as s:
        return s.get(Supplier, row_id)


@pytest.mark.parametrize("skew", SKEWS)
def test_update_update_of_different_fields_is_merged_and_reported(
    world: World, skew: timedelta
) -> None:
    row_id = _shared(world)
    _on_server(world, row_id, city="Västerås")
    _offline(world, row_id, skew, phone="016-10 00 00")
    report = world.sync.run()
    assert (report.merged, report.conflicts) == (1, 0)
    server = _server_row(world, row_id)
    assert server is not None
    assert (server.city, server.phone, server.version) == ("Västerås", "016-10 00 00", 3)
    assert abs(server.updated_at - datetime.now(UTC)) < timedelta(minutes=5)  # server's clock
    with world.sessions() as s:
        local = s.get(Supplier, row_id)
        assert local is not None and (local.city, local.version) == ("Västerås", 3)


@pytest.mark.parametrize("skew", SKEWS)
def test_update_update_of_the_same_field_is_a_conflict_the_user_resolves(
    world: World, skew: timedelta
) -> None:
    row_id = _shared(world)
    _on_server(world, row_id, city="Västerås")
    _offline(world, row_id, skew, city="Eskilstuna")
    report = world.sync.run()
    assert (report.applied, report.merged, report.conflicts) == (0, 0, 1)
    server = _server_row(world, row_id)
    assert server is not None and server.city == "Västerås"  # nothing overwritten
    (conflict,) = open_conflicts(world.replica)
    assert conflict.reason == "both_changed" and conflict.conflicting == ("supplier.city",)
    (city,) = [f for f in conflict.fields if f.field == "city"]
    assert (city.base, city.mine, city.theirs) == ("", "Eskilstuna", "Västerås")
    assert world.sync.status().conflicts == 1
    resolve(world.sessions, conflict, {"supplier.city": MINE})
    report = world.sync.run()
    assert report.applied == 1
    server = _server_row(world, row_id)
    assert server is not None and (server.city, server.version) == ("Eskilstuna", 3)
    assert world.sync.status().conflicts == 0


@pytest.mark.parametrize("skew", SKEWS)
def test_update_of_a_row_deleted_on_the_server_is_a_conflict(world: World, skew: timedelta) -> None:
    row_id = _shared(world)
    _on_server(world, row_id)
    _offline(world, row_id, skew, city="Eskilstuna")
    report = world.sync.run()
    assert report.conflicts == 1
    (conflict,) = open_conflicts(world.replica)
    assert conflict.reason == "deleted_on_server"
    assert [(f.field, f.mine, f.theirs) for f in conflict.fields] == [("city", "Eskilstuna", None)]
    with world.sessions() as s:
        assert s.get(Supplier, row_id) is None  # the tombstone reached the replica


@pytest.mark.parametrize("skew", SKEWS)
def test_delete_of_a_row_changed_on_the_server_is_a_conflict(world: World, skew: timedelta) -> None:
    row_id = _shared(world)
    _on_server(world, row_id, city="Västerås")
    _offline(world, row_id, skew)
    report = world.sync.run()
    assert report.conflicts == 1
    assert [c.reason for c in open_conflicts(world.replica)] == ["changed_on_server"]
    assert _server_row(world, row_id) is not None  # not deleted behind the other's back
    with world.sessions() as s:
        local = s.get(Supplier, row_id)
        assert local is not None and local.city == "Västerås"  # the server's version is back


@pytest.mark.parametrize("skew", SKEWS)
def test_delete_delete_is_reported_as_already_deleted(world: World, skew: timedelta) -> None:
    row_id = _shared(world)
    _on_server(world, row_id)
    _offline(world, row_id, skew)
    report = world.sync.run()
    assert (report.sent, report.applied, report.conflicts) == (1, 1, 0)
    assert world.sync.answered_count() == 1
    assert _server_row(world, row_id) is None


@pytest.mark.parametrize("skew", SKEWS)
def test_two_creates_with_the_same_orgnr_give_a_duplicate_conflict(
    world: World, skew: timedelta
) -> None:
    with Session(world.server) as s, s.begin():
        s.add(supplier("Städ AB (servern)", "556016-0680"))
    with world.sessions.begin() as s:
        mine = supplier("Städ AB (offline)", "556016-0680")
        mine.created_at = mine.updated_at = datetime.now(UTC) + skew
        s.add(mine)
    report = world.sync.run()
    assert report.conflicts == 1
    (conflict,) = open_conflicts(world.replica)
    assert conflict.reason == "duplicate" and "556016-0680" in conflict.message
    assert ("name", "Städ AB (offline)") in [(f.field, f.mine) for f in conflict.fields]
    with world.sessions() as s:
        names = s.scalars(select(Supplier.name).where(Supplier.orgnr == "556016-0680")).all()
    assert names == ["Städ AB (servern)"]
