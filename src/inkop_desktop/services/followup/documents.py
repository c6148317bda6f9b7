"""The PDF of a follow-up, built from the same DTO the perform view shows."""

from __future__ import annotations

import uuid
from datetime import date

from inkop_desktop.db.tables import Contract
from inkop_desktop.documents.followup import DocAction, DocFollowup, DocResult
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.base import Service
from inkop_desktop.services.followup.dto import FollowupDetail, ResultRow
from inkop_desktop.services.followup.reading import detail

UNIT = "Inköpsverksamheten"


def _result(r: ResultRow) -> DocResult:
    """One checklist point as the PDF prints it."""
    actions = tuple(
        DocAction(
            description=a.description,
            owner=a.owner or "–",
            due_on=a.due_on,
            sanction=a.sanction.label,
            state=f"{a.status.label} {a.closed_on.isoformat()}" if a.closed_on else a.status.label,
        )
        for a in r.actions
    )
    return DocResult(
        ordinal=r.ordinal, category=r.category.label, text=r.item_text,
        evidence_expected=r.evidence_expected, serious=r.serious,
        outcome=r.outcome.label if r.outcome else "Ej bedömd", comment=r.comment,
        evidence=tuple(f"{e.filename} (sha256 {e.sha256[:12]}…)" for e in r.evidence),
        actions=actions,
    )  # fmt: skip


def doc_of(d: FollowupDetail, organisation: str) -> DocFollowup:
    """The printable values of a follow-up."""
    return DocFollowup(
        organisation=organisation, contract_number=d.contract_number,
        contract_title=d.contract_title, suppliers=d.suppliers, status=d.status.label,
        due_on=d.due_on, performed_on=d.performed_on, performed_by=d.performed_by,
        signed_by=d.signed_by, signed_at=d.signed_at, summary=d.summary, templates=d.templates,
        results=tuple(_result(r) for r in d.results),
    )  # fmt: skip


class DocumentOps(Service):
    """The follow-up PDF (mixed into FollowupService)."""

    def followup_pdf(self, followup_id: uuid.UUID) -> bytes:
        """The PDF of a follow-up (a draft is marked as such)."""
        from inkop_desktop.documents.followup.pdf import followup_pdf

        with self._session() as s:
            d = detail(s, followup_id)
            contract = s.get(Contract, d.contract_id)
            assert contract is not None
            organisation = f"{UNIT}, {Parties(contract.parties).label}"
        return followup_pdf(doc_of(d, organisation), date.today())
