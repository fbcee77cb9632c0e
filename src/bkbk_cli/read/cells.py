"""Turn columns of raw cell values into typed columns, as people actually type them.

Each parser takes a whole column (a pandas Series of whatever the reader gave:
str, float, int, bool, date, datetime) and returns typed values plus masks of what
could not be understood, so that checks can report the exact cells. Work is done
per column with pandas string and numeric operations; the only per-cell Python
is classifying each value's type.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from bkbk_cli.read.layout import MONTHS

#: What a tick column's cell holds when it is ticked (lower case).
TICKS = frozenset({"v", "√", "✓", "✔", "x", "1", "ya", "y", "ada", "*"})

EXCEL_ERRORS = frozenset(
    {"#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

#: A cell's broad kind as a small integer (``kind_codes``) and as a name (``kinds``).
OTHER, STR, NUM, DATE, BLANK = range(5)
KIND_NAMES = np.array(["other", "str", "num", "date", "blank"], dtype=object)
_KIND_OF_TYPE: dict[type, int] = {
    str: STR,
    float: NUM,
    int: NUM,
    dt.date: DATE,
    dt.datetime: DATE,
    pd.Timestamp: DATE,
}


#: Columns whose values are all of one kind (blanks aside), as pandas infers them in C.
_UNIFORM_KINDS = {
    "string": STR,
    "floating": NUM,
    "integer": NUM,
    "mixed-integer-float": NUM,
    "date": DATE,
    "datetime": DATE,
    "empty": BLANK,
}


def kind_codes(values: np.ndarray) -> np.ndarray:
    """Each cell's kind (``STR``, ``NUM``, ``DATE``, ``BLANK`` or ``OTHER``) as int8.

    Empty text, ``None``, NaN and NaT are ``BLANK``; text of spaces only is
    ``STR`` (``as_text`` makes it NA, and parsers treat NA text as blank). Each pass
    over a column of a large sheet costs about as much as the reader's own (its values
    lie scattered in memory), so passes are few: a column of one kind (names, dates)
    is recognised by pandas' type inference in one; a mixed one (amounts and empty
    text) by each cell's type in one C loop, then looked at type by type.
    """
    n = len(values)
    inferred = infer_dtype(values, skipna=False)
    if inferred == "string":  # text and empty text, no NA
        codes = np.full(n, STR, dtype=np.int8)
        codes[values == ""] = BLANK
        return codes
    uniform = _UNIFORM_KINDS.get(inferred)
    if uniform is not None:  # numbers or dates, NaN or NaT among them at most
        codes = np.full(n, uniform, dtype=np.int8)
        codes[pd.isna(values)] = BLANK
        return codes
    types = _type_of(values)
    codes = np.full(n, OTHER, dtype=np.int8)
    for present in pd.unique(types):
        box = np.empty((), dtype=object)  # compared as an object: numpy reads its own types
        box[()] = present
        where = np.flatnonzero(types == box)
        cells = values[where]
        if present is str:
            blank = cells == ""
        elif present is float:
            blank = np.isnan(cells.astype(float))
        elif present in _BLANK_TYPES:
            blank = np.ones(len(cells), dtype=bool)
        else:
            blank = pd.isna(cells) | (cells == "")
        code = _KIND_OF_TYPE.get(present)
        if code is None:  # a type readers do not give (numpy scalars): as pandas infers it
            code = _UNIFORM_KINDS.get(infer_dtype(cells[~blank], skipna=True), OTHER)
        codes[where] = np.where(blank, BLANK, code)
    return codes


_type_of = np.frompyfunc(type, 1, 1)
_BLANK_TYPES = frozenset({type(None), type(pd.NA), type(pd.NaT)})


def kinds(values: pd.Series) -> pd.Series:
    """Each cell's broad kind by name: ``str``, ``num``, ``date``, ``blank`` or ``other``."""
    codes = kind_codes(values.to_numpy(dtype=object))
    return pd.Series(KIND_NAMES[codes], index=values.index, dtype=object)


def error_values(values: pd.Series) -> pd.Series:
    """Cells holding an Excel error value typed or exported as text (``#REF!``, ``#N/A`` ...)."""
    return values.isin(EXCEL_ERRORS).astype(bool)


