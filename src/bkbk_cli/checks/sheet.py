"""Sheet-scope checks: what the header, the column map and the sheet's cells say as a whole.

These rules read the layout (``read.layout``) and the raw roster cut out of the sheet,
not a participant's parsed values: a required column missing, no month columns, no
participant rows, an Excel error value in a cell, the enrolment date against the
period, and what was read leniently (marks instead of amounts, the category from
section rows ...), which is an ``info`` finding so the JSON shows how the sheet was read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bkbk_cli.findings import column_letter, concat_findings, make_findings

if TYPE_CHECKING:
    import pandas as pd

    from bkbk_cli.read.roster import Preamble, SheetRoster

#: The finding codes this module raises (``tests/test_checks_codes.py``).
CODES = (
    "HEADER_NOT_FOUND",
    "COLUMN_MISSING",
    "COLUMN_DUPLICATE",
    "MONTHS_MISSING",
    "MONTH_DUPLICATE",
    "ROSTER_EMPTY",
    "PERIOD_BEYOND_ROSTER",
    "CELL_ERROR_VALUE",
    "TGL_DAFTAR_MISSING",
    "TGL_DAFTAR_AFTER_PERIOD",
    "HEADER_AMBIGUOUS",
    "KATEGORI_FROM_SECTION",
    "KATEGORI_FROM_TICKS",
    "KATEGORI_FROM_SHEET",
    "JK_FROM_TICKS",
    "TGL_LAHIR_FROM_TTL",
    "IURAN_MARKS",
)


#: Findings about the sheet as a whole, not about a cell (the feedback pack tells them apart).
WHOLE_SHEET_CODES = frozenset(
    {"COLUMN_MISSING", "COLUMN_DUPLICATE", "MONTHS_MISSING", "MONTH_DUPLICATE", "ROSTER_EMPTY"}
)
#: No roster header in any sheet; and the warnings about how a header was read.
NO_HEADER = "HEADER_NOT_FOUND"
LAYOUT_WARNINGS = ("HEADER_AMBIGUOUS",)


def header_not_found() -> pd.DataFrame:
    """No sheet holds a row naming the roster's columns: the file cannot be checked."""
    return make_findings(NO_HEADER)


def header_findings(
    roster: SheetRoster, required: tuple[str, ...], period: str, last_month: str | None
) -> list[Preamble]:
    """What the header row says about the sheet as a whole (findings before any row)."""
    from bkbk_cli.continuity import month_number

    layout = roster.layout
    found: list[Preamble] = []
    for name in required:
        if name not in layout.columns and name not in roster.sources:
            found.append(("COLUMN_MISSING", roster.header_row, None, None, None, name, None))
    for name, col in layout.duplicate_columns:
        found.append(
            (
                "COLUMN_DUPLICATE",
                roster.header_row,
                column_letter(col),
                None,
                None,
                name,
                roster.field_columns.get(name),
            )
        )
    for month, col in layout.duplicate_months:
        found.append(
            ("MONTH_DUPLICATE", roster.header_row, column_letter(col), None, month, None, None)
        )
    if not roster.months:
        found.append(("MONTHS_MISSING", roster.header_row, None, None, None, None, None))
    if last_month and month_number(period) > month_number(last_month):
        found.append(("PERIOD_BEYOND_ROSTER", None, None, None, period, last_month, None))
    if not roster.rows_read:
        found.append(("ROSTER_EMPTY", roster.header_row, None, None, None, None, None))
    return found + lenient_findings(roster)


def lenient_findings(roster: SheetRoster) -> list[Preamble]:
    """How the sheet was read where it is not a tidy roster: an ambiguous header (a
    warning: that column is not read), and the lenient reads (info: they never fail a
    file, and the JSON shows them)."""
    layout = roster.layout
    top = roster.header_row - layout.header_index  # Excel row of the sheet's index 0
    left = _letter_index(roster)
    found: list[Preamble] = []
    for col, text, candidates in layout.ambiguous:
        row = top + (layout.header_rows[-1] if layout.header_rows else layout.header_index)
        found.append(
            (
                "HEADER_AMBIGUOUS",
                row,
                column_letter(left + col),
                None,
                None,
                text,
                " / ".join(candidates),
            )
        )
    from bkbk_cli.read.rows import section_category

    for row, label in roster.section_rows:
        if roster.sources.get("kategori") == "sections" and section_category(label):
            found.append(("KATEGORI_FROM_SECTION", row, None, None, None, label, None))
    for name, code in (("kategori", "KATEGORI_FROM_TICKS"), ("jenis_kelamin", "JK_FROM_TICKS")):
        if roster.sources.get(name) == "ticks":
            ticks = layout.ticks[name]
            names = " | ".join(f"{column_letter(left + c)} = {v}" for v, c in ticks.items())
            found.append(
                (code, roster.header_row, roster.field_columns[name], name, None, names, None)
            )
    if roster.sources.get("kategori") == "sheet":
        for piece in roster.pieces:  # one per sheet, on that sheet
            entry = ("KATEGORI_FROM_SHEET", piece.header_row, None, None, None, piece.sheet)
            found.append((*entry, None, piece.sheet))
    if roster.sources.get("tanggal_lahir") == "ttl":
        column = roster.field_columns["tanggal_lahir"]
        found.append(
            ("TGL_LAHIR_FROM_TTL", roster.header_row, column, "tanggal_lahir", None, column, None)
        )
    return found


