"""Avtalstrohet: the reskontra import's fields and the shares on and off contract."""

from inkop_desktop.domain.compliance.mapping import Field, checked, guess, shape
from inkop_desktop.domain.compliance.shares import (
    UNMAPPED,
    OffContract,
    PlanPrefill,
    SameKindWarning,
    Share,
    SpendGroup,
    key_label,
    plan_prefill,
    same_kind_key,
    same_kind_warnings,
)

__all__ = [
    "UNMAPPED",
    "Field",
    "OffContract",
    "PlanPrefill",
    "SameKindWarning",
    "Share",
    "SpendGroup",
    "checked",
    "guess",
    "key_label",
    "plan_prefill",
    "same_kind_key",
    "same_kind_warnings",
    "shape",
]
