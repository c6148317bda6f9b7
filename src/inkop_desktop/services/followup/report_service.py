"""The follow-up reports and their Excel files: pure reads of the follow-up tables."""

from __future__ import annotations

from datetime import date

from inkop_desktop.documents.exchange import write
from inkop_desktop.services.base import Service
from inkop_desktop.services.followup.report_export import ReportKind, report_table
from inkop_desktop.services.followup.report_facts import load_facts
from inkop_desktop.services.followup.reports import FollowupReports, build_reports


class FollowupReportService(Service):
    """Status per nämnd and region, open deviations, suppliers, months; on screen and as Excel."""

    def reports(self, today: date | None = None) -> FollowupReports:
        """Every report as seen on *today* (default: the real today)."""
        with self._session() as s:
            facts = load_facts(s, today or date.today())
        return build_reports(facts)

    def report_xlsx(self, kind: ReportKind | str, today: date | None = None) -> bytes:
        """One report as an Excel workbook."""
        return write(report_table(ReportKind(kind), self.reports(today)), "xlsx")
