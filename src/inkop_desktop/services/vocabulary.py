"""The shipped CPV vocabulary, loaded once on first use, for lists, pickers and the demo."""

from __future__ import annotations

from functools import lru_cache

from inkop_desktop.domain.cpv import CpvEntry, CpvVocabulary, load_vocabulary
from inkop_desktop.paths import resource


@lru_cache(maxsize=1)
def cpv_vocabulary() -> CpvVocabulary:
    """The CPV subset with Swedish names shipped in ``resources/data/cpv.json``."""
    return load_vocabulary(resource("data", "cpv.json"))


def cpv_name(code: str) -> str:
    """The Swedish name of *code*, or "" when it is not in the shipped subset."""
    return cpv_vocabulary().name(code)


def cpv_label(code: str) -> str:
    """``33112200 Ultraljudsapparater`` for a list cell (the code alone when unknown)."""
    return cpv_vocabulary().label(code) if code else ""


def cpv_search(text: str, limit: int = 20) -> list[CpvEntry]:
    """Codes matching *text* (code prefix or name words), best first."""
    return cpv_vocabulary().search(text, limit)
