"""Row-level security of direct awards on the shared server: drafts, self-naming, the supplier flag.

**Drafts.** A direct award in status ``utkast`` is visible only to the people who may read its
secret quotes: the one who registered it (``created_by = session_user``), its requester, its
decision maker (the responsible officer of a direct award, see ``domain.jav.access``), its
active participants, and inköpschef; and to those removed from its roster. The participants
are in the set because they read the draft's quotes (the more secret part) and must open the
award to declare jäv before it is signed, which a removed participant may still owe. A
finished record (``klar``) is visible to everyone, as are signed ones; their quotes stay
secret until signed (``server_policies``). The jäv declarations not yet signed are the
schema's only other drafts; their policy already lets only the declarer, the responsible
officer and inköpschef read them. Follow-ups have no draft status.

**Same-kind totals (19 a kap. 3 § LOU).** Only finished awards count (``COUNTED_STATUSES``:
klar and signerad); a draft never does, since its value may still change. Every counted award
is visible to every role, so the fiscal-year total each actor computes is the same however
many drafts they cannot see, and no aggregate function is needed.

**Self-naming.** Quote visibility is derived from fields an editor can write (requester,
decision maker, status, ``created_by``, the roster), so a policy alone cannot stop an editor
from naming themselves. A BEFORE trigger compares the row before and after: a change made by
someone who could not read the award's quotes before, after which they could, is refused
(``insufficient_privilege``) unless they are inköpschef, who reads every quote anyway. The same
holds for the roster: nobody but inköpschef adds themselves (or revives their removed row) as a
participant of a direct award whose quotes they cannot read. Signed awards stay readable.
Nor does an administrator take over another person by giving themselves that person's login:
on the server ``person.login`` is changed only by ``inkop db add-user`` (a superuser).

**The owner.** A row-security function reads the tables as the owner role; with FORCE the owner
obeys the policies too, so an explicit policy lets the owner read and write every row of the
tables with policies. The owner is NOLOGIN, no login is a member of it (``SET ROLE`` to it
fails) and it owns nothing but the schema's objects, so only its SECURITY DEFINER functions
ever act as it.

**The supplier flag.** When quotes or bidders become known, every current declaration of the
procurement must be confirmed again, also those the actor may not read.
``inkop_mark_suppliers_known`` does that as the owner and returns only how many declarations
are current; it is granted to the groups whose acts register quotes, bidders or rosters.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, text

from inkop_desktop.db.server_roles import OWNER
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PERMISSIONS, Act

PIN = "SET search_path = pg_catalog, public"
SIGNED = "('signerad', 'ersatt')"
MARK = "inkop_mark_suppliers_known(uuid, uuid)"
FUNCTIONS = ("inkop_may_see_award(uuid, text, uuid, uuid)", "inkop_took_part(uuid)",
             "inkop_guard_award()", "inkop_guard_participant()", "inkop_guard_login()",
             MARK)  # fmt: skip
OWNER_TABLES = ("direct_award", "quote", "jav_declaration", "declared_interest", "jav_assessment")
MARKING_ACTS = (Act.DIRECT_AWARD_EDIT, Act.PLAN_EDIT, Act.JAV_ROSTER)
"""The acts that make suppliers known (a quote, a bidder) or mark the roster for confirmation."""

_MAY_SEE_AWARD = f"""
CREATE OR REPLACE FUNCTION inkop_may_see_award(award uuid, author text, requester uuid,
                                               decider uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER {PIN} AS $$
  SELECT COALESCE(author = session_user
    OR public.inkop_is_inkopschef()
    OR public.inkop_current_person() IN (requester, decider)
    OR EXISTS (SELECT 1 FROM public.participant p WHERE p.direct_award_id = award
               AND p.removed_on IS NULL AND p.person_id = public.inkop_current_person()), false)
$$"""

_TOOK_PART = f"""
CREATE OR REPLACE FUNCTION inkop_took_part(award uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER {PIN} AS $$
  SELECT EXISTS (SELECT 1 FROM public.participant p WHERE p.direct_award_id = award
                 AND p.person_id = public.inkop_current_person())
$$"""

_REFUSAL = (
    "'Du kan inte ge dig själv rätt att läsa offerterna i en direktupphandling "
    "(OSL 19 kap. 3 §). Be beslutsfattaren eller inköpschef.'"
)

_BYPASSES = (
    "(EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = session_user "
    f"AND (r.rolsuper OR r.rolbypassrls)) OR pg_has_role(session_user, '{OWNER}', 'MEMBER'))"
)
"""The server's administrator (a superuser, or a member of the owner role, which no login is)
is not guarded: data migrations and ``inkop db add-user`` run as them."""

_GUARD_AWARD = f"""
CREATE OR REPLACE FUNCTION inkop_guard_award() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {PIN} AS $$
BEGIN
  IF {_BYPASSES} OR public.inkop_is_inkopschef()
     OR OLD.status IN {SIGNED}
     OR public.inkop_may_see_award(OLD.id, OLD.created_by, OLD.requester_id, OLD.decision_maker_id)
     OR NOT (NEW.status IN {SIGNED} OR public.inkop_may_see_award(
       NEW.id, NEW.created_by, NEW.requester_id, NEW.decision_maker_id)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = {_REFUSAL};
END
$$"""

_GUARD_PARTICIPANT = f"""
CREATE OR REPLACE FUNCTION inkop_guard_participant() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {PIN} AS $$
BEGIN
  IF {_BYPASSES} OR NEW.direct_award_id IS NULL OR NEW.removed_on IS NOT NULL
     OR NEW.person_id IS DISTINCT FROM public.inkop_current_person()
     OR public.inkop_is_inkopschef()
     OR public.inkop_may_see_quotes(NEW.direct_award_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = {_REFUSAL};
END
$$"""

_GUARD_LOGIN = f"""
CREATE OR REPLACE FUNCTION inkop_guard_login() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {PIN} AS $$
BEGIN
  IF {_BYPASSES} OR NEW.login IS NOT DISTINCT FROM OLD.login THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE =
    'På en gemensam server ändras inloggningen bara med inkop db add-user.';
END
$$"""

_MARK = f"""
CREATE OR REPLACE FUNCTION inkop_mark_suppliers_known(plan uuid, award uuid) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER {PIN} AS $$
  WITH current AS (
    SELECT DISTINCT ON (d.participant_id) d.id, d.needs_confirmation
    FROM public.jav_declaration d JOIN public.participant p ON p.id = d.participant_id
    WHERE (p.plan_item_id = plan OR p.direct_award_id = award)
      AND p.removed_on IS NULL AND d.signed_at IS NOT NULL
    ORDER BY d.participant_id, d.version_no DESC
  ), marked AS (
    UPDATE public.jav_declaration d
    SET needs_confirmation = true, version = d.version + 1, updated_at = now(),
        updated_by = session_user
    FROM current c WHERE d.id = c.id AND NOT c.needs_confirmation
    RETURNING d.id
  )
  SELECT count(*)::integer FROM current
$$"""

DRAFT_RULE = (
    "status <> 'utkast' OR inkop_may_see_award(id, created_by, requester_id, decision_maker_id) "
    "OR inkop_took_part(id)"
)
"""Who sees (and may write) a direct award."""

TRIGGERS = {
    "direct_award": "BEFORE UPDATE ON direct_award FOR EACH ROW EXECUTE FUNCTION "
    "inkop_guard_award()",
    "participant": "BEFORE INSERT OR UPDATE ON participant FOR EACH ROW EXECUTE FUNCTION "
    "inkop_guard_participant()",
    "person": "BEFORE UPDATE ON person FOR EACH ROW EXECUTE FUNCTION inkop_guard_login()",
}


def install(conn: Connection, owner: str) -> None:
    """The functions, the direct-award policy, the owner's policies and the guard triggers.

    ``server_policies.install`` gives the functions to *owner* afterwards.
    """
    for statement in (_MAY_SEE_AWARD, _TOOK_PART, _GUARD_AWARD, _GUARD_PARTICIPANT, _GUARD_LOGIN,
                      _MARK):  # fmt: skip
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("DROP POLICY IF EXISTS inkop_secret ON direct_award")
    conn.exec_driver_sql(
        f"CREATE POLICY inkop_secret ON direct_award USING ({DRAFT_RULE}) WITH CHECK ({DRAFT_RULE})"
    )
    conn.exec_driver_sql("ALTER TABLE direct_award ENABLE ROW LEVEL SECURITY")
    conn.exec_driver_sql("ALTER TABLE direct_award FORCE ROW LEVEL SECURITY")
    for table in OWNER_TABLES:
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS inkop_owner ON {table}")
        conn.exec_driver_sql(
            f"CREATE POLICY inkop_owner ON {table} TO {owner} USING (true) WITH CHECK (true)"
        )
    for table, definition in TRIGGERS.items():
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS inkop_self_naming ON {table}")
        conn.exec_driver_sql(f"CREATE TRIGGER inkop_self_naming {definition}")


def marking_roles() -> frozenset[Role]:
    """The app roles whose acts mark declarations for confirmation (per the permission table)."""
    return frozenset(role for act in MARKING_ACTS for role in PERMISSIONS[act].roles)


def mark_suppliers_known(
    conn: Connection, plan_item_id: uuid.UUID | None, direct_award_id: uuid.UUID | None
) -> int | None:
    """Mark every current declaration of the procurement for confirmation, as the owner.

    Returns how many declarations are current, or None when the database has no such function
    (SQLite, or a PostgreSQL database not set up with ``inkop db init-server``).
    """
    if conn.dialect.name != "postgresql":
        return None
    present = conn.execute(text("SELECT to_regprocedure(:f) IS NOT NULL"), {"f": MARK})
    if not present.scalar_one():
        return None
    found = conn.execute(
        text("SELECT public.inkop_mark_suppliers_known(:plan, :award)"),
        {"plan": plan_item_id, "award": direct_award_id},
    )
    return int(found.scalar_one())
