"""Spreadsheets: formatted .xlsx and Swedish .csv out, rows in, hostile files refused."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from inkop_desktop.documents.exchange import safety as spreadsheet_safety
from inkop_desktop.documents.exchange.csv_format import write_tsv
from inkop_desktop.documents.exchange.spreadsheet import (
    HostileSpreadsheetError,
    Limits,
    SpreadsheetError,
    Table,
    format_for,
    neutralise,
    read,
    write,
)
from inkop_desktop.domain.money import Money

TABLE = Table(
    "Avtal",
    ("Avtalsnummer", "Benämning", "Startdatum", "Totalt värde (kr)", "Ramavtal", "Antal"),
    [
        ("SRM-2026-0001", "Städtjänster – Region Sörmland", date(2026, 1, 1), Money(125_000_00),
         True, 3),
        ("GEM-2025-0002", "Rad ett\nrad två", date(2025, 5, 31), Money(1_234_50), False, None),
        ("VMA-2024-0003", "=HYPERLINK(\"http://x\")", None, Money(0), False, 0),
    ],
)  # fmt: skip


def _xlsx(headers: tuple[str, ...], *rows: tuple[object, ...]) -> bytes:
    """A plain workbook written with openpyxl (as another program would)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """A copy of the xlsx zip with every member passed through *change*."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_xml(data: bytes, member: str, xml: bytes) -> bytes:
    """Replace one XML part of an xlsx."""
    return _rewrite(data, lambda name, body: xml if name == member else body)


# --- writing ------------------------------------------------------------------------------------


def test_xlsx_is_formatted_for_a_swedish_reader() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write(TABLE, "xlsx")))
    sheet = book["Avtal"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["B"].width >= len("Städtjänster – Region Sörmland")
    start, amount = sheet["C2"], sheet["D2"]
    assert start.value == datetime(2026, 1, 1) and start.number_format == "yyyy-mm-dd"
    assert amount.value == 125_000 and amount.number_format == '#,##0 "kr"'
    assert sheet["D3"].value == 1234.5 and sheet["D3"].number_format == '#,##0.00 "kr"'
    assert sheet["E2"].value == "Ja" and sheet["E3"].value == "Nej"


def test_text_that_looks_like_a_formula_stays_text() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write(TABLE, "xlsx")))
    cell = book.active["B4"]  # type: ignore[index]
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert cell.value == '=HYPERLINK("http://x")'


def test_csv_is_utf8_with_bom_and_semicolons() -> None:
    text = write(TABLE, "csv").decode("utf-8")
    assert text.startswith("\ufeffAvtalsnummer;Benämning;Startdatum;")
    lines = text.split("\r\n")
    assert lines[1] == "SRM-2026-0001;Städtjänster – Region Sörmland;2026-01-01;125000;Ja;3"
    assert '"Rad ett\nrad två";2025-05-31;1234,50;Nej;' in text
    assert ';"\'=HYPERLINK(""http://x"")";' in text  # neutralised: Excel shows it as text


def test_neutralise_and_tab_separated_clipboard_text() -> None:
    assert [neutralise(t) for t in ("=1+1", "+46", "-", "@x", "ok")] == [
        "'=1+1", "'+46", "'-", "'@x", "ok",
    ]  # fmt: skip
    assert write_tsv(("A", "B"), [("x", Money(100)), ("=2", None)]) == "A\tB\r\nx\t1\r\n'=2\t\r\n"


def test_format_for_suffix() -> None:
    assert format_for("Avtal.XLSX") == "xlsx"
    assert format_for("plan.csv") == "csv"
    with pytest.raises(SpreadsheetError, match="stöds inte"):
        format_for("plan.xls")


# --- reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_of_values(fmt: str) -> None:
    table = read(write(TABLE, fmt), fmt)  # type: ignore[arg-type]
    assert table.headers == TABLE.headers
    assert not table.problems
    assert [r.number for r in table.rows] == [2, 3, 4]
    first, second, third = (r.values for r in table.rows)
    if fmt == "xlsx":
        assert first == ("SRM-2026-0001", "Städtjänster – Region Sörmland",
                         datetime(2026, 1, 1), 125_000, "Ja", 3)  # fmt: skip
        assert second[3] == Decimal("1234.5") or second[3] == 1234.5
    else:
        assert first[2:4] == ("2026-01-01", "125000")
        assert second[3] == "1234,50"
    assert second[1] == "Rad ett\nrad två"
    assert third[1] == '=HYPERLINK("http://x")'  # our own guard is understood on the way back


def test_blank_rows_are_skipped_and_numbers_kept() -> None:
    data = _xlsx(("Namn", "Ort"), ("A", "B"), (None, None), ("C", None))
    table = read(data, "xlsx")
    assert [(r.number, r.values) for r in table.rows] == [(2, ("A", "B")), (4, ("C", None))]


def test_formulas_are_refused_per_cell_never_evaluated() -> None:
    data = _xlsx(("Namn", "Belopp"), ("A", "=1+1"), ("B", 5))
    table = read(data, "xlsx")
    assert table.rows[0].values == ("A", None)
    [problem] = table.problems
    assert (problem.row, problem.column) == (2, "Belopp")
    assert "formel" in problem.message


def test_error_values_and_array_formulas_are_refused_like_formulas() -> None:
    from openpyxl.worksheet.formula import ArrayFormula

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Namn", "Belopp"])
    sheet.append(["A", "#N/A"])  # openpyxl stores a known error text as an error value
    sheet.append(["B", 7])
    sheet["B4"] = ArrayFormula("B4", "=SUM(B2:B3)")
    sheet["A4"] = "C"
    out = io.BytesIO()
    book.save(out)
    table = read(out.getvalue(), "xlsx")
    assert [r.values for r in table.rows] == [("A", None), ("B", 7), ("C", None)]
    assert [(p.row, p.column) for p in table.problems] == [(2, "Belopp"), (4, "Belopp")]
    assert "felvärde" in table.problems[0].message and "formel" in table.problems[1].message


def test_text_beginning_with_a_hash_or_a_quoted_equals_sign_is_kept() -> None:
    data = write(Table("Plan", ("Namn", "Not"), [("#1 prio", "=inte en formel")]), "xlsx")
    table = read(data, "xlsx")
    assert [r.values for r in table.rows] == [("#1 prio", "=inte en formel")]
    assert table.problems == ()


def test_formula_in_csv_is_refused() -> None:
    table = read(b"Namn;Belopp\r\nA;=SUMMA(B1:B9)\r\n", "csv")
    assert table.problems[0].row == 2 and "formel" in table.problems[0].message


def test_value_without_a_header_is_a_problem() -> None:
    table = read(_xlsx(("Namn",), ("A", "extra")), "xlsx")
    assert table.problems[0].column == "kolumn B"


def test_empty_or_garbage_files_get_a_swedish_message() -> None:
    with pytest.raises(SpreadsheetError, match="inte en Excel-fil"):
        read(b"not a zip", "xlsx")
    with pytest.raises(SpreadsheetError, match="tom"):
        read(b"", "csv")
    with pytest.raises(SpreadsheetError, match="för stor"):
        read(write(TABLE, "xlsx"), "xlsx", Limits(max_file_bytes=100))


def test_openpyxl_parses_with_defusedxml() -> None:
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_reading_is_refused_without_defusedxml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(SpreadsheetError, match="defusedxml"):
        read(write(TABLE, "xlsx"), "xlsx")


# --- hostile files ------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE worksheet [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&f;</t></is></c></row></sheetData></worksheet>"""

