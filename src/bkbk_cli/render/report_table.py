"""Report documents (``measures.regency_report`` / ``province_report``) on screen, as JSON, as CSV.

The screen table is for finding problems: villages that have not reported
(``belum lapor``) are red, as are active counts short of the quota; the totals
follow the rows. JSON is the document itself; CSV is its rows flattened
(``miskin_ekstrem_enrolled`` ...), formula-safe, in the column order of
``render.report_rows`` (the same CSV ``bkbk export`` writes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bkbk_cli.atomic import write_text_atomically
from bkbk_cli.messages import Lang
from bkbk_cli.render import json_text
from bkbk_cli.words import percent, rupiah, word

#: Width of the table when the output is not a terminal (a file, a pipe, a test).
PLAIN_WIDTH = 160
_KATEGORI = ("miskin_ekstrem", "pekerja_rentan")
_SHORT = {"miskin_ekstrem": ("ME", "EP"), "pekerja_rentan": ("PR", "VW")}


def t(key: str, lang: Lang, **kwargs: object) -> str:
    return word(f"report.{key}", lang, **kwargs)


# ------------------------------------------------------------------------ rows


def report_rows(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The document's rows: villages of a regency report, regencies of the province report."""
    return list(document["villages"] if "villages" in document else document["regencies"])


def sort_columns(document: Mapping[str, Any]) -> list[str]:
    """The names ``--sort`` accepts: the report's CSV columns."""
    from bkbk_cli.render.report_rows import columns_of, flatten_row

    return columns_of(flatten_row(r) for r in report_rows(document))


def sort_report(document: dict[str, Any], column: str, descending: bool = False) -> dict[str, Any]:
    """The document with its rows sorted by a CSV column; empty values last either way.

    Raises:
        KeyError: ``column`` is not a column of the report (the message lists them).
    """
    from bkbk_cli.render.report_rows import flatten_row

    columns = sort_columns(document)
    if column not in columns:
        raise KeyError(f"unknown column {column!r}; use one of: {', '.join(columns)}")
    key = "villages" if "villages" in document else "regencies"
    rows = document[key]
    values = [flatten_row(r).get(column) for r in rows]
    present = [i for i, v in enumerate(values) if v is not None]
    missing = [i for i, v in enumerate(values) if v is None]
    present.sort(key=lambda i: _sortable(values[i]), reverse=descending)
    return {**document, key: [rows[i] for i in present + missing]}


def _sortable(value: object) -> tuple[int, object]:
    if isinstance(value, (bool, int, float)):
        return (0, float(value))
    return (1, str(value).casefold())


# ----------------------------------------------------------------------- formats


def to_json(document: Mapping[str, Any]) -> str:
    return json_text.dumps(document) + "\n"


def to_csv(document: Mapping[str, Any]) -> str:
    """The rows flattened, one line each, text cells formula-safe; no totals line."""
    from bkbk_cli.render.report_rows import rows_to_csv

    return rows_to_csv(report_rows(document))


# ------------------------------------------------------------------------ screen
#
# The screen shows what needs attention and fits a 120-column terminal: villages that
# have not reported and counts short of the quota in red, arrears and errors flagged.
# Everything else (paid Rupiah per village, exact quotas) is in JSON, CSV and xlsx.


def _short(kategori: str, lang: Lang) -> str:
    return _SHORT[kategori][1 if lang == "en" else 0]


def _amount(value: object) -> str:
    """Rupiah on screen, without the ``Rp`` (the header says it): ``806.400``."""
    return rupiah(value).removeprefix("Rp ")


def _flag(value: int, style: str) -> Text:
    return Text(str(value), style=style if value else "")


def _ratio_cell(part: int, whole: int, short: bool) -> Text:
    return Text(f"{part}/{whole}", style="bold red" if short else "")


def _rate_cell(rate: float | None, lang: Lang) -> Text:
    return Text(percent(rate, lang), style="red" if rate is not None and rate < 1 else "")


def _problem_cells(row: Mapping[str, Any], lang: Lang) -> list[Text | str]:
    return [
        _rate_cell(row["continuity_rate"], lang),
        Text(_amount(row["outstanding_rp"]), style="red" if row["outstanding_rp"] else ""),
        _flag(row["menunggak"], "yellow"),
        _flag(row["nonaktif"], "red"),
        _flag(row["errors"], "red"),
    ]


