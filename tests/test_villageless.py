"""Nothing silently lost: a roster whose village cannot be determined is not stored as a
roster no report shows; ingest says so, and report and export list it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from report_rosters import TANJAB_BARAT, consolidated, person
from rosters import full_village, write
from typer.testing import CliRunner

from bkbk_cli.cli import app
from bkbk_cli.store import Store

PERIOD = ["--period", "2026-10"]


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"BKBK_LANG": "id"})


def submissions(db: Path) -> list[tuple]:
    with Store.open(db) as store:
        return store.query(
            "SELECT status, village_code, village_name, year, rows_read, participants, "
            "failure_code FROM submissions ORDER BY id"
        )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Three rosters: one without any village, one with a name two villages bear, one fine."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    people = full_village()
    write(folder / "a_roster.xlsx", people, title_block=False, sheet_name="Peserta")
    write(
        folder / "b_sungai_rambai.xlsx",
        people,
        title_rows=[["DAFTAR PESERTA BKBK TAHUN 2026"], ["Desa : Sungai Rambai"]],
    )
    write(folder / "c_badang.xlsx", people)
    return folder


def test_ingest_does_not_store_a_roster_without_village_and_says_how_to_fix_it(
    tmp_path: Path, inbox: Path
) -> None:
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(inbox), "--db", str(db), *PERIOD)
    assert result.exit_code == 1, result.output  # as for a file that cannot be read
    lines = result.output.splitlines()
    assert len(lines) == 3 + 1  # and (issue 12) the summary line
    assert lines[3].startswith("Selesai: 3 berkas: 1 disimpan, 0 mengganti, 0 tidak berubah, 2 ")
    assert lines[0].startswith(f"gagal: {inbox / 'a_roster.xlsx'}: Desa/kelurahan roster tidak")
    assert "75 baris tidak disimpan" in lines[0] and "--village KODE" in lines[0]
    assert lines[1].startswith(f"gagal: {inbox / 'b_sungai_rambai.xlsx'}: Nama desa pada")
    assert "15.06.13.2004" in lines[1] and "15.09.03.2002" in lines[1]
    assert lines[2].startswith("disimpan: ") and "15.06.01.2001 Badang" in lines[2]
    assert submissions(db) == [
        ("failed", None, None, 2026, 75, 0, "VILLAGE_MISSING"),
        ("failed", None, "Sungai Rambai", 2026, 75, 0, "VILLAGE_AMBIGUOUS"),
        ("ok", "15.06.01.2001", "Badang", 2026, 75, 75, None),
    ]
    with Store.open(db) as store:  # nothing of the two stored as participants
        assert store.counts()["participants"] == 75

    again = run("ingest", str(inbox), "--db", str(db), *PERIOD, "--lang", "en")
    assert "already recorded as failed #1" in again.output.splitlines()[0]
    assert len(submissions(db)) == 3  # the same files again add nothing


def test_the_village_option_stores_it_and_reports_stop_listing_it(
    tmp_path: Path, inbox: Path
) -> None:
    db = tmp_path / "bkbk.sqlite3"
    run("ingest", str(inbox), "--db", str(db), *PERIOD)
    fixed = run(
        "ingest", str(inbox / "b_sungai_rambai.xlsx"), "--db", str(db), "--village",
        "15.09.03.2002", *PERIOD,
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    assert fixed.output.startswith("disimpan: ") and "15.09.03.2002" in fixed.output
    document = json.loads(run("report", "--db", str(db), *PERIOD, "-f", "json").output)
    names = [Path(r["file_name"]).name for r in document["rosters_without_village"]]
    assert names == ["a_roster.xlsx"]  # Sungai Rambai's roster now counts for its village


def test_reports_list_rosters_without_village_in_every_format(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "bkbk.sqlite3"
    run("ingest", str(inbox), "--db", str(db), *PERIOD)

    province = json.loads(run("report", "--db", str(db), *PERIOD, "-f", "json").output)
    missing, ambiguous = province["rosters_without_village"]
    assert Path(missing["file_name"]).name == "a_roster.xlsx"
    assert (missing["reason_code"], missing["rows_read"], missing["regency_codes"]) == (
        "VILLAGE_MISSING",
        75,
        [],
    )
    assert missing["ingested_at"]
    assert ambiguous["reason_code"] == "VILLAGE_AMBIGUOUS"
    assert ambiguous["regency_codes"] == ["15.06", "15.09"]
    assert province["totals"]["villages_submitted"] == 1  # counted for no village

    def listed(regency: str) -> list[str]:
        out = run("report", "-r", regency, "--db", str(db), *PERIOD, "-f", "json").output
        return [Path(r["file_name"]).name for r in json.loads(out)["rosters_without_village"]]

    # a regency lists those its reason points to, and those that point nowhere
    assert listed("tebo") == ["a_roster.xlsx", "b_sungai_rambai.xlsx"]
    assert listed("kerinci") == ["a_roster.xlsx"]

    table = run("report", "-r", "tanjab-barat", "--db", str(db), *PERIOD)
    assert table.exit_code == 0, table.output
    assert "Roster tanpa desa: 2 roster diterima" in table.output
    assert "a_roster.xlsx" in table.output and "b_sungai_rambai.xlsx" in table.output

    result = CliRunner().invoke(
        app, ["report", "--db", str(db), *PERIOD, "-f", "csv"], env={"BKBK_LANG": "id"}
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 11  # the CSV stays one line per regency
    assert "2 roster tanpa desa tidak ada di CSV ini" in result.stderr

    out = tmp_path / "provinsi.xlsx"
    assert run("report", "--db", str(db), *PERIOD, "-f", "xlsx", "--out", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Tanpa Desa"]
    cells = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert cells[3] == ["Berkas", "Diterima", "Nama desa di roster", "Baris", "Alasan"]
    assert Path(cells[4][0]).name == "a_roster.xlsx" and cells[4][-2] == 75
    assert "Sungai Rambai" in cells[5] and "15.09.03.2002" in cells[5][-1]


def test_the_village_option_moves_a_roster_already_stored_under_another_code(
    tmp_path: Path, inbox: Path
) -> None:
    db = tmp_path / "bkbk.sqlite3"
    badang = str(inbox / "c_badang.xlsx")  # its title block says 15.06.01.2001
    assert run("ingest", badang, "--db", str(db), *PERIOD).exit_code == 0
    moved = run("ingest", badang, "--db", str(db), "--village", "15.06.01.2002", *PERIOD)
    assert moved.output.startswith("disimpan: "), moved.output  # not "tidak berubah"
    stored = [(code, status) for status, code, *_ in submissions(db)]
    assert stored == [("15.06.01.2001", "ok"), ("15.06.01.2002", "ok")]
    again = run("ingest", badang, "--db", str(db), "--village", "15.06.01.2002", *PERIOD)
    assert again.output.startswith("tidak berubah: ") and len(submissions(db)) == 2


def test_they_are_listed_as_received_in_words_people_read(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "bkbk.sqlite3"
    a_roster = str(inbox / "a_roster.xlsx")
    run("ingest", a_roster, "--db", str(db), "--received", "2026-10-20", *PERIOD)
    report = run("report", "--db", str(db), "--regency", "tanjab-barat", *PERIOD)
    assert "20 Oktober 2026" in report.output
    document = json.loads(run("report", "--db", str(db), "--format", "json", *PERIOD).output)
    (listed,) = document["rosters_without_village"]
    assert listed["received_on"] == "2026-10-20" and listed["ingested_at"]  # both kept
    out = tmp_path / "laporan.xlsx"
    run("report", "--db", str(db), "--format", "xlsx", "--out", str(out), *PERIOD)
    sheet = openpyxl.load_workbook(out)["Tanpa Desa"]
    assert sheet.cell(5, 2).value == "20 Oktober 2026"
    fresh = tmp_path / "today.sqlite3"  # without --received: the ingest time, not ISO text
    run("ingest", a_roster, "--db", str(fresh), *PERIOD)
    when = run("report", "--db", str(fresh), "--format", "json", *PERIOD)
    stamp = json.loads(when.output)["rosters_without_village"][0]["ingested_at"]
    shown = run("report", "--db", str(fresh), "--regency", "tanjab-barat", *PERIOD).output
    assert stamp not in shown and f"{stamp[11:16]} UTC" in shown


def test_a_store_without_such_rosters_has_no_tanpa_desa_sheet(tmp_path: Path) -> None:
    db = tmp_path / "bkbk.sqlite3"
    good = write(tmp_path / "badang.xlsx", full_village())
    assert run("ingest", str(good), "--db", str(db), *PERIOD).exit_code == 0
    out = tmp_path / "r.xlsx"
    run("report", "-r", "tanjab-barat", "--db", str(db), *PERIOD, "-f", "xlsx", "--out", str(out))
    assert "Tanpa Desa" not in openpyxl.load_workbook(out).sheetnames
    table = run("report", "-r", "tanjab-barat", "--db", str(db), *PERIOD).output
    assert "tanpa desa" not in table


def test_export_lists_them_in_json_and_xlsx(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "bkbk.sqlite3"
    run("ingest", str(inbox), "--db", str(db), *PERIOD)
    out = tmp_path / "laporan"
    result = run("export", "--out", str(out), "--db", str(db), *PERIOD, "--no-brief")
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("bkbk-*"))) == 36  # the same 36 reports (the briefs left out)
    province = json.loads((out / "bkbk-provinsi-2026-10.json").read_text(encoding="utf-8"))
    assert len(province["rosters_without_village"]) == 2
    tebo = json.loads((out / "bkbk-tebo-2026-10.json").read_text(encoding="utf-8"))
    assert len(tebo["rosters_without_village"]) == 2
    assert "Tanpa Desa" in openpyxl.load_workbook(out / "bkbk-provinsi-2026-10.xlsx").sheetnames
    assert "Tanpa Desa" in openpyxl.load_workbook(out / "bkbk-kerinci-2026-10.xlsx").sheetnames


def test_consolidated_rows_without_a_village_code_are_not_stored(tmp_path: Path) -> None:
    pelabuhan, badang = TANJAB_BARAT[:2]
    path = consolidated(
        tmp_path,
        [
            (pelabuhan, person(pelabuhan, 1)),
            (badang, person(badang, 2)),
            (badang, person(badang, 3)),
        ],
        "gabungan.csv",
    )
    text = path.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(badang.code, "", 1)  # the last row names no village
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(path), "--db", str(db), "--period", "2025-06")
    assert result.exit_code == 1, result.output
    assert [line.split(":")[0] for line in result.output.splitlines()] == [
        "gagal",
        "disimpan",
        "disimpan",
        "Selesai",  # issue 12: the summary line
    ]
    assert "1 baris tidak disimpan" in result.output.splitlines()[0]
    assert submissions(db)[0] == ("failed", None, None, 2025, 1, 0, "VILLAGE_MISSING")
    with Store.open(db) as store:
        assert store.counts()["participants"] == 2
    report = run("report", "--db", str(db), "--period", "2025-06", "-f", "json").output
    (listed,) = json.loads(report)["rosters_without_village"]  # beside its two villages
    assert (Path(listed["file_name"]).name, listed["rows_read"]) == ("gabungan.csv", 1)


def test_an_unknown_village_code_is_not_stored_either(tmp_path: Path) -> None:
    unknown = ("15.06.01.2999", "Badang", "Tungkal Ulu", "Kabupaten Tanjung Jabung Barat")
    path = write(tmp_path / "kode_salah.xlsx", full_village(), village=unknown)
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(path), "--db", str(db), *PERIOD)
    assert result.exit_code == 1
    assert "'15.06.01.2999'" in result.output and "--village KODE" in result.output
    assert submissions(db) == [("failed", None, "Badang", 2026, 75, 0, "VILLAGE_CODE_UNKNOWN")]

    def listed(regency: str) -> list[str]:
        out = run("report", "-r", regency, "--db", str(db), *PERIOD, "-f", "json").output
        return [r["reason_value"] for r in json.loads(out)["rosters_without_village"]]

    assert listed("tanjab-barat") == ["15.06.01.2999"]  # the code says which regency
    assert listed("tebo") == []


def test_a_bug_raising_stopiteration_does_not_make_the_files_vanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bkbk_cli.validate as validate

    def broken(*args, **kwargs):
        raise StopIteration

    monkeypatch.setattr(validate, "identify_village", broken)
    good = write(tmp_path / "badang.xlsx", full_village())
    result = run("validate", str(good), "--format", "json")
    assert result.exit_code == 3  # an internal error, not an empty, successful run


def test_consolidated_rows_without_a_code_and_all_rejected_are_listed_too(tmp_path: Path) -> None:
    pelabuhan, badang = TANJAB_BARAT[:2]
    path = consolidated(
        tmp_path,
        [
            (pelabuhan, person(pelabuhan, 1)),
            (badang, person(badang, 2)),
            (badang, person(badang, 3, nik_text="123")),
        ],
        "gabungan.csv",
    )
    text = path.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(badang.code, "", 1)  # no code, and no valid NIK either
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(path), "--db", str(db), "--period", "2025-06")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("gagal: ") and "1 baris tidak disimpan" in result.output
    assert submissions(db)[0][-1] == "VILLAGE_MISSING"
