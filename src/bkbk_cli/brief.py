"""The meeting brief: what a page per regency (and one for the province) says, as data.

The numbers are the report's: each page is built from a ``measures.regency_report``
document (the province page from ``measures.province_report``), so the brief and
``bkbk report --format json`` cannot disagree. To them the brief adds what only it
shows: the trend month by month and the reporting timeliness (``timeline``), the
distribution of villages by the share of their quota met, the ten weakest villages
with the reason, and the ranking of the regencies. Rendering (HTML, PDF, charts)
lives in ``render.brief_html`` and ``render.brief_charts``; ``reminder_text`` is the
chat message listing the villages still to report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bkbk_cli import regions
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.messages import Lang
from bkbk_cli.words import date_name, percent, period_name, word

if TYPE_CHECKING:
    import pandas as pd

    from bkbk_cli.report_period import PeriodChoice
    from bkbk_cli.store import Store

#: Bins of the share of quota met (lower bound inclusive), the chart's bars after "not reported".
SHARE_BINS: tuple[tuple[float, float], ...] = (
    (0.0, 0.25),
    (0.25, 0.5),
    (0.5, 0.75),
    (0.75, 1.0),
    (1.0, 1.01),
)
WEAKEST = 10


@dataclass
class Page:
    """One page of the brief: a regency's, or the province's (``regency`` None)."""

    period: str
    title: str
    totals: dict
    followup: int
    reporting: dict  # on_time, late, missing, deadline (YYYY-MM-DD)
    trend: list[dict]  # period, <kategori>_active, villages_quota_met
    distribution: list[dict]  # label, villages
    weakest: list[dict]  # village_name, district_name / regency_name, share, reason
    not_reported: list[dict]  # village_name, district_name (missing for the period)
    late: list[dict]  # village_name, district_name, received
    regency: dict | None = None  # code, slug, name
    ranking: list[dict] = field(default_factory=list)  # province page: one row per regency
    villageless: int = 0  # rosters tanpa desa (in no village's numbers; ``report`` lists them)


@dataclass
class Brief:
    period: str
    pages: list[Page]

    def as_dict(self) -> dict:
        from dataclasses import asdict

        return {"period": self.period, "pages": [asdict(p) for p in self.pages]}


def quota_share(village: Mapping[str, Any]) -> float:
    """Active participants counted up to each category's quota, over the quotas: 1.0 exactly
    when every category is met (a surplus in one does not hide a shortfall in the other)."""
    quota = sum(village[k]["quota"] for k in KATEGORI)
    if quota <= 0:
        return 1.0
    return sum(min(village[k]["active"], village[k]["quota"]) for k in KATEGORI) / quota


def distribution(villages: Sequence[Mapping[str, Any]], lang: Lang) -> list[dict]:
    """Villages per bin of quota share, after the villages without a roster of the year."""
    rows = [{"label": word("brief.bin_none", lang), "villages": 0}]
    rows += [{"label": _bin_label(low, high, lang), "villages": 0} for low, high in SHARE_BINS]
    for v in villages:
        if not v["submitted"]:
            rows[0]["villages"] += 1
            continue
        share = quota_share(v)
        for i, (low, high) in enumerate(SHARE_BINS, start=1):
            if low <= share < high:
                rows[i]["villages"] += 1
                break
    return rows


def _bin_label(low: float, high: float, lang: Lang) -> str:
    if low >= 1.0:
        return word("brief.bin_met", lang)
    return f"{round(low * 100)}–{round(high * 100) - 1}%"


def _reason(v: Mapping[str, Any], lang: Lang) -> str:
    """Why a village is weak, in the few words a meeting reads: the shortfalls only."""
    parts = []
    for k in KATEGORI:
        if v[k]["active"] < v[k]["quota"]:
            label = word(f"brief.short_{k}", lang)
            parts.append(f"{label} {v[k]['active']}/{v[k]['quota']}")
    rate = v.get("continuity_rate")
    if rate is not None and rate < 0.9:
        parts.append(word("brief.reason_rate", lang, rate=percent(rate, lang)))
    if v["menunggak"]:
        parts.append(word("brief.reason_menunggak", lang, n=v["menunggak"]))
    if v["nonaktif"]:
        parts.append(word("brief.reason_nonaktif", lang, n=v["nonaktif"]))
    if v["errors"]:
        parts.append(word("brief.reason_errors", lang, n=v["errors"]))
    return "; ".join(parts) or word("brief.reason_none", lang)


def weakest(villages: Sequence[Mapping[str, Any]], lang: Lang, where: str = "district_name"):
    """The ten reported villages furthest from their quota (then lowest continuity, most owed)."""
    reported = [v for v in villages if v["submitted"]]
    ranked = sorted(
        reported,
        key=lambda v: (
            quota_share(v),
            v["continuity_rate"] if v["continuity_rate"] is not None else 1.0,
            -v["outstanding_rp"],
            v["village_code"],
        ),
    )
    return [
        {
            "village_code": v["village_code"],
            "village_name": v["village_name"],
            "where": v.get(where) or "",
            "share": round(quota_share(v), 4),
            "reason": _reason(v, lang),
        }
        for v in ranked[:WEAKEST]
        if quota_share(v) < 1.0 or v["menunggak"] or v["nonaktif"] or v["errors"]
    ]


def _reporting_block(table: pd.DataFrame, period: str, config: Config) -> dict:
    from bkbk_cli.timeline import REPORTING, deadline

    counts = table["status"].value_counts()
    block = {s: int(counts.get(s, 0)) for s in REPORTING}
    block["deadline"] = deadline(period, config).isoformat()
    return block


def _listed(table: pd.DataFrame, status: str) -> list[dict]:
    chosen = table[table["status"] == status]
    return [
        {
            "village_code": r.village_code,
            "village_name": r.village_name,
            "district_name": r.district_name,
            "regency_code": r.regency_code,
            "received": r.received,
        }
        for r in chosen.itertuples()
    ]


def _trend_rows(frame: pd.DataFrame) -> list[dict]:
    from bkbk_cli.timeline import trend_records

    return trend_records(frame)


def regency_page(
    document: Mapping[str, Any],
    trend: pd.DataFrame,
    reporting: pd.DataFrame,
    config: Config,
    lang: Lang,
) -> Page:
    """A regency's page from its report document, its trend (index: period) and the
    reporting table of its villages."""
    period = document["period"]
    regency = document["regency"]
    return Page(
        period=period,
        title=word("brief.title_regency", lang, name=regency["name"]),
        regency=dict(regency),
        totals=dict(document["totals"]),
        followup=len(document["followup"]),
        reporting=_reporting_block(reporting, period, config),
        trend=_trend_rows(trend),
        distribution=distribution(document["villages"], lang),
        weakest=weakest(document["villages"], lang),
        not_reported=_listed(reporting, "missing"),
        late=_listed(reporting, "late"),
        villageless=len(document.get("rosters_without_village") or []),
    )


def province_page(
    document: Mapping[str, Any],
    regency_documents: Sequence[Mapping[str, Any]],
    trend: pd.DataFrame,
    reporting: pd.DataFrame,
    config: Config,
    lang: Lang,
) -> Page:
    """The province's page: its totals, trend and reporting, the regencies ranked."""
    from bkbk_cli.timeline import reporting_counts

    period = document["period"]
    per_regency = reporting_counts(reporting, "regency_code")
    ranking = []
    for row in document["regencies"]:
        counts = (
            per_regency.loc[row["regency_code"]].to_dict()
            if row["regency_code"] in per_regency.index
            else {}
        )
        total = row["villages_total"] or 1
        ranking.append(
            {
                **row,
                "quota_met_share": round(row["villages_quota_met"] / total, 4),
                "on_time": int(counts.get("on_time", 0)),
                "late": int(counts.get("late", 0)),
                "missing": int(counts.get("missing", 0)),
            }
        )
    ranking.sort(
        key=lambda r: (
            -r["quota_met_share"],
            -(r["continuity_rate"] or 0.0),
            -r["villages_submitted"],
            r["regency_code"],
        )
    )
    for rank, row in enumerate(ranking, start=1):
        row["rank"] = rank
    names = {r.code: r.short_name for r in regions.regencies()}
    villages = [
        {**v, "regency_name": names.get(v["village_code"][:5], "")}
        for d in regency_documents
        for v in d["villages"]
    ]
    return Page(
        period=period,
        title=word("brief.title_province", lang),
        totals=dict(document["totals"]),
        followup=len(document["followup"]),
        reporting=_reporting_block(reporting, period, config),
        trend=_trend_rows(trend),
        distribution=distribution(villages, lang),
        weakest=weakest(villages, lang, where="regency_name"),
        not_reported=_listed(reporting, "missing"),
        late=_listed(reporting, "late"),
        ranking=ranking,
        villageless=len(document.get("rosters_without_village") or []),
    )


