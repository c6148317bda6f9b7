"""The ``inkop`` command line: database upgrade, demo data and checks."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NoReturn

from inkop_desktop import __version__
from inkop_desktop.domain.errors import DomainError

if TYPE_CHECKING:
    from inkop_desktop.services.exchange.service import ExchangeService

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a wrong command line as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        """``Fel: …`` on stderr, then exit 2."""
        self.exit(2, f"Fel: {message} (se {self.prog} --help)\n")


def _url_option(parser: argparse.ArgumentParser) -> None:
    """The common ``--url URL`` option (default: the embedded database)."""
    parser.add_argument("--url", help="databas-URL; utan den används den inbyggda SQLite-databasen")


def build_parser() -> argparse.ArgumentParser:
    """All sub-commands."""
    parser: argparse.ArgumentParser = _Parser(
        prog="inkop", description="Kommandon för inkop-desktop"
    )
    parser.add_argument("--version", action="version", version=f"inkop {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--demo", action="store_true", help="använd demodatabasen")
    where.add_argument(
        "--url", dest="global_url", metavar="URL", help="databas-URL (även efter kommandot)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db", help="databasen").add_subparsers(dest="db_command", required=True)
    upgrade = db.add_parser("upgrade", help="uppgradera databasen till senaste schemat")
    _url_option(upgrade)
    upgrade.set_defaults(handler=cmd_upgrade, creates=True)
    _server_commands(db)
    demo = sub.add_parser("demo", help="fyll en tom databas med demodata")
    _url_option(demo)
    demo.set_defaults(handler=cmd_demo, creates=True)
    check = sub.add_parser("check", help="kontrollera anslutning, schema och loggkedjan")
    _url_option(check)
    check.add_argument(
        "--anchor", action="store_true", help="skriv ut loggkedjans huvud (för protokollet)"
    )
    check.set_defaults(handler=cmd_check)
    _exchange_commands(sub)
    _direct_award_commands(sub)
    _report_commands(sub)
    _admin_commands(sub)
    return parser


def _resolve_url(args: argparse.Namespace) -> str:
    """The URL given (after or before the command), the demo file, or the settings' database."""
    from inkop_desktop.settings import effective_database_url, load_settings

    override = getattr(args, "url", None) or getattr(args, "global_url", None)
    demo = bool(getattr(args, "demo", False))
    if demo and override:
        raise DomainError("Ange antingen --demo eller --url, inte båda.")
    return effective_database_url(load_settings(), demo=demo, override=override)


def _refuse_missing_file(url: str, args: argparse.Namespace) -> None:
    """A SQLite file that does not exist is only created by ``db upgrade`` and ``demo``."""
    from sqlalchemy.engine import make_url

    if not url.startswith("sqlite") or getattr(args, "creates", False):
        return
    database = make_url(url).database or ":memory:"
    if database != ":memory:" and not database.startswith("file:") and not os.path.exists(database):
        if getattr(args, "demo", False):
            raise DomainError(
                f"Demodatabasen {database} finns inte. Skapa den med ”inkop --demo demo”."
            )
        raise DomainError(
            f"Databasfilen {database} finns inte. Skapa den med ”inkop db upgrade” "
            "(eller ”inkop demo” för demodata)."
        )


def _password(url: str) -> str | None:
    """The keyring's password for a server URL; asked for on a terminal if missing."""
    if url.startswith("sqlite"):
        return None
    from inkop_desktop.credentials import CredentialStore, account_for

    found = CredentialStore().get(account_for(url))
    if found is None and sys.stdin.isatty():
        found = getpass.getpass("Lösenord till databasen: ") or None
    return found


def _open(args: argparse.Namespace, *, upgrade: bool = True) -> object:
    """Connect (and migrate) the database named by the arguments."""
    from inkop_desktop.services.connection import connect
    from inkop_desktop.settings import backup_dir

    url = _resolve_url(args)
    _refuse_missing_file(url, args)
    return connect(
        url, actor=_actor(args, url), password=_password(url), backups=backup_dir(), upgrade=upgrade
    )


def _actor(args: argparse.Namespace, url: str) -> str:
    """Who acts: the demo's person, the person chosen at first run (local) or the OS account.

    On a server the database login decides (``connect`` asks it with ``current_user``).
    """
    if getattr(args, "demo", False):
        from inkop_desktop.demo import DEMO_LOGIN

        return DEMO_LOGIN
    if url.startswith("sqlite"):
        from inkop_desktop.settings import load_settings

        return load_settings().user_login or getpass.getuser()
    return getpass.getuser()


