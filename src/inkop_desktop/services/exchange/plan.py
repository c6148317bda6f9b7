"""Upphandlingsplanen in and out of spreadsheets, with reference number and status."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db import audit
from inkop_desktop.db.tables import Avsteg, PlanItem, PlanItemCpv, PlanItemParty
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import PARTIES_LABELS, Parties
from inkop_desktop.domain.plan.input import PlanItemInput
from inkop_desktop.domain.plan.status import (
    PLAN_STATUS_LABELS,
    PROCEDURE_LABELS,
    PlanStatus,
    Preparedness,
    Procedure,
    closed_reason,
)
from inkop_desktop.domain.procedure import advise, category_for_cpv
from inkop_desktop.domain.reference import ReferenceTable
from inkop_desktop.services import plan as plan_store
from inkop_desktop.services.exchange.cells import CellError, choice, day, integer, items, kronor
from inkop_desktop.services.exchange.kind import ExportRow, KindExchange, outcome
from inkop_desktop.services.exchange.plan_update import same_status, stored_items, update_item
from inkop_desktop.services.exchange.refs import (
    Organisations,
    People,
    chunks,
    contract_numbers,
    contracts_by_number,
)
from inkop_desktop.services.exchange.rows import (
    Column,
    ParsedRow,
    Problems,
    RowOutcome,
    unique_in_file,
)
from inkop_desktop.services.exchange.rows import validate as validate_row

_PREPAREDNESS = {p: p.label for p in Preparedness}
_EXTRA = ("reference", "status", "requested_by_id")


@dataclass(frozen=True)
class PlanImportItem:
    """A checked plan row: the input, its reference (None: next free), status and requester."""

    data: PlanItemInput
    reference: str | None
    status: PlanStatus
    requested_by: uuid.UUID | None
    avsteg: bool
    row: int = 0
    stored: uuid.UUID | None = None
    closed: str | None = None
    """Why the stored item may not change (it is closed), or None."""


def _organisations(raw: Any) -> tuple[str, ...]:
    """Nämnder separated by semicolons or line breaks (names may contain commas)."""
    return items(raw, ";\n")


class PlanExchange(KindExchange):
    """The upphandlingsplan as a sheet (merged items are left out, as in the list)."""

    kind = "plan"
    title = "Upphandlingsplan"
    model = PlanItemInput
    columns = (
        Column("Referens", "reference"),
        Column("Status", "status", choice(PLAN_STATUS_LABELS)),
        Column("Benämning", "title"),
        Column("Beskrivning", "description"),
        Column("År", "year", integer),
        Column("Region", "parties", choice(PARTIES_LABELS)),
        Column("Nämnder med behovet", "organisation_ids", _organisations),
        Column("CPV-koder", "cpv_codes", items),
        Column("Beräknat totalvärde inkl. optioner (kr)", "estimated_total_ore", kronor),
        Column("Årligt värde (kr)", "annual_value_ore", kronor),
        Column("Avtalstid (månader)", "contract_months", integer),
        Column("Optioner (månader)", "option_months", integer),
        Column("Förfarande", "procedure", choice(PROCEDURE_LABELS)),
        Column("Skäl för förfarandet", "procedure_reason"),
        Column("Ansvarig upphandlare", "responsible_id"),
        Column("Anmäld av", "requested_by_id"),
        Column("Planerad start", "planned_start", day),
        Column("Behovsanalys", "needs_analysis_on", day),
        Column("Annonsering", "advertise_on", day),
        Column("Tilldelning", "award_on", day),
        Column("Avtalsstart", "contract_start_on", day),
        Column("Miljökrav", "env_requirements"),
        Column("Sociala krav", "social_requirements"),
        Column("Agenda 2030", "agenda2030"),
        Column("Civil beredskap", "preparedness", choice(_PREPAREDNESS)),
        Column("Ersätter avtal (avtalsnummer)", "replaces_contract_id"),
    )

    def __init__(
        self, reference_table: Callable[[], ReferenceTable] | None = None, actor: str = ""
    ) -> None:
        self._reference_table = reference_table
        self._table: ReferenceTable | None = None
        self._actor = actor

    def rows(self, session: Session, ids: Sequence[uuid.UUID]) -> list[ExportRow]:
        """Plan items in the order given, with nämnder, CPV codes and people by login."""
        people, orgs = People(session), Organisations(session)
        out: list[ExportRow] = []
        for part in chunks(ids):
            found = {
                p.id: p for p in session.scalars(select(PlanItem).where(PlanItem.id.in_(part)))
            }
            cpvs, parties = _children(session, part, orgs)
            replaced = contract_numbers(session, (p.replaces_contract_id for p in found.values()))
            for item_id in part:
                p = found.get(item_id)
                if p is not None:
                    out.append(_row(p, people, cpvs[p.id], parties[p.id], replaced))
        return out

    def check(self, session: Session, rows: list[ParsedRow], problems: Problems) -> list[Any]:
        """Resolve people, nämnder and contracts; validate; refuse references that exist."""
        people, orgs = People(session), Organisations(session)
        numbers = [r.values.get("replaces_contract_id") for r in rows]
        contracts = contracts_by_number(session, [n for n in numbers if n])
        checked: list[tuple[ParsedRow, PlanImportItem]] = []
        for row in rows:
            extra = {k: row.values.pop(k) for k in _EXTRA if k in row.values}
            _resolve(row, extra, people, orgs, contracts, problems)
            data = validate_row(PlanItemInput, row, row.values, problems)
            if data is None or not _reference_ok(row, extra, problems):
                continue
            avsteg = self._procedure_ok(row, data, problems)
            if avsteg is not None:
                status = extra.get("status", PlanStatus.PLANERAD)
                item = PlanImportItem(
                    data, extra.get("reference"), status, extra.get("requested_by_id"), avsteg,
                    row.number,
                )  # fmt: skip
                checked.append((row, item))
        return _unique_references(session, checked, problems, self.update)

    def _procedure_ok(self, row: ParsedRow, data: PlanItemInput, problems: Problems) -> bool | None:
        """None if a lighter procedure lacks a reason; else whether it is an avsteg."""
        if data.procedure is None or self._reference_table is None:
            return False
        on = data.planned_start or date(data.year, 1, 1)
        advice = advise(
            Money(data.estimated_total_ore),
            on,
            self._tables(),
            category_for_cpv(data.cpv_codes[0]),
        )
        if not advice.is_below(data.procedure):
            return False
        if not data.procedure_reason.strip():
            problems.field(
                row,
                "procedure_reason",
                f"värdet kräver {advice.text.lower()} ({advice.legal_basis}); att välja "
                f"{data.procedure.label.lower()} är ett avsteg och kräver en skriftlig motivering",
            )
            return None
        return True

    def _tables(self) -> ReferenceTable:
        """The dated thresholds, read once per import."""
        if self._table is None and self._reference_table is not None:
            self._table = self._reference_table()
        if self._table is None:
            raise RuntimeError("no reference table")
        return self._table

    def store(self, session: Session, items: list[Any]) -> list[RowOutcome] | None:
        """Insert items, numbering those without a reference like the editor does."""
        people = People(session)
        actor = people.find_login(self._actor)
        years = [i.data.year for i in items if not i.stored and not i.reference]
        numbers = _Numbers(session, [i.reference for i in items if i.reference], years)
        headers = {c.field: c.header for c in self.columns if c.field}
        changes = {
            i.row: update_item(session, i, i.stored, headers, actor) for i in items if i.stored
        }
        _refuse_closed(items, changes)
        new = [i for i in items if not i.stored]
        fresh = [_new_row(i, numbers, n) for i, n in zip(new, audit.new_ids(len(new)), strict=True)]
        audit.insert_rows(session, PlanItem, fresh)  # one executemany, stamped and audited
        session.flush()  # a replica session adds ORM rows: the items before their children
        audit.insert_rows(session, PlanItemParty, _parties(new, fresh))
        audit.insert_rows(session, PlanItemCpv, _cpvs(new, fresh))
        audit.insert_rows(session, Avsteg, _avsteg(new, fresh, actor))
        if not self.update:
            return None
        return [outcome(i.row, i.stored is None, changes.get(i.row, ())) for i in items]


def _new_row(item: PlanImportItem, numbers: _Numbers, new_id: uuid.UUID) -> dict[str, Any]:
    """The plan_item row of a new item (version, stamps and defaults are filled in on insert)."""
    data: PlanItemInput = item.data
    return {
        "id": new_id,
        "reference": item.reference or numbers.next(data.year),
        "status": item.status,
        "requested_by_id": item.requested_by,
        "merged_into_id": None,
        **plan_store.columns(data),
    }


def _parties(items: list[PlanImportItem], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan_item_party rows of the new items (each nämnd once)."""
    return [{"plan_item_id": row["id"], "organisation_id": org}
            for item, row in zip(items, rows, strict=True)
            for org in dict.fromkeys(item.data.organisation_ids)]  # fmt: skip


