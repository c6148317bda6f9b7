"""The acceptance test of offline drafting: the real window on a server database, the server
goes away mid-session, the person drafts a direct award and signs a jäv declaration through the
editors, the server returns, the window synchronises and one conflict is resolved (PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from inkop_desktop.db.engine import make_sessionmaker
from inkop_desktop.db.offline.local import OUTBOX
from inkop_desktop.db.offline.replica import open_replica
from inkop_desktop.db.tables import DirectAward, JavDeclaration, Organisation, Person, PlanItem
from inkop_desktop.domain.offline import NeedsServerError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus, Procedure
from inkop_desktop.gui.direct_award.editor import DirectAwardEditor
from inkop_desktop.gui.jav.declaration_editor import DeclarationEditor
from inkop_desktop.gui.offline import ConflictsDialog
from inkop_desktop.gui.offline import switch as offline_switch
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.offline import Mode, replica_path
from inkop_desktop.services.offline.conflicts import MINE
from inkop_desktop.services.registry import Services
from inkop_desktop.settings import data_dir
from tests.gui.waits import FIRST_START_MS
from tests.services.offline.conftest import World
from tests.services.offline.proxy import Relay

pytestmark = pytest.mark.postgres
WAIT = 20_000
MINE_TITLE = "Städtjänster vårdlokaler, ändrat offline"


def _prepare(world: World) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """Karin logs in as the server's login; a förvaltning, a plan item she is on the roster of."""
    with Session(world.server) as s, s.begin():
        s.execute(update(Person).where(Person.id == world.me).values(login="postgres"))
        region = Organisation(version=1, name="Region Sörmland", kind="region", region="SRM")
        s.add(region)
        s.flush()
        unit = Organisation(version=1, name="Hälso- och sjukvårdsförvaltningen",
                            kind="forvaltning", region="SRM", parent_id=region.id)  # fmt: skip
        s.add(unit)
        s.flush()
        s.execute(update(Person).where(Person.id == world.me).values(organisation_id=unit.id))
        region_id, unit_id = region.id, unit.id
    online = Services.create(ServiceContext(make_sessionmaker(world.server), actor="postgres"))
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
    participant = online.jav.add_participant(
        {"person_id": world.me, "role": "Beställare", "added_on": date(2026, 2, 1)},
        plan_item_id=item.id,
    )
    return unit_id, item.id, participant


@pytest.fixture
def relay(world: World) -> Iterator[Relay]:
    """A relay in front of the test server (cut: the server is gone)."""
    url = world.server.url
    relayed = Relay((str(url.host), int(url.port or 5432)))
    yield relayed
    relayed.cut()


def _replica_version(replica: Engine, item_id: uuid.UUID) -> int | None:
    """The plan item's version in the replica file."""
    with replica.connect() as conn:
        return conn.execute(select(PlanItem.version).where(PlanItem.id == item_id)).scalar()


def _pick(combo: QComboBox, key: object) -> None:
    """Choose the entry whose data is *key*."""
    index = combo.findData(str(key))
    assert index >= 0, key
    combo.setCurrentIndex(index)


def _draft_award(qtbot: QtBot, services: Services, tasks: Any, unit: uuid.UUID, me: uuid.UUID):
    """The person types a new direct award in the editor and saves it."""
    editor = DirectAwardEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.start(None)
    qtbot.waitUntil(lambda: editor.fields.combos["decision_maker_id"].count() > 1, timeout=WAIT)
    fields = editor.fields
    fields.lines["title"].setText("Centrifug till laboratoriet")
    fields.lines["cpv"].setText("38432000-2")
    fields.value.setText("250 000")
    fields.award_date.setDate(QDate(2026, 5, 12))
    _pick(fields.combos["organisation_id"], unit)
    _pick(fields.combos["requester_id"], me)
    _pick(fields.combos["decision_maker_id"], me)
    editor.buttons["saveButton"].click()
    qtbot.waitUntil(lambda: editor.detail is not None and not editor._busy, timeout=WAIT)
    editor.close()


def _sign_declaration(qtbot: QtBot, services: Services, tasks: Any, participant: uuid.UUID):
    """The person answers every ground "nej", accepts both undertakings and signs."""
    editor = DeclarationEditor(services.jav, tasks, participant)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.form_data is not None, timeout=WAIT)
    for widgets in editor.grounds.values():
        widgets.no.setChecked(True)
    editor.report_changes.setChecked(True)
    editor.secrecy.setChecked(True)
    with qtbot.waitSignal(editor.signed, timeout=WAIT):
        editor.sign_button.click()
    editor.close()


def _resolve_keeping_mine(qtbot: QtBot, window: Any, controller: Any) -> None:
    """Click the status label, keep one's own title in the conflicts view."""
    controller.label.clicked.emit()
    dialog = window.findChild(ConflictsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=WAIT)
    keys = [
        dialog.table.item(i, 0).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.table.rowCount())
    ]  # type: ignore[union-attr]
    rows = [i for i, key in enumerate(keys) if key == "plan_item.title"]
    assert len(rows) == 1
    choice = dialog.table.cellWidget(rows[0], 4)
    assert isinstance(choice, QComboBox)
    choice.setCurrentIndex(choice.findData(MINE))
    dialog.save_choices()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=WAIT)
    dialog.close()


