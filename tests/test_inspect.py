"""``bkbk inspect``: how a roster file was read, so an analyst sees why a number is what it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layout_rosters import blt_rows, people, write_xlsx
from rosters import full_village, write
from typer.testing import CliRunner

from bkbk_cli.cli import app

runner = CliRunner()
SAMPLES = sorted(
    p
    for p in (Path(__file__).parent.parent / "sample_data").iterdir()
    if p.suffix != ".py" and p.suffix != ".md"
)
DATA = Path(__file__).parent / "data"


def inspect_json(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["inspect", *args, "--format", "json"])
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_roster_is_inspected(path: Path) -> None:
    code, report = inspect_json(str(path))
    (entry,) = report["files"]
    assert code == 0 and entry["readable"]
    fields = {c["field"] for c in entry["columns"]}
    assert {"nik", "nama", "kategori"} <= fields
    assert entry["months"] and entry["category_source"] == "column"
    assert entry["rows"]["participants"] <= entry["rows"]["read"]
    table = runner.invoke(app, ["inspect", str(path), "--lang", "en"])
    assert table.exit_code == 0 and "Payment months" in table.output


def test_the_common_village_layout_is_explained(tmp_path: Path) -> None:
    rows, merged, where = blt_rows(people(3, 2), marks={0: {2: "v"}})
    path = write_xlsx(tmp_path / "blt.xlsx", {"Sheet1": rows}, {"Sheet1": merged})
    _, report = inspect_json(str(path), "--lang", "en")
    (entry,) = report["files"]
    assert entry["header_rows"] == [7, 8] and entry["numbered_row"] == 9
    columns = {c["column"]: c["field"] for c in entry["columns"]}
    assert columns["B"] == "nik" and columns["C"] == "nama"
    assert [m["period"] for m in entry["months"]] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert entry["months"][0] == {
        "period": "2025-01",
        "column": "G",
        "header": "IURAN BULAN (Rp) / Jan",
    }
    assert entry["year_source"] == "title" and entry["category_source"] == "sections"
    roles = [(s["row"], s["role"]) for s in entry["skipped"]]
    assert (where[0] - 1, "section") in roles
    assert [r for r in roles if r[1] in ("subtotal", "total")] == [
        (where[2] + 1, "subtotal"),
        (where[4] + 1, "subtotal"),
        (where[4] + 3, "total"),
    ]
    assert roles[-1][1] == "below"  # the signature block and the note under the total
    assert {n["code"] for n in entry["notes"]} == {"KATEGORI_FROM_SECTION", "IURAN_MARKS"}
    assert entry["rows"]["participants"] == 5
    text = runner.invoke(app, ["inspect", str(path)]).output
    assert "baris nomor kolom 9 dilewati" in text and "judul bagian" in text
    assert "Bulan iuran: Januari 2025 .. Desember 2025 (12)" in text  # months as people say them


def test_a_tidy_roster_and_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "a.xlsx", full_village())
    write(tmp_path / "b.csv", full_village())
    code, report = inspect_json(str(tmp_path))
    assert code == 0
    assert [Path(f["file"]).name for f in report["files"]] == ["a.xlsx", "b.csv"]
    assert all(f["rows"]["participants"] == 75 for f in report["files"])
    assert all(f["skipped"] == [] and f["notes"] == [] for f in report["files"])


def test_a_file_that_cannot_be_read_says_why_and_exits_1() -> None:
    code, report = inspect_json(str(DATA / "roster_password.xlsx"))
    assert code == 1
    assert report["files"][0]["problem"]["code"] == "FILE_ENCRYPTED"


def test_a_sheet_without_a_roster_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "notes.xlsx", {"Catatan": [["Daftar menyusul."]]})
    code, report = inspect_json(str(path))
    assert code == 1 and report["files"][0]["problem"]["code"] == "HEADER_NOT_FOUND"
