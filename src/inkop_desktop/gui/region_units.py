"""Nämnd pick lists limited to the chosen region(s), named with their region when both appear."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from inkop_desktop.domain.organisation import Parties, Region


class Unit(Protocol):
    """What a pick list needs of an organisation."""

    @property
    def id(self) -> Any:
        """Its id."""

    @property
    def name(self) -> str:
        """Its name."""

    @property
    def region(self) -> str | None:
        """SRM or VMA."""


def _short(region: str | None) -> str:
    """``Sörmland`` for SRM."""
    try:
        return Region(region or "").label.removeprefix("Region ")
    except ValueError:
        return ""


def units_for(units: Iterable[Unit], regions: Sequence[Region | str]) -> list[tuple[str, Any]]:
    """(text, id) of the units in *regions*; the region is named when more than one is offered."""
    wanted = {str(r) for r in regions}
    chosen = [u for u in units if u.region in wanted]
    both = len({u.region for u in chosen}) > 1
    return [(f"{u.name} ({_short(u.region)})" if both else u.name, u.id) for u in chosen]


def units_for_parties(units: Iterable[Unit], parties: Parties | None) -> list[tuple[str, Any]]:
    """The units of the region(s) a plan item or contract is for (all of both when unknown)."""
    regions = parties.regions() if parties is not None else tuple(Region)
    return units_for(units, regions)
