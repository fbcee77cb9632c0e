"""Cut the roster out of a sheet: the participant rows, each field's raw cells, the month block.

Nothing is parsed here. Parsing and checking run later over the rosters of many
files at once (``batch.py``), because pandas costs per call, not per row: one
call over 1,585 villages is far cheaper than 1,585 calls over 75 rows. What this
step keeps is every value's Excel coordinates: each row's Excel row number and
the column letter of every field and month.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bkbk_cli.findings import FIELDS, column_letter
from bkbk_cli.read.layout import Layout, totals_rows
from bkbk_cli.read.workbook import RawSheet
from bkbk_cli.village_id import VillageId

#: The participant cells the checks read, named as in findings (``iuran`` is the months).
PARTICIPANT_CELLS: tuple[str, ...] = tuple(f for f in FIELDS if f != "iuran")
#: Every roster field read: the participant cells, and a consolidated roster's village.
ROSTER_FIELDS: tuple[str, ...] = (*PARTICIPANT_CELLS, "kode_desa", "nama_desa")
#: A row is a participant when it says who or holds something like an amount: a signature
#: block under the roster ("Air Mumu, 5 November 2026") has text in other columns only.
_IDENTITY = ("nik", "nama", "kategori", "no_kpj", "tanggal_lahir", "kode_desa")


_AMOUNT_START = (*"0123456789-", "Rp", "rp", "RP")
_amount_like = np.frompyfunc(
    lambda v: (
        isinstance(v, int | float) or (isinstance(v, str) and v.lstrip().startswith(_AMOUNT_START))
    ),
    1,
    1,
)


@dataclass
class SheetRoster:
    """The raw roster of one sheet: ``fields[name][i]`` and ``month_cells[i, j]`` are the
    cells of participant row ``i`` (Excel row ``rows[i]``), as the reader gave them."""

    sheet: str
    layout: Layout
    rows: np.ndarray
    fields: dict[str, np.ndarray]
    months: list[str]
    month_cells: np.ndarray
    field_columns: dict[str, str]
    month_columns: dict[str, str]
    header_row: int

    @property
    def rows_read(self) -> int:
        return len(self.rows)


#: A preamble finding: code, row, column, field, period, value, expected.
Preamble = tuple[str, object, object, object, object, object, object]


@dataclass
class Prepared:
    """A readable roster and what is known of its file before the checks run."""

    label: str
    roster: SheetRoster
    village_code: str | None
    village_name: str | None
    row_villages: np.ndarray | None  # consolidated rosters: each row's village code
    year: int
    period: str
    preamble: list[Preamble] = field(default_factory=list)
    village: VillageId | None = None  # where the village came from (``village_id``)


def _says_who(grid: np.ndarray, identity: list[int]) -> np.ndarray:
    """Rows with something in any of the ``identity`` columns.

    Readers give "" for an empty cell; None is looked for in these columns only. Nearly
    every row is decided by its first identity cell, so the next column is looked at
    only for the rows still blank: one pass over a province's 119,000 rows, not six.
    """
    blank = np.arange(len(grid))
    for col in identity:
        if not len(blank):
            break
        values = grid[blank, col]
        blank = blank[(values == "") | (values == None)]  # noqa: E711 - element-wise
    keep = np.ones(len(grid), dtype=bool)
    keep[blank] = False
    return keep


def _columns(grid: np.ndarray, cols: list[int]) -> np.ndarray:
    """``grid[:, cols]``: a view, not a copy, when the columns stand side by side in order
    (a roster's months nearly always do: 1.4 million cells not copied for a province)."""
    if cols and cols == list(range(cols[0], cols[0] + len(cols))):
        return grid[:, cols[0] : cols[0] + len(cols)]
    return grid[:, cols]


def extract_roster(sheet: RawSheet, layout: Layout) -> SheetRoster:
    """The participant rows of ``sheet`` under its header (see ``SheetRoster``)."""
    data_rows = sheet.rows[layout.header_index + 1 :]
    width = max(map(len, sheet.rows), default=0)
    if min(map(len, data_rows), default=width) == width:  # calamine's rows are rectangular
        grid = np.empty((len(data_rows), width), dtype=object)
        grid[:] = data_rows if data_rows else grid
    else:
        grid = np.full((len(data_rows), width), "", dtype=object)
        for i, row in enumerate(data_rows):
            grid[i, : len(row)] = row
    excel_rows = np.arange(len(data_rows), dtype=np.int64) + sheet.top + layout.header_index + 2

    columns = layout.columns
    month_cols = list(layout.months.values())
    identity = [c for name, c in columns.items() if name in _IDENTITY]
    if len(grid):
        totals = totals_rows(grid, columns)
        if totals.any():  # the roster ends at its JUMLAH line; below it are signatures
            end = int(np.argmax(totals))
            grid, excel_rows = grid[:end], excel_rows[:end]
        keep = _says_who(grid, identity)
        nameless = np.nonzero(~keep)[0]
        if month_cols and len(nameless):  # no name but a payment: a participant to fix
            paid = grid[np.ix_(nameless, month_cols)]
            keep[nameless] = _amount_like(paid).astype(bool).any(axis=1)
        if not keep.all():  # a copy of the grid, only when a row goes
            grid, excel_rows = grid[keep], excel_rows[keep]

    n = len(grid)
    fields = {
        name: grid[:, columns[name]] if name in columns else np.full(n, "", dtype=object)
        for name in ROSTER_FIELDS
    }
    return SheetRoster(
        sheet=sheet.name,
        layout=layout,
        rows=excel_rows,
        fields=fields,
        months=list(layout.months),
        month_cells=_columns(grid, month_cols),
        field_columns={name: column_letter(sheet.left + col) for name, col in columns.items()},
        month_columns={m: column_letter(sheet.left + c) for m, c in layout.months.items()},
        header_row=sheet.top + layout.header_index + 1,
    )
