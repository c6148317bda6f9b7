"""When a deviation counts as open and as serious, as SQL clauses shared by the list and reports."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, not_, or_, select

from inkop_desktop.db.tables import Followup, FollowupAction, FollowupResult
from inkop_desktop.domain.followup.model import ActionStatus, FollowupStatus, Outcome

DONE = FollowupStatus.SLUTFORD.value
"""The status of a completed (signed) follow-up; only its results count."""


def _action(*where: Any) -> Any:
    """EXISTS an action on the current result matching *where*."""
    return exists().where(FollowupAction.result_id == FollowupResult.id, *where)


DEVIATION = and_(FollowupResult.outcome == Outcome.AVVIKELSE.value, Followup.status == DONE)
"""A deviation found at a completed follow-up (join Followup on the result's followup_id)."""

OPEN = or_(not_(_action()), _action(FollowupAction.status == ActionStatus.OPPEN.value))
"""Open until it has actions and every one of them is closed."""

SERIOUS = FollowupResult.serious.is_(True)
"""The checklist point said a deviation on it is serious."""


def per_plan(plan_id: Any, *where: Any) -> Any:
    """The number of deviations of the plan *plan_id* matching *where* (a scalar subquery)."""
    return (
        select(func.count(FollowupResult.id))
        .join(Followup, Followup.id == FollowupResult.followup_id)
        .where(Followup.plan_id == plan_id, DEVIATION, *where)
        .scalar_subquery()
    )
