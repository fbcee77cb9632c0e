"""The report workbook: the document the province and regencies forward to officials.

``write_report_xlsx(document, out)`` writes a report document (the JSON of
``bkbk report``) as a workbook:

* **Ringkasan** (summary). For a regency: the regency, the period, how many
  villages reported, met their quota or have not reported (``belum lapor``),
  and the regency totals. For the province: one row per regency with a totals
  row and a chart of quota fulfilment per regency.
* **One sheet per regency**, one row per village, the regency totals
  underneath and a native Excel bar chart of quota fulfilment (% of the quota
  reached by active participants, per category) per village. A regency
  document has its one regency; a province document has the regencies it
  carries under the optional key ``"regency_reports"`` (a list of regency
  documents, as ``bkbk export`` passes), else none.
* **Tindak Lanjut** (follow-up): the participants ``menunggak`` or
  ``nonaktif``, with village, masked NIK, name, category, status and months
  unpaid.
* **Duplikat**, only if a NIK is on the rosters of two or more villages.

Every table has a frozen header, an autofilter, Rupiah and percent formats, and
prints A4 landscape one page wide (``xlsx_print``). Colours follow ``render.signal``:
a village that has not reported or is far from its quota is red across, one near it
amber, a met quota and a good continuity green in their cells. Names
come from uploads, so every cell goes through ``xlsx_safe``: text is always
text, never a formula. The file is written to a temporary name beside ``out``
and moved into place, so a reader never sees half a workbook and a failed run
leaves the previous file as it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bkbk_cli.atomic import write_atomically
from bkbk_cli.config import Colours
from bkbk_cli.messages import Lang, label
from bkbk_cli.regions import regencies, village
from bkbk_cli.render.report_rows import flatten_row, flatten_rows
from bkbk_cli.render.signal import Level, continuity_level, ratio_level, village_level
from bkbk_cli.render.xlsx_print import fit_widths, print_setup
from bkbk_cli.render.xlsx_safe import clean_text, set_text_safe
from bkbk_cli.words import WORDS, period_name, word, worded

__all__ = [
    "FILL_COLOURS",
    "FORMAT_PERCENT",
    "FORMAT_RUPIAH",
    "ReportXlsxError",
    "build_workbook",
    "write_report_xlsx",
]

FORMAT_RUPIAH = '"Rp" #,##0'
FORMAT_PERCENT = "0.0%"
FORMAT_COUNT = "#,##0"

#: Excel's "Bad" red for what needs action, its "Neutral" amber for near, its "Good"
#: green for met (the levels of ``render.signal``), and the header grey.
FILL_COLOURS: dict[str, str] = {
    "action": "FFC7CE",
    "near": "FFEB9C",
    "met": "C6EFCE",
    "header": "D9D9D9",
}
_FILLS = {
    name: PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)
    for name, rgb in FILL_COLOURS.items()
}
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_TOP_RULE = Border(top=Side(style="thin"))

_FOLLOWUP_KEYS = (
    "village_code", "village_name", "nik", "nama", "kategori", "status", "months_unpaid",
)  # fmt: skip
# Shown too when the follow-up records carry them: what is owed, and where in which roster.
_FOLLOWUP_EXTRA = ("outstanding_rp", "file_name", "row")

_CATEGORIES = ("miskin_ekstrem", "pekerja_rentan")
_NAME_KEYS = ("village_name", "regency_name", "name")
_TEXT_KEYS = {"regency_name", "name", "village_name", "district_name", "nama"}

_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")
_HEADER_ROW = 4  # title, period, legend, then the header of every table sheet


class ReportXlsxError(RuntimeError):
    """The workbook cannot be written (bad document or an unwritable place)."""


def _t(key: str, lang: Lang, **kwargs: object) -> str:
    return word(f"xlsx.{key}", lang, **kwargs)


def _status(status: object, lang: Lang) -> object:
    key = f"xlsx.status.{status}"
    return word(key, lang) if key in WORDS else status


def _header(key: str, lang: Lang) -> str:
    """The header of a report column: its words in ``words.WORDS``, else the key itself."""
    if f"xlsx.col.{key}" in WORDS:
        return word(f"xlsx.col.{key}", lang)
    for category in _CATEGORIES:
        measure = key.removeprefix(f"{category}_")
        if measure != key and f"xlsx.measure.{measure}" in WORDS:
            return f"{label(category, lang)}: {word(f'xlsx.measure.{measure}', lang)}"
    return key


# --- cells --------------------------------------------------------------------


def _put(ws: Worksheet, row: int, column: int, value: object, **style: Any) -> Cell:
    """Write one cell through ``xlsx_safe`` (text stays text) and style it."""
    cell = ws.cell(row=row, column=column)
    set_text_safe(cell, value)
    for name, setting in style.items():
        if setting is not None:
            setattr(cell, name, setting)
    return cell


@dataclass(frozen=True, slots=True)
class _Column:
    key: str
    kind: str  # text, count, number, rupiah, percent, submitted, yesno
    width: float


def _kind(key: str, values: Sequence[object]) -> str:
    if key == "submitted":
        return "submitted"
    if key.endswith("_rp"):
        return "rupiah"
    if key.endswith(("_rate", "_pct")):
        return "percent"
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, bool):
        return "yesno"
    if isinstance(sample, int):
        return "count"
    if isinstance(sample, float):
        return "number"
    return "text"


_WIDTHS = {"text": 14.0, "count": 11.0, "number": 11.0, "rupiah": 15.0, "percent": 12.0}
_KEY_WIDTHS = {
    "village_name": 28.0,
    "regency_name": 26.0,
    "name": 26.0,
    "district_name": 22.0,
    "village_code": 15.0,
    "nama": 30.0,
    "nik": 19.0,
}
_FORMATS = {"count": FORMAT_COUNT, "rupiah": FORMAT_RUPIAH, "percent": FORMAT_PERCENT}


def _display(column: _Column, value: object, lang: Lang) -> object:
    """A cell value for ``value``: report flags as words, everything else as it is."""
    if isinstance(value, bool):
        if column.kind == "submitted":
            return _t("submitted_yes" if value else "submitted_no", lang)
        return _t("yes" if value else "no", lang)
    return value


def _columns(flat: Sequence[Mapping[str, Any]]) -> list[_Column]:
    keys = list(flat[0]) if flat else []
    out = []
    for key in keys:
        kind = _kind(key, [row.get(key) for row in flat])
        out.append(_Column(key, kind, _KEY_WIDTHS.get(key, _WIDTHS.get(kind, 12.0))))
    return out


def _with_fulfilment(flat: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with ``<category>_pct`` (active / quota) right after each category's quota."""
    out = []
    for row in flat:
        new: dict[str, Any] = {}
        for key, value in row.items():
            new[key] = value
            for category in _CATEGORIES:
                if key == f"{category}_quota" and f"{category}_active" in row:
                    new[f"{category}_pct"] = _ratio(row[f"{category}_active"], value)
        out.append(new)
    return out


