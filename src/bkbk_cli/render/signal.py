"""What a colour means in a report: one rule for the screen and the xlsx workbooks.

Red is "needs action" (a village that has not reported, a quota far from met, a low
continuity rate), amber "near" (close to the target), green "met". The thresholds are
configuration (``config.Colours``); the screen (``report_table``) and the workbook
(``report_xlsx``) only choose how to paint each level.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from bkbk_cli.config import KATEGORI, Colours

Level = Literal["action", "near", "met"]
_ORDER: dict[Level, int] = {"action": 0, "near": 1, "met": 2}

__all__ = ["Level", "continuity_level", "ratio_level", "village_level", "worst"]


def ratio_level(done: object, target: object, colours: Colours) -> Level | None:
    """``done`` of ``target`` (active of the quota, villages reported of all): met when it
    reaches the target, near from ``quota_near`` of it, else action; None without numbers."""
    if not isinstance(done, (int, float)) or not isinstance(target, (int, float)):
        return None
    if done >= target:
        return "met"
    return "near" if done >= colours.quota_near * target else "action"


def continuity_level(rate: object, colours: Colours) -> Level | None:
    """A continuity rate (paid / due months): None when nothing was due."""
    if not isinstance(rate, (int, float)) or isinstance(rate, bool):
        return None
    if rate >= colours.continuity_met:
        return "met"
    return "near" if rate >= colours.continuity_near else "action"


def worst(*levels: Level | None) -> Level | None:
    """The most urgent of ``levels`` (None ones ignored)."""
    known = [level for level in levels if level is not None]
    return min(known, key=_ORDER.__getitem__) if known else None


def village_level(row: Mapping[str, Any], colours: Colours) -> Level | None:
    """A village row of a regency report: action when it has not reported, else how far its
    active participants are from the quota (the worse category)."""
    if row.get("submitted") is False:
        return "action"
    levels = []
    for kategori in KATEGORI:
        block = row.get(kategori)
        if isinstance(block, Mapping):
            levels.append(ratio_level(block.get("active"), block.get("quota"), colours))
    return worst(*levels)
