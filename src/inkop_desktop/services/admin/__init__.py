"""Administration: organisations, people, roles, delegation, trusted issuers, the first run."""

from typing import TYPE_CHECKING

from inkop_desktop.services.lazy import exports

if TYPE_CHECKING:
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

_MADE_IN = {
    "DecisionRights": "decide",
    "DelegationAdmin": "delegation",
    "DelegationRow": "delegation",
    "Entitled": "decide",
    "FirstRunService": "setup",
    "IssuerPreview": "trust",
    "OrganisationAdmin": "organisations",
    "OrganisationNode": "organisations",
    "PeopleService": "people",
    "PersonAdmin": "persons",
    "PersonDetail": "persons",
    "PersonRef": "people",
    "PersonRow": "persons",
    "ReferenceService": "reference",
    "RoleGrant": "persons",
    "TrustedIssuerAdmin": "trust",
    "TrustedIssuerRow": "trust",
    "trusted_roots": "trust",
}
"""Each public name → its module; imported when first asked for (the start needs few)."""
__getattr__ = exports(__name__, _MADE_IN)
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
