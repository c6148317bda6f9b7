"""The fixed first font subset: made once per process, the same in every PDF, text intact."""

from __future__ import annotations

import io
from datetime import date

import pikepdf
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import getFont

from inkop_desktop.documents.pdf_base import FONT, FONT_BOLD, PageInfo, build_pdf, para
from inkop_desktop.documents.pdf_fonts import REPERTOIRE
from tests.documents.pdfa_check import pdfa_problems

SWEDISH = "Räksmörgås – Åsa Öberg, 185\xa0000 kr ≤ 700 000 kr “offert” …"
FOREIGN = "Łukasz Żółć, Ωmega Δelta"


def _pdf(*lines: str) -> bytes:
    info = PageInfo("Region Sörmland", "Prov", "RS 2026-00001", date(2026, 11, 24))
    return build_pdf(info, [para(line) for line in lines])


def _programs(data: bytes) -> dict[str, bytes]:
    """Each embedded font program (decompressed) by its font's BaseFont."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = pdf.pages[0].Resources.Font
        return {
            str(f.BaseFont): f.FontDescriptor.FontFile2.read_bytes()
            for f in (fonts[name] for name in fonts)
        }


def test_two_documents_embed_the_same_first_subset_and_their_own_text() -> None:
    first, second = _pdf(SWEDISH), _pdf("Beslut om direktupphandling", "Ärende: städning")
    ours, theirs = _programs(first), _programs(second)
    assert set(ours) == set(theirs) == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"}
    assert ours == theirs
    text = PdfReader(io.BytesIO(first)).pages[0].extract_text()
    assert "Räksmörgås – Åsa Öberg" in text and "“offert” …" in text
    assert "Ärende: städning" in PdfReader(io.BytesIO(second)).pages[0].extract_text()


def test_characters_outside_the_repertoire_go_to_a_second_subset_and_read_back() -> None:
    data = _pdf(SWEDISH, FOREIGN)
    programs = _programs(data)
    assert "/AAAAAB+DejaVuSans" in programs  # reportlab's name of a font's second subset
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert FOREIGN in text and "Räksmörgås" in text
    assert pdfa_problems(data) == []


def test_the_cached_font_program_gives_the_bytes_a_fresh_one_gives() -> None:
    warm = _pdf(SWEDISH)
    for name in (FONT, FONT_BOLD):
        face = getFont(name).face
        face.program = face.deflated = None
    assert _pdf(SWEDISH) == warm


def test_the_repertoire_covers_what_the_documents_print_beyond_ascii() -> None:
    for char in "åäöÅÄÖé–—“”…•≤≥→☐☒€§":
        assert char in REPERTOIRE
    assert len(set(REPERTOIRE)) == len(REPERTOIRE)
