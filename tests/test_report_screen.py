"""The report on screen: fitted to the terminal (names and whole numbers at 80 columns),
one colour rule, a pager for tall reports on a terminal only, --sort by what the table shows."""

from __future__ import annotations

import io
import json
import re

import pytest
from report_rosters import PR, TANJAB_BARAT, person, roster
from rich.console import Console
from typer.testing import CliRunner

from bkbk_cli.cli import app
from bkbk_cli.config import Colours
from bkbk_cli.regions import regencies
from bkbk_cli.render import report_screen
from bkbk_cli.render.report_table import print_report

PELABUHAN, BADANG = TANJAB_BARAT[:2]
PERIOD = ["--period", "2025-06"]


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env={"BKBK_LANG": "id", **(env or {})})


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    path = tmp_path_factory.mktemp("config") / "aturan.toml"
    path.write_text("[quota]\nmiskin_ekstrem = 2\npekerja_rentan = 1\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def db(tmp_path_factory, config):
    tmp_path = tmp_path_factory.mktemp("store")
    folder = tmp_path / "masuk"
    folder.mkdir()
    roster(
        folder, PELABUHAN, [person(PELABUHAN, 1), person(PELABUHAN, 2), person(PELABUHAN, 3, PR)]
    )
    roster(folder, BADANG, [person(BADANG, 21), person(BADANG, 22, PR, paid=range(1, 6))])
    path = tmp_path / "bkbk.sqlite3"
    assert run("ingest", str(folder), "--db", str(path), "--config", config, *PERIOD).exit_code == 0
    return str(path)


def block(active: int, quota: int) -> dict[str, int]:
    return {"enrolled": active, "active": active, "quota": quota}


def big_province() -> dict:
    """A province as large as Jambi's: every village reported, Rupiah in the billions."""
    rows = []
    for r in regencies():
        n = 150
        rows.append(
            {
                "regency_code": r.code,
                "regency_slug": r.slug,
                "regency_name": r.name,
                "villages_submitted": n - 3,
                "villages_total": n,
                "villages_quota_met": n - 40,
                "miskin_ekstrem": block(49 * n, 50 * n),
                "pekerja_rentan": block(24 * n, 25 * n),
                "months_due": 75 * n * 12,
                "months_paid": 73 * n * 12,
                "continuity_rate": 73 / 75,
                "paid_rp": 73 * n * 12 * 16_800,
                "outstanding_rp": 2 * n * 12 * 16_800 + 1_126_843_200,
                "menunggak": 2 * n,
                "nonaktif": n // 3,
                "errors": 999,
                "quota_met": False,
            }
        )
    totals = {
        key: sum(row[key] for row in rows)
        for key in (
            *("villages_submitted", "villages_total", "villages_quota_met", "months_due"),
            *("months_paid", "paid_rp", "outstanding_rp", "menunggak", "nonaktif", "errors"),
        )
    }
    for k in ("miskin_ekstrem", "pekerja_rentan"):
        totals[k] = {m: sum(row[k][m] for row in rows) for m in ("enrolled", "active", "quota")}
    totals |= {"continuity_rate": 73 / 75, "quota_met": False}
    return {"period": "2026-10", "regencies": rows, "totals": totals}


@pytest.fixture(autouse=True)
def columns_env(monkeypatch):
    """A console given a width keeps it (as a terminal of $COLUMNS would)."""
    monkeypatch.setenv("COLUMNS", "80")


def screen(document: dict, width: int, lang: str = "id") -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    print_report(console, document, lang)
    return buffer.getvalue()


# --- 80 columns ---------------------------------------------------------------------------


def test_at_80_columns_the_regency_table_keeps_every_name_and_the_status(db, config):
    result = run(
        "report", "-r", "tanjab-barat", "--db", db, "--config", config, *PERIOD,
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in result.output
    for place in TANJAB_BARAT:  # every village of the regency, by its whole name
        assert place.name in result.output, place.name
    assert any("Badang" in line and "kurang" in line for line in lines)
    assert any("Pelabuhan Dagang" in line and "terpenuhi" in line for line in lines)
    assert "Tidak muat di layar ini: ME dftr, PR dftr, Bln bayar" in result.output
    wide = run(
        "report", "-r", "tanjab-barat", "--db", db, "--config", config, *PERIOD,
        env={"COLUMNS": ""},
    )  # fmt: skip
    assert "Tidak muat" not in wide.output  # piped without $COLUMNS: 160 columns, all shown
    assert any(line.startswith(PELABUHAN.code) for line in wide.output.splitlines())


def test_at_80_columns_the_province_keeps_regency_names_and_whole_rupiah():
    document = big_province()
    text = screen(document, 80)

    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    total = f"{document['totals']['outstanding_rp']:,}".replace(",", ".")
    assert total in text  # "16.435.875.200", not "16.435.8…"
    assert "1.126.843.200" not in text or f"{1_126_843_200 + 2 * 150 * 12 * 16_800:,}" in text
    for r in regencies():
        short = r.name.removeprefix("Kabupaten ")
        words = short.split()
        assert all(w in text for w in words), short  # a long name may wrap, never be cut
    # everything does not fit side by side: two tables, each led by the regency name
    assert text.count("Kabupaten/Kota") == 2
    assert text.count("Jumlah") >= 2


def test_the_same_report_on_a_wide_screen_is_one_table_with_codes():
    text = screen(big_province(), 160)
    assert text.count("Kabupaten/Kota") == 1
    assert re.search(r"^15\.06 +Tanjung Jabung Barat", text, re.MULTILINE)


# --- colours --------------------------------------------------------------------------------


def village(rate: float | None, active: int, submitted: bool = True) -> dict:
    return {
        "village_code": "15.06.01.2001",
        "village_name": "Badang",
        "submitted": submitted,
        "miskin_ekstrem": block(active, 50),
        "pekerja_rentan": block(25, 25),
        "months_due": 900,
        "months_paid": int(900 * (rate or 0)),
        "continuity_rate": rate,
        "paid_rp": 0,
        "outstanding_rp": 0,
        "menunggak": 0,
        "nonaktif": 0,
        "errors": 0,
        "quota_met": active >= 50,
    }


def cells_of(row: dict) -> dict[str, object]:
    document = {"villages": [row]}
    _, name, columns, _ = report_screen.regency_columns(document, "id", Colours())
    out = {"name": name.cells[0]}
    out |= {c.sort_key: c.cells[0] for c in columns}
    return out


def test_colour_means_action_near_or_met():
    met = cells_of(village(0.977, 50))
    assert met["continuity_rate"].style == "green"  # 97.7% continuity is not a problem
    assert (str(met["quota_met"]), met["quota_met"].style) == ("terpenuhi", "green")
    near = cells_of(village(0.85, 46))  # 92% of the quota, 85% continuity
    assert near["continuity_rate"].style == near["miskin_ekstrem_active"].style == "yellow"
    assert (str(near["quota_met"]), near["quota_met"].style) == ("hampir", "yellow")
    far = cells_of(village(0.5, 30))
    assert far["continuity_rate"].style == far["miskin_ekstrem_active"].style == "bold red"
    assert (str(far["quota_met"]), far["quota_met"].style) == ("kurang", "bold red")


def test_villages_that_have_not_reported_are_red_the_ones_to_chase():
    silent = cells_of(village(None, 0, submitted=False))
    assert silent["name"].style == "bold red"
    assert (str(silent["quota_met"]), silent["quota_met"].style) == ("belum lapor", "bold red")


def test_the_colour_thresholds_come_from_the_configuration(tmp_path, db):
    strict = tmp_path / "ketat.toml"
    strict.write_text(
        "[quota]\nmiskin_ekstrem = 2\npekerja_rentan = 1\n[colours]\ncontinuity_met = 0.99\n",
        encoding="utf-8",
    )
    row = village(0.977, 50)
    _, _, columns, _ = report_screen.regency_columns(
        {"villages": [row]}, "id", Colours(continuity_met=0.99)
    )
    assert columns[[c.sort_key for c in columns].index("continuity_rate")].cells[0].style == (
        "yellow"
    )
    result = run("report", "-r", "15.06", "--db", db, "--config", str(strict), *PERIOD)
    assert result.exit_code == 0
    assert "kesinambungan 99,0% atau lebih" in result.output  # the legend says the rule


# --- pager ----------------------------------------------------------------------------------


def test_a_tall_report_on_a_terminal_goes_through_a_pager(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr("rich.pager.SystemPager.show", lambda self, content: shown.append(content))
    document = big_province()
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100, height=15)
    print_report(terminal, document, "id")
    assert len(shown) == 1 and "Tanjung Jabung" in shown[0]

    tall_enough = Console(file=io.StringIO(), force_terminal=True, width=100, height=200)
    print_report(tall_enough, document, "id")
    piped = Console(file=io.StringIO(), width=100, height=15)
    print_report(piped, document, "id")
    assert len(shown) == 1  # never when it fits, never when piped


# --- sort ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "column", ["outstanding_rp", "Tunggak Rp", "tunggak", "Tunggakan iuran", "Owed Rp"]
)
def test_sort_by_the_indonesian_header_the_english_one_or_the_json_name(db, config, column):
    args = ["report", "-r", "tanjab-barat", "--db", db, "--config", config, *PERIOD, "-f", "json"]
    result = run(*args, "--sort", column, "--desc")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.output)["villages"][0]["village_code"] == BADANG.code


def test_sort_by_the_continuity_header():
    document = {"villages": [village(0.9, 50), village(0.5, 50) | {"village_name": "Lain"}]}
    document |= {"regency": {"name": "x"}, "totals": {}, "period": "2026-10"}
    from bkbk_cli.render.report_table import sort_report

    assert [v["village_name"] for v in sort_report(document, "Kesin.")["villages"]] == [
        "Lain",
        "Badang",
    ]


def test_an_unknown_sort_column_lists_the_headers_and_the_names(db, config):
    args = ["report", "-r", "tanjab-barat", "--db", db, "--config", config, *PERIOD]
    result = run(*args, "--sort", "bogus")
    assert result.exit_code == 2
    assert result.stderr.startswith("bkbk: kolom 'bogus' tidak ada untuk --sort; gunakan judul")
    assert "Kesin." in result.stderr and "Tunggak Rp" in result.stderr
    assert "continuity_rate" in result.stderr
    english = run(*args, "--sort", "bogus", "--lang", "en")
    assert "use a table header" in english.stderr and "Cont." in english.stderr
