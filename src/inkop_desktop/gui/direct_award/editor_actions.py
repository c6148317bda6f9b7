"""The editor's steps: contract check, quotes, finishing, PDFs, signing, validation, correction."""

from __future__ import annotations

import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from inkop_desktop.domain.direct_award.status import SignatureMethod
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.direct_award.check_panel import tr
from inkop_desktop.gui.direct_award.quote_dialog import NewSupplier, QuoteDialog
from inkop_desktop.gui.direct_award.sign_dialog import SignChoice, SignDialog
from inkop_desktop.gui.pdf_preview import PdfPreviewDialog
from inkop_desktop.services.direct_award.dto import DirectAwardDetail, SignatureCheck

if TYPE_CHECKING:
    from inkop_desktop.gui.direct_award.editor import DirectAwardEditor

SECRET = (
    "Sekretess enligt OSL 19 kap. 3 § andra stycket: offerterna är hemliga tills beslut har "
    "fattats."
)
DECIDED = "Beslut har fattats: den absoluta anbudssekretessen (OSL 19 kap. 3 §) har upphört."


def _saved(editor: DirectAwardEditor) -> DirectAwardDetail | None:
    """The stored record, or a hint to save first."""
    if editor.detail is None:
        editor.labels["errorLabel"].setText(tr("Spara direktupphandlingen först."))
    return editor.detail


def search_contracts(editor: DirectAwardEditor) -> None:
    """Search the contract catalogue by CPV group and words."""
    values = editor.fields.values()
    parties: Parties = values["region"]
    cpv, day, text = values["cpv"], values["award_date"], editor.search.text()
    editor.run(
        lambda: editor.service.find_contracts(parties, cpv, text, day),
        lambda hits: _show_hits(editor, hits),
    )


def _show_hits(editor: DirectAwardEditor, hits: list[object]) -> None:
    """Show the contracts found next to what the recorded check says."""
    editor.contracts.set_rows(hits)
    editor.contract_view.resizeColumnsToContents()
    found = tr("%1 gällande avtal hittades.").replace("%1", str(len(hits)))
    found = found if hits else tr("Inget gällande avtal hittades.")
    recorded = editor.detail.existing_contract_reason if editor.detail else ""
    status = tr("Registrerad kontroll: %1").replace("%1", recorded) if recorded else ""
    editor.labels["contractStatusLabel"].setText(f"{found} {status}".strip())


def record_contract_check(editor: DirectAwardEditor) -> None:
    """Store the check; a covering contract needs the written reason (an avsteg)."""
    detail = _saved(editor)
    if detail is None:
        return
    index = editor.contract_view.currentIndex()
    chosen = editor.contracts.row_at(index.row()).id if index.isValid() else None
    reason = editor.contract_reason.toPlainText()
    editor.run(
        lambda: editor.service.record_contract_check(detail.id, detail.version, chosen, reason),
        editor.stored,
    )


def add_quote(editor: DirectAwardEditor) -> None:
    """Ask for a quote and store it."""
    detail = _saved(editor)
    if detail is None:
        return
    values = QuoteDialog.ask(editor, editor.suppliers, date.today(), _new_supplier(editor))
    if values is not None:
        editor.run(
            lambda: editor.service.add_quote(detail.id, detail.version, values), editor.stored
        )


def _new_supplier(editor: DirectAwardEditor) -> NewSupplier | None:
    """The supplier editor, when the person may register suppliers (the new one is kept)."""
    opener = editor.new_supplier
    if opener is None or editor.me is None or not editor.me.may(Act.SUPPLIER_EDIT):
        return None

    def added(parent: QWidget) -> tuple[uuid.UUID, str] | None:
        found = opener(parent)
        if found is not None:
            editor.suppliers.append(found)
        return found

    return added


def remove_quote(editor: DirectAwardEditor) -> None:
    """Remove the selected quote."""
    detail = _saved(editor)
    index = editor.quote_view.currentIndex()
    if detail is None or not index.isValid():
        return
    quote_id: uuid.UUID = editor.quotes.row_at(index.row()).id
    editor.run(
        lambda: editor.service.remove_quote(detail.id, detail.version, quote_id), editor.stored
    )


def complete(editor: DirectAwardEditor) -> None:
    """Utkast → klar för beslut (the service lists what is missing)."""
    detail = _saved(editor)
    if detail is not None:
        editor.run(lambda: editor.service.complete(detail.id, detail.version), editor.stored)


def reopen(editor: DirectAwardEditor) -> None:
    """Klar för beslut → utkast."""
    detail = _saved(editor)
    if detail is not None:
        editor.run(lambda: editor.service.reopen(detail.id, detail.version), editor.stored)


def preview(editor: DirectAwardEditor, kind: str) -> None:
    """Generate (or fetch the stored) PDF in the background and show it."""
    detail = _saved(editor)
    if detail is None:
        return
    if kind == "beslut":
        title, job = tr("Beslut om direktupphandling"), editor.service.decision_pdf
    else:
        title, job = tr("Dokumentation av direktupphandling"), editor.service.documentation_pdf
    name = f"{title} {detail.diarienummer}.pdf".replace("/", "-")
    editor.run(
        lambda: job(detail.id),
        lambda data: PdfPreviewDialog.ask(editor, data, title, name, editor.tasks),
    )


