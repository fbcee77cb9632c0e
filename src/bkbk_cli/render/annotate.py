"""The annotated roster: the workbook the analyst sends back to the village.

It is a copy of the village's own roster with every flagged cell coloured (red
for errors, amber for warnings, light blue for info) and carrying a comment
that says what is wrong, plus a sheet ``Temuan`` that lists every finding,
including those that belong to no cell. The village fixes the cells in the file
it knows instead of matching a separate report against its roster.

The roster came from an upload, so nothing in it may run when the analyst or
the village opens the copy: every formula from the upload is written back as
its text, defined names that are not plain ranges and external links are
dropped, and all text passes through ``xlsx_safe``. The source file is never
written; the output is replaced atomically, so a failed run never leaves a
half-written file or damages the previous one.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    quote_sheetname,
)
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from bkbk_cli.atomic import write_atomically
from bkbk_cli.findings import SEVERITY_ORDER, Finding
from bkbk_cli.messages import Lang, current_lang, label
from bkbk_cli.render.feedback_sheet import is_summary_sheet
from bkbk_cli.render.xlsx_safe import (
    clean_text,
    looks_like_formula,
    set_text_safe,
    unused_sheet_title,
)
from bkbk_cli.words import word, worded

if TYPE_CHECKING:
    from bkbk_cli.render.feedback import Feedback

__all__ = ["FINDINGS_SHEET", "AnnotateError", "annotate_workbook"]

#: Title of the sheet that lists every finding.
FINDINGS_SHEET = "Temuan"
#: Author of the comments this module writes; lets a re-check of a returned,
#: already annotated roster remove the stale comments of the previous round.
COMMENT_AUTHOR = "BKBK"

# Excel's own "Bad" (red) and "Neutral" (amber) fills, and a light blue for
# info: pale enough that the cell's text stays readable.
FILL_COLOURS: dict[str, str] = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
_FILLS = {
    sev: PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)
    for sev, rgb in FILL_COLOURS.items()
}
_FILL_RGBS = {fill.fgColor.rgb for fill in _FILLS.values()}
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")

# Header labels of the findings sheet (``annotate.<key>`` in ``words.WORDS``), and widths.
_COLUMNS: tuple[tuple[str, int], ...] = (
    ("severity", 12),
    ("code", 26),
    ("sheet", 18),
    ("cell", 8),
    ("row", 8),
    ("column", 8),
    ("field", 16),
    ("period", 10),
    ("message", 90),
)

_MAX_ROW = 1_048_576
_MAX_COLUMN = 16_384
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}

Place = tuple[Worksheet, int, int]  # sheet, 1-based row, 1-based column


class AnnotateError(RuntimeError):
    """The annotated workbook could not be produced; the message says why."""


def annotate_workbook(
    source: Path,
    sheet: str | None,
    findings: Sequence[Finding],
    out: Path,
    lang: Lang = "id",
    cells: list[list[object]] | None = None,
    feedback: Feedback | None = None,
) -> None:
    """Write ``out``: the roster ``source`` with ``findings`` marked on it.

    With ``feedback`` the copy opens on a first sheet "Ringkasan" that tells the
    village in plain words what to fix (see ``feedback_sheet``).

    An .xlsx/.xlsm ``source`` is copied with its formatting (``sheet`` names
    the roster sheet, ``None`` means the first sheet). Any other format, or an
    .xlsx openpyxl cannot load, needs ``cells``: the roster sheet's raw grid,
    row 0 being Excel row 1 and column 0 column A; the copy is then a plain
    workbook with one sheet built from it. Raises ``AnnotateError`` when neither
    works or ``out`` cannot be written; ``out`` is then left as it was.
    """
    source, out = Path(source), Path(out)
    _refuse_to_overwrite_source(source, out)
    lang = current_lang(lang)
    wb, roster, is_copy = _open_roster(source, sheet, cells)
    ordered = sorted(findings, key=_sort_key)
    first_columns = _FirstColumns()
    placed = [(f, _place(f, wb, roster, is_copy, first_columns)) for f in ordered]
    _mark_cells(placed)
    _write_findings_sheet(wb, placed, lang)
    _show_first(wb, roster)
    if feedback is not None:
        from bkbk_cli.render.feedback_sheet import write_summary_sheet

        _show_first(wb, write_summary_sheet(wb, feedback, roster.title))
    _save_atomic(wb, out)


# --- the roster ---------------------------------------------------------------


def _refuse_to_overwrite_source(source: Path, out: Path) -> None:
    same = out.resolve() == source.resolve()
    if not same and out.exists() and source.exists():
        same = os.path.samefile(out, source)
    if same:
        raise worded(AnnotateError, "annotate.overwrite", source=source)


def _open_roster(
    source: Path, sheet: str | None, cells: list[list[object]] | None
) -> tuple[Workbook, Worksheet, bool]:
    """The workbook to annotate, its roster sheet, and whether it is a copy of ``source``."""
    if source.suffix.lower() in _XLSX_SUFFIXES:
        try:
            with warnings.catch_warnings():
                # The reader has already reported on the file; openpyxl's notes
                # about unsupported extensions are noise here.
                warnings.simplefilter("ignore")
                wb = load_workbook(source, read_only=False, keep_vba=False)
        except Exception as exc:
            if cells is None:
                # calamine reads what openpyxl refuses (a control character written
                # as &#27;, an .xls body behind an .xlsx name): annotate a plain copy
                cells = _cells_of(source, sheet, exc)
        else:
            roster = _find_sheet(wb, sheet)
            if roster is not None:
                _neutralise_upload(wb, roster)
                return wb, roster, True
            if cells is None:
                raise AnnotateError(f"{source.name} has no worksheet {sheet!r}")
    elif cells is None:
        kind = source.suffix or "a file without extension"
        raise AnnotateError(f"cannot copy {kind} as a workbook; pass the roster's cells")
    wb = _workbook_from_cells(cells, sheet)
    return wb, wb.worksheets[0], False


def _cells_of(source: Path, sheet: str | None, why: Exception) -> list[list[object]]:
    from bkbk_cli.config import Limits
    from bkbk_cli.read.guard import sniff_format
    from bkbk_cli.read.workbook import WorkbookError, sheet_grid

    try:
        return sheet_grid(source, sniff_format(source) or "xlsx", Limits(), sheet)
    except WorkbookError as exc:
        raise AnnotateError(
            f"openpyxl cannot open {source.name} ({type(why).__name__}: {why}), "
            f"nor can its cells be read ({exc.code})"
        ) from why


def _find_sheet(wb: Workbook, sheet: str | None) -> Worksheet | None:
    if not wb.worksheets:
        return None
    if sheet is None:
        return wb.worksheets[0]
    for ws in wb.worksheets:
        if ws.title == sheet:
            return ws
    # Excel's sheet names are case-insensitive.
    return next((ws for ws in wb.worksheets if ws.title.casefold() == sheet.casefold()), None)


def _neutralise_upload(wb: Workbook, roster: Worksheet) -> None:
    """Make sure nothing from the upload runs, and drop our previous round's marks."""
    for name, defn in list(wb.defined_names.items()):
        if not _plain_range(defn):
            del wb.defined_names[name]
    wb._external_links = []  # formulas that used them are text now
    for ws in list(wb.worksheets):
        if ws is not roster and (_is_findings_sheet(ws) or is_summary_sheet(ws)):
            wb.remove(ws)  # the list from a previous round; a new one is written
            continue
        for name, defn in list(ws.defined_names.items()):
            if not _plain_range(defn):
                del ws.defined_names[name]
        # ws._cells holds only the cells that exist; iter_rows would create the
        # whole used rectangle.
        for cell in list(ws._cells.values()):
            _neutralise_cell(cell)


