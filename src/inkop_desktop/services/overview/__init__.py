"""Översikt: the inköpschef's pictures (aggregates in SQL), with pluggable avsteg/avtalstrohet."""

from inkop_desktop.services.overview.dto import Bar, OverviewPictures, Picture
from inkop_desktop.services.overview.providers import (
    NO_LEDGER,
    AvstegProvider,
    ComplianceProvider,
    NoLedger,
    PerUnit,
    RecordedAvsteg,
)
from inkop_desktop.services.overview.scope import Scope
from inkop_desktop.services.overview.service import OverviewPictureService

__all__ = [
    "NO_LEDGER",
    "AvstegProvider",
    "Bar",
    "ComplianceProvider",
    "NoLedger",
    "OverviewPictureService",
    "OverviewPictures",
    "PerUnit",
    "Picture",
    "RecordedAvsteg",
    "Scope",
]
