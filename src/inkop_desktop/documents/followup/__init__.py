"""The PDF of a follow-up: checklist, assessments, evidence, åtgärder and signature."""

from inkop_desktop.documents.followup.doc import DocAction, DocFollowup, DocResult

__all__ = ["DocAction", "DocFollowup", "DocResult"]
