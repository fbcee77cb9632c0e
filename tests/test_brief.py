"""Examples of the meeting brief: a store the test builds, the numbers read back from the PDF
and the HTML, the trend month by month, reporting on time / late / missing, the reminder.

The scenario is ``brief_rosters``: four villages of Tanjung Jabung Barat and one of Tanjung
Jabung Timur whose rosters arrived on time, late, in May (not June's), or never.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest
from brief_rosters import BADANG, KUALA, PELABUHAN, TAYAS, TIMUR, brief_store, ingest
from report_rosters import CONFIG, PERIOD, person, roster

from bkbk_cli import measures, timeline
from bkbk_cli.brief import build_brief, quota_share, reminder_text
from bkbk_cli.regions import resolve_regency
from bkbk_cli.render.brief_html import brief_html, brief_pdf, pdf_by_section, pdf_bytes
from bkbk_cli.store import Store
from bkbk_cli.words import percent, rupiah

pypdf = pytest.importorskip("pypdf")

BARAT = resolve_regency("tanjab-barat")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return brief_store(tmp_path_factory.mktemp("brief"))


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    """``CONFIG`` as the TOML file the command reads."""
    path = tmp_path_factory.mktemp("config") / "config.toml"
    path.write_text("[quota]\nmiskin_ekstrem = 3\npekerja_rentan = 1\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def store(db):
    with Store.open(db) as store:
        yield store


@pytest.fixture(scope="module")
def regency_brief(store):
    return build_brief(store, PERIOD, CONFIG, BARAT)


@pytest.fixture(scope="module")
def province_brief(store):
    return build_brief(store, PERIOD, CONFIG)


def pdf_pages(data: bytes) -> list[str]:
    import io

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


# --- the numbers are the report's ---------------------------------------------------------


def test_a_regency_page_has_the_numbers_of_the_regency_report(store, regency_brief):
    report = measures.regency_report(store, BARAT, PERIOD, CONFIG)
    (page,) = regency_brief.pages

    assert page.totals == report["totals"]
    # Pelabuhan's ME 4 (nonaktif) and PR 6, Badang's PR (menunggak)
    assert page.followup == len(report["followup"]) == 3
    assert page.totals["villages_submitted"] == 3
    assert page.totals["villages_quota_met"] == 1  # Pelabuhan: ME 3/3, PR 1/1


def test_the_province_brief_has_the_province_report_then_every_regency_report(
    store, province_brief
):
    province = measures.province_report(store, PERIOD, CONFIG)
    first, *regencies = province_brief.pages

    assert first.regency is None and first.totals == province["totals"]
    assert len(regencies) == 11
    for page in regencies:
        report = measures.regency_report(store, page.regency["slug"], PERIOD, CONFIG)
        assert page.totals == report["totals"], page.regency["slug"]


def test_the_pdf_of_a_regency_shows_the_numbers_of_report_json(db, rules, tmp_path):
    out = tmp_path / "barat.pdf"
    common = ["-r", "tanjab-barat", "--period", PERIOD, "--db", str(db), "--config", rules]
    done = bkbk("brief", *common, "-o", str(out))
    shown = bkbk("report", *common, "-f", "json")
    assert done.exit_code == 0, done.output
    totals = json.loads(shown.stdout)["totals"]

    (text,) = pdf_pages(out.read_bytes())
    me, pr = totals["miskin_ekstrem"], totals["pekerja_rentan"]
    assert f"{totals['villages_submitted']} / {totals['villages_total']}" in text  # 3 / 134
    assert f"{me['active']} / {me['quota']:,}".replace(",", ".") in text
    assert f"{pr['active']} / {pr['quota']}" in text  # 1 / 134
    assert totals["villages_quota_met"] == 1 and "Desa memenuhi kuota 1 dari 134" in text
    assert percent(totals["continuity_rate"]) in text
    assert rupiah(totals["paid_rp"]) in text and rupiah(totals["outstanding_rp"]) in text
    assert "Kabupaten Tanjung Jabung Barat" in text and "Juni 2025" in text


def test_the_province_pdf_has_one_page_per_regency_after_its_own(db, rules, tmp_path):
    out = tmp_path / "provinsi.pdf"
    common = ["--period", PERIOD, "--db", str(db), "--config", rules]
    done = bkbk("brief", *common, "-o", str(out))
    shown = bkbk("report", *common, "-f", "json")
    assert done.exit_code == 0, done.output
    document = json.loads(shown.stdout)

    pages = pdf_pages(out.read_bytes())
    assert len(pages) == 12  # every page fits on its A4 sheet
    assert "Provinsi Jambi" in pages[0]
    totals = document["totals"]
    assert f"{totals['villages_submitted']} / 1.585" in pages[0]
    assert rupiah(totals["paid_rp"]) in pages[0]
    # the regencies ranked: Tanjung Jabung Barat (1 of 134 villages meeting the quota),
    # then Tanjung Jabung Timur (none, but a continuity of 100%), then the others
    ranking = pages[0][pages[0].index("Peringkat") :]
    assert ranking.index("Tanjung Jabung Barat") < ranking.index("Tanjung Jabung Timur")
    assert ranking.index("Tanjung Jabung Timur") < ranking.index("Kerinci")
    for regency, text in zip(document["regencies"], pages[1:], strict=True):
        assert regency["regency_name"] in text
        assert f"{regency['villages_submitted']} / {regency['villages_total']}" in text


# --- trend, distribution, the weakest ------------------------------------------------------


def test_the_trend_is_the_report_of_each_month_from_january(store, regency_brief):
    trend = regency_brief.pages[0].trend

    assert [row["period"] for row in trend] == [f"2025-{m:02d}" for m in range(1, 7)]
    for row in trend:
        totals = measures.regency_report(store, BARAT, row["period"], CONFIG)["totals"]
        assert row["miskin_ekstrem_active"] == totals["miskin_ekstrem"]["active"]
        assert row["pekerja_rentan_active"] == totals["pekerja_rentan"]["active"]
        assert row["villages_quota_met"] == totals["villages_quota_met"]
    # Pelabuhan's fourth ME stopped after March, its second PR after April, Badang's PR
    # after May
    assert [r["miskin_ekstrem_active"] for r in trend] == [8, 8, 8, 7, 7, 7]
    assert [r["pekerja_rentan_active"] for r in trend] == [3, 3, 3, 3, 2, 1]
    assert [r["villages_quota_met"] for r in trend] == [2, 2, 2, 2, 2, 1]


def test_the_province_trend_sums_the_regencies(store, province_brief):
    first = province_brief.pages[0].trend
    for i, row in enumerate(first):
        regencies = [p.trend[i] for p in province_brief.pages[1:]]
        for key in ("miskin_ekstrem_active", "pekerja_rentan_active", "villages_quota_met"):
            assert row[key] == sum(r[key] for r in regencies)
    totals = measures.province_report(store, "2025-03", CONFIG)["totals"]
    assert first[2]["villages_quota_met"] == totals["villages_quota_met"]


def test_villages_are_binned_by_share_of_quota_and_the_weakest_say_why(regency_brief):
    page = regency_brief.pages[0]
    bins = {row["label"]: row["villages"] for row in page.distribution}

    assert bins["belum lapor"] == 134 - 3
    assert bins["100% (terpenuhi)"] == 1  # Pelabuhan
    assert bins["75–99%"] == 1  # Badang: ME 3/3, PR 0/1 (in arrears in June)
    assert bins["25–49%"] == 1  # Kuala Dasal: ME 1/3, PR 0/1
    names = [w["village_name"] for w in page.weakest]
    # the least of its quota first; Pelabuhan meets it but has participants to follow up
    assert names == ["Kuala Dasal", "Badang", "Pelabuhan Dagang"]
    assert page.weakest[0]["reason"] == "ME aktif 1/3; PR aktif 0/1"
    assert page.weakest[1]["reason"] == "PR aktif 0/1; 1 menunggak"
    assert page.weakest[2]["reason"].startswith("kesinambungan ")


def test_quota_share_counts_each_category_up_to_its_quota():
    def village(me: int, pr: int) -> dict:
        return {
            "miskin_ekstrem": {"active": me, "quota": 50},
            "pekerja_rentan": {"active": pr, "quota": 25},
        }

    assert quota_share(village(50, 25)) == 1.0
    assert quota_share(village(75, 0)) == pytest.approx(50 / 75)  # a surplus hides nothing
    assert quota_share(village(0, 0)) == 0.0


# --- reporting and timeliness ----------------------------------------------------------------


def test_reporting_is_on_time_by_the_deadline_late_after_it_missing_without_a_roster(store):
    table = timeline.reporting(store, PERIOD, CONFIG).set_index("village_code")

    assert timeline.deadline(PERIOD, CONFIG) == dt.date(2025, 6, 15)
    assert table.loc[PELABUHAN.code, "status"] == "on_time"
    assert table.loc[TIMUR.code, "status"] == "on_time"  # on the deadline day itself
    assert table.loc[BADANG.code, ["status", "received"]].tolist() == ["late", "2025-06-20"]
    assert table.loc[KUALA.code, "status"] == "missing"  # May's roster is not June's
    assert table.loc[TAYAS.code, "status"] == "missing"
    counts = timeline.reporting_counts(table.reset_index(), "regency_code")
    assert counts.loc["15.06"].tolist() == [1, 1, 132]
    assert counts.loc["15.07"].tolist() == [1, 0, 92]


def test_a_page_lists_the_villages_not_reported_and_the_late_ones(regency_brief):
    page = regency_brief.pages[0]

    assert page.reporting == {"on_time": 1, "late": 1, "missing": 132, "deadline": "2025-06-15"}
    assert [v["village_name"] for v in page.late] == ["Badang"]
    missing = {v["village_name"] for v in page.not_reported}
    assert {"Kuala Dasal", "Tanjung Tayas"} <= missing and "Pelabuhan Dagang" not in missing


def test_a_later_roster_after_the_deadline_keeps_the_first_arrival(tmp_path):
    folder = tmp_path
    v = PELABUHAN
    with Store.open(tmp_path / "s.sqlite3") as store:
        ingest(store, roster(folder, v, [person(v, 1)], "a.xlsx"), "2025-06-14")
        ingest(store, roster(folder, v, [person(v, 1), person(v, 2)], "b.xlsx"), "2025-06-25")
        table = timeline.reporting(store, PERIOD, CONFIG, "15.06").set_index("village_code")
    assert table.loc[v.code, ["status", "received"]].tolist() == ["on_time", "2025-06-14"]


# --- the reminder ------------------------------------------------------------------------------


def test_the_reminder_lists_the_missing_and_late_villages_of_each_regency(province_brief):
    text = reminder_text(province_brief)
    (barat,) = [m for m in text.split("\n\n") if "Tanjung Jabung Barat:" in m.splitlines()[0]]

    assert barat.startswith("*BKBK Kabupaten Tanjung Jabung Barat: laporan Juni 2025*\n")
    assert "Batas kirim roster: 15 Juni 2025." in barat
    assert "Belum lapor (132 desa):" in barat
    assert re.search(rf"- Kec\. {KUALA.district_name}: .*Kuala Dasal", barat)
    late = f"Terlambat (1 desa, tanggal diterima):\n- Kec. {BADANG.district_name}: Badang (20 Juni"
    assert late in barat
    assert "Pelabuhan Dagang" not in barat
    assert text.count("*BKBK ") == 11  # every regency has villages to remind
    assert "Kerinci" in text and len(barat.splitlines()) < 20  # one line per district


def test_the_reminder_in_english_and_when_everyone_reported(store):
    brief = build_brief(store, PERIOD, CONFIG, BARAT, lang="en")
    assert "Not reported yet (132 villages):" in reminder_text(brief, "en")
    brief.pages[0].not_reported.clear()
    brief.pages[0].late.clear()
    assert reminder_text(brief, "en") == "Every village reported on time for June 2025.\n"


def test_cli_reminder_prints_the_message(db):
    result = bkbk("brief", "-r", "tanjab-timur", "--period", PERIOD, "--db", str(db), "--reminder")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("*BKBK Kabupaten Tanjung Jabung Timur: laporan Juni 2025*")
    assert TIMUR.name not in result.stdout  # it reported on time


# --- HTML ----------------------------------------------------------------------------------


def test_the_html_holds_the_same_numbers_and_escapes_what_it_shows(regency_brief):
    page = regency_brief.pages[0]
    html = brief_html(regency_brief, made=dt.date(2025, 6, 30))
    text = re.sub(r"<[^>]+>", " ", re.sub(r'src="[^"]*"', "", html))

    assert html.count('<section class="page"') == 1
    assert rupiah(page.totals["paid_rp"]) in text
    assert f"{page.totals['villages_submitted']} / 134" in text
    assert "30 Juni 2025" in text
    changed = copy.deepcopy(regency_brief)
    changed.pages[0].weakest[0]["village_name"] = "<script>alert(1)</script> & Co"
    hostile = brief_html(changed)
    assert "<script>" not in hostile and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in hostile


def test_cli_brief_writes_html_by_the_suffix_and_needs_an_output(db, tmp_path):
    out = tmp_path / "barat.html"

    done = bkbk("brief", "-r", "15.06", "--period", PERIOD, "--db", str(db), "-o", str(out))

    assert done.exit_code == 0, done.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert bkbk("brief", "--db", str(db)).exit_code == 2  # neither --out nor --reminder
    assert bkbk("brief", "-r", "atlantis", "--db", str(db), "-o", str(out)).exit_code == 2


def test_each_section_of_a_rendered_brief_is_its_own_pdf(province_brief):
    rendered = brief_pdf(province_brief)
    parts = pdf_by_section(rendered)

    assert set(parts) == {"provinsi", *(p.regency["slug"] for p in province_brief.pages[1:])}
    assert len(pdf_pages(parts["provinsi"])) == 12
    (barat,) = pdf_pages(parts["tanjab-barat"])
    assert "Kabupaten Tanjung Jabung Barat" in barat and "Badang" in barat
    assert len(pdf_pages(pdf_bytes(rendered, [0, 1]))) == 2


# --- helpers -------------------------------------------------------------------------------------


def bkbk(*args: str):
    """The command as a user runs it, with the scenario's quotas when a store is given."""
    from typer.testing import CliRunner

    from bkbk_cli.cli import app

    return CliRunner().invoke(app, list(args))


