"""``bkbk ingest`` and ``bkbk report`` on the command line, through Typer's runner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from report_rosters import PR, TANJAB_BARAT, nik, person, roster
from typer.testing import CliRunner

from bkbk_cli.cli import app

PELABUHAN, BADANG = TANJAB_BARAT[:2]
PERIOD = ["--period", "2025-06"]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={"BKBK_LANG": "id", **(env or {})})


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    path = tmp_path_factory.mktemp("config") / "aturan.toml"
    path.write_text("[quota]\nmiskin_ekstrem = 2\npekerja_rentan = 1\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def db(tmp_path_factory, config):
    """A store holding two villages of tanjab-barat (reports only read it)."""
    tmp_path = tmp_path_factory.mktemp("store")
    folder = tmp_path / "masuk"
    folder.mkdir()
    roster(
        folder, PELABUHAN, [person(PELABUHAN, 1), person(PELABUHAN, 2), person(PELABUHAN, 3, PR)]
    )
    roster(folder, BADANG, [person(BADANG, 21), person(BADANG, 22, PR, paid=range(1, 6))])
    path = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(folder), "--db", str(path), "--config", config, *PERIOD)
    assert result.exit_code == 0, result.output
    return str(path)


def test_ingest_prints_one_line_per_file_with_its_rows_accounted(tmp_path, config):
    good = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1), person(PELABUHAN, 2, nik_text="1")])
    db = tmp_path / "store" / "bkbk.sqlite3"
    result = run("ingest", str(good), "--db", str(db), "--config", config, *PERIOD)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"disimpan: {good}; 15.06.01.1005 Pelabuhan Dagang 2025; "
        "baris dibaca 2 = 1 disimpan + 1 ditolak; 1 kesalahan, 4 peringatan\n"
        # issue 12: one summary line at the end
        "Selesai: 1 berkas: 1 disimpan, 0 mengganti, 0 tidak berubah, 0 gagal; "
        "baris dibaca 2 = 1 disimpan + 1 ditolak.\n"
    )
    again = run("ingest", str(good), "--db", str(db), "--config", config, *PERIOD, "--lang", "en")
    assert again.output.startswith(f"unchanged: {good}; ")
    assert again.output.splitlines()[0].endswith("same as #1")


def test_ingest_exits_1_when_a_file_cannot_be_read(tmp_path):
    broken = tmp_path / "rusak.xlsx"
    broken.write_text("bukan buku kerja")
    good = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(broken), str(good), "--db", str(db), *PERIOD)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"gagal: {broken}: ")
    assert lines[1].startswith(f"disimpan: {good}")


def test_ingest_dry_run_creates_no_store(tmp_path):
    good = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(good), "--db", str(db), "--dry-run", *PERIOD)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"(uji coba) disimpan: {good}")
    assert not db.exists()


def test_the_store_comes_from_bkbk_db_when_no_db_is_given(tmp_path):
    good = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])
    db = tmp_path / "dari-env.sqlite3"
    assert run("ingest", str(good), *PERIOD, env={"BKBK_DB": str(db)}).exit_code == 0
    assert db.exists()


def test_report_json_is_the_regency_document(db, config):
    result = run(
        "report", "-r", "Tanjab Barat", "--db", db, "--config", config, *PERIOD, "-f", "json"
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert list(document) == [
        "period",
        "regency",
        "villages",
        "totals",
        "duplicates",
        "followup",
        "rosters_without_village",  # issue 11: added, nothing renamed
        *("period_rule", "period_basis"),  # issue 12: why this period
    ]
    assert document["period_rule"] == "requested"
    assert document["regency"]["slug"] == "tanjab-barat"
    pelabuhan, badang = document["villages"][:2]
    assert pelabuhan["quota_met"] is True
    assert pelabuhan["miskin_ekstrem"] == {"enrolled": 2, "active": 2, "quota": 2}
    assert badang["pekerja_rentan"] == {"enrolled": 1, "active": 0, "quota": 1}
    assert (badang["months_due"], badang["months_paid"]) == (12, 11)
    assert document["totals"]["villages_submitted"] == 2
    assert document["followup"] == [
        {
            "regency_code": "15.06",
            "village_code": BADANG.code,
            "village_name": "Badang",
            "district_name": "Tungkal Ulu",
            "nik": "1506********0022",
            "nama": "Peserta 22",
            "kategori": "pekerja_rentan",
            "status": "menunggak",
            "months_unpaid": 1,
            "outstanding_rp": 16_800,
            "row": 9,
            "file_name": document["followup"][0]["file_name"],
        }
    ]
    assert nik(BADANG, 22) not in result.output


def test_show_nik_reveals_niks(db, config):
    result = run(
        "report", "-r", "15.06", "--db", db, "--config", config, *PERIOD, "-f", "json", "--show-nik"
    )
    assert json.loads(result.output)["followup"][0]["nik"] == nik(BADANG, 22)


def test_report_table_highlights_what_needs_attention(db, config):
    result = run("report", "--regency", "tanjab-barat", "--db", db, "--config", config, *PERIOD)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if line.lstrip().startswith(TANJAB_BARAT[2].code))
    assert "belum lapor" in row
    assert any("Badang" in line and "kurang" in line for line in lines)
    assert any("Pelabuhan Dagang" in line and "terpenuhi" in line for line in lines)
    assert "2 dari 134 desa/kelurahan sudah lapor; 1 memenuhi kuota." in result.output
    assert "1 peserta perlu ditindaklanjuti" in result.output


def test_province_report_has_one_row_per_regency(db, config):
    result = run("report", "--db", db, "--config", config, *PERIOD, "-f", "json")
    document = json.loads(result.output)
    assert len(document["regencies"]) == 11
    barat = document["regencies"][5]
    assert (barat["regency_slug"], barat["villages_submitted"], barat["villages_total"]) == (
        "tanjab-barat",
        2,
        134,
    )
    table = run("report", "--db", db, "--config", config, *PERIOD, "--lang", "en")
    assert "2 of 1585 villages reported" in table.output


def test_csv_is_the_village_rows_flattened(db, config):
    result = run(
        "report", "-r", "tanjab-barat", "--db", db, "--config", config, *PERIOD, "-f", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 134
    assert rows[0]["village_code"] == PELABUHAN.code
    assert rows[0]["miskin_ekstrem_enrolled"] == "2"
    assert rows[0]["quota_met"] == "true"
    assert rows[2]["submitted"] == "false"
    assert rows[2]["continuity_rate"] == ""


def test_sort_by_any_column(db, config):
    args = ["report", "-r", "tanjab-barat", "--db", db, "--config", config, *PERIOD, "-f", "json"]
    result = run(*args, "--sort", "outstanding_rp", "--desc")
    codes = [v["village_code"] for v in json.loads(result.output)["villages"]]
    assert codes[0] == BADANG.code
    rates = run(*args, "--sort", "continuity_rate")
    villages = json.loads(rates.output)["villages"]
    assert [v["village_code"] for v in villages[:2]] == [BADANG.code, PELABUHAN.code]
    assert villages[-1]["continuity_rate"] is None  # nothing due: last either way
    bad = run(*args, "--sort", "nope")
    assert bad.exit_code == 2
    assert "continuity_rate" in bad.stderr


def test_out_writes_the_file_whole(db, config, tmp_path):
    out = tmp_path / "laporan.json"
    out.write_text("the previous report")
    result = run(
        "report",
        "-r",
        "tanjab-barat",
        "--db",
        db,
        "--config",
        config,
        *PERIOD,
        "-f",
        "json",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert json.loads(out.read_text())["regency"]["code"] == "15.06"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".laporan")) == []


def test_xlsx_report(db, config, tmp_path):
    pytest.importorskip("bkbk_cli.render.report_xlsx")
    from openpyxl import load_workbook

    out = tmp_path / "laporan.xlsx"
    result = run(
        "report",
        "-r",
        "tanjab-barat",
        "--db",
        db,
        "--config",
        config,
        *PERIOD,
        "-f",
        "xlsx",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    assert len(workbook.sheetnames) >= 2
    assert run("report", "-f", "xlsx", "--db", db).exit_code == 2  # xlsx needs --out


def test_unknown_regency_is_a_usage_error_listing_the_slugs(db):
    result = run("report", "--regency", "atlantis", "--db", db)
    assert result.exit_code == 2
    assert "tanjab-barat" in result.stderr and "kota-jambi" in result.stderr


def test_a_bad_period_is_a_usage_error(db):
    assert run("report", "--period", "2025-13", "--db", db).exit_code == 2


def test_a_missing_store_is_an_error_naming_its_path(tmp_path):
    """A mistyped --db or BKBK_DB is not a province where no village has reported."""
    db = tmp_path / "belum-ada.sqlite3"
    result = run("report", "-r", "tanjab-barat", "--db", str(db), *PERIOD, "-f", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"bkbk: basis data tidak ada di {db}; jalankan bkbk ingest lebih dulu atau berikan --db\n"
    )
    from_env = run("report", "--lang", "en", env={"BKBK_DB": str(db)})
    assert from_env.exit_code == 1
    assert f"no store at {db}" in from_env.stderr
    assert not db.exists()


def test_province_xlsx_has_a_sheet_per_regency(db, config, tmp_path):
    pytest.importorskip("bkbk_cli.render.report_xlsx")
    from openpyxl import load_workbook

    out = tmp_path / "provinsi.xlsx"
    result = run("report", "--db", db, "--config", config, *PERIOD, "-f", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(load_workbook(out, read_only=True).sheetnames) >= 1 + 11


def test_an_unwritable_out_is_a_clear_exit_1(db, tmp_path):
    out = tmp_path / "tidak-ada" / "laporan.json"
    result = run("report", "--db", db, "-f", "json", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"bkbk: tidak dapat menulis {out}: ")
    assert ".tmp" not in result.stderr


def test_ingest_into_a_store_locked_too_long_fails_cleanly(tmp_path, monkeypatch):
    import bkbk_cli.store as store_module
    from bkbk_cli.store import Store

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    good = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])
    db = tmp_path / "bkbk.sqlite3"
    with Store.open(db) as other, other.transaction():  # a long write elsewhere
        result = run("ingest", str(good), "--db", str(db), *PERIOD)
    assert result.exit_code == 1
    assert "locked" in result.stderr
