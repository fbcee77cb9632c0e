"""Read a roster's header: one row, or two when headings stand over sub-columns.

Village lists often carry a merged heading (``IURAN BULAN (Rp)``, ``PEMBAYARAN
IURAN``, ``BULAN KE-``) over month sub-columns ``Jan`` ... ``Des`` or ``1`` ... ``12``,
with the year only in the title or the sheet name; or split a header over two rows
(``Jenis`` / ``Kelamin``); or tick columns ``ME | PR`` and ``L | P`` under
``Kategori`` and ``Jenis Kelamin``; and often number the columns ``(1) (2) (3)`` in
the row under the header. The best single header row is read first (a tidy
roster's only work); the row above or below it joins the header only when the two
together name more.
"""

from __future__ import annotations

import datetime as dt
import re

from bkbk_cli.read.headers import bare_text, meaning
from bkbk_cli.read.layout import Layout, _title_block, month_of
from bkbk_cli.read.workbook import RawSheet

#: A heading over month sub-columns.
_MONTH_HEADING = re.compile(r"iuran|bulan|bln|pembayaran|setoran|premi|bayar", re.I)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_NUMBERED = re.compile(r"^\(?\s*(\d{1,3})\s*\)?\.?$")

#: Tick columns: the sub-header's folded text -> what a tick there means, per field.
TICK_VALUES: dict[str, dict[str, str]] = {
    "kategori": {
        "me": "Miskin Ekstrem",
        "miskinekstrem": "Miskin Ekstrem",
        "miskinekstrim": "Miskin Ekstrem",
        "pr": "Pekerja Rentan",
        "pekerjarentan": "Pekerja Rentan",
    },
    "jenis_kelamin": {
        "l": "L",
        "lk": "L",
        "lakilaki": "L",
        "p": "P",
        "pr": "P",
        "perempuan": "P",
    },
}
_FOLD = re.compile(r"[^0-9a-z]+")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _fold(value: object) -> str:
    return _FOLD.sub("", _text(value).lower())


def _month(value: object, year: int | None) -> str | None:
    if isinstance(value, dt.date):
        return month_of(value)
    if not isinstance(value, str) or not value.strip():
        return None
    return month_of(value, year) or month_of(bare_text(value), year)


