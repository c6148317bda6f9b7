"""The CPV vocabulary: Swedish names of CPV codes and a ranked search over code and name."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from inkop_desktop.domain.identifiers import normalise_cpv

_CODE = re.compile(r"^([0-9]{1,8})-[0-9]?$")
"""A typed code with its check digit (``33112200-0``) searches as its digits."""


def fold(text: str) -> str:
    """Lower case without accents: "Röntgen" → "rontgen" (å, ä, ö fold to a, a, o)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class CpvEntry:
    """One code of the vocabulary with its Swedish name."""

    code: str
    name: str

    @property
    def label(self) -> str:
        """``33112200 Ultraljudsapparater`` (the code without its check digit, then the name)."""
        return f"{self.code[:8]} {self.name}"


class CpvVocabulary:
    """Codes with Swedish names: look a name up, or search by code prefix and words."""

    def __init__(self, entries: list[CpvEntry]) -> None:
        self._entries = sorted(entries, key=lambda e: e.code)
        self._by_digits = {e.code[:8]: e for e in self._entries}
        self._folded = [(e, fold(e.name).split()) for e in self._entries]

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[CpvEntry]:
        """Every entry in code order."""
        return list(self._entries)

    def entry(self, code: str) -> CpvEntry | None:
        """The entry of *code* (with or without check digit), or None if not in the subset."""
        return self._by_digits.get(code.strip()[:8])

    def name(self, code: str) -> str:
        """The Swedish name of *code*, or "" when the code is not in the vocabulary."""
        found = self.entry(code)
        return found.name if found else ""

    def label(self, code: str) -> str:
        """``33112200 Ultraljudsapparater``, or the code as given when it is unknown."""
        found = self.entry(code)
        return found.label if found else code

    def search(self, text: str, limit: int = 20) -> list[CpvEntry]:
        """Entries matching *text*, best first: code prefix, then name words (accents ignored).

        Digits match a code prefix ("3311" finds the imaging codes, in code order); words
        match the start of words in the name, every word must match, and a name starting with
        the first word ranks before one that only contains it, shorter names first.
        """
        query = [_CODE.sub(r"\1", q) for q in fold(text).split()]
        if not query:
            return []
        digits = [q for q in query if q.isdigit()]
        words = [q for q in query if not q.isdigit()]
        ranked: list[tuple[tuple[int, int, str], CpvEntry]] = []
        for entry, name_words in self._folded:
            if any(not entry.code.startswith(d) for d in digits):
                continue
            if not all(any(w.startswith(q) for w in name_words) for q in words):
                continue
            first = 0 if words and name_words[0].startswith(words[0]) else 1
            ranked.append(((first, len(entry.name) if words else 0, entry.code), entry))
        ranked.sort(key=lambda pair: pair[0])
        return [entry for _, entry in ranked[:limit]]


def load_vocabulary(path: Path) -> CpvVocabulary:
    """Read a vocabulary file (``{"codes": [{"code", "name"}]}``), each code checked."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return CpvVocabulary(
        [CpvEntry(normalise_cpv(item["code"]), str(item["name"])) for item in data["codes"]]
    )
