"""Cell checks on each participant: NIK, name, category, sex, dates, KPJ number.

Pure functions over the participants table (one row per roster row, columns as
``read.roster.extract_roster`` builds them); each rule is a column mask, and every
row that fails it becomes a finding in one ``make_findings`` call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from bkbk_cli import regions
from bkbk_cli.config import Config
from bkbk_cli.findings import concat_findings, make_findings
from bkbk_cli.read import cells

#: The finding codes this module raises (``tests/test_checks_codes.py``).
CODES = (
    "NIK_MISSING",
    "NIK_NUMBER",
    "NIK_FORMAT",
    "NIK_LENGTH",
    "NIK_DATE",
    "NIK_PROVINCE",
    "NIK_REGENCY",
    "NIK_OUTSIDE_JAMBI",
    "NIK_BIRTHDATE_MISMATCH",
    "NIK_SEX_MISMATCH",
    "NAMA_MISSING",
    "KATEGORI_MISSING",
    "KATEGORI_INVALID",
    "JK_INVALID",
    "TGL_LAHIR_MISSING",
    "TGL_LAHIR_INVALID",
    "TGL_LAHIR_IMPLAUSIBLE",
    "AGE_AT_ENROLMENT",
    "TGL_DAFTAR_INVALID",
    "TGL_DAFTAR_IMPLAUSIBLE",
    "KPJ_FORMAT",
)


def _at(
    code: str, people: pd.DataFrame, mask: pd.Series, field: str, **columns: object
) -> pd.DataFrame | None:
    """Findings for the rows of ``people`` selected by ``mask`` (None when there are none:
    most rules find nothing, and an empty table still costs a DataFrame)."""
    mask = mask.fillna(False).astype(bool)
    if not mask.any():
        return None
    chosen = {}
    for name, value in columns.items():
        if callable(value):
            value = value(mask)
        elif isinstance(value, pd.Series):
            value = value[mask]
            if pd.api.types.is_datetime64_any_dtype(value):
                value = value.dt.strftime("%d-%m-%Y")  # only the rows reported
        chosen[name] = value
    return make_findings(
        code,
        pos=pd.Series(people.index[mask]),
        row=people["row"][mask],
        field=field,
        **chosen,  # type: ignore[arg-type]
    )


def _text_of(raw: pd.Series) -> Callable[[pd.Series], pd.Series]:
    """The display text of the raw cells a rule reports, worked out for those rows only."""
    return lambda mask: cells.as_text(raw[mask])


def nik_parts(nik: pd.Series, today: dt.date) -> pd.DataFrame:
    """The encoded parts of the 16-digit NIKs: province, regency, birth date, sex.

    ``nik`` holds parsed NIKs (``cells.parse_nik``: ASCII digits, or NA).
    ``province`` and ``regency`` are the codes as integers (``15``, ``1506``),
    ``birth`` is NaT when digits 7-12 are not a real date; the century is the
    latest that does not put the birth in the future. The NIKs are read once into
    a character matrix, so the parts are integer arithmetic over all of them at once.
    """
    values = nik.to_numpy(dtype=object)
    n = len(values)
    chars = np.array(values, dtype="U17").view(np.uint32).reshape(n, 17).astype(np.int64)
    digits = chars[:, :16] - 48
    valid = ((digits >= 0) & (digits <= 9)).all(axis=1) & (chars[:, 16] == 0)
    digits[~valid] = 0
    tens = np.array([10, 1])
    day, month, yy = (digits[:, i : i + 2] @ tens for i in (6, 8, 10))
    female = day > 40
    real_day = np.where(female, day - 40, day)
    year = np.where(yy > today.year % 100, 1900 + yy, 2000 + yy)
    birth = _calendar_date(year, month, real_day)
    # 29 Feb in a year that is not a leap year in one century may be one in the other
    other = np.isnat(birth) & (month == 2) & (real_day == 29) & _leap(year + 100)
    birth[other] = _calendar_date(year[other], month[other], real_day[other] - 1)
    day_ok = ((day >= 1) & (day <= 31)) | ((day >= 41) & (day <= 71))
    birth[~(valid & day_ok)] = np.datetime64("NaT")
    province = digits[:, 0:2] @ tens
    return pd.DataFrame(
        {
            "valid": valid,
            "province": np.where(valid, province, -1),
            "regency": np.where(valid, province * 100 + digits[:, 2:4] @ tens, -1),
            "birth": birth.astype("datetime64[ns]"),
            "sex": np.where(female, "P", "L"),
        },
        index=nik.index,
    )


def _codes(codes: frozenset[str] | set[str]) -> np.ndarray:
    """Region codes of digits as integers (``"1506"`` -> 1506), to compare with ``nik_parts``."""
    return np.array(sorted(int(c) for c in codes if c.isdigit()), dtype=np.int64)


def _two_digits(codes: pd.Series) -> Callable[[pd.Series], pd.Series]:
    """The reported rows' codes as text with their leading zero (``5`` -> ``"05"``)."""
    return lambda mask: codes[mask].map("{:02d}".format)


