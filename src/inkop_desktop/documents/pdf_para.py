"""Paragraphs of plain text made without reportlab's markup parser, with the same fragments.

reportlab parses every paragraph's text with an HTML parser, even text without a single tag
or entity. Such text yields one fragment: the style's initial fragment holding the cleaned
text. ``paragraph`` makes that fragment directly from one parsed per style (cloned, its
lists fresh) and leaves everything with ``<`` or ``&`` in it to the parser. A table wraps
each cell's paragraph at least twice at the same width (to size the rows, then to draw), so
the paragraph keeps its lines for the width it was last wrapped at.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_TEMPLATES: dict[int, tuple[Any, Any]] = {}
"""(style, its parsed fragment) by the style's id; styles live as long as the process."""


def _template(style: Any) -> Any:
    """The fragment the parser makes for plain text in *style*."""
    known = _TEMPLATES.get(id(style))
    if known is not None and known[0] is style:
        return known[1]
    from reportlab.platypus import Paragraph

    (frag,) = Paragraph("x", style).frags
    _TEMPLATES[id(style)] = (style, frag)
    return frag


@cache
def _kept_lines() -> type:
    """reportlab's Paragraph, its line breaking done once per width."""
    from reportlab.platypus import Paragraph

    class KeptLines(Paragraph):  # type: ignore[misc]
        """A Paragraph that does not break its lines again for the width it has them for."""

        _wrapped_at: float | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            if availWidth == self._wrapped_at and "blPara" in self.__dict__:
                return self.width, self.height  # split() drops blPara to have it made anew
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth if hasattr(self, "blPara") else None
            return size

    return KeptLines


def paragraph(markup: str, style: Any) -> Any:
    """``Paragraph(markup, style)``, unparsed when *markup* holds no tag or entity."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    made = _kept_lines()
    text = cleanBlockQuotedText(markup) if "<" not in markup and "&" not in markup else ""
    if not text:
        return made(markup, style)
    frag = _template(style).clone(text=text, link=[], us_lines=[])
    return made(text, style, frags=[frag])
