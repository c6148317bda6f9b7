"""Avtalstrohet: the leverantörsreskontra import and the report of spend on contract."""

from inkop_desktop.services.compliance.reading import ImportCancelledError
from inkop_desktop.services.compliance.report import ComplianceReport
from inkop_desktop.services.compliance.service import (
    AlreadyImportedError,
    ComplianceService,
    ImportResult,
    Preview,
    ReskontraRefusedError,
)

__all__ = [
    "AlreadyImportedError",
    "ComplianceReport",
    "ComplianceService",
    "ImportCancelledError",
    "ImportResult",
    "Preview",
    "ReskontraRefusedError",
]
