"""The app's services on the replica: drafts are saved with their operation, final acts refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.engine import make_sessionmaker
from inkop_desktop.db.tables import Organisation, PlanItem
from inkop_desktop.domain.offline import NeedsServerError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus, Procedure
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.connection import connect_offline
from inkop_desktop.services.registry import Services
from tests.services.offline.conftest import LOGIN, World

pytestmark = pytest.mark.postgres


def _plan_item(world: World) -> PlanItem:
    """A plan item made online (on the server), then pulled into the replica."""
    with Session(world.server) as s, s.begin():
        region = Organisation(version=1, name="Region Sörmland", kind="region", region="SRM")
        s.add(region)
        s.flush()
        region_id = region.id
    online = Services.create(ServiceContext(make_sessionmaker(world.server), actor=LOGIN))
    online.reference.sync_shipped()
    item = online.plan.create({
        "title": "Städtjänster vårdlokaler", "year": 2026, "parties": Parties.SORMLAND,
        "organisation_ids": (region_id,), "cpv_codes": ("90910000-9",),
        "estimated_total_ore": 3_000_000_00, "annual_value_ore": 750_000_00,
        "contract_months": 24, "option_months": 24, "procedure": Procedure.OPPET,
        "responsible_id": world.me, "planned_start": date(2026, 3, 1),
        "needs_analysis_on": date(2026, 1, 15), "advertise_on": date(2026, 3, 1),
        "award_on": date(2026, 6, 1), "contract_start_on": date(2026, 9, 1),
    })  # fmt: skip
    world.sync.run()
    with Session(world.server) as s:
        return s.get_one(PlanItem, item.id)


def test_a_plan_item_edited_offline_reaches_the_server_and_signing_like_acts_are_refused(
    world: World,
) -> None:
    item = _plan_item(world)
    path = Path(world.replica.url.database or "")
    offline = connect_offline(path, actor=LOGIN)
    try:
        s = offline.services
        detail = s.plan.get(item.id)
        data = {**detail.data.model_dump(), "title": "Städtjänster vårdlokaler och kontor"}
        changed = s.plan.update(item.id, detail.version, data)
        assert changed.data.title == "Städtjänster vårdlokaler och kontor"
        with pytest.raises(NeedsServerError, match="kräver anslutning"):
            s.plan.move(item.id, changed.version, PlanStatus.ANNONSERAD)
        with pytest.raises(NeedsServerError):
            s.suppliers.create({"name": "Ny AB", "orgnr": "556016-0680"})
    finally:
        offline.close()
    assert world.sync.status().waiting == 1
    report = world.sync.run()
    assert report.applied == 1
    with Session(world.server) as db:
        on_server = db.execute(select(PlanItem).where(PlanItem.id == item.id)).scalar_one()
    assert (on_server.title, on_server.version) == ("Städtjänster vårdlokaler och kontor", 2)
    assert on_server.status == item.status  # the refused move changed nothing
