"""Open a workbook (or CSV) and hand over its sheets as grids of cell values.

python-calamine is the reader: it is the fastest available and gives each sheet
as plain Python rows plus the position of the first one, which is all the later
stages need to keep every value's Excel coordinates. Nothing here interprets
the cells; that is the layout's and the cell parsers' job.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bkbk_cli.config import Limits
from bkbk_cli.read.guard import extent_problem


@dataclass(frozen=True)
class RawSheet:
    """A sheet's cells: ``rows[i][j]`` is the cell at Excel row ``top + i + 1``, column ``left + j``
    (0-based column index)."""

    name: str
    rows: list[list[object]]
    top: int = 0
    left: int = 0

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
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(limits.max_cell_chars * 4, 131072))
    rows: list[list[object]] = []
    width = 0
    try:
        # checked line by line: 100 MB of "1\n" would be 50 million Python lists, and one
        # long line over many short ones a grid bomb once the short rows are padded
        for line in csv.reader(io.StringIO(text), dialect):
            rows.append(line)
            width = max(width, len(line))
            problem = extent_problem(len(rows), width, limits)
            if problem is not None:
                raise WorkbookError(*problem)
    except csv.Error as exc:
        raise WorkbookError("FILE_CORRUPT", str(exc)) from exc
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
            except WorkbookError:
                raise
            except pc.PasswordError as exc:
                raise WorkbookError("FILE_ENCRYPTED") from exc
            except Exception as exc:  # calamine raises several untyped errors on damaged parts
                raise WorkbookError("FILE_CORRUPT", _short(exc)) from exc
            yield RawSheet(name=name, rows=rows, top=start[0], left=start[1])
    finally:
        workbook.close()


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
