"""Templates edited by administrators are versioned; who may perform, sign and log contacts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inkop_desktop.domain.followup.model import CheckCategory, ContactChannel
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows, acting_as
from tests.services.followup.helpers import TODAY, assess, planned


def _edit(services: Services, template_id, opened: int, text: str) -> object:
    detail = services.followup_templates.get_template(template_id)
    items = [
        {"category": i.category, "text": i.text, "evidence": i.evidence, "serious": i.serious}
        for i in detail.items
    ]
    items[0]["text"] = text
    data = {"name": detail.name, "description": detail.description, "items": items}
    return services.followup_templates.save_template(template_id, data, opened)


def test_editing_a_template_after_a_completed_follow_up_leaves_that_follow_up_unchanged(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu))
    done = services.followup.complete_followup(fu.id, fu.version)
    template_id = setup.plan.template_ids[0]
    before = services.followup_templates.get_template(template_id)

    after = _edit(services, template_id, before.version, "F-skatt kontrollerad på nytt sätt.")

    assert after.current_version == 2 and after.versions == (1, 2)
    old = services.followup_templates.get_template(template_id, version=1)
    assert old.items == before.items
    again = services.followup.get_followup(done.id)
    assert (again.results, again.templates, again.version) == (
        done.results,
        done.templates,
        done.version,
    )
    assert "(version 1)" in done.templates
    nxt = services.followup.start_followup(setup.plan.id)
    assert nxt.results[0].item_text == "F-skatt kontrollerad på nytt sätt."
    assert "(version 2)" in nxt.templates


def test_saving_unchanged_points_keeps_the_version_and_only_admins_edit(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    template_id = setup.plan.template_ids[0]
    detail = services.followup_templates.get_template(template_id)
    same = _edit(services, template_id, detail.version, detail.items[0].text)
    assert same.current_version == 1
    clerk = acting_as(services, "ulla.upph", "Ulla Upphandlare", Role.UPPHANDLARE)
    with pytest.raises(PermissionDeniedError, match="administrera"):
        _edit(clerk, template_id, same.version, "Annat")


def test_loading_the_shipped_templates_twice_adds_nothing(services: Services) -> None:
    first = services.followup_templates.sync_shipped()
    assert first >= 9 and services.followup_templates.sync_shipped() == 0
    categories = {
        i.category
        for t in services.followup_templates.list_templates()
        for i in services.followup_templates.get_template(t.id).items
    }
    assert categories == set(CheckCategory)


def test_the_avtalsagare_performs_but_an_unrelated_officer_does_not(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    other = acting_as(services, "olle.annan", "Olle Annan", Role.UPPHANDLARE)
    with pytest.raises(PermissionDeniedError, match="ansvarig för posten"):
        other.followup.start_followup(setup.plan.id)
    with pytest.raises(PermissionDeniedError):
        other.followup.add_contact(
            setup.contract_id,
            {"contacted_on": TODAY, "channel": ContactChannel.TELEFON, "note": "Samtal"},
        )
    owner = acting_as(services, "asa.oberg", "Åsa Öberg", Role.BUDGETANSVARIG)
    fu = owner.followup.start_followup(setup.plan.id)
    fu = owner.followup.save_followup(fu.id, fu.version, assess(fu))
    assert owner.followup.complete_followup(fu.id, fu.version).signed_by == "Åsa Öberg"


def test_an_action_owner_may_close_the_action(services: Services, base_rows: BaseRows) -> None:
    setup = planned(services, base_rows)
    helper_id = acting_as(services, "nils.hjalp", "Nils Hjälp", Role.UPPHANDLARE)
    from tests.services.conftest import ensure_person

    nils = ensure_person(services.context.sessions, "nils.hjalp", "Nils Hjälp")
    fu = services.followup.start_followup(setup.plan.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu, 0))
    action = services.followup.add_action(
        fu.results[0].id,
        {"description": "Begär utdrag.", "owner_id": nils, "due_on": TODAY + timedelta(days=9)},
    )
    closed = helper_id.followup.close_action(action.id, action.version, "Utdrag inkommet.")
    assert closed.closed_by == "Nils Hjälp"


def test_the_contact_log_lists_newest_first(services: Services, base_rows: BaseRows) -> None:
    setup = planned(services, base_rows)
    for days, note in ((10, "Möte om leveranser"), (2, "Påminnelse om skattekontoutdrag")):
        services.followup.add_contact(
            setup.contract_id,
            {"contacted_on": TODAY - timedelta(days=days), "channel": ContactChannel.MOTE,
             "supplier_person": "Kundansvarig", "note": note},
        )  # fmt: skip
    log = services.followup.contacts(setup.contract_id)
    assert [c.note for c in log] == ["Påminnelse om skattekontoutdrag", "Möte om leveranser"]
    assert log[0].person == "Karin Öberg"


def test_the_pdf_of_a_signed_follow_up_names_the_signer_and_escapes_comments(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    results = assess(fu, 1)
    results[1]["comment"] = "<b>Skuld</b> & <script>"
    fu = services.followup.save_followup(fu.id, fu.version, results)
    services.followup.add_action(
        fu.results[1].id, {"description": "Avbetalningsplan", "due_on": TODAY + timedelta(days=30)}
    )
    draft = services.followup.followup_pdf(fu.id)
    fu = services.followup.complete_followup(fu.id, services.followup.get_followup(fu.id).version)
    signed = services.followup.followup_pdf(fu.id)
    assert draft.startswith(b"%PDF") and signed.startswith(b"%PDF") and draft != signed
