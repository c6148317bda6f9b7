"""Typed errors that carry a message id and a Swedish text for the user."""

from __future__ import annotations

from collections.abc import Iterable

Problem = tuple[str | None, str]
"""(field name, or None for the whole record; Swedish text) of one problem."""


class DomainError(Exception):
    """Base of every error a user may see; ``text`` is Swedish and ready to show."""

    message_id: str = "domain.error"

    def __init__(self, text: str, *, message_id: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        if message_id is not None:
            self.message_id = message_id


class ValidationError(DomainError):
    """Input that breaks rules; ``field`` names the first offending field, ``problems`` all."""

    message_id = "validation.invalid"

    def __init__(
        self,
        text: str,
        *,
        field: str | None = None,
        message_id: str | None = None,
        problems: Iterable[Problem] = (),
    ):
        super().__init__(text, message_id=message_id)
        self.problems: tuple[Problem, ...] = tuple(problems) or ((field, text),)
        self.field = field if field is not None else _first_field(self.problems)

    @classmethod
    def joined(cls, errors: Iterable[ValidationError]) -> ValidationError:
        """One error carrying every problem of *errors* (text: their texts, one a line)."""
        found = list(errors)
        text = "\n".join(e.text for e in found)
        return cls(text, problems=[p for e in found for p in e.problems])


def _first_field(problems: tuple[Problem, ...]) -> str | None:
    """The first problem's field that has one."""
    return next((name for name, _text in problems if name is not None), None)


class NotFoundError(DomainError):
    """The record asked for does not exist (any more)."""

    message_id = "record.not_found"


class ConcurrentEditError(DomainError):
    """Somebody else saved the record after it was opened."""

    message_id = "record.stale"

    def __init__(self) -> None:
        super().__init__("Posten har ändrats av någon annan sedan du öppnade den. Läs in den igen.")


class TransitionError(DomainError):
    """A workflow move that the rules do not allow."""

    message_id = "workflow.transition"


class MissingReferenceDataError(DomainError):
    """A dated value (threshold, limit, lead time) is missing for the date asked."""

    message_id = "reference.missing"


class ConnectionFailedError(DomainError):
    """The database could not be reached."""

    message_id = "database.connection"


class WriteConflictError(DomainError):
    """Others saved at the same moment (a lock, a deadlock or a number taken meanwhile)."""

    message_id = "database.conflict"
