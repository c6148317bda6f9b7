"""All services of one database connection, handed to the GUI by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from inkop_desktop.services.admin.decide import DecisionRights
from inkop_desktop.services.admin.delegation import DelegationAdmin
from inkop_desktop.services.admin.organisations import OrganisationAdmin
from inkop_desktop.services.admin.people import PeopleService
from inkop_desktop.services.admin.persons import PersonAdmin
from inkop_desktop.services.admin.reference import ReferenceService
from inkop_desktop.services.admin.trust import TrustedIssuerAdmin
from inkop_desktop.services.avsteg import AvstegService
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.compliance import ComplianceService, ComplianceShares
from inkop_desktop.services.contracts.alerts import ContractAlertService
from inkop_desktop.services.contracts.catalogue import CatalogueService
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


@dataclass(frozen=True)
class Services:
    """The use cases the GUI and the command line call."""

    context: ServiceContext
    plan: PlanService
    contracts: ContractService
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

    @classmethod
    def create(cls, context: ServiceContext) -> Services:
        """Build every service on one context."""
        return cls(
            context=context,
            plan=PlanService(context),
            contracts=ContractService(context),
            contract_alerts=ContractAlertService(context),
            contract_reports=ContractReportService(context),
            followup_overview=FollowupOverviewService(context),
            followup_reports=FollowupReportService(context),
            catalogue=CatalogueService(context),
            suppliers=SupplierService(context),
            direct_awards=DirectAwardService(context),
            followup=FollowupService(context),
            followup_templates=FollowupTemplateService(context),
            jav=JavService(context),
            people=PeopleService(context),
            reference=ReferenceService(context),
            exchange=ExchangeService(context),
            ocds=OcdsExport(context),
            organisation_admin=OrganisationAdmin(context),
            person_admin=PersonAdmin(context),
            delegation_admin=DelegationAdmin(context),
            decision_rights=DecisionRights(context),
            audit=AuditService(context),
            trusted_issuers=TrustedIssuerAdmin(context),
            overview=OverviewCountService(context),
            pictures=OverviewPictureService(context, compliance=ComplianceShares(context)),
            avsteg=AvstegService(context),
            compliance=ComplianceService(context),
            internal_control=InternalControlService(context),
        )
