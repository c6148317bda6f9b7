"""Jäv status of one procurement: roster, suppliers, cross-check hits and what blocks a decision."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.jav.kinds import DeclarationState
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.jav.assessment_dialog import AssessmentDialog
from inkop_desktop.gui.jav.common import (
    MATCH,
    MUTED,
    PdfExport,
    ToneModel,
    file_name,
    make_table,
    selected_row,
    state_tone,
    swedish_buttons,
    tr,
)
from inkop_desktop.gui.jav.declaration_editor import DeclarationEditor
from inkop_desktop.gui.jav.pickers import ParticipantDialog, PickDialog, RemovalDialog
from inkop_desktop.gui.list_page import fit_columns
from inkop_desktop.gui.table_model import Column
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.jav.dto import ParticipantRow, ProcurementJav
from inkop_desktop.services.registry import Services


def _tone(row: ParticipantRow) -> str | None:
    """Cross-check hits in red; removed and jäviga participants greyed unless still blocking."""
    if row.blocks_after_removal:
        return state_tone(row.state)
    if row.removed_on is not None or row.state is DeclarationState.JAVIG:
        return MUTED
    if row.matches:
        return MATCH
    return state_tone(row.state)


COLUMNS = [
    Column("person", tr("Deltagare")),
    Column("role", tr("Roll")),
    Column("state", tr("Deklaration")),
    Column("matches", tr("Träff mot leverantör"), lambda m: "; ".join(x.text for x in m)),
    Column("missing", tr("Saknas"), lambda m: "; ".join(m)),
    Column("signed_version", tr("Version"), numeric=True),
    Column("added_on", tr("Tillagd")),
    Column("removed_on", tr("Borttagen")),
    Column("removed_by", tr("Borttagen av")),
    Column("removal_reason", tr("Anledning till borttagning")),
    Column("external_company", tr("Extern (företag)")),
]


class ProcurementDialog(QDialog):
    """Manage one procurement's roster and see its jäv status; all work runs in the background."""

    loaded = Signal()
    pdf_shown = Signal(bytes)

    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        *,
        plan_item_id: uuid.UUID | None = None,
        direct_award_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._where = {"plan_item_id": plan_item_id, "direct_award_id": direct_award_id}
        self.status: ProcurementJav | None = None
        self.setWindowTitle(tr("Jäv och sekretess i upphandlingen"))
        self.resize(1180, 640)
        self.model = ToneModel(COLUMNS, _tone, self)
        self._pdf = PdfExport(self, tasks, self.pdf_shown.emit)
        self._build()
        self.refresh()

    def _build(self) -> None:
        """Header, suppliers, roster table, blockers and the command buttons."""
        self.header = QLabel(tr("Läser in…"), self)
        font = self.header.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.header.setFont(font)
        self.suppliers = QLabel("", self)
        self.table = make_table(self.model, self)
        self.table.doubleClicked.connect(lambda _i: self.open_declaration())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.blockers = QLabel("", self)
        for label in (self.header, self.suppliers, self.blockers):
            label.setWordWrap(True)
        close = swedish_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.header, self.suppliers):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.blockers)
        layout.addLayout(self._buttons())
        layout.addWidget(close)

    def _buttons(self) -> QVBoxLayout:
        """Two rows of commands."""
        self.buttons: dict[str, QPushButton] = {}
        rows = (
            (
                ("add", tr("Lägg till deltagare…"), self.add_participant),
                ("remove", tr("Ta bort deltagare…"), self.remove_participant),
                ("bidder", tr("Lägg till anbudsgivare…"), self.add_bidder),
                ("protocol", tr("Jävsprotokoll…"), self.show_protocol),
            ),
            (
                ("own", tr("Min deklaration…"), self.open_own),
                ("confirm", tr("Bekräfta min deklaration"), self.confirm_own),
                ("view", tr("Visa deklaration…"), self.open_declaration),
                ("assess", tr("Bedöm…"), self.assess),
                ("declaration_pdf", tr("Jävsdeklaration (PDF)…"), self.show_declaration),
                ("secrecy_pdf", tr("Sekretessförbindelse (PDF)…"), self.show_secrecy),
            ),
        )
        box = QVBoxLayout()
        for commands in rows:
            line = QHBoxLayout()
            for key, text, slot in commands:
                button = QPushButton(text, self)
                button.clicked.connect(lambda _c=False, run=slot: run())
                self.buttons[key] = button
                line.addWidget(button)
            line.addStretch(1)
            box.addLayout(line)
        return box

    def refresh(self) -> None:
        """Re-read the procurement's jäv status."""
        where = self._where
        self._tasks.run(
            lambda: self._services.jav.procurement_jav(**where),
            self._show,
            lambda exc: show_error(self, exc),
            owner=self,
        )

    def _show(self, status: ProcurementJav) -> None:
        """Fill header, suppliers, roster and blockers."""
        self.status = status
        ref = status.procurement
        self.header.setText(f"{ref.reference} – {ref.title}")
        self.setWindowTitle(tr("Jäv och sekretess – %1").replace("%1", ref.reference))
        responsible = ref.responsible or tr("ingen angiven")
        known = ", ".join(f"{s.name} ({s.orgnr})" for s in status.suppliers)
        self.suppliers.setText(
            tr("Ansvarig: %1.  ").replace("%1", responsible)
            + (
                tr("Kända leverantörer: %1").replace("%1", known)
                if known
                else tr("Leverantörerna är ännu inte kända.")
            )
        )
        self.model.set_rows(status.participants)
        fit_columns(self.table, 260)
        self._show_blockers(status.blockers)
        self._enable()
        self.loaded.emit()

    def _show_blockers(self, blockers: tuple[str, ...]) -> None:
        """Red list of blockers, or a green all-clear."""
        if blockers:
            self.blockers.setStyleSheet("color: #b00020;")
            self.blockers.setText(
                tr("Beslut spärras tills jävsfrågorna är klara:") + "\n• " + "\n• ".join(blockers)
            )
        else:
            self.blockers.setStyleSheet("color: #1b6e20;")
            self.blockers.setText(tr("Inga hinder – inget jäv hindrar beslut i upphandlingen."))

    def selected(self) -> ParticipantRow | None:
        """The participant selected in the roster."""
        row: ParticipantRow | None = selected_row(self.table, self.model)
        return row

    def own_row(self) -> ParticipantRow | None:
        """The logged-in person's active participation, if any."""
        rows = self.status.participants if self.status else ()
        return next((r for r in rows if r.is_self and r.removed_on is None), None)

    def _enable(self) -> None:
        """Enable the commands that make sense for the selection and the user."""
        row, own = self.selected(), self.own_row()
        viewable = row is not None and row.may_view and row.signed_version is not None
        roster = self.status.roster_refusal if self.status else ""
        bidders = self.status.bidders_refusal if self.status else ""
        is_plan = self._where["plan_item_id"] is not None
        enabled = {
            "add": self.status is not None and not roster,
            "remove": row is not None and row.removed_on is None and not roster,
            "bidder": is_plan and self.status is not None and not bidders,
            "protocol": bool(
                self.status and (self.status.is_manager or self.status.is_responsible)
            ),
            "own": own is not None,
            "confirm": own is not None and own.state is DeclarationState.OBEKRAFTAD,
            "view": viewable,
            "assess": viewable and row is not None and row.may_assess,
            "declaration_pdf": viewable,
            "secrecy_pdf": row is not None and row.may_view,
        }
        for key, on in enabled.items():
            self.buttons[key].setEnabled(on)
        for key in ("add", "remove"):
            self.buttons[key].setToolTip(roster)
        self.buttons["bidder"].setToolTip(
            bidders if is_plan else tr("Offerter registreras i direktupphandlingen.")
        )

    def _run(self, job: Any) -> None:
        """Run a change in the background, then re-read."""
        self._tasks.run(
            job, lambda _r: self.refresh(), lambda exc: show_error(self, exc), owner=self
        )

    def add_participant(self) -> None:
        """Pick a person and a role; add them to the roster."""
        self._tasks.run(
            self._services.people.people,
            self._people_loaded,
            lambda exc: show_error(self, exc),
            owner=self,
        )

    def _people_loaded(self, people: list[Any]) -> None:
        """Ask for the participant once the people are known."""
        data = ParticipantDialog.ask(self, [(p.display, p.id) for p in people])
        if data is not None:
            where = self._where
            self._run(lambda: self._services.jav.add_participant(data, **where))

    def remove_participant(self) -> None:
        """Take the selected person off the roster from a date."""
        row = self.selected()
        if row is None:
            return
        answer = RemovalDialog.ask(self, row.person, row.added_on, bool(row.missing))
        if answer is not None:
            day, reason = answer
            self._run(lambda: self._services.jav.remove_participant(row.id, day, reason))

    def add_bidder(self) -> None:
        """List a supplier as bidder; every declaration then needs confirmation."""
        plan_item_id = self._where["plan_item_id"]
        if plan_item_id is None:
            return

        def load(text: str) -> list[tuple[str, Any]]:
            page = self._services.suppliers.list(ListQuery(text=text, limit=100))
            return [(f"{s.name} ({s.orgnr})", s.id) for s in page.rows]

        supplier_id = PickDialog.ask(self, tr("Lägg till anbudsgivare"), load, self._tasks)
        if supplier_id is not None:
            self._run(
                lambda: self._services.jav.add_bidder(plan_item_id, supplier_id, date.today())
            )

    def open_own(self) -> None:
        """The logged-in person's declaration editor."""
        own = self.own_row()
        if own is not None:
            DeclarationEditor.ask(self, self._services.jav, self._tasks, own.id)
            self.refresh()

    def confirm_own(self) -> None:
        """Confirm the own declaration unchanged against the known suppliers."""
        own = self.own_row()
        if own is not None:
            self._run(lambda: self._services.jav.confirm(own.id))

    def open_declaration(self) -> None:
        """Show the selected participant's declaration (read-only unless it is one's own)."""
        row = self.selected()
        if row is not None and row.may_view:
            DeclarationEditor.ask(self, self._services.jav, self._tasks, row.id)
            self.refresh()

    def assess(self) -> None:
        """Assess the selected participant's declared circumstances."""
        row = self.selected()
        if row is not None and row.may_assess:
            AssessmentDialog.ask(self, self._services.jav, self._tasks, row.id)
            self.refresh()

    def show_protocol(self) -> None:
        """Jävsprotokoll as PDF."""
        if self.status is not None:
            where, ref = self._where, self.status.procurement.reference
            self._pdf.show(
                lambda: self._services.jav.protocol_pdf(**where),
                tr("Jävsprotokoll"),
                file_name(tr("Jävsprotokoll"), ref),
            )

    def show_declaration(self) -> None:
        """The selected participant's jävsdeklaration as PDF."""
        row = self.selected()
        if row is not None and self.status is not None:
            name = file_name(tr("Jävsdeklaration"), self.status.procurement.reference, row.person)
            self._pdf.show(
                lambda: self._services.jav.declaration_pdf(row.id), tr("Jävsdeklaration"), name
            )

    def show_secrecy(self) -> None:
        """The selected participant's sekretessförbindelse as PDF."""
        row = self.selected()
        if row is not None and self.status is not None:
            ref = self.status.procurement.reference
            name = file_name(tr("Sekretessförbindelse"), ref, row.person)
            self._pdf.show(
                lambda: self._services.jav.secrecy_pdf(row.id), tr("Sekretessförbindelse"), name
            )

    @classmethod
    def show_for(
        cls, parent: QWidget | None, services: Services, tasks: TaskRunner, **where: Any
    ) -> None:
        """Open the dialog modally for a plan item or a direct award."""
        cls(services, tasks, parent=parent, **where).exec()
