"""The Översikt's aggregates on a hand-built world, on both engines."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.domain.reference import RefKey
from inkop_desktop.services.overview import (
    NO_LEDGER,
    OverviewPictures,
    OverviewPictureService,
    PerUnit,
    Scope,
)
from inkop_desktop.services.registry import Services
from tests.services.overview.world import DAY, World, build

PLANERAD = list(PlanStatus).index(PlanStatus.PLANERAD)
ANNONSERAD = list(PlanStatus).index(PlanStatus.ANNONSERAD)


def _values(pictures: OverviewPictures, name: str) -> dict[str, tuple[int, ...]]:
    """The picture's bars as label → values, without the empty ones."""
    return {b.label: b.values for b in pictures.picture(name).bars if any(b.values)}


def test_every_picture_counts_the_hand_built_world(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    build(sessions)
    found = services.pictures.pictures(today=DAY)
    plan = _values(found, "upphandlingar")
    assert plan.keys() == {"2026 K1", "2026 K2"}  # the reported need is counted too, in K1
    assert plan["2026 K1"][PLANERAD] == 2 and plan["2026 K2"][ANNONSERAD] == 1
    assert _values(found, "bevakningar") == {"jul 26": (0, 1), "aug 26": (1, 0), "sep 26": (1, 0)}
    assert len(found.picture("bevakningar").bars) == 24
    assert _values(found, "uppfoljningar") == {
        "SRM · Nämnd A": (1, 0, 1),  # done in March, overdue since 5 June
        "VMA · Nämnd B": (0, 1, 0),  # due in September
    }
    awards = found.picture("direktupphandlingar")
    assert _values(found, "direktupphandlingar") == {
        "794 · Sörmland": (500_000,),  # the joint award counts for both regions
        "794 · Västmanland": (200_000,),
    }
    limit = services.reference.table().find(RefKey.LOU_DIRECT_AWARD_LIMIT, DAY)
    assert limit is not None and awards.limit == limit.money.ore // 100
    assert _values(found, "avsteg") == {"SRM · Nämnd A": (1,)}  # a closed one is not counted
    ledger = found.picture("avtalstrohet")
    assert ledger.bars == () and ledger.empty_text == NO_LEDGER


def test_a_region_and_a_namnd_narrow_every_picture(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    world = build(sessions)
    vma = services.pictures.pictures("VMA", today=DAY)
    assert set(_values(vma, "upphandlingar")) == {"2026 K2"}
    assert _values(vma, "bevakningar") == {"jul 26": (0, 1), "sep 26": (1, 0)}
    assert _values(vma, "direktupphandlingar") == {"794 · Västmanland": (200_000,)}
    assert _values(vma, "avsteg") == {}
    a = services.pictures.pictures(namnd=str(world.namnd_a), today=DAY)
    assert _values(a, "uppfoljningar") == {"SRM · Nämnd A": (1, 0, 1)}
    assert _values(a, "bevakningar") == {"aug 26": (1, 0)}
    assert _values(a, "upphandlingar") == {"2026 K1": _only(PLANERAD, 1)}  # UP-1 has A1 as party
    assert str(world.namnd_a) in dict(a.namnder)


def _only(index: int, value: int) -> tuple[int, ...]:
    """A status tuple with *value* at *index*."""
    return tuple(value if i == index else 0 for i in range(len(PlanStatus)))


class _Ledger:
    """A compliance provider with a ledger read in: 87 % on contract in förvaltning A1."""

    def __init__(self, world: World) -> None:
        self.world = world

    def share_on_contract_by_namnd(self, scope: Scope, today: date) -> PerUnit | None:
        """87 % for A1."""
        return {self.world.forvaltning_a: 87}


def test_avtalstrohet_is_drawn_from_a_provider_once_one_is_plugged_in(
    services: Services, sessions: sessionmaker[Session]
) -> None:
    world = build(sessions)
    service = OverviewPictureService(services.context, compliance=_Ledger(world))
    found = service.pictures(today=DAY)
    assert _values(found, "avtalstrohet") == {"SRM · Nämnd A": (87,)}
    assert found.picture("avtalstrohet").limit == 100


def test_an_empty_database_draws_empty_pictures_that_say_so(services: Services) -> None:
    found = services.pictures.pictures(today=DAY)
    assert [p.name for p in found.pictures if p.bars and p.name != "bevakningar"] == []
    assert found.picture("avsteg").empty_text == "Inga öppna avsteg"
