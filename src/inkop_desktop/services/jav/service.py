"""Jäv och sekretess: the roster list, gating of decisions, and the whole JavService.

The use cases are split over mixins: rosters and suppliers (``jav_roster``), declarations
(``jav_declarations``), assessments and work lists (``jav_assessments``) and PDFs
(``jav_documents``). This module adds the all-procurements list and the gating API that the
direct-award signing and the plan item's move to "tilldelad" call.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, or_, select

from inkop_desktop.db.tables import DirectAward, JavDeclaration, Participant, Person, PlanItem
from inkop_desktop.domain.jav.gating import award_refusal, participant_state
from inkop_desktop.domain.jav.gating import signing_blockers as blockers_of
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import ListQuery, Page
from inkop_desktop.services.jav.assessments import AssessmentMixin
from inkop_desktop.services.jav.declarations import DeclarationMixin
from inkop_desktop.services.jav.documents import DocumentMixin
from inkop_desktop.services.jav.dto import RosterRow
from inkop_desktop.services.jav.facts import Loaded, load_ids, load_procurement
from inkop_desktop.services.jav.procurement import resolve
from inkop_desktop.services.jav.roster import RosterMixin, mark_suppliers_known_in
from inkop_desktop.services.listing import ListSpec, run_page

__all__ = ["JavService", "RosterRow", "mark_suppliers_known_in"]

_PROCUREMENT = func.coalesce(PlanItem.reference, DirectAward.diarienummer)
_TITLE = func.coalesce(PlanItem.title, DirectAward.title)
_SIGNED = (
    select(func.max(JavDeclaration.version_no))
    .where(JavDeclaration.participant_id == Participant.id, JavDeclaration.signed_at.isnot(None))
    .scalar_subquery()
)

SPEC = ListSpec(
    sortable={
        "procurement": _PROCUREMENT,
        "procurement_title": _TITLE,
        "person": Person.name,
        "role": Participant.role,
        "added_on": Participant.added_on,
        "signed_version": _SIGNED,
        "external_company": Person.external_company,
    },
    searchable=[
        Person.name,
        PlanItem.reference,
        DirectAward.diarienummer,
        PlanItem.title,
        DirectAward.title,
        Participant.role,
    ],
    default_sort="procurement",
    filters={
        "person_login": lambda v: Person.login == v,
        "kind": lambda v: (
            Participant.plan_item_id.isnot(None)
            if v == "plan"
            else Participant.direct_award_id.isnot(None)
        ),
    },
)


class JavService(RosterMixin, DeclarationMixin, AssessmentMixin, DocumentMixin, Service):
    """Use cases of jäv declarations, assessments and gating."""

    def roster(self, query: ListQuery) -> Page[RosterRow]:
        """Participants of all procurements (not removed) with their state, jäviga as excluded."""
        stmt = (
            select(
                Participant.id,
                Participant.plan_item_id,
                Participant.direct_award_id,
                _PROCUREMENT.label("procurement"),
                _TITLE.label("procurement_title"),
                Person.name.label("person"),
                Person.external_company,
                Participant.role,
                Participant.added_on,
            )
            .select_from(Participant)
            .join(Person, Person.id == Participant.person_id)
            .outerjoin(PlanItem, PlanItem.id == Participant.plan_item_id)
            .outerjoin(DirectAward, DirectAward.id == Participant.direct_award_id)
            .where(
                Participant.removed_on.is_(None),
                or_(PlanItem.id.isnot(None), DirectAward.id.isnot(None)),
            )
        )
        with self._session() as s:
            rows, total, estimated = run_page(s, stmt, SPEC, query)
            loaded = load_ids(s, [r.id for r in rows])
            result = [_row(r, loaded[r.id]) for r in rows]
        return Page(rows=result, total=total, offset=query.offset, estimated=estimated)

    def signing_blockers(
        self,
        *,
        plan_item_id: uuid.UUID | None = None,
        direct_award_id: uuid.UUID | None = None,
    ) -> list[str]:
        """Why a decision may not be signed yet, one Swedish message per person; [] = go on."""
        with self._session() as s:
            ref = resolve(s, plan_item_id, direct_award_id)
            loaded, _suppliers = load_procurement(s, ref)
            return blockers_of(item.facts for item in loaded)

    def ensure_may_award(self, plan_item_id: uuid.UUID) -> None:
        """Raise a TransitionError naming every blocker before a plan item becomes "tilldelad"."""
        error = award_refusal(
            self.signing_blockers(plan_item_id=plan_item_id), "Tilldelning av upphandlingen"
        )
        if error is not None:
            raise error


def _row(r: Any, loaded: Loaded) -> RosterRow:
    """A list row with the state gating derives."""
    current = loaded.current
    return RosterRow(
        id=r.id,
        plan_item_id=r.plan_item_id,
        direct_award_id=r.direct_award_id,
        procurement=r.procurement or "",
        procurement_title=r.procurement_title or "",
        person=r.person,
        external_company=r.external_company,
        role=r.role,
        added_on=r.added_on,
        state=participant_state(loaded.facts),
        signed_version=current.version_no if current is not None else None,
    )
