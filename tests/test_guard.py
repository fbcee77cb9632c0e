"""Examples of `bkbk_cli.read.guard`: what an upload gets told before any parser runs.

Every input is built here, in tmp_path: workbooks by openpyxl, ODS and CFB (OLE2)
files by hand, zip bombs by streaming zeros or by editing a zip's directory.
"""

from __future__ import annotations

import io
import math
import os
import random
import struct
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bkbk_cli.config import Limits
from bkbk_cli.read import guard
from bkbk_cli.read.guard import (
    FileProblem,
    GuardError,
    bounded_read,
    human_size,
    inspect_file,
    sniff_format,
)

LIMITS = Limits()


# --- builders ----------------------------------------------------------------------


def roster_xlsx(path: Path, **cells: object) -> Path:
    """A small roster as openpyxl writes it; ``cells`` maps coordinates to values."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Roster"
    ws.append(["NIK", "Nama", "Kategori", "Jan 2025"])
    ws.append(["1571010101900001", "Siti Nurbaya", "Miskin Ekstrem", 16800])
    for coordinate, value in cells.items():
        ws[coordinate] = value
    wb.save(path)
    return path


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the zip ``src`` with some parts' content replaced (or added)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.pop(info.filename, None) or zin.read(info))
        for name, data in replace.items():
            zout.writestr(name, data)
    return dst


def workbook_zip(path: Path, sheets: dict[str, bytes], *, rels_targets: list[str] | None = None):
    """A hand-made xlsx skeleton: workbook, its relationships and the given sheet parts."""
    targets = (
        rels_targets if rels_targets is not None else [name.removeprefix("xl/") for name in sheets]
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Target="{target}" Type="http://schemas.openxmlformats.org'
        '/officeDocument/2006/relationships/worksheet"/>'
        for i, target in enumerate(targets, 1)
    )
    sheet_list = "".join(
        f'<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(targets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships"><sheets>{sheet_list}</sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{rels}</Relationships>',
        )
        for name, data in sheets.items():
            zf.writestr(name, data)
    return path


SHEET = b'<?xml version="1.0"?><worksheet><dimension ref="A1:D2"/><sheetData/></worksheet>'


def minimal_ods(path: Path) -> Path:
    """The least a valid ODS holds: ``mimetype`` first and stored, content, manifest."""
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
            '<office:body><office:spreadsheet><table:table table:name="Roster"/>'
            "</office:spreadsheet></office:body></office:document-content>",
            zipfile.ZIP_DEFLATED,
        )
        zf.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
            zipfile.ZIP_DEFLATED,
        )
    return path


def minimal_cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (OLE2, version 3, 512-byte sectors), enough for the sniffer.

    Sector 0 is the one FAT sector, then the directory (a root entry and one entry
    per stream, siblings chained to the right), then each stream's sectors. Real
    files keep streams under 4 KB in a mini stream; this one keeps every stream in
    regular sectors, which the sniffer (it reads names, and the first sector of a
    ``Workbook`` stream of 4 KB or more) does not mind.
    """
    sector = 512
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = ["Root Entry", *streams]
    dir_sectors = math.ceil(len(names) / 4)
    fat = [fatsect, *range(2, dir_sectors + 1), end]
    starts, body = [], b""
    for data in streams.values():
        count = math.ceil(len(data) / sector)
        first = len(fat)
        starts.append(first if count else end)
        fat += [*range(first + 1, first + count), end][:count]
        body += data.ljust(count * sector, b"\0")
    assert len(fat) <= sector // 4, "one FAT sector is enough for these tests"
    fat += [free] * (sector // 4 - len(fat))

    def entry(index: int, name: str, kind: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        right = index + 1 if 0 < index < len(names) - 1 else free
        child = 1 if index == 0 and len(names) > 1 else free
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBLLL", len(encoded), kind, 1, free, right, child)
            + bytes(16 + 4 + 8 + 8)
            + struct.pack("<LQ", start, size)
        )

    directory = entry(0, "Root Entry", 5, end, 0) + b"".join(
        entry(i, name, 2, start, len(data))
        for i, (name, start, data) in enumerate(
            zip(streams, starts, streams.values(), strict=True), 1
        )
    )
    directory = directory.ljust(dir_sectors * sector, b"\0")
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<LLLLLLLLL", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<109L", 0, *[free] * 108)
    )
    assert len(header) == 512
    return header + struct.pack("<128L", *fat) + directory + body


