"""How Historik names columns and child tables and shows stored values, in Swedish."""

from __future__ import annotations

import json
import uuid
from typing import Any

from inkop_desktop.domain.money import Money

LABELS = {
    "title": "titel", "description": "beskrivning", "status": "status", "name": "namn",
    "responsible_id": "ansvarig", "requested_by_id": "beställare", "procedure": "förfarande",
    "procedure_reason": "skäl för förfarandet", "planned_start": "planerad start",
    "estimated_total_ore": "beräknat totalvärde", "annual_value_ore": "årligt värde",
    "total_value_ore": "avtalsvärde", "start_date": "startdatum", "end_date": "slutdatum",
    "notice_months": "uppsägningstid (månader)", "contract_months": "avtalstid (månader)",
    "option_months": "optionstid (månader)", "owner_id": "avtalsägare",
    "handlaggare_id": "handläggare", "owner_org_id": "ägande organisation", "cpv": "CPV-kod",
    "keywords": "sökord", "parties": "parter", "diarienummer": "diarienummer",
    "contract_number": "avtalsnummer", "procurement_id": "upphandlings-id",
    "legal_basis": "rättslig grund", "price_index": "prisindex", "is_framework": "ramavtal",
    "e_handel": "e-handel", "risk_tier": "risknivå", "preparedness": "beredskap",
    "preparedness_critical": "beredskapskritiskt", "env_requirements": "miljökrav",
    "social_requirements": "sociala krav", "agenda2030": "Agenda 2030", "year": "år",
    "reference": "referens", "needs_analysis_on": "behovsanalys", "advertise_on": "annonsering",
    "award_on": "tilldelning", "contract_start_on": "avtalsstart",
    "plan_item_cpv": "CPV-koder", "plan_item_party": "parter", "plan_item_bidder": "anbudsgivare",
    "contract_option": "optioner", "contract_supplier": "leverantörer",
    "contract_amendment": "ändringar", "attachment": "bilagor", "participant": "jävsförteckning",
    "avsteg": "avsteg", "city": "ort", "orgnr": "organisationsnummer", "email": "e-post",
    "phone": "telefon", "address": "adress", "postal_code": "postnummer",
}  # fmt: skip
"""Column and child-table names as the user knows them."""
HIDDEN = frozenset({"id", "version", "created_at", "created_by", "updated_at", "updated_by",
                    "search_text", "title_key", "name_key", "number_key", "keywords_key",
                    "suppliers_key"})  # fmt: skip
"""Bookkeeping and derived columns: never shown as a change."""
NAMING = ("title", "name", "cpv", "company_name", "filename", "description", "reference")
"""Columns that name a child row, in order of preference."""


RECORDS = {
    "plan_item": "Planpost", "contract": "Avtal", "direct_award": "Direktupphandling",
    "supplier": "Leverantör", "jav_declaration": "Jävsdeklaration",
    "participant": "Jävsförteckning",
    "followup": "Avtalsuppföljning", "followup_result": "Uppföljningsresultat",
    "organisation": "Organisation", "person": "Person",
}  # fmt: skip
"""Record kinds (root tables) as the user knows them."""


def label(name: str) -> str:
    """The Swedish name of a column or table."""
    return LABELS.get(name, name.replace("_", " "))


def record_label(table: str) -> str:
    """The Swedish name of a kind of record."""
    return RECORDS.get(table, label(table).capitalize())


def field_label(root: str, table: str, column: str) -> str:
    """A field as the user knows it; a child table's field is named with the table."""
    text = label(column)
    return text if table == root else f"{label(table)}: {text}"


def parse(text: str | None) -> dict[str, Any]:
    """A stored row (JSON text) as a dict; empty for none or unreadable text."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def show(key: str, value: Any, names: dict[str, str]) -> str:
    """A stored value as the user reads it: kronor, ja/nej, a person's name, – for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if key.endswith("_ore") and isinstance(value, int):
        return Money(value).format()
    if key.endswith("_id"):
        return names.get(str(value), str(value))
    return str(value)


def changed(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The shown columns whose value differs between two stored rows, in column order."""
    keys = [k for k in new if k not in HIDDEN] + [k for k in old if k not in new]
    return [k for k in keys if k not in HIDDEN and old.get(k) != new.get(k)]


def ids_in(rows: list[dict[str, Any]]) -> set[uuid.UUID]:
    """Every id a ``*_id`` column of *rows* refers to (to look up names)."""
    found: set[uuid.UUID] = set()
    for row in rows:
        for key, value in row.items():
            if key.endswith("_id") and isinstance(value, str):
                try:
                    found.add(uuid.UUID(value))
                except ValueError:
                    continue
    return found


def child_name(row: dict[str, Any], names: dict[str, str]) -> str:
    """What names a child row: its title, name, code …, or a referenced person or supplier."""
    for key in NAMING:
        if row.get(key):
            return str(row[key])
    for key, value in row.items():
        if key.endswith("_id") and str(value) in names:
            return names[str(value)]
    return ""
