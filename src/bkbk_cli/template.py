"""The official blank roster (``bkbk template``): one workbook a village fills in.

Most findings (a NIK stored as a number, an unknown category, a month without a
year, dates typed five ways) never happen in a roster filled in on a good
template, so the template is built to steer the typing: the title block already
names the village the way the reader recognises it, the header row has the
canonical column names and one column per month of the year, NIK and KPJ cells
are text (a typed NIK keeps all 16 digits) and validated, Jenis Kelamin and
Kategori are drop-downs, dates and amounts are validated, and the header row is
protected against accidental edits (no password: the village can lift it). A
"Petunjuk" sheet says in plain Indonesian what each column wants, the quota, the
contribution and its deadline, and how to send the roster back; the amounts come
from the programme rules (``config.py``), never from this file.

``--prefill`` fills the rows with the participants of the village's latest
stored roster (without payments): next year's roster, or a corrected one (see
``template_files``, which writes the files of a run).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.findings import ROSTER_FIELDS
from bkbk_cli.messages import Lang, label
from bkbk_cli.words import rupiah, word

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from bkbk_cli.regions import Village

__all__ = [
    "CANONICAL_HEADERS",
    "FIELD_KEYS",
    "MONTH_ABBR_ID",
    "ROSTER_SHEET",
    "TemplatePerson",
    "TemplateSpec",
    "build_template",
    "month_header",
    "regency_label",
    "template_filename",
    "title_lines",
    "write_template",
]

#: Participant fields, in the canonical column order.
FIELD_KEYS: tuple[str, ...] = ("no", *ROSTER_FIELDS)

#: The canonical column names: what the template writes and the reader knows first.
CANONICAL_HEADERS: dict[str, str] = {
    "no": "No",
    "nik": "NIK",
    "nama": "Nama",
    "jenis_kelamin": "Jenis Kelamin",
    "tanggal_lahir": "Tanggal Lahir",
    "kategori": "Kategori",
    "pekerjaan": "Pekerjaan",
    "no_kpj": "No KPJ",
    "tanggal_terdaftar": "Tanggal Terdaftar",
}

MONTH_ABBR_ID: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)

#: The title's first line; "TAHUN 2026" is how the reader finds the year.
TITLE = "DAFTAR PESERTA BPJS KETENAGAKERJAAN BKBK TAHUN {year}"
ROSTER_SHEET = "Roster BKBK {year}"
INSTRUCTIONS_SHEET = "Petunjuk"

DATE_FORMAT = "DD/MM/YYYY"
RUPIAH_FORMAT = '"Rp "#,##0'
#: A NIK and a KPJ number: this many digits, typed as text.
DIGITS = {"nik": 16, "no_kpj": 11}
WIDTHS: dict[str, float] = {
    "no": 5,
    "nik": 20,
    "nama": 28,
    "jenis_kelamin": 9,
    "tanggal_lahir": 13,
    "kategori": 16,
    "pekerjaan": 18,
    "no_kpj": 14,
    "tanggal_terdaftar": 13,
}
MONTH_WIDTH = 12.0
_HEADER_FILL = "D9D9D9"
#: The two row blocks, so a secretary sees at once where each category goes.
BLOCK_FILLS = {"miskin_ekstrem": "E2EFDA", "pekerja_rentan": "DDEBF7"}
_FIRST_DATE = dt.date(1900, 1, 1)


def month_header(period: str) -> str:
    """``2026-01`` -> ``Jan 2026``: a month column's header in the template."""
    year, month = period.split("-")
    return f"{MONTH_ABBR_ID[int(month) - 1]} {year}"


def regency_label(name: str) -> tuple[str, str]:
    """``Kabupaten Tanjung Jabung Barat`` -> (``Kabupaten``, ``Tanjung Jabung Barat``)."""
    for prefix in ("Kabupaten", "Kota"):
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :]
    return "Kabupaten", name


def title_lines(
    code: str, name: str, district: str, regency: str, year: int
) -> list[tuple[str, str] | str]:
    """The title block: the title, then (label, value) pairs the reader's title
    patterns recognise (``Kecamatan : ...``, ``Desa/Kelurahan : ...``, ``Kode Desa : ...``)."""
    regency_word, regency_name = regency_label(regency)
    return [
        TITLE.format(year=year),
        (regency_word, regency_name),
        ("Kecamatan", district),
        ("Desa/Kelurahan", name),
        ("Kode Desa", code),
    ]


