"""Open a database for the GUI or the command line: engine, migrations, audit, services."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError

from inkop_desktop.db import audit, migrate
from inkop_desktop.db.engine import describe, is_sqlite, make_engine, make_sessionmaker
from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services

log = logging.getLogger(__name__)


class PasswordNeededError(ConnectionFailedError):
    """The server asked for a password that the keyring did not have."""

    message_id = "database.password"


class WrongPasswordError(PasswordNeededError):
    """The server refused the password (SQLSTATE 28P01): ask again, forget the stored one."""

    message_id = "database.wrong_password"


_WRONG_PASSWORD = (
    "password authentication failed",
    "lösenordsautentisering misslyckades",  # a server with Swedish lc_messages
)


@dataclass(frozen=True)
class Connection:
    """An open database: its services and a password-free description."""

    services: Services
    label: str
    url: str
    actor: str

    def close(self) -> None:
        """Close the pooled database connections."""
        self.services.context.sessions.kw["bind"].dispose()


def connect(
    url: str,
    *,
    actor: str,
    password: str | None = None,
    backups: Path | None = None,
    upgrade: bool = True,
    shipped: bool = True,
) -> Connection:
    """Create the engine, migrate (with a SQLite backup first) and build the services.

    With *shipped* False the newly shipped reference values and checklists are left for the
    caller to add with ``sync_reference`` (the GUI does it once its first view has data)."""
    engine = make_engine(url, password=password)
    try:
        if upgrade:
            migrate.upgrade(engine, backup_dir=backups if is_sqlite(url) else None)
        else:
            engine.connect().close()  # reach the server now, so errors are reported here
    except OperationalError as exc:
        engine.dispose()
        raise connection_error(exc) from exc
    except BaseException:
        engine.dispose()  # a refused migration leaves no connection open
        raise
    if not is_sqlite(url):
        actor = _server_login(engine)
    sessions = make_sessionmaker(engine)
    audit.install(sessions)
    services = Services.create(ServiceContext(sessions, actor=actor))
    if upgrade and shipped:
        sync_reference(services)
    return Connection(services=services, label=describe(url), url=url, actor=actor)


def connect_offline(replica_file: Path, *, actor: str) -> Connection:
    """The person's replica (created or upgraded): drafts are saved with their outbox operation,
    final acts are refused (``domain.offline``)."""
    from inkop_desktop.db.offline.replica import open_replica, replica_sessions

    engine = open_replica(replica_file)
    context = ServiceContext(replica_sessions(engine), actor=actor, offline=True)
    label = "Offline – lokal kopia"
    return Connection(Services.create(context), label, f"sqlite:///{replica_file}", actor)


def read_only(connection: Connection) -> None:
    """Make every later transaction on the server read-only (a login without a person)."""
    engine: Engine = connection.services.context.sessions.kw["bind"]
    event.listen(engine, "connect", _read_only_session)
    engine.dispose()  # connections opened before are replaced by read-only ones


def _read_only_session(dbapi_connection: Any, _record: Any) -> None:
    """PostgreSQL refuses every write in this session."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    finally:
        cursor.close()
    dbapi_connection.commit()


def _server_login(engine: Engine) -> str:
    """On a shared server the person is the database login (``current_user``), never a setting."""
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SELECT current_user")).scalar_one())
    except OperationalError as exc:
        engine.dispose()
        raise connection_error(exc) from exc


_REASONS = (
    (
        "authentication method requirement",
        "Servern bad om ett annat inloggningssätt än Windows-inloggning (Kerberos). "
        "Serverns pg_hba.conf behöver en gss-rad för den här datorn.",
    ),
    (
        "gssapi",
        "Windows-inloggningen (Kerberos) fungerade inte. Kontrollera att du är inloggad i "
        "domänen och att servern är uppsatt för Kerberos.",
    ),
    ("root certificate file", "Rotcertifikatet för att kontrollera servern (root.crt) saknas."),
    ("does not support ssl", "Servern erbjuder ingen krypterad anslutning (SSL), men den krävs."),
    ("certificate verify failed", "Serverns certifikat kunde inte kontrolleras."),
    ("does not match host name", "Serverns certifikat gäller inte för det här servernamnet."),
    ("invalid sslmode value", "SSL-läget är ogiltigt."),
    ("connection refused", "Servern svarar inte. Kontrollera värd och port."),
    ("timeout expired", "Servern svarade inte i tid. Kontrollera nätverket, värd och port."),
    ("could not translate host name", "Servernamnet kunde inte slås upp."),
    ("failed to resolve host", "Servernamnet kunde inte slås upp."),
    ("does not exist", "Databasen eller användaren finns inte på servern."),
    ("no pg_hba.conf entry", "Servern tar inte emot anslutningar från den här datorn."),
    ("unable to open database file", "Databasfilen kan inte öppnas."),
    ("database is locked", "Databasfilen är låst av ett annat program."),
    ("file is not a database", "Filen är inte en databas."),
)


def sync_reference(services: Services) -> None:
    """Add newly shipped reference values and checklists; a login without the right leaves it."""
    try:
        services.reference.sync_shipped()
        services.followup_templates.sync_shipped()
    except (DBAPIError, PermissionDeniedError) as exc:
        orig = getattr(exc, "orig", None)
        if isinstance(exc, DBAPIError) and getattr(orig, "sqlstate", None) != "42501":
            raise  # anything but insufficient_privilege
        log.warning(
            "Nya referensvärden i programmet kunde inte läggas in med din inloggning; "
            "en administratör lägger in dem med ”inkop db upgrade”."
        )


def connection_error(exc: OperationalError) -> ConnectionFailedError:
    """A Swedish error; a missing password becomes PasswordNeededError."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    lowered = reason.lower()
    log.warning("Anslutningen misslyckades: %s", reason)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate == "28P01" or any(needle in lowered for needle in _WRONG_PASSWORD):
        return WrongPasswordError("Fel användarnamn eller lösenord till databasen.")
    if "password" in lowered:
        return PasswordNeededError("Databasen kräver ett lösenord för att ansluta.")
    for needle, reason_text in _REASONS:
        if needle in lowered:
            return ConnectionFailedError(f"Kunde inte ansluta till databasen. {reason_text}")
    return ConnectionFailedError("Kunde inte ansluta till databasen. Kontrollera inställningarna.")


def schema_status(connection: Connection) -> tuple[str | None, str | None]:
    """(revision of the database, newest revision this program ships)."""
    engine = connection.services.context.sessions.kw["bind"]
    try:
        return migrate.current_revision(engine), migrate.head_revision(engine)
    except OperationalError as exc:
        raise connection_error(exc) from exc
