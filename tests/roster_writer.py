"""Write BKBK village rosters the way villages send them, and synthesise their content.

A test fixture, not part of the package users run: used by the tests, the sample
data (``sample_data/make_samples.py``) and the benchmark generator (one roster
for each of the 1,585 villages), which put this folder on ``sys.path``. The
official blank roster is ``bkbk_cli.template``; the canonical column names, the
month abbreviations and the title block come from there, so the fixture and the
template cannot drift apart. The reader must cope with whatever villages type, so the writer
deliberately writes values *as given*: a NIK given as an ``int`` becomes a number
cell (the classic Excel fault), a date given as a string stays a string, an
amount typed as ``"Rp 16.800"`` stays text. Layout options reproduce the
variety seen in real rosters (title blocks, merged cells, an instructions sheet
first, other column orders and header names, month headers in several styles).

Two invariants hold whatever the input:

* a ``str`` is always written as a text cell, never a formula, even when it
  starts with ``=``, ``+``, ``-`` or ``@`` (roster content is data, and a
  generated file must not execute anything when opened);
* the same ``RosterSpec`` always yields the same cell content, and
  ``synth_participants`` with the same arguments always yields the same people.

``.xlsx`` files are written with openpyxl in write-only (streaming) mode, the
fastest it has, which matters when the benchmark writes 1,585 rosters: a 75-row
roster takes about 25-40 ms, nearly all of it openpyxl serialising cells. Merged
title cells need no slower mode: a write-only sheet still writes its
``mergeCells`` list, which Excel, openpyxl and calamine all read.
"""

from __future__ import annotations

import csv
import random
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from bkbk_cli.template import CANONICAL_HEADERS, FIELD_KEYS, MONTH_ABBR_ID, TITLE, regency_label
from bkbk_cli.words import MONTH_NAMES

__all__ = [
    "ALTERNATIVE_HEADERS",
    "CANONICAL_HEADERS",
    "DEFAULT_COLUMN_ORDER",
    "FIELD_KEYS",
    "INSTRUCTIONS",
    "MONTHS_KEY",
    "MONTH_ABBR_ID",
    "MONTH_NAMES_ID",
    "CellValue",
    "MonthStyle",
    "Participant",
    "RosterSpec",
    "district_prefix",
    "header_row",
    "make_nik",
    "month_label",
    "roster_periods",
    "synth_participants",
    "write_roster",
]

#: What a cell may be given as. ``date`` includes ``datetime``.
CellValue = str | int | float | date | None

#: Placeholder in ``RosterSpec.column_order`` for the block of month columns.
MONTHS_KEY = "months"
DEFAULT_COLUMN_ORDER: tuple[str, ...] = (*FIELD_KEYS, MONTHS_KEY)

#: Header names seen in village rosters besides the canonical ones; the reader
#: must recognise them, so tests and samples draw on this list.
ALTERNATIVE_HEADERS: dict[str, tuple[str, ...]] = {
    "no": ("No.", "NO", "No Urut"),
    "nik": ("No. Induk Kependudukan", "NIK KTP", "Nomor NIK", "N I K"),
    "nama": ("Nama Lengkap", "Nama Peserta", "NAMA"),
    "jenis_kelamin": ("L/P", "JK", "Jns Kelamin"),
    "tanggal_lahir": ("Tgl Lahir", "Tgl. Lahir", "Tanggal Lahir (dd-mm-yyyy)"),
    "kategori": ("Kategori Peserta", "Kelompok", "Jenis Kepesertaan"),
    "pekerjaan": ("Jenis Pekerjaan", "Pekerjaan Utama"),
    "no_kpj": ("No. KPJ", "Nomor KPJ", "KPJ"),
    "tanggal_terdaftar": ("TMT", "Tgl Terdaftar", "Tanggal Daftar", "TMT Kepesertaan"),
}

MONTH_NAMES_ID: tuple[str, ...] = MONTH_NAMES["id"]

