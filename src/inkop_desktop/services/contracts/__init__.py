"""Avtalsportföljen: contracts, their parts, alerts, reports and the catalogue."""

from inkop_desktop.services.contracts.alerts import ContractAlertService
from inkop_desktop.services.contracts.catalogue import (
    CatalogueHit,
    CatalogueQuery,
    CatalogueResult,
    CatalogueService,
)
from inkop_desktop.services.contracts.rules import stored_value_problem
from inkop_desktop.services.contracts.service import ContractService

__all__ = [
    "CatalogueHit",
    "CatalogueQuery",
    "CatalogueResult",
    "CatalogueService",
    "ContractAlertService",
    "ContractService",
    "stored_value_problem",
]