# --- when a roster arrived ---------------------------------------------------------------


def test_ingest_received_stores_the_day_the_roster_arrived(tmp_path):
    v = PELABUHAN
    path = roster(tmp_path, v, [person(v, 1)])
    db = str(tmp_path / "s.sqlite3")

    done = bkbk("ingest", str(path), "--db", db, "--received", "2025-06-12")

    assert done.exit_code == 0, done.output
    with Store.open(db) as store:
        assert store.query("SELECT received_on FROM submissions") == [("2025-06-12",)]


def test_without_received_the_day_of_ingest_counts(tmp_path):
    v = PELABUHAN
    with Store.open(tmp_path / "s.sqlite3") as store:
        ingest_paths_plain(store, roster(tmp_path, v, [person(v, 1)]))
        (received,) = store.query("SELECT received_on, ingested_at FROM submissions")
        table = timeline.reporting(store, PERIOD, CONFIG, "15.06").set_index("village_code")
    assert received[0] is None
    # ingested today, long after June 2025's deadline: late
    assert table.loc[v.code, ["status", "received"]].tolist() == ["late", received[1][:10]]


@pytest.mark.parametrize("bad", ["12-06-2025", "2025-6-12", "2025-02-30", "kemarin"])
def test_a_received_day_that_is_not_a_date_is_a_usage_error_and_stores_nothing(tmp_path, bad):
    v = PELABUHAN
    path = roster(tmp_path, v, [person(v, 1)])
    db = tmp_path / "s.sqlite3"

    done = bkbk("ingest", str(path), "--db", str(db), "--received", bad)

    assert done.exit_code == 2
    assert "--received harus berupa tanggal YYYY-MM-DD" in done.stderr
    assert not db.exists()


