"""The roster writer writes values as given, and synthesises valid, reproducible people.

Files are read back with python-calamine (what the reader uses) and, where the
cell *type* matters, with openpyxl.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from roster_writer import (
    ALTERNATIVE_HEADERS,
    CANONICAL_HEADERS,
    Participant,
    RosterSpec,
    district_prefix,
    header_row,
    make_nik,
    month_label,
    roster_periods,
    synth_participants,
    write_roster,
)

VILLAGE = "15.06.01.2001"


def _spec(participants: list[Participant], **layout: object) -> RosterSpec:
    return RosterSpec(
        village_code=VILLAGE,
        village_name="Badang",
        district_name="Tungkal Ulu",
        regency_name="Kabupaten Tanjung Jabung Barat",
        year=2026,
        participants=participants,
        **layout,  # type: ignore[arg-type]
    )


def _rows(path: Path, sheet: str = "Roster") -> list[list[object]]:
    """All rows from A1 (calamine's default would skip leading empty rows)."""
    sheet_ = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet)
    return sheet_.to_python(skip_empty_area=False)


def _person(**fields: object) -> Participant:
    base: dict[str, object] = {
        "nik": "1506011205800003",
        "nama": "Ahmad Siregar",
        "jenis_kelamin": "L",
        "tanggal_lahir": date(1980, 5, 12),
        "kategori": "Miskin Ekstrem",
        "pekerjaan": "Petani",
        "no_kpj": "24123456789",
        "tanggal_terdaftar": date(2024, 3, 1),
        "payments": {1: 16800, 2: 16800},
    }
    base.update(fields)
    return Participant(**base)  # type: ignore[arg-type]


def _decode_nik(nik: str) -> tuple[date, str]:
    """Birth date and sex from a NIK, decoded independently of the writer's code."""
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "P" if day > 40 else "L"
    day = day - 40 if day > 40 else day
    year = 2000 + yy if yy <= 26 else 1900 + yy  # people aged 18-64 in 2024-2026
    return date(year, month, day), sex


# ---------------------------------------------------------------- cell types


def test_nik_text_stays_text_and_int_nik_becomes_a_number(tmp_path: Path) -> None:
    text_nik = "1506011205800003"
    number_nik = 1506015205800000  # what Excel keeps of a NIK typed as a number
    path = write_roster(
        _spec(
            [_person(nik=text_nik), _person(nik=number_nik, jenis_kelamin="P")], title_block=False
        ),
        tmp_path / "r.xlsx",
    )
    rows = _rows(path)
    assert rows[0][1] == "NIK"
    assert rows[1][1] == text_nik
    assert isinstance(rows[2][1], int | float) and not isinstance(rows[2][1], str)
    assert int(rows[2][1]) == number_nik

    ws = openpyxl.load_workbook(path)["Roster"]
    assert ws["B2"].data_type == "s" and ws["B2"].number_format == "@"
    assert ws["B3"].data_type == "n"


def test_formula_looking_strings_are_written_as_text(tmp_path: Path) -> None:
    risky = ["=SUM(A1:A9)", "+62 812 3456", "-", "@kades", "=1+1"]
    person = _person(
        nama=risky[0],
        pekerjaan=risky[1],
        kategori=risky[2],
        no_kpj=risky[3],
        payments={1: risky[4], 2: "Rp 16.800", 3: "16,800"},
    )
    path = write_roster(
        _spec([person], title_block=False, header_labels={"nama": "=Nama"}, months=[1, 2, 3]),
        tmp_path / "r.xlsx",
    )
    ws = openpyxl.load_workbook(path)["Roster"]
    cells = {ws.cell(1, c).value: ws.cell(2, c) for c in range(1, ws.max_column + 1)}
    assert ws["C1"].value == "=Nama" and ws["C1"].data_type == "s"
    assert cells["=Nama"].value == risky[0]
    assert cells["Pekerjaan"].value == risky[1]
    assert cells["Kategori"].value == risky[2]
    assert cells["No KPJ"].value == risky[3]
    assert cells["Jan 2026"].value == risky[4]
    for cell in (cells["=Nama"], cells["Pekerjaan"], cells["Kategori"], cells["Jan 2026"]):
        assert cell.data_type == "s", cell.coordinate
    # calamine sees the literal text, not a formula result
    rows = _rows(path)
    assert rows[1][2] == risky[0]
    assert rows[1][9:12] == [risky[4], "Rp 16.800", "16,800"]


