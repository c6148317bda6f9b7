"""The server's record of applied offline operations (one row per operation id, at most once)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text, Uuid, func

from inkop_desktop.db.base import Base

OPERATION_TABLE = Table(
    "offline_operation",
    Base.metadata,
    Column("id", Uuid, primary_key=True),
    Column("login", String(100), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("row_id", Uuid, nullable=False),
    Column("base_version", Integer, nullable=True),
    Column("schema_version", String(32), nullable=False),
    Column("outcome", String(20), nullable=False, server_default="pending"),
    Column("new_version", Integer, nullable=True),
    Column("detail", Text, nullable=False, server_default="{}"),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
"""Holds no payload and no row values (the audit trail, which every login reads, copies it):
the outcome, the version it produced and the names of conflicting fields only."""
