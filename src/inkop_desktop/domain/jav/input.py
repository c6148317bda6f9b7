"""Validated input of the jäv workflow: participants, declarations and assessments.

Declarations follow FL 16 § and KL 6 kap. 28 § (the grounds), FL 18 § (the duty to report at
once) and OSL 19 kap. 3 § and 31 kap. 16 § (the sekretessförbindelse).
"""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.identifiers import normalise_orgnr
from inkop_desktop.domain.input_types import Day, Text
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, InterestKind, JavGround
from inkop_desktop.domain.validation import STRICT

MIN_REASON = 20
"""Shortest written reason accepted for an assessment (a mere suspicion is not enough)."""


class ParticipantInput(BaseModel):
    """A person added to a procurement's roster."""

    model_config = STRICT

    person_id: UUID = Field(title="Person")
    role: Text = Field(min_length=1, max_length=100, title="Roll i upphandlingen")
    added_on: Day = Field(title="Tillagd")


class InterestInput(BaseModel):
    """A declared relationship to a company or a person."""

    model_config = STRICT

    kind: InterestKind = Field(title="Typ av förhållande")
    company_name: Text = Field(default="", max_length=200, title="Företag")
    company_orgnr: Text = Field(default="", max_length=20, title="Organisationsnummer")
    person_name: Text = Field(default="", max_length=200, title="Person")
    description: Text = Field(default="", max_length=5000, title="Beskrivning")

    @field_validator("company_orgnr")
    @classmethod
    def _orgnr(cls, value: str) -> str:
        """An organisationsnummer, when given, is checked and written NNNNNN-NNNN."""
        if not value:
            return ""
        try:
            return normalise_orgnr(value)
        except ValidationError as exc:
            raise ValueError(exc.text) from exc

    @model_validator(mode="after")
    def _someone(self) -> InterestInput:
        """A relationship must name a company or a person."""
        if not (self.company_name or self.company_orgnr or self.person_name):
            raise ValueError(
                f"Ange företag (namn eller organisationsnummer) eller person för "
                f"”{self.kind.label}”."
            )
        return self


def _described_as(ground: JavGround) -> str:
    """The title of a ground's description field."""
    return f"{ground.label}, beskrivning"


class DeclarationInput(BaseModel):
    """One version of a jävsdeklaration with the sekretessförbindelse."""

    model_config = STRICT

    party_affected: bool = Field(title=JavGround.PARTY_AFFECTED.label)
    party_affected_text: Text = Field(
        default="",
        max_length=5000,
        validate_default=True,
        title=_described_as(JavGround.PARTY_AFFECTED),
    )
    representative: bool = Field(title=JavGround.REPRESENTATIVE.label)
    representative_text: Text = Field(
        default="",
        max_length=5000,
        validate_default=True,
        title=_described_as(JavGround.REPRESENTATIVE),
    )
    instance_or_supervision: bool = Field(title=JavGround.INSTANCE_OR_SUPERVISION.label)
    instance_or_supervision_text: Text = Field(
        default="",
        max_length=5000,
        validate_default=True,
        title=_described_as(JavGround.INSTANCE_OR_SUPERVISION),
    )
    other_circumstance: bool = Field(title=JavGround.OTHER_CIRCUMSTANCE.label)
    other_circumstance_text: Text = Field(
        default="",
        max_length=5000,
        validate_default=True,
        title=_described_as(JavGround.OTHER_CIRCUMSTANCE),
    )
    interests: tuple[InterestInput, ...] = Field(default=(), title="Anmälda förhållanden")
    report_changes: bool = Field(title="Åtagande att anmäla ändrade förhållanden")
    secrecy_accepted: bool = Field(title="Sekretessförbindelse")

    @field_validator(*(f"{g.value}_text" for g in JavGround), mode="after")
    @classmethod
    def _described(cls, value: str, info: ValidationInfo) -> str:
        """A ground answered "ja" needs a description (FL 18 §: report what it is)."""
        ground = JavGround(str(info.field_name).removesuffix("_text"))
        if info.data.get(ground.value) and not value:
            raise ValueError("måste fyllas i när frågan är besvarad med ja")
        return value

    def text(self, ground: JavGround) -> str:
        """The description given for *ground*."""
        return str(getattr(self, f"{ground.value}_text"))

    def grounds_yes(self) -> list[JavGround]:
        """The grounds answered "ja"."""
        return [g for g in JavGround if getattr(self, g.value)]

    def signing_problems(self) -> list[tuple[str, str]]:
        """What stops this version from being signed, by field (empty when it may be signed)."""
        return signing_problems(
            report_changes=self.report_changes, secrecy_accepted=self.secrecy_accepted
        )


def signing_problems(*, report_changes: bool, secrecy_accepted: bool) -> list[tuple[str, str]]:
    """A declaration is signed with the undertaking (FL 18 §) and the secrecy undertaking."""
    problems = []
    if not report_changes:
        problems.append(
            (
                "report_changes",
                "Du måste åta dig att genast anmäla ändrade förhållanden (FL 18 §) för att "
                "kunna signera.",
            )
        )
    if not secrecy_accepted:
        problems.append(
            (
                "secrecy_accepted",
                "Du måste godta sekretessförbindelsen (OSL 19 kap. 3 § och 31 kap. 16 §) för "
                "att kunna signera.",
            )
        )
    return problems


class AssessmentInput(BaseModel):
    """The responsible manager's documented assessment of one declared relationship."""

    model_config = STRICT

    interest_id: UUID | None = Field(default=None, title="Förhållande")
    outcome: AssessmentOutcome = Field(title="Bedömning")
    reason: Text = Field(min_length=1, max_length=10000, title="Motivering")

    @field_validator("reason")
    @classmethod
    def _documented(cls, value: str) -> str:
        """The reason must state the circumstances (FL 16–18 §§; a suspicion is not enough)."""
        if len(" ".join(value.split())) < MIN_REASON:
            raise ValueError(
                f"Motiveringen måste beskriva omständigheterna och skälen (minst {MIN_REASON} "
                "tecken) – en misstanke räcker inte, bedömningen ska dokumenteras."
            )
        return value
