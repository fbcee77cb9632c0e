"""Examples of `bkbk_cli.regions`: Jambi's regencies and villages by Kemendagri code."""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from importlib.resources import files

import pytest

from bkbk_cli import regions
from bkbk_cli.regions import (
    District,
    Regency,
    UnknownRegionError,
    Village,
    bps_hint,
    district,
    find_villages_by_name,
    is_indonesian_province,
    is_jambi_regency,
    jambi_regency_codes_4,
    normalise_village_code,
    province_codes,
    regencies,
    resolve_regency,
    village,
    village_name_matches,
    villages,
)

SLUGS = {
    "15.01": "kerinci",
    "15.02": "merangin",
    "15.03": "sarolangun",
    "15.04": "batanghari",
    "15.05": "muaro-jambi",
    "15.06": "tanjab-barat",
    "15.07": "tanjab-timur",
    "15.08": "bungo",
    "15.09": "tebo",
    "15.71": "kota-jambi",
    "15.72": "sungai-penuh",
}


# --- counts: the packaged data is the whole of Jambi ------------------------------------------


def test_jambi_has_eleven_regencies_in_code_order_with_fixed_slugs() -> None:
    found = regencies()
    assert [r.code for r in found] == list(SLUGS)
    assert {r.code: r.slug for r in found} == SLUGS


def test_regency_names_official_and_short() -> None:
    tanjab_barat = resolve_regency("15.06")
    assert tanjab_barat == Regency(
        code="15.06",
        slug="tanjab-barat",
        name="Kabupaten Tanjung Jabung Barat",
        short_name="Tanjung Jabung Barat",
    )
    # A kota keeps "Kota": "Jambi" alone would be the province.
    assert resolve_regency("15.71").short_name == "Kota Jambi"


def test_jambi_has_1585_villages_171_kelurahan_and_1414_desa() -> None:
    all_villages = villages()
    assert len(all_villages) == 1585
    assert Counter(v.kind for v in all_villages) == {"kelurahan": 171, "desa": 1414}
    assert [v.code for v in all_villages] == sorted(v.code for v in all_villages)


def test_jambi_has_144_districts() -> None:
    assert len({v.district_code for v in villages()}) == 144
    assert all(district(v.district_code) is not None for v in villages())


@pytest.mark.parametrize(
    ("regency", "count"),
    [("15.06", 134), ("15.07", 93), ("15.01", 287), ("15.71", 68), ("15.72", 69)],
)
def test_villages_per_regency(regency: str, count: int) -> None:
    found = villages(regency)
    assert len(found) == count
    assert {v.regency_code for v in found} == {regency}


def test_villages_accepts_any_regency_spelling_but_not_an_unknown_one() -> None:
    assert villages("tanjab-barat") == villages("1506") == villages("15.06")
    with pytest.raises(UnknownRegionError):
        villages("15.10")  # no such regency: an error, not an empty list read as "no quota"


def test_kota_jambi_has_only_kelurahan() -> None:
    assert {v.kind for v in villages("kota-jambi")} == {"kelurahan"}


def test_village_kind_follows_the_first_digit_of_the_village_part() -> None:
    assert all((v.kind == "kelurahan") == (v.code[9] == "1") for v in villages())


# --- resolving a regency from what a user or roster writes ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "tanjab-barat",
        "15.06",
        "1506",
        " 15.06 ",
        "Kabupaten Tanjung Jabung Barat",
        "Tanjung Jabung Barat",
        "Tanjab Barat",
        "TANJAB BARAT",
        "tanjab  barat",
        "Kab. Tanjung Jabung Barat",
        "KAB. TANJUNG JABUNG BARAT",
        "Kab Tanjab Barat",
        "Tanjabbar",
        "Tanjab Bar",
        "Tanjab_Barat",
    ],
)
def test_resolve_tanjung_jabung_barat(text: str) -> None:
    assert resolve_regency(text).code == "15.06"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tanjab Timur", "15.07"),
        ("Tanjabtim", "15.07"),
        ("Kota Jambi", "15.71"),
        ("kota-jambi", "15.71"),
        ("1571", "15.71"),
        ("Sungai Penuh", "15.72"),
        ("Kota Sungai Penuh", "15.72"),
        ("Sungaipenuh", "15.72"),
        ("Batang Hari", "15.04"),
        ("Kab. Batang Hari", "15.04"),
        ("Muara Jambi", "15.05"),
        ("Muarojambi", "15.05"),
        ("Ma. Jambi", "15.05"),
        ("Kerinci", "15.01"),
        ("Kabupaten Bungo", "15.08"),
        ("tebo", "15.09"),
    ],
)
def test_resolve_other_regencies(text: str, code: str) -> None:
    assert resolve_regency(text).code == code