def _new_table(title: str, caption: str) -> Table:
    return Table(
        title=title,
        caption=caption,
        caption_justify="left",
        caption_style="dim",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 0),
    )


def _number_column(table: Table, header: str) -> None:
    table.add_column(header, justify="right", no_wrap=True)


def _problem_columns(table: Table, lang: Lang) -> None:
    for key in ("rate", "outstanding", "menunggak", "nonaktif", "errors"):
        _number_column(table, t(key, lang))


def _quotas(document: Mapping[str, Any]) -> dict[str, int]:
    """The quota of one village per category, as the document carries it."""
    if document.get("villages"):
        return {k: int(document["villages"][0][k]["quota"]) for k in _KATEGORI}
    totals = document["totals"]
    villages = max(int(totals["villages_total"]), 1)
    return {k: int(totals[k]["quota"]) // villages for k in _KATEGORI}


def _legend(document: Mapping[str, Any], lang: Lang) -> str:
    quota = _quotas(document)
    return t("legend", lang, me=quota["miskin_ekstrem"], pr=quota["pekerja_rentan"])


def _regency_table(document: Mapping[str, Any], lang: Lang) -> Table:
    table = _new_table(
        f"{t('title_regency', lang, name=document['regency']['name'])}, "
        f"{t('period', lang, period=document['period'])}",
        _legend(document, lang),
    )
    table.add_column(t("code", lang), no_wrap=True)
    table.add_column(t("village", lang), min_width=12, max_width=26)
    for k in _KATEGORI:
        _number_column(table, t("enrolled", lang, k=_short(k, lang)))
        _number_column(table, t("active", lang, k=_short(k, lang)))
    _number_column(table, t("months", lang))
    _problem_columns(table, lang)
    table.add_column(t("status", lang), no_wrap=True)
    for row in document["villages"]:
        if not row["submitted"]:
            table.add_row(
                row["village_code"],
                row["village_name"],
                *(["-"] * (2 * len(_KATEGORI) + 6)),
                Text(t("not_reported", lang), style="bold"),
                style="red",
            )
            continue
        cells: list[Text | str] = []
        for k in _KATEGORI:
            block = row[k]
            cells.append(str(block["enrolled"]))
            short = block["active"] < block["quota"]
            cells.append(Text(str(block["active"]), style="bold red" if short else ""))
        met = row["quota_met"]
        table.add_row(
            row["village_code"],
            row["village_name"],
            *cells,
            f"{row['months_paid']}/{row['months_due']}",
            *_problem_cells(row, lang),
            Text(t("met", lang), style="green")
            if met
            else Text(t("short", lang), style="bold red"),
        )
    return table


def _province_table(document: Mapping[str, Any], lang: Lang) -> Table:
    table = _new_table(
        f"{t('title_province', lang)}, {t('period', lang, period=document['period'])}",
        _legend(document, lang),
    )
    table.add_column(t("code", lang), no_wrap=True)
    table.add_column(t("regency", lang), min_width=10, max_width=22)
    _number_column(table, t("reported_villages", lang))
    for k in _KATEGORI:
        _number_column(table, t("enrolled", lang, k=_short(k, lang)))
        _number_column(table, t("active_quota", lang, k=_short(k, lang)))
    _problem_columns(table, lang)
    _number_column(table, t("quota_villages", lang))

    def cells(row: Mapping[str, Any]) -> list[Text | str]:
        out: list[Text | str] = [
            _ratio_cell(
                row["villages_submitted"],
                row["villages_total"],
                row["villages_submitted"] < row["villages_total"],
            )
        ]
        for k in _KATEGORI:
            out.append(str(row[k]["enrolled"]))
            short = row[k]["active"] < row[k]["quota"]
            out.append(_ratio_cell(row[k]["active"], row[k]["quota"], short))
        out += _problem_cells(row, lang)
        out.append(
            _ratio_cell(row["villages_quota_met"], row["villages_total"], not row["quota_met"])
        )
        return out

    for row in document["regencies"]:
        name = str(row["regency_name"]).removeprefix("Kabupaten ")
        table.add_row(row["regency_code"], name, *cells(row))
    table.add_section()
    table.add_row(t("total", lang), "", *cells(document["totals"]), style="bold")
    return table


def totals_text(document: Mapping[str, Any], lang: Lang) -> str:
    """The totals in one sentence (under the regency table)."""
    totals = document["totals"]
    return t(
        "totals",
        lang,
        me_a=totals["miskin_ekstrem"]["active"],
        me_q=totals["miskin_ekstrem"]["quota"],
        me_e=totals["miskin_ekstrem"]["enrolled"],
        pr_a=totals["pekerja_rentan"]["active"],
        pr_q=totals["pekerja_rentan"]["quota"],
        pr_e=totals["pekerja_rentan"]["enrolled"],
        paid=totals["months_paid"],
        due=totals["months_due"],
        rate=percent(totals["continuity_rate"], lang),
        paid_rp=rupiah(totals["paid_rp"]),
        owed_rp=rupiah(totals["outstanding_rp"]),
        mn=totals["menunggak"],
        na=totals["nonaktif"],
        errors=totals["errors"],
    )


def print_report(console: Console, document: Mapping[str, Any], lang: Lang) -> None:
    """The report as a table, its totals, the duplicates and the follow-up count.

    When the console is not a terminal (a file, a pipe), it is widened to ``PLAIN_WIDTH``
    so that no column is cut.
    """
    if not console.is_terminal and console.width < PLAIN_WIDTH:
        console.width = PLAIN_WIDTH
    province = "regencies" in document
    console.print(_province_table(document, lang) if province else _regency_table(document, lang))
    if not province:
        console.print(totals_text(document, lang), style="bold")
    totals = document["totals"]
    submitted, total = totals["villages_submitted"], totals["villages_total"]
    console.print(
        t("summary", lang, sub=submitted, total=total, met=totals["villages_quota_met"]),
        style="red" if submitted < total else "",
    )
    duplicates: Sequence[Mapping[str, Any]] = document.get("duplicates") or []
    if duplicates:
        console.print(Text(t("duplicates", lang, n=len(duplicates)), style="bold red"))
        dup_table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        dup_table.add_column("NIK", no_wrap=True)
        dup_table.add_column(t("villages", lang))
        for dup in duplicates:
            dup_table.add_row(str(dup["nik"]), ", ".join(dup["villages"]))
        console.print(dup_table)
    followup = document.get("followup") or []
    if followup:
        console.print(t("followup", lang, n=len(followup)), style="yellow")
    _print_villageless(console, document, lang)


def villageless_reason(roster: Mapping[str, Any], lang: Lang) -> str:
    """Why a roster tanpa desa has no village, as its finding's message."""
    from bkbk_cli.messages import render

    return render(
        roster["reason_code"],
        lang,
        value=roster.get("reason_value"),
        expected=roster.get("reason_expected"),
    )


def _print_villageless(console: Console, document: Mapping[str, Any], lang: Lang) -> None:
    """Rosters read but counted for no village, so nobody takes the village for unreported."""
    rosters: Sequence[Mapping[str, Any]] = document.get("rosters_without_village") or []
    if not rosters:
        return
    console.print(Text(word("villageless.title", lang, n=len(rosters)), style="bold red"))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for key in ("file", "ingested", "name", "rows", "reason"):
        table.add_column(word(f"villageless.{key}", lang), overflow="fold")
    for roster in rosters:
        table.add_row(
            str(roster["file_name"]),
            str(roster["ingested_at"] or ""),
            str(roster.get("village_name") or "-"),
            str(roster.get("rows_read") or 0),
            villageless_reason(roster, lang),
        )
    console.print(table)


def to_text(document: Mapping[str, Any], lang: Lang, width: int = PLAIN_WIDTH) -> str:
    """The screen report as plain text (for ``--format table --out FILE``)."""
    import io

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, color_system=None, highlight=False)
    print_report(console, document, lang)
    return buffer.getvalue()


def render_text(document: Mapping[str, Any], fmt: str, lang: Lang) -> str:
    """The report as ``json``, ``csv`` or ``table`` (plain) text."""
    if fmt == "json":
        return to_json(document)
    if fmt == "csv":
        return to_csv(document)
    return to_text(document, lang)


def write_atomic(out: Path, text: str) -> None:
    """Write ``text`` to ``out`` atomically (see ``bkbk_cli.atomic``)."""
    write_text_atomically(Path(out), text)


__all__ = [
    "percent",
    "print_report",
    "render_text",
    "report_rows",
    "rupiah",
    "sort_columns",
    "sort_report",
    "to_csv",
    "to_json",
    "to_text",
    "totals_text",
    "write_atomic",
]
