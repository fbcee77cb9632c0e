"""The brief's charts as SVG text (matplotlib, no pyplot), readable in black and white.

Each chart is a few bars or lines however many villages there are: villages are
binned by the share of their quota met (a regency of 287 villages is six bars),
regencies are eleven stacked bars, the trend is one point per month. Greys,
hatching and markers, not colours, tell the series apart, so a photocopy keeps
them; every bar carries its number, so nobody reads values off an axis.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from bkbk_cli.config import KATEGORI
from bkbk_cli.messages import Lang
from bkbk_cli.words import MONTH_NAMES, number, word

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 8.5,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",  # text stays text: smaller files, searchable PDF
    "svg.hashsalt": "bkbk",  # the same data gives the same bytes
    "hatch.linewidth": 0.6,
}
_SVG_NS = "http://www.w3.org/2000/svg"
_BLACK, _GREY, _LIGHT = "#222222", "#8c8c8c", "#ffffff"


def _figure(width_in: float, height_in: float, columns: int = 1, **margins: float):
    """A figure with fixed margins (``left``, ``bottom``, ...: fractions): a layout engine
    would measure every label of every chart again, most of a brief's time."""
    import matplotlib

    matplotlib.rcParams.update(_RC)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, height_in))
    spacing = {"left": 0.1, "right": 0.97, "bottom": 0.17, "top": 0.95, "wspace": 0.25}
    figure.subplots_adjust(**{**spacing, **margins})
    return figure, figure.subplots(1, columns, squeeze=False)[0]


def _svg(figure) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = io.StringIO()
    FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None, "Creator": None})
    return _flatten(buffer.getvalue())


