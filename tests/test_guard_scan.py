"""How `bkbk_cli.read.guard` reads zip parts and measures worksheets, told by examples.

The guard reads a zip's parts from the file's bytes (not through ``ZipFile.open``) and
passes a worksheet whose cells are all written the usual way (``<c r="B12" t="n">``)
after one regular expression; anything else is measured cell by cell. These tests pin
both: that every unusual way of writing a cell still leads to the exact measure, that
the parts read give what ``zipfile`` gives, and that odd references cost no time.
"""

from __future__ import annotations

import io
import os
import re
import struct
import time
import zipfile
from pathlib import Path

import pytest

from bkbk_cli.config import Limits
from bkbk_cli.read import guard
from bkbk_cli.read.guard import FileProblem, inspect_file, may_hold_error_cells

LIMITS = Limits()
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row>'
    '<row r="2"><c r="A2" t="n"><v>1571010101900001</v></c>'
    '<c r="B2" s="1" t="inlineStr"><is><t>Siti</t></is></c></row>'
)


def workbook(
    path: Path,
    sheet_data: str,
    *,
    compression: int = zipfile.ZIP_DEFLATED,
    extra_parts: dict[str, bytes] | None = None,
    prefix: str = "",
) -> Path:
    """The least workbook: one worksheet holding ``sheet_data`` in its ``<sheetData>``."""
    ns = f' xmlns:x="{NS}"' if prefix else ""
    sheet = f'<worksheet xmlns="{NS}"{ns}><sheetData>{sheet_data}</sheetData></worksheet>'
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
            '<sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra_parts or {}).items():
            zf.writestr(name, data)
    return path


def verdict(path: Path, limits: Limits = LIMITS) -> FileProblem | None:
    return inspect_file(path, limits)[1]


