"""Rosters per procurement: participants in and out, suppliers becoming known, jäv status.

Roster changes are made by the procurement's responsible officer or an inköpschef
(``Act.JAV_ROSTER``); a removal records who and why, and never clears a duty already due (see
``domain.jav.gating``). What a participant declared is shown only to those allowed to read it
(see ``domain.jav.access``).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db import server_awards
from inkop_desktop.db.tables import (
    DirectAward,
    JavDeclaration,
    Participant,
    Person,
    PlanItem,
    PlanItemBidder,
    Supplier,
)
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.input_types import checked_text
from inkop_desktop.domain.jav.access import Viewer, may_assess, may_view
from inkop_desktop.domain.jav.gating import blocker, is_active, participant_state, still_due
from inkop_desktop.domain.jav.input import ParticipantInput
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.access import actor
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.jav.dto import MatchRow, ParticipantRow, ProcurementJav, SupplierRef
from inkop_desktop.services.jav.facts import Loaded, load_procurement, viewer_of
from inkop_desktop.services.jav.procurement import ProcurementRef, pick_list, resolve

PICK_LIMIT = 200


def mark_suppliers_known_in(
    session: Session,
    *,
    plan_item_id: uuid.UUID | None = None,
    direct_award_id: uuid.UUID | None = None,
) -> int:
    """Mark every current declaration as needing confirmation; returns how many were marked.

    Call this in the same transaction that registers quotes or lists bidders. On a shared
    server the actor may not read every declaration (row security): a security-definer
    function marks them all there and tells only how many; SQLite marks them here.
    """
    ref = resolve(session, plan_item_id, direct_award_id)
    session.flush()
    on_server = server_awards.mark_suppliers_known(
        session.connection(), ref.plan_item_id, ref.direct_award_id
    )
    if on_server is not None:
        for obj in list(session.identity_map.values()):
            if isinstance(obj, JavDeclaration):
                session.expire(obj)  # changed behind the session's back
        return on_server
    loaded, _suppliers = load_procurement(session, ref)
    marked = 0
    for item in loaded:
        if item.current is not None and not item.participant.removed_on:
            item.current.needs_confirmation = True
            marked += 1
    session.flush()
    return marked


class RosterMixin(Service):
    """Participants, bidders and the per-procurement jäv status."""

    def procurement_jav(
        self, *, plan_item_id: uuid.UUID | None = None, direct_award_id: uuid.UUID | None = None
    ) -> ProcurementJav:
        """The roster with each person's state, the known suppliers and the blockers."""
        with self._session() as s:
            ref = resolve(s, plan_item_id, direct_award_id)
            loaded, suppliers = load_procurement(s, ref)
            viewer = viewer_of(s, self.actor)
            removers = _names(s, {i.participant.removed_by_id for i in loaded})
            rows = tuple(_participant_row(item, ref, viewer, removers) for item in loaded)
            who = actor(s, self.actor)
            roster_refusal = who.refusal(Act.JAV_ROSTER, responsible=ref.responsible_ids)
            bidders_refusal = who.refusal(Act.PLAN_EDIT, responsible=ref.responsible_ids)
        return ProcurementJav(
            procurement=ref,
            suppliers=tuple(
                SupplierRef(name=k.name, orgnr=k.orgnr, known_on=k.known_on) for k in suppliers
            ),
            participants=rows,
            blockers=tuple(text for item in loaded if (text := blocker(item.facts))),
            is_manager=viewer.is_manager,
            is_responsible=viewer.person_id in ref.responsible_ids,
            roster_refusal=roster_refusal,
            bidders_refusal=bidders_refusal,
        )

    def procurements(self, text: str = "") -> list[ProcurementRef]:
        """Plan items and direct awards matching *text*, for choosing a roster."""
        with self._session() as s:
            return pick_list(s, checked_text(text, "Sökning", 500).split(), PICK_LIMIT)

    def add_participant(
        self,
        data: dict[str, Any],
        *,
        plan_item_id: uuid.UUID | None = None,
        direct_award_id: uuid.UUID | None = None,
    ) -> uuid.UUID:
        """Add a person with a role from a date; a removed participant comes back."""
        item = parse(ParticipantInput, data)
        with self._session() as s:
            ref = _locked(s, plan_item_id, direct_award_id)
            self._require(s, Act.JAV_ROSTER, responsible=ref.responsible_ids)
            person = s.get(Person, item.person_id)
            if person is None or not person.active:
                raise NotFoundError("Personen finns inte eller är inte aktiv.")
            row = _existing(s, ref, item.person_id)
            if row is not None and row.removed_on is None:
                raise ValidationError(f"{person.name} finns redan i deltagarlistan.")
            if row is None:
                row = Participant(
                    plan_item_id=ref.plan_item_id,
                    direct_award_id=ref.direct_award_id,
                    person_id=item.person_id,
                )
                s.add(row)
            row.role, row.added_on, row.removed_on = item.role, item.added_on, None
            row.removed_by_id, row.removal_reason = None, ""
            s.flush()
            return row.id

    def remove_participant(
        self, participant_id: uuid.UUID, removed_on: date, reason: str = ""
    ) -> None:
        """Take a participant off the active roster from *removed_on* (the history stays).

        When a declaration or assessment is still due, a written reason is required and the
        person keeps blocking the decision until it is done (the removal is recorded and shown).
        """
        why = checked_text(reason, "Anledning", 2000).strip()
        with self._session() as s:
            row = s.get(Participant, participant_id)
            if row is None:
                raise NotFoundError("Deltagaren finns inte längre.")
            ref = _locked(s, row.plan_item_id, row.direct_award_id)
            who = self._require(s, Act.JAV_ROSTER, responsible=ref.responsible_ids)
            s.refresh(row)
            _check_removal(row, removed_on)
            if not why and _duty_due(s, ref, row, removed_on):
                raise ValidationError(
                    "Deltagaren har en jävsdeklaration eller bedömning som redan är förfallen. "
                    "Ange varför personen tas bort; kravet finns kvar och spärrar beslutet "
                    "tills det är uppfyllt.",
                    field="reason",
                )
            row.removed_on, row.removed_by_id, row.removal_reason = removed_on, who.person_id, why

    def add_bidder(
        self, plan_item_id: uuid.UUID, supplier_id: uuid.UUID, listed_on: date | None = None
    ) -> int:
        """List a bidder on a plan item and mark every declaration for confirmation."""
        with self._session() as s:
            _locked(s, plan_item_id, None)
            self._require(s, Act.PLAN_EDIT)
            if s.get(Supplier, supplier_id) is None:
                raise NotFoundError("Leverantören finns inte längre.")
            exists = s.scalar(
                select(PlanItemBidder.id).where(
                    PlanItemBidder.plan_item_id == plan_item_id,
                    PlanItemBidder.supplier_id == supplier_id,
                )
            )
            if exists is not None:
                raise ValidationError("Leverantören finns redan bland anbudsgivarna.")
            s.add(
                PlanItemBidder(
                    plan_item_id=plan_item_id,
                    supplier_id=supplier_id,
                    listed_on=listed_on or date.today(),
                )
            )
            s.flush()
            return mark_suppliers_known_in(s, plan_item_id=plan_item_id)

    def mark_suppliers_known(
        self, *, plan_item_id: uuid.UUID | None = None, direct_award_id: uuid.UUID | None = None
    ) -> int:
        """Mark every current declaration of the procurement as needing confirmation."""
        with self._session() as s:
            ref = resolve(s, plan_item_id, direct_award_id)
            self._require(s, Act.JAV_ROSTER, responsible=ref.responsible_ids)
            return mark_suppliers_known_in(
                s, plan_item_id=plan_item_id, direct_award_id=direct_award_id
            )


