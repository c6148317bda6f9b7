"""The guided direct-award editor: from a new record to a signed decision, previews, report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.direct_award.status import AwardStatus, SignatureMethod
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui import views
from inkop_desktop.gui.direct_award import editor_actions
from inkop_desktop.gui.direct_award.editor import DirectAwardEditor
from inkop_desktop.gui.direct_award.quote_dialog import QuoteDialog
from inkop_desktop.gui.direct_award.report_dialog import ReportDialog
from inkop_desktop.gui.direct_award.sign_dialog import SignChoice, SignDialog
from inkop_desktop.gui.pdf_preview import PdfPreviewDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.certs import PASSPHRASE, ca_pem, make_p12, scan_pdf
from tests.services.award_setup import LATE, AwardWorld, as_maker, ready_record, world
from tests.services.conftest import acting_as

__all__ = ["world"]


def _pick(combo: QComboBox, key: object) -> None:
    index = combo.findData(str(key))
    assert index >= 0, key
    combo.setCurrentIndex(index)


def _fill(editor: DirectAwardEditor, world: AwardWorld) -> None:
    """Step 1 (Behov) and the texts of steps 3–5, as a user types them."""
    fields = editor.fields
    fields.lines["title"].setText("Centrifug till laboratoriet")
    fields.lines["cpv"].setText("38432000-2")
    fields.value.setText("250 000")
    fields.award_date.setDate(QDate(2025, 5, 12))
    fields.lines["duration"].setText("Engångsleverans")
    _pick(fields.combos["organisation_id"], world.forvaltning)
    _pick(fields.combos["requester_id"], world.requester)
    _pick(fields.combos["decision_maker_id"], world.chief)
    fields.texts["competition"].setPlainText("Tre leverantörer tillfrågades skriftligen.")
    fields.asked.setValue(3)
    fields.texts["decision_text"].setPlainText("Centrifugen köps från Labbutrustning Norden AB.")


def _click(qtbot: QtBot, editor: DirectAwardEditor, name: str, done: Any) -> None:
    """Click a button and wait until *done()* holds and the editor is idle."""
    editor.buttons[name].click()
    qtbot.waitUntil(lambda: bool(done()) and not editor._busy, timeout=20000)


def _pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    from io import BytesIO

    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)


def test_from_a_new_record_to_a_signed_decision(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner, tmp_path: Path
) -> None:
    editor = DirectAwardEditor(as_maker(services), tasks)  # Åke Lund records and decides
    qtbot.addWidget(editor)
    editor.start(None)
    qtbot.waitUntil(lambda: editor.fields.combos["decision_maker_id"].count() > 1)
    assert editor.labels["statusLabel"].text() == "Ny, inte sparad"
    assert "Sekretess enligt OSL 19 kap. 3 §" in editor.labels["secrecyLabel"].text()
    _fill(editor, world)
    qtbot.waitUntil(lambda: "250\u00a0000 kr" in editor.panel.total.text())
    _click(qtbot, editor, "saveButton", lambda: editor.detail is not None)
    assert editor.detail is not None and editor.detail.diarienummer == "RS 2025-00001"
    assert editor.labels["headerLabel"].text().startswith("RS 2025-00001")
    qtbot.waitUntil(lambda: editor.panel.checklist.count() == 8)
    assert "Ange" not in editor.labels["delegationLabel"].text()

    _click(
        qtbot,
        editor,
        "searchButton",
        lambda: "hittades" in editor.labels["contractStatusLabel"].text(),
    )
    _click(qtbot, editor, "contractCheckButton", lambda: editor.detail.existing_contract_reason)  # type: ignore[union-attr]

    for index, kronor in enumerate(("250 000", "262 000", "281 500")):
        values = {**world.quote(index, kronor), "received_how": mock.ANY, "notes": "Utvärderad"}
        values.pop("received_how")
        with mock.patch.object(QuoteDialog, "ask", return_value=values):
            _click(
                qtbot, editor, "addQuoteButton", lambda n=index: len(editor.detail.quotes) == n + 1
            )  # type: ignore[union-attr]
    assert editor.quotes.rowCount() == 3

    _pick(editor.fields.combos["chosen_supplier_id"], world.suppliers[0])
    editor.fields.texts["award_reason"].setPlainText("Lägsta pris.")
    version = editor.detail.version  # type: ignore[union-attr]
    _click(qtbot, editor, "saveButton", lambda: editor.detail.version > version)  # type: ignore[union-attr]
    _click(qtbot, editor, "completeButton", lambda: editor.detail.status is AwardStatus.KLAR)  # type: ignore[union-attr]
    assert editor.labels["statusLabel"].text() == "Klar för beslut"
    assert editor.fields.lines["title"].isReadOnly() and editor.buttons["signButton"].isEnabled()
    assert editor.buttons["signButton"].toolTip() == ""

    shown: list[bytes] = []
    with mock.patch.object(PdfPreviewDialog, "ask", side_effect=lambda *a: shown.append(a[1])):
        _click(qtbot, editor, "decisionButton", lambda: shown)
        _click(qtbot, editor, "paperCopyButton", lambda: len(shown) == 2)
    assert shown[0].startswith(b"%PDF")
    assert "UTKAST" in _pdf_text(shown[0]) and "UTKAST" not in _pdf_text(shown[1])

    services.trusted_issuers.add(ca_pem())  # the region's CA, which issued Åke's certificate
    p12 = tmp_path / "ake.p12"
    p12.write_bytes(make_p12(ca="Region Sörmland CA"))
    choice = SignChoice(SignatureMethod.PADES, p12, PASSPHRASE, LATE)
    with mock.patch.object(SignDialog, "ask", return_value=choice):
        _click(qtbot, editor, "signButton", lambda: editor.detail.status is AwardStatus.SIGNERAD)  # type: ignore[union-attr]
    assert editor.buttons["saveButton"].isHidden()  # a signed record offers no editing
    assert editor.buttons["addQuoteButton"].isHidden()
    assert editor.fields.lines["title"].isReadOnly() and not editor.fields.region.isEnabled()
    assert "har upphört" in editor.labels["secrecyLabel"].text()
    assert "Digital signatur (PAdES)" in editor.labels["signatureLabel"].text()
    assert editor.buttons["scanButton"].isHidden()  # no scan of an e-signed decision
    _click(
        qtbot,
        editor,
        "validateButton",
        lambda: "Giltig signatur" in editor.labels["signatureLabel"].text(),
    )
    assert services.direct_awards.get(editor.detail.id).status is AwardStatus.SIGNERAD  # type: ignore[union-attr]


def test_a_refused_step_keeps_the_input_and_explains(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner
) -> None:
    editor = DirectAwardEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.start(None)
    qtbot.waitUntil(lambda: editor.fields.combos["decision_maker_id"].count() > 1)
    _fill(editor, world)
    editor.fields.lines["cpv"].setText("3843")
    _click(qtbot, editor, "saveButton", lambda: editor.labels["errorLabel"].text())
    assert "CPV-kod" in editor.labels["errorLabel"].text() and editor.detail is None
    editor.fields.lines["cpv"].setText("38432000-2")
    _pick(editor.fields.combos["decision_maker_id"], world.holder)
    _click(qtbot, editor, "saveButton", lambda: editor.detail is not None)
    _click(qtbot, editor, "completeButton", lambda: editor.labels["errorLabel"].text())
    assert "Berit Ek saknar delegation" in editor.labels["errorLabel"].text()
    assert editor.fields.value.text() == "250\u00a0000"


def test_opening_a_signed_record_from_the_list_is_read_only(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner
) -> None:
    ready = ready_record(services, world)
    signed = as_maker(services).direct_awards.sign_on_paper(
        ready.id, ready.version, scan_pdf(), "s.pdf", LATE
    )
    opened: list[Any] = []
    spec = views.direct_award_view(
        services, opened.append, [("Ny direktupphandling…", lambda: None)]
    )
    assert spec.on_activate is not None and spec.commands[0][0] == "Ny direktupphandling…"
    editor = DirectAwardEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.start(signed.id)
    qtbot.waitUntil(lambda: editor.detail is not None and not editor._busy)
    assert editor.labels["statusLabel"].text() == "Beslutad och signerad"
    assert (
        editor.buttons["saveButton"].isHidden() and not editor.buttons["correctButton"].isHidden()
    )
    assert "Underskrift på papper" in editor.labels["signatureLabel"].text()
    assert f"annan dag än beslutsdatum, skäl: {LATE}" in editor.labels["signatureLabel"].text()
    opened_urls: list[Any] = []
    with mock.patch.object(editor_actions.QDesktopServices, "openUrl", opened_urls.append):
        _click(qtbot, editor, "scanButton", lambda: opened_urls)
    assert Path(opened_urls[0].toLocalFile()).read_bytes() == scan_pdf()  # the stored scan
    _click(qtbot, editor, "correctButton", lambda: editor.detail.status is AwardStatus.UTKAST)  # type: ignore[union-attr]
    assert editor.detail is not None and editor.detail.diarienummer.endswith("/2")
    assert editor.buttons["saveButton"].isEnabled() and not editor.buttons["saveButton"].isHidden()


def test_pdf_preview_renders_and_prints(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner, tmp_path: Path
) -> None:
    ready = ready_record(services, world)
    data = services.direct_awards.documentation_pdf(ready.id)
    dialog = PdfPreviewDialog(data, "Dokumentation", "dok.pdf", tasks)
    qtbot.addWidget(dialog)
    pages = dialog.document.pageCount()
    assert pages >= 2 and f"{pages} sidor" in dialog.status.text()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "utskrift.pdf"))
    dialog.print_to(printer)
    assert (tmp_path / "utskrift.pdf").stat().st_size > 10_000


def test_report_dialog_shows_totals_and_exports(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner, tmp_path: Path
) -> None:
    ready_record(services, world, value="240 000", award_date=date(2025, 2, 10))
    dialog = ReportDialog(services.direct_awards, tasks)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2025)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert "1 slag, varav 0 når" in dialog.status.text()
    target = tmp_path / "rapport.xlsx"
    dialog.export_to(target)
    qtbot.waitUntil(lambda: "Exporterad" in dialog.status.text())
    assert target.read_bytes().startswith(b"PK")


def _opened(qtbot: QtBot, services: Services, tasks: TaskRunner, award_id: Any) -> Any:
    """The editor on a stored record, loaded and idle."""
    editor = DirectAwardEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.start(award_id)
    qtbot.waitUntil(lambda: editor.detail is not None and not editor._busy, timeout=20000)
    return editor


def test_a_medarbetare_is_refused_signing_another_persons_decision(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner
) -> None:
    ready = ready_record(services, world)  # Åke Lund is the decision maker
    marta = acting_as(services, "marta.sjo", "Märta Sjö", Role.MEDARBETARE)
    editor = _opened(qtbot, marta, tasks, ready.id)
    sign = editor.buttons["signButton"]
    assert not sign.isEnabled()
    assert sign.toolTip().startswith("Bara beslutsfattaren Åke Lund")
    assert "Du får inte signera beslut om direktupphandling (du är medarbetare)" in sign.toolTip()
    reopen = editor.buttons["reopenButton"]
    assert not reopen.isEnabled() and "registrera och ändra" in reopen.toolTip()
    assert editor.buttons["decisionButton"].isEnabled()  # reading stays open
    paper = editor.buttons["paperCopyButton"]  # the copy to sign by hand is the maker's too
    assert not paper.isEnabled() and paper.toolTip() == sign.toolTip()
    # The button is disabled, but the service decides: the path the dialog takes is refused.
    choice = SignChoice(SignatureMethod.PAPPER, Path(__file__), reason=LATE)
    with mock.patch.object(SignDialog, "ask", return_value=choice):
        editor_actions.sign(editor)
        qtbot.waitUntil(lambda: bool(editor.labels["errorLabel"].text()) and not editor._busy)
    shown = editor.labels["errorLabel"].text()
    assert shown.startswith("Du får inte signera beslut om direktupphandling (du är medarbetare)")
    assert "bara den beslutsfattare som anges i beslutet" in shown
    assert services.direct_awards.get(ready.id).status is AwardStatus.KLAR


def test_the_budget_holder_named_as_decision_maker_signs(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner, tmp_path: Path
) -> None:
    ready = ready_record(services, world)
    editor = _opened(qtbot, as_maker(services), tasks, ready.id)
    assert editor.buttons["signButton"].isEnabled()
    scan = tmp_path / "skanning.pdf"
    scan.write_bytes(scan_pdf())
    choice = SignChoice(SignatureMethod.PAPPER, scan, reason=LATE)
    asked: list[Any] = []
    with mock.patch.object(SignDialog, "ask", side_effect=lambda *a: asked.append(a) or choice):
        _click(qtbot, editor, "signButton", lambda: editor.detail.status is AwardStatus.SIGNERAD)  # type: ignore[union-attr]
    assert asked[0][1] == date(2025, 5, 12)  # the dialog was told the decision date
    assert editor.labels["errorLabel"].text() == ""
    assert services.direct_awards.get(ready.id).decision_date_reason == LATE


def test_the_sign_dialog_asks_for_a_reason_only_on_another_day(
    qtbot: QtBot, tmp_path: Path
) -> None:
    scan = tmp_path / "skanning.pdf"
    late = SignDialog(None, date(2025, 5, 12))
    qtbot.addWidget(late)
    assert (
        not late.reason.isHidden()
        and "2025-05-12" in late._form.findChild(QLabel, "reasonLabel").text()
    )
    late.scan.setText(str(scan))
    late._check_and_accept()
    assert "Skriv varför" in late.error.text() and late.result() != SignDialog.DialogCode.Accepted
    late.reason.setPlainText(f"  {LATE}  ")
    late._check_and_accept()
    assert late.result() == SignDialog.DialogCode.Accepted and late.choice().reason == LATE
    same_day = SignDialog(None, date.today())
    qtbot.addWidget(same_day)
    assert same_day.reason.isHidden()
    same_day.scan.setText(str(scan))
    same_day._check_and_accept()
    assert same_day.result() == SignDialog.DialogCode.Accepted and same_day.choice().reason == ""
