"""The bounded, cheap look an upload gets before any parser touches it.

Rosters come from 1,585 village offices by chat apps, e-mail and flash disks:
most are fine, some are broken (truncated downloads, a PDF or a photo named
``.xlsx``, a workbook saved with a password), a few are huge and a few may be
hostile (zip bombs, XML entity expansion, a sheet declaring 16,384 columns).
:func:`inspect_file` answers every one of them in well under a second, reading
only what it needs: the file's first bytes, a zip's central directory, and the
first few kilobytes of each XML part. It never allocates what a file *declares*.

What is checked where (the first problem found is returned)::

    every file      exists, is a regular file, can be opened, is not empty,
                    is at most ``max_file_mb``; its format is known by content
    CFB (OLE2)      an ``EncryptionInfo``/``EncryptedPackage`` stream (a
                    password-protected .xlsx) or a BIFF ``FILEPASS`` record (a
                    password-protected .xls) -> FILE_ENCRYPTED
    zip (xlsx/ods)  the end-of-central-directory record first: at most
                    ``MAX_ZIP_ENTRIES`` parts and ``MAX_ZIP_DIRECTORY_BYTES`` of
                    directory, so even the directory is never a cost; then from
                    the declared sizes: compression ratio above
                    ``max_compression_ratio`` (total and per part, above a 10 MB
                    floor) -> FILE_ZIP_BOMB; one part above ``max_part_mb`` or all
                    parts above ``max_uncompressed_mb`` -> FILE_TOO_LARGE;
                    encrypted zip entries -> FILE_ENCRYPTED; worksheet parts above
                    ``max_sheets`` -> SHEET_TOO_LARGE; the first 4 KB of every XML
                    part: a DTD or entity declaration -> FILE_XML_ENTITY; each
                    worksheet's ``<dimension ref>``: beyond ``max_rows`` rows,
                    ``max_columns`` columns or ``max_cells`` cells (rows x
                    columns) -> SHEET_TOO_LARGE; then the same for the cells each
                    worksheet really holds (see :func:`_check_extent`), because
                    ``<dimension>`` may be missing or lie

Sizes in a zip can lie. Python's ``zipfile`` never returns more than an entry's
declared size, so every read through :func:`bounded_read` is bounded twice (by
the declared size, which has been checked, and by ``max_bytes``).
:func:`inspect_file` reads the parts itself, from the file's bytes (held in memory
for a file of at most ``TEXT_SNIFF_BYTES``), but exactly as ``zipfile`` reads them:
cut at the declared size, their CRC checked once read to the end (see
:class:`_PartReader`). calamine, however, decompresses the real deflate streams: a
crafted archive that declares small sizes for a huge stream passes the
declared-size and ratio checks, which are the first line of defence only. Parse
untrusted workbooks in a process with a memory limit and a timeout as the second.

The real extent of a worksheet is found by reading its part through once, looking
only at its cells: a reader holds a sheet as a dense grid from A1 to its farthest
cell, so a file of a few hundred bytes with a value in A1 and one in XFD1048576
would otherwise cost 17 billion cells. A part whose cells are all written the usual
way inside a box the limits allow passes after one regular expression (a 75-row
roster: 0.25 ms, its decompression included); any other is measured (3 s for a
300,000-row sheet of 290 MB of XML), a cell holding more than one ``r`` at the
farthest of them (calamine takes the last). An .ods ``content.xml`` is read
through the same way, counting the rows and cells its ``number-rows-repeated`` /
``number-columns-repeated`` make of a value. ``max_cell_chars`` can only be known
while parsing; the reader checks it, and checks the extent of .xls sheets (at most
65,536 x 256 by their format) before turning them into Python rows.
"""

from __future__ import annotations

import codecs
import functools
import io
import itertools
import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, NamedTuple

from bkbk_cli.config import Limits

Format = Literal["xlsx", "xls", "ods", "csv"]

MIB = 1024 * 1024

#: At most this many parts in a zip: a roster workbook has a few dozen, a
#: regency workbook with a hundred sheets and pictures a few hundred.
MAX_ZIP_ENTRIES = 10_000
#: At most this large a zip central directory (names included).
MAX_ZIP_DIRECTORY_BYTES = 4 * MIB
#: Below this many unpacked bytes no compression ratio is suspicious: a small
#: workbook of empty styled cells compresses very well and is harmless.
RATIO_FLOOR_BYTES = 10 * MIB
#: How much of an XML part is read to look at its prolog and ``<dimension>``; a
#: prolog (declaration, comments) that runs longer is refused.
XML_HEAD_BYTES = 4096
#: How much of a text file is decoded to decide it is a CSV.
TEXT_SNIFF_BYTES = 64 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TEXT_SUFFIXES = (".csv", ".txt")


class FileProblem(NamedTuple):
    """Why a file is refused: a ``messages`` code and its template's fillings."""

    code: str
    value: str | None = None
    expected: str | None = None


class GuardError(Exception):
    """A bounded read refused to go on; ``problem`` says why, as a finding."""

    def __init__(self, problem: FileProblem) -> None:
        detail = ", ".join(str(part) for part in (problem.value, problem.expected) if part)
        super().__init__(f"{problem.code}: {detail}" if detail else problem.code)
        self.problem = problem


# --- public API ----------------------------------------------------------------


def sniff_format(path: Path | str) -> Format | None:
    """The workbook format of a file by its content, whatever its name says.

    ``"xlsx"`` (also .xlsm) is a zip holding ``xl/workbook.xml``; ``"ods"`` a zip
    whose ``mimetype`` is an OpenDocument spreadsheet; ``"xls"`` an OLE2/CFB file
    holding a ``Workbook`` (or ``Book``) stream; ``"csv"`` text named .csv or .txt.
    ``None`` for anything else, including what cannot be read as it stands: an
    encrypted workbook, an .xlsb, a damaged file (:func:`inspect_file` says which).
    """
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            fmt, problem, archive = _sniff(f, Path(path), size)
            if archive is not None:
                archive.close()
    except OSError:
        return None
    return None if problem is not None else fmt