XXE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""

SHEET = "xl/worksheets/sheet1.xml"


def _with_sheet(xml: bytes) -> bytes:
    """An openpyxl-written workbook whose worksheet XML is replaced."""
    data = _xlsx(("Namn",), ("A",))
    assert SHEET in zipfile.ZipFile(io.BytesIO(data)).namelist()
    return _with_xml(data, SHEET, xml)


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_xml_entities_are_refused_before_parsing(xml: bytes) -> None:
    with pytest.raises(HostileSpreadsheetError, match="DTD"):
        read(_with_sheet(xml), "xlsx")


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_defusedxml_refuses_entities_if_the_prescan_missed_them(
    xml: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet_safety, "check_xml_prolog", lambda part, name: None)
    with pytest.raises(HostileSpreadsheetError, match="XML-attack"):
        read(_with_sheet(xml), "xlsx")


def test_utf16_xml_parts_are_refused() -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><worksheet/>'.encode("utf-16")
    with pytest.raises(HostileSpreadsheetError, match="UTF-8"):
        read(_with_sheet(xml), "xlsx")


def test_zip_bomb_is_refused_by_its_compression_ratio() -> None:
    data = _xlsx(("Namn",), ("A",))
    padding = b"<!-- -->" + b" " * (50 * 1024 * 1024)
    bomb = _rewrite(data, lambda name, body: body + padding if name == SHEET else body)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(HostileSpreadsheetError, match="zip-bomb"):
        read(bomb, "xlsx")


def test_zip_bomb_is_refused_by_its_total_size() -> None:
    data = write(TABLE, "xlsx")
    with pytest.raises(HostileSpreadsheetError, match="zip-bomb"):
        read(data, "xlsx", Limits(max_uncompressed_bytes=2000))


def test_zip_with_absurdly_many_parts_is_refused() -> None:
    data = _rewrite(write(TABLE, "xlsx"), lambda name, body: body)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        for i in range(20):
            archive.writestr(f"junk/{i}.bin", b"x")
    with pytest.raises(HostileSpreadsheetError, match="delar"):
        read(out.getvalue(), "xlsx", Limits(max_members=20))


def test_ten_thousand_columns_are_refused() -> None:
    data = _xlsx(tuple(f"K{i}" for i in range(10_000)), ("x",))
    with pytest.raises(HostileSpreadsheetError, match="fler än 200 kolumner"):
        read(data, "xlsx")


def test_wide_rows_are_refused_even_when_the_sheet_hides_its_size() -> None:
    wide = _xlsx(("Namn",), tuple(range(10_000)))
    data = _rewrite(
        wide,
        lambda name, body: re.sub(rb"<dimension[^>]*/>", b"", body) if "sheet" in name else body,
    )
    with pytest.raises(HostileSpreadsheetError, match="fler än 200 kolumner"):
        read(data, "xlsx")


def test_too_many_columns_in_csv() -> None:
    header = ";".join(f"K{i}" for i in range(10_000))
    with pytest.raises(HostileSpreadsheetError, match="kolumner"):
        read(header.encode(), "csv")


def test_too_many_rows_are_refused() -> None:
    rows = [(f"r{i}",) for i in range(30)]
    with pytest.raises(HostileSpreadsheetError, match="fler än 20 rader"):
        read(_xlsx(("Namn",), *rows), "xlsx", Limits(max_rows=20))
    csv = ("Namn\r\n" + "x\r\n" * 30).encode()
    with pytest.raises(HostileSpreadsheetError, match="rader"):
        read(csv, "csv", Limits(max_rows=20))


def test_a_far_away_cell_does_not_make_us_pad_a_million_rows() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Namn"
    sheet["A1000000"] = "långt ner"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(HostileSpreadsheetError, match="rader"):
        read(out.getvalue(), "xlsx", Limits(max_rows=1000))
