"""Upphandlingsplan in the GUI: form, workflow, procedure advice, coordination, timeline, search."""

from __future__ import annotations

from datetime import date
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QGraphicsRectItem, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Organisation
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.domain.plan.status import PlanStatus, Procedure
from inkop_desktop.gui import conflict_dialog
from inkop_desktop.gui.conflict import Choice
from inkop_desktop.gui.contracts.catalogue import CataloguePage
from inkop_desktop.gui.plan.coordination import CoordinationDialog
from inkop_desktop.gui.plan.editor import PlanItemEditor
from inkop_desktop.gui.plan.timeline import TimelinePage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.conftest import acting_as


def _editor(qtbot: QtBot, services: Services, tasks: TaskRunner) -> PlanItemEditor:
    editor = PlanItemEditor(services, tasks)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.buttons.isEnabled() and editor.responsible.count() > 0)
    return editor


def _fill(editor: PlanItemEditor, **values: str) -> None:
    editor.title.setText(values.get("title", "Städtjänster vårdlokaler"))
    editor.year.setValue(2025)
    editor.cpv.setText(values.get("cpv", "90910000-9"))
    editor.total.setText(values.get("total", "3 000 000"))
    editor.dates["planned_start"].set_value(date.fromisoformat(values.get("start", "2025-03-01")))


def test_create_and_edit_a_plan_item_through_the_form(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    _fill(editor)
    editor.procedure.setCurrentIndex(editor.procedure.findData(Procedure.OPPET))
    editor.save()
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=5000)
    row = services.plan.list(ListQuery(text="städtjänster")).rows[0]
    assert (row.reference, row.estimated_total_ore, row.status) == (
        "UP-2025-0001",
        3_000_000_00,
        "planerad",
    )

    second = _editor(qtbot, services, tasks)
    second.open_item(row.id)
    qtbot.waitUntil(lambda: second.title.text() == "Städtjänster vårdlokaler")
    assert second.total.text() == "3\u00a0000\u00a0000"
    second.title.setText("Städtjänster vårdlokaler 2025–2029")
    second.save()
    qtbot.waitUntil(lambda: second.result() == 1, timeout=5000)
    assert services.plan.get(row.id).data.title == "Städtjänster vårdlokaler 2025–2029"


