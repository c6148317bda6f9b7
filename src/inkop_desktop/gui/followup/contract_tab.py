"""The contract editor's "Uppföljning" tab: plan, follow-ups, open actions and contact log."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from inkop_desktop.domain.followup.model import Sanction
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.followup import tab_data
from inkop_desktop.gui.followup.actions_panel import ActionsPanel, service_stores
from inkop_desktop.gui.followup.checklist import FollowupEditor
from inkop_desktop.gui.followup.common import (
    buttons,
    current_row,
    gate,
    line,
    show_rows,
    table,
    tr,
)
from inkop_desktop.gui.followup.forms import ContactDialog
from inkop_desktop.gui.followup.plan_editor import PlanEditor
from inkop_desktop.gui.table_model import Column
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services

FOLLOWUP_COLUMNS = [
    Column("due_on", tr("Planerad"), sortable=False),
    Column("performed_on", tr("Genomförd"), sortable=False),
    Column("status", tr("Status"), sortable=False),
    Column("deviations", tr("Avvikelser"), numeric=True, sortable=False),
    Column("open_actions", tr("Öppna åtgärder"), numeric=True, sortable=False),
    Column("signed_by", tr("Signerad av"), sortable=False),
]
CONTACT_COLUMNS = [
    Column("contacted_on", tr("Datum"), sortable=False),
    Column("channel", tr("Kontaktväg"), sortable=False),
    Column("supplier_person", tr("Kontaktperson"), sortable=False),
    Column("note", tr("Vad gällde det"), sortable=False),
    Column("person", tr("Antecknad av"), sortable=False),
]
NEW_CONTRACT = "Spara avtalet först; öppna det sedan för att följa upp det."


class FollowupTab(QWidget):
    """Everything about following up one contract; opens the checklist editor."""

    loaded = Signal()
    changed = Signal()

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("followupTab")
        self._services, self._tasks = services, tasks
        self._contract_id: uuid.UUID | None = None
        self.data: tab_data.Overview | None = None
        self.editor: FollowupEditor | None = None
        self.contact_dialog: ContactDialog | None = None
        self.plan = QLabel(tr(NEW_CONTRACT), self)
        self.plan.setObjectName("planLabel")
        self.plan.setWordWrap(True)
        self.followups, self.followups_view = table(
            self, "followupsView", FOLLOWUP_COLUMNS, self.open_selected
        )
        self.new_button, self.open_button, self.plan_button, self.edit_plan_button = buttons(
            self,
            (tr("&Ny uppföljning"), "newFollowupButton", self.new_followup),
            (tr("Ö&ppna"), "openFollowupButton", self.open_selected),
            (tr("Föreslå &plan…"), "proposePlanButton", self.propose_plan),
            (tr("Ändra p&lan…"), "editPlanButton", self.edit_plan),
        )
        self.plan_editor: PlanEditor | None = None
        close, change = service_stores(services.followup)
        self.action_panel = ActionsPanel(
            tasks, close, lambda _r: self._changed(), Sanction, self,
            change=change, people=lambda: self.data.people if self.data else (),
        )  # fmt: skip
        self.contacts, self.contacts_view = table(self, "contactsView", CONTACT_COLUMNS)
        (self.contact_button,) = buttons(
            self, (tr("Ny &kontakt…"), "newContactButton", self.new_contact)
        )
        self.message = QLabel("", self)
        self.message.setObjectName("errorLabel")
        self.message.setWordWrap(True)
        self._layout()
        commands = (self.new_button, self.open_button, self.plan_button, self.edit_plan_button)
        for button in (*commands, self.contact_button):
            button.setEnabled(False)

    def _layout(self) -> None:
        """The plan line over three titled lists."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan)
        followups = (self.new_button, self.open_button, self.plan_button, self.edit_plan_button)
        layout.addWidget(_boxed(tr("Uppföljningar"), self.followups_view, *followups), 2)
        layout.addWidget(_boxed(tr("Öppna åtgärder"), self.action_panel), 2)
        layout.addWidget(_boxed(tr("Kontaktlogg"), self.contacts_view, self.contact_button), 2)
        layout.addWidget(self.message)

    def show_contract(self, contract_id: uuid.UUID | None) -> None:
        """Show the follow-up of a stored contract (nothing for a new one)."""
        self._contract_id = contract_id
        self.reload()

    def reload(self) -> None:
        """Read the overview in the background."""
        if self._contract_id is None:
            return
        services, cid = self._services, self._contract_id
        self._tasks.run(lambda: tab_data.read(services, cid), self._show, self._failed)

    def _show(self, data: tab_data.Overview) -> None:
        """Fill the plan line and the three lists; gate the commands."""
        self.data = data
        self.plan.setText(data.plan_text())
        show_rows(self.followups, self.followups_view, data.followups)
        self.action_panel.display(data.actions, lambda row: data.refusal(row.owner_id))
        show_rows(self.contacts, self.contacts_view, data.contacts)
        why = data.refusal()
        gate(self.new_button, why or ("" if data.plan else tr("Avtalet har ingen plan.")))
        gate(self.contact_button, why)
        plan_why = data.me.refusal(Act.FOLLOWUP_PLAN)
        gate(self.plan_button, plan_why or (tr("Avtalet har redan en plan.") if data.plan else ""))
        gate(
            self.edit_plan_button, plan_why or ("" if data.plan else tr("Avtalet har ingen plan."))
        )
        self.open_button.setEnabled(bool(data.followups))
        self.message.setText("")
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish."""
        self.message.setText(user_text(exc))

    def new_followup(self) -> None:
        """Start the plan's next follow-up (or continue the open one) and open it."""
        if self.data is None or self.data.plan is None or self.data.refusal():
            return
        service, plan_id = self._services.followup, self.data.plan.id
        self._tasks.run(
            lambda: service.start_followup(plan_id), lambda d: self._open(d.id), self._failed
        )

    def open_selected(self) -> None:
        """Open the highlighted follow-up in the checklist editor."""
        row = current_row(self.followups, self.followups_view)
        if row is not None:
            self._open(row.id)

    def _open(self, followup_id: uuid.UUID) -> None:
        """The checklist editor; the tab is re-read when it closes."""
        self.editor = FollowupEditor.open_for(self, self._services, self._tasks, followup_id)
        self.editor.finished.connect(lambda _r: self._changed())

    def propose_plan(self) -> None:
        """Ask the service for a plan from the contract's risk tier and CPV."""
        if self._contract_id is None:
            return
        service, cid = self._services.followup, self._contract_id
        self._tasks.run(lambda: service.propose_plan(cid), self._confirm_plan, self._failed)

    def _confirm_plan(self, proposal: Any) -> None:
        """Show the proposal and its reasons; store it if the user agrees."""
        text = tr("Föreslagen plan: %1, var %2:e månad, första uppföljning %3.\nChecklistor: %4")
        text = (
            text.replace("%1", proposal.risk_tier.label)
            .replace("%2", str(proposal.interval_months))
            .replace("%3", proposal.next_due.isoformat())
            .replace("%4", ", ".join(proposal.template_names))
        )
        reasons = "\n".join(f"• {r}" for r in proposal.reasons)
        answer = QMessageBox.question(
            self, tr("Föreslå plan"), f"{text}\n\n{reasons}\n\n" + tr("Spara planen?")
        )
        if answer == QMessageBox.StandardButton.Yes and self._contract_id is not None:
            services, cid = self._services, self._contract_id
            self._tasks.run(
                lambda: tab_data.save_proposal(services, cid, proposal),
                lambda _p: self._changed(),
                self._failed,
            )

    def edit_plan(self) -> None:
        """Change the plan (tier, interval, checklists, responsible); re-read when it is saved."""
        if self._contract_id is None or self.data is None or self.data.plan is None:
            return
        self.plan_editor = PlanEditor(self._services, self._tasks, self)
        self.plan_editor.saved.connect(lambda _p: self._changed())
        self.plan_editor.open_contract(self._contract_id)

    def new_contact(self) -> None:
        """Add an entry to the contact log."""
        if self._contract_id is None or self.data is None or self.data.refusal():
            return
        service, cid = self._services.followup, self._contract_id
        self.contact_dialog = ContactDialog(
            self._tasks, lambda data: service.add_contact(cid, data), self
        )
        self.contact_dialog.accepted.connect(self._changed)
        self.contact_dialog.open()

    def _changed(self) -> None:
        """Something was stored: re-read the tab and tell the list."""
        self.reload()
        self.changed.emit()


def _boxed(title: str, main: QWidget, *under: QWidget) -> QGroupBox:
    """A titled group with *main* and a line of buttons under it."""
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(main, 1)
    if under:
        layout.addLayout(line(list(under)))
    return box
