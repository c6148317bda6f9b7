"""The conflicts view: both versions field by field; keeping one's own value sends it on sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Supplier
from inkop_desktop.gui.offline import ConflictsDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.offline import OfflineLink
from inkop_desktop.services.offline.conflicts import DROP, MINE, NEW_KEY, RECREATE
from tests.services.offline.conftest import LOGIN, World, supplier

pytestmark = pytest.mark.postgres


def test_the_user_keeps_their_own_value_and_the_next_sync_sends_it(
    qtbot: QtBot, world: World
) -> None:
    with Session(world.server) as s, s.begin():
        row = supplier("Städ AB", "556016-0680")
        s.add(row)
        s.flush()
        row_id = row.id
    world.sync.run()
    with Session(world.server) as s, s.begin():
        s.get_one(Supplier, row_id).city = "Västerås"  # someone else, on the server
    with world.sessions.begin() as s:
        s.get_one(Supplier, row_id).city = "Eskilstuna"  # the user, offline
    replica_file = Path(world.replica.url.database or "")
    link = OfflineLink("", LOGIN, replica_file, server=world.server, replica=world.replica)
    reachable, status = link.sync()
    assert reachable and status.conflicts == 1
    tasks = TaskRunner()
    dialog = ConflictsDialog(tasks, link.conflicts, link.resolve)
    qtbot.addWidget(dialog)
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=10000)
    assert "samma uppgift" in dialog.reason.text()
    city = _row_of(dialog, "supplier.city")
    assert [_text(dialog, city, c) for c in (1, 2, 3)] == ["–", "Eskilstuna", "Västerås"]
    assert _text(dialog, city, 0) == "ort"  # the field as the user knows it, not supplier.city
    item = dialog.list.item(0)
    assert item is not None and item.text().startswith("Leverantör: ")
    choice = dialog.table.cellWidget(city, 4)
    assert isinstance(choice, QComboBox)
    choice.setCurrentIndex(choice.findData(MINE))
    dialog.save_choices()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10000)
    tasks.wait_idle()
    reachable, status = link.sync()
    assert reachable and (status.conflicts, status.waiting) == (0, 0)
    with Session(world.server) as s:
        assert s.get_one(Supplier, row_id).city == "Eskilstuna"


def _text(dialog: ConflictsDialog, row: int, column: int) -> str:
    """A cell's text."""
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def _key(dialog: ConflictsDialog, row: int) -> str:
    """The field name a row's choice is given by (the cell shows its Swedish label)."""
    item = dialog.table.item(row, 0)
    assert item is not None
    return str(item.data(Qt.ItemDataRole.UserRole))


def _row_of(dialog: ConflictsDialog, key: str) -> int:
    """The table row of the field *key*."""
    rows = [i for i in range(dialog.table.rowCount()) if _key(dialog, i) == key]
    assert len(rows) == 1
    return rows[0]


def _dialog(qtbot: QtBot, world: World) -> tuple[ConflictsDialog, OfflineLink, TaskRunner]:
    """The conflicts view on the world's replica, loaded with its one conflict."""
    replica_file = Path(world.replica.url.database or "")
    link = OfflineLink("", LOGIN, replica_file, server=world.server, replica=world.replica)
    tasks = TaskRunner()
    dialog = ConflictsDialog(tasks, link.conflicts, link.resolve)
    qtbot.addWidget(dialog)
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=10000)
    return dialog, link, tasks


def _shown_choices(dialog: ConflictsDialog) -> list[str]:
    """The whole-record buttons shown, by their text."""
    return [b.text() for b in dialog.whole.values() if not b.isHidden()]


def test_a_record_deleted_on_the_server_is_dropped_only_when_confirmed_or_recreated(
    qtbot: QtBot, world: World
) -> None:
    with Session(world.server) as s, s.begin():
        row = supplier("Städ AB", "556016-0680")
        s.add(row)
        s.flush()
        row_id = row.id
    world.sync.run()
    with Session(world.server) as s, s.begin():
        s.delete(s.get_one(Supplier, row_id))
    with world.sessions.begin() as s:
        s.get_one(Supplier, row_id).city = "Eskilstuna"
    world.sync.run()
    dialog, link, tasks = _dialog(qtbot, world)
    assert "tagits bort på servern" in dialog.reason.text()
    assert _shown_choices(dialog) == ["Återskapa mitt utkast", "Släpp mitt"]
    assert not dialog.save.isEnabled()  # per field there is nothing to keep it on
    asked: list[str] = []

    def answer_no(question: str) -> bool:
        asked.append(question)
        return False

    dialog.confirm = answer_no  # type: ignore[method-assign]
    dialog.whole[DROP].click()  # the user answers Nej
    tasks.wait_idle()
    assert len(asked) == 1 and "släppa" in asked[0] and dialog.list.count() == 1
    dialog.whole[RECREATE].click()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10000)
    tasks.wait_idle()
    assert len(asked) == 1  # recreating asks nothing
    reachable, status = link.sync()
    assert reachable and (status.conflicts, status.waiting) == (0, 0)
    with Session(world.server) as s:
        assert s.get_one(Supplier, row_id).city == "Eskilstuna"


def test_a_duplicate_is_kept_under_the_orgnr_the_user_types(qtbot: QtBot, world: World) -> None:
    with Session(world.server) as s, s.begin():
        s.add(supplier("Städ AB (servern)", "556016-0680"))
    with world.sessions.begin() as s:
        s.add(supplier("Städ AB (offline)", "556016-0680"))
    world.sync.run()
    dialog, link, tasks = _dialog(qtbot, world)
    shown = ["Släpp mitt", "Använd serverns post", "Behåll mitt med ändrad nyckel…"]
    assert _shown_choices(dialog) == shown
    dialog.ask_key = lambda field, value: "559012-3450"  # type: ignore[method-assign]
    dialog.whole[NEW_KEY].click()
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=10000)
    tasks.wait_idle()
    assert link.sync()[0]
    with Session(world.server) as s:
        names = s.scalars(select(Supplier.name).where(Supplier.orgnr == "559012-3450")).all()
    assert names == ["Städ AB (offline)"]
