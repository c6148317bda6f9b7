"""Times printed in the documents: Swedish local time with its zone (CET/CEST)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

SWEDEN = ZoneInfo("Europe/Stockholm")


def local(moment: datetime) -> datetime:
    """*moment* in Swedish time; a naive value is taken as UTC (as the database stores it)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(SWEDEN)


def zoned(moment: datetime) -> str:
    """``2026-12-01 14:03 CET`` (``CEST`` in summer)."""
    return local(moment).strftime("%Y-%m-%d %H:%M %Z")


def start_of(day: date) -> datetime:
    """Midnight of *day* in Swedish time."""
    return datetime.combine(day, time(), tzinfo=SWEDEN)
