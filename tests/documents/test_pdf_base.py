"""The shared PDF set-up embeds every font and prints user text literally."""

from __future__ import annotations

import io
import subprocess
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


def _text(story: list[object], organisation: str = "Region Västmanland") -> str:
    info = PageInfo(organisation, "Prov", "RV 2026-00001", date(2026, 11, 24))
    reader = PdfReader(io.BytesIO(build_pdf(info, story)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_swedish_words_in_narrow_columns_are_not_broken_in_the_middle() -> None:
    rows = [["Hälso- och sjukvårdsförvaltningen", "2026", "Denna direktupphandling"]]
    text = _text(grid_table(["Förvaltning", "År", "Avtalsstart"], rows, [20, 60, 20]))
    for word in ("sjukvårdsförvaltningen", "direktupphandling", "Avtalsstart"):
        assert word in text, word


def test_a_token_longer_than_its_column_wraps_without_losing_a_character() -> None:
    token = "ÅÄÖ&<b>x" * 40
    text = _text(grid_table(["A", "B"], [[token, "kort"]], [30, 140]))
    assert token not in text and token in text.replace("\n", "")


def test_a_long_cell_becomes_a_note_below_its_table() -> None:
    long = "\n".join(f"Rad {n} av utvärderingen" for n in range(60))
    text = _text(grid_table(["Leverantör", "Utvärdering"], [["Städ AB", long]], [60, 110]))
    assert "Se not 1 nedan." in text and "Not 1 – Utvärdering, rad 1 (Städ AB)" in text
    assert all(f"Rad {n} av utvärderingen" in text for n in range(60))


def test_a_long_value_flows_over_pages_and_blank_line_runs_collapse() -> None:
    lines = "\n".join(f"Rad {n}" for n in range(400))
    pdf_text = _text([*field_table([("Beskrivning", lines), ("Tomt", "a" + "\n" * 9000 + "b")])])
    assert "Sida 5" in pdf_text and all(f"Rad {n}\n" in pdf_text for n in range(399))
    assert "Sida 10" not in pdf_text


def test_an_organisation_too_long_for_the_header_is_cut() -> None:
    text = _text([para("Innehåll")], organisation="Region Västmanland " * 20)
    assert "…" in text and "RV 2026-00001" in text


def test_a_column_too_narrow_for_its_longest_word_shrinks_its_font_instead() -> None:
    header = ["Avtalsstart"] * 7
    rows = [["Denna direktupphandling"] * 7]
    pdf = build_pdf(
        PageInfo("Region Sörmland", "Prov", "RS 1", date(2026, 12, 1)),
        grid_table(header, rows, [24] * 7),
    )
    shown = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert shown.count("Avtalsstart") == 7 and shown.count("direktupphandling") == 7
