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

from bkbk_cli.findings import ROSTER_FIELDS, column_letter
from bkbk_cli.read.layout import Layout
from bkbk_cli.read.rows import SUBTOTAL_SPELLINGS, RowRoles, roles, totals_rows
from bkbk_cli.read.workbook import RawSheet
from bkbk_cli.village_id import VillageId

#: Every field read from a roster: the participant cells (``findings.ROSTER_FIELDS``), and a
#: consolidated roster's village.
READ_FIELDS: tuple[str, ...] = (*ROSTER_FIELDS, "kode_desa", "nama_desa")
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
    #: the rows that are not participants and why (``None``: the tidy path, none looked at)
    row_roles: RowRoles | None = None
    #: where a field not read from its own column came from: "sections", "ticks", "ttl"
    sources: dict[str, str] = field(default_factory=dict)
    #: Excel row of every section row and its label (the category of the rows below)
    section_rows: list[tuple[int, str]] = field(default_factory=list)
    #: a roster put together from several sheets or blocks (``read.blocks``): each row's
    #: sheet, the pieces as read, and what they are ("category" or "village" pieces)
    row_sheets: np.ndarray | None = None
    pieces: list[SheetRoster] = field(default_factory=list)
    pieces_kind: str | None = None
    #: the header is repeated under the table: a block per village (``read.blocks``)
    header_repeated: bool = False

    @property
    def rows_read(self) -> int:
        return len(self.rows)


#: A preamble finding: code, row, column, field, period, value, expected (and, for a
#: roster of several sheets, the sheet it is about).
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


def _end_at_total(
    grid: np.ndarray, totals: np.ndarray, nik_col: int | None, excel_rows: np.ndarray
) -> tuple[int, list]:
    """Where the table ends: at the first total under which no row holds a NIK; the totals
    above it are subtotals (``JUMLAH I``), skipped. Returns the end and the skipped rows
    (Excel row, role, text)."""
    from bkbk_cli.read.rows import _has_nik, row_text

    skipped = []
    for t in np.flatnonzero(totals).tolist():
        texts = row_text(grid[t])
        if not SUBTOTAL_SPELLINGS.isdisjoint(grid[t]) or nik_col is None:
            below = False
        else:
            below = any(map(_has_nik, grid[t + 1 :, nik_col]))
        if not below and SUBTOTAL_SPELLINGS.isdisjoint(grid[t]):
            skipped.append((int(excel_rows[t]), "total", " | ".join(texts)[:80]))
            rest = [" | ".join(row_text(row)) for row in grid[t + 1 :]]
            rest = [text for text in rest if text]
            if rest:  # signatures and notes under the total, in one line
                skipped.append((int(excel_rows[t]) + 1, "below", " / ".join(rest)[:80]))
            return t, skipped
        skipped.append((int(excel_rows[t]), "subtotal", " | ".join(texts)[:80]))
    return len(grid), skipped


def _merged_rows(sheet: RawSheet, excel_rows: np.ndarray) -> np.ndarray:
    """Positions of the table's rows (Excel rows ``excel_rows``) that a merged range covers."""
    found: set[int] = set()
    for (r0, _c0), (r1, _c1) in sheet.merged:
        found.update(range(r0 + 1, r1 + 2))
    return np.flatnonzero(np.isin(excel_rows, np.array(sorted(found), dtype=np.int64)))


def _ticked(grid: np.ndarray, ticks: dict[str, int]) -> np.ndarray:
    """The value of the one ticked column of each row (``v``, ``√``, ``x``, ``1`` ...)."""
    from bkbk_cli.read.cells import TICKS

    out = np.full(len(grid), "", dtype=object)
    for value, col in ticks.items():
        marked = np.fromiter(
            ((isinstance(v, str) and v.strip().lower() in TICKS) or v == 1 for v in grid[:, col]),
            dtype=bool,
            count=len(grid),
        )
        both = marked & (out != "")
        out[marked & ~both] = value
        out[both] = out[both] + " + " + value  # two ticks: not a choice, a finding
    return out


def _birth_dates(values: np.ndarray) -> np.ndarray:
    """The date part of ``Tempat/Tgl Lahir`` cells (``Kuala Tungkal, 12-05-1980``)."""
    out = values.copy()
    for i, value in enumerate(values.tolist()):
        if isinstance(value, str) and "," in value:
            out[i] = value.rsplit(",", 1)[1].strip()
    return out


