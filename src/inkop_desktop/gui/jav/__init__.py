"""Jäv och sekretess: the area page, the per-procurement dialog, the editor and assessments."""

from inkop_desktop.gui.jav.page import JavPage

__all__ = ["JavPage"]
