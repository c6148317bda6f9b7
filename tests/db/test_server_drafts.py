"""psql as attacker, drafts and self-naming: every group role against another person's awards.

PostgreSQL only. Bob (budgetansvarig) has a draft and a finished record, each with a secret
quote; Alice (upphandlare) requests a draft of her own decided by Bob, on whose roster Mia
(medarbetare) has a signed jäv declaration Alice may not read.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from inkop_desktop.db import server_awards
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.server_setup import add_user, init_server
from inkop_desktop.db.tables import (
    DirectAward,
    JavDeclaration,
    Participant,
    Person,
    PersonRole,
    Quote,
    Supplier,
)
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.services.connection import connect
from inkop_desktop.services.dto import ListQuery
from tests.conftest import PgServer, _admin

pytestmark = pytest.mark.postgres
ROLES = {"alice": Role.UPPHANDLARE, "bob": Role.BUDGETANSVARIG, "mia": Role.MEDARBETARE,
         "berit": Role.BUDGETANSVARIG, "chef": Role.INKOPSCHEF, "adam": Role.ADMINISTRATOR,
         "lars": None}  # fmt: skip
"""One login per group role (lars holds no app role: läsare only)."""


@dataclass(frozen=True)
class Drafts:
    """The database, its admin engine, the logins by first name and the seeded ids."""

    server: PgServer
    name: str
    engine: Engine
    logins: dict[str, str]
    ids: dict[str, uuid.UUID]

    def url(self, who: str) -> str:
        """A connection URL as *who* (trust auth)."""
        url = self.server.database_url(self.name).set(username=self.logins[who])
        return url.render_as_string(hide_password=False)

    def dsn(self, who: str) -> str:
        """A libpq connection string as *who*."""
        url = self.server.database_url(self.name)
        url = url.set(drivername="postgresql", username=self.logins[who])
        return url.render_as_string(hide_password=False)


def _award(s: Session, number: str, status: str, author: str, **people: object) -> uuid.UUID:
    """A direct award of 100 000 kr (same kind 301) registered by *author*, with one quote."""
    award = DirectAward(
        version=1, diarienummer=number, region="SRM", title=f"Inköp {number}", cpv="30192000",
        same_kind_key="301", value_ore=10_000_000, legal_ground="under_grans",
        award_date=date(2026, 3, 1), status=status, created_by=author, **people,
    )  # fmt: skip
    s.add(award)
    s.flush()
    supplier = s.query(Supplier).one()
    s.add(Quote(version=1, direct_award_id=award.id, supplier_id=supplier.id,
                amount_ore=9_900_000, received_on=date(2026, 2, 20)))  # fmt: skip
    return award.id


def _seed(engine: Engine, logins: dict[str, str]) -> dict[str, uuid.UUID]:
    """The people, Bob's draft and finished record, Alice's draft and Mia's declaration."""
    ids: dict[str, uuid.UUID] = {}
    with Session(engine) as s, s.begin():
        s.add(Supplier(version=1, name="Kontorsvaror AB", name_key="kontorsvaror ab",
                       orgnr="556036-0793", vat_number="SE556036079301"))  # fmt: skip
        for who, role in ROLES.items():
            person = Person(version=1, name=who.title(), login=f"pre-{logins[who]}",
                            email=f"{logins[who]}@region.se")  # fmt: skip
            s.add(person)
            s.flush()
            if role is not None:
                s.add(PersonRole(version=1, person_id=person.id, role=role.value))
            ids[who] = person.id
        bob, alice = logins["bob"], logins["alice"]
        ids["bobs_draft"] = _award(s, "RS 2026-1", "utkast", bob, decision_maker_id=ids["bob"])
        ids["bobs_klar"] = _award(s, "RS 2026-2", "klar", bob, decision_maker_id=ids["bob"])
        ids["alices"] = _award(s, "RS 2026-3", "utkast", alice, requester_id=ids["alice"],
                               decision_maker_id=ids["bob"])  # fmt: skip
        mia = Participant(version=1, direct_award_id=ids["alices"], person_id=ids["mia"],
                          role="Sakkunnig", added_on=date(2026, 2, 1))  # fmt: skip
        s.add(mia)
        s.flush()
        signed = datetime.now(UTC)
        declaration = JavDeclaration(version=1, participant_id=mia.id, version_no=1,
                                     secrecy_accepted=True, signed_at=signed)  # fmt: skip
        s.add(declaration)
        s.flush()
        ids["mias_declaration"] = declaration.id
    return ids


