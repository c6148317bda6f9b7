"""What a user enters for a plan item and for a behovsanmälan, validated at the boundary."""

from __future__ import annotations

import itertools
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from inkop_desktop.domain.identifiers import CpvCode
from inkop_desktop.domain.input_types import Day, Ore, Text
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Preparedness, Procedure
from inkop_desktop.domain.validation import STRICT

MILESTONES = (
    ("needs_analysis_on", "Behovsanalys"),
    ("advertise_on", "Annonsering"),
    ("award_on", "Tilldelning"),
    ("contract_start_on", "Avtalsstart"),
)


class PlanItemInput(BaseModel):
    """A plan item as edited in the form or read from a spreadsheet row."""

    model_config = STRICT

    title: Text = Field(min_length=1, max_length=300, title="Benämning")
    description: Text = Field(default="", max_length=10000, title="Beskrivning")
    year: int = Field(ge=2000, le=2100, title="År")
    parties: Parties = Field(title="Region")
    organisation_ids: tuple[UUID, ...] = Field(default=(), title="Nämnder med behovet")
    cpv_codes: tuple[CpvCode, ...] = Field(min_length=1, title="CPV-koder")
    estimated_total_ore: Ore = Field(title="Beräknat totalvärde inkl. optioner")
    annual_value_ore: Ore = Field(default=0, title="Årligt värde")
    contract_months: int = Field(default=0, ge=0, le=240, title="Avtalstid (månader)")
    option_months: int = Field(default=0, ge=0, le=240, title="Optioner (månader)")
    procedure: Procedure | None = Field(default=None, title="Förfarande")
    procedure_reason: Text = Field(default="", max_length=5000, title="Skäl för förfarandet")
    responsible_id: UUID | None = Field(default=None, title="Ansvarig upphandlare")
    planned_start: Day | None = Field(default=None, title="Planerad start")
    needs_analysis_on: Day | None = Field(default=None, title="Behovsanalys")
    advertise_on: Day | None = Field(default=None, title="Annonsering")
    award_on: Day | None = Field(default=None, title="Tilldelning")
    contract_start_on: Day | None = Field(default=None, title="Avtalsstart")
    env_requirements: Text = Field(default="", max_length=5000, title="Miljökrav")
    social_requirements: Text = Field(default="", max_length=5000, title="Sociala krav")
    agenda2030: Text = Field(default="", max_length=5000, title="Agenda 2030")
    preparedness: Preparedness = Field(default=Preparedness.INGEN, title="Civil beredskap")
    replaces_contract_id: UUID | None = Field(default=None, title="Ersätter avtal")

    @model_validator(mode="after")
    def _milestones_in_order(self) -> PlanItemInput:
        """Behovsanalys ≤ annonsering ≤ tilldelning ≤ avtalsstart, as far as they are set."""
        dated = [(label, getattr(self, key)) for key, label in MILESTONES if getattr(self, key)]
        for (first, a), (second, b) in itertools.pairwise(dated):
            if b < a:
                raise ValueError(
                    f"{second} ({b.isoformat()}) kan inte ligga före {first.lower()} "
                    f"({a.isoformat()})."
                )
        if self.annual_value_ore > self.estimated_total_ore:
            raise ValueError("Årligt värde kan inte vara större än det beräknade totalvärdet.")
        return self


class NeedInput(BaseModel):
    """A behovsanmälan from a budgetansvarig: the short form that lands as "behov anmält"."""

    model_config = STRICT

    title: Text = Field(min_length=1, max_length=300, title="Vad behövs")
    description: Text = Field(min_length=1, max_length=10000, title="Beskrivning av behovet")
    organisation_id: UUID = Field(title="Nämnd/förvaltning")
    cpv: CpvCode | None = Field(default=None, title="CPV-kod")
    estimated_total_ore: Ore = Field(title="Uppskattat värde")
    needed_by: Day = Field(title="Behövs från")
