"""Village-level checks: is the village known, does its name match, does it meet its quota."""

from __future__ import annotations

import pandas as pd

from bkbk_cli import regions
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.messages import LABELS

#: The finding codes this module raises (``tests/test_checks_codes.py``).
CODES = (
    "VILLAGE_MISSING",
    "VILLAGE_CODE_UNKNOWN",
    "VILLAGE_NAME_MISMATCH",
    "QUOTA_ENROLLED_SHORT",
    "QUOTA_ACTIVE_SHORT",
)


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


COUNT_COLUMNS = ("file_id", "village_code", "kategori", "enrolled", "active")


def quota_findings(villages: pd.DataFrame, counts: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Enrolled and active participants per category against the quota (warnings).

    ``villages``: one row per (``file_id``, ``village_code``) with its ``period``;
    ``counts``: ``file_id``, ``village_code``, ``kategori``, ``enrolled``, ``active``
    (enrolled: on the roster with a category, not enrolled after the period;
    active: the period month paid). Returns findings with ``file_id`` and
    ``village_code`` so the caller can place them.
    """
    # a table per village and category, not per participant: looked up, not merged
    # (two merges cost 10 ms however few the villages, as for one file)
    tally = {
        (fid, _code(code), kategori): (enrolled, active)
        for fid, code, kategori, enrolled, active in zip(
            *(counts[name].tolist() for name in COUNT_COLUMNS), strict=True
        )
    }
    quotas = {kategori: config.quota.for_kategori(kategori) for kategori in KATEGORI}
    short: dict[str, list[tuple]] = {"enrolled": [], "active": []}
    for fid, code, period in zip(
        *(villages[name].tolist() for name in ("file_id", "village_code", "period")), strict=True
    ):
        for kategori, quota in quotas.items():
            measured = tally.get((fid, _code(code), kategori), (0, 0))
            for measure, count in zip(("enrolled", "active"), measured, strict=True):
                if count < quota:
                    value = f"{LABELS[kategori][0]}: {count}"
                    short[measure].append((fid, code, period, value, str(quota)))
    out = []
    for code, measure, with_period in (
        ("QUOTA_ENROLLED_SHORT", "enrolled", False),
        ("QUOTA_ACTIVE_SHORT", "active", True),
    ):
        rows = pd.DataFrame(
            short[measure], columns=["file_id", "village_code", "period", "value", "expected"]
        ).astype({"file_id": "int64"})
        out.append(
            rows.assign(
                code=code,
                column=None,
                field="kategori",
                period=rows["period"] if with_period else None,
            )[["file_id", "village_code", "code", "column", "field", "period", "value", "expected"]]
        )
    return pd.concat(out, ignore_index=True)


def _code(code: object) -> str | None:
    """A village code as a lookup key: every kind of missing is one key."""
    return code if isinstance(code, str) else None
