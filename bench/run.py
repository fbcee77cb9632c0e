"""Province-scale benchmark of the bkbk CLI against the calamine floor (issue #4).

    python bench/run.py [--scale 1] [--repeat 3] [--skip-generate] [--only P1,P4]

Generates (or reuses) the input with ``bench/generate.py``, then times, in one
run, the floor (``bench/floor.py``: python-calamine reading every cell of the
same files in one process) and the workloads, each as a fresh subprocess, and
prints one table: wall time (the minimum of ``--repeat`` runs), the floor, the
ratio and the target with PASS/FAIL. Repeats go round-robin over all commands,
so a burst of load from a neighbour on this shared machine spreads over them
instead of spoiling one figure. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import generate  # noqa: E402  (bench/ is a folder of scripts, not a package)

GIB = 1024**3
WORKLOADS = ("P1", "P2", "P3", "P4")

#: Targets from issue #4.
FLOOR_RATIO = {"P1": 2.0, "P2": 2.0, "P3": 4.0}
VALIDATE_ONE_S = 0.6
HELP_S = 0.15
PEAK_RSS = 1 * GIB
LINEARITY = 2.0
#: Runs per repetition of the short commands (P4 and its floor, under a second each): a
#: minimum over three runs of half a second is mostly a draw of this shared machine's
#: load, and five more cost a few seconds.
SHORT_RUNS = 5


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of the process and the children it waited for
    max_rss: int  # bytes, the largest single process (ru_maxrss from wait4)
    tree_rss: int  # bytes, the largest sampled sum over the process and its descendants
    rc: int
    stderr: str = ""


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name (field 2) may hold spaces and parentheses: split after the last ")"
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _tree_rss(root: int) -> int:
    children = _children_map()
    page = os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    return total


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process tree every ``interval`` seconds (Linux /proc).

    A sum of RSS counts pages the pool's forked workers share once per process, so
    it errs high; a sample can miss a peak shorter than the interval, so it can err low.
    """

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self.done.wait(self.interval):
            with contextlib.suppress(OSError):
                self.peak = max(self.peak, _tree_rss(self.pid))


