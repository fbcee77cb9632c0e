"""Examples of the report measures: rosters with known payments in, exact numbers out.

The scenario (tanjab-barat, period June 2025, quota 3 miskin ekstrem + 1 pekerja rentan,
contribution Rp 16.800):

* Pelabuhan Dagang: four ME (two paid Jan-Jun, one paid only Rp 8.400 in February, one
  stopped after March: nonaktif), three PR (one missed June: menunggak, one enrolled
  10 April and paid since, one enrolled in August: not yet due), and one row whose NIK
  has 5 digits (rejected);
* Badang: a January roster, then a July roster that replaces it (three ME paid, one PR
  who stopped after April);
* Tanjung Tayas: no roster (belum lapor);
* Kuala Dasal: one ME and one PR, all paid; the ME's NIK is also on a roster of Tanjung
  Jabung Timur (a cross-village duplicate).
"""

from __future__ import annotations

import datetime as dt

import pytest
from report_rosters import (
    CONFIG,
    OPTIONS,
    PERIOD,
    PR,
    TANJAB_BARAT,
    TANJAB_TIMUR,
    nik,
    person,
    roster,
)

from bkbk_cli.continuity import due_window, month_number
from bkbk_cli.ingest import ingest_paths
from bkbk_cli.measures import (
    mask_nik,
    month_axis,
    province_report,
    regency_report,
)
from bkbk_cli.store import Store
from bkbk_cli.validate import validate_file

PELABUHAN, BADANG, TAYAS, KUALA = TANJAB_BARAT[:4]
TIMUR = TANJAB_TIMUR[0]


@pytest.fixture(scope="module")
def rosters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rosters")
    v = PELABUHAN
    return {
        "pelabuhan": roster(
            folder,
            v,
            [
                person(v, 1),
                person(v, 2),
                person(v, 3, extra={2: 8_400}),
                person(v, 4, paid=range(1, 4)),
                person(v, 5, PR, paid=range(1, 6)),
                person(v, 6, PR, paid=range(4, 7), enrolled=dt.date(2025, 4, 10)),
                person(v, 7, PR, paid=[], enrolled=dt.date(2025, 8, 1)),
                person(v, 8, nik_text="12345"),
            ],
        ),
        "badang_jan": roster(
            folder,
            BADANG,
            [person(BADANG, 21), person(BADANG, 22), person(BADANG, 23, PR)],
            "badang-januari.xlsx",
        ),
        "badang_jul": roster(
            folder,
            BADANG,
            [
                person(BADANG, 21),
                person(BADANG, 22),
                person(BADANG, 24),
                person(BADANG, 23, PR, paid=range(1, 5)),
            ],
            "badang-juli.xlsx",
        ),
        "kuala": roster(folder, KUALA, [person(KUALA, 31), person(KUALA, 32, PR)]),
        "timur": roster(folder, TIMUR, [person(TIMUR, 41, nik_text=nik(KUALA, 31))]),
    }


@pytest.fixture(scope="module")
def store(rosters):
    store = Store.memory()
    order = ["pelabuhan", "badang_jan", "badang_jul", "kuala", "timur"]
    ingest_paths([rosters[name] for name in order], store, OPTIONS)
    yield store
    store.close()


@pytest.fixture(scope="module")
def report(store):
    return regency_report(store, "tanjab-barat", PERIOD, CONFIG)


def village(report, code):
    return next(v for v in report["villages"] if v["village_code"] == code)


def test_a_village_row_counts_every_measure(report):
    assert village(report, PELABUHAN.code) == {
        "village_code": "15.06.01.1005",
        "village_name": "Pelabuhan Dagang",
        "district_name": "Tungkal Ulu",
        "submitted": True,
        # the PR enrolled in August is not yet enrolled in June
        "miskin_ekstrem": {"enrolled": 4, "active": 3, "quota": 3},
        "pekerja_rentan": {"enrolled": 2, "active": 1, "quota": 1},
        "months_due": 6 + 6 + 6 + 6 + 6 + 3,
        "months_paid": 6 + 6 + 5 + 3 + 5 + 3,
        "continuity_rate": round(28 / 33, 4),
        "paid_rp": 28 * 16_800 + 8_400,
        "outstanding_rp": 8_400 + 3 * 16_800 + 16_800,
        "menunggak": 1,
        "nonaktif": 1,
        "errors": 1,  # the 5-digit NIK
        "quota_met": True,
    }


def test_the_latest_roster_of_a_village_is_the_one_reported(report):
    badang = village(report, BADANG.code)
    assert badang["miskin_ekstrem"] == {"enrolled": 3, "active": 3, "quota": 3}
    assert badang["pekerja_rentan"] == {"enrolled": 1, "active": 0, "quota": 1}
    assert (badang["months_due"], badang["months_paid"]) == (24, 22)
    assert badang["paid_rp"] == 22 * 16_800
    assert badang["outstanding_rp"] == 2 * 16_800
    assert badang["quota_met"] is False  # no active pekerja rentan


