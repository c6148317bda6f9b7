"""The shared server as a password-free URL: host, SSL mode, root certificate, Kerberos."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode, urlsplit

DEFAULT_SSL_MODE = "prefer"
SSL_MODES = (
    ("disable", "disable – ingen kryptering"),
    ("prefer", "prefer – kryptera om servern kan"),
    ("require", "require – kräv kryptering"),
    ("verify-ca", "verify-ca – kräv kryptering och kontrollera certifikatet"),
    ("verify-full", "verify-full – som verify-ca och kontrollera servernamnet"),
)
"""libpq's ``sslmode`` values, weakest first, with a Swedish explanation."""

KERBEROS_SERVICE = "postgres"
"""libpq's default Kerberos service name (the server's principal is ``postgres/HOST@REALM``)."""


def kerberos_parameters(require_auth: bool) -> dict[str, str]:
    """libpq parameters for a Kerberos (GSSAPI) login; *require_auth*: libpq 16+ forbids others."""
    params = {"gssencmode": "prefer", "krbsrvname": KERBEROS_SERVICE}
    if require_auth:
        params["require_auth"] = "gss"  # never fall back to sending a password
    return params


def server_url(
    host: str,
    port: int,
    database: str,
    user: str,
    ssl_mode: str = DEFAULT_SSL_MODE,
    *,
    root_cert: str = "",
    kerberos: dict[str, str] | None = None,
) -> str:
    """A password-free PostgreSQL URL with ``sslmode``, ``sslrootcert`` and Kerberos parameters."""
    where = f"[{host}]" if ":" in host else host
    query = {"sslmode": ssl_mode}
    if root_cert:
        query["sslrootcert"] = root_cert
    query.update(kerberos or {})
    return (
        f"postgresql+psycopg://{quote(user, safe='')}@{where}:{port}/{quote(database, safe='')}"
        f"?{urlencode(query, quote_via=quote, safe='/')}"
    )


def _query(url: str) -> dict[str, list[str]]:
    """The query parameters of *url*."""
    return parse_qs(urlsplit(url).query)


def ssl_mode_of(url: str) -> str:
    """The ``sslmode`` of *url* (libpq's default ``prefer`` when none is given)."""
    found = _query(url).get("sslmode", [DEFAULT_SSL_MODE])[0]
    return found if found in dict(SSL_MODES) else DEFAULT_SSL_MODE


def root_cert_of(url: str) -> str:
    """The ``sslrootcert`` file of *url*, or an empty string."""
    return _query(url).get("sslrootcert", [""])[0]


def uses_kerberos(url: str | None) -> bool:
    """True when *url* logs in with Kerberos (GSSAPI): no password is asked or stored."""
    return bool(url) and "krbsrvname" in _query(url or "")
