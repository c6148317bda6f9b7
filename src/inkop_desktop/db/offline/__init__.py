"""Offline drafting on the database side: the local replica, its outbox and the server record."""
