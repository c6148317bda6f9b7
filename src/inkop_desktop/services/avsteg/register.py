"""The avsteg register: find, list, report by hand and handle (kommentar, åtgärd, stäng)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, aliased

from inkop_desktop.db.tables import Avsteg, Contract, DirectAward, Person, PlanItem
from inkop_desktop.domain.avsteg import RULES, Handling, RuleKind, Source, check_handling
from inkop_desktop.domain.avsteg.rules import MANUAL_KEY, rule_label
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.input_types import checked_text
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.permissions import Act
from inkop_desktop.services.access import actor
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.avsteg import detect, reports
from inkop_desktop.services.avsteg.dto import AvstegEntry, AvstegFilter, ManualAvsteg, NamndChoice
from inkop_desktop.services.avsteg.units import namnd_of
from inkop_desktop.services.base import Service, check_version

Listed = tuple[Avsteg, str, str, str, str, uuid.UUID]
"""An entry's row: the avsteg, reporter, closer, record, its region and nämnd."""
STATE_RULES = frozenset(r.key for r in RULES if r.kind is RuleKind.STATE)
Closer = aliased(Person)


class AvstegService(Service):
    """The register the inköpsverksamhet keeps and reports to the inköpsnämnd from."""

    def detect(self, day: date | None = None) -> int:
        """Record every state rule that holds today and has no entry yet; the number added.

        Only the inköpsverksamhet records (others only read): run by the register before it lists.
        """
        on = day or date.today()
        table = ReferenceService(self._ctx).table()
        with self._session() as s:
            if not actor(s, self.actor).may(Act.AVSTEG_HANDLE):
                return 0
            return detect.upsert(s, detect.findings(s, on, table), on)

    def entries(self, wanted: AvstegFilter, day: date | None = None) -> list[AvstegEntry]:
        """The entries *wanted* selects, newest first."""
        on = day or date.today()
        table = ReferenceService(self._ctx).table()
        with self._session() as s:
            holding = {f.source for f in detect.findings(s, on, table)}
            tops, names = namnd_of(s)
            rows = [_entry(r, tops, names, holding) for r in s.execute(_select(wanted))]
        return [e for e in rows if _matches(e, wanted)]

    def report_pdf(self, wanted: AvstegFilter) -> bytes:
        """The avstegsrapport (PDF/A) of the entries *wanted* selects."""
        entries = self.entries(wanted)
        names = {c.id: c.name for c in self.namnder()}
        namnd = names.get(wanted.organisation_id, "") if wanted.organisation_id else ""
        return reports.pdf(entries, wanted, namnd, date.today())

    def report_xlsx(self, wanted: AvstegFilter) -> bytes:
        """The entries *wanted* selects as an Excel workbook."""
        return reports.xlsx(self.entries(wanted))

    def open_count(self) -> int:
        """How many entries wait for handling (the navigation's badge)."""
        with self._session() as s:
            return int(
                s.scalar(select(func.count(Avsteg.id)).where(Avsteg.closed_on.is_(None))) or 0
            )

    def namnder(self) -> list[NamndChoice]:
        """The nämnder an entry can be filed under, by name."""
        with self._session() as s:
            tops, names = namnd_of(s)
            return sorted(
                (NamndChoice(id=t, name=names[t], region="") for t in set(tops.values())),
                key=lambda c: c.name,
            )

    def entry(self, entry_id: uuid.UUID) -> AvstegEntry:
        """One entry as it is stored now (the handling dialog's compare after a conflict)."""
        with self._session() as s:
            if s.get(Avsteg, entry_id) is None:
                raise NotFoundError("Avsteget finns inte längre.")
            return self._one(s, entry_id)

    def report(self, entry: ManualAvsteg) -> AvstegEntry:
        """Record a deviation a person found (Act.AVSTEG_REPORT)."""
        reason = checked_text(entry.reason, "Beskrivning").strip()
        if not reason:
            raise ValidationError("Beskriv avsteget.", field="reason")
        region = Parties(entry.region).value
        with self._session() as s:
            who = self._require(s, Act.AVSTEG_REPORT)
            row = Avsteg(
                version=1, kind=MANUAL_KEY, reason=_with_record(reason, entry.record),
                reported_by_id=who.person_id, reported_on=entry.reported_on,
                source=Source.MANUELL.value, region=region, organisation_id=entry.organisation_id,
            )  # fmt: skip
            s.add(row)
            s.flush()
            return self._one(s, row.id)

    def handle(self, entry_id: uuid.UUID, version: int, handling: Handling) -> AvstegEntry:
        """Save the kommentar and åtgärd; close the entry when *handling.close*."""
        comment = checked_text(handling.comment, "Kommentar").strip()
        action = checked_text(handling.action, "Åtgärd").strip()
        with self._session() as s:
            who = self._require(s, Act.AVSTEG_HANDLE)
            row = s.get(Avsteg, entry_id, with_for_update=True)
            if row is None:
                raise NotFoundError("Avsteget finns inte längre.")
            check_handling(Handling(comment, action, handling.close), row.closed_on is not None)
            check_version(row.version, version)
            row.comment, row.action = comment, action
            if handling.close:
                row.closed_on, row.closed_by_id = date.today(), who.person_id
            s.flush()
            return self._one(s, row.id)

    def _one(self, s: Session, entry_id: uuid.UUID) -> AvstegEntry:
        """One entry as the register shows it (resolution not judged here)."""
        tops, names = namnd_of(s)
        found = s.execute(_select(AvstegFilter(only_open=False)).where(Avsteg.id == entry_id))
        return _entry(found.one(), tops, names, None)