def build_brief(
    store: Store,
    period: str | PeriodChoice | None,
    config: Config,
    regency: regions.Regency | None = None,
    lang: Lang = "id",
    documents: tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]] | None = None,
) -> Brief:
    """The brief of one regency (one page) or of the province (its page, then one per regency).

    ``documents``: (province report, regency reports) already built for the period (the
    export has them); otherwise they are computed here with ``measures``.
    """
    from bkbk_cli import measures, timeline

    if regency is not None:
        document = measures.regency_report(store, regency, period, config)
        chosen = document["period"]
        trend = timeline.trend(store, chosen, config, regency.code).droplevel("regency_code")
        table = timeline.reporting(store, chosen, config, regency.code)
        return Brief(chosen, [regency_page(document, trend, table, config, lang)])
    loaded = None
    if documents is None:  # the store read once for the report and the trend
        choice = measures._choice(store, period, config)
        loaded = measures._load(store, int(choice.period[:4]), None)
        province = measures.province_report(
            store, choice, config, regency_reports=True, loaded=loaded
        )
        reports = province.pop("regency_reports")
    else:
        province, reports = documents
    chosen = province["period"]
    per_regency = timeline.trend(store, chosen, config, loaded=loaded)
    table = timeline.reporting(store, chosen, config)
    pages = [
        province_page(province, reports, timeline.province_trend(per_regency), table, config, lang)
    ]
    for report in reports:
        code = report["regency"]["code"]
        own = table[table["regency_code"] == code]
        trend = per_regency.xs(code, level="regency_code")
        pages.append(regency_page(report, trend, own, config, lang))
    return Brief(chosen, pages)


