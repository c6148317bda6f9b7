"""The grant table of the shared server follows the permission table (no database needed)."""

from __future__ import annotations

from inkop_desktop.db.server_roles import (
    ACT_WRITES,
    ALL_GROUPS,
    AUDIT,
    CATALOGUE,
    GROUPS,
    LASARE,
    OFFLINE,
    READS_ONLY,
    grant_statements,
    written_by,
)
from inkop_desktop.db.tables import Base
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PERMISSIONS, Act

TABLES = set(Base.metadata.tables) | {"alembic_version"}


def test_every_act_names_the_tables_it_writes_and_they_exist() -> None:
    assert set(ACT_WRITES) == set(Act)
    for act, tables in ACT_WRITES.items():
        assert bool(tables) is (act not in READS_ONLY), act
        assert set(tables) <= TABLES, act
    assert set(CATALOGUE) <= TABLES


def test_a_role_writes_only_what_its_acts_write() -> None:
    assert written_by(Role.MEDARBETARE) == {"jav_declaration", "declared_interest", OFFLINE}
    assert "contract" not in written_by(Role.BUDGETANSVARIG)
    assert "person_role" in written_by(Role.ADMINISTRATOR)
    assert "person_role" not in written_by(Role.INKOPSCHEF)
    for role in Role:
        acts = [a for a, g in PERMISSIONS.items() if role in g.roles]
        assert written_by(role) == {t for a in acts for t in ACT_WRITES[a]}


def test_grants_read_for_all_write_per_role_and_never_write_the_audit_trail() -> None:
    statements = grant_statements(TABLES)
    joined = "\n".join(statements)
    assert statements[0].startswith("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC")
    assert f'GRANT SELECT ON "contract" TO {LASARE}' in statements
    assert f'GRANT SELECT ON "quote" TO {LASARE}' not in statements
    assert f'GRANT INSERT, UPDATE, DELETE ON "supplier" TO {GROUPS[Role.UPPHANDLARE]}' in joined
    assert f'ON "supplier" TO {GROUPS[Role.MEDARBETARE]}' not in joined
    assert f'ON "{AUDIT}"' not in joined  # never UPDATE/DELETE on the audit trail
    assert AUDIT not in joined and "audit_staging" not in joined  # the triggers append
    assert set(ALL_GROUPS) == {LASARE, *GROUPS.values()}
