"""Avtalsuppföljning: follow-up plans, occasions, results, actions, contact log, templates.

API (stable from the first fucore commit; ``Services.followup`` and ``Services.followup_templates``)

``services.followup`` (FollowupService):
- ``list(query) -> Page[FollowupPlanRow]`` the plans with next due date, deviations, open actions.
- ``propose_plan(contract_id, today=None) -> PlanProposal`` tier, interval (dated reference
  value ``uppfoljning.intervall.<tier>``), template ids from tier/CPV/beredskap, responsible,
  first due date, reasons; nothing saved.
- ``save_plan(contract_id, data, opened=None) -> PlanDetail`` data = PlanInput fields
  (risk_tier, interval_months, template_ids, responsible_id, next_due, note); creates or
  changes the contract's plan (Act.FOLLOWUP_PLAN). ``opened`` = PlanDetail.version.
- ``get_plan(plan_id)``, ``plan_for_contract(contract_id) -> PlanDetail | None``.
- ``plan_choices(contract_id, today=None) -> PlanChoices`` for the plan editor: each tier's
  interval today, the checklists (active + the plan's own), contract start, last completed;
  the editor shows ``domain.followup.schedule.replanned_due`` when the interval changes.
- ``unplanned(query, today=None) -> Page[UnplannedRow]`` contracts in force without a plan.
- ``start_followup(plan_id) -> FollowupDetail`` the plan's open follow-up (planerad/utkast),
  its points copied from each plan template's current version; status "utkast".
- ``get_followup(id) -> FollowupDetail``; ``followups_of_plan(plan_id) -> list[FollowupRow]``.
- ``save_followup(id, opened, results=[{"result_id", "outcome" (Outcome|None), "comment"}],
  summary="", performed_on=None) -> FollowupDetail`` saves a draft.
- ``complete_followup(id, opened) -> FollowupDetail`` signs ("slutford", signed_by/at); needs
  every point assessed, every deviation commented, every *serious* deviation with an åtgärd;
  moves the plan's next_due one interval on. Afterwards immutable (ORM guard + triggers).
- ``add_evidence(result_id, filename, content, description="") -> EvidenceRow``,
  ``remove_evidence(attachment_id)`` (draft only), ``evidence_file(attachment_id) -> EvidenceFile``
  (attachment.owner_table = "followup_result", sha256 checked on read; rows are the shared
  ``services.attachments.AttachmentRow``/``AttachmentFile``).
- ``add_action(result_id, data) -> ActionRow`` data = ActionInput (description, owner_id, due_on,
  sanction: Sanction); only on a deviation, also after signing.
- ``update_action(action_id, opened, data)``, ``close_action(action_id, opened, note,
  closed_on=None) -> ActionRow`` (oppen → klar with a note), ``get_action(id)``,
  ``actions_of_contract(contract_id, open_only=False) -> list[ActionRow]``.
- ``add_contact(contract_id, data) -> ContactRow`` data = ContactInput (contacted_on, channel:
  ContactChannel, supplier_person, note); ``contacts(contract_id) -> list[ContactRow]``.
- ``followup_pdf(id) -> bytes`` the PDF of a follow-up (documents.followup; drafts marked).
Perform, sign, actions and contacts: Act.FOLLOWUP_PERFORM, responsible = the contract's
handläggare and avtalsägare and the plan's responsible (an åtgärd's owner may update/close it);
``FollowupDetail.responsible_ids`` gives the GUI the ids for ``actor.may``.

``services.followup_templates`` (FollowupTemplateService):
- ``list_templates(include_inactive=False) -> list[TemplateRow]``
- ``get_template(id, version=None) -> TemplateDetail`` (any version; ``versions`` lists them)
- ``save_template(id | None, data, opened=None) -> TemplateDetail`` data = TemplateInput (name,
  description, items=[{category, text, evidence, serious}], active); Act.ADMINISTER; changed
  items make a new version, earlier versions and follow-ups made from them are unchanged.
- ``sync_shipped() -> int`` adds the templates of resources/data/checklist_templates.json whose
  key is missing (idempotent; run at connect and by the demo).

Tables (db/tables_followup.py, migration 0008): followup_template (+key, current_version,
active), followup_template_item (+version_no, evidence, serious), followup_plan (+note),
followup_plan_template (plan_id, template_id, ordinal), followup (+signed_by_id, signed_at,
templates; status planerad/utkast/slutford), followup_result (+ordinal, evidence_expected,
serious, template_item_id; outcome "" = not assessed), followup_action (+closing_note,
closed_by_id; sanction ingen/reklamation/vite/havning; status oppen/klar), followup_contact
(contract_id, contacted_on, person_id, supplier_person, channel, note).
Domain: domain.followup.model (enums), .schedule (interval_months, first_due, next_due,
days_overdue, is_overdue, is_due_soon), .workflow (signing and action rules), .proposal, .input.
"""

from typing import TYPE_CHECKING

from inkop_desktop.services.lazy import exports

if TYPE_CHECKING:
    from inkop_desktop.services.followup.dto import (
        ActionRow,
        ContactRow,
        EvidenceFile,
        EvidenceRow,
        FollowupDetail,
        FollowupRow,
        PlanChoices,
        PlanDetail,
        PlanProposal,
        ResultRow,
        TemplateDetail,
        TemplateItemRow,
        TemplateRow,
        UnplannedRow,
    )
    from inkop_desktop.services.followup.service import FollowupPlanRow, FollowupService
    from inkop_desktop.services.followup.templates import FollowupTemplateService
    from inkop_desktop.services.followup.units import Units, load_units

_MADE_IN = {
    "ActionRow": "dto",
    "ContactRow": "dto",
    "EvidenceFile": "dto",
    "EvidenceRow": "dto",
    "FollowupDetail": "dto",
    "FollowupPlanRow": "service",
    "FollowupRow": "dto",
    "FollowupService": "service",
    "FollowupTemplateService": "templates",
    "PlanChoices": "dto",
    "PlanDetail": "dto",
    "PlanProposal": "dto",
    "ResultRow": "dto",
    "TemplateDetail": "dto",
    "TemplateItemRow": "dto",
    "TemplateRow": "dto",
    "Units": "units",
    "UnplannedRow": "dto",
    "load_units": "units",
}
"""Each public name → its module; imported when first asked for (the start needs few)."""
__getattr__ = exports(__name__, _MADE_IN)
__all__ = [
    "ActionRow",
    "ContactRow",
    "EvidenceFile",
    "EvidenceRow",
    "FollowupDetail",
    "FollowupPlanRow",
    "FollowupRow",
    "FollowupService",
    "FollowupTemplateService",
    "PlanChoices",
    "PlanDetail",
    "PlanProposal",
    "ResultRow",
    "TemplateDetail",
    "TemplateItemRow",
    "TemplateRow",
    "Units",
    "UnplannedRow",
    "load_units",
]
