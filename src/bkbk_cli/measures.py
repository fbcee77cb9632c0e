"""Village, regency and province numbers from the store, with the definitions ``validate`` uses.

Continuity comes from ``continuity.evaluate`` over inputs built by
``continuity.due_window`` on the month axis ``validate`` uses (January of the roster
year, or an earlier month column, through the period, or a later column), so a
roster's numbers in a report are the numbers ``validate`` gives for it.

Definitions, for a period ``P`` (``YYYY-MM``) of roster year ``Y`` (the year of ``P``):

- a village's roster is its *latest* ``ok`` submission for year ``Y`` (the one
  ingested last); a village without one is *not submitted* (``belum lapor``) and
  counts zero everywhere;
- per participant: months *due* from the enrolment month (or January of ``Y`` if
  earlier or unknown) through ``P``; a month *paid* when its amount reaches the
  required contribution; status ``aktif`` / ``menunggak`` / ``nonaktif`` /
  ``belum_jatuh_tempo`` (see ``continuity``);
- *enrolled* (per category): participants not enrolled after ``P``; *active*:
  those ``aktif`` at ``P``; *quota*: the configured quota; *quota_met*: active
  miskin ekstrem >= quota and active pekerja rentan >= quota;
- *months_due* / *months_paid*: sums over the village's participants;
  *continuity_rate*: months_paid / months_due (4 decimals; null when nothing is due);
- *paid_rp*: Rupiah recorded in due months; *outstanding_rp*: the shortfall in due
  months (whole Rupiah);
- *menunggak* / *nonaktif*: participants with that status at ``P``;
- *errors* / *warnings*: error and warning findings of the village's latest roster;
- totals sum the village measures (quotas too) and recompute continuity_rate
  from the summed months; *villages_submitted* / *villages_total* /
  *villages_quota_met* count villages;
- a *cross-village duplicate* is a NIK on the latest rosters of two or more
  villages (of year ``Y``), anywhere in the province.

NIKs are masked (``1506********0001``) unless ``show_nik`` is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from bkbk_cli import regions
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.continuity import (
    Continuity,
    MonthAxis,
    due_window,
    evaluate,
    month_number,
    period_of,
)
from bkbk_cli.report_period import PeriodChoice, choose_period
from bkbk_cli.store import decode_payments

if TYPE_CHECKING:
    from bkbk_cli.store import Store

MEASURES: tuple[str, ...] = (
    "months_due",
    "months_paid",
    "continuity_rate",
    "paid_rp",
    "outstanding_rp",
    "menunggak",
    "nonaktif",
    "errors",
)
_SUMMED = ("months_due", "months_paid", "paid_rp", "outstanding_rp", "menunggak", "nonaktif")


# ------------------------------------------------------------------ continuity inputs


def month_axis(year: int, period: str, months: Iterable[str] = ()) -> MonthAxis:
    """January of the roster year (or an earlier month column) through the period (or a later
    month column): the months a roster's contributions are laid out on."""
    numbers = [month_number(m) for m in months]
    first = min([year * 12, *numbers])
    last = max([month_number(period), *numbers])
    return MonthAxis(first, last - first + 1)


def evaluate_stored(
    people: pd.DataFrame, payments: pd.DataFrame, year: int, period: str, config: Config
) -> Continuity:
    """Continuity of stored participants at ``period``.

    ``people``: one row per participant with ``kategori`` and ``tanggal_terdaftar``
    (positional order matters); ``payments``: long form with ``pos`` (position in
    ``people``), the month as ``period`` (``YYYY-MM``) or ``month`` (``month_number``),
    and ``amount_rp`` (the usable amounts ``validate`` computed).
    """
    if "month" in payments:
        numbers = payments["month"].to_numpy(dtype=np.int64)
    else:  # month_number once per distinct month, not once per payment
        codes, uniques = pd.factorize(payments["period"])
        numbers = np.array([month_number(m) for m in uniques], dtype=np.int64)[codes]
    axis = month_axis(year, period, [period_of(m) for m in np.unique(numbers)])
    amounts = np.full((len(people), axis.size), np.nan)
    amounts[payments["pos"].to_numpy(dtype=np.int64), numbers - axis.first] = payments[
        "amount_rp"
    ].to_numpy(dtype=float)
    start, enrol, period_idx = due_window(
        people["tanggal_terdaftar"], year, month_number(period), axis
    )
    return evaluate(people["kategori"], start, enrol, period_idx, amounts, axis, config)


