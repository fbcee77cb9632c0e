"""The report table on screen, laid out to the terminal's width.

A report has more numbers than an 80-column terminal holds. Rather than let the
terminal cut names and numbers (``1.126.843.2…``), the table is fitted: every
column is as wide as its longest value, so numbers are always whole; when they do
not fit side by side, first the code column goes, then long names wrap inside a
narrower name column, and if that is not enough the columns are shown in two or more
stacked tables, each led by the name column. Abbreviated headers are explained in a
legend under the table.

Colours follow ``render.signal`` (red: needs action, amber: near, green: met).
``--sort`` accepts what the table shows as headers, in either language, as well as
the JSON/CSV names (``sort_column``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from bkbk_cli.config import KATEGORI, Colours
from bkbk_cli.messages import Lang
from bkbk_cli.render.signal import Level, continuity_level, ratio_level, village_level
from bkbk_cli.words import percent, rupiah, word

__all__ = ["SCREEN_STYLES", "fit_tables", "province_columns", "regency_columns", "sort_column"]

#: How a level is painted on screen.
SCREEN_STYLES: dict[Level, str] = {"action": "bold red", "near": "yellow", "met": "green"}
_SHORT = {"miskin_ekstrem": ("ME", "EP"), "pekerja_rentan": ("PR", "VW")}
#: Columns a narrow screen leaves out, highest first: months paid/due (the continuity rate
#: says it), then the enrolled counts (the active ones decide the quota).
_OPTIONAL = {"months_paid": 2, "miskin_ekstrem_enrolled": 1, "pekerja_rentan_enrolled": 1}
_MIN_NAME = 12  # a name column narrower than this wraps most names into three lines


def t(key: str, lang: Lang, **kwargs: object) -> str:
    return word(f"report.{key}", lang, **kwargs)


def _short(kategori: str, lang: Lang) -> str:
    return _SHORT[kategori][1 if lang == "en" else 0]


def _styled(text: str, level: Level | None) -> Text:
    return Text(text, style=SCREEN_STYLES[level] if level else "")


def _flag(value: object, style: str) -> Text:
    return Text(str(value), style=style if value else "")


def _amount(value: object) -> str:
    """Rupiah on screen, without the ``Rp`` (the header says it): ``806.400``."""
    return rupiah(value).removeprefix("Rp ")


# --- columns --------------------------------------------------------------------------


@dataclass(slots=True)
class Column:
    """One column of the screen table: its header, the CSV column it shows (for --sort),
    and one cell per row (the totals row last when there is one)."""

    header: str
    sort_key: str
    cells: list[Text] = field(default_factory=list)
    justify: str = "right"
    #: 0: always shown; else left out when the screen is too narrow, highest first
    optional: int = 0

    @property
    def width(self) -> int:
        header = max((cell_len(line) for line in self.header.split("\n")), default=0)
        return max([header, *(c.cell_len for c in self.cells)])


#: (header, CSV column, cell maker) of a measure column.
_Spec = tuple[str, str, Callable[[Mapping[str, Any]], Text]]


def _measure_specs(lang: Lang, colours: Colours) -> list[_Spec]:
    """The columns both tables end with: continuity, arrears and errors."""
    return [
        (
            t("rate", lang),
            "continuity_rate",
            lambda r: _styled(
                percent(r["continuity_rate"], lang), continuity_level(r["continuity_rate"], colours)
            ),
        ),
        (t("outstanding", lang), "outstanding_rp", lambda r: Text(_amount(r["outstanding_rp"]))),
        (t("menunggak", lang), "menunggak", lambda r: _flag(r["menunggak"], "yellow")),
        (t("nonaktif", lang), "nonaktif", lambda r: _flag(r["nonaktif"], "red")),
        (t("errors", lang), "errors", lambda r: _flag(r["errors"], "red")),
    ]


def _category_specs(
    lang: Lang, colours: Colours, active_key: str, active_text: Callable[[int, int], str]
) -> list[_Spec]:
    """Enrolled and active per category: a regency shows the active count, the province
    active/quota; both coloured by the share of the quota met."""
    specs: list[_Spec] = []
    for k in KATEGORI:
        short = _short(k, lang)
        specs.append(
            (
                t("enrolled", lang, k=short),
                f"{k}_enrolled",
                lambda r, k=k: Text(str(r[k]["enrolled"])),
            )
        )
        specs.append(
            (
                t(active_key, lang, k=short),
                f"{k}_active",
                lambda r, k=k: _styled(
                    active_text(r[k]["active"], r[k]["quota"]),
                    ratio_level(r[k]["active"], r[k]["quota"], colours),
                ),
            )
        )
    return specs


def _regency_specs(lang: Lang, colours: Colours) -> list[_Spec]:
    specs = _category_specs(lang, colours, "active", lambda active, _quota: str(active))
    specs.append(
        (t("months", lang), "months_paid", lambda r: Text(f"{r['months_paid']}/{r['months_due']}"))
    )
    specs += _measure_specs(lang, colours)

    def status(r: Mapping[str, Any]) -> Text:
        level = village_level(r, colours)
        key = {"met": "met", "near": "near"}.get(level or "", "short")
        return _styled(t(key, lang), level)

    specs.append((t("status", lang), "quota_met", status))
    return specs


def regency_columns(
    document: Mapping[str, Any], lang: Lang, colours: Colours
) -> tuple[Column, Column, list[Column], list[str]]:
    """The code and name columns, the measure columns and each row's style."""
    rows = document["villages"]
    code = Column(t("code", lang), "village_code", justify="left")
    name = Column(t("village", lang), "village_name", justify="left")
    specs = _regency_specs(lang, colours)
    columns = [Column(header, key, optional=_OPTIONAL.get(key, 0)) for header, key, _ in specs]
    columns[-1].justify = "left"  # the status words
    styles = []
    for row in rows:
        code.cells.append(Text(str(row["village_code"])))
        if not row["submitted"]:
            name.cells.append(Text(str(row["village_name"]), style=SCREEN_STYLES["action"]))
            for column in columns[:-1]:
                column.cells.append(Text("-"))
            columns[-1].cells.append(Text(t("not_reported", lang), style=SCREEN_STYLES["action"]))
            styles.append("")
            continue
        name.cells.append(Text(str(row["village_name"])))
        for column, (_, _, make) in zip(columns, specs, strict=True):
            column.cells.append(make(row))
        styles.append("")
    return code, name, columns, styles