def _month_number(value: object) -> int | None:
    """A sub-column ``1`` ... ``12`` (a number cell or its text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    else:
        return None
    return number if 1 <= number <= 12 else None


class _Reading:
    """One way of reading the header: the fields, months and ticks it names."""

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}
        self.duplicates: list[tuple[str, int]] = []
        self.months: dict[str, int] = {}
        self.duplicate_months: list[tuple[str, int]] = []
        self.ambiguous: list[tuple[int, str, tuple[str, ...]]] = []
        self.ignored: list[tuple[int, str]] = []
        self.ticks: dict[str, dict[str, int]] = {}

    def add_field(self, name: str, col: int) -> None:
        if name in self.columns:
            self.duplicates.append((name, col))
        else:
            self.columns[name] = col

    def add_month(self, period: str, col: int) -> None:
        if period in self.months:
            self.duplicate_months.append((period, col))
        else:
            self.months[period] = col

    @property
    def score(self) -> int:
        fields = set(self.columns) | set(self.ticks)
        return len(fields) * 2 + min(len(self.months), 12)

    def usable(self) -> bool:
        names = set(self.columns) | set(self.ticks)
        return "nik" in names and len(names) + min(len(self.months), 1) >= 3


def _one_row(row: list[object], year: int | None) -> _Reading:
    """The header as one row: the reading of every tidy roster."""
    reading = _Reading()
    for col, value in enumerate(row):
        if not isinstance(value, str) or not value:
            continue
        found = meaning(value)
        if found.field is not None:
            reading.add_field(found.field, col)
        elif found.ambiguous:
            reading.ambiguous.append((col, value.strip(), found.candidates))
    if year is None:
        for value in row:
            period = month_of(value)
            if period:
                year = int(period[:4])
                break
    taken = set(reading.columns.values()) | {c for c, _, _ in reading.ambiguous}
    for col, value in enumerate(row):
        if col in taken:
            continue
        period = _month(value, year)
        if period is not None:
            reading.add_month(period, col)
        elif _text(value):
            reading.ignored.append((col, _text(value)))
    _standalone_ticks(row, reading)
    return reading


def _standalone_ticks(row: list[object], reading: _Reading) -> None:
    """``ME | PR`` or ``L | P`` columns in the header row itself (both of a pair present)."""
    for name in ("kategori", "jenis_kelamin"):
        if name in reading.columns:
            continue
        found = {}
        for col, _text_ in list(reading.ignored):
            folded = _fold(_text_)
            if name == "kategori" and folded in ("p", "l"):
                continue
            if name == "jenis_kelamin" and folded not in ("l", "p"):
                continue
            value = TICK_VALUES[name].get(folded)
            if value is not None and value not in found:
                found[value] = col
        if len(found) == 2:
            reading.ticks[name] = found
            reading.ignored = [(c, t) for c, t in reading.ignored if c not in found.values()]


def _two_rows(top: list[object], bottom: list[object], year: int | None) -> _Reading:
    """The header as a heading row over a sub-header row."""
    reading = _Reading()
    width = max(len(top), len(bottom))
    heading = ""  # the heading a blank top cell stands under (merged, or written once)
    tick_groups: dict[str, dict[str, int]] = {}
    for col in range(width):
        upper = top[col] if col < len(top) else ""
        lower = bottom[col] if col < len(bottom) else ""
        if _text(upper):
            heading = _text(upper)
        elif not _text(lower) and not isinstance(lower, dt.date | int | float):
            heading = ""
        upper_text, lower_text = _text(upper), _text(lower)
        lower_meaning = meaning(lower_text) if lower_text else None
        heading_meaning = meaning(heading) if heading else None
        if lower_meaning is not None and lower_meaning.field is not None:
            reading.add_field(lower_meaning.field, col)
            continue
        # a tick under "Kategori" / "Jenis Kelamin"
        if heading_meaning is not None and heading_meaning.field in TICK_VALUES and lower_text:
            value = TICK_VALUES[heading_meaning.field].get(_fold(lower_text))
            if value is not None:
                tick_groups.setdefault(heading_meaning.field, {}).setdefault(value, col)
                continue
        is_month_heading = bool(heading and _MONTH_HEADING.search(heading))
        if lower_text or isinstance(lower, dt.date | int | float):
            period = _month(lower, year) if (is_month_heading or not upper_text) else None
            if period is None and is_month_heading and year is not None:
                number = _month_number(lower)
                if number is not None:
                    period = f"{year:04d}-{number:02d}"
            if period is not None:
                reading.add_month(period, col)
                continue
        joined = f"{upper_text} {lower_text}".strip()
        if upper_text and lower_text:
            found = meaning(joined)
            if found.field is not None:
                reading.add_field(found.field, col)
                continue
        if upper_text and not lower_text:
            found = meaning(upper_text)
            if found.field is not None:
                reading.add_field(found.field, col)
                continue
            period = _month(upper_text, year)
            if period is not None:
                reading.add_month(period, col)
                continue
        candidates = meaning(joined).candidates if joined else ()
        if len(candidates) > 1:
            reading.ambiguous.append((col, joined, candidates))
        elif joined:
            reading.ignored.append((col, joined))
    for name, group in tick_groups.items():
        if name not in reading.columns and len(group) >= 2:
            reading.ticks[name] = group
    return reading


def _year_in(rows: list[list[object]]) -> int | None:
    for row in rows:
        for value in row:
            if isinstance(value, str) and len(value) <= 80:
                match = _YEAR.search(value)
                if match:
                    return int(match.group(1))
    return None


def _numbered(row: list[object]) -> bool:
    """``1 2 3 ...`` or ``(1) (2) (3) ...``: the columns' numbers, not a participant."""
    numbers = []
    for value in row:
        if value in ("", None):
            continue
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float) and float(value).is_integer():
            numbers.append(int(value))
        elif isinstance(value, str) and (match := _NUMBERED.match(value.strip())):
            numbers.append(int(match.group(1)))
        else:
            return False
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def fill_merged(sheet: RawSheet, from_index: int) -> int:
    """Carry each merged range's value to every cell it covers, for ranges that start at
    row ``from_index`` or below (the title block above keeps its single cells). Returns
    how many ranges were filled."""
    filled = 0
    rows = sheet.rows
    for (r0, c0), (r1, c1) in sheet.merged:
        i0, j0 = r0 - sheet.top, c0 - sheet.left
        if i0 < from_index or i0 >= len(rows) or j0 < 0 or j0 >= len(rows[i0]):
            continue
        value = rows[i0][j0]
        if value in ("", None) or (r1 == r0 and c1 == c0):
            continue
        for i in range(i0, min(r1 - sheet.top, len(rows) - 1) + 1):
            row = rows[i]
            for j in range(j0, min(c1 - sheet.left, len(row) - 1) + 1):
                if row[j] in ("", None):
                    row[j] = value
        filled += 1
    return filled


