"""Performing a follow-up: start from the plan, assess each point, attach evidence, sign."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.aggregates import lock
from inkop_desktop.db.tables import (
    Attachment,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
)
from inkop_desktop.domain.attachments import check_size
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.followup import schedule
from inkop_desktop.domain.followup.input import ResultInput
from inkop_desktop.domain.followup.model import ActionStatus, FollowupStatus, Outcome
from inkop_desktop.domain.followup.workflow import ResultState, check_editable, check_signable
from inkop_desktop.domain.input_types import checked_text
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.validation import parse
from inkop_desktop.services.access import Actor
from inkop_desktop.services.attachments import read_attachment, store_attachment
from inkop_desktop.services.base import Service, load_for_edit
from inkop_desktop.services.followup.dto import (
    EvidenceFile,
    EvidenceRow,
    FollowupDetail,
    FollowupRow,
)
from inkop_desktop.services.followup.plans import NO_PLAN, last_completed, plan_templates
from inkop_desktop.services.followup.reading import (
    EVIDENCE,
    NO_FOLLOWUP,
    context_of,
    detail,
    name_of,
    outcome_of,
    responsible_ids,
    results_of,
)
from inkop_desktop.services.followup.templates import items_of

NO_EVIDENCE = "Underlaget finns inte längre."
OPEN = (FollowupStatus.PLANERAD.value, FollowupStatus.UTKAST.value)


class PerformOps(Service):
    """Performing follow-ups (mixed into FollowupService)."""

    def _performer(self, s: Session, followup: Followup) -> Actor:
        """The acting person, if they may perform this follow-up (FOLLOWUP_PERFORM)."""
        plan, contract = context_of(s, followup)
        return self._require(s, Act.FOLLOWUP_PERFORM, responsible=responsible_ids(contract, plan))

    def start_followup(self, plan_id: uuid.UUID) -> FollowupDetail:
        """The plan's open follow-up (a draft), started with the points of its templates."""
        with self._session() as s:
            plan = lock(s, FollowupPlan, plan_id)
            if plan is None:
                raise NotFoundError(NO_PLAN)
            followup = s.scalar(
                select(Followup).where(Followup.plan_id == plan.id, Followup.status.in_(OPEN))
                .order_by(Followup.due_on)
            )  # fmt: skip
            if followup is None:
                followup = Followup(version=1, plan_id=plan.id, due_on=plan.next_due, summary="")
                s.add(followup)
            self._performer(s, followup)
            if followup.status == FollowupStatus.PLANERAD.value or not results_of(s, followup.id):
                s.flush()
                self._copy_items(s, plan, followup)
            s.flush()
            return detail(s, followup.id)

    def _copy_items(self, s: Session, plan: FollowupPlan, followup: Followup) -> None:
        """Results copied from the current version of each of the plan's templates."""
        templates = [t for t in plan_templates(s, plan) if t.active]
        if not templates:
            raise ValidationError("Uppföljningsplanen har ingen checklista; välj en i planen.")
        ordinal = 0
        for template in templates:
            for item in items_of(s, template.id, template.current_version):
                ordinal += 1
                s.add(
                    FollowupResult(
                        version=1, followup_id=followup.id, ordinal=ordinal,
                        category=item.category, item_text=item.text, outcome="", comment="",
                        evidence_expected=item.evidence, serious=item.serious,
                        template_item_id=item.id,
                    )
                )  # fmt: skip
        followup.status = FollowupStatus.UTKAST.value
        followup.templates = "\n".join(f"{t.name} (version {t.current_version})" for t in templates)

    def get_followup(self, followup_id: uuid.UUID) -> FollowupDetail:
        """One follow-up with its results, evidence and actions."""
        with self._session() as s:
            return detail(s, followup_id)

    def followups_of_plan(self, plan_id: uuid.UUID) -> list[FollowupRow]:
        """The plan's follow-ups, newest first."""
        deviations = (
            select(func.count(FollowupResult.id))
            .where(
                FollowupResult.followup_id == Followup.id,
                FollowupResult.outcome == Outcome.AVVIKELSE.value,
            )
            .scalar_subquery()
        )
        open_actions = (
            select(func.count(FollowupAction.id))
            .join(FollowupResult, FollowupResult.id == FollowupAction.result_id)
            .where(
                FollowupResult.followup_id == Followup.id,
                FollowupAction.status == ActionStatus.OPPEN.value,
            )
            .scalar_subquery()
        )
        stmt = (
            select(Followup, deviations, open_actions)
            .where(Followup.plan_id == plan_id)
            .order_by(Followup.due_on.desc())
        )
        with self._session() as s:
            return [
                FollowupRow(
                    id=f.id,
                    version=f.version,
                    status=FollowupStatus(f.status),
                    due_on=f.due_on,
                    performed_on=f.performed_on,
                    signed_by=name_of(s, f.signed_by_id),
                    signed_at=f.signed_at,
                    deviations=d,
                    open_actions=o,
                )
                for f, d, o in s.execute(stmt)
            ]

    def save_followup(
        self, followup_id: uuid.UUID, opened: int, results: Sequence[dict[str, object]],
        summary: str = "", performed_on: date | None = None,
    ) -> FollowupDetail:  # fmt: skip
        """Save assessments as a draft (any subset of the points; the rest stay as they were)."""
        values = [parse(ResultInput, r) for r in results]
        text = checked_text(summary, "Sammanfattning")
        with self._session() as s:
            followup = load_for_edit(s, Followup, followup_id, opened, NO_FOLLOWUP)
            check_editable(FollowupStatus(followup.status))
            who = self._performer(s, followup)
            own = {r.id: r for r in results_of(s, followup.id)}
            for value in values:
                row = own.get(value.result_id)
                if row is None:
                    raise ValidationError("En kontrollpunkt hör inte till den här uppföljningen.")
                row.outcome = value.outcome.value if value.outcome else ""
                row.comment = value.comment
            followup.summary = text
            followup.status = FollowupStatus.UTKAST.value
            followup.performed_by_id = followup.performed_by_id or who.person_id
            if performed_on is not None:
                _check_day(performed_on)
                followup.performed_on = performed_on
            s.flush()
            return detail(s, followup.id)

    def complete_followup(self, followup_id: uuid.UUID, opened: int) -> FollowupDetail:
        """Complete and sign: every point assessed, deviations described, serious ones acted on.

        Afterwards the follow-up, its results and evidence never change; the plan's next due
        date moves one interval on from the day performed.
        """
        with self._session() as s:
            followup = load_for_edit(s, Followup, followup_id, opened, NO_FOLLOWUP)
            who = self._performer(s, followup)
            results = results_of(s, followup.id)
            check_signable(FollowupStatus(followup.status), [_state(s, r) for r in results])
            today = date.today()
            followup.performed_on = followup.performed_on or today
            followup.performed_by_id = followup.performed_by_id or who.person_id
            followup.signed_by_id = who.person_id
            followup.signed_at = datetime.now(UTC)
            followup.status = FollowupStatus.SLUTFORD.value
            s.flush()
            plan, _ = context_of(s, followup)
            plan.next_due = schedule.next_due(
                last_completed(s, plan.id), plan.interval_months, plan.next_due
            )
            s.flush()
            return detail(s, followup.id)

    def add_evidence(
        self, result_id: uuid.UUID, filename: str, content: bytes, description: str = ""
    ) -> EvidenceRow:
        """Attach an evidence file (checksummed) to a point of a follow-up not yet signed."""
        check_size(len(content))
        with self._session() as s:
            result = s.get(FollowupResult, result_id)
            if result is None:
                raise NotFoundError("Kontrollpunkten finns inte längre.")
            followup = load_for_edit(s, Followup, result.followup_id, None, NO_FOLLOWUP)
            check_editable(FollowupStatus(followup.status))
            self._performer(s, followup)
            row = store_attachment(s, EVIDENCE, result.id, filename, content, description)
            return EvidenceRow.model_validate(row)

    def remove_evidence(self, attachment_id: uuid.UUID) -> None:
        """Remove an evidence file of a follow-up not yet signed."""
        with self._session() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.owner_table != EVIDENCE:
                raise NotFoundError(NO_EVIDENCE)
            result = s.get(FollowupResult, row.owner_id)
            assert result is not None
            followup = load_for_edit(s, Followup, result.followup_id, None, NO_FOLLOWUP)
            check_editable(FollowupStatus(followup.status))
            self._performer(s, followup)
            s.delete(row)

    def evidence_file(self, attachment_id: uuid.UUID) -> EvidenceFile:
        """An evidence file's content, checked against its sha256."""
        with self._session() as s:
            return read_attachment(s, EVIDENCE, attachment_id, NO_EVIDENCE)


def _state(s: Session, result: FollowupResult) -> ResultState:
    """What the signing check needs of one result."""
    actions = s.scalar(
        select(func.count(FollowupAction.id)).where(FollowupAction.result_id == result.id)
    )
    return ResultState(
        ordinal=result.ordinal, text=result.item_text, outcome=outcome_of(result.outcome),
        comment=result.comment, serious=result.serious, actions=actions or 0,
    )  # fmt: skip


def _check_day(day: date) -> None:
    """A follow-up is performed today or earlier."""
    if day > date.today():
        raise ValidationError(
            "Uppföljningen kan inte vara genomförd i framtiden.", field="performed_on"
        )
