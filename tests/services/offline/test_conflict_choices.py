"""Choices for a whole record in conflict: each recorded, its changes sent with the next sync."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from inkop_desktop.db.offline.local import CHOICE, OUTBOX
from inkop_desktop.db.tables import AuditEntry, Supplier, SupplierContact
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.services.offline.conflicts import (
    ASIDE,
    DISCARD,
    DROP,
    NEW_KEY,
    RECREATE,
    USE_SERVER,
    WHOLE,
    Conflict,
    open_conflicts,
    resolve,
)
from tests.services.offline.conftest import World, supplier

pytestmark = pytest.mark.postgres
ORGNR = "556016-0680"


def _choices(world: World) -> list[str]:
    """The choices recorded in the replica, in order."""
    with world.replica.connect() as conn:
        return list(conn.execute(select(CHOICE.c.choice).order_by(CHOICE.c.id)).scalars())


def _only(world: World, reason: str) -> Conflict:
    """The one open conflict, of *reason*."""
    (conflict,) = open_conflicts(world.replica)
    assert conflict.reason == reason
    return conflict


def _deleted_on_server(world: World) -> uuid.UUID:
    """A supplier the user edits offline while someone deletes it on the server; synced."""
    with Session(world.server) as s, s.begin():
        row = supplier("Städ AB", ORGNR)
        s.add(row)
        s.flush()
        row_id = row.id
    world.sync.run()
    with Session(world.server) as s, s.begin():
        s.delete(s.get_one(Supplier, row_id))
    with world.sessions.begin() as s:
        s.get_one(Supplier, row_id).city = "Eskilstuna"
    assert world.sync.run().conflicts == 1
    return row_id


def test_recreate_my_draft_after_it_was_deleted_on_the_server(world: World) -> None:
    row_id = _deleted_on_server(world)
    conflict = _only(world, "deleted_on_server")
    assert conflict.offered == (RECREATE, DROP)
    resolve(world.sessions, conflict, {WHOLE: RECREATE})
    assert (world.sync.status().waiting, world.sync.run().applied) == (1, 1)
    with Session(world.server) as s:
        back = s.get_one(Supplier, row_id)
        assert (back.name, back.city, back.version) == ("Städ AB", "Eskilstuna", 1)
        audited = s.scalars(select(AuditEntry.action).where(AuditEntry.row_id == str(row_id)))
        assert len(list(audited)) == 3  # created, deleted, created again: all on the trail
    assert (_choices(world), open_conflicts(world.replica)) == ([RECREATE], [])


def test_drop_mine_sends_nothing_and_is_recorded(world: World) -> None:
    row_id = _deleted_on_server(world)
    resolve(world.sessions, _only(world, "deleted_on_server"), {WHOLE: DROP})
    assert (world.sync.status().waiting, world.sync.status().conflicts) == (0, 0)
    assert world.sync.run().sent == 0
    with Session(world.server) as s:
        assert s.get(Supplier, row_id) is None
    assert _choices(world) == [DROP]
    with pytest.raises(ValidationError):  # a choice the reason does not offer
        resolve(world.sessions, _only_closed(world, row_id), {WHOLE: USE_SERVER})


def _only_closed(world: World, row_id: uuid.UUID) -> Conflict:
    """A conflict object for a deleted_on_server on *row_id* (already resolved)."""
    return Conflict(1, "supplier", row_id, "deleted_on_server", "", "", (), ())


def _duplicate(world: World) -> uuid.UUID:
    """The server and the user (offline, with a contact) both create a supplier of ORGNR."""
    with Session(world.server) as s, s.begin():
        s.add(supplier("Städ AB (servern)", ORGNR))
    with world.sessions.begin() as s:
        mine = supplier("Städ AB (offline)", ORGNR)
        s.add(mine)
        s.flush()
        s.add(SupplierContact(version=1, supplier_id=mine.id, name="Eva Ek"))
        mine_id = mine.id
    assert world.sync.run().conflicts == 1
    return mine_id


def _server_supplier(world: World, orgnr: str) -> Supplier | None:
    """The server's supplier of *orgnr*."""
    with Session(world.server) as s:
        return s.scalars(select(Supplier).where(Supplier.orgnr == orgnr)).one_or_none()


def test_use_the_servers_record_moves_my_contact_onto_it(world: World) -> None:
    _duplicate(world)
    conflict = _only(world, "duplicate")
    assert conflict.offered == (USE_SERVER, NEW_KEY, DROP)
    assert conflict.key == (("orgnr", ORGNR),)
    resolve(world.sessions, conflict, {WHOLE: USE_SERVER})
    assert world.sync.run().applied == 1
    theirs = _server_supplier(world, ORGNR)
    assert theirs is not None and theirs.name == "Städ AB (servern)"
    with Session(world.server) as s:
        contacts = s.scalars(
            select(SupplierContact.name).where(SupplierContact.supplier_id == theirs.id)
        )
        assert list(contacts) == ["Eva Ek"]
        assert s.scalar(select(func.count()).select_from(Supplier)) == 2  # seeded one + theirs
    assert _choices(world) == [USE_SERVER]


def test_keep_mine_under_a_changed_orgnr(world: World) -> None:
    mine_id = _duplicate(world)
    conflict = _only(world, "duplicate")
    with pytest.raises(ValidationError, match="finns redan"):
        resolve(world.sessions, conflict, {WHOLE: NEW_KEY, "orgnr": "556036-0793"})  # seeded
    with pytest.raises(ValidationError, match="orgnr"):
        resolve(world.sessions, conflict, {WHOLE: NEW_KEY, "name": "Annat"})
    assert open_conflicts(world.replica) != []  # a refused choice changed nothing
    resolve(world.sessions, conflict, {WHOLE: NEW_KEY, "orgnr": "559012-3450"})
    assert world.sync.run().applied == 1
    kept = _server_supplier(world, "559012-3450")
    assert kept is not None and (kept.id, kept.name) == (mine_id, "Städ AB (offline)")
    assert _choices(world) == [NEW_KEY]


def _refused(world: World) -> None:
    """An offline edit the server refuses (it names a field the server does not have)."""
    with Session(world.server) as s, s.begin():
        s.add(supplier("Städ AB", ORGNR))
    world.sync.run()
    with world.sessions.begin() as s:
        s.scalars(select(Supplier).where(Supplier.orgnr == ORGNR)).one().city = "Eskilstuna"
    with world.replica.begin() as conn:
        payload = conn.execute(select(OUTBOX.c.payload)).scalar_one()
        conn.execute(update(OUTBOX).values(payload=payload.replace('"city"', '"stad"')))
    assert world.sync.run().conflicts == 1


@pytest.mark.parametrize("choice", [DISCARD, ASIDE])
def test_a_refused_change_shows_the_reason_and_is_discarded_or_kept_aside(
    world: World, choice: str
) -> None:
    _refused(world)
    conflict = _only(world, "refused")
    assert "servern inte har (supplier.stad)" in conflict.message
    assert conflict.offered == (DISCARD, ASIDE)
    resolve(world.sessions, conflict, {WHOLE: choice})
    status = world.sync.status()
    assert (status.conflicts, status.waiting, status.aside) == (0, 0, int(choice == ASIDE))
    assert _choices(world) == [choice]
    with world.replica.connect() as conn:
        detail = conn.execute(select(CHOICE.c.detail)).scalar_one()
    assert json.loads(detail) == {}
