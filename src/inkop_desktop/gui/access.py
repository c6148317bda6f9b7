"""What the GUI offers a person: commands their roles allow (the services decide regardless)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction

from inkop_desktop.domain.permissions import Act
from inkop_desktop.services.access import Actor

Command = tuple[str, Callable[[], None]]


def permitted(
    offered: Sequence[tuple[str, Callable[[], None], Act | None]], me: Actor | None
) -> list[Command]:
    """The commands *me* may use (all of them when nobody is known yet, e.g. in tests)."""
    return [(text, run) for text, run, act in offered if me is None or act is None or me.may(act)]


def gate_action(action: QAction, me: Actor, act: Act) -> None:
    """Disable *action* unless *me* may perform *act*; the tooltip says why."""
    why = me.refusal(act)
    action.setEnabled(not why)
    action.setToolTip(why)