def province_columns(
    document: Mapping[str, Any], lang: Lang, colours: Colours
) -> tuple[Column, Column, list[Column], list[str]]:
    """As `regency_columns`, one row per regency and the totals row last."""

    def ratio(done: str, total: str) -> Callable[[Mapping[str, Any]], Text]:
        return lambda r: _styled(f"{r[done]}/{r[total]}", ratio_level(r[done], r[total], colours))

    specs: list[_Spec] = [
        (
            t("reported_villages", lang),
            "villages_submitted",
            ratio("villages_submitted", "villages_total"),
        )
    ]
    specs += _category_specs(
        lang, colours, "active_quota", lambda active, quota: f"{active}/{quota}"
    )
    specs += _measure_specs(lang, colours)
    specs.append(
        (
            t("quota_villages", lang),
            "villages_quota_met",
            ratio("villages_quota_met", "villages_total"),
        )
    )
    code = Column(t("code", lang), "regency_code", justify="left")
    name = Column(t("regency", lang), "regency_name", justify="left")
    columns = [Column(header, key, optional=_OPTIONAL.get(key, 0)) for header, key, _ in specs]
    rows = [*document["regencies"], document["totals"]]
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        code.cells.append(Text("" if last else str(row["regency_code"])))
        label = t("total", lang) if last else str(row["regency_name"]).removeprefix("Kabupaten ")
        name.cells.append(Text(label))
        for column, (_, _, make) in zip(columns, specs, strict=True):
            column.cells.append(make(row))
    styles = [""] * (len(rows) - 1) + ["bold"]
    return code, name, columns, styles


# --- fitting ------------------------------------------------------------------------------


def _span(widths: Sequence[int]) -> int:
    """Columns side by side, one space between them (no outer edge)."""
    return sum(widths) + max(len(widths) - 1, 0)


@dataclass(frozen=True, slots=True)
class Layout:
    """How a table fits: with the code column or not, the name column's width, the groups
    of columns shown in one table each, and the columns left out."""

    with_code: bool
    name_width: int
    groups: list[list[Column]]
    hidden: list[Column]


