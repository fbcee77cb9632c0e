"""The lists an analyst works through: cross-village duplicates that stay distinguishable
when NIKs are masked, the villages to call (``--belum-lapor``), and the closing lines of
``ingest`` and ``validate --annotate``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from report_rosters import PR, TANJAB_BARAT, nik, person, roster
from typer.testing import CliRunner

from bkbk_cli.cli import app

PELABUHAN, BADANG, TAYAS, DASAL = TANJAB_BARAT[:4]  # all four in kecamatan 15.06.01
PERIOD = ["--period", "2025-06"]
SHARED = nik(PELABUHAN, 17)  # 1506011203850017
#: another person, born three days later: the same masked NIK, 1506********0017
LOOKALIKE = SHARED[:6] + "150385" + SHARED[12:]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={"BKBK_LANG": "id", **(env or {})})


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """Pelabuhan Dagang and Badang both list NIK ``SHARED`` (under different names); Tanjung
    Tayas and Kuala Dasal both list ``LOOKALIKE``. Four villages of 134 have reported."""
    folder = tmp_path_factory.mktemp("masuk")
    roster(folder, PELABUHAN, [person(PELABUHAN, 17), person(PELABUHAN, 2, PR)])
    roster(folder, BADANG, [person(BADANG, 99, nik_text=SHARED), person(BADANG, 3)])
    roster(folder, TAYAS, [person(TAYAS, 50, nik_text=LOOKALIKE)])
    roster(folder, DASAL, [person(DASAL, 51, nik_text=LOOKALIKE)])
    path = str(folder / "bkbk.sqlite3")
    assert run("ingest", str(folder), "--db", path, *PERIOD).exit_code == 0
    return path


def test_duplicates_say_which_rows_are_one_nik_although_masked(db):
    result = run("report", "-r", "tanjab-barat", "--db", db, *PERIOD, "-f", "json")

    first, second = json.loads(result.stdout)["duplicates"]
    assert first["nik"] == second["nik"] == "1506********0017"  # the mask alone cannot tell
    assert (first["group"], second["group"]) == (1, 2)
    assert [(e["village_name"], e["nama"]) for e in first["entries"]] == [
        ("Pelabuhan Dagang", "Peserta 17"),
        ("Badang", "Peserta 99"),
    ]
    assert [(e["village_code"], e["nama"]) for e in second["entries"]] == [
        (TAYAS.code, "Peserta 50"),
        (DASAL.code, "Peserta 51"),
    ]
    assert SHARED not in result.stdout and LOOKALIKE not in result.stdout


def test_the_duplicate_table_shows_group_village_and_name(db):
    result = run("report", "-r", "tanjab-barat", "--db", db, *PERIOD)

    lines = [line.split() for line in result.stdout.splitlines() if "1506********0017" in line]
    assert [(w[0], w[2], w[-2], w[-1]) for w in lines] == [
        ("#1", PELABUHAN.code, "Peserta", "17"),
        ("#1", BADANG.code, "Peserta", "99"),
        ("#2", TAYAS.code, "Peserta", "50"),
        ("#2", DASAL.code, "Peserta", "51"),
    ]
    assert "NIK sama" in result.stdout
    assert "adalah satu NIK yang sama, walau NIK-nya disamarkan" in result.stdout


def test_the_duplicate_sheet_keeps_two_nik_with_one_mask_apart(db, tmp_path):
    out = tmp_path / "provinsi.xlsx"
    assert run("report", "--db", db, *PERIOD, "-f", "xlsx", "-o", str(out)).exit_code == 0

    sheet = load_workbook(out, read_only=True)["Duplikat"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "NIK sama"))
    table = [r[:5] for r in rows[header + 1 :] if r and r[0] is not None]
    assert table == [
        (1, "1506********0017", "Peserta 17", 2, PELABUHAN.code),
        (1, "1506********0017", "Peserta 99", 2, BADANG.code),
        (2, "1506********0017", "Peserta 50", 2, TAYAS.code),
        (2, "1506********0017", "Peserta 51", 2, DASAL.code),
    ]


def test_belum_lapor_lists_only_the_villages_to_call(db):
    result = run("report", "-r", "tanjab-barat", "--belum-lapor", "--db", db, *PERIOD, "-f", "json")

    assert result.exit_code == 0, result.output
    listing = json.loads(result.stdout)
    assert (listing["villages_total"], listing["villages_not_reported"]) == (134, 130)
    codes = [row["village_code"] for row in listing["not_reported"]]
    assert len(codes) == 130 and codes == sorted(codes)
    assert not {PELABUHAN.code, BADANG.code, TAYAS.code, DASAL.code} & set(codes)
    assert listing["not_reported"][0] == {
        "regency_code": "15.06",
        "regency_name": "Tanjung Jabung Barat",
        "district_name": TANJAB_BARAT[4].district_name,
        "village_code": TANJAB_BARAT[4].code,
        "village_name": TANJAB_BARAT[4].name,
    }
    assert listing["period_rule"] == "requested"


def test_belum_lapor_on_screen_and_for_the_province(db):
    table = run("report", "-r", "tanjab-barat", "--belum-lapor", "--db", db, *PERIOD)
    assert table.stdout.startswith("Desa/kelurahan yang belum lapor, Kabupaten Tanjung Jabung")
    assert BADANG.code not in table.stdout and TANJAB_BARAT[4].code in table.stdout
    assert table.stdout.rstrip().endswith("130 dari 134 desa/kelurahan belum lapor.")

    province = run("report", "--belum-lapor", "--db", db, *PERIOD, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(province.stdout)))
    assert len(rows) == 1585 - 4
    assert {r["regency_name"] for r in rows} >= {"Kerinci", "Kota Jambi", "Tanjung Jabung Barat"}
    assert run("report", "--belum-lapor", "--db", db, "-f", "xlsx", "-o", "x.xlsx").exit_code == 2


def test_ingest_ends_with_one_summary_line(tmp_path):
    first = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1), person(PELABUHAN, 2, nik_text="1")])
    db = str(tmp_path / "bkbk.sqlite3")
    assert run("ingest", str(first), "--db", db, *PERIOD).exit_code == 0
    newer = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)], name="pelabuhan-baru.xlsx")
    other = roster(tmp_path, BADANG, [person(BADANG, 5), person(BADANG, 6)])
    broken = tmp_path / "rusak.xlsx"
    broken.write_text("bukan buku kerja")

    result = run("ingest", str(first), str(newer), str(other), str(broken), "--db", db, *PERIOD)

    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 5  # one line per file, then the summary
    assert result.stdout.splitlines()[-1] == (
        "Selesai: 4 berkas: 1 disimpan, 1 mengganti, 1 tidak berubah, 1 gagal; "
        "baris dibaca 3 = 3 disimpan + 0 ditolak."
    )
    dry = run("ingest", str(other), "--db", db, *PERIOD, "--dry-run", "--lang", "en")
    assert dry.stdout.splitlines()[-1] == (
        "(dry run) Done: 1 files: 0 stored, 0 replaced, 1 unchanged, 0 failed; "
        "rows read 0 = 0 stored + 0 rejected."
    )


def test_annotate_says_where_the_copy_was_written(tmp_path):
    source = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1), person(PELABUHAN, 2, nik_text="1")])
    copy = tmp_path / "kembali.xlsx"

    result = run("validate", str(source), "--annotate", str(copy), *PERIOD)

    assert result.stdout.splitlines()[-1] == f"Salinan bertanda untuk desa ditulis ke {copy}"
    assert copy.exists()
    folder = tmp_path / "kembali"
    other = roster(tmp_path, BADANG, [person(BADANG, 5)])
    as_json = run("validate", str(source), str(other), "--annotate", str(folder), "-f", "json")
    json.loads(as_json.stdout)  # stdout stays one JSON document
    assert (
        f"2 salinan bertanda untuk desa ditulis ke folder {folder}" in as_json.stderr.splitlines()
    )
    assert len(list(folder.glob("*.temuan.xlsx"))) == 2


def test_belum_lapor_names_rosters_received_without_a_village(tmp_path):
    """A roster whose village cannot be told may be from one of the villages to call."""
    nameless = tmp_path / "rekap.csv"
    nameless.write_text(
        "NIK,Nama,Jenis Kelamin,Tanggal Lahir,Kategori,Jan 2025\n"
        f"{nik(PELABUHAN, 7)},Peserta 7,L,1985-03-12,Miskin Ekstrem,16800\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "bkbk.sqlite3")
    assert run("ingest", str(nameless), "--db", db, *PERIOD).exit_code == 1  # gagal: no village

    listing = run("report", "-r", "15.06", "--belum-lapor", "--db", db, *PERIOD, "-f", "json")
    table = run("report", "-r", "15.06", "--belum-lapor", "--db", db, *PERIOD)

    (roster_,) = json.loads(listing.stdout)["rosters_without_village"]
    assert roster_["file_name"].endswith("rekap.csv")
    assert "Roster tanpa desa: 1 roster diterima" in table.stdout
    assert table.stdout.rstrip().endswith("rekap.csv")
