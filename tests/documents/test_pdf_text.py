"""Measuring text: lines, column widths that keep words whole, one-line page headers."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from inkop_desktop.documents.pdf_base import FONT_BOLD, register_fonts
from inkop_desktop.documents.pdf_text import fit_columns, one_line, text_lines


def test_blank_line_runs_become_one_and_windows_line_ends_are_lines() -> None:
    assert text_lines("\n\na\r\n\r\n\r\n  \nb\n\n") == ["a", "", "b"]
    assert text_lines(None) == [] and text_lines(12) == ["12"]


def test_a_column_too_narrow_for_its_words_takes_room_from_one_with_slack() -> None:
    assert fit_columns([50, 100], [80, 40]) == [80, 70]
    assert fit_columns([50, 100], [20, 40]) == [50, 100]


def test_without_enough_room_the_smallest_shortfalls_are_made_good_first() -> None:
    widths = fit_columns([30, 30, 30], [35, 60, 10])
    assert widths == [35, 45, 10] and sum(widths) == 90


def test_a_header_too_long_for_its_line_is_cut_with_an_ellipsis() -> None:
    register_fonts()
    short = "Region Sörmland"
    assert one_line(short, FONT_BOLD, 9, 200) == short
    cut = one_line("Region Västmanland " * 30, FONT_BOLD, 9, 200)
    assert cut.endswith("…") and cut.startswith("Region Västmanland")
    assert 180 < stringWidth(cut, FONT_BOLD, 9) <= 200
