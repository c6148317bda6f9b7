"""offline synchronisation: the applied-operations table and the idempotent apply function

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 23:00:00

``offline_operation`` records every offline operation a client sent, by its id, with the
outcome and the version it produced; ``inkop_offline_apply`` (PostgreSQL, SECURITY INVOKER:
grants and row security apply as to any other write) applies one operation at most once in
the caller's transaction: the operation row and the change commit together or not at all. A
repeated id returns the stored outcome and changes nothing. The protocol is described in
``inkop_desktop.services.offline``. The stored detail holds the reason and field names, never
a value or message (the audit trail, which every login reads, copies the row). Only a table is
added on SQLite (no function there).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

PIN = "SET search_path = pg_catalog, public"
FUNCTIONS = (
    "inkop_offline_apply(uuid, text, uuid, integer, text, jsonb)",
    "inkop_offline_run(text, uuid, integer, jsonb)",
    "inkop_offline_row(jsonb)",
    "inkop_offline_columns(text, jsonb)",
    "inkop_offline_same(text, text, jsonb, jsonb)",
)
BOOKKEEPING = "'id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by'"

_COLUMNS = f"""
CREATE OR REPLACE FUNCTION inkop_offline_columns(tbl text, vals jsonb) RETURNS void
LANGUAGE plpgsql STABLE {PIN} AS $$
DECLARE
  unknown text;
BEGIN
  SELECT string_agg(k, ', ') INTO unknown FROM jsonb_object_keys(vals) k
  WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a
                    WHERE a.attrelid = ('public.' || quote_ident(tbl))::regclass
                      AND a.attname = k AND a.attnum > 0 AND NOT a.attisdropped);
  IF unknown IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'undefined_column', MESSAGE = format(
      'Ändringen nämner fält som servern inte har (%s.%s): den gjordes med en annan '
      'programversion.', tbl, unknown);
  END IF;
END
$$"""

_SAME = f"""
CREATE OR REPLACE FUNCTION inkop_offline_same(tbl text, col text, a jsonb, b jsonb)
RETURNS boolean LANGUAGE plpgsql STABLE {PIN} AS $$
DECLARE
  typ text;
  same boolean;
BEGIN
  SELECT format_type(t.atttypid, t.atttypmod) INTO typ FROM pg_attribute t
  WHERE t.attrelid = ('public.' || quote_ident(tbl))::regclass AND t.attname = col
    AND t.attnum > 0 AND NOT t.attisdropped;
  IF typ IS NULL THEN
    PERFORM public.inkop_offline_columns(tbl, jsonb_build_object(col, NULL));
  END IF;
  EXECUTE format('SELECT ($1->>%L)::%s IS NOT DISTINCT FROM ($2->>%L)::%s', col, typ, col, typ)
    INTO same USING a, b;
  RETURN same;
END
$$"""

_ROW = f"""
CREATE OR REPLACE FUNCTION inkop_offline_row(ch jsonb) RETURNS void
LANGUAGE plpgsql {PIN} AS $$
DECLARE
  tbl text := ch->>'table';
  rid uuid := (ch->>'id')::uuid;
  vals jsonb;
  cols text;
  picks text;
  n integer;
BEGIN
  IF ch->>'action' = 'insert' THEN
    vals := (ch->'new') || jsonb_build_object('id', rid, 'version', 1, 'created_at', now(),
      'created_by', session_user, 'updated_at', now(), 'updated_by', session_user);
    PERFORM public.inkop_offline_columns(tbl, vals);
    EXECUTE format('INSERT INTO public.%I SELECT * FROM jsonb_populate_record(NULL::public.%I, $1)',
                   tbl, tbl) USING vals;
  ELSIF ch->>'action' = 'update' THEN
    vals := (ch->'new') - ARRAY[{BOOKKEEPING}];
    PERFORM public.inkop_offline_columns(tbl, vals);
    SELECT string_agg(quote_ident(k), ', '), string_agg('r.' || quote_ident(k), ', ')
      INTO cols, picks FROM jsonb_object_keys(vals) k;
    IF cols IS NULL THEN
      cols := 'updated_at';
      picks := 'now()';
    END IF;
    EXECUTE format('UPDATE public.%I t SET (%s) = (SELECT %s FROM jsonb_populate_record('
                   'NULL::public.%I, $1) r), version = t.version + 1, updated_at = now(), '
                   'updated_by = session_user WHERE t.id = $2', tbl, cols, picks, tbl)
      USING vals, rid;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'no_data_found', MESSAGE = tbl;
    END IF;
  ELSIF ch->>'action' = 'delete' THEN
    EXECUTE format('DELETE FROM public.%I WHERE id = $1', tbl) USING rid;
  ELSE
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format('Okänd ändringstyp: %s', ch->>'action');
  END IF;
END
$$"""

_RUN = f"""
CREATE OR REPLACE FUNCTION inkop_offline_run(entity text, root uuid, base integer, changes jsonb)
RETURNS jsonb LANGUAGE plpgsql {PIN} AS $$
DECLARE
  v_current integer;
  v_kind text := changes->>'kind';
  v_ch jsonb;
  v_theirs jsonb;
  v_fields text[] := '{{}}';
  v_key text;
  v_merged boolean := false;
  v_detail text;
