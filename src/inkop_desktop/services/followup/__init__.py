"""Avtalsuppföljning: follow-up plans, occasions and actions."""
