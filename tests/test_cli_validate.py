"""``bkbk validate`` through Typer's runner, as an analyst or a scheduler calls it."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from rosters import full_village, person, write
from typer.testing import CliRunner

from bkbk_cli import cli
from bkbk_cli.cli import app

runner = CliRunner()
PERIOD = ["--period", "2026-10"]


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env or {})


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write(tmp_path / "badang.xlsx", full_village())


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    people = [person(), person(nik=1506011205800004, nama=None), person(nik="=1+1")]
    return write(tmp_path / "faulty.xlsx", people)


def test_a_clean_roster_exits_0_with_a_summary(clean: Path) -> None:
    result = invoke("validate", str(clean), *PERIOD)
    assert result.exit_code == 0, result.output
    assert "Badang" in result.output
    assert "0 kesalahan, 0 peringatan" in result.output


def test_errors_exit_1_and_are_shown_in_indonesian_or_english(faulty: Path) -> None:
    result = invoke("validate", str(faulty), *PERIOD)
    assert result.exit_code == 1
    assert "NIK disimpan sebagai angka" in result.output
    english = invoke("validate", str(faulty), *PERIOD, "--lang", "en")
    assert "NIK is stored as a number" in english.output
    by_env = invoke("validate", str(faulty), *PERIOD, env={"BKBK_LANG": "en"})
    assert "NIK is stored as a number" in by_env.output


def test_json_output_is_the_documented_shape(faulty: Path) -> None:
    result = invoke("validate", str(faulty), *PERIOD, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    (entry,) = document["files"]
    assert {
        "file",
        "sheet",
        "village_code",
        "village_name",
        "rows_read",
        "participants",
        "errors",
        "warnings",
        "findings",
    } <= set(entry)
    assert (entry["village_code"], entry["rows_read"], entry["participants"]) == (
        "15.06.01.2001",
        3,
        2,
    )
    finding = next(f for f in entry["findings"] if f["code"] == "NIK_NUMBER")
    assert finding == {
        "code": "NIK_NUMBER",
        "severity": "error",
        "file": str(faulty),
        "sheet": "Roster",
        "row": 9,
        "column": "B",
        "cell": "B9",
        "field": "nik",
        "period": None,
        "message": finding["message"],
    }
    severities = [f["severity"] for f in entry["findings"]]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert entry["errors"] == severities.count("error")
    quota = next(f for f in entry["findings"] if f["code"] == "QUOTA_ACTIVE_SHORT")
    assert (quota["row"], quota["column"], quota["period"]) == (None, None, "2026-10")


def test_csv_output_has_one_finding_per_line(faulty: Path) -> None:
    result = invoke("validate", str(faulty), *PERIOD, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["code"] for r in rows} >= {"NIK_NUMBER", "NAMA_MISSING", "NIK_LENGTH"}
    assert all(r["file"] == str(faulty) for r in rows)


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    short = write(tmp_path / "short.xlsx", [person()])
    assert invoke("validate", str(short), *PERIOD).exit_code == 0
    assert invoke("validate", str(short), *PERIOD, "--strict").exit_code == 1


def test_usage_errors_exit_2(clean: Path) -> None:
    assert invoke("validate", str(clean), "--period", "2026-13").exit_code == 2
    assert invoke("validate", str(clean), "--lang", "fr").exit_code == 2
    assert invoke("validate", str(clean), "--format", "xml").exit_code == 2
    assert invoke("validate").exit_code == 2


def test_a_bad_config_file_is_a_usage_error(clean: Path, tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text("[quota]\nmiskin_ekstrem = -1\n")
    result = invoke("validate", str(clean), "--config", str(bad))
    assert result.exit_code == 2
    assert "rules.toml" in result.output


def test_an_internal_failure_exits_3_in_one_line(clean: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("bkbk_cli.validate.validate_paths", broken)
    result = invoke("validate", str(clean))
    assert result.exit_code == 3
    assert result.output.strip() == "bkbk: kesalahan internal: RuntimeError: boom"
    assert "Traceback" not in result.output
    debug = runner.invoke(app, ["--debug", "validate", str(clean)])
    assert debug.exit_code == 3
    assert "Traceback" in debug.output
    cli.State.debug = False


def test_unreadable_files_are_reported_and_the_others_still_checked(
    clean: Path, tmp_path: Path
) -> None:
    (tmp_path / "zero.xlsx").write_bytes(b"")
    result = invoke("validate", str(tmp_path), *PERIOD, "--format", "json")
    assert result.exit_code == 1
    files = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["zero.xlsx"]["findings"][0]["code"] == "FILE_EMPTY"
    assert files["badang.xlsx"]["errors"] == 0


def test_annotate_writes_the_marked_up_copy(faulty: Path, tmp_path: Path) -> None:
    out = tmp_path / "kembali.xlsx"
    result = invoke("validate", str(faulty), *PERIOD, "--annotate", str(out))
    assert result.exit_code == 1
    workbook = openpyxl.load_workbook(out)
    assert "Temuan" in workbook.sheetnames
    roster = workbook["Roster"]
    assert roster["B9"].comment is not None
    assert "NIK_NUMBER" in roster["B9"].comment.text
    assert roster["B10"].value == "=1+1"
    assert roster["B10"].data_type == "s"
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_annotate_into_a_missing_folder_says_why_without_python_text(
    faulty: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tidak-ada" / "kembali.xlsx"
    result = invoke("validate", str(faulty), *PERIOD, "--annotate", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert "tidak dapat ditulis" in result.output
    assert "[Errno" not in result.output and "No such file or directory" in result.output


def test_annotate_a_folder_and_a_csv(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    write(uploads / "a.csv", [person(nama=None)])
    write(uploads / "b.xlsx", [person()])
    out = tmp_path / "kembali"
    result = invoke("validate", str(uploads), *PERIOD, "--annotate", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "a.temuan.xlsx",
        "b.temuan.xlsx",
        "pesan-untuk-desa.txt",
    ]
    sheet = openpyxl.load_workbook(out / "a.temuan.xlsx").worksheets[1]  # after Ringkasan
    assert sheet["C8"].comment is not None


def test_the_bundled_sample_data_validates(tmp_path: Path) -> None:
    samples = Path(__file__).resolve().parent.parent / "sample_data"
    result = invoke("validate", str(samples), *PERIOD, "--format", "json")
    files = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["badang_2026.xlsx"]["errors"] == files["badang_2026.xlsx"]["warnings"] == 0
    assert files["parit_pudin_2026.xlsx"]["errors"] > 0
    assert result.exit_code == 1