def _locked(
    session: Session, plan_item_id: uuid.UUID | None, direct_award_id: uuid.UUID | None
) -> ProcurementRef:
    """The procurement locked for a roster change, so concurrent changes queue up."""
    if plan_item_id is not None:
        load_for_edit(session, PlanItem, plan_item_id, None, "Upphandlingen finns inte längre.")
    elif direct_award_id is not None:
        missing = "Direktupphandlingen finns inte längre."
        load_for_edit(session, DirectAward, direct_award_id, None, missing)
    return resolve(session, plan_item_id, direct_award_id)


def _check_removal(row: Participant, removed_on: date) -> None:
    """Refuse removing twice or before the person was added."""
    if row.removed_on is not None:
        raise ValidationError("Deltagaren är redan borttagen.")
    if removed_on < row.added_on:
        raise ValidationError(
            f"Borttagningsdatum {removed_on.isoformat()} är före datumet då personen "
            f"lades till ({row.added_on.isoformat()})."
        )


def _duty_due(session: Session, ref: ProcurementRef, row: Participant, removed_on: date) -> bool:
    """True when removing on *removed_on* leaves a due declaration or assessment behind."""
    loaded, _suppliers = load_procurement(session, ref)
    item = next(i for i in loaded if i.participant.id == row.id)
    after = replace(item.facts, removed=True, removed_on=removed_on)
    return bool(still_due(after))


def _existing(session: Session, ref: ProcurementRef, person_id: uuid.UUID) -> Participant | None:
    """The person's roster row in *ref*, removed or not."""
    column = Participant.plan_item_id if ref.kind == "plan" else Participant.direct_award_id
    return session.scalar(
        select(Participant).where(column == ref.id, Participant.person_id == person_id)
    )


def _names(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Names of the people with *ids* (None ignored)."""
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())


def _participant_row(
    item: Loaded, ref: ProcurementRef, viewer: Viewer, removers: dict[uuid.UUID, str]
) -> ParticipantRow:
    """One roster line; matches only for those who may read the declaration."""
    person_id = item.person.id
    visible = may_view(viewer, person_id, ref.responsible_ids)
    current: JavDeclaration | None = item.current
    return ParticipantRow(
        id=item.participant.id,
        person_id=person_id,
        person=item.person.name,
        external_company=item.person.external_company,
        role=item.participant.role,
        added_on=item.participant.added_on,
        removed_on=item.participant.removed_on,
        state=participant_state(item.facts),
        active=is_active(item.facts),
        signed_version=current.version_no if current else None,
        signed_at=current.signed_at if current else None,
        has_draft=(item.latest_no or 0) > (current.version_no if current else 0),
        is_self=viewer.person_id == person_id,
        may_view=visible,
        may_assess=may_assess(viewer, person_id, ref.responsible_ids),
        missing=tuple(still_due(item.facts)),
        matches=tuple(match_rows(item)) if visible else (),
        removed_by=removers.get(item.participant.removed_by_id)
        if item.participant.removed_by_id
        else None,
        removal_reason=item.participant.removal_reason or "",
        blocks_after_removal=item.participant.removed_on is not None
        and bool(still_due(item.facts)),
    )


def match_rows(item: Loaded) -> list[MatchRow]:
    """The participant's cross-check hits as DTOs."""
    return [
        MatchRow(
            interest_id=m.interest_id,
            supplier=m.supplier,
            supplier_orgnr=m.supplier_orgnr,
            basis=m.basis.label,
            declared=m.declared,
            known_on=m.known_on,
        )
        for m in item.matches
    ]
