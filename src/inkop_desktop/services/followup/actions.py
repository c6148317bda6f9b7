"""Åtgärder on deviations (owner, due date, sanction) tracked until closed, and the contact log."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    Followup,
    FollowupAction,
    FollowupContact,
    FollowupPlan,
    FollowupResult,
)
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.domain.followup.input import ActionInput, ContactInput
from inkop_desktop.domain.followup.model import ActionStatus, ContactChannel
from inkop_desktop.domain.followup.workflow import (
    check_action_allowed,
    check_action_editable,
    check_close,
)
from inkop_desktop.domain.input_types import checked_text
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.access import Actor
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.followup.dto import ActionRow, ContactRow
from inkop_desktop.services.followup.reading import (
    action_row,
    context_of,
    name_of,
    outcome_of,
    responsible_ids,
)

NO_ACTION = "Åtgärden finns inte längre."


class ActionOps(Service):
    """Åtgärder and the contact log (mixed into FollowupService)."""

    def _on_result(self, s: Session, result: FollowupResult, *extra: uuid.UUID | None) -> Actor:
        """The acting person, if they may act on this follow-up's deviations."""
        followup = s.get(Followup, result.followup_id)
        assert followup is not None
        plan, contract = context_of(s, followup)
        who = (*responsible_ids(contract, plan), *extra)
        return self._require(s, Act.FOLLOWUP_PERFORM, responsible=who)

    def add_action(self, result_id: uuid.UUID, data: dict[str, object]) -> ActionRow:
        """A new open åtgärd on a deviation (also after the follow-up is signed)."""
        value = parse(ActionInput, data)
        with self._session() as s:
            result = s.get(FollowupResult, result_id)
            if result is None:
                raise NotFoundError("Kontrollpunkten finns inte längre.")
            self._on_result(s, result)
            check_action_allowed(outcome_of(result.outcome))
            row = FollowupAction(
                version=1, result_id=result.id, description=value.description,
                owner_id=value.owner_id, due_on=value.due_on, sanction=value.sanction.value,
                status=ActionStatus.OPPEN.value, closing_note="",
            )  # fmt: skip
            s.add(row)
            s.flush()
            return action_row(s, row)

    def update_action(
        self, action_id: uuid.UUID, opened: int, data: dict[str, object]
    ) -> ActionRow:
        """Change an open åtgärd's description, owner, due date or sanction."""
        value = parse(ActionInput, data)
        with self._session() as s:
            row = load_for_edit(s, FollowupAction, action_id, opened, NO_ACTION)
            result = s.get(FollowupResult, row.result_id)
            assert result is not None
            self._on_result(s, result, row.owner_id)
            check_action_editable(ActionStatus(row.status))
            row.description, row.owner_id = value.description, value.owner_id
            row.due_on, row.sanction = value.due_on, value.sanction.value
            s.flush()
            return action_row(s, row)

    def close_action(
        self, action_id: uuid.UUID, opened: int, note: str, closed_on: date | None = None
    ) -> ActionRow:
        """Close an open åtgärd with a note on how it ended (its owner may close it too)."""
        text = checked_text(note, "Anteckning")
        day = closed_on or date.today()
        with self._session() as s:
            row = load_for_edit(s, FollowupAction, action_id, opened, NO_ACTION)
            result = s.get(FollowupResult, row.result_id)
            assert result is not None
            who = self._on_result(s, result, row.owner_id)
            check_close(ActionStatus(row.status), text, day, row.created_at.date())
            row.status, row.closed_on = ActionStatus.KLAR.value, day
            row.closing_note, row.closed_by_id = text.strip(), who.person_id
            s.flush()
            return action_row(s, row)

    def get_action(self, action_id: uuid.UUID) -> ActionRow:
        """One åtgärd."""
        with self._session() as s:
            row = s.get(FollowupAction, action_id)
            if row is None:
                raise NotFoundError(NO_ACTION)
            return action_row(s, row)

    def actions_of_contract(
        self, contract_id: uuid.UUID, open_only: bool = False
    ) -> list[ActionRow]:
        """Every åtgärd of the contract's follow-ups, the earliest due first."""
        stmt = (
            select(FollowupAction)
            .join(FollowupResult, FollowupResult.id == FollowupAction.result_id)
            .join(Followup, Followup.id == FollowupResult.followup_id)
            .join(FollowupPlan, FollowupPlan.id == Followup.plan_id)
            .where(FollowupPlan.contract_id == contract_id)
            .order_by(FollowupAction.due_on)
        )
        if open_only:
            stmt = stmt.where(FollowupAction.status == ActionStatus.OPPEN.value)
        with self._session() as s:
            return [action_row(s, a) for a in s.scalars(stmt)]

    def add_contact(self, contract_id: uuid.UUID, data: dict[str, object]) -> ContactRow:
        """A new entry in the contract's supplier contact log, by the acting person."""
        value = parse(ContactInput, data)
        with self._session() as s:
            contract = s.get(Contract, contract_id)
            if contract is None:
                raise NotFoundError("Avtalet finns inte längre.")
            plan = s.scalar(select(FollowupPlan).where(FollowupPlan.contract_id == contract_id))
            ids = [
                contract.handlaggare_id,
                contract.owner_id,
                plan.responsible_id if plan else None,
            ]
            who = self._require(s, Act.FOLLOWUP_PERFORM, responsible=ids)
            row = FollowupContact(
                version=1, contract_id=contract.id, contacted_on=value.contacted_on,
                person_id=who.person_id, supplier_person=value.supplier_person,
                channel=value.channel.value, note=value.note,
            )  # fmt: skip
            s.add(row)
            s.flush()
            return _contact_row(s, row)

    def contacts(self, contract_id: uuid.UUID) -> list[ContactRow]:
        """The contract's contact log, newest first."""
        stmt = (
            select(FollowupContact)
            .where(FollowupContact.contract_id == contract_id)
            .order_by(FollowupContact.contacted_on.desc(), FollowupContact.created_at.desc())
        )
        with self._session() as s:
            return [_contact_row(s, c) for c in s.scalars(stmt)]


def _contact_row(s: Session, row: FollowupContact) -> ContactRow:
    """A contact-log entry with the person's name."""
    return ContactRow(
        id=row.id, contract_id=row.contract_id, contacted_on=row.contacted_on,
        person_id=row.person_id, person=name_of(s, row.person_id),
        supplier_person=row.supplier_person, channel=ContactChannel(row.channel), note=row.note,
    )  # fmt: skip
