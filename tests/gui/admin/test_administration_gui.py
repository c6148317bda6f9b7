"""The administration window: an administrator adds a unit, a person and a rule; others look."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import OrgKind, Region, Role
from inkop_desktop.gui.admin import common
from inkop_desktop.gui.admin.decide_panel import DecidePanel
from inkop_desktop.gui.admin.window import READ_ONLY, AdministrationWindow
from inkop_desktop.gui.form_helpers import select_data
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.waits import FIRST_START_MS
from tests.services.conftest import acting_as

WAIT = 10000


def _open(qtbot: QtBot, services: Services, tasks: TaskRunner) -> AdministrationWindow:
    window = AdministrationWindow(services, tasks)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.has_loaded, timeout=WAIT)
    return window


def _add_organisations(qtbot: QtBot, window: AdministrationWindow) -> None:
    tab = window.organisations
    tab.new()
    form = tab.form
    assert form is not None
    form.name.setText("Region Västmanland")
    select_data(form.kind, OrgKind.REGION)
    select_data(form.region, Region.VASTMANLAND)
    form.save()
    qtbot.waitUntil(lambda: "egen upphandlande myndighet" in form.error.text(), timeout=WAIT)
    assert "organisationsnummer" in form.orgnr.toolTip()  # marked at the field it concerns
    assert form.name.toolTip() == ""
    form.orgnr.setText("2321000172")
    assert form.orgnr.toolTip() == ""
    form.save()
    qtbot.waitUntil(lambda: "Region Västmanland" in tab.names(), timeout=WAIT)
    tab.select(next(o.id for o in window.data.organisations if o.name == "Region Västmanland"))
    tab.new()
    form = tab.form
    assert form is not None
    assert form.parent_org.currentText().strip() == "Region Västmanland"  # under the current one
    form.name.setText("Hälso- och sjukvårdsnämnden")
    select_data(form.kind, OrgKind.NAMND)
    select_data(form.region, Region.VASTMANLAND)
    form.save()
    qtbot.waitUntil(lambda: "Hälso- och sjukvårdsnämnden" in tab.names(), timeout=WAIT)


def _namnd(window: AdministrationWindow) -> object:
    return next(o.id for o in window.data.organisations if o.kind is OrgKind.NAMND)


def _add_person(qtbot: QtBot, window: AdministrationWindow) -> None:
    tab = window.people
    tab.new()
    form = tab.form
    assert form is not None
    form.name.setText("Anna Berg")
    form.login.setText("anna.berg")
    form.email.setText("Anna Berg <anna.berg@regionvastmanland>")
    form.save()
    wanted = "E-post: är inte en giltig e-postadress"
    qtbot.waitUntil(lambda: wanted in form.error.text(), timeout=WAIT)
    assert "utan namn eller <>" in form.error.text()
    assert "giltig e-postadress" in form.email.toolTip() and form.login.toolTip() == ""
    form.email.setText("anna.berg@regionvastmanland.se")
    select_data(form.organisation, _namnd(window))
    row = form.add_role(Role.MEDARBETARE)
    select_data(form.role_cell(row, 0), Role.BUDGETANSVARIG)
    select_data(form.role_cell(row, 1), _namnd(window))
    assert form.role_cell(row, 2).value() is None  # a new role: from and until further notice
    form.role_cell(row, 2).set_value(date(2026, 1, 1))
    form.role_cell(row, 3).set_value(date(2025, 12, 31))
    form.save()
    qtbot.waitUntil(lambda: "får inte vara före Från" in form.error.text(), timeout=WAIT)
    assert form.name.text() == "Anna Berg"  # nothing typed is lost
    form.role_cell(row, 3).set_value(date(2026, 12, 31))
    form.save()
    qtbot.waitUntil(lambda: any(p.login == "anna.berg" for p in window.data.people), timeout=WAIT)


def _add_rule(qtbot: QtBot, window: AdministrationWindow) -> None:
    tab = window.delegation
    tab.new()
    form = tab.form
    assert form is not None
    select_data(form.organisation, _namnd(window))
    select_data(form.role, Role.BUDGETANSVARIG)
    form.amount.setText("100 000")
    form.valid_from.setDate(QDate(2024, 1, 1))
    form.reference.setText("Delegationsordning HSN punkt 4.2")
    form.save()
    qtbot.waitUntil(lambda: len(window.data.rules) == 1, timeout=WAIT)


def test_an_administrator_builds_the_registers_and_sees_them_after_reopening(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    window = _open(qtbot, services, tasks)
    assert window.notice.isHidden()
    _add_organisations(qtbot, window)
    _add_person(qtbot, window)
    _add_rule(qtbot, window)
    window.close()

    again = _open(qtbot, services, tasks)
    assert again.organisations.names()[:2] == ["Region Västmanland", "Hälso- och sjukvårdsnämnden"]
    anna = next(p for p in again.people.model._rows if p.login == "anna.berg")
    assert anna.roles == "Budgetansvarig (Hälso- och sjukvårdsnämnden) 2026-01-01–2026-12-31"
    table = again.delegation.model
    cells = [table.index(0, c).data() for c in range(table.columnCount())]
    assert cells[:6] == [
        "Hälso- och sjukvårdsnämnden", "VMA", "Budgetansvarig", "Beslut om direktupphandling",
        "100\u00a0000 kr", "2024-01-01",
    ]  # fmt: skip
    panel = again.delegation.panel
    panel.amount.setText("80 000")
    select_data(panel.organisation, _namnd(again))
    panel.day.setDate(QDate(2026, 12, 1))
    anna_line = "Anna Berg (Hälso- och sjukvårdsnämnden): Delegationsordning HSN punkt 4.2"
    assert _answer(qtbot, panel) == [
        anna_line + " (budgetansvarig i Hälso- och sjukvårdsnämnden, högst 100\u00a0000 kr)",
        "Karin Öberg: Delegationsordning HSN punkt 4.2 (budgetansvarig i Hälso- och "
        "sjukvårdsnämnden, högst 100\u00a0000 kr)",  # the test administrator holds every role
    ]
    assert panel.summary.text() == (
        "Får besluta om 80\u00a0000 kr för Hälso- och sjukvårdsnämnden den 2026-12-01:"
    )
    panel.day.setDate(QDate(2027, 1, 10))  # Anna's role has ended
    assert [line[:9] for line in _answer(qtbot, panel)] == ["Karin Öbe"]
    panel.amount.setText("100 001")
    assert _answer(qtbot, panel) == []
    assert panel.summary.text().startswith("Ingen har delegation för 100\u00a0001 kr")


def _answer(qtbot: QtBot, panel: DecidePanel) -> list[str]:
    """Ask the panel and wait for its answer lines."""
    panel.summary.setText("")
    panel.ask()
    qtbot.waitUntil(lambda: panel.summary.text() not in ("", "Söker…"), timeout=WAIT)
    return [panel.answer.item(i).text() for i in range(panel.answer.count())]


def test_deactivating_asks_first(
    qtbot: QtBot, services: Services, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, services, tasks)
    _add_organisations(qtbot, window)
    _add_person(qtbot, window)
    row = next(i for i, p in enumerate(window.people.model._rows) if p.login == "anna.berg")
    window.people.table.selectRow(row)
    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text: asked.append(text) or False)
    window.people.deactivate()
    assert asked and asked[0].startswith("Avaktivera Anna Berg?")
    assert services.person_admin.get(window.people.current().id).active
    monkeypatch.setattr(common, "confirm", lambda *_a: True)
    window.people.deactivate()
    qtbot.waitUntil(
        lambda: not next(p for p in window.data.people if p.login == "anna.berg").active,
        timeout=WAIT,
    )


def test_someone_who_is_not_administrator_only_looks(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    services.organisation_admin.create(
        {"name": "Region Västmanland", "kind": OrgKind.REGION, "region": Region.VASTMANLAND,
         "orgnr": "232100-0172"}
    )  # fmt: skip
    olle = acting_as(services, "olle.upphandlare", "Olle Upphandlare", Role.UPPHANDLARE)
    window = _open(qtbot, olle, tasks)
    assert window.notice.text() == READ_ONLY
    assert window.organisations.names() == ["Region Västmanland"]
    tabs = (window.organisations, window.people, window.delegation)
    assert not any(b.isEnabled() for t in tabs for b in t.buttons)
    window.organisations.select(window.data.organisations[0].id)
    window.organisations.edit()
    assert window.organisations.form is None
    assert date.today()  # the panel still answers questions for everyone
    assert window.delegation.panel.ask_button.isEnabled()


def test_arkiv_administration_shows_the_page_read_only_for_the_demo_upphandlare(
    qtbot: QtBot,
) -> None:
    from inkop_desktop.gui.actions import ActionId
    from inkop_desktop.startup import Startup

    startup = Startup(demo=True, database=None, view="avtal", screenshot=None)
    qtbot.addWidget(startup.window)
    with qtbot.waitSignal(startup.window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    startup.window.registry[ActionId.ADMINISTRATION].trigger()
    page = startup.window.current_page()
    assert isinstance(page, AdministrationWindow)
    qtbot.waitUntil(lambda: page.has_loaded, timeout=WAIT)
    assert page.notice.text() == READ_ONLY
    assert "Hälso- och sjukvårdsnämnden" in page.organisations.names()
    assert page.people.model.rowCount() > 40 and page.delegation.model.rowCount() > 20
    startup.tasks.wait_idle()
