"""What an analyst reads on screen after ``bkbk validate``: a short summary per file and
the findings, errors first, capped so a bad file does not scroll away the rest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.messages import Lang, label
from bkbk_cli.words import period_name, word

if TYPE_CHECKING:
    from bkbk_cli.validate import FileResult


def t(key: str, lang: Lang, **kwargs: object) -> str:
    return word(f"validate.{key}", lang, **kwargs)


def print_results(
    console: Console,
    results: Sequence[FileResult],
    config: Config,
    lang: Lang,
    limit: int = 30,
) -> None:
    for result in results:
        print_result(console, result, config, lang, limit)
    if len(results) > 1:
        errors = sum(r.errors for r in results)
        warnings = sum(r.warnings for r in results)
        console.print(t("total", lang, n=len(results), e=errors, w=warnings), style="bold")


def print_result(
    console: Console, result: FileResult, config: Config, lang: Lang, limit: int
) -> None:
    style = "red" if result.errors else ("yellow" if result.warnings else "green")
    console.rule(Text(result.file, style=f"bold {style}"), align="left")
    village = result.village_name or t("unknown", lang)
    code = f" ({result.village_code})" if result.village_code else ""
    console.print(
        f"{t('village', lang)}: [bold]{village}[/]{code}   {t('period', lang)}: "
        f"{period_name(result.period, lang) if result.period else '-'}   {result.sheet or ''}"
    )
    console.print(
        t(
            "rows",
            lang,
            read=result.rows_read,
            ok=result.participants,
            rejected=result.rows_rejected,
        )
    )
    if result.counts is not None:
        parts = []
        for k in KATEGORI:
            quota = config.quota.for_kategori(k)
            enrolled = result.counts[k]["enrolled"]
            active = result.counts[k]["active"]
            ok = active >= quota
            mark = f"[green]{t('met', lang)}[/]" if ok else f"[red]{t('short', lang)}[/]"
            parts.append(
                f"{label(k, lang)}: {enrolled} {t('enrolled', lang)}, {active} "
                f"{t('active', lang)} / {quota} {mark}"
            )
        console.print(f"{t('quota', lang)}: " + "; ".join(parts))
    console.print(
        t("counts", lang, e=result.errors, w=result.warnings), style=style, highlight=False
    )
    findings = result.finding_records(lang)
    if not findings:
        return
    by_code = Counter(f.code for f in findings)
    console.print(
        f"{t('by_code', lang)}: " + ", ".join(f"{c} {n}" for c, n in by_code.most_common()),
        highlight=False,
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(t("level", lang))
    table.add_column(t("cell", lang))
    table.add_column(t("code", lang))
    table.add_column(t("message", lang), overflow="fold")
    for finding in findings[:limit]:
        colour = {"error": "red", "warning": "yellow"}.get(finding.severity, "blue")
        where = finding.cell or (f"{finding.row}" if finding.row else "-")
        table.add_row(
            Text(label(finding.severity, lang), style=colour),
            where,
            finding.code,
            Text(finding.message),
        )
    console.print(table)
    if len(findings) > limit:
        console.print(t("more", lang, n=len(findings) - limit), style="dim")
