"""Genomför uppföljning: the checklist editor; save a draft, complete and sign, then read-only."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.followup.model import FollowupStatus, Outcome, Sanction
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.errors import user_text, wants_reload
from inkop_desktop.gui.followup import jobs
from inkop_desktop.gui.followup.actions_panel import ActionsPanel, service_stores
from inkop_desktop.gui.followup.checklist_table import ChecklistTable, header_text, sign_question
from inkop_desktop.gui.followup.common import tr
from inkop_desktop.gui.followup.forms import ActionDialog
from inkop_desktop.gui.followup.item_panel import ItemPanel, open_with_desktop
from inkop_desktop.gui.pdf_preview import PdfPreviewDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services

SIGNED = "Uppföljningen är slutförd och signerad och kan inte ändras."


class FollowupEditor(QDialog):
    """One follow-up: each point OK / Avvikelse / Ej tillämplig with comment and evidence."""

    loaded = Signal()
    saved = Signal(object)
    signed = Signal(object)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._services, self._tasks = services, tasks
        self._id: uuid.UUID | None = None
        self.data: jobs.Loaded | None = None
        self.edits: dict[uuid.UUID, tuple[str, str]] = {}
        self.dirty = False
        self.action_dialog: ActionDialog | None = None
        self.opened: Path | None = None
        self.pdf: PdfPreviewDialog | None = None
        self.setWindowTitle(tr("Avtalsuppföljning"))
        self._build()
        self.resize(1100, 820)

    def _build(self) -> None:
        """Header, checklist and item panel, summary and actions, the buttons."""
        self.header = QLabel(tr("Läser in uppföljningen…"), self)
        self.header.setObjectName("followupHeader")
        self.header.setWordWrap(True)
        self.items = ChecklistTable(self)
        self.items.currentCellChanged.connect(lambda row, *_a: self._show_item(row))
        self.panel = ItemPanel(self)
        self.panel.edited.connect(self._edited)
        self.panel.add_requested.connect(self.add_evidence)
        self.panel.open_requested.connect(self.open_evidence)
        self.panel.remove_requested.connect(self.remove_evidence)
        self.panel.action_requested.connect(self.create_action)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("summaryEdit")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(tr("Sammanfattning av uppföljningen och mötet"))
        self.summary.textChanged.connect(self._summary_edited)
        closing, change = service_stores(self._services.followup)
        self.action_panel = ActionsPanel(
            self._tasks, closing, lambda _r: self.reload(), Sanction, self,
            change=change, people=self._people,
        )  # fmt: skip
        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.addTab(self.summary, tr("Sa&mmanfattning"))
        self.lower_tabs.addTab(self.action_panel, tr("Åt&gärder"))
        self.lower_tabs.setMaximumHeight(130)
        self.message = QLabel("", self)
        self.message.setObjectName("errorLabel")
        self.message.setWordWrap(True)
        self.box = QDialogButtonBox(self)
        self.draft_button = self._button(tr("Spara &utkast"), "saveDraftButton", self.save_draft)
        self.sign_button = self._button(tr("Slut&för och signera…"), "signButton", self.sign)
        self.pdf_button = self._button(tr("&PDF…"), "pdfButton", self.show_pdf)
        close = self.box.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("Stäng"))
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.header, 0), (self.items, 1), (self.panel, 0)):
            layout.addWidget(widget, stretch)
        layout.addWidget(self.lower_tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.box)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        """An action button in the button box (enabled once the follow-up is read)."""
        button = self.box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setEnabled(False)
        button.clicked.connect(slot)
        return button

    # --- loading ---------------------------------------------------------------------------

    def start(self, followup_id: uuid.UUID) -> None:
        """Read the follow-up, the person and the pick lists in the background."""
        self._id = followup_id
        self.reload()

    def reload(self) -> None:
        """Re-read the follow-up; the user's unsaved edits stay on top."""
        services, followup_id = self._services, self._id
        if followup_id is not None:
            self._tasks.run(lambda: jobs.load(services, followup_id), self._loaded, self._failed)

    def _loaded(self, data: jobs.Loaded) -> None:
        """Show the follow-up; keep unsaved edits of points that still exist."""
        self.data = data
        detail = data.detail
        kept = self.edits if self.dirty else {}
        self.edits = {r.id: kept.get(r.id, (r.outcome or "", r.comment)) for r in detail.results}
        self.header.setText(header_text(detail))
        title = f"{detail.contract_number} {detail.contract_title}"
        self.setWindowTitle(tr("Uppföljning – %1").replace("%1", title))
        row = max(self.items.currentRow(), 0)
        self.items.fill(detail.results, self.edits)
        if not self.dirty:
            self.summary.blockSignals(True)
            self.summary.setPlainText(detail.summary)
            self.summary.blockSignals(False)
        self.summary.setReadOnly(not self.editable)
        actions = [a for r in detail.results for a in r.actions]
        self.action_panel.display(actions, self._action_refusal)
        self._gate()
        if detail.results:
            self.items.setCurrentCell(min(row, len(detail.results) - 1), 2)
            self._show_item(self.items.currentRow())
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish (the dialog stays, so the reason can be read)."""
        self.message.setText(user_text(exc))
        self._gate()

    # --- permissions and state ------------------------------------------------------------

    def refusal(self, *extra: uuid.UUID | None) -> str:
        """Why this person may not perform the follow-up ("" when they may)."""
        if self.data is None:
            return tr("Uppföljningen är inte inläst.")
        who = (*self.data.detail.responsible_ids, *extra)
        return self.data.me.refusal(Act.FOLLOWUP_PERFORM, responsible=who)

    @property
    def signed_off(self) -> bool:
        """The follow-up is completed and signed (nothing in it can be changed)."""
        return self.data is not None and self.data.detail.status == FollowupStatus.SLUTFORD

    @property
    def editable(self) -> bool:
        """The person may change the follow-up and it is not yet signed."""
        return self.data is not None and not self.signed_off and not self.refusal()

    def _gate(self) -> None:
        """Enable the commands the person may use; the tooltip says why not."""
        self.pdf_button.setEnabled(self.data is not None)
        why = tr(SIGNED) if self.signed_off else self.refusal()
        for button in (self.draft_button, self.sign_button):
            button.setEnabled(not why)
            button.setToolTip(why)

    def _action_refusal(self, row: Any) -> str:
        """Why the person may not close *row* (its owner may)."""
        return self.refusal(row.owner_id)

    # --- editing ---------------------------------------------------------------------------

    def current(self) -> Any:
        """The highlighted checklist point."""
        row = self.items.currentRow()
        if self.data is None or not 0 <= row < len(self.data.detail.results):
            return None
        return self.data.detail.results[row]

    def show_first_deviation(self) -> None:
        """Highlight the first point assessed as a deviation (the first point if none)."""
        outcomes = [o for o, _c in self.edits.values()]
        row = outcomes.index(Outcome.AVVIKELSE) if Outcome.AVVIKELSE in outcomes else 0
        if outcomes:
            self.items.setCurrentCell(row, 2)
            self.items.scrollTo(self.items.model().index(row, 2))

    def _show_item(self, row: int) -> None:
        """Show the point of *row* in the panel."""
        item = self.current() if row >= 0 else None
        outcome, comment = self.edits.get(item.id, ("", "")) if item is not None else ("", "")
        self.panel.show_item(item, editable=self.editable, outcome=outcome, comment=comment)
        self._gate_item(item, outcome)

    def _gate_item(self, item: Any, outcome: str) -> None:
        """Evidence while the follow-up is open; an action only for a deviation."""
        why = self.refusal()
        add_why = tr(SIGNED) if self.signed_off else why
        self.panel.add_button.setEnabled(item is not None and not add_why)
        self.panel.add_button.setToolTip(add_why)
        has_files = item is not None and bool(item.evidence)
        self.panel.remove_button.setEnabled(has_files and not add_why)
        self.panel.remove_button.setToolTip(add_why)
        deviation = outcome == Outcome.AVVIKELSE
        action_why = why or ("" if deviation else tr("En åtgärd hör till en avvikelse."))
        self.panel.action_button.setEnabled(item is not None and not action_why)
        self.panel.action_button.setToolTip(action_why)

    def _edited(self, outcome: str, comment: str) -> None:
        """The user changed the highlighted point."""
        item = self.current()
        if item is None or not self.editable:
            return
        self.edits[item.id] = (outcome, comment)
        self.dirty = True
        self.items.show_row(self.items.currentRow(), item, outcome, comment)
        self._gate_item(item, outcome)

    def _summary_edited(self) -> None:
        """The summary changed."""
        self.dirty = True

    def results(self) -> list[dict[str, Any]]:
        """Every point's outcome (None: not assessed) and comment for the service."""
        return [
            {"result_id": rid, "outcome": Outcome(o) if o else None, "comment": c.strip()}
            for rid, (o, c) in self.edits.items()
        ]

    # --- storing ---------------------------------------------------------------------------

    def _send(self, job: Any, done: Any) -> None:
        """Run *job(id, opened version, results, summary)* with the buttons disabled."""
        assert self.data is not None
        fid, opened = self.data.detail.id, self.data.detail.version
        results, summary = self.results(), self.summary.toPlainText().strip()
        for button in (self.draft_button, self.sign_button):
            button.setEnabled(False)
        self.message.setText(tr("Sparar…"))
        self._tasks.run(lambda: job(fid, opened, results, summary), done, self._store_failed)

    def save_draft(self) -> None:
        """Store the draft in the background (it can be continued later)."""
        if self.editable:
            self._send(self._services.followup.save_followup, self._drafted)

    def _drafted(self, detail: Any) -> None:
        """Stored as a draft: show what was stored."""
        self.dirty = False
        self.message.setText(tr("Utkastet är sparat."))
        self.saved.emit(detail)
        self.reload()

    def sign(self) -> None:
        """Confirm, then save and sign; afterwards the follow-up is read-only."""
        if not self.editable:
            return
        answer = QMessageBox.question(
            self,
            tr("Slutför och signera"),
            sign_question([o for o, _c in self.edits.values()]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            services = self._services
            self._send(lambda *a: jobs.sign(services, *a), self._signed)

    def _signed(self, outcome: jobs.Signing) -> None:
        """Signed (read-only from now on), or saved as a draft with the reason it was not."""
        self.dirty = False
        if outcome.refused is not None:
            self.saved.emit(outcome.detail)
            self.reload()
            self.message.setText(user_text(outcome.refused))
            return
        self.message.setText(tr("Uppföljningen är slutförd och signerad."))
        self.signed.emit(outcome.detail)
        self.reload()

    def _store_failed(self, exc: BaseException) -> None:
        """Keep the input; explain; offer to read the saved version after a concurrent edit."""
        self.message.setText(user_text(exc))
        self._gate()
        if wants_reload(self, exc):
            self.dirty = False
            self.reload()

    # --- evidence and actions ------------------------------------------------------------

    def add_evidence(self, path: Path) -> None:
        """Store a file as evidence of the highlighted point (checksummed), in the background."""
        item = self.current()
        if item is None or not self.editable:
            return
        services, rid = self._services, item.id
        self.message.setText(tr("Lägger till underlag…"))
        self._tasks.run(
            lambda: jobs.add_evidence(services, rid, path), self._evidence_added, self._failed
        )

    def _evidence_added(self, row: Any) -> None:
        """Stored: re-read (the unsaved edits stay)."""
        self.message.setText(tr("Underlaget ”%1” är sparat.").replace("%1", row.filename))
        self.reload()

    def remove_evidence(self, row: Any) -> None:
        """Remove an evidence file of the draft (the panel has asked) in the background."""
        if not self.editable:
            return
        service, aid, name = self._services.followup, row.id, row.filename
        self.message.setText(tr("Tar bort underlag…"))
        self._tasks.run(
            lambda: service.remove_evidence(aid), lambda _r: self._evidence_gone(name), self._failed
        )

    def _evidence_gone(self, filename: str) -> None:
        """Removed: re-read (the unsaved edits stay)."""
        self.message.setText(tr("Underlaget ”%1” är borttaget.").replace("%1", filename))
        self.reload()

    def open_evidence(self, row: Any) -> None:
        """Open a verified copy of an evidence file."""
        services, aid = self._services, row.id
        self._tasks.run(lambda: jobs.evidence_copy(services, aid), self._open_path, self._failed)

    def _open_path(self, path: Path) -> None:
        """Hand the copy to the desktop."""
        self.opened = path
        open_with_desktop(path)

    def create_action(self) -> None:
        """Skapa åtgärd for the highlighted deviation (a changed draft is saved first)."""
        item = self.current()
        if item is None or self.refusal():
            return
        if self.dirty and self.editable:
            rid = item.id
            self._send(self._services.followup.save_followup, lambda d: self._then_action(d, rid))
            return
        self._ask_action(item)

    def _then_action(self, detail: Any, result_id: uuid.UUID) -> None:
        """The draft was saved: ask for the action."""
        self._drafted(detail)
        item = next((r for r in detail.results if r.id == result_id), None)
        if item is not None:
            self._ask_action(item)

    def _ask_action(self, item: Any) -> None:
        """Show the action form for *item* (window-modal)."""
        assert self.data is not None
        service, rid = self._services.followup, item.id
        self.action_dialog = ActionDialog(
            self._tasks,
            lambda data: service.add_action(rid, data),
            item.item_text,
            jobs.person_choices(self.data.people),
            self,
            owner=self.data.me.person_id,
        )
        self.action_dialog.accepted.connect(self._action_created)
        self.action_dialog.open()

    def _action_created(self) -> None:
        """Show the new action."""
        self.lower_tabs.setCurrentWidget(self.action_panel)
        self.reload()

    def _people(self) -> list[tuple[str, str]]:
        """(name, id) of the people who can own an action."""
        return jobs.person_choices(self.data.people) if self.data is not None else []

    def show_pdf(self) -> None:
        """The follow-up as a PDF (a draft is marked as such), to print or save."""
        if self.data is None:
            return
        service, fid = self._services.followup, self.data.detail.id
        self._tasks.run(lambda: service.followup_pdf(fid), self._show_pdf, self._failed)

    def _show_pdf(self, data: bytes) -> None:
        """Preview the PDF window-modal."""
        assert self.data is not None
        number = self.data.detail.contract_number
        name = f"uppfoljning-{number}-{self.data.detail.due_on.isoformat()}.pdf"
        self.pdf = PdfPreviewDialog(
            data, tr("Uppföljning – %1").replace("%1", number), name, self._tasks, self
        )
        self.pdf.open()

    @classmethod
    def open_for(
        cls, parent: QWidget | None, services: Services, tasks: TaskRunner, followup_id: uuid.UUID
    ) -> FollowupEditor:
        """Open the editor window-modal on *followup_id*."""
        editor = cls(services, tasks, parent)
        editor.start(followup_id)
        editor.open()
        return editor
