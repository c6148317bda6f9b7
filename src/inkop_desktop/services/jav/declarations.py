"""Declarations: read (if allowed), declare a new version, sign, confirm; the person's to-do."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DeclaredInterest, JavDeclaration, Participant, Person
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.jav.access import check_own, check_view
from inkop_desktop.domain.jav.gating import missing, open_items, participant_state, still_due
from inkop_desktop.domain.jav.input import DeclarationInput, signing_problems
from inkop_desktop.domain.jav.kinds import DeclarationState
from inkop_desktop.domain.jav.versions import (
    check_confirmable,
    check_signable,
    confirmed_on_signing,
    next_version,
)
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.base import Service
from inkop_desktop.services.jav.detail import detail_for, load_participant
from inkop_desktop.services.jav.dto import DeclarationDetail, DeclarationForm, SupplierRef, WorkRow
from inkop_desktop.services.jav.facts import Loaded, load_ids, may_still_be_due, viewer_of
from inkop_desktop.services.jav.procurement import of_participant

_GROUND_COLUMNS = (
    "party_affected",
    "party_affected_text",
    "representative",
    "representative_text",
    "instance_or_supervision",
    "instance_or_supervision_text",
    "other_circumstance",
    "other_circumstance_text",
    "report_changes",
    "secrecy_accepted",
)

NEXT_STEP_TEXT = {
    DeclarationState.SAKNAS: "Lämna och signera jävsdeklaration och sekretessförbindelse",
    DeclarationState.OBEKRAFTAD: "Bekräfta deklarationen mot de kända leverantörerna",
    DeclarationState.EJ_BEDOMD: "Väntar på chefens bedömning",
    DeclarationState.KLAR: "Klar",
    DeclarationState.JAVIG: "Jävig – deltar inte i upphandlingen",
}


def _now() -> datetime:
    """Timestamp of a signature or confirmation."""
    return datetime.now(UTC)


class DeclarationMixin(Service):
    """The declaring person's use cases, and reading a declaration."""

    def declaration(
        self, participant_id: uuid.UUID, version_no: int | None = None
    ) -> DeclarationDetail:
        """A version of the declaration (current by default), if the actor may read it."""
        with self._session() as s:
            return detail_for(s, participant_id, version_no, viewer_of(s, self.actor))

    def declaration_form(self, participant_id: uuid.UUID) -> DeclarationForm:
        """Context for the editor; the person sees their latest version, others the current."""
        with self._session() as s:
            viewer = viewer_of(s, self.actor)
            item = load_participant(s, participant_id)
            ref = of_participant(s, item.participant)
            check_view(viewer, item.person.id, ref.responsible_ids)
            own = viewer.person_id == item.person.id
            latest = None
            if item.latest_no is not None:
                latest = detail_for(s, participant_id, item.latest_no if own else None, viewer)
            return DeclarationForm(
                participant_id=participant_id,
                person=item.person.name,
                role=item.participant.role,
                external_company=item.person.external_company,
                procurement=ref,
                suppliers=tuple(
                    SupplierRef(name=k.name, orgnr=k.orgnr, known_on=k.known_on)
                    for k in item.suppliers
                ),
                is_own=own,
                removed=item.participant.removed_on is not None,
                latest=latest,
            )

    def declare(
        self, participant_id: uuid.UUID, data: dict[str, Any], *, sign: bool = False
    ) -> DeclarationDetail:
        """Store a new version (the old ones stay); sign it at once when *sign*."""
        item = parse(DeclarationInput, data)
        if sign and (problems := item.signing_problems()):
            raise ValidationError("\n".join(t for _f, t in problems), problems=problems)
        with self._session() as s:
            loaded = self._own(s, participant_id)
            versions = list(
                s.scalars(
                    select(JavDeclaration)
                    .where(JavDeclaration.participant_id == participant_id)
                    .order_by(JavDeclaration.version_no)
                )
            )
            decl = JavDeclaration(
                participant_id=participant_id,
                version_no=next_version(versions[-1].version_no if versions else None),
                supersedes_id=versions[-1].id if versions else None,
                needs_confirmation=False,
                **{c: getattr(item, c) for c in _GROUND_COLUMNS},
            )
            s.add(decl)
            s.flush()
            for interest in item.interests:
                s.add(
                    DeclaredInterest(
                        declaration_id=decl.id,
                        kind=interest.kind.value,
                        company_name=interest.company_name,
                        company_orgnr=interest.company_orgnr or None,
                        person_name=interest.person_name,
                        description=interest.description,
                    )
                )
            if sign:
                _sign(decl, bool(loaded.suppliers))
            s.flush()
            return detail_for(s, participant_id, decl.version_no, viewer_of(s, self.actor))

    def sign(self, declaration_id: uuid.UUID) -> DeclarationDetail:
        """Sign and date an unsigned version (only the declaring person, only the latest)."""
        with self._session() as s:
            decl = s.get(JavDeclaration, declaration_id)
            if decl is None:
                raise NotFoundError("Deklarationen finns inte längre.")
            loaded = self._own(s, decl.participant_id)
            problems = signing_problems(
                report_changes=decl.report_changes, secrecy_accepted=decl.secrecy_accepted
            )
            check_signable(
                version_no=decl.version_no,
                latest_no=loaded.latest_no or decl.version_no,
                signed=decl.signed_at is not None,
                problems=problems,
            )
            _sign(decl, bool(loaded.suppliers))
            s.flush()
            return detail_for(s, decl.participant_id, decl.version_no, viewer_of(s, self.actor))

    def confirm(self, participant_id: uuid.UUID) -> DeclarationDetail:
        """Confirm the current declaration unchanged against the suppliers now known."""
        with self._session() as s:
            loaded = self._own(s, participant_id)
            decl = loaded.current
            check_confirmable(
                signed=decl is not None,
                needs_confirmation=bool(decl and decl.needs_confirmation),
            )
            assert decl is not None
            decl.needs_confirmation = False
            decl.confirmed_at = _now()
            s.flush()
            return detail_for(s, participant_id, decl.version_no, viewer_of(s, self.actor))

    def my_declarations(self, *, only_open: bool = True) -> list[WorkRow]:
        """The actor's own participations with a duty ("mina deklarationer att göra")."""
        with self._session() as s:
            ids = list(
                s.scalars(
                    select(Participant.id)
                    .join(Person, Person.id == Participant.person_id)
                    .where(Person.login == self.actor, may_still_be_due())
                )
            )
            found = load_ids(s, ids).values()
            rows = [work_row(s, i) for i in found if not i.facts.removed or still_due(i.facts)]
        wanted = (DeclarationState.SAKNAS, DeclarationState.OBEKRAFTAD)
        rows = [r for r in rows if not only_open or r.state in wanted]
        return sorted(rows, key=lambda r: (r.state != DeclarationState.SAKNAS, r.procurement))

    def _own(self, session: Session, participant_id: uuid.UUID) -> Loaded:
        """The actor's own participation (active, or removed with a duty left); nobody else's."""
        item = load_participant(session, participant_id)
        check_own(viewer_of(session, self.actor), item.person.id)
        if item.facts.removed and not still_due(item.facts):
            raise ValidationError("Du är borttagen ur deltagarlistan för den här upphandlingen.")
        return item


def _sign(decl: JavDeclaration, suppliers_known: bool) -> None:
    """Sign now; when the suppliers are known the declaration is made against them."""
    now = _now()
    decl.signed_at = now
    confirmed = confirmed_on_signing(suppliers_known)
    decl.needs_confirmation = False
    decl.confirmed_at = now if confirmed else None


def work_row(session: Session, item: Loaded) -> WorkRow:
    """A to-do or queue line for *item*."""
    ref = of_participant(session, item.participant)
    state = participant_state(item.facts)
    pending = open_items(item.facts)
    next_step = "; ".join(missing(item.facts)) if state is DeclarationState.EJ_BEDOMD else ""
    return WorkRow(
        participant_id=item.participant.id,
        plan_item_id=ref.plan_item_id,
        direct_award_id=ref.direct_award_id,
        procurement=ref.reference,
        procurement_title=ref.title,
        person=item.person.name,
        role=item.participant.role,
        state=state,
        next_step=next_step or NEXT_STEP_TEXT[state],
        open_items=len(pending),
        matched=sum(i.matched for i in pending),
    )