def cmd_upgrade(args: argparse.Namespace) -> int:
    """``inkop db upgrade``."""
    connection = _open(args)
    print(f"Databasen är uppgraderad: {connection.label}")  # type: ignore[attr-defined]
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """``inkop demo``: seed an empty database."""
    from inkop_desktop.demo import ensure_demo

    connection = _open(args)
    if ensure_demo(connection):  # type: ignore[arg-type]
        print(f"Demodata har lagts in i {connection.label}")  # type: ignore[attr-defined]
        return 0
    print("Databasen innehåller redan avtal; inga demodata lades in.", file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    """``inkop check``: connection, schema (exit 2 when behind) and the audit chain (exit 3)."""
    from inkop_desktop.services.connection import schema_status

    connection = _open(args, upgrade=False)
    current, head = schema_status(connection)  # type: ignore[arg-type]
    print(f"Ansluten: {connection.label}")  # type: ignore[attr-defined]
    print(f"Schema: {current or 'tomt'} (programmets: {head})")
    if current != head:
        return 2
    _warn_missing_reference(connection)
    return _check_chain(connection, show_anchor=args.anchor)


def _check_chain(connection: object, *, show_anchor: bool = False) -> int:
    """Verify the audit chain and its anchor: 0 and one line when whole, else why and 3."""
    status = connection.services.audit.verify()  # type: ignore[attr-defined]
    broken = status.broken
    if broken is not None:
        at = broken.at.strftime("%Y-%m-%d %H:%M:%S UTC")
        who = broken.actor or "okänd"
        print(
            f"Loggkedjan är bruten vid post #{broken.id} ({at}, {broken.table_name}, {who}): "
            f"{broken.reason}. {status.count} poster före den är hela."
        )
        return 3
    return _check_anchor(connection, status, show_anchor)


def _check_anchor(connection: object, status: object, show_anchor: bool) -> int:
    """Compare with the head recorded by the last check, then record this head (exit 0 or 3)."""
    from datetime import UTC, datetime

    from sqlalchemy.engine import make_url

    from inkop_desktop import anchor

    database = make_url(connection.url).render_as_string(hide_password=True)  # type: ignore[attr-defined]
    audit = connection.services.audit  # type: ignore[attr-defined]
    earlier = anchor.load(database)
    if earlier is not None:
        problem = anchor.verdict(earlier, audit.anchored(earlier.entry_id))
        if problem is not None:
            print(f"Loggkedjan stämmer inte med ankaret från förra kontrollen. {problem}")
            return 3
    print(f"Loggkedjan är hel ({status.count} poster)")  # type: ignore[attr-defined]
    if status.head_id is None:  # type: ignore[attr-defined]
        return 0
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = anchor.Anchor(status.head_id, status.head_hash, status.count, now)  # type: ignore[attr-defined]
    anchor.save(database, head)
    if show_anchor:
        print(head.line())
    return 0


def _warn_missing_reference(connection: object) -> None:
    """One Swedish warning line per reference value in force that is missing."""

    today = date.today()
    for key in connection.services.reference.missing_in_force(today):  # type: ignore[attr-defined]
        print(
            f"Varning: {key.label} för {today.year} saknas — "
            "en administratör behöver lägga in det (Beloppsgränser och ledtider)."
        )


NEW_PASSWORD_ENV = "INKOP_NEW_USER_PASSWORD"
"""Environment variable a script sets to give ``db add-user`` the new login's password."""


def _server_commands(db: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``inkop db init-server|add-user|remove-user`` (shared PostgreSQL server only)."""
    init = db.add_parser(
        "init-server",
        help="sätt upp en gemensam PostgreSQL-databas: ägarroll, grupproller, behörigheter",
    )
    init.add_argument("--url", required=True, help="postgresql://ADMIN@VÄRD/DATABAS")
    init.set_defaults(handler=cmd_init_server)
    add = db.add_parser("add-user", help="skapa en personlig inloggning på servern")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument(
        "--person", required=True, metavar="ID|E-POST", help="personens id eller e-post"
    )
    add.add_argument(
        "--no-password",
        action="store_true",
        help="inget lösenord (inloggning med Kerberos/GSSAPI eller certifikat)",
    )
    _url_option(add)
    add.set_defaults(handler=cmd_add_user)
    remove = db.add_parser("remove-user", help="ta bort en personlig inloggning från servern")
    remove.add_argument("login", metavar="LOGIN")
    _url_option(remove)
    remove.set_defaults(handler=cmd_remove_user)


def _server_engine(args: argparse.Namespace) -> object:
    """An engine on the server as the administrator (password from the keyring or asked)."""
    from inkop_desktop.db.engine import is_sqlite, make_engine

    url = _resolve_url(args)
    if is_sqlite(url):
        raise DomainError("Kommandot gäller bara en gemensam PostgreSQL-databas (ange --url).")
    return make_engine(url, password=_password(url))


def _new_password(args: argparse.Namespace) -> str | None:
    """The new login's password: from the environment, or asked twice on a terminal."""
    if args.no_password:
        return None
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise DomainError(
            f"Ange lösenordet i miljövariabeln {NEW_PASSWORD_ENV} eller kör kommandot i en "
            "terminal (eller --no-password)."
        )
    first = getpass.getpass(f"Lösenord för {args.login}: ")
    if not first or first != getpass.getpass("Samma lösenord igen: "):
        raise DomainError("Lösenorden var tomma eller olika; ingen inloggning skapades.")
    return first


def cmd_init_server(args: argparse.Namespace) -> int:
    """``inkop db init-server --url URL``: roles, migrations as the owner, grants, row security."""
    from inkop_desktop.db.server_setup import init_server

    engine = _server_engine(args)
    try:
        init_server(engine)  # type: ignore[arg-type]
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    _open(args).close()  # type: ignore[attr-defined]  # shipped reference values, as the admin
    print("Servern är uppsatt: ägarroll, grupproller, behörigheter och radsäkerhet är på plats.")
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    """``inkop db add-user LOGIN --person ID|E-POST``: a login role with the person's roles."""
    from inkop_desktop.db.server_setup import add_user, check_login

    check_login(args.login)
    password = _new_password(args)
    engine = _server_engine(args)
    try:
        added = add_user(engine, args.login, args.person, password)  # type: ignore[arg-type]
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    print(f"Inloggningen {added.login} gäller {added.person_name}: {', '.join(added.groups)}")
    return 0


def cmd_remove_user(args: argparse.Namespace) -> int:
    """``inkop db remove-user LOGIN``: drop the person's login role."""
    from inkop_desktop.db.server_setup import remove_user

    engine = _server_engine(args)
    try:
        remove_user(engine, args.login)  # type: ignore[arg-type]
    finally:
        engine.dispose()  # type: ignore[attr-defined]
    print(f"Inloggningen {args.login} är borttagen.")
    return 0


KINDS = ("plan", "avtal", "leverantorer", "organisationer", "personer", "delegation")
MAX_REPORTED = 200


def _exchange_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``inkop export|import {plan,avtal,leverantorer,organisationer,personer,delegation} FILE``."""
    export = sub.add_parser("export", help="exportera planen, avtal, leverantörer eller register")
    export.add_argument("kind", choices=(*KINDS, "ocds"), help="vad som exporteras")
    export.add_argument("file", metavar="FIL", help="FIL.xlsx eller FIL.csv (ocds: FIL.json)")
    export.add_argument("--ocid-prefix", help="ocds: ocid-prefix (standard: inställningen)")
    _url_option(export)
    export.set_defaults(handler=cmd_export)
    load = sub.add_parser("import", help="importera från Excel; allt eller inget")
    load.add_argument("kind", choices=KINDS, help="vad som importeras")
    load.add_argument("file", metavar="FIL", help="FIL.xlsx (eller .csv)")
    load.add_argument(
        "--allow-missing-roles",
        action="store_true",
        help="importera även avtal som saknar avtalsägare eller handläggare (blir varningar)",
    )
    load.add_argument(
        "--update",
        action="store_true",
        help="rader som redan finns (samma nyckel) uppdaterar posten i stället för att vägras",
    )
    _url_option(load)
    load.set_defaults(handler=cmd_import)


def _exchange(args: argparse.Namespace) -> ExchangeService:
    """The exchange service of the database named by the arguments."""
    connection = _open(args)
    service: ExchangeService = connection.services.exchange  # type: ignore[attr-defined]
    return service


def _written(name: str, data: bytes) -> bool:
    """Write *data* to the file *name*; False (and why, on stderr) when that fails."""
    from pathlib import Path

    try:
        Path(name).write_bytes(data)
    except OSError as exc:
        print(f"Fel: filen {name} kunde inte skrivas: {exc.strerror}", file=sys.stderr)
        return False
    return True


def cmd_export(args: argparse.Namespace) -> int:
    """``inkop export KIND FILE``: every record as .xlsx or .csv (format from the suffix)."""
    from inkop_desktop.documents.exchange.spreadsheet import format_for, write
    from inkop_desktop.services.exchange.service import ExchangeKind

    if args.kind == "ocds":
        return cmd_export_ocds(args)
    kind, fmt = ExchangeKind(args.kind), format_for(args.file)
    table = _exchange(args).export_table(kind)
    if not _written(args.file, write(table, fmt)):
        return 2
    print(f"{len(table.rows)} rader ({kind.label.lower()}) exporterades till {args.file}")
    return 0


def cmd_export_ocds(args: argparse.Namespace) -> int:
    """``inkop export ocds FILE.json``: the plan and the contracts as an OCDS release package."""
    from inkop_desktop.settings import load_settings

    prefix = args.ocid_prefix or load_settings().ocds_prefix
    connection = _open(args)
    data: bytes = connection.services.ocds.export_file(prefix)  # type: ignore[attr-defined]
    if not _written(args.file, data):
        return 2
    print(f"OCDS-paket (ocid-prefix {prefix}) exporterades till {args.file}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """``inkop import KIND FILE``: 0 imported, 1 nothing imported (row errors), 2 refused."""
    from pathlib import Path

    from inkop_desktop.documents.exchange.spreadsheet import Limits, format_for

    format_for(args.file)
    path = Path(args.file)
    try:
        if path.stat().st_size > Limits().max_file_bytes:
            print(f"Fel: filen {args.file} är för stor för att läsas in.", file=sys.stderr)
            return 2
        data = path.read_bytes()
    except OSError as exc:
        print(f"Fel: filen {args.file} kunde inte läsas: {exc.strerror}", file=sys.stderr)
        return 2
    report = _exchange(args).import_file(
        args.kind, data, path.name, allow_missing_roles=args.allow_missing_roles, update=args.update
    )
    for warning in report.warnings[:MAX_REPORTED]:
        print(f"Varning: {warning.text}", file=sys.stderr)
    if report.ok and report.outcomes:
        for done in report.outcomes[:MAX_REPORTED]:
            print(done.text)
        print(f"{args.file}: {report.summary}")
        return 0
    if report.ok:
        print(f"{report.imported} poster importerades från {args.file}.")
        return 0
    for problem in report.errors[:MAX_REPORTED]:
        print(problem.text, file=sys.stderr)
    if len(report.errors) > MAX_REPORTED:
        print(f"… och {len(report.errors) - MAX_REPORTED} fel till.", file=sys.stderr)
    print(f"Inget importerades: {len(report.errors)} fel i {args.file}.", file=sys.stderr)
    return 1


def _direct_award_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``inkop direktupphandling list|pdf``."""
    group = sub.add_parser("direktupphandling", help="direktupphandlingar (19 a kap. LOU)")
    commands = group.add_subparsers(dest="da_command", required=True)
    listing = commands.add_parser("list", help="lista direktupphandlingarna")
    _url_option(listing)
    listing.set_defaults(handler=cmd_direct_award_list)
    pdf = commands.add_parser("pdf", help="skriv dokumentationen eller beslutet som PDF")
    pdf.add_argument("diarienummer", metavar="DIARIENUMMER")
    pdf.add_argument("-o", "--output", required=True, metavar="FIL.pdf")
    pdf.add_argument(
        "--kind",
        choices=("dokumentation", "beslut", "underskrift"),
        default="dokumentation",
        help="underskrift: beslutet att skriva ut och skriva under för hand",
    )
    _url_option(pdf)
    pdf.set_defaults(handler=cmd_direct_award_pdf)


def cmd_direct_award_list(args: argparse.Namespace) -> int:
    """``inkop direktupphandling list``: one tab-separated line per record."""
    from inkop_desktop.domain.direct_award.status import AwardStatus
    from inkop_desktop.domain.money import format_kronor
    from inkop_desktop.services.dto import ListQuery

    service = _open(args).services.direct_awards  # type: ignore[attr-defined]
    offset = 0
    while True:
        page = service.list(ListQuery(sort="award_date", offset=offset, limit=1000))
        for r in page.rows:
            cells = (r.diarienummer, r.award_date.isoformat(), r.region, r.same_kind_key,
                     format_kronor(r.value_ore), AwardStatus(r.status).label, r.title)  # fmt: skip
            print("\t".join(cells))
        offset += len(page.rows)
        if not page.rows or offset >= page.total:
            return 0


def cmd_direct_award_pdf(args: argparse.Namespace) -> int:
    """``inkop direktupphandling pdf DIARIENUMMER -o FIL.pdf [--kind dokumentation|beslut]``."""
    from pathlib import Path

    service = _open(args).services.direct_awards  # type: ignore[attr-defined]
    award_id = service.id_of(args.diarienummer)
    if args.kind == "underskrift":
        content = service.paper_copy_pdf(award_id)
    else:
        make = service.decision_pdf if args.kind == "beslut" else service.documentation_pdf
        content = make(award_id)
    try:
        Path(args.output).write_bytes(content)
    except OSError as exc:
        print(f"Fel: filen {args.output} kunde inte skrivas: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Skrev {args.output}")
    return 0


def _day(text: str) -> date:
    """An ISO date from the command line (argparse reports a bad one)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ogiltigt datum ”{text}” (ÅÅÅÅ-MM-DD)") from None


def _report_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``inkop rapport internkontroll --namnd KOD [--from D] [--to D] FIL.pdf``."""
    group = sub.add_parser("rapport", help="rapporter som PDF")
    commands = group.add_subparsers(dest="report_command", required=True)
    control = commands.add_parser("internkontroll", help="internkontrollrapport för en nämnd")
    control.add_argument(
        "--namnd", required=True, metavar="KOD", help="nämndens kortnamn (VMA-RS: med region)"
    )
    control.add_argument("--from", dest="first", type=_day, help="från (standard: 1 januari)")
    control.add_argument("--to", dest="last", type=_day, help="till (standard: 31 december)")
    control.add_argument("file", metavar="FIL.pdf")
    _url_option(control)
    control.set_defaults(handler=cmd_internal_control)


def cmd_internal_control(args: argparse.Namespace) -> int:
    """``inkop rapport internkontroll``: the nämnd's report for the period (default this year)."""
    from inkop_desktop.services.internal_control import current_year

    first, last = current_year(date.today())
    service = _open(args).services.internal_control  # type: ignore[attr-defined]
    namnd = service.find_namnd(args.namnd)
    data = service.report_pdf(namnd, args.first or first, args.last or last)
    if not _written(args.file, data):
        return 2
    print(f"Internkontrollrapporten skrevs till {args.file}")
    return 0


DECISION_KINDS = ("direktupphandling", "tilldelningsbeslut", "avrop")


def _admin_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``inkop admin delegation-check --belopp KR --organisation NAMN [--datum] [--typ]``."""
    group = sub.add_parser("admin", help="administration: organisation, personer, delegation")
    commands = group.add_subparsers(dest="admin_command", required=True)
    check = commands.add_parser(
        "delegation-check", help="vem får besluta om ett belopp för en organisation en viss dag"
    )
    check.add_argument("--belopp", required=True, metavar="KR", help="belopp i kronor")
    check.add_argument("--organisation", required=True, metavar="NAMN", help="namn eller kortnamn")
    check.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD", help="beslutsdag (standard: i dag)")
    check.add_argument("--typ", choices=DECISION_KINDS, default="direktupphandling")
    check.add_argument("--region", choices=("SRM", "VMA"), help="när namnet finns i båda")
    _url_option(check)
    check.set_defaults(handler=cmd_delegation_check)
    from inkop_desktop.cli_trust import add_commands

    add_commands(commands, _open, _url_option)


def cmd_delegation_check(args: argparse.Namespace) -> int:
    """Print everyone whose delegation covers the amount: 0 someone may, 1 nobody may."""
    from datetime import date

    from inkop_desktop.domain.calendar import parse_date, parse_kronor
    from inkop_desktop.domain.direct_award.delegation import DecisionKind
    from inkop_desktop.domain.money import Money

    amount = parse_kronor(args.belopp, "Belopp")
    day = parse_date(args.datum or "", "Datum") or date.today()
    kind = DecisionKind(args.typ)
    rights = _open(args).services.decision_rights  # type: ignore[attr-defined]
    organisation = rights.organisation_named(args.organisation, args.region)
    found = rights.who_may_decide(amount, organisation, day, kind)
    what = f"om {Money(amount).format()} för {args.organisation.strip()} den {day.isoformat()}"
    if not found:
        print(f"Ingen har delegation för {kind.label.lower()} {what}.")
        return 1
    print(f"{kind.label} {what} får fattas av:")
    for entitled in found:
        print(f"  {entitled.line}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; Swedish errors, no tracebacks."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except DomainError as exc:
        print(f"Fel: {exc.text}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"Fel: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (``inkop direktupphandling list | head``): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
