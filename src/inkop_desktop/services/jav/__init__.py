"""Jäv och sekretess: rosters, declarations, assessments, gating and documents."""

from inkop_desktop.services.jav.roster import mark_suppliers_known_in
from inkop_desktop.services.jav.service import JavService

__all__ = ["JavService", "mark_suppliers_known_in"]
