"""Drafts are seen only by the people named on them, in the services as on the shared server."""

from __future__ import annotations

import pytest

from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AWARD_DATE, AwardWorld, as_maker, ready_record, world
from tests.services.conftest import acting_as

__all__ = ["world"]


def _listed(services: Services) -> set[str]:
    """The titles of the direct-award list."""
    return {r.title for r in services.direct_awards.list(ListQuery()).rows}


def test_a_draft_is_hidden_from_everyone_not_named_on_it(
    services: Services, world: AwardWorld
) -> None:
    ready_record(services, world, title="Centrifug")
    draft = services.direct_awards.create(world.record(title="Pipetter"))
    ulla = acting_as(services, "ulla.u", "Ulla Upphandlare", Role.UPPHANDLARE)
    assert _listed(ulla) == {"Centrifug"}
    with pytest.raises(NotFoundError, match="finns inte längre"):
        ulla.direct_awards.get(draft.id)
    assert "Pipetter" not in {p.title for p in ulla.jav.procurements("")}
    for named in (as_maker(services), acting_as(services, "marta.sjo", "Märta Sjö")):
        assert _listed(named) == {"Centrifug", "Pipetter"}  # decision maker, requester
        assert named.direct_awards.get(draft.id).status is AwardStatus.UTKAST
    assert _listed(services) == {"Centrifug", "Pipetter"}  # the author (and inköpschef)


def test_nobody_saves_a_draft_so_that_it_disappears_from_them(
    services: Services, world: AwardWorld
) -> None:
    draft = services.direct_awards.create(world.record(requester_id=world.holder))
    berit = acting_as(services, "berit.ek", "Berit Ek", Role.BUDGETANSVARIG).direct_awards
    saved = berit.update(draft.id, draft.version, world.record(requester_id=world.holder,
                                                               title="Ny titel"))  # fmt: skip
    assert saved.title == "Ny titel"
    with pytest.raises(PermissionDeniedError, match="skulle inte längre synas för dig"):
        berit.update(saved.id, saved.version, world.record(requester_id=world.requester))
    assert berit.get(draft.id).requester_id == world.holder


def test_a_hidden_draft_does_not_change_anyones_same_kind_total(
    services: Services, world: AwardWorld
) -> None:
    ready = ready_record(services, world, title="Centrifug")
    services.direct_awards.create(world.record(title="Pipetter", value="400 000"))
    ulla = acting_as(services, "ulla.u", "Ulla Upphandlare", Role.UPPHANDLARE)
    totals = {
        who: [t.total_ore for t in s.direct_awards.running_totals(
            Parties.SORMLAND, ready.same_kind_key, AWARD_DATE, 100_000_00, None)]
        for who, s in (("karin", services), ("ulla", ulla))
    }  # fmt: skip
    assert totals["karin"] == totals["ulla"] == [ready.value_ore + 100_000_00]
