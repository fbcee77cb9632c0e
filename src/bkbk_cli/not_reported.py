"""``bkbk report --belum-lapor``: only the villages that have not sent a roster, for the calls.

Built from a report document (the regency's, or the province's with its regency
reports), so "not reported" means exactly what the report says: no current roster
of the period's year in the store. One row per village, in code order, with the
district and regency a caller needs to find the village head; the rest of the
document's header (period and why) is kept.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from bkbk_cli.messages import Lang

COLUMNS = ("regency_code", "regency_name", "district_name", "village_code", "village_name")


def not_reported(document: Mapping[str, Any]) -> dict[str, Any]:
    """The villages of ``document`` without a roster, and how many there are of how many.

    ``document``: a regency report, or a province report built with ``regency_reports``.
    """
    from bkbk_cli import regions

    names = {r.code: r.short_name for r in regions.regencies()}
    reports = [document] if "villages" in document else list(document["regency_reports"])
    rows: list[dict[str, Any]] = []
    total = 0
    for report in reports:
        code = report["regency"]["code"]
        for village in report["villages"]:
            total += 1
            if not village["submitted"]:
                rows.append(
                    {
                        "regency_code": code,
                        "regency_name": names.get(code, report["regency"]["name"]),
                        "district_name": village["district_name"],
                        "village_code": village["village_code"],
                        "village_name": village["village_name"],
                    }
                )
    listing: dict[str, Any] = {"period": document["period"]}
    if "regency" in document:
        listing["regency"] = document["regency"]
    listing |= {"villages_total": total, "villages_not_reported": len(rows), "not_reported": rows}
    # a roster tanpa desa may be one of these villages': the caller should know of it
    listing["rosters_without_village"] = list(document.get("rosters_without_village") or [])
    listing |= {k: document[k] for k in ("period_rule", "period_basis") if k in document}
    return listing


def to_csv(listing: Mapping[str, Any]) -> str:
    """One line per village, formula-safe (names come from the reference, but all the same)."""
    from bkbk_cli.render.tabular import csv_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in listing["not_reported"]:
        writer.writerow([csv_safe(row[c]) for c in COLUMNS])
    return buffer.getvalue()


def print_list(console, listing: Mapping[str, Any], lang: Lang) -> None:
    """The villages to call, with their district and regency, and the count underneath."""
    from rich import box
    from rich.table import Table

    from bkbk_cli.report_period import note
    from bkbk_cli.words import period_name, word

    regency = listing.get("regency")
    place = regency["name"] if regency else word("report.title_province", lang)
    title = word("unreported.title", lang, place=place, period=period_name(listing["period"], lang))
    console.print(title, style="bold")
    period_note = note(dict(listing), lang)
    if period_note:
        console.print(period_note, style="dim")
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column(word("report.code", lang), no_wrap=True)
    table.add_column(word("report.village", lang))
    table.add_column(word("unreported.district", lang))
    if not regency:
        table.add_column(word("report.regency", lang))
    for row in listing["not_reported"]:
        cells = [row["village_code"], row["village_name"], row["district_name"]]
        table.add_row(*cells, *([] if regency else [row["regency_name"]]))
    if listing["not_reported"]:
        console.print(table)
    console.print(
        word(
            "unreported.count",
            lang,
            n=listing["villages_not_reported"],
            total=listing["villages_total"],
        ),
        style="red" if listing["villages_not_reported"] else "green",
    )
    villageless = listing.get("rosters_without_village") or []
    if villageless:  # received, but for no village: perhaps from one of the villages above
        console.print(word("villageless.title", lang, n=len(villageless)), style="yellow")
        for roster in villageless:
            console.print(f"  {roster['file_name']}", soft_wrap=True)


def render_text(listing: Mapping[str, Any], fmt: str, lang: Lang) -> str:
    """The list as ``json``, ``csv`` or plain ``table`` text (for ``--out`` or a pipe)."""
    if fmt == "json":
        from bkbk_cli.render import json_text

        return json_text.dumps(listing) + "\n"
    if fmt == "csv":
        return to_csv(listing)
    from rich.console import Console

    buffer = io.StringIO()
    print_list(Console(file=buffer, width=100, no_color=True, color_system=None), listing, lang)
    return buffer.getvalue()


__all__ = ["COLUMNS", "not_reported", "print_list", "render_text", "to_csv"]
