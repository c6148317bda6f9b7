"""Avtal: the contract model, its terms and options, and alerts."""