def test_the_server_goes_away_mid_session_and_every_draft_reaches_it(
    qtbot: QtBot, world: World, relay: Relay, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inkop_desktop.startup import Startup

    unit, item_id, participant = _prepare(world)
    monkeypatch.setattr(offline_switch, "PROBE_MS", 100)
    url = world.server.url.set(port=relay.port).render_as_string(hide_password=False)
    startup = Startup(demo=False, database=url, view="plan", screenshot=None)
    window = startup.window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    controller = startup.offline_sync
    assert controller is not None
    notices: list[str] = []
    window.statusBar().messageChanged.connect(notices.append)
    replica_file = replica_path(data_dir(), url, "postgres")
    qtbot.waitUntil(lambda: " väntar" in controller.label.text(), timeout=WAIT)
    assert controller.label.text().startswith("Online")
    services = startup.connection.services  # type: ignore[union-attr]
    online = services.plan.get(item_id)
    version = services.plan.update(  # saved on the server; the replica follows within seconds
        item_id, online.version, {**online.data.model_dump(), "title": "Städtjänster 2026"}
    ).version
    replica = open_replica(Path(replica_file))
    qtbot.waitUntil(lambda: _replica_version(replica, item_id) == version, timeout=WAIT)

    relay.cut()  # the server goes away mid-session
    _draft_award(qtbot, services, startup.tasks, unit, world.me)
    assert controller.switch.mode is Mode.FAILED
    assert controller.label.text().startswith("OFFLINE")
    assert notices[-1] == offline_switch.SAVED_OFFLINE  # the person sees the save was kept
    assert controller.bar.isVisible() and offline_switch.SAVED_OFFLINE in controller.bar.text()
    assert window.database_label.text() == "Offline – lokal kopia"
    _sign_declaration(qtbot, services, startup.tasks, participant)
    detail = services.plan.get(item_id)
    assert detail.version == version
    services.plan.update(item_id, version, {**detail.data.model_dump(), "title": MINE_TITLE})
    with Session(world.server) as s, s.begin():  # meanwhile someone changes it on the server
        s.get_one(PlanItem, item_id).title = "Städtjänster vårdlokaler, ändrat på servern"
    qtbot.waitUntil(lambda: "3 ändringar väntar" in controller.label.text(), timeout=WAIT)
    assert notices.count(offline_switch.WENT_OFFLINE) == 1  # once, not per call

    relay.restore()  # the server is back: the probe finds it, the window synchronises
    qtbot.waitUntil(lambda: controller.switch.online, timeout=WAIT)
    qtbot.waitUntil(lambda: "1 konflikt att lösa" in controller.label.text(), timeout=WAIT)
    assert controller.label.text().startswith("Online")
    assert offline_switch.BACK_ONLINE in notices and not controller.bar.isVisible()
    assert window.database_label.text().startswith("Gemensam databas: 127.0.0.1")
    _resolve_keeping_mine(qtbot, window, controller)
    qtbot.waitUntil(
        lambda: (
            "0 ändringar väntar" in controller.label.text()
            and "konflikt" not in controller.label.text()
        ),
        timeout=WAIT,
    )

    def server_title() -> str:
        with Session(world.server) as s:
            return s.get_one(PlanItem, item_id).title

    qtbot.waitUntil(lambda: server_title() == MINE_TITLE, timeout=WAIT)  # sent with the next sync
    with Session(world.server) as s:
        titles = s.scalars(select(DirectAward.title)).all()
        assert titles == ["Centrifug till laboratoriet"]
        declarations = s.scalars(
            select(JavDeclaration).where(JavDeclaration.participant_id == participant)
        ).all()
        assert len(declarations) == 1 and declarations[0].signed_at is not None
    with replica.connect() as conn:
        assert conn.execute(select(OUTBOX)).all() == []
    replica.dispose()
    startup.tasks.wait_idle()
    window.close()


def test_arbeta_offline_and_synkronisera_nu_from_the_menu(
    qtbot: QtBot, world: World, relay: Relay
) -> None:
    from inkop_desktop.gui.actions import ActionId
    from inkop_desktop.startup import Startup

    _unit, item_id, _participant = _prepare(world)
    url = world.server.url.set(port=relay.port).render_as_string(hide_password=False)
    startup = Startup(demo=False, database=url, view="plan", screenshot=None)
    window = startup.window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    controller = startup.offline_sync
    assert controller is not None
    qtbot.waitUntil(lambda: " väntar" in controller.label.text(), timeout=WAIT)
    work_offline = window.registry[ActionId.WORK_OFFLINE]
    assert work_offline.isEnabled() and work_offline.isCheckable()
    assert work_offline.shortcut().toString() == "Ctrl+Shift+O"
    work_offline.trigger()  # checked: a pull, then the replica
    qtbot.waitUntil(lambda: controller.label.text().startswith("OFFLINE"), timeout=WAIT)
    assert controller.switch.mode is Mode.CHOSEN
    services = startup.connection.services  # type: ignore[union-attr]
    detail = services.plan.get(item_id)
    with pytest.raises(NeedsServerError, match="kräver anslutning till den gemensamma databasen"):
        services.plan.move(item_id, detail.version, PlanStatus.ANNONSERAD)
    services.plan.update(item_id, detail.version, {**detail.data.model_dump(), "title": MINE_TITLE})
    qtbot.waitUntil(lambda: "1 ändring väntar" in controller.label.text(), timeout=WAIT)
    window.registry[ActionId.SYNC_NOW].trigger()  # sends while still working offline
    qtbot.waitUntil(lambda: "0 ändringar väntar" in controller.label.text(), timeout=WAIT)
    assert controller.switch.mode is Mode.CHOSEN
    with Session(world.server) as s:
        assert s.get_one(PlanItem, item_id).title == MINE_TITLE
    work_offline.trigger()  # unchecked: back to the server
    qtbot.waitUntil(lambda: controller.switch.online, timeout=WAIT)
    assert not services.context.offline and not work_offline.isChecked()
    startup.tasks.wait_idle()
    window.close()
