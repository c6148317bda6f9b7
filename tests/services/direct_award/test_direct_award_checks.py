"""Checks stay true on SQLite and PostgreSQL: a changed fact re-asks, signing re-checks."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from inkop_desktop.domain.direct_award.status import AwardStatus, LegalGround
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.reference import Comparison, RefKey
from inkop_desktop.services.direct_award.dto import DirectAwardDetail
from inkop_desktop.services.registry import Services
from tests.certs import scan_pdf
from tests.services.award_setup import (
    LATE,
    AwardWorld,
    as_maker,
    covering_contract,
    ready_record,
    world,
)

__all__ = ["world"]

SCAN = scan_pdf()
NOTHING = "inget gällande avtal omfattar behovet"


def _text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _checked_draft(services: Services, world: AwardWorld) -> DirectAwardDetail:
    """A Sörmland draft with its quotes, checked against the catalogue: nothing found."""
    service = services.direct_awards
    detail = service.create(world.record())
    for index, kronor in enumerate(("250 000", "262 000", "281 500")):
        detail = service.add_quote(detail.id, detail.version, world.quote(index, kronor))
    detail = service.record_contract_check(detail.id, detail.version, None, "")
    assert NOTHING in detail.existing_contract_reason
    return detail


@pytest.mark.parametrize(
    "change",
    [{"region": Parties.VASTMANLAND}, {"cpv": "33100000-1"}],
    ids=["moved-to-region-with-contract", "cpv-with-contract"],
)
def test_moving_a_checked_award_to_where_a_contract_exists_asks_again(
    services: Services, world: AwardWorld, change: dict[str, object]
) -> None:
    parties = Parties.VASTMANLAND if "region" in change else Parties.SORMLAND
    cpv = "38430000-8" if "region" in change else "33100000-1"
    covering_contract(services, world, parties, cpv)
    service = services.direct_awards
    detail = _checked_draft(services, world)
    moved = service.update(detail.id, detail.version, world.record(**change))
    assert "har tagits bort" in moved.notice and "RV-2024-0007" in moved.notice
    assert moved.existing_contract_reason == "" and moved.existing_contract_id is None
    assert NOTHING not in _text(service.documentation_pdf(moved.id))
    with pytest.raises(DomainError, match="Kontrollera först om det finns ett gällande avtal"):
        service.complete(moved.id, moved.version)
    with pytest.raises(DomainError, match="skriv varför"):
        service.record_contract_check(moved.id, moved.version, None, "")
    reason = "Avtalet omfattar inte centrifuger med kylning."
    redone = service.record_contract_check(moved.id, moved.version, None, reason)
    done = service.complete(redone.id, redone.version)
    assert done.status is AwardStatus.KLAR
    assert "RV-2024-0007 Laboratorieutrustning täcker behovet. Avsteg" in _text(
        service.documentation_pdf(done.id)
    )


def test_a_save_that_keeps_the_facts_keeps_the_check(services: Services, world: AwardWorld) -> None:
    covering_contract(services, world, Parties.VASTMANLAND, "38430000-8")
    service = services.direct_awards
    detail = _checked_draft(services, world)
    kept = service.update(detail.id, detail.version, world.record(title="Två centrifuger"))
    assert kept.notice == "" and NOTHING in kept.existing_contract_reason
    assert service.complete(kept.id, kept.version).status is AwardStatus.KLAR


def test_a_contract_added_after_the_check_refuses_completion_and_signing(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    ready = ready_record(services, world)  # checked (nothing found) and klar för beslut
    other = _checked_draft(services, world)
    covering_contract(services, world, Parties.BADA, "38430000-8")
    problems = service.check(ready.id).problems
    assert any("gäller inte längre" in p and "RV-2024-0007" in p for p in problems)
    preview = _text(service.decision_pdf(ready.id)) + _text(service.documentation_pdf(ready.id))
    assert NOTHING not in preview and "gäller inte längre" in preview
    with pytest.raises(DomainError, match=r"gäller inte längre.*RV-2024-0007"):
        as_maker(services).direct_awards.sign_on_paper(
            ready.id, ready.version, SCAN, "skanning.pdf", LATE
        )
    assert service.get(ready.id).status is AwardStatus.KLAR
    with pytest.raises(DomainError, match="gäller inte längre"):
        service.complete(other.id, other.version)


def test_a_signed_award_keeps_its_totals_as_of_its_decision_date(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    first = ready_record(services, world, value="400 000", award_date=date(2025, 2, 10))
    signed = as_maker(services).direct_awards.sign_on_paper(
        first.id, first.version, SCAN, "skanning.pdf", LATE
    )
    later = ready_record(
        services,
        world,
        value="400 000",
        award_date=date(2025, 6, 2),
        legal_ground=LegalGround.FUFA,
    )
    check = service.check(signed.id)
    assert check.totals[0].total_ore == 40_000_000 and not check.totals[0].reached
    assert check.may_complete and not any("inte tillåten" in p for p in check.problems)
    (preview,) = service.running_totals(
        Parties.SORMLAND, "384", date(2025, 2, 10), 40_000_000, signed.id
    )
    assert preview.earlier == () and not preview.reached
    draft = service.create(world.record(value="100 000", award_date=date(2025, 1, 20)))
    (total,) = service.check(draft.id).totals
    assert {e.diarienummer for e in total.earlier} == {first.diarienummer, later.diarienummer}
    assert total.reached  # a new award still counts everything of the year


def test_the_stored_rules_carry_their_comparison(services: Services) -> None:
    table = services.reference.table()
    old = table.as_of(RefKey.LOU_DOCUMENTATION_DUTY, date(2022, 1, 31))
    new = table.as_of(RefKey.LOU_DOCUMENTATION_DUTY, date(2025, 5, 12))
    assert (old.comparison, new.comparison) == (Comparison.OVER, Comparison.MINST)
