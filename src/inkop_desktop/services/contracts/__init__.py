"""Avtalsportföljen: contracts, their parts, alerts, reports and the catalogue."""

from typing import TYPE_CHECKING

from inkop_desktop.services.lazy import exports

if TYPE_CHECKING:
    from inkop_desktop.services.contracts.alerts import ContractAlertService
    from inkop_desktop.services.contracts.catalogue import (
        CatalogueHit,
        CatalogueQuery,
        CatalogueResult,
        CatalogueService,
    )
    from inkop_desktop.services.contracts.rules import stored_value_problem
    from inkop_desktop.services.contracts.service import ContractService

_MADE_IN = {
    "CatalogueHit": "catalogue",
    "CatalogueQuery": "catalogue",
    "CatalogueResult": "catalogue",
    "CatalogueService": "catalogue",
    "ContractAlertService": "alerts",
    "ContractService": "service",
    "stored_value_problem": "rules",
}
"""Each public name → its module; imported when first asked for (the start needs few)."""
__getattr__ = exports(__name__, _MADE_IN)
__all__ = [
    "CatalogueHit",
    "CatalogueQuery",
    "CatalogueResult",
    "CatalogueService",
    "ContractAlertService",
    "ContractService",
    "stored_value_problem",
]
