"""The GUI offers only what a person's roles allow (the services refuse the rest anyway)."""

from __future__ import annotations

import uuid

from PySide6.QtGui import QAction

from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.access import gate_action, permitted
from inkop_desktop.services.access import Actor


def _actor(*roles: Role, setting_up: bool = False) -> Actor:
    return Actor("x", uuid.uuid4(), "X", frozenset(roles), setting_up)


def _offered() -> list:  # type: ignore[type-arg]
    return [
        ("Ny planpost…", lambda: None, Act.PLAN_CREATE),
        ("Behovsanmälan…", lambda: None, Act.PLAN_NEED),
        ("Skriv ut (PDF)…", lambda: None, None),
    ]


def test_a_medarbetare_gets_only_the_commands_open_to_all() -> None:
    texts = [t for t, _run in permitted(_offered(), _actor(Role.MEDARBETARE))]
    assert texts == ["Skriv ut (PDF)…"]


def test_a_budgetansvarig_may_announce_a_need_but_not_plan() -> None:
    texts = [t for t, _run in permitted(_offered(), _actor(Role.BUDGETANSVARIG))]
    assert texts == ["Behovsanmälan…", "Skriv ut (PDF)…"]


def test_an_unknown_person_in_tests_gets_everything() -> None:
    assert len(permitted(_offered(), None)) == 3


def test_a_gated_action_is_disabled_with_the_rule(qapp: object) -> None:
    action = QAction("Importera personer…")
    gate_action(action, _actor(Role.UPPHANDLARE), Act.ADMINISTER)
    assert not action.isEnabled()
    assert "bara administratörer förvaltar installationens grunddata" in action.toolTip()
    gate_action(action, _actor(Role.UPPHANDLARE, setting_up=True), Act.ADMINISTER)
    assert action.isEnabled() and "Du får inte" not in action.toolTip()
