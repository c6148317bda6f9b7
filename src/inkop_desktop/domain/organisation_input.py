"""Organisations, people and delegation rules as entered, validated at the boundary."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from inkop_desktop.domain.identifiers import OrgNr
from inkop_desktop.domain.input_types import Day, Ore, Text
from inkop_desktop.domain.organisation import OrgKind, Region, Role
from inkop_desktop.domain.validation import STRICT


class OrganisationInput(BaseModel):
    """A region, nämnd, förvaltning, bolag or inköp unit (the parent is resolved apart)."""

    model_config = STRICT

    name: Text = Field(min_length=1, max_length=200, title="Namn")
    short_name: Text = Field(default="", max_length=40, title="Kortnamn")
    kind: OrgKind = Field(title="Typ")
    region: Region | None = Field(default=None, title="Region")
    orgnr: OrgNr | None = Field(default=None, title="Organisationsnummer")


class PersonInput(BaseModel):
    """An employee or an external participant (organisation and roles are resolved apart)."""

    model_config = STRICT

    name: Text = Field(min_length=1, max_length=200, title="Namn")
    login: Text = Field(min_length=1, max_length=100, title="Inloggning")
    email: Text = Field(default="", max_length=200, title="E-post")
    title: Text = Field(default="", max_length=200, title="Titel")
    external_company: Text | None = Field(default=None, max_length=200, title="Externt företag")
    active: bool = Field(default=True, title="Aktiv")


class DelegationInput(BaseModel):
    """A dated delegation rule: a role or a named person may decide up to an amount."""

    model_config = STRICT

    role: Role | None = Field(default=None, title="Roll")
    max_amount_ore: Ore = Field(title="Högsta belopp (kr)")
    valid_from: Day = Field(title="Giltig från")
    valid_to: Day | None = Field(default=None, title="Giltig till")
    reference: Text = Field(min_length=1, max_length=200, title="Referens")
    note: Text = Field(default="", max_length=5000, title="Anteckning")

    @model_validator(mode="after")
    def _period(self) -> DelegationInput:
        """The period must not end before it starts."""
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("Giltig till får inte vara före Giltig från.")
        return self
