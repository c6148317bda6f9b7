"""Schema versions of outbox operations: an older one is migrated step by step, or kept aside.

An operation names the Alembic revision of the program that wrote it. Before it is sent it
is brought to the current revision by the steps below, one per later revision, in order. A
revision whose step is ``None`` changed no column an offline operation writes, so its
operations pass unchanged; a step rewrites the payload's rows. An operation from a revision
this program does not know (a newer program, a foreign file) is kept aside with a clear
message, never sent half-understood and never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Payload = dict[str, Any]
CURRENT = "0020"
"""The revision this program writes its operations in (the replica's Alembic head)."""


def _with_check_basis(payload: Payload) -> Payload:
    """0013: a direct award created by an older program has no recorded check basis (NULL)."""
    for row in payload["rows"]:
        if row["table"] == "direct_award" and row["action"] == "insert":
            row["new"].setdefault("contract_check_basis", None)
        if row["table"] == "reference_value" and row["action"] == "insert":
            row["new"].setdefault("comparison", "minst")
    return payload


def _with_ranking_keys(payload: Payload) -> Payload:
    """0020: a contract's number and keywords written by an older program bring their
    lower-cased ranking keys (its suppliers' names key follows at its next save)."""
    for row in payload["rows"]:
        new = row.get("new")
        if row["table"] != "contract" or not new:
            continue
        if "contract_number" in new:
            new.setdefault("number_key", str(new["contract_number"] or "").lower())
        if "keywords" in new:
            new.setdefault("keywords_key", str(new["keywords"] or "").lower())
    return payload


STEPS: dict[str, Callable[[Payload], Payload] | None] = {
    "0012": None,
    "0013": _with_check_basis,
    "0014": None,
    "0015": None,  # avsteg register columns: all have server defaults
    "0016": None,  # reskontra tables: not drafted offline
    "0017": None,  # catalogue trigram index: no column changes, the replica's triggers keep it
    "0018": None,  # indexes only
    "0019": None,  # catalogue word-start index: no column changes, the replica's triggers keep it
    "0020": _with_ranking_keys,
}
"""Revision → the step that brings an operation of the previous revision up to it."""
ORDER = list(STEPS)


class UnknownSchemaError(Exception):
    """The operation's revision is not one this program can migrate from."""


def migrate(payload: Payload, revision: str) -> Payload:
    """*payload* written at *revision*, brought to :data:`CURRENT`."""
    if revision not in ORDER:
        raise UnknownSchemaError(
            f"Ändringen gjordes med en programversion vars databasschema ({revision}) detta "
            f"program inte känner till. Den sparas åt sidan och skickas inte; uppdatera "
            f"programmet eller kontakta förvaltningen."
        )
    for later in ORDER[ORDER.index(revision) + 1 :]:
        step = STEPS[later]
        if step is not None:
            payload = step(payload)
    return payload
