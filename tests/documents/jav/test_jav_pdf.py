"""Jäv PDFs: Swedish texts, the provisions, embedded fonts, user text printed literally."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from pypdf import PdfReader

from inkop_desktop.documents.jav.doc import (
    DocAssessment,
    DocDeclaration,
    DocGround,
    DocInterest,
    DocParticipant,
    DocProcurement,
    DocProtocol,
)
from inkop_desktop.documents.jav.pdf import declaration_pdf, protocol_pdf, secrecy_pdf
from inkop_desktop.domain.jav.kinds import JavGround

HOSTILE = '<font color="[[[">Städ & <b>Service</b> AB'
SIGNED = datetime(2026, 11, 24, 8, 15, tzinfo=UTC)
PROCUREMENT = DocProcurement(
    "Region Sörmland och Region Västmanland", "UP-2026-001", HOSTILE, "plan", "Karin Öberg"
)


def declaration(signed: datetime | None = SIGNED) -> DocDeclaration:
    """A declaration with a yes-ground, an interest, a match and an assessment."""
    yes = JavGround.PARTY_AFFECTED
    grounds = tuple(
        DocGround(g.label, g.question, g.source, g is yes, HOSTILE if g is yes else "")
        for g in JavGround
    )
    return DocDeclaration(
        procurement=PROCUREMENT,
        person="Åsa Öberg",
        role="Beställare",
        external_company=None,
        version_no=2,
        signed_at=signed,
        confirmed_at=signed,
        needs_confirmation=False,
        report_changes=True,
        secrecy_accepted=True,
        state="Jävig – utesluten",
        grounds=grounds,
        interests=(DocInterest("Ägande", HOSTILE, "556016-0680", "", HOSTILE),),
        matches=("Städ & Service AB (556016-0680): samma organisationsnummer",),
        assessments=(DocAssessment("Ägande", "Jäv", HOSTILE, "Göran Chefsson", SIGNED),),
        suppliers=("Städ & Service AB (556016-0680)",),
    )


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _fonts_embedded(pdf: bytes) -> bool:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if "/FontFile2" not in (font.get("/FontDescriptor") or {}):
                return False
    return True


def test_declaration_pdf_has_grounds_interest_assessment_and_literal_text() -> None:
    pdf = declaration_pdf(declaration(), date(2026, 11, 24))
    text = _text(pdf)
    for expected in (
        "Jävsdeklaration",
        "Åsa Öberg",
        "FL 16 § första stycket 1",
        "Delikatessjäv".lower(),
        "556016-0680",
        "Göran Chefsson",
        "samma organisationsnummer",
        "Signerad elektroniskt",
        "2026-11-24 09:15 CET",
        "FL 18 §",
    ):
        assert expected in text or expected in text.lower(), expected
    assert text.count(HOSTILE) >= 3
    assert _fonts_embedded(pdf)


def test_secrecy_pdf_names_procurement_and_provisions() -> None:
    text = _text(secrecy_pdf(declaration(), date(2026, 11, 24)))
    for expected in (
        "Sekretessförbindelse",
        "UP-2026-001",
        HOSTILE,
        "19 kap. 3 §",
        "31 kap. 16 §",
        "tystnadsplikt",
        "säkert",
        "återlämna eller förstöra",
        "Ort och datum",
        "Underskrift",
    ):
        assert expected in text, expected


def test_unsigned_secrecy_pdf_asks_for_a_paper_signature() -> None:
    text = _text(secrecy_pdf(declaration(signed=None), date(2026, 11, 24)))
    assert "Ännu inte godkänd" in text and "Signerad elektroniskt" not in text


def test_protocol_pdf_lists_roster_blockers_and_declarations() -> None:
    protocol = DocProtocol(
        procurement=PROCUREMENT,
        made_on=date(2026, 11, 24),
        suppliers=("Städ & Service AB (556016-0680)",),
        participants=(
            DocParticipant("Åsa Öberg", "Beställare", date(2026, 11, 2), None, 2, SIGNED, "Jävig"),
            DocParticipant(HOSTILE, "Extern", date(2026, 11, 2), None, None, None, "Saknas"),
        ),
        declarations=(declaration(),),
        blockers=(f"{HOSTILE} (Extern): signerad jävsdeklaration saknas.",),
    )
    pdf = protocol_pdf(protocol)
    text = _text(pdf)
    assert "Jävsprotokoll" in text and "Hinder för beslut" in text
    assert "Åsa Öberg – version 2" in text and "signerad jävsdeklaration saknas" in text
    assert text.count(HOSTILE) >= 5
    assert _fonts_embedded(pdf)