def biff_workbook(*, encrypted: bool = False) -> bytes:
    """The start of a BIFF8 ``Workbook`` stream: BOF, then FILEPASS if encrypted."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHLL", 0x0600, 5, 0, 0, 0, 0)
    filepass = struct.pack("<HHH", 0x002F, 2, 1) if encrypted else b""
    return (bof + filepass).ljust(4096, b"\0")


def zeros_zip(path: Path, name: str, megabytes: int) -> Path:
    """A zip whose part ``name`` is ``megabytes`` MB of zeros, streamed in 1 MB chunks."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open(name, "w", force_zip64=True) as part:
            for _ in range(megabytes):
                part.write(chunk)
    return path


def declare_size(path: Path, name: str, declared: int) -> None:
    """Make the zip's central directory lie about the uncompressed size of ``name``."""
    data = bytearray(path.read_bytes())
    pos = data.rfind(b"PK\x01\x02")
    while pos >= 0:
        (name_len,) = struct.unpack("<H", data[pos + 28 : pos + 30])
        if data[pos + 46 : pos + 46 + name_len] == name.encode():
            data[pos + 24 : pos + 28] = struct.pack("<L", declared)
            path.write_bytes(bytes(data))
            return
        pos = data.rfind(b"PK\x01\x02", 0, pos)
    raise AssertionError(f"{name} not in the central directory")


def timed_inspect(path: Path, limits: Limits = LIMITS):
    start = time.perf_counter()
    result = inspect_file(path, limits)
    return result, time.perf_counter() - start


# --- workbooks that pass -----------------------------------------------------------


