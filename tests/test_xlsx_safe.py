"""Writing untrusted values into xlsx cells: text stays text, and the file always opens."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from bkbk_cli.render.xlsx_safe import (
    MAX_CELL_CHARS,
    REPLACEMENT_CHAR,
    clean_text,
    looks_like_formula,
    safe_value,
    set_text_safe,
    write_only_cell,
)

FORMULA_LIKE = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=cmd|' /C calc'!A0",
    "#N/A",  # openpyxl would otherwise write an error value
]


def as_reloaded(text: str) -> str:
    """``text`` as it reads back: XML turns a bare carriage return into a line feed."""
    return text.replace("\r", "\n")


def formula_elements(path: Path) -> list[str]:
    """Names of sheet XML parts in ``path`` that contain a formula element."""
    with zipfile.ZipFile(path) as zf:
        return [
            name
            for name in zf.namelist()
            if name.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[\s>/]", zf.read(name))
        ]


def roundtrip(tmp_path: Path, *values: object) -> list[object]:
    """Write ``values`` into A1, A2, ... with ``set_text_safe``; reload the cells."""
    wb = Workbook()
    for row, value in enumerate(values, start=1):
        set_text_safe(wb.active.cell(row=row, column=1), value)
    path = tmp_path / "out.xlsx"
    wb.save(path)
    assert formula_elements(path) == []
    ws = load_workbook(path).active
    return [ws.cell(row=row, column=1) for row in range(1, len(values) + 1)]


def test_plain_assignment_would_make_a_formula(tmp_path: Path) -> None:
    # Why this module exists: openpyxl turns a leading "=" into a live formula.
    wb = Workbook()
    wb.active["A1"] = "=1+1"
    wb.save(tmp_path / "naive.xlsx")
    assert formula_elements(tmp_path / "naive.xlsx") == ["xl/worksheets/sheet1.xml"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_written_as_text(tmp_path: Path, text: str) -> None:
    (cell,) = roundtrip(tmp_path, text)
    assert cell.data_type == "s"
    assert cell.value == as_reloaded(text)


def test_formula_like_text_gets_the_quote_prefix(tmp_path: Path) -> None:
    # The quote prefix keeps it text even when someone edits the cell in Excel.
    formula, plain = roundtrip(tmp_path, "=1+1", "Budi")
    assert formula.quotePrefix
    assert not plain.quotePrefix


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_write_only_cell_keeps_formula_like_text_as_text(tmp_path: Path, text: str) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Report")
    ws.append([write_only_cell(ws, text, font=Font(bold=True)), write_only_cell(ws, 3)])
    path = tmp_path / "report.xlsx"
    wb.save(path)

    assert formula_elements(path) == []
    a1, b1 = load_workbook(path)["Report"]["A1:B1"][0]
    assert (a1.value, a1.data_type, a1.font.bold) == (as_reloaded(text), "s", True)
    assert b1.value == 3


def test_looks_like_formula() -> None:
    assert looks_like_formula("=A1")
    assert looks_like_formula(" \t@x")
    assert not looks_like_formula("Budi = Ani")
    assert not looks_like_formula("")


@pytest.mark.parametrize("bad", ["\x07", "\x00", "\x1b", "\ufffe", "\ud800"])
def test_characters_xlsx_cannot_hold_are_replaced(tmp_path: Path, bad: str) -> None:
    (cell,) = roundtrip(tmp_path, f"Bu{bad}di")
    assert cell.value == f"Bu{REPLACEMENT_CHAR}di"


def test_tabs_and_line_breaks_are_kept() -> None:
    assert safe_value("Jl. Merdeka\n\tRT 01\r\n") == "Jl. Merdeka\n\tRT 01\r\n"


def test_text_longer_than_a_cell_is_truncated_with_an_ellipsis(tmp_path: Path) -> None:
    (cell,) = roundtrip(tmp_path, "x" * 40_000)
    assert len(cell.value) == MAX_CELL_CHARS
    assert cell.value.endswith("…")
    assert cell.value[:-1] == "x" * (MAX_CELL_CHARS - 1)


def test_truncation_counts_characters_as_excel_does() -> None:
    # Excel counts UTF-16 units: an emoji takes two of the 32,767.
    text = clean_text("😀" * 20_000)
    assert len(text.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
    assert text.endswith("…")
    assert clean_text("x" * MAX_CELL_CHARS) == "x" * MAX_CELL_CHARS


def test_values_excel_cannot_store_become_storable(tmp_path: Path) -> None:
    jakarta = dt.timezone(dt.timedelta(hours=7))
    nan, inf, aware, raw = roundtrip(
        tmp_path, float("nan"), float("-inf"), dt.datetime(2025, 1, 2, 9, tzinfo=jakarta), b"ok"
    )
    assert nan.value is None
    assert inf.value == "-inf"
    assert inf.data_type == "s"
    assert aware.value == dt.datetime(2025, 1, 2, 9)
    assert raw.value == "ok"


def test_missing_markers_from_pandas_become_empty_cells() -> None:
    pd = pytest.importorskip("pandas")
    assert safe_value(pd.NA) is None
    assert safe_value(pd.NaT) is None


def test_numbers_and_dates_pass_through() -> None:
    assert safe_value(3_501_234) == 3_501_234
    assert safe_value(12.5) == 12.5
    assert safe_value(True) is True
    assert safe_value(dt.date(2025, 1, 31)) == dt.date(2025, 1, 31)
    assert safe_value(None) is None
