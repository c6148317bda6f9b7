"""Shared reportlab set-up: embedded DejaVu fonts, Swedish styles, escaping, page numbers."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

from inkop_desktop.documents.local_time import start_of
from inkop_desktop.documents.pdf_canvas import archival_canvas
from inkop_desktop.documents.pdf_para import paragraph
from inkop_desktop.documents.pdf_text import (
    CELL_PADDING,
    estimated_height,
    fit_columns,
    one_line,
    text_lines,
    widest_word,
)
from inkop_desktop.documents.pdfa import LANGUAGE, Archival
from inkop_desktop.paths import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
DRAFT_MARK = "UTKAST"
LONG_VALUE = 160.0
"""A field value taller than this (points) leaves its table and flows at full width below."""
MIN_CELL_FONT = 5.5
"""Smallest font (points) a table column shrinks to so that its longest word fits."""
LONG_CELL = 250.0
"""A grid cell taller than this (points) is printed as a note below its table."""


@cache
def register_fonts() -> None:
    """Register the shipped TTFs once per process (re-registering is slow)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from inkop_desktop.documents.pdf_fonts import LatinTTFont

    pdfmetrics.registerFont(LatinTTFont(FONT, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(LatinTTFont(FONT_BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)


def esc(text: object) -> str:
    """Escape untrusted text for reportlab's paragraph markup (``<``, ``>``, ``&``, quotes)."""
    return "<br/>".join(_escape_line(line) for line in text_lines(text))


def _escape_line(line: str) -> str:
    """One line of untrusted text as markup."""
    return _xml_escape(line, {'"': "&quot;", "'": "&#39;"})


@cache
def styles() -> dict[str, Any]:
    """Paragraph styles in the embedded font."""
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    base = ParagraphStyle("Brod", fontName=FONT, fontSize=10, leading=13.5)
    label = ParagraphStyle("Etikett", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12)
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
        "label": label,
        "long_label": ParagraphStyle(
            "LangEtikett", parent=label, leftIndent=CELL_PADDING, spaceBefore=4, spaceAfter=2
        ),
        "long_value": ParagraphStyle(
            "LangText", parent=base, leftIndent=CELL_PADDING, rightIndent=CELL_PADDING
        ),
        "secret": ParagraphStyle(
            "Sekretess", parent=base, fontName=FONT_BOLD, fontSize=9, textColor="#b00020"
        ),
    }


def para(text: object, style: str = "body") -> Any:
    """A Paragraph of *escaped* user text."""
    return paragraph(esc(text), styles()[style])


def paragraphs(text: object, style: str = "body") -> list[Any]:
    """Escaped *text* as one Paragraph per line, so that any length flows across pages."""
    from reportlab.platypus import Spacer

    chosen = styles()[style]
    return [
        paragraph(_escape_line(line), chosen) if line else Spacer(1, chosen.leading / 2)
        for line in text_lines(text)
    ] or [paragraph("", chosen)]


def markup(trusted_markup: str, style: str = "body") -> Any:
    """A Paragraph of markup written by the program (user values must go through ``esc``)."""
    return paragraph(trusted_markup, styles()[style])


def _taller_than(limit: float, text: object, style: str, width: float) -> bool:
    """*text* wrapped at *width* (a cell's width) would be taller than *limit* points.

    A cheap estimate decides clear cases; a row can therefore never outgrow a page.
    """
    lines = text_lines(text)
    if len(lines) < 4 and sum(map(len, lines)) < 40:
        return False
    chosen, inner = styles()[style], width - 2 * CELL_PADDING
    guess = estimated_height(lines, chosen, inner)
    if guess < limit / 3 or guess > limit * 1.2:
        return guess > limit
    height: float = para(text, style).wrap(inner, 1e9)[1]
    return height > limit


def _flowing(heading: str, text: object) -> list[Any]:
    """A heading and long text at full width, the heading never alone at a page's foot."""
    from reportlab.platypus import CondPageBreak

    return [
        CondPageBreak(LONG_VALUE / 4),
        para(heading, "long_label"),
        *paragraphs(text, "long_value"),
    ]


def field_table(
    rows: Sequence[tuple[str, object]], widths: tuple[float, float] = (55, 115)
) -> list[Any]:
    """ "Label: value" rows as a table; a long value flows at full width below its label."""
    from reportlab.lib.units import mm

    story: list[Any] = []
    short: list[tuple[str, object]] = []
    for label, value in rows:
        if not _taller_than(LONG_VALUE, value, "body", widths[1] * mm):
            short.append((label, value))
            continue
        if short:
            story.append(_two_columns(short, widths))
            short = []
        story += _flowing(label, value)
    return [*story, _two_columns(short, widths)] if short else story


def _two_columns(rows: Sequence[tuple[str, object]], widths: tuple[float, float]) -> Any:
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


@dataclass(frozen=True)
class _Note:
    """A cell too long for its column, printed below the table."""

    column: str
    row: int
    first: str
    text: object

    def heading(self, number: int) -> str:
        """``Not 1 – Utvärdering, rad 2 (Mät och Väg AB)``."""
        where = f" ({self.first})" if self.first else ""
        return f"Not {number} – {self.column}, rad {self.row}{where}"


def _first_line(text: object) -> str:
    """The first line of a row's first cell when it is short enough to name the row."""
    lines = text_lines(text)
    return lines[0] if lines and len(lines[0]) <= 80 else ""


def _cells(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]
) -> tuple[list[list[object]], list[_Note]]:
    """The rows with every long cell replaced by a reference to its note."""
    notes: list[_Note] = []
    body: list[list[object]] = []
    for number, row in enumerate(rows, start=1):
        cells: list[object] = []
        for column, cell in enumerate(row):
            if _taller_than(LONG_CELL, cell, "small", widths[column]):
                first = _first_line(row[0]) if column else ""
                notes.append(_Note(header[column], number, first, cell))
                cell = f"Se not {len(notes)} nedan."
            cells.append(cell)
        body.append(cells)
    return body, notes


def _column_widths(
    header: Sequence[str], body: Sequence[Sequence[object]], widths: Sequence[float]
) -> tuple[list[float], list[float]]:
    """*widths* widened so no ordinary word breaks; each column's font scale (< 1: too narrow)."""
    label, small = styles()["label"], styles()["small"]
    room = 2 * CELL_PADDING + 1  # reportlab breaks a word that fits to within a fraction
    words = [
        (widest_word(title, label), max((widest_word(row[c], small) for row in body), default=0))
        for c, title in enumerate(header)
    ]
    wants = [room + max(pair) for pair in words]
    fitted = fit_columns(widths, wants)
    scales = [
        min(1.0, (w - room) / (n - room)) if n > w else 1.0
        for w, n in zip(fitted, wants, strict=True)
    ]
    return fitted, scales


@cache
def _scaled(style: str, scale: float) -> Any:
    """*style* at *scale* of its size (never below ``MIN_CELL_FONT`` points)."""
    from reportlab.lib.styles import ParagraphStyle

    base = styles()[style]
    size = max(MIN_CELL_FONT, base.fontSize * scale)
    return ParagraphStyle(
        f"{base.name}-{size:.2f}",
        parent=base,
        fontSize=size,
        leading=base.leading * size / base.fontSize,
    )


def _cell(text: object, style: str, scale: float) -> Any:
    """A table cell's escaped Paragraph, its font shrunk to *scale* when a word needs it."""
    if scale >= 1.0:
        return para(text, style)
    return paragraph(esc(text), _scaled(style, round(scale, 3)))


def grid_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths_mm: Sequence[float]
) -> list[Any]:
    """A ruled table with a repeated header row; long cells follow the table as notes."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    widths, scales = _column_widths(header, rows, [w * mm for w in widths_mm])
    body, notes = _cells(header, rows, widths)
    data = [[_cell(h, "label", k) for h, k in zip(header, scales, strict=True)]]
    data += [[_cell(c, "small", k) for c, k in zip(r, scales, strict=True)] for r in body]
    table = Table(data, colWidths=widths, repeatRows=1)
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
    story = [table]
    for number, note in enumerate(notes, start=1):
        story += _flowing(note.heading(number), note.text)
    return story


@dataclass(frozen=True)
class PageInfo:
    """What every page shows: the organisation, the document's title, its reference and date.

    *draft*: an unsigned preview, marked "UTKAST" across every page. *created*: when the
    document is made (timezone-aware), for its metadata; by default midnight of *made_on*,
    so that the same record gives the same bytes all day.
    """

    organisation: str
    title: str
    reference: str
    made_on: date
    draft: bool = False
    created: datetime | None = None

    def archival(self) -> Archival:
        """The PDF/A metadata of the document."""
        return Archival(
            title=f"{self.title} {self.reference}".strip(),
            author=self.organisation,
            subject=self.title,
            keywords=self.reference,
            created=self.created or start_of(self.made_on),
        )


def _watermark(canvas: Any, width: float, height: float) -> None:
    """A large light "UTKAST" across the page, drawn beneath the text."""
    canvas.saveState()
    canvas.setFillColorRGB(0.85, 0.85, 0.85)
    canvas.setFont(FONT_BOLD, 110)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -38, DRAFT_MARK)
    canvas.restoreState()


def _page_decorator(info: PageInfo) -> Callable[[Any, Any], None]:
    """Header line, footer title and, on a preview, the draft mark (numbers come later)."""

    def draw(canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        canvas.saveState()
        width, height = doc.pagesize
        if info.draft:
            _watermark(canvas, width, height)
        reference = f"{info.reference}  {info.made_on.isoformat()}"
        room = width - 48 * mm - canvas.stringWidth(reference, FONT, 8)
        canvas.setFont(FONT_BOLD, 9)
        canvas.drawString(
            20 * mm, height - 12 * mm, one_line(info.organisation, FONT_BOLD, 9, room)
        )
        canvas.setFont(FONT, 8)
        canvas.drawRightString(width - 20 * mm, height - 12 * mm, reference)
        title = info.title + (f" – {DRAFT_MARK}" if info.draft else "")
        canvas.drawString(20 * mm, 10 * mm, one_line(title, FONT, 8, width - 70 * mm))
        canvas.restoreState()

    return draw


def build_pdf(info: PageInfo, story: list[Any], *, landscape: bool = False) -> bytes:
    """Render *story* to A4 PDF/A-2b bytes: fonts embedded, "Sida N av M", Swedish metadata."""
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
        lang=LANGUAGE,
        initialFontName=FONT,
        invariant=1,
    )
    decorate = _page_decorator(info)
    maker = archival_canvas(info.archival(), FONT)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=maker)
    return buffer.getvalue()
