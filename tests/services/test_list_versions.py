"""A save that changes only a list (contacts, suppliers, options, files, CPV, roster …).

It moves the record's version, a save over the old version is refused, and it is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import AuditEntry
from inkop_desktop.domain.errors import ConcurrentEditError
from inkop_desktop.services.registry import Services
from tests.db.audit_attack import audit_actors
from tests.services.award_setup import AwardWorld, world
from tests.services.conftest import BaseRows
from tests.services.list_kinds import KINDS, Kind, World, build_world, plan_data

__all__ = ["world"]


@pytest.fixture
def lists(sessions: sessionmaker[Session], services: Services, base_rows: BaseRows) -> World:
    """The base rows, a second supplier, a förvaltning and two people."""
    return build_world(sessions, base_rows, people=2)


def _plain(detail: Any) -> tuple[Any, list[Any]]:
    """A detail's values; attachments by id (SQLite drops the time zone when reading)."""
    files = [f.id for f in getattr(detail, "attachments", ())]
    return detail.model_dump(exclude={"attachments"}), files


def same(a: Any, b: Any) -> bool:
    """Two details of a record show the same thing."""
    return _plain(a) == _plain(b)


@pytest.mark.parametrize("kind", KINDS, ids=[k.list_table for k in KINDS])
def test_a_list_only_save_moves_the_version_and_a_stale_save_is_refused(
    services: Services, lists: World, kind: Kind
) -> None:
    record = kind.create(services, lists)
    opened = kind.get(services, record)
    saved = kind.list_save(services, lists, opened, 1)
    assert saved.version == opened.version + 1
    assert not same(saved, opened)
    assert same(kind.get(services, record), saved)
    with pytest.raises(ConcurrentEditError):
        kind.other_save(services, lists, opened, 2)
    assert same(kind.get(services, record), saved)


def _audit_since(sessions: sessionmaker[Session], last: int) -> list[AuditEntry]:
    """Audit entries written after entry *last*."""
    with sessions() as s:
        stmt = select(AuditEntry).where(AuditEntry.id > last).order_by(AuditEntry.id)
        return list(s.execute(stmt).scalars())


def _last_audit(sessions: sessionmaker[Session]) -> int:
    """The id of the newest audit entry."""
    with sessions() as s:
        return int(s.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


@pytest.mark.parametrize("kind", KINDS, ids=[k.list_table for k in KINDS])
def test_a_list_only_save_is_audited_row_by_row_and_on_the_record(
    services: Services, lists: World, sessions: sessionmaker[Session], kind: Kind
) -> None:
    record = kind.create(services, lists)
    opened = kind.get(services, record)
    last = _last_audit(sessions)
    kind.list_save(services, lists, opened, 1)
    entries = _audit_since(sessions, last)
    assert kind.list_table in {e.table_name for e in entries}
    on_record = [e for e in entries if e.row_id == str(record) and e.action == "update"]
    assert len(on_record) == 1
    assert kind.list_table in on_record[0].summary.split(", ")
    assert {e.actor for e in entries} == audit_actors(sessions, "karin.oberg")


def test_replacing_contacts_deletes_only_those_removed(
    services: Services, lists: World, sessions: sessionmaker[Session]
) -> None:
    opened = services.suppliers.get(lists.rows.supplier)
    data = opened.model_dump(exclude={"id", "version", "vat_number", "contacts"})
    two = ({"name": "Anna Berg"}, {"name": "Bo Ek"})
    first = services.suppliers.update(opened.id, opened.version, {**data, "contacts": two})
    last = _last_audit(sessions)
    kept = ({"name": "Bo Ek"}, {"name": "Cecilia Ström"})
    services.suppliers.update(first.id, first.version, {**data, "contacts": kept})
    changes = {
        (e.action, e.summary) for e in _audit_since(sessions, last) if e.table_name != "supplier"
    }
    assert changes == {("delete", "Anna Berg"), ("insert", "Cecilia Ström")}


def _participant(person: Any) -> dict[str, Any]:
    """A roster line from 2025-05-01."""
    return {"person_id": person, "role": "Sakkunnig", "added_on": date(2025, 5, 1)}


def test_a_roster_change_moves_the_plan_items_version(
    services: Services, lists: World, sessions: sessionmaker[Session]
) -> None:
    opened = services.plan.create(plan_data(lists.rows))
    last = _last_audit(sessions)
    joined = services.jav.add_participant(_participant(lists.people[0]), plan_item_id=opened.id)
    after_add = services.plan.get(opened.id)
    assert after_add.version == opened.version + 1
    assert "participant" in {e.table_name for e in _audit_since(sessions, last)}
    with pytest.raises(ConcurrentEditError):
        services.plan.update(opened.id, opened.version, opened.data.model_dump())
    services.jav.remove_participant(joined, date(2025, 6, 1), "Bytte uppdrag.")
    assert services.plan.get(opened.id).version == after_add.version + 1


def test_a_roster_change_and_a_quote_move_the_direct_awards_version(
    services: Services, world: AwardWorld
) -> None:
    opened = services.direct_awards.create(world.record())
    services.jav.add_participant(_participant(world.requester), direct_award_id=opened.id)
    after_roster = services.direct_awards.get(opened.id)
    assert after_roster.version == opened.version + 1
    with pytest.raises(ConcurrentEditError):
        services.direct_awards.update(opened.id, opened.version, world.record(title="Annat"))
    quoted = services.direct_awards.add_quote(
        after_roster.id, after_roster.version, world.quote(0, "250 000")
    )
    assert quoted.version == after_roster.version + 1
    with pytest.raises(ConcurrentEditError):
        services.direct_awards.update(opened.id, after_roster.version, world.record(title="B"))
