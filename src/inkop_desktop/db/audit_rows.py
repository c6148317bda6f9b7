"""Audit rows as JSON, and an inserted row's JSON built from the values written (SQLite)."""

from __future__ import annotations

import json
import operator
import uuid
from collections.abc import Callable
from dataclasses import dataclass
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


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False)
"""The row JSON's encoder, made once (a row is flat: nothing to check for cycles)."""
_IN_ORDER = json.JSONEncoder(ensure_ascii=False, check_circular=False)
"""The same JSON for a dict whose keys are already sorted (a layout's): no sort per row."""


def _kept(table: str, name: str) -> bool:
    """True when column *name* of *table* goes into the row JSON."""
    keep = SECRET_KEYS.get(table)
    return name not in LEFT_OUT and (keep is None or name in keep)


def row_json(table: str, values: dict[str, Any]) -> str:
    """A row as JSON text (keys sorted; file bytes and a secret row's content left out)."""
    kept = {k: v if type(v) in _NATIVE else _plain(v) for k, v in values.items()
            if _kept(table, k)}  # fmt: skip
    return _JSON.encode(kept)


_Stored = Callable[[Any], Any]


@dataclass(frozen=True)
class _Layout:
    """How a table's inserted row becomes its JSON: every column's name, and the kept ones
    in key order with their round trip (None: the value is stored unchanged)."""

    names: frozenset[str]
    kept: tuple[tuple[str, _Stored | None], ...]


_LAYOUTS: dict[tuple[str, str], _Layout] = {}


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
        # an import's rows share their times; the JSON's text is remembered with them
        return _remembered(lambda value: _plain(stored(value)))
    return stored


def _remembered(stored: _Stored) -> _Stored:
    """*stored* remembering its last answers, by value and UTC offset (equal times of other
    offsets are stored as different texts)."""
    memo: dict[Any, Any] = {}
    last: list[Any] = [memo, None]  # the last value itself and its answer (rows share one)

    def remembered(value: Any) -> Any:
        if value is last[0]:
            return last[1]
        key = (value, value.utcoffset()) if isinstance(value, datetime) else value
        found = memo.get(key, memo)
        if found is memo:
            if len(memo) > 256:
                memo.clear()
            found = memo[key] = stored(value)
        last[0], last[1] = value, found
        return found

    return remembered


def _layout(table: Table, dialect: Dialect) -> _Layout:
    """The layout of *table* for *dialect*, made once."""
    key = (table.name, dialect.name)
    found = _LAYOUTS.get(key)
    if found is None:
        columns = sorted((c for c in table.columns if _kept(table.name, c.name)),
                         key=lambda c: c.name)  # fmt: skip
        kept = tuple((c.name, _round_trip(c, dialect)) for c in columns)
        found = _LAYOUTS[key] = _Layout(frozenset(c.name for c in table.columns), kept)
    return found


def written(table: Table, dialect: Dialect, values: dict[str, Any]) -> str | None:
    """The row JSON of an insert of *values* (every column given), as stored and read back;
    None when a column is missing."""
    layout = _layout(table, dialect)
    if not layout.names <= values.keys():
        return None
    out: dict[str, Any] = {}
    for name, stored in layout.kept:
        value = values[name]
        if value is not None and stored is not None:
            value = stored(value)
        out[name] = value if type(value) in _NATIVE else _plain(value)
    return _IN_ORDER.encode(out)


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


@dataclass(frozen=True)
class DriverInsert:
    """A table's insert as the SQLite driver takes it: the statement with a positional
    parameter for every column, and the positions whose values the column type converts."""

    sql: str
    names: tuple[str, ...]
    converted: tuple[tuple[int, _Stored], ...]

    def values(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """*rows* (every column given) as the driver's parameters: what SQLAlchemy's bind
        processing would pass it, without its per-row work."""
        pick = operator.itemgetter(*self.names)
        out = []
        for row in rows:
            given = list(pick(row))
            for index, convert in self.converted:
                value = given[index]
                if value is not None:
                    given[index] = convert(value)
            out.append(tuple(given))
        return out


_INSERTS: dict[tuple[str, str], DriverInsert] = {}


def driver_insert(table: Table, dialect: Dialect) -> DriverInsert:
    """The driver-level insert of every column of *table* for *dialect*, made once."""
    key = (table.name, dialect.name)
    found = _INSERTS.get(key)
    if found is None:
        quote = dialect.identifier_preparer.quote
        columns = list(table.columns)
        names = ", ".join(quote(c.name) for c in columns)
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"
        bound = ((i, _bound(c, dialect)) for i, c in enumerate(columns))
        converted = tuple((i, convert) for i, convert in bound if convert is not None)
        found = _INSERTS[key] = DriverInsert(sql, tuple(c.name for c in columns), converted)
    return found


def _bound(column: Any, dialect: Dialect) -> _Stored | None:
    """*column*'s bind processing, None if it has none (times remembered: rows share them)."""
    process: _Stored | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is not None and isinstance(column.type, DateTime | Date):
        return _remembered(process)
    return process


def complete(table: Table, dialect: Dialect, rows: list[dict[str, Any]]) -> bool:
    """True when every row gives every column of *table* (nothing left to a default)."""
    names = _layout(table, dialect).names
    return all(names <= row.keys() for row in rows)
