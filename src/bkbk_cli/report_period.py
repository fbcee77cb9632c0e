"""Which month a report of the store is for, and why: the rule ``validate`` uses, on the store.

``validate`` evaluates a roster at the latest month whose payment deadline has
passed, capped at the roster's last month column (``continuity.default_period``).
A report does the same over the rosters in the store: the cap is the last month
the stored rosters of that year cover (the latest of their last month columns).
When no roster of the current year is stored yet (a province of 2025 ingested in
December 2026), the report is for the latest year that has rosters, at the last
month they cover: its numbers, not a table of villages that "have not reported".

The choice says which rule decided (``rule``) and what it was weighed against,
so every report can say in its header which period it used and why, and a
report for a month after the end of some rosters can warn once (those rosters'
later months would count as unpaid).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bkbk_cli import clock
from bkbk_cli.continuity import default_period

if TYPE_CHECKING:
    from bkbk_cli.config import Config
    from bkbk_cli.messages import Lang
    from bkbk_cli.store import Store

#: ``requested``: ``--period``; ``deadline``: the latest month whose deadline has passed
#: (the rosters cover it); ``roster_end``: the last month the rosters of the year cover,
#: before that; ``latest_year``: no roster of the deadline's year is stored, the latest
#: year that has rosters, at their last month.
Rule = Literal["requested", "deadline", "roster_end", "latest_year"]


@dataclass(frozen=True)
class PeriodChoice:
    """The period of a report and what decided it."""

    period: str
    rule: Rule
    deadline_period: str  # the latest month whose deadline has passed, on the day
    rosters: int = 0  # current rosters of the period's year in the store
    rosters_end: str | None = None  # the last month they cover (the latest last column)
    rosters_before: int = 0  # how many of them end before the period
    latest_year: int | None = None  # the latest roster year stored, when ``period`` has none

    @property
    def year(self) -> int:
        return int(self.period[:4])

    def header(self) -> dict[str, object]:
        """What a report document carries about its period (JSON fields ``period_rule``,
        ``period_basis``)."""
        return {
            "period_rule": self.rule,
            "period_basis": {
                "deadline_period": self.deadline_period,
                "rosters": self.rosters,
                "rosters_end": self.rosters_end,
                "rosters_ending_before": self.rosters_before,
                "latest_year": self.latest_year,
            },
        }


def _coverage(store: Store) -> dict[int, tuple[int, str | None]]:
    """Per roster year: current rosters, and the last month they cover."""
    rows = store.query(
        "SELECT year, COUNT(*), MAX(last_month) FROM latest_submissions "
        "WHERE year IS NOT NULL GROUP BY year"
    )
    return {int(year): (int(n), last) for year, n, last in rows}


def _ending_before(store: Store, year: int, period: str) -> int:
    row = store.query(
        "SELECT COUNT(*) FROM latest_submissions "
        "WHERE year = ? AND last_month IS NOT NULL AND last_month < ?",
        [year, period],
    )
    return int(row[0][0])


def choose_period(
    store: Store, config: Config, requested: str | None = None, on: dt.date | None = None
) -> PeriodChoice:
    """The period a report of ``store`` is for: ``requested`` if given, else the rule above."""
    on = on or clock.today()
    deadline = default_period(on, config, None)
    coverage = _coverage(store)
    if requested is not None:
        year = int(requested[:4])
        count, end = coverage.get(year, (0, None))
        latest = max(coverage) if coverage and not count else None
        before = _ending_before(store, year, requested) if count else 0
        return PeriodChoice(requested, "requested", deadline, count, end, before, latest)
    year = int(deadline[:4])
    earlier = [y for y in coverage if y <= year]
    if not earlier:  # nothing stored (or only rosters of years to come): the deadline rule
        return PeriodChoice(deadline, "deadline", deadline)
    chosen_year = max(earlier)
    count, end = coverage[chosen_year]
    # the same rule as validate's, capped at the rosters' last month instead of one roster's
    period = default_period(on, config, end)
    rule: Rule = "deadline" if period == deadline else "roster_end"
    if chosen_year < year:
        period = period if end else f"{chosen_year}-12"
        rule = "latest_year"
    before = _ending_before(store, chosen_year, period)
    return PeriodChoice(period, rule, deadline, count, end, before)


# ------------------------------------------------------------------------ words


def note(document: dict, lang: Lang = "id") -> str:
    """Why a report is for its period, in one sentence (the report header says it).

    ``document``: a report document carrying ``PeriodChoice.header()``; empty text for
    one without (a document built before reports said why).
    """
    from bkbk_cli.words import period_name, word

    rule, basis, period = (document.get(k) for k in ("period_rule", "period_basis", "period"))
    if rule is None or not isinstance(basis, dict) or not isinstance(period, str):
        return ""
    end = basis.get("rosters_end")
    return word(
        f"period.{rule}",
        lang,
        period=period_name(period, lang),
        deadline=period_name(str(basis["deadline_period"]), lang),
        end=period_name(end, lang) if end else "-",
        year=period[:4],
        deadline_year=str(basis["deadline_period"])[:4],
    )


def warning(choice: PeriodChoice, lang: Lang = "id") -> str | None:
    """The one warning a report deserves about its period, if any: rosters of the year that
    end before it (their later months count as unpaid), or no roster of the year at all."""
    from bkbk_cli.words import period_name, word

    if choice.rosters_before:
        return word(
            "period.warn_short",
            lang,
            n=choice.rosters_before,
            total=choice.rosters,
            year=choice.year,
            end=period_name(choice.rosters_end, lang) if choice.rosters_end else "-",
            period=period_name(choice.period, lang),
        )
    if choice.rule == "requested" and not choice.rosters and choice.latest_year is not None:
        return word("period.warn_none", lang, year=choice.year, latest=choice.latest_year)
    return None


__all__ = ["PeriodChoice", "Rule", "choose_period", "note", "warning"]
