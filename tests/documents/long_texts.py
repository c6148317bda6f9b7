"""Documents with every text field at its maximum length, and a reader of their body text."""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pypdf import PageObject, PdfReader

from inkop_desktop.documents.direct_award.doc import (
    AttachmentLine,
    AwardDocument,
    EarlierLine,
    QuoteLine,
    TotalLine,
)
from inkop_desktop.documents.jav.doc import (
    DocAssessment,
    DocDeclaration,
    DocGround,
    DocInterest,
    DocParticipant,
    DocProcurement,
    DocProtocol,
)
from inkop_desktop.documents.plan.pdf import PlanPrintRow
from inkop_desktop.domain.direct_award.rules import DOC_ITEM_LABELS
from inkop_desktop.domain.jav.kinds import JavGround

WORDS = (
    "behovet", "av", "en", "ny", "centrifug", "på", "laboratoriet", "i", "Nyköping", "och",
    "Hälso-", "sjukvårdsförvaltningen", "direktupphandling", "<b>fet</b>", "Städ", "&", "AB",
    "leverantören", "\"citat\"", "'apostrof'", "kr", "2026-05-12", "Västerås", "ännu",
)  # fmt: skip
TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöÅÄÖ0123456789<>&\"'-_/.;:#"
SIGNED = datetime(2026, 11, 24, 8, 15, tzinfo=UTC)


def words(length: int, seed: str) -> str:
    """Swedish prose of exactly *length* characters, with line breaks and blank lines."""
    rng = random.Random(seed)
    parts: list[str] = [f"[{seed}]"]
    size = len(parts[0])
    while size < length:
        word = rng.choice(WORDS)
        gap = rng.choices(("\n", "\n\n", " "), weights=(4, 1, 60))[0]
        parts += [gap, word]
        size += len(gap) + len(word)
    text = "".join(parts)[:length]
    return text[:-1] + "x" if text[-1].isspace() else text


def token(length: int, seed: str) -> str:
    """One word of *length* characters without any whitespace (markup characters included)."""
    rng = random.Random(seed)
    return f"[{seed}]" + "".join(rng.choice(TOKEN_ALPHABET) for _ in range(length - len(seed) - 2))


Filler = Callable[[int, str], str]


@dataclass
class Texts:
    """Hands out maximal texts and remembers each by the name of its field."""

    fill: Filler
    given: dict[str, str] = field(default_factory=dict)

    def __call__(self, length: int, name: str) -> str:
        """A text of *length* characters for the field *name*."""
        text = self.fill(length, name)
        assert len(text) == length and "\x00" not in text and name not in self.given
        self.given[name] = text
        return text

    def missing(self, pdf: bytes, names: Iterable[str] | None = None) -> list[str]:
        """The fields (all, or *names*) whose text does not appear whole in *pdf*'s body."""
        body = body_text(pdf)
        wanted = self.given if names is None else {n: self.given[n] for n in names}
        return [name for name, text in wanted.items() if "".join(text.split()) not in body]


def award(t: Texts) -> AwardDocument:
    """A direct award with every text field at its maximum."""
    quotes = tuple(
        QuoteLine(t(200, f"lev{n}"), "556016-0680", 25_000_000 + n, date(2026, 5, 2), "E-post",
                  t(10_000, f"anteckning{n}"), n == 0)
        for n in range(3)
    )  # fmt: skip
    earlier = tuple(
        EarlierLine(t(40, f"dnr{n}"), t(300, f"titel{n}"), date(2026, 2, 1), 24_000_000,
                    "Beslutad och signerad")
        for n in range(3)
    )  # fmt: skip
    return AwardDocument(
        diarienummer=t(40, "diarienummer"), status="Klar för beslut",
        authorities=((t(200, "myndighet1"), "232100-0032"), (t(200, "myndighet2"), "232100-0172")),
        organisation=t(200, "organisation"), requester=t(200, "bestallare"),
        title=t(300, "titel"), description=t(10_000, "beskrivning"), cpv="38432000-2",
        same_kind_key=t(20, "nyckel"), same_kind_reason=t(10_000, "annannyckel"),
        legal_ground="Värdet understiger direktupphandlingsgränsen (19 a kap. 3 §)",
        contract_check=t(10_400, "avtalskontroll"), competition=t(10_000, "konkurrens"),
        suppliers_asked=1000, quotes=quotes, quotes_secret=True,
        tier="Minst 3 (Minst tre skriftliga förfrågningar); riktlinjen",
        fewer_quotes_reason=t(10_000, "farre"), chosen_supplier=quotes[0].supplier,
        chosen_orgnr="556016-0680", award_reason=t(10_000, "skal"), value_ore=25_000_000,
        duration=t(200, "tid"), award_date=date(2026, 5, 12), decision_maker=t(200, "beslutare"),
        decision_maker_title=t(200, "befattning"), delegation=t(450, "delegation"),
        decision_text=t(10_000, "beslutstext"),
        documentation_rule="Dokumentation krävs: samma slag uppgår till 490 000 kr.",
        checklist=tuple((label, False) for label in DOC_ITEM_LABELS.values()),
        efterannonsering="Efterannonsering krävs inom 30 dagar.", supersedes=t(40, "ersatter"),
        totals=tuple(
            TotalLine(f"Region {n}", 2026, "384", 1, 2, 3, t(2000, f"kalla{n}"), earlier)
            for n in range(2)
        ),
        attachments=tuple(AttachmentLine(t(300, f"fil{n}"), "ab" * 32, 12_345) for n in range(3)),
    )  # fmt: skip