def _cpvs(items: list[PlanImportItem], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan_item_cpv rows of the new items (each code once)."""
    return [{"plan_item_id": row["id"], "cpv": code}
            for item, row in zip(items, rows, strict=True)
            for code in dict.fromkeys(item.data.cpv_codes)]  # fmt: skip


def _avsteg(
    items: list[PlanImportItem], rows: list[dict[str, Any]], actor: uuid.UUID | None
) -> list[dict[str, Any]]:
    """The avsteg rows of the new items whose procedure is lighter than their value requires."""
    return [plan_store.avsteg_row(row["id"], item.data.procedure_reason, actor, row["parties"])
            for item, row in zip(items, rows, strict=True) if item.avsteg]  # fmt: skip


def _refuse_closed(items: list[Any], changes: dict[int, list[str]]) -> None:
    """A row that would change a closed item stops the import (nothing is saved)."""
    refused = [
        f"Rad {i.row} ({i.reference}): {i.closed.removesuffix('.')}"
        f" ({', '.join(dict.fromkeys(changes[i.row]))})."
        for i in items
        if i.closed and changes.get(i.row)
    ]
    if refused:
        raise ValidationError("\n".join(refused), message_id="plan.closed")


class _Numbers:
    """Hands out ``UP-<år>-NNNN`` from the year's counter, skipping the file's own numbers;
    the new rows' numbers are taken in one counter update per year before any row is added."""

    def __init__(self, session: Session, taken: Sequence[str], years: Sequence[int]) -> None:
        self._session = session
        self._taken = set(taken)
        self._ready: dict[int, deque[str]] = defaultdict(deque)
        for year, count in Counter(years).items():
            self._fill(year, count)

    def _fill(self, year: int, count: int) -> None:
        """At least *count* free references of *year* ready."""
        while len(self._ready[year]) < count:
            fresh = plan_store.next_references(self._session, year, count - len(self._ready[year]))
            self._ready[year].extend(r for r in fresh if r not in self._taken)

    def next(self, year: int) -> str:
        """The next free reference of *year*."""
        self._fill(year, 1)
        return self._ready[year].popleft()


def _children(
    session: Session, ids: Sequence[uuid.UUID], orgs: Organisations
) -> tuple[dict[uuid.UUID, list[str]], dict[uuid.UUID, list[str]]]:
    """CPV codes and nämnder (as names) per plan item, sorted."""
    cpvs: dict[uuid.UUID, list[str]] = defaultdict(list)
    parties: dict[uuid.UUID, list[str]] = defaultdict(list)
    stmt = select(PlanItemCpv.plan_item_id, PlanItemCpv.cpv).where(
        PlanItemCpv.plan_item_id.in_(ids)
    )
    for item_id, cpv in session.execute(stmt.order_by(PlanItemCpv.cpv)):
        cpvs[item_id].append(cpv)
    links = select(PlanItemParty.plan_item_id, PlanItemParty.organisation_id).where(
        PlanItemParty.plan_item_id.in_(ids)
    )
    for item_id, org_id in session.execute(links):
        parties[item_id].append(orgs.key(org_id))
    return cpvs, defaultdict(list, {k: sorted(v) for k, v in parties.items()})


def _row(
    p: PlanItem,
    people: People,
    cpvs: list[str],
    parties: list[str],
    replaced: dict[uuid.UUID, str],
) -> ExportRow:
    """One plan item as sheet cells, in column order."""
    texts = (p.env_requirements, p.social_requirements, p.agenda2030)
    return (
        p.reference,
        PlanStatus(p.status).label,
        p.title,
        p.description or None,
        p.year,
        Parties(p.parties).label,
        "; ".join(parties) or None,
        ", ".join(cpvs) or None,
        Money(p.estimated_total_ore),
        Money(p.annual_value_ore),
        p.contract_months,
        p.option_months,
        Procedure(p.procedure).label if p.procedure else None,
        p.procedure_reason or None,
        people.key(p.responsible_id),
        people.key(p.requested_by_id),
        p.planned_start,
        p.needs_analysis_on,
        p.advertise_on,
        p.award_on,
        p.contract_start_on,
        *(t or None for t in texts),
        Preparedness(p.preparedness).label,
        replaced.get(p.replaces_contract_id) if p.replaces_contract_id else None,
    )


def _resolve(
    row: ParsedRow,
    extra: dict[str, Any],
    people: People,
    orgs: Organisations,
    contracts: dict[str, Any],
    problems: Problems,
) -> None:
    """People, nämnder and the replaced contract from their human keys."""
    for name, values in (("responsible_id", row.values), ("requested_by_id", extra)):
        if name in values:
            try:
                values[name] = people.resolve(values[name])
            except CellError as exc:
                values.pop(name)
                problems.field(row, name, exc.text)
    if "organisation_ids" in row.values:
        try:
            row.values["organisation_ids"] = tuple(
                orgs.resolve(v) for v in row.values["organisation_ids"]
            )
        except CellError as exc:
            problems.field(row, "organisation_ids", exc.text)
    number = row.values.get("replaces_contract_id")
    if number:
        if number in contracts:
            row.values["replaces_contract_id"] = contracts[number].id
        else:
            problems.field(
                row, "replaces_contract_id", f"det finns inget avtal med nummer {number}"
            )


def _reference_ok(row: ParsedRow, extra: dict[str, Any], problems: Problems) -> bool:
    """A given reference fits the column (at most 30 characters)."""
    reference = extra.get("reference")
    if reference is not None and len(reference) > 30:
        problems.field(row, "reference", "är för långt (högst 30 tecken)")
        return False
    return True


def _unique_references(
    session: Session,
    checked: list[tuple[ParsedRow, PlanImportItem]],
    problems: Problems,
    update: bool,
) -> list[PlanImportItem]:
    """A reference may occur once in the file; in the database only in update mode."""
    unique_in_file(
        [(r, i.reference, i.reference or "") for r, i in checked],
        "reference",
        problems,
        "referensen {value} finns redan på rad {row}",
    )
    existing = stored_items(session, [i.reference for _, i in checked if i.reference])
    out = []
    for row, item in checked:
        stored = existing.get(item.reference or "")
        if stored is None or "reference" in row.failed:
            out.append(item)
        elif not update:
            problems.field(row, "reference", f"planposten {item.reference} finns redan")
        elif same_status(row, stored, item.status.value, problems):
            closed = closed_reason(PlanStatus(stored.status))
            out.append(replace(item, stored=stored.id, closed=closed))
    return out
