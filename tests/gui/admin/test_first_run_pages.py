"""Every first-run page drawn offscreen: Swedish texts that fit, nothing cut off at 1024 px."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inkop_desktop.gui.admin.first_run import FirstRunDialog
from inkop_desktop.gui.admin.local_setup import LocalDatabase
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.admin import PersonRef
from inkop_desktop.services.connection import Connection

SCREEN_WIDTH = 1024
PAGES = ("choice", "server", "start", "person", "import", "import-error", "pick")
REFUSED = (
    "Personer: Inget importerades: 9 fel i filen.\n"
    + "\n".join(
        f"Rad {n}, Organisation: organisationen Okänd förvaltning finns inte" for n in range(2, 10)
    )
    + "\n… och 1 fel till."
)


def _cut_off(page: QWidget) -> list[str]:
    """Visible texts on *page* that do not get the room they need."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page) or widget.width() == 0:
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.text() and widget.height() < widget.heightForWidth(widget.width()):
                found.append(f"{widget.objectName()}: {widget.text()[:40]} (höjd)")
        elif isinstance(widget, QLabel | QAbstractButton | QComboBox) and (
            widget.width() < widget.sizeHint().width()
        ):
            found.append(f"{widget.objectName() or type(widget).__name__}: bredd")
    return found


def _show(dialog: FirstRunDialog, name: str) -> None:
    """Put *name* on screen with realistic content."""
    if name == "server":
        dialog.choice.server.setChecked(True)
        dialog.choice.host.setText("db.regionsormland.se")
        dialog.choice.database.setText("inkop")
        dialog.choice.user.setText("karin.oberg")
        dialog.choice.set_ssl_mode("verify-full")
        dialog.choice.test_result.setText(
            "Kunde inte ansluta till databasen. Servern svarar inte. Kontrollera värd och port."
        )
        return
    pages = {
        "choice": dialog.choice_page,
        "start": dialog.start_page,
        "person": dialog.person_page,
        "import": dialog.import_page,
        "pick": dialog.pick_page,
    }
    if name == "import-error":
        dialog._show_page(dialog.import_page)
        dialog.files.people.setText("/home/karin/Hämtade filer/personer-2026-05-04.xlsx")
        dialog.error.setText(REFUSED)
        return
    if name == "pick":
        people = [
            PersonRef(id=uuid.uuid4(), name=name, login=login, organisation=org)
            for name, login, org in (
                ("Annika Berg", "annika.berg", "Hälso- och sjukvårdsförvaltningen"),
                ("Karin Öberg", "karin.oberg", "Inköpsverksamheten"),
            )
        ]
        dialog._offer(people, imported=True)
    else:
        dialog._show_page(pages[name])


def _no_database() -> Connection:
    raise AssertionError("the pages are drawn without opening a database")


@pytest.mark.parametrize("name", PAGES)
def test_each_page_shows_its_swedish_texts_in_full(
    qtbot: QtBot, tasks: TaskRunner, tmp_path: Path, name: str
) -> None:
    path = "/home/karin/.local/share/inkop-desktop/inkop.sqlite"
    local = LocalDatabase(path, lambda: False, _no_database, lambda: None)
    dialog = FirstRunDialog(tasks, lambda _u, _p: "", local, "karin.oberg")
    qtbot.addWidget(dialog)
    dialog.show()
    _show(dialog, name)
    QApplication.processEvents()
    assert dialog.width() <= SCREEN_WIDTH and dialog.minimumSizeHint().width() <= SCREEN_WIDTH
    assert _cut_off(dialog) == []
    shown = [w for w in dialog.findChildren(QWidget) if w.isVisible()]
    texts = [w.text() for w in shown if isinstance(w, QLabel | QAbstractButton)]
    assert dialog.windowTitle() == "Välkommen – första start"
    assert not any(t in ("Next", "Cancel", "Back", "Finish") for t in texts)
    for edit in dialog.findChildren(QLineEdit):
        if edit.isVisible() and edit.placeholderText():
            assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    folder = Path(os.environ.get("INKOP_FIRST_RUN_PNG", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / f"first-run-{name}.png"))
