"""``bkbk template``: the official blank roster, read back with openpyxl, filled in as a
village secretary would, and checked by ``validate``."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import openpyxl
import pytest
from roster_writer import Participant, synth_participants
from rosters import BADANG, TODAY
from typer.testing import CliRunner

from bkbk_cli import regions
from bkbk_cli.cli import app
from bkbk_cli.config import Config, load_config
from bkbk_cli.template import TemplatePerson, TemplateSpec, template_filename
from bkbk_cli.template_files import write_templates
from bkbk_cli.validate import Options, validate_file

HEADER = 7  # title (5 rows), the note, then the header
FIRST = HEADER + 1
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"BKBK_LANG": "id"})


def template(tmp_path: Path, *args: str, name: str = "badang.xlsx") -> Path:
    out = tmp_path / name
    result = run("template", "--village", BADANG[0], "--year", "2026", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    return out


def columns(ws) -> dict[str, str]:
    """Header text -> column letter."""
    return {c.value: c.column_letter for c in ws[HEADER] if c.value is not None}


def validations(ws) -> dict[str, list]:
    """Column letter -> the validation rules covering it."""
    found: dict[str, list] = {}
    for rule in ws.data_validations.dataValidation:
        for rng in rule.sqref.ranges:
            for col in range(rng.min_col, rng.max_col + 1):
                found.setdefault(openpyxl.utils.get_column_letter(col), []).append(rule)
    return found


def fill(path: Path, people: list[Participant], year: int = 2026) -> None:
    """Type ``people`` into the template as the village would: text NIK and KPJ, dates
    as dates, amounts as numbers, one row each from the first row."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = columns(ws)
    for row, p in enumerate(people, start=FIRST):
        if p is None:  # a row left blank
            continue
        for header, value in (
            ("NIK", p.nik),
            ("Nama", p.nama),
            ("Jenis Kelamin", p.jenis_kelamin),
            ("Tanggal Lahir", p.tanggal_lahir),
            ("Kategori", p.kategori),
            ("Pekerjaan", p.pekerjaan),
            ("No KPJ", p.no_kpj),
            ("Tanggal Terdaftar", p.tanggal_terdaftar),
        ):
            ws[f"{col[header]}{row}"] = value
        for period, amount in p.payments.items():
            month = dt.date(year, int(str(period)[5:]), 1)
            ws[f"{col[f'{MONTHS[month.month - 1]} {year}']}{row}"] = amount
    wb.save(path)


# ------------------------------------------------------------------ the workbook


