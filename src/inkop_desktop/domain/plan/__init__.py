"""Upphandlingsplan: status workflow and the validated plan input."""

from inkop_desktop.domain.plan.status import Procedure

__all__ = ["Procedure"]