# --------------------------------------------------------------------------- reminder


def _by_district(rows: Sequence[Mapping[str, Any]], lang: Lang, received: bool) -> list[str]:
    groups: dict[str, list[str]] = {}
    for r in rows:
        name = r["village_name"]
        if received and r.get("received"):
            name += f" ({date_name(r['received'], lang)})"
        groups.setdefault(r["district_name"], []).append(name)
    district = word("brief.district", lang)
    return [f"- {district} {d}: {', '.join(names)}" for d, names in sorted(groups.items())]


def reminder_text(brief: Brief, lang: Lang = "id") -> str:
    """One short chat message per regency with villages missing or late for the period."""
    messages = []
    for page in brief.pages:
        if page.regency is None or not (page.not_reported or page.late):
            continue
        lines = [
            word(
                "brief.reminder_title",
                lang,
                name=page.regency["name"],
                period=period_name(page.period, lang),
            ),
            word(
                "brief.reminder_deadline",
                lang,
                day=date_name(page.reporting["deadline"], lang),
            ),
        ]
        if page.not_reported:
            lines.append(word("brief.reminder_missing", lang, n=len(page.not_reported)))
            lines += _by_district(page.not_reported, lang, received=False)
        if page.late:
            lines.append(word("brief.reminder_late", lang, n=len(page.late)))
            lines += _by_district(page.late, lang, received=True)
        lines.append(word("brief.reminder_close", lang))
        messages.append("\n".join(lines))
    if not messages:
        return word("brief.reminder_all", lang, period=period_name(brief.period, lang)) + "\n"
    return "\n\n".join(messages) + "\n"


__all__ = [
    "SHARE_BINS",
    "Brief",
    "Page",
    "build_brief",
    "distribution",
    "quota_share",
    "reminder_text",
    "weakest",
]
