"""Open a workbook (or CSV) and hand over its sheets as grids of cell values.

python-calamine is the reader: it is the fastest available and gives each sheet
as plain Python rows plus the position of the first one, which is all the later
stages need to keep every value's Excel coordinates. Nothing here interprets
the cells; that is the layout's and the cell parsers' job.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bkbk_cli.config import Limits
from bkbk_cli.read.guard import (
    MAX_ZIP_DIRECTORY_BYTES,
    GuardError,
    bounded_read,
    column_letters,
    column_number,
    extent_problem,
    may_hold_error_cells,
    tag_aligned_chunks,
)


@dataclass(frozen=True)
class RawSheet:
    """A sheet's cells: ``rows[i][j]`` is the cell at Excel row ``top + i + 1``, column ``left + j``
    (0-based column index)."""

    name: str
    rows: list[list[object]]
    top: int = 0
    left: int = 0
    #: merged ranges, ((first row, first column), (last row, last column)), 0-based, absolute
    merged: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()

    def excel_row(self, index: int) -> int:
        return self.top + index + 1


class WorkbookError(Exception):
    """The file could not be read; ``code`` is the finding code that explains why."""

    def __init__(self, code: str, value: str | None = None, expected: str | None = None):
        super().__init__(code, value)
        self.code = code
        self.value = value
        self.expected = expected


_CSV_ENCODINGS = ("utf-8-sig", "cp1252")
_CSV_SHARED_VALUES = 65_536
#: The names calamine's ``from_path`` reads as each format.
_SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "ods": (".ods",)}


def _read_csv(path: Path, limits: Limits) -> RawSheet:
    data = path.read_bytes()
    for encoding in _CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise WorkbookError("FILE_FORMAT", "csv")
    del data
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    field_limit = max(limits.max_cell_chars * 4, 131072)
    csv.field_size_limit(field_limit)
    rows: list[list[object]] = []
    width = 0
    # one object per distinct value: a roster repeats its amounts, dates, categories and
    # villages on every row (300,000 rows hold 280 MB less); bounded for unique values
    seen: dict[str, str] = {}
    try:
        # checked line by line: 100 MB of "1\n" would be 50 million Python lists, and one
        # long line over many short ones a grid bomb once the short rows are padded
        reader = csv.reader(io.StringIO(text), dialect)
        for line in reader:
            if len(seen) < _CSV_SHARED_VALUES:
                line = [seen.setdefault(v, v) for v in line]
            else:
                line = [seen.get(v, v) for v in line]
            rows.append(line)
            width = max(width, len(line))
            problem = extent_problem(len(rows), width, limits)
            if problem is not None:
                raise WorkbookError(*problem)
    except csv.Error as exc:
        if "field limit" in str(exc):  # the parser's own bound, above max_cell_chars
            raise WorkbookError(
                "CELL_TOO_LONG",
                f"line {reader.line_num}: more than {field_limit:,}",
                f"{limits.max_cell_chars:,}",
            ) from exc
        raise WorkbookError("FILE_CORRUPT", str(exc)) from exc
    _check_text_length(rows, (0, 0), limits)
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return RawSheet(name=path.stem, rows=rows)


def iter_sheets(
    path: Path, fmt: str, limits: Limits, only: str | None = None
) -> Iterator[RawSheet]:
    """Yield the sheets of a workbook in order (just the one named ``only`` if given).

    Raises ``WorkbookError`` with a finding code for anything that makes the file
    unreadable, so callers report it instead of crashing.
    """
    if fmt == "csv":
        yield _read_csv(path, limits)
        return
    import python_calamine as pc

    try:
        if path.suffix.lower() in _SUFFIXES.get(fmt, ()):
            workbook = pc.CalamineWorkbook.from_path(str(path))
        else:  # from_path goes by the name: an .xls saved as "roster.xlsx" is read by content
            with open(path, "rb") as f:
                workbook = pc.CalamineWorkbook.from_filelike(f)
    except pc.PasswordError as exc:
        raise WorkbookError("FILE_ENCRYPTED") from exc
    except (pc.CalamineError, pc.ZipError, pc.XmlError, OSError, ValueError) as exc:
        raise WorkbookError("FILE_CORRUPT", _short(exc)) from exc
    errors: ErrorCells | None = None
    try:
        names = list(workbook.sheet_names)
        if len(names) > limits.max_sheets:
            raise WorkbookError(
                "SHEET_TOO_LARGE", f"{len(names):,} sheets", f"{limits.max_sheets:,}"
            )
        if only is not None:
            if only not in names:
                raise WorkbookError("SHEET_NOT_FOUND", only, ", ".join(names))
            names = [only]
        errors = ErrorCells(path) if fmt == "xlsx" else None
        for name in names:
            try:
                sheet = workbook.get_sheet_by_name(name)
                # total_height/total_width are the last row's and column's 0-based index;
                # checked before to_python, which would hold the grid a second time
                problem = extent_problem(sheet.total_height + 1, sheet.total_width + 1, limits)
                if problem is not None:
                    raise WorkbookError(*problem)
                rows = sheet.to_python(skip_empty_area=True)
                start = sheet.start or (0, 0)
                if errors is not None:
                    _restore_errors(rows, start, errors(name))
                _check_text_length(rows, start, limits)
            except WorkbookError:
                raise
            except pc.PasswordError as exc:
                raise WorkbookError("FILE_ENCRYPTED") from exc
            except Exception as exc:  # calamine raises several untyped errors on damaged parts
                raise WorkbookError("FILE_CORRUPT", _short(exc)) from exc
            yield RawSheet(name=name, rows=rows, top=start[0], left=start[1], merged=_merged(sheet))
    finally:
        workbook.close()
        if errors is not None:
            errors.close()


def _merged(sheet: object) -> tuple:
    """The sheet's merged ranges as calamine gives them (none where it cannot say)."""
    try:
        ranges = sheet.merged_cell_ranges  # type: ignore[attr-defined]
    except Exception:
        return ()
    return tuple(ranges or ())


