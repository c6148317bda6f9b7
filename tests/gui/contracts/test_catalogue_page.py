"""The avtalskatalog: best hit first with "Träff på", the exact total, and Enter opens the
contract (read-only for those who may not edit contracts)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.contracts import catalogue
from inkop_desktop.gui.contracts.catalogue import CataloguePage
from inkop_desktop.gui.contracts.commands import ContractCommands
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.contracts import catalogue_short
from inkop_desktop.services.contracts.catalogue import CatalogueQuery
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.conftest import acting_as
from tests.services.contract_helpers import contract_data

TODAY = date.today()


def _portfolio(services: Services, rows: BaseRows) -> dict[str, Any]:
    """Three contracts in force that mention golvvård in different fields."""
    start, end = TODAY - timedelta(days=30), TODAY + timedelta(days=400)
    made = {}
    for number, title, keywords in [
        ("SRM-2026-0001", "Lokalvård", "golvvård fönsterputs"),
        ("SRM-2026-0002", "Golvvård och städning", ""),
        ("SRM-2026-0003", "Fönsterputs", "golvvård"),
    ]:
        data = contract_data(
            rows, contract_number=number, title=title, keywords=keywords,
            start_date=start, end_date=end,
        )  # fmt: skip
        made[number] = services.contracts.create(data)
    return made


def test_hits_by_relevance_with_where_the_words_matched(
    services: Services, base_rows: BaseRows
) -> None:
    _portfolio(services, base_rows)
    result = services.catalogue.find(CatalogueQuery(text="GOLVVÅRD", on=TODAY, limit=2))
    assert result.total == 3  # counted in SQL, not the two shown
    assert result.hits[0].contract_number == "SRM-2026-0002"  # in the title
    assert result.hits[0].matched == "benämning"
    assert result.hits[1].matched == "nyckelord"
    number = services.catalogue.find(CatalogueQuery(text="2026-0003 golvvård", on=TODAY))
    assert number.hits[0].contract_number == "SRM-2026-0003"
    assert number.hits[0].matched == "avtalsnr, nyckelord"


def test_status_says_how_many_match_and_enter_opens_the_hit(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    made = _portfolio(services, base_rows)
    monkeypatch.setattr(catalogue, "LIMIT", 2)
    opened: list[Any] = []
    page = CataloguePage(services.catalogue, tasks, on_open=opened.append)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText("golvvård")
    assert page.status.text() == "Visar 1–2 av 3 avtal"
    matched = [c.key for c in catalogue.COLUMNS].index("matched")
    assert page.model.data(page.model.index(0, matched)) == "Benämning"
    page.show()
    qtbot.waitExposed(page)
    page.table.setCurrentIndex(page.model.index(1, 0))
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert [h.id for h in opened] == [page.model.row_at(1).id]
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText("golvvård städning")
    assert page.status.text() == "1 avtal"
    assert page.model.row_at(0).id == made["SRM-2026-0002"].id


def test_two_letters_show_words_starting_so_and_say_when_there_are_more(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    made = _portfolio(services, base_rows)
    monkeypatch.setattr(catalogue, "LIMIT", 1)
    monkeypatch.setattr(catalogue_short, "CAP", 1)
    page = CataloguePage(services.catalogue, tasks)
    qtbot.addWidget(page)
    assert "ett ord som börjar så" in page.findChildren(QLabel)[1].text()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText("go")
    assert page.status.text() == "Visar 1–1 av fler än 1 avtal"
    assert "minst tre tecken" in page.status.toolTip()
    assert page.model.row_at(0).id == made["SRM-2026-0001"].id  # same end date: by number
    matched = [c.key for c in catalogue.COLUMNS].index("matched")
    assert page.model.data(page.model.index(0, matched)) == "Nyckelord"
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText("lv")  # inside "golvvård" only: no word starts so
    assert page.status.text().startswith("Inget avtal hittades")
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText("golv")
    assert (page.status.text(), page.status.toolTip()) == ("Visar 1–1 av 3 avtal", "")


def test_who_may_not_edit_contracts_opens_them_read_only(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    made = _portfolio(services, base_rows)
    contract_id = made["SRM-2026-0001"].id
    reader = acting_as(services, "bo.b", "Bo Budget", Role.BUDGETANSVARIG)
    commands = ContractCommands(mock.Mock(), reader, tasks, lambda: None)
    with mock.patch.object(ContractEditor, "ask") as ask:
        commands.open(contract_id, reader.people.me())
    assert ask.call_args.kwargs == {"read_only": True}
    with mock.patch.object(ContractCommands, "edit") as edit:
        commands.open(contract_id, services.people.me())
    edit.assert_called_once_with(contract_id)

    editor = ContractEditor(reader.contracts, tasks)
    qtbot.addWidget(editor)
    editor.read_only = True
    editor.start(contract_id)
    qtbot.waitUntil(lambda: editor.is_ready, timeout=10000)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None and save.isHidden()
    close = editor.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert close is not None and close.text() == "Stäng" and close.isEnabled()
    assert editor.fields.texts["title"].isReadOnly()
    assert editor.fields.texts["title"].text() == "Lokalvård"
    assert not editor.fields.parties.isEnabled()
    assert editor.windowTitle().endswith("(endast läsning)")