def _ratio(part: object, whole: object) -> float | None:
    if isinstance(part, (int, float)) and isinstance(whole, (int, float)) and whole:
        return part / whole
    return None


def _row_fill(row: Mapping[str, Any], colours: Colours) -> PatternFill | None:
    """A village row, across: red when it needs action (not reported, quota far from met),
    amber when near the quota; a village that meets it is green in its quota cells only."""
    if "village_code" not in row or "submitted" not in row:
        return None
    level = village_level(_nested(row), colours)
    return _FILLS[level] if level in ("action", "near") else None


def _nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    """A flat village row's category numbers back under their category (``render.signal``)."""
    row = dict(flat)
    for category in _CATEGORIES:
        row[category] = {m: flat.get(f"{category}_{m}") for m in ("enrolled", "active", "quota")}
    return row


#: The cells of a village row coloured on their own (the row itself is red or amber when the
#: village needs action or is near its quota).
_VILLAGE_MARKS = {"continuity_rate", "quota_met"}


def _cell_levels(row: Mapping[str, Any], colours: Colours) -> dict[str, Level | None]:
    """The colour level of single cells of a row: continuity, quota cells, village counts."""
    levels: dict[str, Level | None] = {
        "continuity_rate": continuity_level(row.get("continuity_rate"), colours)
    }
    for category in _CATEGORIES:
        level = ratio_level(row.get(f"{category}_active"), row.get(f"{category}_quota"), colours)
        levels[f"{category}_active"] = levels[f"{category}_pct"] = level
    total = row.get("villages_total", row.get("villages"))
    for key in ("villages_submitted", "villages_quota_met"):
        levels[key] = ratio_level(row.get(key), total, colours)
    if row.get("quota_met") is not None and "submitted" in row:
        levels["quota_met"] = village_level(_nested(row), colours)
    return levels