@dataclass(frozen=True, slots=True)
class TemplatePerson:
    """A participant to pre-fill: who they are, never what they paid."""

    nik: str
    nama: str | None
    jenis_kelamin: str | None
    tanggal_lahir: dt.date | None
    kategori: str  # "miskin_ekstrem" or "pekerja_rentan"
    pekerjaan: str | None
    no_kpj: str | None
    tanggal_terdaftar: dt.date | None


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """One village's template: the village, the year, the rules and any people to pre-fill."""

    code: str
    name: str
    district: str
    regency: str
    year: int
    config: Config
    people: Sequence[TemplatePerson] = ()

    @classmethod
    def for_village(
        cls, village: Village, year: int, config: Config, people: Sequence[TemplatePerson] = ()
    ) -> TemplateSpec:
        from bkbk_cli.regions import resolve_regency

        regency = resolve_regency(village.regency_code).name
        return cls(village.code, village.name, village.district_name, regency, year, config, people)

    @property
    def periods(self) -> list[str]:
        return [f"{self.year:04d}-{m:02d}" for m in range(1, 13)]

    def blocks(self) -> list[tuple[str, list[TemplatePerson | None]]]:
        """Rows per category: the quota's worth (more when more people are pre-filled)."""
        out = []
        for kategori in KATEGORI:
            people: list[TemplatePerson | None] = [p for p in self.people if p.kategori == kategori]
            size = max(self.config.quota.for_kategori(kategori), len(people))
            out.append((kategori, people + [None] * (size - len(people))))
        return out


def template_filename(code: str, name: str, year: int) -> str:
    """``15.06.01.2001_badang_2026.xlsx``: the code sorts the files, the name is for people."""
    slug = re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-") or "desa"
    return f"{code}_{slug}_{year}.xlsx"


# --------------------------------------------------------------------------- workbook


