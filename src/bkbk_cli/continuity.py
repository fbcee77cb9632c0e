"""Contribution continuity, defined once: which months are due, which are paid, the status.

``validate`` and the reports both call ``evaluate``, so a village's numbers can
never differ between the two. Everything is a numpy operation over the
participants x months matrix of amounts.

Definitions (``Config`` supplies the numbers):
- a month is *due* for a participant from their enrolment month (or January of
  the roster year, if they enrolled earlier) through the evaluation period;
- a month is *paid* when its amount is at least the contribution required for
  that month and the participant's category;
- *arrears* are the consecutive unpaid due months ending at the period; the
  status is ``aktif`` with none, ``menunggak`` with fewer than the lapse setting,
  ``nonaktif`` with at least that many, ``belum_jatuh_tempo`` when nothing is due
  yet (enrolled after the period);
- a *gap* is an unpaid due month followed by a paid one;
- *outstanding* Rupiah is what is missing in due months (the shortfall of an
  underpaid month included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from bkbk_cli.config import KATEGORI, Config


@lru_cache(maxsize=4096)
def month_number(period: str) -> int:
    """``YYYY-MM`` as a month count, so month arithmetic is integer arithmetic (the same
    few months are asked for over and over: each roster's, each participant's)."""
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def period_of(number: int) -> str:
    year, month = divmod(int(number), 12)
    return f"{year:04d}-{month + 1:02d}"


def default_period(today: dt.date, config: Config, last_column: str | None) -> str:
    """The latest month whose payment deadline has passed, capped at the roster's last month.

    With the default rules (due by the 15th of the month itself), on 25 Nov the
    period is November; on 10 Nov it is October.
    """
    offset = config.contribution.deadline_month_offset
    number = today.year * 12 + today.month - 1 - offset
    if today.day <= config.contribution.deadline_day:
        number -= 1
    if last_column is not None:
        number = min(number, month_number(last_column))
    return period_of(number)


@dataclass(frozen=True)
class MonthAxis:
    """Contiguous months ``first`` .. ``first + size - 1`` (as month numbers)."""

    first: int
    size: int

    @property
    def periods(self) -> list[str]:
        return [period_of(self.first + i) for i in range(self.size)]

    def index(self, period: str) -> int:
        return month_number(period) - self.first


def required_matrix(config: Config, kategori: pd.Series, axis: MonthAxis) -> np.ndarray:
    """The contribution required per participant and month (rows with no category: default)."""
    periods = axis.periods
    table = np.array(
        [[config.contribution.required(p, k) for p in periods] for k in KATEGORI], dtype=float
    )
    default = np.array([config.contribution.monthly_rp] * axis.size, dtype=float)
    codes = kategori.map({k: i for i, k in enumerate(KATEGORI)}).fillna(-1).astype(int).to_numpy()
    out = np.where(codes[:, None] >= 0, table[np.clip(codes, 0, None)], default[None, :])
    return out


#: Enrolment month number standing for "unknown": before any axis, so nothing is "before".
UNKNOWN_ENROLMENT = -(10**6)


def due_window(
    enrolled: pd.Series, year: np.ndarray | int, period: np.ndarray | int, axis: MonthAxis
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``start_idx``, ``enrol_idx`` and ``period_idx`` for ``evaluate``, per participant.

    ``year`` (the roster year) and ``period`` (the evaluation month as a month
    number) are per participant or shared. Months are due from the enrolment month
    or January of the roster year, whichever is later; an unknown enrolment date
    counts from January.
    """
    dates = pd.to_datetime(enrolled)
    enrol = (dates.dt.year * 12 + dates.dt.month - 1).fillna(UNKNOWN_ENROLMENT)
    enrol_number = enrol.astype(np.int64).to_numpy()
    start_number = np.maximum(enrol_number, np.asarray(year, dtype=np.int64) * 12)
    period_idx = np.broadcast_to(
        np.asarray(period, dtype=np.int64) - axis.first, enrol_number.shape
    )
    return start_number - axis.first, enrol_number - axis.first, period_idx.copy()


@dataclass
class Continuity:
    """Per-participant measures (``people``) and per-cell masks over the month axis."""

    people: pd.DataFrame  # months_due, months_paid, arrears, status, paid_rp, outstanding_rp
    due: np.ndarray
    paid: np.ndarray
    underpaid: np.ndarray
    gap: np.ndarray
    before_enrolment: np.ndarray
    required: np.ndarray


def evaluate(
    kategori: pd.Series,
    start_idx: np.ndarray,
    enrol_idx: np.ndarray,
    period_idx: np.ndarray,
    amounts: np.ndarray,
    axis: MonthAxis,
    config: Config,
) -> Continuity:
    """Continuity for every participant at once.

    ``start_idx`` is the first due month (enrolment month or January of the roster
    year, whichever is later), ``enrol_idx`` the enrolment month (or a very small
    number when unknown), ``period_idx`` the evaluation month, all as indices into
    ``axis``; ``amounts`` is participants x ``axis.size`` (NaN = nothing recorded).
    """
    n = len(start_idx)
    months = np.arange(axis.size)[None, :]
    start = np.asarray(start_idx)[:, None]
    period = np.asarray(period_idx)[:, None]
    required = required_matrix(config, kategori.reset_index(drop=True), axis)
    amount = np.nan_to_num(amounts, nan=0.0)
    recorded = ~np.isnan(amounts) & (amount > 0)
    due = (months >= start) & (months <= period)
    paid = recorded & (amount >= required) | ((required <= 0) & due)
    paid_due = paid & due
    underpaid = recorded & (amount < required) & (amount > 0)
    later_paid = np.cumsum(paid_due[:, ::-1], axis=1)[:, ::-1] > 0
    gap = due & ~paid & later_paid
    before = recorded & (months < np.asarray(enrol_idx)[:, None])

    months_due = due.sum(axis=1)
    months_paid = paid_due.sum(axis=1)
    last_paid = np.where(paid_due, months, -1).max(axis=1) if axis.size else np.full(n, -1)
    flat_start = np.asarray(start_idx)
    flat_period = np.asarray(period_idx)
    arrears = np.where(
        flat_start <= flat_period, flat_period - np.maximum(last_paid, flat_start - 1), 0
    )
    lapse = config.status.lapse_months
    status = np.select(
        [flat_start > flat_period, arrears == 0, arrears < lapse],
        ["belum_jatuh_tempo", "aktif", "menunggak"],
        default="nonaktif",
    )
    shortfall = np.where(due, np.clip(required - np.where(paid, required, amount), 0, None), 0)
    people = pd.DataFrame(
        {
            "months_due": months_due.astype(int),
            "months_paid": months_paid.astype(int),
            "arrears": arrears.astype(int),
            "status": status,
            "paid_rp": np.where(due & recorded, amount, 0).sum(axis=1),
            "outstanding_rp": shortfall.sum(axis=1),
        }
    )
    return Continuity(people, due, paid, underpaid, gap, before, required)
