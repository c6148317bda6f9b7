"""Översikt: the inköpschef's pictures, read in one call per refresh."""

from __future__ import annotations

import uuid
from datetime import date

from inkop_desktop.domain.organisation import Region
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.domain.reference import RefKey
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.base import Service, ServiceContext
from inkop_desktop.services.followup import Units, load_units
from inkop_desktop.services.jav import JavService
from inkop_desktop.services.overview import queries
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


class OverviewPictureService(Service):
    """The Översikt's pictures, filtered by region and nämnd."""

    def __init__(
        self,
        context: ServiceContext,
        avsteg: AvstegProvider | None = None,
        compliance: ComplianceProvider | None = None,
    ) -> None:
        super().__init__(context)
        self.avsteg: AvstegProvider = avsteg or RecordedAvsteg(context)
        self.compliance: ComplianceProvider = compliance or NoLedger()

    def pictures(
        self, region: str = "", namnd: str = "", today: date | None = None
    ) -> OverviewPictures:
        """Every picture for *region* ("SRM", "VMA" or "" for both) and *namnd* (an id or "")."""
        day = today or date.today()
        with self._session() as s:
            units = load_units(s)
            scope = Scope(region, tuple(units.members(namnd)) if namnd else None)
            plan = queries.procurements_per_quarter(s, scope, day)
            deadlines = queries.deadlines_per_month(s, scope, day)
            followups = queries.followups_per_unit(s, scope, day)
            awards = queries.awards_per_key(s, scope, day)
        limit = ReferenceService(self._ctx).table().find(RefKey.LOU_DIRECT_AWARD_LIMIT, day)
        pictures = (
            _plan_picture(plan),
            _deadline_picture(deadlines),
            _followup_picture(_per_namnd(units, followups, 3)),
            _award_picture(awards, limit.money.ore // 100 if limit else None),
            _compliance_picture(units, self.compliance.share_on_contract_by_namnd(scope, day)),
            self._jav_picture(scope),
            _avsteg_picture(units, self.avsteg.open_avsteg_by_namnd(scope, day)),
        )
        return OverviewPictures(pictures=pictures, namnder=tuple(units.options()))

    def _jav_picture(self, scope: Scope) -> Picture:
        """Jäv matters waiting for an assessment (the viewer's queue), per kind of procurement."""
        queue = JavService(self._ctx).assessment_queue()
        plans = {r.plan_item_id for r in queue if r.plan_item_id is not None}
        awards = {r.direct_award_id for r in queue if r.direct_award_id is not None}
        with self._session() as s:
            plans, awards = queries.within(s, scope, plans, awards)
        count_plans = sum(1 for r in queue if r.plan_item_id in plans)
        count_awards = sum(1 for r in queue if r.direct_award_id in awards)
        bars = (
            Bar(key="plan", label="Upphandlingar", values=(count_plans,)),
            Bar(key="da", label="Direktupphandlingar", values=(count_awards,)),
        )
        return Picture(
            name="jav",
            title="Öppna jävsärenden (väntar på bedömning)",
            series=("Att bedöma",),
            bars=bars if count_plans or count_awards else (),
            opens="jav",
            empty_text="Inga jävsärenden väntar på bedömning",
        )


def _per_namnd(units: Units, by_unit: dict[uuid.UUID | None, list[int]], width: int) -> list[Bar]:
    """Units' values added up per nämnd."""

    def namnd_of(org: uuid.UUID | None) -> tuple[str, str]:
        top = units.namnd_of.get(org) if org is not None else None
        return (str(top) if top else "", region_first(units.namnd_label(org)))

    return queries.per_namnd(by_unit, namnd_of, width)


def region_first(label: str) -> str:
    """ "Regionstyrelsen, Region Sörmland" → "SRM · Regionstyrelsen" (short, tells apart)."""
    name, sep, region = label.rpartition(", ")
    code = {r.label: r.value for r in Region}.get(region)
    return f"{code} · {name}" if sep and code else label


def _single(units: Units, per_unit: PerUnit) -> list[Bar]:
    """A one-series per-unit count as bars per nämnd."""
    return _per_namnd(units, {org: [n] for org, n in per_unit.items()}, 1)


def _plan_picture(bars: list[Bar]) -> Picture:
    """Upphandlingar per kvartal by status."""
    return Picture(
        name="upphandlingar",
        title="Upphandlingar per kvartal (planerad start) efter status",
        series=tuple(str(s.label) for s in PlanStatus),
        bars=tuple(bars) if any(sum(b.values) for b in bars) else (),
        opens="plan",
    )


def _deadline_picture(bars: list[Bar]) -> Picture:
    """Avtal som löper ut och optionsbeslut, 24 månader framåt."""
    return Picture(
        name="bevakningar",
        title="Avtal som löper ut och optionsbeslut, kommande 24 månader",
        series=("Avtal löper ut", "Optionsbeslut senast"),
        bars=tuple(bars),
        opens="avtal",
    )


def _followup_picture(bars: list[Bar]) -> Picture:
    """Uppföljningar per nämnd: genomförda i år, kvar i år, försenade."""
    return Picture(
        name="uppfoljningar",
        title="Avtalsuppföljningar per nämnd",
        series=("Genomförda i år", "Kvar i år", "Försenade"),
        bars=tuple(bars),
        opens="uppfoljning",
    )


def _award_picture(bars: list[Bar], limit_kr: int | None) -> Picture:
    """Direktupphandlat i år per samma slag, mot direktupphandlingsgränsen."""
    return Picture(
        name="direktupphandlingar",
        title="Direktupphandlat i år per samma slag (kr)",
        series=("Summa i år",),
        bars=tuple(bars),
        unit="kr",
        limit=limit_kr,
        limit_label="Direktupphandlingsgräns",
        opens="direktupphandling",
    )


def _compliance_picture(units: Units, shares: PerUnit | None) -> Picture:
    """Avtalstrohet per nämnd (per cent), or the notice that no ledger is read in."""
    return Picture(
        name="avtalstrohet",
        title="Avtalstrohet per nämnd (%)",
        series=("Andel på avtal",),
        bars=tuple(_single(units, shares)) if shares else (),
        unit="%",
        limit=100 if shares else None,
        empty_text=NO_LEDGER,
    )


def _avsteg_picture(units: Units, per_unit: PerUnit) -> Picture:
    """Öppna avsteg per nämnd."""
    return Picture(
        name="avsteg",
        title="Öppna avsteg per nämnd",
        series=("Avsteg",),
        bars=tuple(_single(units, per_unit)),
        opens="avsteg",
        empty_text="Inga öppna avsteg",
    )