def without_quick_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Measure every worksheet cell by cell, as if no cell were written the usual way."""
    monkeypatch.setattr(guard, "_plain_cells_res", lambda *limits: None)


# --- the usual way, and every other -------------------------------------------------

FAR = "XFD1048576"  # Excel's last cell: 17 billion cells from A1

#: Ways of writing a cell (``{ref}`` its reference) that are not the usual one.
UNUSUAL = {
    "tab after the name": '<c\tr="{ref}"><v>1</v></c>',
    "newline after the name": '<c\nr="{ref}"><v>1</v></c>',
    "carriage return after the name": '<c\rr="{ref}"><v>1</v></c>',
    "two spaces": '<c  r="{ref}"><v>1</v></c>',
    "reference after another attribute": '<c t="n" r="{ref}"><v>1</v></c>',
    "single quotes": "<c r='{ref}'><v>1</v></c>",
    "spaces around =": '<c r = "{ref}"><v>1</v></c>',
    "namespace prefix": '<x:c r="{ref}"><x:v>1</x:v></x:c>',
    "a second reference (calamine takes the last)": '<c r="C3" r="{ref}"><v>1</v></c>',
    "a second reference after a type": '<c t="n" r="C3" r="{ref}"><v>1</v></c>',
    "a second reference after a quoted >": '<c r="C3" foo="a>b" r="{ref}"><v>1</v></c>',
    "lower case": '<c r="{lower}"><v>1</v></c>',
    "leading zeros": '<c r="{zeros}"><v>1</v></c>',
    "an unknown attribute": '<c r="{ref}" cm="1"><v>1</v></c>',
}


def unusual_cell(form: str, ref: str) -> str:
    letters = ref.rstrip("0123456789")
    number = ref[len(letters) :]
    return UNUSUAL[form].format(ref=ref, lower=ref.lower(), zeros=f"{letters}00{number}")


@pytest.mark.parametrize("form", list(UNUSUAL))
def test_a_far_cell_written_any_unusual_way_is_refused(tmp_path: Path, form: str) -> None:
    cells = HEADER + f'<row r="3">{unusual_cell(form, FAR)}</row>'
    path = workbook(tmp_path / "roster.xlsx", cells, prefix="x" if "prefix" in form else "")
    problem = verdict(path)
    assert problem is not None and problem.code == "SHEET_TOO_LARGE", form


@pytest.mark.parametrize("form", list(UNUSUAL))
def test_a_near_cell_written_any_unusual_way_is_measured_not_refused(
    tmp_path: Path, form: str
) -> None:
    cells = HEADER + f'<row r="3">{unusual_cell(form, "D3")}</row>'
    path = workbook(tmp_path / "roster.xlsx", cells, prefix="x" if "prefix" in form else "")
    assert verdict(path) is None, form
    assert verdict(path, Limits(max_columns=3)) == FileProblem(
        "SHEET_TOO_LARGE", "4 columns", "3 columns"
    ), form


def test_the_usual_way_passes_and_a_far_usual_cell_is_refused(tmp_path: Path) -> None:
    usual = HEADER + '<row r="3"><c r="Z99999" s="2" t="n"><v>1</v></c><c r="C3" t="s" /></row>'
    assert verdict(workbook(tmp_path / "usual.xlsx", usual)) is None
    far = HEADER + f'<row r="3"><c r="{FAR}" t="n"><v>1</v></c></row>'
    assert verdict(workbook(tmp_path / "far.xlsx", far)) == FileProblem(
        "SHEET_TOO_LARGE", "1,048,576 rows", "500,000 rows"
    )


@pytest.mark.parametrize(
    ("cell", "limits", "problem"),
    [
        # beyond the box of the quick check (A to Z, rows to 299,999), within the limits
        ('<c r="AB3" t="n"><v>1</v></c>', LIMITS, None),
        ('<c r="B300000" t="n"><v>1</v></c>', LIMITS, None),
        ('<c r="B299999" t="n"><v>1</v></c>', LIMITS, None),
        # inside the box, beyond lower limits: the limits decide, not the box
        (
            '<c r="B5000" t="n"><v>1</v></c>',
            Limits(max_rows=1000),
            FileProblem("SHEET_TOO_LARGE", "5,000 rows", "1,000 rows"),
        ),
        (
            '<c r="U3" t="n"><v>1</v></c>',
            Limits(max_columns=20),
            FileProblem("SHEET_TOO_LARGE", "21 columns", "20 columns"),
        ),
        (
            '<c r="Z400" t="n"><v>1</v></c>',
            Limits(max_cells=10_000),
            FileProblem("SHEET_TOO_LARGE", "400 rows x 26 columns", "10,000 cells"),
        ),
    ],
)
def test_the_limits_not_the_box_of_the_quick_check_decide(
    tmp_path: Path, cell: str, limits: Limits, problem: FileProblem | None
) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER + f'<row r="3">{cell}</row>')
    assert verdict(path, limits) == problem


@pytest.mark.parametrize(
    "cells",
    [
        # a cell without a reference follows the previous one of its row
        '<row r="3"><c r="XFC3"><v>1</v></c><c><v>2</v></c></row>',
        # a row without a reference follows the previous row; its cells are in it
        '<row r="1048575"><c r="A1048575"/></row><row><c><v>1</v></c></row>',
        '<row r="1048576"><c><v>1</v></c></row>',
    ],
)
def test_cells_without_a_reference_are_placed_as_a_reader_places_them(
    tmp_path: Path, cells: str
) -> None:
    problem = verdict(workbook(tmp_path / "roster.xlsx", HEADER + cells))
    assert problem is not None and problem.code == "SHEET_TOO_LARGE"


def test_the_quick_check_gives_the_verdict_the_cell_by_cell_measure_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheets = {
        "usual": HEADER + '<row r="3"><c r="C3" t="n"><v>1</v></c></row>',
        "usual, far": HEADER + '<row r="600000"><c r="C600000" t="n"><v>1</v></c></row>',
        "usual, wide": HEADER + '<row r="3"><c r="SG3" t="n"><v>1</v></c></row>',
        "text that looks like a reference": HEADER
        + f'<row r="3"><c r="C3" t="inlineStr"><is><t>r="{FAR}"</t></is></c></row>',
        "a usual error cell": HEADER + '<row r="3"><c r="C3" t="e"><v>#N/A</v></c></row>',
    }
    paths = {
        name: workbook(tmp_path / f"{i}.xlsx", xml) for i, (name, xml) in enumerate(sheets.items())
    }
    quick = {name: verdict(path) for name, path in paths.items()}
    without_quick_scan(monkeypatch)
    assert {name: verdict(path) for name, path in paths.items()} == quick


# --- error cells ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "marked"),
    [
        ('<row r="3"><c r="C3" t="n"><v>1</v></c></row>', False),
        ('<row r="3"><c r="C3" t="e"><v>#N/A</v></c></row>', True),
        ('<row r="3"><c r="C3" s="4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>', True),
        ('<row r="3"><c r="C3" t="e" /></row>', True),
        ('<row r="3"><c t="e" r="C3"><v>#REF!</v></c></row>', True),  # measured cell by cell
        ('<row r="30"><c r="AA30" t="e"><v>#N/A</v></c></row>', True),  # beyond the box
    ],
)
def test_a_workbook_with_an_error_cell_is_left_for_the_reader_to_read(
    tmp_path: Path, cells: str, marked: bool
) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER + cells)
    assert verdict(path) is None
    assert may_hold_error_cells(path) is marked


# --- references that would cost time --------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "value"),
    [
        ("A" * 20_000 + "1", "8,353,082,583 columns"),  # counted at 8 letters
        ("A" + "1" * 5_000, "1,111,111,111,111 rows"),  # counted at 13 digits
        ("AAAAAAAA3", "8,353,082,583 columns"),  # past the 7 letters once read
        ("A10000000000000", "1,000,000,000,000 rows"),  # past the 12 digits once read
    ],
)
@pytest.mark.parametrize("attributes", ['r="{}"', 't="n" r="{}"'])
def test_a_huge_reference_is_refused_at_once(
    tmp_path: Path, reference: str, value: str, attributes: str
) -> None:
    cell = f"<c {attributes.format(reference)}><v>1</v></c>"
    path = workbook(tmp_path / "roster.xlsx", HEADER + f'<row r="3">{cell}</row>')
    start = time.perf_counter()
    problem = verdict(path)
    assert time.perf_counter() - start < 1.0
    assert problem is not None and problem.code == "SHEET_TOO_LARGE"
    assert problem.value == value


# --- worksheets read in several steps ----------------------------------------------------


def many_rows(count: int, step: int = 1, extra: str = "") -> str:
    rows = []
    for i in range(1, count + 1):
        n = i * step
        rows.append(
            f'<row r="{n}"><c r="A{n}" t="n"><v>{n}</v></c><c r="B{n}" t="n"><v>1</v></c></row>'
        )
    return "".join(rows) + extra


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worksheets read in steps of 4 KB, so that a small one takes many."""
    monkeypatch.setattr(guard, "SCAN_CHUNK_BYTES", 4096)


