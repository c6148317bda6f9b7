"""All tables in one import, so metadata is complete for Alembic and the services."""

from inkop_desktop.db.base import Base
from inkop_desktop.db.offline.server_table import OPERATION_TABLE
from inkop_desktop.db.tables_award import (
    DeclaredInterest,
    DirectAward,
    JavAssessment,
    JavDeclaration,
    Participant,
    Quote,
)
from inkop_desktop.db.tables_compliance import ReskontraImport, ReskontraMapping, ReskontraRow
from inkop_desktop.db.tables_core import (
    Attachment,
    AuditEntry,
    Avsteg,
    DelegationRule,
    NumberSeries,
    Organisation,
    Person,
    PersonRole,
    ReferenceValue,
    Supplier,
    SupplierContact,
)
from inkop_desktop.db.tables_followup import (
    Followup,
    FollowupAction,
    FollowupContact,
    FollowupPlan,
    FollowupPlanTemplate,
    FollowupResult,
    FollowupTemplate,
    FollowupTemplateItem,
)
from inkop_desktop.db.tables_plan import (
    Contract,
    ContractAmendment,
    ContractOption,
    ContractSupplier,
    PlanItem,
    PlanItemBidder,
    PlanItemCpv,
    PlanItemParty,
)
from inkop_desktop.db.tables_trust import TrustedIssuer

__all__ = [
    "OPERATION_TABLE",
    "Attachment",
    "AuditEntry",
    "Avsteg",
    "Base",
    "Contract",
    "ContractAmendment",
    "ContractOption",
    "ContractSupplier",
    "DeclaredInterest",
    "DelegationRule",
    "DirectAward",
    "Followup",
    "FollowupAction",
    "FollowupContact",
    "FollowupPlan",
    "FollowupPlanTemplate",
    "FollowupResult",
    "FollowupTemplate",
    "FollowupTemplateItem",
    "JavAssessment",
    "JavDeclaration",
    "NumberSeries",
    "Organisation",
    "Participant",
    "Person",
    "PersonRole",
    "PlanItem",
    "PlanItemBidder",
    "PlanItemCpv",
    "PlanItemParty",
    "Quote",
    "ReferenceValue",
    "ReskontraImport",
    "ReskontraMapping",
    "ReskontraRow",
    "Supplier",
    "SupplierContact",
    "TrustedIssuer",
]

# side effects: list changes move the parent's version; contract search text stays current
from inkop_desktop.db import aggregates, search_text  # noqa: F401
from inkop_desktop.db.indexes import index_foreign_keys

index_foreign_keys(Base.metadata)
