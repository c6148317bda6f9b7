"""Avtalsuppföljning: checklist categories, outcomes, plans, schedule and workflow rules."""
