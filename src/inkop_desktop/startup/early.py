"""Views whose opening page is read before the database is open (from a local SQLite file).

Such a page is made at once with services that exist only once the database is open
(``ListPage(before_data=True)`` reads nothing before ``data_ready``); its opening page comes
from ``services.<area>.first_page`` and its toolbar once the person is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from inkop_desktop.startup import pages

if TYPE_CHECKING:
    from inkop_desktop.gui.list_page import ListPage, ViewSpec
    from inkop_desktop.services.access import Actor
    from inkop_desktop.services.dto import ListQuery
    from inkop_desktop.services.early_page import QuickPage
    from inkop_desktop.services.registry import Services
    from inkop_desktop.startup.core import Startup

Commands = list[tuple[str, Callable[[], None]]]
Read = Callable[[str, str, "ListQuery", date], "QuickPage[Any] | None"]


@dataclass(frozen=True)
class EarlyView:
    """How one list is shown before the database is open."""

    spec: Callable[[Services, Startup], ViewSpec]
    read: Read
    opening: Callable[[int], ListQuery]
    commands: Callable[[Startup, Actor], Commands]

    def make(self, startup: Startup) -> ListPage:
        """The page, reading nothing until ``data_ready`` (no toolbar until then)."""
        from inkop_desktop.gui.list_page import ListPage

        spec = self.spec(cast("Services", _WhenOpen(startup)), startup)
        return ListPage(spec, startup.tasks, startup.window.stack, before_data=True)


class _WhenOpen:
    """The services of the database being opened, for a page made before it is open."""

    def __init__(self, startup: Startup) -> None:
        self._startup = startup

    def __getattr__(self, name: str) -> Any:
        """A service of the open database."""
        return getattr(self._startup.opened()[0], name)


def early_view(name: str) -> EarlyView | None:
    """The view *name* if its opening page can be read early (Avtal, the plan), else None."""
    from inkop_desktop.gui import views

    if name == "avtal":
        from inkop_desktop.services.contracts import first_page as contracts

        return EarlyView(
            lambda s, st: views.contract_view(s, lambda row: st.contracts.edit(row.id)),
            contracts.first_page, contracts.opening_query, pages.contract_commands,
        )  # fmt: skip
    if name == "plan":
        from inkop_desktop.services.plan import first_page as plan

        return EarlyView(
            lambda s, st: views.plan_view(s, lambda row: st.plan.edit(row.id)),
            plan.first_page, plan.opening_query, pages.plan_commands,
        )  # fmt: skip
    return None
