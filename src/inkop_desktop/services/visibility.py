"""Drafts the acting person may not see are left out of every service query, as on the server.

The rule is ``domain.direct_award.secrecy``; the shared server enforces it by row security
(``db.server_awards``). Here it is added to every ORM SELECT of a service session (the acting
login is ``session.info["actor"]``) with ``with_loader_criteria``, so lists, the jäv pick list,
the same-kind totals and opening a record behave the same on SQLite as on PostgreSQL: a hidden
draft is simply not there. Other sessions (set-up, demo, migrations) see every row.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, event, exists, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, aliased, with_loader_criteria

from inkop_desktop.db.tables import DirectAward, Participant, Person, PersonRole
from inkop_desktop.domain.direct_award.secrecy import AwardPeople, Reader, check_change
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.organisation import Role
from inkop_desktop.services.access import Actor

ACTOR = "actor"
SCOPE = "visibility.drafts"
"""session.info key: set by ``Service._session``; only such sessions are filtered."""


def visible_awards(login: str, day: date | None = None) -> ColumnElement[bool]:
    """SQL: no draft, or *login* registered it, is named on it, is on its roster or is chef."""
    on = day or date.today()
    me, part, role = aliased(Person), aliased(Participant), aliased(PersonRole)
    named = or_(
        me.id == DirectAward.requester_id,
        me.id == DirectAward.decision_maker_id,
        exists().where(part.direct_award_id == DirectAward.id, part.person_id == me.id),
        exists().where(
            role.person_id == me.id,
            role.role == Role.INKOPSCHEF.value,
            or_(role.valid_from.is_(None), role.valid_from <= on),
            or_(role.valid_to.is_(None), role.valid_to >= on),
        ),
    )
    person = select(me.id).where(me.login == login, me.active.is_(True), named)
    return or_(
        DirectAward.status != AwardStatus.UTKAST.value,
        DirectAward.created_by == login,
        exists(person.correlate(DirectAward)),
    )


@lru_cache(maxsize=64)
def hide_drafts_option(login: str, on: date) -> Any:
    """The loader criterion as a lambda: its cache key is the code and the login and day only.

    Every service SELECT carries it; a plain expression's cache key walks the whole criterion
    (three aliases, two EXISTS) on every statement, a tracked lambda's binds just its values.
    Made once per login and day: the lambda's values are bound when it is made.
    """
    return with_loader_criteria(
        DirectAward, lambda _cls: visible_awards(login, on), track_closure_variables=True
    )


def _hide_drafts(state: ORMExecuteState) -> None:
    """do_orm_execute: every SELECT of a service session leaves out the drafts it may not see."""
    login = state.session.info.get(ACTOR)
    if not login or not state.is_select or not state.session.info.get(SCOPE):
        return
    state.statement = state.statement.options(hide_drafts_option(str(login), date.today()))


def reader(who: Actor) -> Reader:
    """The acting person as the secrecy rule sees them."""
    return Reader(who.login, who.person_id, Role.INKOPSCHEF in who.roles)


def people(session: Session, row: DirectAward) -> AwardPeople:
    """What the secrecy rule looks at on *row* as it is now (its active participants)."""
    stmt = select(Participant.person_id, Participant.removed_on).where(
        Participant.direct_award_id == row.id
    )
    with session.no_autoflush:  # the change is checked before it is written
        roster = session.execute(stmt).all()
    return AwardPeople(
        status=AwardStatus(row.status),
        created_by=row.created_by,
        requester_id=row.requester_id,
        decision_maker_id=row.decision_maker_id,
        participant_ids=frozenset(p for p, removed in roster if removed is None),
        former_ids=frozenset(p for p, removed in roster if removed is not None),
    )


def check_award_change(who: Actor, before: AwardPeople, after: AwardPeople) -> None:
    """Refuse a change that gives *who* sight of the quotes or hides the draft from them."""
    check_change(reader(who), before, after)


event.listen(Session, "do_orm_execute", _hide_drafts)
