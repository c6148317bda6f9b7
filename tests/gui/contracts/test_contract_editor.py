"""The contract editor: create and edit through the form, refusals in Swedish, options, files."""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import Path
from unittest import mock

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.gui import conflict_dialog
from inkop_desktop.gui.conflict import Choice
from inkop_desktop.gui.contracts.amendments import AmendmentDialog
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.contracts.files import AttachmentPanel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.contract_helpers import contract_data


def _editor(
    qtbot: QtBot, services: Services, tasks: TaskRunner, contract_id=None
) -> ContractEditor:  # type: ignore[no-untyped-def]
    editor = ContractEditor(services.contracts, tasks)
    qtbot.addWidget(editor)
    editor.start(contract_id)
    qtbot.waitUntil(lambda: editor.is_ready)
    return editor


def _fill(editor: ContractEditor, rows: BaseRows, *, owner: bool = True) -> None:
    """Type a complete new contract, optionally leaving out the avtalsägare."""
    f = editor.fields
    f.texts["title"].setText("Tolktjänster för vården")
    f.texts["contract_number"].setText("GEM-2026-0042")
    f.texts["cpv"].setText("79540000-1")
    f.parties.setCurrentIndex(f.parties.findData("BADA"))
    f.procedure.setCurrentIndex(f.procedure.findData("forenklat"))
    f.supplier_pick.setCurrentText("Städ & Service AB (556016-0680)")
    editor.findChild(QPushButton, "addSupplierButton").click()
    f.start.setDate(QDate(2026, 1, 1))
    f.end.setDate(QDate(2027, 12, 31))
    f.notice.setValue(3)
    f.total.setText("1 800 000")
    f.annual.setText("900 000 kr")
    if owner:
        f.owner.setCurrentIndex(f.owner.findData(str(rows.owner)))
    f.officer.setCurrentIndex(f.officer.findData(str(rows.officer)))


def _save_button(editor: ContractEditor) -> QPushButton:
    button = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None and button.text() == "Spara"
    return button


