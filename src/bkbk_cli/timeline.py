"""Numbers through time for the meeting brief: the trend month by month and reporting timeliness.

*Trend*: for each month ``M`` from January of the period's year through the period,
the participants ``aktif`` at ``M`` per category and the villages meeting their
quota at ``M``, per regency. It is what ``report --period M`` gives for each ``M``
(the latest rosters of the year, ``continuity.evaluate`` at ``M``: ``aktif`` is no
arrears, i.e. month ``M`` due and paid), computed from one reading of the store and
one evaluation at the period, whose ``paid`` matrix holds every earlier month's
(a test checks it against ``report`` month by month).

*Reporting*: a village *reported for period P* when an ``ok`` roster of P's year
arrived on or after the first day of P; the day it arrived is ``received_on``
(``ingest --received``) or else the UTC day of ``ingested_at``. It reported *on
time* when its first such roster arrived by the deadline of P (the configured
``deadline_day`` of month ``P + deadline_month_offset``, the 15th of P itself by
default), *late* when after it, and is *missing* when none has arrived yet (what
DHIS2 calls the reporting rate and the reporting rate on time).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.continuity import due_window, evaluate, month_number, period_of
from bkbk_cli.measures import _load, _positions, _reference, month_axis

if TYPE_CHECKING:
    from bkbk_cli.store import Store

#: Reporting status of a village for a period, in the order the brief shows them.
REPORTING = ("on_time", "late", "missing")


def trend_periods(period: str) -> list[str]:
    """January of the period's year through the period."""
    last = month_number(period)
    return [period_of(n) for n in range(int(period[:4]) * 12, last + 1)]