def _neutralise_cell(cell: Cell) -> None:
    if cell.data_type == "f":
        value = cell.value
        # ArrayFormula keeps its text in .text; DataTableFormula has none.
        set_text_safe(cell, value if isinstance(value, str) else getattr(value, "text", None))
    elif cell.data_type == "s" and isinstance(cell.value, str):
        text = cell.value
        if looks_like_formula(text) or clean_text(text) != text:
            set_text_safe(cell, text)
    comment = cell.comment
    if comment is not None and comment.author == COMMENT_AUTHOR:
        cell.comment = None
    if cell.has_style:
        fill = cell.fill
        if fill.fill_type == "solid" and fill.fgColor.rgb in _FILL_RGBS:
            cell.fill = PatternFill()


def _plain_range(defn: object) -> bool:
    """A defined name that only points at cells of this workbook (kept for dropdowns)."""
    value = getattr(defn, "value", None) or ""
    try:
        return defn.type == "RANGE" and "[" not in value  # type: ignore[attr-defined]
    except Exception:  # a name openpyxl cannot parse is not kept
        return False


def _is_findings_sheet(ws: Worksheet) -> bool:
    a1, b1 = ws._cells.get((1, 1)), ws._cells.get((1, 2))
    first = (a1 and a1.value, b1 and b1.value)
    return ws.title.startswith(FINDINGS_SHEET) and first in {
        (word("annotate.severity", lang), word("annotate.code", lang)) for lang in ("id", "en")
    }


