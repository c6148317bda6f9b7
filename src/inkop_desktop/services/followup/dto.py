"""What the follow-up services hand the GUI and the reports (frozen pydantic rows)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel

from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.followup.model import (
    ActionStatus,
    CheckCategory,
    ContactChannel,
    FollowupStatus,
    Outcome,
    Sanction,
)
from inkop_desktop.services.attachments import AttachmentFile, AttachmentRow
from inkop_desktop.services.dto import FROZEN


class TemplateItemRow(BaseModel):
    """One checklist point of one template version."""

    model_config = FROZEN
    id: uuid.UUID
    ordinal: int
    category: CheckCategory
    text: str
    evidence: str
    serious: bool


class TemplateRow(BaseModel):
    """A checklist template in the administrator's list."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    """Row version for optimistic locking (pass it back to ``save_template``)."""
    key: str
    name: str
    description: str
    current_version: int
    active: bool
    items: int


class TemplateDetail(BaseModel):
    """A template at one version with its items and every version number it has had."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    key: str
    name: str
    description: str
    current_version: int
    shown_version: int
    versions: tuple[int, ...]
    active: bool
    items: tuple[TemplateItemRow, ...]


class PlanProposal(BaseModel):
    """A plan proposed for a contract from its risk tier and CPV (nothing saved yet)."""

    model_config = FROZEN
    contract_id: uuid.UUID
    contract_number: str
    risk_tier: RiskTier
    interval_months: int
    template_ids: tuple[uuid.UUID, ...]
    template_names: tuple[str, ...]
    responsible_id: uuid.UUID | None
    next_due: date
    reasons: tuple[str, ...]


class PlanDetail(BaseModel):
    """A contract's follow-up plan."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    contract_id: uuid.UUID
    contract_number: str
    contract_title: str
    risk_tier: RiskTier
    interval_months: int
    template_ids: tuple[uuid.UUID, ...]
    template_names: tuple[str, ...]
    responsible_id: uuid.UUID | None
    responsible: str | None
    next_due: date
    last_completed: date | None
    note: str


class PlanChoices(BaseModel):
    """What the plan editor offers and computes the next due date from."""

    model_config = FROZEN
    contract_id: uuid.UUID
    contract_start: date
    last_completed: date | None
    intervals: tuple[tuple[RiskTier, int], ...]
    """Each tier's months between follow-ups valid today (a tier without a value is left out)."""
    templates: tuple[tuple[uuid.UUID, str], ...]
    """(id, name) of the active checklists and of those the plan already uses."""


class UnplannedRow(BaseModel):
    """A contract in force that has no follow-up plan."""

    model_config = FROZEN
    contract_id: uuid.UUID
    contract_number: str
    contract_title: str
    risk_tier: str
    start_date: date
    end_date: date
    handlaggare: str | None


EvidenceRow = AttachmentRow
"""An evidence file of a checklist point (metadata only): the shared attachment row."""
EvidenceFile = AttachmentFile
"""An evidence file's content, checked against its stored sha256."""


class ActionRow(BaseModel):
    """An åtgärd on a deviation."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    result_id: uuid.UUID
    followup_id: uuid.UUID
    contract_id: uuid.UUID
    contract_number: str
    supplier: str
    category: CheckCategory
    item_text: str
    serious: bool
    description: str
    owner_id: uuid.UUID | None
    owner: str | None
    due_on: date
    sanction: Sanction
    status: ActionStatus
    closed_on: date | None
    closing_note: str
    closed_by: str | None
    overdue: bool


class ResultRow(BaseModel):
    """One checklist point of a follow-up with its assessment, evidence and actions."""

    model_config = FROZEN
    id: uuid.UUID
    ordinal: int
    category: CheckCategory
    item_text: str
    evidence_expected: str
    serious: bool
    outcome: Outcome | None
    comment: str
    evidence: tuple[EvidenceRow, ...]
    actions: tuple[ActionRow, ...]


class FollowupRow(BaseModel):
    """One follow-up occasion in a contract's history."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    status: FollowupStatus
    due_on: date
    performed_on: date | None
    signed_by: str | None
    signed_at: datetime | None
    deviations: int
    open_actions: int


class FollowupDetail(BaseModel):
    """A follow-up occasion with everything the perform view and the PDF show."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    plan_id: uuid.UUID
    contract_id: uuid.UUID
    contract_number: str
    contract_title: str
    suppliers: tuple[str, ...]
    responsible_ids: tuple[uuid.UUID, ...]
    """Who may perform and sign (handläggare, avtalsägare, the plan's responsible)."""
    status: FollowupStatus
    due_on: date
    performed_on: date | None
    performed_by: str | None
    signed_by: str | None
    signed_at: datetime | None
    summary: str
    templates: str
    results: tuple[ResultRow, ...]


class ContactRow(BaseModel):
    """One entry of a contract's supplier contact log."""

    model_config = FROZEN
    id: uuid.UUID
    contract_id: uuid.UUID
    contacted_on: date
    person_id: uuid.UUID | None
    person: str | None
    supplier_person: str
    channel: ContactChannel
    note: str
