"""Contract deadlines as an iCalendar file that Outlook imports: DTOs in, bytes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

PRODID = "-//Inköpsverksamheten Sörmland–Västmanland//inkop-desktop//SV"
UID_DOMAIN = "inkop-desktop.regionsormland-regionvastmanland"


@dataclass(frozen=True)
class CalendarDeadline:
    """One all-day deadline: a stable key (for the UID), the day, and Swedish texts."""

    key: str
    day: date
    summary: str
    description: str = ""
    category: str = "Avtalsbevakning"


def _alarm(summary: str, remind_days: int) -> Alarm:
    """A display reminder *remind_days* before the (all-day) event."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Påminnelse: {summary}")
    alarm.add("trigger", timedelta(days=-remind_days))
    return alarm


def _event(item: CalendarDeadline, stamp: datetime, remind_days: int) -> Event:
    """An all-day, free-time VEVENT with a stable UID and a reminder."""
    event = Event()
    event.add("uid", f"{item.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", item.day)
    event.add("dtend", item.day + timedelta(days=1))
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    event.add("categories", [item.category])
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm(item.summary, remind_days))
    return event


def deadlines_ics(
    items: Sequence[CalendarDeadline],
    stamp: datetime,
    *,
    name: str = "Avtalsbevakning",
    remind_days: int = 14,
) -> bytes:
    """An iCalendar (RFC 5545) file with one all-day event per deadline."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for item in sorted(items, key=lambda i: (i.day, i.key)):
        cal.add_component(_event(item, stamp, remind_days))
    return bytes(cal.to_ical())