def _workbook_from_cells(cells: list[list[object]], sheet: str | None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(sheet)
    for r, row in enumerate(cells[:_MAX_ROW], start=1):
        for c, value in enumerate(list(row)[:_MAX_COLUMN], start=1):
            if value is None or (isinstance(value, str) and value == ""):
                continue
            set_text_safe(ws.cell(row=r, column=c), value)
    return wb


def _sheet_title(name: str | None) -> str:
    """``name`` made into a valid sheet title (Excel forbids []:*?/\\ and >31 characters)."""
    title = clean_text(name or "").translate({ord(ch): "_" for ch in "[]:*?/\\"})
    title = title.strip().strip("'")[:31].strip()
    if not title or title.casefold() in {FINDINGS_SHEET.casefold(), "history"}:
        return "Roster"
    return title


# --- marking cells ----------------------------------------------------------


def _sort_key(f: Finding) -> tuple[int, bool, int, int, str]:
    # Errors, then warnings, then info; within each, file-level findings first,
    # then by row and column as the user reads the sheet.
    return (
        SEVERITY_ORDER.get(f.severity, len(SEVERITY_ORDER)),
        f.row is not None,
        f.row or 0,
        _column_index(f.column) or 0,
        f.code,
    )


def _column_index(column: str | None) -> int | None:
    if not column:
        return None
    try:
        index = column_index_from_string(column.strip().upper())
    except ValueError:
        return None
    return index if 1 <= index <= _MAX_COLUMN else None


def _place(
    f: Finding, wb: Workbook, roster: Worksheet, is_copy: bool, first_columns: _FirstColumns
) -> Place | None:
    """The cell that carries ``f``, or ``None`` for a file-level finding."""
    row, column = f.row, f.column
    if row is None and column is None and f.cell:
        with contextlib.suppress(ValueError):
            column, row = coordinate_from_string(f.cell.strip())
    if row is None or not 1 <= row <= _MAX_ROW:
        return None
    ws = roster
    # A copy keeps the upload's other sheets, so a finding may point at one of
    # them; a workbook built from cells has only the roster.
    if is_copy and f.sheet and f.sheet != roster.title and f.sheet in wb.sheetnames:
        other = wb[f.sheet]
        if isinstance(other, Worksheet):
            ws = other
    col = _column_index(column)
    if col is None:  # a row-level finding: mark the row's first cell
        col = first_columns(ws, row)
    return ws, row, col


class _FirstColumns:
    """The first non-empty column of each row, indexed once per sheet on demand."""

    def __init__(self) -> None:
        self._by_sheet: dict[int, dict[int, int]] = {}

    def __call__(self, ws: Worksheet, row: int) -> int:
        index = self._by_sheet.get(id(ws))
        if index is None:
            index = self._by_sheet[id(ws)] = {}
            for (r, c), cell in ws._cells.items():
                if cell.value is not None and c < index.get(r, _MAX_COLUMN + 1):
                    index[r] = c
        first = index.get(row)
        return ws.min_column if first is None else first


def _mark_cells(placed: list[tuple[Finding, Place | None]]) -> None:
    by_cell: dict[tuple[int, int, int], tuple[Place, list[Finding]]] = {}
    for f, place in placed:
        if place is not None:
            ws, row, col = place
            by_cell.setdefault((id(ws), row, col), (place, []))[1].append(f)
    for (ws, row, col), group in by_cell.values():
        cell = _writable_cell(ws, row, col)
        cell.fill = _FILLS[group[0].severity]  # sorted: the worst comes first
        lines = dict.fromkeys(f"{f.code}: {f.message}" for f in group)
        text = "\n".join(lines)
        previous = cell.comment
        if previous is not None and previous.author != COMMENT_AUTHOR:
            text += "\n\n" + previous.text  # the village's own note stays
        cell.comment = _comment(text)


def _writable_cell(ws: Worksheet, row: int, col: int) -> Cell:
    cell = ws.cell(row=row, column=col)
    if isinstance(cell, MergedCell):  # only a merged range's top-left cell holds anything
        for merged in ws.merged_cells.ranges:
            if cell.coordinate in merged:
                return ws.cell(row=merged.min_row, column=merged.min_col)
    return cell


def _comment(text: str) -> Comment:
    text = clean_text(text)
    lines = sum(1 + len(line) // 60 for line in text.splitlines()) or 1
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width = 360
    comment.height = min(20 + 14 * lines, 400)
    return comment


# --- the findings sheet -------------------------------------------------------


def _write_findings_sheet(
    wb: Workbook, placed: list[tuple[Finding, Place | None]], lang: Lang
) -> None:
    ws = wb.create_sheet(unused_sheet_title(wb, FINDINGS_SHEET))
    bold = Font(bold=True)
    for c, (key, width) in enumerate(_COLUMNS, start=1):
        cell = ws.cell(row=1, column=c)
        set_text_safe(cell, word(f"annotate.{key}", lang))
        cell.font = bold
        cell.fill = _HEADER_FILL
        ws.column_dimensions[get_column_letter(c)].width = width
    # Styles are set on as few cells as possible: openpyxl is slow at it, and a
    # village can have thousands of findings.
    wrapped = Alignment(vertical="top", wrap_text=True)
    for r, (f, place) in enumerate(placed, start=2):
        coordinate = f.cell or (f"{f.column}{f.row}" if f.column and f.row else None)
        sheet_name = f.sheet or (place[0].title if place else None)
        values = (
            label(f.severity, lang),
            f.code,
            sheet_name,
            coordinate,
            f.row,
            f.column,
            f.field,
            f.period,
            f.message,
        )
        for c, value in enumerate(values, start=1):
            set_text_safe(ws.cell(row=r, column=c), value)
        ws.cell(row=r, column=len(values)).alignment = wrapped
        ws.cell(row=r, column=1).fill = _FILLS[f.severity]
        if place is not None:
            _link(ws.cell(row=r, column=4 if coordinate else 5), place)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(_COLUMNS))}{len(placed) + 1}"


def _link(cell: Cell, place: Place) -> None:
    """Make ``cell`` jump to the marked cell (an internal link, nothing leaves the file)."""
    ws, row, col = place
    target = f"{quote_sheetname(ws.title)}!{get_column_letter(col)}{row}"
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
    cell.font = Font(color="0563C1", underline="single")


def _show_first(wb: Workbook, roster: Worksheet) -> None:
    """Open on the roster, and on it alone (several selected tabs edit as a group)."""
    roster.sheet_state = "visible"
    wb.active = roster
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is roster


# --- writing ------------------------------------------------------------------


def _save_atomic(wb: Workbook, out: Path) -> None:
    """Save so that ``out`` is the complete new workbook or, on failure, what it was."""
    try:
        write_atomically(out, wb.save)
    except OSError as exc:
        reason = exc.strerror or exc  # "No such file or directory", not "[Errno 2] ...: 'path'"
        raise worded(AnnotateError, "cli.cannot_write", path=out, reason=reason) from exc
