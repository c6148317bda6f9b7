"""Avtalstrohet on a small reskontra: every share checked against hand-computed values."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import ReskontraImport, ReskontraRow
from inkop_desktop.domain.compliance import Field
from inkop_desktop.domain.organisation import Region, Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.domain.reference import RefKey
from inkop_desktop.services.compliance import (
    AlreadyImportedError,
    ImportCancelledError,
    ReskontraRefusedError,
)
from inkop_desktop.services.registry import Services
from tests.services.compliance.setup import HEADERS, ROWS, A, B, C, build_world, csv_file
from tests.services.conftest import acting_as

KR = 100


def _import(services: Services, data: bytes, **kw: object) -> object:
    preview = services.compliance.preview(data, "reskontra.csv")
    return services.compliance.import_file(data, "reskontra.csv", preview.mapping, **kw)


def _stored(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions() as s:
        rows = s.scalar(select(func.count()).select_from(ReskontraRow))
        imports = s.scalar(select(func.count()).select_from(ReskontraImport))
    return int(rows or 0), int(imports or 0)


def test_shares_match_hand_computed_values(services: Services, sessions) -> None:
    build_world(sessions)
    result = _import(services, csv_file())
    assert (result.rows, result.unmapped_rows) == (8, 2)
    report = services.compliance.report(2026)
    shares = {s.label: (s.total_ore // KR, s.on_contract_ore // KR) for s in report.per_namnd}
    assert shares == {
        "Hälso- och sjukvårdsnämnden": (860_000, 20_000),  # rows 3, 5, 6
        "Nämnden för hälsa och sjukvård": (180_000, 130_000),  # rows 1, 2 (via HSF), 4
        "Ej kopplad": (15_000, 5_000),  # rows 7, 8
    }
    assert [s.percent for s in report.per_namnd] == ["2,3 %", "72,2 %", "33,3 %"]
    regions = {s.label: (s.total_ore // KR, s.on_contract_ore // KR) for s in report.per_region}
    assert regions == {
        Region.VASTMANLAND.label: (860_000, 20_000),
        Region.SORMLAND.label: (180_000, 130_000),
        "Ej kopplad": (15_000, 5_000),
    }
    suppliers = {s.label: (s.total_ore // KR, s.on_contract_ore // KR) for s in report.per_supplier}
    assert suppliers == {
        f"Gamma Konsult AB ({C})": (810_000, 0),
        f"Alfa Medicin AB ({A})": (190_000, 100_000),
        f"Beta Kontor AB ({B})": (55_000, 55_000),
    }
    assert (report.total.total_ore // KR, report.total.on_contract_ore // KR) == (
        1_055_000,
        155_000,
    )
    assert report.total.percent == "14,7 %"
    assert [(u.label, u.rows, u.total_ore // KR) for u in report.unmapped] == [
        ("Okänd enhet", 2, 15_000)
    ]


def test_off_contract_suppliers_and_same_kind_warning(services: Services, sessions) -> None:
    build_world(sessions)
    _import(services, csv_file())
    report = services.compliance.report(2026)
    off = [(o.name, o.off_contract_ore // KR, o.regions, o.key) for o in report.off_contract]
    assert off == [
        ("Gamma Konsult AB", 810_000, (Region.VASTMANLAND,), "konto:6420"),
        ("Alfa Medicin AB", 90_000, (Region.SORMLAND, Region.VASTMANLAND), "cpv:331"),
    ]
    limit = services.reference.table().as_of(RefKey.LOU_DIRECT_AWARD_LIMIT, ROWS_DAY)
    assert limit.money.ore < 800_000 * KR
    assert [(w.group.region, w.group.key, w.group.total_ore // KR) for w in report.warnings] == [
        (Region.VASTMANLAND, "konto:6420", 800_000)
    ]
    assert "möjlig otillåten direktupphandling" in report.warnings[0].describe()


ROWS_DAY = __import__("datetime").date(2026, 5, 1)


def test_same_file_is_refused_then_replaced_without_doubling(services: Services, sessions):
    build_world(sessions)
    _import(services, csv_file())
    with pytest.raises(AlreadyImportedError, match="redan"):
        _import(services, csv_file())
    assert _stored(sessions) == (8, 1)
    result = _import(services, csv_file(), replace=True)
    assert result.replaced
    assert _stored(sessions) == (8, 1)
    assert services.compliance.report(2026).total.total_ore == 1_055_000 * KR


def test_bad_rows_are_named_and_nothing_is_stored(services: Services, sessions) -> None:
    build_world(sessions)
    bad = (*ROWS, ("2026-13-01", "HSN", "556100-0001", "X AB", "12,345", ""))
    with pytest.raises(ReskontraRefusedError) as caught:
        _import(services, csv_file(bad))
    texts = [p.text for p in caught.value.problems]
    assert texts[0].startswith("Rad 10, Fakturadatum: ")
    assert any(t.startswith("Rad 10, Leverantör orgnr: ") for t in texts)
    assert any("högst två decimaler" in t for t in texts)
    assert any(t.startswith("Rad 10, Konto: Konto saknas") for t in texts)
    assert "Ingenting har sparats" in caught.value.text
    assert _stored(sessions) == (0, 0)


def test_cancel_stores_nothing(services: Services, sessions) -> None:
    build_world(sessions)
    many = ROWS * 600
    with pytest.raises(ImportCancelledError):
        _import(services, csv_file(many), cancelled=lambda: True)
    assert _stored(sessions) == (0, 0)


def test_mapping_is_remembered_per_user_and_shape(services: Services, sessions) -> None:
    build_world(sessions)
    odd = "Dag;Kst;Org;Namn;Kr;Kto"
    data = csv_file(headers=odd)
    mapping = dict(zip(Field, odd.split(";"), strict=True))
    assert services.compliance.preview(data, "r.csv").remembered is False
    services.compliance.import_file(data, "r.csv", mapping)
    again = services.compliance.preview(csv_file(ROWS[:2], odd), "r2.csv")
    assert (again.remembered, again.mapping) == (True, mapping)
    other = acting_as(services, "per.inkop", "Per Inköp", Role.UPPHANDLARE)
    assert other.compliance.preview(data, "r.csv").remembered is False
    assert (
        services.compliance.preview(csv_file(), "x.csv").mapping[Field.ORGNR]
        == (HEADERS.split(";")[2])
    )


def test_budget_holder_may_not_import(services: Services, sessions) -> None:
    build_world(sessions)
    holder = acting_as(services, "bo.budget", "Bo Budget", Role.BUDGETANSVARIG)
    with pytest.raises(PermissionDeniedError, match="avtalstrohet"):
        _import(holder, csv_file())
    assert _stored(sessions) == (0, 0)
