"""Supplier input, validated at the boundary."""

from __future__ import annotations

from pydantic import BaseModel, Field

from inkop_desktop.domain.identifiers import OrgNr
from inkop_desktop.domain.input_types import Email, Text
from inkop_desktop.domain.validation import STRICT


class ContactInput(BaseModel):
    """A contact person at the supplier."""

    model_config = STRICT

    name: Text = Field(min_length=1, max_length=200, title="Kontaktperson")
    role: Text = Field(default="", max_length=100, title="Roll")
    email: Email = Field(default="", max_length=200, title="E-post")
    phone: Text = Field(default="", max_length=50, title="Telefon")


class SupplierInput(BaseModel):
    """What a user enters for a supplier."""

    model_config = STRICT

    name: Text = Field(min_length=1, max_length=200, title="Namn")
    orgnr: OrgNr = Field(title="Organisationsnummer")
    address: Text = Field(default="", max_length=300, title="Adress")
    city: Text = Field(default="", max_length=100, title="Ort")
    email: Email = Field(default="", max_length=200, title="E-post")
    phone: Text = Field(default="", max_length=50, title="Telefon")
    notes: Text = Field(default="", max_length=5000, title="Anteckningar")
    contacts: tuple[ContactInput, ...] = Field(default=(), title="Kontaktpersoner")
