"""Report documents (``measures.regency_report`` / ``province_report``) on screen, as JSON, as CSV.

The screen table is for finding problems, fitted to the terminal's width
(``render.report_screen``) and coloured by one rule (``render.signal``): villages that
have not reported (``belum lapor``) or are far from the quota red, near amber, met
green; the totals follow the rows. JSON is the document itself; CSV is its rows flattened
(``miskin_ekstrem_enrolled`` ...), formula-safe, in the column order of
``render.report_rows`` (the same CSV ``bkbk export`` writes).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bkbk_cli.atomic import write_text_atomically
from bkbk_cli.config import Colours
from bkbk_cli.messages import Lang
from bkbk_cli.render import json_text
from bkbk_cli.words import percent, period_name, rupiah, word

#: Width of the table when the output is not a terminal (a file, a pipe, a test).
PLAIN_WIDTH = 160
_KATEGORI = ("miskin_ekstrem", "pekerja_rentan")


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


class UnknownSortColumn(KeyError):
    """``--sort`` names no column of the report; ``headers`` and ``names`` are the valid ones."""

    def __init__(self, column: str, headers: list[str], names: list[str]) -> None:
        super().__init__(f"unknown column {column!r}; use one of: {', '.join(names)}")
        self.column, self.headers, self.names = column, headers, names


def sort_report(
    document: dict[str, Any], column: str, descending: bool = False, lang: Lang = "id"
) -> dict[str, Any]:
    """The document with its rows sorted by a column; empty values last either way.

    ``column`` is a CSV/JSON name (``continuity_rate``) or a header the table or the
    workbook shows, in either language (``Kesin.``, ``Tunggak Rp``, ``Kesinambungan iuran``),
    ignoring case, spaces and punctuation.

    Raises:
        UnknownSortColumn: ``column`` is not a column of the report (it lists them in ``lang``).
    """
    from bkbk_cli.render.report_rows import flatten_row
    from bkbk_cli.render.report_screen import shown_headers, sort_column

    columns = sort_columns(document)
    chosen = sort_column(document, column, columns)
    if chosen is None:
        raise UnknownSortColumn(column, shown_headers(document, lang), columns)
    key = "villages" if "villages" in document else "regencies"
    rows = document[key]
    values = [flatten_row(r).get(chosen) for r in rows]
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
# The screen shows what needs attention (render.report_screen lays it out to the
# terminal's width); everything else (paid Rupiah per village, exact quotas) is in JSON,
# CSV and xlsx.


def _quotas(document: Mapping[str, Any]) -> dict[str, int]:
    """The quota of one village per category, as the document carries it."""
    if document.get("villages"):
        return {k: int(document["villages"][0][k]["quota"]) for k in _KATEGORI}
    totals = document["totals"]
    villages = max(int(totals["villages_total"]), 1)
    return {k: int(totals[k]["quota"]) // villages for k in _KATEGORI}


def _legend(document: Mapping[str, Any], lang: Lang, colours: Colours) -> str:
    quota = _quotas(document)
    text = t("legend", lang, me=quota["miskin_ekstrem"], pr=quota["pekerja_rentan"])
    near = percent(colours.quota_near, lang)
    colour_rule = t(
        "colours",
        lang,
        near=near,
        c_met=percent(colours.continuity_met, lang),
        c_near=percent(colours.continuity_near, lang),
    )
    return f"{text} {colour_rule}"


def _title(document: Mapping[str, Any], lang: Lang) -> str:
    period = t("period", lang, period=period_name(document["period"], lang))
    if "regencies" in document:
        return f"{t('title_province', lang)}, {period}"
    return f"{t('title_regency', lang, name=document['regency']['name'])}, {period}"


def report_tables(
    document: Mapping[str, Any], lang: Lang, width: int, colours: Colours | None = None
) -> tuple[list[Table], list[str]]:
    """The report's table(s) fitted to ``width`` columns (see ``render.report_screen``), and
    the headers of the columns left out."""
    from bkbk_cli.render import report_screen

    colours = colours or Colours()
    province = "regencies" in document
    build = report_screen.province_columns if province else report_screen.regency_columns
    code, name, columns, styles = build(document, lang, colours)
    title = _title(document, lang)
    tables, hidden = report_screen.fit_tables(
        width, title, code, name, columns, styles, footer=province
    )
    return tables, [column.header.replace("-\n", "").replace("\n", " ") for column in hidden]


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


def print_report(
    console: Console, document: Mapping[str, Any], lang: Lang, colours: Colours | None = None
) -> None:
    """The report as a table, its totals, the duplicates and the follow-up count.

    The table is fitted to the console's width (names and whole numbers kept). When the
    console is not a terminal (a file, a pipe) and ``$COLUMNS`` does not say how wide, it
    is widened to ``PLAIN_WIDTH``. On a terminal, a report taller than the screen goes
    through a pager (``$PAGER``, else ``less``).
    """
    if not console.is_terminal and console.width < PLAIN_WIDTH and not os.environ.get("COLUMNS"):
        console.width = PLAIN_WIDTH
    colours = colours or Colours()
    tables, hidden = report_tables(document, lang, console.width, colours)
    rows = len(document.get("villages") or document.get("regencies") or [])
    height = len(tables) * (rows + 5) + 8
    paged = console.is_terminal and height > console.height
    with console.pager(styles=True) if paged else contextlib.nullcontext():
        if paged:
            os.environ.setdefault("LESS", "-R")  # less shows the colours
        _print_report(console, document, lang, colours, tables, hidden)


def _print_report(
    console: Console,
    document: Mapping[str, Any],
    lang: Lang,
    colours: Colours,
    tables: Sequence[Table],
    hidden: Sequence[str],
) -> None:
    province = "regencies" in document
    from bkbk_cli.report_period import note

    period_note = note(dict(document), lang)  # which period, and why (i12a)
    if period_note:
        console.print(period_note, style="dim")
    for table in tables:
        console.print(table)
    if hidden:
        console.print(t("hidden", lang, columns=", ".join(hidden)), style="dim")
    console.print(_legend(document, lang, colours), style="dim")
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
        console.print(duplicate_table(duplicates, lang))
        console.print(t("dup_note", lang), style="dim")
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


def villageless_received(roster: Mapping[str, Any], lang: Lang) -> str:
    """When a roster tanpa desa arrived, as people read it: the ``--received`` day, else
    the day and UTC time it was ingested (``15 Oktober 2026``, ``2 Desember 2026 18:35 UTC``)."""
    from bkbk_cli.words import date_name

    if roster.get("received_on"):
        return date_name(str(roster["received_on"]), lang)
    stamp = str(roster.get("ingested_at") or "")
    if len(stamp) < 16:
        return stamp
    return f"{date_name(stamp[:10], lang)} {stamp[11:16]} UTC"


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
            villageless_received(roster, lang),
            str(roster.get("village_name") or "-"),
            str(roster.get("rows_read") or 0),
            villageless_reason(roster, lang),
        )
    console.print(table)


def duplicate_table(duplicates: Sequence[Mapping[str, Any]], lang: Lang) -> Table:
    """One line per roster holding a shared NIK: the group number says which lines are one
    NIK (a masked NIK does not: 1506********0017 is many people), then the village and the
    name that roster gives."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(t("dup_group", lang), no_wrap=True, justify="right")
    table.add_column("NIK", no_wrap=True)
    table.add_column(t("village", lang))
    table.add_column(t("dup_name", lang))
    for number, dup in enumerate(duplicates, start=1):
        group = f"#{dup.get('group', number)}"
        entries = dup.get("entries") or [{"village_code": v} for v in dup["villages"]]
        for entry in entries:
            place = f"{entry['village_code']} {entry.get('village_name') or ''}".rstrip()
            table.add_row(group, str(dup["nik"]), place, str(entry.get("nama") or "-"))
    return table


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
