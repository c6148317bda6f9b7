"""Internkontroll: the report per nämnd of its purchases, contracts and deviations."""

from inkop_desktop.services.internal_control.service import InternalControlService, current_year

__all__ = ["InternalControlService", "current_year"]
