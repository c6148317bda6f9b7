"""Plain-text paragraphs skip reportlab's parser and come out exactly as parsed ones."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from inkop_desktop.documents.pdf_base import _scaled, esc, styles
from inkop_desktop.documents.pdf_para import paragraph

TEXTS = (
    "Region Sörmland (232100-0032)",
    "  Stöd att kartlägga\n   flödet  för remisser  ",
    "185\xa0000 kr – “offert” …",
    esc('<font color="[[[">Städ & <b>Service</b> AB'),
    esc("rad ett\nrad två"),
    "<b>Region Sörmland 2026, samma slag:</b> 685 000 kr",
    "",
)


@pytest.mark.parametrize("name", ["body", "label", "small", "title", "secret"])
def test_every_text_gives_the_fragments_and_lines_the_parser_gives(name: str) -> None:
    for style in (styles()[name], _scaled(name, 0.7)):
        for text in TEXTS:
            ours, parsed = paragraph(text, style), Paragraph(text, style)
            assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in parsed.frags], text
            assert ours.wrap(120, 1000) == parsed.wrap(120, 1000), text
            assert ours.getPlainText() == parsed.getPlainText(), text


def test_plain_text_is_not_parsed_and_markup_still_is(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    original = ParaParser.parse

    def spy(self: ParaParser, text: str, style: object) -> object:
        parsed.append(text)
        return original(self, text, style)

    monkeypatch.setattr(ParaParser, "parse", spy)
    plain = paragraph("Hälso- och sjukvårdsförvaltningen", styles()["body"])
    marked = paragraph(esc("Städ & Service AB"), styles()["body"])
    assert parsed == ["Städ &amp; Service AB"]
    assert plain.getPlainText() == "Hälso- och sjukvårdsförvaltningen"
    assert marked.getPlainText() == "Städ & Service AB"


def test_fragments_of_two_paragraphs_share_no_list() -> None:
    first, second = (paragraph(t, styles()["body"]) for t in ("Ett", "Två"))
    assert first.frags[0].link is not second.frags[0].link
    assert first.frags[0].us_lines is not second.frags[0].us_lines


def test_lines_are_broken_once_per_width_and_anew_for_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Stöd att kartlägga flödet för remisser inom laboratoriemedicin. " * 4
    ours = paragraph(text, styles()["body"])
    breaks: list[float] = []
    original = Paragraph.breakLines

    def spy(self: Paragraph, width: object) -> object:
        breaks.append(self.width)
        return original(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", spy)
    narrow = [ours.wrap(100, 1000) for _ in range(3)]
    wide = ours.wrap(300, 1000)
    assert breaks == [100, 300]
    assert narrow == [Paragraph(text, styles()["body"]).wrap(100, 1000)] * 3
    assert wide == Paragraph(text, styles()["body"]).wrap(300, 1000)
    assert wide[1] < narrow[0][1]
