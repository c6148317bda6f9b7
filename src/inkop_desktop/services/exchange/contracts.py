"""Avtal in and out of spreadsheets: people by login, suppliers by orgnr, options, amendments."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    ContractAmendment,
    ContractOption,
    ContractSupplier,
    Supplier,
)
from inkop_desktop.domain.contracts.model import ContractInput, RiskTier
from inkop_desktop.domain.contracts.terms import AmendmentInput
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.names import search_key
from inkop_desktop.domain.organisation import PARTIES_LABELS, Parties
from inkop_desktop.domain.plan.status import PROCEDURE_LABELS, Procedure
from inkop_desktop.services.contracts import stored_value_problem
from inkop_desktop.services.exchange import contract_checks as checks
from inkop_desktop.services.exchange.cells import choice, day, integer, items, kronor
from inkop_desktop.services.exchange.cells import yes_no as yn
from inkop_desktop.services.exchange.contract_parts import (
    OptionLine,
    amendment_text,
    deadlines,
    option_text,
    parse_amendments,
    parse_options,
)
from inkop_desktop.services.exchange.contract_update import update_contract
from inkop_desktop.services.exchange.kind import ExportRow, KindExchange, outcome
from inkop_desktop.services.exchange.refs import (
    Organisations,
    People,
    chunks,
    contract_numbers,
    contracts_by_number,
    suppliers_by_orgnr,
)
from inkop_desktop.services.exchange.rows import (
    Column,
    ParsedRow,
    Problems,
    RowOutcome,
    unique_in_file,
)
from inkop_desktop.services.exchange.rows import validate as validate_row

_RISK = {r: r.label for r in RiskTier}
_ROLES = ("owner_id", "handlaggare_id")
_NOBODY = uuid.UUID(int=0)


@dataclass(frozen=True)
class ContractItem:
    """A checked contract row with the id it will get and its parts."""

    id: uuid.UUID
    data: ContractInput
    options: tuple[OptionLine, ...]
    amendments: tuple[AmendmentInput, ...]
    owner_org: uuid.UUID | None
    row: int = 0
    stored: bool = False


class ContractExchange(KindExchange):
    """The contract portfolio as a sheet."""

    kind = "avtal"
    title = "Avtal"
    model = ContractInput
    columns = (
        Column("Avtalsnummer", "contract_number"),
        Column("Benämning", "title"),
        Column("Beskrivning", "description"),
        Column("Sökord", "keywords"),
        Column("Diarienummer", "diarienummer"),
        Column("Upphandlings-ID", "procurement_id"),
        Column("Parter", "parties", choice(PARTIES_LABELS)),
        Column("Förfarande", "procedure", choice(PROCEDURE_LABELS)),
        Column("Rättslig grund", "legal_basis"),
        Column("CPV-kod", "cpv"),
        Column("Startdatum", "start_date", day),
        Column("Slutdatum", "end_date", day),
        Column("Uppsägningstid (månader)", "notice_months", integer),
        Column("Totalt värde (kr)", "total_value_ore", kronor),
        Column("Årligt värde (kr)", "annual_value_ore", kronor),
        Column("Prisjusteringsindex", "price_index"),
        Column("Avtalsägare", "owner_id"),
        Column("Handläggare", "handlaggare_id"),
        Column("Avtalsägarens organisation", "owner_org_id"),
        Column("Leverantörer (organisationsnummer)", "supplier_ids", items),
        Column("Ramavtal", "is_framework", yn),
        Column("Avrop från ramavtal (avtalsnummer)", "framework_id"),
        Column("Beställs via e-handel", "e_handel", yn),
        Column("Riskklass", "risk_tier", choice(_RISK)),
        Column("Kritisk för civil beredskap", "preparedness_critical", yn),
        Column("Optioner", "options", parse_options),
        Column("Ändringar", "amendments", parse_amendments),
    )

    def __init__(self, allow_missing_roles: bool = False) -> None:
        self._allow_missing_roles = allow_missing_roles

    def rows(self, session: Session, ids: Sequence[uuid.UUID]) -> list[ExportRow]:
        """Contracts in the order given, with their suppliers, options and amendments."""
        people, orgs = People(session), Organisations(session)
        out: list[ExportRow] = []
        for part in chunks(ids):
            found = {
                c.id: c for c in session.scalars(select(Contract).where(Contract.id.in_(part)))
            }
            parts = _Parts(session, part)
            frameworks = contract_numbers(session, (c.framework_id for c in found.values()))
            for contract_id in part:
                c = found.get(contract_id)
                if c is not None:
                    out.append(_row(c, people, orgs, parts, frameworks))
        return out

    def check(self, session: Session, rows: list[ParsedRow], problems: Problems) -> list[Any]:
        """Resolve people, suppliers and frameworks; validate; refuse numbers that exist."""
        people, orgs = People(session), Organisations(session)
        known = self._stored(session, rows)
        ids = {r.number: known.get(r.values.get("contract_number", ""), uuid.uuid4()) for r in rows}
        in_file = {
            r.values["contract_number"]: (ids[r.number], r.values.get("is_framework", False))
            for r in reversed(rows)
            if r.values.get("contract_number")
        }
        numbers = [r.values.get("framework_id", "") for r in rows]
        stored = contracts_by_number(session, [n for n in numbers if n])
        orgnrs = suppliers_by_orgnr(session, checks.orgnrs(rows))
        checked: list[tuple[ParsedRow, ContractItem]] = []
        for row in rows:
            options = row.values.pop("options", ())
            amendments = row.values.pop("amendments", ())
            checks.people(row, people, problems)
            owner_org = checks.owner_org(row, people, orgs, problems)
            checks.suppliers(row, orgnrs, problems)
            checks.framework(row, in_file, stored, problems)
            data = self._validate(row, problems)
            if data is not None and checks.amendments_after_start(row, data, amendments, problems):
                item = ContractItem(
                    ids[row.number], data, options, amendments, owner_org, row.number,
                    data.contract_number in known,
                )  # fmt: skip
                frozen = item.stored and stored_value_problem(
                    session, item.id, data.total_value_ore
                )
                if frozen:
                    problems.field(row, "total_value_ore", frozen)
                    continue
                checked.append((row, item))
        unique_in_file(
            [(r, i.data.contract_number, i.data.contract_number) for r, i in checked],
            "contract_number",
            problems,
            "avtalsnumret {value} finns redan på rad {row}",
        )
        existing = contracts_by_number(session, [i.data.contract_number for _, i in checked])
        for row, item in checked:
            if item.stored or "contract_number" in row.failed:
                continue
            if item.data.contract_number in existing:
                problems.field(
                    row, "contract_number", f"avtalet {item.data.contract_number} finns redan"
                )
        return [item for _, item in checked]

    def _stored(self, session: Session, rows: list[ParsedRow]) -> dict[str, uuid.UUID]:
        """In update mode: the stored contracts the rows name by avtalsnummer."""
        if not self.update:
            return {}
        numbers = [r.values["contract_number"] for r in rows if r.values.get("contract_number")]
        return {n: r.id for n, r in contracts_by_number(session, numbers).items()}

    def _validate(self, row: ParsedRow, problems: Problems) -> ContractInput | None:
        """The contract input; with *allow_missing_roles* an empty role is stored as missing."""
        missing = [
            name
            for name in _ROLES
            if self._allow_missing_roles and name not in row.values and name not in row.failed
        ]
        values = row.values | dict.fromkeys(missing, _NOBODY)
        data = validate_row(ContractInput, row, values, problems)
        if data is None or not missing:
            return data
        for name in missing:
            problems.warn(row, name, "saknas; avtalet importerades men måste kompletteras")
        return data.model_copy(update=dict.fromkeys(missing))

    def store(self, session: Session, items: list[Any]) -> list[RowOutcome] | None:
        """Insert frameworks before their call-offs, then suppliers, options and amendments."""
        headers = {c.field: c.header for c in self.columns if c.field}
        for item in _frameworks_first([i for i in items if not i.stored]):
            data: ContractInput = item.data
            values = data.model_dump(exclude={"supplier_ids"})
            session.add(
                Contract(
                    id=item.id,
                    version=1,
                    title_key=search_key(data.title),
                    owner_org_id=item.owner_org,
                    **values,
                )
            )
        session.flush()
        for item in items:
            if not item.stored:
                _store_parts(session, item)
        changes = {i.row: update_contract(session, i, headers) for i in items if i.stored}
        if not self.update:
            return None
        return [outcome(i.row, not i.stored, changes.get(i.row, ())) for i in items]


def _store_parts(session: Session, item: ContractItem) -> None:
    """Supplier links, options (deadline as given or derived) and amendments of one contract."""
    data = item.data
    for supplier_id in data.supplier_ids:
        session.add(ContractSupplier(version=1, contract_id=item.id, supplier_id=supplier_id))
    dates = deadlines(data.end_date, data.notice_months, item.options)
    for ordinal, (line, deadline) in enumerate(zip(item.options, dates, strict=True), start=1):
        session.add(
            ContractOption(
                version=1,
                contract_id=item.id,
                ordinal=ordinal,
                months=line.option.months,
                decision_deadline=deadline,
                decision=line.option.decision.value,
            )
        )
    for amendment in item.amendments:
        session.add(ContractAmendment(version=1, contract_id=item.id, **amendment.model_dump()))


class _Parts:
    """Supplier orgnrs, option lines and amendment lines of a chunk of contracts."""

    def __init__(self, session: Session, ids: Sequence[uuid.UUID]) -> None:
        self.suppliers: dict[uuid.UUID, list[str]] = defaultdict(list)
        self.options: dict[uuid.UUID, list[str]] = defaultdict(list)
        self.amendments: dict[uuid.UUID, list[str]] = defaultdict(list)
        links = (
            select(ContractSupplier.contract_id, Supplier.orgnr)
            .join(Supplier, Supplier.id == ContractSupplier.supplier_id)
            .where(ContractSupplier.contract_id.in_(ids))
            .order_by(Supplier.orgnr)
        )
        for contract_id, orgnr in session.execute(links):
            self.suppliers[contract_id].append(orgnr)
        options = select(ContractOption).where(ContractOption.contract_id.in_(ids))
        for o in session.scalars(options.order_by(ContractOption.ordinal)):
            self.options[o.contract_id].append(
                option_text(o.months, o.decision, o.decision_deadline)
            )
        amendments = select(ContractAmendment).where(ContractAmendment.contract_id.in_(ids))
        order = (ContractAmendment.amended_on, ContractAmendment.created_at)
        for a in session.scalars(amendments.order_by(*order)):
            self.amendments[a.contract_id].append(
                amendment_text(a.amended_on, a.new_value_ore, a.reason)
            )


def _row(
    c: Contract,
    people: People,
    orgs: Organisations,
    parts: _Parts,
    frameworks: dict[uuid.UUID, str],
) -> ExportRow:
    """One contract as sheet cells, in column order."""
    return (
        c.contract_number,
        c.title,
        c.description or None,
        c.keywords or None,
        c.diarienummer or None,
        c.procurement_id or None,
        Parties(c.parties).label,
        Procedure(c.procedure).label,
        c.legal_basis or None,
        c.cpv or None,
        c.start_date,
        c.end_date,
        c.notice_months,
        Money(c.total_value_ore),
        Money(c.annual_value_ore),
        c.price_index or None,
        people.key(c.owner_id),
        people.key(c.handlaggare_id),
        orgs.key(c.owner_org_id) if c.owner_org_id else None,
        ", ".join(parts.suppliers[c.id]) or None,
        c.is_framework,
        frameworks.get(c.framework_id) if c.framework_id else None,
        c.e_handel,
        RiskTier(c.risk_tier).label,
        c.preparedness_critical,
        "\n".join(parts.options[c.id]) or None,
        "\n".join(parts.amendments[c.id]) or None,
    )


def _frameworks_first(items: list[ContractItem]) -> list[ContractItem]:
    """Order items so that a framework in the file is inserted before its call-offs."""
    by_id = {i.id: i for i in items}
    ordered: list[ContractItem] = []
    placed: set[uuid.UUID] = set()

    def place(item: ContractItem) -> None:
        parent = item.data.framework_id
        if parent in by_id and parent not in placed:
            place(by_id[parent])
        if item.id not in placed:
            placed.add(item.id)
            ordered.append(item)

    for item in items:
        place(item)
    return ordered
