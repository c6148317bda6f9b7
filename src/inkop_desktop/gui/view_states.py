"""Each list's colour rule: which date or status puts a row in which state, and its legend."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from inkop_desktop.domain.direct_award.status import SIGNED_STATUSES, AwardStatus
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.gui.row_state import RowState, by_due_date, by_end_date, tr

Today = Callable[[], date]
LegendSpec = tuple[str, Sequence[tuple[RowState, str]]]


def _status(enum: type[PlanStatus] | type[AwardStatus], code: Any) -> Any:
    """The enum member of a stored status code (None when unknown)."""
    try:
        return enum(code)
    except ValueError:
        return None


def plan_state(today: Today) -> Callable[[Any], RowState | None]:
    """Closed when signed or cancelled, else by the planned contract start."""

    def state(row: Any) -> RowState | None:
        status = _status(PlanStatus, row.status)
        if status is not None and not status.is_open:
            return RowState.AVSLUTAD
        return by_due_date(row.contract_start_on, today())

    return state


def _due_legend(basis: str, overdue: str, closed: str | None = None) -> LegendSpec:
    """Overdue, within 30 and 90 days (and closed) under *basis*."""
    rules = [
        (RowState.FORSENAD, overdue),
        (RowState.INOM_30, tr("inom 30 dagar")),
        (RowState.INOM_90, tr("inom 90 dagar")),
    ]
    return basis, rules + ([(RowState.AVSLUTAD, closed)] if closed else [])


PLAN_LEGEND = _due_legend(tr("Avtalsstart:"), tr("passerad"), tr("tecknad/avbruten"))


def contract_state(today: Today) -> Callable[[Any], RowState | None]:
    """By the contract's end: ended is closed, else ending within 30 or 90 days."""
    return lambda row: by_end_date(row.end_date, today())


CONTRACT_LEGEND: LegendSpec = (
    tr("Slut:"),
    [
        (RowState.INOM_30, tr("inom 30 dagar")),
        (RowState.INOM_90, tr("inom 90 dagar")),
        (RowState.AVSLUTAD, tr("har upphört")),
    ],
)


def followup_state(today: Today) -> Callable[[Any], RowState | None]:
    """By the next follow-up: overdue, due within 30 or 90 days."""
    from inkop_desktop.services.followup.overview import DueState  # with the follow-up list

    def state(row: Any) -> RowState | None:
        if row.state is DueState.UTAN_PLAN:
            return None
        if row.state is DueState.FORSENAD:
            return RowState.FORSENAD
        if row.state is DueState.SNART:
            return RowState.INOM_30
        return by_due_date(row.next_due, today())

    return state


FOLLOWUP_LEGEND = _due_legend(tr("Nästa uppföljning:"), tr("försenad"))


def award_state(row: Any) -> RowState | None:
    """A signed (or replaced) decision is closed; nothing else is coloured."""
    status = _status(AwardStatus, row.status)
    return RowState.AVSLUTAD if status in SIGNED_STATUSES else None


AWARD_LEGEND: LegendSpec = (
    tr("Status:"),
    [(RowState.AVSLUTAD, tr("signerad/ersatt"))],
)
