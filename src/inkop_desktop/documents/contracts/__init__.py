"""Contract deadlines as iCalendar."""