def read_header(sheet: RawSheet, best: int) -> Layout | None:
    """The layout around the header row ``best`` (see the module's docstring)."""
    rows = sheet.rows
    merged = fill_merged(sheet, max(best - 1, 0)) if sheet.merged else 0
    sheet_year = _year_in([[sheet.name]])
    above_at: dict[str, tuple[int, int]] = {}
    above = _title_block(rows[:best], above_at) if best > 0 else {}
    year = int(above["year"]) if "year" in above else None
    single = _one_row(rows[best], year if year is not None else sheet_year)
    chosen, header_rows, top = single, (best,), best
    needs_more = not single.months or not {"nik", "nama"} <= set(single.columns)
    if not needs_more and best + 1 < len(rows):
        below = rows[best + 1]
        nik_col = single.columns["nik"]
        nik = below[nik_col] if nik_col < len(below) else ""
        needs_more = nik in ("", None) and not _numbered(below)
    if needs_more:
        for upper in (best - 1, best):
            if upper < 0 or upper + 1 >= len(rows):
                continue
            pair_year = year
            if pair_year is None:
                pair_year = _year_in([rows[upper]]) or sheet_year
            pair = _two_rows(rows[upper], rows[upper + 1], pair_year)
            if pair.score > chosen.score and pair.usable():
                chosen, header_rows, top = pair, (upper, upper + 1), upper
    title_at = above_at
    if top != best:
        title_at = {}
        title = _title_block(rows[:top], title_at) if top > 0 else {}
    else:
        title = above
    title_cells = {k: (sheet.excel_row(r), sheet.left + c) for k, (r, c) in title_at.items()}
    if not chosen.usable():
        return None
    last = header_rows[-1]
    numbered = last + 1 if last + 1 < len(rows) and _numbered(rows[last + 1]) else None
    year_source = None
    if "year" in title:
        year_source = "title"
    elif chosen.months and _year_in([rows[r] for r in header_rows]) is not None:
        year_source = "header"
    elif chosen.months and sheet_year is not None:
        year_source = "sheet"
    elif chosen.months:
        year_source = "months"
    return Layout(
        header_index=top,
        columns=chosen.columns,
        months=dict(sorted(chosen.months.items())),
        title=title,
        duplicate_columns=chosen.duplicates,
        duplicate_months=chosen.duplicate_months,
        header_rows=header_rows,
        numbered_row=numbered,
        ambiguous=chosen.ambiguous,
        ignored=chosen.ignored,
        ticks=chosen.ticks,
        year_source=year_source,
        merged_filled=merged,
        sheet_year=sheet_year,
        title_cells=title_cells,
    )
