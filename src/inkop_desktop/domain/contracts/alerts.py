"""Bevakning: which lead time a re-procurement needs and when it must start."""

# The procedure a new procurement needs follows from the contract's total value and the
# thresholds valid on the day asked; the lead time of that procedure is dated data. When a
# threshold is missing the longest (EU) lead time is used and the alert says so.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from inkop_desktop.domain.contracts.terms import ONE_DAY, OptionTerm, add_months, notice_deadline
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.plan import Procedure
from inkop_desktop.domain.reference import ReferenceTable, RefKey

DIRECT, BELOW, EU = 0, 1, 2

LEAD_KEYS = {DIRECT: RefKey.LEAD_DIRECT, BELOW: RefKey.LEAD_BELOW, EU: RefKey.LEAD_EU}
LEVEL_TEXT = {
    DIRECT: "direktupphandling",
    BELOW: "upphandling under tröskelvärdet",
    EU: "EU-förfarande",
}
SUGGESTED = {DIRECT: Procedure.DIREKTUPPHANDLING, BELOW: Procedure.FORENKLAT, EU: Procedure.OPPET}


class DeadlineKind(StrEnum):
    """What happens on a contract deadline."""

    SLUT = "slut"
    OPTION = "option"
    UPPSAGNING = "uppsagning"


@dataclass(frozen=True)
class Deadline:
    """A dated event in a contract's life."""

    kind: DeadlineKind
    day: date
    ends_on: date
    ordinal: int = 0

    @property
    def label(self) -> str:
        """Swedish name of the event."""
        if self.kind is DeadlineKind.OPTION:
            return f"Sista dag för beslut om option {self.ordinal}"
        if self.kind is DeadlineKind.UPPSAGNING:
            return "Sista dag för uppsägning"
        return "Avtalet löper ut"


@dataclass(frozen=True)
class LeadTime:
    """The procedure level a re-procurement needs and how many months it takes."""

    level: int
    months: int
    source: str
    note: str | None = None

    @property
    def procedure_text(self) -> str:
        """Swedish name of the procedure level."""
        return LEVEL_TEXT[self.level]

    @property
    def procedure(self) -> Procedure:
        """The procedure to plan for."""
        return SUGGESTED[self.level]


def is_works(cpv: str) -> bool:
    """CPV division 45 is construction work."""
    return cpv.startswith("45")


def required_level(value: Money, cpv: str, table: ReferenceTable, day: date) -> tuple[int, str]:
    """The procedure level for *value* on *day*, and a note when data was missing."""
    limit = table.find(RefKey.LOU_DIRECT_AWARD_LIMIT, day)
    if limit is None:
        return EU, f"Direktupphandlingsgräns för {day.year} saknas — längsta ledtid används."
    if value < limit.money:
        return DIRECT, ""
    key = RefKey.LOU_EU_WORKS if is_works(cpv) else RefKey.LOU_EU_GOODS_SERVICES
    threshold = table.find(key, day)
    if threshold is None:
        return EU, f"Tröskelvärde för {day.year} saknas — längsta ledtid används."
    return (BELOW if value < threshold.money else EU), ""


def lead_time(value: Money, cpv: str, table: ReferenceTable, day: date) -> LeadTime:
    """The lead time valid on *day* for the procedure *value* needs (raises if none recorded)."""
    level, note = required_level(value, cpv, table, day)
    lead = table.as_of(LEAD_KEYS[level], day)
    return LeadTime(level, lead.amount, lead.source, note or None)


def deadlines(end_date: date, notice_months: int, options: Sequence[OptionTerm]) -> list[Deadline]:
    """End date, open option deadlines and (without open options) the notice date, by date."""
    found = [Deadline(DeadlineKind.SLUT, end_date, end_date)]
    open_options = [o for o in options if o.is_open]
    for option in open_options:
        found.append(
            Deadline(
                DeadlineKind.OPTION,
                option.decision_deadline,
                option.period_start - ONE_DAY,
                option.ordinal,
            )
        )
    notice = notice_deadline(end_date, notice_months)
    if notice is not None and not open_options:
        found.append(Deadline(DeadlineKind.UPPSAGNING, notice, end_date))
    return sorted(found, key=lambda d: (d.day, d.kind))


@dataclass(frozen=True)
class Alert:
    """A contract deadline that lies within the lead time of its re-procurement."""

    deadline: Deadline
    lead: LeadTime
    start_by: date

    def is_late(self, today: date) -> bool:
        """True when the re-procurement should already have started."""
        return self.start_by < today

    def text(self, today: date) -> str:
        """One Swedish sentence (plus the missing-data note) for the alert list."""
        when = "skulle ha påbörjats" if self.is_late(today) else "behöver påbörjas senast"
        text = (
            f"{self.deadline.label}: {self.deadline.day.isoformat()}. "
            f"Ny upphandling ({self.lead.procedure_text}, ledtid {self.lead.months} månader) "
            f"{when} {self.start_by.isoformat()}."
        )
        return f"{text} {self.lead.note}" if self.lead.note else text


def alert_for(
    end_date: date, notice_months: int, options: Sequence[OptionTerm], lead: LeadTime, today: date
) -> Alert | None:
    """The first end or open option deadline from *today* whose lead time has begun."""
    for deadline in deadlines(end_date, notice_months, options):
        if deadline.kind is DeadlineKind.UPPSAGNING or deadline.day < today:
            continue
        start_by = add_months(deadline.day, -lead.months)
        if start_by <= today:
            return Alert(deadline, lead, start_by)
    return None
