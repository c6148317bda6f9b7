"""The first person and organisation of a new local database, validated at the boundary."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, field_validator

from inkop_desktop.domain.identifiers import OrgNr
from inkop_desktop.domain.input_types import Email, Text
from inkop_desktop.domain.organisation import OrgKind, Region, Role
from inkop_desktop.domain.validation import STRICT

FIRST_RUN_KINDS = (OrgKind.REGION, OrgKind.NAMND, OrgKind.FORVALTNING)
"""The kinds of organisation offered at first run."""

CHOSEN_ROLES = (Role.UPPHANDLARE, Role.INKOPSCHEF, Role.BUDGETANSVARIG, Role.MEDARBETARE)
"""The roles the first person may choose besides administratör (which they always get)."""

_LOGIN = re.compile(r"[\w.@-]+")


class FirstPersonInput(BaseModel):
    """Who you are and your organisation, as entered at first run."""

    model_config = STRICT

    name: Text = Field(min_length=1, max_length=200, title="Namn")
    email: Email = Field(default="", max_length=200, title="E-post")
    login: Text = Field(min_length=1, max_length=100, title="Användarnamn")
    organisation: Text = Field(min_length=1, max_length=200, title="Organisation")
    kind: OrgKind = Field(title="Typ av organisation")
    region: Region | None = Field(default=None, title="Region")
    orgnr: OrgNr | None = Field(default=None, title="Organisationsnummer")
    roles: tuple[Role, ...] = Field(default=(Role.UPPHANDLARE,), title="Roller")

    @field_validator("login")
    @classmethod
    def _plain_login(cls, value: str) -> str:
        """A login is one word: letters, digits and . _ @ -."""
        if value and not _LOGIN.fullmatch(value):
            raise ValueError("får bara innehålla bokstäver, siffror och . _ @ - (inga mellanslag)")
        return value

    @field_validator("roles")
    @classmethod
    def _offered_roles(cls, value: tuple[Role, ...]) -> tuple[Role, ...]:
        """Each chosen role once; administratör is given anyway."""
        return tuple(r for r in CHOSEN_ROLES if r in value)

    @field_validator("kind")
    @classmethod
    def _offered_kind(cls, value: OrgKind) -> OrgKind:
        """Only a region, a nämnd or a förvaltning is created at first run."""
        if value not in FIRST_RUN_KINDS:
            raise ValueError("måste vara region, nämnd eller förvaltning")
        return value
