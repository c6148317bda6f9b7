"""Values, stated years and exercised options stay consistent — on both engines."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Contract
from inkop_desktop.documents.exchange.spreadsheet import Table, write
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.services.contracts.service import ContractDetail
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

USED, OPEN, DECLINED = OptionDecision.UTNYTTJAD, OptionDecision.EJ_BESLUTAD, OptionDecision.AVBOJD
AMENDMENT = {
    "amended_on": date(2025, 6, 1),
    "reason": "Utökad volym",
    "new_value_ore": 3_300_000_00,
}
NBSP = "\u00a0"


def _options(*decisions: OptionDecision) -> list[dict[str, Any]]:
    return [{"months": 12, "decision": d} for d in decisions]


def _save(services: Services, detail: ContractDetail, options: Any = None, **changes: Any) -> Any:
    data = {**detail.data.model_dump(), **changes}
    return services.contracts.update(detail.id, detail.version, data, options)


def _amended(services: Services, base_rows: BaseRows) -> ContractDetail:
    created = services.contracts.create(contract_data(base_rows, total_value_ore=30_000_00,
                                                      annual_value_ore=15_000_00))  # fmt: skip
    lower = AMENDMENT | {"reason": "Minskad volym", "new_value_ore": 25_000_00}
    return services.contracts.add_amendment(created.id, created.version, lower)


def test_the_original_value_cannot_be_edited_after_an_amendment(
    services: Services, base_rows: BaseRows
) -> None:
    created = services.contracts.create(contract_data(base_rows))
    before = _save(services, created, total_value_ore=3_100_000_00)
    assert before.data.total_value_ore == 3_100_000_00  # no amendment yet: still editable
    amended = services.contracts.add_amendment(before.id, before.version, AMENDMENT)
    with pytest.raises(
        ValidationError, match=f"ändrats \\(senast 2025-06-01\\).*3{NBSP}100{NBSP}000 kr"
    ) as e:
        _save(services, amended, total_value_ore=3_500_000_00)
    assert e.value.field == "total_value_ore"
    kept = _save(services, amended, title="Städtjänster Nyköping och Katrineholm")
    assert kept.data.total_value_ore == 3_100_000_00
    assert services.contracts.get(kept.id).current_value_ore == 3_300_000_00


def test_the_database_refuses_the_original_value_after_an_amendment(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session], engine: Engine
) -> None:
    plain = services.contracts.create(contract_data(base_rows, contract_number="SRM-2026-0009"))
    amended = _amended(services, base_rows)
    with pytest.raises(DBAPIError, match="ursprungliga totala värde"), sessions.begin() as s:
        s.execute(update(Contract).where(Contract.id == amended.id).values(total_value_ore=1))
    with engine.begin() as conn:  # plain SQL, other columns and unamended contracts: allowed
        conn.execute(text("UPDATE contract SET notice_months = 6, total_value_ore = 7"
                          " WHERE contract_number = 'SRM-2026-0009'"))  # fmt: skip
        conn.execute(text("UPDATE contract SET notice_months = 6 WHERE total_value_ore = 3000000"))
    assert services.contracts.get(plain.id).data.total_value_ore == 7
    assert services.contracts.get(amended.id).data.notice_months == 6


def test_annual_value_above_the_total_or_current_value_is_refused_beside_the_field(
    services: Services, base_rows: BaseRows
) -> None:
    with pytest.raises(ValidationError, match="Årligt värde: får inte vara större än det totala"):
        services.contracts.create(contract_data(base_rows, annual_value_ore=3_000_000_01))
    try:
        services.contracts.create(contract_data(base_rows, annual_value_ore=3_000_000_01))
    except ValidationError as exc:
        assert exc.field == "annual_value_ore"
    amended = _amended(services, base_rows)  # 30 000 kr, amended down to 25 000 kr
    with pytest.raises(ValidationError, match=f"efter ändringar \\(25{NBSP}000 kr\\)"):
        _save(services, amended, annual_value_ore=26_000_00)
    assert _save(services, amended, annual_value_ore=20_000_00).data.annual_value_ore == 20_000_00


def test_the_years_in_the_title_must_agree_with_the_period(
    services: Services, base_rows: BaseRows
) -> None:
    with pytest.raises(ValidationError, match="perioden 2023–2027, men avtalet löper 2023-01-01"):
        services.contracts.create(contract_data(
            base_rows, title="Städ 2023–2027", start_date=date(2023, 1, 1),
            end_date=date(2023, 12, 31),
        ))  # fmt: skip
    # the last stated year may be reached by the open options
    created = services.contracts.create(
        contract_data(base_rows, title="Städ 2025-2028"), _options(OPEN, OPEN)
    )
    with pytest.raises(ValidationError, match="med alla öppna optioner till 2027-12-31"):
        _save(services, created, _options(OPEN))
    assert _save(services, created, title="Städ 2025–2026").data.title == "Städ 2025–2026"


def test_marking_an_option_exercised_extends_the_end_date_and_undoing_restores_it(
    services: Services, base_rows: BaseRows
) -> None:
    created = services.contracts.create(contract_data(base_rows), _options(OPEN, OPEN))
    assert created.data.end_date == date(2026, 12, 31)
    once = _save(services, created, _options(USED, OPEN))
    assert once.data.end_date == date(2027, 12, 31)
    assert [(o.period_start, o.period_end) for o in once.options] == [
        (date(2027, 1, 1), date(2027, 12, 31)),
        (date(2028, 1, 1), date(2028, 12, 31)),
    ]
    history = services.contracts.history(created.id)[-1].lines()
    assert "slutdatum: 2026-12-31 → 2027-12-31" in "\n".join(history).lower()
    assert "utnyttjad" in "\n".join(history)
    # a form that already moved the end date is not extended twice
    twice = _save(services, once, _options(USED, USED), end_date=date(2028, 12, 31))
    assert twice.data.end_date == date(2028, 12, 31)
    with pytest.raises(ValidationError, match="Option 2 kan inte vara utnyttjad när option 1 inte"):
        _save(services, twice, _options(OPEN, USED))
    undone = _save(services, twice, _options(USED, OPEN))
    assert undone.data.end_date == date(2027, 12, 31)
    assert [o.period_start for o in undone.options] == [date(2027, 1, 1), date(2028, 1, 1)]
    with pytest.raises(ValidationError, match="från 2027-12-31 till 2028-12-31") as e:
        _save(services, undone, _options(USED, USED), end_date=date(2028, 6, 30))
    assert e.value.field == "end_date"
    declined = _save(services, undone, _options(USED, DECLINED))
    assert declined.data.end_date == date(2027, 12, 31)
    unchanged = _save(services, declined, notice_months=6)
    assert unchanged.data.end_date == date(2027, 12, 31)


def test_an_option_after_an_unexercised_one_cannot_be_exercised(
    services: Services, base_rows: BaseRows
) -> None:
    with pytest.raises(ValidationError, match="Option 2 kan inte vara utnyttjad när option 1"):
        services.contracts.create(contract_data(base_rows), _options(DECLINED, USED))


def test_an_import_in_update_mode_cannot_change_the_original_value_of_an_amended_contract(
    services: Services, base_rows: BaseRows
) -> None:
    amended = _amended(services, base_rows)
    table = services.exchange.export_table("avtal")
    at = table.headers.index("Totalt värde (kr)")
    rows = [tuple("40 000" if i == at else c for i, c in enumerate(r)) for r in table.rows]
    data = write(Table(table.title, table.headers, rows), "csv")
    report = services.exchange.import_file("avtal", data, "a.csv", update=True)
    assert [e.column for e in report.errors] == ["Totalt värde (kr)"]
    assert "står kvar som det först tecknades" in report.errors[0].message
    assert services.contracts.get(amended.id).data.total_value_ore == 30_000_00