@pytest.fixture(scope="module")
def drafts(pg_server: PgServer) -> Iterator[Drafts]:
    """A fresh database set up with init-server, seeded, with a login per person."""
    name = f"inkop_drafts_{uuid.uuid4().hex[:12]}"
    tag = uuid.uuid4().hex[:6]
    logins = {who: f"{who}_{tag}" for who in ROLES}
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    try:
        init_server(engine)
        admin_url = pg_server.database_url(name).render_as_string(hide_password=False)
        connect(admin_url, actor="postgres").close()  # the shipped reference values
        ids = _seed(engine, logins)
        for login in logins.values():
            add_user(engine, login, f"{login}@region.se", None)
        yield Drafts(pg_server, name, engine, logins, ids)
    finally:
        engine.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
        for login in logins.values():
            with contextlib.suppress(Exception):
                _admin(pg_server, "DROP ROLE IF EXISTS {}", login)


@contextlib.contextmanager
def psql(drafts: Drafts, who: str) -> Iterator[psycopg.Connection]:
    """A connection as *who*; whatever it did is rolled back at the end."""
    with psycopg.connect(drafts.dsn(who), connect_timeout=10) as conn:
        try:
            yield conn
        finally:
            conn.rollback()


def _count(conn: psycopg.Connection, sql: str, *args: object) -> int:
    """The single number a query returns."""
    row = conn.execute(sql, args).fetchone()
    assert row is not None
    return int(row[0])


AWARD = "SELECT count(*) FROM direct_award WHERE id = %s"
QUOTES = "SELECT count(*) FROM quote WHERE direct_award_id = %s"


def test_every_group_role_sees_none_of_another_persons_drafts(drafts: Drafts) -> None:
    draft = drafts.ids["bobs_draft"]
    with psql(drafts, "lars") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(AWARD, (draft,))  # a läsare reads the avtalskatalog only
    for who in ("alice", "mia", "berit", "adam"):
        with psql(drafts, who) as conn:
            assert _count(conn, AWARD, draft) == 0, who
            assert _count(conn, QUOTES, draft) == 0, who
            assert _count(conn, AWARD, drafts.ids["bobs_klar"]) == 1, who  # finished: listed
    for who in ("alice", "berit"):  # they may edit direct awards, but not this one
        with psql(drafts, who) as conn:
            assert conn.execute("UPDATE direct_award SET title = 'x' WHERE id = %s",
                                (draft,)).rowcount == 0  # fmt: skip
    for who in ("bob", "chef"):
        with psql(drafts, who) as conn:
            assert _count(conn, AWARD, draft) == 1, who
    with psql(drafts, "mia") as conn:  # on the roster of Alice's draft
        assert _count(conn, AWARD, drafts.ids["alices"]) == 1


EDITORS = ("alice", "berit")
"""Both may edit direct awards; only Alice (upphandlare) may edit rosters."""


@pytest.mark.parametrize(
    ("statement", "error"),
    [
        ("UPDATE direct_award SET requester_id = %(me)s WHERE id = %(award)s", "offerterna"),
        ("UPDATE direct_award SET decision_maker_id = %(me)s WHERE id = %(award)s", "offerterna"),
        ("UPDATE direct_award SET created_by = session_user WHERE id = %(award)s", "offerterna"),
        ("UPDATE direct_award SET status = 'utkast', requester_id = %(me)s WHERE id = %(award)s",
         "offerterna"),
        ("UPDATE direct_award SET status = 'utkast' WHERE id = %(award)s", "row-level security"),
        ("INSERT INTO participant (id, version, created_at, created_by, updated_at, updated_by,"
         " direct_award_id, person_id, role, added_on, removal_reason) VALUES"
         " (gen_random_uuid(), 1, now(), '', now(), '', %(award)s, %(me)s, 'x', current_date, '')",
         "offerterna"),
        ("UPDATE participant SET person_id = %(me)s, direct_award_id = %(award)s", "offerterna"),
    ],
)  # fmt: skip
def test_naming_oneself_does_not_reveal_the_quotes(
    drafts: Drafts, statement: str, error: str
) -> None:
    award = drafts.ids["bobs_klar"]
    for who in EDITORS if statement.startswith("UPDATE direct_award") else EDITORS[:1]:
        with psql(drafts, who) as conn:
            me = {"me": drafts.ids[who], "award": award}
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match=error):
                conn.execute(statement, me)
            conn.rollback()
            assert _count(conn, QUOTES, award) == 0
    with psql(drafts, "bob") as conn:  # naming himself where he already reads them is fine
        conn.execute("UPDATE direct_award SET requester_id = %s WHERE id = %s",
                     (drafts.ids["bob"], award))  # fmt: skip
        assert _count(conn, QUOTES, award) == 1


