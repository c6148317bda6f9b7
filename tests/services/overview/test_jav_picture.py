"""The Översikt's jäv picture: the viewer's assessment queue, narrowed by region."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.jav_helpers import DAY, acting, answers, build_world, owns_shares


def test_a_declared_interest_waits_in_the_deciders_picture_of_its_region(
    services: Services, base_rows: BaseRows, sessions: sessionmaker[Session]
) -> None:
    world = build_world(sessions, base_rows.officer, base_rows.supplier)
    data = {"person_id": world.anna, "role": "Beställare", "added_on": DAY}
    anna_id = services.jav.add_participant(data, direct_award_id=world.award)
    acting(services, "anna.ek").jav.declare(anna_id, answers(interests=(owns_shares(),)), sign=True)
    maker = acting(services, "beslut")
    bars = {b.label: b.values for b in maker.pictures.pictures().picture("jav").bars}
    assert bars == {"Upphandlingar": (0,), "Direktupphandlingar": (1,)}
    assert maker.pictures.pictures("VMA").picture("jav").bars == ()  # a Sörmland award