def _letter_index(roster: SheetRoster) -> int:
    """The sheet's first column (``RawSheet.left``), from any column letter the roster kept."""
    from bkbk_cli.read.guard import column_number

    for name, letter in roster.field_columns.items():
        col = roster.layout.columns.get(name)
        if col is not None:
            return column_number(letter) - 1 - col
    return 0


def mark_findings(
    people: pd.DataFrame,
    marked: np.ndarray | None,
    text: np.ndarray,
    which: np.ndarray,
    axis: object,
) -> pd.DataFrame | None:
    """One info finding per roster (per village of a consolidated one) that holds paid
    marks, at its first marked cell: how many, and which marks."""
    import pandas as pd

    if marked is None or not marked.any():
        return None
    rows, cols = np.nonzero(marked)
    villages = people["village_code"].to_numpy(dtype=object)[rows]
    groups, _ = pd.factorize(
        pd.Series([f"{f}|{v}" for f, v in zip(which[rows], villages, strict=True)])
    )
    _, first = np.unique(groups, return_index=True)
    counts = np.bincount(groups)
    seen = [
        ", ".join(sorted({str(t).strip() for t in text[rows[groups == g], cols[groups == g]]})[:6])
        for g in groups[first].tolist()
    ]
    periods = np.array(axis.periods, dtype=object)  # type: ignore[attr-defined]
    return make_findings(
        "IURAN_MARKS",
        pos=pd.Series(people.index[rows[first]]),
        row=pd.Series(people["row"].to_numpy()[rows[first]]),
        field="iuran",
        period=pd.Series(periods[cols[first]]),
        value=pd.Series(counts[groups[first]].astype(str)),
        expected=pd.Series(seen, dtype=object),
    )


def merge_marks(findings: pd.DataFrame, villages: np.ndarray) -> pd.DataFrame:
    """One ``IURAN_MARKS`` per file and village where a roster's rows were checked in two
    halves (``batch._rows_in_two``): the first cell, the counts added, the marks joined.

    Only a file and village with marks on both sides of the cut has two; every other
    ``IURAN_MARKS`` (all of them in a batch of village files) is left as it is."""
    import pandas as pd

    is_mark = (findings["code"] == "IURAN_MARKS").to_numpy()
    if is_mark.sum() < 2:
        return findings
    at = np.flatnonzero(is_mark)
    pos = findings["pos"].to_numpy()[at].astype(np.int64)
    files = findings["file_id"].to_numpy()[at]
    key = pd.Series(
        [f"{f}|{v}" for f, v in zip(files.tolist(), villages[pos].tolist(), strict=True)]
    )
    twice = key.duplicated(keep=False).to_numpy()
    if not twice.any():
        return findings
    at, pos, key = at[twice], pos[twice], key[twice].tolist()
    marks = findings.iloc[at]
    merged = []
    for _, group in marks.assign(_key=key, _pos=pos).sort_values("_pos").groupby("_key"):
        row = group.iloc[[0]].copy()
        row["value"] = str(sum(int(v) for v in group["value"]))
        texts = sorted({t.strip() for e in group["expected"] for t in str(e).split(",")})
        row["expected"] = ", ".join(texts[:6])
        merged.append(row.drop(columns=["_key", "_pos"]))
    keep = np.ones(len(findings), dtype=bool)
    keep[at] = False
    return concat_findings([findings[keep], *merged])


def cell_errors(people: pd.DataFrame, raw: dict[str, pd.Series]) -> pd.DataFrame:
    """Excel error values typed or exported as text; the cell is then read as blank."""
    import pandas as pd

    from bkbk_cli.read import cells

    found = []
    for name, values in raw.items():
        bad = cells.error_values(values)
        if bad.any():
            found.append(
                make_findings(
                    "CELL_ERROR_VALUE",
                    pos=pd.Series(people.index[bad]),
                    row=people["row"][bad],
                    field=name,
                    value=values[bad].str.strip(),
                )
            )
            values[bad] = ""
    return concat_findings(found)


def enrolment_findings(
    people: pd.DataFrame,
    start_idx: np.ndarray,
    period_idx: np.ndarray,
    years: np.ndarray,
    period_text: pd.Series,
) -> list[pd.DataFrame]:
    """Enrolled after the period checked, or no enrolment date (the year's start is assumed)."""
    import pandas as pd

    enrolled = people["tanggal_terdaftar"]
    after = pd.Series(start_idx > period_idx, index=people.index)
    missing = enrolled.isna() & ~people["tanggal_terdaftar_invalid"]
    return [
        make_findings(
            "TGL_DAFTAR_AFTER_PERIOD",
            pos=pd.Series(people.index[after]),
            row=people["row"][after],
            field="tanggal_terdaftar",
            value=enrolled[after].dt.strftime("%d-%m-%Y"),
            period=period_text[after],
        ),
        make_findings(
            "TGL_DAFTAR_MISSING",
            pos=pd.Series(people.index[missing]),
            row=people["row"][missing],
            field="tanggal_terdaftar",
            value=pd.Series(years[missing.to_numpy()].astype(str)),
        ),
    ]