def test_the_supplier_flag_reaches_a_declaration_the_actor_cannot_read(drafts: Drafts) -> None:
    declaration = "SELECT count(*) FROM jav_declaration WHERE id = %s"
    with psql(drafts, "alice") as conn:
        assert _count(conn, declaration, drafts.ids["mias_declaration"]) == 0
    app = connect(drafts.url("alice"), actor="ignored")
    try:
        award = app.services.direct_awards.get(drafts.ids["alices"])
        supplier = app.services.suppliers.create({"name": "Ny Leverantör AB",
                                                  "orgnr": "556677-8899"})  # fmt: skip
        app.services.direct_awards.add_quote(
            award.id,
            award.version,
            {"supplier_id": supplier.id, "amount": "50 000", "received_on": date(2026, 2, 21)},
        )
    finally:
        app.close()
    with drafts.engine.connect() as admin:
        flagged, version = admin.execute(
            text("SELECT needs_confirmation, version FROM jav_declaration WHERE id = :d"),
            {"d": drafts.ids["mias_declaration"]},
        ).one()
    assert flagged and version == 2
    with psql(drafts, "alice") as conn:
        assert _count(conn, declaration, drafts.ids["mias_declaration"]) == 0  # still secret
        mark = "SELECT inkop_mark_suppliers_known(NULL, %s)"
        assert _count(conn, mark, drafts.ids["alices"]) == 1  # only how many
    with psql(drafts, "mia") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(mark, (drafts.ids["alices"],))


def test_the_list_and_the_same_kind_total_work_with_hidden_drafts(drafts: Drafts) -> None:
    seen: dict[str, tuple[set[str], list[int]]] = {}
    for who in ("berit", "chef"):
        app = connect(drafts.url(who), actor="ignored")
        try:
            service = app.services.direct_awards
            listed = {r.diarienummer for r in service.list(ListQuery()).rows}
            totals = service.running_totals(Parties.SORMLAND, "301", date(2026, 4, 1),
                                            10_000_000, None)  # fmt: skip
            seen[who] = listed, [t.total_ore for t in totals]
        finally:
            app.close()
    assert seen["berit"][0] == {"RS 2026-2"}
    assert seen["chef"][0] == {"RS 2026-1", "RS 2026-2", "RS 2026-3"}
    assert seen["berit"][1] == seen["chef"][1] == [20_000_000]  # Bob's finished one counts


def test_catalog_the_draft_policy_guards_and_new_functions(drafts: Drafts) -> None:
    with drafts.engine.connect() as conn:
        forced = conn.execute(text(
            "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class "
            "WHERE oid = 'public.direct_award'::regclass")).scalar_one()  # fmt: skip
        assert forced
        triggers = conn.execute(text(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'inkop_self_naming' "
            "AND tgenabled = 'O'")).scalars()  # fmt: skip
        assert set(triggers) == {"direct_award", "participant", "person"}
        for function in server_awards.FUNCTIONS:
            definer, config, public = conn.execute(
                text("SELECT prosecdef, proconfig, has_function_privilege('public', :f, "
                     "'EXECUTE') FROM pg_proc WHERE oid = CAST(:f AS regprocedure)"),
                {"f": function},
            ).one()  # fmt: skip
            assert definer and not public, function
            assert "search_path=pg_catalog, public" in config, function
        may_mark = {
            group: conn.execute(text("SELECT has_function_privilege(:g, :f, 'EXECUTE')"),
                                {"g": group, "f": server_awards.MARK}).scalar_one()
            for group in ("inkop_lasare", "inkop_medarbetare", "inkop_administrator",
                          "inkop_budgetansvarig", "inkop_upphandlare", "inkop_inkopschef")
        }  # fmt: skip
    assert [g for g, may in may_mark.items() if may] == [
        "inkop_budgetansvarig", "inkop_upphandlare", "inkop_inkopschef"]  # fmt: skip


def test_an_administrator_who_gives_themselves_inkopschef_or_a_login_reads_no_secret(
    drafts: Drafts,
) -> None:
    become_bob = "UPDATE person SET login = session_user WHERE id = %s"
    refused = pytest.raises(psycopg.errors.InsufficientPrivilege, match="inkop db add-user")
    with psql(drafts, "adam") as conn, refused:
        conn.execute(become_bob, (drafts.ids["bob"],))
    with psql(drafts, "adam") as conn:
        conn.execute("INSERT INTO person_role (id, version, created_at, created_by, updated_at, "
                     "updated_by, person_id, role) VALUES (gen_random_uuid(), 1, now(), '', "
                     "now(), '', %s, 'inkopschef')", (drafts.ids["adam"],))  # fmt: skip
        assert _count(conn, AWARD, drafts.ids["bobs_draft"]) == 0
        assert _count(conn, QUOTES, drafts.ids["bobs_klar"]) == 0
