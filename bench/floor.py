"""The floor: python-calamine reading every cell of the given workbooks, in one process.

    python bench/floor.py PATH...   (files, or folders: their *.xlsx, recursively)

Opens each workbook, reads every sheet with ``to_python()`` and counts the cells,
sequentially in this one process. ``run.py`` times this script as a subprocess,
exactly as it times ``bkbk``, so both figures include starting Python; no
roster tool can read the same cells in less time than this on one core.
"""

from __future__ import annotations

import sys
from pathlib import Path


def workbook_paths(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*.xlsx") if p.is_file()))
        else:
            out.append(path)
    return out


def read_all(paths: list[Path]) -> int:
    """Every cell of every sheet of every workbook; returns the number of cells."""
    from python_calamine import CalamineWorkbook

    cells = 0
    for path in paths:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            for name in workbook.sheet_names:
                rows = workbook.get_sheet_by_name(name).to_python()
                cells += sum(len(row) for row in rows)
        finally:
            workbook.close()
    return cells


def main(argv: list[str]) -> int:
    paths = workbook_paths(argv)
    if not paths:
        print("usage: python bench/floor.py PATH...", file=sys.stderr)
        return 2
    print(f"{len(paths)} workbooks, {read_all(paths)} cells")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