#: Month header styles: ``"short"`` = "Jan 2026", ``"long"`` = "Januari 2026",
#: ``"dash"`` = "Jan-26" (also "Des-25"), ``"date"`` = a date cell (1st of the month,
#: shown as mmm-yy).
MonthStyle = Literal["short", "long", "dash", "date"]

_PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_FORMULA_START = ("=", "+", "-", "@")
_DATE_FORMAT = "DD/MM/YYYY"
_MONTH_DATE_FORMAT = "mmm-yy"
_COLUMN_WIDTHS: dict[str, float] = {
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
_MONTH_WIDTH = 11.0

INSTRUCTIONS: tuple[str, ...] = (
    "PETUNJUK PENGISIAN ROSTER BKBK",
    "",
    "1. Isi satu baris untuk setiap peserta; jangan menyisipkan baris kosong.",
    "2. Kolom NIK diformat sebagai Teks dan berisi 16 digit. NIK yang diketik sebagai "
    "angka kehilangan digit terakhirnya.",
    "3. Jenis Kelamin diisi L atau P.",
    "4. Kategori diisi Miskin Ekstrem atau Pekerja Rentan.",
    "5. No KPJ diisi 11 digit sesuai kartu BPJS Ketenagakerjaan.",
    "6. Kolom bulan diisi jumlah iuran yang dibayar (angka saja, tanpa 'Rp'); "
    "kosongkan bila belum dibayar.",
    "7. Jangan mengubah judul kolom.",
)


@dataclass(slots=True, kw_only=True)
class Participant:
    """One roster row, every value exactly as the village typed it.

    Types are deliberately loose: a NIK may be an ``int`` (to write the
    number-cell fault on purpose), dates may be strings such as
    ``"12 Mei 1980"``, amounts may be ``"Rp 16.800"``. ``payments`` maps a month
    (1-12 of the roster's year, or ``"YYYY-MM"``) to the amount paid; a missing
    key or ``None`` is a blank (unpaid) cell. ``no`` defaults to the row's
    1-based position.
    """

    nik: str | int | None
    nama: str | None
    jenis_kelamin: str | None = None
    tanggal_lahir: date | str | None = None
    kategori: str | None = None
    pekerjaan: str | None = None
    no_kpj: str | int | None = None
    tanggal_terdaftar: date | str | None = None
    payments: dict[int | str, int | float | str | None] = field(default_factory=dict)
    no: int | str | None = None


@dataclass(slots=True, kw_only=True)
class RosterSpec:
    """A roster to write: the village, its participants and the layout.

    Layout fields default to the canonical template (title block, header names
    from ``CANONICAL_HEADERS``, months Jan..Dec of ``year`` as "Jan 2026").

    * ``title_block``: the "DAFTAR PESERTA ..." block with Kabupaten, Kecamatan,
      Desa/Kelurahan and Kode Desa above the header, followed by one blank row.
      ``title_split_cells`` writes ``Kecamatan | : | Tungkal Ulu`` in three cells
      instead of one; ``merged_title`` merges the title across the table and the
      values across a few columns. ``title_rows`` replaces the block's rows.
    * ``blank_rows_above``: empty rows before everything else.
    * ``column_order``: field keys from ``FIELD_KEYS`` plus ``MONTHS_KEY`` for the
      month block (appended at the end when absent). Leaving a key out leaves
      the column out; repeating one repeats the column.
    * ``header_labels``: overrides per field key, or per month as ``"YYYY-MM"``.
    * ``months``: the month columns, as 1-12 (of ``year``) or ``"YYYY-MM"``.
      Payments for months not listed are not written.
    * ``totals_row``: a "JUMLAH" row under the participants with each month's sum
      of numeric amounts (values, not formulas: openpyxl cannot store a
      formula's result, and readers would see an empty cell).
    * ``footer_rows``: rows after one blank row below the table, e.g. a
      signature block.
    * ``instructions_sheet``: a "Petunjuk" sheet placed before the roster sheet.

    A ``.csv`` gets the header row and participant rows only.
    """

    village_code: str
    village_name: str
    district_name: str
    regency_name: str
    year: int
    participants: list[Participant] = field(default_factory=list)
    sheet_name: str = "Roster"
    title_block: bool = True
    title_split_cells: bool = False
    merged_title: bool = False
    title_rows: list[list[CellValue]] | None = None
    blank_rows_above: int = 0
    column_order: Sequence[str] = DEFAULT_COLUMN_ORDER
    header_labels: Mapping[str, CellValue] = field(default_factory=dict)
    month_style: MonthStyle = "short"
    months: Sequence[int | str] | None = None
    totals_row: bool = False
    totals_label: str = "JUMLAH"
    footer_rows: list[list[CellValue]] = field(default_factory=list)
    instructions_sheet: bool = False
    instructions_sheet_name: str = "Petunjuk"
    csv_date_format: str = "%Y-%m-%d"
    csv_delimiter: str = ","
    csv_bom: bool = False


# --------------------------------------------------------------------------- layout


def _period(key: int | str, year: int) -> str:
    """A month key as ``"YYYY-MM"``; rejects anything else so typos fail loudly."""
    if isinstance(key, int) and not isinstance(key, bool):
        if 1 <= key <= 12:
            return f"{year:04d}-{key:02d}"
    elif isinstance(key, str) and _PERIOD_RE.match(key):
        return key
    raise ValueError(f"a month must be 1-12 or 'YYYY-MM', got {key!r}")


def _periods(spec: RosterSpec) -> list[str]:
    months = range(1, 13) if spec.months is None else spec.months
    return [_period(m, spec.year) for m in months]


def _payments(participant: Participant, year: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, amount in participant.payments.items():
        period = _period(key, year)
        if period in out and out[period] != amount:
            raise ValueError(
                f"payments give month {period} twice, as {out[period]!r} and {amount!r}"
            )
        out[period] = amount
    return out


def month_label(period: str, style: MonthStyle) -> str | date:
    """The header of one month column in the given style ("date" gives a date)."""
    match = _PERIOD_RE.match(period)
    if match is None:
        raise ValueError(f"expected a month as 'YYYY-MM', got {period!r}")
    year, month = int(match[1]), int(match[2])
    if style == "short":
        return f"{MONTH_ABBR_ID[month - 1]} {year}"
    if style == "long":
        return f"{MONTH_NAMES_ID[month - 1]} {year}"
    if style == "dash":
        return f"{MONTH_ABBR_ID[month - 1]}-{year % 100:02d}"
    if style == "date":
        return date(year, month, 1)
    raise ValueError(f"unknown month style {style!r}")


@dataclass(slots=True, frozen=True)
class _Column:
    key: str  # a field key, or a period "YYYY-MM"
    header: CellValue
    is_month: bool


def _columns(spec: RosterSpec) -> list[_Column]:
    order = list(spec.column_order)
    unknown = [k for k in order if k not in FIELD_KEYS and k != MONTHS_KEY]
    if unknown:
        raise ValueError(f"unknown column keys {unknown}; use {FIELD_KEYS} and {MONTHS_KEY!r}")
    if MONTHS_KEY not in order:
        order.append(MONTHS_KEY)
    columns: list[_Column] = []
    for key in order:
        if key == MONTHS_KEY:
            for period in _periods(spec):
                header = spec.header_labels.get(period, month_label(period, spec.month_style))
                columns.append(_Column(period, header, True))
        else:
            columns.append(_Column(key, spec.header_labels.get(key, CANONICAL_HEADERS[key]), False))
    return columns


def _title_rows(spec: RosterSpec) -> list[list[CellValue]]:
    if spec.title_rows is not None:
        return [list(row) for row in spec.title_rows]
    regency_word, regency = regency_label(spec.regency_name)
    pairs = [
        (regency_word, regency),
        ("Kecamatan", spec.district_name),
        ("Desa/Kelurahan", spec.village_name),
        ("Kode Desa", spec.village_code),
    ]
    rows: list[list[CellValue]] = [[TITLE.format(year=spec.year)]]
    for label, value in pairs:
        rows.append([label, ":", value] if spec.title_split_cells else [f"{label} : {value}"])
    return rows


def header_row(spec: RosterSpec) -> int:
    """The 1-based Excel row of the header row in an ``.xlsx`` written from ``spec``.

    (In a ``.csv`` the header is always line 1.) The first participant is on
    the row after it.
    """
    row = spec.blank_rows_above + 1
    if spec.title_block:
        row += len(_title_rows(spec)) + 1  # the block, then one blank row
    return row


def _participant_values(
    participant: Participant, position: int, columns: list[_Column], year: int
) -> list[tuple[str, Any]]:
    payments = _payments(participant, year)
    values: list[tuple[str, Any]] = []
    for column in columns:
        if column.is_month:
            values.append((column.key, payments.get(column.key)))
        elif column.key == "no":
            values.append(("no", position if participant.no is None else participant.no))
        else:
            values.append((column.key, getattr(participant, column.key)))
    return values


# --------------------------------------------------------------------------- xlsx


class _CellMaker:
    """Turns given values into write-only cells, styling only where needed.

    Plain numbers and ordinary strings go to openpyxl as they are (the fast
    path); cells that need a format or a forced text type get a ``WriteOnlyCell``.
    """

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=12)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def text(self, value: str, *, number_format: str | None = None) -> Any:
        cell = WriteOnlyCell(self.ws)
        if number_format is not None:
            cell.number_format = number_format
        cell.value = value
        # openpyxl turns a str starting with "=" into a formula; force text, and
        # set quotePrefix as Excel does for text typed with a leading apostrophe.
        cell.data_type = "s"
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
        return cell

    def value(self, value: Any, *, key: str = "") -> Any:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            if key in ("nik", "no_kpj"):
                return self.text(value, number_format="@")
            if value.startswith(_FORMULA_START):
                return self.text(value)
            return value
        if isinstance(value, date):
            cell = WriteOnlyCell(self.ws)
            cell.number_format = _DATE_FORMAT
            cell.value = value
            return cell
        return value

    def header(self, value: CellValue) -> Any:
        if isinstance(value, date):
            cell = WriteOnlyCell(self.ws)
            cell.number_format = _MONTH_DATE_FORMAT
            cell.value = value
        elif isinstance(value, str):
            cell = self.text(value)
        else:
            cell = WriteOnlyCell(self.ws, value=value)
        cell.font = self.bold
        cell.alignment = self.center
        return cell


def _write_xlsx(spec: RosterSpec, path: Path) -> None:
    columns = _columns(spec)
    width = max(len(columns), 1)
    # Everything that can raise is computed before openpyxl opens its stream.
    body = [
        _participant_values(participant, position, columns, spec.year)
        for position, participant in enumerate(spec.participants, start=1)
    ]
    title_rows = _title_rows(spec) if spec.title_block else []
    wb = Workbook(write_only=True)
    stamp = datetime(spec.year, 1, 1)
    wb.properties.creator = "bkbk"
    wb.properties.created = stamp
    if spec.instructions_sheet:
        info = wb.create_sheet(spec.instructions_sheet_name)
        info.column_dimensions["A"].width = 100
        maker = _CellMaker(info)
        for line in INSTRUCTIONS:
            info.append([maker.value(line)])
        info.close()  # streams it out now; nothing more goes to this sheet
    ws = wb.create_sheet(spec.sheet_name)
    maker = _CellMaker(ws)

    # Column widths and styles go before any row in write-only mode. NIK and
    # KPJ columns are formatted as Text so that numbers typed later into the
    # template stay text.
    for index, column in enumerate(columns, start=1):
        dim = ws.column_dimensions[get_column_letter(index)]
        dim.width = _MONTH_WIDTH if column.is_month else _COLUMN_WIDTHS[column.key]
        if column.key in ("nik", "no_kpj"):
            dim.number_format = "@"

    row = 0
    for _ in range(spec.blank_rows_above):
        ws.append([])
        row += 1
    if spec.title_block:
        for index, title in enumerate(title_rows):
            row += 1
            cells = [maker.value(v) for v in title]
            if index == 0 and title and isinstance(title[0], str):
                first = maker.text(title[0])
                first.font = maker.title_font
                if spec.merged_title:
                    first.alignment = maker.center
                cells[0] = first
            ws.append(cells)
            if spec.merged_title:
                _merge_title_row(ws, row, index, len(title), width, spec)
        ws.append([])
        row += 1
    ws.append([maker.header(c.header) for c in columns])
    row += 1

    totals: dict[str, float] = {c.key: 0 for c in columns if c.is_month}
    for values in body:
        ws.append([maker.value(value, key=key) for key, value in values])
        row += 1
        for key, value in values:
            if key in totals and isinstance(value, int | float) and not isinstance(value, bool):
                totals[key] += value
    if spec.totals_row:
        label_cell = maker.text(spec.totals_label)
        label_cell.font = maker.bold
        total_cells: list[Any] = [label_cell]
        for column in columns[1:]:
            total_cells.append(_round(totals[column.key]) if column.is_month else None)
        ws.append(total_cells)
        row += 1
    if spec.footer_rows:
        ws.append([])
        for footer in spec.footer_rows:
            ws.append([maker.value(v) for v in footer])
    wb.save(path)


def _round(total: float) -> int | float:
    return int(total) if float(total).is_integer() else round(total, 2)


def _merge_title_row(
    ws: Any, row: int, index: int, cells: int, width: int, spec: RosterSpec
) -> None:
    """Merge a title-block row the way a village's template typically does."""
    if index == 0:
        last = width
        first = 1
    elif spec.title_split_cells and spec.title_rows is None and cells >= 3:
        first, last = 3, 6
    elif spec.title_rows is None:
        first, last = 1, min(4, width)
    else:
        return
    if last > first:
        ws.merged_cells.add(CellRange(min_col=first, min_row=row, max_col=last, max_row=row))


# --------------------------------------------------------------------------- csv


def _csv_text(value: Any, date_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime(date_format)
    return str(value)


def _write_csv(spec: RosterSpec, path: Path) -> None:
    columns = _columns(spec)
    body = [
        _participant_values(participant, position, columns, spec.year)
        for position, participant in enumerate(spec.participants, start=1)
    ]
    encoding = "utf-8-sig" if spec.csv_bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=spec.csv_delimiter)
        if spec.title_block:
            # a sheet with a title block saved as CSV keeps its title lines above the header
            for row in _title_rows(spec):
                writer.writerow([_csv_text(v, spec.csv_date_format) for v in row])
            writer.writerow([])
        writer.writerow([_csv_text(c.header, spec.csv_date_format) for c in columns])
        for values in body:
            writer.writerow([_csv_text(v, spec.csv_date_format) for _, v in values])


def write_roster(spec: RosterSpec, path: str | Path) -> Path:
    """Write ``spec`` to ``path``; the suffix (``.xlsx`` or ``.csv``) picks the format.

    Returns the path written. The parent directory must exist.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        _write_xlsx(spec, target)
    elif suffix == ".csv":
        _write_csv(spec, target)
    else:
        raise ValueError(
            f"cannot write a roster as {suffix or 'a file without suffix'!r}; use .xlsx or .csv"
        )
    return target


# --------------------------------------------------------------------------- synthesis


def district_prefix(village_code: str) -> str:
    """The 6-digit NIK prefix of a village's district: "15.06.01.2001" -> "150601"."""
    digits = village_code.replace(".", "").strip()
    if not digits.isdigit() or len(digits) not in (6, 10):
        raise ValueError(f"expected a Kemendagri district or village code, got {village_code!r}")
    return digits[:6]


def make_nik(prefix: str, tanggal_lahir: date, jenis_kelamin: str, serial: int) -> str:
    """A NIK as Dukcapil builds it: district, DDMMYY (women: day + 40), serial.

    ``prefix`` is the 6-digit province-regency-district code, ``jenis_kelamin``
    "L" or "P", ``serial`` 1-9999.
    """
    if len(prefix) != 6 or not prefix.isdigit():
        raise ValueError(f"NIK prefix must be 6 digits, got {prefix!r}")
    if jenis_kelamin not in ("L", "P"):
        raise ValueError(f"jenis_kelamin must be 'L' or 'P', got {jenis_kelamin!r}")
    if not 1 <= serial <= 9999:
        raise ValueError(f"serial must be 1-9999, got {serial}")
    day = tanggal_lahir.day + (40 if jenis_kelamin == "P" else 0)
    return f"{prefix}{day:02d}{tanggal_lahir.month:02d}{tanggal_lahir.year % 100:02d}{serial:04d}"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28)


