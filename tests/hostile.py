"""Hypothesis strategies for hostile user input: any type, control characters, surrogates,
absurd amounts and dates, in place of the fields of a valid form."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

SURROGATE = st.characters(categories=["Cs"])

HOSTILE_TEXT = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(codec="utf-8") | SURROGATE | st.sampled_from("\x00\x01\x1f"), max_size=8),
    st.sampled_from(
        [
            "",
            " ",
            "a\x00b",
            "\ud800",
            "x\udfffy",
            "1e30",
            "1e400",
            "-1e400",
            "NaN",
            "Infinity",
            "sNaN",
            "1e-999999999",
            "9" * 60,
            "92233720368547758,08",
            "12 345,50 kr",
            "9999-12-31",
            "0000-00-00",
            "١٢٣",
            "33140000-3",
            "556016-0680",
        ]
    ),
    st.just("x" * 20_001),
)
"""Text a user could paste: control characters, lone surrogates, amounts, absurd lengths."""

HOSTILE = st.one_of(
    HOSTILE_TEXT,
    st.integers(),
    st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, 2**64, 10**15 + 1, 10**300, -1, 0]),
    st.floats(),
    st.decimals(),
    st.sampled_from([Decimal("1e400"), Decimal("NaN"), Decimal("-Infinity")]),
    st.dates(),
    st.sampled_from([date(9999, 12, 31), date(1, 1, 1), date(2200, 12, 31)]),
    st.datetimes(),
    st.booleans(),
    st.none(),
    st.uuids(),
    st.lists(HOSTILE_TEXT, max_size=2).map(tuple),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)
"""Any value, of any type, that a form or a caller could put into a field."""


def hostile(
    base: Mapping[str, Any], nested: Mapping[str, st.SearchStrategy[Any]] | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """*base* with up to three fields replaced by hostile values, one dropped, or one unknown."""
    keys = [*sorted(base), "okänt_fält"]
    values: st.SearchStrategy[Any] = HOSTILE
    changes = st.dictionaries(st.sampled_from(keys), values, max_size=3)
    if nested:
        changes = st.tuples(changes, st.fixed_dictionaries({}, optional=dict(nested))).map(
            lambda pair: pair[0] | pair[1]
        )
    dropped = st.sets(st.sampled_from(sorted(base)), max_size=1)
    return st.tuples(changes, dropped).map(
        lambda pair: {k: v for k, v in (dict(base) | pair[0]).items() if k not in pair[1]}
    )


def rows_of(base: Mapping[str, Any], **nested: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Up to two hostile copies of a nested row (a contact, an interest, an option)."""
    return st.lists(hostile(base, nested or None), max_size=2).map(tuple)
