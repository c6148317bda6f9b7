"""PostgreSQL: the audit trail written by the database itself, whoever writes (app or psql).

A row trigger on every table stages who (``session_user``), what (action, table, row id, the
old and new row as ``to_jsonb(...)::text``, the changed columns) and the transaction id in
``audit_staging``; a file's bytes (``content``) are left out of the JSON (its ``sha256``
column stays in), and of a secret table's rows only the keys (``SECRET_KEYS``). A
DEFERRABLE INITIALLY DEFERRED constraint trigger on the staging table chains them at COMMIT.

Why the chain cannot fork: the chaining runs at commit, after the transaction's last write,
under ``pg_advisory_xact_lock(CHAIN_LOCK)``, held until the transaction ends. The head is
read after the lock is granted by a new statement (READ COMMITTED: it sees every chain
commit before it), and the ids are drawn inside the lock, so id order is chain order. The
lock is the transaction's last one: its holder waits for no row lock, so no deadlock cycle
goes through it. A stale snapshot (REPEATABLE READ or SERIALIZABLE) would read an old head,
so such a transaction is refused at commit instead of forking the chain. Staging rather than
one locked head row per change keeps the lock short (taken once, at commit, not at the first
write) and lets the commit see the whole transaction: a record's changed child tables go
into its update's summary, and one NOTIFY per changed table is sent
(``inkop_changes``, payload the table name; NOTIFY coalesces duplicates).

One entry per changed row and transaction: the UPDATEs of one row in a transaction (a save
may update a record several times: its version, its search text) become one entry at the
place of the first, with the row before the first and after the last, and the changed
columns of all of them; nobody else ever saw the states in between.

The functions are SECURITY DEFINER (owned by the owner role once set up), pin
``search_path`` and are executable by no one but their owner: a login cannot write the
staging table or the trail itself, only through these triggers.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from inkop_desktop.db.audit_hash import CURRENT, GENESIS

CHAIN_LOCK = 7_597_127_747_791_582_564
"""Key of the advisory lock that serialises appends to the chain (b"inkopaud")."""
CHANNEL = "inkop_changes"
NOT_AUDITED = frozenset({"audit_entry", "audit_staging", "alembic_version"})
PIN = "SET search_path = pg_catalog, public"
FUNCTIONS = ("inkop_audit_field(text)", "inkop_audit_row()", "inkop_audit_truncate()",
             "inkop_audit_chain()")  # fmt: skip
SECRET_KEYS = {
    "quote": ("id", "version", "direct_award_id"),
    "jav_declaration": ("id", "version", "participant_id"),
    "declared_interest": ("id", "version", "declaration_id"),
    "jav_assessment": ("id", "version", "declaration_id"),
}
"""Secret tables (row security): only these keys of their rows are copied into the trail,
which every login reads; the changed columns are still named in the summary."""
STALE = "Loggen kan bara skrivas av transaktioner med isoleringsnivån READ COMMITTED."

_FIELD = f"""
CREATE OR REPLACE FUNCTION inkop_audit_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE {PIN} AS $$
  SELECT CASE WHEN value IS NULL THEN '|~' ELSE '|' || length(value) || ':' || value END
$$"""

_KEEP = (
    "CASE TG_TABLE_NAME "
    + " ".join(
        f"WHEN '{t}' THEN ARRAY[{', '.join(repr(k) for k in keys)}]"
        for t, keys in SECRET_KEYS.items()
    )
    + " END"
)

_ROW = f"""
CREATE OR REPLACE FUNCTION inkop_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {PIN} AS $$
DECLARE
  before jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'content' END;
  after jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'content' END;
  keep text[] := {_KEEP};
  changed text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(string_agg(n.key, ', ' ORDER BY n.key COLLATE "C"), '') INTO changed
      FROM jsonb_each(after) n
     WHERE n.value IS DISTINCT FROM before -> n.key
       AND n.key NOT IN ('version', 'updated_at', 'updated_by');
  ELSE
    changed := coalesce(nullif(coalesce(after, before) ->> 'title', ''),
                        coalesce(after, before) ->> 'name', '');
  END IF;
  IF keep IS NOT NULL THEN
    before := (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(before) e
                WHERE e.key = ANY(keep));
    after := (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(after) e
               WHERE e.key = ANY(keep));
  END IF;
  INSERT INTO public.audit_staging
    (txid, actor, action, table_name, row_id, summary, old_row, new_row)
  VALUES (txid_current(), session_user, lower(TG_OP), TG_TABLE_NAME,
          coalesce(coalesce(after, before) ->> 'id', ''), changed, before::text, after::text);
  RETURN NULL;
