"""Direct-award records through the service on SQLite and PostgreSQL: totals, checks, quotes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Avsteg
from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.errors import ConcurrentEditError, DomainError, ValidationError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, ready_record, world

__all__ = ["world"]


def test_create_update_and_optimistic_locking(services: Services, world: AwardWorld) -> None:
    service = services.direct_awards
    detail = service.create(world.record(value="125 000,50"))
    assert detail.status is AwardStatus.UTKAST and detail.diarienummer == "RS 2025-00001"
    assert detail.value_ore == 12_500_050 and detail.same_kind_key == "384"
    again = service.create(world.record())
    assert again.diarienummer == "RS 2025-00002"
    changed = service.update(detail.id, detail.version, world.record(title="Två centrifuger"))
    assert changed.version == detail.version + 1 and changed.diarienummer == "RS 2025-00001"
    with pytest.raises(ConcurrentEditError):
        service.update(detail.id, detail.version, world.record(title="Tre"))
    with pytest.raises(ValidationError, match=r"Värde exkl\. moms"):
        service.update(changed.id, changed.version, world.record(value="mycket"))
    rows = service.list(ListQuery(text="centrifuger")).rows
    assert [r.diarienummer for r in rows] == ["RS 2025-00001"]


def test_quotes_are_added_once_per_supplier_and_removed(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    detail = service.create(world.record())
    detail = service.add_quote(detail.id, detail.version, world.quote(1, "262 000"))
    detail = service.add_quote(detail.id, detail.version, world.quote(0, "250 000"))
    assert [q.amount_ore for q in detail.quotes] == [25_000_000, 26_200_000]
    assert detail.quotes[1].supplier == "Centrifug & <b>Co</b> AB"
    with pytest.raises(ValidationError, match="redan en offert"):
        service.add_quote(detail.id, detail.version, world.quote(0, "1 000"))
    chosen = detail.quotes[0]
    detail = service.remove_quote(detail.id, detail.version, chosen.id)
    assert len(detail.quotes) == 1  # the remaining (lowest) quote is chosen and is the value
    assert detail.chosen_supplier_id == world.suppliers[1] and detail.value_ore == 26_200_000


def test_the_third_award_of_a_kind_is_blocked_and_shows_the_earlier_ones(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    first = ready_record(services, world, value="240 000", award_date=date(2025, 2, 10))
    second = ready_record(services, world, value="250 000", award_date=date(2025, 5, 20))
    third = service.create(world.record(value="260 000", award_date=date(2025, 9, 1)))
    (total,) = service.running_totals(
        Parties.SORMLAND, "384", date(2025, 9, 1), 26_000_000, third.id
    )
    assert total.total_ore == 75_000_000 and total.limit_ore == 70_000_000 and total.reached
    assert [e.diarienummer for e in total.earlier] == [first.diarienummer, second.diarienummer]
    for index, kronor in enumerate(("260 000", "270 000", "300 000")):
        third = service.add_quote(third.id, third.version, world.quote(index, kronor))
    third = service.record_contract_check(third.id, third.version, None, "")
    with pytest.raises(DomainError, match="når direktupphandlingsgränsen") as refused:
        service.complete(third.id, third.version)
    assert "750\u00a0000 kr" in refused.value.text
    check = service.check(third.id)
    assert check.totals[0].reached and not check.may_complete
    in_vma = service.running_totals(Parties.VASTMANLAND, "384", date(2025, 9, 1), 26_000_000, None)
    assert in_vma[0].total_ore == 26_000_000 and not in_vma[0].reached


def test_completing_lists_what_is_missing_and_the_delegation_rule(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    detail = service.create(
        world.record(competition="", duration="", decision_maker_id=world.holder)
    )
    with pytest.raises(DomainError) as refused:
        service.complete(detail.id, detail.version)
    text = refused.value.text
    assert "Hur konkurrensen har tillvaratagits" in text and "19 a kap. 11 §" in text
    assert "Leveranstid eller avtalstid" in text and "Finns avtal?" in text
    assert "Berit Ek saknar delegation för 250\u00a0000 kr" in text and "punkt 4.2" in text
    check = service.check(detail.id)
    assert check.documentation_required and ("Vad som köps", True) in check.checklist
    assert "saknar delegation" in check.delegation
    assert service.get(detail.id).status is AwardStatus.UTKAST


def test_a_covering_contract_needs_a_reason_recorded_as_avsteg(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    contract = services.contracts.create(
        ContractInput(
            contract_number="SRM-2024-0042",
            title="Laboratorieutrustning",
            parties=Parties.BADA,
            procedure=Procedure.OPPET,
            cpv="38430000-8",
            start_date=date(2024, 1, 1),
            end_date=date(2026, 12, 31),
            total_value_ore=500_000_000,
            owner_id=world.chief,
            handlaggare_id=world.holder,
            supplier_ids=(world.suppliers[2],),
        ).model_dump()
    )
    service = services.direct_awards
    detail = service.create(world.record())
    hits = service.find_contracts(Parties.SORMLAND, "38432000-2", "", date(2025, 5, 12))
    assert [h.contract_number for h in hits] == ["SRM-2024-0042"]
    with pytest.raises(ValidationError, match="skriv varför"):
        service.record_contract_check(detail.id, detail.version, contract.id, " ")
    reason = "Avtalet omfattar inte centrifuger med kylning."
    detail = service.record_contract_check(detail.id, detail.version, contract.id, reason)
    assert detail.existing_contract_id == contract.id
    with sessions() as s:
        avsteg = s.execute(select(Avsteg)).scalar_one()
    assert (avsteg.kind, avsteg.reason, avsteg.direct_award_id) == (
        "befintligt_avtal",
        reason,
        detail.id,
    )
    assert avsteg.contract_id == contract.id


def test_a_finished_record_is_reopened_before_it_changes(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    ready = ready_record(services, world)
    assert ready.status is AwardStatus.KLAR and ready.delegation_rule_id is not None
    with pytest.raises(DomainError, match="Återöppna"):
        service.update(ready.id, ready.version, world.record(title="Ändrad"))
    draft = service.reopen(ready.id, ready.version)
    assert service.update(draft.id, draft.version, world.record(title="Ändrad")).title == "Ändrad"


def test_report_per_kind_and_region_against_the_limit(
    services: Services, world: AwardWorld
) -> None:
    ready_record(services, world, value="240 000", award_date=date(2025, 2, 10))
    ready_record(services, world, value="250 000", region=Parties.BADA)
    service = services.direct_awards
    rows = {(r.region, r.key): r for r in service.report(2025)}
    assert rows[("SRM", "384")].total_ore == 49_000_000 and rows[("SRM", "384")].count == 2
    assert rows[("VMA", "384")].total_ore == 25_000_000
    assert rows[("SRM", "384")].limit_ore == 70_000_000
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(service.report_xlsx(2025))).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Upphandlande myndighet"
    expected = ["Region Sörmland", 2025, "384", 2, 490_000, 700_000, 70, "Under gränsen"]
    assert expected == values[1][:8]


def test_a_quote_makes_every_declaration_need_confirmation(
    services: Services, world: AwardWorld
) -> None:
    detail = services.direct_awards.create(world.record())
    participant = services.jav.add_participant(
        {"person_id": world.requester, "role": "Beställare", "added_on": date(2025, 5, 1)},
        direct_award_id=detail.id,
    )
    as_requester = Services.create(ServiceContext(services.context.sessions, actor="marta.sjo"))
    answers = {
        "party_affected": False,
        "representative": False,
        "instance_or_supervision": False,
        "other_circumstance": False,
        "report_changes": True,
        "secrecy_accepted": True,
    }
    as_requester.jav.declare(participant, answers, sign=True)
    assert services.jav.signing_blockers(direct_award_id=detail.id) == []
    with pytest.raises(ConcurrentEditError):  # the roster change made a new version
        services.direct_awards.add_quote(detail.id, detail.version, world.quote(0, "250 000"))
    detail = services.direct_awards.get(detail.id)
    services.direct_awards.add_quote(detail.id, detail.version, world.quote(0, "250 000"))
    blockers = services.jav.signing_blockers(direct_award_id=detail.id)
    assert len(blockers) == 1 and "Märta Sjö" in blockers[0]