def test_a_village_without_a_roster_is_listed_as_not_submitted(report):
    assert village(report, TAYAS.code) == {
        "village_code": "15.06.01.2002",
        "village_name": "Tanjung Tayas",
        "district_name": "Tungkal Ulu",
        "submitted": False,
        "miskin_ekstrem": {"enrolled": 0, "active": 0, "quota": 3},
        "pekerja_rentan": {"enrolled": 0, "active": 0, "quota": 1},
        "months_due": 0,
        "months_paid": 0,
        "continuity_rate": None,
        "paid_rp": 0,
        "outstanding_rp": 0,
        "menunggak": 0,
        "nonaktif": 0,
        "errors": 0,
        "quota_met": False,
    }


def test_every_village_of_the_regency_is_a_row_in_code_order(report):
    codes = [v["village_code"] for v in report["villages"]]
    assert codes == [v.code for v in TANJAB_BARAT]
    assert len(codes) == 134
    assert report["regency"] == {
        "code": "15.06",
        "slug": "tanjab-barat",
        "name": "Kabupaten Tanjung Jabung Barat",
    }
    assert report["period"] == PERIOD


def test_regency_totals_sum_the_villages(report):
    assert report["totals"] == {
        "miskin_ekstrem": {"enrolled": 8, "active": 7, "quota": 3 * 134},
        "pekerja_rentan": {"enrolled": 4, "active": 2, "quota": 1 * 134},
        "months_due": 33 + 24 + 12,
        "months_paid": 28 + 22 + 12,
        "continuity_rate": round(62 / 69, 4),  # from the summed months, not a mean of rates
        "paid_rp": 478_800 + 369_600 + 201_600,
        "outstanding_rp": 75_600 + 33_600,
        "menunggak": 2,
        "nonaktif": 1,
        "errors": 1,
        "quota_met": False,
        "villages_submitted": 3,
        "villages_total": 134,
        "villages_quota_met": 1,
    }


def test_a_nik_on_rosters_of_two_villages_is_listed_in_both_regencies(store, report):
    expected = [
        {
            "nik": "1506********0031",
            "villages": [KUALA.code, TIMUR.code],
            # added by issue 12: a masked NIK still says which rows are one NIK, and who
            "group": 1,
            "entries": [
                {
                    "village_code": KUALA.code,
                    "village_name": "Kuala Dasal",
                    "district_name": "Tungkal Ulu",
                    "nama": "Peserta 31",
                },
                {
                    "village_code": TIMUR.code,
                    "village_name": "Muara Sabak Ilir",
                    "district_name": "Muara Sabak Timur",
                    "nama": "Peserta 41",
                },
            ],
        }
    ]
    assert report["duplicates"] == expected
    timur = regency_report(store, "tanjab-timur", PERIOD, CONFIG)
    assert timur["duplicates"] == expected
    # a regency not concerned does not list it
    assert regency_report(store, "kerinci", PERIOD, CONFIG)["duplicates"] == []


def test_the_replaced_roster_does_not_count_as_a_duplicate(report):
    # Badang's January and July rosters share NIKs: one village, not a duplicate
    assert all(BADANG.code not in d["villages"] for d in report["duplicates"])


def test_follow_up_lists_participants_in_arrears_with_masked_niks(report):
    rows = [
        (p["village_code"], p["nik"], p["kategori"], p["status"], p["months_unpaid"])
        for p in report["followup"]
    ]
    assert rows == [
        (PELABUHAN.code, "1506********0004", "miskin_ekstrem", "nonaktif", 3),
        (PELABUHAN.code, "1506********0005", "pekerja_rentan", "menunggak", 1),
        (BADANG.code, "1506********0023", "pekerja_rentan", "menunggak", 2),
    ]
    assert report["followup"][0]["village_name"] == "Pelabuhan Dagang"
    assert report["followup"][0]["outstanding_rp"] == 3 * 16_800


def test_show_nik_reveals_the_niks(store):
    shown = regency_report(store, "tanjab-barat", PERIOD, CONFIG, show_nik=True)
    assert shown["duplicates"][0]["nik"] == nik(KUALA, 31)
    assert shown["followup"][0]["nik"] == nik(PELABUHAN, 4)


def test_no_full_nik_appears_in_a_shared_report(store, report):
    import json

    text = json.dumps(report) + json.dumps(province_report(store, PERIOD, CONFIG))
    for serial in (1, 4, 5):
        assert nik(PELABUHAN, serial) not in text
    assert nik(KUALA, 31) not in text


def test_mask_nik_keeps_the_region_and_the_serial():
    assert mask_nik("1506011203850001") == "1506********0001"


def test_province_rows_sum_their_villages(store, report):
    province = province_report(store, PERIOD, CONFIG)
    assert [r["regency_slug"] for r in province["regencies"]][:3] == [
        "kerinci",
        "merangin",
        "sarolangun",
    ]
    barat = next(r for r in province["regencies"] if r["regency_code"] == "15.06")
    assert barat == {
        "regency_code": "15.06",
        "regency_slug": "tanjab-barat",
        "regency_name": "Kabupaten Tanjung Jabung Barat",
        **report["totals"],
    }
    timur = next(r for r in province["regencies"] if r["regency_code"] == "15.07")
    assert (timur["villages_submitted"], timur["villages_total"]) == (1, 93)
    assert province["totals"]["villages_total"] == 1585
    assert province["totals"]["villages_submitted"] == 4
    assert province["totals"]["months_due"] == 69 + 6
    assert province["totals"]["paid_rp"] == 1_050_000 + 6 * 16_800
    assert len(province["followup"]) == 3


