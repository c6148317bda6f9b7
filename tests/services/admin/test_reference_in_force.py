"""Values in force on both engines: shipped periods reach old databases, gaps are named."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.tables import PersonRole, ReferenceValue
from inkop_desktop.domain.reference import RefKey, Unit
from inkop_desktop.paths import resource
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows

EU_THRESHOLDS = [
    RefKey.LOU_EU_GOODS_SERVICES,
    RefKey.LOU_EU_WORKS,
    RefKey.LOU_EU_SOCIAL,
    RefKey.LUF_EU_GOODS_SERVICES,
]
SHIPPED = json.loads(resource("data", "reference.json").read_text(encoding="utf-8"))


def _admin(sessions: sessionmaker[Session], base_rows: BaseRows) -> None:
    with sessions.begin() as s:
        s.add(PersonRole(version=1, person_id=base_rows.officer, role="administrator"))


def _value(key: RefKey, amount: int, start: str, end: str | None, source: str) -> dict[str, object]:
    return {
        "key": key,
        "unit": Unit.KRONOR,
        "amount": amount,
        "valid_from": date.fromisoformat(start),
        "valid_to": date.fromisoformat(end) if end else None,
        "source": source,
    }


def test_2026_lacks_only_the_eu_thresholds_until_an_administrator_adds_them(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    day = date(2026, 6, 1)
    assert services.reference.missing_in_force(day) == EU_THRESHOLDS
    assert "Tröskelvärde byggentreprenader (LOU)" in [k.label for k in EU_THRESHOLDS]
    _admin(sessions, base_rows)
    for n, key in enumerate(EU_THRESHOLDS):
        services.reference.add(
            _value(key, 3_000_000 + n, "2026-01-01", "2027-12-31", "Upphandlingsmyndigheten")
        )
    assert services.reference.missing_in_force(day) == []
    table = services.reference.table()
    for key in RefKey:
        for region in ("SRM", "VMA"):
            assert table.find(key, day, region) is not None, key
    assert [table.as_of(k, day).amount for k in EU_THRESHOLDS] == [3_000_000 + n for n in range(4)]


def test_2020_and_2021_thresholds_are_shipped_with_their_source(services: Services) -> None:
    table = services.reference.table()
    goods = table.as_of(RefKey.LOU_EU_GOODS_SERVICES, date(2021, 6, 1))
    assert goods.amount == 2197545 and "Konkurrensverket" in goods.source
    # the guideline tiers follow 19 a kap. and start 2022-02-01; every threshold is there
    assert services.reference.missing_in_force(date(2021, 6, 1)) == [RefKey.GUIDE_MIN_SUPPLIERS]


def test_sync_adds_new_shipped_periods_and_keeps_an_administrators_value(
    sessions: sessionmaker[Session],
    base_rows: BaseRows,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    audit.install(sessions)
    services = Services.create(ServiceContext(sessions, actor="karin.oberg"))
    old = dict(SHIPPED, values=[v for v in SHIPPED["values"] if v["valid_from"] < "2020-01-01"])
    newer = dict(
        SHIPPED,
        values=[
            *SHIPPED["values"],
            {**_json(RefKey.LOU_EU_WORKS, 51_000_000), "source": "Ny period i programmet"},
            {**_json(RefKey.LOU_EU_GOODS_SERVICES, 1), "source": "Programmets värde"},
        ],
    )
    shipped = tmp_path / "reference.json"
    monkeypatch.setattr("inkop_desktop.services.admin.reference.resource", lambda *_parts: shipped)
    shipped.write_text(json.dumps(old), encoding="utf-8")
    assert services.reference.sync_shipped() == len(old["values"])
    _admin(sessions, base_rows)
    own = _value(RefKey.LOU_EU_GOODS_SERVICES, 2_345_678, "2026-01-01", None, "Egen källa")
    services.reference.add(own)
    shipped.write_text(json.dumps(newer), encoding="utf-8")
    added = services.reference.sync_shipped()
    assert added == len(newer["values"]) - len(old["values"]) - 1
    assert services.reference.sync_shipped() == 0
    with sessions() as s:
        count = s.scalar(select(func.count()).select_from(ReferenceValue))
    assert count == len(newer["values"])  # the administrator's row stands in for one shipped
    table = services.reference.table()
    kept = table.as_of(RefKey.LOU_EU_GOODS_SERVICES, date(2026, 6, 1))
    assert (kept.amount, kept.source) == (2_345_678, "Egen källa")
    assert table.as_of(RefKey.LOU_EU_WORKS, date(2026, 6, 1)).amount == 51_000_000
    assert table.as_of(RefKey.LOU_EU_SOCIAL, date(2021, 6, 1)).amount == 7701675


def _json(key: RefKey, amount: int) -> dict[str, object]:
    return {
        "key": key.value,
        "unit": "kr",
        "amount": amount,
        "valid_from": "2026-01-01",
        "valid_to": "2027-12-31",
    }


def test_a_removed_period_is_named_as_missing(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    today = date.today()
    assert RefKey.LEAD_EU not in services.reference.missing_in_force(today)
    with sessions.begin() as s:
        s.execute(delete(ReferenceValue).where(ReferenceValue.key == RefKey.LEAD_EU.value))
    missing = services.reference.missing_in_force(today)
    assert RefKey.LEAD_EU in missing
    assert RefKey.LEAD_EU.label == "Ledtid för ny upphandling, EU-förfarande"


def test_a_guideline_held_for_one_region_only_is_missing(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    day = date(2026, 6, 1)
    with sessions.begin() as s:
        s.execute(
            delete(ReferenceValue).where(
                ReferenceValue.key == RefKey.GUIDE_MIN_SUPPLIERS.value,
                ReferenceValue.scope == "VMA",
            )
        )
    assert RefKey.GUIDE_MIN_SUPPLIERS in services.reference.missing_in_force(day)