BEGIN
  EXECUTE format('SELECT version FROM public.%I WHERE id = $1 FOR UPDATE', entity)
    INTO v_current USING root;
  IF base IS NULL AND v_current IS NOT NULL THEN
    RETURN jsonb_build_object('outcome', 'conflict', 'reason', 'exists', 'version', v_current);
  ELSIF base IS NOT NULL AND v_current IS NULL THEN
    IF v_kind = 'delete' THEN
      RETURN jsonb_build_object('outcome', 'already_deleted');
    END IF;
    RETURN jsonb_build_object('outcome', 'conflict', 'reason', 'deleted_on_server');
  ELSIF base IS NOT NULL AND v_current <> base THEN
    IF v_kind = 'delete' THEN
      RETURN jsonb_build_object('outcome', 'conflict', 'reason', 'changed_on_server',
                                'version', v_current);
    END IF;
    FOR v_ch IN SELECT e FROM jsonb_array_elements(changes->'rows') e
                WHERE e->>'action' = 'update' LOOP
      EXECUTE format('SELECT to_jsonb(t) FROM public.%I t WHERE t.id = $1', v_ch->>'table')
        INTO v_theirs USING (v_ch->>'id')::uuid;
      FOR v_key IN SELECT k FROM jsonb_object_keys(v_ch->'new') k
                   WHERE k NOT IN ({BOOKKEEPING}) LOOP
        IF v_theirs IS NULL OR NOT (
             public.inkop_offline_same(v_ch->>'table', v_key, v_theirs, v_ch->'old')
             OR public.inkop_offline_same(v_ch->>'table', v_key, v_theirs, v_ch->'new')) THEN
          v_fields := v_fields || ((v_ch->>'table') || '.' || v_key);
        END IF;
      END LOOP;
    END LOOP;
    IF cardinality(v_fields) > 0 THEN
      RETURN jsonb_build_object('outcome', 'conflict', 'reason', 'both_changed',
                                'fields', to_jsonb(v_fields), 'version', v_current);
    END IF;
    v_merged := true;
  END IF;
  BEGIN
    FOR v_ch IN SELECT e FROM jsonb_array_elements(changes->'rows') e LOOP
      PERFORM public.inkop_offline_row(v_ch);
    END LOOP;
  EXCEPTION
    WHEN unique_violation THEN
      GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
      RETURN jsonb_build_object('outcome', 'conflict', 'reason', 'duplicate',
                                'message', SQLERRM || ': ' || v_detail);
    WHEN no_data_found THEN
      RETURN jsonb_build_object('outcome', 'conflict', 'reason', 'deleted_on_server',
                                'message', SQLERRM);
    WHEN integrity_constraint_violation OR insufficient_privilege OR raise_exception
         OR undefined_column OR invalid_text_representation OR invalid_datetime_format
         OR datetime_field_overflow OR invalid_parameter_value THEN
      RETURN jsonb_build_object('outcome', 'refused', 'reason', 'refused', 'message', SQLERRM);
  END;
  IF v_kind = 'delete' THEN
    RETURN jsonb_build_object('outcome', 'applied');
  ELSIF v_current IS NULL THEN
    RETURN jsonb_build_object('outcome', 'applied', 'version', 1);
  END IF;
  EXECUTE format('UPDATE public.%I SET version = $2, updated_at = now(), '
                 'updated_by = session_user WHERE id = $1', entity) USING root, v_current + 1;
  RETURN jsonb_build_object('outcome', CASE WHEN v_merged THEN 'merged' ELSE 'applied' END,
                            'version', v_current + 1);
END
$$"""

_APPLY = f"""
CREATE OR REPLACE FUNCTION inkop_offline_apply(op uuid, entity text, root uuid, base integer,
                                               schema text, changes jsonb)
RETURNS jsonb LANGUAGE plpgsql SECURITY INVOKER {PIN} AS $$
DECLARE
  v_stored jsonb;
  v_result jsonb;
BEGIN
  INSERT INTO public.offline_operation (id, login, entity, row_id, base_version, schema_version)
  VALUES (op, session_user, entity, root, base, schema) ON CONFLICT (id) DO NOTHING;
  IF NOT FOUND THEN
    SELECT o.detail::jsonb || jsonb_build_object('outcome', o.outcome, 'version', o.new_version,
                                                 'repeated', true)
      INTO v_stored FROM public.offline_operation o WHERE o.id = op;
    IF v_stored IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'Operationen hör till en annan användare.';
    END IF;
    RETURN v_stored;
  END IF;
  v_result := public.inkop_offline_run(entity, root, base, changes);
  UPDATE public.offline_operation o SET outcome = v_result->>'outcome',
    new_version = (v_result->>'version')::integer,
    detail = (v_result - 'outcome' - 'version' - 'message')::text
  WHERE o.id = op;
  RETURN v_result;
END
$$"""

POLICIES = {
    "inkop_own_read": "FOR SELECT USING (login = session_user)",
    "inkop_own_insert": "FOR INSERT WITH CHECK (login = session_user)",
    "inkop_own_update": "FOR UPDATE USING (login = session_user) WITH CHECK (login = session_user)",
}
"""A login sees and writes its own operations; no policy allows DELETE (applied stays applied)."""


def upgrade() -> None:
    """Create the table; on PostgreSQL the functions and the table's row security."""
    op.create_table(
        "offline_operation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("schema_version", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=20), server_default="pending", nullable=False),
        sa.Column("new_version", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), server_default="{}", nullable=False),
        sa.Column(
            "received_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_operation")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in (_COLUMNS, _SAME, _ROW, _RUN, _APPLY):
        op.execute(statement)
    for name, rule in POLICIES.items():
        op.execute(f"CREATE POLICY {name} ON offline_operation {rule}")
    op.execute("ALTER TABLE offline_operation ENABLE ROW LEVEL SECURITY")


def downgrade() -> None:
    """Drop the functions and the table."""
    if op.get_bind().dialect.name == "postgresql":
        for name in FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.drop_table("offline_operation")
