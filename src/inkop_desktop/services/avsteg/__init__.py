"""Avsteg: the register, its automatic rules and how the other areas record a deviation."""

from inkop_desktop.services.avsteg.dto import AvstegEntry, AvstegFilter, ManualAvsteg, NamndChoice
from inkop_desktop.services.avsteg.record import (
    Where,
    award_where,
    outside_delegation,
    record,
    values,
)
from inkop_desktop.services.avsteg.register import AvstegService
from inkop_desktop.services.avsteg.same_kind import award_totals

__all__ = [
    "AvstegEntry",
    "AvstegFilter",
    "AvstegService",
    "ManualAvsteg",
    "NamndChoice",
    "Where",
    "award_totals",
    "award_where",
    "outside_delegation",
    "record",
    "values",
]
