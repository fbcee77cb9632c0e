"""Find the roster inside a sheet: the header row, the title block above it, the columns.

Villages build their own sheets, so nothing is assumed about where the roster
starts or in which order its columns come. Column headers are matched by their
usual names after folding case, spaces and punctuation; month columns by a month
name (Indonesian or English) and a year, or by a date cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from bkbk_cli.read.headers import field_of
from bkbk_cli.read.workbook import RawSheet

HEADER_SCAN_ROWS = 40
#: A row naming this much (three roster columns, or two and some months) is the header.
CLEAR_HEADER = 6

#: Header names by field, already folded (lower case, letters and digits only).
ALIASES: dict[str, tuple[str, ...]] = {
    "no": ("no", "nomor", "nourut", "nomorurut"),
    "nik": (
        "nik",
        "noindukkependudukan",
        "nomorindukkependudukan",
        "nikktp",
        "noktp",
        "nomorktp",
        "nikpeserta",
    ),
    "nama": ("nama", "namalengkap", "namapeserta", "namalengkappeserta"),
    "jenis_kelamin": ("jeniskelamin", "lp", "jk", "kelamin", "jeniskelaminlp"),
    "tanggal_lahir": ("tanggallahir", "tgllahir", "tgllhr", "tanggallhr", "tgllahirpeserta"),
    "kategori": ("kategori", "kategoripeserta", "kelompok", "kelompokpeserta"),
    "pekerjaan": ("pekerjaan", "jenispekerjaan"),
    "no_kpj": ("nokpj", "nomorkpj", "kpj", "nokartupeserta"),
    "tanggal_terdaftar": (
        "tanggalterdaftar",
        "tglterdaftar",
        "tgldaftar",
        "tanggaldaftar",
        "tmt",
        "tmtkepesertaan",
        "tanggalkepesertaan",
    ),
    # a consolidated (merged) roster names the village on every row
    "tempat_tgl_lahir": (
        "tempattgllahir",
        "tempattanggallahir",
        "ttl",
        "tempatlahirtgllahir",
        "tempatdantanggallahir",
    ),
    "kode_desa": ("kodedesa", "kodedesakelurahan", "kodekelurahan", "kodewilayah", "kodedesakel"),
    "nama_desa": ("desa", "desakelurahan", "namadesa", "kelurahan", "desakel", "namadesakelurahan"),
}
FIELD_BY_ALIAS: dict[str, str] = {a: f for f, names in ALIASES.items() for a in names}
_FIELD_BY_ALIAS = FIELD_BY_ALIAS
REQUIRED_FIELDS: tuple[str, ...] = ("nik", "nama", "kategori")

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "januari", "january"),
        ("feb", "februari", "pebruari", "peb", "february"),
        ("mar", "maret", "march"),
        ("apr", "april"),
        ("mei", "may"),
        ("jun", "juni", "june"),
        ("jul", "juli", "july"),
        ("agu", "agt", "ags", "agus", "agustus", "aug", "august"),
        ("sep", "sept", "september"),
        ("okt", "oktober", "oct", "october"),
        ("nov", "nopember", "november", "nop"),
        ("des", "desember", "dec", "december"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH_TEXT = re.compile(r"^(?:iuran|bulan|bln)?\s*([a-z]+)\.?\s*[-/.' ]?\s*(\d{4}|\d{2})?$")
_MONTH_NUMERIC = re.compile(r"^(\d{4})[-/.](\d{1,2})$|^(\d{1,2})[-/.](\d{4})$")
_FOLD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=8192)
def _fold_text(text: str) -> str:
    return _FOLD.sub("", text.lower())


def fold(text: object) -> str:
    """Lower case, letters and digits only: how header names are compared."""
    return _fold_text(text) if isinstance(text, str) else _FOLD.sub("", str(text).lower())


def month_of(value: object, default_year: int | None = None) -> str | None:
    """The month (``YYYY-MM``) a header cell names, or None."""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if not isinstance(value, str):
        return None
    return _month_of_text(value, default_year)


@lru_cache(maxsize=8192)
def _month_of_text(value: str, default_year: int | None) -> str | None:
    text = value.strip().lower()
    if not text or len(text) > 24:
        return None
    numeric = _MONTH_NUMERIC.match(text)
    if numeric:
        year = int(numeric.group(1) or numeric.group(4))
        month = int(numeric.group(2) or numeric.group(3))
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 2000 <= year <= 2100 else None
    match = _MONTH_TEXT.match(text)
    if not match or match.group(1) not in MONTHS:
        return None
    year_text = match.group(2)
    if year_text is None:
        if default_year is None:
            return None
        year = default_year
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if not 2000 <= year <= 2100:
        return None
    return f"{year:04d}-{MONTHS[match.group(1)]:02d}"


@dataclass
class Layout:
    """Where the roster's parts are in a sheet (indices into ``RawSheet.rows``), and how
    each was found: the object ``bkbk inspect`` prints."""

    header_index: int  # the (first) header row
    columns: dict[str, int]  # field -> column index in the row lists
    months: dict[str, int]  # YYYY-MM -> column index, in month order
    title: dict[str, str] = field(default_factory=dict)
    duplicate_columns: list[tuple[str, int]] = field(default_factory=list)
    duplicate_months: list[tuple[str, int]] = field(default_factory=list)
    #: title key -> (Excel row, 0-based column) of the first cell of the line that gave it
    title_cells: dict[str, tuple[int, int]] = field(default_factory=dict)
    header_rows: tuple[int, ...] = ()  # every header row (two when headings stand over sub-columns)
    numbered_row: int | None = None  # the "(1) (2) (3)" row under the header, not a participant
    ambiguous: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # column, header text
    #: tick columns: field -> {value the tick means: column}, e.g. kategori ME | PR
    ticks: dict[str, dict[str, int]] = field(default_factory=dict)
    year_source: str | None = None  # "title", "sheet", "header" or "months"
    merged_filled: int = 0  # merged ranges whose value was carried to every cell they cover
    sheet_year: int | None = None

    @property
    def data_start(self) -> int:
        """The first row under the header (and under its numbered row)."""
        last = max(self.header_rows) if self.header_rows else self.header_index
        return (self.numbered_row if self.numbered_row is not None else last) + 1

    @property
    def year(self) -> int | None:
        if "year" in self.title:
            return int(self.title["year"])
        if self.months:
            first = next(iter(self.months))
            return int(first[:4])
        return self.sheet_year


def _score_row(row: list[object]) -> int:
    """How much of a roster header a row names: two points a field, one a month (at most 12)."""
    fields: set[str] = set()
    months = 0
    for v in row:
        if isinstance(v, str):
            if v and len(v) <= 60:
                name, is_month = _text_score(v)
                if name is not None:
                    fields.add(name)
                months += is_month
        elif isinstance(v, dt.date):
            months += 1
    return len(fields) * 2 + min(months, 12)


@lru_cache(maxsize=8192)
def _text_score(text: str) -> tuple[str | None, bool]:
    """The field a header text names and whether it names a month. A usual name is one
    dict lookup; only what is not (and is no "Label : value" title line, distinct in
    every file) is matched on meaning."""
    name = _FIELD_BY_ALIAS.get(fold(text)) or (field_of(text) if ":" not in text else None)
    return name, len(text) <= 24 and month_of(text, 2000) is not None


_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "village_code",
        re.compile(r"kode\s*(?:desa|kel|wilayah)[^:\d]*[:\s]\s*([\d.\s]{10,20})", re.I),
    ),
    (
        "village_name",
        re.compile(r"^\s*(?:nama\s*)?(?:desa\s*/?\s*(?:kelurahan)?|kelurahan)\s*[:]\s*(.+)$", re.I),
    ),
    ("district_name", re.compile(r"^\s*(?:kecamatan|kec\.?)\s*[:]\s*(.+)$", re.I)),
    (
        "regency_name",
        re.compile(r"^\s*(?:kabupaten|kota|kab\.?)\s*(?:/\s*kota)?\s*[:]\s*(.+)$", re.I),
    ),
    ("year", re.compile(r"\btahun\s*(?:anggaran\s*)?(20\d\d)\b", re.I)),
)


#: A title row may hold several labels ("Desa : Brasau" in A3, "Kecamatan : Tungkal Ulu"
#: in F3), each its own line; a label is one of these at the start of a cell. Longest
#: spellings first, so the "Desa" of "Kode Desa" or "Desa/Kelurahan" starts nothing.
_TITLE_LABEL = re.compile(
    r"\b(?:kode\s*(?:desa|kel\w*|wilayah)\w*(?:\s*/\s*kel\w*)?|(?:nama\s*)?desa(?:\s*/\s*kel\w*)?"
    r"|kelurahan|kecamatan|kec\.?|kabupaten(?:\s*/\s*kota)?|kab\.?|kota|provinsi|prov\.?)\s*:",
    re.I,
)


_COLON = re.compile(r"\s*:\s*")
_SPACES = re.compile(r"\s+")


def _title_lines(row: list[object]) -> list[tuple[str, int]]:
    """A title row as lines, each with the index of the cell it starts in."""
    texts, starts, length = [], [], 0
    for col, value in enumerate(row):
        if value in ("", None):
            continue
        text = _COLON.sub(" : ", str(value).strip()).strip()
        if not text:
            continue
        length += 1 if texts else 0
        texts.append(text)
        starts.append((length, col))
        length += len(text)
    if not texts:
        return []
    line = " ".join(texts)
    # only a cell that starts with a label starts a line: "Kepala Desa : ..." is one line
    firsts = {offset for offset, _ in starts}
    cuts = [0]
    if ":" in line:  # every label ends with one
        cuts = sorted({0, *(m.start() for m in _TITLE_LABEL.finditer(line) if m.start() in firsts)})
    lines = []
    for begin, end in zip(cuts, [*cuts[1:], len(line)], strict=True):
        col = next(c for offset, c in reversed(starts) if offset <= begin)
        if line[begin:end].strip():
            lines.append((line[begin:end].strip(), col))
    return lines


def _title_block(
    rows: list[list[object]], cells: dict[str, tuple[int, int]] | None = None
) -> dict[str, str]:
    """The title block's values by key; ``cells`` (if given) gets where each line starts
    (row index, column index in ``rows``), so a finding about the village can point there."""
    title: dict[str, str] = {}
    for index, row in enumerate(rows):
        for line, col in _title_lines(row):
            for key, pattern in _TITLE_PATTERNS:
                if key in title:
                    continue
                match = pattern.search(line)
                if match:
                    title[key] = _SPACES.sub(" ", match.group(1)).strip(" :")
                    if cells is not None:
                        cells[key] = (index, col)
    if "village_code" in title:
        title["village_code"] = _SPACES.sub("", title["village_code"]).strip(".")
    return title


def find_layout(sheet: RawSheet) -> Layout | None:
    """The roster's layout in this sheet, or None when no roster header is found.

    The header is the row among the first ``HEADER_SCAN_ROWS`` that names the most
    roster columns; it must name the NIK and at least two other roster columns
    (month columns count), so an instructions sheet that mentions "NIK" in a
    sentence is not mistaken for a roster. The row above or below it is read with
    it when the two together name more (headings over sub-columns, a header split
    over two rows); see ``read.header_rows``.
    """
    from bkbk_cli.read.header_rows import read_header

    best_index, best_score = -1, 0
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if best_score >= CLEAR_HEADER and index > best_index:
            break  # the rows under a clear header are data
        score = _score_row(row)
        if score > best_score:
            best_index, best_score = index, score
    if best_index < 0:
        return None
    return read_header(sheet, best_index)
