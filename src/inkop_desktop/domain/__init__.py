"""Pure domain model: value objects, rules, workflows and typed errors (no Qt, no SQL)."""