def _check_text_length(rows: list[list[object]], start: tuple[int, int], limits: Limits) -> None:
    """Refuse a cell holding more text than ``max_cell_chars`` (Excel holds 32,767)."""
    texts = filter(str.__instancecheck__, itertools.chain.from_iterable(rows))
    longest = max(map(len, texts), default=0)  # C loops: 0.1 s per million cells
    if longest <= limits.max_cell_chars:
        return
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if type(value) is str and len(value) == longest:
                cell = f"{column_letters(start[1] + j + 1)}{start[0] + i + 1}"
                raise WorkbookError(
                    "CELL_TOO_LONG",
                    f"{cell}: {longest:,}",
                    f"{limits.max_cell_chars:,}",
                )


def _restore_errors(
    rows: list[list[object]], start: tuple[int, int], errors: dict[tuple[int, int], str]
) -> None:
    for (row, column), value in errors.items():
        i, j = row - start[0], column - start[1]
        if 0 <= i < len(rows) and 0 <= j < len(rows[i]) and rows[i][j] == "":
            rows[i][j] = value


_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_REL_RE = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_SHEET_ATTR_RE = re.compile(rb"""\b(name|r:id|Id|Target)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ERROR_CELL_RE = re.compile(
    rb'<c r="([A-Za-z]{1,3})(\d{1,7})"[^>]*? t="e"[^>]*>'
    rb"(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?<v>([^<]{1,16})</v>"
)


class ErrorCells:
    """The Excel error values (``#N/A``, ``#REF!`` ...) of an .xlsx workbook's sheets.

    calamine reads a cell holding an error (a formula that failed) as an empty
    string, which would make a ``#N/A`` name "empty" and a ``#VALUE!`` payment
    "unpaid". Each sheet's XML is searched for cells of type ``e`` instead: a byte
    search per 1 MB, and a regular expression only where one is found. The zip and
    the workbook's sheet list are read once, on first use. Best effort: a workbook
    it cannot follow gives no error cells.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zf: zipfile.ZipFile | None = None
        self._parts: dict[str, str] | None = None

    def __call__(self, sheet: str) -> dict[tuple[int, int], str]:
        """The sheet's error values by 0-based (row, column)."""
        found: dict[tuple[int, int], str] = {}
        if self._zf is None and not may_hold_error_cells(self.path):
            return found  # the guard read every sheet of this file and saw none
        try:
            if self._zf is None:
                self._zf = zipfile.ZipFile(self.path)
                self._parts = _sheet_parts(self._zf)
            part = (self._parts or {}).get(sheet)
            if part is None:
                return found
            for body in tag_aligned_chunks(self._zf, self._zf.getinfo(part)):
                if b't="e"' not in body:
                    continue
                for letters, number, value in _ERROR_CELL_RE.findall(body):
                    position = (int(number) - 1, column_number(letters) - 1)
                    found[position] = html.unescape(value.decode("utf-8", "replace")).strip()
        except (GuardError, KeyError, OSError, zipfile.BadZipFile, ValueError):
            return {}
        return found

    def close(self) -> None:
        if self._zf is not None:
            self._zf.close()


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's name and the zip part holding it, from the workbook's relationships."""
    names = {name.lower(): name for name in zf.namelist()}
    workbook, rels = names.get("xl/workbook.xml"), names.get("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    targets = {}
    for element in _REL_RE.findall(bounded_read(zf, rels, MAX_ZIP_DIRECTORY_BYTES)):
        attrs = _attrs(element)
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        resolved = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        part = names.get(posixpath.normpath(resolved).lower())
        if part is not None:
            targets[attrs.get(b"Id")] = part
    parts = {}
    for element in _SHEET_RE.findall(bounded_read(zf, workbook, MAX_ZIP_DIRECTORY_BYTES)):
        attrs = _attrs(element)
        name = html.unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
        part = targets.get(attrs.get(b"r:id"))
        if part is not None:
            parts.setdefault(name, part)
    return parts


def _attrs(element: bytes) -> dict[bytes, bytes]:
    return {m[1]: m[2] or m[3] or b"" for m in _SHEET_ATTR_RE.finditer(element)}


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def sheet_grid(path: Path, fmt: str, limits: Limits, sheet: str | None) -> list[list[object]]:
    """A sheet's cells from A1 (row 0 = Excel row 1, column 0 = column A), for rewriting it."""
    for raw in iter_sheets(path, fmt, limits, sheet):
        width = raw.left + max((len(r) for r in raw.rows), default=0)
        grid: list[list[object]] = [[""] * width for _ in range(raw.top)]
        grid.extend([""] * raw.left + list(r) for r in raw.rows)
        return grid
    return []