def test_create_a_contract_with_an_option_through_the_form(
    qtbot: QtBot, qtmodeltester: object, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    assert editor.windowTitle() == "Nytt avtal"
    _fill(editor, base_rows)
    editor.findChild(QPushButton, "addOptionButton").click()
    qtmodeltester.check(editor.options)  # type: ignore[attr-defined]
    deadline = editor.options.index(0, 4).data()
    assert deadline == "2027-09-30"  # three months before the end of the period before it
    assert editor.notice_date.text() == "2027-09-30"
    assert "2028-12-31" in editor.latest_end.text()
    with qtbot.waitSignal(editor.saved):
        _save_button(editor).click()
    (row,) = services.contracts.list(ListQuery(text="tolk")).rows
    assert (row.contract_number, row.supplier, row.owner) == (
        "GEM-2026-0042",
        "Städ & Service AB",
        "Åsa Öberg",
    )
    stored = services.contracts.get(row.id)
    assert (stored.data.total_value_ore, stored.data.annual_value_ore) == (180_000_000, 90_000_000)
    assert [(o.months, o.decision_deadline) for o in stored.options] == [(12, date(2027, 9, 30))]


def test_edit_a_contract_and_decide_an_option(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    created = services.contracts.create(contract_data(base_rows), [{"months": 12}])
    editor = _editor(qtbot, services, tasks, created.id)
    assert editor.windowTitle() == "Avtal – SRM-2026-0001 Städtjänster Nyköping"
    assert editor.fields.total.text() == "3\u00a0000\u00a0000 kr"
    editor.fields.texts["title"].setText("Städtjänster Nyköping och Oxelösund")
    assert editor.options.setData(editor.options.index(0, 3), OptionDecision.UTNYTTJAD.value)
    assert editor.fields.end_date() == date(2027, 12, 31)  # extended to the option's end
    assert editor.options.index(0, 4).data() == "2026-09-30"
    with qtbot.waitSignal(editor.saved):
        editor.save()
    stored = services.contracts.get(created.id)
    assert stored.data.title == "Städtjänster Nyköping och Oxelösund"
    assert stored.data.end_date == date(2027, 12, 31)
    assert [(o.decision, o.decision_deadline) for o in stored.options] == [
        (OptionDecision.UTNYTTJAD, date(2026, 9, 30))
    ]


def test_missing_avtalsagare_is_refused_in_swedish_and_nothing_saved(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    _fill(editor, base_rows, owner=False)
    editor.tabs.setCurrentIndex(0)
    _save_button(editor).click()
    qtbot.waitUntil(lambda: editor.error.text() != "")
    assert editor.field_errors.message("owner_id") == (
        "Avtalsägare (verksamheten) måste väljas. Varje avtal ska ha både en avtalsägare i "
        "verksamheten och en handläggare i inköpsverksamheten."
    )
    assert editor.error.text() == editor.field_errors.message("owner_id")
    assert editor.tabs.currentWidget().objectName() == "valueTab"
    assert editor.fields.texts["title"].text() == "Tolktjänster för vården"
    assert services.contracts.list(ListQuery()).total == 0


def test_an_unreadable_amount_is_named_and_nothing_is_sent(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    _fill(editor, base_rows)
    editor.fields.total.setText("en miljon")
    editor.fields.annual.setText("tusen")
    editor.save()
    assert editor.field_errors.message("total_value_ore") == (
        "Totalt värde: ”en miljon” är inte ett belopp."
    )
    assert "Årligt värde: ”tusen” är inte ett belopp." in editor.error.text()
    assert editor.tabs.currentWidget().objectName() == "valueTab"
    assert tasks.pending == 0


def test_concurrent_edit_keeps_the_input_and_offers_a_reload(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    created = services.contracts.create(contract_data(base_rows))
    editor = _editor(qtbot, services, tasks, created.id)
    services.contracts.update(
        created.id, created.version, {**created.data.model_dump(), "title": "Ändrad av Åsa"}
    )
    editor.fields.texts["title"].setText("Min ändring")
    with mock.patch.object(conflict_dialog, "ask_choice", return_value=Choice.CONTINUE) as asked:
        editor.save()
        qtbot.waitUntil(lambda: asked.called)
    assert "Posten har ändrats av någon annan" in editor.error.text()
    assert editor.fields.texts["title"].text() == "Min ändring"
    assert services.contracts.get(created.id).data.title == "Ändrad av Åsa"


def test_amendment_is_added_and_the_original_value_kept(
    qtbot: QtBot, qtmodeltester: object, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    created = services.contracts.create(contract_data(base_rows))
    dialog = AmendmentDialog(services.contracts, tasks, created.id, created.version)
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2026, 3, 1))
    dialog.reason.setPlainText("Utökad volym, ändring av mindre värde")
    dialog.value.setText("3 300 000")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.stored is not None)
    editor = _editor(qtbot, services, tasks, created.id)
    qtmodeltester.check(editor.amendments.model)  # type: ignore[attr-defined]
    assert editor.amendments.model.index(0, 1).data() == "Utökad volym, ändring av mindre värde"
    summary = editor.amendments.summary.text().replace("\u00a0", " ")
    assert summary == "Ursprungligt värde: 3 000 000 kr – aktuellt värde: 3 300 000 kr"
    assert services.contracts.get(created.id).data.total_value_ore == 3_000_000_00


def _panel(
    qtbot: QtBot, services: Services, tasks: TaskRunner, rows: BaseRows
) -> tuple[ContractEditor, AttachmentPanel, uuid.UUID]:
    created = services.contracts.create(contract_data(rows))
    editor = _editor(qtbot, services, tasks, created.id)
    return editor, editor.attachments, created.id


def test_attachment_over_50_mb_is_refused_with_a_swedish_message(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    editor, panel, contract_id = _panel(qtbot, services, tasks, base_rows)
    big = tmp_path / "ritningar.zip"
    with big.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: takes no disk space
    panel.add_file(big)
    qtbot.waitUntil(lambda: "högst 50 MB" in editor.error.text())
    assert editor.error.text().startswith("Filen är 51,0 MB.")
    assert services.contracts.get(contract_id).attachments == ()


def test_attachment_is_added_opened_and_saved_as_a_verified_copy(
    qtbot: QtBot,
    qtmodeltester: object,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
    tmp_path: Path,
) -> None:
    _view, panel, _contract_id = _panel(qtbot, services, tasks, base_rows)
    source = tmp_path / "Avtal signerat åäö.pdf"
    source.write_bytes(b"%PDF-1.7 avtal" * 50)
    panel.add_file(source)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]
    assert panel.model.index(0, 0).data() == "Avtal signerat åäö.pdf"
    with mock.patch("inkop_desktop.gui.contracts.files.QDesktopServices.openUrl") as opened:
        panel.open_selected()
        qtbot.waitUntil(lambda: opened.called)
    assert panel.opened is not None and panel.opened.read_bytes() == source.read_bytes()
    target = tmp_path / "kopia.pdf"
    with mock.patch(
        "inkop_desktop.gui.contracts.files.QFileDialog.getSaveFileName",
        return_value=(str(target), ""),
    ):
        panel.save_selected()
        qtbot.waitUntil(target.exists)
    qtbot.waitUntil(lambda: "Sparad" in panel.hint.text())
    assert target.read_bytes() == source.read_bytes()


def test_new_contract_cannot_get_files_or_amendments_before_it_is_saved(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = _editor(qtbot, services, tasks)
    assert not editor.attachments.add_button.isEnabled()
    assert not editor.amendments.add_button.isEnabled()
    assert "Spara avtalet först" in editor.attachments.hint.text()
    assert isinstance(editor.attachments, AttachmentPanel)


def test_every_tab_renders(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    """Every tab paints at a usable size (set INKOP_SCREENSHOTS=DIR to keep the pictures)."""
    folder = Path(os.environ.get("INKOP_SCREENSHOTS", tmp_path))
    created = services.contracts.create(contract_data(base_rows), [{"months": 12}])
    editor = _editor(qtbot, services, tasks, created.id)
    editor.show()
    for i in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(i)
        name = editor.tabs.currentWidget().objectName()
        picture = editor.grab()
        assert picture.width() >= 600 and picture.height() >= 400, name
        assert picture.save(str(folder / f"avtal-{name}.png"))


def test_after_adding_a_file_the_open_form_still_saves_without_a_false_conflict(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    editor, panel, contract_id = _panel(qtbot, services, tasks, base_rows)
    opened = services.contracts.get(contract_id).version
    source = tmp_path / "bilaga.pdf"
    source.write_bytes(b"%PDF-1.7 bilaga")
    panel.add_file(source)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert services.contracts.get(contract_id).version == opened + 1
    editor.fields.texts["title"].setText("Städtjänster med bilaga")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    stored = services.contracts.get(contract_id)
    assert stored.data.title == "Städtjänster med bilaga"
    assert [a.filename for a in stored.attachments] == ["bilaga.pdf"]
