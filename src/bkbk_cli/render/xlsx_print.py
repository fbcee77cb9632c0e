"""How a report sheet prints: A4 landscape, one page wide, its header row on every page,
page numbers, the table as its print area, and columns as wide as what they show.

Officials print the report workbooks and file them; a column too narrow for its Rupiah
total prints ``###``, and a sheet that spills onto a second page sideways loses its
names. Widths are therefore computed from the longest value as Excel formats it.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bkbk_cli.messages import Lang
from bkbk_cli.words import rupiah, word

__all__ = ["fit_widths", "print_setup", "shown_len"]


def print_setup(ws: Worksheet, header_row: int, columns: int, last_row: int, lang: Lang) -> None:
    """A4 landscape, one page wide, the header row (``0``: none) on every page, page numbers
    below, and the table (title block included) as the print area: a sheet prints as its own
    section."""
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = word("xlsx.page", lang)
    if columns:
        ws.print_area = f"A1:{get_column_letter(columns)}{max(last_row, header_row)}"


def shown_len(kind: str, value: object) -> int:
    """How many characters Excel shows for ``value`` in a column of ``kind`` (rupiah, count,
    percent or anything else)."""
    if value is None:
        return 0
    if kind == "rupiah" and isinstance(value, (int, float)):
        return len(rupiah(value))
    if kind == "count" and isinstance(value, int):
        return len(f"{value:,}")
    if kind == "percent" and isinstance(value, (int, float)):
        return len(f"{value * 100:.1f}%")
    return max(len(line) for line in str(value).split("\n"))


def fit_widths(
    ws: Worksheet, kinds: Sequence[str], headers: Sequence[str], header_row: int, last_row: int
) -> None:
    """Each column as wide as its longest shown value (totals included), so that no Rupiah
    total shows as ``###``; a header wraps into at most three lines of its column."""
    for c, (kind, header) in enumerate(zip(kinds, headers, strict=True), start=1):
        values = [ws.cell(r, c).value for r in range(header_row + 1, last_row + 1)]
        longest = max((shown_len(kind, v) for v in values), default=0)
        words = max((len(w) for w in header.split()), default=0)
        width = max(longest + 2, words + 3, -(-len(header) // 3) + 3, 8)  # headers are bold
        ws.column_dimensions[get_column_letter(c)].width = min(width, 60)