def inspect_file(path: Path, limits: Limits) -> tuple[Format | None, FileProblem | None]:
    """The file's format and the first reason to refuse it, before any parsing.

    Returns ``(format, None)`` for a file a reader may open, else
    ``(format or None, problem)``; a problem means the file must not be parsed.
    """
    if not isinstance(path, Path):
        path = Path(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None, FileProblem("FILE_NOT_FOUND", str(path))
    except PermissionError:
        return None, FileProblem("FILE_UNREADABLE", "permission denied")
    except OSError as exc:
        return None, FileProblem("FILE_UNREADABLE", exc.strerror or type(exc).__name__)
    if stat.S_ISDIR(st.st_mode):
        return None, FileProblem("FILE_UNREADABLE", "is a directory")
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or a device: opening it could block or never end.
        return None, FileProblem("FILE_UNREADABLE", "not a regular file")
    try:
        f = open(path, "rb", buffering=0)  # noqa: SIM115 - closed below, after the zip checks
    except PermissionError:
        return None, FileProblem("FILE_UNREADABLE", "permission denied")
    except OSError as exc:
        return None, FileProblem("FILE_UNREADABLE", exc.strerror or type(exc).__name__)
    with f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            return None, FileProblem("FILE_EMPTY")
        max_file = _mb(limits.max_file_mb)
        if size > max_file:
            return None, FileProblem("FILE_TOO_LARGE", human_size(size), human_size(max_file))
        try:
            fmt, problem, archive = _sniff(f, path, size)
        except OSError as exc:
            return None, FileProblem("FILE_UNREADABLE", exc.strerror or type(exc).__name__)
        if problem is not None or archive is None:
            return fmt, problem
        with archive:
            marked: set[str] = set()
            problem = _check_zip(archive, fmt, size, limits, marked)
    if problem is None and fmt == "xlsx" and not marked:
        _remember_without_error_cells(st)
    return fmt, problem


#: Files inspected lately whose worksheets hold no error cell, by identity and version.
_WITHOUT_ERROR_CELLS: dict[tuple[int, int, int, int], None] = {}


def _file_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _remember_without_error_cells(st: os.stat_result) -> None:
    if len(_WITHOUT_ERROR_CELLS) >= 1024:
        _WITHOUT_ERROR_CELLS.pop(next(iter(_WITHOUT_ERROR_CELLS)))
    _WITHOUT_ERROR_CELLS[_file_key(st)] = None


def may_hold_error_cells(path: Path | str) -> bool:
    """False when :func:`inspect_file` has read this very file (same inode, size and
    time) and none of its worksheets holds an error cell (``t="e"``): the reader then
    need not read its sheets a second time to find them."""
    try:
        return _file_key(os.stat(path)) not in _WITHOUT_ERROR_CELLS
    except OSError:
        return True


def bounded_read(zf: zipfile.ZipFile, name: str, max_bytes: int) -> bytes:
    """The whole of one zip part, refusing (``GuardError``) past ``max_bytes``.

    For any full read after :func:`inspect_file`. The declared size is checked
    first (FILE_TOO_LARGE), then the real stream as it is decompressed in 64 KB
    steps (FILE_ZIP_BOMB if it outgrows ``max_bytes`` whatever it declared), so
    never more than ``max_bytes + 1`` bytes are held. A damaged or unreadable
    part raises ``GuardError`` with FILE_CORRUPT (FILE_ENCRYPTED for an encrypted
    entry); a missing one ``KeyError``.
    """
    info = zf.getinfo(name)
    if info.file_size > max_bytes:
        raise GuardError(
            FileProblem(
                "FILE_TOO_LARGE", f"{human_size(info.file_size)} ({name})", human_size(max_bytes)
            )
        )
    chunks: list[bytes] = []
    total = 0
    try:
        with zf.open(info) as stream:
            while True:
                chunk = stream.read(min(64 * 1024, max_bytes + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise GuardError(
                        FileProblem(
                            "FILE_ZIP_BOMB",
                            f"more than {human_size(max_bytes)} ({name})",
                            human_size(max_bytes),
                        )
                    )
                chunks.append(chunk)
    except GuardError:
        raise
    except Exception as exc:
        raise GuardError(_part_problem(name, exc)) from exc
    return b"".join(chunks)


def human_size(n: int) -> str:
    """``2.1 GB``, ``100 MB``, ``12 KB``, ``512 bytes`` (binary units, as Windows shows)."""
    for unit, scale in (("GB", 1024**3), ("MB", MIB), ("KB", 1024)):
        if n >= scale:
            amount = n / scale
            text = f"{amount:,.1f}".removesuffix(".0")
            return f"{text} {unit}"
    return f"{n:,} bytes"


# --- sniffing --------------------------------------------------------------------


def _sniff(
    f: IO[bytes], path: Path, size: int
) -> tuple[Format | None, FileProblem | None, _Zip | None]:
    """Format, problem and (for a zip that may be inspected further) the open zip."""
    f.seek(0)
    head = f.read(TEXT_SNIFF_BYTES)
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(_Source(f, head, size), size)
    if head.startswith(_CFB_MAGIC):
        fmt, problem = _sniff_cfb(f, size)
        return fmt, problem, None
    if path.suffix.lower() in _TEXT_SUFFIXES and _is_text(head):
        return "csv", None, None
    return None, FileProblem("FILE_FORMAT", _describe(head, path)), None


def _describe(head: bytes, path: Path) -> str:
    """What a file that is no workbook seems to be, for the FILE_FORMAT message."""
    signatures = (
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"Rar!", "RAR archive"),
        (b"7z\xbc\xaf", "7-Zip archive"),
        (b"\x1f\x8b", "gzip archive"),
        (b"{\\rtf", "RTF document"),
    )
    for magic, name in signatures:
        if head.startswith(magic):
            return name
    if _is_text(head):
        text = head[:2048].decode("cp1252", "replace").lstrip("\ufeff \t\r\n").lower()
        if "urn:schemas-microsoft-com:office:spreadsheet" in head[:4096].decode("latin-1"):
            return "Excel 2003 XML"
        if text.startswith(("<!doctype html", "<html")) or "<table" in text:
            return "HTML page"
        return f"text file named {path.suffix or 'without extension'}"
    return "not a spreadsheet"


def _is_text(head: bytes) -> bool:
    """No NUL byte and decodable as UTF-8 (with or without BOM) or cp1252."""
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            # Not final: the 64 KB cut may split a multi-byte character.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _sniff_zip(source: _Source, size: int) -> tuple[Format | None, FileProblem | None, _Zip | None]:
    problem = _check_zip_directory(source, size)
    if problem is not None:
        return None, problem, None
    try:
        archive = _Zip(source)
    except (
        zipfile.BadZipFile,
        ValueError,
        EOFError,
        OSError,
        struct.error,
        NotImplementedError,  # a zip version zipfile does not read
    ) as exc:
        return None, FileProblem("FILE_CORRUPT", f"damaged zip: {exc}"), None
    names = archive.lower_names
    if "xl/workbook.xml" in names:
        return "xlsx", None, archive
    problem = None
    fmt: Format | None = None
    if "xl/workbook.bin" in names:
        problem = FileProblem("FILE_FORMAT", "xlsb (Excel binary workbook)")
    elif "mimetype" in names:
        try:
            mimetype = archive.read(archive.getinfo(names["mimetype"]), 256).strip()
        except GuardError as exc:
            mimetype, problem = b"", exc.problem
        if mimetype == _ODS_MIMETYPE:
            fmt = "ods"
        elif problem is None:
            kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1] or "unknown"
            problem = FileProblem("FILE_FORMAT", f"OpenDocument {kind}")
    elif "word/document.xml" in names:
        problem = FileProblem("FILE_FORMAT", "Word document")
    elif "ppt/presentation.xml" in names:
        problem = FileProblem("FILE_FORMAT", "PowerPoint presentation")
    else:
        inner = [
            n for n in names.values() if n.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods"))
        ]
        what = f"zip archive holding {posixpath.basename(inner[0])}" if inner else "zip archive"
        problem = FileProblem("FILE_FORMAT", what)
    if problem is not None:
        archive.close()
        return fmt, problem, None
    return fmt, None, archive


def _check_zip_directory(source: _Source, size: int) -> FileProblem | None:
    """Refuse a zip whose central directory is missing or would itself be a cost.

    Reads only the end-of-central-directory record (and its zip64 extension):
    how many entries and how many bytes of directory ``zipfile`` would load.
    """
    tail_len = min(size, 22 + 0xFFFF)
    tail = source.read(size - tail_len, tail_len)
    pos = len(tail) - 22 if tail[-22:-18] == b"PK\x05\x06" else tail.rfind(b"PK\x05\x06")
    if pos < 0 or len(tail) - pos < 22:
        return FileProblem("FILE_CORRUPT", "truncated: the zip directory is missing")
    _, _, _, _, entries, cd_size, cd_offset, _ = struct.unpack("<4s4H2LH", tail[pos : pos + 22])
    if entries == 0xFFFF or 0xFFFFFFFF in (cd_size, cd_offset):
        locator = tail[pos - 20 : pos] if pos >= 20 else b""
        if not locator.startswith(b"PK\x06\x07"):
            return FileProblem("FILE_CORRUPT", "damaged zip64 directory")
        (eocd64_offset,) = struct.unpack("<Q", locator[8:16])
        if eocd64_offset + 56 > size:
            return FileProblem("FILE_CORRUPT", "damaged zip64 directory")
        record = source.read(eocd64_offset, 56)
        if not record.startswith(b"PK\x06\x06"):
            return FileProblem("FILE_CORRUPT", "damaged zip64 directory")
        entries, cd_size, cd_offset = struct.unpack("<3Q", record[32:56])
    if entries > MAX_ZIP_ENTRIES:
        return FileProblem("FILE_ZIP_BOMB", f"{entries:,} parts", f"{MAX_ZIP_ENTRIES:,} parts")
    if cd_size > MAX_ZIP_DIRECTORY_BYTES:
        return FileProblem(
            "FILE_ZIP_BOMB",
            f"{human_size(cd_size)} of zip directory",
            human_size(MAX_ZIP_DIRECTORY_BYTES),
        )
    if cd_size > size:
        return FileProblem("FILE_CORRUPT", "truncated: the zip directory is incomplete")
    return None


# --- CFB (OLE2): .xls and encrypted OOXML ------------------------------------------

_CFB_FREE = 0xFFFFFFFF
_CFB_END = 0xFFFFFFFE
_CFB_MAX_DIRECTORY_SECTORS = 256
_CFB_MAX_DIFAT_SECTORS = 64


class _CfbError(Exception):
    pass


def _sniff_cfb(f: IO[bytes], size: int) -> tuple[Format | None, FileProblem | None]:
    """Tell an .xls from a password-protected workbook from another OLE2 file.

    The CFB directory is parsed minimally but properly (not by searching the
    file for names, which a cell text could match): the header gives the sector
    size, the first directory sector and the first 109 FAT sectors; the
    directory chain is followed through the FAT, one FAT sector read per step,
    with a cap on its length and a guard against loops. Each 128-byte directory
    entry gives a name, a type and the stream's first sector and size.

    An encrypted .xlsx (Excel's "Encrypt with Password") is a CFB holding the
    ``EncryptionInfo`` and ``EncryptedPackage`` streams; an encrypted .xls is a
    ``Workbook`` stream whose BOF record is followed by a FILEPASS record.
    """
    try:
        sector_size, entries = _cfb_directory(f, size)
    except (_CfbError, struct.error) as exc:
        return None, FileProblem("FILE_CORRUPT", f"damaged OLE2 file: {exc}")
    names = {name.casefold(): (start, length) for name, start, length in entries}
    if "encryptioninfo" in names or "encryptedpackage" in names:
        return None, FileProblem("FILE_ENCRYPTED")
    stream = names.get("workbook") or names.get("book")
    if stream is None:
        what = "Word document" if "worddocument" in names else "OLE2 file, not a workbook"
        return None, FileProblem("FILE_FORMAT", what)
    if _biff_has_filepass(f, size, sector_size, *stream):
        return None, FileProblem("FILE_ENCRYPTED")
    return "xls", None


def _cfb_directory(f: IO[bytes], size: int) -> tuple[int, list[tuple[str, int, int]]]:
    """The sector size and ``(name, start sector, size)`` of every directory entry."""
    if size < 512:
        raise _CfbError("shorter than its header")
    f.seek(0)
    header = f.read(512)
    if header[28:30] != b"\xfe\xff":
        raise _CfbError("bad byte order mark")
    sector_shift = struct.unpack("<H", header[30:32])[0]
    if sector_shift not in (9, 12):
        raise _CfbError(f"sector size 2^{sector_shift}")
    sector_size = 1 << sector_shift
    (first_dir,) = struct.unpack("<L", header[48:52])
    first_difat, n_difat = struct.unpack("<2L", header[68:76])
    difat = list(struct.unpack("<109L", header[76:512]))

    def read_sector(n: int) -> bytes:
        offset = (n + 1) * sector_size
        if n >= 0xFFFFFFFA or offset + sector_size > size:
            raise _CfbError(f"sector {n} beyond the end of the file")
        f.seek(offset)
        return f.read(sector_size)

    per_sector = sector_size // 4
    # The DIFAT beyond the header: only for files over ~7 MB (512-byte sectors).
    sector, seen = first_difat, 0
    while sector not in (_CFB_FREE, _CFB_END) and n_difat and seen < _CFB_MAX_DIFAT_SECTORS:
        block = struct.unpack(f"<{per_sector}L", read_sector(sector))
        difat.extend(block[:-1])
        sector, seen = block[-1], seen + 1

    def next_sector(n: int) -> int:
        index, slot = divmod(n, per_sector)
        if index >= len(difat) or difat[index] >= 0xFFFFFFFA:
            raise _CfbError(f"no FAT entry for sector {n}")
        fat = read_sector(difat[index])
        return struct.unpack("<L", fat[slot * 4 : slot * 4 + 4])[0]

    entries: list[tuple[str, int, int]] = []
    sector, visited = first_dir, set()
    while sector != _CFB_END:
        if sector in visited or len(visited) >= _CFB_MAX_DIRECTORY_SECTORS:
            raise _CfbError("directory chain loops or is too long")
        visited.add(sector)
        block = read_sector(sector)
        for off in range(0, sector_size, 128):
            entry = block[off : off + 128]
            name_len, kind = struct.unpack("<HB", entry[64:67])
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue  # unused slot
            name = entry[: name_len - 2].decode("utf-16-le", "replace")
            start, length = struct.unpack("<LL", entry[116:124])
            entries.append((name, start, length))
        sector = next_sector(sector)
    if not entries:
        raise _CfbError("empty directory")
    return sector_size, entries


def _biff_has_filepass(f: IO[bytes], size: int, sector_size: int, start: int, length: int) -> bool:
    """Whether a BIFF ``Workbook`` stream starts BOF, FILEPASS (i.e. is encrypted).

    Only a stream in regular sectors (4 KB or more, as Excel always writes) is
    looked at; a tiny one lives in the mini stream and is left to the parser.
    """
    if length < 4096:
        return False
    offset = (start + 1) * sector_size
    if start >= 0xFFFFFFFA or offset + 64 > size:
        return False
    f.seek(offset)
    data = f.read(64)
    kind, bof_len = struct.unpack("<HH", data[:4])
    if kind not in (0x0809, 0x0409, 0x0209, 0x0009) or 4 + bof_len + 2 > len(data):
        return False
    (following,) = struct.unpack("<H", data[4 + bof_len : 6 + bof_len])
    return following == 0x002F


# --- reading zip parts -------------------------------------------------------------------

_LOCAL_HEADER = struct.Struct("<4s2xH18xHH")  # signature, flags, name and extra lengths
_LOCAL_HEADER_MAGIC = b"PK\x03\x04"
#: The least number of compressed bytes read at a time, as ``zipfile`` reads them.
_MIN_READ_BYTES = 4096


class _Source:
    """The bytes of the open file at any offset: sliced from memory when the bytes read
    to sniff it hold the whole file (a roster is a few dozen KB), else read from it."""

    def __init__(self, f: IO[bytes], head: bytes, size: int) -> None:
        self.f = f
        self.data = head if len(head) >= size else None

    def read(self, offset: int, n: int) -> bytes:
        if offset < 0:
            raise ValueError("negative seek value")
        if self.data is not None:
            return self.data[offset : offset + n]
        self.f.seek(offset)
        return self.f.read(n)


class _Entry(NamedTuple):
    """What the checks use of a zip directory entry (as ``zipfile.ZipInfo`` has it)."""

    filename: str
    orig_filename: str
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    header_offset: int
    index: int  # in the directory

    def is_dir(self) -> bool:
        return self.filename.endswith("/")


_END_RECORD = struct.Struct("<4s4H2LH")
_DIRECTORY_ENTRY = struct.Struct("<4s4B4HL2L5H2L")


def _directory(data: bytes) -> list[_Entry] | None:
    """The central directory of a zip held in memory, read as ``zipfile`` reads it, or
    ``None`` for anything but the plain case (an archive comment, zip64, an extra field,
    damage): ``zipfile.ZipFile`` reads those, and words the damage."""
    if len(data) < 42 or data[-22:-18] != b"PK\x05\x06" or data[-2:] != b"\0\0":
        return None
    if data[-42:-38] == b"PK\x06\x07":  # a zip64 end record locator
        return None
    cd_size, cd_offset = _END_RECORD.unpack(data[-22:])[5:7]
    concat = len(data) - 22 - cd_size - cd_offset  # bytes before the zip, if any
    start = cd_offset + concat
    if start < 0:
        return None
    directory = data[start : start + cd_size]
    entries = []
    pos = 0
    while pos < cd_size:
        if pos + _DIRECTORY_ENTRY.size > len(directory):
            return None
        fields = _DIRECTORY_ENTRY.unpack_from(directory, pos)
        name_len, extra_len, comment_len = fields[12:15]
        name_start = pos + _DIRECTORY_ENTRY.size
        pos = name_start + name_len + extra_len + comment_len
        if fields[0] != b"PK\x01\x02" or extra_len or pos > len(directory) or fields[3] > 63:
            return None
        flags = fields[5]
        try:
            name = _zip_name(directory[name_start : name_start + name_len], flags)
        except UnicodeDecodeError:
            return None
        entries.append(
            _new_entry(
                (
                    name.partition("\0")[0],
                    name,
                    flags,
                    fields[6],
                    fields[9],
                    fields[10],
                    fields[11],
                    fields[18] + concat,
                    len(entries),
                )
            )
        )
    return entries


def _zip_name(raw: bytes, flags: int) -> str:
    """An entry's name as ``zipfile`` decodes it: UTF-8 when flagged, else cp437 (a
    Python-level codec; ASCII, which both agree with, is decoded in C)."""
    if raw.isascii():
        return raw.decode("ascii")
    return raw.decode("utf-8" if flags & 0x800 else "cp437")


def _new_entry(fields: tuple[str, str, int, int, int, int, int, int, int]) -> _Entry:
    return tuple.__new__(_Entry, fields)  # what _Entry(*fields) does, without its Python call


class _Zip:
    """A zip's directory and its parts, read without ``ZipFile.open``.

    The directory of a small zip is read from memory (:func:`_directory`), any other
    by ``zipfile``. :meth:`open` gives a stored or deflated part as a
    :class:`_PartReader`, which slices its bytes from memory for a small file; any
    other compression goes through ``zipfile``, which reads bzip2 and lzma and
    refuses the rest.
    """

    def __init__(self, source: _Source) -> None:
        self.source = source
        self._zf: zipfile.ZipFile | None = None
        self._names: dict[str, _Entry] | None = None
        #: Parts read whole, by directory index.
        self.whole: dict[int, bytes] = {}
        entries = _directory(source.data) if source.data is not None else None
        if entries is None:
            entries = [
                _Entry(
                    info.filename,
                    info.orig_filename,
                    info.flag_bits,
                    info.compress_type,
                    info.CRC,
                    info.compress_size,
                    info.file_size,
                    info.header_offset,
                    index,
                )
                for index, info in enumerate(self._zipfile().infolist())
            ]
        self.infos = entries
        self.lower_names = {entry.filename.lower(): entry.filename for entry in entries}

    def _zipfile(self) -> zipfile.ZipFile:
        if self._zf is None:
            data = self.source.data
            self._zf = zipfile.ZipFile(io.BytesIO(data) if data is not None else self.source.f)
        return self._zf

    def __enter__(self) -> _Zip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zf is not None:
            self._zf.close()

    def getinfo(self, name: str) -> _Entry:
        """The entry of that name (the last, if the directory holds it twice)."""
        if self._names is None:
            self._names = {entry.filename: entry for entry in self.infos}
        return self._names[name]

    def open(self, info: _Entry) -> _PartReader | IO[bytes]:
        """A reader of one part; raises as ``ZipFile.open`` does."""
        if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return _PartReader(self.source, info)
        zf = self._zipfile()
        return zf.open(zf.infolist()[info.index])

    def head(self, info: _Entry) -> bytes:
        """The first :data:`XML_HEAD_BYTES` of a part, as ``ZipFile.open(info).read()``
        gives them; raises as that raises.

        A deflated part of a zip held in memory is read here when ``zipfile``'s first
        step (4 KB of compressed bytes) gives enough or ends it, with the checks of
        :class:`_PartReader`; any other part, or anything unusual, by the reader.
        """
        data = self.source.data
        offset = info.header_offset
        header = data[offset : offset + _LOCAL_HEADER.size] if data is not None else b""
        if (
            len(header) != _LOCAL_HEADER.size
            or info.compress_type != zipfile.ZIP_DEFLATED
            or info.flag_bits & 0x61  # encrypted, patched data, strong encryption
            or not info.compress_size
        ):
            return self.open(info).read(XML_HEAD_BYTES)
        magic, flags, name_len, extra_len = _LOCAL_HEADER.unpack(header)
        name_start = offset + _LOCAL_HEADER.size
        start = name_start + name_len + extra_len
        step = min(max(XML_HEAD_BYTES, _MIN_READ_BYTES), info.compress_size)
        compressed = data[start : start + step]
        try:
            name = _zip_name(data[name_start : name_start + name_len], flags)
        except UnicodeDecodeError:
            name = None
        if magic != _LOCAL_HEADER_MAGIC or name != info.orig_filename or len(compressed) != step:
            return self.open(info).read(XML_HEAD_BYTES)
        inflate = zlib.decompressobj(-15)
        out = inflate.decompress(compressed, max(XML_HEAD_BYTES, _MIN_READ_BYTES))
        eof = inflate.eof or (step == info.compress_size and not inflate.unconsumed_tail)
        if eof and (rest := inflate.flush()):
            out += rest
        if len(out) >= info.file_size:
            out = out[: info.file_size]
            eof = True
        if not eof and len(out) < XML_HEAD_BYTES:
            return self.open(info).read(XML_HEAD_BYTES)  # zipfile reads on
        if eof and zlib.crc32(out) != info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
        return out[:XML_HEAD_BYTES]

    def read(self, info: _Entry, max_bytes: int) -> bytes:
        """The whole of one part, refused (``GuardError``) as :func:`bounded_read` refuses."""
        if info.file_size > max_bytes:
            raise GuardError(
                FileProblem(
                    "FILE_TOO_LARGE",
                    f"{human_size(info.file_size)} ({info.filename})",
                    human_size(max_bytes),
                )
            )
        try:
            if info.file_size <= XML_HEAD_BYTES:  # the head is all of it
                data = self.head(info)
            else:
                data = self.open(info).read(info.file_size + 1)
        except Exception as exc:
            raise GuardError(_part_problem(info.filename, exc)) from exc
        if len(data) > max_bytes:
            raise GuardError(
                FileProblem(
                    "FILE_ZIP_BOMB",
                    f"more than {human_size(max_bytes)} ({info.filename})",
                    human_size(max_bytes),
                )
            )
        return data

    def chunks(
        self, info: _Entry, reader: _PartReader | IO[bytes] | None = None, first: bytes = b""
    ) -> Iterator[bytes]:
        """The part in tag-aligned steps of about 1 MB (see :func:`tag_aligned_chunks`);
        ``reader`` goes on from a read whose first step gave ``first``."""

        def steps() -> Iterator[bytes]:
            stream = self.open(info) if reader is None else reader
            if first:
                yield first
            while chunk := stream.read(SCAN_CHUNK_BYTES):
                yield chunk

        return _tag_aligned(info.filename, steps())


class _PartReader:
    """One stored or deflated zip part, read as ``zipfile.ZipExtFile`` reads it.

    The local header is checked as ``ZipFile.open`` checks it (with the same
    exceptions), the compressed bytes are taken from the declared offset and size
    (all at once from a file held in memory), what they give is cut at the declared
    size, and the CRC is checked once the end is reached. No more is decompressed
    than is asked for.
    """

    __slots__ = (
        "_buffer",
        "_compress_left",
        "_crc",
        "_eof",
        "_inflate",
        "_info",
        "_left",
        "_pos",
        "_source",
    )

    def __init__(self, source: _Source, info: _Entry) -> None:
        header = source.read(info.header_offset, _LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size:
            raise zipfile.BadZipFile("Truncated file header")
        magic, flags, name_len, extra_len = _LOCAL_HEADER.unpack(header)
        if magic != _LOCAL_HEADER_MAGIC:
            raise zipfile.BadZipFile("Bad magic number for file header")
        name_start = info.header_offset + _LOCAL_HEADER.size
        raw_name = source.read(name_start, name_len)
        if info.flag_bits & 0x20:
            raise NotImplementedError("compressed patched data (flag bit 5)")
        if info.flag_bits & 0x40:
            raise NotImplementedError("strong encryption (flag bit 6)")
        name = _zip_name(raw_name, flags)
        if name != info.orig_filename:
            raise zipfile.BadZipFile(
                f"File name in directory {info.orig_filename!r} and header {raw_name!r} differ."
            )
        if info.flag_bits & 0x1:
            raise RuntimeError(
                f"File {info.filename!r} is encrypted, password required for extraction"
            )
        self._info = info
        self._left = info.file_size
        self._crc = 0
        self._eof = False
        self._buffer = b""
        self._inflate = (
            zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        )
        self._compress_left = info.compress_size
        self._source = source
        self._pos = name_start + name_len + extra_len

    def read(self, n: int) -> bytes:
        """The next ``n`` bytes of the part, fewer only at its end."""
        parts = []
        if self._buffer:
            buf, self._buffer = self._buffer[:n], self._buffer[n:]
            parts.append(buf)
            n -= len(buf)
        while n > 0 and not self._eof:
            data = self._read1(n)
            if n < len(data):
                data, self._buffer = data[:n], data[n:]
            parts.append(data)
            n -= len(data)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _read1(self, n: int) -> bytes:
        inflate = self._inflate
        if inflate is None:
            data = self._read2(n)
            self._eof = self._compress_left <= 0
        else:
            data = inflate.unconsumed_tail
            if n > len(data):
                data = data + self._read2(n - len(data)) if data else self._read2(n)
            data = inflate.decompress(data, max(n, _MIN_READ_BYTES))
            self._eof = inflate.eof or (self._compress_left <= 0 and not inflate.unconsumed_tail)
            if self._eof and (rest := inflate.flush()):
                data += rest
        if len(data) >= self._left:
            data = data[: self._left]
            self._eof = True
        self._left -= len(data)
        self._crc = zlib.crc32(data, self._crc)
        if self._eof and self._crc != self._info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {self._info.filename!r}")
        return data

    def _read2(self, n: int) -> bytes:
        """The next compressed bytes: ``n`` or more, as ``zipfile`` reads them."""
        if self._compress_left <= 0:
            return b""
        n = min(max(n, _MIN_READ_BYTES), self._compress_left)
        data = self._source.read(self._pos, n)
        self._pos += len(data)
        self._compress_left -= len(data)
        if not data:
            raise EOFError
        return data


# --- zip contents ------------------------------------------------------------------


def _check_zip(
    archive: _Zip, fmt: Format | None, size: int, limits: Limits, marked: set[str]
) -> FileProblem | None:
    infos = archive.infos
    problem = _check_sizes(infos, size, limits)
    if problem is not None:
        return problem
    if any(info.flag_bits & 0x1 for info in infos):
        return FileProblem("FILE_ENCRYPTED")
    sheets = _worksheet_parts(archive) if fmt == "xlsx" else set()
    if len(sheets) > limits.max_sheets:
        return FileProblem(
            "SHEET_TOO_LARGE", f"{len(sheets):,} sheets", f"{limits.max_sheets:,} sheets"
        )
    # Each part in order: the head of an XML part, then the extent of a worksheet (or
    # of an .ods content.xml). A worksheet is read from its first step of the scan, which
    # holds its head. A problem of extent is reported only once every head has passed,
    # and after it no more extent is measured.
    extent: FileProblem | None = None
    for info in infos:
        is_sheet = info.filename in sheets
        scan = extent is None and (
            is_sheet or (fmt == "ods" and info.filename.lower() == "content.xml")
        )
        reader: _PartReader | IO[bytes] | None = None
        first = b""
        if not info.is_dir() and info.filename.lower().endswith((".xml", ".rels")):
            raw = archive.whole.get(info.index)
            if raw is None and is_sheet and scan:
                try:
                    reader = archive.open(info)
                    first = reader.read(SCAN_CHUNK_BYTES)
                    raw = first[:XML_HEAD_BYTES]
                except Exception:  # the head is read again below, the rest when scanned
                    reader, first = None, b""
            if raw is None:
                try:
                    raw = archive.head(info)
                except Exception as exc:
                    return _part_problem(info.filename, exc)
            raw = raw[:XML_HEAD_BYTES]
            if is_sheet or not _plain_xml_head(raw):
                head, problem = _xml_head(raw, info.filename)
                if problem is not None:
                    return problem
                if is_sheet:
                    problem = _check_dimension(head, limits)
                    if problem is not None:
                        return problem
        if scan and is_sheet:
            extent = _check_extent(archive, info, limits, marked, reader, first)
        elif scan:
            extent = _check_ods_extent(archive.chunks(info), limits)
    return extent


def _check_sizes(infos: list[_Entry], size: int, limits: Limits) -> FileProblem | None:
    """Declared sizes against the limits, before a byte is decompressed."""
    max_ratio = limits.max_compression_ratio
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or size
    if total > RATIO_FLOOR_BYTES and total / packed > max_ratio:
        return _bomb(total, packed, max_ratio)
    max_part = _mb(limits.max_part_mb)
    for info in infos:
        if (
            info.file_size > RATIO_FLOOR_BYTES
            and info.file_size / max(info.compress_size, 1) > max_ratio
        ):
            return _bomb(info.file_size, info.compress_size, max_ratio)
        if info.file_size > max_part:
            return FileProblem(
                "FILE_TOO_LARGE",
                f"{human_size(info.file_size)} unpacked ({info.filename})",
                f"{human_size(max_part)} per part",
            )
    max_total = _mb(limits.max_uncompressed_mb)
    if total > max_total:
        return FileProblem("FILE_TOO_LARGE", f"{human_size(total)} unpacked", human_size(max_total))
    return None


def _bomb(unpacked: int, packed: int, max_ratio: float) -> FileProblem:
    ratio = unpacked / max(packed, 1)
    return FileProblem(
        "FILE_ZIP_BOMB",
        f"{human_size(unpacked)} from {human_size(packed)}, {ratio:,.0f}:1",
        f"{max_ratio:,.0f}:1",
    )


_SHEET_NAME_RE = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_RELS_NAME = "xl/_rels/workbook.xml.rels"
_REL_RE = re.compile(rb"<(?:\w++:)?Relationship\b[^>]*>")
_ATTR_RE = re.compile(rb"""\b(Type|Target|TargetMode)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _worksheet_parts(archive: _Zip) -> set[str]:
    """The worksheet parts: those under ``xl/worksheets/`` and those the workbook's
    relationships point to, wherever they are (the names as stored in the zip)."""
    names = archive.lower_names
    parts = {name for name in names.values() if _SHEET_NAME_RE.match(name)}
    rels = names.get(_RELS_NAME)
    if rels is None:
        return parts
    entry = archive.getinfo(rels)
    try:
        data = archive.read(entry, MAX_ZIP_DIRECTORY_BYTES)
    except GuardError:
        return parts  # reported as a damaged or oversized part by the XML checks
    archive.whole[entry.index] = data  # its head for the XML checks
    for element in _REL_RE.findall(data):
        if b"/worksheet" not in element:  # its Type cannot end so
            continue
        attrs = {m.group(1): m.group(2) or m.group(3) or b"" for m in _ATTR_RE.finditer(element)}
        if not attrs.get(b"Type", b"").endswith(b"/worksheet"):
            continue
        if attrs.get(b"TargetMode", b"").lower() == b"external":
            continue
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        resolved = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        stored = names.get(posixpath.normpath(resolved).lower())
        if stored is not None:
            parts.add(stored)
    return parts


_XML_PROLOG_OK, _XML_ENTITY, _XML_INCOMPLETE, _XML_NOT_XML = range(4)


def _xml_head(raw: bytes, name: str) -> tuple[str, FileProblem | None]:
    """The decoded first 4 KB of an XML part (``raw``) and whether its prolog is refused.

    A prolog (declaration, comments) that runs past 4 KB is refused too: no real
    generator writes more than a line before the root element, and reading on
    would let a part's padding cost time.
    """
    text = _decode_xml(raw)
    verdict = _xml_prolog(text, complete=len(raw) < XML_HEAD_BYTES)
    if verdict == _XML_ENTITY:
        return text, FileProblem("FILE_XML_ENTITY", name)
    if verdict == _XML_INCOMPLETE:
        return text, FileProblem(
            "FILE_CORRUPT", f"{name}: no XML element in its first {human_size(XML_HEAD_BYTES)}"
        )
    if verdict == _XML_NOT_XML:
        return text, FileProblem("FILE_CORRUPT", f"{name} is not XML")
    return text, None


_XML_SPACE = (b" ", b"\t", b"\r", b"\n")


def _plain_xml_head(raw: bytes) -> bool:
    """Whether :func:`_xml_head` would pass ``raw`` for sure, told without decoding it:
    UTF-8 (no BOM), at most an XML declaration and whitespace before the root element,
    and no "!" anywhere, so no declaration (found by memchr)."""
    if b"!" in raw:
        return False
    pos = 0
    if raw.startswith(b"<?"):
        pos = raw.find(b"?>", 2) + 2
        if pos < 2:
            return False
        while raw[pos : pos + 1] in _XML_SPACE:
            pos += 1
    return raw.startswith(b"<", pos) and raw[pos + 1 : pos + 2] not in (b"?", b"\0", b"")


def _decode_xml(raw: bytes) -> str:
    """Text of an XML head in its encoding (by BOM or by the first ``<``).

    A UTF-8 BOM stays, as U+FEFF, and the prolog walk skips it.
    """
    even = raw[: len(raw) // 2 * 2]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return even.decode("utf-16", "replace")
    if raw.startswith(b"<\x00"):
        return even.decode("utf-16-le", "replace")
    if raw.startswith(b"\x00<"):
        return even.decode("utf-16-be", "replace")
    return raw.decode("utf-8", "replace")


_DECLARATION_RE = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _xml_prolog(text: str, complete: bool) -> int:
    """Walk the prolog (declaration, comments, processing instructions) to the
    root element: any ``<!`` declaration there (a DTD) is refused, and so is an
    entity declaration anywhere in the head."""
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n\ufeff":
            i += 1
        if i >= n:
            return _XML_PROLOG_OK if complete else _XML_INCOMPLETE
        if text.startswith("<?", i):
            end = text.find("?>", i + 2)
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
        elif text.startswith("<!", i):
            return _XML_ENTITY
        elif text.startswith("<", i):
            break
        else:
            return _XML_NOT_XML
        if end < 0:
            return _XML_NOT_XML if complete else _XML_INCOMPLETE
        i = end + (2 if text[end] == "?" else 3)
    if "!" not in text:  # what a declaration needs, found by memchr
        return _XML_PROLOG_OK
    return _XML_ENTITY if _DECLARATION_RE.search(text, i) else _XML_PROLOG_OK


_DIMENSION_RE = re.compile(
    r"""<(?:\w++:)?dimension\b[^>]*?\bref\s*=\s*["']\s*([^"']*?)\s*["']""", re.IGNORECASE
)
_REF_RE = re.compile(r"^\$?([A-Za-z]{1,4})\$?(\d{1,10})(?::\$?([A-Za-z]{1,4})\$?(\d{1,10}))?$")


def _check_dimension(head: str, limits: Limits) -> FileProblem | None:
    """Rows and columns a worksheet declares in ``<dimension ref="A1:XFD1048576"/>``.

    The extent counted is from A1 to the bottom-right cell, as a reader that
    starts at A1 sees it. A missing or unreadable ``ref`` is left to the reader.
    """
    # What any match holds, cheaper to find than the match: "men" has no other case
    # forms than ASCII ones, and "s" one more (the long s) for re.IGNORECASE.
    lowered = head.lower()
    if "mens" not in lowered and "men\u017f" not in lowered:
        return None
    match = _DIMENSION_RE.search(head)
    if match is None:
        return None
    ref = _REF_RE.match(match.group(1))
    if ref is None:
        return None
    col_letters, row = (ref.group(3), ref.group(4)) if ref.group(3) else ref.group(1, 2)
    rows, columns = int(row), column_number(col_letters)
    if rows > limits.max_rows:
        return FileProblem("SHEET_TOO_LARGE", f"{rows:,} rows", f"{limits.max_rows:,} rows")
    return extent_problem(rows, columns, limits)


def extent_problem(rows: int, columns: int, limits: Limits) -> FileProblem | None:
    """A sheet of ``rows`` x ``columns`` (from A1) against the limits."""
    if rows > limits.max_rows:
        return FileProblem("SHEET_TOO_LARGE", f"{rows:,} rows", f"{limits.max_rows:,} rows")
    if columns > limits.max_columns:
        return FileProblem(
            "SHEET_TOO_LARGE", f"{columns:,} columns", f"{limits.max_columns:,} columns"
        )
    if rows * columns > limits.max_cells:
        return FileProblem(
            "SHEET_TOO_LARGE",
            f"{rows:,} rows x {columns:,} columns",
            f"{limits.max_cells:,} cells",
        )
    return None


def column_number(letters: str | bytes) -> int:
    if isinstance(letters, bytes):
        letters = letters.decode("ascii", "replace")
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


# --- the real extent of a worksheet ---------------------------------------------------

#: A worksheet part is read through in steps of this size to find its real extent.
SCAN_CHUNK_BYTES = MIB
#: A tag longer than this in a worksheet is refused: no writer produces one, and the
#: scan would otherwise have to hold it whole.
MAX_TAG_BYTES = MIB

_WHITESPACE_TO_SPACE = bytes.maketrans(b"\t\r\n", b"   ")
# Row and cell elements whose first attribute is not ` r="`, prefixed elements, and r
# attributes written otherwise (`r='A1'`, `r = "A1"`): such a part is scanned exactly.
_UNUSUAL_RES = (
    re.compile(rb'<c(?! r=")[ />]'),
    re.compile(rb'<row(?! r=")[ />]'),
    re.compile(rb":(?:c|row)[ />]"),
    re.compile(rb' r(?!=")(?= *=)'),
)
#: Searches for a wider column before the widest is found in one pass.
_COLUMN_STEPS = 64
_ROW_REF_RE = re.compile(rb'<row r="0*(\d{1,10})"[^>]*?(/?)>')
# A tag ends at the first ">" outside quotes, as calamine's parser reads it (an attribute
# value may hold ">"); one whose quotes do not close ends at the first ">".
_TOKEN_RE = re.compile(
    rb"<(?:[\w.-]+:)?(row|c)(?=[\s/>])"
    rb"""([^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+|[^>]*)>"""
)
_R_ATTR_RE = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_REF_RE = re.compile(rb"^\$?([A-Za-z]*)\$?0*(\d*)$")
#: A reference's letters and digits are read up to this many: more is beyond any limit
#: (8 letters make over 8 billion columns), and reading a megabyte of them would take
#: minutes (letters) or fail (digits: Python reads at most 4,300 into an int).
_REF_LETTERS = 8
_REF_DIGITS = 13


def _ref_column(letters: bytes) -> int:
    return column_number(letters[:_REF_LETTERS])


def _ref_row(digits: bytes) -> int:
    return int(digits[:_REF_DIGITS])


def _check_extent(
    archive: _Zip,
    info: _Entry,
    limits: Limits,
    marked: set[str] | None = None,
    reader: _PartReader | IO[bytes] | None = None,
    first: bytes = b"",
) -> FileProblem | None:
    """Rows and columns a worksheet really spans, from its cells, against the limits.

    A reader builds a sheet as a dense grid from A1 to its farthest cell, whatever
    ``<dimension>`` says (a generator may omit it or get it wrong): a few bytes of
    XML with one cell in A1 and one in XFD1048576 would cost 17 billion cells. So
    every worksheet part is read through once, in 1 MB steps, looking only at the
    cells (``reader`` and ``first`` go on from the head already read).

    Every writer seen (Excel, LibreOffice, WPS, openpyxl, xlsxwriter, Google
    Sheets) writes a cell one way: ``<c r="B12" s="3" t="s">``. A part whose cells
    are all written so, within a box the limits allow (see :func:`_plain_cells_res`),
    passes after one regular expression over it: about as costly as decompressing
    it. Otherwise its extent is measured: by byte searches when the references are
    written the usual way (:class:`_FastExtent`), else token by token, which is exact
    but slower (:class:`_ExactExtent`).
    """
    marked = set() if marked is None else marked
    try:
        chunks = archive.chunks(info, reader, first)
        plain = _plain_cells_res(limits.max_rows, limits.max_columns, limits.max_cells)
        if plain is not None:
            for index, body in enumerate(chunks):
                if not index and _outgrows(body, info.file_size, plain.rows):
                    chunks = itertools.chain([body], chunks)  # measured from its start, once
                    break
                if not _plain_cells(plain, body, info.filename, marked):
                    chunks = archive.chunks(info)  # measured from the start
                    break
            else:
                return None
        scan = _FastExtent()
        for body in chunks:
            if b't="e"' in body:  # an error cell, for the reader to look for (ErrorCells)
                marked.add(info.filename)
            if not scan.feed(body):
                break
        else:
            return extent_problem(scan.rows, scan.columns, limits)
        exact = _ExactExtent(limits)
        for body in archive.chunks(info):
            if b't="e"' in body:
                marked.add(info.filename)
            if not exact.feed(body):
                break
        return extent_problem(exact.rows, exact.columns, limits)
    except GuardError as exc:
        return exc.problem


#: What a usual cell has after its reference: a style number and a type other than
#: ``e`` (an error), each written ` name="value"`, then the end of its tag (openpyxl
#: writes a space before "/>").
_PLAIN_CELL_ATTRIBUTE = rb' [st]="[0-9a-df-zA-Z][0-9a-zA-Z]*+"'
_PLAIN_CELL_TAIL = rb"(?:" + _PLAIN_CELL_ATTRIBUTE + rb")*+ ?+/?+>"
#: The commonest of those tails (one or two attributes, then ">"), looked for first:
#: a regular expression tells them from the rest faster that way.
_COMMON_CELL_TAIL = _PLAIN_CELL_ATTRIBUTE + rb"(?:>|" + _PLAIN_CELL_ATTRIBUTE + rb">)"
#: The same, with any type: a usual error cell (``t="e"``).
_PLAIN_ERROR_CELL_TAIL = rb'(?: [st]="[0-9a-zA-Z]++")*+ ?+/?+>'
_ERROR_MARK = b't="e"'
_PREFIXED_CELL_RE = re.compile(rb":c[\s/>]")


class _PlainCells(NamedTuple):
    unusual: re.Pattern[bytes]  # the first cell not written the usual way within the box
    error: re.Pattern[bytes]  # a usual cell of type e within the box
    rows: int  # the box's last row


@functools.lru_cache(maxsize=8)
def _plain_cells_res(max_rows: int, max_columns: int, max_cells: int) -> _PlainCells | None:
    """The patterns that tell a part whose cells are all written the usual way, inside
    a box the limits allow: columns A to Z by rows 1 to 299,999 with the default limits
    (a province's consolidated roster of 119,000 rows fits), fewer for lower limits.
    ``None`` when the limits allow no such box of 26 columns.

    A usual cell is ``<c r="B12">``, ``<c r="B12" s="3" t="s"/>`` and the like: its
    reference first and its only ``r`` attribute. Anything else is unusual: a cell
    without a reference or with it elsewhere, in other quotes or twice (calamine takes
    the last), whitespace other than one space, another attribute, a reference beyond
    the box, and a cell of type ``e`` (for :func:`_plain_cells` to mark).
    """
    if max_columns < 26:
        return None
    rows, pattern = _box_rows(min(max_rows, max_cells // 26))
    if not rows:
        return None
    cell = rb'<c r="[A-Z](?:' + pattern + rb')"'
    common, usual = cell[2:] + _COMMON_CELL_TAIL, cell[2:] + _PLAIN_CELL_TAIL
    return _PlainCells(
        unusual=re.compile(rb"<c(?!" + common + rb")(?!" + usual + rb")[\s/>]"),
        error=re.compile(cell + _PLAIN_ERROR_CELL_TAIL),
        rows=rows,
    )


def _box_rows(most: int) -> tuple[int, bytes]:
    """The last row of the quick check's box, at most ``most``, and a regular expression
    for the row numbers 1 to it: every number of fewer digits than ``most``, and those
    of as many digits whose first digit is lower than its first (or the same, when the
    rest of ``most`` is all nines). 384,615 gives 299,999; 99,999 gives itself.
    """
    if most < 1:
        return 0, b""
    digits = len(str(most))
    lead = int(str(most)[0]) - (0 if str(most)[1:] == "9" * (digits - 1) else 1)
    shorter = rb"[1-9]\d{0,%d}+" % (digits - 2) if digits > 1 else b""
    if lead < 1:
        return 10 ** (digits - 1) - 1, shorter
    full = rb"[1-%d]\d{%d}+" % (lead, digits - 1)
    return (lead + 1) * 10 ** (digits - 1) - 1, full + (b"|" + shorter if shorter else b"")


_LAST_ROW_RE = re.compile(rb'<row r="(\d{1,10})"')


def _outgrows(body: bytes, size: int, rows: int) -> bool:
    """Whether a part of ``size`` bytes whose first step is ``body`` looks bound to
    hold rows past ``rows``, at the rate of its rows so far (rows come in order): its
    extent is then measured from this step on, not after the box check fails further
    on. A wrong guess costs time only."""
    if len(body) >= size:
        return False
    last = body.rfind(b'<row r="')
    found = _LAST_ROW_RE.match(body, last) if last >= 0 else None
    return found is not None and int(found.group(1)) * size > rows * len(body)


def _plain_cells(res: _PlainCells, body: bytes, name: str, marked: set[str]) -> bool:
    """Whether every cell in ``body`` is written the usual way within the box of
    ``res`` (see :func:`_plain_cells_res`), none with a namespace prefix. A usual
    error cell marks ``name`` (for the reader's ErrorCells) and is looked past."""
    pos = 0
    while (found := res.unusual.search(body, pos)) is not None:
        cell = res.error.match(body, found.start())
        if cell is None or _ERROR_MARK not in cell.group():
            return False
        marked.add(name)
        pos = cell.end()
    return not _prefixed_cell(body)


_CELL_NAME_ENDS = frozenset(bytes([c]) for c in b" \t\n\r\x0b\x0c/>")


def _prefixed_cell(body: bytes) -> bool:
    """Whether ``body`` holds ``:c`` and a space, "/" or ">" (a cell with a namespace
    prefix, ``<x:c>``): colons are few (namespace declarations, text), so they are
    looked at one by one, then by :data:`_PREFIXED_CELL_RE`."""
    pos = body.find(b":")
    for _ in range(32):
        if pos < 0:
            return False
        if body.startswith(b"c", pos + 1) and body[pos + 2 : pos + 3] in _CELL_NAME_ENDS:
            return True
        pos = body.find(b":", pos + 1)
    return pos >= 0 and _PREFIXED_CELL_RE.search(body, pos) is not None


def tag_aligned_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The decompressed part in steps of about 1 MB, never cutting a tag in two."""
    try:
        with zf.open(info) as stream:
            yield from _tag_aligned(info.filename, iter(lambda: stream.read(SCAN_CHUNK_BYTES), b""))
    except GuardError:
        raise
    except Exception as exc:
        raise GuardError(_part_problem(info.filename, exc)) from exc


def _tag_aligned(name: str, steps: Iterator[bytes]) -> Iterator[bytes]:
    """``steps`` of a part joined and cut so that no tag is cut in two; a part that
    cannot be read raises ``GuardError``."""
    carry = b""
    try:
        for chunk in steps:
            buf = carry + chunk if carry else chunk
            cut = buf.rfind(b"<")
            if cut < 0 or buf.find(b">", cut) >= 0:
                carry = b""
                yield buf
                continue
            carry = buf[cut:]
            if len(carry) > MAX_TAG_BYTES:
                raise GuardError(
                    FileProblem(
                        "FILE_CORRUPT", f"{name}: a tag longer than {human_size(MAX_TAG_BYTES)}"
                    )
                )
            yield buf[:cut]
    except GuardError:
        raise
    except Exception as exc:
        raise GuardError(_part_problem(name, exc)) from exc
    if carry:
        yield carry


class _FastExtent:
    """The extent of a worksheet written the usual way, from a few regular expressions.

    The rows are those of the ``<row r="12">`` elements that hold cells; a cell
    reference below them is searched for, not expected. The columns are found by
    searching for a reference beyond the widest column so far, from where the last
    one was found (a roster of 19 columns: 19 short searches, one pass in all), and
    after 64 of them taking the widest of all references from there on. ``feed`` returns
    False as soon as a chunk holds a row or cell element written otherwise (or a
    cell below its row); the caller then scans the part with :class:`_ExactExtent`.
    """

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0

    def feed(self, body: bytes) -> bool:
        body = body.translate(_WHITESPACE_TO_SPACE)
        if any(pattern.search(body) for pattern in _UNUSUAL_RES):
            return False
        numbers = [int(number) for number, empty in _ROW_REF_RE.findall(body) if not empty]
        if numbers:  # an empty <row r="900" ht="20"/> holds no cell and costs nothing
            self.rows = max(self.rows, *numbers)
        beyond = _beyond_row_re(self.rows).search(body)
        if beyond is not None:
            self.rows = max(self.rows, _ref_row(beyond.group(1)))
            return False
        pos, steps = 0, 0
        while (wider := _beyond_column_re(self.columns).search(body, pos)) is not None:
            if len(wider.group(1)) > _REF_LETTERS:  # beyond any limit: the exact scan counts it
                return False
            steps += 1
            if steps <= _COLUMN_STEPS:  # a roster's header widens column by column
                self.columns = _ref_column(wider.group(1))
            else:  # many columns: the widest of as many letters or more, in one pass
                letters = set(_letters_re(len(wider.group(1))).findall(body, wider.start()))
                self.columns = max(map(_ref_column, letters))
            pos = wider.start()
        return True


@functools.lru_cache(maxsize=64)
def _beyond_row_re(rows: int) -> re.Pattern[bytes]:
    """A cell reference to a row after ``rows``."""
    return re.compile(rb' r="[A-Za-z]+0*(' + _greater_than(rows).encode() + rb')"')


@functools.lru_cache(maxsize=8)
def _letters_re(length: int) -> re.Pattern[bytes]:
    """The letters of a cell reference with at least ``length`` of them."""
    return re.compile(rb' r="([A-Za-z]{%d,})0*\d' % length)


@functools.lru_cache(maxsize=1024)
def _beyond_column_re(columns: int) -> re.Pattern[bytes]:
    """A cell reference to a column after ``columns`` (0: any column)."""
    letters = column_letters(columns) if columns else ""
    longer = f"[A-Za-z]{{{len(letters) + 1},}}"
    same_length = []
    for i, letter in enumerate(letters):
        if letter != "Z":
            higher = f"[{chr(ord(letter) + 1)}-Z{chr(ord(letter) + 33)}-z]"
            prefix = "".join(f"[{c}{c.lower()}]" for c in letters[:i])
            rest = len(letters) - i - 1
            same_length.append(prefix + higher + (f"[A-Za-z]{{{rest}}}" if rest else ""))
    alternatives = "|".join([longer, *same_length])
    return re.compile(rb' r="(' + alternatives.encode() + rb")0*\d")


def column_letters(number: int) -> str:
    """Excel's letters for a 1-based column number (1 -> A, 27 -> AA)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _greater_than(n: int) -> str:
    """A regular expression for the decimal numbers (no leading zeros) above ``n``."""
    digits = str(n)
    longer = rf"[1-9]\d{{{len(digits)},}}"
    same_length = []
    for i, digit in enumerate(digits):
        if digit != "9":
            higher = f"[{int(digit) + 1}-9]"
            rest = len(digits) - i - 1
            same_length.append(digits[:i] + higher + (rf"\d{{{rest}}}" if rest else ""))
    return "|".join([longer, *same_length])


# An .ods says how often a row or cell repeats (LibreOffice ends every sheet with an empty
# row repeated 1,048,000 times); calamine expands repeated cells that hold a value.
_ODS_TOKEN_RE = re.compile(
    rb"<(/?)(?:[\w.-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
)
_ODS_REPEAT_RE = re.compile(rb"number-(?:rows|columns)-repeated\s*=\s*[\"']\s*(\d{1,12})")


def _check_ods_extent(chunks: Iterator[bytes], limits: Limits) -> FileProblem | None:
    """Rows and columns each sheet of an .ods spans with its values, repeats included.

    A cell counts when it has a value type or content (not an empty ``<cell/>``); a
    row counts when one of its cells does. Element by element: .ods uploads are rare,
    and a 75-row roster takes a few milliseconds.
    """
    rows = columns = 0
    row = column = repeat_rows = 0
    row_used = False
    try:
        for body in chunks:
            for match in _ODS_TOKEN_RE.finditer(body):
                closing, name, attrs = match.groups()
                if name == b"table":
                    row = 0
                    continue
                if name == b"table-row":
                    if closing:
                        row += repeat_rows
                        continue
                    found = _ODS_REPEAT_RE.search(attrs)
                    repeat_rows = int(found.group(1)) if found else 1
                    column, row_used = 0, False
                    if attrs.endswith(b"/"):
                        row += repeat_rows
                    continue
                if closing:
                    continue
                found = _ODS_REPEAT_RE.search(attrs)
                repeat = int(found.group(1)) if found else 1
                if b"value-type" in attrs or not attrs.endswith(b"/"):
                    if not row_used:
                        rows, row_used = max(rows, row + repeat_rows), True
                    columns = max(columns, column + repeat)
                    problem = extent_problem(rows, columns, limits)
                    if problem is not None:
                        return problem
                column += repeat
    except GuardError as exc:
        return exc.problem
    return None


class _ExactExtent:
    """The extent of any worksheet, element by element, as a reader places its cells.

    A row without ``r`` follows the previous one; a cell without ``r`` follows the
    previous cell of its row. Every cell counts, with a value or not; a row only
    through its cells. An element with more than one ``r`` attribute counts at the
    farthest of them: calamine takes a cell's last one, and a row's first. Stops
    (``feed`` returns False) once the limits are passed.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.rows = 0
        self.columns = 0
        self._row = 0
        self._column = 0

    def feed(self, body: bytes) -> bool:
        for match in _TOKEN_RE.finditer(body):
            name, attrs = match.group(1), match.group(2)
            row = column = 0
            for ref in _R_ATTR_RE.finditer(attrs):
                text = ref.group(1) if ref.group(1) is not None else ref.group(2)
                parts = _CELL_REF_RE.match(text.strip())
                if parts is not None:
                    letters, number = parts.groups()
                    column = max(column, _ref_column(letters) if letters else 0)
                    row = max(row, _ref_row(number) if number else 0)
            if name == b"row":
                self._row = row or self._row + 1
                self._column = 0
                continue
            self._column = column or self._column + 1
            self.rows = max(self.rows, row or self._row)
            self.columns = max(self.columns, self._column)
        return extent_problem(self.rows, self.columns, self.limits) is None


# --- helpers -----------------------------------------------------------------------


def _mb(megabytes: float) -> int:
    return int(megabytes * MIB)


def _part_problem(name: str, exc: BaseException) -> FileProblem:
    """A zip part that cannot be read, as a finding."""
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc).lower():
        return FileProblem("FILE_ENCRYPTED")
    if isinstance(exc, NotImplementedError):
        return FileProblem("FILE_CORRUPT", f"{name}: unsupported compression")
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError | OSError | ValueError):
        return FileProblem("FILE_CORRUPT", f"damaged part {name}")
    return FileProblem("FILE_CORRUPT", f"{name}: {type(exc).__name__}")
