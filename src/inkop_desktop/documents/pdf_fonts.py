"""Embedded TrueType fonts with one fixed Latin subset, made and compressed once per process.

reportlab subsets a TrueType font anew for every document: it builds the font program of the
glyphs used and deflates it (about 2 ms per font and document). Here every document's first
subset holds the same glyphs in the same codes: ASCII (where reportlab puts it anyway) and
``REPERTOIRE``, the letters and signs of Swedish documents. Its compressed font program is
therefore made once per process and reused; any other character goes to a second subset,
made per document as before.
"""

from __future__ import annotations

import zlib
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

REPERTOIRE = "åäöÅÄÖéÉèÈüÜáàóòúíñçøØæÆ§°½±×·«»–—‘’“”„•…€≤≥→☐☒✓\u202f"
"""What Swedish documents print beyond ASCII, in the order it gets its codes."""
SECOND_SUBSET = 256
"""The first code of reportlab's second subset, where every other character goes."""


class _FixedSubsetFace(TTFontFace):  # type: ignore[misc]
    """A font face that keeps the program of its fixed subset, raw and deflated."""

    fixed: tuple[int, ...] = ()
    program: bytes | None = None
    deflated: bytes | None = None

    def makeSubset(self, subset: list[int]) -> bytes:
        """As reportlab's; the fixed subset's program is made once."""
        if tuple(subset) != self.fixed:
            return bytes(super().makeSubset(subset))
        if self.program is None:
            self.program = bytes(super().makeSubset(subset))
        return self.program

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        """As reportlab's, with the fixed subset's program deflated only once."""
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        if tuple(subset) == self.fixed and doc.compression:
            if self.deflated is None:
                self.deflated = zlib.compress(self.makeSubset(subset))
            stream = doc.idToObject[f"fontFile:{self.filename}({fontname})"]
            stream.content = self.deflated
            stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        return descriptor


class _Probe:
    """A stand-in document: reportlab keys a font's codes by document (weakly)."""


class LatinTTFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose first subset is the same in every document."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.face.__class__ = _FixedSubsetFace
        probe = _Probe()
        super().splitString(REPERTOIRE, probe)
        subsets = self.state.pop(probe).subsets
        if len(subsets) != 1 or not set(map(ord, REPERTOIRE)) <= set(subsets[0]):
            raise ValueError(f"{name}: the font lacks characters of the fixed subset")
        self.face.fixed = tuple(subsets[0])

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        """As reportlab's, the repertoire given its codes first in every document."""
        if doc not in self.state:
            super().splitString(REPERTOIRE, doc)
            self.state[doc].nextCode = SECOND_SUBSET
        return super().splitString(text, doc, encoding)
