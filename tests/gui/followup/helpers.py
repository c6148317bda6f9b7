"""A contract with a follow-up plan on the shipped checklists, for the follow-up GUI tests."""

from __future__ import annotations

import uuid
from datetime import date

from pytestqt.qtbot import QtBot

from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.followup.model import Outcome
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.followup import FollowupCommands
from inkop_desktop.gui.followup.contract_tab import FollowupTab
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

TAX = "Skatter och avgifter"


def template_id(services: Services, name: str = TAX) -> uuid.UUID:
    """The shipped template whose name starts with *name* (loaded if missing)."""
    services.followup_templates.sync_shipped()
    rows = services.followup_templates.list_templates()
    return next(t.id for t in rows if t.name.startswith(name))


def planned_contract(services: Services, rows: BaseRows) -> tuple[uuid.UUID, uuid.UUID]:
    """A contract in force with a plan on the tax checklist; (contract id, plan id)."""
    contract = services.contracts.create(
        contract_data(rows, start_date=date(2025, 1, 1), end_date=date(2029, 12, 31))
    )
    plan = services.followup.save_plan(
        contract.id,
        {
            "risk_tier": RiskTier.KRITISK,
            "interval_months": 4,
            "template_ids": (template_id(services),),
            "responsible_id": rows.officer,
            "next_due": date.today(),
        },
    )
    return contract.id, plan.id


def sign_all_ok(services: Services, plan_id: uuid.UUID) -> None:
    """Start the plan's follow-up, assess every point OK and sign it."""
    started = services.followup.start_followup(plan_id)
    results = [{"result_id": r.id, "outcome": Outcome.OK, "comment": ""} for r in started.results]
    saved = services.followup.save_followup(started.id, started.version, results)
    services.followup.complete_followup(saved.id, saved.version)


def contract_tab(
    qtbot: QtBot, services: Services, tasks: TaskRunner, contract_id: uuid.UUID, wait: int
) -> FollowupTab:
    """The contract editor with its "Uppföljning" tab, loaded."""
    commands = FollowupCommands(None, services, tasks, lambda: None)  # type: ignore[arg-type]
    editor = ContractEditor(services.contracts, tasks, None, commands.contract_tabs())
    qtbot.addWidget(editor)
    (tab,) = editor.extra
    assert isinstance(tab, FollowupTab)
    with qtbot.waitSignal(tab.loaded, timeout=wait):
        editor.start(contract_id)
    assert editor.tabs.tabText(editor.tabs.indexOf(tab)) == "&Uppföljning"
    return tab
