"""The visible PAdES signature: "Digitalt signerad av …" in the embedded DejaVu font, local time."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from inkop_desktop.documents.local_time import zoned
from inkop_desktop.paths import resource

STAMP_TEXT = "Digitalt signerad av %(signer)s\n%(local_time)s"
FONT_FILE = ("fonts", "DejaVuSans-Stamp.ttf")
"""DejaVu Sans at 1000 units per em (pyHanko assumes it; resources/fonts/README-stamp.txt)."""
FONT_SIZE = 9


def stamp_style() -> Any:
    """A borderless text stamp whose font is embedded (PDF/A: no standard Courier)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset" notices
    font = GlyphAccumulatorFactory(
        str(resource(*FONT_FILE)),
        font_size=FONT_SIZE,
        bcp47_lang_code="sv",
        create_objstream_if_needed=False,
    )
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(font=font, font_size=FONT_SIZE, leading=FONT_SIZE + 3),
        border_width=0,
    )


def stamp_params(now: datetime | None = None) -> dict[str, str]:
    """The stamp's time: Swedish local time with its zone, e.g. ``2026-12-01 14:03 CET``."""
    return {"local_time": zoned(now or datetime.now(UTC))}


def keep_metadata_in_step(writer: Any) -> None:
    """Let the Info producer be pyHanko's, as the XMP pyHanko rewrites will say (PDF/A).

    pyHanko appends itself to the Info /Producer but replaces pdf:Producer in the XMP; the two
    would then differ, which PDF/A forbids, unless Info already names pyHanko alone.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    reference = writer.trailer.raw_get("/Info")
    info = reference.get_object()
    info["/Producer"] = generic.TextStringObject(VENDOR)
    writer.mark_update(reference)