def test_every_slug_code_name_and_packaged_alias_resolves_to_its_regency() -> None:
    for regency in regencies():
        for text in (regency.slug, regency.code, regency.code.replace(".", ""), regency.name):
            assert resolve_regency(text) == regency, text
        assert resolve_regency(regency.short_name) == regency
    path = files("bkbk_cli").joinpath("data", "jambi_regency_aliases.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 11
    for row in rows:
        for alias in [row["short_name"], *filter(None, row["aliases"].split(";"))]:
            assert resolve_regency(alias).code == row["code"], alias


@pytest.mark.parametrize("text", ["Jambi", "Tanjab", "15.10", "1599", "Palembang", ""])
def test_unknown_regency_lists_the_valid_slugs(text: str) -> None:
    with pytest.raises(UnknownRegionError) as excinfo:
        resolve_regency(text)
    message = str(excinfo.value)
    assert all(slug in message for slug in SLUGS.values())
    assert isinstance(excinfo.value, ValueError)


# --- villages by code -------------------------------------------------------------------------


def test_village_by_dotted_or_undotted_code() -> None:
    badang = village("15.06.01.2001")
    assert badang == Village(
        code="15.06.01.2001",
        name="Badang",
        kind="desa",
        district_code="15.06.01",
        district_name="Tungkal Ulu",
        regency_code="15.06",
    )
    assert village("1506012001") == badang
    assert village(" 1506012001 ") == badang


@pytest.mark.parametrize("code", ["15.06.01.9999", "1506019999", "15.06.01", "abc", ""])
def test_unknown_or_malformed_village_code_gives_none(code: str) -> None:
    assert village(code) is None


def test_villages_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        village("15.06.01.2001").name = "Elsewhere"  # type: ignore[misc, union-attr]


def test_district_by_dotted_or_undotted_code() -> None:
    expected = District(code="15.06.01", name="Tungkal Ulu", regency_code="15.06")
    assert district("15.06.01") == district("150601") == expected
    assert district("15.06.99") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1506012001", "15.06.01.2001"),
        ("15.06.01.2001", "15.06.01.2001"),
        (" 1506012001\n", "15.06.01.2001"),
        ("9999999999", "99.99.99.9999"),  # shaped like a code: existence is village()'s business
        ("150601200", None),
        ("15060120011", None),
        ("15-06-01-2001", None),
        ("15.06.012001", None),
        ("", None),
    ],
)
def test_normalise_village_code(text: str, expected: str | None) -> None:
    assert normalise_village_code(text) == expected


# --- lenient village-name matching ------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("15.06.01.2001", "Badang"),
        ("15.06.01.2001", "BADANG"),
        ("15.06.01.2001", "  badang "),
        ("15.06.01.2001", "Desa Badang"),
        ("15.06.01.2001", "Ds. Badang"),
        ("15.06.01.2001", "Badang, Tungkal Ulu"),  # contains the official name
        ("15.06.01.2002", "Tanjung Tayes"),  # a typo: difflib ratio 0.92 >= 0.85
        ("15.06.03.2012", "Sungai Pampang"),
        ("15.06.03.2012", "Sungaipampang"),  # the 2022 name, from the variants CSV
        ("15.06.03.2012", "SUNGAI-PAMPANG"),
        ("15.01.05.2002", "Baru Semurup"),  # the 2022 name, not a spacing change
        ("15.02.05.1003", "Kel. Pasar R. Panjang"),
        ("15.08.08.2009", "Pekan Jumat"),
        ("15.03.03.2024", "Desa Baru"),  # the official name starts with "Desa"
        ("15.03.03.2024", "Baru"),
        ("15.03.01.2008", "Pulau Salak Baru"),  # official "P. Salak Baru"
        ("15.01.08.2007", "Koto Tuo Pulau Tengah"),  # official "Kt Tuo P. Tengah"
        ("15.08.07.2009", "Lubuk Tanah Terban"),  # official "Lbk. Tanah Terban"
        ("15.06.12.2007", "Sungai Gebar Brt"),
    ],
)
def test_village_name_matches_forgives_spelling(code: str, name: str) -> None:
    assert village_name_matches(code, name)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("15.06.01.2001", "Tanjung Tayas"),  # a neighbour in Tungkal Ulu
        ("15.06.01.2001", "Kuala Dasal"),
        ("15.06.01.2001", "Sungai Pampang"),
        ("15.06.01.2002", "Tanjung Toyes"),  # difflib ratio 0.83: too far
        ("15.06.03.2012", "Sun"),  # contained, but too short to mean anything
        ("15.06.01.2001", "Bdg"),  # nothing spelt out to anchor an abbreviation
        ("15.06.01.2001", ""),
        ("15.06.01.2001", "Desa"),
        ("15.06.12.2004", "Sungai Gebar Barat"),  # contains the name, but is the next village
        ("15.07.01.2011", "Lambur II"),
        ("15.05.05.2001", "Tanjung Pauh Km. 39"),
        ("15.05.05.2001", "Tanjung Pauh 39"),
        ("15.06.01.9999", "Badang"),  # no such village
    ],
)
def test_village_name_matches_rejects_another_village(code: str, name: str) -> None:
    assert not village_name_matches(code, name)


