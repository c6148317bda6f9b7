"""All services of one database connection, handed to the GUI by the composition root.

A service is made (and its module imported) the first time it is used, so opening the
database does not import every use case: the start view needs only its own.
"""

from __future__ import annotations

import threading
from importlib import import_module
from typing import TYPE_CHECKING, Any

from inkop_desktop.services.base import Service, ServiceContext

if TYPE_CHECKING:
    from inkop_desktop.services.admin.decide import DecisionRights
    from inkop_desktop.services.admin.delegation import DelegationAdmin
    from inkop_desktop.services.admin.organisations import OrganisationAdmin
    from inkop_desktop.services.admin.people import PeopleService
    from inkop_desktop.services.admin.persons import PersonAdmin
    from inkop_desktop.services.admin.reference import ReferenceService
    from inkop_desktop.services.admin.trust import TrustedIssuerAdmin
    from inkop_desktop.services.avsteg import AvstegService
    from inkop_desktop.services.compliance import ComplianceService
    from inkop_desktop.services.contracts.alerts import ContractAlertService
    from inkop_desktop.services.contracts.catalogue import CatalogueService
    from inkop_desktop.services.contracts.listing import ContractList
    from inkop_desktop.services.contracts.reports import ContractReportService
    from inkop_desktop.services.contracts.service import ContractService
    from inkop_desktop.services.direct_award.service import DirectAwardService
    from inkop_desktop.services.exchange.ocds import OcdsExport
    from inkop_desktop.services.exchange.service import ExchangeService
    from inkop_desktop.services.followup import FollowupService, FollowupTemplateService
    from inkop_desktop.services.followup.overview import FollowupOverviewService
    from inkop_desktop.services.followup.report_service import FollowupReportService
    from inkop_desktop.services.history import AuditService
    from inkop_desktop.services.internal_control import InternalControlService
    from inkop_desktop.services.jav.service import JavService
    from inkop_desktop.services.overview import OverviewPictureService
    from inkop_desktop.services.overview_counts import OverviewCountService
    from inkop_desktop.services.plan.service import PlanService
    from inkop_desktop.services.suppliers.service import SupplierService

MADE_FROM: dict[str, tuple[str, str]] = {
    "plan": ("inkop_desktop.services.plan.service", "PlanService"),
    "contracts": ("inkop_desktop.services.contracts.service", "ContractService"),
    "contract_list": ("inkop_desktop.services.contracts.listing", "ContractList"),
    "contract_alerts": ("inkop_desktop.services.contracts.alerts", "ContractAlertService"),
    "contract_reports": ("inkop_desktop.services.contracts.reports", "ContractReportService"),
    "followup_overview": ("inkop_desktop.services.followup.overview", "FollowupOverviewService"),
    "followup_reports": ("inkop_desktop.services.followup.report_service", "FollowupReportService"),
    "catalogue": ("inkop_desktop.services.contracts.catalogue", "CatalogueService"),
    "suppliers": ("inkop_desktop.services.suppliers.service", "SupplierService"),
    "direct_awards": ("inkop_desktop.services.direct_award.service", "DirectAwardService"),
    "followup": ("inkop_desktop.services.followup", "FollowupService"),
    "followup_templates": ("inkop_desktop.services.followup", "FollowupTemplateService"),
    "jav": ("inkop_desktop.services.jav.service", "JavService"),
    "people": ("inkop_desktop.services.admin.people", "PeopleService"),
    "reference": ("inkop_desktop.services.admin.reference", "ReferenceService"),
    "exchange": ("inkop_desktop.services.exchange.service", "ExchangeService"),
    "ocds": ("inkop_desktop.services.exchange.ocds", "OcdsExport"),
    "organisation_admin": ("inkop_desktop.services.admin.organisations", "OrganisationAdmin"),
    "person_admin": ("inkop_desktop.services.admin.persons", "PersonAdmin"),
    "delegation_admin": ("inkop_desktop.services.admin.delegation", "DelegationAdmin"),
    "decision_rights": ("inkop_desktop.services.admin.decide", "DecisionRights"),
    "audit": ("inkop_desktop.services.history", "AuditService"),
    "trusted_issuers": ("inkop_desktop.services.admin.trust", "TrustedIssuerAdmin"),
    "overview": ("inkop_desktop.services.overview_counts", "OverviewCountService"),
    "pictures": ("inkop_desktop.services.overview", "OverviewPictureService"),
    "avsteg": ("inkop_desktop.services.avsteg", "AvstegService"),
    "compliance": ("inkop_desktop.services.compliance", "ComplianceService"),
    "internal_control": ("inkop_desktop.services.internal_control", "InternalControlService"),
}
"""Each service's attribute name → (module, class)."""


class Services:
    """The use cases the GUI and the command line call (each made on first use)."""

    context: ServiceContext
    plan: PlanService
    contracts: ContractService
    contract_list: ContractList
    contract_alerts: ContractAlertService
    contract_reports: ContractReportService
    followup_overview: FollowupOverviewService
    followup_reports: FollowupReportService
    catalogue: CatalogueService
    suppliers: SupplierService
    direct_awards: DirectAwardService
    followup: FollowupService
    followup_templates: FollowupTemplateService
    jav: JavService
    people: PeopleService
    reference: ReferenceService
    exchange: ExchangeService
    ocds: OcdsExport
    organisation_admin: OrganisationAdmin
    person_admin: PersonAdmin
    delegation_admin: DelegationAdmin
    decision_rights: DecisionRights
    audit: AuditService
    trusted_issuers: TrustedIssuerAdmin
    overview: OverviewCountService
    pictures: OverviewPictureService
    avsteg: AvstegService
    compliance: ComplianceService
    internal_control: InternalControlService

    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        self._lock = threading.Lock()

    @classmethod
    def create(cls, context: ServiceContext) -> Services:
        """The services on one context."""
        return cls(context)

    @staticmethod
    def registered() -> list[type[Service]]:
        """Every registered service class (their modules imported)."""
        return [getattr(import_module(module), name) for module, name in MADE_FROM.values()]

    def __getattr__(self, name: str) -> Any:
        """Make the service *name* the first time it is asked for (once, from any thread)."""
        made = MADE_FROM.get(name)
        if made is None:
            raise AttributeError(name)
        with self.__dict__["_lock"]:
            if name not in self.__dict__:
                self.__dict__[name] = self._make(name, getattr(import_module(made[0]), made[1]))
        return self.__dict__[name]

    def __setattr__(self, name: str, value: Any) -> None:
        """The services are fixed once made (as the frozen registry they replace)."""
        if name in MADE_FROM or name in self.__dict__:
            raise AttributeError(f"{name} kan inte bytas")
        object.__setattr__(self, name, value)

    def _make(self, name: str, cls: Any) -> Any:
        """One service on this context (the pictures share the compliance shares)."""
        if name == "pictures":
            from inkop_desktop.services.compliance import ComplianceShares

            return cls(self.context, compliance=ComplianceShares(self.context))
        return cls(self.context)
