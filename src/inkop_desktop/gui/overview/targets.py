"""Where a click on an Översikt picture leads: the list view and the filters to set there."""

from __future__ import annotations

from dataclasses import dataclass, field

from inkop_desktop.domain.plan.status import PlanStatus


@dataclass(frozen=True)
class Target:
    """A list view and the filter values (filter key → value) to show it with."""

    view: str
    filters: dict[str, str] = field(default_factory=dict)
    show_closed: bool = False
    """Tick *Visa avslutade* (the bar counts closed records too)."""


def target(picture: str, view: str, key: str, series: int, region: str) -> Target:
    """The records behind segment *series* of the bar *key* of *picture*, within *region*."""
    if picture == "upphandlingar":
        status = list(PlanStatus)[series]
        filters = {"status": status.value, "parties": region, "year": key[:4]}
        return Target(view, filters, show_closed=not status.is_open)
    if picture == "bevakningar":
        return Target(view, {"parties": region})
    if picture == "uppfoljningar":
        state = "forsenad" if series == 2 else ""
        return Target(view, {"namnd": key, "region": region, "state": state})
    if picture == "direktupphandlingar":
        return Target(view, {"region": key.partition("|")[2] or region})
    return Target(view)
