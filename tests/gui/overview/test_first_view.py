"""The inköpschef starts with the Översikt; everyone else keeps their view."""

from __future__ import annotations

from inkop_desktop.domain.organisation import Role
from inkop_desktop.startup import first_view


def test_an_inkopschef_starts_with_the_overview_unless_a_view_is_asked_for() -> None:
    chief = frozenset({Role.INKOPSCHEF, Role.UPPHANDLARE})
    assert first_view(None, "plan", chief) == "oversikt"
    assert first_view("avtal", "avtal", chief) == "avtal"
    assert first_view(None, "plan", frozenset({Role.UPPHANDLARE})) == "plan"
    assert first_view(None, "avtal", frozenset()) == "avtal"