@pytest.mark.usefixtures("small_steps")
def test_a_worksheet_of_many_steps_is_checked_to_its_end(tmp_path: Path) -> None:
    assert verdict(workbook(tmp_path / "plain.xlsx", many_rows(2000))) is None
    far = many_rows(2000, extra=f'<row r="3000"><c r="{FAR}"/></row>')
    assert verdict(workbook(tmp_path / "far.xlsx", far)) == FileProblem(
        "SHEET_TOO_LARGE", "1,048,576 rows", "500,000 rows"
    )
    late_error = many_rows(2000, extra='<row r="3000"><c r="A3000" t="e"><v>#N/A</v></c></row>')
    path = workbook(tmp_path / "error.xlsx", late_error)
    assert verdict(path) is None
    assert may_hold_error_cells(path)


@pytest.mark.usefixtures("small_steps")
def test_a_worksheet_whose_rows_outgrow_the_quick_check_is_measured_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rows 500, 1000, ... 450,000: past 299,999 after two thirds of the part
    path = workbook(tmp_path / "roster.xlsx", many_rows(900, step=500))
    plain_cells = guard._plain_cells
    scanned: list[int] = []
    monkeypatch.setattr(
        guard, "_plain_cells", lambda *args: scanned.append(1) or plain_cells(*args)
    )
    assert verdict(path) is None
    assert not scanned  # the first step told it, before the quick check ran
    assert verdict(path, Limits(max_rows=400_000)) == FileProblem(
        "SHEET_TOO_LARGE", "450,000 rows", "400,000 rows"
    )


