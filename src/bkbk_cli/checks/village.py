"""Village-level checks: is the village known, does its name match, does it meet its quota."""

from __future__ import annotations

import pandas as pd

from bkbk_cli import regions
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.messages import LABELS


def identity_problem(code: object, name: object) -> tuple[str, object, object] | None:
    """``(finding code, value, expected)`` when the roster's village is missing, unknown, or
    its name disagrees with its code; None when it is a village of Jambi by that name.

    Names differ slightly between sources (``Sungaipampang`` / ``Sungai Pampang``),
    so names match leniently; a code whose name disagrees may be a BPS statistics
    code, which swaps some regencies, and the message says so.
    """
    name = name if isinstance(name, str) and name.strip() else None
    if not isinstance(code, str) or not code:
        return ("VILLAGE_MISSING", name, None)
    village = regions.village(code)
    if village is None:
        return ("VILLAGE_CODE_UNKNOWN", code, regions.bps_hint(code, name))
    if name and not regions.village_name_matches(village.code, name):
        expected = f"{village.code} = {village.name}"
        hint = regions.bps_hint(village.code, name)
        if hint:
            expected += f"; kode BPS? {hint}"
        return ("VILLAGE_NAME_MISMATCH", name, expected)
    return None


def quota_findings(villages: pd.DataFrame, counts: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Enrolled and active participants per category against the quota (warnings).

    ``villages``: one row per (``file_id``, ``village_code``) with its ``period``;
    ``counts``: ``file_id``, ``village_code``, ``kategori``, ``enrolled``, ``active``
    (enrolled: on the roster with a category, not enrolled after the period;
    active: the period month paid). Returns findings with ``file_id`` and
    ``village_code`` so the caller can place them.
    """
    keys = {"file_id": "int64", "village_code": object, "kategori": object}
    villages = villages.astype({"file_id": "int64", "village_code": object})
    grid = villages.merge(pd.DataFrame({"kategori": list(KATEGORI)}, dtype=object), how="cross")
    grid = grid.merge(counts.astype(keys), on=list(keys), how="left")
    grid[["enrolled", "active"]] = grid[["enrolled", "active"]].fillna(0).astype(int)
    grid["quota"] = grid["kategori"].map(config.quota.for_kategori)
    grid["label"] = grid["kategori"].map(lambda k: LABELS[k][0])
    out = []
    for code, measure, with_period in (
        ("QUOTA_ENROLLED_SHORT", "enrolled", False),
        ("QUOTA_ACTIVE_SHORT", "active", True),
    ):
        short = grid[grid[measure] < grid["quota"]]
        out.append(
            pd.DataFrame(
                {
                    "file_id": short["file_id"],
                    "village_code": short["village_code"],
                    "code": code,
                    "column": None,
                    "field": "kategori",
                    "period": short["period"] if with_period else None,
                    "value": short["label"] + ": " + short[measure].astype(str),
                    "expected": short["quota"].astype(str),
                }
            )
        )
    return pd.concat(out, ignore_index=True)