def paper_copy(editor: DirectAwardEditor) -> None:
    """The finished decision (no UTKAST) for the decision maker to print and sign by hand."""
    detail = _saved(editor)
    if detail is None:
        return
    title = tr("Beslut för underskrift")
    name = f"{title} {detail.diarienummer}.pdf".replace("/", "-")
    editor.run(
        lambda: editor.service.paper_copy_pdf(detail.id),
        lambda data: PdfPreviewDialog.ask(editor, data, title, name, editor.tasks),
    )


def _sign_job(editor: DirectAwardEditor, detail: DirectAwardDetail, choice: SignChoice) -> object:
    """Read the chosen file and sign (runs in the background)."""
    content = Path(choice.path).read_bytes()
    service, reason = editor.service, choice.reason
    if choice.method is SignatureMethod.PADES:
        return service.sign_pades(detail.id, detail.version, content, choice.passphrase, reason)
    return service.sign_on_paper(detail.id, detail.version, content, choice.path.name, reason)


def sign(editor: DirectAwardEditor) -> None:
    """Sign the decision on paper (scanned copy) or digitally (PKCS#12); the service decides."""
    detail = _saved(editor)
    if detail is None:
        return
    choice = SignDialog.ask(editor, detail.award_date)
    if choice is not None:
        editor.run(lambda: _sign_job(editor, detail, choice), editor.stored)


def validate(editor: DirectAwardEditor) -> None:
    """Validate the stored signed decision offline."""
    detail = _saved(editor)
    if detail is not None:
        editor.run(
            lambda: editor.service.validate_signature(detail.id),
            lambda check: _show_validation(editor, check),
        )


def on_paper(detail: DirectAwardDetail) -> bool:
    """The decision was signed by hand (a scanned copy is stored)."""
    return detail.signature_method == SignatureMethod.PAPPER.value


def _scan_file(editor: DirectAwardEditor, award_id: uuid.UUID) -> Path:
    """Background: write the stored scan to a temporary file and return its path."""
    name, content = editor.service.signed_scan(award_id)
    folder = Path(tempfile.mkdtemp(prefix="inkop-skanning-"))
    path = folder / name.replace("/", "-")
    path.write_bytes(content)
    return path


def open_scan(editor: DirectAwardEditor) -> None:
    """Open the stored scan of a decision signed on paper in the system's viewer."""
    detail = _saved(editor)
    if detail is not None:
        editor.run(
            lambda: _scan_file(editor, detail.id),
            _open_file,
        )


def _open_file(path: Path) -> None:
    """Hand a file to the desktop's viewer."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _show_validation(editor: DirectAwardEditor, check: SignatureCheck) -> None:
    """Show the validation's outcome."""
    editor.labels["signatureLabel"].setText(check.text)


def correct(editor: DirectAwardEditor) -> None:
    """Start a correction: a new draft version that refers to this decision."""
    detail = _saved(editor)
    if detail is not None:
        editor.run(lambda: editor.service.correct(detail.id), editor.stored)


def show_signature(editor: DirectAwardEditor, signed: bool) -> None:
    """The secrecy marking and the signature line of the record."""
    editor.labels["secrecyLabel"].setText(tr(DECIDED if signed else SECRET))
    detail = editor.detail
    if detail is None or detail.signed_at is None:
        return
    method = SignatureMethod(detail.signature_method or "papper").label
    text = tr("Signerat %1: %2. SHA-256 %3").replace("%1", detail.signed_at.date().isoformat())
    text = text.replace("%2", method).replace("%3", detail.signed_pdf_sha256 or "")
    if detail.decision_date_reason:
        late = tr("Signerat en annan dag än beslutsdatum, skäl: %1")
        text += " " + late.replace("%1", detail.decision_date_reason)
    if detail.superseded_by:
        text += " " + tr("Ersatt av %1.").replace("%1", detail.superseded_by)
    label = editor.labels["signatureLabel"]
    if not label.text().startswith(("Giltig", "Inte betrodd", "Dokumentet", "Underskrivet")):
        label.setText(text)


def show_contract_check(editor: DirectAwardEditor, detail: DirectAwardDetail) -> None:
    """What the "finns det avtal?" check found; a draft searches the catalogue again."""
    reason = detail.existing_contract_reason
    if detail.existing_contract_id is not None:
        text = tr("Ett gällande avtal täcker behovet – avsteg registrerat med motiveringen: %1")
        editor.labels["contractStatusLabel"].setText(text.replace("%1", reason))
        editor.contract_reason.setPlainText(reason)
    else:
        editor.labels["contractStatusLabel"].setText(reason or tr("Kontrollen är inte gjord."))
    editor.contract_reason.setReadOnly(not detail.status.is_editable)
    if detail.status.is_editable:
        search_contracts(editor)
