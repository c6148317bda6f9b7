"""Avtalsportföljen: contracts, their parts, alerts, reports and the catalogue."""
