"""Contract portfolio: enums and the validated contract input."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from inkop_desktop.domain.identifiers import CpvCode
from inkop_desktop.domain.input_types import Day, Ore, Text
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan import Procedure
from inkop_desktop.domain.validation import STRICT


def annual_problem(annual_ore: int, value_ore: int, what: str = "det totala värdet") -> str | None:
    """Why the annual value cannot be right beside *value_ore*, or None."""
    if annual_ore > value_ore:
        return (
            f"får inte vara större än {what} ({Money(value_ore).format()}); "
            "det årliga värdet är en del av avtalets hela värde."
        )
    return None


class RiskTier(StrEnum):
    """SKR's prioritisation: 10 % critical, 30 % important, 60 % normal."""

    KRITISK = "kritisk"
    HOG = "hog"
    NORMAL = "normal"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"kritisk": "Kritisk (10 %)", "hog": "Hög (30 %)", "normal": "Normal (60 %)"}[self]

    @property
    def interval_months(self) -> int:
        """Follow-up interval: three times a year, yearly, every second year."""
        return {"kritisk": 4, "hog": 12, "normal": 24}[self]


class OptionDecision(StrEnum):
    """What was decided about an extension option."""

    EJ_BESLUTAD = "ej_beslutad"
    UTNYTTJAD = "utnyttjad"
    AVBOJD = "avbojd"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"ej_beslutad": "Ej beslutad", "utnyttjad": "Utnyttjad", "avbojd": "Avböjd"}[self]


class ContractInput(BaseModel):
    """What a user enters for a contract (the editor and Excel import share it)."""

    model_config = STRICT

    contract_number: Text = Field(min_length=1, max_length=40, title="Avtalsnummer")
    title: Text = Field(min_length=1, max_length=300, title="Benämning")
    description: Text = Field(default="", max_length=10000, title="Beskrivning")
    keywords: Text = Field(default="", max_length=2000, title="Sökord")
    diarienummer: Text = Field(default="", max_length=40, title="Diarienummer")
    procurement_id: Text = Field(default="", max_length=40, title="Upphandlings-ID")
    parties: Parties = Field(title="Parter")
    procedure: Procedure = Field(title="Förfarande")
    legal_basis: Text = Field(default="", max_length=100, title="Rättslig grund")
    cpv: CpvCode = Field(title="CPV-kod")
    start_date: Day = Field(title="Startdatum")
    end_date: Day = Field(title="Slutdatum")
    notice_months: int = Field(default=0, ge=0, le=60, title="Uppsägningstid (månader)")
    total_value_ore: Ore = Field(title="Totalt värde")
    annual_value_ore: Ore = Field(default=0, title="Årligt värde")
    price_index: Text = Field(default="", max_length=100, title="Prisjusteringsindex")
    owner_id: UUID = Field(title="Avtalsägare")
    handlaggare_id: UUID = Field(title="Handläggare")
    supplier_ids: tuple[UUID, ...] = Field(min_length=1, title="Leverantör")
    is_framework: bool = Field(default=False, title="Ramavtal")
    framework_id: UUID | None = Field(default=None, title="Ramavtal (avrop från)")
    e_handel: bool = Field(default=False, title="Beställs via e-handel")
    risk_tier: RiskTier = Field(default=RiskTier.NORMAL, title="Riskklass")
    preparedness_critical: bool = Field(default=False, title="Kritisk för civil beredskap")

    @field_validator("annual_value_ore")
    @classmethod
    def _annual_within_total(cls, value: int, info: ValidationInfo) -> int:
        """The annual value is a part of the total value, never more."""
        total = info.data.get("total_value_ore")
        problem = None if total is None else annual_problem(value, total)
        if problem is not None:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _dates(self) -> ContractInput:
        """The end date may not precede the start date."""
        if self.end_date < self.start_date:
            raise ValueError(
                f"Slutdatum {self.end_date.isoformat()} är före startdatum "
                f"{self.start_date.isoformat()}."
            )
        return self
