"""Write the sample rosters in this folder (deterministic; see README.md).

    python sample_data/make_samples.py [OUT_DIR]

Five real villages of Tanjung Jabung Barat (15.06) and Tanjung Jabung Timur
(15.07), codes and names from the Kemendagri list in
/work/shared/reference/jambi_wilayah.csv. Year 2026, months January-October
(the default evaluation period is 2026-10). Row numbers below are the roster's
"No" column; README.md gives the Excel rows.
"""

from __future__ import annotations

import re
import sys
import zipfile
from datetime import date
from pathlib import Path

# The roster writer is a test fixture (tests/roster_writer.py), not part of the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from roster_writer import (
    MONTH_NAMES_ID,
    CellValue,
    Participant,
    RosterSpec,
    district_prefix,
    make_nik,
    synth_participants,
    write_roster,
)

YEAR = 2026
MONTHS = 10  # January..October 2026
MONTH_COLUMNS = list(range(1, MONTHS + 1))
TJB = "Kabupaten Tanjung Jabung Barat"
TJT = "Kabupaten Tanjung Jabung Timur"

# (code, village, district, regency) as in the Kemendagri list
BADANG = ("15.06.01.2001", "Badang", "Tungkal Ulu", TJB)
PARIT_PUDIN = ("15.06.03.2006", "Parit Pudin", "Pengabuan", TJB)
TUNGKAL_EMPAT_KOTA = ("15.06.02.1004", "Tungkal Empat Kota", "Tungkal Ilir", TJB)
LAMBUR = ("15.07.01.2002", "Lambur", "Muara Sabak Timur", TJT)
SIMPANG_JELITA = ("15.07.02.2003", "Simpang Jelita", "Nipah Panjang", TJT)


def _spec(
    village: tuple[str, str, str, str], people: list[Participant], **layout: object
) -> RosterSpec:
    code, name, district, regency = village
    return RosterSpec(
        village_code=code,
        village_name=name,
        district_name=district,
        regency_name=regency,
        year=YEAR,
        participants=people,
        months=MONTH_COLUMNS,
        **layout,  # type: ignore[arg-type]
    )


def _period(month: int) -> str:
    return f"{YEAR}-{month:02d}"


def badang() -> RosterSpec:
    """Clean: 50 + 25, everyone enrolled before 2026 and paid every month."""
    people = synth_participants(BADANG[0], YEAR, months=MONTHS, mid_year_share=0, seed=20260)
    return _spec(BADANG, people, merged_title=True, sheet_name="BKBK 2026")


def parit_pudin() -> RosterSpec:
    """The typical faults, one or two per row, on the rows listed in README.md."""
    people = synth_participants(PARIT_PUDIN[0], YEAR, months=MONTHS, mid_year_share=0, seed=20261)
    prefix = district_prefix(PARIT_PUDIN[0])

    def row(no: int) -> Participant:
        return people[no - 1]

    def nik(no: int) -> str:
        value = row(no).nik
        assert isinstance(value, str)
        return value

    # NIK typed as a number: Excel keeps 15 significant digits, so the true NIK
    # ...0053 is stored as the number ...0050.
    born = row(3).tanggal_lahir
    assert isinstance(born, date) and row(3).jenis_kelamin == "L"
    row(3).nik = int(make_nik(prefix, born, "L", 53)[:15] + "0")
    row(6).nik = nik(6)[:15]  # a digit short
    row(9).nik = nik(9)[:6] + "35" + nik(9)[8:]  # birth day 35: neither a man's nor a woman's
    # the person of row 2 entered again, name spelled differently, own KPJ
    row(12).nik = nik(2)
    row(12).tanggal_lahir = row(2).tanggal_lahir
    row(12).jenis_kelamin = row(2).jenis_kelamin
    row(12).nama = "SURYANI H."
    row(15).nama = None
    row(18).kategori = "Miskin Ekstrim"  # accepted spelling
    row(22).kategori = "Miskin Ekstrim"
    assert row(19).jenis_kelamin == "L" and row(20).jenis_kelamin == "P"
    row(19).jenis_kelamin = "Laki-laki"  # accepted
    row(20).jenis_kelamin = "Perempuan"  # accepted
    born = row(24).tanggal_lahir
    assert isinstance(born, date)
    row(24).tanggal_lahir = born.replace(year=born.year + 2, day=min(born.day, 28))
    # 68 at enrolment (21 Apr 2025); NIK agrees with the (old) birth date
    old = date(1957, 3, 10)
    row(27).tanggal_lahir = old
    row(27).nik = make_nik(prefix, old, "L", 7)
    assert row(27).jenis_kelamin == "L"
    kpj = row(30).no_kpj
    assert isinstance(kpj, str)
    row(30).no_kpj = kpj[:10]
    row(33).payments[_period(4)] = None  # gap in April
    row(36).payments[_period(2)] = None  # gap in February-March
    row(36).payments[_period(3)] = None
    row(39).payments[_period(6)] = 8400  # half the contribution in June
    for month in range(7, 11):  # July-October unpaid: nonaktif at 2026-10
        row(42).payments[_period(month)] = None
    for month in MONTH_COLUMNS:
        row(45).payments[_period(month)] = "Rp 16.800"
        row(48).payments[_period(month)] = "16,800"
    born = row(52).tanggal_lahir
    assert isinstance(born, date)
    row(52).tanggal_lahir = born.strftime("%d-%m-%Y")
    row(55).kategori = "Lansia"
    born = row(58).tanggal_lahir
    assert isinstance(born, date) and born.month == 5
    row(58).tanggal_lahir = f"{born.day} {MONTH_NAMES_ID[born.month - 1]} {born.year}"

    footer: list[list[CellValue]] = [
        [None, None, None, None, None, None, "Parit Pudin, 5 November 2026"],
        [None, None, None, None, None, None, "Kepala Desa Parit Pudin"],
        [],
        [None, None, None, None, None, None, "( ............................ )"],
    ]
    return _spec(
        PARIT_PUDIN,
        people,
        title_split_cells=True,
        blank_rows_above=1,
        month_style="long",
        totals_row=True,
        footer_rows=footer,
        sheet_name="Peserta",
    )


