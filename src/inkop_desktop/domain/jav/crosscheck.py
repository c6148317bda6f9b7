"""Cross-check of declared relationships against a procurement's known suppliers.

The assessor must see every link between a participant and a bidder (FL 16 § första stycket
1–2 and 4, KL 6 kap. 28 §): companies match on the organisationsnummer (with or without hyphen,
with or without the century prefix 16) or on the normalised company name; persons match a
supplier's contact people; an external participant's own employer matches by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from inkop_desktop.domain.jav.kinds import InterestKind
from inkop_desktop.domain.names import company_key


class MatchBasis(StrEnum):
    """Why a declaration was linked to a supplier."""

    ORGNR = "orgnr"
    NAMN = "namn"
    KONTAKTPERSON = "kontaktperson"
    ARBETSGIVARE = "arbetsgivare"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {
            "orgnr": "Samma organisationsnummer",
            "namn": "Samma företagsnamn",
            "kontaktperson": "Kontaktperson hos leverantören",
            "arbetsgivare": "Deltagarens arbetsgivare",
        }[self]


@dataclass(frozen=True)
class DeclaredParty:
    """A company or person named in a declared relationship."""

    interest_id: UUID | None
    kind: InterestKind | None
    company_name: str = ""
    company_orgnr: str = ""
    person_name: str = ""


@dataclass(frozen=True)
class KnownSupplier:
    """A supplier of the procurement (bidder or quote), and the day it became known."""

    supplier_id: UUID
    name: str
    orgnr: str
    known_on: date
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A link between a declaration and a supplier, for the assessor's attention."""

    interest_id: UUID | None
    supplier_id: UUID
    supplier: str
    supplier_orgnr: str
    basis: MatchBasis
    declared: str
    known_on: date

    @property
    def text(self) -> str:
        """``Städ & Service AB (556016-0680): samma organisationsnummer``."""
        return f"{self.supplier} ({self.supplier_orgnr}): {self.basis.label.lower()}"


def orgnr_key(value: str | None) -> str | None:
    """Ten digits of an organisationsnummer written any common way, or None."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    return digits if len(digits) == 10 else None


def person_key(name: str) -> str:
    """Upper-case, accent-folded, punctuation-free person name (as for company names)."""
    return company_key(name)


def _describe(party: DeclaredParty) -> str:
    """What the participant declared, in one line."""
    parts = [p for p in (party.company_name, party.company_orgnr, party.person_name) if p]
    return ", ".join(parts)


def _company_basis(party: DeclaredParty, supplier: KnownSupplier) -> MatchBasis | None:
    """Orgnr first, then the normalised name."""
    key = orgnr_key(party.company_orgnr)
    if key is not None and key == orgnr_key(supplier.orgnr):
        return MatchBasis.ORGNR
    name = company_key(party.company_name) if party.company_name else ""
    if name and name == company_key(supplier.name):
        return MatchBasis.NAMN
    return None


def _person_basis(party: DeclaredParty, supplier: KnownSupplier) -> MatchBasis | None:
    """A declared person who is one of the supplier's contacts."""
    wanted = person_key(party.person_name)
    if wanted and any(person_key(c) == wanted for c in supplier.contacts):
        return MatchBasis.KONTAKTPERSON
    return None


def cross_check(
    parties: list[DeclaredParty], suppliers: list[KnownSupplier], employer: str | None = None
) -> list[Match]:
    """Every link between the declared parties (and the employer) and the known suppliers."""
    found: list[Match] = []
    for party in parties:
        for supplier in suppliers:
            basis = _company_basis(party, supplier) or _person_basis(party, supplier)
            if basis is not None:
                found.append(_match(party.interest_id, supplier, basis, _describe(party)))
    employer_key = company_key(employer) if employer else ""
    for supplier in suppliers:
        if employer_key and employer_key == company_key(supplier.name):
            found.append(_match(None, supplier, MatchBasis.ARBETSGIVARE, employer or ""))
    return found


def _match(
    interest_id: UUID | None, supplier: KnownSupplier, basis: MatchBasis, declared: str
) -> Match:
    """A Match for *supplier*."""
    return Match(
        interest_id=interest_id,
        supplier_id=supplier.supplier_id,
        supplier=supplier.name,
        supplier_orgnr=supplier.orgnr,
        basis=basis,
        declared=declared,
        known_on=supplier.known_on,
    )