END $$"""

_TRUNCATE = f"""
CREATE OR REPLACE FUNCTION inkop_audit_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {PIN} AS $$
BEGIN
  INSERT INTO public.audit_staging
    (txid, actor, action, table_name, row_id, summary, old_row, new_row)
  VALUES (txid_current(), session_user, 'truncate', TG_TABLE_NAME, '', '', NULL, NULL);
  RETURN NULL;
END $$"""

_MERGED = """
    WITH s AS (SELECT * FROM public.audit_staging WHERE txid = tx),
    u AS (SELECT table_name, row_id, min(seq) AS first_seq,
                 (array_agg(new_row ORDER BY seq DESC))[1] AS last_row
            FROM s WHERE action = 'update' GROUP BY table_name, row_id),
    refs AS (SELECT DISTINCT c.table_name, v.value
               FROM s c, jsonb_each_text(coalesce(c.new_row, c.old_row)::jsonb) v),
    parts AS (SELECT s.table_name, s.row_id,
                     unnest(string_to_array(nullif(s.summary, ''), ', ')) AS x
                FROM s WHERE s.action = 'update'
              UNION
              SELECT u.table_name, u.row_id, refs.table_name FROM u
                JOIN refs ON refs.value = u.row_id AND refs.table_name <> u.table_name),
    summ AS (SELECT table_name, row_id, string_agg(x, ', ' ORDER BY x COLLATE "C") AS summary
               FROM parts GROUP BY table_name, row_id)
    SELECT s.seq, s.actor, s.action, s.table_name, s.row_id, s.old_row,
           CASE WHEN s.action = 'update' THEN coalesce(summ.summary, '') ELSE s.summary END
             AS summary,
           CASE WHEN s.action = 'update' THEN u.last_row ELSE s.new_row END AS after
      FROM s
      LEFT JOIN u ON s.action = 'update' AND u.table_name = s.table_name AND u.row_id = s.row_id
      LEFT JOIN summ ON s.action = 'update' AND summ.table_name = s.table_name
                    AND summ.row_id = s.row_id
     WHERE s.action <> 'update' OR s.seq = u.first_seq
     ORDER BY s.seq"""
"""The transaction's entries in chain order, computed in one set-based query: the UPDATEs of
one row merged into the first (its old row, the last new row, the changed columns of all of
them plus the child tables of the same transaction naming the row). Hashing stays a loop."""

_HASHED = """encode(sha256(convert_to(
      '2|' || prev || public.inkop_audit_field(stamp) || public.inkop_audit_field(r.actor)
      || public.inkop_audit_field(r.action) || public.inkop_audit_field(r.table_name)
      || public.inkop_audit_field(r.row_id) || public.inkop_audit_field(r.summary)
      || public.inkop_audit_field(tx::text) || public.inkop_audit_field(r.old_row)
      || public.inkop_audit_field(r.after), 'UTF8')), 'hex')"""
"""The version-2 hash rule of ``audit_hash`` (same fields, same order)."""

_CHAIN = f"""
CREATE OR REPLACE FUNCTION inkop_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {PIN} AS $$
DECLARE
  tx bigint := txid_current();
  prev text;
  moment timestamptz;
  stamp text;
  digest text;
  r record;
  upto bigint := coalesce(nullif(current_setting('inkop.audit_chained', true), ''), '0');