def test_a_clean_roster_passes_and_is_xlsx(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx")
    assert inspect_file(path, LIMITS) == ("xlsx", None)
    assert sniff_format(path) == "xlsx"


def test_xlsm_is_read_as_xlsx(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsm")
    assert inspect_file(path, LIMITS) == ("xlsx", None)


def test_the_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx")
    renamed = path.rename(tmp_path / "roster.xls")
    assert inspect_file(renamed, LIMITS) == ("xlsx", None)


def test_a_hand_made_ods_passes(tmp_path: Path) -> None:
    path = minimal_ods(tmp_path / "roster.ods")
    assert inspect_file(path, LIMITS) == ("ods", None)
    assert sniff_format(path) == "ods"


def test_an_xls_body_behind_an_xlsx_name_is_xls(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(minimal_cfb({"Workbook": biff_workbook()}))
    assert inspect_file(path, LIMITS) == ("xls", None)
    assert sniff_format(path) == "xls"


def test_csv_in_utf8_and_in_cp1252(tmp_path: Path) -> None:
    utf8 = tmp_path / "roster.csv"
    utf8.write_text("NIK;Nama\n1571010101900001;Siti Nurbaya ‘Ani’\n", encoding="utf-8-sig")
    cp1252 = tmp_path / "roster_windows.csv"
    cp1252.write_bytes("NIK;Nama\n1571010101900001;André Café\n".encode("cp1252"))
    assert inspect_file(utf8, LIMITS) == ("csv", None)
    assert inspect_file(cp1252, LIMITS) == ("csv", None)
    assert sniff_format(cp1252.rename(tmp_path / "roster.txt")) == "csv"


# --- files refused before parsing --------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    assert inspect_file(tmp_path / "roster.xlsx", LIMITS) == (
        None,
        FileProblem("FILE_NOT_FOUND", str(tmp_path / "roster.xlsx")),
    )


def test_a_folder_named_like_a_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "roster.xlsx"
    folder.mkdir()
    assert inspect_file(folder, LIMITS) == (None, FileProblem("FILE_UNREADABLE", "is a directory"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx")
    path.chmod(0)
    assert inspect_file(path, LIMITS) == (
        None,
        FileProblem("FILE_UNREADABLE", "permission denied"),
    )


def test_a_file_that_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx")

    def refuse(*args: object, **kwargs: object):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(guard, "open", refuse, raising=False)
    assert inspect_file(path, LIMITS) == (
        None,
        FileProblem("FILE_UNREADABLE", "permission denied"),
    )


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.touch()
    assert inspect_file(path, LIMITS) == (None, FileProblem("FILE_EMPTY"))


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx")
    size = path.stat().st_size
    assert inspect_file(path, Limits(max_file_mb=1 / 1024)) == (
        None,
        FileProblem("FILE_TOO_LARGE", human_size(size), "1 KB"),
    )


def test_random_bytes_named_xlsx_are_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(random.Random(7).randbytes(8192))
    assert inspect_file(path, LIMITS) == (
        None,
        FileProblem("FILE_FORMAT", "not a spreadsheet"),
    )
    assert sniff_format(path) is None


@pytest.mark.parametrize(
    ("content", "described"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"<html><body><table><tr><td>NIK</td></tr></table></body></html>", "HTML page"),
        (b"NIK;Nama\n1571010101900001;Siti\n", "text file named .xlsx"),
    ],
)
def test_what_a_wrong_file_is_said_to_be(tmp_path: Path, content: bytes, described: str) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    assert inspect_file(path, LIMITS) == (None, FileProblem("FILE_FORMAT", described))


def test_utf16_text_is_not_taken_for_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("NIK\tNama\n", encoding="utf-16")
    fmt, problem = inspect_file(path, LIMITS)
    assert (fmt, problem.code) == (None, "FILE_FORMAT")


def test_a_zipped_workbook_is_asked_to_be_extracted(tmp_path: Path) -> None:
    roster = roster_xlsx(tmp_path / "roster.xlsx")
    path = tmp_path / "kiriman.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(roster, "Desa Sungai Duren/roster.xlsx")
    assert inspect_file(path, LIMITS) == (
        None,
        FileProblem("FILE_FORMAT", "zip archive holding roster.xlsx"),
    )


def test_xlsb_is_not_supported(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsb"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert inspect_file(path, LIMITS)[1].code == "FILE_FORMAT"
    assert sniff_format(path) is None


def test_a_truncated_download_is_corrupt(tmp_path: Path) -> None:
    whole = roster_xlsx(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "roster.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert inspect_file(path, LIMITS) == (
        None,
        FileProblem("FILE_CORRUPT", "truncated: the zip directory is missing"),
    )
    assert sniff_format(path) is None


def test_a_password_protected_xlsx_is_encrypted(tmp_path: Path) -> None:
    # Excel saves an encrypted .xlsx as a compound file with these streams.
    path = tmp_path / "roster.xlsx"
    path.write_bytes(
        minimal_cfb({"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(60), "EncryptedPackage": b"x"})
    )
    assert inspect_file(path, LIMITS) == (None, FileProblem("FILE_ENCRYPTED"))
    assert sniff_format(path) is None


def test_a_password_protected_xls_is_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes(minimal_cfb({"Workbook": biff_workbook(encrypted=True)}))
    assert inspect_file(path, LIMITS) == (None, FileProblem("FILE_ENCRYPTED"))


def test_a_really_encrypted_xlsx(tmp_path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")  # not a dependency: optional
    plain = roster_xlsx(tmp_path / "plain.xlsx")
    path = tmp_path / "roster.xlsx"
    with plain.open("rb") as src, path.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("rahasia", out)
    assert inspect_file(path, LIMITS) == (None, FileProblem("FILE_ENCRYPTED"))


def test_a_word_document_named_xls(tmp_path: Path) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes(minimal_cfb({"WordDocument": bytes(600)}))
    assert inspect_file(path, LIMITS) == (None, FileProblem("FILE_FORMAT", "Word document"))


def test_a_truncated_xls_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes(minimal_cfb({"Workbook": biff_workbook()})[:700])
    assert inspect_file(path, LIMITS)[1].code == "FILE_CORRUPT"


# --- zip bombs and absurd sheets ----------------------------------------------------


def test_a_zip_bomb_is_refused_within_a_second(tmp_path: Path) -> None:
    path = zeros_zip(tmp_path / "roster.xlsx", "xl/worksheets/sheet1.xml", 200)
    assert path.stat().st_size < 1024 * 1024  # 200 MB of zeros pack into ~200 KB
    (fmt, problem), seconds = timed_inspect(path)
    assert fmt == "xlsx"
    assert problem is not None and problem.code == "FILE_ZIP_BOMB"
    assert problem.value.startswith("200 MB from ")
    assert problem.expected == "200:1"
    assert seconds < 1.0


def test_a_bomb_spread_over_many_small_parts_is_refused(tmp_path: Path) -> None:
    # No part reaches the 10 MB floor under which a ratio is not judged; the total does.
    path = tmp_path / "roster.xlsx"
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(1, 4):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w") as part:
                for _ in range(8):
                    part.write(chunk)
    problem = inspect_file(path, LIMITS)[1]
    assert problem is not None and problem.code == "FILE_ZIP_BOMB"
    assert problem.value.startswith("24 MB from ")


def test_a_zip_declaring_gigabytes_is_refused_without_reading_them(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/sharedStrings.xml", random.Random(1).randbytes(64 * 1024))
    declare_size(path, "xl/sharedStrings.xml", 4_000_000_000)
    (fmt, problem), seconds = timed_inspect(path)
    assert fmt == "xlsx"
    assert problem is not None and problem.code == "FILE_ZIP_BOMB"
    assert problem.value.startswith("3.7 GB from ")
    assert seconds < 1.0


def test_big_honest_parts_are_too_large_rather_than_a_bomb(tmp_path: Path) -> None:
    path = zeros_zip(tmp_path / "roster.xlsx", "xl/worksheets/sheet1.xml", 20)
    generous_ratio = Limits(max_compression_ratio=10_000, max_part_mb=16, max_uncompressed_mb=64)
    assert inspect_file(path, generous_ratio)[1] == FileProblem(
        "FILE_TOO_LARGE", "20 MB unpacked (xl/worksheets/sheet1.xml)", "16 MB per part"
    )
    small_total = Limits(max_compression_ratio=10_000, max_uncompressed_mb=16)
    assert inspect_file(path, small_total)[1] == FileProblem(
        "FILE_TOO_LARGE", "20 MB unpacked", "16 MB"
    )


def test_a_small_highly_compressible_workbook_is_not_a_bomb(tmp_path: Path) -> None:
    # Megabytes of identical blank styles pack over 200:1 and are harmless.
    styles = b'<?xml version="1.0"?><styleSheet>' + b"<xf/>" * 400_000 + b"</styleSheet>"
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/styles.xml", styles)
    info = zipfile.ZipFile(path).getinfo("xl/styles.xml")
    assert info.file_size / info.compress_size > LIMITS.max_compression_ratio
    assert inspect_file(path, LIMITS) == ("xlsx", None)


def test_a_zip_of_too_many_parts_is_refused_from_its_last_bytes(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(guard.MAX_ZIP_ENTRIES):
            zf.writestr(f"xl/media/image{i}.png", b"")
    assert inspect_file(path, LIMITS) == (
        None,
        FileProblem("FILE_ZIP_BOMB", "10,001 parts", "10,000 parts"),
    )


def test_a_sheet_of_16384_columns(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx", XFD1="x")  # Excel's last column
    (fmt, problem), seconds = timed_inspect(path)
    assert (fmt, problem) == (
        "xlsx",
        FileProblem("SHEET_TOO_LARGE", "16,384 columns", "500 columns"),
    )
    assert seconds < 1.0


def test_a_sheet_of_a_million_rows(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx", A1048576="x")
    assert inspect_file(path, LIMITS)[1] == FileProblem(
        "SHEET_TOO_LARGE", "1,048,576 rows", "500,000 rows"
    )
    assert inspect_file(path, Limits(max_rows=1_048_576))[1] is None


def test_a_workbook_of_1000_sheets(tmp_path: Path) -> None:
    sheets = {f"xl/worksheets/sheet{i}.xml": SHEET for i in range(1, 1001)}
    path = workbook_zip(tmp_path / "roster.xlsx", sheets)
    (fmt, problem), seconds = timed_inspect(path)
    assert (fmt, problem) == (
        "xlsx",
        FileProblem("SHEET_TOO_LARGE", "1,000 sheets", "100 sheets"),
    )
    assert seconds < 1.0


def test_sheets_are_found_through_the_workbook_relationships(tmp_path: Path) -> None:
    sheets = {"xl/worksheets/sheet1.xml": SHEET, "xl/elsewhere/data.xml": SHEET}
    path = workbook_zip(
        tmp_path / "roster.xlsx",
        sheets,
        rels_targets=["worksheets/sheet1.xml", "/xl/elsewhere/data.xml"],
    )
    assert inspect_file(path, Limits(max_sheets=2)) == ("xlsx", None)
    assert inspect_file(path, Limits(max_sheets=1))[1] == FileProblem(
        "SHEET_TOO_LARGE", "2 sheets", "1 sheets"
    )


def test_a_dimension_in_a_sheet_outside_worksheets_is_checked(tmp_path: Path) -> None:
    wide = SHEET.replace(b"A1:D2", b"A1:XFD1")
    path = workbook_zip(
        tmp_path / "roster.xlsx",
        {"xl/elsewhere/data.xml": wide},
        rels_targets=["elsewhere/data.xml"],
    )
    assert inspect_file(path, LIMITS)[1] == FileProblem(
        "SHEET_TOO_LARGE", "16,384 columns", "500 columns"
    )


# --- XML entities -------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>
"""


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_billion_laughs_is_refused(tmp_path: Path, part: str) -> None:
    clean = roster_xlsx(tmp_path / "clean.xlsx")
    path = rewrite_zip(clean, tmp_path / "roster.xlsx", {part: BILLION_LAUGHS})
    assert inspect_file(path, LIMITS) == ("xlsx", FileProblem("FILE_XML_ENTITY", part))


def test_an_entity_in_utf16_is_refused(tmp_path: Path) -> None:
    clean = roster_xlsx(tmp_path / "clean.xlsx")
    utf16 = BILLION_LAUGHS.decode().encode("utf-16")
    path = rewrite_zip(clean, tmp_path / "utf16.xlsx", {"xl/workbook.xml": utf16})
    assert inspect_file(path, LIMITS)[1] == FileProblem("FILE_XML_ENTITY", "xl/workbook.xml")


def test_an_entity_hidden_behind_a_long_comment_is_refused(tmp_path: Path) -> None:
    clean = roster_xlsx(tmp_path / "clean.xlsx")
    padded = BILLION_LAUGHS.replace(b"?>", b"?><!--" + b" " * 10_000 + b"-->", 1)
    path = rewrite_zip(clean, tmp_path / "roster.xlsx", {"xl/styles.xml": padded})
    assert inspect_file(path, LIMITS)[1] == FileProblem(
        "FILE_CORRUPT", "xl/styles.xml: no XML element in its first 4 KB"
    )


def test_a_comment_before_the_root_element_is_fine(tmp_path: Path) -> None:
    clean = roster_xlsx(tmp_path / "clean.xlsx")
    with zipfile.ZipFile(clean) as zf:
        styles = zf.read("xl/styles.xml")
    assert styles.startswith(b"<styleSheet")  # openpyxl writes no XML declaration
    commented = b'<?xml version="1.0"?>\n<!-- made by hand -->\n' + styles
    path = rewrite_zip(clean, tmp_path / "roster.xlsx", {"xl/styles.xml": commented})
    assert inspect_file(path, LIMITS) == ("xlsx", None)


def test_an_entity_in_ods_content_is_refused(tmp_path: Path) -> None:
    ods = minimal_ods(tmp_path / "clean.ods")
    path = rewrite_zip(ods, tmp_path / "roster.ods", {"content.xml": BILLION_LAUGHS})
    assert inspect_file(path, LIMITS) == ("ods", FileProblem("FILE_XML_ENTITY", "content.xml"))


# --- bounded_read -------------------------------------------------------------------


def test_bounded_read_returns_a_part_within_its_bound(tmp_path: Path) -> None:
    path = roster_xlsx(tmp_path / "roster.xlsx")
    with zipfile.ZipFile(path) as zf:
        data = bounded_read(zf, "xl/workbook.xml", 1024 * 1024)
    assert data.startswith(b"<") and b"Roster" in data


def test_bounded_read_refuses_a_part_over_its_bound(tmp_path: Path) -> None:
    path = zeros_zip(tmp_path / "roster.xlsx", "xl/worksheets/sheet1.xml", 3)
    with zipfile.ZipFile(path) as zf, pytest.raises(GuardError) as raised:
        bounded_read(zf, "xl/worksheets/sheet1.xml", 1024 * 1024)
    assert raised.value.problem == FileProblem(
        "FILE_TOO_LARGE", "3 MB (xl/worksheets/sheet1.xml)", "1 MB"
    )


def test_bounded_read_does_not_trust_a_lying_size(tmp_path: Path) -> None:
    # The directory says 1,000 bytes; the stream holds 3 MB.
    path = zeros_zip(tmp_path / "roster.xlsx", "xl/worksheets/sheet1.xml", 3)
    declare_size(path, "xl/worksheets/sheet1.xml", 1000)
    with zipfile.ZipFile(path) as zf, pytest.raises(GuardError) as raised:
        bounded_read(zf, "xl/worksheets/sheet1.xml", 1024 * 1024)
    assert raised.value.problem == FileProblem(
        "FILE_CORRUPT", "damaged part xl/worksheets/sheet1.xml"
    )


def test_bounded_read_counts_what_the_stream_gives_not_what_it_declares() -> None:
    # zipfile stops at the declared size; a reader that did not would be caught here.
    class LyingZip:
        def getinfo(self, name: str) -> zipfile.ZipInfo:
            info = zipfile.ZipInfo(name)
            info.file_size = 10
            return info

        def open(self, info: zipfile.ZipInfo) -> io.BytesIO:
            return io.BytesIO(bytes(5 * 1024 * 1024))

    with pytest.raises(GuardError) as raised:
        bounded_read(LyingZip(), "xl/worksheets/sheet1.xml", 1024 * 1024)  # type: ignore[arg-type]
    assert raised.value.problem == FileProblem(
        "FILE_ZIP_BOMB", "more than 1 MB (xl/worksheets/sheet1.xml)", "1 MB"
    )


def test_human_sizes() -> None:
    assert [human_size(n) for n in (512, 12 * 1024, 100 * 1024**2, int(2.1 * 1024**3))] == [
        "512 bytes",
        "12 KB",
        "100 MB",
        "2.1 GB",
    ]


def test_the_cfb_builder_makes_a_file_olefile_can_read() -> None:
    olefile = pytest.importorskip("olefile")  # not a dependency: a check of the builder
    ole = olefile.OleFileIO(io.BytesIO(minimal_cfb({"Workbook": biff_workbook()})))
    assert ole.listdir() == [["Workbook"]]
