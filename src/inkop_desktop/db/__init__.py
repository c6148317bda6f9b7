"""Persistence: SQLAlchemy 2 tables, engines, sessions and Alembic migrations."""
