"""A roster spread over several sheets or blocks: one sheet per category, or several villages
in one workbook (a kecamatan sends one file: a sheet or a block per village).

Each sheet (or block, a title and a header repeated lower in a sheet) is read on its
own, exactly as a one-sheet roster, and the pieces are put together as one roster
whose rows remember their sheet and columns. Sheets named after a category
(``Miskin Ekstrem``, ``Pekerja Rentan``) are one village's roster, the category given
by the sheet; pieces naming different villages become a roster with a village per
row, split per village the way a consolidated roster is (``ingest``).
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import replace

import numpy as np

from bkbk_cli.read.layout import Layout, find_layout
from bkbk_cli.read.roster import SheetRoster, extract_roster
from bkbk_cli.read.workbook import RawSheet

_CATEGORY_SHEETS = {
    "miskinekstrem": "Miskin Ekstrem",
    "miskinekstrim": "Miskin Ekstrem",
    "me": "Miskin Ekstrem",
    "pekerjarentan": "Pekerja Rentan",
    "pr": "Pekerja Rentan",
}
_FOLD = re.compile(r"[^a-z]+")


def sheet_category(name: str) -> str | None:
    """The category a sheet's name gives (``Miskin Ekstrem``, ``PR 2025``), or None."""
    folded = _FOLD.sub("", name.lower())
    for key, label in _CATEGORY_SHEETS.items():
        if folded == key or (len(key) > 2 and key in folded):
            return label
    return None


def split_blocks(sheet: RawSheet, layout: Layout) -> list[RawSheet]:
    """The sheet cut at every header repeated under the first (one block per village),
    or ``[sheet]`` when the header is not repeated."""
    nik_col = layout.columns.get("nik")
    if nik_col is None:
        return [sheet]
    last = layout.header_rows[-1] if layout.header_rows else layout.header_index
    header_text = sheet.rows[last][nik_col]
    if not isinstance(header_text, str) or not header_text:
        return [sheet]
    start = layout.data_start
    rows = sheet.rows[start:]
    try:  # C loops: a reader's rows are as wide as the sheet
        column = list(map(operator.itemgetter(nik_col), rows))
    except IndexError:
        column = [r[nik_col] if nik_col < len(r) else "" for r in rows]
    if header_text not in column:
        return [sheet]
    again = [start + i for i, value in enumerate(column) if value == header_text]
    blocks: list[RawSheet] = []
    cuts = [0]
    for index in again:  # each block starts after the previous block's last participant
        previous = cuts[-1]
        cut = index
        while cut - 1 > previous and _title_like(sheet.rows[cut - 1]):
            cut -= 1
        cuts.append(cut)
    cuts.append(len(sheet.rows))
    for a, b in itertools.pairwise(cuts):
        rows = sheet.rows[a:b]
        merged = tuple(m for m in sheet.merged if a <= m[0][0] - sheet.top < b)
        blocks.append(replace(sheet, rows=rows, top=sheet.top + a, merged=merged))
    return blocks


def _title_like(row: list[object]) -> bool:
    """A row of a title block: blank, or text only with no NIK-like number."""
    values = [v for v in row if v not in ("", None)]
    return all(isinstance(v, str) and not v.strip()[:1].isdigit() for v in values)


def read_pieces(sheets: list[tuple[RawSheet, Layout]]) -> list[SheetRoster]:
    """Each sheet's rosters, a block per village where a sheet repeats its header."""
    pieces: list[SheetRoster] = []
    for sheet, layout in sheets:
        blocks = split_blocks(sheet, layout)
        if len(blocks) == 1:
            pieces.append(extract_roster(sheet, layout))
            continue
        for block in blocks:
            block_layout = find_layout(block)
            if block_layout is not None:
                pieces.append(extract_roster(block, block_layout))
    return pieces


def _village_of(piece: SheetRoster) -> str | None:
    """The piece's village code, decided as a roster's is (``village_id``) from its title
    block and its sheet's name (not the file's: that names the kecamatan's workbook)."""
    from bkbk_cli.village_id import identify_village

    found = identify_village(
        title=piece.layout.title,
        sheet_name=piece.sheet,
        title_cells=piece.layout.title_cells,
    )
    return found.code


def combine(pieces: list[SheetRoster]) -> SheetRoster:
    """One roster from the pieces (see the module's docstring); a single piece as it is.

    Category sheets are combined only when every piece is named after a category; pieces
    are villages when they name at least two villages (by code or by name in their title
    blocks, or each sheet named after a village); anything else keeps the first piece, as
    a workbook holding a copy of its roster.
    """
    if len(pieces) == 1:
        return pieces[0]
    categories = [sheet_category(p.sheet) for p in pieces]
    names = [p.layout.title.get("village_name") or p.sheet for p in pieces]
    villages = [_village_of(p) for p in pieces]
    by_category = all(categories) and len({p.sheet for p in pieces}) == len(pieces)
    codes = {v for v in villages if v}
    title_names = {p.layout.title.get("village_name") for p in pieces} - {None}
    by_village = not by_category and (len(codes) > 1 or len(title_names) > 1)
    if not by_category and not by_village:
        return pieces[0]
    n = sum(p.rows_read for p in pieces)
    months = sorted({m for p in pieces for m in p.months})
    month_cells = np.full((n, len(months)), "", dtype=object)
    fields = {name: np.empty(n, dtype=object) for name in pieces[0].fields}
    row_sheets = np.empty(n, dtype=object)
    start = 0
    sources = dict(pieces[0].sources)
    for piece, kategori, code, name in zip(pieces, categories, villages, names, strict=True):
        stop = start + piece.rows_read
        for field_name, values in piece.fields.items():
            fields[field_name][start:stop] = values
        if piece.months:
            where = [months.index(m) for m in piece.months]
            month_cells[start:stop, where] = piece.month_cells
        row_sheets[start:stop] = piece.sheet
        if by_category:
            kategori_cells = fields["kategori"][start:stop]
            blank = np.array([v in ("", None) for v in kategori_cells.tolist()], dtype=bool)
            kategori_cells[blank] = kategori
            if blank.any():
                sources["kategori"] = "sheet"
        if by_village:
            fields["kode_desa"][start:stop] = code or ""
            fields["nama_desa"][start:stop] = name or ""
        start = stop
    first = pieces[0]
    field_columns = dict(first.field_columns)
    for piece in pieces[1:]:
        for key, letter in piece.field_columns.items():
            field_columns.setdefault(key, letter)
    return replace(
        first,
        rows=np.concatenate([p.rows for p in pieces]),
        fields=fields,
        months=months,
        month_cells=month_cells,
        field_columns=field_columns,
        month_columns={m: c for p in reversed(pieces) for m, c in p.month_columns.items()},
        sources=sources,
        section_rows=[s for p in pieces for s in p.section_rows],
        row_sheets=row_sheets,
        pieces=pieces,
        pieces_kind="category" if by_category else "village",
    )
