"""PDFs of the jäv workflow, for those allowed to read the declarations."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from inkop_desktop.documents.jav.doc import (
    DocAssessment,
    DocDeclaration,
    DocGround,
    DocInterest,
    DocParticipant,
    DocProcurement,
    DocProtocol,
)
from inkop_desktop.domain.jav.access import JavAccessError, Viewer, check_view
from inkop_desktop.domain.jav.gating import blocker, participant_state
from inkop_desktop.domain.jav.kinds import DeclarationState
from inkop_desktop.services.base import Service
from inkop_desktop.services.jav.detail import (
    build_detail,
    detail_for,
    load_participant,
    versions_of,
)
from inkop_desktop.services.jav.dto import DeclarationDetail
from inkop_desktop.services.jav.facts import Loaded, load_procurement, viewer_of
from inkop_desktop.services.jav.procurement import ProcurementRef, of_participant, resolve


class DocumentMixin(Service):
    """Jävsdeklaration, sekretessförbindelse and jävsprotokoll as PDF bytes."""

    def declaration_pdf(self, participant_id: uuid.UUID, version_no: int | None = None) -> bytes:
        """The jävsdeklaration (current version unless *version_no*)."""
        from inkop_desktop.documents.jav.pdf import declaration_pdf

        with self._session() as s:
            doc = to_doc(detail_for(s, participant_id, version_no, viewer_of(s, self.actor)))
        return declaration_pdf(doc, date.today())

    def secrecy_pdf(self, participant_id: uuid.UUID) -> bytes:
        """The sekretessförbindelse: as accepted in the app, or blank to sign on paper."""
        from inkop_desktop.documents.jav.pdf import secrecy_pdf

        with self._session() as s:
            viewer = viewer_of(s, self.actor)
            item = load_participant(s, participant_id)
            ref = of_participant(s, item.participant)
            check_view(viewer, item.person.id, ref.responsible_ids)
            if versions_of(s, participant_id):
                doc = to_doc(detail_for(s, participant_id, None, viewer))
            else:
                doc = _blank(item, ref)
        return secrecy_pdf(doc, date.today())

    def protocol_pdf(
        self, *, plan_item_id: uuid.UUID | None = None, direct_award_id: uuid.UUID | None = None
    ) -> bytes:
        """The jävsprotokoll of a procurement (responsible officer and managers only)."""
        from inkop_desktop.documents.jav.pdf import protocol_pdf

        with self._session() as s:
            protocol = _protocol(s, resolve(s, plan_item_id, direct_award_id), self.actor)
        return protocol_pdf(protocol)


def _blank(item: Loaded, ref: ProcurementRef) -> DocDeclaration:
    """Document input for a participant who has not declared anything yet."""
    return DocDeclaration(
        procurement=doc_procurement(ref),
        person=item.person.name,
        role=item.participant.role,
        external_company=item.person.external_company,
        version_no=0,
        signed_at=None,
        confirmed_at=None,
        needs_confirmation=False,
        report_changes=False,
        secrecy_accepted=False,
        state=DeclarationState.SAKNAS.label,
    )


def _protocol(session: Session, ref: ProcurementRef, actor: str) -> DocProtocol:
    """Roster, blockers and every signed declaration of *ref*."""
    viewer = viewer_of(session, actor)
    _check_protocol(viewer, ref)
    loaded, suppliers = load_procurement(session, ref)
    declarations = tuple(
        to_doc(build_detail(session, item, ref, viewer, versions_of(session, item.participant.id)))
        for item in loaded
        if item.current is not None
    )
    return DocProtocol(
        procurement=doc_procurement(ref),
        made_on=date.today(),
        suppliers=tuple(f"{k.name} ({k.orgnr})" for k in suppliers),
        participants=tuple(
            DocParticipant(
                person=item.person.name,
                role=item.participant.role,
                added_on=item.participant.added_on,
                removed_on=item.participant.removed_on,
                version_no=item.current.version_no if item.current else None,
                signed_at=item.current.signed_at if item.current else None,
                state=_state_label(participant_state(item.facts), item.participant.removed_on),
            )
            for item in loaded
        ),
        declarations=declarations,
        blockers=tuple(text for item in loaded if (text := blocker(item.facts))),
    )


def _check_protocol(viewer: Viewer, ref: ProcurementRef) -> None:
    """The protocol shows every declaration: only the responsible officer and managers."""
    if not (viewer.is_manager or (viewer.person_id in ref.responsible_ids)):
        raise JavAccessError(
            "Jävsprotokollet innehåller allas deklarationer och får bara tas fram av "
            "upphandlingens ansvarige och inköpschef (OSL 19 kap. 3 §)."
        )


def _state_label(state: DeclarationState, removed_on: date | None) -> str:
    """The state, or that the person has left the roster."""
    if removed_on is not None:
        return f"Borttagen {removed_on.isoformat()}"
    return state.label


def doc_procurement(ref: ProcurementRef) -> DocProcurement:
    """The procurement part of every document."""
    return DocProcurement(ref.organisation, ref.reference, ref.title, ref.kind, ref.responsible)


def to_doc(d: DeclarationDetail) -> DocDeclaration:
    """A declaration DTO as document input."""
    return DocDeclaration(
        procurement=doc_procurement(d.procurement),
        person=d.person,
        role=d.role,
        external_company=d.external_company,
        version_no=d.version_no,
        signed_at=d.signed_at,
        confirmed_at=d.confirmed_at,
        needs_confirmation=d.needs_confirmation,
        report_changes=d.report_changes,
        secrecy_accepted=d.secrecy_accepted,
        state=d.state.label,
        grounds=tuple(
            DocGround(g.label, g.question, g.source, g.answer, g.text) for g in d.grounds
        ),
        interests=tuple(
            DocInterest(
                i.kind.label, i.company_name, i.company_orgnr or "", i.person_name, i.description
            )
            for i in d.interests
        ),
        matches=tuple(f"{m.text} – anmält: {m.declared}" for it in d.items for m in it.matches),
        assessments=tuple(
            DocAssessment(a.item, a.outcome.label, a.reason, a.assessor, a.assessed_at)
            for a in d.assessments
        ),
        suppliers=tuple(f"{s.name} ({s.orgnr})" for s in d.suppliers),
    )
