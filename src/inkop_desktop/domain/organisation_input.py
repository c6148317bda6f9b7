"""Organisations, people and delegation rules as entered, validated at the boundary."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field, model_validator

from inkop_desktop.domain.direct_award.delegation import DecisionKind
from inkop_desktop.domain.identifiers import OrgNr
from inkop_desktop.domain.input_types import Day, Email, Ore, Text
from inkop_desktop.domain.organisation import OrgKind, Region, Role
from inkop_desktop.domain.validation import STRICT, FieldProblem


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
    email: Email = Field(default="", max_length=200, title="E-post")
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
            raise FieldProblem("valid_to", "Giltig till får inte vara före Giltig från.")
        return self


class OrganisationEdit(OrganisationInput):
    """An organisation as edited in the administration, with its place in the tree."""

    parent_id: uuid.UUID | None = Field(default=None, title="Överordnad")

    @model_validator(mode="after")
    def _region(self) -> OrganisationEdit:
        """A region is its own upphandlande myndighet: region, orgnr, nothing above it."""
        if self.kind is not OrgKind.REGION:
            return self
        if self.region is None:
            raise FieldProblem("region", "En region måste ange vilken region den är.")
        if self.orgnr is None:
            raise FieldProblem(
                "orgnr",
                "En region är en egen upphandlande myndighet och måste ha organisationsnummer.",
            )
        if self.parent_id is not None:
            raise FieldProblem("parent_id", "En region kan inte ha någon överordnad organisation.")
        return self


class RoleGrantInput(BaseModel):
    """A role a person holds, optionally limited to an organisation and to a period."""

    model_config = STRICT

    role: Role = Field(title="Roll")
    organisation_id: uuid.UUID | None = Field(default=None, title="Organisation")
    valid_from: Day | None = Field(default=None, title="Från")
    valid_to: Day | None = Field(default=None, title="Till och med")

    @model_validator(mode="after")
    def _period(self) -> RoleGrantInput:
        """The period must not end before it starts."""
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"{self.role.label}: Till och med får inte vara före Från.")
        return self


class PersonEdit(PersonInput):
    """A person as edited in the administration, with organisation and roles."""

    organisation_id: uuid.UUID | None = Field(default=None, title="Organisation")
    roles: tuple[RoleGrantInput, ...] = Field(default=(), title="Roller")

    @model_validator(mode="after")
    def _roles_once(self) -> PersonEdit:
        """A role is held once per organisation (a new period replaces the dates)."""
        keys = [(g.role, g.organisation_id) for g in self.roles]
        if len(keys) != len(set(keys)):
            raise ValueError(
                "Samma roll för samma organisation finns två gånger; ändra datumen på den "
                "befintliga raden i stället."
            )
        return self


class DelegationEdit(DelegationInput):
    """A delegation rule as edited in the administration: unit, holder and kind of decision."""

    organisation_id: uuid.UUID = Field(title="Organisation")
    person_id: uuid.UUID | None = Field(default=None, title="Person")
    decision_kind: DecisionKind = Field(default=DecisionKind.DIREKTUPPHANDLING, title="Beslutstyp")
    report_to_namnd: bool = Field(default=True, title="Beslut anmäls till nämnden")
    """KL 6 kap. 40 §: delegated decisions are reported to the nämnd unless it decided otherwise."""

    @model_validator(mode="after")
    def _holder(self) -> DelegationEdit:
        """Either a role or a named person holds the delegation, not both."""
        if (self.role is None) == (self.person_id is None):
            raise ValueError("Ange antingen en roll eller en namngiven person (inte båda).")
        return self
