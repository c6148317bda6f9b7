"""Audit rows as JSON, and an inserted row's JSON built from the values written (SQLite)."""

from __future__ import annotations

import json
import operator
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

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


def _as_text(value: Any) -> Any:
    """A value JSON cannot write as it is, as ``_plain`` writes it (the encoder's default)."""
    return value.isoformat() if isinstance(value, datetime | date) else str(value)


def _flat_encoder() -> Callable[[dict[str, Any]], str]:
    """``json.JSONEncoder(ensure_ascii=False, check_circular=False, default=_as_text).encode``
    for a flat dict whose keys are in order, with CPython's C encoder made once instead of
    once per call (what ``encode`` does); the same text."""
    plain = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=_as_text)
    make = getattr(json.encoder, "c_make_encoder", None)
    text = getattr(json.encoder, "c_encode_basestring", None)
    if make is None or text is None:
        return plain.encode
    chunks = make(None, _as_text, text, None, ": ", ", ", False, False, True)
    return lambda row: "".join(chunks(row, 0))


_LOG = _flat_encoder()
"""The row JSON of keys in order; UUIDs and other values are written as ``_plain`` does."""


_Converter = tuple[int, _Stored, bool]
"""A column's position, its conversion, and whether equal values share one answer (times)."""


@dataclass(frozen=True)
class DriverInsert:
    """A table's insert as the SQLite driver takes it: the statement with a positional
    parameter for every column, and the positions whose values the column type converts;
    with the row JSON's columns (key order), where they are, and their round trips."""

    sql: str
    names: tuple[str, ...]
    converted: tuple[_Converter, ...]
    logged: tuple[str, ...] = ()
    logged_at: tuple[int, ...] = ()
    round_trips: tuple[_Converter, ...] = ()
    as_text: tuple[int, ...] = ()
    """UUID columns turned into text first: the JSON writes that, the driver gets it without
    dashes (what the column type binds, ``UUID.hex``)."""

    def values(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """*rows* (every column given) as the driver's parameters: what SQLAlchemy's bind
        processing would pass it, without its per-row work."""
        return self.written(rows, logged=False).params

    def written(self, rows: list[dict[str, Any]], *, logged: bool = True) -> Batch:
        """The driver's parameters of *rows*, their ids as text and each row's JSON as stored
        and read back (what ``values`` and ``written`` give), converted column by column."""
        if not rows:
            return Batch([], [], [])
        given = list(map(_picker(self.names), rows))
        columns: list[Any] = list(zip(*given, strict=True))
        for index in self.as_text:
            columns[index] = [None if v is None else str(v) for v in columns[index]]
        params = (
            given
            if not self.converted
            else list(zip(*_converted(columns, self.converted), strict=True))
        )
        if not logged:
            return Batch(params, [], [])
        kept = _converted([columns[i] for i in self.logged_at], self.round_trips)
        keys = self.logged
        texts = [_LOG(dict(zip(keys, row))) for row in zip(*kept)]  # noqa: B905
        at = keys.index("id") if "id" in keys else -1
        ids = kept[at] if at >= 0 else [str(row["id"]) for row in rows]
        return Batch(params, list(ids), texts)


class Batch(NamedTuple):
    """An insert's rows as the driver takes them, their ids as text, and their row JSON."""

    params: list[tuple[Any, ...]]
    ids: list[str]
    texts: list[str]


def _picker(names: tuple[Any, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A getter of these keys as a tuple (``itemgetter`` of one key gives the value alone)."""
    if len(names) == 1:
        name = names[0]
        return lambda row: (row[name],)
    return operator.itemgetter(*names)


def _converted(columns: list[tuple[Any, ...]], converters: tuple[_Converter, ...]) -> list[Any]:
    """*columns* with the converted ones replaced."""
    out: list[Any] = list(columns)
    for index, convert, shared in converters:
        out[index] = _column(columns[index], convert, shared)
    return out


_DATES = frozenset({date, type(None)})


def _column(values: tuple[Any, ...], convert: _Stored, shared: bool) -> list[Any]:
    """One column's *values* converted, None kept. *shared* (dates and times): equal dates,
    and a time object that many rows share, are converted once."""
    if not shared:
        return [None if v is None else convert(v) for v in values]
    if set(map(type, values)) <= _DATES:
        answers = {v: convert(v) for v in set(values) if v is not None}
        answers[None] = None
        return list(map(answers.__getitem__, values))
    objects = dict(zip(map(id, values), values, strict=True))
    by_id = {k: None if v is None else convert(v) for k, v in objects.items()}
    return list(map(by_id.__getitem__, map(id, values)))


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
        logged = sorted((c for c in columns if _kept(table.name, c.name)), key=lambda c: c.name)
        texts = frozenset(c.name for c in columns if _hex_bound(c, dialect))
        found = _INSERTS[key] = DriverInsert(
            sql,
            tuple(c.name for c in columns),
            _converters(columns, lambda c: _dashless if c.name in texts else _bound(c, dialect)),
            tuple(c.name for c in logged),
            tuple(columns.index(c) for c in logged),
            _converters(logged, lambda c: None if c.name in texts else _logged_trip(c, dialect)),
            tuple(i for i, c in enumerate(columns) if c.name in texts),
        )
    return found


def _converters(
    columns: list[Any], conversion: Callable[[Any], _Stored | None]
) -> tuple[_Converter, ...]:
    """(position, conversion, shared) of the *columns* that have a conversion."""
    found = ((i, conversion(c), isinstance(c.type, DateTime | Date)) for i, c in enumerate(columns))
    return tuple((i, convert, shared) for i, convert, shared in found if convert is not None)


_SAMPLE = uuid.UUID("12345678-9abc-4def-8123-456789abcdef")


def _hex_bound(column: Any, dialect: Dialect) -> bool:
    """True for a UUID column whose type binds a UUID as its 32 hex digits (SQLite's)."""
    if not (isinstance(column.type, Uuid) and column.type.as_uuid):
        return False
    bind = _bound(column, dialect)
    return bind is not None and bind(_SAMPLE) == _SAMPLE.hex


def _dashless(text: str) -> str:
    """A UUID's text as its 32 hex digits."""
    return text.replace("-", "")


def _logged_trip(column: Any, dialect: Dialect) -> _Stored | None:
    """*column*'s round trip for the row JSON (a UUID comes back equal: written as text)."""
    if isinstance(column.type, Uuid) and column.type.as_uuid:
        return str
    return _round_trip(column, dialect)


def _bound(column: Any, dialect: Dialect) -> _Stored | None:
    """*column*'s bind processing, None if it has none."""
    process: _Stored | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process


def complete(table: Table, dialect: Dialect, rows: list[dict[str, Any]]) -> bool:
    """True when every row gives every column of *table* (nothing left to a default)."""
    names = _layout(table, dialect).names
    return all(names <= row.keys() for row in rows)
