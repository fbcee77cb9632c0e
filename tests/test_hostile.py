"""Broken, huge and hostile uploads (issue 5): a clear answer for each, quickly, nothing lost.

Every input is built here, in tmp_path: hand-made workbooks (zip bombs, entity
declarations, a cell in XFD1048576, a thousand sheets), rosters with hostile cells
from the roster writer, a 300,000-row consolidated roster. Two files cannot be made
without extra tools and are committed in ``tests/data`` (see its
``make_hostile_data.py``): a real password-protected workbook and a real ``.xls``
saved under an ``.xlsx`` name.

Each file-level case goes through ``validate_file`` and through ``bkbk validate``
as a scheduler calls it: exit 1, one file-level finding that says what the village
should do, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from roster_writer import district_prefix, make_nik
from rosters import MONTHS, TODAY, person, write, write_ods
from typer.testing import CliRunner

from bkbk_cli import regions
from bkbk_cli.cli import app
from bkbk_cli.config import Limits
from bkbk_cli.ingest import ingest_paths
from bkbk_cli.messages import CATALOGUE
from bkbk_cli.store import Store
from bkbk_cli.validate import Options, validate_file, validate_paths

DATA = Path(__file__).resolve().parent / "data"
OPTIONS = Options(today=TODAY)
PERIOD = ["--period", "2026-10"]
runner = CliRunner()

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


# --- builders ----------------------------------------------------------------------


def raw_xlsx(path: Path, sheets: dict[str, str], *, dimension: str | None = None) -> Path:
    """The least workbook Excel, openpyxl and calamine open: ``sheets`` maps each sheet's
    name to the XML inside its ``<sheetData>``; ``dimension`` is declared in every sheet."""
    count = len(sheets)
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
            for i in range(1, count + 1)
        )
        zf.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="{PKG}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            f'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>',
        )
        zf.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        names = "".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(sheets, 1)
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
            f"<sheets>{names}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}/relationships">{rels}'
            "</Relationships>",
        )
        for i, body in enumerate(sheets.values(), 1):
            zf.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<?xml version="1.0"?><worksheet xmlns="{NS}">{dim}'
                f"<sheetData>{body}</sheetData></worksheet>",
            )
    return path


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def roster_row(row: int, values: list[object]) -> str:
    """A ``<row>`` of inline strings and numbers from column A."""
    cells = []
    for col, value in enumerate(values):
        ref = f"{openpyxl.utils.get_column_letter(col + 1)}{row}"
        if isinstance(value, str):
            cells.append(text_cell(ref, value))
        elif value is not None:
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{row}">{"".join(cells)}</row>'


ROSTER_HEADER = ["NIK", "Nama", "Kategori", "Tanggal Terdaftar", "Jan 2026", "Feb 2026"]
ROSTER_LINE = ["1506011205800003", "Ahmad Siregar", "Miskin Ekstrem", "01-03-2025", 16800, 16800]


def small_roster_rows() -> str:
    return roster_row(1, ROSTER_HEADER) + roster_row(2, ROSTER_LINE)


def rewrite_parts(src: Path, dst: Path, edit) -> Path:
    """A copy of the zip ``src`` with ``edit(name, data)`` applied to every part."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info)))
    return dst


