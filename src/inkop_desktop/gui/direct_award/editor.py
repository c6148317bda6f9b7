"""Direktupphandling: the guided record (Behov → Finns avtal? → Offerter → Val → Beslut)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from inkop_desktop.domain.direct_award.same_kind import same_kind_key
from inkop_desktop.domain.direct_award.status import AwardStatus, ReceivedHow
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.conflict_dialog import resolve
from inkop_desktop.gui.cpv_picker import CpvPicker
from inkop_desktop.gui.direct_award import editor_actions as actions
from inkop_desktop.gui.direct_award.access import EDIT_BUTTONS, edit_refusal, sign_refusal
from inkop_desktop.gui.direct_award.check_panel import CheckPanel, tr
from inkop_desktop.gui.direct_award.conflict import award_side
from inkop_desktop.gui.direct_award.editor_fields import AwardFields, set_choices
from inkop_desktop.gui.direct_award.quote_dialog import NewSupplier
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.table_model import Column, RowTableModel, label_column, money_column
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.access import Actor
from inkop_desktop.services.direct_award.dto import AwardCheck, DirectAwardDetail, RunningTotal
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services


def _how(code: str) -> str:
    """Swedish label of how a quote came in."""
    try:
        return ReceivedHow(code).label
    except ValueError:
        return code


QUOTE_COLUMNS = [
    Column("supplier", tr("Leverantör")),
    Column("orgnr", tr("Org.nr")),
    money_column("amount_ore", tr("Belopp exkl. moms")),
    Column("received_on", tr("Mottagen")),
    label_column("received_how", tr("Hur"), _how),
    Column("notes", tr("Utvärdering")),
]
CONTRACT_COLUMNS = [
    Column("contract_number", tr("Avtalsnr")),
    Column("title", tr("Benämning")),
    Column("supplier", tr("Leverantör")),
    label_column("parties", tr("Region"), lambda c: Parties(c).label),
    Column("end_date", tr("Gäller till")),
]
BUTTONS = (
    "saveButton", "completeButton", "reopenButton", "documentationButton", "decisionButton",
    "signButton", "validateButton", "correctButton", "searchButton", "contractCheckButton",
    "addQuoteButton", "removeQuoteButton", "scanButton", "paperCopyButton",
)  # fmt: skip


def _table(form: QWidget, name: str, model: RowTableModel) -> QTableView:
    """A read-only table in the form showing *model*."""
    view = child(form, QTableView, name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class DirectAwardEditor(QDialog):
    """One record from need to signed decision; all database work runs in the background."""

    loaded = Signal(object)
    checked = Signal(object)

    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        new_supplier: NewSupplier | None = None,
    ):
        super().__init__(parent)
        self.new_supplier = new_supplier
        self.services = services
        self.service = services.direct_awards
        self.tasks = tasks
        self.detail: DirectAwardDetail | None = None
        self.me: Actor | None = None
        self.suppliers: list[tuple[uuid.UUID, str]] = []
        self._busy = 0
        self._sent: dict[str, Any] = {}
        self._clean: dict[str, Any] | None = None
        self.units: list[Any] = []  # OrganisationRef: id, name, kind, region
        self.form = embed_form("direct_award_editor", self)
        self.fields = AwardFields(self.form)
        self.cpv = CpvPicker(self.fields.lines["cpv"])
        self.panel = CheckPanel(self.form)
        self.quotes = RowTableModel(QUOTE_COLUMNS, self)
        self.contracts = RowTableModel(CONTRACT_COLUMNS, self)
        self.quote_view = _table(self.form, "quoteTable", self.quotes)
        self.contract_view = _table(self.form, "contractTable", self.contracts)
        self.buttons = {name: child(self.form, QPushButton, name) for name in BUTTONS}
        self.labels = {
            name: child(self.form, QLabel, name)
            for name in ("headerLabel", "statusLabel", "errorLabel", "delegationLabel",
                         "tierLabel", "efterannonseringLabel", "signatureLabel", "secrecyLabel",
                         "contractStatusLabel")
        }  # fmt: skip
        self.search = child(self.form, QLineEdit, "searchEdit")
        self.contract_reason = child(self.form, QPlainTextEdit, "contractReasonEdit")
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.preview_totals)
        self._connect()
        self._refresh()

    def _connect(self) -> None:
        """Wire buttons and the fields that change the running total."""
        steps: dict[str, Callable[[], None]] = {
            "completeButton": lambda: actions.complete(self),
            "reopenButton": lambda: actions.reopen(self),
            "documentationButton": lambda: actions.preview(self, "dokumentation"),
            "decisionButton": lambda: actions.preview(self, "beslut"),
            "signButton": lambda: actions.sign(self),
            "validateButton": lambda: actions.validate(self),
            "scanButton": lambda: actions.open_scan(self),
            "paperCopyButton": lambda: actions.paper_copy(self),
            "correctButton": lambda: actions.correct(self),
            "contractCheckButton": lambda: actions.record_contract_check(self),
            "addQuoteButton": lambda: actions.add_quote(self),
            "removeQuoteButton": lambda: actions.remove_quote(self),
        }
        for name, step in steps.items():
            self.buttons[name].clicked.connect(lambda _c=False, run=step: self.then(run))
        self.buttons["saveButton"].clicked.connect(lambda _c=False: self.save())
        search = self.buttons["searchButton"]
        search.clicked.connect(lambda _c=False: actions.search_contracts(self))
        self.fields.region.currentIndexChanged.connect(lambda _i: self._show_units())
        self.fields.combos["organisation_id"].activated.connect(lambda _i: self._unit_chosen())
        child(self.form, QPushButton, "closeButton").clicked.connect(self.accept)
        restart = lambda *_a: self._debounce.start()  # noqa: E731
        for edit in (
            self.fields.value,
            self.fields.lines["cpv"],
            self.fields.lines["same_kind_key"],
        ):
            edit.textChanged.connect(restart)
        self.fields.award_date.dateChanged.connect(restart)
        self.fields.region.currentIndexChanged.connect(restart)

    # --- loading ---------------------------------------------------------------------------

    def start(self, award_id: uuid.UUID | None) -> None:
        """Load the pick lists, then the record (if any)."""
        self.run(
            self._choices,
            lambda result: self._choices_loaded(result, award_id),
        )

    def _choices(self) -> tuple[Any, Any, Any, Actor, uuid.UUID | None]:
        """People, organisations, suppliers, the acting person and their unit (background)."""
        people = self.services.people.people()
        organisations = self.services.people.organisations()
        suppliers = self.services.suppliers.list(ListQuery(sort="name", limit=5000)).rows
        unit = self.service.own_unit()
        return people, organisations, suppliers, self.services.people.me(), unit

    def _choices_loaded(
        self, result: tuple[Any, Any, Any, Actor, uuid.UUID | None], award_id: uuid.UUID | None
    ) -> None:
        """Fill the pick lists and open the record (a new one starts in the person's unit)."""
        people, organisations, suppliers, self.me, unit = result
        self.units = [o for o in organisations if o.kind != "region"]
        self._show_units()
        if award_id is None and unit is not None:
            combo = self.fields.combos["organisation_id"]
            combo.setCurrentIndex(max(0, combo.findData(str(unit))))
            self._unit_chosen()
        names = [(p.id, p.display) for p in people]
        set_choices(self.fields.combos["requester_id"], names, tr("– välj –"))
        set_choices(self.fields.combos["decision_maker_id"], names, tr("– välj –"))
        self.suppliers = [(s.id, f"{s.name} ({s.orgnr})") for s in suppliers]
        set_choices(self.fields.combos["chosen_supplier_id"], self.suppliers, tr("– välj –"))
        if award_id is not None:
            self.run(lambda: self.service.get(award_id), self.show_detail)

    def show_detail(self, detail: DirectAwardDetail) -> None:
        """Show a stored record and check it."""
        self.detail = detail
        self.quotes.set_rows(detail.quotes)
        self.quote_view.resizeColumnsToContents()
        quoted = [(q.supplier_id, f"{q.supplier} ({q.orgnr})") for q in detail.quotes]
        set_choices(
            self.fields.combos["chosen_supplier_id"], quoted or self.suppliers, tr("– välj –")
        )
        self.fields.fill(detail)
        self._clean = self.fields.values()
        self.labels["headerLabel"].setText(f"{detail.diarienummer} – {detail.title}")
        actions.show_contract_check(self, detail)
        self._refresh()
        self.loaded.emit(detail)
        self.run(lambda: self.service.check(detail.id), self.show_check)

    def show_check(self, check: AwardCheck) -> None:
        """The rules' verdict in the side panel and on the steps."""
        self.panel.show_check(check)
        self.labels["delegationLabel"].setText(check.delegation)
        self.labels["tierLabel"].setText(tr("Riktlinje: %1").replace("%1", check.tier))
        self.labels["efterannonseringLabel"].setText(check.efterannonsering or tr("Krävs inte."))
        self.checked.emit(check)

    def _show_units(self) -> None:
        """The nämnder and förvaltningar of the chosen authority (both regions for a joint one)."""
        regions = {r.value for r in Parties(self.fields.region.currentData()).regions()}
        both = len(regions) > 1
        units = [
            (o.id, f"{o.name} ({o.region})" if both else o.name)
            for o in self.units
            if o.region in regions
        ]
        set_choices(self.fields.combos["organisation_id"], units, tr("– välj –"))

    def _unit_chosen(self) -> None:
        """The authority follows the chosen nämnd/förvaltning (a joint award stays joint)."""
        chosen = self.fields.combos["organisation_id"].currentData()
        unit = next((o for o in self.units if str(o.id) == chosen), None)
        region = self.fields.region
        if unit is not None and unit.region and region.currentData() != Parties.BADA.value:
            region.setCurrentIndex(max(0, region.findData(unit.region)))

    def then(self, step: Callable[[], None]) -> None:
        """Run *step* on the stored record, saving what was typed first (nothing is lost)."""
        detail = self.detail
        if detail is not None and (
            not detail.status.is_editable or self.fields.values() == self._clean
        ):
            step()
            return
        self.save(step)

    def preview_totals(self) -> None:
        """The running total for the value and kind as typed (before saving)."""
        values = self.fields.values()
        try:
            key = same_kind_key(values["cpv"], values["same_kind_key"], "-")
            value = Money.kronor(values["value"] or "0").ore
        except DomainError:
            return
        own = self.detail.id if self.detail else None
        day: date = values["award_date"]
        parties: Parties = values["region"]
        self.tasks.run(
            lambda: self.service.running_totals(parties, key, day, value, own),
            self._totals,
            lambda _e: None,
        )

    def _totals(self, totals: list[RunningTotal]) -> None:
        """Show a preview of the running total."""
        self.panel.show_totals(totals)

    # --- saving and running -----------------------------------------------------------------

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Create or update the draft in the background; then run *then* (if it was stored)."""
        data = self.fields.values()
        detail, self._sent = self.detail, dict(data)

        def done(stored: DirectAwardDetail) -> None:
            self.stored(stored)
            if then is not None:
                then()

        if detail is None:
            self.run(lambda: self.service.create(data), done)
        else:
            job = lambda: self.service.update(detail.id, detail.version, data)  # noqa: E731
            self.run(job, done, self._save_failed)

    def stored(self, detail: DirectAwardDetail) -> None:
        """A change was stored: show it (and what the save cleared on its own, if anything)."""
        self.labels["errorLabel"].setText(detail.notice)
        self.show_detail(detail)

    def run(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a service call in the background with the buttons disabled meanwhile."""
        self._busy += 1
        self._refresh()
        self.tasks.run(job, lambda result: self._finish(done, result), failed or self.failed)

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        """Deliver a result and re-enable the buttons."""
        self._busy -= 1
        done(result)
        self._refresh()

    def failed(self, exc: BaseException) -> None:
        """Keep the input, explain in Swedish."""
        self._busy = max(0, self._busy - 1)
        self.labels["errorLabel"].setText(user_text(exc))
        self._refresh()

    def _save_failed(self, exc: BaseException) -> None:
        """As failed; after a concurrent edit also offer reload or a field-by-field compare."""
        self.failed(exc)
        if self.detail is not None:
            opened = self.detail.editable_values()
            resolve(self, self.tasks, exc, award_side(self, self.detail.id), self._sent, opened)

    def _refresh(self) -> None:
        """Show the commands that apply in the record's state; disable what is refused."""
        status = self.detail.status if self.detail else None
        draft = status in (None, AwardStatus.UTKAST)
        signed = status is not None and status.is_signed
        shown = self._by_status(status, draft, signed)
        paper = signed and self.detail is not None and actions.on_paper(self.detail)
        shown.update(scanButton=paper, validateButton=signed and not paper)
        shown["removeQuoteButton"] = draft and bool(self.detail and self.detail.quotes)
        refused = self._refusals()
        for name, button in self.buttons.items():
            button.setVisible(shown.get(name, draft))
            button.setEnabled(not self._busy and not refused.get(name))
            button.setToolTip(refused.get(name, ""))
        self.buttons["decisionButton"].setText(
            tr("Öppna beslut (PDF)…") if signed else tr("Förhandsgranska beslut (PDF)…")
        )
        self.fields.set_editable(draft and not refused.get("saveButton"))
        self.labels["statusLabel"].setText(status.label if status else tr("Ny, inte sparad"))
        actions.show_signature(self, signed)

    def _refusals(self) -> dict[str, str]:
        """Why a button is refused to this person (shown as its tooltip); absent if allowed."""
        maker = self.fields.combos["decision_maker_id"].currentText()
        reasons = dict.fromkeys(EDIT_BUTTONS, edit_refusal(self.me))
        reasons["signButton"] = sign_refusal(self.me, self.detail, maker)
        reasons["paperCopyButton"] = reasons["signButton"]
        return {name: text for name, text in reasons.items() if text}

    @staticmethod
    def _by_status(status: AwardStatus | None, draft: bool, signed: bool) -> dict[str, bool]:
        """Which commands the record's status offers (the rest of a draft's are shown too)."""
        ready = status is AwardStatus.KLAR
        return {
            "reopenButton": ready,
            "documentationButton": True,
            "decisionButton": True,
            "signButton": ready,
            "paperCopyButton": ready,
            "correctButton": status is AwardStatus.SIGNERAD,
            "completeButton": draft,
            "saveButton": draft,
        }

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        tasks: TaskRunner,
        award_id: uuid.UUID | None = None,
        new_supplier: NewSupplier | None = None,
    ) -> DirectAwardDetail | None:
        """Show the editor; the last stored version of the record, or None if none."""
        editor = cls(services, tasks, parent, new_supplier)
        editor.start(award_id)
        editor.exec()
        return editor.detail
