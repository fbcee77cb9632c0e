"""Make ``blt_layout.xls``, the one layout fixture the tests cannot build at test time.

Villages still send old ``.xls`` files (BIFF8, Excel 97-2003), and the project has no
writer for that format. Run once with ``python tests/data/make_layout_xls.py`` (needs
``xlwt``, which is not a dependency of the project). The workbook holds the same
rows and merged cells as ``layout_rosters.blt_rows(people(4, 2), marks=MARKS)``: two
header rows under a merged ``IURAN BULAN`` heading, a numbered row, section rows,
a subtotal, a total, a signature block and payment marks.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

#: The marks written in place of amounts: person index -> {month: mark}.
MARKS = {0: {3: "v", 4: "Lunas"}, 1: {5: "x"}, 2: {2: "√", 6: "sudah bayar"}}


def _cell_index(ref: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def main() -> None:
    import xlwt
    from layout_rosters import blt_rows, people

    rows, merged, _where = blt_rows(people(4, 2), marks=MARKS)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    covered: set[tuple[int, int]] = set()
    spans = []
    for ref in merged:
        (r1, c1), (r2, c2) = (_cell_index(part) for part in ref.split(":"))
        spans.append((r1, r2, c1, c2))
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    for r1, r2, c1, c2 in spans:
        value = rows[r1][c1] if c1 < len(rows[r1]) else ""
        sheet.write_merge(r1, r2, c1, c2, value)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value in ("", None) or (r, c) in covered or any(
                r == s[0] and c == s[2] for s in spans
            ):
                continue
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(HERE / "blt_layout.xls"))


if __name__ == "__main__":
    main()
