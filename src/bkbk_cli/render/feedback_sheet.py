"""The "Ringkasan" sheet: the first page of the annotated copy a village gets back.

It opens with the same message ``bkbk validate --message`` prints, then says what
is fine, lists what must be fixed grouped by column with every cell (each a link
to the marked cell), the warnings apart, and how to send the roster back. It is
meant to be printed: A4 landscape, as wide as the page, the title rows on every
page.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bkbk_cli.render.feedback import Feedback, Group, date_words, message_lines
from bkbk_cli.render.xlsx_safe import set_text_safe, unused_sheet_title
from bkbk_cli.words import word

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Findings listed per group before "... and N more: see Temuan".
SHEET_ROWS_PER_GROUP = 200
_WIDTHS = (40, 9, 8, 95)
_MARKER = "bkbk-ringkasan"  # in the sheet's properties: a re-check knows its own sheet


def is_summary_sheet(ws: Worksheet) -> bool:
    """A Ringkasan sheet this module wrote (a returned copy's old one is replaced)."""
    if getattr(ws.sheet_properties, "codeName", None) == _MARKER:
        return True
    a1 = ws._cells.get((1, 1))  # a program that drops the marker keeps the title
    titles = {word("feedback.sheet.title", lang) for lang in ("id", "en")}
    return a1 is not None and a1.value in titles


def write_summary_sheet(
    wb: Workbook, fb: Feedback, roster_title: str | None, today: dt.date | None = None
) -> Worksheet:
    """Add the Ringkasan sheet as the workbook's first sheet and return it."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    lang = fb.lang
    ws = wb.create_sheet(unused_sheet_title(wb, word("feedback.sheet_name", lang)), 0)
    ws.sheet_properties.codeName = _MARKER
    for i, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="top")
    grey = PatternFill("solid", start_color="D9D9D9")
    fills = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
    row = 0

    def line(text: str, *, bold: bool = False, size: int | None = None, fill=None) -> None:
        nonlocal row
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        cell = ws.cell(row=row, column=1)
        set_text_safe(cell, text)
        cell.alignment = wrap
        cell.font = Font(bold=bold, size=size or 11)
        if fill is not None:
            cell.fill = fill
        ws.row_dimensions[row].height = 15 * (1 + len(text) // 140) + (6 if size else 0)

    def head(key: str) -> None:
        nonlocal row
        row += 1
        line(word(key, lang), bold=True, fill=grey)

    checked = today or dt.date.today()
    line(word("feedback.sheet.title", lang), bold=True, size=14)
    sheet = fb.sheet or "-"
    file_name = fb.file.replace("\\", "/").rsplit("/", 1)[-1]
    line(word("feedback.sheet.file", lang, file=file_name, sheet=sheet,
              today=date_words(checked, lang)))  # fmt: skip
    head("feedback.sheet.message")
    for text in message_lines(fb):
        line(text)
    head("feedback.sheet.fine")
    for text in fb.fine or [word("feedback.sheet.none", lang)]:
        line(text)

    def table(groups: list[Group], severity_fill: str) -> None:
        nonlocal row
        if not groups:
            line(word("feedback.sheet.none", lang))
            return
        row += 1
        for c, key in enumerate(("note", "cell", "row", "what"), start=1):
            cell = ws.cell(row=row, column=c, value=word(f"feedback.sheet.{key}", lang))
            cell.font = Font(bold=True)
            if key in ("cell", "row"):
                cell.alignment = centre
        fill = PatternFill("solid", start_color=severity_fill)
        for group in groups:
            row += 1
            title = ws.cell(row=row, column=1)
            set_text_safe(title, group.title)
            title.font, title.fill, title.alignment = Font(bold=True), fill, wrap
            for f in group.findings[:SHEET_ROWS_PER_GROUP]:
                row += 1
                coordinate = f.cell or (f"{f.column}{f.row}" if f.column and f.row else None)
                cell = ws.cell(row=row, column=2, value=coordinate)
                ws.cell(row=row, column=3, value=f.row).alignment = centre
                cell.alignment = centre
                message = ws.cell(row=row, column=4)
                set_text_safe(message, f.message)
                message.alignment = wrap
                ws.row_dimensions[row].height = 15 * (1 + len(f.message) // 90)
                if coordinate and roster_title and (f.sheet in (None, roster_title)):
                    target = f"{quote_sheetname(roster_title)}!{coordinate}"
                    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
                    cell.font = Font(color="0563C1", underline="single")
            hidden = len(group.findings) - SHEET_ROWS_PER_GROUP
            if hidden > 0:
                row += 1
                ws.cell(row=row, column=4, value=word("feedback.sheet.more", lang, n=hidden))

    head("feedback.sheet.fix")
    table(fb.fixes, fills["error"])
    head("feedback.sheet.warn")
    table(fb.warnings, fills["warning"])
    head("feedback.sheet.send")
    due = date_words(fb.deadline, lang)
    for n in (1, 2, 3):
        line(word(f"feedback.sheet.send{n}", lang, due=due))

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:2"
    ws.page_margins.left = ws.page_margins.right = 0.4
    return ws