def village_trend(
    store: Store,
    period: str,
    config: Config,
    regency_code: str | None = None,
    loaded: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """One row per reference village (of a regency, or all) and month of ``trend_periods``.

    Columns: village_code, regency_code, period, ``<kategori>_active`` and quota_met
    (a village without a roster of the year meets nothing), as ``report --period``
    counts them for that month. ``loaded``: ``measures._load``'s frames for the year and
    regency, when the caller has read them already.
    """
    year = int(period[:4])
    subs, people, payments = loaded or _load(store, year, regency_code)
    villages = _reference(regency_code)[["village_code", "regency_code"]]
    months = trend_periods(period)
    active = np.zeros((len(people), len(months)), dtype=bool)
    if len(people):
        dates = pd.to_datetime(people["tanggal_terdaftar"])
        payments = payments.assign(pos=_positions(people, payments))
        payments = payments[payments["pos"] >= 0]
        numbers = payments["month"].to_numpy(dtype=np.int64)
        axis = month_axis(year, period, [period_of(m) for m in np.unique(numbers)])
        amounts = np.full((len(people), axis.size), np.nan)
        amounts[payments["pos"].to_numpy(dtype=np.int64), numbers - axis.first] = payments[
            "amount_rp"
        ].to_numpy(dtype=float)
        start, enrol, at = due_window(dates, year, month_number(period), axis)
        result = evaluate(people["kategori"], start, enrol, at, amounts, axis, config)
        # aktif at M <=> M is due (M >= the first due month) and paid: no arrears end at M.
        # One evaluation at the period gives every earlier month's: ``paid`` of a month does
        # not depend on the evaluation month once the month is due.
        columns = np.array([month_number(m) for m in months]) - axis.first
        active = result.paid[:, columns] & (columns[None, :] >= start[:, None])
    counts = (
        pd.DataFrame(active, columns=months)
        .assign(
            village_code=people["village_code"].to_numpy(), kategori=people["kategori"].to_numpy()
        )
        .groupby(["village_code", "kategori"])[months]
        .sum()
    )
    long = counts.stack().rename("active").reset_index().rename(columns={"level_2": "period"})
    wide = long.pivot_table(
        index=["village_code", "period"], columns="kategori", values="active", fill_value=0
    )
    grid = pd.MultiIndex.from_product(
        [villages["village_code"], months], names=["village_code", "period"]
    )
    wide = wide.reindex(index=grid, columns=list(KATEGORI), fill_value=0).fillna(0).astype("int64")
    table = wide.rename(columns={k: f"{k}_active" for k in KATEGORI}).reset_index()
    submitted = table["village_code"].isin(set(subs["village_code"]))
    table["quota_met"] = submitted & np.logical_and.reduce(
        [table[f"{k}_active"] >= config.quota.for_kategori(k) for k in KATEGORI]
    )
    table["regency_code"] = table["village_code"].str[:5]
    return table


def trend(
    store: Store,
    period: str,
    config: Config,
    regency_code: str | None = None,
    loaded: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Month by month, per regency: ``<kategori>_active`` and villages_quota_met.

    Index: (regency_code, period). The province is the sum over regencies
    (``province_trend``).
    """
    table = village_trend(store, period, config, regency_code, loaded)
    columns = [f"{k}_active" for k in KATEGORI]
    return (
        table.assign(villages_quota_met=table["quota_met"].astype("int64"))
        .groupby(["regency_code", "period"], sort=True)[[*columns, "villages_quota_met"]]
        .sum()
    )


def province_trend(per_regency: pd.DataFrame) -> pd.DataFrame:
    """The regencies' trend summed per month (index: period)."""
    return per_regency.groupby(level="period", sort=True).sum()


def trend_records(frame: pd.DataFrame) -> list[dict]:
    """A trend (index: period) as JSON-ready rows: period and the counts as ints."""
    return [
        {"period": str(p), **{c: int(v) for c, v in row.items()}} for p, row in frame.iterrows()
    ]


# ------------------------------------------------------------------------ reporting


def deadline(period: str, config: Config) -> dt.date:
    """The day a period's roster is due: ``deadline_day`` of month P + offset (clamped)."""
    number = month_number(period) + config.contribution.deadline_month_offset
    year, month = divmod(number, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(config.contribution.deadline_day, last_day))


def reporting(
    store: Store, period: str, config: Config, regency_code: str | None = None
) -> pd.DataFrame:
    """One row per reference village: village_code, village_name, district_name,
    regency_code, received (``YYYY-MM-DD`` of its first roster since P began, or None),
    status (``on_time`` / ``late`` / ``missing``)."""
    first_day = f"{period}-01"
    where, params = "", [int(period[:4]), first_day]
    if regency_code is not None:
        where, params = " AND village_code LIKE ?", [*params, regency_code + ".%"]
    arrived = store.frame(
        "SELECT village_code, MIN(COALESCE(received_on, substr(ingested_at, 1, 10))) AS received "
        "FROM submissions WHERE status = 'ok' AND village_code IS NOT NULL AND year = ? "
        f"AND COALESCE(received_on, substr(ingested_at, 1, 10)) >= ?{where} "
        "GROUP BY village_code",
        params,
    )
    table = _reference(regency_code).merge(arrived, on="village_code", how="left")
    table["received"] = table["received"].astype(object).where(table["received"].notna(), None)
    due = deadline(period, config).isoformat()
    table["status"] = np.select(
        [table["received"].isna(), table["received"].fillna("") <= due],
        ["missing", "on_time"],
        default="late",
    )
    return table


def reporting_counts(table: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Villages per reporting status (columns ``REPORTING``), in all or per ``by`` group."""
    if by is None:
        counts = table["status"].value_counts().reindex(list(REPORTING), fill_value=0)
        return counts.to_frame().T.reset_index(drop=True)
    return (
        table.groupby(by)["status"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=list(REPORTING), fill_value=0)
        .astype("int64")
    )


__all__ = [
    "REPORTING",
    "deadline",
    "province_trend",
    "reporting",
    "reporting_counts",
    "trend",
    "trend_periods",
    "trend_records",
    "village_trend",
]