def _positions(people: pd.DataFrame, payments: pd.DataFrame) -> np.ndarray:
    """Each payment's participant as a position in ``people`` (-1 when it has none)."""
    key = people["submission_id"].to_numpy(np.int64) << 24 | people["row"].to_numpy(np.int64)
    wanted = payments["submission_id"].to_numpy(np.int64) << 24 | payments["row"].to_numpy(np.int64)
    order = np.argsort(key, kind="stable")
    found = np.searchsorted(key[order], wanted)
    found = np.clip(found, 0, max(len(key) - 1, 0))
    hit = key[order][found] == wanted if len(key) else np.zeros(len(wanted), dtype=bool)
    return np.where(hit, order[found] if len(key) else -1, -1)


# ---------------------------------------------------------------------------- helpers


def mask_nik(nik: str | None) -> str | None:
    """``1506012808720001`` -> ``1506********0001``: region visible, person not."""
    if nik is None or len(nik) < 8:
        return nik
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def _niks(values: pd.Series, show_nik: bool) -> pd.Series:
    if show_nik or values.empty:
        return values
    return values.str[:4] + "********" + values.str[-4:]


def _rate(paid: float, due: float) -> float | None:
    return None if not due else round(float(paid) / float(due), 4)


def _choice(store: Store, period: str | PeriodChoice | None, config: Config) -> PeriodChoice:
    """The report's period and why (``report_period``): chosen once, so an export's 36
    files and its warning agree."""
    if isinstance(period, PeriodChoice):
        return period
    return choose_period(store, config, period)


# ------------------------------------------------------------------------ loading


def _latest_filter(regency_code: str | None) -> tuple[str, list[object]]:
    if regency_code is None:
        return "", []
    return " AND l.village_code LIKE ?", [regency_code + ".%"]


def _load(store: Store, year: int, regency_code: str | None):
    where, extra = _latest_filter(regency_code)
    params = [year, *extra]
    subs = store.frame(
        "SELECT l.id AS submission_id, l.village_code, l.file_name, l.ingested_at, "
        "l.errors, l.warnings FROM latest_submissions AS l "
        f"WHERE l.year = ?{where}",
        params,
    )
    people = store.frame(
        "SELECT p.submission_id, p.row, l.village_code, p.nik, p.nama, p.kategori, "
        "p.tanggal_terdaftar FROM participants AS p "
        "JOIN latest_submissions AS l ON l.id = p.submission_id "
        f"WHERE l.year = ?{where} ORDER BY l.village_code, p.row",
        params,
    )
    # 1.4 million payments for the whole province, stored one array per participant:
    # 118,875 rows to fetch, the amounts parsed by numpy in one go
    rows = store.conn.execute(
        "SELECT y.submission_id, y.row, "
        "CAST(substr(y.first_period, 1, 4) AS INTEGER) * 12"
        " + CAST(substr(y.first_period, 6, 2) AS INTEGER) - 1, y.amounts "
        "FROM payment_months AS y "
        "JOIN latest_submissions AS l ON l.id = y.submission_id "
        f"WHERE l.year = ?{where}",
        params,
    ).fetchall()
    sids, person_rows, firsts, arrays = zip(*rows, strict=True) if rows else ((), (), (), ())
    owner, months, amounts = decode_payments(np.array(firsts, dtype=np.int64), arrays)
    payments = pd.DataFrame(
        {
            "submission_id": np.array(sids, dtype=np.int64)[owner],
            "row": np.array(person_rows, dtype=np.int64)[owner],
            "month": months,
            "amount_rp": amounts,
        }
    )
    return subs, people, payments