def layout(width: int, code: Column, name: Column, columns: Sequence[Column]) -> Layout:
    """Fit the columns in ``width``: all of them; without the code; without the optional
    columns (highest ``optional`` first); with a narrower name column (names wrap); and,
    when nothing fits side by side, every column in groups, each a table led by the name."""
    natural = name.width
    narrowest = min(natural, _MIN_NAME)
    levels = sorted({c.optional for c in columns if c.optional}, reverse=True)
    attempts: list[tuple[bool, list[Column]]] = [(True, list(columns)), (False, list(columns))]
    for level in levels:
        attempts.append((False, [c for c in attempts[-1][1] if c.optional != level]))
    # names whole as long as columns can go; then narrower, wrapped names
    tries = [(with_code, shown, natural) for with_code, shown in attempts]
    tries += [(False, attempts[-1][1], w) for w in range(natural - 1, narrowest - 1, -1)]
    for with_code, shown, name_width in tries:
        keys = [code.width] if with_code else []
        if _span([*keys, name_width, *(c.width for c in shown)]) <= width:
            hidden = [c for c in columns if c not in shown]
            return Layout(with_code, name_width, [shown], hidden)
    name_width = max(min(natural, width // 4), narrowest)
    groups: list[list[Column]] = [[]]
    for column in columns:
        group = groups[-1]
        if group and _span([name_width, *(c.width for c in group), column.width]) > width:
            groups.append([column])
        else:
            group.append(column)
    return Layout(False, name_width, groups, [])


def fit_tables(
    width: int,
    title: str,
    code: Column,
    name: Column,
    columns: Sequence[Column],
    styles: Sequence[str],
    footer: bool = False,
) -> tuple[list[Table], list[Column]]:
    """The tables that show ``columns`` within ``width`` (one, or several stacked), and the
    columns left out (see `layout`).

    ``footer``: the last row is a totals row, set apart by a rule.
    """
    fitted = layout(width, code, name, columns)
    with_code, name_width = fitted.with_code, fitted.name_width
    tables = []
    for n, group in enumerate(fitted.groups):
        table = Table(
            title=title if n == 0 else None,
            header_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            padding=(0, 0),
            collapse_padding=True,
        )
        keys = ([code] if with_code else []) + [name]
        for key in keys:
            limit = name_width if key is name else key.width
            table.add_column(key.header, justify="left", width=limit, overflow="fold")
        for column in group:
            table.add_column(
                column.header, justify=column.justify, no_wrap=True, width=column.width
            )
        count = len(name.cells)
        for i in range(count):
            if footer and i == count - 1:
                table.add_section()
            cells = [key.cells[i] for key in keys] + [c.cells[i] for c in group]
            table.add_row(*cells, style=styles[i] or None)
        tables.append(table)
    return tables, fitted.hidden


# --- sort columns ----------------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z%]+", "", text.casefold())


def sort_names(document: Mapping[str, Any]) -> dict[str, str]:
    """What ``--sort`` accepts besides the CSV names: each screen header (both languages,
    spaces and punctuation ignored) and each xlsx header, to its CSV column."""
    from bkbk_cli.words import WORDS

    colours = Colours()
    names: dict[str, str] = {}
    for lang in ("id", "en"):
        build = province_columns if "regencies" in document else regency_columns
        empty = {**document, "villages": [], "regencies": [], "totals": document["totals"]}
        code, name, columns, _ = build(empty, lang, colours)  # type: ignore[arg-type]
        shown = (code, name, *columns)
        for column in shown:
            names.setdefault(_norm(column.header), column.sort_key)
        # a two-line header by its first line too ("Tunggak"), when that names one column
        firsts = [_norm(column.header.split("\n")[0]) for column in shown]
        for first, column in zip(firsts, shown, strict=True):
            if firsts.count(first) == 1:
                names.setdefault(first, column.sort_key)
    for key, pair in WORDS.items():
        if key.startswith("xlsx.col."):
            for text in pair:
                names.setdefault(_norm(text), key.removeprefix("xlsx.col."))
    return names


def sort_column(document: Mapping[str, Any], asked: str, csv_columns: Sequence[str]) -> str | None:
    """The CSV column ``asked`` means: a CSV name, a table header or an xlsx header."""
    if asked in csv_columns:
        return asked
    found = sort_names(document).get(_norm(asked))
    if found in csv_columns:
        return found
    if found == "regency_name" and "name" in csv_columns:
        return "name"
    return None


def shown_headers(document: Mapping[str, Any], lang: Lang) -> list[str]:
    """The table's headers as one line each, for an error message."""
    build = province_columns if "regencies" in document else regency_columns
    empty = {**document, "villages": [], "regencies": []}
    code, name, columns, _ = build(empty, lang, Colours())
    return [column.header.replace("\n", " ") for column in (code, name, *columns)]
