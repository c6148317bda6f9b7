"""psql as attacker: per-person logins on a database set up by ``inkop db init-server``.

PostgreSQL only (roles, grants and row security do not exist in SQLite). The test suite runs
as a superuser, which bypasses row security; these tests connect as the created login roles.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import psycopg
import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from inkop_desktop.db import migrate, server_roles
from inkop_desktop.db.audit import verify_chain
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.server_setup import add_user, init_server, remove_user
from inkop_desktop.db.tables import (
    DeclaredInterest,
    DirectAward,
    JavDeclaration,
    Participant,
    Person,
    PersonRole,
    Quote,
    Supplier,
)
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.connection import connect
from tests.conftest import PgServer, _admin

pytestmark = pytest.mark.postgres
REFUSED = (psycopg.errors.InsufficientPrivilege, psycopg.errors.CheckViolation)
"""Permission denied, or (where the role may write the table) the signed-record trigger."""


@dataclass(frozen=True)
class Server:
    """The test database after init-server, its admin engine and two logins."""

    server: PgServer
    name: str
    engine: Engine
    alice: str  # upphandlare, requester of award A, declares on A
    bob: str  # budgetansvarig, decision maker of award B, declares on B
    awards: dict[str, uuid.UUID]
    others: dict[Role, str]  # one login for each other role, named on no procurement

    @property
    def logins(self) -> list[str]:
        """Every login: one per group role."""
        return [self.alice, self.bob, *self.others.values()]

    def dsn(self, login: str) -> str:
        """A libpq connection string as *login* (trust auth: the password is not checked)."""
        return (
            self.server.database_url(self.name)
            .set(drivername="postgresql", username=login)
            .render_as_string(hide_password=False)
        )


def _person(s: Session, login: str, name: str, role: Role) -> uuid.UUID:
    """A person holding *role*, with an e-mail add-user can find them by."""
    person = Person(version=1, name=name, login=f"pre-{login}", email=f"{login}@region.se")
    s.add(person)
    s.flush()
    s.add(PersonRole(version=1, person_id=person.id, role=role.value))
    return person.id


def _award(
    s: Session, number: str, status: str, supplier: uuid.UUID, **people: object
) -> uuid.UUID:
    """A direct award with one quote (signed after the quote, as the app does)."""
    award = DirectAward(
        version=1, diarienummer=number, region="SRM", title=f"Inköp {number}", cpv="30192000",
        same_kind_key="30192", value_ore=5_000_000, legal_ground="under_grans",
        award_date=date(2026, 3, 1), status="klar" if status == "signerad" else status, **people,
    )  # fmt: skip
    s.add(award)
    s.flush()
    s.add(Quote(version=1, direct_award_id=award.id, supplier_id=supplier, amount_ore=4_900_000,
                received_on=date(2026, 2, 20)))  # fmt: skip
    s.flush()
    if status == "signerad":
        award.status, award.signed_at, award.signature_method = status, datetime.now(UTC), "pades"
        s.flush()
    return award.id


def _declare(s: Session, award: uuid.UUID, person: uuid.UUID) -> None:
    """The person takes part in the award and declares."""
    participant = Participant(version=1, direct_award_id=award, person_id=person, role="deltagare",
                              added_on=date(2026, 2, 1))  # fmt: skip
    s.add(participant)
    s.flush()
    declaration = JavDeclaration(version=1, participant_id=participant.id, version_no=1)
    s.add(declaration)
    s.flush()
    s.add(DeclaredInterest(version=1, declaration_id=declaration.id, kind="agare",
                           company_name="Kontorsvaror AB"))  # fmt: skip


def _seed(engine: Engine, alice: str, bob: str, others: dict[Role, str]) -> dict[str, uuid.UUID]:
    """A person per role, two secret awards and one signed award, with declarations."""
    with Session(engine) as s, s.begin():
        supplier = Supplier(version=1, name="Kontorsvaror AB", name_key="kontorsvaror ab",
                            orgnr="556036-0793", vat_number="SE556036079301")  # fmt: skip
        s.add(supplier)
        s.flush()
        a = _person(s, alice, "Alice Upphandlare", Role.UPPHANDLARE)
        b = _person(s, bob, "Bob Budgetansvarig", Role.BUDGETANSVARIG)
        for role, other in others.items():
            _person(s, other, f"Person {role.label}", role)
        awards = {
            "A": _award(s, "RS 2026-1", "utkast", supplier.id, requester_id=a),
            "B": _award(s, "RS 2026-2", "klar", supplier.id, decision_maker_id=b),
            "signed": _award(s, "RS 2026-3", "signerad", supplier.id, decision_maker_id=b),
        }
        _declare(s, awards["A"], a)
        _declare(s, awards["B"], b)
    return awards


@pytest.fixture(scope="module")
def served(pg_server: PgServer) -> Iterator[Server]:
    """A fresh database set up with init-server (twice: it is idempotent) and two logins."""
    name = f"inkop_sec_{uuid.uuid4().hex[:12]}"
    tag = uuid.uuid4().hex[:6]
    alice, bob = f"alice_{tag}", f"bob_{tag}"
    others = {
        r: f"{r.value}_{tag}" for r in (Role.MEDARBETARE, Role.INKOPSCHEF, Role.ADMINISTRATOR)
    }
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    try:
        init_server(engine)
        admin_url = pg_server.database_url(name).render_as_string(hide_password=False)
        connect(admin_url, actor="postgres").close()  # the shipped reference values, as cmd does
        awards = _seed(engine, alice, bob, others)
        init_server(engine)
        add_user(engine, alice, f"{alice}@region.se", "hemligt-a")
        add_user(engine, bob, f"{bob}@REGION.se", "hemligt-b")
        for other in others.values():
            add_user(engine, other, f"{other}@region.se", None)
        yield Server(pg_server, name, engine, alice, bob, awards, others)
    finally:
        engine.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
        for login in (alice, bob, *others.values()):
            with contextlib.suppress(Exception):
                _admin(pg_server, "DROP ROLE IF EXISTS {}", login)


@contextlib.contextmanager
def login(served: Server, who: str) -> Iterator[psycopg.Connection]:
    """A psql-like autocommit connection as the login *who*."""
    with psycopg.connect(served.dsn(who), autocommit=True, connect_timeout=10) as conn:
        yield conn


def _count(conn: psycopg.Connection, sql: str, *args: object) -> int:
    """The single number a query returns."""
    row = conn.execute(sql, args).fetchone()
    assert row is not None
    return int(row[0])


def test_each_login_sees_only_its_own_procurements_secret_quotes(served: Server) -> None:
    quotes = "SELECT count(*) FROM quote WHERE direct_award_id = %s"
    with login(served, served.alice) as conn:
        assert _count(conn, quotes, served.awards["A"]) == 1
        assert _count(conn, quotes, served.awards["B"]) == 0
        assert _count(conn, quotes, served.awards["signed"]) == 1  # public once signed
    with login(served, served.bob) as conn:
        assert _count(conn, quotes, served.awards["A"]) == 0
        assert _count(conn, quotes, served.awards["B"]) == 1


def test_others_see_no_secrets_and_the_inkopschef_sees_them_all(served: Server) -> None:
    quotes, declarations = "SELECT count(*) FROM quote", "SELECT count(*) FROM jav_declaration"
    for role in (Role.MEDARBETARE, Role.ADMINISTRATOR):
        with login(served, served.others[role]) as conn:
            assert _count(conn, quotes) == 1  # only the signed award's
            assert _count(conn, declarations) == 0
            assert _count(conn, "SELECT count(*) FROM declared_interest") == 0
    with login(served, served.others[Role.INKOPSCHEF]) as conn:
        assert _count(conn, quotes) == 3
        assert _count(conn, declarations) == 2


def test_each_login_sees_only_its_own_declarations(served: Server) -> None:
    mine = (
        "SELECT count(*) FROM jav_declaration d JOIN participant p ON p.id = d.participant_id "
        "WHERE p.direct_award_id = %s"
    )
    with login(served, served.alice) as conn:
        assert _count(conn, "SELECT count(*) FROM jav_declaration") == 1
        assert _count(conn, "SELECT count(*) FROM declared_interest") == 1  # of 2
        assert _count(conn, mine, served.awards["B"]) == 0
    with login(served, served.bob) as conn:
        assert _count(conn, mine, served.awards["A"]) == 0
        assert _count(conn, mine, served.awards["B"]) == 1


def test_a_login_cannot_write_a_secret_quote_into_another_procurement(served: Server) -> None:
    with login(served, served.alice) as conn:
        assert _count(conn, "SELECT count(*) FROM supplier") == 1
        sql = (
            "INSERT INTO quote (id, version, created_at, created_by, updated_at, updated_by, "
            "direct_award_id, supplier_id, amount_ore, received_on, received_how, notes) "
            "SELECT gen_random_uuid(), 1, now(), '', now(), '', %s, id, 1, current_date, '', '' "
            "FROM supplier"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(sql, (served.awards["B"],))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET summary = 'x'",
        "DELETE FROM audit_entry",
        "TRUNCATE audit_entry",
        "INSERT INTO audit_entry (at, actor, action, table_name, row_id, summary, prev_hash, "
        "hash) VALUES (now(), 'x', 'update', 'supplier', 'x', 'x', 'x', 'x')",
        "INSERT INTO audit_staging (txid, actor, action, table_name, row_id, summary) "
        "VALUES (txid_current(), 'någon', 'update', 'supplier', 'x', 'x')",
        "SELECT inkop_audit_chain()",
        "ALTER TABLE supplier DISABLE TRIGGER trg_audit_row",
        "UPDATE direct_award SET title = 'x' WHERE status = 'signerad'",
        "DELETE FROM direct_award WHERE status = 'signerad'",
        "TRUNCATE direct_award CASCADE",
        "ALTER TABLE direct_award DISABLE TRIGGER USER",
        "ALTER TABLE direct_award OWNER TO {me}",
        "ALTER TABLE quote NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY inkop_secret ON quote",
        "SET ROLE {other}",
        "SET session_replication_role = replica",
        "SET ROLE inkop_owner",
    ],
)
def test_attacks_by_every_login_fail(served: Server, statement: str) -> None:
    logins = served.logins
    for me, other in zip(logins, logins[1:] + logins[:1], strict=True):
        with login(served, me) as conn:
            if "audit_entry" in statement and statement.startswith(("UPDATE", "DELETE")):
                assert _count(conn, "SELECT count(*) FROM audit_entry") > 0  # there is a target
            with pytest.raises(REFUSED):
                conn.execute(statement.format(me=f'"{me}"', other=f'"{other}"'))
    with served.engine.connect() as admin:
        assert admin.execute(text("SELECT count(*) FROM direct_award")).scalar_one() == 3


def test_signed_award_cannot_be_changed_even_by_its_decision_maker(served: Server) -> None:
    with login(served, served.bob) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(
            "UPDATE direct_award SET title = 'x' WHERE id = %s", (served.awards["signed"],)
        )


def test_catalog_row_security_ownership_and_security_definer_functions(served: Server) -> None:
    with served.engine.connect() as conn:
        forced = conn.execute(
            text(
                "SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity "
                "AND relnamespace = 'public'::regnamespace"
            )
        ).scalars()
        assert set(forced) >= {"quote", "jav_declaration", "declared_interest", "jav_assessment"}
        for who in served.logins:
            owned = conn.execute(
                text(
                    "SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) "
                    "+ (SELECT count(*) FROM pg_proc WHERE proowner = r.oid) "
                    "+ (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) "
                    "FROM pg_roles r WHERE rolname = :n"
                ),
                {"n": who},
            ).scalar_one()
            assert owned == 0
        not_owner = conn.execute(
            text(
                "SELECT count(*) FROM pg_class c WHERE relnamespace = 'public'::regnamespace "
                "AND pg_get_userbyid(relowner) <> :o"
            ),
            {"o": server_roles.OWNER},
        ).scalar_one()
        assert not_owner == 0
        definers = conn.execute(
            text(
                "SELECT proname, proconfig, has_function_privilege('public', p.oid, 'EXECUTE') "
                "FROM pg_proc p WHERE prosecdef AND pronamespace = 'public'::regnamespace"
            )
        ).all()
        assert {"inkop_audit_row", "inkop_audit_truncate", "inkop_audit_chain"} <= {
            name for name, _config, _public in definers
        }
        for name, config, public in definers:
            assert any(c.startswith("search_path=") for c in config or []), name
            assert not public, name


def test_a_login_opens_the_app_reads_and_makes_a_permitted_write(served: Server) -> None:
    url = served.server.database_url(served.name).set(username=served.alice)
    connection = connect(url.render_as_string(hide_password=False), actor="ignored")
    try:
        assert connection.actor == served.alice
        me = connection.services.people.me()
        assert me.roles == frozenset({Role.UPPHANDLARE})
        saved = connection.services.suppliers.create(
            {"name": "Ny Leverantör AB", "orgnr": "556677-8899", "city": "Eskilstuna"}
        )
        assert saved.name == "Ny Leverantör AB"
    finally:
        connection.close()
    with login(served, served.bob) as conn:
        assert _count(conn, "SELECT count(*) FROM supplier WHERE name = 'Ny Leverantör AB'") == 1
        audit = "SELECT count(*) FROM audit_entry WHERE actor = %s AND table_name = 'supplier'"
        assert _count(conn, audit, served.alice) == 1


def test_a_budgetansvarig_may_not_write_contracts(served: Server) -> None:
    with login(served, served.bob) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE contract SET title = title")


def test_add_user_gives_exactly_the_persons_groups_and_remove_user_drops_the_login(
    served: Server,
) -> None:
    member = (
        "SELECT array_agg(g.rolname::text ORDER BY g.rolname) FROM pg_auth_members m "
        "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
        "WHERE r.rolname = :n"
    )
    with served.engine.connect() as conn:
        groups = conn.execute(text(member), {"n": served.bob}).scalar_one()
    assert groups == ["inkop_budgetansvarig", "inkop_lasare"]
    temp = f"tmp_{uuid.uuid4().hex[:6]}"
    add_user(served.engine, temp, f"{served.alice}@region.se", None)
    remove_user(served.engine, temp)
    add_user(served.engine, served.alice, f"{served.alice}@region.se", "nytt")  # back again
    with served.engine.connect() as conn:
        gone = conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": temp})
        assert gone.scalar_one() == 0


def test_remove_user_refuses_a_role_that_is_not_an_app_login(served: Server) -> None:
    from inkop_desktop.domain.errors import NotFoundError

    with pytest.raises(NotFoundError):
        remove_user(served.engine, "postgres")


def _out_of_step(conn: Connection) -> list[str]:
    """Tables not owned by the owner, or whose grants differ from the permission table."""
    problems: list[str] = []
    tables = conn.execute(
        text("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'")
    ).all()
    for table, owner in tables:
        if owner != server_roles.OWNER:
            problems.append(f"{table} ägs av {owner}")
        for role, group in server_roles.GROUPS.items():
            may = {
                p: bool(conn.execute(text("SELECT has_table_privilege(:g, :t, :p)"),
                                     {"g": group, "t": f'public."{table}"', "p": p}).scalar_one())
                for p in ("SELECT", "UPDATE", "DELETE")
            }  # fmt: skip
            writes = table in server_roles.written_by(role) and table != server_roles.AUDIT
            if may != {"SELECT": True, "UPDATE": writes, "DELETE": writes}:
                problems.append(f"{group} på {table}: {may}")
    return problems


def test_every_migration_keeps_ownership_and_grants_in_step(pg_server: PgServer) -> None:
    name = f"inkop_up_{uuid.uuid4().hex[:12]}"
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    revisions = [
        r.revision for r in reversed(list(migrate.script_directory(engine).walk_revisions()))
    ]
    try:
        migrate.upgrade(engine, revision=revisions[0])
        with engine.begin() as conn:
            server_roles.ensure_roles(conn)
            server_roles.apply_grants(conn)
        for revision in revisions[1:]:
            migrate.upgrade(engine, revision=revision)
            with engine.connect() as conn:
                assert _out_of_step(conn) == [], revision
        with engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT has_table_privilege('inkop_upphandlare', 'number_series', 'UPDATE'), "
                    "has_table_privilege('inkop_lasare', 'alembic_version', 'SELECT'), "
                    "has_table_privilege('inkop_lasare', 'quote', 'SELECT')"
                )
            ).one()
        assert tuple(row) == (True, True, False)  # number_series came with 0005
    finally:
        engine.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def test_the_command_line_sets_up_adds_and_removes_a_login_without_clear_text_password(
    served: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from inkop_desktop.cli import NEW_PASSWORD_ENV, main

    url = served.server.database_url(served.name).render_as_string(hide_password=False)
    assert main(["db", "init-server", "--url", url]) == 0  # a third time: still fine
    temp = f"cli_{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv(NEW_PASSWORD_ENV, "Sommar-2026!")
    assert main(["db", "add-user", temp, "--person", f"{served.bob}@region.se", "--url", url]) == 0
    with served.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": temp}
        ).scalar_one()
    assert stored.startswith("SCRAM-SHA-256$")
    assert "Sommar-2026!" not in stored
    assert main(["db", "remove-user", temp, "--url", url]) == 0
    assert main(["db", "remove-user", temp, "--url", url]) == 2
    out = capsys.readouterr()
    assert "Sommar-2026!" not in out.out + out.err
    assert f"Det finns ingen inloggning {temp}" in out.err
    add_user(served.engine, served.bob, f"{served.bob}@region.se", None)  # bob's login back


def test_a_psql_write_is_audited_with_the_login_and_secret_rows_stay_out_of_the_trail(
    served: Server,
) -> None:
    with login(served, served.alice) as conn:
        conn.execute(
            "UPDATE supplier SET city = 'Västerås', version = version + 1 "
            "WHERE name = 'Kontorsvaror AB'"
        )
        entry = conn.execute(
            "SELECT actor, summary, old_row, new_row FROM audit_entry "
            "WHERE table_name = 'supplier' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        quotes = conn.execute("SELECT new_row FROM audit_entry WHERE table_name = 'quote'")
        stored = [str(r[0]) for r in quotes]
    assert entry is not None and entry[:2] == (served.alice, "city")
    assert '"city": "Västerås"' in entry[3] and '"city": "Västerås"' not in entry[2]
    assert len(stored) == 3 and not any("amount_ore" in r or "supplier_id" in r for r in stored)
    with Session(served.engine) as s:
        assert verify_chain(s).broken is None
