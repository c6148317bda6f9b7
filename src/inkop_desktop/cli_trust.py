"""``inkop admin utfardare lista|lagg-till FIL [--namn NAMN]``: the trusted issuers from a shell."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

Opener = Callable[[argparse.Namespace], Any]


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    opener: Opener,
    url_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``utfardare lista`` and ``utfardare lagg-till`` under ``inkop admin``."""
    group = commands.add_parser("utfardare", help="betrodda utfärdare av signeringscertifikat")
    actions = group.add_subparsers(dest="trust_command", required=True)
    listing = actions.add_parser("lista", help="visa de betrodda utfärdarna")
    url_option(listing)
    listing.set_defaults(handler=lambda args: cmd_list(opener(args)))
    adding = actions.add_parser("lagg-till", help="lita på ett CA-certifikat (.pem/.cer/.crt)")
    adding.add_argument("fil", metavar="FIL", help="utfärdarens certifikat, PEM eller DER")
    adding.add_argument("--namn", default="", help="namn att visa (standard: certifikatets CN)")
    url_option(adding)
    adding.set_defaults(handler=lambda args: cmd_add(opener(args), Path(args.fil), args.namn))


def cmd_list(connection: Any) -> int:
    """Print every trusted issuer: name, validity, fingerprint."""
    rows = connection.services.trusted_issuers.list()
    if not rows:
        print("Inga betrodda utfärdare är inlagda: ingen e-signatur kan visas som giltig.")
        return 0
    for row in rows:
        print(f"{row.name}\t{row.subject}\tgiltigt till {row.not_after.date().isoformat()}")
        print(f"\tSHA-256 {row.fingerprint_text}")
    return 0


def cmd_add(connection: Any, path: Path, name: str) -> int:
    """Show what the certificate says and trust it (administrators only, the service decides)."""
    service = connection.services.trusted_issuers
    data = path.read_bytes()
    for label, value in service.preview(data).lines:
        print(f"{label}: {value}")
    row = service.add(data, name)
    print(f"Lade till betrodd utfärdare: {row.name}")
    return 0
