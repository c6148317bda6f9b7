"""OCDS 1.1 export: valid against the standard's rules, stable ids, nothing that is not public."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.cli import main
from inkop_desktop.db.tables import PlanItem
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.services.registry import Services
from tests.services.overview.world import DAY, build

SCHEMA = json.loads((Path(__file__).parent / "ocds_release_package.schema.json").read_text())
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
PREFIX = "ocds-abc123"


def _validate(package: dict[str, Any]) -> None:
    """Raise on the first way *package* breaks the OCDS 1.1 rules the schema holds."""
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    jsonschema.Draft4Validator(SCHEMA, format_checker=checker).validate(package)


def _by_tag(package: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Releases by the record's tender or contract id, then by tag."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for release in package["releases"]:
        record = (release.get("contracts") or [release["tender"]])[0]["id"]
        found.setdefault(record, {})[release["tag"][0]] = release
    return found


def test_the_plan_and_the_contracts_are_a_valid_release_package(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    build(sessions)
    package = services.ocds.package(PREFIX, DAY, NOW)
    _validate(package)
    releases = _by_tag(package)
    assert set(releases["UP-1"]) == {"planning"}  # planned, not yet advertised
    assert set(releases["UP-2"]) == {"planning", "tender"}
    assert releases["UP-2"]["tender"]["tender"]["status"] == "active"
    assert "UP-4" not in releases  # a reported need is not a decided plan
    signed = releases["SRM-1"]
    assert set(signed) == {"award", "contract"}
    (contract,) = signed["contract"]["contracts"]
    assert contract["value"] == {"amount": 1_000_000, "currency": "SEK"}
    assert contract["status"] == "active"
    assert contract["awardID"] == signed["award"]["awards"][0]["id"]
    supplier = {p["id"]: p for p in signed["award"]["parties"]}["SE-BLV-5566778899"]
    assert supplier["identifier"] == {
        "scheme": "SE-BLV", "id": "5566778899", "legalName": "Städ AB",
    }  # fmt: skip
    assert releases["GEM-1"]["contract"]["contracts"][0]["status"] == "terminated"
    buyers = {p["name"] for p in releases["GEM-1"]["contract"]["parties"] if "buyer" in p["roles"]}
    assert buyers == {"Region Sörmland", "Region Västmanland"}
    assert all(r["ocid"].startswith(PREFIX + "-") for r in package["releases"])


def test_a_field_the_standard_does_not_know_breaks_the_validation(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    build(sessions)
    package = services.ocds.package(PREFIX, DAY, NOW)
    package["releases"][0]["parties"][0]["contactPoint"]["email"] = "pelle@region.example"
    with pytest.raises(jsonschema.ValidationError):
        _validate(package)
    package = services.ocds.package(PREFIX, DAY, NOW)
    package["releases"][0]["tender"]["value"]["currency"] = "EUR"
    with pytest.raises(jsonschema.ValidationError):
        _validate(package)


def test_nothing_secret_or_personal_is_exported(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    build(sessions)
    text = services.ocds.export_file(PREFIX, DAY).decode("utf-8")
    for secret in (
        "Pelle Ägare", "pelle.agare",  # the avtalsägare: a person
        "info@stad.example",  # the supplier's own address
        "Anbudsgivare AB",  # a bidder on the plan item before any decision
        "DU-1", "79400000",  # direct awards and their quotes are not in the export
        "Brådskande inköp",  # an avsteg
        "Karin Öberg",
    ):  # fmt: skip
        assert secret not in text, secret


def test_release_ids_are_stable_and_change_only_with_the_record(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    world = build(sessions)
    first = _by_tag(services.ocds.package(PREFIX, DAY, NOW))
    again = _by_tag(services.ocds.package(PREFIX, DAY, NOW))
    assert first == again
    with sessions.begin() as s:
        item = s.get(PlanItem, world.p1)
        assert item is not None
        item.title = "Ny benämning"  # the ORM counts the version up, as every edit does
    changed = _by_tag(services.ocds.package(PREFIX, DAY, NOW))
    before, after = first["UP-1"]["planning"], changed["UP-1"]["planning"]
    assert before["ocid"] == after["ocid"] and before["id"] != after["id"]
    assert changed["UP-2"]["planning"]["id"] == first["UP-2"]["planning"]["id"]


def test_an_ocid_prefix_must_look_like_one(services: Services) -> None:
    with pytest.raises(ValidationError, match="ocds-"):
        services.ocds.package("inkop", DAY)


def test_the_command_line_writes_the_package(
    services: Services, sessions: sessionmaker[Session], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    build(sessions)
    url = services.context.sessions.kw["bind"].url.render_as_string(hide_password=False)
    file = tmp_path / "ocds.json"
    assert main(["export", "ocds", str(file), "--ocid-prefix", PREFIX, "--url", url]) == 0
    package = json.loads(file.read_text(encoding="utf-8"))
    _validate(package)
    assert len({r["ocid"] for r in package["releases"]}) == 6  # UP-1…3, SRM-1, VMA-1, GEM-1
    assert "ocid-prefix ocds-abc123" in capsys.readouterr().out
