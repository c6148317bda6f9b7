"""Frozen DTOs of the jäv workflow handed to the GUI and the PDF builders."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel

from inkop_desktop.domain.jav.kinds import AssessmentOutcome, DeclarationState, InterestKind
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.jav.procurement import ProcurementRef


class RosterRow(BaseModel):
    """One participant of one procurement in the all-procurements list."""

    model_config = FROZEN
    id: uuid.UUID
    plan_item_id: uuid.UUID | None = None
    direct_award_id: uuid.UUID | None = None
    procurement: str
    procurement_title: str
    person: str
    external_company: str | None
    role: str
    added_on: date
    state: DeclarationState
    signed_version: int | None


class MatchRow(BaseModel):
    """A cross-check hit between a declaration and a supplier."""

    model_config = FROZEN
    interest_id: uuid.UUID | None
    supplier: str
    supplier_orgnr: str
    basis: str
    declared: str
    known_on: date

    @property
    def text(self) -> str:
        """``Städ & Service AB (556016-0680): samma organisationsnummer``."""
        return f"{self.supplier} ({self.supplier_orgnr}): {self.basis.lower()}"


class SupplierRef(BaseModel):
    """A supplier known in the procurement."""

    model_config = FROZEN
    name: str
    orgnr: str
    known_on: date


class ParticipantRow(BaseModel):
    """A participant in the per-procurement roster; details only for those allowed."""

    model_config = FROZEN
    id: uuid.UUID
    person_id: uuid.UUID
    person: str
    external_company: str | None
    role: str
    added_on: date
    removed_on: date | None
    state: DeclarationState
    active: bool
    signed_version: int | None
    signed_at: datetime | None
    has_draft: bool
    is_self: bool
    may_view: bool
    may_assess: bool
    missing: tuple[str, ...]
    matches: tuple[MatchRow, ...] = ()
    removed_by: str | None = None
    removal_reason: str = ""
    blocks_after_removal: bool = False
    """Removed, but a declaration or assessment that was due is still missing."""


class ProcurementJav(BaseModel):
    """Jäv status of one procurement: roster, suppliers and what blocks a decision."""

    model_config = FROZEN
    procurement: ProcurementRef
    suppliers: tuple[SupplierRef, ...]
    participants: tuple[ParticipantRow, ...]
    blockers: tuple[str, ...]
    is_manager: bool
    is_responsible: bool
    roster_refusal: str = ""
    """Why the user may not change the roster ("" = they may)."""
    bidders_refusal: str = ""
    """Why the user may not list bidders ("" = they may)."""


class InterestRow(BaseModel):
    """A declared relationship."""

    model_config = FROZEN
    id: uuid.UUID
    kind: InterestKind
    company_name: str
    company_orgnr: str | None
    person_name: str
    description: str


class AssessmentRow(BaseModel):
    """A manager's assessment."""

    model_config = FROZEN
    id: uuid.UUID
    interest_id: uuid.UUID | None
    item: str
    assessor: str
    outcome: AssessmentOutcome
    reason: str
    assessed_at: datetime


class ItemRow(BaseModel):
    """Something to assess: an interest, or (None) the grounds and other links."""

    model_config = FROZEN
    interest_id: uuid.UUID | None
    label: str
    matches: tuple[MatchRow, ...]
    latest: AssessmentRow | None
    open: bool


class GroundRow(BaseModel):
    """One ground of jäv with the answer and description."""

    model_config = FROZEN
    key: str
    label: str
    question: str
    source: str
    answer: bool
    text: str


class VersionRef(BaseModel):
    """A version in the declaration's history."""

    model_config = FROZEN
    id: uuid.UUID
    version_no: int
    signed_at: datetime | None


class DeclarationDetail(BaseModel):
    """One version of a declaration, as the permitted reader sees it."""

    model_config = FROZEN
    id: uuid.UUID
    participant_id: uuid.UUID
    version_no: int
    versions: tuple[VersionRef, ...]
    is_current: bool
    person: str
    person_id: uuid.UUID
    external_company: str | None
    role: str
    procurement: ProcurementRef
    grounds: tuple[GroundRow, ...]
    interests: tuple[InterestRow, ...]
    report_changes: bool
    secrecy_accepted: bool
    signed_at: datetime | None
    needs_confirmation: bool
    confirmed_at: datetime | None
    assessments: tuple[AssessmentRow, ...]
    items: tuple[ItemRow, ...]
    suppliers: tuple[SupplierRef, ...]
    state: DeclarationState
    is_own: bool
    may_assess: bool


class WorkRow(BaseModel):
    """A line in "mina deklarationer att göra" or in the assessor's queue."""

    model_config = FROZEN
    participant_id: uuid.UUID
    plan_item_id: uuid.UUID | None
    direct_award_id: uuid.UUID | None
    procurement: str
    procurement_title: str
    person: str
    role: str
    state: DeclarationState
    next_step: str
    open_items: int
    matched: int


class DeclarationForm(BaseModel):
    """What the declaration editor opens with: who, where, suppliers and the last version."""

    model_config = FROZEN
    participant_id: uuid.UUID
    person: str
    role: str
    external_company: str | None
    procurement: ProcurementRef
    suppliers: tuple[SupplierRef, ...]
    is_own: bool
    removed: bool
    latest: DeclarationDetail | None