def test_a_version_2_store_gains_the_received_column_and_keeps_its_rosters(tmp_path):
    import sqlite3

    from bkbk_cli.store import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "v2.sqlite3"
    with sqlite3.connect(path) as old:
        for statement in (*MIGRATIONS[0], *MIGRATIONS[1]):
            old.execute(statement)
        old.execute("PRAGMA user_version = 2")
        old.execute(
            "INSERT INTO submissions (id, file_name, village_code, year, ingested_at, status) "
            "VALUES (1, 'a.xlsx', '15.06.01.2001', 2025, '2025-06-03T08:00:00+00:00', 'ok')"
        )
    old.close()

    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION
        table = timeline.reporting(store, PERIOD, CONFIG, "15.06").set_index("village_code")
    assert table.loc["15.06.01.2001", ["status", "received"]].tolist() == ["on_time", "2025-06-03"]


def ingest_paths_plain(store: Store, path) -> None:
    from report_rosters import OPTIONS

    from bkbk_cli.ingest import ingest_paths

    ingest_paths([path], store, OPTIONS)


def test_a_roster_without_a_village_is_counted_on_the_brief_not_lost(tmp_path):
    from rosters import full_village, write

    write(tmp_path / "a_roster.xlsx", full_village(), title_block=False, sheet_name="Peserta")
    db = str(tmp_path / "s.sqlite3")
    assert bkbk("ingest", str(tmp_path / "a_roster.xlsx"), "--db", db).exit_code == 1
    out = tmp_path / "provinsi.html"

    done = bkbk("brief", "--period", "2026-10", "--db", db, "-o", str(out))

    assert done.exit_code == 0, done.output
    assert "1 roster tanpa desa tidak dihitung untuk desa mana pun" in out.read_text("utf-8")
