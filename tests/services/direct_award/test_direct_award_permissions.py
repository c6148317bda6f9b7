"""Who may record and who may sign a direct award: the permission table, delegation, the day."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Attachment, DelegationRule, DirectAward, PersonRole
from inkop_desktop.domain.direct_award.delegation import DelegationError
from inkop_desktop.domain.direct_award.signer import SignerMismatchError, SigningDayError
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.direct_award.dto import DirectAwardDetail
from inkop_desktop.services.registry import Services
from tests.certs import PASSPHRASE, make_p12, scan_pdf
from tests.services.award_setup import LATE, AwardWorld, as_maker, ready_record, world
from tests.services.conftest import acting_as

__all__ = ["world"]

SCAN = scan_pdf()
SIGN_RULE = "bara den beslutsfattare som anges i beslutet, inom sin delegation på beslutsdagen"


def _text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


def _files(sessions: sessionmaker[Session], award_id: Any) -> int:
    with sessions() as s:
        count = select(func.count()).where(Attachment.owner_id == award_id)
        return int(s.scalar(count.select_from(Attachment)) or 0)


def _untouched(services: Services, sessions: sessionmaker[Session], ready: DirectAwardDetail):
    """The record is still the finished, unsigned version it was, with no file stored."""
    now = services.direct_awards.get(ready.id)
    assert now.status is AwardStatus.KLAR and now.version == ready.version
    assert now.signed_at is None and now.decision_date_reason == ""
    assert _files(sessions, ready.id) == 0


def test_a_medarbetare_may_not_record_or_change_a_direct_award(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    ready = ready_record(services, world)
    draft = services.direct_awards.create(world.record(title="Pipetter"))
    other = acting_as(services, "marta.sjo", "Märta Sjö", Role.MEDARBETARE).direct_awards
    attempts: list[Callable[[], object]] = [
        lambda: other.create(world.record(title="Obehörig")),
        lambda: other.update(draft.id, draft.version, world.record(title="Ändrad")),
        lambda: other.add_quote(draft.id, draft.version, world.quote(0, "1 000")),
        lambda: other.remove_quote(ready.id, ready.version, ready.quotes[0].id),
        lambda: other.record_contract_check(draft.id, draft.version, None, ""),
        lambda: other.complete(draft.id, draft.version),
        lambda: other.reopen(ready.id, ready.version),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError) as refused:
            attempt()
        text = refused.value.text
        assert text.startswith("Du får inte registrera och ändra direktupphandlingar")
        assert "du är medarbetare" in text and "budgetansvariga genomför" in text
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(DirectAward)) == 2
    assert services.direct_awards.get(draft.id).version == draft.version
    assert services.direct_awards.get(draft.id).title == "Pipetter"
    _untouched(services, sessions, ready)


def test_a_budget_holder_records_and_the_named_decision_maker_signs(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    berit = acting_as(services, "berit.ek", "Berit Ek", Role.BUDGETANSVARIG)
    ready = ready_record(berit, world)  # created, quoted, checked and finished by Berit
    signed = as_maker(services).direct_awards.sign_on_paper(
        ready.id, ready.version, SCAN, "s.pdf", LATE
    )
    assert signed.status is AwardStatus.SIGNERAD and signed.signed_by_id == world.chief
    correction = berit.direct_awards.correct(signed.id)
    assert correction.supersedes == signed.diarienummer


@pytest.mark.parametrize(
    ("login", "name", "roles", "held"),
    [
        ("marta.sjo", "Märta Sjö", (Role.MEDARBETARE,), "du är medarbetare"),
        ("berit.ek", "Berit Ek", (Role.BUDGETANSVARIG,), "du är budgetansvarig"),
        ("karin.oberg", "Karin Öberg", tuple(Role), "inköpschef"),  # no one steps in
    ],
)
def test_only_the_named_decision_maker_may_sign(
    services: Services,
    world: AwardWorld,
    sessions: sessionmaker[Session],
    login: str,
    name: str,
    roles: tuple[Role, ...],
    held: str,
) -> None:
    ready = ready_record(services, world)
    other = acting_as(services, login, name, *roles).direct_awards
    for attempt in (
        lambda: other.sign_on_paper(ready.id, ready.version, SCAN, "s.pdf", LATE),
        lambda: other.sign_pades(ready.id, ready.version, make_p12(), PASSPHRASE, LATE),
    ):
        with pytest.raises(PermissionDeniedError) as refused:
            attempt()
        text = refused.value.text
        assert text.startswith("Du får inte signera beslut om direktupphandling")
        assert held in text and SIGN_RULE in text
    _untouched(services, sessions, ready)


def test_signing_checks_the_delegation_on_the_decision_date_again(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    ready = ready_record(services, world)  # Åke Lund's own rule (700 000 kr) covered it
    with sessions.begin() as s:
        s.execute(
            update(DelegationRule)
            .where(DelegationRule.person_id == world.chief)
            .values(valid_to=date(2025, 5, 11))  # ended the day before the decision date
        )
    with pytest.raises(DelegationError) as refused:
        as_maker(services).direct_awards.sign_on_paper(ready.id, ready.version, SCAN, "s", LATE)
    text = refused.value.text
    assert "Åke Lund saknar delegation för 250\u00a0000 kr" in text
    assert "Delegationsordning NHS punkt 4.2" in text and "KL 6 kap. 37 §" in text
    _untouched(services, sessions, ready)


def test_a_role_taken_up_after_the_decision_date_gives_no_delegation(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    ready = ready_record(services, world, value="90 000", decision_maker_id=world.holder)
    with sessions.begin() as s:
        s.execute(
            update(PersonRole)
            .where(PersonRole.person_id == world.holder)
            .values(valid_from=date(2025, 6, 1))  # budgetansvarig today, not on 2025-05-12
        )
    berit = acting_as(services, "berit.ek", "Berit Ek").direct_awards
    with pytest.raises(DelegationError, match="Berit Ek har ingen delegation") as refused:
        berit.sign_on_paper(ready.id, ready.version, SCAN, "s.pdf", LATE)
    assert "den 2025-05-12" in refused.value.text
    _untouched(services, sessions, ready)


def test_signing_on_another_day_needs_a_reason_printed_on_the_decision(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    ready = ready_record(services, world)
    maker = as_maker(services).direct_awards
    for attempt in (
        lambda: maker.sign_on_paper(ready.id, ready.version, SCAN, "s.pdf"),
        lambda: maker.sign_pades(ready.id, ready.version, make_p12(), PASSPHRASE, "  "),
    ):
        with pytest.raises(SigningDayError) as refused:
            attempt()
        text = refused.value.text
        assert "beslutsdatum är 2025-05-12" in text and "Skriv varför" in text
    _untouched(services, sessions, ready)
    reason = 'Beslutsfattaren var sjuk <b>vecka 20</b> & "kunde inte"'
    signed = maker.sign_pades(ready.id, ready.version, make_p12(), PASSPHRASE, reason)
    assert signed.decision_date_reason == reason
    decision = _text(maker.decision_pdf(ready.id))
    assert f"{date.today().isoformat()} (en annan dag än beslutsdatum)" in decision
    assert reason in decision and "Beslutsdatum 2025-05-12" in decision
    assert (
        maker.validate_signature(ready.id).verdict == "okand_utfardare"
    )  # no trusted issuer configured


def test_on_the_decision_day_no_reason_is_needed(services: Services, world: AwardWorld) -> None:
    today = date.today()
    ready = ready_record(services, world, award_date=today)
    maker = as_maker(services).direct_awards
    signed = maker.sign_on_paper(ready.id, ready.version, SCAN, "s.pdf", "glömt skäl")
    assert signed.status is AwardStatus.SIGNERAD and signed.decision_date_reason == ""
    decision = _text(maker.decision_pdf(ready.id))
    assert f"Beslutet signeras på beslutsdagen {today.isoformat()}" in decision
    assert "en annan dag" not in decision


def test_a_certificate_of_someone_else_is_refused_naming_both(
    services: Services, world: AwardWorld, sessions: sessionmaker[Session]
) -> None:
    ready = ready_record(services, world)
    maker = as_maker(services).direct_awards
    texts = []
    for p12 in (
        make_p12("Karin Öberg", email="karin.oberg@regionsormland.se"),
        make_p12("Åke Lund", email="ake.lund@regionvastmanland.se"),  # a namesake
    ):
        with pytest.raises(SignerMismatchError) as refused:
            maker.sign_pades(ready.id, ready.version, p12, PASSPHRASE, LATE)
        texts.append(refused.value.text)
    for text in texts:
        assert (
            "men beslutet ska signeras av beslutsfattaren Åke Lund <ake.lund@regionsormland.se>"
            in text
        )
    assert texts[0].startswith(
        "Certifikatet är utfärdat för Karin Öberg <karin.oberg@regionsormland.se>"
    )
    assert texts[1].startswith(
        "Certifikatet är utfärdat för Åke Lund <ake.lund@regionvastmanland.se>"
    )
    _untouched(services, sessions, ready)


def test_the_decision_makers_own_certificate_signs(services: Services, world: AwardWorld) -> None:
    ready = ready_record(services, world)
    maker = as_maker(services).direct_awards
    p12 = make_p12("AKE LUND", email="Ake.Lund@RegionSormland.se")  # no accents, other case
    signed = maker.sign_pades(ready.id, ready.version, p12, PASSPHRASE, LATE)
    assert signed.status is AwardStatus.SIGNERAD and signed.signed_by_id == world.chief
    assert signed.decision_date_reason == LATE
    assert "AKE LUND" in maker.validate_signature(ready.id).text
