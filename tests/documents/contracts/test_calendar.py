"""The deadline calendar parses back with icalendar: all-day events, stable UIDs, reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from inkop_desktop.documents.contracts.calendar import CalendarDeadline, deadlines_ics

STAMP = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
ITEMS = [
    CalendarDeadline("avtal-1-slut-0", date(2027, 3, 31), "Avtalet löper ut: SRM-2024-0001 Städ"),
    CalendarDeadline(
        "avtal-1-option-1",
        date(2026, 12, 31),
        "Sista dag för beslut om option 1: SRM-2024-0001 Städ",
        "Handläggare: Karin Öberg",
    ),
]


def test_calendar_parses_back_with_all_day_events_in_date_order() -> None:
    cal = Calendar.from_ical(deadlines_ics(ITEMS, STAMP))
    assert str(cal["version"]) == "2.0" and str(cal["method"]) == "PUBLISH"
    events = list(cal.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Sista dag för beslut om option 1: SRM-2024-0001 Städ",
        "Avtalet löper ut: SRM-2024-0001 Städ",
    ]
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 12, 31)
    assert first.decoded("dtend") == date(2027, 1, 1)
    assert not isinstance(first.decoded("dtstart"), datetime)  # all-day, no time zone trouble
    assert str(first["description"]) == "Handläggare: Karin Öberg"
    assert str(first["transp"]) == "TRANSPARENT"
    alarm = next(iter(first.walk("VALARM")))
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(days=-14)


def test_uids_are_stable_between_exports_so_outlook_updates_instead_of_duplicating() -> None:
    later = deadlines_ics(ITEMS, STAMP + timedelta(days=3))
    uids = [str(e["uid"]) for e in Calendar.from_ical(later).walk("VEVENT")]
    again = [str(e["uid"]) for e in Calendar.from_ical(deadlines_ics(ITEMS, STAMP)).walk("VEVENT")]
    assert uids == again and uids[0].startswith("avtal-1-option-1@")
    assert b"\r\n" in later  # RFC 5545 line endings
