"""Avtalstrohet: the leverantörsreskontra import and the report of spend on contract."""

from inkop_desktop.services.compliance.export import ReportKind, report_table
from inkop_desktop.services.compliance.importing import (
    AlreadyImportedError,
    ImportResult,
    ReskontraRefusedError,
    store_file,
)
from inkop_desktop.services.compliance.matching import on_contract
from inkop_desktop.services.compliance.overview import ComplianceShares
from inkop_desktop.services.compliance.reading import ImportCancelledError
from inkop_desktop.services.compliance.report import ComplianceReport
from inkop_desktop.services.compliance.service import ComplianceService, Preview

__all__ = [
    "AlreadyImportedError",
    "ComplianceReport",
    "ComplianceService",
    "ComplianceShares",
    "ImportCancelledError",
    "ImportResult",
    "Preview",
    "ReportKind",
    "ReskontraRefusedError",
    "on_contract",
    "report_table",
    "store_file",
]