def test_every_village_matches_its_own_name_and_its_2022_name() -> None:
    for v in villages():
        assert village_name_matches(v.code.replace(".", ""), v.name), v
    with (
        files("bkbk_cli")
        .joinpath("data", "jambi_wilayah_name_variants.csv")
        .open(encoding="utf-8", newline="") as f
    ):
        for row in csv.DictReader(f):
            if village(row["code"]) is not None:
                assert village_name_matches(row["code"], row["name_2022"]), row


def test_find_villages_by_name() -> None:
    assert [v.code for v in find_villages_by_name("sungaipampang")] == ["15.06.03.2012"]
    assert [v.code for v in find_villages_by_name("Ds. Badang")] == ["15.06.01.2001"]
    assert find_villages_by_name("Nowhere") == []


def test_find_villages_by_name_lists_every_namesake_and_can_narrow_to_a_regency() -> None:
    desa_baru = find_villages_by_name("Desa Baru")
    assert {"15.03.03.2024", "15.03.07.2003"} <= {v.code for v in desa_baru}
    assert all(v.name in {"Baru", "Desa Baru"} for v in desa_baru)
    assert [v.code for v in find_villages_by_name("Desa Baru", "sarolangun")] == [
        "15.03.03.2024",
        "15.03.07.2003",
    ]


def test_find_villages_by_name_puts_current_names_before_2022_names() -> None:
    # "Baru" is the current name of several villages and the 2022 name of 15.03.03.2024.
    codes = [v.code for v in find_villages_by_name("Baru", "15.03")]
    assert codes == ["15.03.03.2024", "15.03.07.2003"]
    pauh = find_villages_by_name("Aur")
    assert [v.code for v in pauh] == ["15.03.03.1026"]  # only as the 2022 name of Aur Gading


# --- BPS codes --------------------------------------------------------------------------------


def test_bps_hint_swaps_tanjab_barat_and_timur() -> None:
    # Badang is 15.06.01.2001 (Tanjung Jabung Barat); BPS would file it under 1507.
    assert bps_hint("15.07.01.2001") == "15.06.01.2001"
    assert bps_hint("1507012001") == "15.06.01.2001"
    assert bps_hint("15.06.01.2001") == "15.07.01.2001"


def test_bps_hint_swaps_bungo_and_tebo() -> None:
    assert bps_hint("15.09.01.2001") == "15.08.01.2001"
    assert village("15.08.01.2001") is not None


def test_bps_hint_with_a_name_only_when_the_swapped_village_bears_it() -> None:
    assert bps_hint("15.07.01.2001", "Badang") == "15.06.01.2001"
    assert bps_hint("15.07.01.2001", "Alang-Alang") is None  # the code was right all along


@pytest.mark.parametrize("code", ["15.01.01.1004", "15.71.01.1001", "15.07.99.2001", "nonsense"])
def test_no_bps_hint_outside_the_swapped_regencies_or_without_a_village(code: str) -> None:
    assert bps_hint(code) is None


# --- NIK prefixes -----------------------------------------------------------------------------


def test_38_province_codes() -> None:
    codes = province_codes()
    assert len(codes) == 38
    assert all(len(c) == 2 and c.isdigit() for c in codes)
    for pp in ["11", "15", "19", "21", "31", "36", "53", "65", "76", "82", "91", "96"]:
        assert is_indonesian_province(pp), pp
    for pp in ["10", "20", "22", "37", "54", "66", "77", "83", "90", "97", "00", "1", "015"]:
        assert not is_indonesian_province(pp), pp


def test_jambi_regency_codes_4() -> None:
    assert jambi_regency_codes_4() == frozenset(code.replace(".", "") for code in SLUGS)
    assert is_jambi_regency("1506")
    assert is_jambi_regency("1572")
    assert not is_jambi_regency("1510")
    assert not is_jambi_regency("1573")
    assert not is_jambi_regency("15.06")
    assert not is_jambi_regency("1606")


def test_data_is_loaded_once() -> None:
    regions._data.cache_clear()
    villages()
    village("15.06.01.2001")
    resolve_regency("tebo")
    assert regions._data.cache_info().misses == 1
