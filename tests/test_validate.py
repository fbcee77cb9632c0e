"""``validate_file``: a roster in, located findings and the village's numbers out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from roster_writer import Participant
from rosters import MONTHS, TODAY, full_village, person, with_nik, write, write_ods

from bkbk_cli.config import Config, ContributionChange, load_config
from bkbk_cli.findings import Finding
from bkbk_cli.validate import Options, validate_file, validate_paths

OPTIONS = Options(today=TODAY)


def codes(result) -> list[str]:
    return [f.code for f in result.finding_records()]


def found(result, code: str) -> list:
    return [f for f in result.finding_records("en") if f.code == code]


def test_a_clean_full_roster_has_no_findings_and_meets_its_quota(tmp_path: Path) -> None:
    result = validate_file(write(tmp_path / "badang.xlsx", full_village()), OPTIONS)
    assert codes(result) == []
    assert (result.village_code, result.village_name) == ("15.06.01.2001", "Badang")
    assert (result.year, result.period) == (2026, "2026-10")
    assert (result.rows_read, result.participants, result.rows_rejected) == (75, 75, 0)
    assert result.counts == {
        "miskin_ekstrem": {"enrolled": 50, "active": 50},
        "pekerja_rentan": {"enrolled": 25, "active": 25},
    }


def test_the_header_is_found_below_a_title_block_and_instructions_sheet(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.xlsx",
        [person()],
        blank_rows_above=3,
        merged_title=True,
        instructions_sheet=True,
        sheet_name="Data Peserta",
    )
    result = validate_file(path, OPTIONS)
    assert result.sheet == "Data Peserta"
    assert result.village_code == "15.06.01.2001"
    assert result.people["row"].tolist() == [11]  # 3 blank, title, blank, header on 10


def test_columns_in_any_order_with_their_usual_other_names(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.xlsx",
        [person(nik="1506015205850002", jenis_kelamin="P", tanggal_lahir="12-05-1985")],
        column_order=[
            "nama",
            "months",
            "kategori",
            "nik",
            "no",
            "tanggal_terdaftar",
            "tanggal_lahir",
            "jenis_kelamin",
            "no_kpj",
        ],
        header_labels={
            "nik": "No. Induk Kependudukan",
            "nama": "Nama Lengkap",
            "jenis_kelamin": "L/P",
            "tanggal_lahir": "Tgl Lahir",
            "tanggal_terdaftar": "TMT",
            "no_kpj": "Nomor KPJ",
            "kategori": "KATEGORI PESERTA",
        },
        month_style="long",
    )
    result = validate_file(path, OPTIONS)
    assert [c for c in codes(result) if not c.startswith("QUOTA")] == []
    assert result.people["nik"].tolist() == ["1506015205850002"]
    assert result.people["months_paid"].tolist() == [10]


@pytest.mark.parametrize("style", ["short", "long", "dash", "date"])
def test_month_headers_in_every_style(tmp_path: Path, style: str) -> None:
    result = validate_file(write(tmp_path / "r.xlsx", [person()], month_style=style), OPTIONS)
    assert result.people["months_due"].tolist() == [10]
    assert result.people["status"].tolist() == ["aktif"]


def test_a_csv_roster_is_checked_like_a_workbook(tmp_path: Path) -> None:
    result = validate_file(write(tmp_path / "r.csv", full_village()), OPTIONS)
    assert codes(result) == []
    assert result.village_code == "15.06.01.2001"


def test_a_nik_typed_as_a_number_is_an_error_at_its_cell(tmp_path: Path) -> None:
    people = with_nik([person(), person(nik="1506011205800004")], 1, 1506011205800004)
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    (finding,) = found(result, "NIK_NUMBER")
    assert (finding.sheet, finding.row, finding.column, finding.cell) == ("Roster", 9, "B", "B9")
    assert finding.severity == "error"
    assert finding.field == "nik"
    assert "15 digits" in finding.message


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("150601120580000", "NIK_LENGTH"),
        ("1506 0112 0580 0003", "NIK_FORMAT"),
        ("1506013505800003", "NIK_DATE"),  # day 35
        ("1506011213800003", "NIK_DATE"),  # month 13
        ("9906011205800003", "NIK_PROVINCE"),
        ("1599011205800003", "NIK_REGENCY"),
        ("3171011205800003", "NIK_OUTSIDE_JAMBI"),
        ("", "NIK_MISSING"),
    ],
)
def test_nik_rules(tmp_path: Path, nik: str, code: str) -> None:
    result = validate_file(write(tmp_path / "r.xlsx", [person(nik=nik or None)]), OPTIONS)
    assert code in codes(result)
    assert found(result, code)[0].cell == "B8"


def test_a_nik_in_other_scripts_digits_is_a_format_error(tmp_path: Path) -> None:
    arabic = "".join(chr(0x0660 + int(d)) for d in "1506011205800003")
    result = validate_file(write(tmp_path / "r.xlsx", [person(nik=arabic)]), OPTIONS)
    assert "NIK_FORMAT" in codes(result)
    assert result.participants == 0  # no 16 ASCII digits left: the row is rejected


def test_a_nik_born_on_29_february_of_a_leap_year_is_a_date(tmp_path: Path) -> None:
    people = [person(nik="1506012902000003", tanggal_lahir=dt.date(2000, 2, 29))]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    assert not {"NIK_DATE", "NIK_BIRTHDATE_MISMATCH"} & set(codes(result))
    people = [person(nik="1506012902010003", tanggal_lahir=dt.date(2001, 3, 1))]
    assert "NIK_DATE" in codes(validate_file(write(tmp_path / "s.xlsx", people), OPTIONS))


def test_finding_dicts_are_the_records_as_json_and_csv_write_them(tmp_path: Path) -> None:
    people = with_nik([person(), person(nik="1506011205800004")], 1, 1506011205800004)
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    dicts = result.finding_dicts("en")
    assert dicts and [list(d) for d in dicts] == [list(Finding.model_fields)] * len(dicts)
    assert dicts == [f.model_dump() for f in result.finding_records("en")]


def test_nik_birth_date_and_sex_are_compared_with_the_columns(tmp_path: Path) -> None:
    people = [
        person(tanggal_lahir=dt.date(1981, 5, 12)),
        person(nik="1506015205850002", jenis_kelamin="L", tanggal_lahir=dt.date(1985, 5, 12)),
    ]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    (birth,) = found(result, "NIK_BIRTHDATE_MISMATCH")
    (sex,) = found(result, "NIK_SEX_MISMATCH")
    assert (birth.cell, birth.severity) == ("E8", "warning")
    assert (sex.cell, sex.severity) == ("D9", "warning")


def test_participant_cells(tmp_path: Path) -> None:
    people = [
        person(nama=None),
        person(nik="1506011205800004", kategori="Lansia"),
        person(nik="1506011205800005", kategori=None),
        person(nik="1506011205800006", jenis_kelamin="X"),
        person(nik="1506011205800007", tanggal_lahir="31/02/1980"),
        person(nik="1506011205800008", no_kpj="1234"),
        person(nik="1506011201500009", tanggal_lahir=dt.date(1950, 1, 12)),  # 75 at enrolment
        person(nik="1506011205800010", kategori="miskin ekstrim", jenis_kelamin="Laki-laki"),
    ]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    cells = {(f.code, f.cell) for f in result.finding_records()}
    assert {
        ("NAMA_MISSING", "C8"),
        ("KATEGORI_INVALID", "F9"),
        ("KATEGORI_MISSING", "F10"),
        ("JK_INVALID", "D11"),
        ("TGL_LAHIR_INVALID", "E12"),
        ("KPJ_FORMAT", "H13"),
        ("AGE_AT_ENROLMENT", "E14"),
    } <= cells
    assert not any(cell.endswith("15") for _, cell in cells if cell)  # spellings accepted


def test_duplicates_inside_the_file(tmp_path: Path) -> None:
    people = [person(), person(nama="Kembar"), person(nik="1506011205800004")]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    (nik,) = found(result, "NIK_DUPLICATE")
    assert (nik.cell, nik.severity) == ("B9", "error")
    assert "row 8" in nik.message
    kpj = found(result, "KPJ_DUPLICATE")
    assert [(k.cell, k.severity) for k in kpj] == [("H9", "warning")]


def test_payment_findings_and_status(tmp_path: Path) -> None:
    paid = dict.fromkeys(MONTHS, 16800)
    people = [
        person(payments={**paid, "2026-04": None}),  # a gap
        person(nik="1506011205800004", payments={**paid, "2026-06": 8400}),  # underpaid
        person(nik="1506011205800005", payments={**paid, "2026-09": None, "2026-10": None}),
        person(nik="1506011205800006", payments={m: 16800 for m in MONTHS[:6]}),  # 4 unpaid
        person(nik="1506011205800007", payments={**paid, "2026-02": "Rp lunas"}),
        person(
            nik="1506011205800008",
            tanggal_terdaftar=dt.date(2026, 5, 10),
            payments={m: 16800 for m in MONTHS},  # paid before enrolment in Jan..Apr
        ),
    ]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    by_code = {(f.code, f.cell, f.period) for f in result.finding_records()}
    assert ("IURAN_GAP", "M8", "2026-04") in by_code
    assert ("IURAN_UNDERPAID", "O9", "2026-06") in by_code
    assert ("IURAN_GAP", "O9", "2026-06") in by_code
    assert ("STATUS_MENUNGGAK", "S10", "2026-10") in by_code
    assert ("STATUS_NONAKTIF", "S11", "2026-10") in by_code
    assert ("IURAN_INVALID", "K12", "2026-02") in by_code
    assert {c for c, cell, _ in by_code if cell and cell.endswith("13")} == {
        "IURAN_BEFORE_ENROLMENT"
    }
    status = result.people.set_index("row")["status"].to_dict()
    assert status == {
        8: "aktif",
        9: "aktif",
        10: "menunggak",
        11: "nonaktif",
        12: "aktif",
        13: "aktif",
    }
    months = result.people.set_index("row")[["months_due", "months_paid"]]
    assert months.loc[8].tolist() == [10, 9]
    assert months.loc[13].tolist() == [6, 6]  # due May..Oct
    severities = {f.code: f.severity for f in result.finding_records()}
    assert severities["IURAN_GAP"] == severities["STATUS_NONAKTIF"] == "warning"
    assert severities["IURAN_INVALID"] == "error"


def test_a_village_short_of_its_quota_is_warned_not_failed(tmp_path: Path) -> None:
    people = full_village()[:40] + full_village()[50:70]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    assert result.errors == 0
    assert sorted(codes(result)) == [
        "QUOTA_ACTIVE_SHORT",
        "QUOTA_ACTIVE_SHORT",
        "QUOTA_ENROLLED_SHORT",
        "QUOTA_ENROLLED_SHORT",
    ]


def test_village_code_unknown_or_not_matching_its_name(tmp_path: Path) -> None:
    unknown = ("15.06.01.2999", "Badang", "Tungkal Ulu", "Kabupaten Tanjung Jabung Barat")
    other = ("15.06.01.2001", "Lambur", "Tungkal Ulu", "Kabupaten Tanjung Jabung Barat")
    spaced = ("15.06.01.2001", "BADANG ", "Tungkal Ulu", "Kabupaten Tanjung Jabung Barat")
    assert "VILLAGE_CODE_UNKNOWN" in codes(
        validate_file(write(tmp_path / "a.xlsx", [person()], village=unknown), OPTIONS)
    )
    assert "VILLAGE_NAME_MISMATCH" in codes(
        validate_file(write(tmp_path / "b.xlsx", [person()], village=other), OPTIONS)
    )
    assert not any(
        c.startswith("VILLAGE")
        for c in codes(
            validate_file(write(tmp_path / "c.xlsx", [person()], village=spaced), OPTIONS)
        )
    )


def test_a_roster_without_village_takes_it_from_the_option(tmp_path: Path) -> None:
    path = write(tmp_path / "r.xlsx", [person()], title_block=False)
    assert "VILLAGE_MISSING" in codes(validate_file(path, OPTIONS))
    result = validate_file(path, replace(OPTIONS, village="1506012001"))
    assert result.village_code == "15.06.01.2001"
    assert not any(c.startswith("VILLAGE") for c in codes(result))


def test_totals_and_blank_rows_are_not_participants(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.xlsx",
        [person(), Participant(nik=None, nama=None, pekerjaan="-")],
        totals_row=True,
        footer_rows=[[None, None, None, None, None, None, "Kepala Desa Badang"]],
    )
    result = validate_file(path, OPTIONS)
    assert result.rows_read == 1
    assert codes(result) == ["QUOTA_ENROLLED_SHORT"] * 2 + ["QUOTA_ACTIVE_SHORT"] * 2


def test_a_row_that_says_who_in_any_column_is_a_participant(tmp_path: Path) -> None:
    # nothing paid, no NIK, and one identity cell only: the row is a participant to fix
    nobody = {k: None for k in ("nik", "nama", "kategori", "no_kpj", "tanggal_lahir")}
    people = [
        person(),
        *(
            person(**{**nobody, name: value}, payments={})
            for name, value in [
                ("nama", "Siti Aminah"),
                ("kategori", "Pekerja Rentan"),
                ("no_kpj", "24012345679"),
                ("tanggal_lahir", dt.date(1990, 1, 2)),
            ]
        ),
        person(**nobody, payments={}),  # a job and a sex say nobody: not a row
    ]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    assert result.rows_read == 5
    assert sum(f.code == "NIK_MISSING" for f in result.finding_records()) == 4


def test_rejected_rows_are_counted(tmp_path: Path) -> None:
    people = [person(), person(nik="123"), person(nik="1506011205800004", kategori="Lansia")]
    result = validate_file(write(tmp_path / "r.xlsx", people), OPTIONS)
    assert (result.rows_read, result.participants, result.rows_rejected) == (3, 1, 2)


def test_default_period_follows_the_deadline_and_the_last_month_column(tmp_path: Path) -> None:
    path = write(tmp_path / "r.xlsx", [person()], months=[f"2026-{m:02d}" for m in range(1, 13)])
    on_the_15th = validate_file(path, Options(today=dt.date(2026, 11, 15)))
    after_it = validate_file(path, Options(today=dt.date(2026, 11, 16)))
    capped = validate_file(write(tmp_path / "s.xlsx", [person()]), OPTIONS)
    assert (on_the_15th.period, after_it.period, capped.period) == ("2026-10", "2026-11", "2026-10")


def test_a_period_after_the_last_column_counts_missing_months_unpaid(tmp_path: Path) -> None:
    result = validate_file(
        write(tmp_path / "r.xlsx", [person()]), replace(OPTIONS, period="2026-12")
    )
    assert "PERIOD_BEYOND_ROSTER" in codes(result)
    assert result.people["status"].tolist() == ["menunggak"]
    assert result.people["arrears"].tolist() == [2]


def test_rules_come_from_configuration(tmp_path: Path) -> None:
    discount = Config.model_validate(
        {
            "quota": {"miskin_ekstrem": 1, "pekerja_rentan": 0},
            "contribution": {
                "change": [{"from": "2026-06", "monthly_rp": 8400, "kategori": ["miskin_ekstrem"]}]
            },
            "status": {"lapse_months": 2},
        }
    )
    paid = {**dict.fromkeys(MONTHS[:5], 16800), **dict.fromkeys(MONTHS[5:8], 8400)}
    path = write(tmp_path / "r.xlsx", [person(payments=paid)])
    result = validate_file(path, Options(config=discount, today=TODAY))
    assert "IURAN_UNDERPAID" not in codes(result)
    assert result.people["status"].tolist() == ["nonaktif"]  # Sep and Oct unpaid, lapse 2
    (short,) = [f for f in found(result, "QUOTA_ACTIVE_SHORT")]
    assert "Miskin Ekstrem: 0" in short.message
    assert "QUOTA_ENROLLED_SHORT" not in codes(result)


def test_a_toml_file_overrides_the_defaults(tmp_path: Path) -> None:
    toml = tmp_path / "rules.toml"
    toml.write_text("[quota]\nmiskin_ekstrem = 40\n\n[contribution]\nmonthly_rp = 20000\n")
    config = load_config(toml)
    assert (config.quota.miskin_ekstrem, config.quota.pekerja_rentan) == (40, 25)
    assert config.contribution.required("2026-01", "pekerja_rentan") == 20000
    assert isinstance(config.contribution.change, list)
    change = ContributionChange.model_validate({"from": "2026-01", "monthly_rp": 1})
    assert change.applies("2026-05", "pekerja_rentan")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.xlsx", b"", "FILE_EMPTY"),
        ("junk.xlsx", b"this is not a workbook at all" * 10, "FILE_FORMAT"),
        ("notes.xlsx", None, "HEADER_NOT_FOUND"),
    ],
)
def test_unreadable_files_are_file_level_errors(
    tmp_path: Path, name: str, content: bytes | None, code: str
) -> None:
    path = tmp_path / name
    if content is None:
        wb = openpyxl.Workbook()
        wb.active["A1"] = "Hanya catatan, tidak ada roster"
        wb.save(path)
    else:
        path.write_bytes(content)
    result = validate_file(path, OPTIONS)
    (finding,) = result.finding_records()
    assert (finding.code, finding.severity, finding.row, finding.column) == (
        code,
        "error",
        None,
        None,
    )
    assert not result.readable or code == "HEADER_NOT_FOUND"


def test_a_missing_file_and_a_truncated_one(tmp_path: Path) -> None:
    good = write(tmp_path / "good.xlsx", [person()])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert codes(validate_file(tmp_path / "nope.xlsx", OPTIONS)) == ["FILE_NOT_FOUND"]
    assert codes(validate_file(cut, OPTIONS)) == ["FILE_CORRUPT"]


def test_required_columns_and_month_columns_must_exist(tmp_path: Path) -> None:
    no_kategori = write(
        tmp_path / "a.xlsx", [person()], column_order=["no", "nik", "nama", "months"]
    )
    no_months = write(tmp_path / "b.xlsx", [person()], months=[])
    assert "COLUMN_MISSING" in codes(validate_file(no_kategori, OPTIONS))
    assert "MONTHS_MISSING" in codes(validate_file(no_months, OPTIONS))


def test_a_chosen_sheet_and_a_missing_one(tmp_path: Path) -> None:
    path = write(tmp_path / "r.xlsx", [person()], instructions_sheet=True)
    assert validate_file(path, replace(OPTIONS, sheet="Roster")).sheet == "Roster"
    assert codes(validate_file(path, replace(OPTIONS, sheet="Data"))) == ["SHEET_NOT_FOUND"]


def test_a_folder_is_validated_file_by_file_in_order(tmp_path: Path) -> None:
    for name in ("b.xlsx", "a.xlsx"):
        write(tmp_path / name, [person()])
    (tmp_path / "c.xlsx").write_bytes(b"")
    results = validate_paths([tmp_path], OPTIONS)
    assert [Path(r.file).name for r in results] == ["a.xlsx", "b.xlsx", "c.xlsx"]
    assert [r.readable for r in results] == [True, True, False]
    parallel = validate_paths([tmp_path], OPTIONS, workers=2)
    assert [r.errors for r in parallel] == [r.errors for r in results]


def test_a_consolidated_roster_is_checked_village_by_village(tmp_path: Path) -> None:
    path = tmp_path / "kabupaten.csv"
    header = "No,Kode Desa,Desa/Kelurahan,NIK,Nama,Kategori,Tanggal Terdaftar,Jan 2026,Feb 2026"
    lines = [
        header,
        "1,15.06.01.2001,Badang,1506011205800003,Ahmad,Miskin Ekstrem,2025-01-01,16800,16800",
        "2,1506012001,Badang,1506011205800004,Budi,Pekerja Rentan,2025-01-01,16800,",
        "3,15.06.03.2006,Parit Pudin,1506031205800005,Citra,Miskin Ekstrem,2025-01-01,16800,16800",
        "4,15.06.03.2006,Parit Pudin,1506031205800005,Dedi,Miskin Ekstrem,2025-01-01,16800,16800",
    ]
    path.write_text("\n".join(lines) + "\n")
    result = validate_file(path, replace(OPTIONS, period="2026-02"))
    assert result.village_code is None
    assert result.people["village_code"].tolist() == ["15.06.01.2001"] * 2 + ["15.06.03.2006"] * 2
    assert ("NIK_DUPLICATE", "D5") in {(f.code, f.cell) for f in result.finding_records()}
    quota_rows = sorted(f.row for f in result.finding_records() if f.code == "QUOTA_ENROLLED_SHORT")
    assert quota_rows == [2, 2, 4, 4]  # each village's findings point at its first row


def test_one_village_code_on_every_row_is_a_village_roster(tmp_path: Path) -> None:
    path = tmp_path / "badang.csv"
    path.write_text(
        "Kode Desa,NIK,Nama,Kategori,Jan 2026\n"
        "15.06.01.2001,1506011205800003,Ahmad,Miskin Ekstrem,16800\n"
    )
    result = validate_file(path, replace(OPTIONS, period="2026-01"))
    assert (result.village_code, result.village_name) == ("15.06.01.2001", "Badang")
    assert result.counts["miskin_ekstrem"]["active"] == 1


def test_an_ods_roster_is_checked_like_a_workbook(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "badang.ods",
        [
            ["Kode Desa : 15.06.01.2001"],
            [],
            ["No", "NIK", "Nama", "Kategori", "TMT", "Jan 2026", "Feb 2026"],
            [1, "1506011205800003", "Ahmad", "Miskin Ekstrem", "01-01-2025", 16800, 16800],
            [2, "1506011205800004", "", "Pekerja Rentan", "01-01-2025", 16800, None],
        ],
    )
    result = validate_file(path, replace(OPTIONS, period="2026-02"))
    assert result.village_code == "15.06.01.2001"
    assert ("NAMA_MISSING", "C5") in {(f.code, f.cell) for f in result.finding_records()}
    assert result.people["status"].tolist() == ["aktif", "menunggak"]


def test_a_column_between_the_months_is_not_a_month(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "badang.ods",
        [
            ["Kode Desa : 15.06.01.2001"],
            [],
            ["No", "NIK", "Nama", "Kategori", "TMT", "Jan 2026", "Catatan", "Feb 2026"],
            [1, "1506011205800003", "Ahmad", "Miskin Ekstrem", "01-01-2025", 16800, "-", 16800],
            [2, "1506011205800004", "Siti", "Pekerja Rentan", "01-01-2025", 16800, "x", None],
        ],
    )
    result = validate_file(path, replace(OPTIONS, period="2026-02"))
    assert result.people["status"].tolist() == ["aktif", "menunggak"]
    assert [(p.period, p.amount_rp) for p in result.payments.itertuples()] == [
        ("2026-01", 16800.0),
        ("2026-02", 16800.0),
        ("2026-01", 16800.0),
    ]


def test_a_signature_block_in_a_month_column_is_not_a_participant(tmp_path: Path) -> None:
    footer = [[None] * 18 + ["Badang, 5 November 2026"], [None] * 18 + ["Kepala Desa"]]
    path = write(tmp_path / "r.xlsx", [person()], footer_rows=footer)
    result = validate_file(path, OPTIONS)
    assert result.rows_read == 1
    nameless = write(tmp_path / "s.xlsx", [person(), person(nik=None, nama=None, kategori=None)])
    assert validate_file(nameless, OPTIONS).rows_read == 2  # paid months: still a row to fix


def test_files_read_in_groups_get_the_result_each_gets_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bkbk_cli.validate as validate

    good = write(tmp_path / "good.xlsx", [person()])
    short = write(tmp_path / "short.xlsx", with_nik([person()], 0, 150601120580000))
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    notes = tmp_path / "notes.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Hanya catatan, tidak ada roster"
    wb.save(notes)
    paths = [good, tmp_path / "nope.xlsx", short, cut, notes, good]
    alone = [validate_file(p, OPTIONS) for p in paths]

    monkeypatch.setattr(validate, "READ_GROUP_FILES", 4)  # two groups: 4 files, then 2
    read = validate.read_rosters(paths, OPTIONS)
    assert [type(r).__name__ for r in read] == [
        "Prepared", "FileResult", "Prepared", "FileResult", "FileResult", "Prepared",
    ]  # fmt: skip
    together = validate.validate_files(paths, OPTIONS)
    assert [r.file for r in together] == [str(p) for p in paths]
    assert [r.finding_dicts() for r in together] == [r.finding_dicts() for r in alone]
    assert [codes(r)[0] for r in together[1:5]] == [
        "FILE_NOT_FOUND", "NIK_NUMBER", "FILE_CORRUPT", "HEADER_NOT_FOUND",
    ]  # fmt: skip


def test_files_are_grouped_by_count_and_by_size(tmp_path: Path, monkeypatch) -> None:
    import bkbk_cli.validate as validate

    small = [tmp_path / f"{i}.csv" for i in range(5)]
    for p in small:
        p.write_bytes(b"x" * 10)
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 100)
    monkeypatch.setattr(validate, "READ_GROUP_FILES", 3)
    monkeypatch.setattr(validate, "READ_GROUP_BYTES", 60)
    paths = [*small[:2], big, *small[2:], tmp_path / "missing.csv"]
    assert list(validate._groups(paths)) == [(0, 3), (3, 6), (6, 7)]
