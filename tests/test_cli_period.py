"""Which month ``report`` and ``export`` are for when no ``--period`` is given: the rule
``validate`` uses (the latest month whose deadline has passed, capped at the last month the
stored rosters cover), said in the header, with one warning when rosters end too early."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook
from report_rosters import ME, PR, TANJAB_BARAT, person, roster
from typer.testing import CliRunner

from bkbk_cli.cli import app

PELABUHAN, BADANG = TANJAB_BARAT[:2]
TODAY = dt.date(2026, 12, 2)  # the deadline of November (the 15th) has passed
TO_OCTOBER = range(1, 11)


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={"BKBK_LANG": "id", **(env or {})})


@pytest.fixture(autouse=True)
def on_2_december(monkeypatch):
    monkeypatch.setattr("bkbk_cli.clock.today", lambda: TODAY)  # validate and reports


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "aturan.toml"
    path.write_text("[quota]\nmiskin_ekstrem = 2\npekerja_rentan = 1\n", encoding="utf-8")
    return str(path)


def ingest(tmp_path, config, *rosters) -> str:
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", *map(str, rosters), "--db", str(db), "--config", config)
    assert result.exit_code == 0, result.output
    return str(db)


def october_rosters(tmp_path):
    """Two 2026 rosters whose month columns end in October, every month paid."""

    def people(village, s):
        return [person(village, s + i, k, paid=TO_OCTOBER) for i, k in enumerate((ME, ME, PR))]

    return [
        roster(tmp_path, village, people(village, s), year=2026, months=TO_OCTOBER)
        for village, s in ((PELABUHAN, 1), (BADANG, 21))
    ]


def test_report_uses_the_last_month_the_rosters_cover_and_says_why(tmp_path, config):
    db = ingest(tmp_path, config, *october_rosters(tmp_path))

    result = run("report", "-r", "tanjab-barat", "--db", db, "--config", config, "-f", "json")

    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # the rosters cover the period: nothing to warn about
    document = json.loads(result.stdout)
    assert document["period"] == "2026-10"  # not 2026-11, which the rosters do not have
    assert document["period_rule"] == "roster_end"
    assert document["period_basis"] == {
        "deadline_period": "2026-11",
        "rosters": 2,
        "rosters_end": "2026-10",
        "rosters_ending_before": 0,
        "latest_year": None,
    }
    pelabuhan = document["villages"][0]
    assert pelabuhan["quota_met"] is True
    assert (pelabuhan["menunggak"], pelabuhan["months_due"]) == (0, 30)
    table = run("report", "-r", "tanjab-barat", "--db", db, "--config", config)
    assert table.stdout.splitlines()[0] == (
        "Periode Oktober 2026: roster tahun 2026 yang tersimpan berakhir Oktober 2026, "
        "sebelum November 2026 (bulan terakhir yang tenggatnya sudah lewat)."
    )
    assert "2 dari 134 desa/kelurahan sudah lapor; 2 memenuhi kuota." in table.output


def test_validate_and_report_agree_on_the_period(tmp_path, config):
    pelabuhan = october_rosters(tmp_path)[0]
    checked = run("validate", str(pelabuhan), "--config", config, "-f", "json")
    db = ingest(tmp_path, config, pelabuhan)
    reported = run("report", "-r", "15.06", "--db", db, "--config", config, "-f", "json")
    assert json.loads(checked.stdout)["files"][0]["period"] == "2026-10"
    assert json.loads(reported.stdout)["period"] == "2026-10"


def test_a_period_after_the_rosters_end_warns_once(tmp_path, config):
    db = ingest(tmp_path, config, *october_rosters(tmp_path))

    result = run("report", "--db", db, "--config", config, "--period", "2026-11", "-f", "json")

    assert result.exit_code == 0
    assert result.stderr == (
        "bkbk: peringatan: 2 dari 2 roster tahun 2026 berakhir sebelum November 2026; "
        "bulan sesudah kolom bulan terakhirnya dihitung belum dibayar.\n"
    )
    document = json.loads(result.stdout)
    assert (document["period_rule"], document["totals"]["menunggak"]) == ("requested", 6)
    english = run("report", "--db", db, "--period", "2026-12", "--lang", "en", "-f", "csv")
    assert english.stderr.count("\n") == 1
    assert "2 of 2 rosters of 2026 end before December 2026" in english.stderr


def test_a_province_of_last_year_reports_last_years_numbers(tmp_path, config):
    """Ingested in December 2026, rosters of 2025: the report is for December 2025."""
    rosters = [
        roster(tmp_path, village, [person(village, s, paid=range(1, 13))])
        for village, s in ((PELABUHAN, 1), (BADANG, 21))
    ]
    db = ingest(tmp_path, config, *rosters)

    result = run("report", "--db", db, "--config", config, "-f", "json")

    document = json.loads(result.stdout)
    assert document["period"] == "2025-12"
    assert document["period_rule"] == "latest_year"
    assert document["totals"]["villages_submitted"] == 2  # not "0 dari 1585 sudah lapor"
    assert document["totals"]["months_paid"] == 24
    table = run("report", "--db", db, "--config", config, "--lang", "en")
    assert table.stdout.splitlines()[0] == (
        "Period December 2025: no roster of 2026 is stored yet; the latest rosters are of "
        "2025, through December 2025."
    )
    asked = run("report", "--db", db, "--config", config, "--period", "2026-11")
    assert "belum ada roster tahun 2026 di basis data" in asked.stderr


def test_export_chooses_the_same_period_and_writes_it_in_every_file(tmp_path, config):
    db = ingest(tmp_path, config, *october_rosters(tmp_path))
    out = tmp_path / "laporan"

    result = run("export", "--out", str(out), "--db", db, "--config", config, "--lang", "en")

    assert result.exit_code == 0, result.output
    assert "36 files for 2026-10" in result.stdout
    regency = json.loads((out / "bkbk-tanjab-barat-2026-10.json").read_text("utf-8"))
    assert regency["period_rule"] == "roster_end"
    workbook = load_workbook(out / "bkbk-provinsi-2026-10.xlsx", read_only=True)
    sheet = workbook["Summary"]
    assert next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[:2] == (
        "Period: October 2026",
        "Period October 2026: the stored rosters of 2026 end in October 2026, before "
        "November 2026 (the latest month whose deadline has passed).",
    )


def test_export_warns_once_unless_quiet(tmp_path, config):
    db = ingest(tmp_path, config, *october_rosters(tmp_path))
    args = ["export", "--out", str(tmp_path / "o"), "--db", db, "--period", "2026-11"]
    assert run(*args).stderr.count("peringatan") == 1
    assert run(*args, "--quiet").output == ""