def test_dates_as_dates_and_strings_as_typed(tmp_path: Path) -> None:
    person = _person(tanggal_lahir="12 Mei 1980", tanggal_terdaftar=date(2024, 3, 1))
    other = _person(tanggal_lahir=date(1980, 5, 12), tanggal_terdaftar="01-03-2024")
    rows = _rows(write_roster(_spec([person, other], title_block=False), tmp_path / "r.xlsx"))
    assert rows[1][4] == "12 Mei 1980"
    assert rows[1][8] == date(2024, 3, 1)
    assert rows[2][4] == date(1980, 5, 12)
    assert rows[2][8] == "01-03-2024"


def test_blank_payment_is_an_empty_cell(tmp_path: Path) -> None:
    person = _person(payments={"2026-01": 16800, "2026-02": None, 3: 8400})
    rows = _rows(write_roster(_spec([person], title_block=False), tmp_path / "r.xlsx"))
    assert rows[1][9:13] == [16800, "", 8400, ""]


# ---------------------------------------------------------------- layout


def test_title_block_and_header_position(tmp_path: Path) -> None:
    spec = _spec([_person()], blank_rows_above=2)
    rows = _rows(write_roster(spec, tmp_path / "r.xlsx"))
    assert header_row(spec) == 2 + 5 + 1 + 1
    header = rows[header_row(spec) - 1]
    assert header[:9] == [CANONICAL_HEADERS[k] for k in CANONICAL_HEADERS]
    assert rows[2][0] == "DAFTAR PESERTA BPJS KETENAGAKERJAAN BKBK TAHUN 2026"
    assert [r[0] for r in rows[3:7]] == [
        "Kabupaten : Tanjung Jabung Barat",
        "Kecamatan : Tungkal Ulu",
        "Desa/Kelurahan : Badang",
        "Kode Desa : 15.06.01.2001",
    ]
    assert rows[header_row(spec)][1] == "1506011205800003"


