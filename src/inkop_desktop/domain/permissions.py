"""Who may do what: the policy's ansvarsfördelning as one table, enforced by the services.

Every act a service performs on behalf of a person is named here with the roles that may do it
and how far the role reaches: any record (``ANY``), only records where the person is the one
responsible (``RESPONSIBLE``; an inköpschef may step in), or only where the person is named on
the record itself (``NAMED``: the decision maker of a direct award; nobody may step in). A refusal
names the rule it rests on. The GUI asks the same table to hide or disable what a role may not
do, but only the services decide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.organisation import Role


class PermissionDeniedError(DomainError):
    """The acting person's roles do not allow the act."""

    message_id = "permission.denied"


class Act(StrEnum):
    """Everything a person can change through the app, and the reports a role is limited to."""

    PLAN_CREATE = "plan.create"
    PLAN_NEED = "plan.need"
    PLAN_EDIT = "plan.edit"
    PLAN_STATUS = "plan.status"
    PLAN_COORDINATE = "plan.coordinate"
    CONTRACT_EDIT = "contract.edit"
    SUPPLIER_EDIT = "supplier.edit"
    DIRECT_AWARD_EDIT = "direct_award.edit"
    DIRECT_AWARD_SIGN = "direct_award.sign"
    JAV_ROSTER = "jav.roster"
    JAV_ASSESS = "jav.assess"
    JAV_DECLARE = "jav.declare"
    FOLLOWUP_PLAN = "followup.plan"
    FOLLOWUP_PERFORM = "followup.perform"
    AVSTEG_REPORT = "avsteg.report"
    AVSTEG_HANDLE = "avsteg.handle"
    COMPLIANCE_IMPORT = "compliance.import"
    INTERNAL_CONTROL_REPORT = "internal_control.report"
    ADMINISTER = "admin.edit"

    @property
    def label(self) -> str:
        """What the act is called in a message (``ändra avtal``)."""
        return PERMISSIONS[self].what


class Reach(StrEnum):
    """How far a role's permission reaches."""

    ANY = "any"
    RESPONSIBLE = "responsible"
    NAMED = "named"


@dataclass(frozen=True)
class Grant:
    """The roles that may perform an act, how far they reach and the rule it rests on."""

    what: str
    roles: frozenset[Role]
    reach: Reach
    rule: str
    manager_may_step_in: bool = True


ALL_ROLES = frozenset(Role)
PROCUREMENT = frozenset({Role.UPPHANDLARE, Role.INKOPSCHEF})
_INKOP = "Inköpspolicyn, Inköpsverksamhetens ansvar"
_BUDGET = "Inköpspolicyn, Budgetansvarigas ansvar"

