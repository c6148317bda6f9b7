"""Every PDF renders with every text field at its maximum, and no character of it is lost."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.documents.direct_award.pdf import documentation_pdf, render_decision
from inkop_desktop.documents.jav.pdf import declaration_pdf, protocol_pdf, secrecy_pdf
from inkop_desktop.documents.plan.pdf import plan_pdf
from tests.documents.long_texts import (
    Filler,
    Texts,
    award,
    declaration,
    pages,
    plan_rows,
    procurement,
    protocol,
    token,
    words,
)

MADE_ON = date(2026, 11, 24)
FILLERS = pytest.mark.parametrize("fill", [words, token], ids=["ord", "ett-langt-ord"])
DECISION_ONLY = ("beslutare", "befattning", "delegation", "beslutstext", "fil0", "fil1", "fil2")
IN_DECISION = (
    *DECISION_ONLY,
    *("diarienummer", "myndighet1", "myndighet2", "organisation", "titel", "lev0", "tid"),
    "ersatter",
)


@FILLERS
def test_direct_award_documentation_and_decision(fill: Filler) -> None:
    texts = Texts(fill)
    doc = award(texts)
    documentation = documentation_pdf(doc)
    assert pages(documentation) > 10
    assert texts.missing(documentation, set(texts.given) - set(DECISION_ONLY)) == []
    rendered = render_decision(doc)
    assert pages(rendered.content) > 2
    assert rendered.signature_page == pages(rendered.content) - 1
    assert texts.missing(rendered.content, IN_DECISION) == []


@FILLERS
def test_jav_declaration_and_secrecy_undertaking(fill: Filler) -> None:
    texts = Texts(fill)
    d = declaration(texts, procurement(texts))
    pdf = declaration_pdf(d, MADE_ON)
    assert pages(pdf) > 3
    assert texts.missing(pdf) == []
    secrecy = secrecy_pdf(d, MADE_ON)
    head = ("referens", "upphandling", "ansvarig", "deltagare", "roll", "extern")
    assert texts.missing(secrecy, head) == []


@FILLERS
def test_jav_protocol(fill: Filler) -> None:
    texts = Texts(fill)
    pdf = protocol_pdf(protocol(texts))
    assert pages(pdf) > 6
    assert texts.missing(pdf) == []


@FILLERS
def test_plan_pdf(fill: Filler) -> None:
    texts = Texts(fill)
    pdf = plan_pdf(plan_rows(texts), filter_text=texts(300, "urval"), made_on=MADE_ON)
    assert pages(pdf) > 2
    assert texts.missing(pdf) == []
