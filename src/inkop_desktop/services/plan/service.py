"""Upphandlingsplanen: list, edit, status workflow, procedure advice, needs, coordination."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation, Person, PlanItem, PlanItemCpv
from inkop_desktop.domain.calendar import parse_year
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.plan.input import NeedInput, PlanItemInput
from inkop_desktop.domain.plan.status import PlanStatus, Procedure, ensure_editable, transition
from inkop_desktop.domain.procedure import ProcedureAdvice, advise, category_for_cpv
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.admin import ReferenceService
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.dto import ListQuery, Page
from inkop_desktop.services.jav import JavService
from inkop_desktop.services.listing import ListSpec, run_page
from inkop_desktop.services.plan import store
from inkop_desktop.services.plan.coordination import (
    CoordinationGroup,
    build_joint,
    coordination_groups,
)
from inkop_desktop.services.plan.rows import PlanRow
from inkop_desktop.services.plan.store import PlanDetail
from inkop_desktop.services.plan.timeline import TimelineBar, timeline

Groups = list[CoordinationGroup]
Bars = list[TimelineBar]
Rows = list["PlanRow"]


_CPV = (
    select(func.min(PlanItemCpv.cpv))
    .where(PlanItemCpv.plan_item_id == PlanItem.id)
    .scalar_subquery()
)

SPEC = ListSpec(
    sortable={
        "reference": PlanItem.reference,
        "title": PlanItem.title,
        "status": PlanItem.status,
        "year": PlanItem.year,
        "parties": PlanItem.parties,
        "cpv": _CPV,
        "estimated_total_ore": PlanItem.estimated_total_ore,
        "procedure": PlanItem.procedure,
        "responsible": Person.name,
        "contract_start_on": PlanItem.contract_start_on,
    },
    searchable=[PlanItem.title, PlanItem.reference, PlanItem.description, Person.name, _CPV],
    default_sort="reference",
    seekable=frozenset({"reference"}),
    filters={
        "status": lambda v: PlanItem.status == v,
        "open": lambda _v: PlanItem.status.in_([m.value for m in PlanStatus if m.is_open]),
        "year": lambda v: PlanItem.year == parse_year(v, "År"),
        "parties": lambda v: PlanItem.parties == v,
        "procedure": lambda v: PlanItem.procedure == v,
        "responsible": lambda v: Person.login == v,
        "cpv": lambda v: PlanItem.id.in_(
            select(PlanItemCpv.plan_item_id).where(PlanItemCpv.cpv.startswith(v, autoescape=True))
        ),
    },
)


def _person_id(session: Session, login: str) -> uuid.UUID | None:
    """The id of the person with *login*."""
    return session.execute(select(Person.id).where(Person.login == login)).scalar_one_or_none()


class PlanService(Service):
    """Use cases of the upphandlingsplan."""

    def list(self, query: ListQuery) -> Page[PlanRow]:
        """A filtered, sorted page of plan items (merged items are hidden)."""
        stmt = (
            select(
                PlanItem.id,
                PlanItem.reference,
                PlanItem.title,
                PlanItem.status,
                PlanItem.year,
                PlanItem.parties,
                _CPV.label("cpv"),
                PlanItem.estimated_total_ore,
                PlanItem.procedure,
                Person.name.label("responsible"),
                PlanItem.contract_start_on,
            )
            .outerjoin(Person, Person.id == PlanItem.responsible_id)
            .where(PlanItem.merged_into_id.is_(None))
        )
        with self._session() as s:
            rows, total, estimated = run_page(s, stmt, SPEC, query)
        return Page(
            rows=[PlanRow.model_validate(r) for r in rows],
            total=total,
            offset=query.offset,
            estimated=estimated,
        )

    def get(self, item_id: uuid.UUID) -> PlanDetail:
        """One plan item for editing."""
        with self._session() as s:
            return store.detail(s, store.load(s, item_id))

    def advice(self, value_ore: int, on: date, cpv: str | None) -> ProcedureAdvice:
        """The procedure the value requires on *on* (dated thresholds)."""
        table = ReferenceService(self._ctx).table()
        return advise(Money(value_ore), on, table, category_for_cpv(cpv))

    def _check_procedure(self, item: PlanItemInput) -> ProcedureAdvice | None:
        """Refuse a lighter procedure than the value requires unless a reason is written."""
        if item.procedure is None:
            return None
        on = item.planned_start or date(item.year, 1, 1)
        advice = self.advice(item.estimated_total_ore, on, item.cpv_codes[0])
        if advice.is_below(item.procedure) and not item.procedure_reason.strip():
            raise ValidationError(
                f"Värdet kräver {advice.text.lower()} ({advice.legal_basis}). "
                f"Att välja {item.procedure.label.lower()} är ett avsteg och kräver en "
                "skriftlig motivering.",
                field="procedure_reason",
            )
        return advice

    def create(self, data: dict[str, Any], status: PlanStatus = PlanStatus.PLANERAD) -> PlanDetail:
        """Validate and store a new plan item."""
        item = parse(PlanItemInput, data)
        advice = self._check_procedure(item)
        with self._session() as s:
            self._require(s, Act.PLAN_CREATE)
            row = PlanItem(
                version=1,
                reference=store.next_reference(s, item.year),
                status=status,
                **store.columns(item),
            )
            s.add(row)
            s.flush()
            store.set_children(s, row.id, item.organisation_ids, item.cpv_codes)
            self._avsteg_if_below(s, row.id, item, advice, None)
            return store.detail(s, row)

    def update(self, item_id: uuid.UUID, version: int, data: dict[str, Any]) -> PlanDetail:
        """Save changes to the version the user opened."""
        item = parse(PlanItemInput, data)
        advice = self._check_procedure(item)
        with self._session() as s:
            self._require(s, Act.PLAN_EDIT)
            row = load_for_edit(s, PlanItem, item_id, version, store.MISSING)
            ensure_editable(PlanStatus(row.status))
            before = (row.procedure, row.procedure_reason)
            for key, value in store.columns(item).items():
                setattr(row, key, value)
            store.set_children(s, row.id, item.organisation_ids, item.cpv_codes)
            self._avsteg_if_below(s, row.id, item, advice, before)
            s.flush()
            return store.detail(s, row)

    def _avsteg_if_below(
        self,
        s: Session,
        item_id: uuid.UUID,
        item: PlanItemInput,
        advice: ProcedureAdvice | None,
        before: tuple[str | None, str] | None,
    ) -> None:
        """Record an avsteg when a lighter procedure is chosen (once per new choice or reason)."""
        if advice is None or item.procedure is None or not advice.is_below(item.procedure):
            return
        if before != (item.procedure.value, item.procedure_reason):
            store.record_avsteg(s, item_id, item.procedure_reason, _person_id(s, self.actor))

    def move(self, item_id: uuid.UUID, version: int, target: PlanStatus) -> PlanDetail:
        """Move the item along the workflow; refused moves get a Swedish message."""
        with self._session() as s:
            row = load_for_edit(s, PlanItem, item_id, version, store.MISSING)
            self._require(s, Act.PLAN_STATUS, responsible=[row.responsible_id])
            new_status = transition(PlanStatus(row.status), target)
            if new_status is PlanStatus.TILLDELAD:
                # No award while a participant's jäv declaration is missing or unassessed.
                JavService(self._ctx).ensure_may_award(item_id)
            row.status = new_status
            s.flush()
            return store.detail(s, row)

    def report_need(self, data: dict[str, Any]) -> PlanDetail:
        """A budgetansvarig's behovsanmälan: lands in the plan as "behov anmält"."""
        need = parse(NeedInput, data)
        with self._session() as s:
            self._require(s, Act.PLAN_NEED)
            org = s.get(Organisation, need.organisation_id)
            if org is None:
                raise ValidationError("Välj en nämnd eller förvaltning.", field="organisation_id")
            region = org.region or "BADA"
            row = PlanItem(
                version=1,
                reference=store.next_reference(s, need.needed_by.year),
                status=PlanStatus.BEHOV_ANMALT,
                title=need.title,
                description=need.description,
                year=need.needed_by.year,
                parties=Parties(region),
                planned_start=need.needed_by,
                estimated_total_ore=need.estimated_total_ore,
                requested_by_id=_person_id(s, self.actor),
            )
            s.add(row)
            s.flush()
            store.set_children(s, row.id, [org.id], [need.cpv] if need.cpv else [])
            s.flush()
            return store.detail(s, row)

    def coordination(self) -> Groups:
        """Groups of items that should be coordinated."""
        with self._session() as s:
            return coordination_groups(s)

    def merge(self, item_ids: Sequence[uuid.UUID]) -> PlanDetail:
        """Merge open items into one joint item listing every party; the originals point to it."""
        if len(set(item_ids)) < 2:
            raise ValidationError("Välj minst två planposter att slå samman.")
        with self._session() as s:
            self._require(s, Act.PLAN_COORDINATE)
            rows = [store.load(s, i) for i in dict.fromkeys(item_ids)]
            if any(r.merged_into_id or not PlanStatus(r.status).is_open for r in rows):
                raise ValidationError(
                    "Bara öppna planposter som inte redan slagits samman kan slås ihop."
                )
            joint = build_joint(s, rows)
            for r in rows:
                r.merged_into_id = joint.id
            s.flush()
            return store.detail(s, joint)

    def contract_id(self, number: str) -> uuid.UUID | None:
        """Resolve a contract number typed in the editor."""
        with self._session() as s:
            return store.contract_by_number(s, number)

    def all_rows(self, query: ListQuery) -> Rows:
        """Every row the query matches (page by page), for exports and printing."""
        rows: Rows = []
        offset = 0
        while True:
            page = self.list(query.model_copy(update={"offset": offset, "limit": 5000}))
            rows.extend(page.rows)
            offset += len(page.rows)
            if not page.rows or offset >= page.total:
                return rows

    def print_pdf(self, query: ListQuery, filter_text: str) -> bytes:
        """The filtered plan as a printable A4 PDF."""
        from inkop_desktop.documents.plan.pdf import PlanPrintRow, plan_pdf

        printed = [
            PlanPrintRow(
                reference=r.reference,
                title=r.title,
                status=PlanStatus(r.status).label,
                year=r.year,
                region=Parties(r.parties).label,
                cpv=r.cpv or "",
                value_ore=r.estimated_total_ore,
                procedure=Procedure(r.procedure).label if r.procedure else "",
                responsible=r.responsible or "",
                contract_start=r.contract_start_on,
            )
            for r in self.all_rows(query)
        ]
        return plan_pdf(printed, filter_text=filter_text, made_on=date.today())

    def timeline(self, year: int) -> Bars:
        """Bars for the timeline picture of *year*."""
        with self._session() as s:
            return timeline(s, year)
