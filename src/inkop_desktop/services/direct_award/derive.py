"""What the app knows and fills in itself: unit, quotes asked, winner, value, maker, text."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from inkop_desktop.db.tables import DirectAward, Organisation, Person
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.money import Money
from inkop_desktop.services.direct_award import facts as rules
from inkop_desktop.services.direct_award import store
from inkop_desktop.services.direct_award.dto import QuoteRow


def own_unit(session: Session, person_id: uuid.UUID | None, data: dict[str, Any]) -> None:
    """A new record without a nämnd/förvaltning is the acting person's own unit."""
    if data.get("organisation_id") is not None or person_id is None:
        return
    person = session.get(Person, person_id)
    unit = session.get(Organisation, person.organisation_id) if person else None
    if unit is not None and unit.kind != "region":
        data["organisation_id"] = unit.id


def proposal(session: Session, row: DirectAward) -> str:
    """The decision text the app proposes: what is bought, from whom and for how much."""
    chosen = _chosen(store.quotes(session, row.id), row.chosen_supplier_id)
    if chosen is None or not row.title.strip():
        return ""
    amount = Money(chosen.amount_ore).format()
    return f"{row.title.strip()} köps från {chosen.supplier} för {amount} exkl. moms."


def release_lowest(session: Session, row: DirectAward) -> None:
    """Before a quote is added: a choice of the lowest quote follows the lowest one."""
    quotes = store.quotes(session, row.id)
    if quotes and row.chosen_supplier_id == quotes[0].supplier_id:
        row.chosen_supplier_id = None


def _chosen(quotes: list[QuoteRow], supplier_id: uuid.UUID | None) -> QuoteRow | None:
    """The quote of the chosen supplier, if it has one."""
    return next((q for q in quotes if q.supplier_id == supplier_id), None)


def derive(session: Session, row: DirectAward, person_id: uuid.UUID | None, previous: str) -> None:
    """Fill in the facts on a draft after a change; *previous*: the proposal before it.

    The number asked is at least the quotes received, the lowest quote is chosen when none is,
    the value is the chosen quote's amount, the acting person decides when their delegation
    covers the value, and an untouched proposed decision text follows the facts.
    """
    quotes = store.quotes(session, row.id)  # lowest first
    row.suppliers_asked = max(row.suppliers_asked, len(quotes))
    if row.chosen_supplier_id is None and quotes:
        row.chosen_supplier_id = quotes[0].supplier_id
    chosen = _chosen(quotes, row.chosen_supplier_id)
    if chosen is not None:
        row.value_ore = chosen.amount_ore
    default_maker(session, row, person_id)
    if row.decision_text.strip() in ("", previous):
        row.decision_text = proposal(session, row) or row.decision_text
    session.flush()


def default_maker(session: Session, row: DirectAward, person_id: uuid.UUID | None) -> None:
    """With no decision maker named, the acting person is it when their delegation covers it."""
    if row.decision_maker_id is not None or person_id is None:
        return
    row.decision_maker_id = person_id
    try:
        rules.delegation(session, row)
    except DomainError:
        row.decision_maker_id = None
