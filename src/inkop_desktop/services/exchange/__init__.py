"""Excel/CSV export and import of the plan, the contracts and the suppliers."""