def run_command(argv: list[str], env: dict[str, str], sample_tree: bool = False) -> Run:
    """Run ``argv`` with stdout to /dev/null; wall, CPU and peak memory of this one child."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True
    )
    sampler = TreeSampler(proc.pid) if sample_tree else None
    if sampler:
        sampler.start()
    assert proc.stderr is not None
    stderr = proc.stderr.read()  # the commands write little to stderr; read it all, then reap
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if sampler:
        sampler.done.set()
        sampler.join()
    # ru_maxrss is in kilobytes on Linux and bytes on macOS
    max_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss=max_rss,
        tree_rss=max(sampler.peak if sampler else 0, max_rss),
        rc=proc.returncode,
        stderr=stderr[-2000:],
    )


@dataclass
class Step:
    """One command of a measurement; ``ok`` lists the exit codes that mean it worked."""

    argv: list[str]
    ok: tuple[int, ...] = (0,)
    before: object = None  # a callable run before each repetition, untimed


@dataclass
class Measure:
    """A figure: one or more commands timed together (P3 = ingest, then report)."""

    key: str
    label: str
    steps: list[Step]
    sample_tree: bool = False
    burst: int = 1  # runs per repetition
    runs: list[list[Run]] = field(default_factory=list)  # per run, per step

    def run_once(self, env: dict[str, str]) -> None:
        """One repetition: ``burst`` runs of the steps, one after another."""
        for _ in range(self.burst):
            results = []
            for step in self.steps:
                if callable(step.before):
                    step.before()
                result = run_command(step.argv, env, self.sample_tree)
                results.append(result)
                if result.rc not in step.ok:
                    break
            self.runs.append(results)

    @property
    def failures(self) -> list[str]:
        out = []
        for results in self.runs:
            for step, result in zip(self.steps, results, strict=False):
                if result.rc not in step.ok:
                    tail = result.stderr.strip().splitlines()[-3:]
                    out.append(
                        f"{' '.join(step.argv[:3])} ... exit {result.rc}: {' | '.join(tail)}"
                    )
        return out

    def _complete(self) -> list[list[Run]]:
        return [r for r in self.runs if len(r) == len(self.steps) and not self._failed(r)]

    def _failed(self, results: list[Run]) -> bool:
        return any(r.rc not in s.ok for s, r in zip(self.steps, results, strict=True))

    @property
    def wall(self) -> float | None:
        complete = self._complete()
        return min(sum(r.wall for r in rs) for rs in complete) if complete else None

    def step_wall(self, index: int) -> float | None:
        complete = self._complete()
        return min(rs[index].wall for rs in complete) if complete else None

    def spread(self) -> str:
        """Every run's wall time, e.g. "15.6/23.0/55.1 s", or their range and number when
        there are many ("0.55 to 0.71 s in 15"): how noisy the machine was."""
        walls = [sum(r.wall for r in rs) for rs in self._complete()]
        if not walls:
            return "-"
        digits = 2 if max(walls) < 10 else 1
        if len(walls) > 5:
            return f"{min(walls):.{digits}f} to {max(walls):.{digits}f} s in {len(walls)}"
        return "/".join(f"{w:.{digits}f}" for w in walls) + " s"

    @property
    def cpu(self) -> float | None:
        complete = self._complete()
        if not complete:
            return None
        best = min(complete, key=lambda rs: sum(r.wall for r in rs))
        return sum(r.cpu for r in best)

    @property
    def max_rss(self) -> int | None:
        complete = self._complete()
        return max(r.max_rss for rs in complete for r in rs) if complete else None

    @property
    def tree_rss(self) -> int | None:
        complete = self._complete()
        return max(r.tree_rss for rs in complete for r in rs) if complete else None

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "commands": [s.argv for s in self.steps],
            "wall_min": self.wall,
            "cpu_of_min": self.cpu,
            "max_rss": self.max_rss,
            "tree_rss": self.tree_rss,
            "runs": [
                [
                    {
                        "wall": r.wall,
                        "cpu": r.cpu,
                        "max_rss": r.max_rss,
                        "tree_rss": r.tree_rss,
                        "rc": r.rc,
                    }
                    for r in rs
                ]
                for rs in self.runs
            ],
            "failures": self.failures,
        }


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    try:
        mem = next(
            int(line.split()[1]) * 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        memory = f"{mem / GIB:.0f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {
        "cpu": cpu,
        "cores": str(cores),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "calamine": _version("python-calamine"),
        "bkbk": _version("bkbk-cli"),
        "commit": _git_state(),
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "load": load,
    }


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def _git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(BENCH_DIR), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(BENCH_DIR.parent), "status", "--porcelain", "--", "src"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return f"{head} (src/ has uncommitted changes)" if dirty else head


# --------------------------------------------------------------------------- table


def _s(seconds: float | None) -> str:
    return "error" if seconds is None else f"{seconds:.2f} s"


def _mib(size: int | None) -> str:
    return "error" if size is None else f"{size / 1024**2:,.0f} MiB"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def _ratio(value: float | None, floor: float | None) -> float | None:
    if value is None or not floor:
        return None
    return value / floor


def _x(ratio: float | None) -> str:
    """Two decimals: a ratio of 2.004 printed "2.0×" beside FAIL reads as a contradiction."""
    return "-" if ratio is None else f"{ratio:.2f}×"


@dataclass
class Row:
    figure: str
    wall: str
    floor: str = ""
    ratio: str = ""
    target: str = ""
    result: str = ""
    note: str = ""


def build_rows(m: dict[str, Measure], f: dict[str, Measure], data: generate.Dataset) -> list[Row]:
    manifest = data.manifest() or {}
    villages = manifest.get("villages", 0)
    half = manifest.get("half_villages", 0)
    people = manifest.get("rows", 0)
    rows: list[Row] = []

    def against_floor(key: str, floor_key: str, label: str, limit: float | None) -> float | None:
        wall, floor = m[key].wall, f[floor_key].wall
        ratio = _ratio(wall, floor)
        cpu = m[key].cpu
        notes = [] if cpu is None else [f"cpu {cpu:.1f} s"]
        notes.append(f"runs {m[key].spread()}; floor runs {f[floor_key].spread()}")
        rows.append(
            Row(
                label,
                _s(wall),
                _s(floor),
                _x(ratio),
                f"≤ {limit:g}× floor" if limit else "",
                _verdict(None if ratio is None else ratio <= limit) if limit else "",
                "; ".join(notes),
            )
        )
        return wall

    def linearity(key: str, full: float | None, half_wall: float | None) -> None:
        ratio = _ratio(full, half_wall)
        floor_ratio = _ratio(f["folder"].wall, f["half"].wall)
        rows.append(
            Row(
                f"{key} full/half",
                "-" if ratio is None else f"{ratio:.2f}",
                "" if floor_ratio is None else f"{floor_ratio:.2f}",
                "",
                f"≤ {LINEARITY:g}",
                _verdict(None if ratio is None else ratio <= LINEARITY),
                f"{villages:,} vs {half:,} villages; floor column: the floor's own full/half",
            )
        )

    def rss(key: str, label: str) -> None:
        tree, largest = m[key].tree_rss, m[key].max_rss
        rows.append(
            Row(
                label,
                _mib(tree),
                "",
                "",
                "< 1 GiB",
                _verdict(None if tree is None else tree < PEAK_RSS),
                "" if largest is None else f"largest single process {_mib(largest)}",
            )
        )

    if "P1" in m:
        full = against_floor("P1", "folder", f"P1 validate folder ({villages:,} files)", 2.0)
        half_wall = against_floor("P1-half", "half", f"P1 validate half ({half:,} files)", None)
        linearity("P1", full, half_wall)
    if "P2" in m:
        against_floor("P2", "consolidated", f"P2 validate consolidated ({people:,} rows)", 2.0)
        rss("P2", "P2 peak RSS")
    if "P3" in m:
        full = against_floor("P3", "folder", f"P3 ingest + report ({villages:,} files)", 4.0)
        rows[-1].note += f"; ingest {_s(m['P3'].step_wall(0))}, report {_s(m['P3'].step_wall(1))}"
        half_wall = against_floor("P3-half", "half", f"P3 ingest + report half ({half:,})", None)
        linearity("P3", full, half_wall)
        rss("P3", "P3 peak RSS")
    if "P4" in m:
        wall = m["P4"].wall
        rows.append(
            Row(
                "P4 validate one village file",
                _s(wall),
                _s(f["one"].wall),
                _x(_ratio(wall, f["one"].wall)),
                f"< {VALIDATE_ONE_S:g} s",
                _verdict(None if wall is None else wall < VALIDATE_ONE_S),
                f"runs {m['P4'].spread()}",
            )
        )
        wall = m["P4-help"].wall
        rows.append(
            Row(
                "P4 bkbk --help",
                _s(wall),
                "",
                "",
                f"< {HELP_S:g} s",
                _verdict(None if wall is None else wall < HELP_S),
                f"runs {m['P4-help'].spread()}",
            )
        )
    return rows


def render_table(rows: list[Row]) -> str:
    head = Row("Figure", "Wall (min)", "Floor", "Ratio", "Target", "Result", "Notes")
    table = [head, *rows]
    fields = ("figure", "wall", "floor", "ratio", "target", "result", "note")
    widths = {k: max(len(getattr(r, k)) for r in table) for k in fields}

    def line(r: Row) -> str:
        return "| " + " | ".join(getattr(r, k).ljust(widths[k]) for k in fields) + " |"

    rule = "|" + "|".join("-" * (widths[k] + 2) for k in fields) + "|"
    return "\n".join([line(head), rule, *(line(r) for r in rows)])


# --------------------------------------------------------------------------- main


def _bkbk(explicit: str | None) -> str:
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "bkbk"
    found = str(beside) if beside.exists() else shutil.which("bkbk")
    if not found:
        sys.exit("run.py: cannot find the bkbk command; pass --bkbk PATH")
    return found


def _env(config: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BKBK_")}
    env["BKBK_CONFIG"] = str(config)  # the default rules, whatever ~/.config/bkbk says
    env["BKBK_LANG"] = "id"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def compile_bytecode(py: str, env: dict[str, str]) -> None:
    """Compile bkbk's modules to bytecode first, as ``pip install`` does for a package
    and Python does on a package's first run: with ``PYTHONDONTWRITEBYTECODE`` set
    (``_env`` sets it, and some machines do) and an editable install, every command
    would otherwise compile them from source again, a cost no installed copy pays."""
    code = (
        "import compileall, os, bkbk_cli; "
        "compileall.compile_dir(os.path.dirname(bkbk_cli.__file__), quiet=1)"
    )
    subprocess.run([py, "-c", code], env=env, check=False, stdout=subprocess.DEVNULL)


def _fresh_db(path: Path):
    def remove() -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    return remove


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the 1,585 villages")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the min counts")
    parser.add_argument("--skip-generate", action="store_true", help="use existing data only")
    parser.add_argument("--only", default=",".join(WORKLOADS), help="e.g. P1,P4")
    parser.add_argument("--out", type=Path, default=generate.DEFAULT_OUT, help="data sets")
    parser.add_argument("--bkbk", default=None, help="the bkbk command (default: beside python)")
    parser.add_argument(
        "--json", type=Path, default=None, help="figures file (default: in bench/out/results/)"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    only = {w.strip().upper() for w in args.only.split(",") if w.strip()}
    if not only <= set(WORKLOADS):
        parser.error(f"--only takes {', '.join(WORKLOADS)}")
    if not 0 < args.scale <= 1 or args.repeat < 1:
        parser.error("--scale must be in (0, 1] and --repeat at least 1")

    if args.skip_generate:
        data = generate.dataset_for(args.scale, args.out)
        if data.manifest() is None:
            sys.exit(f"run.py: no data at {data.root}; run without --skip-generate first")
    else:
        data = generate.generate(args.scale, args.out)
    files = data.village_files()
    bkbk = _bkbk(args.bkbk)
    py = sys.executable
    floor = str(BENCH_DIR / "floor.py")
    period = ["--period", generate.PERIOD]
    work = Path(tempfile.mkdtemp(prefix="bkbk-bench-", dir=args.out.parent))
    config = work / "config.toml"
    config.write_text("# the default rules\n")
    env = _env(config)
    db, db_half = work / "province.sqlite3", work / "half.sqlite3"
    validate_ok = (0, 1)  # 1: the rosters have errors, as the generated ones do

    floors: dict[str, Measure] = {}
    measures: dict[str, Measure] = {}
    if only & {"P1", "P3"}:
        floors["folder"] = Measure(
            "folder", "floor: folder", [Step([py, floor, str(data.villages)])]
        )
        floors["half"] = Measure("half", "floor: half", [Step([py, floor, str(data.half)])])
    if "P2" in only:
        floors["consolidated"] = Measure(
            "consolidated", "floor: consolidated", [Step([py, floor, str(data.consolidated)])]
        )
    if "P4" in only:
        floors["one"] = Measure(
            "one", "floor: one file", [Step([py, floor, str(files[0])])], burst=SHORT_RUNS
        )
    if "P1" in only:
        for key, folder in (("P1", data.villages), ("P1-half", data.half)):
            argv_ = [bkbk, "validate", str(folder), "--format", "json", *period]
            measures[key] = Measure(key, f"validate {folder.name}", [Step(argv_, validate_ok)])
    if "P2" in only:
        argv_ = [bkbk, "validate", str(data.consolidated), "--format", "json", *period]
        measures["P2"] = Measure("P2", "validate consolidated", [Step(argv_, validate_ok)], True)
    if "P3" in only:
        for key, folder, store in (("P3", data.villages, db), ("P3-half", data.half, db_half)):
            ingest = [bkbk, "ingest", str(folder), "--db", str(store), *period]
            report = [bkbk, "report", "--format", "json", "--db", str(store), *period]
            measures[key] = Measure(
                key,
                f"ingest + report {folder.name}",
                [Step(ingest, (0,), before=_fresh_db(store)), Step(report)],
                key == "P3",
            )
    if "P4" in only:
        one = [bkbk, "validate", str(files[0]), *period]
        measures["P4"] = Measure("P4", "validate one file", [Step(one, (0, 1))], burst=SHORT_RUNS)
        measures["P4-help"] = Measure(
            "P4-help", "bkbk --help", [Step([bkbk, "--help"])], burst=SHORT_RUNS
        )

    compile_bytecode(py, env)
    info = machine()
    print(
        f"\nbkbk benchmark: {data.manifest()['villages']:,} villages, scale {args.scale:g}, "
        f"{args.repeat} runs each, data {data.root}"
    )
    everything = [*floors.values(), *measures.values()]
    try:
        for repetition in range(1, args.repeat + 1):
            for measure in everything:
                started = time.perf_counter()
                measure.run_once(env)
                print(
                    f"  run {repetition}/{args.repeat} {measure.label:<28} "
                    f"{time.perf_counter() - started:7.2f} s",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = build_rows(measures, floors, data)
    print()
    print(
        f"Wall: the minimum of {args.repeat} run{'s' if args.repeat > 1 else ''} of each command, "
        f"{args.repeat * SHORT_RUNS} of the P4 commands' and their floor's."
    )
    print(render_table(rows))
    print()
    with contextlib.suppress(OSError):
        info["load"] += (
            " at the start, " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " at the end"
        )
    print(
        "Machine: "
        + "; ".join(f"{k} {v}" for k, v in info.items() if k not in ("date",))
        + f"; measured {info['date']}"
    )
    failures = [msg for m in everything for msg in m.failures]
    for msg in failures:
        print(f"ERROR {msg}")

    results = {
        "machine": info,
        "manifest": data.manifest(),
        "repeat": args.repeat,
        "short_runs": SHORT_RUNS,
        "rows": [r.__dict__ for r in rows],
        "floors": {k: v.as_json() for k, v in floors.items()},
        "workloads": {k: v.as_json() for k, v in measures.items()},
    }
    target = args.json or (
        args.out.parent / "results" / f"{dt.datetime.now():%Y%m%d-%H%M%S}-s{args.scale:g}.json"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Figures and every run: {target}")
    if failures:
        return 2
    if args.strict and any(r.result == "FAIL" for r in rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