@pytest.mark.usefixtures("small_steps")
def test_cells_of_earlier_steps_count_when_a_later_step_leaves_the_quick_check(
    tmp_path: Path,
) -> None:
    # a header as wide as the box, short rows, then rows past 299,999 in a later step
    cells = '<row r="1"><c r="Z1" t="n"><v>1</v></c></row>' + many_rows(300)
    cells += "".join(f'<row r="{n}"><c r="A{n}"/></row>' for n in range(300_000, 300_101))
    path = workbook(tmp_path / "roster.xlsx", cells)
    assert verdict(path, Limits(max_cells=5_000_000)) == FileProblem(
        "SHEET_TOO_LARGE", "300,100 rows x 26 columns", "5,000,000 cells"
    )


# --- zip parts as zipfile reads them ---------------------------------------------------


def test_stored_bzip2_and_lzma_parts_are_read(tmp_path: Path) -> None:
    cells = HEADER + '<row r="3"><c r="C3" t="n"><v>1</v></c></row>'
    for method in (zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        path = workbook(tmp_path / f"{method}.xlsx", cells, compression=method)
        assert inspect_file(path, LIMITS) == ("xlsx", None), method
        far = workbook(
            tmp_path / f"far{method}.xlsx",
            HEADER + f'<row r="3"><c r="{FAR}"/></row>',
            compression=method,
        )
        assert verdict(far) == FileProblem("SHEET_TOO_LARGE", "1,048,576 rows", "500,000 rows")
        entity = workbook(
            tmp_path / f"entity{method}.xlsx",
            cells,
            compression=method,
            extra_parts={"xl/styles.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><styleSheet/>'},
        )
        assert verdict(entity) == FileProblem("FILE_XML_ENTITY", "xl/styles.xml")


def set_compression(path: Path, name: str, method: int) -> None:
    """Declare another compression method for ``name``, in both of its headers."""
    data = bytearray(path.read_bytes())
    for signature, offset, name_at in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        pos = data.find(signature)
        while pos >= 0:
            if data[pos + name_at : pos + name_at + len(name)] == name.encode():
                data[pos + offset : pos + offset + 2] = struct.pack("<H", method)
            pos = data.find(signature, pos + 1)
    path.write_bytes(bytes(data))


def flip_stored_byte(path: Path, needle: bytes) -> None:
    data = bytearray(path.read_bytes())
    pos = data.find(needle)
    assert pos >= 0
    data[pos] ^= 0x20
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_a_part_that_does_not_match_its_crc_is_damaged(tmp_path: Path, part: str) -> None:
    cells = HEADER + '<row r="3"><c r="C3" t="n"><v>1</v></c></row>'
    path = workbook(tmp_path / "roster.xlsx", cells, compression=zipfile.ZIP_STORED)
    flip_stored_byte(path, b"Siti" if "sheet" in part else b"<sheets>")
    assert verdict(path) == FileProblem("FILE_CORRUPT", f"damaged part {part}")


def test_an_unsupported_compression_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER)
    set_compression(path, "xl/workbook.xml", 99)  # AES, as WinZip writes it
    assert verdict(path) == FileProblem("FILE_CORRUPT", "xl/workbook.xml: unsupported compression")


def test_a_local_header_naming_another_part_is_damaged(tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER)
    data = path.read_bytes()
    pos = data.find(b"PK\x03\x04" + data[4:26])  # the first local header
    name_at = data.find(b"xl/workbook.xml", pos)
    path.write_bytes(data[:name_at] + b"xl/workbook.xmm" + data[name_at + 15 :])
    assert verdict(path) == FileProblem("FILE_CORRUPT", "damaged part xl/workbook.xml")


def test_a_damaged_deflate_stream_is_damaged(tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER + many_rows(200))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename)
    for pos in range(start + info.compress_size // 2, start + info.compress_size // 2 + 8):
        data[pos] ^= 0xFF
    path.write_bytes(bytes(data))
    assert verdict(path) == FileProblem("FILE_CORRUPT", "damaged part xl/worksheets/sheet1.xml")


def test_bytes_before_the_zip_and_an_archive_comment_are_read_past(tmp_path: Path) -> None:
    cells = HEADER + '<row r="3"><c r="C3" t="n"><v>1</v></c></row>'
    path = workbook(tmp_path / "roster.xlsx", cells)
    prefixed = tmp_path / "prefixed.xlsx"
    prefixed.write_bytes(b"PK\x05\x06" + bytes(18) + path.read_bytes())  # an empty zip first
    assert verdict(prefixed) is None
    with zipfile.ZipFile(path, "a") as zf:
        zf.comment = b"saved by a village office"
    assert verdict(path) is None


def test_a_file_larger_than_its_first_read_is_read_from_disk(tmp_path: Path) -> None:
    # over 64 KB: the parts are read where they lie in the file, not from memory
    noise = os.urandom(100_000)
    cells = HEADER + '<row r="3"><c r="C3" t="n"><v>1</v></c></row>'
    media = {"xl/media/image1.png": noise}
    path = workbook(tmp_path / "roster.xlsx", cells, extra_parts=media)
    assert path.stat().st_size > guard.TEXT_SNIFF_BYTES
    assert verdict(path) is None
    far = HEADER + f'<row r="3"><c r="{FAR}"/></row>'
    assert verdict(workbook(tmp_path / "far.xlsx", far, extra_parts=media)) == FileProblem(
        "SHEET_TOO_LARGE", "1,048,576 rows", "500,000 rows"
    )


def test_the_directory_is_read_as_zipfile_reads_it(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "roster.xlsx",
        HEADER,
        extra_parts={"docProps/app.xml": b"<Properties/>", "xl/media/": b""},
    )
    data = path.read_bytes()
    for blob in (data, b"stub" + data):
        entries = guard._directory(blob)
        assert entries is not None
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            expected = [
                (
                    i.filename,
                    i.flag_bits,
                    i.compress_type,
                    i.CRC,
                    i.compress_size,
                    i.file_size,
                    i.header_offset,
                )
                for i in zf.infolist()
            ]
        got = [
            (
                e.filename,
                e.flag_bits,
                e.compress_type,
                e.CRC,
                e.compress_size,
                e.file_size,
                e.header_offset,
            )
            for e in entries
        ]
        assert got == expected


def test_a_zip_of_a_version_zipfile_does_not_read_is_corrupt(tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER)
    data = bytearray(path.read_bytes())
    cd = data.find(b"PK\x01\x02")
    data[cd + 6] = 64  # version needed to extract: 6.4
    path.write_bytes(bytes(data))
    problem = verdict(path)
    assert problem is not None and problem.code == "FILE_CORRUPT"


def test_a_part_with_an_empty_name_does_not_stop_the_checks(tmp_path: Path) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER, extra_parts={"Xhidden": b"x"})
    path.write_bytes(path.read_bytes().replace(b"Xhidden", b"\0hidden"))  # zipfile reads ""
    assert verdict(path) is None