BEGIN
  IF NEW.seq <= upto THEN
    RETURN NULL;  -- an earlier firing in this commit has chained this row already
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION '{STALE}' USING ERRCODE = 'serialization_failure';
  END IF;
  PERFORM pg_advisory_xact_lock({CHAIN_LOCK});
  SELECT e.hash INTO prev FROM public.audit_entry e ORDER BY e.id DESC LIMIT 1;
  prev := coalesce(prev, '{GENESIS}');
  moment := clock_timestamp();
  stamp := to_char(moment AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US');
  SELECT max(s.seq) INTO upto FROM public.audit_staging s WHERE s.txid = tx;
  FOR r IN {_MERGED} LOOP
    digest := {_HASHED};
    INSERT INTO public.audit_entry (at, actor, action, table_name, row_id, summary, prev_hash,
                                    hash, hash_version, txid, old_row, new_row)
    VALUES (moment, r.actor, r.action, r.table_name, r.row_id, r.summary, prev, digest,
            {CURRENT}, tx, r.old_row, r.after);
    prev := digest;
  END LOOP;
  PERFORM set_config('inkop.audit_chained', upto::text, true);
  PERFORM pg_notify('{CHANNEL}', t.table_name)
     FROM (SELECT DISTINCT s.table_name FROM public.audit_staging s WHERE s.txid = tx) t;
  DELETE FROM public.audit_staging s WHERE s.txid = tx;
  RETURN NULL;
END $$"""


def create_functions(conn: Connection) -> None:
    """(Re)create the functions and the staging table's commit trigger; no PUBLIC execute."""
    for statement in (_FIELD, _ROW, _TRUNCATE, _CHAIN):
        conn.exec_driver_sql(statement)
    for name in FUNCTIONS:
        conn.exec_driver_sql(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS trg_audit_staging_chain ON audit_staging")
    conn.exec_driver_sql(
        "CREATE CONSTRAINT TRIGGER trg_audit_staging_chain AFTER INSERT ON audit_staging "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION inkop_audit_chain()"
    )


def installed(conn: Connection) -> bool:
    """True when the audit functions exist (revision 0009 or later)."""
    found = conn.execute(
        text("SELECT 1 FROM pg_proc WHERE proname = 'inkop_audit_row' "
             "AND pronamespace = 'public'::regnamespace")
    ).first()  # fmt: skip
    return found is not None


def unaudited_tables(conn: Connection) -> list[str]:
    """Tables of the schema without the audit row trigger."""
    rows = conn.execute(
        text(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
            "AND c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_trigger t "
            "WHERE t.tgrelid = c.oid AND t.tgname = 'trg_audit_row') ORDER BY c.relname"
        )
    ).scalars()
    return [str(name) for name in rows if name not in NOT_AUDITED]


def attach(conn: Connection) -> list[str]:
    """Put the row and TRUNCATE audit triggers on every table that lacks them (idempotent)."""
    tables = unaudited_tables(conn)
    for table in tables:
        conn.exec_driver_sql(
            f'CREATE TRIGGER trg_audit_row AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION inkop_audit_row()"
        )
        conn.exec_driver_sql(
            f'CREATE TRIGGER trg_audit_truncate AFTER TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION inkop_audit_truncate()"
        )
    return tables


def detach(conn: Connection) -> None:
    """Remove the triggers and functions again (downgrade below 0009)."""
    rows = conn.execute(
        text("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
             "WHERE t.tgname = 'trg_audit_row'")
    ).scalars()  # fmt: skip
    for table in list(rows):
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS trg_audit_row ON "{table}"')
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS trg_audit_truncate ON "{table}"')
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS trg_audit_staging_chain ON audit_staging")
    for name in reversed(FUNCTIONS):
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}")
