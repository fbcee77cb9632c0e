"""The feedback pack: the chat message (``validate --message``), the Ringkasan sheet of the
annotated copy, and a folder's return copies with every message in one text file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from rosters import TODAY, full_village, write
from typer.testing import CliRunner

from bkbk_cli.cli import app
from bkbk_cli.config import Config, load_config
from bkbk_cli.render.annotate import annotate_workbook
from bkbk_cli.render.feedback import build_feedback, message_lines, message_text, next_deadline
from bkbk_cli.validate import Options, validate_file

OPTIONS = Options(today=TODAY, period="2026-10")
FIRST = 8  # the fixture's roster: title block, a blank row, the header on row 7


def run(*args: str, lang: str = "id"):
    return CliRunner().invoke(app, [*args, "--period", "2026-10"], env={"BKBK_LANG": lang})


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    """Badang with three NIKs to fix (rows 8-10), a missing name (row 12) and a gap."""
    people = full_village()
    people[0] = replace(people[0], nik=int(people[0].nik))  # a number
    people[1] = replace(people[1], nik=people[1].nik[:15])  # 15 digits
    people[2] = replace(people[2], nik="1506019X09990001")  # not digits
    people[4] = replace(people[4], nama=None)
    gap = next(i for i, p in enumerate(people) if p.payments.get("2026-01") and i > 10)
    people[gap] = replace(people[gap], payments={**people[gap].payments, "2026-05": None})
    return write(tmp_path / "badang.xlsx", people)


def feedback(path: Path, lang: str = "id", config: Config | None = None, today=TODAY):
    result = validate_file(path, OPTIONS)
    return build_feedback(result, config or Config(), lang, today)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the message


def test_the_message_groups_errors_by_column_with_cells_and_a_deadline(faulty: Path) -> None:
    text = message_text(feedback(faulty))
    lines = text.splitlines()
    assert lines[0] == "Roster BKBK Desa/Kelurahan Badang (15.06.01.2001), periode Oktober 2026:"
    assert lines[1] == "Ada 5 kesalahan di 4 baris yang perlu diperbaiki:"  # B10 twice
    assert "- NIK perlu diperbaiki (3 baris): B8, B9, B10" in lines
    assert "- Nama perlu diperbaiki (1 baris): C12" in lines
    assert "paling lambat 15 Desember 2026" in text  # 25 November: the next 15th
    assert "Iuran bolong" in lines[-1]  # a warning, told apart
    assert lines[-1].startswith("Catatan, tidak wajib diperbaiki: 3 peringatan")
    assert "1506" not in text  # cells, never a NIK


def test_the_warning_note_says_when_it_names_only_some_kinds(tmp_path: Path) -> None:
    people = full_village()
    people[0] = replace(people[0], nik=int(people[0].nik))  # an error, so a message to send
    people[3] = replace(people[3], no_kpj="123")  # KPJ_FORMAT
    people[5] = replace(people[5], tanggal_lahir=dt.date(1990, 1, 1))  # NIK birth date differs
    people = people[:60]  # quotas short: enrolled and active
    gap = next(i for i, p in enumerate(people) if p.payments.get("2026-01") and i > 10)
    people[gap] = replace(people[gap], payments={**people[gap].payments, "2026-05": None})
    fb = feedback(write(tmp_path / "badang.xlsx", people))
    assert len(fb.warnings) > 3
    note = message_lines(fb)[-1]
    assert note.endswith(f", dan {len(fb.warnings) - 3} jenis lainnya).")


def test_the_deadline_follows_the_rules_in_config(tmp_path: Path, faulty: Path) -> None:
    assert next_deadline(dt.date(2026, 11, 10), Config()) == dt.date(2026, 11, 15)
    assert next_deadline(dt.date(2026, 12, 16), Config()) == dt.date(2027, 1, 15)
    rules = tmp_path / "aturan.toml"
    rules.write_text("[contribution]\ndeadline_day = 31\n", encoding="utf-8")
    config = load_config(rules)
    assert next_deadline(dt.date(2026, 2, 3), config) == dt.date(2026, 2, 28)
    text = message_text(feedback(faulty, config=config, today=dt.date(2026, 11, 25)))
    assert "paling lambat 30 November 2026" in text


def test_a_clean_roster_gets_thanks_and_english_on_request(tmp_path: Path) -> None:
    clean = write(tmp_path / "bersih.xlsx", full_village())
    assert message_lines(feedback(clean))[1:] == [
        "Roster sudah benar, tidak ada yang perlu diperbaiki. Terima kasih."
    ]
    english = message_text(feedback(clean, "en"))
    assert english.startswith("BKBK roster of Badang (15.06.01.2001), period October 2026:")
    assert "nothing needs fixing" in english


def test_an_unreadable_file_is_asked_for_again(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    text = message_text(feedback(empty))
    assert "tidak dapat dibaca" in text and "0 byte" in text
    assert "kirim ulang paling lambat 15 Desember 2026" in text


def test_validate_message_prints_the_same_text(faulty: Path) -> None:
    result = run("validate", str(faulty), "--message")
    assert result.exit_code == 1  # the exit code still says errors were found
    expected = message_text(feedback(faulty, today=dt.date.today()))
    assert result.stdout == expected + "\n"


# ------------------------------------------------------------------ the Ringkasan sheet


def _texts(ws) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


def test_the_annotated_copy_opens_on_ringkasan(faulty: Path, tmp_path: Path) -> None:
    out = tmp_path / "kembali.xlsx"
    fb = feedback(faulty)
    result = validate_file(faulty, OPTIONS)
    annotate_workbook(faulty, result.sheet, result.finding_records(), out, feedback=fb)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Roster", "Temuan"]
    ws = wb.active
    assert ws.title == "Ringkasan"
    texts = _texts(ws)
    assert texts[0] == "Ringkasan pemeriksaan roster BKBK"
    # it opens with the chat message, line for line
    start = texts.index("Pesan untuk desa/kelurahan") + 1
    assert texts[start : start + len(message_lines(fb))] == message_lines(fb)
    assert "Yang sudah benar" in texts
    assert f"75 baris dibaca, {result.participants} peserta tercatat." in texts
    fix, warn = texts.index("Yang harus diperbaiki"), texts.index(
        "Peringatan saja (tidak wajib diperbaiki)"
    )
    assert fix < texts.index("NIK perlu diperbaiki (3 baris)") < warn
    assert warn < texts.index("Cara mengirim kembali")
    assert any(t.startswith("Iuran bolong") for t in texts[warn:])
    # every cell to fix is listed and jumps to the marked cell
    links = {c.value: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
    assert links["B8"] == "'Roster'!B8" and links["C12"] == "'Roster'!C12"
    assert not any("1506" in t for t in texts)


def test_ringkasan_is_print_ready(faulty: Path, tmp_path: Path) -> None:
    out = tmp_path / "kembali.xlsx"
    assert run("validate", str(faulty), "--annotate", str(out)).exit_code == 1
    ws = openpyxl.load_workbook(out)["Ringkasan"]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$2"


def test_english_ringkasan(faulty: Path, tmp_path: Path) -> None:
    out = tmp_path / "returned.xlsx"
    assert run("validate", str(faulty), "--annotate", str(out), lang="en").exit_code == 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Summary"
    assert "What must be fixed" in _texts(wb["Summary"])


def test_a_returned_copy_is_read_and_annotated_again(faulty: Path, tmp_path: Path) -> None:
    """The village sends the annotated copy back: the roster is read, not the Ringkasan,
    and the next round replaces the old Ringkasan instead of adding one."""
    first = tmp_path / "kembali.xlsx"
    assert run("validate", str(faulty), "--annotate", str(first)).exit_code == 1
    again = validate_file(first, OPTIONS)
    before = validate_file(faulty, OPTIONS)
    assert again.sheet == "Roster"
    assert again.finding_dicts()[0]["cell"] == before.finding_dicts()[0]["cell"]
    assert again.errors == before.errors
    second = tmp_path / "kembali-2.xlsx"
    assert run("validate", str(first), "--annotate", str(second)).exit_code == 1
    assert openpyxl.load_workbook(second).sheetnames == ["Ringkasan", "Roster", "Temuan"]


# ------------------------------------------------------------------ a folder


def test_a_folder_gets_return_copies_and_one_message_file(faulty: Path, tmp_path: Path) -> None:
    uploads = faulty.parent
    write(uploads / "lain.xlsx", full_village())
    out = tmp_path / "kembali"
    result = run("validate", str(uploads), "--annotate", str(out))
    assert result.exit_code == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == ["badang.temuan.xlsx", "lain.temuan.xlsx", "pesan-untuk-desa.txt"]
    text = (out / "pesan-untuk-desa.txt").read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    assert blocks[0].startswith("== badang.xlsx (lampirkan badang.temuan.xlsx)\n")
    assert "NIK perlu diperbaiki (3 baris): B8, B9, B10" in blocks[0]
    assert "Roster sudah benar" in blocks[1]
    assert "pesan-untuk-desa.txt" in result.output
