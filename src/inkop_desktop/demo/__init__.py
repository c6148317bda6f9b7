"""Demo and benchmark data for both regions, generated above the services layer."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from inkop_desktop.db.tables import Contract
from inkop_desktop.services.connection import Connection

DEMO_LOGIN = "demo.handlaggare"
"""The login the app uses in demo mode (Karin Öberg, upphandlare)."""


def ensure_demo(connection: Connection, today: date | None = None) -> bool:
    """Seed the demo data into an empty database; True if it was seeded now."""
    from inkop_desktop.demo.seed import seed_demo

    sessions = connection.services.context.sessions
    with sessions() as session:
        if session.execute(select(func.count(Contract.id))).scalar_one():
            return False
    seed_demo(sessions, today=today or date.today())
    return True
