"""Village-level checks: is the village known, does its name match, does it meet its quota."""

from __future__ import annotations

import pandas as pd

from bkbk_cli import regions
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.findings import concat_findings, make_findings
from bkbk_cli.messages import LABELS


def check_identity(code: str | None, name: str | None) -> pd.DataFrame:
    """The roster names a village of Jambi, and its name agrees with its code.

    Names differ slightly between sources (``Sungaipampang`` / ``Sungai Pampang``),
    so names match leniently; a code whose name disagrees may be a BPS statistics
    code, which swaps some regencies, and the message says so.
    """
    if not code:
        return make_findings("VILLAGE_MISSING", value=name)
    village = regions.village(code)
    if village is None:
        hint = regions.bps_hint(code)
        return make_findings("VILLAGE_CODE_UNKNOWN", value=code, expected=hint)
    if name and not regions.village_name_matches(village.code, name):
        expected = f"{village.code} = {village.name}"
        hint = regions.bps_hint(village.code)
        if hint:
            expected += f"; kode BPS? {hint}"
        return make_findings("VILLAGE_NAME_MISMATCH", value=name, expected=expected)
    return make_findings("VILLAGE_MISSING").iloc[:0]


def quota_counts(people: pd.DataFrame, status: pd.Series) -> pd.DataFrame:
    """Enrolled and active participants per category (rows: ``KATEGORI``).

    Enrolled: on the roster with a category and not enrolled after the period;
    active: the period month is paid.
    """
    counted = people["kategori"].notna() & (status != "belum_jatuh_tempo")
    frame = pd.DataFrame(
        {"kategori": people["kategori"][counted], "active": status[counted] == "aktif"}
    )
    grouped = frame.groupby("kategori")["active"].agg(enrolled="size", active="sum")
    return grouped.reindex(list(KATEGORI), fill_value=0).astype(int)


def check_quota(counts: pd.DataFrame, config: Config, period: str) -> pd.DataFrame:
    """Enrolled and active counts per category against the configured quota (warnings)."""
    found = []
    for kategori in KATEGORI:
        quota = config.quota.for_kategori(kategori)
        label = LABELS[kategori][0]
        enrolled = int(counts.loc[kategori, "enrolled"])
        active = int(counts.loc[kategori, "active"])
        if enrolled < quota:
            found.append(
                make_findings(
                    "QUOTA_ENROLLED_SHORT",
                    value=f"{label}: {enrolled}",
                    expected=str(quota),
                    field="kategori",
                )
            )
        if active < quota:
            found.append(
                make_findings(
                    "QUOTA_ACTIVE_SHORT",
                    value=f"{label}: {active}",
                    expected=str(quota),
                    field="kategori",
                    period=period,
                )
            )
    return concat_findings(found)