def _leap(year: np.ndarray) -> np.ndarray:
    return (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))


def _calendar_date(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """``datetime64[D]`` of year, month, day; NaT where that date does not exist."""
    ok = (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
    months = ((year - 1970) * 12 + np.where(ok, month, 1) - 1).astype("datetime64[M]")
    dates = months.astype("datetime64[D]") + np.where(ok, day, 1) - 1
    ok &= dates.astype("datetime64[M]") == months
    return np.where(ok, dates, np.datetime64("NaT"))


def check_nik(people: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """NIK present, 16 digits, stored as text, encoding a real date and a known region."""
    found = []
    nik = people["nik"]
    missing = people["nik_missing"]
    as_number = people["nik_as_number"] & ~missing
    found.append(_at("NIK_MISSING", people, missing, "nik"))
    found.append(_at("NIK_NUMBER", people, as_number, "nik"))
    bad = people["nik_bad_chars"] & ~missing & ~as_number
    found.append(_at("NIK_FORMAT", people, bad, "nik"))
    wrong_length = ~missing & ~as_number & (people["nik_length"] != 16)
    found.append(
        _at("NIK_LENGTH", people, wrong_length, "nik", value=people["nik_length"].astype(str))
    )
    parts = nik_parts(nik, today)
    valid = parts["valid"] & ~missing
    found.append(_at("NIK_DATE", people, valid & parts["birth"].isna(), "nik"))
    province = parts["province"]
    province_ok = province.isin(_codes(regions.province_codes()))
    province_text = _two_digits(province)
    found.append(_at("NIK_PROVINCE", people, valid & ~province_ok, "nik", value=province_text))
    outside = valid & province_ok & (province != 15)
    found.append(_at("NIK_OUTSIDE_JAMBI", people, outside, "nik", value=province_text))
    jambi = valid & (province == 15)
    unknown_regency = jambi & ~parts["regency"].isin(_codes(regions.jambi_regency_codes_4()))
    found.append(
        _at("NIK_REGENCY", people, unknown_regency, "nik", value=_two_digits(parts["regency"]))
    )

    born = people["tanggal_lahir"]
    encoded = parts["birth"]
    differs = (
        encoded.notna()
        & born.notna()
        & (
            (encoded.dt.day != born.dt.day)
            | (encoded.dt.month != born.dt.month)
            | (encoded.dt.year % 100 != born.dt.year % 100)
        )
    )
    found.append(
        _at(
            "NIK_BIRTHDATE_MISMATCH",
            people,
            differs,
            "tanggal_lahir",
            value=born,
            expected=encoded,
        )
    )
    sex = pd.Series(parts["sex"], index=people.index)
    sex_differs = (
        encoded.notna() & people["jenis_kelamin"].notna() & (sex != people["jenis_kelamin"])
    )
    found.append(
        _at(
            "NIK_SEX_MISMATCH",
            people,
            sex_differs,
            "jenis_kelamin",
            value=people["jenis_kelamin"],
            expected=sex,
        )
    )
    return concat_findings(found)


def check_fields(people: pd.DataFrame, config: Config, today: dt.date) -> pd.DataFrame:
    """Name, category, sex, birth and enrolment dates, KPJ number."""
    found = []
    blank_name = people["nama"].isna()  # display text: stripped, NA when blank
    found.append(_at("NAMA_MISSING", people, blank_name, "nama"))
    kategori_blank = people["kategori"].isna() & ~people["kategori_invalid"]
    found.append(_at("KATEGORI_MISSING", people, kategori_blank, "kategori"))
    found.append(
        _at(
            "KATEGORI_INVALID",
            people,
            people["kategori_invalid"],
            "kategori",
            value=_text_of(people["kategori_raw"]),
        )
    )
    found.append(
        _at(
            "JK_INVALID",
            people,
            people["jenis_kelamin_invalid"],
            "jenis_kelamin",
            value=_text_of(people["jenis_kelamin_raw"]),
        )
    )

    today_ts = pd.Timestamp(today)
    born = people["tanggal_lahir"]
    found.append(
        _at(
            "TGL_LAHIR_MISSING",
            people,
            born.isna() & ~people["tanggal_lahir_invalid"],
            "tanggal_lahir",
        )
    )
    found.append(
        _at(
            "TGL_LAHIR_INVALID",
            people,
            people["tanggal_lahir_invalid"],
            "tanggal_lahir",
            value=_text_of(people["tanggal_lahir_raw"]),
        )
    )
    implausible_birth = born.notna() & ((born.dt.year < 1900) | (born > today_ts))
    found.append(
        _at(
            "TGL_LAHIR_IMPLAUSIBLE",
            people,
            implausible_birth,
            "tanggal_lahir",
            value=born,
        )
    )

    enrolled = people["tanggal_terdaftar"]
    found.append(
        _at(
            "TGL_DAFTAR_INVALID",
            people,
            people["tanggal_terdaftar_invalid"],
            "tanggal_terdaftar",
            value=_text_of(people["tanggal_terdaftar_raw"]),
        )
    )
    implausible_enrol = enrolled.notna() & (
        (enrolled.dt.year < 2000) | (enrolled > today_ts) | (born.notna() & (enrolled < born))
    )
    found.append(
        _at(
            "TGL_DAFTAR_IMPLAUSIBLE",
            people,
            implausible_enrol,
            "tanggal_terdaftar",
            value=enrolled,
        )
    )
    reference = enrolled.where(enrolled.notna() & ~implausible_enrol)
    age = _age(born.where(~implausible_birth), reference)
    too_old = age >= config.enrolment.max_age
    found.append(
        _at(
            "AGE_AT_ENROLMENT",
            people,
            too_old,
            "tanggal_lahir",
            value=age.astype("Int64").astype(str),
            expected=str(config.enrolment.max_age),
        )
    )

    kpj = people["no_kpj"]
    given = kpj.dropna()
    eleven = pd.Series(
        [len(k) == 11 and k.isascii() and k.isdigit() for k in given], index=given.index, dtype=bool
    )
    kpj_bad = kpj.notna() & (kpj != "") & ~eleven.reindex(kpj.index, fill_value=False)
    found.append(_at("KPJ_FORMAT", people, kpj_bad, "no_kpj", value=kpj))
    return concat_findings(found)


def _age(born: pd.Series, at: pd.Series) -> pd.Series:
    """Whole years between two date columns (NaN where either is missing)."""
    years = at.dt.year - born.dt.year
    before_birthday = (at.dt.month < born.dt.month) | (
        (at.dt.month == born.dt.month) & (at.dt.day < born.dt.day)
    )
    return years - before_birthday.astype(float).where(years.notna())