def _with_record(reason: str, record: str) -> str:
    """The description, with the record it concerns when named."""
    return f"{record.strip()}: {reason}" if record.strip() else reason


def _select(wanted: AvstegFilter) -> Select[*Listed]:
    """The entries with their record, people and the record's region and nämnd."""
    reporter = aliased(Person)
    stmt = (
        select(
            Avsteg,
            reporter.name.label("reported_by"),
            Closer.name.label("closed_by"),
            func.coalesce(
                Contract.contract_number, DirectAward.diarienummer, PlanItem.reference, ""
            ).label("record"),
            func.coalesce(DirectAward.region, Contract.parties, PlanItem.parties, "").label(
                "rec_region"
            ),
            func.coalesce(DirectAward.organisation_id, Contract.owner_org_id).label("rec_org"),
        )
        .outerjoin(reporter, reporter.id == Avsteg.reported_by_id)
        .outerjoin(Closer, Closer.id == Avsteg.closed_by_id)
        .outerjoin(PlanItem, PlanItem.id == Avsteg.plan_item_id)
        .outerjoin(Contract, Contract.id == Avsteg.contract_id)
        .outerjoin(DirectAward, DirectAward.id == Avsteg.direct_award_id)
        .order_by(Avsteg.reported_on.desc(), Avsteg.created_at.desc(), Avsteg.id)
    )
    if wanted.first:
        stmt = stmt.where(Avsteg.reported_on >= wanted.first)
    if wanted.last:
        stmt = stmt.where(Avsteg.reported_on <= wanted.last)
    if wanted.rule:
        stmt = stmt.where(Avsteg.kind == wanted.rule)
    if wanted.only_open:
        stmt = stmt.where(Avsteg.closed_on.is_(None))
    return stmt


def _entry(
    r: Row[*Listed], tops: dict[uuid.UUID, uuid.UUID], names: dict[uuid.UUID, str],
    holding: set[tuple[str, uuid.UUID | None]] | None,
) -> AvstegEntry:  # fmt: skip
    """One row of the register."""
    a: Avsteg = r.Avsteg
    org = a.organisation_id or r.rec_org
    top = tops.get(org) if org else None
    source_id = a.followup_result_id or a.direct_award_id or a.contract_id
    resolved = holding is not None and a.kind in STATE_RULES and (a.kind, source_id) not in holding
    return AvstegEntry(
        id=a.id, version=a.version, reported_on=a.reported_on, rule=a.kind,
        rule_name=rule_label(a.kind), source=Source(a.source).label, record=r.record,
        region=a.region or r.rec_region or "", namnd=names[top] if top else "", namnd_id=top,
        reason=a.reason, reported_by=r.reported_by or "", comment=a.comment, action=a.action,
        closed_on=a.closed_on, closed_by=r.closed_by or "", resolved=resolved,
    )  # fmt: skip


def _matches(e: AvstegEntry, wanted: AvstegFilter) -> bool:
    """The region and nämnd filters (a joint record counts for both regions)."""
    if wanted.region and e.region not in (wanted.region, Parties.BADA.value):
        return False
    return wanted.organisation_id is None or e.namnd_id == wanted.organisation_id
