"""Records numbered by the server, created offline: a provisional label, the real number on sync."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.engine import make_sessionmaker
from inkop_desktop.db.tables import DirectAward, NumberSeries, PlanItem
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.connection import connect_offline
from inkop_desktop.services.offline.conflicts import open_conflicts
from inkop_desktop.services.registry import Services
from tests.services.award_setup import build_world
from tests.services.numbering_worker import plan_item
from tests.services.offline.conftest import LOGIN, World

pytestmark = pytest.mark.postgres


def _need(region: object) -> dict[str, object]:
    """A behovsanmälan for 2026."""
    return {"title": "Nya rullstolar", "description": "Ersätter slitna.", "organisation_id": region,
            "cpv": "33193000-5", "estimated_total_ore": 400_000_00,
            "needed_by": date(2026, 4, 1)}  # fmt: skip


def test_records_created_offline_get_labels_then_the_servers_next_numbers(world: World) -> None:
    awards = build_world(make_sessionmaker(world.server))
    online = Services.create(ServiceContext(make_sessionmaker(world.server), actor=LOGIN))
    first = online.direct_awards.create(awards.record(title="Före")).diarienummer
    online.plan.create(plan_item(awards, "Före"))
    world.sync.run()
    offline = connect_offline(Path(world.replica.url.database or ""), actor=LOGIN)
    try:
        s = offline.services
        draft = s.direct_awards.create(awards.record(title="Offline-inköp", requester_id=world.me))
        item = s.plan.create(plan_item(awards, "Offline-plan"))
        need = s.plan.report_need(_need(awards.region))
        assert draft.diarienummer == "Offline-1"
        assert (item.reference, need.reference) == ("Offline-1", "Offline-2")
        assert s.direct_awards.get(draft.id).diarienummer == "Offline-1"
    finally:
        offline.close()
    # Meanwhile a colleague takes the next numbers on the server: no duplicate for mine.
    taken = online.direct_awards.create(awards.record(title="Under tiden")).diarienummer
    online.plan.create(plan_item(awards, "Under tiden"))
    report = world.sync.run()
    assert (report.sent, report.applied, report.conflicts) == (3, 3, 0)
    assert open_conflicts(world.replica) == []
    assert (first, taken) == ("RS 2025-00001", "RS 2025-00002")
    with Session(world.server) as db:
        assert db.get_one(DirectAward, draft.id).diarienummer == "RS 2025-00003"
        assert db.get_one(PlanItem, item.id).reference == "UP-2026-0003"
        on_server = db.get_one(PlanItem, need.id)
        assert (on_server.reference, on_server.status) == ("UP-2026-0004", PlanStatus.BEHOV_ANMALT)
    with world.sessions() as local:
        assert local.get_one(DirectAward, draft.id).diarienummer == "RS 2025-00003"
        assert local.get_one(PlanItem, need.id).reference == "UP-2026-0004"
        assert local.scalar(select(func.count()).select_from(NumberSeries)) == 0


def test_a_repeated_send_of_a_numbered_create_uses_no_second_number(world: World) -> None:
    awards = build_world(make_sessionmaker(world.server))
    world.sync.run()
    offline = connect_offline(Path(world.replica.url.database or ""), actor=LOGIN)
    try:
        draft = offline.services.direct_awards.create(awards.record(requester_id=world.me))
    finally:
        offline.close()
    assert world.sync.push().applied == 1
    from inkop_desktop.db.offline import push
    from inkop_desktop.services.offline import numbers

    op = push.Operation(0, _op_id(world, draft.id), "direct_award", draft.id, None, "{}", "0016")
    with world.server.begin() as conn:  # the same operation once more, as after a kill
        resent = numbers.assign(conn, op, LOGIN, _create(draft.id))
    assert resent["rows"][0]["new"]["diarienummer"] == "Offline-1"  # left for the stored answer
    with Session(world.server) as db:
        assert db.get_one(DirectAward, draft.id).diarienummer == "RS 2025-00001"
        series = db.execute(select(NumberSeries.last_number)).scalars().all()
        assert series == [1]


def _op_id(world: World, row_id: object) -> object:
    """The id of the operation the server recorded for *row_id*."""
    from inkop_desktop.db.offline.server_table import OPERATION_TABLE

    with world.server.connect() as conn:
        query = select(OPERATION_TABLE.c.id).where(OPERATION_TABLE.c.row_id == row_id)
        return conn.execute(query).scalar_one()


def _create(row_id: object) -> dict[str, object]:
    """A direct-award create carrying a provisional number."""
    new = {"diarienummer": "Offline-1", "region": "SRM", "award_date": "2026-05-12"}
    return {"kind": "upsert", "rows": [{"table": "direct_award", "id": str(row_id),
                                        "action": "insert", "new": new}]}  # fmt: skip