def procurement(t: Texts) -> DocProcurement:
    """The procurement head of the jäv documents."""
    return DocProcurement(
        "Region Sörmland och Region Västmanland", t(40, "referens"), t(300, "upphandling"),
        "plan", t(200, "ansvarig"),
    )  # fmt: skip


def declaration(t: Texts, head: DocProcurement, key: str = "") -> DocDeclaration:
    """A signed jävsdeklaration with every text at its maximum."""
    grounds = tuple(
        DocGround(g.label, g.question, g.source, True, t(5000, f"{key}grund{g.value}"))
        for g in JavGround
    )
    interests = tuple(
        DocInterest("Ägande", t(200, f"{key}foretag{n}"), "556016-0680", t(200, f"{key}person{n}"),
                    t(5000, f"{key}forhallande{n}"))
        for n in range(2)
    )  # fmt: skip
    assessments = tuple(
        DocAssessment(t(450, f"{key}avser{n}"), "Jäv", t(10_000, f"{key}motivering{n}"),
                      t(200, f"{key}chef{n}"), SIGNED)
        for n in range(2)
    )  # fmt: skip
    return DocDeclaration(
        procurement=head, person=t(200, f"{key}deltagare"), role=t(100, f"{key}roll"),
        external_company=t(200, f"{key}extern"), version_no=3, signed_at=SIGNED,
        confirmed_at=SIGNED, needs_confirmation=False, report_changes=True, secrecy_accepted=True,
        state="Jävig – utesluten", grounds=grounds, interests=interests,
        matches=tuple(t(900, f"{key}traff{n}") for n in range(2)), assessments=assessments,
        suppliers=tuple(t(215, f"{key}kand{n}") for n in range(3)),
    )  # fmt: skip


def protocol(t: Texts) -> DocProtocol:
    """A jävsprotokoll with two maximal declarations."""
    head = procurement(t)
    participants = tuple(
        DocParticipant(t(200, f"namn{n}"), t(100, f"uppgift{n}"), date(2026, 11, 2), None, 1,
                       SIGNED, "Jävig")
        for n in range(3)
    )  # fmt: skip
    return DocProtocol(
        procurement=head, made_on=date(2026, 11, 24),
        suppliers=tuple(t(215, f"leverantor{n}") for n in range(3)), participants=participants,
        declarations=(declaration(t, head, "a"), declaration(t, head, "b")),
        blockers=tuple(t(400, f"hinder{n}") for n in range(2)),
    )  # fmt: skip


def plan_rows(t: Texts, count: int = 40) -> list[PlanPrintRow]:
    """Plan rows with the longest titles and names."""
    return [
        PlanPrintRow(t(40, f"nr{n}"), t(300, f"plan{n}"), "Behov anmält", 2026,
                     "Region Sörmland och Region Västmanland", "38432000-2", 10**12,
                     "Förenklat förfarande", t(200, f"upphandlare{n}"), date(2027, 1, 1))
        for n in range(count)
    ]  # fmt: skip


def _page_body(page: PageObject) -> str:
    """The text drawn between the page header (12 mm from the top) and the footer (10 mm).

    Text drawn at an angle is the UTKAST mark across a preview, not part of the body.
    """
    height = float(page.mediabox.height)
    chunks: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if 45 < y < height - 45 and not (cm[1] or tm[1]):
            chunks.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(chunks)


def body_text(pdf: bytes) -> str:
    """Every character of the document's body, whitespace removed."""
    return "".join("".join(map(_page_body, PdfReader(io.BytesIO(pdf)).pages)).split())


def pages(pdf: bytes) -> int:
    """The number of pages."""
    return len(PdfReader(io.BytesIO(pdf)).pages)
