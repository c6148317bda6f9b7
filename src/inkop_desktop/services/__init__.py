"""Use cases: each call opens one Session and returns frozen DTOs."""
