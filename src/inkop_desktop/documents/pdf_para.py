"""Paragraphs of plain text made without reportlab's markup parser, with the same fragments.

reportlab parses every paragraph's text with an HTML parser, even text without a single tag
or entity. Such text yields one fragment: the style's initial fragment holding the cleaned
text. ``paragraph`` makes that fragment directly from one parsed per style (cloned, its
lists fresh) and leaves everything with ``<`` or ``&`` in it to the parser.
"""

from __future__ import annotations

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


def paragraph(markup: str, style: Any) -> Any:
    """``Paragraph(markup, style)``, unparsed when *markup* holds no tag or entity."""
    from reportlab.platypus import Paragraph
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    text = cleanBlockQuotedText(markup) if "<" not in markup and "&" not in markup else ""
    if not text:
        return Paragraph(markup, style)
    frag = _template(style).clone(text=text, link=[], us_lines=[])
    return Paragraph(text, style, frags=[frag])
