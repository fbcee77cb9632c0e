"""The province benchmark (``bench/``) as a user runs it, at a tiny scale.

Nothing here is timed: the figures are the benchmark's to print. These check that
``run.py`` still runs every workload of issue #4 against the current CLI and prints
every figure, and that its verdicts follow the targets.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/ is a folder of scripts, not a package)
import run  # noqa: E402

FIGURES = (
    "P1 validate folder",
    "P1 validate half",
    "P1 full/half",
    "P2 validate consolidated",
    "P2 peak RSS",
    "P3 ingest + report",
    "P3 ingest + report half",
    "P3 full/half",
    "P3 peak RSS",
    "P4 validate one village file",
    "P4 bkbk --help",
)


def _bkbk() -> str | None:
    beside = Path(sys.executable).parent / "bkbk"
    return str(beside) if beside.exists() else shutil.which("bkbk")


@pytest.mark.skipif(_bkbk() is None, reason="the bkbk command is not installed")
def test_a_tiny_run_prints_every_figure_and_keeps_every_run(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    command = [sys.executable, str(BENCH / "run.py"), "--scale", "0.01", "--repeat", "1"]
    command += ["--out", str(tmp_path / "data"), "--json", str(figures), "--bkbk", str(_bkbk())]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| P")]
    printed = [row.split("|")[1].strip() for row in rows]
    assert len(printed) == len(FIGURES)
    for figure, expected in zip(printed, FIGURES, strict=True):
        assert figure == expected or figure.startswith(f"{expected} ("), (figure, expected)
    assert "ERROR" not in done.stdout
    saved = json.loads(figures.read_text())
    assert saved["manifest"]["villages"] == 16
    assert set(saved["workloads"]) == {"P1", "P1-half", "P2", "P3", "P3-half", "P4", "P4-help"}
    for key, workload in saved["workloads"].items():
        assert workload["failures"] == [], key
        assert workload["wall_min"] > 0, key
    # the short commands run SHORT_RUNS times per repetition, the others once
    assert len(saved["workloads"]["P4"]["runs"]) == run.SHORT_RUNS
    assert len(saved["workloads"]["P1"]["runs"]) == 1


def _measure(key: str, *walls: float, rss: int = 0) -> run.Measure:
    measure = run.Measure(key, key, [run.Step(["true"])])
    measure.runs = [[run.Run(wall=w, cpu=w, max_rss=rss, tree_rss=rss, rc=0)] for w in walls]
    return measure


def test_each_figure_is_the_minimum_run_over_the_floors_minimum(tmp_path: Path) -> None:
    data = generate.Dataset(tmp_path)
    data.root.mkdir(exist_ok=True)
    data.manifest_path.write_text(
        json.dumps({"villages": 1585, "half_villages": 793, "rows": 118875})
    )
    floors = {
        "folder": _measure("folder", 2.5, 2.0),
        "half": _measure("half", 1.0, 1.1),
        "consolidated": _measure("consolidated", 3.0),
        "one": _measure("one", 0.04),
    }
    gib = 1024**3
    measures = {
        "P1": _measure("P1", 4.4, 4.0),  # 4.0 / 2.0: PASS, the limit included
        "P1-half": _measure("P1-half", 2.05),  # full/half 1.95: PASS
        "P2": _measure("P2", 6.3, rss=gib // 2),  # 6.3 / 3.0 = 2.1: FAIL
        "P3": _measure("P3", 0.0),  # two steps, below
        "P3-half": _measure("P3-half", 3.9),  # full/half 2.05: FAIL
        "P4": _measure("P4", 0.61, 0.59),
        "P4-help": _measure("P4-help", 0.2),
    }
    measures["P3"].steps.append(run.Step(["true"]))
    # ingest 5 s and report 3 s: 8.0 / 2.0 = 4.0, PASS; 1 GiB of memory: FAIL
    measures["P3"].runs = [[run.Run(5.0, 5.0, gib, gib, 0), run.Run(3.0, 3.0, gib, gib, 0)]]

    rows = {row.figure: row for row in run.build_rows(measures, floors, data)}

    folder = rows["P1 validate folder (1,585 files)"]
    assert (folder.wall, folder.floor, folder.ratio, folder.result) == (
        "4.00 s",
        "2.00 s",
        "2.00×",
        "PASS",
    )
    assert (rows["P1 full/half"].wall, rows["P1 full/half"].result) == ("1.95", "PASS")
    consolidated = rows["P2 validate consolidated (118,875 rows)"]
    assert (consolidated.ratio, consolidated.result) == ("2.10×", "FAIL")
    assert rows["P2 peak RSS"].result == "PASS"
    province = rows["P3 ingest + report (1,585 files)"]
    assert (province.wall, province.ratio, province.result) == ("8.00 s", "4.00×", "PASS")
    assert "ingest 5.00 s, report 3.00 s" in province.note
    assert (rows["P3 full/half"].wall, rows["P3 full/half"].result) == ("2.05", "FAIL")
    assert rows["P3 peak RSS"].result == "FAIL"
    one = rows["P4 validate one village file"]
    assert (one.wall, one.result) == ("0.59 s", "PASS")
    assert rows["P4 bkbk --help"].result == "FAIL"
    table = run.render_table(list(rows.values()))
    assert table.splitlines()[0].startswith("| Figure")
    assert len(table.splitlines()) == 2 + len(rows)