_FIRST_L = (
    "Ahmad", "Rudi", "Hendra", "Yusuf", "Muhammad", "Budi", "Agus", "Syamsul", "Zulkifli",
    "Hasan", "Rahmat", "Joko", "Abdul", "Firdaus", "Irwan", "Samsudin", "Darmawan",
    "Arifin", "Usman", "Ridwan", "M. Nasir", "Herman", "Sukardi", "Jamaludin",
)  # fmt: skip
_FIRST_P = (
    "Siti", "Nurhayati", "Sri", "Dewi", "Rahmawati", "Yuliani", "Fitriani", "Nur", "Aisyah",
    "Rina", "Suryani", "Maryam", "Halimah", "Ratna", "Erni", "Rosmawati", "Juliana",
    "Sumiati", "Asmah", "Masnah", "Yusnidar", "Ernawati",
)  # fmt: skip
_SECOND_L = ("Hidayat", "Ramadhan", "Iskandar", "Ali", "Fauzi")
_SECOND_P = ("Aminah", "Khadijah", "Zubaidah", "Aini", "Rohani")
_FAMILY_ANY = (
    "Hasibuan", "Siregar", "Nasution", "Harahap", "Lubis", "Rahman", "Effendi", "Hidayat",
    "Daulay", "Matondang",
)  # fmt: skip
_FAMILY_L = ("Saputra", "Syahputra", "Pratama", "Susanto", "Wibowo", "Santoso", "Purnomo")
_FAMILY_P = ("Lestari", "Handayani", "Wulandari", "Sari", "Ningsih", "Wahyuni", "Susanti")

