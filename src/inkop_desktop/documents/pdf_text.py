"""Measuring user text for the PDFs: lines, estimated height and column widths that fit words."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

CELL_PADDING = 6.0
"""Reportlab's default left and right padding of a table cell, in points."""
WORD_CAP = 45 * 72 / 25.4
"""Longest word (45 mm) a column is widened for; longer tokens are broken to fit instead."""
_BREAKS = re.compile(r"[^\S\xa0\u2007\u202f]+")
"""Where a line may break: whitespace, but not the no-break spaces inside amounts."""


def text_lines(text: object) -> list[str]:
    """The lines of *text*: runs of blank lines become one blank line, none at either end."""
    lines: list[str] = []
    for line in ("" if text is None else str(text)).splitlines():
        if line.strip():
            lines.append(line)
        elif lines and lines[-1]:
            lines.append("")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def estimated_height(lines: Sequence[str], style: Any, width: float) -> float:
    """Roughly how tall *lines* wrap in *style* at *width* points (one line at least)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font, size = style.fontName, style.fontSize
    count = sum(max(1, math.ceil(float(stringWidth(line, font, size)) / width)) for line in lines)
    return max(1, count) * float(style.leading)


def widest_word(text: object, style: Any) -> float:
    """The widest unbreakable word of *text* up to ``WORD_CAP`` (longer ones break anyway)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font, size = style.fontName, style.fontSize
    widths = (float(stringWidth(w, font, size)) for w in set(_BREAKS.split(str(text))))
    return max((w for w in widths if w <= WORD_CAP), default=0.0)


def fit_columns(widths: Sequence[float], wants: Sequence[float]) -> list[float]:
    """Column widths of the same total in which as many columns as possible get their *wants*.

    Room is taken only from columns wider than they want; the smallest shortfalls are made
    good first, so one column of long words cannot squeeze the narrow ones.
    """
    result = list(widths)
    slack = [max(0.0, w - n) for w, n in zip(widths, wants, strict=True)]
    spare = left = sum(slack)
    for column in sorted(range(len(widths)), key=lambda c: wants[c] - widths[c]):
        take = min(max(0.0, wants[column] - widths[column]), left)
        result[column] += take
        left -= take
    used = spare - left
    return [w - s * used / spare if used else w for w, s in zip(result, slack, strict=True)]


def one_line(text: str, font: str, size: float, width: float) -> str:
    """*text* on one line of at most *width* points, cut with "…" (page headers only)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    flat = " ".join(text.split())
    if stringWidth(flat, font, size) <= width:
        return flat
    low, high = 0, len(flat)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(flat[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return flat[:low].rstrip() + "…"
