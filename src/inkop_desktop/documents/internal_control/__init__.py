"""Internkontrollrapporten per nämnd (PDF/A)."""

from inkop_desktop.documents.internal_control.model import (
    DONE,
    DUE,
    OVERDUE,
    AvstegLine,
    AvstegRuleCount,
    AwardLine,
    Compliance,
    ContractLine,
    FollowupLine,
    InternalControl,
    OffContractLine,
)
from inkop_desktop.documents.internal_control.report import internal_control_pdf

__all__ = [
    "DONE",
    "DUE",
    "OVERDUE",
    "AvstegLine",
    "AvstegRuleCount",
    "AwardLine",
    "Compliance",
    "ContractLine",
    "FollowupLine",
    "InternalControl",
    "OffContractLine",
    "internal_control_pdf",
]
