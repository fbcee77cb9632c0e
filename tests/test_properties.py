"""Properties of ``validate`` and ``--annotate`` over rosters hypothesis makes up.

Layouts vary as villages vary them (title block or not, rows above it, column
order, other header names, month styles, a totals row, an instructions sheet,
.xlsx or .csv) and so do cell values (text with control characters, emoji and
zero-width characters, formula-like text, Excel error values, numbers of any
size, dates from year 1 to 9999, blanks). Whatever the roster:

* ``validate_file`` answers and never raises;
* every row read is a participant or a rejected row;
* every finding has a code of the catalogue, and a finding located at a cell
  points inside the sheet;
* the annotated copy always opens, and holds no formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string
from roster_writer import (
    ALTERNATIVE_HEADERS,
    CANONICAL_HEADERS,
    FIELD_KEYS,
    MONTHS_KEY,
    Participant,
    RosterSpec,
    write_roster,
)
from rosters import BADANG, TODAY

from bkbk_cli.config import Limits
from bkbk_cli.messages import CATALOGUE
from bkbk_cli.read.guard import sniff_format
from bkbk_cli.read.workbook import sheet_grid
from bkbk_cli.render.annotate import annotate_workbook
from bkbk_cli.validate import Options, validate_file

OPTIONS = Options(today=TODAY)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: What openpyxl refuses to write in a cell (and Excel escapes as _xHHHH_).
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# --- values as villages type them, and worse ------------------------------------------

TYPED = [
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    "=1+1",
    '=HYPERLINK("http://x","klik")',
    "+62 812 3456",
    "-",
    "@SUM(A1)",
    "'1506011205800003",
    "1.50601E+15",
    "1506011205800003.0",
    "1506 0112 0580 0003",
    "1506-0112-0580-0003",
    "150601120580000",
    "1506011205800003",
    "Rp 16.800",
    "16.800,00",
    "-16800",
    "1e15",
    "00/00/0000",
    "9999-12-31",
    "31-02-1980",
    "12 Mei 1980",
    "Si\u200bti",
    "Petani 🌾",
    "\u202eterbalik",
    "Miskin Ekstrem",
    "Pekerja Rentan",
    "L",
    "P",
    "JUMLAH",
    "Jan 2026",
    " ",
    "",
]
texts = st.one_of(
    st.sampled_from(TYPED),
    st.text(max_size=24),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=6),  # control characters
    st.just("x" * 32_000),
)
numbers = st.one_of(
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 60, 60.5, 16800, -16800, 1e15, 1506011205800003, 2958465]),
)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
cells = st.one_of(st.none(), texts, numbers, dates)
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]


@st.composite
def participants(draw) -> Participant:
    months = draw(st.lists(st.sampled_from(MONTHS), max_size=12, unique=True))
    return Participant(
        nik=draw(st.one_of(st.none(), texts, st.integers(0, 10**17))),
        nama=draw(st.one_of(st.none(), texts)),
        jenis_kelamin=draw(st.one_of(st.none(), texts)),
        tanggal_lahir=draw(st.one_of(st.none(), texts, dates)),
        kategori=draw(st.one_of(st.sampled_from(["Miskin Ekstrem", "Pekerja Rentan"]), cells)),
        pekerjaan=draw(st.one_of(st.none(), texts)),
        no_kpj=draw(st.one_of(st.none(), texts, st.integers(0, 10**12))),
        tanggal_terdaftar=draw(st.one_of(st.none(), texts, dates)),
        payments={m: draw(cells) for m in months},
        no=draw(st.one_of(st.none(), st.integers(-5, 10**6), texts)),
    )


@st.composite
def rosters(draw) -> tuple[RosterSpec, str]:
    fields = list(FIELD_KEYS)
    kept = [f for f in fields if f in ("nik", "nama", "kategori") or draw(st.booleans())]
    order = draw(st.permutations([*kept, MONTHS_KEY]))
    labels = {
        key: draw(st.sampled_from([CANONICAL_HEADERS[key], *ALTERNATIVE_HEADERS[key]]))
        for key in kept
    }
    months = sorted(draw(st.lists(st.sampled_from(MONTHS), max_size=12, unique=True)))
    code, name, district, regency = BADANG
    spec = RosterSpec(
        village_code=code,
        village_name=name,
        district_name=district,
        regency_name=regency,
        year=2026,
        participants=draw(st.lists(participants(), max_size=8)),
        title_block=draw(st.booleans()),
        title_split_cells=draw(st.booleans()),
        merged_title=draw(st.booleans()),
        blank_rows_above=draw(st.integers(0, 3)),
        column_order=order,
        header_labels=labels,
        month_style=draw(st.sampled_from(["short", "long", "dash", "date"])),
        months=months,
        totals_row=draw(st.booleans()),
        instructions_sheet=draw(st.booleans()),
        csv_delimiter=draw(st.sampled_from([",", ";"])),
        csv_bom=draw(st.booleans()),
    )
    return spec, draw(st.sampled_from(["xlsx", "csv"]))


def writable(spec: RosterSpec) -> RosterSpec:
    """The spec with what openpyxl cannot write dropped (the CSV keeps it all)."""

    def clean(value: object) -> object:
        return ILLEGAL.sub("", value) if isinstance(value, str) else value

    for p in spec.participants:
        for name in ("nik", "nama", "jenis_kelamin", "tanggal_lahir", "kategori"):
            setattr(p, name, clean(getattr(p, name)))
        for name in ("pekerjaan", "no_kpj", "tanggal_terdaftar", "no"):
            setattr(p, name, clean(getattr(p, name)))
        p.payments = {m: clean(v) for m, v in p.payments.items()}
    return spec


def sheet_extent(path: Path, sheet: str | None) -> tuple[int, int]:
    """Rows and columns of the roster sheet as the village sees it."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            sample = f.read()
        try:  # as the reader does
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                sample[:8192], delimiters=",;\t"
            )
        except csv.Error:
            dialect = csv.excel
        rows = list(csv.reader(sample.splitlines(), dialect))
        return len(rows), max((len(r) for r in rows), default=0)
    wb = openpyxl.load_workbook(path)  # not read_only: that trusts <dimension>
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return ws.max_row, ws.max_column


