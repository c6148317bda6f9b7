"""Which column holds what: one drop-down per field, remembered for files with these headings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.compliance import Field, checked
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.services.compliance import Preview


def tr(text: str) -> str:
    """Translate (context "Avtalstrohet")."""
    return QCoreApplication.translate("Avtalstrohet", text)


class MappingDialog(QDialog):
    """The column mapping for one file; OK only when every field has its own column."""

    def __init__(self, preview: Preview, filename: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Kolumner i leverantörsreskontran"))
        self._headers = preview.headers
        layout = QVBoxLayout(self)
        remembered = tr(" Valen är de du gjorde förra gången för filer med samma rubriker.")
        intro = QLabel(
            tr("%1: %2 rader. Välj vilken kolumn som innehåller vad.")
            .replace("%1", filename)
            .replace("%2", f"{preview.rows:,}".replace(",", " "))
            + (remembered if preview.remembered else ""),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.combos: dict[Field, QComboBox] = {}
        for field in Field:
            combo = QComboBox(self)
            combo.addItem(tr("(välj kolumn)"), None)
            for heading in preview.headers:
                combo.addItem(heading, heading)
            chosen = preview.mapping.get(field)
            if chosen in preview.headers:
                combo.setCurrentIndex(preview.headers.index(chosen) + 1)
            combo.setAccessibleName(field.label)
            form.addRow(field.label, combo)
            self.combos[field] = combo
        layout.addLayout(form)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight);")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Läs in"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def mapping(self) -> dict[Field, str]:
        """The chosen headings (fields without a choice left out)."""
        return {f: c.currentData() for f, c in self.combos.items() if c.currentData()}

    def accept(self) -> None:
        """Close only with a complete mapping; else say what is missing."""
        try:
            checked(self.mapping(), self._headers)
        except DomainError as exc:
            self.error.setText(exc.text)
            return
        super().accept()
