"""Avtalsuppföljning: the list around the next action, the reports and their chart."""
