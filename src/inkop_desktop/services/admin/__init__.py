"""Administration: organisations, people, roles, delegation, trusted issuers, the first run."""

from inkop_desktop.services.admin.decide import DecisionRights, Entitled
from inkop_desktop.services.admin.delegation import DelegationAdmin, DelegationRow
from inkop_desktop.services.admin.organisations import OrganisationAdmin, OrganisationNode
from inkop_desktop.services.admin.people import PeopleService, PersonRef
from inkop_desktop.services.admin.persons import PersonAdmin, PersonDetail, PersonRow, RoleGrant
from inkop_desktop.services.admin.reference import ReferenceService
from inkop_desktop.services.admin.setup import FirstRunService
from inkop_desktop.services.admin.trust import (
    IssuerPreview,
    TrustedIssuerAdmin,
    TrustedIssuerRow,
    trusted_roots,
)

__all__ = [
    "DecisionRights",
    "DelegationAdmin",
    "DelegationRow",
    "Entitled",
    "FirstRunService",
    "IssuerPreview",
    "OrganisationAdmin",
    "OrganisationNode",
    "PeopleService",
    "PersonAdmin",
    "PersonDetail",
    "PersonRef",
    "PersonRow",
    "ReferenceService",
    "RoleGrant",
    "TrustedIssuerAdmin",
    "TrustedIssuerRow",
    "trusted_roots",
]
