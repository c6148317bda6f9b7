"""Checks of contract rows: people, the owner's organisation, suppliers, frameworks, dates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.contracts.terms import AmendmentInput
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.identifiers import normalise_orgnr
from inkop_desktop.services.exchange.cells import CellError
from inkop_desktop.services.exchange.refs import Organisations, People
from inkop_desktop.services.exchange.rows import ParsedRow, Problems


def orgnrs(rows: list[ParsedRow]) -> list[str]:
    """Every well-formed orgnr the rows name."""
    found = []
    for row in rows:
        for value in row.values.get("supplier_ids", ()):
            try:
                found.append(normalise_orgnr(value))
            except ValidationError:
                continue
    return found


def people(row: ParsedRow, people: People, problems: Problems) -> None:
    """Avtalsägare and handläggare from ``Name (login)``, a login or a unique name."""
    for name in ("owner_id", "handlaggare_id"):
        if name in row.values:
            try:
                row.values[name] = people.resolve(row.values[name])
            except CellError as exc:
                problems.field(row, name, exc.text)


def owner_org(
    row: ParsedRow, people: People, orgs: Organisations, problems: Problems
) -> uuid.UUID | None:
    """The avtalsägare's organisation (as the editor derives it), else the one in the sheet."""
    named = row.values.pop("owner_org_id", None)
    if isinstance(row.values.get("owner_id"), uuid.UUID):
        return people.organisation_of(row.values["owner_id"])
    if not named:
        return None
    try:
        return orgs.resolve(named)
    except CellError as exc:
        problems.field(row, "owner_org_id", exc.text)
        return None


def suppliers(row: ParsedRow, known: dict[str, uuid.UUID], problems: Problems) -> None:
    """Supplier ids from organisationsnummer that must exist in the register."""
    if "supplier_ids" not in row.values:
        return
    ids = []
    for value in row.values["supplier_ids"]:
        try:
            orgnr = normalise_orgnr(value)
        except ValidationError as exc:
            problems.field(row, "supplier_ids", exc.text)
            return
        if orgnr not in known:
            problems.field(
                row,
                "supplier_ids",
                f"det finns ingen leverantör med organisationsnummer {orgnr} i registret "
                "(importera leverantörerna först)",
            )
            return
        if known[orgnr] not in ids:
            ids.append(known[orgnr])
    row.values["supplier_ids"] = tuple(ids)


def framework(
    row: ParsedRow, in_file: dict[str, Any], stored: dict[str, Any], problems: Problems
) -> None:
    """The framework a call-off comes from: a framework in the file or in the database."""
    number = row.values.get("framework_id")
    if not number:
        return
    if number in in_file:
        target, is_framework = in_file[number]
    elif number in stored:
        target, is_framework = stored[number].id, stored[number].is_framework
    else:
        problems.field(row, "framework_id", f"det finns inget avtal med nummer {number}")
        return
    if not is_framework or number == row.values.get("contract_number"):
        problems.field(row, "framework_id", f"avtal {number} är inte ett ramavtal")
    elif row.values.get("is_framework"):
        problems.field(
            row, "is_framework", "ett ramavtal kan inte samtidigt vara avrop från ett ramavtal"
        )
    else:
        row.values["framework_id"] = target


def amendments_after_start(
    row: ParsedRow, data: ContractInput, amendments: Sequence[AmendmentInput], problems: Problems
) -> bool:
    """An amendment may not be dated before the contract starts."""
    for number, amendment in enumerate(amendments, start=1):
        if amendment.amended_on < data.start_date:
            problems.field(
                row,
                "amendments",
                f"ändring {number} ({amendment.amended_on.isoformat()}) är före avtalets "
                f"startdatum {data.start_date.isoformat()}",
            )
            return False
    return True