def _duplicates(store: Store, year: int, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """NIKs on the latest rosters of 2+ villages: columns nik, villages (sorted codes) and
    names (the name each of those rosters gives, in the same order).

    ``people``: the participants of every latest roster of ``year`` (the province's
    ``village_measures``), when already loaded: the same rows without reading
    118,875 of them from the store a second time.
    """
    if people is None:
        pairs = store.frame(
            "SELECT p.nik, l.village_code, p.nama FROM participants AS p "
            "JOIN latest_submissions AS l ON l.id = p.submission_id WHERE l.year = ? "
            "ORDER BY l.village_code, p.row",
            [year],
        )
    else:
        pairs = people[["nik", "village_code", "nama"]]
    pairs = pairs.drop_duplicates(["nik", "village_code"])  # a village's first row of a NIK
    shared = pairs[pairs["nik"].duplicated(keep=False)]  # pairs are distinct: 2+ villages
    if shared.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ("nik", "villages", "names")})
    ordered = shared.sort_values(["nik", "village_code"], kind="stable")
    ordered = ordered.assign(nama=ordered["nama"].astype(object).where(ordered["nama"].notna()))
    grouped = ordered.groupby("nik", sort=True)
    return pd.DataFrame(
        {
            "nik": list(grouped.groups),
            "villages": grouped["village_code"].agg(list).tolist(),
            "names": grouped["nama"].agg(list).tolist(),
        }
    )


def _reference(regency_code: str | None) -> pd.DataFrame:
    chosen = regions.villages(regency_code) if regency_code else regions.villages()
    return pd.DataFrame(
        {
            "village_code": [v.code for v in chosen],
            "village_name": [v.name for v in chosen],
            "district_name": [v.district_name for v in chosen],
            "regency_code": [v.regency_code for v in chosen],
        }
    )