def _flatten(svg: str) -> str:
    """matplotlib's SVG without its plain ``<g id=...>`` wrappers (half of its elements): a PDF
    renderer walks every element, and these only name the artists. No XML prolog."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    group = f"{{{_SVG_NS}}}g"

    def walk(node) -> None:
        kept = []
        for child in list(node):
            walk(child)
            if child.tag == group and set(child.attrib) <= {"id"}:
                kept.extend(child)
            else:
                kept.append(child)
        node[:] = kept

    walk(root)
    return ET.tostring(root, encoding="unicode")


def _bare(axes, which: str) -> None:
    """No numeric axis where every bar carries its number: fewer things to read (and draw)."""
    (axes.xaxis if which == "x" else axes.yaxis).set_visible(False)
    axes.spines["bottom" if which == "x" else "left"].set_visible(False)


def _count(value: int, lang: Lang) -> str:
    return number(value, lang)


def distribution_svg(rows: Sequence[Mapping[str, Any]], lang: Lang) -> str:
    """Villages per bin of quota share: one horizontal bar per bin, its count at its end."""
    figure, (axes,) = _figure(3.5, 1.9, left=0.3, bottom=0.2, top=0.97, right=0.95)
    labels = [r["label"] for r in rows][::-1]
    values = [r["villages"] for r in rows][::-1]
    faces = [_BLACK if i == 0 else _GREY for i in range(len(rows))]
    faces[-1] = _LIGHT  # not reported
    bars = axes.barh(labels, values, color=faces, edgecolor=_BLACK, linewidth=0.6)
    bars[-1].set_hatch("////")
    axes.bar_label(bars, labels=[_count(v, lang) for v in values], padding=2, fontsize=8)
    axes.set_xlim(0, max([*values, 1]) * 1.18)
    _bare(axes, "x")
    axes.tick_params(axis="y", length=0)
    return _svg(figure)


def regencies_svg(
    ranking: Sequence[Mapping[str, Any]], names: Mapping[str, str], lang: Lang
) -> str:
    """Villages per regency, stacked: quota met, reported but short, not reported."""
    figure, (axes,) = _figure(3.5, 2.5, left=0.38, bottom=0.15, top=0.99, right=0.97)
    rows = list(ranking)[::-1]
    labels = [names.get(r["regency_code"], r["regency_name"]) for r in rows]
    met = [r["villages_quota_met"] for r in rows]
    short = [r["villages_submitted"] - r["villages_quota_met"] for r in rows]
    missing = [r["villages_total"] - r["villages_submitted"] for r in rows]
    left = [a + b for a, b in zip(met, short, strict=True)]
    style = {"edgecolor": _BLACK, "linewidth": 0.5}
    axes.barh(labels, met, color=_BLACK, label=word("brief.legend_met", lang), **style)
    axes.barh(
        labels, short, left=met, color=_GREY, label=word("brief.legend_reported", lang), **style
    )
    axes.barh(
        labels,
        missing,
        left=left,
        color=_LIGHT,
        hatch="////",
        label=word("brief.legend_missing", lang),
        **style,
    )
    for y, r in enumerate(rows):
        text = f"{_count(r['villages_quota_met'], lang)}/{_count(r['villages_total'], lang)}"
        axes.text(r["villages_total"] + 3, y, text, va="center", fontsize=7)
    axes.set_xlim(0, max([r["villages_total"] for r in rows] + [1]) * 1.3)
    _bare(axes, "x")
    axes.tick_params(axis="y", length=0, labelsize=7)
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.3, -0.01), fontsize=6.5, frameon=False, ncol=2
    )
    return _svg(figure)


def trend_svg(trend: Sequence[Mapping[str, Any]], totals: Mapping[str, Any], lang: Lang) -> str:
    """Two panels, month by month from January to the period: active participants as a share
    of the quota per category (100% = quota met; the last month's count written beside it),
    and the villages meeting the quota."""
    figure, (people, villages) = _figure(7.2, 1.7, columns=2, left=0.07, top=0.96, right=0.97)
    months = [MONTH_NAMES[lang][int(r["period"][5:7]) - 1][:3] for r in trend]
    styles = {"miskin_ekstrem": ("-", "o", _BLACK), "pekerja_rentan": ("--", "s", _GREY)}
    offsets = {"miskin_ekstrem": (4, 3), "pekerja_rentan": (4, -9)}  # two labels, no overlap
    top = 1.0
    for k in KATEGORI:
        line, marker, colour = styles[k]
        quota = int(totals[k]["quota"]) or 1
        counts = [r[f"{k}_active"] for r in trend]
        quota_text = _count(quota, lang)
        shares = [c / quota * 100 for c in counts]
        people.plot(
            months,
            shares,
            linestyle=line,
            marker=marker,
            color=colour,
            markersize=3.5,
            linewidth=1.4,
            label=f"{word(f'brief.short_{k}', lang)} ({word('brief.of', lang, n=quota_text)})",
        )
        if counts:
            people.annotate(
                _count(counts[-1], lang),
                (len(counts) - 1, shares[-1]),
                xytext=offsets[k],
                textcoords="offset points",
                fontsize=7,
            )
        top = max(top, *shares)
    people.axhline(100, linestyle=":", color=_BLACK, linewidth=1)
    people.set_ylim(0, max(top, 100) * 1.35)
    people.set_xlim(-0.5, len(months) - 0.2)
    people.set_yticks([0, 50, 100])
    people.yaxis.set_major_formatter(lambda value, _: f"{value:.0f}%")
    people.legend(loc="upper left", bbox_to_anchor=(0.0, 0.93), fontsize=6.5, frameon=False, ncol=2)
    met = [r["villages_quota_met"] for r in trend]
    bars = villages.bar(months, met, color=_GREY, edgecolor=_BLACK, linewidth=0.5)
    villages.bar_label(bars, labels=[_count(v, lang) for v in met], padding=1, fontsize=7)
    villages.set_ylim(0, max([*met, 1]) * 1.25)
    _bare(villages, "y")
    for axes in (people, villages):
        axes.tick_params(axis="x", labelsize=7)
    return _svg(figure)


__all__ = ["distribution_svg", "regencies_svg", "trend_svg"]
