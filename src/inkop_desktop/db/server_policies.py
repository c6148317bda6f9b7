"""Row-level security on the shared server: secret quotes, jäv declarations and drafts.

The person is found from the login role, never from a setting the client can change: a
SECURITY DEFINER function (owned by the owner role, ``search_path`` pinned, not executable by
PUBLIC) maps ``session_user`` to ``person.id``. Inside a SECURITY DEFINER function
``current_user`` is the function's owner, so the login is read as ``session_user``; a login
cannot switch to another login (it is a member of group roles only), so the two name the same
person. Quotes of a direct award are visible, until the decision is signed, only to its
participants, its decision maker, its requester, the one who registered it and inköpschef; a
jäv declaration (with its interests and assessments) only to the declarer, the procurement's
responsible officer or decision maker, and inköpschef. Inköpschef is a person holding the
role today whose login is also a member of the inköpschef group role (given by
``inkop db add-user``), so an administrator who edits roles in the app does not become one on
the server. Drafts, self-naming and the supplier flag: ``server_awards``. FORCE makes the
owner obey the policies too (its own policy there is for its security-definer functions);
superusers bypass row security, as PostgreSQL always lets them.
"""

from __future__ import annotations

from sqlalchemy import Connection

from inkop_desktop.db import audit_triggers, server_awards, server_roles
from inkop_desktop.domain.organisation import Role

SECRET_TABLES = ("quote", "jav_declaration", "declared_interest", "jav_assessment")
PIN = "SET search_path = pg_catalog, public"
CHEF = server_roles.GROUPS[Role.INKOPSCHEF]
FUNCTIONS = ("inkop_current_person()", "inkop_is_inkopschef()", "inkop_may_see_quotes(uuid)",
             "inkop_may_see_declaration(uuid)", *server_awards.FUNCTIONS)  # fmt: skip

_CURRENT_PERSON = f"""
CREATE OR REPLACE FUNCTION inkop_current_person() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER {PIN} AS $$
  SELECT p.id FROM public.person p WHERE p.login = session_user AND p.active
$$"""

_IS_INKOPSCHEF = f"""
CREATE OR REPLACE FUNCTION inkop_is_inkopschef() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER {PIN} AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.person_role r
    WHERE r.person_id = public.inkop_current_person() AND r.role = 'inkopschef'
      AND pg_has_role(session_user, '{CHEF}', 'MEMBER')
      AND (r.valid_from IS NULL OR r.valid_from <= current_date)
      AND (r.valid_to IS NULL OR r.valid_to >= current_date))
$$"""

_MAY_SEE_QUOTES = f"""
CREATE OR REPLACE FUNCTION inkop_may_see_quotes(award uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER {PIN} AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.direct_award a
    WHERE a.id = award AND (
      a.status IN ('signerad', 'ersatt')
      OR public.inkop_may_see_award(a.id, a.created_by, a.requester_id, a.decision_maker_id)))
$$"""

_MAY_SEE_DECLARATION = f"""
CREATE OR REPLACE FUNCTION inkop_may_see_declaration(participant uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER {PIN} AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.participant p
    LEFT JOIN public.plan_item i ON i.id = p.plan_item_id
    LEFT JOIN public.direct_award a ON a.id = p.direct_award_id
    WHERE p.id = participant AND (
      public.inkop_is_inkopschef()
      OR public.inkop_current_person() IN (p.person_id, i.responsible_id, a.decision_maker_id)))
$$"""

POLICIES = {
    "quote": "inkop_may_see_quotes(direct_award_id)",
    "jav_declaration": "inkop_may_see_declaration(participant_id)",
    "declared_interest": "EXISTS (SELECT 1 FROM jav_declaration d WHERE d.id = declaration_id)",
    "jav_assessment": "EXISTS (SELECT 1 FROM jav_declaration d WHERE d.id = declaration_id)",
}
"""Who sees (and may write) a row; the last two follow their declaration's own policy."""


def install(conn: Connection) -> None:
    """Create or replace the functions and policies, and enable + force row security.

    The function bodies are checked when first called, not here: a database at an older
    revision (columns of later migrations missing) is set up too, and brought in step again
    after its upgrade.
    """
    conn.exec_driver_sql("SET LOCAL check_function_bodies = off")
    for statement in (_CURRENT_PERSON, _IS_INKOPSCHEF, _MAY_SEE_QUOTES, _MAY_SEE_DECLARATION):
        conn.exec_driver_sql(statement)
    server_awards.install(conn, server_roles.OWNER)
    for name in FUNCTIONS:
        conn.exec_driver_sql(f"ALTER FUNCTION {name} OWNER TO {server_roles.OWNER}")
    for table, condition in POLICIES.items():
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS inkop_secret ON {table}")
        conn.exec_driver_sql(
            f"CREATE POLICY inkop_secret ON {table} USING ({condition}) WITH CHECK ({condition})"
        )
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


def grant_functions(conn: Connection) -> None:
    """The security-definer functions: no PUBLIC execute, only the group roles.

    The supplier flag only to the groups whose acts register quotes, bidders or rosters.
    """
    groups = ", ".join(server_roles.ALL_GROUPS)
    for name in FUNCTIONS:
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC, {groups}")
        if name != server_awards.MARK:
            conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {name} TO {groups}")
    marking = sorted(server_roles.GROUPS[r] for r in server_awards.marking_roles())
    conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {server_awards.MARK} TO {', '.join(marking)}")
    if audit_triggers.installed(conn):
        for name in audit_triggers.FUNCTIONS:  # fired as triggers only: nobody calls them
            conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC, {groups}")
