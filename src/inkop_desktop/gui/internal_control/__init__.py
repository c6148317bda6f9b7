"""Internkontrollrapport per nämnd: the dialog the Översikt and Avsteg pages open."""

from inkop_desktop.gui.internal_control.dialog import InternalControlDialog, take_report

__all__ = ["InternalControlDialog", "take_report"]
