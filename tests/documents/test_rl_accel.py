"""reportlab runs on its C accelerators (the rl_accel dependency), not its pure-Python paths."""

from __future__ import annotations

from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.platypus import paragraph

from inkop_desktop.documents.pdf_base import FONT, register_fonts


def test_every_accelerated_function_comes_from_the_c_extension() -> None:
    assert rl_accel._py_funcs == {}
    assert set(rl_accel._c_funcs) == set(rl_accel.__all__)
    for used in (ttfonts.instanceStringWidthTTF, pdfdoc.fp_str, paragraph.sameFrag):
        assert type(used).__name__ == "builtin_function_or_method", used


def test_swedish_text_is_measured_the_same_by_the_accelerated_width() -> None:
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    register_fonts()
    text = "Räksmörgås Åsa Öberg – 185 000 kr"
    face = getFont(FONT).face
    expected = sum(face.charWidths.get(ord(c), face.defaultWidth) for c in text) * 10 / 1000
    assert abs(stringWidth(text, FONT, 10) - expected) < 1e-6
