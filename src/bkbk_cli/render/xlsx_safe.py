"""Make any value safe to write into an xlsx cell with openpyxl.

Every workbook this project writes (the annotated roster, report exports) goes
through this module, because the text in those workbooks comes from uploads we
do not control. Three things can go wrong when such text is written naively:

* **A live formula.** openpyxl turns any string starting with ``=`` into a
  formula, and a string equal to an error code (``#N/A``) into an error value.
  A village could then make the analyst's Excel run ``=HYPERLINK(...)``,
  ``=WEBSERVICE(...)`` or a DDE payload. Strings are therefore always written
  with data type ``"s"`` (literal text). Text that *looks* like a formula to a
  spreadsheet (leading ``=``, ``+``, ``-``, ``@``, also after tabs, CRs or
  spaces) additionally gets Excel's "quote prefix" style, so that editing the
  cell and pressing Enter keeps it text instead of evaluating it.
* **A file Excel cannot open.** XML 1.0 cannot hold most control characters,
  the non-characters U+FFFE/U+FFFF or lone surrogates. openpyxl refuses some of
  them (``IllegalCharacterError``) and silently writes others into a file that
  no longer loads. They are replaced by U+FFFD, which keeps the position of the
  damage visible to the reader.
* **A cell Excel truncates or rejects.** A cell holds at most 32,767
  characters (counted as UTF-16 code units). Longer text is cut and ends in an
  ellipsis so the reader can see that it was cut.

Non-text values get the same treatment where openpyxl would write a broken or
unloadable file: NaN/NaT become empty cells, infinities become text, and
timezone-aware datetimes lose their zone (Excel has no time zones; the wall
clock time is kept).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl.cell.cell import Cell, MergedCell, WriteOnlyCell

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = [
    "FORMULA_PREFIXES",
    "MAX_CELL_CHARS",
    "REPLACEMENT_CHAR",
    "clean_text",
    "looks_like_formula",
    "safe_value",
    "set_text_safe",
    "write_only_cell",
]

#: Excel's limit on the text in one cell (UTF-16 code units).
MAX_CELL_CHARS = 32_767
#: What replaces a character the xlsx format cannot hold.
REPLACEMENT_CHAR = "\ufffd"
ELLIPSIS = "…"
#: First characters with which a spreadsheet starts a formula (or DDE payload).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@")

# openpyxl's ILLEGAL_CHARACTERS_RE (C0 controls except tab, LF, CR) plus what
# XML 1.0 cannot hold either: lone surrogates and the non-characters U+FFFE/F.
_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Leading characters a spreadsheet skips before looking for a formula prefix.
_LEADING_BLANKS = " \t\r\n"

_PASS_THROUGH = (bool, int, dt.timedelta)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _truncate(text: str) -> str:
    # Cheap exit: a str of n code points has at most 2n UTF-16 units.
    if len(text) <= MAX_CELL_CHARS // 2 or _utf16_len(text) <= MAX_CELL_CHARS:
        return text
    budget = MAX_CELL_CHARS - len(ELLIPSIS)
    cut = text[:budget]
    # Astral characters count twice in UTF-16; drop code points until it fits.
    excess = _utf16_len(cut) - budget
    while excess > 0:
        excess -= 2 if ord(cut[-1]) > 0xFFFF else 1
        cut = cut[:-1]
    return cut + ELLIPSIS


def clean_text(text: str) -> str:
    """``text`` with characters xlsx cannot hold replaced and cut to Excel's cell limit.

    Use this for any text that is not a cell value but still lands in the
    file's XML (comments, sheet titles, header labels built from input).
    """
    return _truncate(_ILLEGAL_RE.sub(REPLACEMENT_CHAR, text))


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would treat ``text`` as a formula if it were typed in.

    Leading tabs, CRs, LFs and spaces are skipped first, as spreadsheet
    programs do when importing or re-entering text.
    """
    return text.lstrip(_LEADING_BLANKS).startswith(FORMULA_PREFIXES)


def safe_value(value: object) -> object:
    """The value to write into a cell so the file opens and nothing in it runs.

    Strings come back cleaned (see ``clean_text``); they must still be written
    as text, which ``set_text_safe`` and ``write_only_cell`` do, because
    openpyxl would otherwise make a formula of a leading ``=``. Numbers, booleans
    and dates pass through; NaN, NaT and ``pandas.NA`` become ``None`` (an empty cell), infinities
    the text ``"inf"``/``"-inf"``; aware datetimes lose their time zone; bytes
    are decoded as UTF-8 and anything else is written as its ``str``.
    """
    if value is None or isinstance(value, _PASS_THROUGH):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else safe_value(float(value))
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, (dt.datetime, dt.time)):
        if _is_missing(value):  # pandas.NaT is a datetime subclass
            return None
        return value.replace(tzinfo=None) if value.tzinfo is not None else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (bytes, bytearray)):
        return clean_text(bytes(value).decode("utf-8", errors="replace"))
    if _is_missing(value):  # pandas.NA, numpy.nan, ...
        return None
    if _is_number(value):  # numpy numbers: normalise to plain Python numbers
        return safe_value(value.item())  # type: ignore[attr-defined]
    return clean_text(str(value))


def _is_missing(value: object) -> bool:
    pd = sys.modules.get("pandas")  # only loaded if the caller already uses pandas
    try:
        if pd is not None:
            return bool(pd.isna(value))  # also pandas.NA, whose comparisons are NA
        return bool(value != value)
    except Exception:  # comparisons that raise or return arrays: not a missing marker
        return False


def _is_number(value: object) -> bool:
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with pandas
        return False
    return isinstance(value, (np.number, np.bool_))


def _mark_text(cell: Cell, text: str) -> None:
    # Assigning the value may have made it a formula ("=...") or an error
    # ("#N/A"); text from an upload is always literal text.
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True


def set_text_safe(cell: Cell | MergedCell, value: object) -> Any:
    """Write ``value`` into ``cell`` (normal, non-read-only worksheet) safely.

    Strings are always stored as literal text, never as a formula or an error
    value. A ``MergedCell`` (not the top-left cell of a merged range) cannot
    hold a value; writing to it is a no-op rather than an ``AttributeError``.
    Returns the value actually written.
    """
    if isinstance(cell, MergedCell):
        return None
    clean = safe_value(value)
    cell.value = clean
    if isinstance(clean, str):
        _mark_text(cell, clean)
    return clean


def write_only_cell(ws: Any, value: object, **style: Any) -> Cell:
    """A ``WriteOnlyCell`` for ``ws.append`` in write-only mode, holding ``value`` safely.

    ``style`` sets cell attributes such as ``font``, ``fill``, ``border``,
    ``alignment``, ``number_format`` or ``comment``.
    """
    clean = safe_value(value)
    cell = WriteOnlyCell(ws, value=clean)
    for name, setting in style.items():
        setattr(cell, name, setting)
    if isinstance(clean, str):
        _mark_text(cell, clean)
    return cell


def unused_sheet_title(wb: Workbook, title: str) -> str:
    """``title``, or ``title (2)`` ... when the workbook already has a sheet of that name
    (Excel compares sheet names without case): a village's own sheet is never replaced."""
    taken = {name.casefold() for name in wb.sheetnames}
    candidate, n = title, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{title} ({n})"
    return candidate