_JOBS_MISKIN = (
    "Petani", "Buruh Tani", "Buruh Harian Lepas", "Nelayan", "Penyadap Karet", "Pekebun Sawit",
)  # fmt: skip
_JOBS_RENTAN = (
    "Pedagang Kecil", "Ojek", "Tukang Bangunan", "Buruh Harian Lepas", "Nelayan", "Petani",
    "Guru Ngaji", "Marbot Masjid", "Kader Posyandu", "Penjahit",
)  # fmt: skip


def _name(rng: random.Random, sex: str) -> str:
    first = rng.choice(_FIRST_L if sex == "L" else _FIRST_P)
    roll = rng.random()
    if roll < 0.25:
        return first  # many Indonesians have a single name
    if roll < 0.4:
        return f"{first} {rng.choice(_SECOND_L if sex == 'L' else _SECOND_P)}"
    family = _FAMILY_ANY + (_FAMILY_L if sex == "L" else _FAMILY_P)
    return f"{first} {rng.choice(family)}"


def _default_seed(village_code: str, year: int) -> int:
    return zlib.crc32(f"{village_code}|{year}".encode())


def synth_participants(
    village_code: str,
    year: int,
    n_miskin: int = 50,
    n_rentan: int = 25,
    *,
    seed: int | str | None = None,
    months: int = 12,
    monthly_rp: int = 16_800,
    mid_year_share: float = 0.1,
    n_gaps: int = 0,
    n_arrears: int = 0,
    arrears_months: int = 4,
    upper_names: bool = False,
) -> list[Participant]:
    """Realistic, valid participants of one village, the same for the same arguments.

    Miskin Ekstrem rows come first, then Pekerja Rentan. Every NIK has 16
    digits, the village's district prefix and the person's birth date (women:
    day + 40), and is unique; ages at enrolment are 18-64; No KPJ has 11 digits.
    Most people enrolled in the two years before ``year``; about
    ``mid_year_share`` of them enrolled during ``year`` (February to the last
    month). ``payments`` holds ``monthly_rp`` for each month January..``months``
    of ``year`` from the enrolment month on, keyed ``"YYYY-MM"``.

    ``n_gaps`` people (enrolled before ``year``) miss one month followed by a
    paid month; ``n_arrears`` others leave the last ``arrears_months`` months
    unpaid. Without ``seed`` the village code and year pick one, so each village
    differs but stays reproducible.
    """
    if not 1 <= months <= 12:
        raise ValueError(f"months must be 1-12, got {months}")
    if n_miskin < 0 or n_rentan < 0:
        raise ValueError("participant counts cannot be negative")
    prefix = district_prefix(village_code)
    rng = random.Random(_default_seed(village_code, year) if seed is None else seed)
    year_start = date(year, 1, 1)
    period_keys = [f"{year:04d}-{m:02d}" for m in range(1, months + 1)]
    niks: set[str] = set()
    kpjs: set[str] = set()
    people: list[Participant] = []
    enrolment_dates: list[date] = []
    for index in range(n_miskin + n_rentan):
        miskin = index < n_miskin
        sex = rng.choice("LP")
        if months >= 2 and rng.random() < mid_year_share:
            enrolled = date(year, rng.randint(2, months), rng.randint(1, 28))
        else:
            enrolled = date(year - 2, 1, 1) + timedelta(days=rng.randrange(730))
        oldest = _add_years(enrolled, -65) + timedelta(days=1)
        youngest = _add_years(enrolled, -18)
        born = oldest + timedelta(days=rng.randrange((youngest - oldest).days + 1))
        while True:
            nik = make_nik(prefix, born, sex, rng.randint(1, 60))
            if nik not in niks:
                niks.add(nik)
                break
        while True:
            kpj = f"{enrolled.year % 100:02d}{rng.randrange(10**9):09d}"
            if kpj not in kpjs:
                kpjs.add(kpj)
                break
        name = _name(rng, sex)
        enrolment_dates.append(enrolled)
        first_due = (enrolled.year, enrolled.month)
        payments: dict[int | str, int | float | str | None] = {
            key: monthly_rp if (year, int(key[5:])) >= first_due else None for key in period_keys
        }
        people.append(
            Participant(
                nik=nik,
                nama=name.upper() if upper_names else name,
                jenis_kelamin=sex,
                tanggal_lahir=born,
                kategori="Miskin Ekstrem" if miskin else "Pekerja Rentan",
                pekerjaan=rng.choice(_JOBS_MISKIN if miskin else _JOBS_RENTAN),
                no_kpj=kpj,
                tanggal_terdaftar=enrolled,
                payments=payments,
            )
        )

    if n_gaps or n_arrears:
        if n_gaps and months < 2:
            raise ValueError("a payment gap needs at least 2 months")
        if n_arrears and not 1 <= arrears_months < months:
            raise ValueError("arrears_months must be at least 1 and fewer than months")
        candidates = [i for i, day in enumerate(enrolment_dates) if day < year_start]
        if len(candidates) < n_gaps + n_arrears:
            raise ValueError(
                f"only {len(candidates)} participants enrolled before {year} for "
                f"{n_gaps} gaps and {n_arrears} arrears"
            )
        chosen = rng.sample(candidates, n_gaps + n_arrears)
        for i in chosen[:n_gaps]:
            people[i].payments[period_keys[rng.randrange(months - 1)]] = None
        for i in chosen[n_gaps:]:
            for key in period_keys[months - arrears_months :]:
                people[i].payments[key] = None
    return people


def roster_periods(spec: RosterSpec) -> list[str]:
    """The month columns ``spec`` writes, as ``"YYYY-MM"``, in order."""
    return _periods(spec)
