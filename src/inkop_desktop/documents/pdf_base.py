"""Shared reportlab set-up: embedded DejaVu fonts, Swedish styles, escaping, page numbers."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from inkop_desktop.paths import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    """Register the shipped TTFs once per process (re-registering is slow)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


def esc(text: object) -> str:
    """Escape untrusted text for reportlab's paragraph markup (``<``, ``>``, ``&``, quotes)."""
    return _xml_escape("" if text is None else str(text), {'"': "&quot;", "'": "&#39;"}).replace(
        "\n", "<br/>"
    )


@cache
def styles() -> dict[str, Any]:
    """Paragraph styles in the embedded font."""
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    base = ParagraphStyle("Brod", fontName=FONT, fontSize=10, leading=13.5)
    return {
        "body": base,
        "small": ParagraphStyle("Liten", parent=base, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "Rubrik", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "Rubrik2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "label": ParagraphStyle("Etikett", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12),
        "secret": ParagraphStyle(
            "Sekretess", parent=base, fontName=FONT_BOLD, fontSize=9, textColor="#b00020"
        ),
    }


def para(text: object, style: str = "body") -> Any:
    """A Paragraph of *escaped* user text."""
    from reportlab.platypus import Paragraph

    return Paragraph(esc(text), styles()[style])


def markup(trusted_markup: str, style: str = "body") -> Any:
    """A Paragraph of markup written by the program (user values must go through ``esc``)."""
    from reportlab.platypus import Paragraph

    return Paragraph(trusted_markup, styles()[style])


def field_table(rows: Sequence[tuple[str, object]], widths: tuple[float, float] = (55, 115)) -> Any:
    """A two-column "label: value" table; values are escaped."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    data = [[para(label, "label"), para(value)] for label, value in rows]
    table = Table(data, colWidths=[widths[0] * mm, widths[1] * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths_mm: Sequence[float]
) -> Any:
    """A ruled table with a repeated header row; cells are escaped."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    data = [[para(h, "label") for h in header]] + [[para(c, "small") for c in r] for r in rows]
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


@dataclass(frozen=True)
class PageInfo:
    """What every page shows: the organisation, the document's title, its reference and date."""

    organisation: str
    title: str
    reference: str
    made_on: date


def _page_decorator(info: PageInfo) -> Callable[[Any, Any], None]:
    """Header line and "Sida N av M"-style footer drawn on every page."""

    def draw(canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        canvas.saveState()
        width, height = doc.pagesize
        canvas.setFont(FONT_BOLD, 9)
        canvas.drawString(20 * mm, height - 12 * mm, info.organisation)
        canvas.setFont(FONT, 8)
        canvas.drawRightString(
            width - 20 * mm, height - 12 * mm, f"{info.reference}  {info.made_on.isoformat()}"
        )
        canvas.drawString(20 * mm, 10 * mm, info.title)
        canvas.drawRightString(width - 20 * mm, 10 * mm, f"Sida {doc.page}")
        canvas.restoreState()

    return draw


def build_pdf(info: PageInfo, story: list[Any], *, landscape: bool = False) -> bytes:
    """Render *story* to A4 PDF bytes with every font embedded and Swedish metadata."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=turned(A4) if landscape else A4,
        leftMargin=(15 if landscape else 20) * mm,
        rightMargin=(15 if landscape else 20) * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=info.title,
        author=info.organisation,
        subject=info.reference,
        lang="sv-SE",
        initialFontName=FONT,
        invariant=1,
    )
    decorate = _page_decorator(info)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
