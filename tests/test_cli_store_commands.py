"""``bkbk status``, ``bkbk history`` and ``bkbk revert``: what the store holds, which roster of
a village counts, and going back to an earlier one without deleting anything."""

from __future__ import annotations

import json

import pytest
from report_rosters import PR, TANJAB_BARAT, TANJAB_TIMUR, person, roster
from typer.testing import CliRunner

from bkbk_cli.cli import app

PELABUHAN, BADANG = TANJAB_BARAT[:2]
PERIOD = ["--period", "2025-06"]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={"BKBK_LANG": "id", **(env or {})})


@pytest.fixture
def db(tmp_path) -> str:
    """Badang sent a roster (#1), then a wrong one with one person (#2); Pelabuhan Dagang (#3)
    and a village of Tanjab Timur (#4) one each, and one file could not be read (#5)."""
    first = roster(tmp_path, BADANG, [person(BADANG, 1), person(BADANG, 2), person(BADANG, 3, PR)])
    wrong = roster(tmp_path, BADANG, [person(BADANG, 1)], name="badang-salah.xlsx")
    other = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 11)])
    timur = roster(tmp_path, TANJAB_TIMUR[0], [person(TANJAB_TIMUR[0], 31)])
    broken = tmp_path / "rusak.xlsx"
    broken.write_text("bukan buku kerja")
    path = str(tmp_path / "bkbk.sqlite3")
    for file in (first, wrong, other, timur):
        assert run("ingest", str(file), "--db", path, *PERIOD).exit_code == 0
    assert run("ingest", str(broken), "--db", path, *PERIOD).exit_code == 1
    return path


def report_of_badang(db: str) -> dict:
    result = run("report", "-r", "tanjab-barat", "--db", db, *PERIOD, "-f", "json")
    return next(
        v for v in json.loads(result.stdout)["villages"] if v["village_code"] == BADANG.code
    )


def test_status_says_what_the_store_holds(db):
    result = run("status", "--db", db, "-f", "json")

    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["store"] == db
    assert info["schema_version"] >= 3
    assert info["submissions"] == {"total": 5, "ok": 4, "failed": 1}
    (year,) = info["years"]
    assert (year["year"], year["submissions"], year["villages_reporting"]) == (2025, 4, 3)
    assert year["last_month"] == "2025-12"
    barat = next(r for r in year["regencies"] if r["regency_slug"] == "tanjab-barat")
    assert (barat["villages_reporting"], barat["villages_total"]) == (2, 134)
    assert info["latest_ingest"]["submission_id"] == 5
    assert info["latest_ingest"]["file_name"].endswith("rusak.xlsx")


def test_status_table_fits_80_columns(db):
    result = run("status", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Basis data: {db} (skema versi ")
    assert "Kiriman: 5 (4 terbaca, 1 gagal dibaca)" in result.stdout
    assert "Tahun 2025: 3 dari 1585 desa/kelurahan sudah lapor (4 kiriman)" in result.stdout
    assert any(
        "Tanjung Jabung Barat" in line and "2/134" in line for line in result.stdout.splitlines()
    )
    table = [line for line in result.stdout.splitlines() if line.startswith(" 15.")]
    assert len(table) == 11
    assert max(len(line) for line in table) <= 80


def test_history_lists_a_villages_submissions_and_marks_the_current(db):
    by_name = run("history", "Badang", "--db", db, "-f", "json")

    assert by_name.exit_code == 0, by_name.output
    document = json.loads(by_name.stdout)
    assert (document["village_code"], document["village_name"]) == (BADANG.code, "Badang")
    first, wrong = document["submissions"]
    assert (first["submission_id"], first["rows_read"], first["current"]) == (1, 3, False)
    assert (wrong["submission_id"], wrong["replaces"], wrong["current"]) == (2, 1, True)
    assert wrong["file_name"].endswith("badang-salah.xlsx")
    by_code = run("history", BADANG.code.replace(".", ""), "--db", db, "--lang", "en")
    lines = by_code.stdout.splitlines()
    assert lines[0] == f"Submissions of {BADANG.code} Badang"
    row_2 = next(line for line in lines if line.lstrip().startswith("#2"))
    assert "badang-salah.xlsx" in row_2 and row_2.rstrip().endswith("current")
    assert not next(line for line in lines if line.lstrip().startswith("#1")).endswith("current")


def test_history_of_an_unknown_or_ambiguous_name_is_a_usage_error(db):
    unknown = run("history", "Atlantis", "--db", db)
    assert unknown.exit_code == 2
    assert "tidak ada desa/kelurahan bernama 'Atlantis'" in unknown.stderr
    several = run("history", "Pematang Pauh", "--db", db)
    assert several.exit_code == 2
    assert "15.02.18.2006" in several.stderr and "15.06.01.2004" in several.stderr
    assert "--regency" in several.stderr
    narrowed = run("history", "Pematang Pauh", "-r", "tanjab-barat", "--db", db, "-f", "json")
    assert json.loads(narrowed.stdout) == {
        "village_code": "15.06.01.2004",
        "village_name": "Pematang Pauh",
        "submissions": [],
    }


def test_revert_makes_an_earlier_roster_current_and_deletes_nothing(db):
    assert report_of_badang(db)["miskin_ekstrem"]["enrolled"] == 1  # the wrong roster

    result = run("revert", "1", "--db", db)

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Kiriman #1 (")
    assert "kini dipakai laporan untuk 15.06.01.2001 Badang tahun 2025, menggantikan #2" in (
        result.stdout
    )
    assert report_of_badang(db)["miskin_ekstrem"]["enrolled"] == 2
    history = json.loads(run("history", BADANG.code, "--db", db, "-f", "json").stdout)
    assert [(s["submission_id"], s["current"]) for s in history["submissions"]] == [
        (1, True),
        (2, False),  # still there
    ]
    again = run("revert", "1", "--db", db, "--lang", "en")
    assert again.exit_code == 0
    assert "already the one used in reports" in again.stdout
    assert run("revert", "2", "--db", db).exit_code == 0  # and forward again
    assert report_of_badang(db)["miskin_ekstrem"]["enrolled"] == 1


def test_a_newer_roster_after_a_revert_is_current_again(db, tmp_path):
    assert run("revert", "1", "--db", db).exit_code == 0
    newest = roster(tmp_path, BADANG, [person(BADANG, 1), person(BADANG, 2), person(BADANG, 4)])

    ingested = run("ingest", str(newest), "--db", db, *PERIOD)

    assert ingested.stdout.splitlines()[0].endswith("menggantikan #1")  # the one reports used
    assert report_of_badang(db)["miskin_ekstrem"]["enrolled"] == 3


def test_revert_refuses_what_reports_cannot_use(db):
    missing = run("revert", "99", "--db", db)
    assert missing.exit_code == 1
    assert "tidak ada kiriman #99" in missing.stderr
    failed = run("revert", "5", "--db", db, "--lang", "en")
    assert failed.exit_code == 1
    assert "submission #5 cannot be used in reports" in failed.stderr


def test_the_read_only_commands_need_an_existing_store(tmp_path):
    typo = tmp_path / "bkbk.sqlte3"
    for args in (["status"], ["history", "Badang"], ["revert", "1"]):
        result = run(*args, "--db", str(typo))
        assert result.exit_code == 1, args
        assert str(typo) in result.stderr
    assert not typo.exists()