# --- sheets -------------------------------------------------------------------


def _sheet_title(text: str, taken: set[str]) -> str:
    base = _BAD_TITLE_CHARS.sub(" ", clean_text(text)).strip(" '")[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _regency_short(regency: Mapping[str, Any]) -> str:
    name = str(regency.get("name") or regency.get("slug") or regency.get("code") or "")
    return name.removeprefix("Kabupaten ").strip()


def _period(period: object, lang: Lang) -> str:
    """``2026-10`` as people say it (``Oktober 2026``); anything else as it is."""
    if isinstance(period, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        return period_name(period, lang)
    return str(period or "-")


def _period_line(
    ws: Worksheet, document: Mapping[str, Any], lang: Lang, note_at: tuple[int, int] = (2, 2)
) -> None:
    """Row 2: the period; beside it (or at ``note_at``) which rule chose it and why
    (``report_period.note``), wrapped across the sheet by `_wrap_period_note`."""
    from bkbk_cli.report_period import note

    _put(ws, 2, 1, _t("period", lang, period=_period(document.get("period"), lang)))
    text = note(dict(document), lang)
    if text:
        _put(ws, *note_at, text)


def _wrap_period_note(ws: Worksheet, text: str) -> None:
    """The period note spread over the sheet's columns and wrapped, so that it is read whole
    and never widens the printed page (called once the sheet's columns are set)."""
    found = [(r, c) for r, c in ((2, 2), (4, 1)) if text and ws.cell(r, c).value == text]
    if not found:
        return
    row, first = found[0]
    last = max(ws.max_column, first + 1)
    width = sum(
        ws.column_dimensions[get_column_letter(c)].width or 13.0 for c in range(first, last + 1)
    )
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    ws.cell(row, first).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(2, 1).alignment = Alignment(vertical="top")
    lines = -(-int(len(text) * 1.1) // max(int(width), 1))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines


def _title_block(
    ws: Worksheet, title: str, document: Mapping[str, Any], lang: Lang, legend: bool
) -> None:
    _put(ws, 1, 1, title, font=_TITLE)
    _period_line(ws, document, lang)
    if legend:
        # every other column: a legend's text runs on into the empty cell beside it
        for c, level in zip((1, 3, 5), ("action", "near", "met"), strict=True):
            _put(ws, 3, c, _t(f"legend_{level}", lang), fill=_FILLS[level])


def _table(
    ws: Worksheet,
    rows: Sequence[Mapping[str, Any]],
    lang: Lang,
    *,
    totals: Mapping[str, Any] | None = None,
    freeze_columns: int | None = None,
    header_row: int = _HEADER_ROW,
    fills: bool = True,
    keep_order: bool = False,
    colours: Colours | None = None,
) -> tuple[list[_Column], int]:
    """A table from report rows at ``header_row``, totals underneath; returns columns, last row.

    Columns come in the report's order (``report_rows.COLUMN_ORDER``), or as in the rows
    with ``keep_order``. With ``fills``, rows and cells are coloured by ``render.signal``.
    """
    colours = colours or Colours()
    flat = _with_fulfilment([dict(r) for r in rows] if keep_order else flatten_rows(rows))
    columns = _columns(flat)
    for c, column in enumerate(columns, start=1):
        _put(
            ws,
            header_row,
            c,
            _header(column.key, lang),
            font=_BOLD,
            fill=_FILLS["header"],
            alignment=_HEADER_ALIGN,
        )
    ws.row_dimensions[header_row].height = 45
    r = header_row
    for r, row in enumerate(flat, start=header_row + 1):
        fill = _row_fill(row, colours) if fills else None
        levels = _cell_levels(row, colours) if fills else {}
        for c, column in enumerate(columns, start=1):
            cell = _put(ws, r, c, _display(column, row[column.key], lang))
            if column.kind in _FORMATS:
                cell.number_format = _FORMATS[column.kind]
            level = levels.get(column.key)
            if fill is not None:
                cell.fill = fill
            elif level is not None and (column.key in _VILLAGE_MARKS or "village_code" not in row):
                cell.fill = _FILLS[level]
    last_data = r
    if columns:
        last_letter = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A{header_row}:{last_letter}{max(last_data, header_row + 1)}"
        if freeze_columns is None:  # keep the place's code and name in view when scrolling right
            keys = [c.key for c in columns]
            named = [i for i, k in enumerate(keys, start=1) if k in _NAME_KEYS]
            freeze_columns = named[0] if named else 1
        ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_row + 1}"
    last_row = last_data
    if totals is not None and columns:
        last_row = last_data + 1
        _totals_row(ws, last_row, columns, totals, lang)
    headers = [_header(column.key, lang) for column in columns]
    fit_widths(ws, [column.kind for column in columns], headers, header_row, last_row)
    print_setup(ws, header_row, len(columns), last_row, lang)
    return columns, last_data


def _totals_row(
    ws: Worksheet, r: int, columns: Sequence[_Column], totals: Mapping[str, Any], lang: Lang
) -> None:
    flat = _with_fulfilment([flatten_row(totals)])[0]
    # Under "reported" and "quota met" the totals count villages.
    counts = {"submitted": "villages_submitted", "quota_met": "villages_quota_met"}
    for key, count in counts.items():
        if count in flat:
            flat[key] = flat[count]
    for c, column in enumerate(columns, start=1):
        value = flat.get(column.key)
        if column.kind == "text" or column.key in _TEXT_KEYS:
            value = None
        cell = _put(ws, r, c, _display(column, value, lang), font=_BOLD, border=_TOP_RULE)
        if column.kind in _FORMATS or isinstance(value, int):
            cell.number_format = _FORMATS.get(column.kind, FORMAT_COUNT)
    _put(ws, r, 1, _t("total", lang), font=_BOLD, border=_TOP_RULE)


def _fulfilment_chart(
    ws: Worksheet, columns: Sequence[_Column], last_data: int, name_key: str, lang: Lang
) -> None:
    """A horizontal bar per place and category: active participants as a share of the quota."""
    first_data = _HEADER_ROW + 1
    n = last_data - _HEADER_ROW
    index = {column.key: c for c, column in enumerate(columns, start=1)}
    series = [index[f"{k}_pct"] for k in _CATEGORIES if f"{k}_pct" in index]
    if n <= 0 or not series or name_key not in index:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = _t("chart_title", lang)
    for c in series:
        chart.add_data(
            Reference(ws, min_col=c, min_row=_HEADER_ROW, max_row=last_data), titles_from_data=True
        )
    # Names are text: a string reference (openpyxl's default is numeric) keeps them as labels.
    names = Reference(ws, min_col=index[name_key], min_row=first_data, max_row=last_data)
    for s in chart.series:
        s.cat = AxDataSource(strRef=StrRef(f=str(names)))
    chart.x_axis.tickLblSkip = 1  # every place named, not every other one
    chart.x_axis.scaling.orientation = "maxMin"  # first place at the top, as in the table
    chart.y_axis.scaling.min = 0
    chart.y_axis.number_format = "0%"
    chart.y_axis.majorGridlines = None
    # openpyxl 3.1 marks axes deleted unless told otherwise; Excel then draws none.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width = 18
    chart.height = min(max(7.5, 0.5 * n + 3), 150)
    ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}{_HEADER_ROW}")


def _village_sheet(
    wb: Workbook, report: Mapping[str, Any], lang: Lang, taken: set[str], colours: Colours
) -> None:
    regency = report.get("regency") or {}
    ws = wb.create_sheet(_sheet_title(_regency_short(regency), taken))
    title = _t("title_regency", lang, name=regency.get("name", ""))
    _title_block(ws, title, report, lang, legend=True)
    villages = report.get("villages") or []
    columns, last = _table(ws, villages, lang, totals=report.get("totals"), colours=colours)
    _fulfilment_chart(ws, columns, last, "village_name", lang)


def _regency_summary(wb: Workbook, report: Mapping[str, Any], lang: Lang, taken: set[str]) -> None:
    ws = wb.active
    ws.title = _sheet_title(_t("summary", lang), taken)
    regency = report.get("regency") or {}
    title = _t("title_regency", lang, name=regency.get("name", ""))
    _put(ws, 1, 1, title, font=_TITLE)
    _period_line(ws, report, lang, note_at=(4, 1))  # row 4 is free on this sheet
    _put(ws, 3, 1, _t("regency", lang, name=regency.get("name", ""), code=regency.get("code", "")))
    villages = report.get("villages") or []
    submitted = sum(1 for v in villages if v.get("submitted"))
    met = sum(1 for v in villages if v.get("quota_met"))
    unreported, unmet = len(villages) - submitted, len(villages) - met
    lines: list[tuple[str, int, PatternFill | None]] = [
        (_t("villages", lang), len(villages), None),
        (_t("villages_submitted", lang), submitted, None),
        (_t("villages_unreported", lang), unreported, _FILLS["action"] if unreported else None),
        (_t("villages_met", lang), met, None),
        (_t("villages_unmet", lang), unmet, _FILLS["action"] if unmet else None),
    ]
    r = 5
    for text, value, fill in lines:
        _put(ws, r, 1, text)
        _put(ws, r, 2, value, number_format=FORMAT_COUNT, fill=fill)
        r += 1
    r += 1
    _put(ws, r, 1, _t("totals", lang), font=_BOLD)
    r += 1
    totals = _with_fulfilment([flatten_row(report.get("totals") or {})])[0]
    for key, value in totals.items():
        if key.startswith("villages") or key in _TEXT_KEYS or key == "quota_met":
            continue  # the village counts are above
        column = _Column(key, _kind(key, [value]), 0)
        _put(ws, r, 1, _header(key, lang))
        _put(ws, r, 2, _display(column, value, lang), number_format=_FORMATS.get(column.kind))
        r += 1
    r += 1
    _put(ws, r, 1, _t("duplicate_count", lang))
    _put(ws, r, 2, len(report.get("duplicates") or []), number_format=FORMAT_COUNT)
    _put(ws, r + 1, 1, _t("followup_count", lang))
    _put(ws, r + 1, 2, len(report.get("followup") or []), number_format=FORMAT_COUNT)
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 22
    print_setup(ws, 0, 2, r + 1, lang)


def _province_summary(
    wb: Workbook, report: Mapping[str, Any], lang: Lang, taken: set[str], colours: Colours
) -> None:
    ws = wb.active
    ws.title = _sheet_title(_t("summary", lang), taken)
    _title_block(ws, _t("title_province", lang), report, lang, legend=True)
    rows = report.get("regencies") or []
    columns, last = _table(ws, rows, lang, totals=report.get("totals"), colours=colours)
    name_key = next((c.key for c in columns if c.key in ("regency_name", "name")), "")
    _fulfilment_chart(ws, columns, last, name_key, lang)


# --- follow-up and duplicates ---------------------------------------------------


def _regency_names() -> dict[str, str]:
    return {r.code: r.short_name for r in regencies()}


def _followup_rows(document: Mapping[str, Any], province: bool) -> list[dict[str, Any]]:
    reports = document.get("regency_reports") or []
    if province and reports:
        people = [p for report in reports for p in report.get("followup") or []]
    else:
        people = list(document.get("followup") or [])
    names = _regency_names()
    extra = [key for key in _FOLLOWUP_EXTRA if any(key in p for p in people)]
    rows = []
    for p in people:
        code = str(p.get("village_code") or "")
        row: dict[str, Any] = {}
        if province:
            place = village(code)
            regency_code = p.get("regency_code") or (place.regency_code if place else "")
            row["regency_name"] = p.get("regency_name") or names.get(regency_code, "")
        row |= {key: p.get(key) for key in _FOLLOWUP_KEYS} | {"village_code": code}
        row |= {key: p.get(key) for key in extra}
        if row.get("file_name"):  # the file's name, not where it sits on the server
            row["file_name"] = re.split(r"[\\/]", str(row["file_name"]))[-1]
        rows.append(row)
    rows.sort(key=lambda r: (r["village_code"], -(r["months_unpaid"] or 0), str(r["nik"])))
    return rows


def _followup_sheet(
    wb: Workbook, document: Mapping[str, Any], lang: Lang, taken: set[str], province: bool
) -> None:
    ws = wb.create_sheet(_sheet_title(_t("followup", lang), taken))
    _put(ws, 1, 1, _t("followup", lang), font=_TITLE)
    _period_line(ws, document, lang)
    rows = _followup_rows(document, province)
    display = [
        row
        | {
            "kategori": label(str(row["kategori"]), lang) if row["kategori"] else None,
            "status": _status(row["status"], lang),
        }
        for row in rows
    ]
    columns, _ = _table(ws, display, lang, freeze_columns=0, fills=False, keep_order=True)
    if not rows:
        for c, key in enumerate(_FOLLOWUP_KEYS, start=1):
            _put(ws, _HEADER_ROW, c, _header(key, lang), font=_BOLD, fill=_FILLS["header"])
        _put(ws, _HEADER_ROW + 1, 1, _t("followup_none", lang))
        return
    status_col = [c.key for c in columns].index("status") + 1
    for r, row in enumerate(rows, start=_HEADER_ROW + 1):
        fill = {"nonaktif": "action", "menunggak": "near"}.get(str(row["status"]))
        if fill:
            ws.cell(row=r, column=status_col).fill = _FILLS[fill]


def _duplicate_rows(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per village of a shared NIK. Rows of one NIK share a ``group`` number (what
    tells them apart when the NIK is masked: ``1506********0017`` is many people); a
    document without groups (older JSON) is grouped by the NIK as shown."""
    merged: dict[object, tuple[str, dict[str, object]]] = {}
    sources = [document, *(document.get("regency_reports") or [])]
    for source in sources:
        for dup in source.get("duplicates") or []:
            key = dup.get("group", str(dup.get("nik")))
            _, names = merged.setdefault(key, (str(dup.get("nik")), {}))
            for code in map(str, dup.get("villages", [])):
                names.setdefault(code, None)
            for entry in dup.get("entries") or []:
                names[str(entry.get("village_code"))] = entry.get("nama")
    regency_names = _regency_names()
    rows = []
    order = sorted(merged, key=lambda k: (0, k, "") if isinstance(k, int) else (1, 0, str(k)))
    for number, key in enumerate(order, start=1):
        nik, names = merged[key]
        for code in sorted(names):
            place = village(code)
            rows.append(
                {
                    "group": key if isinstance(key, int) else number,
                    "nik": nik,
                    "nama": names[code],
                    "village_count": len(names),
                    "village_code": code,
                    "village_name": place.name if place else None,
                    "district_name": place.district_name if place else None,
                    "regency_name": regency_names.get(place.regency_code, "") if place else None,
                }
            )
    return rows


def _duplicates_sheet(
    wb: Workbook, document: Mapping[str, Any], lang: Lang, taken: set[str]
) -> None:
    rows = _duplicate_rows(document)
    if not rows:
        return
    ws = wb.create_sheet(_sheet_title(_t("duplicates", lang), taken))
    _put(ws, 1, 1, _t("duplicate_count", lang), font=_TITLE)
    _period_line(ws, document, lang)
    _table(ws, rows, lang, freeze_columns=1, fills=False, keep_order=True)


def _villageless_sheet(
    wb: Workbook, document: Mapping[str, Any], lang: Lang, taken: set[str]
) -> None:
    """Rosters read but counted for no village ("Tanpa Desa"), only if there are any: without
    them the villages they are for would look as if they had not reported."""
    from bkbk_cli.render.report_table import villageless_reason, villageless_received

    rosters = document.get("rosters_without_village") or []
    if not rosters:
        return
    ws = wb.create_sheet(_sheet_title(word("villageless.sheet", lang), taken))
    _put(ws, 1, 1, word("villageless.title", lang, n=len(rosters)), font=_TITLE)
    _put(ws, 2, 1, _t("period", lang, period=_period(document.get("period"), lang)))
    keys = ("file", "ingested", "name", "rows", "reason")
    for column, (key, width) in enumerate(zip(keys, (40, 26, 24, 8, 90), strict=True), start=1):
        _put(ws, 4, column, word(f"villageless.{key}", lang), font=_BOLD, fill=_FILLS["header"])
        ws.column_dimensions[get_column_letter(column)].width = width
    for row, roster in enumerate(rosters, start=5):
        values = (
            roster.get("file_name"),
            villageless_received(roster, lang),
            roster.get("village_name"),
            int(roster.get("rows_read") or 0),
            villageless_reason(roster, lang),
        )
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, value, alignment=Alignment(wrap_text=True, vertical="top"))
    ws.freeze_panes = "A5"
    print_setup(ws, 4, len(keys), 4 + len(rosters), lang)


# --- the workbook -------------------------------------------------------------------


def build_workbook(
    document: Mapping[str, Any], lang: Lang = "id", colours: Colours | None = None
) -> Workbook:
    """The report workbook for a regency document (``"regency"``) or the province (``"regencies"``).

    ``colours``: the thresholds of red, amber and green (``config.Colours``, its defaults
    without it).

    Raises:
        ReportXlsxError: the document is neither.
    """
    if "regency" in document:
        province = False
    elif "regencies" in document:
        province = True
    else:
        raise ReportXlsxError("not a report document: it has neither 'regency' nor 'regencies'")
    wb = Workbook()
    wb.properties.creator = "bkbk"
    wb.properties.title = clean_text(
        _t("title_province", lang)
        if province
        else _t("title_regency", lang, name=document["regency"].get("name", ""))
    )
    taken: set[str] = set()
    colours = colours or Colours()
    if province:
        _province_summary(wb, document, lang, taken, colours)
        for report in document.get("regency_reports") or []:
            _village_sheet(wb, report, lang, taken, colours)
    else:
        _regency_summary(wb, document, lang, taken)
        _village_sheet(wb, document, lang, taken, colours)
    _followup_sheet(wb, document, lang, taken, province)
    _duplicates_sheet(wb, document, lang, taken)
    _villageless_sheet(wb, document, lang, taken)
    from bkbk_cli.report_period import note

    for ws in wb.worksheets:
        _wrap_period_note(ws, note(dict(document), lang))
    wb.active = 0
    return wb


def save_atomic(wb: Workbook, out: Path) -> None:
    """Save so that ``out`` is the complete new workbook or, on failure, what it was."""
    try:
        write_atomically(out, wb.save)
    except OSError as exc:
        raise worded(ReportXlsxError, "cli.cannot_write", path=out, reason=exc) from exc


def write_report_xlsx(
    document: Mapping[str, Any], out: Path, lang: Lang = "id", colours: Colours | None = None
) -> None:
    """Write the report workbook for ``document`` to ``out``, atomically (see `build_workbook`)."""
    save_atomic(build_workbook(document, lang, colours), Path(out))