def _display_text(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Display text of raw cells (object array, ``pd.NA`` for blanks), by kind."""
    out = np.full(len(values), pd.NA, dtype=object)
    where = np.flatnonzero(codes == STR)
    if len(where):
        out[where] = [v.strip() or pd.NA for v in values[where]]
    where = np.flatnonzero(codes == NUM)
    if len(where):
        nums = values[where].astype(float)
        integral = np.isfinite(nums) & (nums == np.floor(nums)) & (np.abs(nums) < 1e18)
        text = np.empty(len(where), dtype=object)
        text[integral] = nums[integral].astype(np.int64).astype(str)
        text[~integral] = [str(v) for v in nums[~integral].tolist()]
        out[where] = text
    where = np.flatnonzero(codes == DATE)
    if len(where):
        out[where] = [v.isoformat()[:10] for v in values[where]]
    where = np.flatnonzero(codes == OTHER)
    if len(where):
        out[where] = [str(v) for v in values[where]]
    return out


def distinct_texts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For a column of few distinct values (a category, a village code): each cell's key
    into the display texts of those values, ``texts[keys]`` being the cells' text.

    Each distinct value is read once; a blank cell's key is -1, the last text (NA).
    """
    keys, distinct = pd.factorize(values)
    texts = np.append(_display_text(distinct, kind_codes(distinct)), None)
    texts[-1] = pd.NA
    return keys, texts


def as_text(values: pd.Series) -> pd.Series:
    """Cell values as display text (numbers without a spurious ``.0``), NA for blanks."""
    raw = values.to_numpy(dtype=object)
    return pd.Series(_display_text(raw, kind_codes(raw)), index=values.index, dtype=object)


class Column:
    """A column of raw cells with its kinds worked out once, and its display text when
    first asked for (``text``) or for some cells only (``text_at``): a date column's
    text is wanted for the few cells reported, not for every date."""

    def __init__(self, values: pd.Series) -> None:
        self.values = values
        self.raw = values.to_numpy(dtype=object)
        self.codes = kind_codes(self.raw)
        self._text: pd.Series | None = None

    @property
    def text(self) -> pd.Series:
        if self._text is None:
            self._text = pd.Series(
                _display_text(self.raw, self.codes), index=self.values.index, dtype=object
            )
        return self._text

    def text_at(self, mask: np.ndarray) -> pd.Series:
        """The display text of the cells ``mask`` selects, indexed as ``values``."""
        if self._text is not None:
            return self._text[mask]
        return pd.Series(
            _display_text(self.raw[mask], self.codes[mask]),
            index=self.values.index[mask],
            dtype=object,
        )


# --- NIK -------------------------------------------------------------------

_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
_DECIMAL_TAIL = re.compile(r"^(\d+)[.,]0+$")


def parse_nik(values: pd.Series | Column) -> pd.DataFrame:
    """NIK digits and how the cell was damaged.

    Columns: ``nik`` (the digits, NA when none), ``missing``, ``as_number`` (a
    numeric cell, or text that can only have come from one: ``1.50601E+15``,
    ``150601...0.0``), ``bad_chars`` (spaces, dashes, letters or invisible
    characters inside), ``length`` (number of digits).

    Nearly every NIK is text of 16 ASCII digits: those are recognised in one pass,
    and only the others go through the repairs below.
    """
    column = values if isinstance(values, Column) else Column(values)
    text = column.text.to_numpy(dtype=object)
    n = len(text)
    clean = column.codes == STR
    where = np.flatnonzero(clean)
    # text of spaces only is NA: a blank, for the repairs below
    clean[where] = [
        t is not pd.NA and len(t) == 16 and t.isascii() and t.isdigit() for t in text[where]
    ]
    nik = np.where(clean, text, pd.NA)
    missing = np.zeros(n, dtype=bool)
    as_number = np.zeros(n, dtype=bool)
    bad_chars = np.zeros(n, dtype=bool)
    length = np.where(clean, 16, 0)
    rest = np.flatnonzero(~clean)
    if len(rest):
        repaired = _repair_nik(
            pd.Series(column.codes[rest] == NUM), pd.Series(text[rest], dtype=object)
        )
        nik[rest] = repaired["nik"].to_numpy(dtype=object)
        missing[rest] = repaired["missing"].to_numpy()
        as_number[rest] = repaired["as_number"].to_numpy()
        bad_chars[rest] = repaired["bad_chars"].to_numpy()
        length[rest] = repaired["length"].to_numpy()
    return pd.DataFrame(
        {
            "nik": pd.Series(nik, dtype=object, index=column.values.index),
            "missing": missing,
            "as_number": as_number,
            "bad_chars": bad_chars,
            "length": length.astype(int),
        },
        index=column.values.index,
    )


def _repair_nik(numeric: pd.Series, text: pd.Series) -> pd.DataFrame:
    """``parse_nik`` for the cells that are not 16 digits of text: what can be read and why."""
    as_number = numeric
    text = text.str.replace(r"^'", "", regex=True)
    scientific = text.str.match(_SCIENTIFIC).fillna(False).astype(bool)
    decimal_tail = text.str.match(_DECIMAL_TAIL).fillna(False).astype(bool)
    text = text.where(~decimal_tail, text.str.replace(r"[.,]0+$", "", regex=True))
    as_number = as_number | scientific | decimal_tail
    digits = text.str.replace(r"[^0-9]", "", regex=True)
    cleaned = text.str.replace(_INVISIBLE, "", regex=True)
    outside = cleaned.str.contains(r"[^0-9]", regex=True).fillna(False).astype(bool)
    bad_chars = (~as_number) & outside
    bad_chars = bad_chars | (text != cleaned).fillna(False).astype(bool)
    missing = (text.isna() | (text == "")).astype(bool)
    bad_chars = bad_chars & ~missing
    digits = digits.where(~missing & (digits != ""), pd.NA)
    return pd.DataFrame(
        {
            "nik": digits,
            "missing": missing.astype(bool),
            "as_number": as_number.astype(bool),
            "bad_chars": bad_chars.astype(bool),
            "length": digits.str.len().fillna(0).astype(int),
        }
    )


# --- dates -----------------------------------------------------------------

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Dates are held as datetime64[ns], whose range is 1677-09-21 .. 2262-04-11; a date
# outside it (9999-12-31, year 1) is not understood rather than a crash.
_FIRST_DATE = pd.Timestamp("1678-01-01")
_END_DATE = pd.Timestamp("2262-01-01")
_END_SERIAL = (_END_DATE - _EXCEL_EPOCH).days
_DATE_LAYOUTS = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d")
_DMY = re.compile(r"^(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4}|\d{2})$")
_YMD = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[ T][\d:.]+)?$")
_D_MON_Y = re.compile(r"^(?P<d>\d{1,2})[\s\-/.]*(?P<mon>[a-z]+)\.?[\s\-/.]*(?P<y>\d{4})$")


