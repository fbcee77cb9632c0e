"""Small rosters with known payments, for the store, ingest and report tests.

Everything is evaluated at ``PERIOD`` (June 2025) of roster year 2025, so a
participant enrolled before 2025 owes six months, January to June. Quotas are
small (``CONFIG``: 3 miskin ekstrem, 1 pekerja rentan) so that a handful of rows
can meet them or not.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from roster_writer import Participant, RosterSpec, district_prefix, make_nik, write_roster

from bkbk_cli import regions
from bkbk_cli.config import Config, Quota
from bkbk_cli.validate import Options

YEAR = 2025
PERIOD = "2025-06"
RP = 16_800  # the monthly contribution
CONFIG = Config(quota=Quota(miskin_ekstrem=3, pekerja_rentan=1))
OPTIONS = Options(config=CONFIG, period=PERIOD, today=dt.date(2025, 9, 20))

TANJAB_BARAT = regions.villages("15.06")
TANJAB_TIMUR = regions.villages("15.07")

ME, PR = "Miskin Ekstrem", "Pekerja Rentan"
H1 = range(1, 7)  # January to June


def nik(village: regions.Village, serial: int) -> str:
    """A valid NIK from the village's district (born 12 Mar 1985, a man)."""
    return make_nik(district_prefix(village.code), dt.date(1985, 3, 12), "L", serial)


def person(
    village: regions.Village,
    serial: int,
    kategori: str = ME,
    paid: Iterable[int] = H1,
    *,
    amount: int = RP,
    enrolled: dt.date = dt.date(2024, 3, 1),
    nik_text: str | None = None,
    extra: dict[int, int] | None = None,
) -> Participant:
    """One participant who paid ``amount`` in each month of ``paid`` (1-12 of 2025)."""
    payments: dict[int | str, int | float | str | None] = {m: amount for m in paid}
    payments.update(extra or {})
    return Participant(
        nik=nik_text or nik(village, serial),
        nama=f"Peserta {serial}",
        jenis_kelamin="L",
        tanggal_lahir=dt.date(1985, 3, 12),
        kategori=kategori,
        pekerjaan="Petani",
        no_kpj=f"25{serial:09d}",
        tanggal_terdaftar=enrolled,
        payments=payments,
    )


def roster(
    folder: Path,
    village: regions.Village,
    people: list[Participant],
    name: str | None = None,
    *,
    year: int = YEAR,
    months: Iterable[int] | None = None,
) -> Path:
    """Write a village roster (title block with Kode Desa, months January-December 2025;
    ``year`` and ``months``, 1-12, for another year or a roster that ends earlier)."""
    regency = regions.resolve_regency(village.regency_code)
    spec = RosterSpec(
        village_code=village.code,
        village_name=village.name,
        district_name=village.district_name,
        regency_name=regency.name,
        year=year,
        participants=people,
        months=None if months is None else list(months),
    )
    return write_roster(spec, folder / (name or f"{village.code}.xlsx"))


def consolidated(folder: Path, rows: list[tuple[regions.Village, Participant]], name: str) -> Path:
    """A merged roster of several villages: a ``Kode Desa`` column on every row, months Jan-Jun."""
    path = folder / name
    months = [f"{m} 2025" for m in ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun")]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        fields = ["No", "Kode Desa", "NIK", "Nama", "Jenis Kelamin", "Tanggal Lahir", "Kategori"]
        writer.writerow([*fields, "Tanggal Terdaftar", *months])
        for i, (village, p) in enumerate(rows, start=1):
            amounts = [p.payments.get(m, "") for m in range(1, 7)]
            enrolled = p.tanggal_terdaftar.isoformat()  # type: ignore[union-attr]
            person_cells = [p.nik, p.nama, p.jenis_kelamin, "1985-03-12", p.kategori, enrolled]
            writer.writerow([i, village.code, *person_cells, *amounts])
    return path