def test_title_block_header_and_months(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(template(tmp_path)).worksheets[0]
    title = [ws.cell(row=r, column=1).value for r in range(1, 6)]
    assert title == [
        "DAFTAR PESERTA BPJS KETENAGAKERJAAN BKBK TAHUN 2026",
        "Kabupaten : Tanjung Jabung Barat",
        "Kecamatan : Tungkal Ulu",
        "Desa/Kelurahan : Badang",
        "Kode Desa : 15.06.01.2001",
    ]
    headers = [c.value for c in ws[HEADER]]
    assert headers[:9] == [
        "No",
        "NIK",
        "Nama",
        "Jenis Kelamin",
        "Tanggal Lahir",
        "Kategori",
        "Pekerjaan",
        "No KPJ",
        "Tanggal Terdaftar",
    ]
    assert headers[9:] == [
        f"{m} 2026"
        for m in [
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "Mei",
            "Jun",
            "Jul",
            "Agu",
            "Sep",
            "Okt",
            "Nov",
            "Des",
        ]
    ]
    # rows for 50 + 25 participants, numbered; nothing else typed in them
    assert [ws.cell(row=r, column=1).value for r in (FIRST, FIRST + 74)] == [1, 75]
    assert ws.cell(row=FIRST + 75, column=1).value is None
    assert all(c.value is None for row in ws.iter_rows(min_row=FIRST, min_col=2) for c in row)


def test_nik_and_kpj_are_text_with_digit_validation_and_an_input_message(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(template(tmp_path)).worksheets[0]
    col, rules = columns(ws), validations(ws)
    for header, digits in (("NIK", 16), ("No KPJ", 11)):
        letter = col[header]
        assert ws[f"{letter}{FIRST}"].number_format == "@"
        assert ws[f"{letter}{FIRST + 74}"].number_format == "@"
        (rule,) = rules[letter]
        assert rule.type == "custom"
        assert f"LEN({letter}{FIRST})={digits}" in rule.formula1
        assert rule.showInputMessage and str(digits) in rule.prompt
        assert rule.showErrorMessage and rule.error
        assert str(rule.sqref) == f"{letter}{FIRST}:{letter}{FIRST + 74}"


def test_drop_downs_dates_and_rupiah_months(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(template(tmp_path)).worksheets[0]
    col, rules = columns(ws), validations(ws)
    (sex,) = rules[col["Jenis Kelamin"]]
    assert (sex.type, sex.formula1) == ("list", '"L,P"')
    blocks = rules[col["Kategori"]]
    assert {r.formula1 for r in blocks} == {'"Miskin Ekstrem,Pekerja Rentan"'}
    # one rule per row block, whose message says which category the block is for
    by_range = {str(r.sqref): r.prompt for r in blocks}
    assert "Miskin Ekstrem" in by_range[f"F{FIRST}:F{FIRST + 49}"]
    assert "Pekerja Rentan" in by_range[f"F{FIRST + 50}:F{FIRST + 74}"]
    for header in ("Tanggal Lahir", "Tanggal Terdaftar"):
        (rule,) = rules[col[header]]
        assert rule.type == "date" and rule.operator == "between"
        assert ws[f"{col[header]}{FIRST}"].number_format == "DD/MM/YYYY"
    for month in ("Jan 2026", "Des 2026"):
        (rule,) = rules[col[month]]
        assert rule.type == "decimal" and rule.formula1 == "0"
        assert "Rp" in ws[f"{col[month]}{FIRST + 10}"].number_format
        assert "tanggal 15 bulan itu juga" in rule.prompt


def test_header_protected_data_cells_open_header_frozen(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(template(tmp_path)).worksheets[0]
    assert ws.protection.sheet is True
    assert not ws.protection.password  # no password: the village can lift it
    assert all(c.protection.locked for c in ws[HEADER])
    assert ws["A1"].protection.locked
    for row in (FIRST, FIRST + 74):
        assert all(not c.protection.locked for c in ws[row][1:])
    assert ws.freeze_panes == f"D{FIRST}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == f"${HEADER}:${HEADER}"


def test_instruction_sheet_quotes_the_rules_from_config(tmp_path: Path) -> None:
    rules = tmp_path / "aturan.toml"
    rules.write_text(
        "[quota]\nmiskin_ekstrem = 40\npekerja_rentan = 20\n"
        "[contribution]\nmonthly_rp = 20000\ndeadline_day = 10\n"
        '[[contribution.change]]\nfrom = "2026-01"\nuntil = "2026-06"\nmonthly_rp = 8400\n'
        'kategori = ["miskin_ekstrem"]\n',
        encoding="utf-8",
    )
    wb = openpyxl.load_workbook(template(tmp_path, "--config", str(rules)))
    assert wb.sheetnames == ["Roster BKBK 2026", "Petunjuk"]
    guide = "\n".join(
        str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value is not None
    )
    assert "40 peserta Miskin Ekstrem (baris No 1-40)" in guide
    assert "20 peserta Pekerja Rentan (baris No 41-60)" in guide
    assert "Rp 20.000 per peserta per bulan" in guide
    assert "Januari 2026 s.d. Juni 2026, Miskin Ekstrem: Rp 8.400" in guide
    assert "tanggal 10 bulan itu juga" in guide
    for column in ("NIK", "Nama", "Jenis Kelamin", "Kategori", "No KPJ", "Tanggal Terdaftar"):
        assert f"\n{column}\n" in guide
    assert ".xlsx" in guide  # how to send it back
    ws = wb.worksheets[0]
    assert ws.cell(row=FIRST + 59, column=1).value == 60  # 40 + 20 rows
    assert ws.cell(row=FIRST + 60, column=1).value is None


def test_a_regency_gets_one_file_per_village_named_for_it(tmp_path: Path) -> None:
    result = run("template", "--regency", "tanjab-barat", "--year", "2027", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    expected = {template_filename(v.code, v.name, 2027) for v in regions.villages("tanjab-barat")}
    assert {p.name for p in tmp_path.iterdir()} == expected
    ws = openpyxl.load_workbook(tmp_path / "15.06.01.2001_badang_2027.xlsx").worksheets[0]
    assert ws["A4"].value == "Desa/Kelurahan : Badang"  # re-titled, not the first village's
    assert ws["A5"].value == "Kode Desa : 15.06.01.2001"
    assert f"{len(expected)} templat" in result.output


def test_the_province_is_written_per_regency(tmp_path: Path) -> None:
    chosen = [regions.villages("15.01")[0], regions.villages("15.72")[0]]
    written = list(write_templates(chosen, tmp_path, 2026, Config(), by_regency=True))
    assert [w.path.parent.name for w in written] == ["kerinci", "sungai-penuh"]
    ws = openpyxl.load_workbook(written[1].path).worksheets[0]
    assert ws["A2"].value == "Kota : Sungai Penuh"


def test_usage_errors(tmp_path: Path) -> None:
    both = run("template", "--village", BADANG[0], "--regency", "15.06", "--out", str(tmp_path))
    assert both.exit_code == 2
    unknown = run("template", "--village", "15.99.99.9999", "--out", str(tmp_path / "x.xlsx"))
    assert unknown.exit_code == 2 and "15.99.99.9999" in unknown.output
    no_store = run(
        "template", "--village", BADANG[0], "--prefill", "--db", str(tmp_path / "none.sqlite3"),
        "--out", str(tmp_path / "x.xlsx"),
    )  # fmt: skip
    assert no_store.exit_code == 1
    assert not (tmp_path / "x.xlsx").exists()
    nowhere = tmp_path / "tidak-ada" / "x.xlsx"
    missing_folder = run("template", "--village", BADANG[0], "--out", str(nowhere))
    assert missing_folder.exit_code == 1 and "tidak dapat menulis" in missing_folder.output
    assert not nowhere.parent.exists()


def test_an_unknown_village_or_regency_is_told_in_the_run_language(tmp_path: Path) -> None:
    village = run("template", "--village", "15.99.99.9999", "--out", str(tmp_path / "x.xlsx"))
    assert village.exit_code == 2 and "tidak dikenal" in village.output
    regency = run("template", "--regency", "narnia", "--out", str(tmp_path))
    assert regency.exit_code == 2 and "kabupaten/kota 'narnia' tidak dikenal" in regency.output
    english = run("template", "--regency", "narnia", "--out", str(tmp_path), "--lang", "en")
    assert english.exit_code == 2 and "unknown regency 'narnia'" in english.output


# ------------------------------------------------------------------ round trip


def test_a_template_filled_in_correctly_has_no_findings(tmp_path: Path) -> None:
    path = template(tmp_path)
    people = synth_participants(BADANG[0], 2026, months=10, seed=3)
    assert len(people) == 75
    fill(path, people)
    result = validate_file(path, Options(today=TODAY, period="2026-10"))
    assert result.village_code == BADANG[0] and result.village_name == "Badang"
    assert result.year == 2026 and result.rows_read == 75 and result.participants == 75
    assert result.findings.empty, result.finding_dicts()
    assert result.counts["miskin_ekstrem"] == {"enrolled": 50, "active": 50}


def test_rows_left_blank_are_not_participants(tmp_path: Path) -> None:
    path = template(tmp_path)
    people = synth_participants(BADANG[0], 2026, 45, 20, months=10, seed=3)
    fill(path, people[:45] + [None] * 5 + people[45:])  # type: ignore[list-item]
    result = validate_file(path, Options(today=TODAY, period="2026-10"))
    assert result.participants == 65
    codes = set(result.findings["code"])
    assert codes == {"QUOTA_ENROLLED_SHORT", "QUOTA_ACTIVE_SHORT"}  # what correct data says


def test_a_number_typed_into_the_nik_column_is_caught(tmp_path: Path) -> None:
    """The validation's formula is what Excel evaluates; the reader still flags a NIK
    pasted in as a number, so the template does not hide the classic fault."""
    path = template(tmp_path)
    people = synth_participants(BADANG[0], 2026, months=10, seed=3)
    people[0].nik = int(people[0].nik)  # type: ignore[arg-type]
    fill(path, people)
    result = validate_file(path, Options(today=TODAY, period="2026-10"))
    assert list(result.findings["code"]) == ["NIK_NUMBER"]


# ------------------------------------------------------------------ prefill


@pytest.fixture
def store_with_badang(tmp_path: Path) -> Path:
    """A store holding a filled-in template of Badang for 2026."""
    folder = tmp_path / "masuk"
    folder.mkdir()
    path = template(folder)
    fill(path, synth_participants(BADANG[0], 2026, months=10, seed=3))
    db = tmp_path / "bkbk.sqlite3"
    result = run("ingest", str(folder), "--db", str(db), "--period", "2026-10")
    assert result.exit_code == 0, result.output
    return db


def test_prefill_copies_the_latest_roster_without_payments(
    tmp_path: Path, store_with_badang: Path
) -> None:
    out = tmp_path / "badang_2027.xlsx"
    result = run(
        "template", "--village", BADANG[0], "--year", "2027", "--prefill",
        "--db", str(store_with_badang), "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).worksheets[0]
    col = columns(ws)
    people = synth_participants(BADANG[0], 2026, months=10, seed=3)
    first, last = people[0], people[-1]
    assert ws[f"{col['NIK']}{FIRST}"].value == first.nik
    assert ws[f"{col['NIK']}{FIRST}"].data_type == "s"
    assert ws[f"{col['Nama']}{FIRST}"].value == first.nama
    assert ws[f"{col['Tanggal Lahir']}{FIRST}"].value.date() == first.tanggal_lahir
    assert ws[f"{col['Kategori']}{FIRST + 74}"].value == "Pekerja Rentan"
    assert ws[f"{col['No KPJ']}{FIRST + 74}"].value == last.no_kpj
    assert "Jan 2027" in col
    months = [col[h] for h in col if h.endswith("2027")]
    assert all(ws[f"{m}{r}"].value is None for m in months for r in range(FIRST, FIRST + 75))
    # the pre-filled template is a roster the reader takes as it is
    check = validate_file(out, Options(today=dt.date(2027, 1, 10)))
    assert check.participants == 75 and check.errors == 0


def test_prefill_without_a_stored_roster_says_so_and_writes_a_blank_template(
    tmp_path: Path, store_with_badang: Path
) -> None:
    out = tmp_path / "lain.xlsx"
    result = run(
        "template", "--village", "15.06.01.2002", "--prefill", "--db", str(store_with_badang),
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0
    assert "belum ada roster tersimpan" in result.output
    assert openpyxl.load_workbook(out).worksheets[0]["B8"].value is None


def test_spec_for_village_uses_the_official_names() -> None:
    village = regions.village(BADANG[0])
    spec = TemplateSpec.for_village(village, 2026, load_config(None))
    assert (spec.district, spec.regency) == ("Tungkal Ulu", "Kabupaten Tanjung Jabung Barat")


def test_the_package_ships_no_test_fixture() -> None:
    """src/ holds what users run; the roster writer is a test fixture in tests/."""
    assert importlib.util.find_spec("bkbk_cli.roster_writer") is None
    assert (Path(__file__).parent / "roster_writer.py").exists()


def test_more_people_than_the_quota_get_rows_too() -> None:
    """A corrected roster may hold a replacement beyond the quota: nobody is dropped."""
    village = regions.village(BADANG[0])
    person = TemplatePerson("1506011205800003", "Ahmad", "L", None, "pekerja_rentan", None,
                            None, None)  # fmt: skip
    spec = TemplateSpec.for_village(village, 2026, Config(), [person] * 27)
    sizes = {kategori: len(rows) for kategori, rows in spec.blocks()}
    assert sizes == {"miskin_ekstrem": 50, "pekerja_rentan": 27}


def test_the_instructions_in_english(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, "--lang", "en"))
    guide = [c.value for row in wb["Petunjuk"].iter_rows() for c in row if c.value]
    assert guide[0] == "HOW TO FILL IN THE BKBK ROSTER, 2026"
    assert [c.value for c in wb.worksheets[0][HEADER]][1] == "NIK"  # the columns keep their names


def test_the_stored_record_holds_the_participant_columns_a_village_fills_in() -> None:
    # the template, the reader and the checks take the columns from findings.ROSTER_FIELDS;
    # the record stored for each participant must hold the same ones, in the same order
    from bkbk_cli.findings import ROSTER_FIELDS
    from bkbk_cli.records import PARTICIPANT_FIELDS

    stored = tuple(f for f in PARTICIPANT_FIELDS if f not in ("row", "village_code"))
    assert stored == ROSTER_FIELDS
