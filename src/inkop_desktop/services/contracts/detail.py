"""The contract as the editor opens it: its row and parts read once, then the DTO built."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import ContractSupplier
from inkop_desktop.domain.contracts.model import ContractInput, RiskTier
from inkop_desktop.domain.contracts.terms import OptionInput
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.services.contracts import attachments as files
from inkop_desktop.services.contracts import parts
from inkop_desktop.services.contracts.attachments import AttachmentRow
from inkop_desktop.services.contracts.parts import AmendmentRow, ContractRef, OptionRow
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.reads import plain_read


class ContractDetail(BaseModel):
    """A contract as opened in the editor, with its options, amendments, files and links."""

    model_config = FROZEN
    id: uuid.UUID
    version: int
    data: ContractInput
    options: tuple[OptionRow, ...] = ()
    amendments: tuple[AmendmentRow, ...] = ()
    attachments: tuple[AttachmentRow, ...] = ()
    framework: ContractRef | None = None
    calloffs: tuple[ContractRef, ...] = ()

    @property
    def current_value_ore(self) -> int:
        """The value after the latest amendment (the original value if none)."""
        return self.amendments[-1].new_value_ore if self.amendments else self.data.total_value_ore


_SUPPLIER_IDS = (
    select(ContractSupplier.supplier_id)
    .where(ContractSupplier.contract_id == bindparam("cid"))
    .order_by(ContractSupplier.supplier_id)
)
"""In the order of the (contract_id, supplier_id) index, as a save returns them too."""


@dataclass
class Parts:
    """What the editor shows beside the contract's own row, as read in the transaction."""

    supplier_ids: tuple[uuid.UUID, ...]
    options: Sequence[Any]
    """Stored options: ORM rows when a save changes them, plain rows when only read."""
    amendments: tuple[AmendmentRow, ...]
    attachments: tuple[AttachmentRow, ...]
    framework: ContractRef | None
    calloffs: tuple[ContractRef, ...]
    wanted: list[OptionInput] = field(default_factory=list)
    """A save's options to store (the stored ones when the form sent none)."""


def read_parts(session: Session, row: Any) -> Parts:
    """Read the contract's supplier links, options, amendments, files and framework links."""
    return Parts(
        supplier_ids=tuple(plain_read(session, _SUPPLIER_IDS, {"cid": row.id}).scalars()),
        options=parts.option_terms(session, row.id),
        amendments=parts.amendment_rows(session, row.id),
        attachments=files.attachment_rows(session, row.id),
        framework=parts.ref(session, row.framework_id),
        calloffs=parts.calloffs(session, row.id),
    )


def build(row: Any, found: Parts) -> ContractDetail:
    """The editor DTO from the row and its parts (no database work)."""
    fields = {k: getattr(row, k) for k in ContractInput.model_fields if k != "supplier_ids"}
    fields.update(
        parties=Parties(row.parties),
        procedure=Procedure(row.procedure),
        risk_tier=RiskTier(row.risk_tier),
    )
    # model_construct: a stored contract may predate today's rules (e.g. no avtalsägare yet)
    data = ContractInput.model_construct(**fields, supplier_ids=found.supplier_ids)
    return ContractDetail(
        id=row.id,
        version=row.version,
        data=data,
        options=parts.option_rows(row, found.options),
        amendments=found.amendments,
        attachments=found.attachments,
        framework=found.framework,
        calloffs=found.calloffs,
    )
