"""Cell values as villages type them, and what the parsers make of them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from bkbk_cli.read import cells
from bkbk_cli.read.layout import fold, month_of


def column(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


@pytest.mark.parametrize(
    "typed",
    [
        dt.date(1980, 5, 12),
        dt.datetime(1980, 5, 12, 0, 0),
        29353.0,  # the Excel serial number of 12 May 1980
        "12-05-1980",
        "12/05/1980",
        "12.05.1980",
        "1980-05-12",
        "12 Mei 1980",
        "12 May 1980",
        "12-Mei-1980",
    ],
)
def test_dates_are_read_in_every_way_people_type_them(typed: object) -> None:
    parsed, invalid = cells.parse_dates(column(typed))
    assert parsed[0] == pd.Timestamp(1980, 5, 12)
    assert not invalid[0]


@pytest.mark.parametrize("typed", ["31/02/1980", "00/00/0000", "kemarin", 60.0, "12 Bulan 1980"])
def test_impossible_dates_are_flagged_not_guessed(typed: object) -> None:
    parsed, invalid = cells.parse_dates(column(typed))
    assert pd.isna(parsed[0])
    assert invalid[0]


def test_blank_dates_are_neither_dates_nor_invalid() -> None:
    parsed, invalid = cells.parse_dates(column("", "  "))
    assert parsed.isna().all()
    assert not invalid.any()


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        (16800, 16800.0),
        (16800.0, 16800.0),
        ("16800", 16800.0),
        ("16.800", 16800.0),
        ("16,800", 16800.0),
        ("Rp 16.800", 16800.0),
        ("Rp16800", 16800.0),
        ("Rp. 16.800,-", 16800.0),
        ("16.800,00", 16800.0),
        ("1.016.800", 1016800.0),
        ("8400.5", 8400.5),
        ("-16800", -16800.0),
    ],
)
def test_amounts_in_rupiah_notation(typed: object, amount: float) -> None:
    parsed, invalid = cells.parse_amounts(column(typed))
    assert parsed[0] == amount
    assert not invalid[0]


def test_blank_and_dash_amounts_mean_not_paid_and_words_are_invalid() -> None:
    parsed, invalid = cells.parse_amounts(column("", "-", None, "lunas", dt.date(2026, 1, 1)))
    assert parsed.isna().all()
    assert invalid.tolist() == [False, False, False, True, True]


def test_nik_damage_is_told_apart() -> None:
    nik = cells.parse_nik(
        column(
            "1506015205850002",  # fine
            1506015205850002.0,  # typed as a number
            "1.50601E+15",  # a number that Excel showed in scientific notation
            "1506015205850002.0",  # a number exported as text
            "1506 0152 0585 0002",  # spaces inside
            "'1506015205850002",  # the apostrophe Excel users type to force text
            "150601520585000",  # 15 digits
            "1506015205850002\u200b",  # a zero-width space pasted from a chat app
            "",
        )
    )
    assert nik["nik"][0] == "1506015205850002"
    assert nik["as_number"].tolist() == [0, 1, 1, 1, 0, 0, 0, 0, 0]
    assert nik["bad_chars"].tolist() == [0, 0, 0, 0, 1, 0, 0, 1, 0]
    assert nik["nik"][5] == "1506015205850002"
    assert nik["length"][6] == 15
    assert nik["missing"].tolist()[-1]


def test_a_nik_cell_of_spaces_only_is_missing() -> None:
    nik = cells.parse_nik(column("   ", "1506015205850002", "\u00a0"))
    assert nik["missing"].tolist() == [True, False, True]
    assert nik["nik"].isna().tolist() == [True, False, True]


@pytest.mark.parametrize(
    ("typed", "kategori"),
    [
        ("Miskin Ekstrem", "miskin_ekstrem"),
        ("MISKIN EKSTREM", "miskin_ekstrem"),
        ("miskin  ekstrim", "miskin_ekstrem"),
        ("Miskin-Ekstrem", "miskin_ekstrem"),
        ("Pekerja Rentan", "pekerja_rentan"),
        (" pekerja rentan ", "pekerja_rentan"),
    ],
)
def test_categories_in_any_case_and_spacing(typed: str, kategori: str) -> None:
    parsed, invalid = cells.parse_kategori(column(typed))
    assert parsed[0] == kategori
    assert not invalid[0]


def test_unknown_category_and_sex_are_invalid() -> None:
    _, bad_kategori = cells.parse_kategori(column("Lansia"))
    sex, bad_sex = cells.parse_jenis_kelamin(column("Laki-laki", "Perempuan", "P", "X"))
    assert bad_kategori[0]
    assert sex.tolist()[:3] == ["L", "P", "P"]
    assert bad_sex.tolist() == [False, False, False, True]


def test_excel_error_values_typed_as_text_are_recognised() -> None:
    assert cells.error_values(column("#REF!", "#N/A", "Budi", 3.0)).tolist() == [
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("header", "period"),
    [
        ("Jan 2025", "2025-01"),
        ("Januari 2025", "2025-01"),
        ("Agu 2025", "2025-08"),
        ("Agustus 2025", "2025-08"),
        ("Des-25", "2025-12"),
        ("Okt '25", "2025-10"),
        ("2025-03", "2025-03"),
        (dt.datetime(2025, 7, 1), "2025-07"),
        ("Iuran Mei 2025", "2025-05"),
        ("Nama", None),
        ("No", None),
    ],
)
def test_month_headers(header: object, period: str | None) -> None:
    assert month_of(header) == period


def test_month_header_without_year_takes_the_roster_year() -> None:
    assert month_of("Feb", default_year=2026) == "2026-02"
    assert month_of("Feb") is None


def test_header_names_fold_case_space_and_punctuation() -> None:
    assert fold("No. Induk Kependudukan") == fold("no induk  kependudukan") == "noindukkependudukan"


def test_as_text_drops_the_spurious_decimal_of_numbers() -> None:
    text = cells.as_text(column(12345678901.0, " Budi ", dt.date(2026, 1, 2), ""))
    assert text.tolist()[:3] == ["12345678901", "Budi", "2026-01-02"]
    assert pd.isna(text[3])


def test_kinds_classifies_each_cell() -> None:
    assert cells.kinds(column("a", 1.0, 2, dt.date(2026, 1, 1), "", True)).tolist() == [
        "str",
        "num",
        "num",
        "date",
        "blank",
        "other",
    ]
    assert np.all(cells.kinds(column()).to_numpy() == np.array([], dtype=object))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Siti", "", "  "], ["str", "blank", "str"]),  # spaces only: text, made NA later
        ([16800.0, "", 8400], ["num", "blank", "num"]),  # amounts among empty cells
        ([np.nan, 1.0], ["blank", "num"]),
        ([dt.date(2026, 1, 5), "", None], ["date", "blank", "blank"]),
        ([pd.Timestamp("2026-01-05"), pd.NaT], ["date", "blank"]),
        ([True, "x", 1.0, pd.NA], ["other", "str", "num", "blank"]),
        ([np.float64(1.5), np.int64(3), ""], ["num", "num", "blank"]),  # numpy scalars too
        ([np.str_("a"), ""], ["str", "blank"]),
        ([], []),
    ],
)
def test_each_cell_has_one_kind_whatever_the_mix(values: list, expected: list) -> None:
    assert cells.kinds(column(*values)).tolist() == expected
