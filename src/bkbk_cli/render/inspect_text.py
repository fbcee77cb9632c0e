"""``bkbk inspect`` as text: how a roster file was read, one fact a line."""

from __future__ import annotations

from typing import Any

from bkbk_cli.messages import Lang
from bkbk_cli.words import period_name, word


def _source(name: str | None, lang: Lang) -> str:
    return word(f"inspect.source.{name or 'none'}", lang)


def inspect_lines(report: dict[str, Any], lang: Lang = "id") -> list[str]:
    """The lines printed for one file's ``inspection.inspect_roster`` report."""
    lines = [str(report["file"])]
    if not report.get("readable"):
        problem = report["problem"]
        lines.append(f"  {problem['code']}: {problem['message']}")
        return lines
    used, other = word("inspect.sheet_used", lang), word("inspect.sheet_other", lang)
    sheets = ", ".join(
        f"{s['name']} ({used if s.get('used') else other})" for s in report["sheets"]
    )
    lines.append(f"  {word('inspect.sheets', lang)}: {sheets}")
    header = ", ".join(str(r) for r in report["header_rows"])
    extra = []
    if report["numbered_row"] is not None:
        extra.append(word("inspect.numbered_row", lang, row=report["numbered_row"]))
    if report["merged_ranges"]:
        extra.append(word("inspect.merged", lang, n=report["merged_ranges"]))
    lines.append(
        f"  {word('inspect.header_rows', lang)}: {header}"
        + (f" ({'; '.join(extra)})" if extra else "")
    )
    lines.append(f"  {word('inspect.columns', lang)}:")
    for c in report["columns"]:
        lines.append(f"    {c['column']:>3}  {c['header'][:48]:<48}  -> {c['field']}")
    for key, items in (
        ("inspect.ignored", report["ignored"]),
        ("inspect.ambiguous", report["ambiguous"]),
    ):
        if items:
            shown = ", ".join(f"{c['column']} '{c['header'][:30]}'" for c in items)
            lines.append(f"  {word(key, lang)}: {shown}")
    months = report["months"]
    if months:
        first, last = (period_name(m["period"], lang) for m in (months[0], months[-1]))
        span = f"{first} .. {last} ({len(months)}), "
        span += f"{months[0]['column']}-{months[-1]['column']}"
    else:
        span = word("inspect.none", lang)
    lines.append(f"  {word('inspect.months', lang)}: {span}")
    lines.append(
        "  "
        + word(
            "inspect.year", lang, year=report["year"], source=_source(report["year_source"], lang)
        )
    )
    lines.append(f"  {word('inspect.category', lang)}: {_source(report['category_source'], lang)}")
    village = report["village"]
    described = village["described"]
    if village["source"] == "pieces":
        described = _source("pieces", lang)
    lines.append(f"  {word('inspect.village', lang)}: {described}")
    rows = report["rows"]
    if report.get("pieces") or rows["first"] is None:
        counts = word("inspect.rows_total", lang, read=rows["read"], ok=rows["participants"])
    else:
        counts = word(
            "inspect.rows",
            lang,
            first=rows["first"],
            last=rows["last"],
            read=rows["read"],
            ok=rows["participants"],
        )
    lines.append(f"  {counts}")
    if report["skipped"]:
        lines.append(f"  {word('inspect.skipped', lang)}:")
        for s in report["skipped"]:
            role = word(f"inspect.role.{s['role']}", lang)
            lines.append(f"    {s['row']:>5}  {role:<14} {s['text'][:50]}")
    if report.get("pieces"):
        lines.append(f"  {word('inspect.pieces.' + report['pieces_kind'], lang)}:")
        for piece in report["pieces"]:
            title = piece["title"]
            village = title.get("village_name") or title.get("village_code") or ""
            lines.append(
                f"    {piece['sheet']}, "
                + word("inspect.piece", lang, row=piece["header_row"], n=piece["rows"])
                + (f", {village}" if village else "")
            )
            for s in piece["skipped"]:
                role = word(f"inspect.role.{s['role']}", lang)
                lines.append(f"      {s['row']:>5}  {role:<14} {s['text'][:50]}")
    if report["notes"]:
        lines.append(f"  {word('inspect.notes', lang)}:")
        for n in report["notes"]:
            where = n["cell"] or (str(n["row"]) if n["row"] else "-")
            lines.append(f"    {where:>6}  {n['code']}: {n['message']}")
    return lines
