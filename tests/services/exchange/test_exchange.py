"""Excel/CSV export and import: lossless round trip on demo data, all-or-nothing row reports."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import audit
from inkop_desktop.db.engine import make_engine, make_sessionmaker
from inkop_desktop.db.tables import (
    Avsteg,
    Contract,
    ContractAmendment,
    ContractOption,
    ContractSupplier,
    Organisation,
    Person,
    PlanItem,
    PlanItemCpv,
    PlanItemParty,
    Supplier,
    SupplierContact,
)
from inkop_desktop.documents.exchange.spreadsheet import Format, Table, read, write
from inkop_desktop.domain.contracts.model import ContractInput
from inkop_desktop.domain.names import company_key
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.plan.input import PlanItemInput
from inkop_desktop.domain.suppliers.input import SupplierInput
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.exchange.service import ExchangeKind, ImportProblem
from inkop_desktop.services.registry import Services
from tests.conftest import DemoDb, PgServer, _admin, migrated_copy
from tests.services.conftest import TEST_ACTOR, BaseRows, ensure_person

TODAY = date(2026, 3, 2)
STAMPS = {"id", "version", "created_at", "created_by", "updated_at", "updated_by"}


# --- a second, empty database and what it shares with the first ----------------------------------


@pytest.fixture
def target(db_url: str, tmp_path: Any, request: pytest.FixtureRequest) -> Iterator[Services]:
    """Services on a second empty, migrated database on the same engine as *db_url*."""
    name = None
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path}/target.sqlite"
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        name = f"inkop_target_{uuid.uuid4().hex[:16]}"
        _admin(server, "CREATE DATABASE {}", name)
        url = server.database_url(name).render_as_string(hide_password=False)
    migrated_copy(request, url)
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        audit.install(sessions)
        services = Services.create(ServiceContext(sessions, actor="karin.oberg"))
        services.reference.sync_shipped()
        yield services
    finally:
        engine.dispose()
        if name is not None:
            _admin(
                request.getfixturevalue("pg_server"),
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                name,
            )


def _columns(row: Any, skip: set[str] = STAMPS) -> dict[str, Any]:
    """Every column value of an ORM row except *skip*."""
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}


def copy_reference_data(source: sessionmaker[Session], target: sessionmaker[Session]) -> None:
    """Organisations (parents first) and people, with the same ids: the shared reference data."""
    with source() as s, target.begin() as t:
        pending = list(s.scalars(select(Organisation)))
        done: set[uuid.UUID] = set()
        while pending:
            ready = [o for o in pending if o.parent_id is None or o.parent_id in done]
            for org in ready:
                t.add(Organisation(**_columns(org, {"version"}), version=1))
                done.add(org.id)
                pending.remove(org)
            t.flush()
        for person in s.scalars(select(Person)):
            t.add(Person(**_columns(person, {"version"}), version=1))
    ensure_person(target, TEST_ACTOR, "Karin Öberg", Role)  # who imports


def canonical(sessions: sessionmaker[Session], kind: ExchangeKind) -> list[dict[str, Any]]:
    """Every stored field of *kind* with references as human keys, sorted (ids left out)."""
    with sessions() as s:
        logins = dict(s.execute(select(Person.id, Person.login)).all())
        orgs = {o.id: (o.name, o.region) for o in s.scalars(select(Organisation))}
        numbers = dict(s.execute(select(Contract.id, Contract.contract_number)).all())
        orgnrs = dict(s.execute(select(Supplier.id, Supplier.orgnr)).all())
        if kind is ExchangeKind.LEVERANTORER:
            rows = [_supplier(s, x) for x in s.scalars(select(Supplier))]
        elif kind is ExchangeKind.AVTAL:
            rows = [
                _contract(s, x, logins, orgs, numbers, orgnrs) for x in s.scalars(select(Contract))
            ]
        else:
            rows = [_plan(s, x, logins, orgs, numbers) for x in s.scalars(select(PlanItem))]
    return sorted(rows, key=repr)


def _supplier(s: Session, x: Supplier) -> dict[str, Any]:
    """A supplier and its contacts (the name key is recomputed on import, see below)."""
    d = _columns(x, STAMPS | {"name_key"})
    contacts = s.scalars(select(SupplierContact).where(SupplierContact.supplier_id == x.id))
    d["contacts"] = sorted(tuple(_columns(c, STAMPS | {"supplier_id"}).values()) for c in contacts)
    return d


def _contract(
    s: Session, x: Contract, logins: dict, orgs: dict, numbers: dict, orgnrs: dict
) -> dict[str, Any]:
    """A contract with its suppliers, options and amendments."""
    d = _columns(x)
    d.update(
        owner_id=logins.get(x.owner_id),
        handlaggare_id=logins.get(x.handlaggare_id),
        owner_org_id=orgs.get(x.owner_org_id),
        framework_id=numbers.get(x.framework_id),
    )
    links = s.scalars(select(ContractSupplier).where(ContractSupplier.contract_id == x.id))
    d["suppliers"] = sorted(orgnrs[link.supplier_id] for link in links)
    options = s.scalars(select(ContractOption).where(ContractOption.contract_id == x.id))
    d["options"] = sorted((o.ordinal, o.months, o.decision_deadline, o.decision) for o in options)
    changes = s.scalars(select(ContractAmendment).where(ContractAmendment.contract_id == x.id))
    d["amendments"] = sorted((a.amended_on, a.new_value_ore, a.reason) for a in changes)
    return d


def _plan(s: Session, x: PlanItem, logins: dict, orgs: dict, numbers: dict) -> dict[str, Any]:
    """A plan item with its nämnder and CPV codes."""
    d = _columns(x)
    d.update(
        responsible_id=logins.get(x.responsible_id),
        requested_by_id=logins.get(x.requested_by_id),
        replaces_contract_id=numbers.get(x.replaces_contract_id),
    )
    parties = s.scalars(select(PlanItemParty).where(PlanItemParty.plan_item_id == x.id))
    d["parties"] = sorted(orgs[p.organisation_id] for p in parties)
    cpvs = s.scalars(select(PlanItemCpv.cpv).where(PlanItemCpv.plan_item_id == x.id))
    d["cpvs"] = sorted(cpvs)
    return d


ORDER = (ExchangeKind.LEVERANTORER, ExchangeKind.AVTAL, ExchangeKind.PLAN)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_of_the_demo_data_loses_nothing(
    sessions: sessionmaker[Session],
    demo_db: DemoDb,
    services: Services,
    target: Services,
    fmt: Format,
) -> None:
    demo_db(TODAY, services=True)
    copy_reference_data(sessions, target.context.sessions)
    for kind in ORDER:
        exported = services.exchange.export_file(kind, fmt)
        report = target.exchange.import_file(kind, exported, f"x.{fmt}", allow_missing_roles=True)
        assert report.ok, [p.text for p in report.errors[:5]]
        source_rows = canonical(sessions, kind)
        assert report.imported == len(source_rows)
        assert canonical(target.context.sessions, kind) == source_rows, kind
        again = target.exchange.export_table(kind)
        first = services.exchange.export_table(kind)
        assert sorted(again.rows, key=repr) == sorted(first.rows, key=repr)
    with target.context.sessions() as s:
        keys = s.execute(select(Supplier.name, Supplier.name_key)).all()
    assert all(key == company_key(name) for name, key in keys)


def test_legacy_contracts_without_a_role_are_reported_unless_allowed(
    sessions: sessionmaker[Session], demo_db: DemoDb, services: Services, target: Services
) -> None:
    demo_db(TODAY, services=True)
    copy_reference_data(sessions, target.context.sessions)
    target.exchange.import_file(
        "leverantorer", services.exchange.export_file("leverantorer", "xlsx"), "l.xlsx"
    )
    with sessions() as s:
        missing = s.scalar(
            select(func.count()).where(
                Contract.owner_id.is_(None) | Contract.handlaggare_id.is_(None)
            )
        )
    assert missing
    data = services.exchange.export_file("avtal", "xlsx")
    strict = target.exchange.import_file("avtal", data, "a.xlsx")
    assert strict.imported == 0
    assert len(strict.errors) == missing
    assert {(p.column, p.message) for p in strict.errors} <= {
        ("Avtalsägare", "måste fyllas i"),
        ("Handläggare", "måste fyllas i"),
    }
    with target.context.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Contract)) == 0
    lenient = target.exchange.import_file("avtal", data, "a.xlsx", allow_missing_roles=True)
    assert lenient.ok and len(lenient.warnings) == missing


# --- one-table imports on a small database -------------------------------------------------------

SUPPLIER_HEADERS = ("Namn", "Organisationsnummer", "Ort", "Kontaktpersoner")


def _sheet(headers: tuple[str, ...], *rows: tuple[Any, ...], fmt: Format = "xlsx") -> bytes:
    """A spreadsheet as a user would make it (in .xlsx, text starting with = is a formula)."""
    if fmt == "csv":
        return write(Table("Blad1", headers, list(rows)), fmt)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (headers, *rows):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _count(services: Services, table: Any) -> int:
    """Rows in *table*."""
    with services.context.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_one_bad_organisationsnummer_imports_nothing_and_names_the_cell(
    services: Services, base_rows: BaseRows
) -> None:
    data = _sheet(
        SUPPLIER_HEADERS,
        ("Mälardalens Tvätt AB", "556036-0793", "Eskilstuna", "Eva Ek; Säljare; eva@tvatt.se"),
        ("Fel AB", "556016-0681", "Västerås", None),
        ("Rätt AB", "5560747569", "Nyköping", None),
    )
    report = services.exchange.import_file("leverantorer", data, "leverantorer.xlsx")
    assert report.imported == 0
    assert report.errors == (
        ImportProblem(
            row=3,
            column="Organisationsnummer",
            message="Organisationsnumret 556016-0681 har fel kontrollsiffra.",
        ),
    )
    assert report.errors[0].text == (
        "Rad 3, Organisationsnummer: Organisationsnumret 556016-0681 har fel kontrollsiffra."
    )
    assert _count(services, Supplier) == 1
    assert _count(services, SupplierContact) == 0


def test_suppliers_import_with_contacts_once_valid(services: Services, base_rows: BaseRows) -> None:
    data = _sheet(
        SUPPLIER_HEADERS,
        (
            "Mälardalens Tvätt AB",
            "556036-0793",
            "Eskilstuna",
            "Eva Ek; Säljare; eva@tvatt.se\nOla Ås",
        ),
        ("Rätt AB", "5560747569", None, None),
        fmt="csv",
    )
    report = services.exchange.import_file("leverantorer", data, "leverantorer.csv")
    assert report.ok and report.imported == 2
    with services.context.sessions() as s:
        new = s.scalars(select(Supplier).where(Supplier.orgnr == "556074-7569")).one()
        assert new.vat_number == "SE556074756901"
        contacts = s.execute(select(SupplierContact.name, SupplierContact.email)).all()
    assert sorted(contacts) == [("Eva Ek", "eva@tvatt.se"), ("Ola Ås", "")]


def test_duplicates_in_the_file_and_in_the_register_are_reported(
    services: Services, base_rows: BaseRows
) -> None:
    data = _sheet(
        SUPPLIER_HEADERS,
        ("Mälardalens Tvätt AB", "556036-0793", "Eskilstuna", None),
        ("Annat namn AB", "5560360793", None, None),
        ("Mälardalens Tvätt AB", "556036-0793", "Eskilstuna", None),
        ("Städ och Service Aktiebolag", "556074-7569", None, None),
        ("Helt nytt AB", "556016-0680", None, None),
    )
    report = services.exchange.import_file("leverantorer", data, "l.xlsx")
    assert report.imported == 0
    found = [(p.row, p.column, p.message) for p in report.errors]
    assert found == [
        (3, "Organisationsnummer", "organisationsnumret 556036-0793 finns redan på rad 2"),
        (4, "", "Raden är en dubblett av rad 2."),
        (5, "Namn", "leverantören finns redan i registret: Städ & Service AB (556016-0680)"),
        (6, "Organisationsnummer",
         "leverantören finns redan i registret: Städ & Service AB (556016-0680)"),
    ]  # fmt: skip


def test_header_problems_stop_before_rows(services: Services, base_rows: BaseRows) -> None:
    data = _sheet(("Namn", "Orgnummer"), ("A AB", "556036-0793"))
    report = services.exchange.import_file("leverantorer", data, "l.xlsx")
    assert [(p.row, p.column) for p in report.errors] == [
        (1, "Orgnummer"),
        (1, "Organisationsnummer"),
    ]
    assert "Okänd kolumn" in report.errors[0].message
    assert "saknas" in report.errors[1].message


CONTRACT_HEADERS = (
    "Avtalsnummer", "Benämning", "Parter", "Förfarande", "CPV-kod", "Startdatum", "Slutdatum",
    "Uppsägningstid (månader)", "Totalt värde (kr)", "Avtalsägare", "Handläggare",
    "Leverantörer (organisationsnummer)", "Ramavtal", "Avrop från ramavtal (avtalsnummer)",
    "Optioner", "Ändringar",
)  # fmt: skip


def _contract_row(number: str, **changes: Any) -> tuple[Any, ...]:
    """A valid contract row with *changes* by header."""
    values = dict(
        zip(
            CONTRACT_HEADERS,
            (number, "Städtjänster", "Region Sörmland", "Öppet förfarande", "90910000-9",
             date(2026, 1, 1), "2027-12-31", 3, 1_500_000, "Åsa Öberg", "karin.oberg",
             "5560160680", "Nej", None, None, None),
            strict=True,
        )
    )  # fmt: skip
    values.update(changes)
    return tuple(values.values())


def test_contracts_import_with_people_suppliers_frameworks_options_and_amendments(
    services: Services, base_rows: BaseRows
) -> None:
    data = _sheet(
        CONTRACT_HEADERS,
        _contract_row("SRM-2026-0002", **{
            "Förfarande": "avrop", "Avrop från ramavtal (avtalsnummer)": "SRM-2026-0001",
        }),
        _contract_row("SRM-2026-0001", **{
            "Ramavtal": "Ja",
            "Optioner": "12 mån\n12 mån; Avböjd; beslut senast 2028-09-30",
            "Ändringar": "2026-06-01; 1 600 000 kr; Utökad volym\nandra raden\n"
                         "2026-09-01; 1700000,50; Index",
        }),
    )  # fmt: skip
    report = services.exchange.import_file("avtal", data, "avtal.xlsx")
    assert report.ok, [p.text for p in report.errors]
    with services.context.sessions() as s:
        frame = s.scalars(select(Contract).where(Contract.contract_number == "SRM-2026-0001")).one()
        calloff = s.scalars(select(Contract).where(Contract.framework_id == frame.id)).one()
        options = s.scalars(select(ContractOption).order_by(ContractOption.ordinal)).all()
        changes = s.scalars(select(ContractAmendment).order_by(ContractAmendment.amended_on)).all()
    assert (frame.owner_id, frame.handlaggare_id) == (base_rows.owner, base_rows.officer)
    assert frame.owner_org_id == base_rows.region and frame.total_value_ore == 150_000_000
    assert calloff.contract_number == "SRM-2026-0002" and calloff.procedure == "avrop"
    assert [(o.months, o.decision, o.decision_deadline) for o in options] == [
        (12, "ej_beslutad", date(2027, 9, 30)),  # derived: three months' notice before the end
        (12, "avbojd", date(2028, 9, 30)),
    ]
    assert [(c.new_value_ore, c.reason) for c in changes] == [
        (160_000_000, "Utökad volym\nandra raden"),
        (170_000_050, "Index"),
    ]


def test_contract_rows_are_checked_cell_by_cell(services: Services, base_rows: BaseRows) -> None:
    data = _sheet(
        CONTRACT_HEADERS,
        _contract_row("A-1", **{"Avtalsägare": "Okänd Person"}),
        _contract_row("A-2", **{"Leverantörer (organisationsnummer)": "556016-0681"}),
        _contract_row("A-3", **{"Leverantörer (organisationsnummer)": "556036-0793"}),
        _contract_row("A-4", **{"Avrop från ramavtal (avtalsnummer)": "FINNS-INTE"}),
        _contract_row("A-5", **{"Slutdatum": date(2025, 1, 1)}),
        _contract_row("A-6", **{"Totalt värde (kr)": "=1000*1000"}),
        _contract_row("A-1", **{"Parter": "Region Uppsala"}),
        _contract_row("A-8", **{"Optioner": "tolv månader"}),
    )
    report = services.exchange.import_file("avtal", data, "avtal.xlsx")
    assert report.imported == 0
    assert _count(services, Contract) == 0
    by_row = {p.row: (p.column, p.message) for p in report.errors}
    assert by_row[2][0] == "Avtalsägare" and "ingen person" in by_row[2][1]
    assert by_row[3] == (
        "Leverantörer (organisationsnummer)",
        "Organisationsnumret 556016-0681 har fel kontrollsiffra.",
    )
    assert "ingen leverantör med organisationsnummer 556036-0793" in by_row[4][1]
    assert by_row[5] == (
        "Avrop från ramavtal (avtalsnummer)",
        "det finns inget avtal med nummer FINNS-INTE",
    )
    assert by_row[6][0] == "" and "före startdatum" in by_row[6][1]
    assert by_row[7][0] == "Totalt värde (kr)" and "formel" in by_row[7][1]
    assert by_row[8][0] == "Parter" and "finns inte i listan" in by_row[8][1]
    assert by_row[9][0] == "Optioner" and "antal månader" in by_row[9][1]
    assert len(report.errors) == 8


PLAN_HEADERS = (
    "Benämning", "År", "Region", "Nämnder med behovet", "CPV-koder",
    "Beräknat totalvärde inkl. optioner (kr)", "Förfarande", "Skäl för förfarandet",
    "Ansvarig upphandlare", "Planerad start",
)  # fmt: skip


def test_plan_items_get_references_status_and_an_avsteg_when_a_lighter_procedure_is_chosen(
    services: Services, base_rows: BaseRows
) -> None:
    big = 20_000_000
    reason = "Synnerlig brådska efter avbrott hos tidigare leverantör."
    rows = (
        ("Städ", 2026, "Region Sörmland", "Region Sörmland", "90910000-9", big, "Öppet förfarande",
         None, "karin.oberg", date(2026, 9, 1)),
        ("Tvätt", 2026, "SRM", None, "98310000-9, 98311000-6", big, "Direktupphandling", None,
         None, None),
    )  # fmt: skip
    refused = services.exchange.import_file("plan", _sheet(PLAN_HEADERS, *rows), "p.xlsx")
    assert [(p.row, p.column) for p in refused.errors] == [(3, "Skäl för förfarandet")]
    assert "avsteg" in refused.errors[0].message
    fixed = (rows[0], (*rows[1][:7], reason, *rows[1][8:]))
    report = services.exchange.import_file("plan", _sheet(PLAN_HEADERS, *fixed), "p.xlsx")
    assert report.ok and report.imported == 2
    with services.context.sessions() as s:
        items = s.execute(select(PlanItem.reference, PlanItem.status).order_by(PlanItem.title))
        assert items.all() == [("UP-2026-0001", "planerad"), ("UP-2026-0002", "planerad")]
        assert s.scalar(select(Avsteg.reason)) == reason
        assert s.scalar(select(func.count()).select_from(PlanItemCpv)) == 3


def test_plan_references_must_be_new(services: Services, base_rows: BaseRows) -> None:
    headers = ("Referens", *PLAN_HEADERS[:6])
    row = ("UP-2026-0007", "Städ", 2026, "Region Sörmland", None, "90910000-9", 100)
    assert services.exchange.import_file("plan", _sheet(headers, row), "p.xlsx").ok
    again = services.exchange.import_file("plan", _sheet(headers, row, row), "p.xlsx")
    assert [(p.row, p.message) for p in again.errors] == [
        (2, "planposten UP-2026-0007 finns redan"),
        (3, "Raden är en dubblett av rad 2."),
    ]


# --- export ---------------------------------------------------------------------------------------


def test_export_follows_the_list_filter_and_ignores_paging(
    services: Services, base_rows: BaseRows
) -> None:
    for i, orgnr in enumerate(("556036-0793", "556074-7569", "556016-0664")):
        services.suppliers.create({"name": f"Leverantör {i} AB", "orgnr": orgnr, "city": "Ort"})
    everything = services.exchange.export_table("leverantorer", ListQuery(limit=1, offset=2))
    assert len(everything.rows) == 4
    filtered = services.exchange.export_table("leverantorer", ListQuery(text="Städ"))
    assert [r[:3] for r in filtered.rows] == [
        ("Städ & Service AB", "556016-0680", "SE556016068001")
    ]
    table = read(services.exchange.export_file("leverantorer", "xlsx"), "xlsx")
    assert table.headers == services.exchange.headers("leverantorer")


@pytest.mark.parametrize(
    ("kind", "model", "extra"),
    [
        ("leverantorer", SupplierInput, set()),
        ("avtal", ContractInput, {"options", "amendments", "owner_org_id"}),
        ("plan", PlanItemInput, {"reference", "status", "requested_by_id"}),
    ],
)
def test_every_input_field_has_a_column(
    services: Services, kind: str, model: Any, extra: set[str]
) -> None:
    exchange = services.exchange._exchange(ExchangeKind(kind))
    fields = {c.field for c in exchange.columns if c.field}
    assert fields == set(model.model_fields) | extra
    assert len(set(exchange.headers)) == len(exchange.headers)
    template = read(services.exchange.template_file(kind), "xlsx")
    assert template.headers == exchange.headers and not template.rows
