"""Audit rows as JSON, and an inserted row's JSON built from the values written (SQLite)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, inspect
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


_Processors = tuple[tuple[str, Callable[[Any], Any] | None, Callable[[Any], Any] | None], ...]
_PROCESSORS: dict[tuple[str, str], _Processors] = {}


def _processors(table: Table, dialect: Dialect) -> _Processors:
    """(column, bind processor, result processor) of *table* for *dialect*, made once."""
    key = (table.name, dialect.name)
    found = _PROCESSORS.get(key)
    if found is None:
        types = [(c.name, c.type.dialect_impl(dialect)) for c in table.columns]
        found = tuple(
            (name, t.bind_processor(dialect), t.result_processor(dialect, None))
            for name, t in types
        )
        _PROCESSORS[key] = found
    return found


def written(table: Table, dialect: Dialect, values: dict[str, Any]) -> str | None:
    """The row JSON of an insert of *values* (every column given), as stored and read back;
    None when a column is missing."""
    out: dict[str, Any] = {}
    for name, bind, result in _processors(table, dialect):
        if name not in values:
            return None
        value = values[name]
        if value is not None:
            value = bind(value) if bind is not None else value
            value = result(value) if result is not None else value
        out[name] = value
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
