"""The report workbook officials forward: summary, village sheets, follow-up, nothing live."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bkbk_cli.regions import regencies, resolve_regency, villages
from bkbk_cli.render.report_rows import flatten_rows, rows_to_csv
from bkbk_cli.render.report_xlsx import (
    FILL_COLOURS,
    FORMAT_PERCENT,
    FORMAT_RUPIAH,
    ReportXlsxError,
    write_report_xlsx,
)

RED = "00" + FILL_COLOURS["action"]
AMBER = "00" + FILL_COLOURS["near"]
GREEN = "00" + FILL_COLOURS["met"]
HEADER = 4  # title, period, legend, then the table's header row
MONTHLY_RP = 16_800


def village_row(code: str, *, submitted: bool = True, me: int = 50, pr: int = 25) -> dict:
    """One village row as the report JSON has it; ``me``/``pr`` active participants."""
    place = next(v for v in villages() if v.code == code)
    due = (me + pr) * 10 if submitted else 0
    paid = due - 5 if submitted else 0
    return {
        "village_code": place.code,
        "village_name": place.name,
        "district_name": place.district_name,
        "submitted": submitted,
        "miskin_ekstrem": {"enrolled": me, "active": me, "quota": 50},
        "pekerja_rentan": {"enrolled": pr, "active": pr, "quota": 25},
        "months_due": due,
        "months_paid": paid,
        "continuity_rate": paid / due if due else None,
        "paid_rp": paid * MONTHLY_RP,
        "outstanding_rp": (due - paid) * MONTHLY_RP,
        "menunggak": 2 if submitted else 0,
        "nonaktif": 1 if submitted else 0,
        "errors": 0,
        "quota_met": me >= 50 and pr >= 25,
    }


def regency_document(slug: str = "tanjab-barat", period: str = "2026-10") -> dict[str, Any]:
    """Three villages: one meets its quota, one is short of it, one has not reported."""
    regency = resolve_regency(slug)
    first, second, third = (v.code for v in villages(regency.code)[:3])
    rows = [
        village_row(first),
        village_row(second, me=42),
        village_row(third, submitted=False, me=0, pr=0),
    ]
    return {
        "period": period,
        "regency": {"code": regency.code, "slug": regency.slug, "name": regency.name},
        "villages": rows,
        "totals": {
            "miskin_ekstrem": {"enrolled": 92, "active": 92, "quota": 150},
            "pekerja_rentan": {"enrolled": 50, "active": 50, "quota": 75},
            "months_due": 1420,
            "months_paid": 1410,
            "continuity_rate": 1410 / 1420,
            "paid_rp": 1410 * MONTHLY_RP,
            "outstanding_rp": 10 * MONTHLY_RP,
            "menunggak": 4,
            "nonaktif": 2,
            "errors": 0,
            "quota_met": False,
            "villages_submitted": 2,
            "villages_total": 3,
            "villages_quota_met": 1,
        },
        "duplicates": [{"nik": "1506********0007", "villages": [first, second]}],
        "followup": [
            {
                "regency_code": regency.code,
                "village_code": second,
                "village_name": rows[1]["village_name"],
                "nik": "1506********0001",
                "nama": '=HYPERLINK("http://evil.example","klik")',
                "kategori": "miskin_ekstrem",
                "status": "nonaktif",
                "months_unpaid": 4,
                "outstanding_rp": 4 * MONTHLY_RP,
                "row": 7,
                "file_name": "/srv/bkbk/uploads/roster-badang.xlsx",
            },
            {
                "regency_code": regency.code,
                "village_code": first,
                "village_name": rows[0]["village_name"],
                "nik": "1506********0002",
                "nama": "Siti Aminah",
                "kategori": "pekerja_rentan",
                "status": "menunggak",
                "months_unpaid": 1,
                "outstanding_rp": MONTHLY_RP,
                "row": 12,
                "file_name": "roster-pelabuhan-dagang.xlsx",
            },
        ],
    }


def province_document(with_regencies: bool = True, period: str = "2026-10") -> dict[str, Any]:
    reports = [regency_document(r.slug, period) for r in regencies()]
    rows = [
        {
            "regency_code": r["regency"]["code"],
            "regency_slug": r["regency"]["slug"],
            "regency_name": r["regency"]["name"],
            **r["totals"],
            "villages_total": len(villages(r["regency"]["code"])),
        }
        for r in reports
    ]
    document: dict[str, Any] = {
        "period": period,
        "regencies": rows,
        "totals": {"villages_submitted": 22, "villages_total": 1585, "menunggak": 44},
        "followup": [p for r in reports for p in r["followup"]],
        "duplicates": [],
    }
    if with_regencies:
        document["regency_reports"] = reports
    return document


def row_of(ws, code: str) -> int:
    return next(c.row for c in ws["A"] if c.value == code)


@pytest.fixture
def regency_xlsx(tmp_path: Path) -> Path:
    out = tmp_path / "bkbk-tanjab-barat-2026-10.xlsx"
    write_report_xlsx(regency_document(), out)
    return out


def test_a_regency_workbook_has_summary_villages_followup_and_duplicates(regency_xlsx):
    wb = load_workbook(regency_xlsx)

    assert wb.sheetnames == ["Ringkasan", "Tanjung Jabung Barat", "Tindak Lanjut", "Duplikat"]
    summary = {row[0]: row[1] for row in wb["Ringkasan"].iter_rows(values_only=True) if row[0]}
    assert summary["Jumlah desa/kelurahan"] == 3
    assert summary["Sudah lapor"] == 2
    assert summary["Belum lapor"] == 1
    assert summary["Kuota terpenuhi"] == 1
    assert summary["Iuran dibayar"] == 1410 * MONTHLY_RP
    assert wb["Ringkasan"]["A2"].value == "Periode: Oktober 2026"


def test_the_village_table_has_a_frozen_header_filter_and_number_formats(regency_xlsx):
    ws = load_workbook(regency_xlsx)["Tanjung Jabung Barat"]
    headers = [c.value for c in ws[HEADER]]
    first = villages("15.06")[0].code

    assert ws.freeze_panes == f"C{HEADER + 1}"  # header and the village's code and name stay
    assert ws.auto_filter.ref == f"A{HEADER}:U{HEADER + 3}"  # the totals row is not filtered
    r = row_of(ws, first)
    paid = ws.cell(r, headers.index("Iuran dibayar") + 1)
    assert (paid.value, paid.number_format) == (745 * MONTHLY_RP, FORMAT_RUPIAH)
    rate = ws.cell(r, headers.index("Kesinambungan iuran") + 1)
    assert rate.number_format == FORMAT_PERCENT
    assert rate.value == pytest.approx(745 / 750)
    assert ws.cell(r, headers.index("Miskin Ekstrem: % kuota") + 1).value == 1.0
    total = HEADER + 4
    assert ws.cell(total, 1).value == "Jumlah"
    assert ws.cell(total, headers.index("Status lapor") + 1).value == 2  # villages reported
    assert ws.cell(total, headers.index("Kuota terpenuhi") + 1).value == 1


def test_villages_far_from_the_quota_or_not_reported_are_red_and_met_ones_green(regency_xlsx):
    ws = load_workbook(regency_xlsx)["Tanjung Jabung Barat"]
    met, short, silent = (row_of(ws, v.code) for v in villages("15.06")[:3])
    headers = [c.value for c in ws[HEADER]]
    status = headers.index("Status lapor") + 1

    assert ws.cell(met, 2).fill.fgColor.rgb not in (RED, AMBER)
    assert ws.cell(met, headers.index("Kuota terpenuhi") + 1).fill.fgColor.rgb == GREEN
    # 745 of 750 months paid: 99.3% continuity is green, not red
    assert ws.cell(met, headers.index("Kesinambungan iuran") + 1).fill.fgColor.rgb == GREEN
    # 42 of 50 active (84%, below 90%): needs action
    assert {ws.cell(short, c).fill.fgColor.rgb for c in (1, 2, ws.max_column)} == {RED}
    assert {ws.cell(silent, c).fill.fgColor.rgb for c in (1, 2, ws.max_column)} == {RED}
    assert ws.cell(silent, status).value == "belum lapor"
    assert ws.cell(met, status).value == "sudah lapor"


def test_each_village_sheet_carries_a_native_bar_chart_of_quota_fulfilment(regency_xlsx):
    ws = load_workbook(regency_xlsx)["Tanjung Jabung Barat"]
    assert len(ws._charts) == 1
    with zipfile.ZipFile(regency_xlsx) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "<barChart>" in chart
    assert "'Tanjung Jabung Barat'!$B$5:$B$7" in chart  # one bar group per village, by name


def test_followup_lists_masked_nik_and_months_unpaid_and_names_stay_text(regency_xlsx):
    ws = load_workbook(regency_xlsx)["Tindak Lanjut"]
    rows = list(ws.iter_rows(min_row=HEADER, values_only=True))

    assert rows[0] == (
        "Kode Desa", "Desa/Kelurahan", "NIK", "Nama", "Kategori", "Status", "Bulan menunggak",
        "Tunggakan iuran", "Berkas roster", "Baris roster",
    )  # fmt: skip
    assert [r[2] for r in rows[1:]] == ["1506********0002", "1506********0001"]  # by village
    assert rows[2][3:] == (
        '=HYPERLINK("http://evil.example","klik")', "Miskin Ekstrem", "nonaktif", 4,
        4 * MONTHLY_RP, "roster-badang.xlsx", 7,  # the file's name, not the server's folders
    )  # fmt: skip
    assert ws.freeze_panes == f"A{HEADER + 1}"
    with zipfile.ZipFile(regency_xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(z.read(n).decode() for n in sheets)
    assert not re.search(r"<f[ >]", xml)  # no formula anywhere in the workbook


def test_duplicates_sheet_names_every_village_of_a_shared_nik(regency_xlsx):
    ws = load_workbook(regency_xlsx)["Duplikat"]
    rows = list(ws.iter_rows(min_row=HEADER + 1, values_only=True))
    first, second = villages("15.06")[:2]

    # issue 12: the "NIK sama" group first, as a masked NIK is shared by many people
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        (1, "1506********0007", 2, first.code),
        (1, "1506********0007", 2, second.code),
    ]


def test_no_duplicates_sheet_when_there_are_none(tmp_path):
    document = regency_document() | {"duplicates": []}
    write_report_xlsx(document, tmp_path / "r.xlsx")
    assert "Duplikat" not in load_workbook(tmp_path / "r.xlsx").sheetnames


def test_province_workbook_has_regency_rows_and_one_sheet_and_chart_per_regency(tmp_path):
    out = tmp_path / "bkbk-provinsi-2026-10.xlsx"
    write_report_xlsx(province_document(), out)
    wb = load_workbook(out)

    names = [r.short_name for r in regencies()]
    assert wb.sheetnames == ["Ringkasan", *names, "Tindak Lanjut", "Duplikat"]
    summary = wb["Ringkasan"]
    assert [summary.cell(r, 1).value for r in range(HEADER + 1, HEADER + 12)] == [
        r.code for r in regencies()
    ]
    assert summary.freeze_panes == f"D{HEADER + 1}"  # through the regency's name
    headers = [c.value for c in summary[HEADER]]
    reported = summary.cell(HEADER + 1, headers.index("Desa sudah lapor") + 1)
    assert (reported.value, reported.fill.fgColor.rgb) == (2, RED)  # 2 of 287 reported
    met = summary.cell(HEADER + 1, headers.index("Desa kuota terpenuhi") + 1)
    assert (met.value, met.fill.fgColor.rgb) == (1, RED)
    assert summary.cell(HEADER + 1, 1).fill.fgColor.rgb != RED  # the cells, not the whole row
    assert all(len(wb[name]._charts) == 1 for name in names)
    followup = list(wb["Tindak Lanjut"].iter_rows(min_row=HEADER, values_only=True))
    assert followup[0][0] == "Kabupaten/Kota"
    assert len(followup) == 1 + 2 * 11
    assert followup[1][0] == "Kerinci"


def test_province_workbook_without_regency_reports_is_summary_and_followup(tmp_path):
    write_report_xlsx(province_document(with_regencies=False), tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    assert wb.sheetnames == ["Ringkasan", "Tindak Lanjut"]
    assert wb["Tindak Lanjut"]["A5"].value == "Kerinci"  # the province's own follow-up list


def test_an_empty_followup_says_so(tmp_path):
    write_report_xlsx(regency_document() | {"followup": []}, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["Tindak Lanjut"]
    assert ws["A5"].value == "Tidak ada peserta menunggak atau nonaktif."


def test_english_headers_with_lang_en(tmp_path):
    write_report_xlsx(regency_document(), tmp_path / "r.xlsx", lang="en")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames[0] == "Summary"
    headers = [c.value for c in wb["Tanjung Jabung Barat"][HEADER]]
    assert headers[:4] == ["Village code", "Village", "District", "Reported"]
    assert "Extreme poor: active" in headers


def test_control_characters_in_a_name_do_not_break_the_file(tmp_path):
    document = regency_document()
    document["followup"][0]["nama"] = "Bud\x00i\x1b"
    write_report_xlsx(document, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["Tindak Lanjut"]
    assert ws.cell(HEADER + 2, 4).value == "Bud\ufffdi\ufffd"


def test_a_failed_write_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"previous report")

    def broken_save(self, filename):
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(ReportXlsxError, match="disk full"):
        write_report_xlsx(regency_document(), out)
    assert out.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_a_document_that_is_no_report_is_refused(tmp_path):
    with pytest.raises(ReportXlsxError, match="not a report document"):
        write_report_xlsx({"files": []}, tmp_path / "r.xlsx")


def test_report_rows_flatten_categories_into_csv_columns():
    document = regency_document()
    flat = flatten_rows(document["villages"])
    assert list(flat[0])[:7] == [
        "village_code",
        "village_name",
        "district_name",
        "submitted",
        "miskin_ekstrem_enrolled",
        "miskin_ekstrem_active",
        "miskin_ekstrem_quota",
    ]
    assert list(flat[0])[-1] == "quota_met"
    lines = rows_to_csv(document["villages"]).splitlines()
    assert lines[0].startswith("village_code,village_name,district_name,submitted,")
    assert lines[3].split(",")[3] == "false"  # the village that has not reported
    assert rows_to_csv([{"village_name": "=1+1"}]).splitlines()[1] == "'=1+1"
