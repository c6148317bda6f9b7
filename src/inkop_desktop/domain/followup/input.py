"""What a user enters in avtalsuppföljning: plans, results, actions, contacts, templates."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from inkop_desktop.domain.contracts import RiskTier
from inkop_desktop.domain.followup.model import CheckCategory, ContactChannel, Outcome, Sanction
from inkop_desktop.domain.input_types import Day, Text
from inkop_desktop.domain.validation import STRICT


class PlanInput(BaseModel):
    """A contract's follow-up plan as saved from the proposal or the editor."""

    model_config = STRICT

    risk_tier: RiskTier = Field(title="Riskklass")
    interval_months: int = Field(ge=1, le=60, title="Intervall (månader)")
    template_ids: tuple[uuid.UUID, ...] = Field(min_length=1, max_length=20, title="Checklistor")
    responsible_id: uuid.UUID | None = Field(default=None, title="Ansvarig")
    next_due: Day = Field(title="Nästa uppföljning")
    note: Text = Field(default="", max_length=5000, title="Anteckning")


class ResultInput(BaseModel):
    """The assessment of one checklist point (outcome None: not yet assessed)."""

    model_config = STRICT

    result_id: uuid.UUID = Field(title="Kontrollpunkt")
    outcome: Outcome | None = Field(default=None, title="Bedömning")
    comment: Text = Field(default="", max_length=10000, title="Kommentar")


class ActionInput(BaseModel):
    """An åtgärd on a deviation: what, who, by when and the sanction."""

    model_config = STRICT

    description: Text = Field(min_length=1, max_length=5000, title="Åtgärd")
    owner_id: uuid.UUID | None = Field(default=None, title="Ansvarig")
    due_on: Day = Field(title="Klart senast")
    sanction: Sanction = Field(default=Sanction.INGEN, title="Sanktion")


class ContactInput(BaseModel):
    """One entry of the supplier contact log."""

    model_config = STRICT

    contacted_on: Day = Field(title="Datum")
    channel: ContactChannel = Field(title="Kontaktväg")
    supplier_person: Text = Field(
        default="", max_length=200, title="Kontaktperson hos leverantören"
    )
    note: Text = Field(min_length=1, max_length=10000, title="Anteckning")


class TemplateItemInput(BaseModel):
    """One checklist point as an administrator edits it."""

    model_config = STRICT

    category: CheckCategory = Field(title="Område")
    text: Text = Field(min_length=1, max_length=2000, title="Kontrollpunkt")
    evidence: Text = Field(default="", max_length=2000, title="Underlag som förväntas")
    serious: bool = Field(default=False, title="Allvarlig vid avvikelse")


class TemplateInput(BaseModel):
    """A checklist template as an administrator saves it (a new version when items change)."""

    model_config = STRICT

    name: Text = Field(min_length=1, max_length=200, title="Namn")
    description: Text = Field(default="", max_length=2000, title="Beskrivning")
    items: tuple[TemplateItemInput, ...] = Field(min_length=1, max_length=200, title="Punkter")
    active: bool = Field(default=True, title="Används")
