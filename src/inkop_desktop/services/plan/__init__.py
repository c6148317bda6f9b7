"""Upphandlingsplanen: list, edit, workflow, coordination and the timeline."""

from typing import TYPE_CHECKING

from inkop_desktop.services.lazy import exports

if TYPE_CHECKING:
    from inkop_desktop.services.plan.service import PlanService
    from inkop_desktop.services.plan.store import (
        avsteg_row,
        columns,
        next_reference,
        next_references,
        record_avsteg,
    )

_MADE_IN = {
    "PlanService": "service",
    "avsteg_row": "store",
    "columns": "store",
    "next_reference": "store",
    "next_references": "store",
    "record_avsteg": "store",
}
"""Each public name → its module; imported when first asked for (the first page needs none)."""
__getattr__ = exports(__name__, _MADE_IN)
__all__ = [
    "PlanService",
    "avsteg_row",
    "columns",
    "next_reference",
    "next_references",
    "record_avsteg",
]
