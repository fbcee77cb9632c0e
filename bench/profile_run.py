"""Profile one benchmark workload in a single process with pyinstrument.

    python bench/profile_run.py P1|P1-half|P2|P3|P4 [--scale 1] [--files N] [--html]

Runs the same ``bkbk`` command as ``run.py`` inside this process (the CLI's
typer ``app`` with its arguments: ``main`` would end the process at once), with
the process pool turned off: the CPU count the CLI sees is patched to 1, so every
file is checked in this process and shows up in the profile (a pool's workers, or
the child that checks half of a consolidated roster, would not). P3 profiles ``ingest``
and ``report`` one after the other into a fresh store. ``--files N`` takes the
first N village files (of P1's folder) for a quicker look. The text profile is
printed and kept in ``bench/out/profiles/``. Needs pyinstrument
(``pip install pyinstrument``); the data must exist (``python bench/generate.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import generate  # noqa: E402  (bench/ is a folder of scripts, not a package)

PROFILES = BENCH_DIR / "out" / "profiles"


def one_process() -> None:
    """Make the CLI believe it has one core, so no process pool is started."""
    os.cpu_count = lambda: 1  # type: ignore[assignment]
    if hasattr(os, "process_cpu_count"):
        os.process_cpu_count = lambda: 1  # type: ignore[attr-defined]
    if hasattr(os, "sched_getaffinity"):
        os.sched_getaffinity = lambda pid: {0}  # type: ignore[assignment]


def run_cli(argv: list[str]) -> int:
    from bkbk_cli.cli import app

    saved = sys.argv
    sys.argv = ["bkbk", *argv]
    try:
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            app()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.argv = saved
    return 0


def commands(workload: str, data: generate.Dataset, files: int | None, db: Path) -> list[list[str]]:
    period = ["--period", generate.PERIOD]
    folder: list[str] = [str(data.villages)]
    if files:
        folder = [str(p) for p in data.village_files()[:files]]
    if workload == "P1":
        return [["validate", *folder, "--format", "json", *period]]
    if workload == "P1-half":
        return [["validate", str(data.half), "--format", "json", *period]]
    if workload == "P2":
        return [["validate", str(data.consolidated), "--format", "json", *period]]
    if workload == "P3":
        return [
            ["ingest", *folder, "--db", str(db), *period],
            ["report", "--format", "json", "--db", str(db), *period],
        ]
    if workload == "P4":
        return [["validate", str(data.village_files()[0]), *period]]
    raise SystemExit(f"unknown workload {workload!r}; use P1, P1-half, P2, P3 or P4")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--files", type=int, default=None, help="only the first N village files")
    parser.add_argument("--html", action="store_true", help="also write an HTML profile")
    parser.add_argument("--interval", type=float, default=0.001, help="sampling interval, s")
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("profile_run.py needs pyinstrument: pip install pyinstrument")
    data = generate.dataset_for(args.scale)
    if data.manifest() is None:
        sys.exit(f"no data at {data.root}; run python bench/generate.py --scale {args.scale:g}")
    one_process()
    work = Path(tempfile.mkdtemp(prefix="bkbk-profile-"))
    os.environ["BKBK_CONFIG"] = str(work / "config.toml")
    (work / "config.toml").write_text("# the default rules\n")
    PROFILES.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        for argv_ in commands(args.workload.upper(), data, args.files, work / "store.sqlite3"):
            profiler = Profiler(interval=args.interval)
            started = time.perf_counter()
            profiler.start()
            rc = run_cli(argv_)
            profiler.stop()
            wall = time.perf_counter() - started
            text = profiler.output_text(unicode=True, color=False, show_all=False)
            name = f"{stamp}-{args.workload.lower()}-{argv_[0]}"
            (PROFILES / f"{name}.txt").write_text(text)
            if args.html:
                (PROFILES / f"{name}.html").write_text(profiler.output_html())
            print(f"bkbk {argv_[0]}: exit {rc}, {wall:.2f} s in one process")
            print(text)
            print(f"(kept in {PROFILES / name}.txt)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