def test_split_title_cells_and_merges(tmp_path: Path) -> None:
    spec = _spec([_person()], title_split_cells=True, merged_title=True)
    path = write_roster(spec, tmp_path / "r.xlsx")
    rows = _rows(path)
    assert rows[2][:3] == ["Kecamatan", ":", "Tungkal Ulu"]
    assert rows[4][:3] == ["Kode Desa", ":", VILLAGE]
    ws = openpyxl.load_workbook(path)["Roster"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:U1" in merged  # 9 fields + 12 months
    assert "C4:F4" in merged


def test_no_merges_unless_asked(tmp_path: Path) -> None:
    path = write_roster(_spec([_person()]), tmp_path / "r.xlsx")
    assert not openpyxl.load_workbook(path)["Roster"].merged_cells.ranges


def test_instructions_sheet_comes_first(tmp_path: Path) -> None:
    spec = _spec([_person()], instructions_sheet=True, sheet_name="Data Peserta")
    path = write_roster(spec, tmp_path / "r.xlsx")
    wb = CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == ["Petunjuk", "Data Peserta"]
    assert "PETUNJUK" in str(_rows(path, "Petunjuk")[0][0])


def test_column_order_alternative_headers_and_month_styles(tmp_path: Path) -> None:
    order = ["no", "nama", "nik", "kategori", "jenis_kelamin", "tanggal_lahir", "months"]
    labels = {
        "nik": ALTERNATIVE_HEADERS["nik"][0],
        "jenis_kelamin": "L/P",
        "tanggal_lahir": "Tgl Lahir",
    }
    spec = _spec(
        [_person()],
        title_block=False,
        column_order=order,
        header_labels=labels,
        month_style="long",
        months=[1, 2],
    )
    rows = _rows(write_roster(spec, tmp_path / "r.xlsx"))
    assert rows[0] == [
        "No",
        "Nama",
        "No. Induk Kependudukan",
        "Kategori",
        "L/P",
        "Tgl Lahir",
        "Januari 2026",
        "Februari 2026",
    ]
    assert rows[1][:3] == [1, "Ahmad Siregar", "1506011205800003"]


@pytest.mark.parametrize(
    ("style", "january", "december"),
    [
        ("short", "Jan 2026", "Des 2026"),
        ("long", "Januari 2026", "Desember 2026"),
        ("dash", "Jan-26", "Des-26"),
        ("date", date(2026, 1, 1), date(2026, 12, 1)),
    ],
)
def test_month_header_styles(tmp_path: Path, style: str, january: object, december: object) -> None:
    assert month_label("2026-01", style) == january  # type: ignore[arg-type]
    spec = _spec([_person()], title_block=False, month_style=style)
    rows = _rows(write_roster(spec, tmp_path / "r.xlsx"))
    assert rows[0][9] == january and rows[0][20] == december


def test_months_across_years_and_totals_row(tmp_path: Path) -> None:
    people = [
        _person(payments={"2025-12": 16800, 1: 16800}),
        _person(nik="1506015205800004", payments={"2025-12": 8400, 1: "Rp 16.800"}),
    ]
    spec = _spec(people, title_block=False, months=["2025-12", 1], totals_row=True)
    assert roster_periods(spec) == ["2025-12", "2026-01"]
    rows = _rows(write_roster(spec, tmp_path / "r.xlsx"))
    assert rows[0][9:] == ["Des 2025", "Jan 2026"]
    assert rows[3][0] == "JUMLAH"
    assert rows[3][9:] == [25200, 16800]  # the text amount is not summed


def test_footer_rows_follow_a_blank_row(tmp_path: Path) -> None:
    spec = _spec([_person()], title_block=False, footer_rows=[["Mengetahui,"], ["Kepala Desa"]])
    rows = _rows(write_roster(spec, tmp_path / "r.xlsx"))
    assert all(v == "" for v in rows[2])
    assert rows[3][0] == "Mengetahui," and rows[4][0] == "Kepala Desa"


def test_csv_has_title_lines_header_and_rows_but_no_totals(tmp_path: Path) -> None:
    person = _person(nik=1506011205800000, tanggal_lahir="12-05-1980")
    spec = _spec([person], totals_row=True, months=[1, 2])
    path = write_roster(spec, tmp_path / "titled.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        titled = list(csv.reader(handle))
    assert titled[0][0].startswith("DAFTAR PESERTA")
    assert any(line and line[0].startswith("Kode Desa") for line in titled)
    assert titled[-1][1] == "1506011205800000"

    spec = _spec([person], totals_row=True, months=[1, 2], title_block=False)
    path = write_roster(spec, tmp_path / "r.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert len(lines) == 2
    assert lines[0][:2] == ["No", "NIK"] and lines[0][-2:] == ["Jan 2026", "Feb 2026"]
    assert lines[1][:5] == ["1", "1506011205800000", "Ahmad Siregar", "L", "12-05-1980"]
    assert lines[1][8] == "2024-03-01"


def test_rejects_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xls"):
        write_roster(_spec([]), tmp_path / "r.xls")
    with pytest.raises(ValueError, match="unknown column"):
        write_roster(_spec([], column_order=["nik", "alamat"]), tmp_path / "r.xlsx")
    with pytest.raises(ValueError, match="month"):
        write_roster(_spec([_person(payments={13: 16800})]), tmp_path / "r.xlsx")
    with pytest.raises(ValueError, match="twice"):
        write_roster(_spec([_person(payments={1: 16800, "2026-01": 8400})]), tmp_path / "r.xlsx")


def test_empty_template(tmp_path: Path) -> None:
    """What ``bkbk template`` needs: title, header, numbered blank rows."""
    blanks = [Participant(nik=None, nama=None) for _ in range(3)]
    spec = _spec(blanks, months=range(1, 11))
    path = write_roster(spec, tmp_path / "t.xlsx")
    rows = _rows(path)
    assert rows[header_row(spec)][0] == 1 and rows[-1][0] == 3
    assert rows[header_row(spec)][1:] == [""] * 18
    ws = openpyxl.load_workbook(path)["Roster"]
    assert ws.column_dimensions["B"].number_format == "@"  # typed NIKs stay text


# ---------------------------------------------------------------- synthesis


def test_make_nik_encodes_birth_date_and_sex() -> None:
    assert make_nik("150601", date(1980, 5, 12), "L", 3) == "1506011205800003"
    assert make_nik("150601", date(1980, 5, 12), "P", 3) == "1506015205800003"
    assert district_prefix("15.07.01.2002") == "150701"
    with pytest.raises(ValueError):
        make_nik("15060", date(1980, 5, 12), "L", 3)
    with pytest.raises(ValueError):
        district_prefix("15.06")


def test_synth_people_are_valid() -> None:
    people = synth_participants("15.07.01.2002", 2026, months=10)
    assert len(people) == 75
    assert [p.kategori for p in people] == ["Miskin Ekstrem"] * 50 + ["Pekerja Rentan"] * 25
    niks = [p.nik for p in people]
    assert len(set(niks)) == 75
    assert len({p.no_kpj for p in people}) == 75
    for p in people:
        assert isinstance(p.nik, str) and len(p.nik) == 16 and p.nik.isdigit()
        assert p.nik.startswith("150701")
        born, sex = _decode_nik(p.nik)
        assert born == p.tanggal_lahir
        assert sex == p.jenis_kelamin
        assert isinstance(p.no_kpj, str) and len(p.no_kpj) == 11 and p.no_kpj.isdigit()
        assert p.nama and p.pekerjaan
        assert isinstance(p.tanggal_terdaftar, date) and isinstance(p.tanggal_lahir, date)
        enrolled, birth = p.tanggal_terdaftar, p.tanggal_lahir
        age = (
            enrolled.year - birth.year - ((enrolled.month, enrolled.day) < (birth.month, birth.day))
        )
        assert 18 <= age <= 64
        assert enrolled <= date(2026, 10, 28)
        assert sorted(p.payments) == [f"2026-{m:02d}" for m in range(1, 11)]
        for key, amount in p.payments.items():
            due = (2026, int(key[5:])) >= (enrolled.year, enrolled.month)
            assert amount == (16800 if due else None), (key, enrolled)
    women = sum(p.jenis_kelamin == "P" for p in people)
    assert 20 < women < 55
    assert any(p.tanggal_terdaftar.year == 2026 for p in people)  # type: ignore[union-attr]
    assert sum(p.tanggal_terdaftar.year < 2026 for p in people) > 55  # type: ignore[union-attr]


def test_synth_is_deterministic() -> None:
    a = synth_participants(VILLAGE, 2026, seed=7)
    b = synth_participants(VILLAGE, 2026, seed=7)
    c = synth_participants(VILLAGE, 2026, seed=8)
    assert a == b
    assert a != c
    # no seed: the village and year choose one, so villages differ but repeat
    assert synth_participants(VILLAGE, 2026) == synth_participants(VILLAGE, 2026)
    assert synth_participants(VILLAGE, 2026) != synth_participants("15.06.01.2002", 2026)


def test_same_spec_gives_same_content(tmp_path: Path) -> None:
    spec = _spec(synth_participants(VILLAGE, 2026, seed=1), merged_title=True, totals_row=True)
    first = _rows(write_roster(spec, tmp_path / "a.xlsx"))
    second = _rows(write_roster(spec, tmp_path / "b.xlsx"))
    assert first == second
    assert len(first) == header_row(spec) + 75 + 1


def test_synth_gaps_and_arrears() -> None:
    people = synth_participants(
        VILLAGE, 2026, seed=3, months=10, mid_year_share=0, n_gaps=2, n_arrears=1
    )
    patterns = [[p.payments[f"2026-{m:02d}"] is not None for m in range(1, 11)] for p in people]
    gaps = [row for row in patterns if not all(row) and row[-1]]
    arrears = [row for row in patterns if not row[-1]]
    assert len(gaps) == 2
    assert all(row.count(False) == 1 for row in gaps)
    assert arrears == [[True] * 6 + [False] * 4]
    assert sum(all(row) for row in patterns) == 72


def test_synth_counts_and_options() -> None:
    people = synth_participants(VILLAGE, 2026, 40, 20, upper_names=True, months=3)
    assert len(people) == 60
    assert sum(p.kategori == "Pekerja Rentan" for p in people) == 20
    assert all(p.nama == p.nama.upper() for p in people if p.nama)
    with pytest.raises(ValueError):
        synth_participants(VILLAGE, 2026, months=13)
    with pytest.raises(ValueError):
        synth_participants(VILLAGE, 2026, 1, 0, mid_year_share=0, n_gaps=2)


# ---------------------------------------------------------------- sample data


def test_sample_script_writes_the_planted_faults(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[1] / "sample_data" / "make_samples.py"
    if not script.exists():
        pytest.skip("sample_data/make_samples.py not present")
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True)
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".csv"))
    assert len(written) >= 5
    assert any(name.endswith(".csv") for name in written)
    committed = script.parent
    for name in written:  # the committed samples are exactly what the script writes
        assert (committed / name).read_bytes() == (tmp_path / name).read_bytes(), name

    rows = _rows(tmp_path / "parit_pudin_2026.xlsx", "Peserta")
    header = 8
    assert rows[header - 1][:2] == ["No", "NIK"]
    assert isinstance(rows[header + 2][1], float)  # No 3: NIK stored as a number
    assert len(rows[header + 5][1]) == 15  # No 6
    assert rows[header + 11][1] == rows[header + 1][1]  # No 12 duplicates No 2
    assert rows[header + 75][0] == "JUMLAH"
