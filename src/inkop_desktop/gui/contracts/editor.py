"""Avtal: create or edit a contract with options, amendments and files, in the background."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

from inkop_desktop.domain.contracts.terms import (
    OptionInput,
    end_after,
    latest_possible_end,
    notice_deadline,
)
from inkop_desktop.domain.errors import DomainError, ValidationError
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.conflict_dialog import resolve
from inkop_desktop.gui.contracts.amendments import AmendmentDialog, AmendmentPanel, name_buttons
from inkop_desktop.gui.contracts.conflict import contract_side, contract_values, form_values
from inkop_desktop.gui.contracts.files import AttachmentPanel
from inkop_desktop.gui.contracts.form import ContractForm, kronor_text
from inkop_desktop.gui.contracts.options import OptionDelegate, OptionsModel
from inkop_desktop.gui.contracts.value_fields import FIELDS, ValueRules
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.field_errors import FieldErrors
from inkop_desktop.gui.history import HistoryDialog, history_button
from inkop_desktop.gui.read_only import lock, not_allowed
from inkop_desktop.gui.stale_notice import RecordWatch
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.changes import Changes
from inkop_desktop.services.contracts.choices import ContractChoices
from inkop_desktop.services.contracts.service import ContractDetail, ContractService

Loaded = tuple[ContractDetail | None, ContractChoices]


class ContractTab(Protocol):
    """A tab another area adds to the editor (Uppföljning); told which contract is shown."""

    def show_contract(self, contract_id: uuid.UUID | None) -> None:
        """Show what belongs to the stored contract (nothing for a new one)."""


TabFactory = Callable[[QWidget], QWidget]
WATCHED = frozenset(
    {"contract", "contract_option", "contract_supplier", "contract_amendment", "attachment"}
)
"""The tables whose change may mean that the open contract changed underneath."""


def _probe(service: ContractService, contract_id: uuid.UUID) -> tuple[int, str | None]:
    """Background: the stored version and who changed the contract last."""
    history = service.history(contract_id)
    return service.get(contract_id).version, history[-1].who if history else None


class ContractEditor(QDialog):
    """The contract form; keeps the opened version to detect concurrent edits."""

    saved = Signal(object)
    ready = Signal()

    def __init__(
        self,
        service: ContractService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        extra_tabs: tuple[tuple[str, TabFactory], ...] = (),
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self._detail: ContractDetail | None = None
        self.is_ready = False
        self._form = embed_form("contract_editor", self)
        self.setWindowTitle(self.tr("Nytt avtal"))
        self.fields = ContractForm(self._form)
        self.values_rules = ValueRules(self._form, self.fields.total, self.fields.annual)
        self.tabs = child(self._form, QTabWidget, "tabs")
        self.error = child(self._form, QLabel, "errorLabel")
        self.buttons = child(self._form, QDialogButtonBox, "buttonBox")
        name_buttons(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.history = history_button(self.buttons, self.show_history)
        self._build_options()
        self._build_links()
        widgets = self.fields.widgets() | {"options": self.options_view}
        self.field_errors = FieldErrors(widgets, self.error, self.tabs, elsewhere=FIELDS[1:])
        self.amendments = AmendmentPanel(self._form, self._ask_amendment, self._show_current)
        self.attachments = AttachmentPanel(
            self._form, service, tasks, self._show_failure, self._opened_version, self._parts_stored
        )
        self.watch = RecordWatch(self, tasks, WATCHED, self._read_again)
        self.extra: list[ContractTab] = []
        for title, make in extra_tabs:
            tab = make(self.tabs)
            self.tabs.addTab(tab, title)
            self.extra.append(tab)  # type: ignore[arg-type]
        self._sent: dict[str, Any] = {}
        self.read_only = False
        """Shown for reading only (set before start): no field or command changes anything."""
        self._set_busy(True)

    def changed_elsewhere(self, changes: Changes) -> None:
        """Others saved: if it was this contract, say so in the bar (the form is kept)."""
        if self._detail is not None:
            contract_id, service = self._detail.id, self._service
            self.watch.check(
                changes,
                lambda: self._detail.version if self._detail is not None else None,
                lambda: _probe(service, contract_id),
            )

    def _read_again(self) -> None:
        """Läs in på nytt: show the stored contract (the user's unsaved input is dropped)."""
        if self._detail is not None:
            self.start(self._detail.id)

    @property
    def service(self) -> ContractService:
        """The contract use cases this editor saves through."""
        return self._service

    def _build_options(self) -> None:
        """The options table, its buttons, and the derived notice date and latest end."""
        self.options = OptionsModel(self)
        self.options_view = child(self._form, QTableView, "optionsView")
        self.options_view.setModel(self.options)
        self.options_view.setItemDelegate(OptionDelegate(self.options_view))
        self.options_view.verticalHeader().setVisible(False)
        header = self.options_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.notice_date = child(self._form, QLabel, "noticeDateLabel")
        self.latest_end = child(self._form, QLabel, "latestEndLabel")
        child(self._form, QPushButton, "addOptionButton").clicked.connect(
            lambda: self.options.add_option()
        )
        child(self._form, QPushButton, "removeOptionButton").clicked.connect(
            self.options.remove_last
        )
        self.fields.end.dateChanged.connect(lambda _d: self._term_changed())
        self.fields.notice.valueChanged.connect(lambda _v: self._term_changed())
        self.options.options_changed.connect(self._show_derived)
        self.options.end_moved.connect(self._move_end)
        self.options.refused.connect(self.error.setText)
        self._term_changed()

    def _build_links(self) -> None:
        """Supplier buttons, the call-off list and the current-value label."""
        child(self._form, QPushButton, "addSupplierButton").clicked.connect(self._add_supplier)
        child(self._form, QPushButton, "removeSupplierButton").clicked.connect(
            self.fields.remove_selected_supplier
        )
        self.calloffs = child(self._form, QListWidget, "calloffList")
        framework = self.fields.checks["is_framework"]
        framework.toggled.connect(lambda on: self.fields.framework.setEnabled(not on))
        self.current_value = child(self._form, QLabel, "currentValueLabel")

    def start(self, contract_id: uuid.UUID | None = None) -> None:
        """Load the pick lists (and the contract) in the background."""
        self._set_busy(True)
        service = self._service

        def job() -> Loaded:
            detail = service.get(contract_id) if contract_id is not None else None
            return detail, service.choices(detail.data if detail else None)

        self._tasks.run(job, self._loaded, self._load_failed)

    def _loaded(self, result: Loaded) -> None:
        """Fill the form from the contract and the pick lists."""
        detail, choices = result
        self.fields.set_choices(choices)
        if detail is not None:
            self.show_detail(detail)
        self._set_busy(False)
        if self.read_only:
            lock(self._form, self.buttons, not_allowed(Act.CONTRACT_EDIT))
            self.setWindowTitle(self.windowTitle() + self.tr(" (endast läsning)"))
        self.is_ready = True
        self.ready.emit()

    def show_detail(self, detail: ContractDetail) -> None:
        """Show a stored contract and its parts."""
        self._detail = detail
        self.watch.reloaded()
        self.fields.set_data(detail.data)
        self.options.set_options(
            [OptionInput(months=o.months, decision=o.decision) for o in detail.options]
        )
        self._term_changed()
        self.calloffs.clear()
        self.calloffs.addItems([c.display for c in detail.calloffs])
        self.amendments.display(detail.id, detail.data.total_value_ore, detail.amendments)
        self.values_rules.set_amended(bool(detail.amendments))
        self.attachments.display(detail.id, detail.attachments)
        for tab in self.extra:
            tab.show_contract(detail.id)
        self.history.setEnabled(True)
        self.setWindowTitle(
            self.tr("Avtal – %1").replace(
                "%1", f"{detail.data.contract_number} {detail.data.title}"
            )
        )

    def show_history(self) -> None:
        """The contract's changes from the audit trail (read-only)."""
        if self._detail is not None:
            contract_id, service = self._detail.id, self._service
            title = self._detail.data.contract_number
            HistoryDialog(lambda: service.history(contract_id), self._tasks, title, self).open()

    def _load_failed(self, exc: BaseException) -> None:
        """Could not load: tell the user and close."""
        show_error(self, exc)
        self.reject()

    def _term_changed(self) -> None:
        """End date or notice period changed: re-derive option deadlines and the notice date."""
        self.options.set_term(self.fields.end_date(), self.fields.notice.value())

    def _move_end(self, months: int) -> None:
        """An option was marked exercised (or no longer): the end date moves with it."""
        try:
            moved = end_after(self.fields.end_date(), months)
        except DomainError as exc:
            self._show_failure(exc)
            return
        self.fields.end.setDate(QDate(moved))
        self.error.setText("")

    def _show_derived(self) -> None:
        """Show the notice date and the latest possible end."""
        end, notice = self.fields.end_date(), self.fields.notice.value()
        last_notice = notice_deadline(end, notice)
        self.notice_date.setText(last_notice.isoformat() if last_notice else "–")
        terms = self.options.terms()
        latest = latest_possible_end(end, terms)
        self.latest_end.setText(
            self.tr("Slutdatum om alla öppna optioner utnyttjas: %1").replace(
                "%1", latest.isoformat()
            )
            if any(t.is_open for t in terms)
            else ""
        )

    def _show_current(self, current_ore: int) -> None:
        """The value after the latest amendment."""
        self.current_value.setText(kronor_text(current_ore))

    def _add_supplier(self) -> None:
        """Add the supplier chosen in the drop-down."""
        if self.fields.add_picked_supplier():
            self.error.setText("")
        else:
            self.error.setText(self.tr("Välj en leverantör i listan innan du lägger till."))

    def _ask_amendment(self, contract_id: uuid.UUID) -> Any:
        """Show the amendment dialog; its amendments once stored (the version moved on)."""
        stored = AmendmentDialog.ask(
            self, self._service, self._tasks, contract_id, self._opened_version()
        )
        if stored is None:
            return None
        self._parts_stored(stored)
        return stored.amendments

    def _opened_version(self) -> int:
        """The version the form shows (files and amendments are stored against it)."""
        return self._detail.version if self._detail is not None else 0

    def _parts_stored(self, stored: ContractDetail) -> None:
        """A file or amendment was stored: the form's edits now go on top of the new version."""
        if self._detail is not None:
            self._detail = self._detail.model_copy(
                update={
                    "version": stored.version,
                    "amendments": stored.amendments,
                    "attachments": stored.attachments,
                }
            )
            self.values_rules.set_amended(bool(stored.amendments))

    def values(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The contract fields and the options for the service."""
        options = [{"months": o.months, "decision": o.decision} for o in self.options.options()]
        return self.fields.data(), options

    def save(self) -> None:
        """Validate and store in the background; errors are shown, nothing is lost."""
        try:
            data, options = self.values()
        except DomainError as exc:
            self._show_failure(exc)
            return
        detail, service = self._detail, self._service
        self._sent = form_values(data, options)
        if detail is None:
            job = lambda: service.create(data, options)  # noqa: E731
        else:
            job = lambda: service.update(detail.id, detail.version, data, options)  # noqa: E731
        self._set_busy(True)
        self.field_errors.clear()
        self._tasks.run(job, self._saved, self._save_failed)

    def _saved(self, detail: ContractDetail) -> None:
        """Stored: close with the new version."""
        self._detail = detail
        self._set_busy(False)
        self.saved.emit(detail)
        self.accept()

    def _show_failure(self, exc: BaseException) -> None:
        """Every problem beside its field (the first one's tab shown), the rest under the tabs."""
        self.field_errors.show(exc)
        if isinstance(exc, ValidationError):
            annual = [text for name, text in exc.problems if name in FIELDS[1:]]
            if annual:
                self.values_rules.show("\n".join(annual))

    def _save_failed(self, exc: BaseException) -> None:
        """Keep the user's input; explain; after a concurrent edit offer reload or compare."""
        self._set_busy(False)
        self._show_failure(exc)
        if self._detail is not None:
            side = contract_side(self, self._detail.id)
            resolve(self, self._tasks, exc, side, self._sent, contract_values(self._detail))

    def _set_busy(self, busy: bool) -> None:
        """Disable saving while work is under way."""
        self.buttons.setEnabled(not busy)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: ContractService,
        tasks: TaskRunner,
        contract_id: uuid.UUID | None = None,
        extra_tabs: tuple[tuple[str, TabFactory], ...] = (),
        read_only: bool = False,
    ) -> ContractDetail | None:
        """Show the editor (empty for a new contract); the saved contract or None."""
        editor = cls(service, tasks, parent, () if read_only else extra_tabs)
        editor.read_only = read_only
        editor.start(contract_id)
        return editor._detail if editor.exec() == QDialog.DialogCode.Accepted else None
