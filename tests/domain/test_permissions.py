"""The permission table, walked completely: every (role, act) pair against the policy's matrix."""

from __future__ import annotations

import pytest

from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import (
    PERMISSIONS,
    Act,
    PermissionDeniedError,
    allowed,
    check,
)

U, B, M, C, A = (
    Role.UPPHANDLARE,
    Role.BUDGETANSVARIG,
    Role.MEDARBETARE,
    Role.INKOPSCHEF,
    Role.ADMINISTRATOR,
)

# What each role may do on a record it is NOT responsible for / NOT named on, and on one where
# it is (responsible, named). Written out from the policy's ansvarsfördelning, not the table.
# Columns: (stranger, responsible, named)
EXPECTED: dict[Act, dict[Role, tuple[bool, bool, bool]]] = {
    Act.PLAN_CREATE: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.PLAN_NEED: {U: (1, 1, 1), B: (1, 1, 1), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.PLAN_EDIT: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.PLAN_STATUS: {U: (0, 1, 0), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.PLAN_COORDINATE: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.CONTRACT_EDIT: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.SUPPLIER_EDIT: {U: (1, 1, 1), B: (1, 1, 1), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.DIRECT_AWARD_EDIT: {U: (1, 1, 1), B: (1, 1, 1), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.DIRECT_AWARD_SIGN: {U: (0, 0, 0), B: (0, 0, 1), M: (0, 0, 0), C: (0, 0, 1), A: (0, 0, 0)},
    Act.JAV_ROSTER: {U: (0, 1, 0), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.JAV_ASSESS: {U: (0, 1, 0), B: (0, 1, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.JAV_DECLARE: {U: (0, 0, 1), B: (0, 0, 1), M: (0, 0, 1), C: (0, 0, 1), A: (0, 0, 1)},
    Act.FOLLOWUP_PLAN: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.FOLLOWUP_PERFORM: {U: (0, 1, 0), B: (0, 1, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.AVSTEG_REPORT: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.AVSTEG_HANDLE: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.COMPLIANCE_IMPORT: {U: (1, 1, 1), B: (0, 0, 0), M: (0, 0, 0), C: (1, 1, 1), A: (0, 0, 0)},
    Act.INTERNAL_CONTROL_REPORT: {
        U: (0, 1, 0),
        B: (0, 1, 0),
        M: (0, 0, 0),
        C: (1, 1, 1),
        A: (0, 0, 0),
    },
    Act.ADMINISTER: {U: (0, 0, 0), B: (0, 0, 0), M: (0, 0, 0), C: (0, 0, 0), A: (1, 1, 1)},
}
PAIRS = [(act, role) for act in Act for role in Role]


def test_the_matrix_names_every_act_and_role() -> None:
    assert set(EXPECTED) == set(Act) == set(PERMISSIONS)
    assert all(set(row) == set(Role) for row in EXPECTED.values())


@pytest.mark.parametrize(("act", "role"), PAIRS, ids=[f"{a.value}-{r.value}" for a, r in PAIRS])
def test_every_role_and_act(act: Act, role: Role) -> None:
    stranger, responsible, named = EXPECTED[act][role]
    assert allowed(act, {role}) is bool(stranger)
    assert allowed(act, {role}, responsible=True) is bool(responsible)
    assert allowed(act, {role}, named=True) is bool(named)


def test_no_role_may_do_anything_but_nothing_is_read_only() -> None:
    assert not any(allowed(act, set(), responsible=True, named=True) for act in Act)


def test_roles_add_up() -> None:
    assert allowed(Act.CONTRACT_EDIT, {M, U})
    assert not allowed(Act.DIRECT_AWARD_SIGN, {C, A})  # nobody steps in for the decision maker


def test_a_refusal_says_who_may_and_the_rule() -> None:
    with pytest.raises(PermissionDeniedError) as caught:
        check(Act.CONTRACT_EDIT, {M})
    text = caught.value.text
    assert text.startswith("Du får inte lägga upp och ändra avtal (du är medarbetare).")
    assert "upphandlare, inköpschef" in text
    assert "Inköpsverksamhetens ansvar" in text


def test_a_refusal_for_someone_without_roles() -> None:
    with pytest.raises(PermissionDeniedError, match="du har ingen roll i appen"):
        check(Act.PLAN_EDIT, ())


def test_a_refusal_of_a_responsible_act_names_the_responsibility() -> None:
    with pytest.raises(PermissionDeniedError, match="som är ansvarig för posten"):
        check(Act.JAV_ROSTER, {U})