def _in_range(stamps: pd.Series) -> pd.Series:
    """``stamps`` as datetime64[ns], NaT where outside what that type can hold."""
    inside = (stamps >= _FIRST_DATE) & (stamps < _END_DATE)
    return stamps.where(inside).astype("datetime64[ns]")


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).astype(float)
    frame = frame.where(frame.notna(), -1)
    return _in_range(pd.to_datetime(frame, errors="coerce"))


def parse_dates(values: pd.Series | Column, pivot_year: int = 2026) -> tuple[pd.Series, pd.Series]:
    """Dates as ``datetime64`` (NaT where blank or not understood) and the not-understood mask.

    Accepts date cells, Excel serial numbers (the 1900 date system, refusing its
    non-existent 29 Feb 1900), ``12-05-1980``, ``12/05/1980``, ``12.05.1980``,
    ``1980-05-12`` and ``12 Mei 1980``. Two-digit years above the pivot's are 19xx.
    """
    column = values if isinstance(values, Column) else Column(values)
    codes, values = column.codes, column.values
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    is_date = codes == DATE
    if is_date.any():
        stamps = pd.to_datetime(values[is_date].tolist(), errors="coerce")
        out[is_date] = _in_range(pd.Series(stamps, index=out.index[is_date])).to_numpy()
    is_num = codes == NUM
    if is_num.any():
        serial = values[is_num].astype(float)
        ok = (serial >= 1) & (serial < _END_SERIAL) & (np.floor(serial) != 60)
        # Excel counts a 29 Feb 1900 that never was: serials before it are one day late
        days = np.floor(serial.where(ok, 0)) + (serial < 60).astype(float)
        stamps = _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
        out[is_num] = stamps.where(ok, pd.NaT)
    written = column.text_at(codes == STR)  # spaces only: NA, a blank
    text = written.dropna()
    # the usual spellings by pandas' own parser first (a CSV roster's dates: 0.1 s per
    # 300,000), the regular expressions below only for what is left
    for layout in _DATE_LAYOUTS:
        if text.empty:
            break
        quick = _in_range(pd.to_datetime(text, format=layout, errors="coerce"))
        understood = quick.notna()
        out[quick.index[understood]] = quick[understood]
        text = text[~understood]
    if not text.empty:
        text = text.str.lower()
        parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
        dmy = text.str.extract(_DMY)
        year = pd.to_numeric(dmy["y"], errors="coerce")
        two_digit = dmy["y"].str.len() == 2
        pivot = pivot_year % 100
        year = year.where(~two_digit, np.where(year > pivot, 1900 + year, 2000 + year))
        parsed = parsed.fillna(
            _assemble(year, pd.to_numeric(dmy["m"]), pd.to_numeric(dmy["d"])).where(
                dmy["d"].notna()
            )
        )
        ymd = text.str.extract(_YMD)
        parsed = parsed.fillna(
            _assemble(
                pd.to_numeric(ymd["y"]), pd.to_numeric(ymd["m"]), pd.to_numeric(ymd["d"])
            ).where(ymd["d"].notna())
        )
        dmon = text.str.extract(_D_MON_Y)
        month = dmon["mon"].map(MONTHS)
        parsed = parsed.fillna(
            _assemble(pd.to_numeric(dmon["y"]), month, pd.to_numeric(dmon["d"])).where(
                month.notna()
            )
        )
        out[text.index] = parsed
    invalid = out.isna() & (codes != BLANK)
    invalid[written.index[written.isna()]] = False
    return out, invalid.astype(bool)


