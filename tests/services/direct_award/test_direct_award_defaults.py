"""What the app fills in itself: own unit, number asked, lowest quote, value, maker, text."""

from __future__ import annotations

from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, as_maker, world
from tests.services.conftest import acting_as

__all__ = ["world"]


def test_a_record_takes_what_the_app_knows_from_the_person_and_the_quotes(
    services: Services, world: AwardWorld
) -> None:
    service = as_maker(services).direct_awards  # Åke Lund, delegated up to 700 000 kr
    bare = world.record(
        organisation_id=None, decision_maker_id=None, chosen_supplier_id=None,
        suppliers_asked=0, decision_text="",
    )  # fmt: skip
    detail = service.create(bare)
    assert detail.organisation_id == world.forvaltning  # his own förvaltning
    assert detail.decision_maker_id == world.chief  # he holds the delegation for 250 000 kr
    for index, kronor in enumerate(("262 000", "238 000", "281 500")):
        detail = service.add_quote(detail.id, detail.version, world.quote(index, kronor))
    assert detail.suppliers_asked == 3 and detail.chosen_supplier_id == world.suppliers[1]
    assert detail.value_ore == 23_800_000  # the chosen quote, not the 250 000 estimate
    proposed = "Centrifug till laboratoriet köps från Centrifug & <b>Co</b> AB för 238\u00a0000 kr"
    assert detail.decision_text.startswith(proposed)
    values = {**detail.editable_values(), "chosen_supplier_id": world.suppliers[0]}
    detail = service.update(detail.id, detail.version, values)
    assert detail.value_ore == 26_200_000 and "Labbutrustning Norden AB" in detail.decision_text
    values = {**detail.editable_values(), "decision_text": "Egen text.", "suppliers_asked": 5}
    detail = service.update(detail.id, detail.version, values)
    assert detail.decision_text == "Egen text." and detail.suppliers_asked == 5


def test_a_decision_maker_without_delegation_for_the_value_is_not_filled_in(
    services: Services, world: AwardWorld
) -> None:
    berit = acting_as(services, "berit.ek", "Berit Ek", Role.BUDGETANSVARIG)
    detail = berit.direct_awards.create(world.record(decision_maker_id=None))
    assert detail.decision_maker_id is None  # her delegation stops at 100 000 kr


def _text(pdf: bytes) -> str:
    """The text of every page of a PDF, spaces normalised."""
    from io import BytesIO

    from pypdf import PdfReader

    pages = PdfReader(BytesIO(pdf)).pages
    return " ".join("".join(p.extract_text() or "" for p in pages).replace("\u00a0", " ").split())


def test_both_pdfs_state_the_chosen_quote_as_the_value_and_name_the_cpv_code(
    services: Services, world: AwardWorld
) -> None:
    service = as_maker(services).direct_awards
    bare = world.record(cpv="38434000-6", chosen_supplier_id=None, decision_text="")
    detail = service.create(bare)
    for index, kronor in enumerate(("262 000", "238 000", "281 500")):
        detail = service.add_quote(detail.id, detail.version, world.quote(index, kronor))
    decision, documentation = service.decision_pdf(detail.id), service.documentation_pdf(detail.id)
    for text in (_text(decision), _text(documentation)):
        assert "Värde exkl. moms 238 000 kr" in text and "250 000 kr" not in text
        assert "38434000-6 Analysapparater" in text
    assert "för 238 000 kr exkl. moms" in _text(decision)  # the proposed decision text agrees
