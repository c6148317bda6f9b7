"""Jäv PDFs through the services: content, literal user text and who may print them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.domain.jav.access import JavAccessError
from inkop_desktop.domain.jav.kinds import AssessmentOutcome, InterestKind
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.jav_helpers import DAY, JavWorld, acting, answers, build_world

HOSTILE = '<font color="[[[">Städ & <b>Service</b> AB'


@pytest.fixture
def world(sessions: sessionmaker[Session], base_rows: BaseRows) -> JavWorld:
    return build_world(sessions, base_rows.officer, base_rows.supplier)


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_pdfs_print_declarations_and_assessments_literally(
    services: Services, world: JavWorld
) -> None:
    where = {"plan_item_id": world.plan_item}
    data = {"role": "Beställare", "added_on": DAY}
    anna_id = services.jav.add_participant({"person_id": world.anna, **data}, **where)
    bo_id = services.jav.add_participant({"person_id": world.bo, **data}, **where)
    interest = {"kind": InterestKind.GAVA, "company_name": HOSTILE, "description": HOSTILE}
    anna = acting(services, "anna.ek").jav
    anna.declare(anna_id, answers(interests=(interest,)), sign=True)
    item = services.jav.declaration(anna_id).items[0]
    reason = f"Middagen var av ringa värde. {HOSTILE}"
    data = {
        "interest_id": item.interest_id,
        "outcome": AssessmentOutcome.INTE_JAV,
        "reason": reason,
    }
    services.jav.assess(anna_id, data)

    declaration = _text(anna.declaration_pdf(anna_id))
    assert "Jävsdeklaration" in declaration and "Anna Ek" in declaration
    assert declaration.count(HOSTILE) >= 3 and "Karin Öberg" in declaration
    secrecy = _text(anna.secrecy_pdf(anna_id))
    assert "UP-2026-001" in secrecy and "Signerad" not in secrecy and "Godkänd" in secrecy
    blank = _text(acting(services, "bo.berg").jav.secrecy_pdf(bo_id))
    assert "Bo Berg" in blank and "Ännu inte godkänd" in blank and "Konsult & Råd AB" in blank

    protocol = _text(acting(services, "chef").jav.protocol_pdf(**where))
    assert "Jävsprotokoll" in protocol and "Bo Berg" in protocol
    assert "Bo Berg (Beställare): signerad jävsdeklaration saknas." in protocol
    assert "Middagen var av ringa värde." in protocol and protocol.count(HOSTILE) >= 4
    with pytest.raises(JavAccessError):
        acting(services, "bo.berg").jav.declaration_pdf(anna_id)
