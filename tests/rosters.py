"""Small rosters the tests build themselves, on top of the package's roster writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from bkbk_cli.roster_writer import Participant, RosterSpec, synth_participants, write_roster

BADANG = ("15.06.01.2001", "Badang", "Tungkal Ulu", "Kabupaten Tanjung Jabung Barat")
TODAY = dt.date(2026, 11, 25)
MONTHS = [f"2026-{m:02d}" for m in range(1, 11)]  # Jan..Okt 2026: the default period is 2026-10


def person(**fields: object) -> Participant:
    """One valid, fully paid participant of Badang; override any field."""
    base: dict[str, object] = {
        "nik": "1506011205800003",
        "nama": "Ahmad Siregar",
        "jenis_kelamin": "L",
        "tanggal_lahir": dt.date(1980, 5, 12),
        "kategori": "Miskin Ekstrem",
        "pekerjaan": "Petani",
        "no_kpj": "24012345678",
        "tanggal_terdaftar": dt.date(2025, 3, 1),
        "payments": dict.fromkeys(MONTHS, 16800),
    }
    base.update(fields)
    if "no_kpj" not in fields and isinstance(base["nik"], str | int):
        base["no_kpj"] = "240" + str(base["nik"])[-8:]  # unique per NIK, 11 digits
    return Participant(**base)  # type: ignore[arg-type]


def full_village(
    village: tuple[str, str, str, str] = BADANG, **kwargs: object
) -> list[Participant]:
    """50 + 25 valid participants, paid January to October 2026."""
    return synth_participants(village[0], 2026, months=10, seed=7, **kwargs)  # type: ignore[arg-type]


def spec(
    participants: list[Participant],
    village: tuple[str, str, str, str] = BADANG,
    **layout: object,
) -> RosterSpec:
    code, name, district, regency = village
    layout.setdefault("months", MONTHS)
    return RosterSpec(
        village_code=code,
        village_name=name,
        district_name=district,
        regency_name=regency,
        year=2026,
        participants=participants,
        **layout,  # type: ignore[arg-type]
    )


def write(path: Path, participants: list[Participant], **layout: object) -> Path:
    """Write a roster of ``participants`` (Badang, 2026, Jan..Okt unless told) to ``path``."""
    return write_roster(spec(participants, **layout), path)


def with_nik(people: list[Participant], index: int, nik: object) -> list[Participant]:
    changed = list(people)
    changed[index] = replace(changed[index], nik=nik)  # type: ignore[arg-type]
    return changed
