"""Direktupphandling (19 a kap. LOU): statuses, input, rules and same-kind totals."""
