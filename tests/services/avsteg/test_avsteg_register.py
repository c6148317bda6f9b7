"""The avsteg register on both engines: recorded with the act, found by the rules, handled."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import Contract
from inkop_desktop.domain.avsteg import Handling
from inkop_desktop.domain.errors import DomainError, ValidationError
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.avsteg import AvstegFilter, ManualAvsteg
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, covering_contract, world
from tests.services.conftest import BaseRows, acting_as
from tests.services.contract_helpers import contract_data
from tests.services.followup.helpers import plan_data, planned

__all__ = ["world"]
ALL = AvstegFilter(only_open=False)
NAMND = "Nämnden för hälsa och sjukvård, Region Sörmland"


def _keys(services: Services, wanted: AvstegFilter = ALL) -> list[str]:
    return sorted(e.rule for e in services.avsteg.entries(wanted))


def test_a_direct_award_despite_a_contract_is_in_the_register_with_region_and_namnd(
    services: Services, world: AwardWorld
) -> None:
    covering_contract(services, world, Parties.SORMLAND)
    detail = services.direct_awards.create(world.record())
    services.direct_awards.record_contract_check(
        detail.id, detail.version, None, "Avtalsleverantören kan inte leverera i tid."
    )
    [entry] = [e for e in services.avsteg.entries(ALL) if e.rule == "befintligt_avtal"]
    assert entry.rule_name == "Direktupphandling trots gällande avtal"
    assert (entry.region, entry.namnd, entry.reported_by) == ("SRM", NAMND, "Karin Öberg")
    assert entry.reason == "Avtalsleverantören kan inte leverera i tid." and entry.open
    only_vma = AvstegFilter(only_open=False, region="VMA")
    assert "befintligt_avtal" not in _keys(services, only_vma)
    by_namnd = AvstegFilter(only_open=False, organisation_id=world.namnd)
    assert _keys(services, by_namnd) == ["befintligt_avtal"]


def test_a_decision_outside_delegation_is_refused_but_the_attempt_is_recorded_once(
    services: Services, world: AwardWorld
) -> None:
    service = services.direct_awards
    detail = service.create(world.record(decision_maker_id=world.holder))
    for index, kronor in enumerate(("250 000", "262 000", "281 500")):
        detail = service.add_quote(detail.id, detail.version, world.quote(index, kronor))
    detail = service.record_contract_check(detail.id, detail.version, None, "")
    for _ in range(2):
        with pytest.raises(DomainError, match="kan inte göras klar för beslut"):
            service.complete(detail.id, detail.version)
    assert service.get(detail.id).status == "utkast"
    [entry] = services.avsteg.entries(AvstegFilter(rule="utanfor_delegation"))
    assert entry.reported_by == "Karin Öberg" and entry.reason.startswith("Klar för beslut nekades")


def test_a_contract_without_a_plan_is_found_once_and_shown_resolved_when_it_gets_one(
    services: Services, base_rows: BaseRows
) -> None:
    contract = services.contracts.create(contract_data(base_rows, end_date=date(2030, 12, 31)))
    assert services.avsteg.detect() == 1
    assert services.avsteg.detect() == 0
    [entry] = services.avsteg.entries(AvstegFilter())
    assert (entry.rule, entry.record, entry.resolved) == (
        "avtal_utan_plan",
        "SRM-2026-0001",
        False,
    )
    services.followup_templates.sync_shipped()
    proposal = services.followup.propose_plan(contract.id)
    services.followup.save_plan(contract.id, plan_data(proposal))
    [still] = services.avsteg.entries(AvstegFilter())
    assert still.resolved and still.open
    closed = services.avsteg.handle(still.id, still.version, Handling("Plan upprättad", "", True))
    assert closed.closed_on == date.today() and closed.closed_by == "Karin Öberg"
    assert services.avsteg.entries(AvstegFilter()) == []
    assert services.avsteg.detect() == 0


def test_a_contract_from_before_the_rule_without_handlaggare_is_an_avsteg(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    made = planned(services, base_rows)
    with sessions.begin() as s:  # as a contract imported before both were required
        s.execute(
            update(Contract).where(Contract.id == made.contract_id).values(handlaggare_id=None)
        )
    services.avsteg.detect()
    [entry] = services.avsteg.entries(AvstegFilter())
    assert entry.rule == "avtal_utan_ansvarig" and "saknar handläggare" in entry.reason


def test_only_the_inkopsverksamhet_handles_and_closing_needs_a_word(
    services: Services, base_rows: BaseRows
) -> None:
    services.contracts.create(contract_data(base_rows, end_date=date(2030, 12, 31)))
    services.avsteg.detect()
    [entry] = services.avsteg.entries(AvstegFilter())
    holder = acting_as(services, "bo.budget", "Bo Budget", Role.BUDGETANSVARIG)
    assert holder.avsteg.detect() == 0
    with pytest.raises(PermissionDeniedError, match="hantera avsteg"):
        holder.avsteg.handle(entry.id, entry.version, Handling("Klart", "", True))
    with pytest.raises(ValidationError, match="kommentar eller vilken åtgärd"):
        services.avsteg.handle(entry.id, entry.version, Handling(" ", "", True))
    kept = services.avsteg.handle(
        entry.id, entry.version, Handling("Påmint", "Plan beställd", False)
    )
    assert kept.open and (kept.comment, kept.action) == ("Påmint", "Plan beställd")
    closed = services.avsteg.handle(kept.id, kept.version, Handling("Påmint", "Klar", True))
    with pytest.raises(ValidationError, match="redan stängt"):
        services.avsteg.handle(closed.id, closed.version, Handling("Igen", "", False))


def test_a_manual_entry_is_filed_under_its_region_and_namnd_and_reported(
    services: Services, world: AwardWorld
) -> None:
    entry = ManualAvsteg(
        reported_on=date(2026, 3, 2), region="SRM", organisation_id=world.forvaltning,
        reason="Beställning utan <b>avrop</b> & utan attest.", record="Faktura 4711",
    )  # fmt: skip
    saved = services.avsteg.report(entry)
    assert (saved.source, saved.rule_name, saved.namnd) == (
        "Manuellt",
        "Övrigt avsteg (manuellt)",
        NAMND,
    )
    assert saved.reason.startswith("Faktura 4711: ")
    march = AvstegFilter(first=date(2026, 3, 1), last=date(2026, 3, 31), only_open=False)
    assert [e.id for e in services.avsteg.entries(march)] == [saved.id]
    april = AvstegFilter(first=date(2026, 4, 1), only_open=False)
    assert saved.id not in [e.id for e in services.avsteg.entries(april)]
    pdf = services.avsteg.report_pdf(march)
    assert pdf.startswith(b"%PDF") and b"pdfaid" in pdf
    sheet = load_workbook(io.BytesIO(services.avsteg.report_xlsx(march))).active
    assert sheet is not None
    assert sheet.cell(2, 2).value == "Övrigt avsteg (manuellt)"
    assert sheet.cell(2, 6).value == NAMND
    holder = acting_as(services, "bo.budget", "Bo Budget", Role.BUDGETANSVARIG)
    with pytest.raises(PermissionDeniedError, match="rapportera avsteg"):
        holder.avsteg.report(entry)