def test_a_report_for_another_period_re_evaluates_the_stored_payments(store):
    march = regency_report(store, "tanjab-barat", "2025-03", CONFIG)
    pelabuhan = village(march, PELABUHAN.code)
    # in March: nobody is in arrears yet; the PR enrolled in April is not yet enrolled
    assert (pelabuhan["months_due"], pelabuhan["months_paid"]) == (15, 14)
    assert pelabuhan["pekerja_rentan"]["enrolled"] == 1
    assert (pelabuhan["menunggak"], pelabuhan["nonaktif"]) == (0, 0)


def test_another_roster_year_has_no_rosters_yet(store):
    next_year = regency_report(store, "tanjab-barat", "2026-01", CONFIG)
    assert next_year["totals"]["villages_submitted"] == 0


def test_an_empty_store_reports_every_village_as_not_submitted():
    with Store.memory() as empty:
        report = regency_report(empty, "15.06", PERIOD, CONFIG)
    assert not any(v["submitted"] for v in report["villages"])
    assert report["totals"]["villages_submitted"] == 0
    assert report["totals"]["continuity_rate"] is None
    assert report["duplicates"] == [] and report["followup"] == []


@pytest.mark.parametrize("period", ["2025-03", "2025-06", "2025-09"])
def test_report_and_validate_agree_on_a_roster(rosters, period):
    options = type(OPTIONS)(config=CONFIG, period=period, today=OPTIONS.today)
    checked = validate_file(rosters["pelabuhan"], options)
    with Store.memory() as store:
        ingest_paths([rosters["pelabuhan"]], store, options)
        row = village(regency_report(store, "tanjab-barat", period, CONFIG), PELABUHAN.code)
    people = checked.people
    assert row["months_due"] == people["months_due"].sum()
    assert row["months_paid"] == people["months_paid"].sum()
    assert row["outstanding_rp"] == people["outstanding_rp"].sum()
    for kategori in ("miskin_ekstrem", "pekerja_rentan"):
        assert row[kategori]["enrolled"] == checked.counts[kategori]["enrolled"]
        assert row[kategori]["active"] == checked.counts[kategori]["active"]
    assert row["menunggak"] == (people["status"] == "menunggak").sum()
    assert row["errors"] == checked.errors


def test_months_are_due_from_enrolment_or_january_of_the_roster_year():
    import pandas as pd

    axis = month_axis(2025, "2025-06", ["2024-12", "2025-01"])
    assert (axis.periods[0], axis.periods[-1]) == ("2024-12", "2025-06")
    enrolled = pd.Series(pd.to_datetime(["2023-05-01", "2025-04-10", None]))
    start, enrol, period = due_window(enrolled, 2025, month_number("2025-06"), axis)
    assert [axis.periods[i] for i in start] == ["2025-01", "2025-04", "2025-01"]
    assert axis.periods[enrol[1]] == "2025-04"
    assert list(period) == [6, 6, 6]


def test_the_province_document_can_carry_every_regency_report(store, report):
    province = province_report(store, PERIOD, CONFIG, regency_reports=True)
    reports = province["regency_reports"]
    assert [r["regency"]["code"] for r in reports] == [
        r["regency_code"] for r in province["regencies"]
    ]
    assert reports[5] == report  # the same numbers as the regency's own report
    with Store.memory() as empty:
        nothing = province_report(empty, PERIOD, CONFIG, regency_reports=True)
    assert sum(len(r["villages"]) for r in nothing["regency_reports"]) == 1585


def test_a_store_migrated_from_version_1_reports_the_same_numbers(store, tmp_path):
    import sqlite3

    from bkbk_cli.store import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "v1.sqlite3"
    with sqlite3.connect(path) as old:
        for statement in MIGRATIONS[0]:
            old.execute(statement)
        old.execute("PRAGMA user_version = 1")
        # version 1 held payments one row per month: what the payments view shows
        for table in ("submissions", "participants", "payments", "findings"):
            columns = ", ".join(f'"{c[1]}"' for c in old.execute(f"PRAGMA table_info({table})"))
            rows = store.query(f"SELECT {columns} FROM {table}")  # the columns version 1 had
            marks = ", ".join("?" * len(rows[0]))
            old.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    old.close()

    def numbers(document: dict) -> dict:  # a version-1 store never knew its last month columns
        kept = {k: v for k, v in document.items() if k != "period_basis"}
        if "regency_reports" in kept:
            kept["regency_reports"] = [numbers(r) for r in kept["regency_reports"]]
        return kept

    with Store.open(path) as migrated:
        assert migrated.version == SCHEMA_VERSION
        for period in ("2025-03", PERIOD):
            assert numbers(province_report(migrated, period, CONFIG, True, True)) == numbers(
                province_report(store, period, CONFIG, True, True)
            )
