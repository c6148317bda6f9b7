"""Real numbers for records created offline, handed out in the transaction that applies them.

A plan item (or behovsanmälan) or a direct-award record made on the replica carries a
provisional label (``services.numbering.PROVISIONAL``). Just before its create is applied, in
the same server transaction, the label in the operation is replaced by the next number of the
server's series; the pull then brings the number to the replica. An operation the server has
already recorded (sent again after a kill) is sent unchanged and answered from the record, so
a repeat never consumes a second number.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from inkop_desktop.db.offline.push import Operation
from inkop_desktop.db.offline.server_table import OPERATION_TABLE
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services import numbering

NUMBERED = {"plan_item": "reference", "direct_award": "diarienummer"}
"""The tables whose number the server gives, and the column it is in."""


def _number(session: Session, table: str, new: dict[str, Any]) -> str:
    """The server's next number for the row *new* of *table*."""
    if table == "plan_item":
        return numbering.plan_reference(session, int(new["year"]))
    year = date.fromisoformat(str(new["award_date"])).year
    return numbering.diarienummer(session, Parties(new["region"]), year)


def _seen(server: Connection, op_id: uuid.UUID) -> bool:
    """True when the server already recorded the operation (a repeat after a kill)."""
    query = select(OPERATION_TABLE.c.id).where(OPERATION_TABLE.c.id == op_id)
    return server.execute(query).first() is not None


Payload = dict[str, Any]


def assign(server: Connection, op: Operation, login: str, changes: Payload) -> Payload:
    """*changes* with every provisional number replaced by the server's (same transaction)."""
    wanted = [
        row for row in changes["rows"]
        if row["action"] == "insert" and row["table"] in NUMBERED
        and str(row["new"].get(NUMBERED[row["table"]], "")).startswith(numbering.PROVISIONAL)
    ]  # fmt: skip
    if not wanted or _seen(server, op.op_id):
        return changes
    with Session(bind=server, join_transaction_mode="create_savepoint") as session:
        session.info["actor"] = login
        for row in wanted:
            row["new"][NUMBERED[row["table"]]] = _number(session, row["table"], row["new"])
        session.commit()  # releases the savepoint; the server transaction goes on
    return changes
