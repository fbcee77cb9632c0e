"""The template's "Petunjuk" sheet: how to fill in the roster, in plain words.

A village secretary reads it once before typing: what each column wants, how many
people of each category the village enrols, what a month costs and by when, and
how to send the roster back. Every figure comes from the programme rules, so a
new year's discount or quota shows in next year's templates without a code change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bkbk_cli.config import KATEGORI
from bkbk_cli.findings import ROSTER_FIELDS
from bkbk_cli.messages import Lang, label
from bkbk_cli.words import period_name, rupiah, word

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from bkbk_cli.template import TemplateSpec

#: The columns explained, in the template's order; the month columns come last.
GUIDE_COLUMNS: tuple[str, ...] = ("no", *ROSTER_FIELDS)


def village_line(spec: TemplateSpec, lang: Lang) -> str:
    """The line naming the village (row 2), the one part that differs between villages."""
    return word(
        "template.guide.village",
        lang,
        name=spec.name,
        code=spec.code,
        district=spec.district,
        regency=spec.regency,
    )


def guide_lines(spec: TemplateSpec, lang: Lang) -> list[tuple[str, str | None]]:
    """The sheet's content as (kind, text) lines: kind is title, head, text or column
    (a column line's text is "name\\tinstruction")."""
    from bkbk_cli.template import CANONICAL_HEADERS, _facts, month_header

    facts = _facts(spec, lang)
    me, pr = spec.config.quota.miskin_ekstrem, spec.config.quota.pekerja_rentan
    lines: list[tuple[str, str | None]] = [
        ("title", word("template.guide.title", lang, year=spec.year)),
        ("text", village_line(spec, lang)),
        ("blank", None),
        ("head", word("template.guide.columns", lang)),
    ]
    for key in GUIDE_COLUMNS:
        text = word(f"template.guide.col.{key}", lang, **facts)
        lines.append(("column", f"{CANONICAL_HEADERS[key]}\t{text}"))
    months = f"{month_header(spec.periods[0])} … {month_header(spec.periods[-1])}"
    lines.append(("column", f"{months}\t{word('template.guide.col.iuran', lang, **facts)}"))
    lines += [
        ("blank", None),
        ("head", word("template.guide.quota_head", lang)),
        (
            "text",
            word(
                "template.guide.quota",
                lang,
                me=me,
                pr=pr,
                me_last=me,
                pr_first=me + 1,
                pr_last=me + pr,
            ),
        ),
        ("text", word("template.guide.age", lang, **facts)),
        ("blank", None),
        ("head", word("template.guide.money_head", lang)),
        ("text", word("template.guide.money", lang, **facts)),
    ]
    for change in spec.config.contribution.change:
        if change.start > f"{spec.year}-12" or (change.until or "9999") < f"{spec.year}-01":
            continue  # not this year's
        kinds = change.kategori or list(KATEGORI)
        lines.append(
            (
                "text",
                word(
                    "template.guide.change",
                    lang,
                    start=period_name(max(change.start, f"{spec.year}-01"), lang),
                    until=period_name(
                        min(change.until or f"{spec.year}-12", f"{spec.year}-12"), lang
                    ),
                    who=", ".join(label(k, lang) for k in kinds),
                    amount=rupiah(change.monthly_rp),
                ),
            )
        )
    lines += [
        ("text", word("template.guide.deadline", lang, **facts)),
        ("blank", None),
        ("head", word("template.guide.send_head", lang)),
    ]
    for n in range(1, 5):
        lines.append(("text", f"{n}. " + word(f"template.guide.send{n}", lang, **facts)))
    return lines


def write_guide(ws: Worksheet, spec: TemplateSpec, lang: Lang) -> None:
    """Write the instructions on ``ws``: two columns, wrapped, printable on A4."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 95
    wrap = Alignment(wrap_text=True, vertical="top")
    grey = PatternFill("solid", start_color="D9D9D9")
    row = 0
    for kind, text in guide_lines(spec, lang):
        row += 1
        if kind == "blank" or text is None:
            continue
        if kind == "column":
            name, instruction = text.split("\t", 1)
            title = ws.cell(row=row, column=1, value=name)
            title.font, title.alignment = Font(bold=True), wrap
            cell = ws.cell(row=row, column=2, value=instruction)
            cell.alignment = wrap
            ws.row_dimensions[row].height = 15 * (1 + len(instruction) // 95)
            continue
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = wrap
        if kind == "title":
            cell.font = Font(bold=True, size=13)
        elif kind == "head":
            cell.font, cell.fill = Font(bold=True), grey
        else:
            ws.row_dimensions[row].height = 15 * (1 + len(text) // 115)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
