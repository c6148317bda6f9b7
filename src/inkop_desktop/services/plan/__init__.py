"""Upphandlingsplanen: list, edit, workflow, coordination and the timeline."""

from inkop_desktop.services.plan.service import PlanService
from inkop_desktop.services.plan.store import (
    avsteg_row,
    columns,
    next_reference,
    next_references,
    record_avsteg,
)

__all__ = [
    "PlanService",
    "avsteg_row",
    "columns",
    "next_reference",
    "next_references",
    "record_avsteg",
]