def extract_roster(sheet: RawSheet, layout: Layout) -> SheetRoster:
    """The participant rows of ``sheet`` under its header (see ``SheetRoster``)."""
    first = layout.data_start
    data_rows = sheet.rows[first:]
    width = max(map(len, sheet.rows), default=0)
    if min(map(len, data_rows), default=width) == width:  # calamine's rows are rectangular
        grid = np.empty((len(data_rows), width), dtype=object)
        grid[:] = data_rows if data_rows else grid
    else:
        grid = np.full((len(data_rows), width), "", dtype=object)
        for i, row in enumerate(data_rows):
            grid[i, : len(row)] = row
    excel_rows = np.arange(len(data_rows), dtype=np.int64) + sheet.top + first + 1

    columns = layout.columns
    month_cols = list(layout.months.values())
    identity = [c for name, c in columns.items() if name in _IDENTITY]
    identity += [c for group in layout.ticks.values() for c in group.values()]
    if "tempat_tgl_lahir" in columns:
        identity.append(columns["tempat_tgl_lahir"])
    nik_col = columns.get("nik")
    header_repeated = False
    if nik_col is not None and len(grid):
        last = layout.header_rows[-1] if layout.header_rows else layout.header_index
        header_text = sheet.rows[last][nik_col]
        if isinstance(header_text, str) and header_text:
            header_repeated = bool((grid[:, nik_col] == header_text).any())  # one C loop
    row_roles: RowRoles | None = None
    skipped_totals: list = []
    if len(grid):
        totals = totals_rows(grid, columns)
        if totals.any():  # the roster ends at its JUMLAH line; below it are signatures
            end, skipped_totals = _end_at_total(grid, totals, nik_col, excel_rows)
            keep_rows = ~totals
            keep_rows[end:] = False
            if not keep_rows.all():
                grid, excel_rows = grid[keep_rows], excel_rows[keep_rows]
        keep = _says_who(grid, identity)
        nameless = np.nonzero(~keep)[0]
        if month_cols and len(nameless):  # no name but a payment: a participant to fix
            paid = grid[np.ix_(nameless, month_cols)]
            keep[nameless] = _amount_like(paid).astype(bool).any(axis=1)
        if nik_col is not None:
            nik = grid[:, nik_col]
            suspects = np.flatnonzero((nik == "") | (nik == None))  # noqa: E711
            if sheet.merged:
                suspects = np.union1d(suspects, _merged_rows(sheet, excel_rows))
            if len(suspects) or skipped_totals:
                row_roles = roles(grid, nik_col, suspects)
                keep &= row_roles.keep
                row_roles.skipped = sorted(
                    skipped_totals
                    + [(int(excel_rows[i]), role, text) for i, role, text in row_roles.skipped]
                )
                row_roles.section_rows = [
                    (int(excel_rows[i]), label) for i, label in row_roles.section_rows
                ]
        if row_roles is not None and row_roles.sections is not None:
            sections = row_roles.sections
        else:
            sections = None
        if not keep.all():  # a copy of the grid, only when a row goes
            grid, excel_rows = grid[keep], excel_rows[keep]
            if sections is not None:
                sections = sections[keep]
        if row_roles is not None:
            row_roles.sections = sections
    n = len(grid)
    fields = {
        name: grid[:, columns[name]] if name in columns else np.full(n, "", dtype=object)
        for name in READ_FIELDS
    }
    field_columns = {name: column_letter(sheet.left + col) for name, col in columns.items()}
    sources: dict[str, str] = {}
    for name, ticks in layout.ticks.items():
        if name not in columns:
            fields[name] = _ticked(grid, ticks)
            field_columns[name] = column_letter(sheet.left + min(ticks.values()))
            sources[name] = "ticks"
    if "tanggal_lahir" not in columns and "tempat_tgl_lahir" in columns:
        fields["tanggal_lahir"] = _birth_dates(grid[:, columns["tempat_tgl_lahir"]])
        field_columns["tanggal_lahir"] = field_columns["tempat_tgl_lahir"]
        sources["tanggal_lahir"] = "ttl"
    section_rows: list[tuple[int, str]] = []
    if row_roles is not None:
        section_rows = row_roles.section_rows
        if row_roles.sections is not None:
            kategori = fields["kategori"]
            blank = np.array([v in ("", None) for v in kategori.tolist()], dtype=bool)
            labelled = blank & (row_roles.sections != None)  # noqa: E711
            if labelled.any():
                kategori = kategori.copy()
                kategori[labelled] = row_roles.sections[labelled]
                fields["kategori"] = kategori
                sources.setdefault("kategori", "sections")
    elif skipped_totals:
        row_roles = RowRoles(np.ones(0, dtype=bool), skipped_totals)
    return SheetRoster(
        sheet=sheet.name,
        layout=layout,
        rows=excel_rows,
        fields=fields,
        months=list(layout.months),
        month_cells=_columns(grid, month_cols),
        field_columns=field_columns,
        month_columns={m: column_letter(sheet.left + c) for m, c in layout.months.items()},
        header_row=sheet.top + layout.header_index + 1,
        row_roles=row_roles,
        sources=sources,
        section_rows=section_rows,
        header_repeated=header_repeated,
    )
