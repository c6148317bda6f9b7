"""Avstegsrapporten (PDF) for the inköpsnämnd's meeting."""

from inkop_desktop.documents.avsteg.report import ReportEntry, ReportHead, avsteg_report_pdf

__all__ = ["ReportEntry", "ReportHead", "avsteg_report_pdf"]
