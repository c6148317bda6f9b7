"""The shared PostgreSQL server's roles and grants, derived from the permission table.

A non-login owner role owns every table, sequence and function; one non-login group role per
app role holds the grants; each person logs in with their own login role, which owns nothing
and is only a member of group roles. What a group may write follows ``PERMISSIONS``: the
tables the acts of its role write (``ACT_WRITES``). Everything here is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PERMISSIONS, Act

OWNER = "inkop_owner"
LASARE = "inkop_lasare"
GROUPS: dict[Role, str] = {role: f"inkop_{role.value}" for role in Role}
ALL_GROUPS = (LASARE, *GROUPS.values())
AUDIT = "audit_entry"
WRITE = ("INSERT", "UPDATE", "DELETE")

CATALOGUE = (
    "contract", "contract_supplier", "contract_option", "contract_amendment", "supplier",
    "supplier_contact", "organisation", "person", "person_role", "reference_value",
    "alembic_version",
)  # fmt: skip
"""What a läsare reads: the avtalskatalog, and who they are (person, roles, reference data)."""

_PLAN = ("plan_item", "plan_item_party", "plan_item_cpv", "plan_item_bidder", "number_series")
_CONTRACT = ("contract", "contract_supplier", "contract_option", "contract_amendment")
_FOLLOWUP = (
    "followup_plan", "followup_plan_template", "followup", "followup_result", "followup_action",
    "followup_contact",
)  # fmt: skip
OFFLINE = "offline_operation"
"""Written (through inkop_offline_apply, own rows only) by the acts that can be done offline."""
ACT_WRITES: dict[Act, tuple[str, ...]] = {
    Act.PLAN_CREATE: (*_PLAN, "avsteg", OFFLINE),
    Act.PLAN_NEED: (*_PLAN, OFFLINE),
    Act.PLAN_EDIT: (*_PLAN, "avsteg", "attachment", OFFLINE),
    Act.PLAN_STATUS: ("plan_item", "avsteg"),
    Act.PLAN_COORDINATE: ("plan_item", "plan_item_party", "plan_item_cpv"),
    Act.CONTRACT_EDIT: (*_CONTRACT, "attachment", *_PLAN),
    Act.SUPPLIER_EDIT: ("supplier", "supplier_contact", OFFLINE),
    Act.DIRECT_AWARD_EDIT: (
        "direct_award", "quote", "avsteg", "attachment", "number_series", "jav_declaration",
        OFFLINE,
    ),
    Act.DIRECT_AWARD_SIGN: ("direct_award", "attachment"),
    Act.JAV_ROSTER: ("participant", "plan_item_bidder", "jav_declaration"),
    Act.JAV_ASSESS: ("jav_assessment", "jav_declaration"),
    Act.JAV_DECLARE: ("jav_declaration", "declared_interest", OFFLINE),
    Act.FOLLOWUP_PLAN: (*_FOLLOWUP, "attachment"),
    Act.FOLLOWUP_PERFORM: (*_FOLLOWUP, "attachment", OFFLINE),
    Act.AVSTEG_REPORT: ("avsteg",),
    Act.AVSTEG_HANDLE: ("avsteg",),
    Act.COMPLIANCE_IMPORT: ("reskontra_import", "reskontra_row", "reskontra_mapping"),
    Act.INTERNAL_CONTROL_REPORT: (),
    Act.ADMINISTER: (
        "organisation", "person", "person_role", "delegation_rule", "reference_value",
        "followup_template", "followup_template_item", "trusted_issuer",
    ),
}  # fmt: skip
"""The tables each act writes (INSERT, UPDATE, DELETE). No group writes the audit trail or its
staging table: the audit triggers (SECURITY DEFINER, owned by the owner) append to them."""
READS_ONLY = frozenset({Act.INTERNAL_CONTROL_REPORT})
"""Acts that take information out (a report) and write no table."""


def quoted(name: str) -> str:
    """A SQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


def written_by(role: Role) -> frozenset[str]:
    """Every table an act of *role* writes, per the permission table."""
    acts = (act for act, grant in PERMISSIONS.items() if role in grant.roles)
    return frozenset(t for act in acts for t in ACT_WRITES[act])


def role_statements(existing: Iterable[str]) -> list[str]:
    """CREATE ROLE for the owner and group roles that do not exist yet (all NOLOGIN)."""
    have = set(existing)
    return [
        f"CREATE ROLE {quoted(name)} NOLOGIN NOINHERIT"
        for name in (OWNER, *ALL_GROUPS)
        if name not in have
    ]


def ensure_roles(conn: Connection) -> None:
    """Create the owner and group roles that are missing, and open the schema to them."""
    names = [OWNER, *ALL_GROUPS]
    found = conn.execute(
        text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"), {"names": names}
    ).scalars()
    for statement in role_statements(found):
        conn.exec_driver_sql(statement)


def owner_exists(conn: Connection) -> bool:
    """True when this database is set up for per-person logins (owned by the owner role)."""
    found = conn.execute(
        text(
            "SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' "
            "AND t.tablename = 'alembic_version' AND t.tableowner = :owner"
        ),
        {"owner": OWNER},
    ).first()
    return found is not None


def _owned_objects(conn: Connection) -> list[tuple[str, str]]:
    """(kind, quoted name) of every table, sequence, view and function in public."""
    rows = conn.execute(
        text(
            "SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' "
            "ELSE 'TABLE' END, quote_ident(c.relname) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
            "AND c.relkind IN ('r', 'p', 'v', 'S') AND pg_get_userbyid(c.relowner) <> :owner "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid "
            "AND d.deptype IN ('a', 'i') AND c.relkind = 'S') "
            "UNION ALL SELECT 'FUNCTION', p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' "
            "AND p.prokind = 'f' AND pg_get_userbyid(p.proowner) <> :owner "
            "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')"
        ),
        {"owner": OWNER},
    )
    return [(str(kind), str(name)) for kind, name in rows]


def take_ownership(conn: Connection) -> None:
    """Give every object in the schema to the owner role (tables take their serials along)."""
    for kind, name in _owned_objects(conn):
        conn.exec_driver_sql(f"ALTER {kind} {name} OWNER TO {OWNER}")


def grant_statements(tables: Iterable[str]) -> list[str]:
    """REVOKE then GRANT, per group role, on *tables* (the tables of the schema)."""
    present = frozenset(tables)
    groups = ", ".join(ALL_GROUPS)
    out = [f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {groups}"]
    out.append(f"GRANT USAGE ON SCHEMA public TO {groups}")
    for table in sorted(present & set(CATALOGUE)):
        out.append(f"GRANT SELECT ON {quoted(table)} TO {LASARE}")
    for role, group in GROUPS.items():
        out.append(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {group}")
        for table in sorted(present & (written_by(role) - {AUDIT})):
            out.append(f"GRANT {', '.join(WRITE)} ON {quoted(table)} TO {group}")
        out.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {group}")
    return out


def apply_grants(conn: Connection) -> None:
    """Ownership, row security and grants in step with the schema (after every upgrade)."""
    from inkop_desktop.db import server_policies

    take_ownership(conn)
    server_policies.install(conn)
    tables = conn.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ).scalars()
    for statement in grant_statements(tables):
        conn.exec_driver_sql(statement)
    server_policies.grant_functions(conn)
    database = quoted(_database(conn))
    conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {', '.join(ALL_GROUPS)}")


def _database(conn: Connection) -> str:
    """The name of the connected database."""
    return str(conn.execute(text("SELECT current_database()")).scalar_one())
