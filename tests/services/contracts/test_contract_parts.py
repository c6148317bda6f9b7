"""Options, amendments, attachments and framework links of a contract — on both engines."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Attachment, Contract, ContractOption
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.errors import ConcurrentEditError, DomainError, ValidationError
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

USED, OPEN = OptionDecision.UTNYTTJAD, OptionDecision.EJ_BESLUTAD


def test_options_are_stored_with_deadlines_derived_from_end_and_notice(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    options = [{"months": 12, "decision": USED}, {"months": 12, "decision": OPEN}]
    created = services.contracts.create(contract_data(base_rows), options)
    assert [(o.ordinal, o.decision_deadline) for o in created.options] == [
        (1, date(2025, 9, 30)),
        (2, date(2026, 9, 30)),
    ]
    with sessions() as s:
        stored = s.execute(select(ContractOption.decision_deadline)).scalars().all()
    assert sorted(stored) == [date(2025, 9, 30), date(2026, 9, 30)]

    data = created.data.model_dump()
    moved = services.contracts.update(
        created.id, created.version, {**data, "end_date": date(2027, 6, 30), "notice_months": 6}
    )
    assert [o.decision_deadline for o in moved.options] == [date(2025, 12, 31), date(2026, 12, 31)]
    assert moved.version == created.version + 1


def test_changing_only_the_options_moves_the_version_and_detects_conflicts(
    services: Services, base_rows: BaseRows
) -> None:
    created = services.contracts.create(contract_data(base_rows), [{"months": 12}])
    data = created.data.model_dump()
    changed = services.contracts.update(
        created.id, created.version, data, [{"months": 24, "decision": OptionDecision.AVBOJD}]
    )
    assert changed.version == created.version + 1
    assert [(o.months, o.decision) for o in changed.options] == [(24, OptionDecision.AVBOJD)]
    with pytest.raises(ConcurrentEditError):
        services.contracts.update(created.id, created.version, data, [])
    with pytest.raises(ValidationError, match="Option 1: Optionens längd"):
        services.contracts.update(changed.id, changed.version, data, [{"months": 0}])


def test_amendments_keep_the_original_value(services: Services, base_rows: BaseRows) -> None:
    created = services.contracts.create(contract_data(base_rows))
    first = {
        "amended_on": date(2025, 6, 1),
        "reason": "Utökad volym",
        "new_value_ore": 3_300_000_00,
    }
    once = services.contracts.add_amendment(created.id, created.version, first)
    assert once.version == created.version + 1
    second = {"amended_on": date(2025, 9, 1), "reason": "Indexjustering"}
    rows = services.contracts.add_amendment(
        created.id, once.version, {**second, "new_value_ore": 3_400_000_00}
    ).amendments
    assert [(r.reason, r.new_value_ore) for r in rows] == [
        ("Utökad volym", 3_300_000_00),
        ("Indexjustering", 3_400_000_00),
    ]
    detail = services.contracts.get(created.id)
    assert detail.data.total_value_ore == 3_000_000_00
    assert detail.current_value_ore == 3_400_000_00
    with pytest.raises(ValidationError, match="före avtalets startdatum"):
        early = {**first, "amended_on": date(2024, 1, 1)}
        services.contracts.add_amendment(created.id, detail.version, early)
    with pytest.raises(ValidationError, match="Skäl: måste fyllas i"):
        services.contracts.add_amendment(created.id, detail.version, {**first, "reason": " "})
    with pytest.raises(ConcurrentEditError):
        services.contracts.add_amendment(created.id, once.version, first)


def test_attachment_sha256_is_stored_and_verified_on_read(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    created = services.contracts.create(contract_data(base_rows))
    content = "Avtal undertecknat av båda parter.".encode() * 100
    stored = services.contracts.add_attachment(
        created.id, created.version, r"C:\tmp\Avtal åäö.pdf", content
    )
    assert stored.version == created.version + 1
    rows = stored.attachments
    assert [(r.filename, r.size, r.media_type) for r in rows] == [
        ("Avtal åäö.pdf", len(content), "application/pdf")
    ]
    assert rows[0].sha256 == hashlib.sha256(content).hexdigest()
    assert services.contracts.attachment(rows[0].id).content == content
    assert services.contracts.get(created.id).attachments == rows
    with sessions.begin() as s:
        s.execute(update(Attachment).values(content=b"manipulerad"))
    with pytest.raises(DomainError, match="kontrollsumman stämmer inte"):
        services.contracts.attachment(rows[0].id)


def test_attachment_over_50_mb_is_refused_and_nothing_stored(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    created = services.contracts.create(contract_data(base_rows))
    with pytest.raises(ValidationError, match="högst 50 MB"):
        big = bytes(50 * 1024 * 1024 + 1)
        services.contracts.add_attachment(created.id, created.version, "stor.zip", big)
    with sessions() as s:
        assert s.execute(select(Attachment.id)).first() is None


def test_call_off_links_to_a_framework_both_ways(services: Services, base_rows: BaseRows) -> None:
    framework = services.contracts.create(
        contract_data(base_rows, contract_number="GEM-2025-0001", is_framework=True)
    )
    calloff = services.contracts.create(
        contract_data(base_rows, contract_number="SRM-2025-0002", framework_id=framework.id)
    )
    assert calloff.framework is not None and calloff.framework.id == framework.id
    assert [c.contract_number for c in services.contracts.get(framework.id).calloffs] == [
        "SRM-2025-0002"
    ]
    data = framework.data.model_dump()
    with pytest.raises(ValidationError, match="har avrop"):
        services.contracts.update(framework.id, framework.version, {**data, "is_framework": False})
    with pytest.raises(ValidationError, match="markerat som ramavtal"):
        services.contracts.create(
            contract_data(base_rows, contract_number="X-1", framework_id=calloff.id)
        )
    choices = services.contracts.choices(calloff.data)
    assert [c.id for c in choices.frameworks] == [framework.id]
    assert [c.text for c in choices.suppliers] == ["Städ & Service AB (556016-0680)"]


def test_owner_organisation_follows_the_avtalsagare(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    created = services.contracts.create(contract_data(base_rows))
    with sessions() as s:
        assert s.get(Contract, created.id).owner_org_id == base_rows.region  # type: ignore[union-attr]
