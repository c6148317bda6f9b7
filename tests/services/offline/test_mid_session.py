"""The server goes away mid-session: the services switch to the replica, a save is kept as an
offline change (never lost), final acts are refused in Swedish, and the way back (PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from inkop_desktop.db import audit
from inkop_desktop.db.engine import make_engine, make_sessionmaker
from inkop_desktop.db.tables import PlanItem
from inkop_desktop.domain.offline import NeedsServerError
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.offline import ConnectionSwitch, Mode, OfflineLink
from inkop_desktop.services.registry import Services
from tests.services.offline.conftest import LOGIN, World
from tests.services.offline.proxy import Relay
from tests.services.offline.test_offline_services import _plan_item

pytestmark = pytest.mark.postgres


@dataclass
class Session_:
    """The window's services on the server through a relay that can be cut."""

    relay: Relay
    services: Services
    switch: ConnectionSwitch
    saved: list[int]


@pytest.fixture
def session(world: World) -> Iterator[Session_]:
    """Services on the server through a relay, with the switch a window makes."""
    url = world.server.url
    relay = Relay((str(url.host), int(url.port or 5432)))
    engine = make_engine(url.set(port=relay.port))
    sessions = make_sessionmaker(engine)
    audit.install(sessions)
    context = ServiceContext(sessions, actor=LOGIN)
    replica_file = Path(world.replica.url.database or "")
    link = OfflineLink("", LOGIN, replica_file, server=engine, replica=world.replica)
    switch = ConnectionSwitch(context, link, offline=False)
    saved: list[int] = []
    switch.on_saved_offline = lambda: saved.append(1)
    try:
        yield Session_(relay, Services.create(context), switch, saved)
    finally:
        relay.cut()
        engine.dispose()


def test_a_save_interrupted_by_a_dropped_connection_is_kept_offline_and_sent_later(
    world: World, session: Session_
) -> None:
    item = _plan_item(world)
    s = session.services
    detail = s.plan.get(item.id)  # opened online
    assert session.switch.online
    session.relay.cut()  # the server goes away while the editor is open
    data = {**detail.data.model_dump(), "title": "Städtjänster, skrivet på tåget"}
    saved = s.plan.update(item.id, detail.version, data)
    assert saved.data.title == "Städtjänster, skrivet på tåget"
    assert session.switch.mode is Mode.FAILED and s.context.offline
    assert session.saved == [1]
    assert world.sync.status().waiting == 1  # in the outbox, not lost
    assert not session.switch.probe()
    session.relay.restore()
    assert session.switch.probe()
    reachable, status = session.switch.link.sync()
    session.switch.to_server()
    assert reachable and status.waiting == 0 and not s.context.offline
    with Session(world.server) as db:
        assert db.get_one(PlanItem, item.id).title == "Städtjänster, skrivet på tåget"
    assert s.plan.get(item.id).data.title == "Städtjänster, skrivet på tåget"  # online again


def test_a_final_act_while_the_server_is_gone_is_refused_in_swedish(
    world: World, session: Session_
) -> None:
    item = _plan_item(world)
    s = session.services
    version = s.plan.get(item.id).version
    session.relay.cut()
    with pytest.raises(NeedsServerError, match="kräver anslutning till den gemensamma databasen"):
        s.plan.move(item.id, version, PlanStatus.ANNONSERAD)
    assert session.switch.mode is Mode.FAILED
    assert world.sync.status().waiting == 0 and session.saved == []
    with Session(world.server) as db:
        assert db.get_one(PlanItem, item.id).status == item.status