def lambur() -> RosterSpec:
    """Short of its quota (40 + 20); a different layout throughout."""
    people = synth_participants(LAMBUR[0], YEAR, 40, 20, months=MONTHS, seed=20262)
    order = [
        "no",
        "nama",
        "nik",
        "jenis_kelamin",
        "tanggal_lahir",
        "kategori",
        "pekerjaan",
        "tanggal_terdaftar",
        "no_kpj",
        "months",
    ]
    labels = {
        "no": "No.",
        "nama": "Nama Lengkap",
        "nik": "No. Induk Kependudukan",
        "jenis_kelamin": "L/P",
        "tanggal_lahir": "Tgl Lahir",
        "kategori": "Kategori Peserta",
        "tanggal_terdaftar": "TMT",
        "no_kpj": "Nomor KPJ",
    }
    return _spec(
        LAMBUR,
        people,
        instructions_sheet=True,
        merged_title=True,
        column_order=order,
        header_labels=labels,
        month_style="date",
        sheet_name="Data Peserta",
    )


def simpang_jelita() -> RosterSpec:
    """No title block, header on row 1, "Jan-26" months; gaps and arrears only."""
    people = synth_participants(
        SIMPANG_JELITA[0],
        YEAR,
        months=MONTHS,
        seed=20263,
        n_gaps=2,
        n_arrears=1,
        arrears_months=2,
        upper_names=True,
    )
    return _spec(SIMPANG_JELITA, people, title_block=False, month_style="dash", sheet_name="Sheet1")


def tungkal_empat_kota() -> RosterSpec:
    """Clean, as CSV: 50 + 25, a few enrolled during 2026."""
    people = synth_participants(TUNGKAL_EMPAT_KOTA[0], YEAR, months=MONTHS, seed=20264)
    return _spec(TUNGKAL_EMPAT_KOTA, people)


SAMPLES = {
    "badang_2026.xlsx": badang,
    "parit_pudin_2026.xlsx": parit_pudin,
    "lambur_2026.xlsx": lambur,
    "simpang_jelita_2026.xlsx": simpang_jelita,
    "tungkal_empat_kota_2026.csv": tungkal_empat_kota,
}


def _freeze(path: Path) -> None:
    """Pin the timestamps openpyxl and zipfile put in an .xlsx, so that
    re-running this script reproduces the committed files byte for byte."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", data
                )
            pinned = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 1, 0, 0, 0))
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            archive.writestr(pinned, data)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    for name, build in SAMPLES.items():
        spec = build()
        write_roster(spec, out / name)
        if name.endswith(".xlsx"):
            _freeze(out / name)
        print(f"{out / name}: {len(spec.participants)} participants")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
