"""The shared PDF set-up embeds every font and prints user text literally."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from inkop_desktop.documents.pdf_base import PageInfo, build_pdf, field_table, grid_table, para

HOSTILE = '<font color="[[[">Städ & <b>Service</b> AB'


def _pdf() -> bytes:
    info = PageInfo("Region Västmanland", "Prov", "RV 2026-00001", date(2026, 11, 24))
    story = [
        para(HOSTILE),
        *field_table([("Leverantör", HOSTILE)]),
        *grid_table(["A"], [[HOSTILE]], [160]),
    ]
    return build_pdf(info, story)


def test_markup_like_text_comes_out_literally() -> None:
    text = PdfReader(io.BytesIO(_pdf())).pages[0].extract_text()
    assert text.count('<font color="[[[">Städ & <b>Service</b> AB') == 3
    assert "Region Västmanland" in text and "Sida 1" in text


def test_every_font_is_embedded() -> None:
    reader = PdfReader(io.BytesIO(_pdf()))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font.get("/FontDescriptor") or {}
        assert "/FontFile2" in descendant, font["/BaseFont"]
