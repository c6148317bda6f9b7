"""Internkontrollrapport per nämnd: direct awards, contracts, follow-up, avtalstrohet, avsteg."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from inkop_desktop.db.tables import Organisation
from inkop_desktop.documents.internal_control import (
    AvstegLine,
    AvstegRuleCount,
    InternalControl,
    internal_control_pdf,
)
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.organisation import OrgKind, Region
from inkop_desktop.domain.permissions import Act
from inkop_desktop.services.access import actor
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.avsteg import AvstegFilter, AvstegService, NamndChoice
from inkop_desktop.services.base import Service
from inkop_desktop.services.followup import load_units
from inkop_desktop.services.internal_control import gather
from inkop_desktop.services.internal_control.readers import responsible

ORGANISATION = "Region Sörmland och Region Västmanland"


def current_year(today: date) -> tuple[date, date]:
    """The default period: the calendar year of *today*."""
    return date(today.year, 1, 1), date(today.year, 12, 31)


class InternalControlService(Service):
    """The report a nämnd's internal control reads (Act.INTERNAL_CONTROL_REPORT)."""

    def namnder(self) -> list[NamndChoice]:
        """The nämnder the acting person may take the report for, by name."""
        with self._session() as s:
            who = actor(s, self.actor)
            units = load_units(s)
            people = responsible(s, units)
            tops = set(units.namnd_of.values())
            return sorted(
                (
                    NamndChoice(id=t, name=units.names[t], region="")
                    for t in tops
                    if who.may(Act.INTERNAL_CONTROL_REPORT, responsible=people.get(t, ()))
                ),
                key=lambda c: c.name,
            )

    def find_namnd(self, code: str) -> uuid.UUID:
        """The nämnd with the short name, name or id *code*; ``VMA-RS`` names the region too."""
        wanted = code.strip()
        region, dash, short = wanted.partition("-")
        if not dash or region not in {r.value for r in Region}:
            region, short = "", wanted
        with self._session() as s:
            stmt = select(Organisation.id).where(
                Organisation.kind == OrgKind.NAMND.value,
                or_(
                    Organisation.short_name == short,
                    Organisation.name == short,
                    Organisation.id == _as_uuid(short),
                ),
            )
            if region:
                parent = aliased(Organisation)
                stmt = stmt.outerjoin(parent, parent.id == Organisation.parent_id).where(
                    func.coalesce(Organisation.region, parent.region) == region
                )
            found = s.scalars(stmt).all()
        if len(found) != 1:
            raise NotFoundError(
                f"Nämnden ”{wanted}” finns inte." if not found
                else f"Flera nämnder heter ”{wanted}”: ange regionen, t.ex. SRM-{wanted}."
            )  # fmt: skip
        return found[0]

    def report(
        self, namnd: uuid.UUID, first: date, last: date, today: date | None = None
    ) -> InternalControl:
        """Everything the report shows for *namnd* between *first* and *last*."""
        if last < first:
            raise ValidationError("Periodens slut ligger före dess början.", field="last")
        on = today or date.today()
        table = ReferenceService(self._ctx).table()
        with self._session() as s:
            units = load_units(s)
            if namnd not in units.names:
                raise NotFoundError("Nämnden finns inte.")
            self._require(s, Act.INTERNAL_CONTROL_REPORT, responsible=responsible(s, units)[namnd])
            members = units.members(str(namnd))
            awards = gather.awards(s, members, first, last, table)
            contracts = gather.contracts(s, members, first, last)
            followups = gather.followups(s, members, first, last, on)
            spend = gather.compliance(s, namnd, first, last)
        entries = AvstegService(self._ctx).entries(
            AvstegFilter(first=first, last=last, organisation_id=namnd, only_open=False), on
        )
        opened = Counter(e.rule_name for e in entries if e.open)
        closed = Counter(e.rule_name for e in entries if not e.open)
        rules = sorted(set(opened) | set(closed))
        return InternalControl(
            organisation=ORGANISATION, namnd=units.names[namnd], first=first, last=last,
            made_on=on, awards=tuple(awards), contracts=tuple(contracts),
            followups=tuple(followups), compliance=spend,
            avsteg_rules=tuple(AvstegRuleCount(r, opened[r], closed[r]) for r in rules),
            avsteg=tuple(
                AvstegLine(e.reported_on, e.rule_name, e.record, e.reason, e.status)
                for e in sorted(entries, key=lambda e: (e.reported_on, e.rule_name))
            ),
        )  # fmt: skip

    def report_pdf(self, namnd: uuid.UUID, first: date, last: date) -> bytes:
        """The internkontrollrapport as PDF/A."""
        return internal_control_pdf(self.report(namnd, first, last))


def _as_uuid(text: str) -> uuid.UUID | None:
    """*text* as an id, or None."""
    try:
        return uuid.UUID(text)
    except ValueError:
        return None