def village_measures(
    store: Store,
    period: str,
    config: Config,
    regency_code: str | None = None,
    loaded: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per reference village (of a regency, or all), flat columns; and the participants
    of the latest rosters with their continuity at ``period``.

    Village columns: village_code, village_name, district_name, regency_code, submitted,
    submission_id, file_name, ingested_at, <kategori>_enrolled / _active / _quota,
    months_due, months_paid, continuity_rate, paid_rp, outstanding_rp, menunggak, nonaktif,
    errors, warnings, quota_met.

    ``loaded``: what ``_load`` read for this year and regency, when a caller (the brief)
    also needs it, so the store is read once.
    """
    year = int(period[:4])
    subs, people, payments = loaded or _load(store, year, regency_code)
    people = people.copy()
    villages = _reference(regency_code)

    if len(people):
        people["tanggal_terdaftar"] = pd.to_datetime(people["tanggal_terdaftar"])
        payments = payments.assign(pos=_positions(people, payments))
        payments = payments[payments["pos"] >= 0]
        result = evaluate_stored(people, payments, year, period, config)
        people = pd.concat([people, result.people], axis=1)
    else:
        people = people.assign(
            months_due=0, months_paid=0, arrears=0, status="", paid_rp=0.0, outstanding_rp=0.0
        )

    status = people["status"]
    flags = people.assign(
        enrolled=(status != "belum_jatuh_tempo").astype(int),
        active=(status == "aktif").astype(int),
        menunggak=(status == "menunggak").astype(int),
        nonaktif=(status == "nonaktif").astype(int),
    )
    per_category = (
        flags.groupby(["village_code", "kategori"])[["enrolled", "active"]]
        .sum()
        .unstack("kategori", fill_value=0)
        .reindex(columns=pd.MultiIndex.from_product([["enrolled", "active"], list(KATEGORI)]))
        .fillna(0)
    )
    per_category.columns = [f"{k}_{m}" for m, k in per_category.columns]
    sums = flags.groupby("village_code")[list(_SUMMED)].sum()

    table = villages.merge(
        subs[["village_code", "submission_id", "file_name", "ingested_at", "errors", "warnings"]],
        on="village_code",
        how="left",
    )
    table["submitted"] = table["submission_id"].notna()
    table = table.join(per_category, on="village_code").join(sums, on="village_code")
    int_columns = [
        *(f"{k}_{m}" for k in KATEGORI for m in ("enrolled", "active")),
        *_SUMMED,
        "errors",
        "warnings",
    ]
    for column in int_columns:
        if column not in table:
            table[column] = 0
    table[int_columns] = table[int_columns].fillna(0).round(0).astype("int64")
    for k in KATEGORI:
        table[f"{k}_quota"] = config.quota.for_kategori(k)
    table["quota_met"] = np.logical_and.reduce(
        [table[f"{k}_active"] >= table[f"{k}_quota"] for k in KATEGORI]
    ) & table["submitted"].to_numpy(dtype=bool)
    table["continuity_rate"] = np.where(
        table["months_due"] > 0,
        (table["months_paid"] / table["months_due"].where(table["months_due"] > 0)).round(4),
        np.nan,
    )
    return table, people


# ------------------------------------------------------------------------ documents


def _category_block(row: dict, prefix: str = "") -> dict:
    return {
        k: {m: int(row[f"{prefix}{k}_{m}"]) for m in ("enrolled", "active", "quota")}
        for k in KATEGORI
    }


def _measure_fields(row: dict) -> dict:
    return {
        "months_due": int(row["months_due"]),
        "months_paid": int(row["months_paid"]),
        "continuity_rate": _rate(row["months_paid"], row["months_due"]),
        "paid_rp": int(row["paid_rp"]),
        "outstanding_rp": int(row["outstanding_rp"]),
        "menunggak": int(row["menunggak"]),
        "nonaktif": int(row["nonaktif"]),
        "errors": int(row["errors"]),
    }


def _village_record(row: dict) -> dict:
    return {
        "village_code": row["village_code"],
        "village_name": row["village_name"],
        "district_name": row["district_name"],
        "submitted": bool(row["submitted"]),
        **_category_block(row),
        **_measure_fields(row),
        "quota_met": bool(row["quota_met"]),
    }


def _summed(table: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Village rows summed (per ``by`` group, or in one row), with village counts."""
    numeric = [
        *(f"{k}_{m}" for k in KATEGORI for m in ("enrolled", "active", "quota")),
        *_SUMMED,
        "errors",
        "warnings",
    ]
    frame = table.assign(
        villages_total=1,
        villages_submitted=table["submitted"].astype(int),
        villages_quota_met=table["quota_met"].astype(int),
    )
    numeric += ["villages_total", "villages_submitted", "villages_quota_met"]
    if by is None:
        return frame[numeric].sum().to_frame().T
    return frame.groupby(by, sort=True)[numeric].sum()


def _total_record(row: dict) -> dict:
    return {
        **_category_block(row),
        **_measure_fields(row),
        "quota_met": int(row["villages_quota_met"]) == int(row["villages_total"]),
        "villages_submitted": int(row["villages_submitted"]),
        "villages_total": int(row["villages_total"]),
        "villages_quota_met": int(row["villages_quota_met"]),
    }


def _followup(people: pd.DataFrame, table: pd.DataFrame, show_nik: bool) -> list[dict]:
    chosen = people[people["status"].isin(["menunggak", "nonaktif"])]
    if chosen.empty:
        return []
    places = table.set_index("village_code")[
        ["village_name", "district_name", "regency_code", "file_name"]
    ]
    chosen = chosen.join(places, on="village_code", how="inner")
    chosen = chosen.sort_values(["village_code", "row"], kind="stable")
    frame = pd.DataFrame(
        {
            "regency_code": chosen["regency_code"],
            "village_code": chosen["village_code"],
            "village_name": chosen["village_name"],
            "district_name": chosen["district_name"],
            "nik": _niks(chosen["nik"], show_nik),
            "nama": chosen["nama"],
            "kategori": chosen["kategori"],
            "status": chosen["status"],
            "months_unpaid": chosen["arrears"].astype(int),
            "outstanding_rp": chosen["outstanding_rp"].round(0).astype("int64"),
            "row": chosen["row"].astype(int),
            "file_name": chosen["file_name"],
        }
    )
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for rec in records:
        for key in ("months_unpaid", "outstanding_rp", "row"):
            rec[key] = int(rec[key])
    return records


def _duplicate_records(dups: pd.DataFrame, show_nik: bool, prefix: str | None) -> list[dict]:
    """One record per shared NIK: ``nik`` (masked unless ``show_nik``), ``villages``, and so
    that a masked NIK still tells people apart, ``group`` (the same number in every report
    of the year: the rows are one NIK) and ``entries`` (village, district, name per roster)."""
    out = []
    groups = zip(dups["nik"], dups["villages"], dups["names"], strict=True)
    for group, (nik, villages, names) in enumerate(groups, start=1):
        if prefix is not None and not any(v.startswith(prefix) for v in villages):
            continue
        entries = []
        for code, name in zip(villages, names, strict=True):
            place = regions.village(code)
            entries.append(
                {
                    "village_code": code,
                    "village_name": place.name if place else None,
                    "district_name": place.district_name if place else None,
                    "nama": name,
                }
            )
        out.append(
            {
                "nik": nik if show_nik else mask_nik(nik),
                "villages": list(villages),
                "group": group,
                "entries": entries,
            }
        )
    return out


def _regency_document(
    chosen: regions.Regency,
    choice: PeriodChoice,
    table: pd.DataFrame,
    people: pd.DataFrame,
    dups: pd.DataFrame,
    show_nik: bool,
) -> dict:
    totals = _summed(table).to_dict("records")[0]
    return {
        "period": choice.period,
        "regency": {"code": chosen.code, "slug": chosen.slug, "name": chosen.name},
        "villages": [_village_record(r) for r in table.to_dict("records")],
        "totals": _total_record(totals),
        "duplicates": _duplicate_records(dups, show_nik, chosen.code + "."),
        "followup": _followup(people, table, show_nik),
    }


_CODE_IN_TEXT = re.compile(r"\b(\d{2}\.\d{2})\.\d{2}\.\d{4}\b")


def rosters_without_village(store: Store, year: int, regency_code: str | None = None) -> list[dict]:
    """Rosters of ``year`` ingested without a village ("roster tanpa desa"): read, but
    counted for no village, so a report must list them or the village looks as if it
    had not reported. Oldest first; one per content (a file sent twice is one roster),
    and none whose content was later stored for a village (``ingest --village``).

    With ``regency_code``: those whose reason names a code of that regency (an
    ambiguous name's candidates, an unknown code), and those that name none of
    Jambi's regencies (they could be anyone's).
    """
    from bkbk_cli.checks.village import ROW_VILLAGELESS_CODES, VILLAGELESS_CODES

    placeholders = ", ".join("?" * len(VILLAGELESS_CODES))
    row_codes = ", ".join("?" * len(ROW_VILLAGELESS_CODES))
    rows = store.query(
        "SELECT MIN(s.id), s.file_name, MIN(s.ingested_at), s.sheet, s.village_name, "
        "s.rows_read, s.failure_code, s.failure_value, s.failure_expected, MIN(s.received_on) "
        "FROM submissions AS s WHERE s.status = 'failed' AND s.village_code IS NULL "
        f"AND s.year = ? AND s.failure_code IN ({placeholders}) "
        # stored later for a village (ingest --village): no longer without one; but the
        # rows of a consolidated roster that name no village stay listed beside the
        # villages stored from the same file (their finding points at a data row)
        "AND (NOT EXISTS (SELECT 1 FROM submissions AS t WHERE t.status = 'ok' "
        "AND t.sha256 = s.sha256) OR EXISTS (SELECT 1 FROM findings AS f "
        "WHERE f.submission_id = s.id AND f.code = s.failure_code AND f.row IS NOT NULL "
        f"AND f.code IN ({row_codes}))) "
        "GROUP BY COALESCE(s.sha256, s.id), s.failure_code, s.failure_value "
        "ORDER BY MIN(s.ingested_at), MIN(s.id)",
        [year, *VILLAGELESS_CODES, *ROW_VILLAGELESS_CODES],
    )
    jambi = {r.code for r in regions.regencies()}
    found = []
    for sid, file_name, ingested_at, sheet, name, rows_read, code, value, expected, on in rows:
        hinted = sorted(
            {m for m in _CODE_IN_TEXT.findall(f"{value or ''} {expected or ''}") if m in jambi}
        )
        found.append(
            {
                "submission_id": int(sid),
                "file_name": file_name,
                "ingested_at": ingested_at,
                "received_on": on,  # ``ingest --received``, else None (the day of ingested_at)
                "sheet": sheet,
                "village_name": name,
                "rows_read": int(rows_read or 0),
                "reason_code": code,
                "reason_value": value,
                "reason_expected": expected,
                "regency_codes": hinted,
            }
        )
    return found if regency_code is None else _of_regency(found, regency_code)


def _of_regency(rosters: list[dict], regency_code: str) -> list[dict]:
    """The rosters tanpa desa a regency's report lists (see ``rosters_without_village``)."""
    return [r for r in rosters if not r["regency_codes"] or regency_code in r["regency_codes"]]


def regency_report(
    store: Store,
    regency: regions.Regency | str,
    period: str | PeriodChoice | None,
    config: Config,
    show_nik: bool = False,
) -> dict:
    """The report of one regency: every reference village, totals, duplicates, follow-up.

    ``period``: a month, or None for the default (``report_period.choose_period``), or a
    choice already made; the document says which rule chose it (``period_rule``).
    """
    chosen = regency if isinstance(regency, regions.Regency) else regions.resolve_regency(regency)
    choice = _choice(store, period, config)
    table, people = village_measures(store, choice.period, config, chosen.code)
    dups = _duplicates(store, choice.year)
    document = _regency_document(chosen, choice, table, people, dups, show_nik)
    villageless = rosters_without_village(store, choice.year, chosen.code)
    return document | {"rosters_without_village": villageless, **choice.header()}


def province_report(
    store: Store,
    period: str | PeriodChoice | None,
    config: Config,
    show_nik: bool = False,
    regency_reports: bool = False,
    loaded: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None = None,
) -> dict:
    """The province report: one row per regency (village measures summed), totals,
    every cross-village duplicate, and the follow-up list of the whole province.

    With ``regency_reports`` the document also carries ``"regency_reports"``: the
    eleven regency documents, computed from the same rows (what the province
    workbook puts on one sheet per regency).
    """
    choice = _choice(store, period, config)
    period = choice.period
    table, people = village_measures(store, period, config, None, loaded)
    per_regency = _summed(table, by="regency_code")
    rows = []
    for regency in regions.regencies():
        if regency.code in per_regency.index:
            summed = per_regency.loc[regency.code].to_dict()
        else:  # pragma: no cover - every regency has villages in the reference
            summed = _summed(table.iloc[:0]).to_dict("records")[0]
        rows.append(
            {
                "regency_code": regency.code,
                "regency_slug": regency.slug,
                "regency_name": regency.name,
                **_total_record(summed),
            }
        )
    totals = _summed(table).to_dict("records")[0]
    dups = _duplicates(store, int(period[:4]), people)
    villageless = rosters_without_village(store, choice.year)
    document = {
        "period": period,
        "regencies": rows,
        "totals": _total_record(totals),
        "duplicates": _duplicate_records(dups, show_nik, None),
        "followup": _followup(people, table, show_nik),
        "rosters_without_village": villageless,
        **choice.header(),
    }
    if regency_reports:
        by_regency = dict(iter(table.groupby("regency_code", sort=False)))
        people_by = dict(iter(people.groupby(people["village_code"].str[:5], sort=False)))
        document["regency_reports"] = [
            _regency_document(
                regency,
                choice,
                by_regency[regency.code].reset_index(drop=True),
                people_by.get(regency.code, people.iloc[:0]),
                dups,
                show_nik,
            )
            | {"rosters_without_village": _of_regency(villageless, regency.code)}
            | choice.header()
            for regency in regions.regencies()
        ]
    return document


__all__ = [
    "MEASURES",
    "evaluate_stored",
    "mask_nik",
    "month_axis",
    "province_report",
    "regency_report",
    "rosters_without_village",
    "village_measures",
]
