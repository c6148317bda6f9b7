"""Bevakning: "Skapa planpost" from an alert, the reports dialog, the calendar export, the view."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from unittest import mock

from icalendar import Calendar
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from inkop_desktop.gui import views
from inkop_desktop.gui.contracts.alerts import ContractAlertsDialog, export_calendar
from inkop_desktop.gui.contracts.commands import ContractCommands
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.contracts.reports import ContractReportsDialog
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.contract_helpers import contract_data


def _expiring(services: Services, rows: BaseRows) -> None:
    """A direct-award-sized contract ending in 40 days: always inside its 2-month lead time."""
    today = date.today()
    services.contracts.create(
        contract_data(
            rows,
            start_date=today - timedelta(days=400),
            end_date=today + timedelta(days=40),
            total_value_ore=500_000_00,
            annual_value_ore=400_000_00,
        )
    )


def test_skapa_planpost_from_an_alert_creates_a_linked_plan_item(
    qtbot: QtBot, qtmodeltester: object, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _expiring(services, base_rows)
    dialog = ContractAlertsDialog(services.contract_alerts, tasks)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded):
        dialog.reload()
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == "SRM-2026-0001"
    assert dialog.model.index(0, 7).data() == "saknas"
    assert "Avtalet löper ut" in dialog.detail.text()
    assert "direktupphandling, ledtid 2 månader" in dialog.detail.text()
    assert dialog.status.text() == "1 avtal inom ledtiden, varav 1 utan planpost."
    assert dialog.create_button.text() == "Skapa planpost" and dialog.create_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded):
        dialog.create_button.click()
    year = date.today().year
    assert (
        dialog.error.text()
        == f"Planpost UP-{year}-0001 skapad: Ny upphandling: Städtjänster Nyköping"
    )
    assert dialog.model.rowCount() == 0  # no longer a suggestion
    dialog.only_suggestions.setChecked(False)
    assert dialog.model.index(0, 7).data() == f"UP-{year}-0001"
    assert not dialog.create_button.isEnabled()
    (item,) = services.plan.list(ListQuery(text="Ny upphandling")).rows
    assert (item.reference, item.status, item.responsible) == (
        f"UP-{year}-0001",
        "planerad",
        "Karin Öberg",
    )


def test_reports_dialog_shows_every_report(
    qtbot: QtBot, qtmodeltester: object, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _expiring(services, base_rows)
    dialog = ContractReportsDialog(services.contract_reports, tasks)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded):
        dialog.reload()
    for model in dialog.models.values():
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert dialog.models["missing"].rowCount() == 0
    region = dialog.models["region"]
    assert [region.index(i, 0).data() for i in range(3)] == [
        "Region Sörmland",
        "Region Västmanland",
        "Båda regionerna",
    ]
    assert region.index(0, 2).data() == "500\u00a0000 kr"
    assert dialog.models["supplier"].index(0, 0).data() == "Städ & Service AB (556016-0680)"
    assert dialog.models["expiring"].rowCount() == 24
    assert "0 saknar avtalsägare eller handläggare" in dialog.status.text()


def test_calendar_export_writes_an_ics_file_outlook_can_import(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    _expiring(services, base_rows)
    target = tmp_path / "bevakning"
    told: list[str] = []
    with mock.patch(
        "inkop_desktop.gui.contracts.alerts.QFileDialog.getSaveFileName",
        return_value=(str(target), ""),
    ):
        export_calendar(None, services.contract_alerts, tasks, told.append)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: bool(told))
    saved = tmp_path / "bevakning.ics"
    assert told[0].startswith(f"1 datum exporterades till {saved}")
    events = list(Calendar.from_ical(saved.read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [date.today() + timedelta(days=40)]
    assert str(events[0]["summary"]) == "Avtalet löper ut: SRM-2026-0001 Städtjänster Nyköping"


def test_avtal_view_offers_the_contract_commands_and_opens_on_enter(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _expiring(services, base_rows)
    opened: list[object] = []
    ran: list[str] = []
    commands = [
        (text, lambda t=text: ran.append(t))
        for text in ("Nytt avtal…", "Bevakningar…", "Rapporter…")
    ]
    page = ListPage(views.contract_view(services, opened.append, commands), tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    offered = {a.text(): a for a in page.command_actions}
    assert list(offered) == ["Nytt avtal…", "Bevakningar…", "Rapporter…"]
    offered["Bevakningar…"].trigger()
    assert ran == ["Bevakningar…"]
    page.table.selectRow(0)
    page.table.doubleClicked.emit(page.model.index(0, 0))
    assert [row.contract_number for row in opened] == ["SRM-2026-0001"]  # type: ignore[attr-defined]


def test_contract_commands_reread_the_lists_after_a_save(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    changed: list[bool] = []
    commands = ContractCommands(window, services, tasks, lambda: changed.append(True))
    assert [text for text, _run in commands.commands()] == [
        "Nytt avtal…",
        "Bevakningar…",
        "Rapporter…",
        "Till kalender (iCalendar)…",
    ]
    with mock.patch.object(ContractEditor, "ask", return_value=None) as asked:
        commands.edit(None)
    assert asked.called and changed == []
    with mock.patch.object(ContractEditor, "ask", return_value=object()):
        commands.edit(None)
    assert changed == [True]
