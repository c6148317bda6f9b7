"""The internkontrollrapport's figures against hand-computed values (both engines)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from inkop_desktop.documents.internal_control import DONE, DUE, OVERDUE
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.registry import Services
from tests.services.conftest import acting_as
from tests.services.internal_control.world import DAY, YEAR, build


def test_figures_of_one_namnd_and_year(services: Services, sessions) -> None:
    world = build(services, sessions)
    r = services.internal_control.report(world.nhs, *YEAR, today=DAY)
    assert r.namnd == "Nämnden för hälsa och sjukvård"
    # DU-1 (HSF, under NHS) and DU-2; a draft, last year's and another nämnd's are left out
    assert [a.number for a in r.awards] == ["DU-1", "DU-2"]
    assert r.awards_ore == 800_000_00
    first = r.awards[0]
    assert (first.supplier, first.decided_by) == ("Alfa Medicin AB", "Berit Beslut")
    # not yet signed: the year's decided awards of kind 331 in Sörmland, 300 000 + 500 000
    assert (first.same_kind_ore, first.limit_ore) == (800_000_00, 700_000_00)
    assert first.over_limit
    assert [(c.number, c.has_plan) for c in r.contracts] == [
        ("IK-1", True),
        ("IK-2", False),
        ("IK-3", True),
    ]
    assert (r.contracts[0].owner, r.contracts[0].handlaggare) == ("Olle Ägare", "Hanna Handläggare")
    assert r.without_plan == 1
    states = [(f.contract, f.state) for f in r.followups]
    assert states == [("IK-1", DONE), ("IK-1", OVERDUE), ("IK-3", DUE)]
    # reskontra 2026 for NHS: 100 000 (K1, on) + 50 000 (K1 ended, off) + 30 000 (K2, on)
    assert r.compliance is not None
    assert (r.compliance.total_ore, r.compliance.on_contract_ore) == (180_000_00, 130_000_00)
    assert r.compliance.percent == 72
    assert [(o.name, o.amount_ore) for o in r.compliance.off_contract] == [
        ("Alfa Medicin AB", 50_000_00)
    ]
    counts = {c.rule_name: (c.open, c.closed) for c in r.avsteg_rules}
    assert counts == {
        "Övrigt avsteg (manuellt)": (1, 0),
        "Direktupphandling trots gällande avtal": (0, 1),
    }
    assert r.open_avsteg == 1 and len(r.avsteg) == 2


def test_a_shorter_period_has_other_figures(services: Services, sessions) -> None:
    world = build(services, sessions)
    r = services.internal_control.report(world.nhs, date(2026, 1, 1), date(2026, 2, 28), DAY)
    assert [a.number for a in r.awards] == ["DU-1"]
    assert r.compliance is None  # no invoice of NHS before March
    assert [(f.contract, f.state) for f in r.followups] == [("IK-1", DONE)]
    assert r.avsteg == ()


def test_pdf_holds_the_sections_and_figures(services: Services, sessions) -> None:
    world = build(services, sessions)
    data = services.internal_control.report_pdf(world.nhs, *YEAR)
    pages = PdfReader(io.BytesIO(data)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    for heading in ("Sammanfattning", "Direktupphandlingar", "Gällande avtal",
                    "Avtalsuppföljning", "Avtalstrohet", "Avsteg"):  # fmt: skip
        assert heading in text
    assert "800 000 kr av 700 000 kr" in text
    assert "72 % (130 000 kr av 180 000 kr på avtal)" in text
    assert "3 st, varav 1 utan uppföljningsplan" in text
    assert f"Sida 1 av {len(pages)}" in text


def test_a_hostile_title_is_printed_as_text(services: Services, sessions) -> None:
    world = build(services, sessions, title="<b>Fet</b> & <font size=40>stor</font>")
    data = services.internal_control.report_pdf(world.nhs, *YEAR)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "<b>Fet</b> & <font size=40>stor</font>" in text


def test_who_may_take_the_report(services: Services, sessions) -> None:
    world = build(services, sessions)
    own = acting_as(services, "olle.agare", "Olle Ägare", Role.BUDGETANSVARIG)
    assert [c.name for c in own.internal_control.namnder()] == ["Nämnden för hälsa och sjukvård"]
    assert own.internal_control.report(world.nhs, *YEAR, today=DAY).awards
    with pytest.raises(PermissionDeniedError, match="Nämndernas ansvar"):
        own.internal_control.report(world.hsn, *YEAR, today=DAY)
    stranger = acting_as(services, "mia.m", "Mia Medarbetare", Role.MEDARBETARE)
    assert stranger.internal_control.namnder() == []
    chef = services.internal_control.namnder()
    assert {c.name for c in chef} >= {
        "Nämnden för hälsa och sjukvård",
        "Hälso- och sjukvårdsnämnden",
    }


def test_a_namnd_is_found_by_its_short_name(services: Services, sessions) -> None:
    world = build(services, sessions)
    assert services.internal_control.find_namnd("NHS") == world.nhs
    assert services.internal_control.find_namnd("VMA-HSN") == world.hsn
    with pytest.raises(NotFoundError, match="”SRM-HSN” finns inte"):
        services.internal_control.find_namnd("SRM-HSN")
