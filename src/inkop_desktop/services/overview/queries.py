"""The Översikt's aggregates: each one GROUP BY query, reduced to bars in Python."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    ContractOption,
    DirectAward,
    Followup,
    FollowupPlan,
    PlanItem,
)
from inkop_desktop.domain.direct_award.status import COUNTED_STATUSES
from inkop_desktop.domain.followup.model import FollowupStatus
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.services.overview.dto import Bar
from inkop_desktop.services.overview.scope import Scope

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTHS_AHEAD = 24
TOP_KEYS = 12
"""The same-kind keys with the largest totals that the direct-award picture shows."""


def quarter_keys(today: date) -> list[str]:
    """Last year's, this year's and next year's quarters: "2026-K1" …"""
    return [f"{y}-K{q}" for y in range(today.year - 1, today.year + 2) for q in range(1, 5)]


def month_keys(today: date, count: int = MONTHS_AHEAD) -> list[str]:
    """The current month and the *count* - 1 after it: "2026-12", "2027-01" …"""
    start = today.year * 12 + today.month - 1
    return [f"{m // 12}-{m % 12 + 1:02d}" for m in range(start, start + count)]


def month_label(key: str) -> str:
    """ "2027-05" → "maj 27"."""
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year[2:]}"


def procurements_per_quarter(s: Session, scope: Scope, today: date) -> list[Bar]:
    """Plan items by the quarter of their planned start, one value per status."""
    year = extract("year", PlanItem.planned_start)
    month = extract("month", PlanItem.planned_start)
    rows = s.execute(
        select(year, month, PlanItem.status, func.count(PlanItem.id))
        .where(scope.plan(), PlanItem.planned_start.isnot(None))
        .group_by(year, month, PlanItem.status)
    )
    statuses = list(PlanStatus)
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(statuses))
    for y, m, status, n in rows:
        key = f"{int(y)}-K{(int(m) - 1) // 3 + 1}"
        if status in PlanStatus._value2member_map_:
            counts[key][statuses.index(PlanStatus(status))] += int(n)
    return [
        Bar(key=k, label=k.replace("-", " "), values=tuple(counts[k])) for k in quarter_keys(today)
    ]


def deadlines_per_month(s: Session, scope: Scope, today: date) -> list[Bar]:
    """Contracts ending and undecided option deadlines in each of the coming 24 months."""
    keys = month_keys(today)
    last = _month_end(keys[-1])
    first = today.replace(day=1)
    end_y, end_m = extract("year", Contract.end_date), extract("month", Contract.end_date)
    ending = s.execute(
        select(end_y, end_m, func.count(Contract.id))
        .where(scope.contract(), Contract.end_date >= first, Contract.end_date <= last)
        .group_by(end_y, end_m)
    )
    deadline = ContractOption.decision_deadline
    opt_y, opt_m = extract("year", deadline), extract("month", deadline)
    options = s.execute(
        select(opt_y, opt_m, func.count(ContractOption.id))
        .join(Contract, Contract.id == ContractOption.contract_id)
        .where(
            scope.contract(),
            ContractOption.decision == "ej_beslutad",
            deadline >= first,
            deadline <= last,
        )
        .group_by(opt_y, opt_m)
    )
    ends = {f"{int(y)}-{int(m):02d}": int(n) for y, m, n in ending}
    opts = {f"{int(y)}-{int(m):02d}": int(n) for y, m, n in options}
    return [Bar(key=k, label=month_label(k), values=(ends.get(k, 0), opts.get(k, 0))) for k in keys]


def _month_end(key: str) -> date:
    """The last day of the month "2028-11"."""
    year, month = (int(part) for part in key.split("-"))
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def followups_per_unit(s: Session, scope: Scope, today: date) -> dict[uuid.UUID | None, list[int]]:
    """Per avtalsägare unit: follow-ups done this year, due later this year, overdue."""
    in_force = (Contract.end_date >= today) & scope.contract()
    done = s.execute(
        select(Contract.owner_org_id, func.count(Followup.id))
        .join(FollowupPlan, FollowupPlan.id == Followup.plan_id)
        .join(Contract, Contract.id == FollowupPlan.contract_id)
        .where(
            scope.contract(),
            Followup.status == FollowupStatus.SLUTFORD.value,
            extract("year", Followup.performed_on) == today.year,
        )
        .group_by(Contract.owner_org_id)
    )
    year_end = date(today.year, 12, 31)
    plans = select(Contract.owner_org_id, func.count(FollowupPlan.id)).join(
        Contract, Contract.id == FollowupPlan.contract_id
    )
    due = s.execute(
        plans.where(
            in_force, FollowupPlan.next_due >= today, FollowupPlan.next_due <= year_end
        ).group_by(Contract.owner_org_id)
    )
    late = s.execute(
        plans.where(in_force, FollowupPlan.next_due < today).group_by(Contract.owner_org_id)
    )
    found: dict[uuid.UUID | None, list[int]] = defaultdict(lambda: [0, 0, 0])
    for index, rows in enumerate((done, due, late)):
        for org, n in rows:
            found[org][index] += int(n)
    return dict(found)


def awards_per_key(s: Session, scope: Scope, today: date) -> list[Bar]:
    """This year's counted direct awards per same-kind key and region (kronor), largest first.

    The limit applies per upphandlande myndighet, so a joint award counts for both regions.
    """
    rows = s.execute(
        select(DirectAward.same_kind_key, DirectAward.region, func.sum(DirectAward.value_ore))
        .where(
            scope.award(),
            DirectAward.status.in_([m.value for m in COUNTED_STATUSES]),
            extract("year", DirectAward.award_date) == today.year,
        )
        .group_by(DirectAward.same_kind_key, DirectAward.region)
    )
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for key, parties, ore in rows:
        for region in Parties(parties).regions():
            if not scope.region or region.value == scope.region:
                totals[(key, region.value)] += int(ore or 0)
    largest = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:TOP_KEYS]
    return [
        Bar(
            key=f"{key}|{region}",
            label=f"{key} · {Region(region).label.removeprefix('Region ')}",
            values=(ore // 100,),
        )
        for (key, region), ore in largest
    ]


def within(
    s: Session, scope: Scope, plans: set[uuid.UUID], awards: set[uuid.UUID]
) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """The plan items and direct awards among *plans* and *awards* that lie within *scope*."""
    kept_plans = set(
        s.scalars(select(PlanItem.id).where(PlanItem.id.in_(plans), scope.plan())) if plans else ()
    )
    kept_awards = set(
        s.scalars(select(DirectAward.id).where(DirectAward.id.in_(awards), scope.award()))
        if awards
        else ()
    )
    return kept_plans, kept_awards


def per_namnd(
    by_unit: dict[uuid.UUID | None, list[int]],
    namnd_of: Callable[[uuid.UUID | None], tuple[str, str]],
    width: int,
) -> list[Bar]:
    """Add the units' values up per nämnd (key: the nämnd's id), by name."""
    summed: dict[tuple[str, str], list[int]] = {}
    for unit, values in by_unit.items():
        into = summed.setdefault(namnd_of(unit), [0] * width)
        for i, v in enumerate(values):
            into[i] += v
    return [Bar(key=k, label=label, values=tuple(v)) for (k, label), v in _by_label(summed)]


def _by_label(
    summed: dict[tuple[str, str], list[int]],
) -> Iterable[tuple[tuple[str, str], list[int]]]:
    """The nämnder sorted by name."""
    return sorted(summed.items(), key=lambda item: item[0][1])