# --- the properties ------------------------------------------------------------------


@SETTINGS
@given(rosters())
def test_validate_answers_every_roster_and_accounts_for_every_row(case) -> None:
    spec, fmt = case
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "xlsx":
            spec = writable(spec)
        path = write_roster(spec, Path(tmp) / f"roster.{fmt}")
        result = validate_file(path, OPTIONS)  # never raises

        assert result.rows_read == result.participants + result.rows_rejected
        assert result.rows_rejected >= 0
        records = result.finding_records("en")
        assert all(f.code in CATALOGUE for f in records)
        if not result.readable:
            assert [f.row for f in records] == [None] and result.rows_read == 0
            return
        rows, columns = sheet_extent(path, result.sheet)
        for f in records:
            if f.row is not None:
                assert 1 <= f.row <= max(rows, 1), f
            if f.column is not None:
                assert 1 <= column_index_from_string(f.column) <= max(columns, 1), f
            if f.cell is not None:
                assert f.cell == f"{f.column}{f.row}"

        out = Path(tmp) / "kembali.xlsx"
        grid = None
        if sniff_format(path) != "xlsx":
            grid = sheet_grid(path, sniff_format(path) or "csv", Limits(), result.sheet)
        annotate_workbook(path, result.sheet, records, out, "id", grid)
        copy = openpyxl.load_workbook(out)
        assert "Temuan" in copy.sheetnames
        with zipfile.ZipFile(out) as archive:
            for part in archive.namelist():
                if part.startswith("xl/worksheets/"):
                    data = archive.read(part)
                    assert b"<f>" not in data and b"<f " not in data, part


@SETTINGS
@given(st.lists(st.lists(cells, max_size=12), max_size=20), st.sampled_from([",", ";", "\t"]))
def test_any_csv_is_answered(rows, delimiter) -> None:
    """Not even a roster: any grid of values saved as CSV gets an answer, never a crash."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "apa saja.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter=delimiter).writerows(
                ["" if v is None else str(v) for v in row] for row in rows
            )
        result = validate_file(path, OPTIONS)
        assert result.rows_read == result.participants + result.rows_rejected
        assert all(f.code in CATALOGUE for f in result.finding_records())
