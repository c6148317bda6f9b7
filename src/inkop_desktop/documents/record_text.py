"""Reference data as a formal record may print it: citations without notes to the administrator."""

from __future__ import annotations

import re

GUIDANCE = re.compile(
    r"administratör|exempelnivå|exempelvis|vanlig praxis|läggs in|ändras av",
    re.IGNORECASE,
)
"""Words that mark a remark for whoever maintains the data, not part of the citation."""
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")


def _without_remarks(clause: str) -> str:
    """*clause* with guidance remarks removed from its parentheses (citations inside stay)."""

    def keep(match: re.Match[str]) -> str:
        parts = [p.strip() for p in match.group(1).split(",")]
        kept = [p for p in parts if p and not GUIDANCE.search(p)]
        return f" ({', '.join(kept)})" if kept else ""

    return _PARENTHESIS.sub(keep, clause)


def formal(text: str) -> str:
    """*text* without guidance: ``Riktlinjer för direktupphandling (LOU 19 a kap.)``.

    Reference sources are "citation; remark; …": a clause that addresses the maintainer
    ("läggs in av administratör") is left out, as are such remarks in parentheses.
    """
    clauses = (_without_remarks(c) for c in text.split(";"))
    kept = [c for c in clauses if not GUIDANCE.search(c)]
    return ";".join(kept).strip()
