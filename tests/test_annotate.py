"""The annotated roster: flagged cells coloured and commented, a findings sheet, nothing live."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook as WorkbookClass

from bkbk_cli.findings import Finding
from bkbk_cli.render.annotate import FILL_COLOURS, AnnotateError, annotate_workbook

RED = "00" + FILL_COLOURS["error"]
AMBER = "00" + FILL_COLOURS["warning"]


def finding(code: str, severity: str = "error", **where: object) -> Finding:
    where.setdefault("sheet", "Roster")
    where.setdefault("message", f"pesan {code}")
    return Finding(code=code, severity=severity, file="desa.xlsx", **where)  # type: ignore[arg-type]


def make_roster(path: Path, rows: list[list[object]] | None = None) -> Path:
    """A small village roster: a title row, a header row, two participants."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Roster"
    for row in rows or [
        ["Kode Desa", "1501012001"],
        ["NIK", "Nama", "Kategori", "Jan 2025"],
        ["150101", "Budi", "Miskin Ekstrem", 16800],
        ["1501014101900002", "Ani", "Lainnya", None],
    ]:
        ws.append(row)
    wb.save(path)
    return path


def formula_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [
            name
            for name in zf.namelist()
            if name.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[\s>/]", zf.read(name))
        ]


def findings_rows(path: Path) -> list[tuple[object, ...]]:
    return list(load_workbook(path)["Temuan"].iter_rows(values_only=True))


# --- marking cells -----------------------------------------------------------


def test_flagged_cells_are_filled_and_commented(tmp_path: Path) -> None:
    source, out = make_roster(tmp_path / "desa.xlsx"), tmp_path / "desa-temuan.xlsx"
    annotate_workbook(
        source,
        "Roster",
        [
            finding("NIK_LENGTH", row=3, column="A", cell="A3", message="NIK harus 16 digit."),
            finding("KATEGORI_INVALID", row=4, column="C", cell="C4", message="Kategori salah."),
            finding("IURAN_GAP", "warning", row=4, column="D", message="Iuran bolong."),
        ],
        out,
    )

    ws = load_workbook(out)["Roster"]
    assert ws["A3"].fill.fgColor.rgb == RED
    assert ws["A3"].comment.text == "NIK_LENGTH: NIK harus 16 digit."
    assert ws["C4"].comment.text == "KATEGORI_INVALID: Kategori salah."
    assert ws["D4"].fill.fgColor.rgb == AMBER
    assert ws["B3"].comment is None
    assert ws["B3"].fill.fill_type is None
    # The roster's own content is all still there.
    assert [c.value for c in ws[3]] == ["150101", "Budi", "Miskin Ekstrem", 16800]


def test_a_cell_with_an_error_and_a_warning_is_red_and_lists_both(tmp_path: Path) -> None:
    source, out = make_roster(tmp_path / "desa.xlsx"), tmp_path / "out.xlsx"
    annotate_workbook(
        source,
        "Roster",
        [
            finding("NIK_OUTSIDE_JAMBI", "warning", row=3, column="A", message="Luar Jambi."),
            finding("NIK_LENGTH", row=3, column="A", message="Kurang digit."),
        ],
        out,
    )

    a3 = load_workbook(out)["Roster"]["A3"]
    assert a3.fill.fgColor.rgb == RED
    assert a3.comment.text.splitlines() == [
        "NIK_LENGTH: Kurang digit.",
        "NIK_OUTSIDE_JAMBI: Luar Jambi.",
    ]


def test_a_finding_for_a_whole_row_marks_its_first_cell(tmp_path: Path) -> None:
    source = make_roster(
        tmp_path / "desa.xlsx",
        [["NIK", "Nama"], [None, None, None], [None, "150101", "Budi"]],  # table from column B
    )
    out = tmp_path / "out.xlsx"
    annotate_workbook(source, "Roster", [finding("STATUS_NONAKTIF", "warning", row=3)], out)

    ws = load_workbook(out)["Roster"]
    assert ws["B3"].fill.fgColor.rgb == AMBER
    assert ws["B3"].comment.text.startswith("STATUS_NONAKTIF: ")