# --- amounts ---------------------------------------------------------------

_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?$")


def parse_amounts(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rupiah amounts as floats (NaN where blank) and the mask of cells that are not amounts.

    ``16800``, ``16.800``, ``16,800``, ``Rp 16.800``, ``Rp16800``, ``16.800,00``;
    a lone ``-`` is a blank, as spreadsheets often show nothing paid. Number cells
    (nearly all of them) are taken as they are; only text goes through the parsing.
    """
    raw = values.to_numpy(dtype=object)
    codes = kind_codes(raw)
    out = np.full(len(raw), np.nan)
    where = np.flatnonzero(codes == NUM)
    if len(where):
        out[where] = raw[where].astype(float)
    where = np.flatnonzero(codes == STR)
    if len(where):
        text = raw[where]
        # digits only, as nearly every amount of a CSV roster is: no regular expression
        decimal = np.fromiter([t.isdecimal() for t in text], bool, len(text))
        out[where[decimal]] = text[decimal].astype(np.float64)
        where = where[~decimal]
    if len(where):
        number, blank = _amounts_from_text(pd.Series(raw[where], dtype=object))
        out[where] = number
        codes[where[blank]] = BLANK
    invalid = (codes != BLANK) & np.isnan(out)
    return pd.Series(out, index=values.index), pd.Series(invalid, index=values.index)


def _amounts_from_text(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Amounts written as text other than plain digits, and which of them are blanks."""
    text = (
        values.str.lower()
        .str.replace(r"\s+|rp\.?|idr|,-|\.-", "", regex=True)
        .str.replace(_INVISIBLE, "", regex=True)
    )
    blank = text.isin(("", "-", "--"))
    negative = text.str.startswith("-") & ~blank
    body = text.str.lstrip("-")
    grouped = body.str.match(_GROUPED).fillna(False).astype(bool)
    # in a grouped number the separator that repeats every three digits is the thousands one
    thousands = body.str.extract(_GROUPED)[0]
    decimal_sep = thousands.map({".": ",", ",": "."})
    as_grouped = body.str.replace(r"[.,](?=\d{3}(?:\D|$))", "", regex=True)
    as_grouped = as_grouped.where(decimal_sep != ",", as_grouped.str.replace(",", "."))
    plain = body.str.replace(",", ".", regex=False)
    number = pd.to_numeric(plain.where(~grouped, as_grouped), errors="coerce")
    number = number.where(~negative, -number)
    number[blank] = np.nan
    return number.to_numpy(dtype=float), blank.to_numpy(dtype=bool)


# --- categories --------------------------------------------------------------

_KATEGORI = {
    "miskinekstrem": "miskin_ekstrem",
    "miskinekstrim": "miskin_ekstrem",
    "miskinextrem": "miskin_ekstrem",
    "miskinextreme": "miskin_ekstrem",
    "pekerjarentan": "pekerja_rentan",
}
_JENIS_KELAMIN = {
    "l": "L",
    "lk": "L",
    "laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "p": "P",
    "pr": "P",
    "perempuan": "P",
    "wanita": "P",
}


_NOT_LETTER = re.compile(r"[^a-z]")


def parse_choice(
    values: pd.Series | Column, choices: dict[str, str]
) -> tuple[pd.Series, pd.Series]:
    """The choice each cell names, compared in lower case without spaces or punctuation.

    A column of choices holds a handful of distinct values: each is read and folded
    once, and every cell takes its value's result (numbers and dates name no choice).
    """
    series = values.values if isinstance(values, Column) else values
    keys, texts = distinct_texts(series.to_numpy(dtype=object))
    chosen = np.array(
        [None if t is pd.NA else choices.get(_NOT_LETTER.sub("", t.lower())) for t in texts],
        dtype=object,
    )
    named = np.array([t is not pd.NA for t in texts])
    parsed = chosen[keys]
    invalid = named[keys] & (parsed == None)  # noqa: E711 - element-wise on an object array
    return pd.Series(parsed, index=series.index, dtype=object), pd.Series(
        invalid, index=series.index
    )


def parse_kategori(values: pd.Series | Column) -> tuple[pd.Series, pd.Series]:
    """``miskin_ekstrem`` / ``pekerja_rentan`` in any case and spacing (and ``Miskin Ekstrim``)."""
    return parse_choice(values, _KATEGORI)


def parse_jenis_kelamin(values: pd.Series | Column) -> tuple[pd.Series, pd.Series]:
    """``L`` / ``P``, from ``L``, ``P``, ``Laki-laki``, ``Perempuan`` and the like."""
    return parse_choice(values, _JENIS_KELAMIN)
