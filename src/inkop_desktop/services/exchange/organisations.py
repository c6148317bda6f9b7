"""Organisationer in and out of spreadsheets, parents by name (and region when shared)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import Organisation
from inkop_desktop.domain.organisation import ORG_KIND_LABELS, REGION_NAMES, Region
from inkop_desktop.domain.organisation_input import OrganisationInput
from inkop_desktop.services.exchange.cells import CellError, choice, fold
from inkop_desktop.services.exchange.kind import ExportRow, KindExchange, apply, outcome
from inkop_desktop.services.exchange.refs import Organisations, OrgRow
from inkop_desktop.services.exchange.rows import (
    Column,
    ParsedRow,
    Problems,
    RowOutcome,
    unique_in_file,
    validate,
)


@dataclass(frozen=True)
class OrgItem:
    """A checked organisation row: the id it gets (or has), its input and its parent."""

    id: uuid.UUID
    data: OrganisationInput
    parent_id: uuid.UUID | None
    row: int
    stored: bool = False


def org_key(name: str, region: Region | str | None) -> tuple[str, str | None]:
    """The natural key of an organisation: folded name and region."""
    return fold(name), (str(region.value if isinstance(region, Region) else region) or None)


class OrganisationExchange(KindExchange):
    """The organisation tree as a sheet, parents before their children."""

    kind = "organisationer"
    title = "Organisationer"
    model = OrganisationInput
    columns = (
        Column("Namn", "name"),
        Column("Kortnamn", "short_name"),
        Column("Typ", "kind", choice(ORG_KIND_LABELS)),
        Column("Region", "region", choice(REGION_NAMES)),
        Column("Organisationsnummer", "orgnr"),
        Column("Överordnad", "parent"),
    )

    def all_ids(self, session: Session) -> list[uuid.UUID]:
        """Every organisation, parents first, then by region and name."""
        rows = session.execute(
            select(Organisation.id, Organisation.parent_id, Organisation.region, Organisation.name)
        ).all()
        return [r.id for r in parents_first(rows, lambda r: r.id, lambda r: r.parent_id)]

    def rows(self, session: Session, ids: Sequence[uuid.UUID]) -> list[ExportRow]:
        """One row per organisation in the order given."""
        orgs = Organisations(session)
        found = {o.id: o for o in session.scalars(select(Organisation))}
        out: list[ExportRow] = []
        for org_id in ids:
            o = found.get(org_id)
            if o is None:
                continue
            parent = orgs.key(o.parent_id) if o.parent_id else None
            region = REGION_NAMES[Region(o.region)] if o.region in REGION_NAMES else None
            kind = ORG_KIND_LABELS.get(o.kind, o.kind)  # type: ignore[call-overload]
            out.append((o.name, o.short_name or None, kind, region, o.orgnr, parent))
        return out

    def check(self, session: Session, rows: list[ParsedRow], problems: Problems) -> list[Any]:
        """Valid input, unique names per region, parents that exist here or in the file."""
        orgs = Organisations(session)
        checked: list[tuple[ParsedRow, OrganisationInput]] = []
        for row in rows:
            values = {k: v for k, v in row.values.items() if k != "parent"}
            data = validate(OrganisationInput, row, values, problems)
            if data is not None:
                checked.append((row, data))
        unique_in_file(
            [(r, org_key(i.name, i.region), i.name) for r, i in checked],
            "name",
            problems,
            "”{value}” finns redan på rad {row} (samma namn och region)",
        )
        ids: dict[int, uuid.UUID] = {}
        stored: set[int] = set()
        for row, data in checked:
            region = data.region.value if data.region else None
            found = orgs.find(data.name, region)
            ids[row.number] = found or uuid.uuid4()
            if found is None:
                orgs.add(OrgRow(ids[row.number], data.name, region))
            elif self.update:
                stored.add(row.number)
            else:
                problems.field(row, "name", f"organisationen ”{data.name}” finns redan")
        items = [
            OrgItem(
                ids[r.number], d, self._parent(r, ids[r.number], orgs, problems), r.number,
                r.number in stored,
            )
            for r, d in checked
        ]  # fmt: skip
        _refuse_cycles(items, rows, problems)
        return items

    def _parent(
        self, row: ParsedRow, own: uuid.UUID, orgs: Organisations, problems: Problems
    ) -> uuid.UUID | None:
        """The parent named in the row (None if blank or unknown, with a problem)."""
        named = row.values.get("parent")
        if not named:
            return None
        try:
            parent = orgs.resolve(named)
        except CellError as exc:
            problems.field(row, "parent", exc.text)
            return None
        if parent == own:
            problems.field(row, "parent", "en organisation kan inte vara överordnad sig själv")
            return None
        return parent

    def store(self, session: Session, items: list[Any]) -> list[RowOutcome]:
        """Insert parents before children (one flush per level); update the stored ones."""
        headers = {c.field: c.header for c in self.columns if c.field} | {"parent_id": "Överordnad"}
        outcomes = []
        for level in levels(items):
            for item in level:
                values = _values(item.data) | {"parent_id": item.parent_id}
                changed: list[str] = []
                if item.stored:
                    row = session.get(Organisation, item.id)
                    changed = apply(row, values, headers)
                else:
                    session.add(Organisation(id=item.id, version=1, **values))
                outcomes.append(outcome(item.row, not item.stored, changed))
            session.flush()
        return outcomes


def _values(data: OrganisationInput) -> dict[str, Any]:
    """Column values of an organisation input."""
    return {
        "name": data.name,
        "short_name": data.short_name,
        "kind": data.kind.value,
        "region": data.region.value if data.region else None,
        "orgnr": data.orgnr,
    }


def levels(items: Sequence[OrgItem]) -> list[list[OrgItem]]:
    """The file's organisations in levels: each level's parents are stored or in a level above."""
    pending = list(items)
    in_file = {i.id for i in items}
    done: set[uuid.UUID] = set()
    out: list[list[OrgItem]] = []
    while pending:
        ready = [
            i
            for i in pending
            if i.parent_id is None or i.parent_id not in in_file or i.parent_id in done
        ]
        if not ready:
            return out
        out.append(ready)
        done.update(i.id for i in ready)
        pending = [i for i in pending if i.id not in done]
    return out


def _refuse_cycles(items: list[OrgItem], rows: list[ParsedRow], problems: Problems) -> None:
    """Rows whose parents lead back to themselves."""
    placed = {i.id for level in levels(items) for i in level}
    by_number = {r.number: r for r in rows}
    for item in items:
        if item.id not in placed:
            problems.field(
                by_number[item.row], "parent", "de överordnade organisationerna bildar en ring"
            )


def parents_first(rows: Sequence[Any], key: Any, parent: Any) -> list[Any]:
    """*rows* sorted by depth in the tree, then by region and name."""
    by_id = {key(r): r for r in rows}

    def depth(r: Any) -> int:
        seen: set[Any] = set()
        n = 0
        while parent(r) is not None and parent(r) in by_id and key(r) not in seen:
            seen.add(key(r))
            r, n = by_id[parent(r)], n + 1
        return n

    return sorted(rows, key=lambda r: (depth(r), r.region or "", r.name, str(key(r))))
