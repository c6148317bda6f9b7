"""The conflicts view: both versions field by field; keeping one's own value sends it on sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Supplier
from inkop_desktop.gui.offline import ConflictsDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.offline import OfflineLink
from inkop_desktop.services.offline.conflicts import MINE
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


def _row_of(dialog: ConflictsDialog, key: str) -> int:
    """The table row of the field *key*."""
    rows = [i for i in range(dialog.table.rowCount()) if _text(dialog, i, 0) == key]
    assert len(rows) == 1
    return rows[0]
