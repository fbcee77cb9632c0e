"""The briefs as the export writes them (PDF per scope, index.html), and the HTML brief as a
real browser shows it (headless Chromium from the system packages; skipped without it)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from brief_rosters import brief_store
from report_rosters import PERIOD

from bkbk_cli.export import ExportError, run_export
from bkbk_cli.regions import regencies

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return brief_store(tmp_path_factory.mktemp("export"))


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("config") / "config.toml"
    path.write_text("[quota]\nmiskin_ekstrem = 3\npekerja_rentan = 1\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def exported(db, rules, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("laporan")
    result = bkbk("export", "-o", str(out), "--period", PERIOD, "--db", str(db), "--config", rules)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"bkbk export: 49 berkas periode {PERIOD}")
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def pages_of(path: Path) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def test_the_export_writes_a_brief_per_scope_and_an_index_linking_every_file(exported):
    links = Links()
    links.feed((exported / "index.html").read_text("utf-8"))

    files = {p.name for p in exported.iterdir() if not p.name.startswith(".")}
    assert set(links.hrefs) == files - {"index.html"}
    assert len(links.hrefs) == 12 * 4  # province + 11 regencies: pdf, xlsx, csv, json
    for regency in regencies():
        assert f"bkbk-{regency.slug}-{PERIOD}.pdf" in links.hrefs


def test_the_province_brief_pdf_has_every_page_and_a_regency_pdf_its_own(exported):
    province = pages_of(exported / f"bkbk-provinsi-{PERIOD}.pdf")
    (barat,) = pages_of(exported / f"bkbk-tanjab-barat-{PERIOD}.pdf")

    assert len(province) == 12
    assert province[0].startswith("Ringkasan BKBK · Periode Juni 2025 Provinsi Jambi")
    assert "Kabupaten Tanjung Jabung Barat" in barat and "3 / 134" in barat
    assert barat == province[1 + [r.slug for r in regencies()].index("tanjab-barat")]


def test_a_brief_that_cannot_be_built_replaces_no_file(tmp_path):
    def province(period):
        return {"period": PERIOD, "regencies": []}

    def regency(r, period):
        return {"period": PERIOD, "villages": []}

    def broken(document, reports):
        raise RuntimeError("no fonts")

    with pytest.raises(ExportError, match="the briefs could not be built: RuntimeError"):
        run_export(tmp_path, PERIOD, province, regency, build_briefs=broken)
    with pytest.raises(ExportError, match="the brief for provinsi was not built"):
        run_export(tmp_path, PERIOD, province, regency, build_briefs=lambda d, r: {})
    assert [p.name for p in tmp_path.iterdir()] == [".bkbk-export.lock"]


def test_the_export_can_leave_the_briefs_out(db, rules, tmp_path):
    result = bkbk(
        "export", "-o", str(tmp_path), "--period", PERIOD, "--db", str(db), "--no-brief", "-q"
    )

    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("*.pdf")) and not (tmp_path / "index.html").exists()


# --- a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_html_brief_in_a_real_browser_shows_every_page_and_its_charts(db, rules, tmp_path):
    out = tmp_path / "provinsi.html"
    made = bkbk("brief", "--period", PERIOD, "--db", str(db), "--config", rules, "-o", str(out))
    assert made.exit_code == 0, made.output

    shown = chromium(tmp_path, "--dump-dom", out.as_uri())

    dom = shown.stdout
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert dom.count('<section class="page"') == 12
    assert "Provinsi Jambi" in dom and "Kabupaten Tanjung Jabung Barat" in dom
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/svg\+xml;base64,', dom)) == 24
    text = re.sub(r"<[^>]+>", " ", re.sub(r'src="[^"]*"', "", dom))
    assert "3 / 134" in " ".join(text.split())


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_html_brief_fits_a_phone_screen(db, rules, tmp_path):
    out = tmp_path / "barat.html"
    common = ["-r", "tanjab-barat", "--period", PERIOD, "--db", str(db), "--config", rules]
    assert bkbk("brief", *common, "-o", str(out)).exit_code == 0
    # the test's own probe, appended to a copy: how wide the laid-out page is
    probe = tmp_path / "probe.html"
    script = (
        "<script>const b = document.body.dataset;"
        "b.width = document.documentElement.scrollWidth; b.screen = window.innerWidth;"
        "b.tile = getComputedStyle(document.querySelector('td.tile')).display;</script>"
    )
    probe.write_text(out.read_text("utf-8").replace("</body>", script + "</body>"), "utf-8")

    shown = chromium(tmp_path, "--window-size=412,900", "--dump-dom", probe.as_uri())

    assert shown.returncode == 0, shown.stderr[-2000:]
    # headless Chromium's narrowest window is 500 px: a phone's width all the same
    found = dict(re.findall(r'data-(width|screen|tile)="([^"]*)"', shown.stdout))
    assert int(found["screen"]) <= 640  # the narrow-screen layout applies
    assert int(found["width"]) <= int(found["screen"])  # no sideways scrolling
    assert found["tile"] == "block"  # the figures stacked, one per line


def bkbk(*args: str):
    from typer.testing import CliRunner

    from bkbk_cli.cli import app

    return CliRunner().invoke(app, list(args))
