"""Open Contracting Data Standard 1.1: the plan and the contracts as a release package (JSON).

Only what the regions publish anyway: titles, CPV, procedure, estimated and contract values,
periods, the regions and the suppliers by organisationsnummer (scheme SE-BLV). No quotes,
bidders, jäv data, notes, documents or people: the buyer's contact point is the unit's role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

OCDS_VERSION = "1.1"
SCHEME = "SE-BLV"
CONTACT_ROLE = "Inköpsverksamheten"
PUBLISHER = "Inköpsverksamheten Region Sörmland och Region Västmanland"
METHODS = {
    "oppet": "open",
    "forenklat": "open",
    "urval": "selective",
    "selektivt": "selective",
    "dialog": "selective",
    "innovationspartnerskap": "selective",
    "forhandlat": "limited",
    "fufa": "limited",
    "avrop": "limited",
    "direktupphandling": "direct",
}
"""Swedish procedures onto the OCDS method codelist (the Swedish name goes in the details)."""
TENDER_STATUS = {
    "annonserad": "active",
    "utvardering": "active",
    "tilldelad": "complete",
    "avtal_tecknat": "complete",
    "avbruten": "cancelled",
}
"""Plan statuses that mean the procurement has been advertised (a tender release follows)."""


@dataclass(frozen=True)
class Organisation:
    """A region or a supplier: organisationsnummer and name."""

    orgnr: str
    name: str


@dataclass(frozen=True)
class PlannedProcurement:
    """A plan item as published: no bidders, no notes."""

    uid: str
    version: int
    reference: str
    title: str
    status: str
    procedure: str | None
    procedure_label: str
    buyers: tuple[Organisation, ...]
    estimated_ore: int
    cpv: tuple[str, ...]
    planned_start: date | None
    contract_start: date | None
    changed: datetime


@dataclass(frozen=True)
class SignedContract:
    """A contract as published: number, title, period, value, suppliers."""

    uid: str
    version: int
    number: str
    title: str
    procedure: str
    procedure_label: str
    buyers: tuple[Organisation, ...]
    suppliers: tuple[Organisation, ...]
    start: date
    end: date
    total_ore: int
    cpv: str
    changed: datetime


def party_id(org: Organisation) -> str:
    """ "SE-BLV-2321000032": the scheme and the organisationsnummer without its hyphen."""
    return f"{SCHEME}-{org.orgnr.replace('-', '')}"


def money(ore: int) -> dict[str, Any]:
    """An OCDS Value in kronor (SEK)."""
    return {"amount": ore // 100 if ore % 100 == 0 else ore / 100, "currency": "SEK"}


def _stamp(moment: datetime) -> str:
    """An ISO date-time with its offset (naive times are taken as UTC)."""
    text = moment.isoformat(timespec="seconds")
    return text if moment.tzinfo else text + "Z"


def _day(day: date) -> str:
    """A date as the start of that day in UTC (OCDS dates are date-times)."""
    return f"{day.isoformat()}T00:00:00Z"


def _party(org: Organisation, roles: list[str]) -> dict[str, Any]:
    """A party with its SE-BLV identifier; a buyer's contact is the unit's role, no person."""
    party: dict[str, Any] = {
        "id": party_id(org),
        "name": org.name,
        "identifier": {"scheme": SCHEME, "id": org.orgnr.replace("-", ""), "legalName": org.name},
        "roles": roles,
    }
    if "buyer" in roles:
        party["contactPoint"] = {"name": CONTACT_ROLE}
    return party


def _ref(org: Organisation) -> dict[str, str]:
    """An OrganizationReference."""
    return {"id": party_id(org), "name": org.name}


def _items(cpv: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
    """One item per CPV code."""
    return [
        {"id": str(i), "classification": {"scheme": "CPV", "id": code}}
        for i, code in enumerate(cpv, 1)
        if code
    ]


def _release(ocid: str, tag: str, version: int, changed: datetime) -> dict[str, Any]:
    """The fields every release has; the id is stable for the same version of the record."""
    return {
        "ocid": ocid,
        "id": f"{ocid}-{tag}-{version}",
        "date": _stamp(changed),
        "tag": [tag],
        "initiationType": "tender",
        "language": "sv",
    }


def _tender(item: PlannedProcurement, status: str) -> dict[str, Any]:
    """The tender section of a plan item."""
    tender: dict[str, Any] = {
        "id": item.reference,
        "title": item.title,
        "status": status,
        "value": money(item.estimated_ore),
        "items": _items(item.cpv),
        "procuringEntity": _ref(item.buyers[0]) if item.buyers else None,
    }
    if item.procedure:
        tender["procurementMethod"] = METHODS.get(item.procedure, "open")
        tender["procurementMethodDetails"] = item.procedure_label
    if item.contract_start:
        tender["contractPeriod"] = {"startDate": _day(item.contract_start)}
    return {k: v for k, v in tender.items() if v is not None}


def plan_releases(item: PlannedProcurement, prefix: str) -> list[dict[str, Any]]:
    """Planning, and tender once advertised (never the bidders or their tenders)."""
    ocid = f"{prefix}-{item.uid}"
    base = {"buyer": _ref(item.buyers[0])} if item.buyers else {}
    parties = [_party(b, ["buyer"]) for b in item.buyers]
    planning = _release(ocid, "planning", item.version, item.changed) | base
    planning["parties"] = parties
    planning["planning"] = {"budget": {"amount": money(item.estimated_ore)}}
    if item.planned_start:
        planning["planning"]["milestones"] = [
            {"id": "1", "title": "Planerad start", "dueDate": _day(item.planned_start)}
        ]
    planning["tender"] = _tender(item, "planned")
    releases = [planning]
    status = TENDER_STATUS.get(item.status)
    if status is not None:
        tender = _release(ocid, "tender", item.version, item.changed) | base
        tender["parties"] = parties
        tender["tender"] = _tender(item, status)
        releases.append(tender)
    return releases


def contract_releases(contract: SignedContract, prefix: str, today: date) -> list[dict[str, Any]]:
    """Award and contract releases of a signed contract."""
    ocid = f"{prefix}-{contract.uid}"
    parties = [_party(b, ["buyer"]) for b in contract.buyers]
    parties += [_party(s, ["supplier"]) for s in contract.suppliers]
    period = {"startDate": _day(contract.start), "endDate": _day(contract.end)}
    base: dict[str, Any] = {"parties": parties}
    if contract.buyers:
        base["buyer"] = _ref(contract.buyers[0])
    tender = {
        "id": contract.number,
        "procurementMethod": METHODS.get(contract.procedure, "open"),
        "procurementMethodDetails": contract.procedure_label,
    }
    award_id = f"{contract.uid}-award"
    award = _release(ocid, "award", contract.version, contract.changed) | base
    award["tender"] = tender
    award["awards"] = [
        {
            "id": award_id,
            "title": contract.title,
            "status": "active",
            "value": money(contract.total_ore),
            "suppliers": [_ref(s) for s in contract.suppliers],
            "items": _items([contract.cpv]),
            "contractPeriod": period,
        }
    ]
    signed = _release(ocid, "contract", contract.version, contract.changed) | base
    signed["tender"] = tender
    signed["contracts"] = [
        {
            "id": contract.number,
            "awardID": award_id,
            "title": contract.title,
            "status": _contract_status(contract, today),
            "period": period,
            "value": money(contract.total_ore),
            "items": _items([contract.cpv]),
        }
    ]
    return [award, signed]


def _contract_status(contract: SignedContract, today: date) -> str:
    """pending before the start, terminated after the end, active between."""
    if today < contract.start:
        return "pending"
    return "terminated" if today > contract.end else "active"


def release_package(
    releases: list[dict[str, Any]], prefix: str, published: datetime
) -> dict[str, Any]:
    """The release package around *releases*."""
    return {
        "uri": f"urn:{prefix}:release-package:{published.date().isoformat()}",
        "version": OCDS_VERSION,
        "publishedDate": _stamp(published),
        "publisher": {"name": PUBLISHER},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "releases": releases,
    }


def to_json(package: dict[str, Any]) -> bytes:
    """UTF-8 JSON, indented, keys in the order written."""
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