def test_file_level_findings_mark_no_cell(tmp_path: Path) -> None:
    source, out = make_roster(tmp_path / "desa.xlsx"), tmp_path / "out.xlsx"
    annotate_workbook(source, "Roster", [finding("VILLAGE_MISSING", sheet=None)], out)

    ws = load_workbook(out)["Roster"]
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.comment]


def test_the_header_cell_of_a_column_finding_is_marked(tmp_path: Path) -> None:
    source, out = make_roster(tmp_path / "desa.xlsx"), tmp_path / "out.xlsx"
    annotate_workbook(
        source, "Roster", [finding("COLUMN_DUPLICATE", "warning", row=2, column="D")], out
    )
    assert load_workbook(out)["Roster"]["D2"].comment.text.startswith("COLUMN_DUPLICATE")


# --- the findings sheet -------------------------------------------------------


def test_findings_sheet_lists_everything_errors_first_then_by_row(tmp_path: Path) -> None:
    source, out = make_roster(tmp_path / "desa.xlsx"), tmp_path / "out.xlsx"
    annotate_workbook(
        source,
        "Roster",
        [
            finding("IURAN_GAP", "warning", row=3, column="D", cell="D3", period="2025-01"),
            finding("KATEGORI_INVALID", row=4, column="C", cell="C4", field="kategori"),
            finding("VILLAGE_MISSING", sheet=None),
            finding("NIK_LENGTH", row=3, column="A", cell="A3", field="nik"),
            finding("QUOTA_ENROLLED_SHORT", "warning", sheet=None),
        ],
        out,
    )

    header, *rows = findings_rows(out)
    assert header == (
        "Tingkat",
        "Kode",
        "Lembar",
        "Sel",
        "Baris",
        "Kolom",
        "Isian",
        "Periode",
        "Pesan",
    )
    assert [(r[0], r[1]) for r in rows] == [
        ("kesalahan", "VILLAGE_MISSING"),
        ("kesalahan", "NIK_LENGTH"),
        ("kesalahan", "KATEGORI_INVALID"),
        ("peringatan", "QUOTA_ENROLLED_SHORT"),
        ("peringatan", "IURAN_GAP"),
    ]
    assert rows[1] == (
        "kesalahan",
        "NIK_LENGTH",
        "Roster",
        "A3",
        3,
        "A",
        "nik",
        None,
        "pesan NIK_LENGTH",
    )
    assert rows[4][7] == "2025-01"

    ws = load_workbook(out)["Temuan"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:I6"
    assert ws["D3"].hyperlink.location == "'Roster'!A3"  # jumps to the marked cell


def test_findings_sheet_speaks_english_when_asked(tmp_path: Path) -> None:
    source, out = make_roster(tmp_path / "desa.xlsx"), tmp_path / "out.xlsx"
    annotate_workbook(source, "Roster", [finding("NIK_LENGTH", row=3)], out, lang="en")

    header, row = findings_rows(out)
    assert header[:4] == ("Severity", "Code", "Sheet", "Cell")
    assert row[0] == "error"


def test_the_workbook_opens_on_the_roster(tmp_path: Path) -> None:
    source, out = make_roster(tmp_path / "desa.xlsx"), tmp_path / "out.xlsx"
    annotate_workbook(source, "Roster", [finding("NIK_LENGTH", row=3)], out)

    wb = load_workbook(out)
    assert wb.sheetnames == ["Roster", "Temuan"]
    assert wb.active.title == "Roster"


# --- nothing from the upload runs --------------------------------------------


def test_formulas_from_the_upload_come_out_as_text(tmp_path: Path) -> None:
    source = make_roster(
        tmp_path / "desa.xlsx",
        [
            ["NIK", "Nama", "Total"],
            ["1501014101900002", '=HYPERLINK("http://x","y")', "=1+1"],
        ],
    )
    wb = load_workbook(source)
    wb.create_sheet("Lain")["A1"] = "=Roster!C2*2"  # other sheets too
    wb.defined_names["call"] = DefinedName("call", attr_text='WEBSERVICE("http://x")')
    wb.defined_names["pilihan"] = DefinedName("pilihan", attr_text="Roster!$C$1:$C$2")
    wb.save(source)
    assert formula_parts(source)  # the upload really holds formulas
    out = tmp_path / "out.xlsx"

    annotate_workbook(source, "Roster", [finding("NAMA_MISSING", row=2, column="B")], out)

    assert formula_parts(out) == []
    result = load_workbook(out)
    b2, c2 = result["Roster"]["B2"], result["Roster"]["C2"]
    assert (b2.value, b2.data_type) == ('=HYPERLINK("http://x","y")', "s")
    assert (c2.value, c2.data_type) == ("=1+1", "s")
    assert result["Lain"]["A1"].value == "=Roster!C2*2"
    assert result["Lain"]["A1"].data_type == "s"
    assert sorted(result.defined_names) == ["pilihan"]  # plain ranges keep dropdowns working


@pytest.mark.parametrize("text", ["=1+1", "+62 812", "-5", "@SUM(A1)"])
def test_formula_like_messages_and_cells_stay_text(tmp_path: Path, text: str) -> None:
    out = tmp_path / "out.xlsx"
    annotate_workbook(
        tmp_path / "desa.csv",
        None,
        [finding("KATEGORI_INVALID", row=2, column="A", message=text)],
        out,
        cells=[["Kategori"], [text]],
    )

    assert formula_parts(out) == []
    wb = load_workbook(out)
    a2 = wb["Roster"]["A2"]
    assert (a2.value, a2.data_type) == (text, "s")
    message = wb["Temuan"]["I2"]
    assert (message.value, message.data_type) == (text, "s")


def test_control_characters_are_replaced_not_fatal(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    annotate_workbook(
        tmp_path / "desa.csv",
        None,
        [finding("NAMA_MISSING", row=1, column="A", message="bel\x07 nul\x00")],
        out,
        cells=[["Bu\x07di", "A\x00ni"]],
    )

    wb = load_workbook(out)
    assert [c.value for c in wb["Roster"][1]] == ["Bu\ufffddi", "A\ufffdni"]
    assert wb["Roster"]["A1"].comment.text == "NAMA_MISSING: bel\ufffd nul\ufffd"
    assert wb["Temuan"]["I2"].value == "bel\ufffd nul\ufffd"


def test_overlong_text_is_truncated(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    annotate_workbook(tmp_path / "desa.csv", None, [], out, cells=[["x" * 40_000]])

    value = load_workbook(out)["Roster"]["A1"].value
    assert len(value) == 32_767
    assert value.endswith("…")


# --- sources ------------------------------------------------------------------


def test_a_csv_roster_is_annotated_from_its_cells(tmp_path: Path) -> None:
    source = tmp_path / "desa.csv"
    source.write_text("NIK,Nama\n150101,Budi\n", encoding="utf-8")
    before = source.read_bytes()
    out = tmp_path / "desa-temuan.xlsx"

    annotate_workbook(
        source,
        None,
        [finding("NIK_LENGTH", row=2, column="A", sheet=None), finding("VILLAGE_MISSING")],
        out,
        cells=[["NIK", "Nama"], ["150101", "Budi"]],
    )

    wb = load_workbook(out)
    assert wb.sheetnames == ["Roster", "Temuan"]
    assert wb["Roster"]["A2"].value == "150101"
    assert wb["Roster"]["A2"].fill.fgColor.rgb == RED
    assert len(findings_rows(out)) == 3
    assert source.read_bytes() == before


def test_a_csv_roster_without_cells_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "desa.csv"
    source.write_text("NIK\n1\n", encoding="utf-8")
    with pytest.raises(AnnotateError, match="cells"):
        annotate_workbook(source, None, [], tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_an_xlsx_openpyxl_cannot_load_falls_back_to_cells(tmp_path: Path) -> None:
    source = tmp_path / "aneh.xlsx"
    source.write_bytes(b"PK\x03\x04 not really a workbook")
    out = tmp_path / "out.xlsx"

    with pytest.raises(AnnotateError, match=r"aneh\.xlsx"):
        annotate_workbook(source, "Data", [], out)

    annotate_workbook(source, "Data", [finding("NIK_LENGTH", row=1)], out, cells=[["150101"]])
    ws = load_workbook(out)["Data"]
    assert ws["A1"].value == "150101"
    assert ws["A1"].fill.fgColor.rgb == RED


def test_an_xlsm_roster_comes_out_as_a_plain_xlsx(tmp_path: Path) -> None:
    source = make_roster(tmp_path / "desa.xlsm")
    out = tmp_path / "out.xlsx"
    annotate_workbook(source, "Roster", [finding("NIK_LENGTH", row=3, column="A")], out)

    with zipfile.ZipFile(out) as zf:
        assert not [n for n in zf.namelist() if "vba" in n.lower()]
        assert b"macroEnabled" not in zf.read("[Content_Types].xml")
    assert load_workbook(out)["Roster"]["A3"].comment is not None


def test_a_returned_annotated_roster_loses_the_old_marks(tmp_path: Path) -> None:
    # The village fixes the annotated copy and sends it back: a new check
    # must not show the previous round's colours, comments or list.
    source = make_roster(tmp_path / "desa.xlsx")
    first, second = tmp_path / "round1.xlsx", tmp_path / "round2.xlsx"
    annotate_workbook(source, "Roster", [finding("NIK_LENGTH", row=3, column="A")], first)

    annotate_workbook(first, "Roster", [finding("KATEGORI_INVALID", row=4, column="C")], second)

    wb = load_workbook(second)
    assert wb.sheetnames == ["Roster", "Temuan"]
    assert wb["Roster"]["A3"].comment is None
    assert wb["Roster"]["A3"].fill.fill_type is None
    assert wb["Roster"]["C4"].fill.fgColor.rgb == RED
    assert [r[1] for r in findings_rows(second)[1:]] == ["KATEGORI_INVALID"]


def test_the_source_is_never_overwritten(tmp_path: Path) -> None:
    source = make_roster(tmp_path / "desa.xlsx")
    before = source.read_bytes()
    with pytest.raises(AnnotateError, match="overwrite"):
        annotate_workbook(source, "Roster", [], tmp_path / "." / "desa.xlsx")
    assert source.read_bytes() == before


# --- atomic write -------------------------------------------------------------


def test_a_failed_write_leaves_the_previous_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = make_roster(tmp_path / "desa.xlsx")
    out = tmp_path / "desa-temuan.xlsx"
    out.write_bytes(b"previous annotated roster")

    def half_written_save(self: WorkbookClass, filename: str | Path) -> None:
        Path(filename).write_bytes(b"PK half")
        raise OSError("disk full")

    monkeypatch.setattr(WorkbookClass, "save", half_written_save)
    with pytest.raises(AnnotateError, match="disk full"):
        annotate_workbook(source, "Roster", [finding("NIK_LENGTH", row=3)], out)

    assert out.read_bytes() == b"previous annotated roster"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desa-temuan.xlsx", "desa.xlsx"]


def test_a_successful_write_replaces_the_previous_output(tmp_path: Path) -> None:
    source = make_roster(tmp_path / "desa.xlsx")
    out = tmp_path / "desa-temuan.xlsx"
    out.write_bytes(b"previous annotated roster")

    annotate_workbook(source, "Roster", [finding("NIK_LENGTH", row=3)], out)

    assert load_workbook(out)["Roster"]["A3"].comment is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desa-temuan.xlsx", "desa.xlsx"]
