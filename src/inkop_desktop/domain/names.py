"""Normalised company and person names for duplicate detection and jäv cross-checks."""

from __future__ import annotations

import re
import unicodedata

_FORMS = {
    "AKTIEBOLAG": "AB",
    "AKTIEBOLAGET": "AB",
    "HANDELSBOLAG": "HB",
    "HANDELSBOLAGET": "HB",
    "KOMMANDITBOLAG": "KB",
    "EKONOMISK FÖRENING": "EK FÖR",
    "EKONOMISKA FÖRENINGEN": "EK FÖR",
}


def _fold(text: str) -> str:
    """Upper-case, keep åäö as letters, turn other accents into base letters."""
    text = text.upper().replace("Å", "\x01").replace("Ä", "\x02").replace("Ö", "\x03")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\x01", "Å").replace("\x02", "Ä").replace("\x03", "Ö")


def company_key(name: str) -> str:
    """A comparison key: "Städ & Service AB" == "STÄD OCH SERVICE AKTIEBOLAG"."""
    text = _fold(name).replace("&", " OCH ").replace("+", " OCH ")
    text = re.sub(r"[^\wÅÄÖ]+", " ", text)
    text = " ".join(text.split())
    for long, short in _FORMS.items():
        text = re.sub(rf"\b{re.escape(long)}\b", short, text)
    return " ".join(text.split())


def search_key(text: str) -> str:
    """Lower-case, whitespace-collapsed text for simple LIKE searches."""
    return " ".join(text.lower().split())
