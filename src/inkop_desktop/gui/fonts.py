"""Register the shipped TTF so text never renders as boxes, whatever the system has."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from inkop_desktop.paths import resource

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def install_fonts(app: QApplication, point_size: int = 10) -> str:
    """Add the bundled fonts and make the regular face the application font; return its family."""
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    if family:
        app.setFont(QFont(family, point_size))
    return family


def install_swedish(app: QApplication) -> bool:
    """Swedish locale and Qt's own Swedish texts (Spara, Avbryt, Ja, Nej …) for standard dialogs."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_sv", folder):
        app.installTranslator(translator)
        return True
    return False
