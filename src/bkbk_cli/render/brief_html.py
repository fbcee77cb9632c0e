"""The brief as one HTML document (a ``<section>`` per A4 page) and as PDF made from it.

The HTML is self-contained (CSS and SVG charts inline, no script, no external
file), so it can be mailed, served from the export folder or opened on a phone;
the same HTML is laid out on A4 by WeasyPrint for the PDF, one page per section.
Every text that comes from data is escaped (``html.escape``); the charts are
matplotlib's SVG, which escapes its own text.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

from bkbk_cli import regions
from bkbk_cli.brief import Brief, Page
from bkbk_cli.config import KATEGORI
from bkbk_cli.messages import Lang
from bkbk_cli.render import brief_charts
from bkbk_cli.words import date_name, number, percent, period_name, rupiah, word

#: At most this many characters of village names in a page's "not reported" list.
LIST_CHARS = 1100

_CSS = """
@page { size: A4; margin: 8mm 11mm 8mm 11mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.6pt; color: #111;
       margin: 0; line-height: 1.28; }
.page { max-width: 190mm; margin: 0 auto; padding: 0 2mm; }
.page + .page { break-before: page; }
@media screen { .page { padding: 4mm 3mm 8mm; border-bottom: 2px solid #999; } }
header { border-bottom: 2px solid #111; margin-bottom: 2.5mm; padding-bottom: 1mm; }
.kicker { font-size: 8pt; letter-spacing: 0.02em; }
h1 { font-size: 15pt; margin: 0.5mm 0 0; }
h2 { font-size: 9.5pt; margin: 2.5mm 0 1mm; }
table.grid { width: 100%; border-collapse: separate; border-spacing: 1.4mm; margin: 0 -1.4mm;
              table-layout: fixed; }
table.grid td { border: 1px solid #555; padding: 1mm 1.8mm; vertical-align: top;
                border-bottom: 1px solid #555; }
.tile .label { font-size: 7.4pt; }
.tile .value { font-size: 12.5pt; font-weight: bold; white-space: nowrap; }
.tile .value.money { font-size: 10.5pt; }
.tile .detail { font-size: 7.2pt; color: #333; }
table.row { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 1mm; }
table.row > tbody > tr > td, table.row > tr > td { border: 0; padding: 0 1.5mm 0 0;
                                                    vertical-align: top; width: 50%; }
.chart img { width: 100%; height: auto; display: block; }
table.timely td { text-align: center; padding: 0.6mm; }
table.timely b { display: block; font-size: 12pt; }
table.timely td.missing { border-style: dashed; }
@media screen and (max-width: 640px) {
  table.grid td, table.row td { display: block; width: auto !important; margin-bottom: 1mm; }
  .page { padding: 2mm; }
}
.list { font-size: 7.6pt; margin: 0 0 1mm; }
table { border-collapse: collapse; width: 100%; font-size: 7.8pt; }
th, td { border-bottom: 0.5px solid #777; padding: 0.5mm 1mm; text-align: left;
         vertical-align: top; }
th { border-bottom: 1.2px solid #111; font-weight: bold; }
td.n, th.n { text-align: right; white-space: nowrap; }
.compact table { font-size: 7pt; }
.compact th, .compact td { padding: 0.3mm 0.6mm; }
td.name { white-space: nowrap; }
footer { margin-top: 2mm; font-size: 6.9pt; color: #333; border-top: 1px solid #777;
         padding-top: 1mm; }
"""


def _tile(label: str, value: str, detail: str = "") -> str:
    small = f'<div class="detail">{escape(detail)}</div>' if detail else ""
    kind = "value money" if value.startswith("Rp") else "value"
    return (
        f'<td class="tile"><div class="label">{escape(label)}</div>'
        f'<div class="{kind}">{escape(value)}</div>{small}</td>'
    )


def _tiles(page: Page, lang: Lang) -> str:
    t = page.totals
    total = number(t["villages_total"], lang)
    tiles = [
        _tile(
            word("brief.villages_reported", lang, year=page.period[:4]),
            f"{number(t['villages_submitted'], lang)} / {total}",
        ),
        _tile(
            word("brief.villages_met", lang),
            number(t["villages_quota_met"], lang),
            word("brief.of", lang, n=total),
        ),
    ]
    for k in KATEGORI:
        block = t[k]
        tiles.append(
            _tile(
                word(f"brief.tile_{k}", lang),
                f"{number(block['active'], lang)} / {number(block['quota'], lang)}",
                word("brief.enrolled_n", lang, n=number(block["enrolled"], lang)),
            )
        )
    tiles += [
        _tile(
            word("brief.rate", lang),
            percent(t["continuity_rate"], lang),
            word(
                "brief.months",
                lang,
                paid=number(t["months_paid"], lang),
                due=number(t["months_due"], lang),
            ),
        ),
        _tile(word("brief.paid", lang), rupiah(t["paid_rp"])),
        _tile(word("brief.outstanding", lang), rupiah(t["outstanding_rp"])),
        _tile(
            word("brief.followup", lang),
            number(page.followup, lang),
            word(
                "brief.followup_detail",
                lang,
                mn=number(t["menunggak"], lang),
                na=number(t["nonaktif"], lang),
            ),
        ),
    ]
    rows = "".join(f"<tr>{''.join(tiles[i : i + 4])}</tr>" for i in range(0, len(tiles), 4))
    return f'<table class="grid tiles">{rows}</table>'


def _timeliness(page: Page, lang: Lang) -> str:
    r = page.reporting
    heading = word(
        "brief.reporting",
        lang,
        period=period_name(page.period, lang),
        day=date_name(r["deadline"], lang),
    )
    cells = "".join(
        f'<td class="{s}"><b>{number(r[s], lang)}</b>{escape(word(f"brief.{s}", lang))}</td>'
        for s in ("on_time", "late", "missing")
    )
    return f'<h2>{escape(heading)}</h2><table class="grid timely"><tr>{cells}</tr></table>'


def _grouped(rows: Sequence[dict], lang: Lang, with_day: bool) -> str:
    """Village names by district, cut after ``LIST_CHARS`` characters with "and N more"."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["district_name"], []).append(r)
    parts, used, shown = [], 0, 0
    for district, members in sorted(groups.items()):
        names = []
        for r in members:
            name = r["village_name"]
            if with_day and r.get("received"):
                name += f" ({date_name(r['received'], lang)})"
            if used + len(name) > LIST_CHARS:
                break
            names.append(escape(name))
            used += len(name) + 2
            shown += 1
        if names:
            parts.append(f"<b>{escape(district)}</b>: {', '.join(names)}")
        if used >= LIST_CHARS or shown < sum(len(m) for m in list(groups.values())[: len(parts)]):
            break
    text = "; ".join(parts)
    if shown < len(rows):
        text += " " + escape(word("brief.more", lang, n=number(len(rows) - shown, lang)))
    return f'<p class="list">{text}</p>'


def _villageless(page: Page, lang: Lang) -> str:
    if not page.villageless:
        return ""
    text = word("brief.villageless", lang, n=number(page.villageless, lang))
    return f'<p class="list"><b>{escape(text)}</b></p>'


def _lists(page: Page, lang: Lang) -> str:
    period = period_name(page.period, lang)
    missing = word(
        "brief.not_reported", lang, period=period, n=number(len(page.not_reported), lang)
    )
    late = word("brief.late_list", lang, n=number(len(page.late), lang))
    none = f'<p class="list">{escape(word("brief.none", lang))}</p>'
    if page.regency is None:  # the province: counts here, names on the regencies' pages
        see = escape(word("brief.see_pages", lang))
        return f'<p class="list"><b>{escape(missing)}</b>; <b>{escape(late)}</b> ({see}).</p>'
    return (
        f"<h2>{escape(missing)}</h2>"
        + (_grouped(page.not_reported, lang, False) if page.not_reported else none)
        + f"<h2>{escape(late)}</h2>"
        + (_grouped(page.late, lang, True) if page.late else none)
    )


def _weakest(page: Page, lang: Lang) -> str:
    heading = f"<h2>{escape(word('brief.weakest', lang))}</h2>"
    if not page.weakest:
        return heading + f'<p class="list">{escape(word("brief.weakest_none", lang))}</p>'
    where = word("brief.regency" if page.regency is None else "brief.district", lang)
    head = (
        f"<tr><th>{escape(word('brief.village', lang))}</th><th>{escape(where)}</th>"
        f'<th class="n">{escape(word("brief.share", lang))}</th>'
        f"<th>{escape(word('brief.reason', lang))}</th></tr>"
    )
    body = "".join(
        f"<tr><td>{escape(w['village_name'])}</td><td>{escape(w['where'])}</td>"
        f'<td class="n">{escape(percent(w["share"], lang))}</td>'
        f"<td>{escape(w['reason'])}</td></tr>"
        for w in page.weakest
    )
    return f"{heading}<table>{head}{body}</table>"


def _ranking(page: Page, lang: Lang) -> str:
    names = {r.code: r.short_name for r in regions.regencies()}
    columns = [
        "brief.rank",
        "brief.regency",
        "brief.col_reported",
        "brief.col_met",
        "brief.col_timely",
        "brief.col_me",
        "brief.col_pr",
        "brief.col_rate",
        "brief.col_owed",
    ]
    head = "".join(
        f'<th class="{"" if c == "brief.regency" else "n"}">{escape(word(c, lang))}</th>'
        for c in columns
    )
    rows = []
    for r in page.ranking:
        cells = [
            str(r["rank"]),
            names.get(r["regency_code"], r["regency_name"]),
            f"{number(r['villages_submitted'], lang)}/{number(r['villages_total'], lang)}",
            f"{number(r['villages_quota_met'], lang)} ({percent(r['quota_met_share'], lang)})",
            f"{r['on_time']}/{r['late']}/{r['missing']}",
            *(f"{number(r[k]['active'], lang)}/{number(r[k]['quota'], lang)}" for k in KATEGORI),
            percent(r["continuity_rate"], lang),
            rupiah(r["outstanding_rp"]),
        ]
        rows.append(
            "<tr>"
            + "".join(
                f'<td class="{"name" if i == 1 else "n"}">{escape(c)}</td>'
                for i, c in enumerate(cells)
            )
            + "</tr>"
        )
    return (
        f"<h2>{escape(word('brief.ranking', lang))}</h2>"
        f"<table><tr>{head}</tr>{''.join(rows)}</table>"
    )


Embed = Callable[[str, str], str]


def data_uri(svg: str, alt: str) -> str:
    """An SVG chart as an ``<img>`` with a data URI: each chart its own document (matplotlib's
    ids would clash inline), the HTML still one self-contained file."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/svg+xml;base64,{data}">'


def page_charts(page: Page, lang: Lang) -> tuple[str, str]:
    """A page's two charts as SVG: the villages (or regencies) chart and the trend."""
    if page.regency is None:
        names = {r.code: r.short_name for r in regions.regencies()}
        first = brief_charts.regencies_svg(page.ranking, names, lang)
    else:
        first = brief_charts.distribution_svg(page.distribution, lang)
    return first, brief_charts.trend_svg(page.trend, page.totals, lang)


def all_charts(pages: Sequence[Page], lang: Lang) -> list[tuple[str, str]]:
    """Every page's charts. (Drawing half of them in a forked child was tried: on the two
    shared cores it saved nothing measurable, so they are drawn here, one after another.)"""
    return [page_charts(p, lang) for p in pages]


def page_html(
    page: Page,
    lang: Lang,
    made: dt.date,
    embed: Embed = data_uri,
    charts: tuple[str, str] | None = None,
) -> str:
    """One page as a ``<section>``; ``embed`` turns a chart's SVG into an image element;
    ``charts``: the page's (``page_charts``), when drawn already."""
    period = word("brief.period", lang, period=period_name(page.period, lang))
    kicker = f"{word('brief.heading', lang)} · {period}"
    svg, trend_svg = charts or page_charts(page, lang)
    if page.regency is None:
        title = word("brief.chart_regencies", lang)
    else:
        title = word("brief.chart_distribution", lang)
    chart = f"<h2>{escape(title)}</h2>{embed(svg, title)}"
    trend_title = (
        f"{word('brief.chart_trend_active', lang)} · {word('brief.chart_trend_met', lang)}"
    )
    trend = f"<h2>{escape(trend_title)}</h2>" + embed(trend_svg, trend_title)
    made_text = word("brief.made", lang, day=date_name(made.isoformat(), lang))
    side = _timeliness(page, lang) + _villageless(page, lang) + _lists(page, lang)
    if page.regency is None:  # the ranking takes the room of the village lists
        ident, middle, bottom = "provinsi", _ranking(page, lang), ""
        side += f'<div class="compact">{_weakest(page, lang)}</div>'
    else:
        ident, middle, bottom = page.regency["slug"], "", _weakest(page, lang)
    return (
        f'<section class="page" id="{escape(ident)}">'
        f'<header><div class="kicker">{escape(kicker)}</div>'
        f"<h1>{escape(page.title)}</h1></header>"
        f"{_tiles(page, lang)}{middle}"
        f'<table class="row"><tr><td class="chart">{chart}</td><td>{side}</td></tr></table>'
        f'<div class="chart">{trend}</div>{bottom}'
        f"<footer>{escape(word('brief.legend', lang))} {escape(made_text)}</footer>"
        "</section>"
    )


def brief_html(
    brief: Brief, lang: Lang = "id", made: dt.date | None = None, embed: Embed = data_uri
) -> str:
    """The whole brief as one HTML document."""
    made = made or dt.date.today()
    first = brief.pages[0].title if brief.pages else ""
    title = f"{word('brief.heading', lang)} {first} {period_name(brief.period, lang)}"
    charts = all_charts(brief.pages, lang)
    body = "".join(
        page_html(p, lang, made, embed, c) for p, c in zip(brief.pages, charts, strict=True)
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>\n"
    )


class _Charts:
    """Charts handed to WeasyPrint by name (``bkbk-chart:3``) through its URL fetcher, not
    as data URIs its HTML parser would read character by character (a second a province)."""

    def __init__(self) -> None:
        self.svgs: list[bytes] = []

    def embed(self, svg: str, alt: str) -> str:
        self.svgs.append(svg.encode("utf-8"))
        return f'<img alt="{escape(alt)}" src="bkbk-chart:{len(self.svgs) - 1}">'

    def fetcher(self):
        """A WeasyPrint URL fetcher serving the charts and refusing every other address."""
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        svgs = self.svgs

        class Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if not url.startswith("bkbk-chart:"):  # nothing else is ever fetched
                    raise ValueError(f"no external resource in a brief: {url}")
                body = svgs[int(url.split(":", 1)[1])]
                return URLFetcherResponse(url, body, {"Content-Type": "image/svg+xml"})

        return Fetcher(fail_on_errors=True)


def brief_pdf(brief: Brief, lang: Lang = "id", made: dt.date | None = None):
    """The brief laid out on A4: a ``weasyprint.Document`` (one page per section as long as
    each fits; ``pdf_bytes`` writes it, or some of its pages)."""
    charts = _Charts()
    html = brief_html(brief, lang, made, charts.embed)
    return render_pdf(html, charts.fetcher())


def render_pdf(html: str, fetcher=None):
    """HTML laid out on A4 by WeasyPrint (``fetcher``: its URL fetcher)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    if fetcher is None:
        return HTML(string=html, base_url=None).render()
    return HTML(string=html, base_url=None, url_fetcher=fetcher).render()


def pdf_bytes(document, pages: Sequence[int] | None = None) -> bytes:
    """The PDF of a rendered document, or of some of its pages."""
    chosen = document if pages is None else document.copy([document.pages[i] for i in pages])
    return chosen.write_pdf()


def pdf_by_section(document) -> dict[str, bytes]:
    """The PDF of each section (``provinsi`` and each regency slug: the sections' ids) from one
    rendered document, so an export lays the province brief out once for 12 files. A
    section that ran onto a second page keeps it; the province's is the whole brief."""
    idents = {"provinsi", *(r.slug for r in regions.regencies())}
    starts = [
        (i, anchor)
        for i, page in enumerate(document.pages)
        for anchor in page.anchors
        if anchor in idents
    ]
    out = {}
    for n, (first, ident) in enumerate(starts):
        last = starts[n + 1][0] if n + 1 < len(starts) else len(document.pages)
        out[ident] = pdf_bytes(document, range(first, last))
    if "provinsi" in out:  # the province's brief is the whole document
        out["provinsi"] = pdf_bytes(document)
    return out


def write_brief(brief: Brief, out: Path, fmt: str, lang: Lang = "id") -> None:
    """Write the brief as ``fmt`` (``pdf`` or ``html``) to ``out``, atomically."""
    from bkbk_cli.atomic import write_atomically

    if fmt == "html":
        data = brief_html(brief, lang).encode("utf-8")
    else:
        data = pdf_bytes(brief_pdf(brief, lang))
    write_atomically(out, lambda tmp: tmp.write_bytes(data))


__all__ = [
    "brief_html",
    "brief_pdf",
    "data_uri",
    "page_html",
    "pdf_by_section",
    "pdf_bytes",
    "render_pdf",
    "write_brief",
]
