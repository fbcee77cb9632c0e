"""A roster's village from its name only: the title block, the sheet name, the file name."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rosters import TODAY, full_village, person, write

from bkbk_cli.validate import Options, validate_file
from bkbk_cli.village_id import identify_village

OPTIONS = Options(today=TODAY)
TITLE = "DAFTAR PESERTA BKBK TAHUN 2026"


def village_findings(result) -> list:
    return [f for f in result.finding_records("en") if f.code.startswith("VILLAGE")]


def titled(path: Path, *lines: str, people=None, **layout) -> Path:
    """A roster whose title block is ``lines`` (one cell each, from A1), under ``TITLE``."""
    return write(path, people or [person()], title_rows=[[TITLE], *([line] for line in lines)])


# ---------------------------------------------------------------- the title block


def test_a_name_and_kecamatan_in_the_title_block_give_the_code(tmp_path: Path) -> None:
    path = titled(
        tmp_path / "r.xlsx",
        "Kabupaten : Tanjung Jabung Barat",
        "Kecamatan : Tungkal Ulu",
        "Desa : Brasau",
        people=full_village(),
    )
    result = validate_file(path, OPTIONS)
    assert (result.village_code, result.village_name) == ("15.06.01.2017", "Brasau")
    assert result.errors == 0
    (info,) = village_findings(result)
    assert (info.code, info.severity, info.sheet, info.cell) == (
        "VILLAGE_BY_NAME",
        "info",
        "Roster",
        "A4",  # the Desa line: title row 1, Kabupaten 2, Kecamatan 3
    )
    assert "'Brasau'" in info.message and "15.06.01.2017" in info.message
    assert "Tungkal Ulu" in info.message
    assert result.village.source == "title name"
    assert result.counts["miskin_ekstrem"]["active"] == 50  # counted for Brasau, as any roster


def test_a_unique_name_needs_no_kecamatan(tmp_path: Path) -> None:
    result = validate_file(titled(tmp_path / "r.xlsx", "Desa : Ds. Brasau"), OPTIONS)
    assert result.village_code == "15.06.01.2017"
    assert [f.code for f in village_findings(result)] == ["VILLAGE_BY_NAME"]


def test_a_name_two_districts_share_is_an_error_naming_both(tmp_path: Path) -> None:
    result = validate_file(titled(tmp_path / "r.xlsx", "Desa : Sungai Rambai"), OPTIONS)
    assert result.village_code is None
    (error,) = village_findings(result)  # not VILLAGE_MISSING as well
    assert (error.code, error.severity, error.cell) == ("VILLAGE_AMBIGUOUS", "error", "A2")
    assert "15.06.13.2004 Sungai Rambai (Kec. Senyerang" in error.message
    assert "15.09.03.2002 Sungai Rambai (Kec. Tebo Ulu" in error.message
    assert result.errors == 1


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Kecamatan : Senyerang", "15.06.13.2004"),
        ("Kec. : Tebo Ulu", "15.09.03.2002"),
        ("Kabupaten : Tebo", "15.09.03.2002"),
        ("Kab. : Tanjab Barat", "15.06.13.2004"),
    ],
)
def test_the_kecamatan_or_kabupaten_decides_between_them(
    tmp_path: Path, line: str, code: str
) -> None:
    result = validate_file(titled(tmp_path / "r.xlsx", line, "Desa : Sungai Rambai"), OPTIONS)
    assert result.village_code == code
    assert [f.code for f in village_findings(result)] == ["VILLAGE_BY_NAME"]


def test_desa_and_kecamatan_side_by_side_in_one_row(tmp_path: Path) -> None:
    rows = [
        [TITLE],
        ["Desa", ":", "Sungai Rambai", "", "", "Kecamatan", ":", "Senyerang"],
        ["Kepala Desa : Ahmad Siregar"],  # a person, not the village
    ]
    result = validate_file(write(tmp_path / "r.xlsx", [person()], title_rows=rows), OPTIONS)
    assert result.village_code == "15.06.13.2004"
    (info,) = village_findings(result)
    assert (info.code, info.cell) == ("VILLAGE_BY_NAME", "A2")
    assert "'Sungai Rambai'" in info.message


def test_a_name_no_village_bears_is_an_error_at_its_cell(tmp_path: Path) -> None:
    # one letter from Kampung Tengah (Kota Sungai Penuh): not taken for it province-wide
    result = validate_file(titled(tmp_path / "r.xlsx", "", "Desa : Kampung Entah"), OPTIONS)
    assert result.village_code is None
    (error,) = village_findings(result)
    assert (error.code, error.cell) == ("VILLAGE_NAME_UNKNOWN", "A3")
    assert "'Kampung Entah'" in error.message and "--village" in error.message


def test_a_misspelt_name_is_found_within_the_kecamatan_given(tmp_path: Path) -> None:
    path = titled(tmp_path / "r.xlsx", "Kecamatan : Tungkal Ulu", "Desa : Brasaw")
    assert validate_file(path, OPTIONS).village_code is None  # 0.83 alike: not close enough
    path = titled(tmp_path / "s.xlsx", "Kecamatan : Tungkal Ulu", "Desa : Brasauu")
    assert validate_file(path, OPTIONS).village_code == "15.06.01.2017"
    path = titled(tmp_path / "t.xlsx", "Desa : Brasauu")
    assert validate_file(path, OPTIONS).village_code is None


def test_a_name_outside_the_kecamatan_given_is_an_error(tmp_path: Path) -> None:
    path = titled(tmp_path / "r.xlsx", "Kecamatan : Tungkal Ilir", "Desa : Brasau")
    (error,) = village_findings(validate_file(path, OPTIONS))
    assert error.code == "VILLAGE_NOT_IN_AREA"
    assert "Brasau (Kec. Tungkal Ilir)" in error.message
    assert "15.06.01.2017 Brasau (Kec. Tungkal Ulu" in error.message


def test_a_code_in_the_title_block_still_decides_and_says_nothing(tmp_path: Path) -> None:
    result = validate_file(write(tmp_path / "Roster Brasau.xlsx", full_village()), OPTIONS)
    assert result.village_code == "15.06.01.2001"  # Badang's Kode Desa, not the file's name
    assert village_findings(result) == []
    assert result.village.source == "title code"


def test_the_option_decides_over_any_name(tmp_path: Path) -> None:
    path = titled(tmp_path / "r.xlsx", "Desa : Sungai Rambai")
    result = validate_file(path, replace(OPTIONS, village="1509032002"))
    assert result.village_code == "15.09.03.2002"
    assert village_findings(result) == []
    assert result.village.source == "--village"


# ------------------------------------------------------- the sheet and the file name


def test_the_sheet_name_names_the_village(tmp_path: Path) -> None:
    path = write(tmp_path / "roster.xlsx", [person()], title_block=False, sheet_name="Brasau")
    result = validate_file(path, OPTIONS)
    assert result.village_code == "15.06.01.2017"
    (info,) = village_findings(result)
    assert (info.code, info.sheet, info.row, info.cell) == ("VILLAGE_BY_NAME", "Brasau", None, None)
    assert result.village.source == "sheet name"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_file_name_names_the_village(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"Roster Desa Brasau 2026{suffix}"
    result = validate_file(
        write(path, [person()], title_block=False, sheet_name="Peserta"), OPTIONS
    )
    assert result.village_code == "15.06.01.2017"
    (info,) = village_findings(result)
    assert info.code == "VILLAGE_BY_NAME"
    assert f"'Roster Desa Brasau 2026{suffix}'" in info.message
    assert result.village.source == "file name"


def test_an_ambiguous_file_name_is_narrowed_by_a_kecamatan_in_it(tmp_path: Path) -> None:
    both = write(tmp_path / "sungai_rambai_2026.xlsx", [person()], title_block=False)
    (error,) = village_findings(validate_file(both, OPTIONS))
    assert error.code == "VILLAGE_AMBIGUOUS"
    one = write(tmp_path / "sungai_rambai_tebo_ulu.xlsx", [person()], title_block=False)
    assert validate_file(one, OPTIONS).village_code == "15.09.03.2002"


def test_a_file_name_naming_no_village_leaves_the_village_missing(tmp_path: Path) -> None:
    path = write(tmp_path / "Rekap Peserta 2026 final.xlsx", [person()], title_block=False)
    result = validate_file(path, OPTIONS)
    assert [f.code for f in village_findings(result)] == ["VILLAGE_MISSING"]
    assert result.village.source is None


# ------------------------------------------------------------------ the function


def test_identify_village_says_where_the_village_came_from() -> None:
    title = {"village_name": "Brasau", "district_name": "Tungkal Ulu"}
    found = identify_village(title=title, title_cells={"village_name": (4, 0)})
    assert (found.code, found.name, found.source, found.given) == (
        "15.06.01.2017",
        "Brasau",
        "title name",
        "Brasau",
    )
    assert (found.row, found.column, found.by_name) == (4, 0, True)
    assert found.describe() == "15.06.01.2017 Brasau (nama di kepala roster: 'Brasau')"
    assert found.describe("en") == "15.06.01.2017 Brasau (name in the title block: 'Brasau')"

    coded = identify_village(title={"village_code": "1506012001", **title})
    assert (coded.code, coded.source, coded.by_name) == ("15.06.01.2001", "title code", False)
    assert identify_village(column_codes={"15.06.01.2001"}).source == "column"
    several = identify_village(column_codes={"15.06.01.2001", "15.06.01.2017"})
    assert (several.code, several.per_row) == (None, True)

    twice = identify_village(title={"village_name": "Merlung"})
    assert (twice.code, twice.problem) == (None, "ambiguous")
    assert {v.code for v in twice.candidates} == {"15.06.05.1007", "15.06.05.2020"}
    assert twice.describe("en") == (
        "a name several villages bear (name in the title block: 'Merlung'): "
        "15.06.05.1007 Merlung (Kec. Merlung); 15.06.05.2020 Merlung (Kec. Merlung)"
    )
    assert identify_village().describe("en") == "cannot be determined"
    assert identify_village(file_name="x/data.xlsx").problem is None
