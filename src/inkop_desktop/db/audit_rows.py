"""Audit rows as JSON, and an inserted row's JSON built from the values written (SQLite)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, Uuid, inspect
from sqlalchemy.engine import Dialect

from inkop_desktop.db.audit_triggers import SECRET_KEYS
from inkop_desktop.db.base import Row, utcnow

LEFT_OUT = frozenset({"content"})
"""Columns kept out of the row JSON: a file's bytes (its sha256 column stays in)."""


def _plain(value: Any) -> Any:
    """A column value as JSON: texts, numbers, booleans and null as they are, others as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


_NATIVE = frozenset({str, int, float, bool, type(None)})
"""Value types JSON writes as they are (``_plain`` would return them unchanged)."""


def row_json(table: str, values: dict[str, Any]) -> str:
    """A row as JSON text (keys sorted; file bytes and a secret row's content left out)."""
    keep = SECRET_KEYS.get(table)
    kept = {k: v if type(v) in _NATIVE else _plain(v) for k, v in values.items()
            if k not in LEFT_OUT and (keep is None or k in keep)}  # fmt: skip
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


_Stored = Callable[[Any], Any]
_PROCESSORS: dict[tuple[str, str], tuple[tuple[str, _Stored | None], ...]] = {}


def _round_trip(column: Any, dialect: Dialect) -> _Stored | None:
    """A value of *column* as storing and reading it back gives it (None: unchanged)."""
    kind = column.type.dialect_impl(dialect)
    bind, result = kind.bind_processor(dialect), kind.result_processor(dialect, None)
    if bind is None and result is None:
        return None
    steps = [f for f in (bind, result) if f is not None]

    def stored(value: Any) -> Any:
        for step in steps:
            value = step(value)
        return value

    if isinstance(column.type, Uuid) and column.type.as_uuid:
        # a UUID comes back equal, and the row JSON writes it as text
        return lambda value: str(value) if type(value) is uuid.UUID else stored(value)
    if isinstance(column.type, DateTime | Date):
        return _remembered(stored)  # an import's rows share their times
    return stored


def _remembered(stored: _Stored) -> _Stored:
    """*stored* remembering its last answers, by value and UTC offset (equal times of other
    offsets are stored as different texts)."""
    memo: dict[tuple[Any, Any], Any] = {}

    def remembered(value: Any) -> Any:
        key = (value, value.utcoffset() if isinstance(value, datetime) else None)
        found = memo.get(key, memo)
        if found is memo:
            if len(memo) > 256:
                memo.clear()
            found = memo[key] = stored(value)
        return found

    return remembered


def _processors(table: Table, dialect: Dialect) -> tuple[tuple[str, _Stored | None], ...]:
    """(column, round trip) of *table* for *dialect*, made once."""
    key = (table.name, dialect.name)
    found = _PROCESSORS.get(key)
    if found is None:
        found = tuple((c.name, _round_trip(c, dialect)) for c in table.columns)
        _PROCESSORS[key] = found
    return found


def written(table: Table, dialect: Dialect, values: dict[str, Any]) -> str | None:
    """The row JSON of an insert of *values* (every column given), as stored and read back;
    None when a column is missing."""
    out: dict[str, Any] = {}
    for name, stored in _processors(table, dialect):
        if name not in values:
            return None
        value = values[name]
        out[name] = value if value is None or stored is None else stored(value)
    return row_json(table.name, out)


_ATTRIBUTES: dict[type, tuple[tuple[str, str], ...]] = {}


def held(obj: Row) -> dict[str, Any]:
    """The column values an object holds after its flush (column name → value)."""
    cls = type(obj)
    names = _ATTRIBUTES.get(cls)
    state = inspect(obj)
    if names is None:
        table: Table = obj.__table__  # type: ignore[attr-defined]
        by_column = state.mapper.get_property_by_column
        names = tuple((c.name, by_column(c).key) for c in table.columns)
        _ATTRIBUTES[cls] = names
    loaded = state.dict
    return {name: loaded[key] for name, key in names if key in loaded}


def defaults(table: Table, actor: str) -> dict[str, Any]:
    """Every column's value for a new row of *table* when none is given: its plain default,
    now for the created/updated times, the actor as creator, None otherwise (an unknown
    callable or database default is left out, so that the row is read back)."""
    now = utcnow()
    out: dict[str, Any] = {"id": None, "version": 1}
    for column in table.columns:
        default = column.default
        if column.name in out:
            continue
        if column.name in ("created_at", "updated_at"):
            out[column.name] = now
        elif column.name in ("created_by", "updated_by"):
            out[column.name] = actor
        elif default is None and column.server_default is None:
            out[column.name] = None
        elif default is not None and default.is_scalar:
            out[column.name] = default.arg  # type: ignore[attr-defined]
    return out
