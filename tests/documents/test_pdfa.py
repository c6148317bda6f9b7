"""Every PDF the program writes is PDF/A-2b in structure: metadata, output intent, fonts."""

from __future__ import annotations

import io
from datetime import date

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from inkop_desktop.documents.pdf_base import PageInfo, build_pdf, grid_table, para
from tests.documents.pdfa_check import pdfa_problems

INFO = PageInfo("Region Sörmland", "Prov <b>&", "RS 2026-00001", date(2026, 12, 1))


def _pdf(info: PageInfo = INFO) -> bytes:
    return build_pdf(info, [para("Åsa Öberg <b>&"), *grid_table(["Avtalsstart"], [["x"]], [30])])


def test_a_built_pdf_has_no_pdfa_problems_and_says_what_it_is() -> None:
    data = _pdf()
    assert pdfa_problems(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Prov <b>& RS 2026-00001"
        assert meta["xmp:CreateDate"] == "2026-12-01T00:00:00+01:00"
        assert str(pdf.docinfo["/CreationDate"]) == "D:20261201000000+01'00'"
        assert str(pdf.Root.Lang) == "sv-SE"
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"


def test_the_checker_finds_an_ordinary_pdf_wanting() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 72, "Helvetica utan inbäddning")
    canvas.save()
    problems = pdfa_problems(buffer.getvalue())
    assert any("Helvetica" in p and "FontDescriptor" in p for p in problems)
    assert "ingen XMP-metadata i katalogen" in problems
    assert any("OutputIntents" in p for p in problems)


def test_the_same_document_gives_the_same_bytes_all_day() -> None:
    assert _pdf() == _pdf()
