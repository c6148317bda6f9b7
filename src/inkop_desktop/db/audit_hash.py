"""The hash rules of the audit chain: version 1 (before migration 0009) and version 2.

Version 2 (every entry written since 0009, on both engines; the same rule in SQL in
``audit_triggers``) is sha256 over the UTF-8 text

    ``2|<prev_hash>`` then, for each of at, actor, action, table_name, row_id, summary, txid,
    old_row and new_row: ``|<length>:<value>``, or ``|~`` for NULL

with ``at`` as UTC ``YYYY-MM-DDTHH:MM:SS.ffffff`` and ``txid`` as a decimal number. The
length prefix (in characters) keeps the fields apart whatever they contain, and NULL apart
from the empty text. ``old_row``/``new_row`` are stored as the very text that is hashed
(PostgreSQL: ``to_jsonb(OLD)::text``), so verifying needs no JSON normalisation.

Version 1 (entries migrated from earlier revisions) is sha256 over
``prev|at.isoformat()|actor|action|table_name|row_id|summary``; it stays readable so an
upgraded database keeps verifying.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

GENESIS = "0" * 64
CURRENT = 2


def utc(at: datetime) -> datetime:
    """A stored time as the aware UTC time it was hashed with (SQLite returns it naive)."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


@lru_cache(maxsize=64)
def stamp(at: datetime) -> str:
    """``at`` as it enters a version-2 hash: UTC, microseconds, no offset."""
    return utc(at).strftime("%Y-%m-%dT%H:%M:%S.%f")


def hash_v2(prev: str, at: datetime, fields: tuple[Any, ...]) -> str:
    """Version 2: *fields* are actor, action, table_name, row_id, summary, txid, old, new."""
    return hash_v2_stamped(prev, stamp(at), fields)


def hash_v2_stamped(prev: str, stamped: str, fields: tuple[Any, ...]) -> str:
    """``hash_v2`` with the time already as ``stamp`` gives it (a transaction's entries share
    one time)."""
    actor, action, table, row_id, summary, txid, old, new = fields
    parts = (stamped, actor, action, table, row_id, summary, _text(txid), old, new)
    # each field ``|<length>:<value>``, or ``|~`` for NULL (one list: this runs per entry)
    fields_text = ["|~" if p is None else f"|{len(p)}:{p}" for p in parts]
    text = f"{CURRENT}|{prev}" + "".join(fields_text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text(value: Any) -> str | None:
    """A value as text, NULL kept."""
    return None if value is None else str(value)


def chain_hash(prev: str, fields: tuple[Any, ...]) -> str:
    """Version 1: sha256 over the previous hash and this entry's fields joined by ``|``."""
    text = prev + "|" + "|".join(str(f) for f in fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(prev: str, row: Any) -> str:
    """The hash *row* (a stored entry) must carry after *prev*, by its own hash version."""
    if row.hash_version == CURRENT:
        current = (row.actor, row.action, row.table_name, row.row_id, row.summary, row.txid,
                  row.old_row, row.new_row)  # fmt: skip
        return hash_v2(prev, row.at, current)
    if row.hash_version != 1:
        return ""  # no such rule: the entry cannot hold
    fields = (utc(row.at).isoformat(), row.actor, row.action, row.table_name, row.row_id,
              row.summary)  # fmt: skip
    return chain_hash(prev, fields)
