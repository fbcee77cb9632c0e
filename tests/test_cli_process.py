"""The console command as a scheduler runs it: a real process, its exit code, its output.

``cli.main`` ends the process with ``os._exit`` once a command is done (tearing down
pandas took longer than checking a file), so these run ``python -m bkbk_cli`` and
check that nothing of the output is lost on the way out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"
ROSTERS = sorted([*SAMPLES.glob("*.xlsx"), *SAMPLES.glob("*.csv")])


def bkbk(*args: str) -> subprocess.CompletedProcess[str]:
    # output to a pipe is buffered, as under cron, unless PYTHONUNBUFFERED says otherwise
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-m", "bkbk_cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_a_folder_with_faults_gives_its_whole_json_and_exit_1() -> None:
    done = bkbk("validate", *map(str, ROSTERS), "--format", "json", "--period", "2026-10")
    assert done.returncode == 1, done.stderr
    files = json.loads(done.stdout)["files"]  # complete: parsed to its last bracket
    assert [f["file"] for f in files] == [str(p) for p in ROSTERS]
    assert any(f["errors"] for f in files)


def test_help_exits_0_and_a_usage_error_exits_2() -> None:
    assert bkbk("--help").returncode == 0
    done = bkbk("validate", "--no-such-option")
    assert done.returncode == 2
    assert "no-such-option" in done.stderr


def test_ingest_then_report_leave_a_store_the_next_process_reads(tmp_path: Path) -> None:
    db = tmp_path / "bkbk.sqlite3"
    ingest = bkbk("ingest", *map(str, ROSTERS), "--db", str(db), "--period", "2026-10")
    assert ingest.returncode == 0, ingest.stderr
    # one line per file and (issue 12) the summary line, all flushed
    assert ingest.stdout.count("\n") == len(ROSTERS) + 1
    done = bkbk("report", "--db", str(db), "--period", "2026-10", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["period"] == "2026-10"


def test_reading_a_roster_needs_no_pandas_so_its_import_can_overlap_the_read() -> None:
    code = (
        "import sys; from bkbk_cli import validate; "
        "assert 'pandas' not in sys.modules, 'imported with validate'; "
        f"r = validate.validate_file({str(ROSTERS[0])!r}, validate.Options(period='2026-10')); "
        "print(r.rows_read, r.participants)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows_read, participants = map(int, done.stdout.split())
    assert rows_read >= participants > 0