def zip_bomb(path: Path, megabytes: int = 64) -> Path:
    """A real workbook whose sheet is followed by megabytes of zeros: a few hundred KB."""
    raw_xlsx(path, {"Roster": small_roster_rows()})
    zeros = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf,
        zf.open("xl/media/padding.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(megabytes):
            part.write(zeros)
    return path


def billion_laughs(path: Path) -> Path:
    """A roster whose sheet XML declares entities that expand exponentially."""
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    raw_xlsx(path, {"Roster": small_roster_rows()})

    def declare(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        body = data.replace(b'<?xml version="1.0"?>', b"")
        prolog = f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'.encode()
        return prolog + body.replace(b"Ahmad Siregar", b"&a9;")

    tmp = path.with_suffix(".tmp")
    rewrite_parts(path, tmp, declare)
    return tmp.replace(path)


def corner_cells(path: Path, dimension: str | None) -> Path:
    """A few hundred bytes: a roster, plus one value in XFD1048576 (Excel's last cell)."""
    body = small_roster_rows() + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return raw_xlsx(path, {"Roster": body}, dimension=dimension)


def many_sheets(path: Path, count: int = 1000) -> Path:
    """``count`` sheets; the roster is on the last one, so a reader goes through all."""
    sheets = {f"Lembar {i}": roster_row(1, [f"catatan {i}"]) for i in range(1, count)}
    sheets["Roster"] = small_roster_rows()
    return raw_xlsx(path, sheets)


def wide_sheet(path: Path, columns: int = 16_000) -> Path:
    """A roster whose header row runs on to ``columns`` columns."""
    header = ROSTER_HEADER + [f"Kolom {i}" for i in range(len(ROSTER_HEADER), columns)]
    return raw_xlsx(path, {"Roster": roster_row(1, header) + roster_row(2, ROSTER_LINE)})


# --- file-level refusals -------------------------------------------------------------


def _password(tmp: Path) -> Path:
    return Path(shutil.copy(DATA / "roster_password.xlsx", tmp / "roster.xlsx"))


def _empty(tmp: Path) -> Path:
    path = tmp / "roster.xlsx"
    path.write_bytes(b"")
    return path


def _folder(tmp: Path) -> Path:
    path = tmp / "roster.xlsx"
    path.mkdir()
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "tidak ada.xlsx"


def _truncated(tmp: Path) -> Path:
    good = write(tmp / "good.xlsx", [person()])
    path = tmp / "roster.xlsx"
    path.write_bytes(good.read_bytes()[:3000])
    return path


#: (builder, code, words of the English message that tell the village what to do)
REFUSED = {
    "password": (_password, "FILE_ENCRYPTED", "Save it again without one"),
    "zero bytes": (_empty, "FILE_EMPTY", "Send the complete roster again"),
    "folder named .xlsx": (_folder, "FILE_UNREADABLE", "send the roster again"),
    "missing path": (_missing, "FILE_NOT_FOUND", "send its roster again"),
    "truncated download": (_truncated, "FILE_CORRUPT", "save it again"),
    "zip bomb": (lambda t: zip_bomb(t / "roster.xlsx"), "FILE_ZIP_BOMB", "save the roster again"),
    "entity expansion": (
        lambda t: billion_laughs(t / "roster.xlsx"),
        "FILE_XML_ENTITY",
        "Save it again from Excel",
    ),
    "value in XFD1048576, no dimension": (
        lambda t: corner_cells(t / "roster.xlsx", None),
        "SHEET_TOO_LARGE",
        "Delete the empty rows/columns",
    ),
    "value in XFD1048576, dimension lies": (
        lambda t: corner_cells(t / "roster.xlsx", "A1:F2"),
        "SHEET_TOO_LARGE",
        "Delete the empty rows/columns",
    ),
    "1,000 sheets": (
        lambda t: many_sheets(t / "roster.xlsx"),
        "SHEET_TOO_LARGE",
        "Delete the empty rows/columns",
    ),
    "16,000 columns": (
        lambda t: wide_sheet(t / "roster.xlsx"),
        "SHEET_TOO_LARGE",
        "Delete the empty rows/columns",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_file_that_cannot_be_checked_is_one_clear_finding(tmp_path: Path, case: str) -> None:
    build, code, advice = REFUSED[case]
    path = build(tmp_path)
    start = time.perf_counter()
    result = validate_file(path, OPTIONS)
    seconds = time.perf_counter() - start
    (finding,) = result.finding_records("en")
    assert (finding.code, finding.severity, finding.row, finding.cell) == (
        code,
        "error",
        None,
        None,
    )
    assert advice in finding.message
    assert result.finding_records("id")[0].message  # and in Indonesian
    assert not result.readable
    assert (result.rows_read, result.participants, result.rows_rejected) == (0, 0, 0)
    assert seconds < 1.0, f"{case}: {seconds:.2f} s"


@pytest.mark.parametrize("case", list(REFUSED))
def test_the_cli_answers_every_such_file_with_exit_1_and_no_traceback(
    tmp_path: Path, case: str
) -> None:
    build, code, advice = REFUSED[case]
    path = build(tmp_path)
    out = tmp_path / "kembali.xlsx"
    result = runner.invoke(
        app, ["validate", str(path), *PERIOD, "--format", "json", "--lang", "en"], env={}
    )
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    (entry,) = json.loads(result.stdout)["files"]
    assert [(f["code"], f["severity"]) for f in entry["findings"]] == [(code, "error")]
    assert advice in entry["findings"][0]["message"]
    # the table a person reads, and --annotate (nothing to annotate: no copy, no crash)
    table = runner.invoke(app, ["validate", str(path), *PERIOD, "--annotate", str(out)], env={})
    assert table.exit_code == 1
    assert "Traceback" not in table.output
    assert code in table.output
    assert not out.exists()


def test_openpyxl_parses_through_defusedxml() -> None:
    # the annotated copy is made by openpyxl from the upload; the guard refuses entity
    # declarations first, and openpyxl's own parser refuses them too
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = write(tmp_path / "roster.xlsx", [person()])
    path.chmod(0)
    try:
        (finding,) = validate_file(path, OPTIONS).finding_records("en")
        assert (finding.code, finding.row) == ("FILE_UNREADABLE", None)
        assert "permission denied" in finding.message
        result = runner.invoke(app, ["validate", str(path), *PERIOD], env={})
        assert result.exit_code == 1 and "Traceback" not in result.output
    finally:
        path.chmod(0o644)


def test_a_zip_bomb_is_refused_within_a_second_without_unpacking_it(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "roster.xlsx", megabytes=512)
    assert path.stat().st_size < 1024 * 1024  # 512 MB of zeros in under 1 MB
    start = time.perf_counter()
    (finding,) = validate_file(path, OPTIONS).finding_records("en")
    assert time.perf_counter() - start < 1.0
    assert finding.code == "FILE_ZIP_BOMB"
    assert "512 MB from" in finding.message


def test_a_value_in_the_last_cell_is_refused_before_any_grid_is_built(tmp_path: Path) -> None:
    # calamine builds a dense grid from A1 to the farthest value: 17 billion cells here,
    # whatever <dimension> says; the file is a few hundred bytes
    for dimension in (None, "A1:F2", "A1"):
        path = corner_cells(tmp_path / f"corner {dimension}.xlsx", dimension)
        assert path.stat().st_size < 2000
        (finding,) = validate_file(path, OPTIONS).finding_records("en")
        assert finding.code == "SHEET_TOO_LARGE"
    # rows and columns each within their limits, but not together
    within = raw_xlsx(
        tmp_path / "within.xlsx",
        {"Roster": small_roster_rows() + '<row r="400000"><c r="SF400000"><v>1</v></c></row>'},
    )
    (finding,) = validate_file(within, OPTIONS).finding_records("en")
    assert "400,000 rows x 500 columns" in finding.message
    assert "10,000,000 cells" in finding.message


def test_cells_written_in_unusual_ways_are_placed_as_a_reader_places_them(tmp_path: Path) -> None:
    # no r attributes, single quotes, a namespace prefix, a reference after other
    # attributes: the scan follows them exactly instead of trusting the usual form
    far = "<c><v>1</v></c>" * 600
    variants = {
        "no references": f"<row>{far}</row>",
        "single quotes": "<row r='1'><c r='ZZ1'><v>1</v></c></row>",
        "prefixed": '<x:row r="1"><x:c r="ZZ1"><x:v>1</x:v></x:c></x:row>',
        "reference later": '<row r="1"><c t="n" r="ZZ1"><v>1</v></c></row>',
        "cell below its row": '<row r="1"><c r="A1"><v>1</v></c><c r="B900000"><v>1</v></c></row>',
    }
    for name, body in variants.items():
        path = raw_xlsx(tmp_path / f"{name}.xlsx", {"Roster": small_roster_rows() + body})
        if name == "prefixed":
            data = path.read_bytes()
            path = rewrite_parts(
                path,
                tmp_path / "prefixed2.xlsx",
                lambda n, d: (
                    d.replace(b'<worksheet xmlns="', b'<worksheet xmlns:x="')
                    if n.endswith("sheet1.xml")
                    else d
                ),
            )
            assert data != path.read_bytes()
        (finding,) = validate_file(path, OPTIONS).finding_records("en")
        assert finding.code == "SHEET_TOO_LARGE", name


def ods_with_rows(path: Path, extra_rows: str) -> Path:
    """A one-person .ods roster with ``extra_rows`` (table-row XML) after it."""
    write_ods(path, [ROSTER_HEADER, ROSTER_LINE])
    tmp = path.with_name("with rows.ods")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "content.xml":
                data = data.replace(b"</table:table>", extra_rows.encode() + b"</table:table>")
            zout.writestr(info, data)
    return tmp.replace(path)


def test_repeated_cells_in_an_ods_count_as_the_area_they_cover(tmp_path: Path) -> None:
    # LibreOffice ends a sheet with empty rows and cells repeated to the sheet's end
    honest = ods_with_rows(
        tmp_path / "libreoffice.ods",
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
    )
    result = validate_file(honest, OPTIONS)
    assert result.readable and result.rows_read == 1
    # one value repeated over 9,000 x 10,000 cells from 1 KB: under calamine's own cap of
    # 100 million cells, which it would allocate (3 GB) before the reader could object
    bomb = ods_with_rows(
        tmp_path / "bom.ods",
        '<table:table-row table:number-rows-repeated="9000">'
        '<table:table-cell table:number-columns-repeated="10000" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>',
    )
    assert bomb.stat().st_size < 2000
    start = time.perf_counter()
    (finding,) = validate_file(bomb, OPTIONS).finding_records("en")
    assert time.perf_counter() - start < 1.0
    assert (finding.code, finding.row) == ("SHEET_TOO_LARGE", None)
    assert "10,000 columns" in finding.message


def test_a_csv_with_one_long_line_over_many_short_ones_is_refused(tmp_path: Path) -> None:
    # padding every short line to the long one would make 500 x 500,000 cells
    path = tmp_path / "roster.csv"
    path.write_text("," * 499 + "\n" + "1\n" * 400_000)
    start = time.perf_counter()
    (finding,) = validate_file(path, OPTIONS).finding_records("en")
    assert finding.code == "SHEET_TOO_LARGE"
    assert time.perf_counter() - start < 2.0


def test_a_cell_longer_than_excel_allows_is_refused_with_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("NIK,Nama,Kategori,Jan 2026\n1506011205800003," + "x" * 40_000 + ",ME,1\n")
    (finding,) = validate_file(path, OPTIONS).finding_records("en")
    assert finding.code == "CELL_TOO_LONG"
    assert "B2: 40,000 characters" in finding.message
    # past the CSV parser's own bound (4 x the limit) the line is all it can say
    path.write_text("NIK,Nama,Kategori,Jan 2026\n1506011205800003," + "x" * 200_000 + ",ME,1\n")
    (finding,) = validate_file(path, OPTIONS).finding_records("en")
    assert finding.code == "CELL_TOO_LONG"
    assert "line 2" in finding.message


# --- answered in seconds, and the limits are configuration ----------------------------


@pytest.mark.parametrize(
    ("build", "raised", "refusal"),
    [
        (many_sheets, "max_sheets = 1000", "1,000 sheets (limit 100 sheets)"),
        (wide_sheet, "max_columns = 16384", "16,000 columns (limit 500 columns)"),
    ],
    ids=["1,000 sheets", "16,000 columns"],
)
def test_absurd_workbooks_are_answered_in_seconds_and_the_limits_can_be_raised(
    tmp_path: Path, build, raised: str, refusal: str
) -> None:
    path = build(tmp_path / "roster.xlsx")
    start = time.perf_counter()
    refused = runner.invoke(app, ["validate", str(path), *PERIOD, "--lang", "en"], env={})
    assert time.perf_counter() - start < 5.0
    assert refused.exit_code == 1
    assert refusal in " ".join(refused.output.split())  # the table wraps long messages

    rules = tmp_path / "rules.toml"
    rules.write_text(f"[limits]\n{raised}\n")
    start = time.perf_counter()
    result = runner.invoke(
        app, ["validate", str(path), *PERIOD, "--config", str(rules), "--format", "json"], env={}
    )
    assert time.perf_counter() - start < 10.0
    (entry,) = json.loads(result.stdout)["files"]
    codes = {f["code"] for f in entry["findings"]}
    assert "SHEET_TOO_LARGE" not in codes
    assert (entry["sheet"], entry["rows_read"]) == ("Roster", 1)


def test_the_default_limits() -> None:
    assert Limits().model_dump() == {
        "max_file_mb": 100,
        "max_uncompressed_mb": 1024,
        "max_part_mb": 512,
        "max_compression_ratio": 200,
        "max_sheets": 100,
        "max_rows": 500_000,
        "max_columns": 500,
        "max_cells": 10_000_000,
        "max_cell_chars": 32_767,
    }


# --- a real .xls behind an .xlsx name ---------------------------------------------------


def test_an_xls_saved_under_an_xlsx_name_is_read_as_what_it_is(tmp_path: Path) -> None:
    path = Path(shutil.copy(DATA / "roster_xls_body.xlsx", tmp_path / "roster.xlsx"))
    result = validate_file(path, OPTIONS)
    assert result.readable
    assert (result.village_code, result.rows_read, result.participants) == ("15.06.01.2001", 3, 3)
    assert all(f.severity != "error" for f in result.finding_records())
    out = tmp_path / "kembali.xlsx"
    cli = runner.invoke(app, ["validate", str(path), *PERIOD, "--annotate", str(out)], env={})
    assert cli.exit_code == 0, cli.output
    copy = openpyxl.load_workbook(out)
    assert copy.sheetnames == ["Ringkasan", "Roster", "Temuan"]  # the CLI adds Ringkasan
    assert copy["Roster"]["B8"].value == "1506011205800003"


# --- hostile cells -------------------------------------------------------------------

BEL, ESC = "\x07", "\x1b"
LONG_NAME = "Nur " + "x" * 31_996  # 32,000 characters


def hostile_people() -> list:
    """One roster row per way a cell goes wrong (row 8 is the first participant)."""
    paid = dict.fromkeys(MONTHS, 16800)

    def p(serial: int, **fields: object):
        return person(nik=f"15060112058{serial:05d}", **fields)

    return [
        p(1, nama=f"Ahmad{BEL}Siregar", no_kpj=f"24012{ESC}345678"),  # 8: control characters
        p(2, nama=LONG_NAME),  # 9
        p(3, nama="Si\u200bti", pekerjaan="Petani 🌾", jenis_kelamin="P"),  # 10: zero-width, emoji
        p(4, nama="#N/A", kategori="#VALUE!"),  # 11: Excel error values (real error cells)
        person(nik="#REF!"),  # 12: an error value typed as text
        p(5, payments={**paid, "2026-01": -16800, "2026-02": 1e15, "2026-03": "#VALUE!"}),  # 13
        p(6, tanggal_lahir="00/00/0000", tanggal_terdaftar="9999-12-31"),  # 14
        p(7, tanggal_lahir=60, tanggal_terdaftar=dt.date(9999, 12, 31)),  # 15: 29 Feb 1900
        person(nik="1506 0112 0580 0009"),  # 16: NIK damaged as people damage it
        person(nik="1506-0112-0580-0010"),  # 17
        person(nik="'1506011205800011", no_kpj="24000000011"),  # 18: Excel's text apostrophe
        person(nik="1.50601E+15"),  # 19
        person(nik="150601120580001"),  # 20: 15 digits
        person(nik="1506011205800013.0"),  # 21
        person(nik=1506011205800014),  # 22: a number cell
        person(nik="1506011205800015\u200b", no_kpj="24000000015"),  # 23: zero-width inside
        p(16, nama='=HYPERLINK("http://x","klik")', pekerjaan="@SUM(1)"),  # 24: formula-like
        p(17, nama="+cmd|' /C calc'!A0", pekerjaan="-1+1"),  # 25
    ]


#: What each hostile row must produce, at its cell.
EXPECTED = {
    ("KPJ_FORMAT", "H8"),
    ("CELL_ERROR_VALUE", "C11"),
    ("CELL_ERROR_VALUE", "F11"),
    ("CELL_ERROR_VALUE", "B12"),
    ("IURAN_INVALID", "J13"),  # -16800
    ("IURAN_IMPLAUSIBLE", "K13"),  # 1e15
    ("IURAN_INVALID", "L13"),  # #VALUE!
    ("TGL_LAHIR_INVALID", "E14"),
    ("TGL_DAFTAR_INVALID", "I14"),
    ("TGL_LAHIR_INVALID", "E15"),
    ("TGL_DAFTAR_INVALID", "I15"),
    ("NIK_FORMAT", "B16"),
    ("NIK_FORMAT", "B17"),
    ("NIK_NUMBER", "B19"),
    ("NIK_LENGTH", "B20"),
    ("NIK_NUMBER", "B21"),
    ("NIK_NUMBER", "B22"),
    ("NIK_FORMAT", "B23"),
}


def with_control_characters(path: Path) -> Path:
    """Control characters as Excel writes them in a workbook (``_x0007_``): openpyxl
    refuses to write them, so the roster writer's text is edited afterwards."""

    def excel_escape(name: str, data: bytes) -> bytes:
        for char in (BEL, ESC):
            data = data.replace(b"#CTRL%d#" % ord(char), f"_x{ord(char):04X}_".encode())
        return data

    tmp = path.with_name("escaped.xlsx")
    rewrite_parts(path, tmp, excel_escape)
    return tmp.replace(path)


def placeholders(people: list) -> list:
    """``hostile_people`` with the control characters spelled out, for the xlsx writer."""
    out = []
    for p in people:
        changes = {
            name: value.replace(BEL, "#CTRL7#").replace(ESC, "#CTRL27#")
            for name in ("nama", "no_kpj")
            if isinstance(value := getattr(p, name), str)
        }
        out.append(replace(p, **changes))
    return out


@pytest.fixture(params=["xlsx", "csv"])
def hostile(request, tmp_path: Path) -> Path:
    if request.param == "csv":
        return write(tmp_path / "hostile.csv", hostile_people())
    path = write(tmp_path / "hostile.xlsx", placeholders(hostile_people()))
    return with_control_characters(path)


def test_hostile_cells_are_findings_at_their_cells_and_every_row_is_counted(
    hostile: Path,
) -> None:
    result = validate_file(hostile, OPTIONS)
    found = {(f.code, f.cell) for f in result.finding_records("en")}
    expected = set(EXPECTED)
    if hostile.suffix == ".csv":  # a CSV has no number cells: that NIK is digits as text
        expected.discard(("NIK_NUMBER", "B22"))
    assert expected <= found, sorted(expected - found)
    # rejected: no category (#VALUE!), no NIK (#REF!), and NIKs whose digits are not 16
    # (1.50601E+15, 15 digits); a NIK with spaces, dashes or a zero-width character
    # inside is an error at its cell but its 16 digits still identify the participant
    assert (result.rows_read, result.participants, result.rows_rejected) == (18, 14, 4)
    assert {11, 12, 19, 20}.isdisjoint(result.people["row"])
    assert result.rows_read == result.participants + result.rows_rejected
    # nothing that is only unusual is refused: long text, emoji, zero-width in a name,
    # Excel's text apostrophe, formula-like text
    people = result.people.set_index("row")
    assert people.loc[9, "nama"] == LONG_NAME
    assert people.loc[10, "pekerjaan"] == "Petani 🌾"
    assert people.loc[18, "nik"] == "1506011205800011"
    assert people.loc[24, "nama"] == '=HYPERLINK("http://x","klik")'
    assert people.loc[8, "nama"] == f"Ahmad{BEL}Siregar"
    for f in result.finding_records():
        assert f.code in CATALOGUE


def test_the_finding_keeps_a_control_character_the_annotated_copy_replaces(
    hostile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kembali.xlsx"
    result = runner.invoke(
        app,
        ["validate", str(hostile), *PERIOD, "--format", "json", "--annotate", str(out)],
        env={},
    )
    assert result.exit_code == 1, result.output
    (entry,) = json.loads(result.stdout)["files"]
    h8 = "H8"
    kpj = next(f for f in entry["findings"] if f["code"] == "KPJ_FORMAT" and f["cell"] == h8)
    assert f"24012{ESC}345678" in kpj["message"]

    copy = openpyxl.load_workbook(out)
    roster = copy.worksheets[1]  # after the Ringkasan sheet
    if hostile.suffix == ".csv":  # the copy is built from the cells: the character replaced
        assert roster["C8"].value == "Ahmad\ufffdSiregar"
        assert roster[h8].value == "24012\ufffd345678"
    else:  # a copy of the upload keeps Excel's own escape, which openpyxl leaves as text
        assert roster["C8"].value == "Ahmad_x0007_Siregar"
    assert roster["C9"].value == LONG_NAME
    for ref in ("C24", "G24", "C25", "G25"):
        assert roster[ref].data_type == "s", ref
    messages = [row[8] for row in copy["Temuan"].iter_rows(min_row=2, values_only=True)]
    assert any("24012\ufffd345678" in m for m in messages)
    assert_no_formula(out)


def assert_no_formula(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_csv_output_keeps_formula_like_text_inert(hostile: Path) -> None:
    result = runner.invoke(app, ["validate", str(hostile), *PERIOD, "--format", "csv"], env={})
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert rows
    for row in rows:
        for value in row.values():
            assert not (value or "").startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_control_character_that_openpyxl_cannot_read_still_gets_an_annotated_copy(
    tmp_path: Path,
) -> None:
    # some generators write a raw character reference (&#27;), which XML 1.0 forbids:
    # calamine reads it, openpyxl does not; the copy is then built from the cells
    path = write(tmp_path / "r.xlsx", [person(nama="Ahmad#ESC#Siregar")])
    path = rewrite_parts(path, tmp_path / "roster.xlsx", lambda n, d: d.replace(b"#ESC#", b"&#27;"))
    result = validate_file(path, OPTIONS)
    assert result.people["nama"].tolist() == [f"Ahmad{ESC}Siregar"]
    out = tmp_path / "kembali.xlsx"
    cli = runner.invoke(app, ["validate", str(path), *PERIOD, "--annotate", str(out)], env={})
    assert cli.exit_code == 0, cli.output
    assert openpyxl.load_workbook(out).worksheets[1]["C8"].value == "Ahmad\ufffdSiregar"
    assert_no_formula(out)


# --- 300,000 rows within 1 GiB ------------------------------------------------------

MEASURE = """
import json, sys, time
from bkbk_cli.validate import Options, validate_file, validate_paths
import datetime as dt
start = time.perf_counter()
r = validate_file(sys.argv[1], Options(today=dt.date(2026, 11, 25)))
print(json.dumps({"seconds": time.perf_counter() - start, "rows_read": r.rows_read,
    "participants": r.participants, "rows_rejected": r.rows_rejected,
    "readable": r.readable, "errors": r.errors}))
"""
WRAPPER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(done.stdout.strip())
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def consolidated_csv(path: Path, rows: int) -> Path:
    """A province-wide roster: every Jambi village, its code and name on each row."""
    villages = regions.villages()
    per_village = -(-rows // len(villages))
    months = ",".join(f"{m} 2026" for m in ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun"))
    lines = [
        "No,Kode Desa,Desa/Kelurahan,NIK,Nama,Jenis Kelamin,Tanggal Lahir,Kategori,"
        f"Pekerjaan,No KPJ,Tanggal Terdaftar,{months}"
    ]
    paid = ",".join(["16800"] * 6)
    for i in range(rows):
        index, serial = divmod(i, per_village)
        village = villages[index]
        born = dt.date(1965, 1, 1) + dt.timedelta(days=index * 5)
        nik = make_nik(district_prefix(village.code), born, "L", serial + 1)
        kategori = "Pekerja Rentan" if serial % 3 == 2 else "Miskin Ekstrem"
        lines.append(
            f"{i + 1},{village.code},{village.name},{nik},Peserta {i},L,{born:%d-%m-%Y},"
            f"{kategori},Petani,2{i:010d},01-03-2025,{paid}"
        )
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_consolidated_roster_of_300000_rows_works_within_1_gib(tmp_path: Path) -> None:
    path = consolidated_csv(tmp_path / "provinsi.csv", 300_000)
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report_line, rss_line = done.stdout.strip().splitlines()[-2:]
    report = json.loads(report_line)
    peak_mib = int(rss_line) / 1024  # ru_maxrss is in KiB on Linux
    print(f"300,000 rows: {report['seconds']:.1f} s, peak RSS {peak_mib:.0f} MiB")
    assert report["readable"]
    assert report["rows_read"] == 300_000
    assert report["rows_read"] == report["participants"] + report["rows_rejected"]
    assert report["participants"] == 300_000
    assert peak_mib < 1024, f"peak RSS {peak_mib:.0f} MiB"


def hostile_inbox(tmp_path: Path) -> Path:
    """A folder as it arrives: bombs, a password, damage, nothing, and some real rosters."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    zip_bomb(inbox / "bom.xlsx")
    shutil.copy(DATA / "roster_password.xlsx", inbox / "sandi.xlsx")
    _truncated(tmp_path).replace(inbox / "rusak.xlsx")
    (inbox / "kosong.xlsx").write_bytes(b"")
    billion_laughs(inbox / "entitas.xlsx")
    corner_cells(inbox / "pojok.xlsx", None)
    (inbox / "folder.xlsx").mkdir()  # not a file: not a roster in a folder
    write(inbox / "badang.xlsx", [person(), person(nik="1506011205800004")])
    hostile = write(inbox / "hostile.xlsx", placeholders(hostile_people()))
    with_control_characters(hostile)
    write(inbox / "tayas.csv", hostile_people())
    shutil.copy(DATA / "roster_xls_body.xlsx", inbox / "xls.xlsx")
    return inbox


def test_a_folder_of_hostile_files_is_answered_file_by_file_in_parallel_too(
    tmp_path: Path,
) -> None:
    inbox = hostile_inbox(tmp_path)
    result = runner.invoke(app, ["validate", str(inbox), *PERIOD, "--format", "json"], env={})
    assert result.exit_code == 1 and "Traceback" not in result.output
    files = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    assert len(files) == 10
    assert files["bom.xlsx"]["findings"][0]["code"] == "FILE_ZIP_BOMB"
    assert files["xls.xlsx"]["participants"] == 3
    for name, entry in files.items():
        assert entry["rows_read"] == entry["participants"] + entry["rows_rejected"], name
    serial = validate_paths([inbox], OPTIONS, workers=1)
    parallel = validate_paths([inbox], OPTIONS, workers=2)
    assert [sorted(r.findings["code"]) for r in parallel] == [
        sorted(r.findings["code"]) for r in serial
    ]


# --- ingest: nothing lost, whatever the input --------------------------------------------


def test_ingesting_a_folder_of_hostile_files_stores_the_good_and_records_the_bad(
    tmp_path: Path,
) -> None:
    inbox = hostile_inbox(tmp_path)

    with Store.memory() as store:
        outcomes = ingest_paths([inbox], store, OPTIONS)
        by_file = {Path(o.file).name: o for o in outcomes}
        failed = sorted(name for name, o in by_file.items() if o.status == "failed")
        assert failed == [
            "bom.xlsx",
            "entitas.xlsx",
            "kosong.xlsx",
            "pojok.xlsx",
            "rusak.xlsx",
            "sandi.xlsx",
        ]
        assert {n: by_file[n].failure_code for n in ("bom.xlsx", "sandi.xlsx", "pojok.xlsx")} == {
            "bom.xlsx": "FILE_ZIP_BOMB",
            "sandi.xlsx": "FILE_ENCRYPTED",
            "pojok.xlsx": "SHEET_TOO_LARGE",
        }
        assert by_file["badang.xlsx"].status in ("stored", "replaced")
        assert by_file["xls.xlsx"].participants == 3
        assert by_file["hostile.xlsx"].rows_read == 18
        for o in outcomes:
            assert o.rows_read == o.participants + o.rows_rejected, o.file
        stored = sum(o.participants for o in outcomes if o.status != "failed")
        assert store.counts()["participants"] == stored
        recorded = store.query("SELECT COUNT(*) FROM submissions WHERE status = 'failed'")
        assert recorded == [(6,)]


def test_an_ingest_that_fails_part_way_through_a_hostile_roster_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merged = tmp_path / "gabungan.csv"
    two = regions.villages("15.06")[:2]
    with merged.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Kode Desa", "Desa/Kelurahan", "NIK", "Nama", "Kategori", "Jan 2026"])
        for n, village in enumerate(two):
            nik = make_nik(district_prefix(village.code), dt.date(1980, 1, 1), "L", n + 1)
            out.writerow([village.code, village.name, nik, f"A{BEL}{n}", "Miskin Ekstrem", 16800])
            out.writerow([village.code, village.name, "#REF!", "=1+1", "Miskin Ekstrem", -5])
    with Store.memory() as store:
        ingest_paths([write(tmp_path / "badang.xlsx", [person()])], store, OPTIONS)
        before = store.counts()
        real_insert = Store.insert
        calls = []

        def insert_then_fail(self, batch):
            calls.append(batch)
            submission = real_insert(self, batch)
            if len(calls) == 2:
                raise OSError("disk full")
            return submission

        monkeypatch.setattr(Store, "insert", insert_then_fail)
        with pytest.raises(OSError):
            ingest_paths([merged], store, replace(OPTIONS, period="2026-01"))
        assert len(calls) == 2
        assert store.counts() == before

        monkeypatch.setattr(Store, "insert", real_insert)
        outcomes = ingest_paths([merged], store, replace(OPTIONS, period="2026-01"))
        assert [(o.rows_read, o.participants, o.rows_rejected) for o in outcomes] == [(2, 1, 1)] * 2
        assert store.counts()["participants"] == before["participants"] + 2


def test_limits_come_from_the_config_file(tmp_path: Path) -> None:
    from bkbk_cli.config import load_config

    rules = tmp_path / "rules.toml"
    rules.write_text("[limits]\nmax_cells = 1000\nmax_file_mb = 1\n")
    config = load_config(rules)
    assert (config.limits.max_cells, config.limits.max_file_mb) == (1000, 1)
    path = write(tmp_path / "r.xlsx", [person()] * 60)
    (finding,) = validate_file(path, Options(config=config, today=TODAY)).finding_records("en")
    assert finding.code == "SHEET_TOO_LARGE"
    rules.write_text("[limits]\nmax_cells = 0\n")
    result = runner.invoke(app, ["validate", str(path), "--config", str(rules)], env={})
    assert result.exit_code == 2
    assert "max_cells" in result.output
