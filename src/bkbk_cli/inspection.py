"""How a roster file was read: the sheets, the header, each column's field, the months,
where the category and the village came from, and the rows skipped and why.

``bkbk inspect`` prints this, so an analyst can see at a glance why a number is what
it is. It reads the file exactly as ``validate`` does (the same layout detection and
row roles, ``read.layout`` / ``read.rows``) and checks nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bkbk_cli.checks import sheet as sheet_checks
from bkbk_cli.findings import column_letter
from bkbk_cli.messages import Lang, render
from bkbk_cli.read.guard import inspect_file
from bkbk_cli.read.layout import find_layout
from bkbk_cli.read.workbook import RawSheet, WorkbookError, iter_sheets
from bkbk_cli.validate import Options


def _header_text(sheet: RawSheet, rows: tuple[int, ...], col: int) -> str:
    texts: list[str] = []
    for i in rows:
        row = sheet.rows[i]
        value = row[col] if col < len(row) else ""
        text = value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value).strip()
        if text and text not in texts:
            texts.append(text)
    return " / ".join(texts)


def _problem(label: str, code: str, lang: Lang, value=None, expected=None) -> dict[str, Any]:
    return {
        "file": label,
        "readable": False,
        "problem": {"code": code, "message": render(code, lang, value=value, expected=expected)},
    }


def inspect_roster(
    path: Path | str, options: Options | None = None, lang: Lang = "id", label: str | None = None
) -> dict[str, Any]:
    """What ``validate`` would read in ``path``, as a JSON-ready dict (see the README)."""
    from bkbk_cli.validate import _checks, _prepare, check_prepared, read_sheets

    options = options or Options()
    path = Path(path)
    label = label or str(path)
    fmt, problem = inspect_file(path, options.config.limits)
    if problem is not None:
        return _problem(label, problem.code, lang, problem.value, problem.expected)
    sheets: list[dict[str, Any]] = []
    chosen = []
    try:
        for sheet in iter_sheets(path, fmt or "xlsx", options.config.limits, options.sheet):
            layout = find_layout(sheet)
            sheets.append({"name": sheet.name, "rows": len(sheet.rows), "roster": bool(layout)})
            if layout is not None:
                chosen.append((sheet, layout))
    except WorkbookError as exc:
        return _problem(label, exc.code, lang, exc.value, exc.expected)
    if not chosen:
        out = _problem(label, sheet_checks.NO_HEADER, lang)
        out["sheets"] = sheets
        return out
    _checks()
    roster = read_sheets(chosen)
    sheet = next(s for s, _ in chosen if s.name == roster.sheet)
    layout = roster.layout
    prepared = _prepare(label, roster, options)
    used = {roster.sheet} | {p.sheet for p in roster.pieces}
    for entry in sheets:
        entry["used"] = entry["name"] in used
    header_rows = layout.header_rows or (layout.header_index,)
    letter = lambda col: column_letter(sheet.left + col)  # noqa: E731
    excel_row = lambda i: sheet.top + i + 1  # noqa: E731
    columns = [
        {"column": letter(col), "header": _header_text(sheet, header_rows, col), "field": name}
        for name, col in sorted(layout.columns.items(), key=lambda item: item[1])
    ]
    for name, ticks in layout.ticks.items():
        for value, col in ticks.items():
            columns.append(
                {
                    "column": letter(col),
                    "header": _header_text(sheet, header_rows, col),
                    "field": f"{name} = {value} (centang/tick)",
                }
            )
    columns.sort(key=lambda c: (len(c["column"]), c["column"]))
    months = [
        {"period": period, "column": letter(col), "header": _header_text(sheet, header_rows, col)}
        for period, col in layout.months.items()
    ]
    if "kategori" in roster.sources:
        category = roster.sources["kategori"]
    elif "kategori" in layout.columns:
        category = "column"
    else:
        category = None
    skipped = [] if roster.row_roles is None else roster.row_roles.skipped
    result = check_prepared([prepared], options, keep_tables=False)[0]
    notes = [
        {k: f[k] for k in ("code", "severity", "cell", "row", "column", "message")}
        for f in result.finding_dicts(lang)
        if f["severity"] == "info" or f["code"] in sheet_checks.LAYOUT_WARNINGS
    ]
    return {
        "file": label,
        "readable": True,
        "format": fmt,
        "sheets": sheets,
        "sheet": sheet.name,
        "title": layout.title,
        "header_rows": [excel_row(i) for i in header_rows],
        "numbered_row": None if layout.numbered_row is None else excel_row(layout.numbered_row),
        "merged_ranges": layout.merged_filled,
        "columns": columns,
        "ignored": [{"column": letter(c), "header": text} for c, text in layout.ignored],
        "ambiguous": [
            {"column": letter(c), "header": text, "candidates": list(candidates)}
            for c, text, candidates in layout.ambiguous
        ],
        "months": months,
        "year": prepared.year,
        "year_source": layout.year_source,
        "category_source": category,
        "sections": [{"row": row, "label": label_} for row, label_ in roster.section_rows],
        "sources": dict(roster.sources),
        "village": {
            "code": prepared.village_code,
            "name": prepared.village_name,
            # how it was decided (``village_id``): "--village", "column", "title code",
            # "title name", "sheet name", "file name"; "pieces": a sheet or block per village
            "source": "pieces" if roster.pieces_kind == "village" else prepared.village.source,
            "described": prepared.village.describe(lang),
            "title": {k: v for k, v in layout.title.items() if k != "year"},
        },
        "rows": {
            "first": int(roster.rows[0]) if len(roster.rows) else None,
            "last": int(roster.rows[-1]) if len(roster.rows) else None,
            "read": roster.rows_read,
            "participants": result.participants,
        },
        "skipped": [{"row": row, "role": role, "text": text} for row, role, text in skipped],
        "pieces_kind": roster.pieces_kind,
        "pieces": [
            {
                "sheet": piece.sheet,
                "header_row": piece.header_row,
                "rows": piece.rows_read,
                "title": piece.layout.title,
                "skipped": []
                if piece.row_roles is None
                else [
                    {"row": r, "role": role, "text": t} for r, role, t in piece.row_roles.skipped
                ],
            }
            for piece in roster.pieces
        ],
        "notes": notes,
    }
