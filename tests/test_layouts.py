"""Rosters shaped as villages really send them are read as a person reads them.

Each test builds a workbook (openpyxl, merged cells included) or a CSV in one of the
layouts of issue 11 and checks the participants, the category counts, the months
paid and the findings at their cells.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from layout_rosters import (
    MONTH_ABBR,
    blt_rows,
    people,
    signature_rows,
    title_rows,
    write_csv,
    write_xlsx,
)
from roster_writer import synth_participants

from bkbk_cli.config import Config, Reading
from bkbk_cli.inspection import inspect_roster
from bkbk_cli.validate import Options
from bkbk_cli.validate import validate_file as _validate_file

OPTIONS = Options(today=dt.date(2025, 11, 20), period="2025-10")


def validate_file(path, options):
    """``validate`` of the file, and ``inspect`` of it, which must say the same numbers."""
    result = _validate_file(path, options)
    report = inspect_roster(path, options)
    assert report["readable"] and report["sheet"] == result.sheet
    assert report["rows"]["read"] == result.rows_read
    assert report["rows"]["participants"] == result.participants
    return result


def _codes(result) -> Counter:
    return Counter(f.code for f in result.finding_records())


def _at(result, code: str) -> set[str | int | None]:
    return {f.cell or f.row for f in result.finding_records() if f.code == code}


def _categories(result) -> dict[str, int]:
    return {k: v["enrolled"] for k, v in result.counts.items()}


def _paid(result) -> dict[int, int]:
    return result.people.set_index("row")["months_paid"].to_dict()


def test_two_header_rows_numbered_row_sections_subtotals_signatures_and_marks(tmp_path):
    everyone = people(4, 2)
    rows, merged, where = blt_rows(
        everyone, marks={0: {3: "v", 4: "Lunas"}, 1: {5: "x"}, 2: {2: "√", 6: "sudah bayar"}}
    )
    path = write_xlsx(tmp_path / "blt.xlsx", {"Sheet1": rows}, {"Sheet1": merged})
    result = validate_file(path, OPTIONS)

    assert result.participants == result.rows_read == 6
    assert _categories(result) == {"miskin_ekstrem": 4, "pekerja_rentan": 2}
    paid = _paid(result)
    assert paid[where[0]] == 10  # the marks are the month paid
    assert paid[where[1]] == 9  # "x" is not paid
    assert paid[where[2]] == 10
    codes = _codes(result)
    assert result.errors == 0, codes
    assert "COLUMN_MISSING" not in codes and "IURAN_INVALID" not in codes
    assert _at(result, "IURAN_MARKS") == {f"I{where[0]}"}  # the first mark, once per file
    marks = [f.message for f in result.finding_records() if f.code == "IURAN_MARKS"]
    assert marks[0].startswith("4 sel iuran")  # v, Lunas, √, sudah bayar; x is unpaid
    assert _at(result, "KATEGORI_FROM_SECTION") == {where[0] - 1, where[4] - 1}
    assert _at(result, "IURAN_GAP") == {f"K{where[1]}"}
    # nothing on the section, subtotal, total and signature rows
    person_rows = set(where.values())
    assert {f.row for f in result.finding_records() if f.row} <= person_rows | {
        where[0] - 1,
        where[4] - 1,
    }
    severities = {f.code: f.severity for f in result.finding_records()}
    assert severities["IURAN_MARKS"] == severities["KATEGORI_FROM_SECTION"] == "info"


def test_month_numbers_under_bulan_ke_with_the_year_in_the_sheet_name(tmp_path):
    everyone = people(3, 1)
    rows, merged, _where = blt_rows(everyone, numbers_as_months=True, year=2025)
    rows[0] = ["DAFTAR PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN"]  # no year in the title
    header = next(i for i, r in enumerate(rows) if r and r[0] == "No")
    rows[header][6] = "BULAN KE-"
    path = write_xlsx(tmp_path / "bulan.xlsx", {"Peserta 2025": rows}, {"Peserta 2025": merged})
    result = validate_file(path, OPTIONS)
    assert result.year == 2025
    assert result.participants == 4
    assert set(_paid(result).values()) == {10}
    assert _categories(result) == {"miskin_ekstrem": 3, "pekerja_rentan": 1}
    assert result.errors == 0, _codes(result)


def test_a_csv_with_the_heading_written_once_over_its_month_columns(tmp_path):
    everyone = people(2, 2)
    rows, _merged, _where = blt_rows(everyone)
    path = write_csv(tmp_path / "blt.csv", rows)
    result = validate_file(path, OPTIONS)
    assert result.participants == 4
    assert _categories(result) == {"miskin_ekstrem": 2, "pekerja_rentan": 2}
    assert set(_paid(result).values()) == {10}
    assert result.errors == 0, _codes(result)


def _tidy_header_rows(everyone, header_top, header_bottom, values):
    rows = title_rows()
    rows += [header_top, header_bottom]
    for i, p in enumerate(everyone):
        rows.append(values(i, p))
    return rows


def test_a_header_split_over_two_rows_and_a_merged_kategori(tmp_path):
    everyone = people(3, 2)
    top = ["No", "NIK", "Nama", "Jenis", "Tanggal", "Kategori", "Iuran", *[""] * 9]
    bottom = ["", "", "", "Kelamin", "Lahir", "", *[f"{m} 2025" for m in MONTH_ABBR[:10]]]
    rows = [*title_rows(), top, bottom]
    first = len(rows) + 1
    for i, p in enumerate(everyone):
        kategori = p.kategori if i in (0, 3) else ""  # one cell merged down each category
        rows.append(
            [i + 1, p.nik, p.nama, p.jenis_kelamin, p.tanggal_lahir, kategori, *[16800] * 10]
        )
    merged = [f"F{first}:F{first + 2}", f"F{first + 3}:F{first + 4}"]
    path = write_xlsx(tmp_path / "split.xlsx", {"Data": rows}, {"Data": merged})
    result = validate_file(path, OPTIONS)
    assert result.participants == 5
    assert _categories(result) == {"miskin_ekstrem": 3, "pekerja_rentan": 2}
    assert result.errors == 0, _codes(result)
    assert "JK_INVALID" not in _codes(result)


def test_decorated_headers_and_an_ambiguous_one(tmp_path):
    everyone = people(2, 1)
    header = [
        "No.",
        "NIK (16 digit)",
        "Nama Sesuai KTP",
        "Jenis Kelamin (L/P)",
        "Tanggal\nLahir (dd-mm-yyyy)",
        "Kategori (ME/PR)",
        "NIK / Nama",
        *[f"{m} 2025 (Rp)" for m in ("Januari", "Februari", "Maret")],
    ]
    rows = [*title_rows(), header]
    for i, p in enumerate(everyone):
        rows.append(
            [
                i + 1,
                p.nik,
                p.nama,
                p.jenis_kelamin,
                p.tanggal_lahir,
                p.kategori,
                "x",
                16800,
                16800,
                16800,
            ]
        )
    path = write_xlsx(tmp_path / "decorated.xlsx", {"Sheet1": rows})
    result = validate_file(path, Options(today=dt.date(2025, 11, 20), period="2025-03"))
    assert result.participants == 3
    assert _categories(result) == {"miskin_ekstrem": 2, "pekerja_rentan": 1}
    header_row = len(title_rows()) + 1
    assert _at(result, "HEADER_AMBIGUOUS") == {f"G{header_row}"}
    assert set(_paid(result).values()) == {3}
    assert result.errors == 0, _codes(result)


def test_tick_columns_for_category_and_sex(tmp_path):
    everyone = people(2, 2)
    top = ["No", "NIK", "Nama", "Jenis Kelamin", "", "Kategori", "", "Iuran Bulan", *[""] * 9]
    bottom = ["", "", "", "L", "P", "ME", "PR", *MONTH_ABBR[:10]]
    rows = [*title_rows(), top, bottom]
    for i, p in enumerate(everyone):
        sex = ["v", ""] if p.jenis_kelamin == "L" else ["", "√"]
        kategori = ["v", ""] if p.kategori == "Miskin Ekstrem" else ["", "x"]
        rows.append([i + 1, p.nik, p.nama, *sex, *kategori, *[16800] * 10])
    header_at = len(title_rows()) + 1
    merged = [
        f"D{header_at}:E{header_at}",
        f"F{header_at}:G{header_at}",
        f"H{header_at}:Q{header_at}",
    ]
    path = write_xlsx(tmp_path / "ticks.xlsx", {"Sheet1": rows}, {"Sheet1": merged})
    result = validate_file(path, OPTIONS)
    assert result.participants == 4
    assert _categories(result) == {"miskin_ekstrem": 2, "pekerja_rentan": 2}
    codes = _codes(result)
    assert codes["KATEGORI_FROM_TICKS"] == codes["JK_FROM_TICKS"] == 1
    assert "JK_INVALID" not in codes and "COLUMN_MISSING" not in codes
    assert result.errors == 0, codes


def test_tempat_tgl_lahir_gives_the_birth_date(tmp_path):
    everyone = people(2, 0)
    header = [
        "No",
        "NIK",
        "Nama",
        "Tempat/Tgl Lahir",
        "Kategori",
        *[f"{m} 2025" for m in MONTH_ABBR[:10]],
    ]
    rows = [*title_rows(), header]
    for i, p in enumerate(everyone):
        born = p.tanggal_lahir.strftime("%d-%m-%Y")
        rows.append([i + 1, p.nik, p.nama, f"Kuala Tungkal, {born}", p.kategori, *[16800] * 10])
    rows.append(
        [
            3,
            everyone[0].nik[:-1] + "9",
            "Budi",
            "Kuala Tungkal, 31-02-1980",
            "Miskin Ekstrem",
            *[16800] * 10,
        ]
    )
    path = write_xlsx(tmp_path / "ttl.xlsx", {"Sheet1": rows})
    result = validate_file(path, OPTIONS)
    assert result.participants == 3
    last = len(rows)
    assert _at(result, "TGL_LAHIR_INVALID") == {f"D{last}"}  # checked like Tanggal Lahir
    assert "TGL_LAHIR_MISSING" not in _codes(result)
    assert _codes(result)["TGL_LAHIR_FROM_TTL"] == 1


def test_blank_rows_between_people_and_a_signature_without_a_total(tmp_path):
    everyone = people(3, 1)
    header = ["No", "NIK", "Nama", "Kategori", *[f"{m} 2025" for m in MONTH_ABBR[:10]]]
    rows = [*title_rows(), header]
    for i, p in enumerate(everyone):
        rows.append([i + 1, p.nik, p.nama, p.kategori, *[16800] * 10])
        rows.append([])
    rows += [["", "", "Kepala Desa Badang"], ["", "", "( H. SUPRIADI )"], ["", "", "NIP. -"]]
    rows += signature_rows(14)
    path = write_xlsx(tmp_path / "sig.xlsx", {"Sheet1": rows})
    result = validate_file(path, OPTIONS)
    assert result.participants == result.rows_read == 4
    assert "NAMA_MISSING" not in _codes(result) and "NIK_MISSING" not in _codes(result)
    assert result.errors == 0, _codes(result)


def test_roman_section_rows_in_the_name_column(tmp_path):
    everyone = people(2, 2)
    header = ["No", "NIK", "Nama", *[f"{m} 2025" for m in MONTH_ABBR[:10]]]
    rows = [*title_rows(), header]
    for label, kategori in (
        ("I. MISKIN EKSTREM", "Miskin Ekstrem"),
        ("II. PEKERJA RENTAN", "Pekerja Rentan"),
    ):
        rows.append(["", "", label])
        for p in everyone:
            if p.kategori == kategori:
                rows.append([1, p.nik, p.nama, *[16800] * 10])
        rows.append(["", "SUB TOTAL", "", *[16800 * 2] * 10])
    path = write_xlsx(tmp_path / "roman.xlsx", {"Sheet1": rows})
    result = validate_file(path, OPTIONS)
    assert _categories(result) == {"miskin_ekstrem": 2, "pekerja_rentan": 2}
    assert result.errors == 0, _codes(result)


def test_payment_marks_are_configuration(tmp_path):
    everyone = people(1, 0)
    rows, merged, where = blt_rows(everyone, marks={0: {1: "OK"}})
    path = write_xlsx(tmp_path / "ok.xlsx", {"Sheet1": rows}, {"Sheet1": merged})
    default = validate_file(path, OPTIONS)
    assert _at(default, "IURAN_INVALID") == {f"G{where[0]}"}
    config = Config(reading=Reading(paid_marks=["ok"]))
    custom = validate_file(path, Options(config=config, today=OPTIONS.today, period="2025-10"))
    assert "IURAN_INVALID" not in _codes(custom)
    assert _paid(custom)[where[0]] == 10


def _plain_rows(everyone, title, kategori_column=True):
    header = ["No", "NIK", "Nama", *(["Kategori"] if kategori_column else [])]
    header += [f"{m} 2025" for m in MONTH_ABBR[:10]]
    rows = [*title, header]
    for i, p in enumerate(everyone):
        rows.append(
            [i + 1, p.nik, p.nama, *([p.kategori] if kategori_column else []), *[16800] * 10]
        )
    return rows


def test_one_sheet_per_category_is_one_roster(tmp_path):
    everyone = people(3, 2)
    me = [p for p in everyone if p.kategori == "Miskin Ekstrem"]
    pr = [p for p in everyone if p.kategori == "Pekerja Rentan"]
    sheets = {
        "Petunjuk": [["Isi NIK 16 digit sesuai KTP."]],
        "Miskin Ekstrem": _plain_rows(me, title_rows(), kategori_column=False),
        "Pekerja Rentan": _plain_rows(pr, title_rows(), kategori_column=False),
    }
    path = write_xlsx(tmp_path / "per_kategori.xlsx", sheets)
    result = validate_file(path, OPTIONS)
    assert result.participants == 5
    assert _categories(result) == {"miskin_ekstrem": 3, "pekerja_rentan": 2}
    assert result.errors == 0, _codes(result)
    assert {(f.code, f.sheet) for f in result.finding_records() if f.severity == "info"} == {
        ("KATEGORI_FROM_SHEET", "Miskin Ekstrem"),
        ("KATEGORI_FROM_SHEET", "Pekerja Rentan"),
    }


def test_a_finding_points_at_the_sheet_and_cell_of_its_row(tmp_path):
    everyone = people(2, 2)
    me = [p for p in everyone if p.kategori == "Miskin Ekstrem"]
    pr = [p for p in everyone if p.kategori == "Pekerja Rentan"]
    rows_pr = _plain_rows(pr, title_rows(), kategori_column=False)
    rows_pr[-1][2] = ""  # a name missing on the second sheet's last row
    sheets = {
        "Miskin Ekstrem": _plain_rows(me, title_rows(), kategori_column=False),
        "Pekerja Rentan": rows_pr,
    }
    result = validate_file(write_xlsx(tmp_path / "k.xlsx", sheets), OPTIONS)
    missing = [f for f in result.finding_records() if f.code == "NAMA_MISSING"]
    assert [(f.sheet, f.cell) for f in missing] == [("Pekerja Rentan", f"C{len(rows_pr)}")]


def test_a_kecamatan_workbook_with_a_sheet_per_village(tmp_path):
    badang = people(3, 1)
    tayas = synth_participants("15.06.01.2002", 2025, months=12, seed=5)[:2]
    sheets = {
        "Badang": _plain_rows(badang, title_rows()),
        "Tanjung Tayas": _plain_rows(tayas, title_rows(code="15.06.01.2002")),
    }
    sheets["Tanjung Tayas"][3] = ["Desa : Tanjung Tayas"]
    result = validate_file(write_xlsx(tmp_path / "kecamatan.xlsx", sheets), OPTIONS)
    assert result.participants == 6
    villages = Counter(result.row_villages.tolist())
    assert villages == {"15.06.01.2001": 4, "15.06.01.2002": 2}
    assert "VILLAGE_NAME_MISMATCH" not in _codes(result)


def test_a_sheet_with_a_block_per_village(tmp_path):
    badang = people(2, 1)
    tayas = synth_participants("15.06.01.2002", 2025, months=12, seed=5)[:2]
    second = title_rows(code="15.06.01.2002")
    second[3] = ["Desa : Tanjung Tayas"]
    rows = [*_plain_rows(badang, title_rows()), [], [], *_plain_rows(tayas, second)]
    result = validate_file(write_xlsx(tmp_path / "blocks.xlsx", {"Rekap": rows}), OPTIONS)
    assert result.participants == 5
    assert Counter(result.row_villages.tolist()) == {"15.06.01.2001": 3, "15.06.01.2002": 2}
    assert "NIK_FORMAT" not in _codes(result)  # the repeated header is not a participant
    nama_missing = _at(result, "NAMA_MISSING")
    assert nama_missing == set()


def test_sections_that_are_not_categories_leave_the_kategori_column_alone(tmp_path):
    everyone = people(2, 2)
    header = ["No", "NIK", "Nama", "Kategori", *[f"{m} 2025" for m in MONTH_ABBR[:10]]]
    rows = [*title_rows(), header, ["A. DUSUN I"]]
    for i, p in enumerate(everyone):
        if i == 2:
            rows.append(["B. DUSUN II"])
        rows.append([i + 1, p.nik, p.nama, p.kategori, *[16800] * 10])
    result = validate_file(write_xlsx(tmp_path / "dusun.xlsx", {"Sheet1": rows}), OPTIONS)
    assert result.participants == 4
    assert _categories(result) == {"miskin_ekstrem": 2, "pekerja_rentan": 2}
    assert "KATEGORI_FROM_SECTION" not in _codes(result)
    assert result.errors == 0, _codes(result)


def test_me_pr_columns_in_one_header_row_and_a_plain_numbered_row(tmp_path):
    everyone = people(2, 1)
    header = ["No", "NIK", "Nama", "ME", "PR", *[f"{m} 2025" for m in MONTH_ABBR[:10]]]
    rows = [*title_rows(), header, list(range(1, 16))]
    for i, p in enumerate(everyone):
        ticks = ["v", ""] if p.kategori == "Miskin Ekstrem" else ["", "v"]
        rows.append([i + 1, p.nik, p.nama, *ticks, *[16800] * 10])
    both = synth_participants("15.06.01.2001", 2025, months=12, seed=3)[-1]
    rows.append([4, both.nik, both.nama, "v", "v", *[16800] * 10])  # ticked twice
    result = validate_file(write_xlsx(tmp_path / "mepr.xlsx", {"Sheet1": rows}), OPTIONS)
    assert result.rows_read == 4  # the row "1 2 3 ..." under the header is not a person
    assert _categories(result) == {"miskin_ekstrem": 2, "pekerja_rentan": 1}
    assert _at(result, "KATEGORI_INVALID") == {f"D{len(rows)}"}  # two ticks: not a choice
    assert _codes(result)["KATEGORI_FROM_TICKS"] == 1


def test_an_old_xls_with_two_header_rows_merged_heading_sections_and_marks():
    """An Excel 97-2003 file in the same layout as the first test (made once by
    ``tests/data/make_layout_xls.py``): merged cells and marks read as in an .xlsx."""
    from pathlib import Path

    from layout_rosters import blt_rows

    path = Path(__file__).parent / "data" / "blt_layout.xls"
    _rows, _merged, where = blt_rows(
        people(4, 2), marks={0: {3: "v", 4: "Lunas"}, 1: {5: "x"}, 2: {2: "√", 6: "sudah bayar"}}
    )
    result = validate_file(path, OPTIONS)

    assert result.participants == result.rows_read == 6
    assert _categories(result) == {"miskin_ekstrem": 4, "pekerja_rentan": 2}
    paid = _paid(result)
    assert (paid[where[0]], paid[where[1]], paid[where[2]]) == (10, 9, 10)
    assert result.errors == 0, _codes(result)
    assert _at(result, "IURAN_MARKS") == {f"I{where[0]}"}
    assert _at(result, "KATEGORI_FROM_SECTION") == {where[0] - 1, where[4] - 1}
