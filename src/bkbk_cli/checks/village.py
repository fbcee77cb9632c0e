"""Village-level checks: is the village known, does its name match, does it meet its quota."""

from __future__ import annotations

import pandas as pd

from bkbk_cli import regions
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.findings import column_letter
from bkbk_cli.messages import LABELS
from bkbk_cli.village_id import VillageId

#: Candidates named in one finding; more are counted, not listed.
_SHOWN = 6
#: Why a readable roster has no village, most telling first: ``ingest`` stores such a
#: roster as a failed submission with this reason, and reports list it (roster tanpa desa).
VILLAGELESS_CODES: tuple[str, ...] = (
    "VILLAGE_AMBIGUOUS",
    "VILLAGE_NOT_IN_AREA",
    "VILLAGE_NAME_UNKNOWN",
    "VILLAGE_CODE_UNKNOWN",
    "VILLAGE_MISSING",
)
#: Those a consolidated roster's rows can have (a row without a code, an unknown code).
ROW_VILLAGELESS_CODES: tuple[str, ...] = ("VILLAGE_CODE_UNKNOWN", "VILLAGE_MISSING")


def villageless_reason(
    findings: list[tuple[str, object, object]], code: str | None
) -> tuple[str, object, object]:
    """``(finding code, value, expected)``: why rows have no village, from their findings
    (``(code, value, expected)``, most telling first, see ``VILLAGELESS_CODES``). Rows
    that are all rejected have no village finding of their own: then their ``code``
    (unknown) or its absence says it."""
    found = {f[0]: f for f in findings if f[0] in VILLAGELESS_CODES}
    for reason in VILLAGELESS_CODES:
        if reason in found:
            return found[reason]
    return ("VILLAGE_CODE_UNKNOWN", code, None) if code else ("VILLAGE_MISSING", None, None)


#: The finding codes this module raises (``tests/test_checks_codes.py``).
CODES = (
    "VILLAGE_MISSING",
    "VILLAGE_CODE_UNKNOWN",
    "VILLAGE_NAME_MISMATCH",
    "QUOTA_ENROLLED_SHORT",
    "QUOTA_ACTIVE_SHORT",
    "VILLAGE_BY_NAME",
    "VILLAGE_AMBIGUOUS",
    "VILLAGE_NAME_UNKNOWN",
    "VILLAGE_NOT_IN_AREA",
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


def identification_findings(
    found: VillageId,
) -> list[tuple[str, object, object, int | None, str | None]]:
    """``(finding code, value, expected, row, column)`` for a village read from its name:
    ``VILLAGE_BY_NAME`` (info: which name matched which code), or the error saying why
    no village could be decided from the name (``VILLAGE_AMBIGUOUS`` naming the
    candidates, ``VILLAGE_NAME_UNKNOWN``, ``VILLAGE_NOT_IN_AREA``). Empty when the
    village came from a code, or from nothing at all (``identity_problem`` says that).

    The row and column are the title cell the name was read from; a sheet or file
    name has no cell.
    """
    column = None if found.column is None else column_letter(found.column)
    if found.by_name:
        village = found.candidates[0] if found.candidates else regions.village(found.code or "")
        place = _place(village) if village else found.code
        return [("VILLAGE_BY_NAME", found.given, place, found.row, column)]
    if found.code is not None or found.problem is None:
        return []
    if found.problem == "unknown":
        return [("VILLAGE_NAME_UNKNOWN", found.given, None, found.row, column)]
    shown = "; ".join(_place(v) for v in found.candidates[:_SHOWN])
    if len(found.candidates) > _SHOWN:
        shown += f"; +{len(found.candidates) - _SHOWN}"
    if found.problem == "ambiguous":
        return [("VILLAGE_AMBIGUOUS", found.given, shown, found.row, column)]
    area = ", ".join(
        f"{label} {text}"
        for label, text in (("Kec.", found.district), ("Kab.", found.regency))
        if text
    )
    return [("VILLAGE_NOT_IN_AREA", f"{found.given} ({area})", shown, found.row, column)]


def _place(village: regions.Village) -> str:
    """``15.06.01.2017 Brasau (Kec. Tungkal Ulu, Tanjung Jabung Barat)``."""
    regency = next(r.short_name for r in regions.regencies() if r.code == village.regency_code)
    return f"{village.code} {village.name} (Kec. {village.district_name}, {regency})"


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
