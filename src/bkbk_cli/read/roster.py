"""From a sheet and its layout to the roster tables the checks work on.

The result keeps every value's Excel coordinates: each participant row carries
its Excel row number, and the column letter of every field and month is kept
beside the table, so a finding is located by the reader, never recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bkbk_cli.findings import column_letter, concat_findings, empty_findings, make_findings
from bkbk_cli.read import cells
from bkbk_cli.read.layout import Layout, totals_rows
from bkbk_cli.read.workbook import RawSheet

#: Roster fields as they appear in findings (``field``), by layout column name.
FINDING_FIELD = {
    "nik": "nik",
    "nama": "nama",
    "jenis_kelamin": "jenis_kelamin",
    "tanggal_lahir": "tanggal_lahir",
    "kategori": "kategori",
    "pekerjaan": "pekerjaan",
    "no_kpj": "no_kpj",
    "tanggal_terdaftar": "tanggal_terdaftar",
}


@dataclass
class SheetRoster:
    """One roster sheet as tables.

    ``people`` has one row per participant row (blank and totals rows dropped),
    indexed 0..n-1; ``amounts`` is the n x len(months) matrix of contributions
    (NaN = blank), ``amount_invalid`` marks cells that hold something that is not
    an amount.
    """

    sheet: str
    layout: Layout
    people: pd.DataFrame
    months: list[str]
    amounts: np.ndarray
    amount_invalid: np.ndarray
    amount_text: np.ndarray
    field_columns: dict[str, str]
    month_columns: dict[str, str]
    header_row: int
    findings: pd.DataFrame = field(default_factory=empty_findings)

    @property
    def rows_read(self) -> int:
        return len(self.people)


def _series(grid: np.ndarray, col: int | None) -> pd.Series:
    if col is None or col >= grid.shape[1]:
        return pd.Series([""] * grid.shape[0], dtype=object)
    return pd.Series(grid[:, col], dtype=object)


def extract_roster(sheet: RawSheet, layout: Layout, pivot_year: int) -> SheetRoster:
    """Build the roster tables of one sheet (see ``SheetRoster``)."""
    data_rows = sheet.rows[layout.header_index + 1 :]
    width = max((len(r) for r in sheet.rows), default=0)
    grid = np.empty((len(data_rows), width), dtype=object)
    for i, row in enumerate(data_rows):
        grid[i, : len(row)] = row
    grid[grid == None] = ""  # noqa: E711 - element-wise comparison on an object array
    excel_rows = np.arange(len(data_rows)) + sheet.top + layout.header_index + 2

    month_cols = list(layout.months.values())
    # a row is a participant when it says who (NIK, name, category, KPJ, birth date) or holds
    # a payment: a signature block under the roster has text in other columns only
    identity = ("nik", "nama", "kategori", "no_kpj", "tanggal_lahir", "kode_desa")
    field_cols = [c for name, c in layout.columns.items() if name in identity]
    if len(grid):
        totals = totals_rows(grid, layout.columns)
        if totals.any():  # the roster ends at its JUMLAH line; below it are signatures
            end = int(np.argmax(totals))
            grid, excel_rows = grid[:end], excel_rows[:end]
        used = grid[:, field_cols + month_cols]
        blank = used == ""
        if blank.size and not blank.all():
            texts = np.frompyfunc(lambda v: isinstance(v, str) and not v.strip(), 1, 1)
            blank = blank | texts(used).astype(bool)
        keep = ~blank.all(axis=1) if used.shape[1] else np.zeros(len(grid), bool)
        grid = grid[keep]
        excel_rows = excel_rows[keep]

    columns = layout.columns
    people = pd.DataFrame({"row": excel_rows.astype(np.int64)})
    found: list[pd.DataFrame] = []
    letters = {name: column_letter(sheet.left + col) for name, col in columns.items()}

    for name in FINDING_FIELD:
        raw = _series(grid, columns.get(name))
        bad = cells.error_values(raw)
        if bad.any():
            found.append(
                make_findings(
                    "CELL_ERROR_VALUE",
                    pos=pd.Series(bad[bad].index),
                    row=people["row"][bad],
                    field=FINDING_FIELD[name],
                    value=raw[bad].str.strip(),
                )
            )
            grid_col = columns[name]
            grid[bad.to_numpy(), grid_col] = ""

    nik = cells.parse_nik(_series(grid, columns.get("nik")))
    people["nik"] = nik["nik"]
    people["nik_missing"] = nik["missing"]
    people["nik_as_number"] = nik["as_number"]
    people["nik_bad_chars"] = nik["bad_chars"]
    people["nik_length"] = nik["length"]
    people["nama"] = cells.as_text(_series(grid, columns.get("nama")))
    for name, parser in (
        ("jenis_kelamin", cells.parse_jenis_kelamin),
        ("kategori", cells.parse_kategori),
    ):
        raw = _series(grid, columns.get(name))
        parsed, invalid = parser(raw)
        people[name] = parsed
        people[f"{name}_invalid"] = invalid
        people[f"{name}_text"] = cells.as_text(raw)
    for name in ("tanggal_lahir", "tanggal_terdaftar"):
        raw = _series(grid, columns.get(name))
        parsed, invalid = cells.parse_dates(raw, pivot_year)
        people[name] = parsed
        people[f"{name}_invalid"] = invalid
        people[f"{name}_text"] = cells.as_text(raw)
    people["pekerjaan"] = cells.as_text(_series(grid, columns.get("pekerjaan")))
    people["no_kpj"] = cells.as_text(_series(grid, columns.get("no_kpj")))
    if "kode_desa" in columns:
        people["village_code"] = cells.as_text(_series(grid, columns["kode_desa"]))
    if "nama_desa" in columns:
        people["village_name"] = cells.as_text(_series(grid, columns["nama_desa"]))

    months = list(layout.months)
    n, k = len(people), len(months)
    amounts = np.full((n, k), np.nan)
    amount_invalid = np.zeros((n, k), dtype=bool)
    amount_text = np.full((n, k), None, dtype=object)
    if n and k:
        block = pd.Series(grid[:, month_cols].ravel(order="F"), dtype=object)
        values, invalid = cells.parse_amounts(block)
        amounts = values.to_numpy().reshape((n, k), order="F")
        amount_invalid = invalid.to_numpy().reshape((n, k), order="F")
        if amount_invalid.any():
            texts = cells.as_text(block[invalid])
            flat = np.full(n * k, None, dtype=object)
            flat[invalid.to_numpy()] = texts.to_numpy()
            amount_text = flat.reshape((n, k), order="F")

    return SheetRoster(
        sheet=sheet.name,
        layout=layout,
        people=people,
        months=months,
        amounts=amounts,
        amount_invalid=amount_invalid,
        amount_text=amount_text,
        field_columns={FINDING_FIELD.get(k2, k2): v for k2, v in letters.items()},
        month_columns={m: column_letter(sheet.left + c) for m, c in layout.months.items()},
        header_row=sheet.top + layout.header_index + 1,
        findings=concat_findings(found),
    )
