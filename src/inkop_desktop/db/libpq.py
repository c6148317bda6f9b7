"""What the installed libpq can do, read from its connection-option table (psycopg's pq API)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LibpqFeatures:
    """The login features of the client library."""

    gssapi: bool  # built with GSSAPI (Kerberos): the compiled ``gssencmode`` default is ``prefer``
    require_auth: bool  # libpq 16+: ``require_auth`` can forbid every other way to log in


def libpq_features() -> LibpqFeatures:
    """Ask libpq for its connection options; an unreadable table means no extra features."""
    try:
        from psycopg import pq

        options = {o.keyword: o for o in pq.Conninfo.get_defaults()}
    except Exception as exc:  # no libpq, or one psycopg cannot read: offer nothing extra
        _log.warning("libpq kunde inte fråga efter sina anslutningsval: %s", type(exc).__name__)
        return LibpqFeatures(gssapi=False, require_auth=False)
    gss = options.get(b"gssencmode")
    return LibpqFeatures(
        gssapi=gss is not None and gss.compiled == b"prefer",
        require_auth=b"require_auth" in options,
    )
