"""The report workbook prints as officials file it: A4 landscape, one page wide, the header
on every page, totals labelled "Jumlah", no ``###`` in Rupiah columns, and the follow-up
list as its own printed section. Colours follow the one rule of ``render.signal``."""

from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from test_report_xlsx import HEADER, province_document, regency_document, row_of

from bkbk_cli.config import Colours
from bkbk_cli.regions import villages
from bkbk_cli.render.report_xlsx import FILL_COLOURS, write_report_xlsx
from bkbk_cli.words import rupiah

RED, AMBER, GREEN = ("00" + FILL_COLOURS[k] for k in ("action", "near", "met"))


def test_every_sheet_prints_a4_landscape_one_page_wide_with_its_header_repeated(tmp_path):
    out = tmp_path / "provinsi.xlsx"
    write_report_xlsx(province_document(), out)
    wb = load_workbook(out)

    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_area, ws.title
    for name in ("Ringkasan", "Tanjung Jabung Barat", "Tindak Lanjut"):
        assert wb[name].print_title_rows == f"${HEADER}:${HEADER}"


def test_the_followup_list_is_its_own_printed_section(tmp_path):
    out = tmp_path / "r.xlsx"
    write_report_xlsx(regency_document(), out)
    ws = load_workbook(out)["Tindak Lanjut"]

    last = ws.max_row
    assert ws.print_area == f"'Tindak Lanjut'!$A$1:$J${last}"
    assert ws["A2"].value == "Periode: Oktober 2026"
    assert ws.oddFooter.center.text == "Halaman &P dari &N"


def test_totals_are_labelled_jumlah_and_rupiah_columns_are_wide_enough(tmp_path):
    document = regency_document()
    document["totals"]["paid_rp"] = 23_963_400_000  # a province-size total
    out = tmp_path / "r.xlsx"
    write_report_xlsx(document, out)
    ws = load_workbook(out)["Tanjung Jabung Barat"]

    headers = [c.value for c in ws[HEADER]]
    total = HEADER + 4
    assert ws.cell(total, 1).value == "Jumlah"
    paid = headers.index("Iuran dibayar") + 1
    width = ws.column_dimensions[get_column_letter(paid)].width
    assert ws.cell(total, paid).value == 23_963_400_000
    assert width >= len(rupiah(23_963_400_000)) + 1  # "Rp 23.963.400.000" and a margin
    name = headers.index("Desa/Kelurahan") + 1
    longest = max(len(str(ws.cell(r, name).value)) for r in range(HEADER + 1, total))
    assert ws.column_dimensions[get_column_letter(name)].width >= longest


def test_a_village_near_its_quota_is_amber_and_the_thresholds_are_configuration(tmp_path):
    document = regency_document()
    document["villages"][1]["miskin_ekstrem"]["active"] = 46  # 92% of 50: near
    out = tmp_path / "r.xlsx"
    write_report_xlsx(document, out)
    ws = load_workbook(out)["Tanjung Jabung Barat"]
    near = row_of(ws, villages("15.06")[1].code)
    assert ws.cell(near, 2).fill.fgColor.rgb == AMBER

    strict = tmp_path / "strict.xlsx"
    write_report_xlsx(document, strict, colours=Colours(quota_near=0.95))
    ws = load_workbook(strict)["Tanjung Jabung Barat"]
    assert ws.cell(near, 2).fill.fgColor.rgb == RED  # 92% is far when near means 95%
