"""Someone else saved first: what the three ways out share (values compared and shown).

Generic over the editors: an editor hands over the values it tried to save ("mine"), the
values of the version it opened, and a ``ConflictSide`` that knows how to fetch the saved
version, name and show its fields, and put a chosen mix back into the form on top of it.
Nothing the user typed is lost unless they choose so.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

EMPTY = "–"


class Choice(enum.Enum):
    """What the user does about a record someone else saved first."""

    RELOAD = "Läs in på nytt"
    COMPARE = "Jämför fält för fält"
    CONTINUE = "Fortsätt redigera"


@dataclass(frozen=True)
class Saved:
    """The version someone else saved: its values and, when known, by whom and when."""

    detail: Any
    values: dict[str, Any]
    by: str = ""
    at: datetime | None = None

    def stamp(self) -> str:
        """``(Åsa Öberg, 2026-12-01 14:03)``, or empty when unknown."""
        parts = [self.by] if self.by else []
        if self.at is not None:
            parts.append(self.at.astimezone().strftime("%Y-%m-%d %H:%M"))
        return f"({', '.join(parts)})" if parts else ""


@dataclass(frozen=True)
class ConflictSide:
    """What an editor provides so its conflicts are resolved the same way everywhere."""

    fetch_saved: Callable[[], Saved]
    """The version now stored (runs off the GUI thread)."""
    field_label: Callable[[str], str]
    """A field's name as the form shows it."""
    show_value: Callable[[str, Any], str]
    """A value as the user knows it (names, not ids)."""
    reload: Callable[[], None]
    """Show the stored version; the user's edits go."""
    save_mix: Callable[[Saved, dict[str, Any]], None]
    """Show the chosen values on top of the stored version and save them (checked again)."""


def model_label(model: Any, key: str, extra: dict[str, str] | None = None) -> str:
    """The field's title in the input model (``Benämning``), else from *extra* or the key."""
    field = getattr(model, "model_fields", {}).get(key)
    title = getattr(field, "title", None)
    return str(title or (extra or {}).get(key) or key.replace("_", " ").capitalize())


def last_change(entries: Any) -> tuple[str, datetime | None]:
    """Who made the newest entry of a record's history, and when (empty if none)."""
    items = list(entries)
    return (items[-1].who, items[-1].at) if items else ("", None)


def normal(value: Any) -> Any:
    """A value as compared: "" and None alike, enums by value, sequences as tuples."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return normal(value.value)
    if isinstance(value, dict):
        return tuple(sorted((k, normal(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(normal(v) for v in value)
    return value


def differing(mine: dict[str, Any], saved: dict[str, Any]) -> list[str]:
    """The keys of *mine* whose value differs from the saved version's, in form order."""
    return [k for k in mine if normal(mine[k]) != normal(saved.get(k))]


def plain(value: Any) -> str:
    """A value as text when the editor has no better way to show it."""
    if value is None or value == "" or value == () or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    return str(value)