# --- XML heads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        (b"<styleSheet/>", None),
        (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet/>', None),
        (b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><styleSheet/>', None),
        (b"<!-- saved by WPS --><styleSheet/>", None),
        (b"\xef\xbb\xbf<styleSheet/>", None),
        (b'<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY a "b">]><styleSheet/>', "entity"),
        (b'<styleSheet><!ENTITY a "b"></styleSheet>', "entity"),
        (b"<?xml version='1.0'", "not XML"),
        (b"styleSheet", "not XML"),
    ],
)
def test_the_head_of_every_xml_part_is_checked(
    tmp_path: Path, head: bytes, problem: str | None
) -> None:
    path = workbook(tmp_path / "roster.xlsx", HEADER, extra_parts={"xl/styles.xml": head})
    expected = {
        None: None,
        "entity": FileProblem("FILE_XML_ENTITY", "xl/styles.xml"),
        "not XML": FileProblem("FILE_CORRUPT", "xl/styles.xml is not XML"),
    }[problem]
    assert verdict(path) == expected


def test_the_quick_check_box_holds_exactly_its_rows() -> None:
    for most in [*range(1, 1200), 9_999, 10_000, 99_999, 384_615, 500_000]:
        rows, pattern = guard._box_rows(most)
        number = re.compile(pattern)
        assert most // 10 < rows <= most, most  # never past the limit, never far below it
        probes = {1, 9, 10, rows - 1, rows, rows + 1, most, most + 1, 10 * most, *range(1, 130)}
        for n in sorted(p for p in probes if p > 0):
            assert bool(number.fullmatch(str(n).encode())) == (n <= rows), (most, n)
        assert not number.fullmatch(b"0") and not number.fullmatch(b"01")
    # the default limits (500,000 rows, 10 million cells): a consolidated province fits
    assert guard._plain_cells_res(500_000, 500, 10_000_000).rows == 299_999
