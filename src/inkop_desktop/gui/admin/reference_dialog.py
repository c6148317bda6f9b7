"""Beloppsgränser och ledtider: the dated values, and adding a new period with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Region
from inkop_desktop.domain.reference import RefKey, Unit
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.field_errors import FieldErrors, collect, raise_all
from inkop_desktop.gui.form_helpers import (
    OptionalDate,
    current_enum,
    day_of,
    fill_enum,
    fill_items,
    picker,
)
from inkop_desktop.gui.form_submit import submit
from inkop_desktop.gui.list_page import fit_columns, style_table
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form

if TYPE_CHECKING:
    from inkop_desktop.services.admin.reference import ReferenceService

UNITS = {  # which unit each kind of value has
    RefKey.LEAD_EU: Unit.MONTHS,
    RefKey.LEAD_BELOW: Unit.MONTHS,
    RefKey.LEAD_DIRECT: Unit.MONTHS,
    RefKey.GUIDE_MIN_SUPPLIERS: Unit.COUNT,
}
COLUMNS = [
    Column("key", "Uppgift", sortable=False),
    Column(
        "scope", "Region", lambda v: Region(v).label if v else "Båda regionerna", sortable=False
    ),
    Column(
        "from_amount_kr",
        "Från belopp",
        lambda v: "" if v is None else f"{v:,} kr".replace(",", "\u00a0"),
        sortable=False,
    ),
    Column("shown", "Värde", sortable=False),
    Column("valid_from", "Från", sortable=False),
    Column("valid_to", "Till och med", sortable=False),
    Column("source", "Källa", sortable=False),
]


class _Row:
    """A DatedValue with its display text, for the table."""

    def __init__(self, value: Any) -> None:
        self.__dict__.update(value.model_dump())
        worded = value.key is RefKey.LOU_DOCUMENTATION_DUTY  # "över" or "minst", as the rule says
        self.shown = f"{value.comparison} {value.display()}" if worded else value.display()


class ReferenceDialog(QDialog):
    """Lists every dated value; "Lägg till…" opens the form (administrators only)."""

    def __init__(self, service: ReferenceService, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self.setWindowTitle(self.tr("Beloppsgränser, tröskelvärden och ledtider"))
        self.resize(1100, 560)
        self.model = RowTableModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        style_table(self.table)
        self.status = QLabel(self.tr("Läser in…"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        add = QPushButton(self.tr("Lägg till värde…"), self)
        buttons.addButton(add, QDialogButtonBox.ButtonRole.ActionRole)
        add.clicked.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """Read the values in the background."""
        self._tasks.run(lambda: self._service.table().values, self._show, self._failed)

    def _show(self, values: list[Any]) -> None:
        """Fill the table."""
        self.model.set_rows([_Row(v) for v in values])
        fit_columns(self.table, cap=420)
        self.status.setText(self.tr("%1 daterade värden").replace("%1", str(len(values))))

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish."""
        self.status.setText(user_text(exc))

    def add(self) -> None:
        """Open the form; re-read after a save."""
        if ReferenceValueForm.ask(self, self._service, self._tasks) is not None:
            self.reload()


class ReferenceValueForm(QDialog):
    """ui/reference_value_form.ui: one new dated value."""

    def __init__(self, service: ReferenceService, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self.saved: Any = None
        form = embed_form("reference_value_form", self)
        self.key = child(form, QComboBox, "keyCombo")
        self.scope = child(form, QComboBox, "scopeCombo")
        self.amount = child(form, QLineEdit, "amountEdit")
        self.from_amount = child(form, QLineEdit, "fromAmountEdit")
        self.valid_from = picker(child(form, QDateEdit, "validFromEdit"))
        self.valid_to = OptionalDate(
            child(form, QCheckBox, "validToGiven"), child(form, QDateEdit, "validToEdit")
        )
        self.source = child(form, QLineEdit, "sourceEdit")
        self.note = child(form, QPlainTextEdit, "noteEdit")
        self.error = child(form, QLabel, "errorLabel")
        self.buttons = child(form, QDialogButtonBox, "buttonBox")
        fill_enum(self.key, RefKey)
        fill_items(
            self.scope, [(r.label, r.value) for r in Region], empty=self.tr("Båda regionerna")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.fields = FieldErrors(
            {
                "key": self.key,
                "scope": self.scope,
                "amount": self.amount,
                "from_amount_kr": self.from_amount,
                "valid_from": self.valid_from,
                "valid_to": self.valid_to.edit,
                "source": self.source,
                "note": self.note,
            },
            self.error,
        )

    def values(self) -> dict[str, Any]:
        """The form as a DatedValue dict; typing errors become Swedish messages."""
        key = current_enum(self.key, RefKey)
        assert key is not None
        errors: list[ValidationError] = []
        amount = collect(errors, "amount", lambda: _whole(self.amount.text(), "Värde"), 0)
        above = self.from_amount.text().strip()
        from_amount = collect(
            errors,
            "from_amount_kr",
            lambda: _whole(above, "Från belopp") if above else None,
            None,
        )
        raise_all(errors)
        return {
            "key": key,
            "unit": UNITS.get(key, Unit.KRONOR),
            "amount": amount,
            "from_amount_kr": from_amount,
            "valid_from": day_of(self.valid_from),
            "valid_to": self.valid_to.value(),
            "source": self.source.text().strip(),
            "scope": self.scope.currentData(),
            "note": self.note.toPlainText().strip() or None,
        }

    def save(self) -> None:
        """Store in the background."""
        submit(self._tasks, self.fields, self.buttons, self.values, self._service.add, self._saved)

    def _saved(self, value: Any) -> None:
        """Stored: close."""
        self.saved = value
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, service: ReferenceService, tasks: TaskRunner) -> Any:
        """Show the form; the stored value or None."""
        form = cls(service, tasks, parent)
        return form.saved if form.exec() == QDialog.DialogCode.Accepted else None


def _whole(text: str, label: str) -> int:
    """A whole number typed with or without spaces."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").removesuffix("kr")
    if not cleaned.isdigit():
        raise ValidationError(f"{label}: ange ett heltal, t.ex. 2 400 000.")
    return int(cleaned)
