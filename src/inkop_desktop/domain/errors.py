"""Typed errors that carry a message id and a Swedish text for the user."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a user may see; ``text`` is Swedish and ready to show."""

    message_id: str = "domain.error"

    def __init__(self, text: str, *, message_id: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        if message_id is not None:
            self.message_id = message_id


class ValidationError(DomainError):
    """Input that breaks a rule; ``field`` names the offending field when known."""

    message_id = "validation.invalid"

    def __init__(self, text: str, *, field: str | None = None, message_id: str | None = None):
        super().__init__(text, message_id=message_id)
        self.field = field


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
