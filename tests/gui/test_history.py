"""Historik: the plan item and contract editors show who changed the record, when and what."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.history import HistoryDialog
from inkop_desktop.gui.plan.editor import PlanItemEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.db.audit_attack import audit_actors
from tests.gui.conftest import BaseRows
from tests.gui.plan.test_plan_gui import _data
from tests.services.conftest import acting_as
from tests.services.contract_helpers import contract_data


def _rows(qtbot: QtBot, editor: Any) -> list[list[str]]:
    """Open the editor's history and return its rows once loaded."""
    qtbot.waitUntil(lambda: editor.history.isEnabled(), timeout=5000)
    editor.history.click()
    dialog = editor.findChild(HistoryDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.status.text().endswith("ändringar"), timeout=5000)
    table = dialog.table
    assert not dialog.table.editTriggers()  # read-only
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _who(services: Services, name: str, login: str) -> str:
    """SQLite: the app's user; PostgreSQL: the database login that wrote (the tests' superuser)."""
    (actor,) = audit_actors(services.context.sessions, login)
    return f"{name} ({login})" if actor == login else actor


def test_plan_item_history_names_each_person_and_the_changed_fields(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    item = services.plan.create(_data(base_rows))
    other = acting_as(services, "olle.berg", "Olle Berg", Role.UPPHANDLARE)
    other.plan.update(item.id, item.version, _data(base_rows, title="Lokalvård 2026"))
    editor = PlanItemEditor(services, tasks)
    qtbot.addWidget(editor)
    assert not editor.history.isEnabled()  # nothing to show for a new item
    editor.open_item(item.id)
    rows = _rows(qtbot, editor)
    assert [r[1:3] for r in rows] == [
        [_who(services, "Karin Öberg", "karin.oberg"), "Skapad"],
        [_who(services, "Olle Berg", "olle.berg"), "Ändrad"],
    ]
    created = rows[0][3].splitlines()
    assert created[0] == "Lokalvård"  # and its child rows of the same save:
    assert "CPV-koder: lade till 90910000-9" in created
    assert "parter: lade till Region Sörmland" in created
    assert rows[1][3] == "titel: Lokalvård → Lokalvård 2026"
    assert editor.findChild(HistoryDialog).windowTitle() == f"Historik – {item.reference}"


def test_contract_history_shows_an_update_of_its_value(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    stored = services.contracts.create(contract_data(base_rows))
    changed = contract_data(base_rows, total_value_ore=3_500_000_00)
    services.contracts.update(stored.id, stored.version, changed)
    editor = ContractEditor(services.contracts, tasks)
    qtbot.addWidget(editor)
    editor.start(stored.id)
    rows = _rows(qtbot, editor)
    assert [r[2] for r in rows] == ["Skapad", "Ändrad"]
    assert "avtalsvärde: 3\xa0000\xa0000 kr → 3\xa0500\xa0000 kr" in rows[1][3].splitlines()
