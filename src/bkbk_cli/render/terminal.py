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

if TYPE_CHECKING:
    from bkbk_cli.validate import FileResult

_T = {
    "village": ("Desa/Kelurahan", "Village"),
    "unknown": ("(tidak diketahui)", "(unknown)"),
    "rows": (
        "Baris dibaca {read}, peserta {ok}, ditolak {rejected}",
        "Rows read {read}, participants {ok}, rejected {rejected}",
    ),
    "period": ("Periode", "Period"),
    "quota": ("Kuota", "Quota"),
    "enrolled": ("terdaftar", "enrolled"),
    "active": ("aktif", "active"),
    "met": ("terpenuhi", "met"),
    "short": ("kurang", "short"),
    "counts": ("{e} galat, {w} peringatan", "{e} errors, {w} warnings"),
    "by_code": ("Per kode", "By code"),
    "more": (
        "... dan {n} temuan lagi (lihat --format json atau --annotate)",
        "... and {n} more findings (see --format json or --annotate)",
    ),
    "cell": ("Sel", "Cell"),
    "code": ("Kode", "Code"),
    "message": ("Pesan", "Message"),
    "level": ("Tingkat", "Level"),
    "total": ("{n} berkas: {e} galat, {w} peringatan", "{n} files: {e} errors, {w} warnings"),
}


def t(key: str, lang: Lang, **kwargs: object) -> str:
    pair = _T[key]
    return (pair[1] if lang == "en" else pair[0]).format(**kwargs)


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
        f"{result.period or '-'}   {result.sheet or ''}"
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
