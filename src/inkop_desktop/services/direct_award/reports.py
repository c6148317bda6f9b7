"""Reports for the inköpsnämnd: direct awards per same-kind key, authority and year."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from inkop_desktop.db.tables import DirectAward
from inkop_desktop.documents.direct_award.report import ReportLine, report_xlsx
from inkop_desktop.domain.calendar import fiscal_year_bounds
from inkop_desktop.domain.direct_award.status import COUNTED_STATUSES
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.reference import RefKey
from inkop_desktop.services.direct_award.dto import ReportRow
from inkop_desktop.services.direct_award.records import AwardServiceBase


class ReportsMixin(AwardServiceBase):
    """Totals per kind against the limit, on screen and as Excel."""

    def report(self, year: int) -> list[ReportRow]:
        """Finished and signed awards of *year*, per authority and key, biggest share first."""
        first, last = fiscal_year_bounds(year)
        stmt = select(
            DirectAward.region, DirectAward.same_kind_key, DirectAward.value_ore,
            DirectAward.diarienummer, DirectAward.status, DirectAward.award_date,
        ).where(
            DirectAward.award_date >= first,
            DirectAward.award_date <= last,
            DirectAward.status.in_([s.value for s in COUNTED_STATUSES]),
        )  # fmt: skip
        with self._session() as s:
            rows = s.execute(stmt.order_by(DirectAward.award_date)).all()
        groups: dict[tuple[Region, str], list[tuple[int, str]]] = defaultdict(list)
        for r in rows:
            for region in Parties(r.region).regions():
                groups[(region, r.same_kind_key)].append((r.value_ore, r.diarienummer))
        limit = self._table().as_of(RefKey.LOU_DIRECT_AWARD_LIMIT, last).money.ore
        report = [
            ReportRow(
                region=region.value,
                authority=region.label,
                year=year,
                key=key,
                count=len(items),
                total_ore=sum(v for v, _d in items),
                limit_ore=limit,
                diarienummer=tuple(d for _v, d in items),
            )
            for (region, key), items in groups.items()
        ]
        return sorted(report, key=lambda r: (-r.share, r.region, r.key))

    def report_xlsx(self, year: int) -> bytes:
        """The report as an Excel workbook."""
        lines = [
            ReportLine(
                r.authority, r.year, r.key, r.count, r.total_ore, r.limit_ore, r.diarienummer
            )
            for r in self.report(year)
        ]
        return report_xlsx(year, lines)
