"""Set up a shared PostgreSQL database and its per-person login roles (run by an administrator).

Ownership is arranged by ``ALTER … OWNER`` after the migrations, in the same transaction as
the upgrade (``migrate`` calls ``apply_grants`` whenever the database is owner-managed),
rather than by ``SET ROLE`` in the migration connection: it also re-owns the objects of a
database that was set up before (where the app's login owned everything), and the
administrator keeps reading every row in a data migration (``SET ROLE`` to the owner would
put those under row security).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, text

from inkop_desktop.db import migrate, server_roles
from inkop_desktop.db.server_roles import ALL_GROUPS, GROUPS, LASARE, quoted
from inkop_desktop.domain.errors import DomainError, NotFoundError, ValidationError
from inkop_desktop.domain.organisation import Role

LOGIN_PATTERN = re.compile(r"^[a-z_][a-z0-9_.\-]{0,62}$")


@dataclass(frozen=True)
class AddedUser:
    """A login role created (or updated) for a person."""

    login: str
    person_name: str
    groups: tuple[str, ...]


def _require_postgres(engine: Engine) -> None:
    """Server set-up is for PostgreSQL only."""
    if engine.dialect.name != "postgresql":
        raise DomainError("Kommandot gäller bara en gemensam PostgreSQL-databas.")


def init_server(engine: Engine) -> None:
    """Owner and group roles, the migrations, ownership, row security and grants."""
    _require_postgres(engine)
    with engine.begin() as conn:
        server_roles.ensure_roles(conn)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (migrate.ADVISORY_LOCK,))
        server_roles.apply_grants(conn)


def check_login(login: str) -> str:
    """The login name, if it is a plain lower-case name that is not one of the app's roles."""
    if not LOGIN_PATTERN.match(login) or login.startswith("inkop_") or login.startswith("pg_"):
        raise ValidationError(
            f"Inloggningsnamnet {login!r} går inte att använda: bara små bokstäver a–z, siffror, "
            "punkt, bindestreck och understreck, och inte ”inkop_” eller ”pg_” först."
        )
    return login


def _person(conn: Connection, who: str) -> tuple[uuid.UUID, str, str]:
    """(id, name, login) of the active person with id or e-mail *who*."""
    try:
        key: object = uuid.UUID(who)
        where = "id = :who"
    except ValueError:
        key, where = who.strip().lower(), "lower(email) = :who"
    rows = conn.execute(
        text(f"SELECT id, name, login FROM person WHERE {where} AND active"), {"who": key}
    ).all()
    if len(rows) != 1:
        found = "finns inte" if not rows else "är inte entydig"
        raise NotFoundError(f"Personen {who} {found} bland de aktiva personerna.")
    return rows[0][0], str(rows[0][1]), str(rows[0][2])


def groups_of(conn: Connection, person_id: uuid.UUID, day: date | None = None) -> tuple[str, ...]:
    """The group roles of a person: läsare, and one per app role valid on *day*."""
    roles = conn.execute(
        text(
            "SELECT DISTINCT role FROM person_role WHERE person_id = :p "
            "AND (valid_from IS NULL OR valid_from <= :d) AND (valid_to IS NULL OR valid_to >= :d)"
        ),
        {"p": person_id, "d": day or date.today()},
    ).scalars()
    held = {Role(r) for r in roles if r in {role.value for role in Role}}
    return (LASARE, *(GROUPS[role] for role in Role if role in held))


def add_user(engine: Engine, login: str, person: str, password: str | None) -> AddedUser:
    """Create or update the login role of a person, with exactly the person's group roles."""
    _require_postgres(engine)
    check_login(login)
    with engine.begin() as conn:
        person_id, name, current = _person(conn, person)
        _link_login(conn, person_id, login, current)
        groups = groups_of(conn, person_id)
        verb = "ALTER" if _role_exists(conn, login) else "CREATE"
        attributes = "LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
        secret = _password(conn, login, password)
        conn.exec_driver_sql(f"{verb} ROLE {quoted(login)} {attributes}{secret}")
        conn.exec_driver_sql(f"REVOKE {', '.join(ALL_GROUPS)} FROM {quoted(login)}")
        conn.exec_driver_sql(f"GRANT {', '.join(groups)} TO {quoted(login)}")
    return AddedUser(login, name, groups)


def _password(conn: Connection, login: str, password: str | None) -> str:
    """The PASSWORD clause with a SCRAM verifier hashed by libpq (no clear text is sent)."""
    if not password:
        return ""
    raw = conn.connection.dbapi_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    verifier: bytes = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
    return " PASSWORD '" + verifier.decode("ascii").replace("'", "''") + "'"


def _link_login(conn: Connection, person_id: uuid.UUID, login: str, current: str) -> None:
    """The person's ``login`` becomes the role's name (the app maps ``current_user`` by it)."""
    if current == login:
        return
    taken = conn.execute(
        text("SELECT name FROM person WHERE login = :l AND id <> :p"), {"l": login, "p": person_id}
    ).scalar_one_or_none()
    if taken is not None:
        raise ValidationError(f"Inloggningsnamnet {login} används redan av {taken}.")
    conn.execute(
        text(
            "UPDATE person SET login = :l, version = version + 1, updated_at = now(), "
            "updated_by = current_user WHERE id = :p"
        ),
        {"l": login, "p": person_id},
    )


def _role_exists(conn: Connection, login: str) -> bool:
    """True when a role named *login* exists on the server."""
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
    return found.first() is not None


def remove_user(engine: Engine, login: str) -> None:
    """Drop a person's login role (only one that is a member of the app's läsare role)."""
    _require_postgres(engine)
    check_login(login)
    with engine.begin() as conn:
        member = conn.execute(
            text(
                "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
                "JOIN pg_roles g ON g.oid = m.roleid "
                "WHERE r.rolname = :n AND g.rolname = :g AND NOT r.rolsuper"
            ),
            {"n": login, "g": LASARE},
        ).first()
        if not member:
            raise NotFoundError(f"Det finns ingen inloggning {login} för appen på servern.")
        conn.exec_driver_sql(f"DROP ROLE {quoted(login)}")
