"""The bar that says why a shared database is open for reading only."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

NO_PERSON = (
    "Din inloggning ”%1” finns inte bland personerna i den gemensamma databasen. "
    "Be en administratör att lägga upp dig med dina roller. "
    "Till dess är programmet öppnat bara för läsning."
)


class ReadOnlyBar(QLabel):
    """A login with no person row: say so, and who can help."""

    def __init__(self, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBar")
        self.setWordWrap(True)
        self.setText(self.tr(NO_PERSON).replace("%1", login))
        self.setStyleSheet(
            "QLabel#readOnlyBar { background: #fff4ce; color: #3b2f00;"
            " border: 1px solid #d9b300; padding: 6px 10px; }"
        )
        self.setAccessibleName(self.tr("Endast läsning"))
