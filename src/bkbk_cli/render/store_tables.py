"""``bkbk status`` and ``bkbk history`` on screen (their JSON is ``submissions``' dicts).

Short, plain tables: a store holds a few years and a village a few submissions, so
they fit any terminal; the words are ``words.py``'s ``status.*`` and ``history.*``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bkbk_cli.messages import Lang
from bkbk_cli.words import period_name, word


def _when(stamp: object) -> str:
    """``2026-12-02T10:04:05+00:00`` -> ``2026-12-02 10:04`` (UTC, as stored)."""
    text = str(stamp or "")
    return f"{text[:10]} {text[11:16]}" if len(text) >= 16 else text


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)


def print_status(console: Console, info: Mapping[str, Any], lang: Lang) -> None:
    """The store's path and version, its submissions, and per year the villages reporting."""
    # lines naming a path or a file are not broken: they are copied into commands
    console.print(
        word("status.store", lang, path=info["store"], version=info["schema_version"]),
        soft_wrap=True,
    )
    subs = info["submissions"]
    console.print(word("status.submissions", lang, **subs), soft_wrap=True)
    latest = info.get("latest_ingest")
    if latest:
        console.print(
            word(
                "status.latest",
                lang,
                when=_when(latest["ingested_at"]) + " UTC",
                file=latest["file_name"],
                id=latest["submission_id"],
            ),
            soft_wrap=True,
        )
    if not info["years"]:
        console.print(word("status.empty", lang), style="yellow")
    for year in info["years"]:
        console.print()
        end = year.get("last_month")
        console.print(
            word(
                "status.year",
                lang,
                year=year["year"],
                n=year["villages_reporting"],
                total=year["villages_total"],
                submissions=year["submissions"],
                end=period_name(end, lang) if end else "-",
            ),
            style="bold",
        )
        table = _table()
        table.add_column(word("report.code", lang), no_wrap=True)
        table.add_column(word("report.regency", lang))
        table.add_column(word("status.reporting", lang), justify="right", no_wrap=True)
        for row in year["regencies"]:
            short = row["villages_reporting"] < row["villages_total"]
            table.add_row(
                row["regency_code"],
                str(row["regency_name"]).removeprefix("Kabupaten "),
                Text(
                    f"{row['villages_reporting']}/{row['villages_total']}",
                    style="red" if short else "green",
                ),
            )
        console.print(table)


def print_history(
    console: Console,
    code: str,
    name: str | None,
    rows: Sequence[Mapping[str, Any]],
    lang: Lang,
) -> None:
    """A village's submissions, oldest first; the one reports read is marked current."""
    console.print(word("history.title", lang, code=code, name=name or ""), style="bold")
    if not rows:
        console.print(word("history.none", lang), style="yellow")
        return
    table = _table()
    table.padding = (0, 0)
    for key in ("id", "when", "file", "year", "rows", "rejected", "errors", "state"):
        right = key in ("id", "year", "rows", "rejected", "errors")
        table.add_column(
            word(f"history.{key}", lang),
            justify="right" if right else "left",
            no_wrap=key != "file",
            overflow="fold",
        )
    for row in rows:
        state = Text("")
        if row["current"]:
            state = Text(word("history.current", lang), style="bold green")
        elif row["reverted_to"]:
            state = Text(word("history.was_reverted", lang), style="dim")
        table.add_row(
            f"#{row['submission_id']}",
            _when(row["ingested_at"]),
            re.split(r"[\\/]", str(row["file_name"]))[-1],  # its name; JSON has the path
            str(row["year"] or "-"),
            str(row["rows_read"]),
            str(row["rows_rejected"]),
            Text(str(row["errors"]), style="red" if row["errors"] else ""),
            state,
        )
    console.print(table)
    console.print(word("history.hint", lang), style="dim")


__all__ = ["print_history", "print_status"]
