"""Database passwords in the OS keyring (the only module that imports ``keyring``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:  # keyring is imported when a password is first looked up, never at start
    from keyring.backend import KeyringBackend

SERVICE = "inkop-desktop"

_log = logging.getLogger(__name__)

_DEFAULT_PORTS = {"postgresql": 5432, "postgres": 5432}


def _refused(backend: KeyringBackend) -> bool:
    """True for backends that store nothing or store secrets readably on disk."""
    from keyring.backends import fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return True
    return any("plaintext" in cls.__name__.lower() for cls in type(backend).__mro__)


def _usable_backend() -> KeyringBackend | None:
    """The configured keyring backend, or None when it is missing or refused."""
    import keyring
    from keyring.backends import chainer

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend must never stop the program
        _log.warning("Nyckelringen kunde inte läsas in: %s", type(exc).__name__)
        return None
    if isinstance(backend, chainer.ChainerBackend):
        # Use the best chained backend that is acceptable; never fall through to plaintext.
        return next((b for b in backend.backends if not _refused(b)), None)
    return None if _refused(backend) else backend


class CredentialStore:
    """Passwords in the OS keyring; if no backend works, in this process's memory only."""

    def __init__(self, service: str = SERVICE) -> None:
        """Create a store for *service* with an empty in-memory fallback."""
        self._service = service
        self._memory: dict[str, str] = {}

    def keyring_available(self) -> bool:
        """True when a real (non-failing, non-plaintext) keyring backend is configured."""
        return _usable_backend() is not None

    def get(self, account: str) -> str | None:
        """The password for *account* from the keyring, else from memory; None if unknown."""
        backend = _usable_backend()
        if backend is not None:
            try:
                password = backend.get_password(self._service, account)
            except Exception as exc:  # KeyringError, D-Bus errors, a locked store …
                _log.warning("Lösenord för %s kunde inte läsas: %s", account, type(exc).__name__)
            else:
                if password is not None:
                    return password
        return self._memory.get(account)

    def set(self, account: str, password: str) -> bool:
        """Store in the keyring (True) or, if that is impossible, in memory only (False)."""
        backend = _usable_backend()
        if backend is not None:
            try:
                backend.set_password(self._service, account, password)
            except Exception as exc:  # KeyringError, D-Bus errors, a locked store …
                _log.warning("Lösenord för %s kunde inte sparas: %s", account, type(exc).__name__)
            else:
                self._memory.pop(account, None)
                return True
        self._memory[account] = password
        return False

    def keep(self, account: str, password: str) -> None:
        """Hold *password* in this process only (not remembered); the keyring forgets it."""
        self.delete(account)
        self._memory[account] = password

    def delete(self, account: str) -> None:
        """Forget the password for *account* in the keyring and in memory."""
        from keyring.errors import PasswordDeleteError

        self._memory.pop(account, None)
        backend = _usable_backend()
        if backend is None:
            return
        try:
            backend.delete_password(self._service, account)
        except PasswordDeleteError:
            pass  # nothing stored
        except Exception as exc:  # KeyringError, D-Bus errors, a locked store …
            _log.warning("Lösenord för %s kunde inte tas bort: %s", account, type(exc).__name__)


def account_for(url: str) -> str:
    """The keyring account ``user@host:port/db`` for a database URL; never the password."""
    parts = urlsplit(url)
    backend = parts.scheme.split("+", 1)[0].lower()
    user = unquote(parts.username or "")
    query = parse_qs(parts.query)
    host = parts.hostname or (query.get("host") or [""])[0] or "localhost"
    if ":" in host:
        host = f"[{host}]"
    port = parts.port or _DEFAULT_PORTS.get(backend)
    database = unquote(parts.path.lstrip("/"))
    location = f"{host}:{port}" if port else host
    return f"{user}@{location}/{database}"
