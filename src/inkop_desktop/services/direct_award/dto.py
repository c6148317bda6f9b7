"""DTOs of the direct-award use cases: the opened record, its checks and its reports."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from inkop_desktop.domain.direct_award.status import AwardStatus, LegalGround
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.dto import FROZEN

EDITABLE = (
    "region",
    "organisation_id",
    "requester_id",
    "diarienummer",
    "title",
    "description",
    "cpv",
    "same_kind_key",
    "same_kind_reason",
    "competition",
    "suppliers_asked",
    "duration",
    "legal_ground",
    "annex2_services",
    "chosen_supplier_id",
    "award_reason",
    "award_date",
    "decision_maker_id",
    "decision_text",
    "fewer_quotes_reason",
    "efterannonsering_done",
)
"""Fields of the record the editor sends back (plus ``value`` as text)."""


class QuoteRow(BaseModel):
    """A received quote as the editor shows it (secret until the decision)."""

    model_config = FROZEN
    id: uuid.UUID
    supplier_id: uuid.UUID
    supplier: str
    orgnr: str
    amount_ore: int
    received_on: date
    received_how: str
    notes: str


class StoredFile(BaseModel):
    """An attachment of the record with its checksum."""

    model_config = FROZEN
    id: uuid.UUID
    filename: str
    size: int
    sha256: str
    description: str


class DirectAwardDetail(BaseModel):
    """A record as opened in the editor, with its version for optimistic locking."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    status: AwardStatus
    diarienummer: str
    region: Parties
    organisation_id: uuid.UUID | None
    requester_id: uuid.UUID | None
    title: str
    description: str
    cpv: str
    same_kind_key: str
    same_kind_reason: str
    competition: str
    suppliers_asked: int
    value_ore: int
    duration: str
    legal_ground: LegalGround
    annex2_services: bool
    chosen_supplier_id: uuid.UUID | None
    award_reason: str
    award_date: date
    decision_maker_id: uuid.UUID | None
    delegation_rule_id: uuid.UUID | None
    decision_text: str
    fewer_quotes_reason: str
    efterannonsering_done: bool
    existing_contract_id: uuid.UUID | None
    existing_contract_reason: str
    supersedes_id: uuid.UUID | None
    supersedes: str | None = None
    superseded_by: str | None = None
    signed_at: datetime | None
    signature_method: str | None
    signed_pdf_sha256: str | None
    signed_by_id: uuid.UUID | None = None
    decision_date_reason: str = ""
    quotes: tuple[QuoteRow, ...] = ()
    files: tuple[StoredFile, ...] = ()
    notice: str = ""
    """What the save changed on its own (a contract check cleared because the facts changed)."""

    def editable_values(self) -> dict[str, Any]:
        """The fields the editor fills in, as the service's update expects them."""
        values = {name: getattr(self, name) for name in EDITABLE}
        values["value"] = Money(self.value_ore).format().removesuffix(" kr")
        return values


class EarlierAward(BaseModel):
    """Another award of the same kind that counts in the running total."""

    model_config = FROZEN
    id: uuid.UUID
    diarienummer: str
    title: str
    parties: Parties
    award_date: date
    value_ore: int
    status: AwardStatus


class RunningTotal(BaseModel):
    """One authority's same-kind total in the fiscal year against the dated limit."""

    model_config = FROZEN
    region: str
    authority: str
    year: int
    key: str
    own_ore: int
    total_ore: int
    limit_ore: int
    limit_source: str
    reached: bool
    earlier: tuple[EarlierAward, ...]


class AwardCheck(BaseModel):
    """Every rule's verdict on the record, for the editor's checklist and the gates."""

    model_config = FROZEN
    totals: tuple[RunningTotal, ...]
    aggregated_ore: int
    documentation_required: bool
    threshold_ore: int
    checklist: tuple[tuple[str, bool], ...]
    tier: str
    efterannonsering: str
    delegation: str
    problems: tuple[str, ...]
    jav_blockers: tuple[str, ...] = ()
    threshold_comparison: str = "≥"
    """How the same-kind total is compared with the documentation threshold (``≥`` or ``>``)."""

    @property
    def may_complete(self) -> bool:
        """Nothing blocks finishing the record."""
        return not self.problems


class SignatureCheck(BaseModel):
    """Offline validation of a stored or chosen signed PDF."""

    model_config = FROZEN
    verdict: str
    text: str
    checksum_matches: bool | None


class ReportRow(BaseModel):
    """Direct awards of one kind, authority and year, against the limit."""

    model_config = FROZEN
    region: str
    authority: str
    year: int
    key: str
    count: int
    total_ore: int
    limit_ore: int
    diarienummer: tuple[str, ...]

    @property
    def share(self) -> float:
        """The total as a share of the limit (1.0 = at the limit)."""
        return self.total_ore / self.limit_ore if self.limit_ore else 0.0
