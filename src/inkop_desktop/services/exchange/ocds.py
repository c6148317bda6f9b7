"""The plan and the contracts as an OCDS 1.1 release package (public data only)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    ContractSupplier,
    Organisation,
    PlanItem,
    PlanItemCpv,
    Supplier,
)
from inkop_desktop.documents.exchange import ocds
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import OrgKind, Parties
from inkop_desktop.domain.plan.status import PROCEDURE_LABELS, Procedure
from inkop_desktop.services.base import Service

DEFAULT_PREFIX = "ocds-inkop"
"""The ocid prefix until the publisher's own is set (settings.json ``ocds_prefix``)."""
UNPUBLISHED = frozenset({"behov_anmalt"})
"""Plan statuses not yet decided: a reported need is not published."""


def check_prefix(prefix: str) -> str:
    """An ocid prefix: "ocds-" and letters, digits or hyphens (the part OCP assigns)."""
    text = prefix.strip()
    rest = text.removeprefix("ocds-")
    if text == rest or not rest or not all(c.isalnum() or c == "-" for c in rest):
        raise ValidationError(
            f"Ocid-prefixet ”{prefix}” ska börja med ”ocds-” följt av bokstäver och siffror.",
            field="ocds_prefix",
        )
    return text


def _label(code: str | None) -> str:
    """The procedure's Swedish name."""
    try:
        return PROCEDURE_LABELS[Procedure(code)] if code else ""
    except ValueError:
        return code or ""


class OcdsExport(Service):
    """Reads what is published and builds the release package."""

    def package(
        self, prefix: str = DEFAULT_PREFIX, today: date | None = None, now: datetime | None = None
    ) -> dict[str, object]:
        """Planning and tender releases of the plan, award and contract releases of contracts."""
        prefix = check_prefix(prefix)
        day = today or date.today()
        with self._session() as s:
            regions = _regions(s)
            releases = [
                r for item in _plan_items(s, regions) for r in ocds.plan_releases(item, prefix)
            ]
            releases += [
                r for c in _contracts(s, regions) for r in ocds.contract_releases(c, prefix, day)
            ]
        return ocds.release_package(releases, prefix, now or datetime.now(UTC))

    def export_file(self, prefix: str = DEFAULT_PREFIX, today: date | None = None) -> bytes:
        """The package as UTF-8 JSON."""
        return ocds.to_json(self.package(prefix, today))


def _regions(s: Session) -> dict[str, ocds.Organisation]:
    """The two regions (the buyers) by code."""
    rows = s.execute(select(Organisation).where(Organisation.kind == OrgKind.REGION.value))
    return {
        o.region: ocds.Organisation(o.orgnr or "", o.name)
        for o in rows.scalars()
        if o.region and o.orgnr
    }


def _buyers(parties: str, regions: dict[str, ocds.Organisation]) -> tuple[ocds.Organisation, ...]:
    """The regions a record is for."""
    try:
        found = Parties(parties).regions()
    except ValueError:
        return ()
    return tuple(regions[r.value] for r in found if r.value in regions)


def _plan_items(s: Session, regions: dict[str, ocds.Organisation]) -> list[ocds.PlannedProcurement]:
    """Every decided plan item (not merged away), by reference."""
    cpv: dict[uuid.UUID, list[str]] = defaultdict(list)
    for item_id, code in s.execute(
        select(PlanItemCpv.plan_item_id, PlanItemCpv.cpv).order_by(PlanItemCpv.cpv)
    ):
        cpv[item_id].append(code)
    rows = s.execute(
        select(PlanItem)
        .where(PlanItem.status.not_in(UNPUBLISHED), PlanItem.merged_into_id.is_(None))
        .order_by(PlanItem.reference)
    ).scalars()
    return [
        ocds.PlannedProcurement(
            uid=str(p.id),
            version=p.version,
            reference=p.reference,
            title=p.title,
            status=p.status,
            procedure=p.procedure,
            procedure_label=_label(p.procedure),
            buyers=_buyers(p.parties, regions),
            estimated_ore=p.estimated_total_ore,
            cpv=tuple(cpv.get(p.id, ())),
            planned_start=p.planned_start,
            contract_start=p.contract_start_on,
            changed=p.updated_at or p.created_at,
        )
        for p in rows
    ]


def _contracts(s: Session, regions: dict[str, ocds.Organisation]) -> list[ocds.SignedContract]:
    """Every contract with its suppliers, by contract number."""
    suppliers: dict[uuid.UUID, list[ocds.Organisation]] = defaultdict(list)
    for contract_id, orgnr, name in s.execute(
        select(ContractSupplier.contract_id, Supplier.orgnr, Supplier.name)
        .join(Supplier, Supplier.id == ContractSupplier.supplier_id)
        .order_by(Supplier.name)
    ):
        suppliers[contract_id].append(ocds.Organisation(orgnr, name))
    rows = s.execute(select(Contract).order_by(Contract.contract_number)).scalars()
    return [
        ocds.SignedContract(
            uid=str(c.id),
            version=c.version,
            number=c.contract_number,
            title=c.title,
            procedure=c.procedure,
            procedure_label=_label(c.procedure),
            buyers=_buyers(c.parties, regions),
            suppliers=tuple(suppliers.get(c.id, ())),
            start=c.start_date,
            end=c.end_date,
            total_ore=c.total_value_ore,
            cpv=c.cpv,
            changed=c.updated_at or c.created_at,
        )
        for c in rows
    ]
