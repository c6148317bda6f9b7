"""How an avsteg entry is handled by the inköpsverksamhet: kommentar, åtgärd, stängd."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from inkop_desktop.domain.errors import ValidationError


class Source(StrEnum):
    """Who found the deviation: the app's rules or a person."""

    AUTO = "auto"
    MANUELL = "manuell"

    @property
    def label(self) -> str:
        """Swedish label."""
        return {"auto": "Automatiskt", "manuell": "Manuellt"}[self.value]


@dataclass(frozen=True)
class Handling:
    """The handling a person records on an entry; *close*: the entry is done with."""

    comment: str
    action: str
    close: bool


def check_handling(handling: Handling, already_closed: bool) -> None:
    """Raise ValidationError unless the handling may be saved."""
    if already_closed:
        raise ValidationError("Avsteget är redan stängt och kan inte ändras.", field="close")
    if handling.close and not (handling.comment.strip() or handling.action.strip()):
        raise ValidationError(
            "Skriv en kommentar eller vilken åtgärd som vidtagits innan avsteget stängs.",
            field="comment",
        )
