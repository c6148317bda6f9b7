"""What the two direct-award PDFs show: plain, frozen data built by the service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from inkop_desktop.domain.direct_award.status import SignatureMethod


@dataclass(frozen=True)
class QuoteLine:
    """One received quote."""

    supplier: str
    orgnr: str
    amount_ore: int
    received_on: date
    received_how: str
    notes: str
    chosen: bool = False


@dataclass(frozen=True)
class EarlierLine:
    """Another award of the same kind counted in the running total."""

    diarienummer: str
    title: str
    award_date: date
    value_ore: int
    status: str


@dataclass(frozen=True)
class TotalLine:
    """One authority's same-kind total against the direct-award limit."""

    authority: str
    year: int
    key: str
    own_ore: int
    total_ore: int
    limit_ore: int
    limit_source: str
    earlier: tuple[EarlierLine, ...] = ()

    @property
    def reached(self) -> bool:
        """The total has reached the limit."""
        return self.total_ore >= self.limit_ore


@dataclass(frozen=True)
class AttachmentLine:
    """A stored file and its checksum."""

    filename: str
    sha256: str
    size: int
    description: str = ""


@dataclass(frozen=True)
class AwardDocument:
    """Every documentation item, the decision and the running total of one record."""

    diarienummer: str
    status: str
    authorities: tuple[tuple[str, str], ...]
    organisation: str
    requester: str
    title: str
    description: str
    cpv: str
    same_kind_key: str
    same_kind_reason: str
    legal_ground: str
    contract_check: str
    competition: str
    suppliers_asked: int
    quotes: tuple[QuoteLine, ...]
    quotes_secret: bool
    tier: str
    fewer_quotes_reason: str
    chosen_supplier: str
    chosen_orgnr: str
    award_reason: str
    value_ore: int
    duration: str
    award_date: date
    decision_maker: str
    decision_maker_title: str
    delegation: str
    decision_text: str
    documentation_rule: str
    checklist: tuple[tuple[str, bool], ...]
    efterannonsering: str = ""
    supersedes: str = ""
    totals: tuple[TotalLine, ...] = ()
    attachments: tuple[AttachmentLine, ...] = field(default_factory=tuple)
    signed_on: date | None = None
    decision_date_reason: str = ""
    signature_method: SignatureMethod | None = None
    """How the decision is being signed; None for an unsigned preview (marked UTKAST)."""
    report_to: str = ""
    """``Beslutet anmäls till <nämnd>.`` when the delegation rule requires anmälan (else "")."""
    cpv_name: str = ""
    """The Swedish name of the CPV code (from the shipped vocabulary), printed beside it."""

    @property
    def cpv_text(self) -> str:
        """``38434000-6 Analysapparater`` (the code alone when its name is unknown)."""
        return f"{self.cpv} {self.cpv_name}".strip()

    @property
    def organisation_header(self) -> str:
        """The authority (or both) for the page header."""
        return " och ".join(name for name, _orgnr in self.authorities) or "Upphandlande myndighet"


@dataclass(frozen=True)
class RenderedDecision:
    """The decision PDF and where its signature field goes (page index, PDF points)."""

    content: bytes
    signature_page: int
    signature_box: tuple[int, int, int, int]