def test_bad_input_is_explained_and_kept(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    _fill(editor, total="tre miljoner")
    editor.save()
    assert "inte ett belopp" in editor.fields.message("estimated_total_ore")
    assert editor.error.text() == editor.fields.message("estimated_total_ore")
    editor.total.setText("3 000 000")
    editor.dates["award_on"].set_value(date(2025, 2, 1))
    editor.dates["advertise_on"].set_value(date(2025, 3, 1))
    editor.save()
    qtbot.waitUntil(lambda: "kan inte ligga före" in editor.error.text(), timeout=5000)
    assert editor.title.text() == "Städtjänster vårdlokaler"
    assert services.plan.list(ListQuery()).total == 0


def test_every_problem_is_shown_beside_its_field_and_the_first_tab_is_selected(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    _fill(editor)
    reason, agenda = "motivering " * 500, "mål " * 1300
    editor.texts["procedure_reason"].setPlainText(reason)
    editor.texts["agenda2030"].setPlainText(agenda)
    editor.tabs.setCurrentIndex(3)
    editor.save()
    qtbot.waitUntil(lambda: editor.fields.message("agenda2030") != "", timeout=5000)
    assert "för långt" in editor.fields.message("procedure_reason")
    assert "för långt" in editor.fields.message("agenda2030")
    assert editor.tabs.currentIndex() == 1
    assert editor.error.text().splitlines() == [
        editor.fields.message("procedure_reason"),
        editor.fields.message("agenda2030"),
    ]
    assert editor.texts["agenda2030"].toolTip() == editor.fields.message("agenda2030")
    assert editor.texts["agenda2030"].accessibleDescription() == editor.fields.message("agenda2030")
    assert editor.texts["procedure_reason"].toPlainText() == reason
    assert editor.texts["agenda2030"].toPlainText() == agenda
    assert editor.title.text() == "Städtjänster vårdlokaler"
    editor.texts["procedure_reason"].setPlainText("Ramavtal saknas.")
    assert editor.fields.message("procedure_reason") == ""
    assert editor.texts["procedure_reason"].toolTip() == ""
    assert editor.error.text() == editor.fields.message("agenda2030")
    assert services.plan.list(ListQuery()).total == 0


def test_milestones_are_picked_as_dates_or_left_without_one(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    _fill(editor)
    award = editor.dates["award_on"]
    assert award.value() is None and award.edit.calendarPopup()
    assert award.edit.displayFormat() == "yyyy-MM-dd"
    award.given.setChecked(True)
    award.edit.setDate(QDate(2025, 9, 15))
    editor.save()
    qtbot.waitUntil(lambda: editor.detail is not None, timeout=5000)
    stored = services.plan.get(editor.detail.id).data
    assert (stored.award_on, stored.advertise_on) == (date(2025, 9, 15), None)


def test_the_nämnd_list_follows_the_chosen_region(
    qtbot: QtBot,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as s:
        s.add(Organisation(version=1, name="Regionstyrelsen", kind="namnd", region="SRM"))
        s.add(Organisation(version=1, name="Regionstyrelsen", kind="namnd", region="VMA"))
    editor = _editor(qtbot, services, tasks)

    def offered() -> list[str]:
        return [editor.organisations.item(i).text() for i in range(editor.organisations.count())]

    editor.parties.setCurrentIndex(editor.parties.findData(Parties.VASTMANLAND))
    assert offered() == ["Regionstyrelsen"]
    editor.parties.setCurrentIndex(editor.parties.findData(Parties.BADA))
    assert "Regionstyrelsen (Sörmland)" in offered()
    assert "Regionstyrelsen (Västmanland)" in offered()
    editor.parties.setCurrentIndex(editor.parties.findData(Parties.SORMLAND))
    assert "Regionstyrelsen" in offered() and "Region Sörmland" in offered()


def test_a_reader_sees_the_item_read_only_with_the_rule_and_no_spara(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    item = services.plan.create(_data(base_rows))
    reader = acting_as(services, "bo.b", "Bo Budget", Role.BUDGETANSVARIG)
    editor = _editor(qtbot, reader, tasks)
    editor.open_item(item.id)
    qtbot.waitUntil(lambda: editor.title.text() == item.data.title, timeout=5000)
    bar = editor.findChild(QLabel, "readOnlyReason")
    assert bar is not None and not bar.isHidden()
    assert "ändra poster i upphandlingsplanen" in bar.text() and "Inköpspolicyn" in bar.text()
    assert editor.title.isReadOnly() and editor.title.text() == item.data.title
    assert not editor.parties.isEnabled() and not editor.dates["award_on"].given.isEnabled()
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None and save.isHidden()


def test_status_moves_are_offered_only_when_they_apply_and_greyed_for_others(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    new = _editor(qtbot, services, tasks)
    assert new.move_button.isHidden() and new.next_status.isHidden()

    item = services.plan.create(_data(base_rows, responsible_id=base_rows.officer))
    colleague = acting_as(services, "ulla.u", "Ulla Upphandlare", Role.UPPHANDLARE)
    editor = _editor(qtbot, colleague, tasks)
    editor.open_item(item.id)
    qtbot.waitUntil(lambda: editor.next_status.count() > 0, timeout=5000)
    assert not editor.move_button.isHidden() and not editor.move_button.isEnabled()
    assert "ansvarig för posten" in editor.move_button.toolTip()
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None and not save.isHidden() and save.isEnabled()


def test_a_closed_item_opens_read_only_with_the_reason(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    item = services.plan.create(_data(base_rows))
    services.plan.move(item.id, item.version, PlanStatus.AVBRUTEN)
    editor = _editor(qtbot, services, tasks)
    editor.open_item(item.id)
    qtbot.waitUntil(lambda: editor.title.text() == item.data.title, timeout=5000)
    bar = editor.findChild(QLabel, "readOnlyReason")
    assert bar is not None and not bar.isHidden()
    assert "avslutad (”Avbruten”)" in bar.text()
    assert editor.title.isReadOnly() and editor.move_button.isHidden()
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None and save.isHidden()


def test_procedure_suggestion_follows_the_threshold_date(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    _fill(editor, total="650 000", start="2022-01-20")
    qtbot.waitUntil(lambda: "Förenklat förfarande" in editor.advice.text(), timeout=5000)
    assert "626\u00a0284 kr" in editor.advice.text()
    editor.dates["planned_start"].set_value(date(2022, 2, 1))
    qtbot.waitUntil(lambda: editor.advice.text().startswith("• Direktupphandling"), timeout=5000)
    assert "19 a kap. 3 §" in editor.advice.toolTip() and "§" not in editor.advice.text()


def test_forbidden_status_move_is_refused(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    item = services.plan.create(_data(base_rows))
    editor = _editor(qtbot, services, tasks)
    editor.open_item(item.id)
    qtbot.waitUntil(lambda: editor.next_status.count() > 0)
    offered = {editor.next_status.itemData(i) for i in range(editor.next_status.count())}
    assert offered == {PlanStatus.FORBEREDELSE, PlanStatus.AVBRUTEN}
    editor.next_status.addItem(
        "Avtal tecknat", PlanStatus.AVTAL_TECKNAT
    )  # as if the list were stale
    editor.next_status.setCurrentIndex(editor.next_status.count() - 1)
    editor.move_status()
    qtbot.waitUntil(
        lambda: "kan inte gå från ”Planerad” till ”Avtal tecknat”" in editor.error.text()
    )
    editor.next_status.setCurrentIndex(editor.next_status.findData(PlanStatus.FORBEREDELSE))
    editor.move_status()
    qtbot.waitUntil(lambda: editor.status.text() == "Status: Förberedelse")
    assert services.plan.get(item.id).status is PlanStatus.FORBEREDELSE


def _data(rows: BaseRows, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = dict(
        title="Lokalvård",
        year=2025,
        parties=Parties.SORMLAND,
        organisation_ids=(rows.region,),
        cpv_codes=("90910000-9",),
        estimated_total_ore=3_000_000_00,
        procedure=Procedure.OPPET,
        planned_start=date(2025, 3, 1),
        needs_analysis_on=date(2025, 1, 10),
        contract_start_on=date(2025, 10, 1),
    )
    data.update(changes)
    return data


def test_merge_two_coordinated_items(
    qtbot: QtBot,
    services: Services,
    base_rows: BaseRows,
    sessions: sessionmaker[Session],
    tasks: TaskRunner,
) -> None:
    with sessions.begin() as s:
        vma = Organisation(version=1, name="Region Västmanland", kind="region", region="VMA")
        s.add(vma)
        s.flush()
        vma_id = vma.id
    services.plan.create(_data(base_rows))
    services.plan.create(_data(base_rows, parties=Parties.VASTMANLAND, organisation_ids=(vma_id,)))
    dialog = CoordinationDialog(services.plan, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1)
    group = dialog.tree.topLevelItem(0)
    assert group is not None and group.childCount() == 2
    for i in range(2):
        child = group.child(i)
        assert child is not None
        child.setCheckState(0, child.checkState(0).Checked)
    with mock.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        dialog.merge()
        qtbot.waitUntil(lambda: bool(dialog.merged), timeout=5000)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 0)
    rows = services.plan.list(ListQuery()).rows
    assert [(r.reference, r.parties) for r in rows] == [(dialog.merged[0], "BADA")]


def test_timeline_draws_one_bar_per_item(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    services.plan.create(_data(base_rows))
    services.plan.create(_data(base_rows, title="Fönsterputs"))
    page = TimelinePage(services.plan, tasks)
    qtbot.addWidget(page)
    page.year.setValue(2025)
    qtbot.waitUntil(lambda: page.has_loaded, timeout=5000)
    bars = [
        i
        for i in page.scene.items()
        if isinstance(i, QGraphicsRectItem) and "UP-2025" in i.toolTip()
    ]
    assert len(bars) == 2
    assert "2 planposter" in page.status.text()


def test_catalogue_search_updates_as_the_user_types(
    qtbot: QtBot, qtmodeltester: Any, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    today = date.today()
    services.contracts.create(
        dict(
            contract_number="SRM-2026-0100",
            title="Undersökningshandskar",
            parties=Parties.SORMLAND,
            procedure=Procedure.OPPET,
            cpv="33141420-0",
            start_date=date(today.year - 1, 1, 1),
            end_date=date(today.year + 2, 12, 31),
            total_value_ore=1_000_000_00,
            owner_id=base_rows.owner,
            handlaggare_id=base_rows.officer,
            supplier_ids=(base_rows.supplier,),
            keywords="handskar nitril",
        )
    )
    page = CataloguePage(services.catalogue, tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("nitril")
    assert page.model.rowCount() == 1 and page.model.row_at(0).contract_number == "SRM-2026-0100"
    qtmodeltester.check(page.model)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("städ service")
    assert page.model.rowCount() == 1
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("rollator")
    assert page.model.rowCount() == 0 and "Inget avtal" in page.status.text()


def test_concurrent_edit_offers_the_saved_version(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    item = services.plan.create(_data(base_rows))
    editor = _editor(qtbot, services, tasks)
    editor.open_item(item.id)
    qtbot.waitUntil(lambda: editor.title.text() == "Lokalvård")
    services.plan.update(item.id, item.version, {**item.data.model_dump(), "title": "Lokalvård 2"})
    editor.title.setText("Min ändring")
    with mock.patch.object(conflict_dialog, "ask_choice", return_value=Choice.RELOAD):
        editor.save()
        qtbot.waitUntil(lambda: editor.title.text() == "Lokalvård 2", timeout=5000)
    assert "Posten har ändrats av någon annan" in editor.error.text()
    assert services.plan.get(item.id).data.title == "Lokalvård 2"


def test_print_writes_the_filtered_plan_as_pdf(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from inkop_desktop.gui import views
    from inkop_desktop.gui.main_window import MainWindow
    from inkop_desktop.gui.plan.commands import PlanCommands

    services.plan.create(_data(base_rows))
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    window.add_pages([views.plan_view(services)])
    page = window.show_view("plan")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=5000)  # type: ignore[attr-defined]
    target = tmp_path / "plan.pdf"
    commands = PlanCommands(window, services, tasks, lambda: None)
    with (
        mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")),
        mock.patch.object(QMessageBox, "information") as told,
    ):
        commands.print_plan()
        qtbot.waitUntil(lambda: told.called, timeout=10000)
    assert target.read_bytes().startswith(b"%PDF")


def test_need_form_explains_bad_input_and_lands_as_behov_anmalt(
    qtbot: QtBot,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
    sessions: sessionmaker[Session],
) -> None:
    from inkop_desktop.gui.plan.need_dialog import NeedDialog

    with sessions.begin() as s:
        s.add(Organisation(version=1, name="Regionservice", kind="forvaltning", region="SRM"))

    dialog = NeedDialog(services.plan, services.people, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=5000)
    dialog.title.setText("Nya rullstolar")
    dialog.description.setPlainText("Ersätter slitna rullstolar.")
    dialog.value.setText("400 000")
    dialog.value.setText("fyrahundratusen")
    dialog.send()
    assert "inte ett belopp" in dialog.fields.message("estimated_total_ore")
    dialog.value.setText("400 000")
    assert dialog.fields.message("estimated_total_ore") == ""
    dialog.needed_by.setDate(QDate(2026, 4, 1))
    dialog.send()
    qtbot.waitUntil(
        lambda: "Nämnd/förvaltning: måste väljas" in dialog.fields.message("organisation_id"),
        timeout=5000,
    )
    assert services.plan.list(ListQuery()).total == 0
    dialog.organisation.setCurrentIndex(1)
    dialog.send()
    qtbot.waitUntil(lambda: dialog.result_detail is not None, timeout=5000)
    assert dialog.result_detail is not None
    assert dialog.result_detail.status is PlanStatus.BEHOV_ANMALT
    assert dialog.result_detail.data.parties is Parties.SORMLAND


@pytest.mark.qt_log_ignore("does not support raise", "grabbing the keyboard", extend=True)
def test_cpv_codes_are_searched_by_code_or_name_and_each_added_to_the_list(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    editor.show()
    popup = editor.cpv_picker.completer.popup()
    editor.cpv.setFocus()
    qtbot.keyClicks(editor.cpv, "38434")
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.cpv.text() == "38434000-6", timeout=5000)
    qtbot.keyClicks(editor.cpv, ", kemtv")
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.cpv.text() == "38434000-6, 98310000-9", timeout=5000)
    assert editor.cpv.toolTip() == "Analysapparater; Tvätt och kemtvätt"