def build_template(spec: TemplateSpec, lang: Lang = "id") -> Workbook:
    """The template workbook: the roster sheet first, then the instructions."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "bkbk"
    roster = wb.active
    roster.title = ROSTER_SHEET.format(year=spec.year)
    _roster_sheet(roster, spec, lang)
    from bkbk_cli.render.template_guide import write_guide

    write_guide(wb.create_sheet(INSTRUCTIONS_SHEET), spec, lang)
    wb.active = 0
    return wb


def _roster_sheet(ws: Worksheet, spec: TemplateSpec, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter

    keys = [*FIELD_KEYS, *spec.periods]
    width = len(keys)
    letters = {key: get_column_letter(i) for i, key in enumerate(keys, start=1)}
    lines = title_lines(spec.code, spec.name, spec.district, spec.regency, spec.year)
    bold = Font(bold=True)
    ws.cell(row=1, column=1, value=lines[0]).font = Font(bold=True, size=13)
    for r, line in enumerate(lines[1:], start=2):
        label_, value = line
        ws.cell(row=r, column=1, value=f"{label_} : {value}").font = bold
    note_row = len(lines) + 1
    ws.cell(row=note_row, column=1, value=word("template.note", lang)).font = Font(
        italic=True, color="7F7F7F"
    )
    header = note_row + 1
    first, blocks = header + 1, spec.blocks()
    last = header + sum(len(rows) for _, rows in blocks)

    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for key, letter in letters.items():
        is_month = key not in CANONICAL_HEADERS
        cell = ws[f"{letter}{header}"]
        cell.value = month_header(key) if is_month else CANONICAL_HEADERS[key]
        cell.font, cell.fill, cell.alignment, cell.border = bold, header_fill, centre, border
        ws.column_dimensions[letter].width = MONTH_WIDTH if is_month else WIDTHS[key]
    ws.row_dimensions[header].height = 30

    unlocked = Protection(locked=False)
    formats = {"nik": "@", "no_kpj": "@", "tanggal_lahir": DATE_FORMAT}
    formats["tanggal_terdaftar"] = DATE_FORMAT
    formats.update(dict.fromkeys(spec.periods, RUPIAH_FORMAT))
    row = first
    for kategori, people in blocks:
        fill = PatternFill("solid", start_color=BLOCK_FILLS[kategori])
        for person in people:
            number = ws.cell(row=row, column=1, value=row - header)
            number.fill, number.border = fill, border
            number.alignment = Alignment(horizontal="center")
            for key in keys[1:]:
                cell = ws[f"{letters[key]}{row}"]
                cell.protection, cell.border = unlocked, border
                if key in formats:
                    cell.number_format = formats[key]
                if key == "kategori":
                    cell.fill = fill  # the block's colour: which category goes here
            if person is not None:
                _fill_person(ws, row, letters, person)
            row += 1
    _validations(ws, spec, letters, first, last, blocks, lang)

    ws.freeze_panes = f"{letters['jenis_kelamin']}{first}"  # header and No, NIK, Nama stay
    # the header row (and the title) are locked: the sheet is protected without a password
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # column widths and row heights may still change
    ws.protection.formatRows = False
    _print_setup(ws, header, f"A1:{get_column_letter(width)}{last}")


def _fill_person(ws: Worksheet, row: int, letters: dict[str, str], person: TemplatePerson) -> None:
    from bkbk_cli.render.xlsx_safe import set_text_safe

    for key in FIELD_KEYS[1:]:
        value = getattr(person, key)
        if key == "kategori":
            value = label(value, "id")
        if value is None:
            continue
        cell = ws[f"{letters[key]}{row}"]
        if isinstance(value, str):
            set_text_safe(cell, value)  # a stored name is data, never a formula
        else:
            cell.value = value


def _validations(
    ws: Worksheet,
    spec: TemplateSpec,
    letters: dict[str, str],
    first: int,
    last: int,
    blocks: list[tuple[str, list[TemplatePerson | None]]],
    lang: Lang,
) -> None:
    """Data validation with an input message on every column that can go wrong."""
    from openpyxl.worksheet.datavalidation import DataValidation

    facts = _facts(spec, lang)

    def add(key: str, rows: tuple[int, int] | None = None, prompt: str | None = None,
            **kw: object) -> None:  # fmt: skip
        top, bottom = rows or (first, last)
        rule = DataValidation(
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorTitle=word("template.error_title", lang)[:32],
            error=word(f"template.error.{key}", lang, **facts)[:255],
            promptTitle=CANONICAL_HEADERS[key][:32],
            prompt=(prompt or word(f"template.prompt.{key}", lang, **facts))[:255],
            **kw,
        )
        rule.add(f"{letters[key]}{top}:{letters[key]}{bottom}")
        ws.add_data_validation(rule)

    for key, digits in DIGITS.items():
        cell = f"{letters[key]}{first}"
        add(key, type="custom", formula1=f"AND(LEN({cell})={digits},ISNUMBER(--{cell}))")
    add("jenis_kelamin", type="list", formula1='"L,P"')
    names = ",".join(label(k, "id") for k in KATEGORI)
    top = first
    for kategori, rows in blocks:  # one rule per block: its input message names the block
        bottom = top + len(rows) - 1
        numbers = {"first": top - first + 1, "last": bottom - first + 1}
        prompt = word(f"template.prompt.kategori.{kategori}", lang, **numbers)
        add("kategori", (top, bottom), prompt, type="list", formula1=f'"{names}"')
        top = bottom + 1
    latest = f"DATE({spec.year},12,31)"
    oldest = f"DATE({_FIRST_DATE.year},1,1)"
    add("tanggal_lahir", type="date", operator="between", formula1=oldest, formula2=latest)
    add(
        "tanggal_terdaftar",
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2=latest,
    )
    months = [letters[p] for p in spec.periods]
    rule = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorTitle=word("template.error_title", lang)[:32],
        error=word("template.error.iuran", lang, **facts)[:255],
        promptTitle=word("template.prompt_title.iuran", lang)[:32],
        prompt=word("template.prompt.iuran", lang, **facts)[:255],
    )
    rule.add(f"{months[0]}{first}:{months[-1]}{last}")
    ws.add_data_validation(rule)


def _facts(spec: TemplateSpec, lang: Lang) -> dict[str, object]:
    """The programme's figures for this year, as prompts and instructions quote them."""
    rules = spec.config
    return {
        "monthly": rupiah(rules.contribution.monthly_rp),
        "example": rules.contribution.monthly_rp,
        "deadline": deadline_words(rules, lang),
        "me": rules.quota.miskin_ekstrem,
        "pr": rules.quota.pekerja_rentan,
        "year": spec.year,
        "max_age": rules.enrolment.max_age,
        "lapse": rules.status.lapse_months,
    }


def deadline_words(config: Config, lang: Lang) -> str:
    """When a month's contribution is due, in words: "tanggal 15 bulan itu juga"."""
    day, offset = config.contribution.deadline_day, config.contribution.deadline_month_offset
    key = "template.deadline.same" if offset == 0 else "template.deadline.later"
    if offset == 1:
        key = "template.deadline.next"
    return word(key, lang, day=day, n=offset)


def _print_setup(ws: Worksheet, header: int, area: str) -> None:
    """A4 landscape, as wide as the page, the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header}:{header}"
    ws.print_area = area
    ws.page_margins.left = ws.page_margins.right = 0.4


def write_template(spec: TemplateSpec, out: Path, lang: Lang = "id") -> Path:
    """Write ``spec``'s template to ``out`` atomically (all of it, or the old file stays)."""
    from bkbk_cli.atomic import write_atomically

    wb = build_template(spec, lang)
    write_atomically(Path(out), wb.save)
    return Path(out)