PERMISSIONS: dict[Act, Grant] = {
    Act.PLAN_CREATE: Grant(
        "lägga upp poster i upphandlingsplanen", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten upprättar och underhåller upphandlingsplanen ({_INKOP})",
    ),
    Act.PLAN_NEED: Grant(
        "anmäla inköpsbehov",
        frozenset({Role.BUDGETANSVARIG, Role.UPPHANDLARE, Role.INKOPSCHEF}), Reach.ANY,
        f"budgetansvariga anmäler kommande inköpsbehov till inköpsverksamheten ({_BUDGET})",
    ),
    Act.PLAN_EDIT: Grant(
        "ändra poster i upphandlingsplanen", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten upprättar och underhåller upphandlingsplanen ({_INKOP})",
    ),
    Act.PLAN_STATUS: Grant(
        "ändra status på en upphandling", PROCUREMENT, Reach.RESPONSIBLE,
        f"den ansvariga upphandlaren leder upphandlingen, inköpschef är delegat ({_INKOP})",
    ),
    Act.PLAN_COORDINATE: Grant(
        "samordna behov i upphandlingsplanen", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten planerar, styr och samordnar inköpen ({_INKOP})",
    ),
    Act.CONTRACT_EDIT: Grant(
        "lägga upp och ändra avtal", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten gör upphandlade avtal tillgängliga i avtalsdatabasen ({_INKOP})",
    ),
    Act.SUPPLIER_EDIT: Grant(
        "lägga upp och ändra leverantörer",
        frozenset({Role.UPPHANDLARE, Role.INKOPSCHEF, Role.BUDGETANSVARIG}), Reach.ANY,
        f"inköp görs av inköpsverksamheten och, vid direktupphandling, av budgetansvariga "
        f"({_INKOP}; {_BUDGET})",
    ),
    Act.DIRECT_AWARD_EDIT: Grant(
        "registrera och ändra direktupphandlingar",
        frozenset({Role.BUDGETANSVARIG, Role.UPPHANDLARE, Role.INKOPSCHEF}), Reach.ANY,
        f"budgetansvariga genomför direktupphandlingar enligt riktlinjerna ({_BUDGET})",
    ),
    Act.DIRECT_AWARD_SIGN: Grant(
        "signera beslut om direktupphandling",
        frozenset({Role.BUDGETANSVARIG, Role.INKOPSCHEF}), Reach.NAMED,
        "bara den beslutsfattare som anges i beslutet, inom sin delegation på beslutsdagen "
        "(KL 6 kap. 37 §, 7 kap. 5 §; gällande delegationsordning)",
        manager_may_step_in=False,
    ),
    Act.JAV_ROSTER: Grant(
        "ändra vilka som deltar i en upphandling", PROCUREMENT, Reach.RESPONSIBLE,
        "den ansvariga upphandlaren och inköpschef håller förteckningen över deltagare "
        "(FL 16–18 §§)",
    ),
    Act.JAV_ASSESS: Grant(
        "bedöma jäv", PROCUREMENT | {Role.BUDGETANSVARIG}, Reach.RESPONSIBLE,
        "upphandlingens ansvarige eller inköpschef bedömer jäv, aldrig den som berörs "
        "(FL 16–18 §§)",
    ),
    Act.JAV_DECLARE: Grant(
        "lämna sin jävsdeklaration", ALL_ROLES, Reach.NAMED,
        "var och en lämnar och signerar sin egen deklaration (FL 16 §)",
        manager_may_step_in=False,
    ),
    Act.FOLLOWUP_PLAN: Grant(
        "planera avtalsuppföljning", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten deltar i avtalsförvaltningen där avtalsuppföljning ingår ({_INKOP})",
    ),
    Act.FOLLOWUP_PERFORM: Grant(
        "genomföra och signera avtalsuppföljning",
        frozenset({Role.UPPHANDLARE, Role.BUDGETANSVARIG, Role.INKOPSCHEF}), Reach.RESPONSIBLE,
        f"avtalets handläggare och avtalsägare följer upp avtalet ({_INKOP}; {_BUDGET})",
    ),
    Act.AVSTEG_REPORT: Grant(
        "rapportera avsteg", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten rapporterar avsteg från policy, riktlinjer och delegationsordning "
        f"({_INKOP})",
    ),
    Act.AVSTEG_HANDLE: Grant(
        "hantera avsteg i avstegsregistret", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten följer upp och rapporterar avsteg till inköpsnämnden ({_INKOP})",
    ),
    Act.COMPLIANCE_IMPORT: Grant(
        "läsa in leverantörsreskontra för avtalstrohet", PROCUREMENT, Reach.ANY,
        f"inköpsverksamheten följer upp avtalstroheten mot avtalsdatabasen ({_INKOP})",
    ),
    Act.INTERNAL_CONTROL_REPORT: Grant(
        "ta fram en nämnds internkontrollrapport",
        frozenset({Role.UPPHANDLARE, Role.BUDGETANSVARIG, Role.INKOPSCHEF}), Reach.RESPONSIBLE,
        "nämnden ansvarar för internkontroll och uppföljning av sina inköp och avtal, i "
        f"samarbete med inköpsverksamheten (Inköpspolicyn, Nämndernas ansvar; {_INKOP})",
    ),
    Act.ADMINISTER: Grant(
        "administrera organisation, personer, roller, delegationsordning och mallar",
        frozenset({Role.ADMINISTRATOR}), Reach.ANY,
        "bara administratörer förvaltar installationens grunddata",
        manager_may_step_in=False,
    ),
}  # fmt: skip


def allowed(
    act: Act, roles: Iterable[Role], *, responsible: bool = False, named: bool = False
) -> bool:
    """True when a person with *roles* may perform *act* on the record in question.

    *responsible*: the person is the record's responsible officer (or avtalsägare);
    *named*: the person is the one the record names for this act (decision maker, declarant).
    """
    grant = PERMISSIONS[act]
    held = frozenset(roles)
    if not held & grant.roles:
        return False
    if grant.reach is Reach.ANY:
        return True
    if grant.manager_may_step_in and Role.INKOPSCHEF in held:
        return True
    return named if grant.reach is Reach.NAMED else responsible


def check(
    act: Act, roles: Iterable[Role], *, responsible: bool = False, named: bool = False
) -> None:
    """Raise PermissionDeniedError naming the rule unless *act* is allowed."""
    if allowed(act, roles, responsible=responsible, named=named):
        return
    raise PermissionDeniedError(refusal(act, roles))


def refusal(act: Act, roles: Iterable[Role]) -> str:
    """The Swedish message for a refused act, naming who may and the rule."""
    grant = PERMISSIONS[act]
    who = ", ".join(r.label.lower() for r in Role if r in grant.roles)
    held = frozenset(roles)
    if not held:
        mine = "du har ingen roll i appen"
    else:
        mine = "du är " + ", ".join(r.label.lower() for r in Role if r in held)
    where = {
        Reach.ANY: "",
        Reach.RESPONSIBLE: " som är ansvarig för posten",
        Reach.NAMED: " som anges i posten",
    }[grant.reach]
    return f"Du får inte {grant.what} ({mine}). Det får bara {who}{where}: {grant.rule}."
