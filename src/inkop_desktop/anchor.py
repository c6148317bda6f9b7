"""The audit chain's external anchor: the head a check verified, kept in the user's data folder.

A hash chain proves that no entry in it was changed, but not that none were cut off at its
end: whoever removes the newest entries leaves a shorter chain that still verifies. So
``inkop check`` records the verified head (entry id, hash, count) per database outside the
database, and a later check requires that entry to be there unchanged. ``inkop check
--anchor`` prints the head, to be written into the nämnd's minutes (an anchor no database
administrator can reach).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from inkop_desktop.settings import data_dir

FILE_NAME = "loggankare.json"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Anchor:
    """The head of the chain as a check found it whole."""

    entry_id: int
    hash: str
    count: int
    checked_at: str  # ISO time of the check, UTC

    def line(self) -> str:
        """The head as one line for the minutes."""
        return (
            f"Loggkedjans huvud: post #{self.entry_id}, kontrollsumma {self.hash}, "
            f"{self.count} poster (kontrollerad {self.checked_at})"
        )


def anchor_file() -> Path:
    """Where the anchors of every database checked by this user are kept."""
    return data_dir() / FILE_NAME


def _all() -> dict[str, dict[str, object]]:
    """Every stored anchor by database key; nothing when the file is missing or unreadable."""
    try:
        found = json.loads(anchor_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        _log.warning("Loggankaret kunde inte läsas: %s", exc)
        return {}
    return found if isinstance(found, dict) else {}


def load(database: str) -> Anchor | None:
    """The anchor recorded for *database* (a password-free URL), if any."""
    raw = _all().get(database)
    if not isinstance(raw, dict):
        return None
    try:
        return Anchor(int(raw["entry_id"]), str(raw["hash"]), int(raw["count"]),  # type: ignore[call-overload]
                      str(raw["checked_at"]))  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None


def save(database: str, anchor: Anchor) -> None:
    """Record *anchor* for *database* (written to a temporary file, then moved into place)."""
    anchors = _all()
    anchors[database] = asdict(anchor)
    target = anchor_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".loggankare-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(anchors, out, indent=2, ensure_ascii=False)
    os.replace(tmp, target)


def verdict(anchor: Anchor, found: tuple[str, int] | None) -> str | None:
    """Why the chain no longer holds the anchored head (Swedish), or None when it does."""
    when = anchor.checked_at
    if found is None:
        return (
            f"Loggkedjan saknar post #{anchor.entry_id}, som var kedjans sista post vid "
            f"kontrollen {when} ({anchor.count} poster): poster i slutet av loggen har tagits bort."
        )
    digest, position = found
    if digest != anchor.hash:
        return (
            f"Post #{anchor.entry_id} har en annan kontrollsumma än vid kontrollen {when}: "
            "loggkedjan har skrivits om."
        )
    if position != anchor.count:
        return (
            f"Post #{anchor.entry_id} är post nummer {position} i kedjan men var nummer "
            f"{anchor.count} vid kontrollen {when}: poster före den har tagits bort eller "
            "lagts till."
        )
    return None
