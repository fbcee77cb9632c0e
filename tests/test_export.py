"""The nightly export: 36 complete files or the previous ones, never half, never two at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bkbk_cli.export import (
    LOCK_NAME,
    ExportError,
    ExportLocked,
    export_lock,
    file_name,
    run_export,
)
from bkbk_cli.regions import Regency, regencies, villages
from bkbk_cli.render import json_text

PERIOD = "2026-10"


def regency_report(regency: Regency, period: str, active: int = 50) -> dict:
    """A regency report with one village, ``active`` miskin ekstrem participants active."""
    place = villages(regency.code)[0]
    row = {
        "village_code": place.code,
        "village_name": place.name,
        "district_name": place.district_name,
        "submitted": True,
        "miskin_ekstrem": {"enrolled": active, "active": active, "quota": 50},
        "pekerja_rentan": {"enrolled": 25, "active": 25, "quota": 25},
        "months_due": 750,
        "months_paid": 750,
        "continuity_rate": 1.0,
        "paid_rp": 750 * 16_800,
        "outstanding_rp": 0,
        "menunggak": 0,
        "nonaktif": 0,
        "errors": 0,
        "quota_met": active >= 50,
    }
    return {
        "period": period,
        "regency": {"code": regency.code, "slug": regency.slug, "name": regency.name},
        "villages": [row],
        "totals": {k: v for k, v in row.items() if not k.startswith(("village", "district"))},
        "duplicates": [],
        "followup": [],
    }


class Builders:
    """Report builders as the CLI wires them to the store, here made from plain dicts.

    ``active`` changes the numbers between runs; ``fail_on`` makes one regency's report fail.
    """

    def __init__(self, active: int = 50, fail_on: str | None = None, default: str = PERIOD):
        self.active, self.fail_on, self.default = active, fail_on, default
        self.periods: list[str] = []

    def province(self, period: str | None) -> dict:
        period = period or self.default
        reports = [regency_report(r, period, self.active) for r in regencies()]
        rows = [
            {
                "regency_code": r["regency"]["code"],
                "regency_slug": r["regency"]["slug"],
                "regency_name": r["regency"]["name"],
                **r["totals"],
            }
            for r in reports
        ]
        return {"period": period, "regencies": rows, "totals": {}, "duplicates": []}

    def regency(self, regency: Regency, period: str) -> dict:
        self.periods.append(period)
        if regency.slug == self.fail_on:
            raise RuntimeError("the store went away")
        return regency_report(regency, period, self.active)


def export(out: Path, builders: Builders, period: str | None = PERIOD):
    return run_export(out, period, builders.province, builders.regency)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_export_writes_36_files_with_the_period_in_each_name(tmp_path):
    out = tmp_path / "laporan"  # created if missing

    summary = export(out, Builders())

    expected = {
        file_name(scope, PERIOD, fmt)
        for scope in ["provinsi", *(r.slug for r in regencies())]
        for fmt in ("xlsx", "csv", "json")
    }
    assert len(expected) == 36
    assert {p.name for p in out.iterdir()} == expected | {LOCK_NAME}
    assert {p.name for p in summary.files} == expected
    assert "bkbk-tanjab-barat-2026-10.csv" in expected
    assert summary.line() == (
        f"bkbk export: 36 files for 2026-10 in {out} (1 province + 11 regencies)"
    )


def test_each_format_holds_its_report(tmp_path):
    export(tmp_path, Builders())

    province = json.loads((tmp_path / "bkbk-provinsi-2026-10.json").read_text("utf-8"))
    assert [r["regency_slug"] for r in province["regencies"]] == [r.slug for r in regencies()]
    assert "regency_reports" not in province  # the JSON is the province document itself
    csv_lines = (tmp_path / "bkbk-provinsi-2026-10.csv").read_text("utf-8").splitlines()
    assert csv_lines[0].startswith("regency_code,regency_slug,regency_name,")
    assert len(csv_lines) == 1 + 11
    village_csv = (tmp_path / "bkbk-kota-jambi-2026-10.csv").read_text("utf-8").splitlines()
    assert village_csv[1].startswith(villages("15.71")[0].code + ",")
    workbook = load_workbook(tmp_path / "bkbk-provinsi-2026-10.xlsx")
    assert len(workbook.sheetnames) == 1 + 11 + 1  # summary, each regency, follow-up
    assert load_workbook(tmp_path / "bkbk-tebo-2026-10.xlsx").sheetnames[1] == "Tebo"


def test_running_twice_replaces_every_file_with_the_new_numbers(tmp_path):
    export(tmp_path, Builders(active=10))
    first = snapshot(tmp_path)

    export(tmp_path, Builders(active=50))

    second = snapshot(tmp_path)
    assert second.keys() == first.keys()  # no temporary file, nothing else left behind
    report = json.loads(second["bkbk-bungo-2026-10.json"])
    assert report["villages"][0]["miskin_ekstrem"]["active"] == 50
    assert all(second[n] != first[n] for n in second if n.endswith((".csv", ".json")))


def test_a_run_that_fails_part_way_leaves_the_previous_files_intact(tmp_path):
    export(tmp_path, Builders(active=10))
    before = snapshot(tmp_path)

    with pytest.raises(ExportError, match=r"report for tebo could not be built.*store went away"):
        export(tmp_path, Builders(active=50, fail_on="tebo"))

    assert snapshot(tmp_path) == before  # not one file replaced, no temporary file left


def test_a_write_that_fails_part_way_leaves_the_previous_files_intact(tmp_path, monkeypatch):
    export(tmp_path, Builders(active=10))
    before = snapshot(tmp_path)
    real_dumps = json_text.dumps
    written: list[str] = []

    def dumps_until_the_disk_is_full(document):
        written.append(document["period"])
        if len(written) == 6:
            raise OSError(28, "No space left on device")
        return real_dumps(document)

    monkeypatch.setattr("bkbk_cli.export.json_text.dumps", dumps_until_the_disk_is_full)
    with pytest.raises(ExportError, match="No space left on device"):
        export(tmp_path, Builders(active=50))

    assert snapshot(tmp_path) == before


def test_a_second_export_into_the_same_folder_fails_at_once(tmp_path):
    with export_lock(tmp_path):
        with pytest.raises(
            ExportLocked, match=rf"another bkbk export is running .*pid {os.getpid()}"
        ):
            export(tmp_path, Builders())
        assert not list(tmp_path.glob("bkbk-*"))

    export(tmp_path, Builders())  # once released, the next run goes ahead
    assert len(list(tmp_path.glob("bkbk-*"))) == 36


def test_without_a_period_every_report_uses_the_one_the_province_report_chose(tmp_path):
    builders = Builders(default="2026-09")

    summary = export(tmp_path, builders, period=None)

    assert summary.period == "2026-09"
    assert set(builders.periods) == {"2026-09"}
    assert (tmp_path / "bkbk-kerinci-2026-09.xlsx").exists()


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path):
    stale = tmp_path / ".bkbk-export-bkbk-tebo-2026-10.xlsx.abc123.tmp"
    stale.write_bytes(b"half a workbook")
    unrelated = tmp_path / "catatan.txt"
    unrelated.write_text("kept")

    export(tmp_path, Builders())

    assert not stale.exists()
    assert unrelated.read_text() == "kept"


# --- the command, as cron runs it -------------------------------------------------------


@pytest.fixture
def store_db(tmp_path, monkeypatch) -> Path:
    """An empty store (every village belum lapor), and no $BKBK_DB to fall back on."""
    from bkbk_cli.store import Store

    monkeypatch.delenv("BKBK_DB", raising=False)
    db = tmp_path / "bkbk.sqlite3"
    Store.open(db).close()
    return db


def bkbk(*args: str):
    from typer.testing import CliRunner

    from bkbk_cli.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_export_prints_one_plain_summary_line(tmp_path, store_db):
    out = tmp_path / "laporan"

    result = bkbk("export", "--out", str(out), "--db", str(store_db), "--period", PERIOD)

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"bkbk export: 36 berkas periode {PERIOD} di {out} (1 provinsi + 11 kabupaten/kota)\n"
    )
    english = bkbk("export", "--out", str(out), "--db", str(store_db), "--lang", "en")
    assert english.stdout.startswith("bkbk export: 36 files for ")
    report = json.loads((out / "bkbk-tanjab-barat-2026-10.json").read_text("utf-8"))
    assert len(report["villages"]) == len(villages("15.06"))
    assert not any(v["submitted"] for v in report["villages"])  # nothing ingested yet


def test_cli_export_quiet_prints_nothing_on_success(tmp_path, store_db):
    result = bkbk("export", "--out", str(tmp_path / "o"), "--db", str(store_db), "--quiet")

    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert len(list((tmp_path / "o").glob("bkbk-provinsi-*"))) == 3


def test_cli_export_while_another_runs_fails_with_exit_1(tmp_path, store_db):
    out = tmp_path / "o"
    out.mkdir()
    with export_lock(out):
        result = bkbk("export", "--out", str(out), "--db", str(store_db), "--quiet")

    assert result.exit_code == 1
    assert result.stderr.startswith("bkbk: ekspor gagal: ekspor bkbk lain sedang menulis ke")
    assert len(result.stderr.splitlines()) == 1


def test_cli_export_without_a_store_fails_rather_than_report_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("BKBK_DB", raising=False)
    missing = tmp_path / "typo.sqlite3"

    result = bkbk("export", "--out", str(tmp_path / "o"), "--db", str(missing))

    assert result.exit_code == 1
    assert f"basis data tidak ada di {missing}" in result.stderr
    assert not (tmp_path / "o").exists()


def test_cli_export_usage_errors_exit_2(tmp_path, store_db):
    assert bkbk("export", "--db", str(store_db)).exit_code == 2  # --out is required
    bad = bkbk("export", "--out", str(tmp_path), "--db", str(store_db), "--period", "2026-13")
    assert bad.exit_code == 2
    assert "TTTT-BB (misalnya 2026-10)" in bad.stderr


def test_cli_export_a_bug_in_a_report_is_an_internal_error(tmp_path, store_db, monkeypatch):
    def broken(store, regency, period, config, show_nik=False):
        raise KeyError("miskin_ekstrem_quota")

    monkeypatch.setattr("bkbk_cli.measures.regency_report", broken)
    result = bkbk("export", "--out", str(tmp_path / "o"), "--db", str(store_db))

    assert result.exit_code == 3
    assert "report for kerinci could not be built: KeyError" in result.stderr
    assert not list((tmp_path / "o").glob("bkbk-*"))
