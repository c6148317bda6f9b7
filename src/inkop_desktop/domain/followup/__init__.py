"""Avtalsuppföljning: checklist categories, outcomes and statuses."""
