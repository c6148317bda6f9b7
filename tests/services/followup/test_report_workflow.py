"""The list and the reports follow a follow-up performed through the services, step by step."""

from __future__ import annotations

from datetime import timedelta

from inkop_desktop.domain.followup.model import Sanction
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.followup.overview import DueState
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.followup.helpers import TODAY, assess, first_serious, planned


def _counts(services: Services) -> tuple[int, int, int, int, str]:
    """(done this year, open deviations, serious open, supplier's open actions, list text)."""
    reports = services.followup_reports.reports(TODAY)
    row = services.followup_overview.list(ListQuery(), TODAY).rows[0]
    supplier = reports.suppliers[0]
    return (
        reports.totals.done,
        reports.open_deviations,
        reports.serious_open,
        supplier.open_actions,
        row.deviations,
    )


def test_counts_change_as_a_serious_deviation_is_found_acted_on_and_closed(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    assert _counts(services) == (0, 0, 0, 0, "")
    fu = services.followup.start_followup(setup.plan.id)
    bad = first_serious(fu)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu, bad))
    assert _counts(services) == (0, 0, 0, 0, "")  # a draft's deviation is not reported yet

    action = services.followup.add_action(
        fu.results[bad].id,
        {"description": "Begär skattekontoutdrag.", "owner_id": base_rows.officer,
         "due_on": TODAY + timedelta(days=30), "sanction": Sanction.REKLAMATION},
    )  # fmt: skip
    fu = services.followup.get_followup(fu.id)
    services.followup.complete_followup(fu.id, fu.version)
    assert _counts(services) == (1, 1, 1, 1, "1 öppen (1 allvarlig)")
    row = services.followup_overview.list(ListQuery(), TODAY).rows[0]
    assert (row.last_done, row.state, row.open_actions) == (TODAY, DueState.PLANERAD, 1)
    deviation = services.followup_reports.reports(TODAY).deviations[0]
    assert (deviation.open, deviation.serious, deviation.oldest) == (1, 1, TODAY)

    services.followup.close_action(action.id, action.version, "Utdraget visar inga skulder.")
    assert _counts(services) == (1, 0, 0, 0, "")
    supplier = services.followup_reports.reports(TODAY).suppliers[0]
    assert (supplier.deviations, supplier.open, supplier.sanctions) == (1, 0, 1)
