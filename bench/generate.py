"""Generate the benchmark's province-scale input, deterministically, and cache it.

    python bench/generate.py [--scale 1.0] [--out bench/out/data] [--workers N] [--force]

What it writes (under ``<out>/s<scale>-<key>/``; ``bench/out/`` is git-ignored):

* ``villages/``: one roster per village of Jambi, 1,585 files at scale 1, named
  ``<kode desa>_<name>.xlsx``. Real codes and names (village, district, regency)
  from ``bkbk_cli.regions``; 50 Miskin Ekstrem + 25 Pekerja Rentan each (119k
  people). The template's 12 month columns, January-December 2026 (1.43 million
  payment cells), filled January-October from each person's enrolment month: the
  roster as sent in November for the October report, evaluated at ``PERIOD``
  (2026-10, passed as ``--period`` so the findings do not depend on the day the
  benchmark runs; November and December are still blank). The layout is the
  template's (title block "DAFTAR PESERTA ..." with Kabupaten, Kecamatan,
  Desa/Kelurahan and Kode Desa, a blank row, the header) with the variety real
  villages send: merged or split title cells, month headers in four styles, a
  JUMLAH row, a signature block, an instructions sheet first.
* content: every village has 0-3 payment gaps and 0-2 people in arrears; 1 in 20
  villages has a NIK typed as a number, 1 in 20 a duplicated NIK, 1 in 40 a payment
  typed as text ("Lunas"), 1 in 40 a person without a name (each fault on its
  own villages, picked by a hash of the code; see ``FAULTS``).
* ``half/``: the first half of ``villages/`` (hard links), for the linearity check.
* ``consolidated.xlsx``: the same rows in one sheet as a regency office merges
  them, with "Kode Desa", "Desa/Kelurahan", "Kecamatan" and "Kabupaten/Kota"
  columns, a one-line title and no title block.
* ``manifest.json``: written last; its presence means the set is complete.

The folder's key is a hash of ``GENERATOR_VERSION``, ``tests/roster_writer.py``
and the village list, so a rerun reuses the files unless one of them changed
(bump ``GENERATOR_VERSION`` with any change to what this file writes); older
sets of the same scale are removed once a new one is complete.

``--scale 0.05`` takes every 20th village (spread over all regencies) for a quick
smoke run; a village's content and layout are the same at every scale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
import time
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bkbk_cli import regions

# The roster writer is a test fixture (tests/roster_writer.py), not part of the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from roster_writer import (
    FIELD_KEYS,
    MONTH_NAMES_ID,
    CellValue,
    Participant,
    RosterSpec,
    synth_participants,
    write_roster,
)

#: Bump when the generated content changes in a way the source hash would not show.
GENERATOR_VERSION = 1
YEAR = 2026
MONTHS = 12  # month columns: the template's January..December
PAID_MONTHS = 10  # filled in: January..October, as a roster sent in for the October report
N_MISKIN = 50
N_RENTAN = 25
#: The evaluation month the benchmark passes as ``--period``: the last month column, so
#: the findings (and the work) do not depend on the day the benchmark runs.
PERIOD = f"{YEAR}-{PAID_MONTHS:02d}"
BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = BENCH_DIR / "out" / "data"
FULL_VILLAGES = 1585

#: fault -> (n, k): a village has the fault when a hash of its code and the fault's name
#: is k modulo n, so about 1 in n villages have it, spread the same at any --scale.
FAULTS: dict[str, tuple[int, int]] = {
    "nik_number": (20, 3),  # two NIKs typed as numbers (the classic Excel fault)
    "nik_duplicate": (20, 13),  # the last person repeats an earlier person's NIK
    "payment_text": (40, 7),  # one month cell says "Lunas" instead of an amount
    "nama_missing": (40, 27),  # one person without a name
}
_MONTH_STYLES = ("short", "short", "short", "long", "dash", "date")


def data_key() -> str:
    """What the cached files depend on: the generator version, the roster writer's source
    and the village list (bump ``GENERATOR_VERSION`` whenever this file's output changes)."""
    import roster_writer

    digest = hashlib.sha256(f"{GENERATOR_VERSION}|{YEAR}|{MONTHS}|{PAID_MONTHS}".encode())
    digest.update(Path(roster_writer.__file__).read_bytes())
    for v in regions.villages():
        digest.update(f"{v.code}|{v.name}|{v.district_name}|{v.regency_code}\n".encode())
    return digest.hexdigest()[:10]


def select_villages(scale: float) -> list[regions.Village]:
    """The villages of a run: all of them at scale 1, else evenly spread, in code order."""
    everyone = sorted(regions.villages(), key=lambda v: v.code)
    if scale >= 1:
        return everyone
    n = max(2, round(len(everyone) * scale))
    return [everyone[i * len(everyone) // n] for i in range(n)]


def _slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")


@dataclass(frozen=True)
class VillageJob:
    code: str
    name: str
    district: str
    regency: str


def _regency_names() -> dict[str, str]:
    return {r.code: r.name for r in regions.regencies()}


def village_jobs(scale: float) -> list[VillageJob]:
    names = _regency_names()
    return [
        VillageJob(v.code, v.name, v.district_name, names[v.regency_code])
        for v in select_villages(scale)
    ]


def _pick(code: str, salt: str, n: int) -> int:
    """A number 0..n-1 fixed by the village code: layout and faults, spread evenly."""
    return zlib.crc32(f"{salt}|{code}".encode()) % n


def has_fault(job: VillageJob, fault: str) -> bool:
    every, offset = FAULTS[fault]
    return _pick(job.code, fault, every) == offset


def participants(job: VillageJob) -> list[Participant]:
    """The village's 75 people, with its payment gaps, arrears and faults."""
    salt = zlib.crc32(job.code.encode())
    people = synth_participants(
        job.code,
        YEAR,
        N_MISKIN,
        N_RENTAN,
        months=PAID_MONTHS,
        n_gaps=salt % 4,
        n_arrears=(salt >> 4) % 3,
    )
    if has_fault(job, "nik_number"):
        for person in (people[5], people[40]):
            person.nik = int(str(person.nik))
    if has_fault(job, "nik_duplicate"):
        people[-1].nik = people[10].nik
    if has_fault(job, "payment_text"):
        people[20].payments[f"{YEAR}-06"] = "Lunas"
    if has_fault(job, "nama_missing"):
        people[30].nama = None
    return people


def village_spec(job: VillageJob) -> RosterSpec:
    """The roster of one village, its layout varied the way villages vary it."""

    def pick(salt: str, n: int) -> int:
        return _pick(job.code, salt, n)

    spec = RosterSpec(
        village_code=job.code,
        village_name=job.name,
        district_name=job.district,
        regency_name=job.regency,
        year=YEAR,
        participants=participants(job),
        sheet_name=f"BKBK {YEAR}" if pick("sheet", 3) else "Roster",
        merged_title=pick("title", 4) == 1,
        title_split_cells=pick("title", 4) == 2,
        month_style=_MONTH_STYLES[pick("months", len(_MONTH_STYLES))],  # type: ignore[arg-type]
        months=list(range(1, MONTHS + 1)),
        totals_row=pick("totals", 3) == 0,
        instructions_sheet=pick("instructions", 10) == 5,
    )
    if pick("footer", 3) == 1:
        # the signature block, right-aligned under the last month columns as on paper forms
        pad: list[CellValue] = [None] * (len(FIELD_KEYS) + MONTHS - 3)
        spec.footer_rows = [
            [*pad, f"{job.name}, 5 November {YEAR}"],
            [*pad, "Kepala Desa"],
            [],
            [*pad, "(............................)"],
        ]
    return spec


def _write_village(args: tuple[VillageJob, str]) -> None:
    job, folder = args
    write_roster(village_spec(job), Path(folder) / village_filename(job))


def village_filename(job: VillageJob) -> str:
    return f"{job.code}_{_slug(job.name)}.xlsx"


CONSOLIDATED_HEADER = [
    "No",
    "Kabupaten/Kota",
    "Kecamatan",
    "Desa/Kelurahan",
    "Kode Desa",
    "NIK",
    "Nama",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Kategori",
    "Pekerjaan",
    "No KPJ",
    "Tanggal Terdaftar",
]


def write_consolidated(jobs: list[VillageJob], path: str) -> None:
    """Every village's rows in one sheet, as a regency office merges them (write-only)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Rekap {YEAR}")
    periods = [f"{YEAR}-{m:02d}" for m in range(1, MONTHS + 1)]
    ws.append([f"REKAP PESERTA BPJS KETENAGAKERJAAN BKBK PROVINSI JAMBI TAHUN {YEAR}"])
    ws.append([])
    ws.append(CONSOLIDATED_HEADER + [f"{MONTH_NAMES_ID[int(p[5:]) - 1]} {YEAR}" for p in periods])

    def day(value: object) -> object:
        if isinstance(value, date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "DD/MM/YYYY"
            return cell
        return value

    number = 0
    for job in jobs:
        for person in participants(job):
            number += 1
            ws.append(
                [
                    number,
                    job.regency,
                    job.district,
                    job.name,
                    job.code,
                    person.nik,
                    person.nama,
                    person.jenis_kelamin,
                    day(person.tanggal_lahir),
                    person.kategori,
                    person.pekerjaan,
                    person.no_kpj,
                    day(person.tanggal_terdaftar),
                    *(person.payments.get(p) for p in periods),
                ]
            )
    wb.save(path)


@dataclass(frozen=True)
class Dataset:
    """Paths of one generated set."""

    root: Path

    @property
    def villages(self) -> Path:
        return self.root / "villages"

    @property
    def half(self) -> Path:
        return self.root / "half"

    @property
    def consolidated(self) -> Path:
        return self.root / "consolidated.xlsx"

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    def manifest(self) -> dict | None:
        try:
            return json.loads(self.manifest_path.read_text())
        except (OSError, ValueError):
            return None

    def village_files(self) -> list[Path]:
        return sorted(self.villages.glob("*.xlsx"))

    def half_files(self) -> list[Path]:
        return sorted(self.half.glob("*.xlsx"))


def _scale_label(scale: float) -> str:
    return f"s{scale:g}"


def dataset_for(scale: float, out: Path = DEFAULT_OUT) -> Dataset:
    return Dataset(out / f"{_scale_label(scale)}-{data_key()}")


def generate(
    scale: float = 1.0,
    out: Path = DEFAULT_OUT,
    workers: int | None = None,
    force: bool = False,
    log=print,
) -> Dataset:
    """Make (or reuse) the data set for ``scale``; returns its paths."""
    data = dataset_for(scale, out)
    if not force and data.manifest() is not None:
        log(f"reusing {data.root} (generated before; --force to regenerate)")
        return data
    if data.root.exists():
        shutil.rmtree(data.root)
    tmp = data.root.with_name(data.root.name + f".tmp{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "villages").mkdir(parents=True)
    (tmp / "half").mkdir()
    jobs = village_jobs(scale)
    workers = workers or os.cpu_count() or 1
    log(f"generating {len(jobs):,} village rosters and one consolidated roster in {tmp} ...")
    started = time.perf_counter()
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ctx.Pool(workers) as pool:
        # the consolidated workbook is one long task: start it first, beside the villages
        merged = pool.apply_async(write_consolidated, (jobs, str(tmp / "consolidated.xlsx")))
        folder = str(tmp / "villages")
        for done, _ in enumerate(
            pool.imap_unordered(_write_village, [(j, folder) for j in jobs], chunksize=16), 1
        ):
            if done % 200 == 0:
                log(f"  {done:,}/{len(jobs):,} villages")
        merged.get()
    files = sorted((tmp / "villages").glob("*.xlsx"))
    for path in files[: (len(files) + 1) // 2]:
        target = tmp / "half" / path.name
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
    rows = len(jobs) * (N_MISKIN + N_RENTAN)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "key": data_key(),
        "scale": scale,
        "year": YEAR,
        "months": [f"{YEAR}-{m:02d}" for m in range(1, MONTHS + 1)],
        "period": PERIOD,
        "villages": len(jobs),
        "half_villages": (len(files) + 1) // 2,
        "rows": rows,
        "month_cells": rows * MONTHS,
        "paid_months": PAID_MONTHS,
        "faults": {f: sum(has_fault(j, f) for j in jobs) for f in FAULTS},
        "seconds": round(time.perf_counter() - started, 1),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    tmp.rename(data.root)
    for stale in out.glob(f"{_scale_label(scale)}-*"):
        key = stale.name.rsplit("-", 1)[1]
        if stale != data.root and stale.is_dir() and re.fullmatch(r"[0-9a-f]{10}", key):
            shutil.rmtree(stale, ignore_errors=True)  # an older generator's files
    log(f"generated {len(jobs):,} villages, {rows:,} rows in {manifest['seconds']} s: {data.root}")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 1,585 villages")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where data sets go")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: cores)")
    parser.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1:
        parser.error("--scale must be in (0, 1]")
    data = generate(args.scale, args.out, args.workers, args.force)
    print(json.dumps(data.manifest(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
