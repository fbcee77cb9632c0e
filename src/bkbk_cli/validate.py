"""The validation pipeline: file paths in, located findings and a summary per file out.

guard (bounded inspection) -> read (calamine) -> layout (header, title, columns)
-> raw roster (``read_rosters``: each stage over a group of files in turn) -> parse
and check all rosters as one table (``batch.check_batch``) -> one ``FileResult`` per
file. Nothing in here prints; the CLI and ``ingest`` both call it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from bkbk_cli import clock, regions
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.findings import (
    SEVERITY_ORDER,
    Finding,
    empty_findings,
)
from bkbk_cli.messages import CATALOGUE, Lang, render
from bkbk_cli.read.guard import inspect_file
from bkbk_cli.read.layout import REQUIRED_FIELDS, Layout, find_layout
from bkbk_cli.read.roster import Prepared, SheetRoster, extract_roster
from bkbk_cli.read.workbook import WorkbookError, iter_sheets
from bkbk_cli.village_id import VillageId, identify_village

if TYPE_CHECKING:
    import pandas as pd

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
SEVERITIES = ("error", "warning", "info")
_SEVERITY_INDEX = {code: SEVERITIES.index(entry.severity) for code, entry in CATALOGUE.items()}

_Job = TypeVar("_Job")
_Done = TypeVar("_Done")


#: The checks, and pandas with them: half a second to import, which reading a large
#: workbook can hide (see ``_import_checks_meanwhile``).
_CHECKS = "bkbk_cli.batch"
_importing: threading.Thread | None = None


def _import_checks_meanwhile() -> None:
    """Start importing the checks in a thread, once, as a sheet is about to be read.

    calamine lets go of the GIL while it reads, so a consolidated province's read
    (seconds) hides the import; the guard before it does not (it holds the GIL).
    """
    global _importing
    if _importing is None and _CHECKS not in sys.modules:

        def load() -> None:
            # a failure is raised where it matters: _checks() imports the module again
            with contextlib.suppress(BaseException):
                importlib.import_module(_CHECKS)

        _importing = threading.Thread(target=load, name="bkbk-import-checks", daemon=True)
        _importing.start()


def _checks() -> ModuleType:
    """The checks module, after any import thread is done: nothing here imports pandas
    while that thread does (two threads importing the same modules can deadlock), and
    no process pool forks in the middle of it."""
    global _importing
    if _importing is not None:
        _importing.join()
        _importing = None
    return importlib.import_module(_CHECKS)


@dataclass
class Options:
    """What the user asked for; every field has the CLI's default."""

    config: Config = field(default_factory=Config)
    sheet: str | None = None
    village: str | None = None
    period: str | None = None
    today: dt.date = field(default_factory=lambda: clock.today())  # one clock for all


class BatchTable:
    """A table checked for a whole batch of files, shared by their results.

    The files of a batch share one table: a process pool's worker sends it back
    once for all of them (pickle keeps one copy of an object referred to many
    times), not as a small DataFrame per file, which costs more to pickle and to
    rebuild than its rows do. Columns asked for as Python values are converted once
    for the whole batch.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._lists: dict[str, list[object]] = {}

    def values(self, name: str) -> list[object]:
        """A column as Python values, None where missing."""
        import pandas as pd

        if name not in self._lists:
            self._lists[name] = [None if pd.isna(v) else v for v in self.frame[name].tolist()]
        return self._lists[name]

    def __getstate__(self) -> dict[str, object]:
        return {"frame": self.frame, "_lists": {}}


@dataclass
class BatchRows:
    """One file's rows of a ``BatchTable``, cut out when first used."""

    table: BatchTable
    start: int
    stop: int
    offset: int = 0  # subtracted from the index: positions local to the file

    def frame(self) -> pd.DataFrame:
        part = self.table.frame.iloc[self.start : self.stop]
        return part.set_axis(part.index - self.offset) if self.offset else part

    def values(self, name: str) -> list[object]:
        return self.table.values(name)[self.start : self.stop]


@dataclass
class FileResult:
    """Everything ``validate`` says about one file (and what ``ingest`` stores)."""

    file: str
    sheet: str | None = None
    village_code: str | None = None
    village_name: str | None = None
    year: int | None = None
    period: str | None = None
    rows_read: int = 0
    # sorted errors first, then by row (see ``sort_findings``); ``findings`` cuts them out
    findings_rows: pd.DataFrame | BatchRows = field(default_factory=empty_findings, repr=False)
    # usable participants with their continuity measures (index: pos, the row's position)
    people_rows: pd.DataFrame | BatchRows | None = field(default=None, repr=False)
    # long form: pos, period, amount_rp
    payments_rows: pd.DataFrame | BatchRows | None = field(default=None, repr=False)
    counts: dict[str, dict[str, int]] | None = None  # per category: enrolled, active
    n_participants: int = 0
    readable: bool = True
    # consolidated rosters: the village code of every row read (index: pos), rejected rows too
    row_villages: pd.Series | None = None
    severity_counts: dict[str, int] | None = None  # known when checked in a batch
    findings_sorted: bool = False
    village: VillageId | None = None  # where the village came from (``village_id``)
    last_month: str | None = None  # the roster's last month column (what the store keeps)

    @property
    def findings(self) -> pd.DataFrame:
        if isinstance(self.findings_rows, BatchRows):
            self.findings_rows = self.findings_rows.frame()
        return self.findings_rows

    @property
    def people(self) -> pd.DataFrame | None:
        if isinstance(self.people_rows, BatchRows):
            self.people_rows = self.people_rows.frame()
        return self.people_rows

    @property
    def payments(self) -> pd.DataFrame | None:
        if isinstance(self.payments_rows, BatchRows):
            self.payments_rows = self.payments_rows.frame()
        return self.payments_rows

    @property
    def participants(self) -> int:
        return self.n_participants

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - self.participants

    def count(self, severity: str) -> int:
        if self.severity_counts is not None:
            return self.severity_counts.get(severity, 0)
        if self.findings.empty:
            return 0
        return int((self.findings["code"].map(lambda c: CATALOGUE[c].severity) == severity).sum())

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    def finding_dicts(self, lang: Lang = "id") -> list[dict[str, object]]:
        """The findings as plain dicts with ``Finding``'s fields in its order, errors first,
        then by row and column: what JSON and CSV output write (no model per finding)."""
        import pandas as pd

        names = ("code", "sheet", "row", "column", "field", "period", "value", "expected")
        rows = self.findings_rows
        if isinstance(rows, BatchRows) and self.findings_sorted:
            columns = {name: rows.values(name) for name in names}
        else:
            frame = self.findings if self.findings_sorted else sort_findings(self.findings)
            columns = {
                name: [None if pd.isna(v) else v for v in frame[name].tolist()] for name in names
            }
        out: list[dict[str, object]] = []
        for code, sheet, row, column, field_, period, value, expected in zip(
            *columns.values(), strict=True
        ):
            row = None if row is None else int(row)
            out.append(
                {
                    "code": code,
                    "severity": CATALOGUE[code].severity,
                    "file": self.file,
                    "sheet": sheet,
                    "row": row,
                    "column": column,
                    "cell": f"{column}{row}" if row is not None and column is not None else None,
                    "field": field_,
                    "period": period,
                    "message": render(code, lang, value=value, expected=expected, period=period),
                }
            )
        return out

    def finding_records(self, lang: Lang = "id") -> list[Finding]:
        """The findings as ``Finding`` records, in the order of ``finding_dicts``."""
        return [Finding.model_construct(**d) for d in self.finding_dicts(lang)]


def sort_findings(findings: pd.DataFrame, by_file: bool = False) -> pd.DataFrame:
    """Errors first, then warnings and info; within each by row, column and period."""
    import pandas as pd

    if "sheet" not in findings:
        findings = findings.assign(sheet=None)
    if findings.empty:
        return findings
    order = findings["code"].map(lambda c: SEVERITY_ORDER[CATALOGUE[c].severity])
    keyed = findings.assign(_sev=order, _row=pd.to_numeric(findings["row"], errors="coerce"))
    keys = ["_sev", "_row", "column", "period"]
    keyed = keyed.sort_values(
        ["file_id", *keys] if by_file else keys, na_position="first", kind="stable"
    )
    return keyed.drop(columns=["_sev", "_row"])


def _file_problem(
    label: str, code: str | None, value: str | None = None, expected=None
) -> FileResult:
    _checks()
    from bkbk_cli.checks import file as file_checks
    from bkbk_cli.checks import sheet as sheet_checks

    if code is None:  # read, but no sheet holds a roster's header
        findings = sheet_checks.header_not_found()
    else:
        findings = file_checks.file_problem(code, value, expected)
    findings = findings.assign(sheet=None)
    return FileResult(file=label, findings_rows=findings, readable=False)


def _choose_sheets(path: Path, fmt: str, options: Options) -> list[tuple[object, Layout]]:
    """Every sheet holding a roster's header (only the one asked for with ``--sheet``)."""
    chosen = []
    for sheet in iter_sheets(path, fmt, options.config.limits, options.sheet):
        layout = find_layout(sheet)
        if layout is not None:
            chosen.append((sheet, layout))
    return chosen


def read_roster(path: Path | str, options: Options, label: str | None = None):
    """Read one file up to its raw roster: a ``Prepared`` roster, or the ``FileResult``
    of a file that cannot be read. Never raises for anything wrong with the file."""
    path = Path(path)
    return read_rosters([path], options, [label or str(path)])[0]


#: Files read together, a stage at a time (see ``read_rosters``): at most this many,
#: and this many bytes on disk, so a folder of large workbooks is still read one by one.
READ_GROUP_FILES = 32
READ_GROUP_BYTES = 4 << 20


def read_rosters(
    paths: Iterable[Path | str], options: Options, labels: list[str] | None = None
) -> list[Prepared | FileResult]:
    """``read_roster`` of many files, in order, in groups read a stage at a time.

    Each stage of a group runs over all its files before the next starts (the guard,
    then calamine and the layout, then the raw rosters, then what each file says of
    itself): the same code over and over stays in the processor's caches, which
    costs a sixth less than taking each file through every stage in turn.
    """
    paths = [Path(p) for p in paths]
    labels = labels or [str(p) for p in paths]
    out: list[Prepared | FileResult] = []
    for start, stop in _groups(paths):
        out.extend(_read_group(paths[start:stop], labels[start:stop], options))
    return out


def _groups(paths: list[Path]) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of each group of ``paths`` (see ``READ_GROUP_FILES``)."""
    start, size = 0, 0
    for i, path in enumerate(paths):
        with contextlib.suppress(OSError):  # the guard says what is wrong with it
            size += os.stat(path).st_size
        if i + 1 - start >= READ_GROUP_FILES or size >= READ_GROUP_BYTES:
            yield start, i + 1
            start, size = i + 1, 0
    if start < len(paths):
        yield start, len(paths)


def _read_group(
    paths: list[Path], labels: list[str], options: Options
) -> list[Prepared | FileResult]:
    done: list[Prepared | FileResult | None] = [None] * len(paths)
    formats: dict[int, str] = {}
    for i, path in enumerate(paths):
        fmt, problem = inspect_file(path, options.config.limits)
        if problem is not None:
            done[i] = _file_problem(labels[i], problem.code, problem.value, problem.expected)
        else:
            formats[i] = fmt or "xlsx"
    if formats:
        _import_checks_meanwhile()
    chosen: dict[int, list[tuple[object, Layout]]] = {}
    for i, fmt in formats.items():
        try:
            sheets = _choose_sheets(paths[i], fmt, options)
        except WorkbookError as exc:
            done[i] = _file_problem(labels[i], exc.code, exc.value, exc.expected)
            continue
        if sheets:
            chosen[i] = sheets
        else:
            done[i] = _file_problem(labels[i], None)
    rosters = {i: read_sheets(sheets) for i, sheets in chosen.items()}
    for i, roster in rosters.items():
        done[i] = _prepare(labels[i], roster, options)
    return done  # type: ignore[return-value]  # every file has its result by now


def read_sheets(chosen: list[tuple[object, Layout]]) -> SheetRoster:
    """The roster of the sheets found: one sheet as it is, or several sheets or blocks put
    together (``read.blocks``)."""
    if len(chosen) == 1:
        roster = extract_roster(*chosen[0])
        if not roster.header_repeated:  # nearly every roster: one sheet, one block
            return roster
    from bkbk_cli.read.blocks import combine, read_pieces

    return combine(read_pieces(chosen))


def _prepare(label: str, roster: SheetRoster, options: Options) -> Prepared:
    """What the file says about itself: village, year, period, header problems."""
    _checks()
    import pandas as pd

    from bkbk_cli.checks import sheet as sheet_checks
    from bkbk_cli.continuity import default_period
    from bkbk_cli.read import cells

    layout = roster.layout
    row_villages = None
    column_codes: set[str] = set()
    if options.village is None and (
        "kode_desa" in layout.columns or roster.pieces_kind == "village"
    ):
        keys, texts = cells.distinct_texts(roster.fields["kode_desa"])
        normalised = np.array(
            [np.nan if t is pd.NA else regions.normalise_village_code(t) or t for t in texts],
            dtype=object,
        )
        column_codes = {c for c in normalised if isinstance(c, str)}
        row_villages = normalised[keys]  # NaN where a row names no village
    village = identify_village(
        option=options.village,
        title=layout.title,
        column_codes=column_codes,
        # a CSV's "sheet" is the file's own name (``read.workbook``): said once, as the file's
        sheet_name=None if roster.sheet == Path(label).stem else roster.sheet,
        file_name=label,
        title_cells=layout.title_cells,
    )
    if roster.pieces_kind == "village":  # a sheet or block per village: each row its own
        village = VillageId(None, None, "column", per_row=True)
    if not village.per_row:
        row_villages = None  # one village named on every row is that village's roster
    village_code, village_name = village.code, village.name

    year = layout.year or options.today.year
    months = roster.months
    last_column = months[-1] if months else None
    period = options.period or default_period(options.today, options.config, last_column)
    preamble = sheet_checks.header_findings(roster, REQUIRED_FIELDS, period, last_column)
    return Prepared(
        label, roster, village_code, village_name, row_villages, year, period, preamble, village
    )


def _bounds(frame: pd.DataFrame, n_files: int) -> np.ndarray:
    """Where each file's rows start in a table sorted by ``file_id`` (and where the last ends)."""
    return np.searchsorted(frame["file_id"].to_numpy(), np.arange(n_files + 1))


def check_prepared(
    prepared: list[Prepared], options: Options, keep_tables: bool = True
) -> list[FileResult]:
    """Check readable rosters together (see ``batch``) and give each file its result."""
    if not prepared:
        return []
    import pandas as pd

    checked = _checks().check_batch(prepared, options.config, options.today, keep_tables)
    n = len(prepared)
    findings = sort_findings(checked.findings, by_file=True)
    severity = findings["code"].map(_SEVERITY_INDEX).to_numpy(dtype=np.int64)
    tallies = np.zeros((n, len(SEVERITIES)), dtype=np.int64)
    np.add.at(tallies, (findings["file_id"].to_numpy(dtype=np.int64), severity), 1)
    tally_rows = tallies.tolist()
    finding_bounds = _bounds(findings, n)
    findings_table = BatchTable(findings.drop(columns="file_id"))
    participants = np.bincount(checked.people["file_id"].to_numpy(), minlength=n)
    people_bounds = _bounds(checked.people, n)
    payment_bounds = _bounds(checked.payments, n)
    people_table = BatchTable(checked.people.drop(columns="file_id")) if keep_tables else None
    payments_table = BatchTable(checked.payments.drop(columns="file_id")) if keep_tables else None
    counts: dict[int, dict[str, dict[str, int]]] = {}
    for fid, kategori, enrolled, active in checked.counts[
        ["file_id", "kategori", "enrolled", "active"]
    ].itertuples(index=False):
        tally = counts.setdefault(int(fid), {k: {"enrolled": 0, "active": 0} for k in KATEGORI})
        if kategori in tally:
            tally[kategori]["enrolled"] += int(enrolled)
            tally[kategori]["active"] += int(active)
    results = []
    for fid, p in enumerate(prepared):
        file_counts = None
        if p.row_villages is None:
            file_counts = counts.get(fid) or {k: {"enrolled": 0, "active": 0} for k in KATEGORI}
        people = payments = None
        if people_table is not None and payments_table is not None:
            start, stop = int(people_bounds[fid]), int(people_bounds[fid + 1])
            people = BatchRows(people_table, start, stop, int(checked.offsets[fid]))
            start, stop = int(payment_bounds[fid]), int(payment_bounds[fid + 1])
            payments = BatchRows(payments_table, start, stop)
        results.append(
            FileResult(
                file=p.label,
                sheet=p.roster.sheet,
                village_code=p.village_code,
                village_name=p.village_name,
                year=p.year,
                period=p.period,
                last_month=p.roster.months[-1] if p.roster.months else None,
                rows_read=p.roster.rows_read,
                findings_rows=BatchRows(
                    findings_table, int(finding_bounds[fid]), int(finding_bounds[fid + 1])
                ),
                people_rows=people,
                n_participants=int(participants[fid]),
                payments_rows=payments,
                counts=file_counts,
                row_villages=None
                if p.row_villages is None
                else pd.Series(p.row_villages, dtype=object),
                severity_counts=dict(zip(SEVERITIES, tally_rows[fid], strict=True)),
                findings_sorted=True,
                village=p.village,
            )
        )
    return results


def validate_files(
    paths: Iterable[Path | str], options: Options | None = None, keep_tables: bool = True
) -> list[FileResult]:
    """Check files in one process, in input order: read each, then check all together."""
    options = options or Options()
    read = read_rosters(paths, options)
    prepared = [r for r in read if isinstance(r, Prepared)]
    checked = iter(check_prepared(prepared, options, keep_tables))
    return [next(checked) if isinstance(r, Prepared) else r for r in read]


def validate_file(
    path: Path | str, options: Options | None = None, label: str | None = None
) -> FileResult:
    """Check one roster file; never raises for anything wrong with the file itself."""
    options = options or Options()
    read = read_roster(path, options, label)
    if isinstance(read, Prepared):
        return check_prepared([read], options)[0]
    return read


def iter_roster_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files as given, and the roster files inside folders (sorted, hidden files skipped)."""
    for given in paths:
        path = Path(given)
        if path.is_dir() and path.suffix.lower() not in SUPPORTED_SUFFIXES:
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith((".", "~$")) for part in child.parts)
                ):
                    yield child
        else:
            yield path


def pool_workers(n_files: int) -> int:
    """Worker processes for ``n_files``: both cores (at most 4) from 16 files on; below
    that, starting a pool costs more than it saves."""
    return min(os.cpu_count() or 1, 4) if n_files >= 16 else 1


def map_chunks(fn: Callable[[_Job], _Done], jobs: list[_Job], workers: int) -> Iterator[_Done]:
    """``fn`` over ``jobs``, results in order as each is ready: in this process for one
    worker, else in a process pool (so the caller can use one result while the workers
    compute the next)."""
    if workers <= 1:
        # not ``yield from map(...)``: a StopIteration escaping ``fn`` (a bug) would end the
        # map as if there were no more files, and the run would report none of them
        for job in jobs:
            yield fn(job)
        return
    from concurrent.futures import ProcessPoolExecutor

    _checks()  # imported once here, before the workers fork, not in each of them

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(fn, jobs)


def _validate_chunk(args: tuple[list[Path], Options, bool]) -> list[FileResult]:
    return validate_files(*args)


def iter_results(
    paths: Iterable[Path | str],
    options: Options | None = None,
    workers: int | None = None,
    keep_tables: bool = True,
    chunk_size: int | None = None,
) -> Iterator[list[FileResult]]:
    """Validate many files (folders expanded) chunk by chunk, yielding each chunk's results
    in input order as soon as it is checked.

    Each chunk is checked as one table, which has a fixed pandas cost, so a folder is
    cut into two chunks per worker process (see ``pool_workers``).
    """
    options = options or Options()
    files = list(iter_roster_paths(paths))
    workers = pool_workers(len(files)) if workers is None else workers
    if chunk_size is None:
        chunk_size = max(8, -(-len(files) // (workers * 2))) if workers > 1 else len(files)
    size = max(1, chunk_size)
    jobs = [(files[i : i + size], options, keep_tables) for i in range(0, len(files), size)]
    yield from map_chunks(_validate_chunk, jobs, workers)


def validate_paths(
    paths: Iterable[Path | str],
    options: Options | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    keep_tables: bool = True,
) -> list[FileResult]:
    """Validate many files (folders expanded), in input order (see ``iter_results``).

    ``progress`` is told how many files each finished chunk held.
    """
    results: list[FileResult] = []
    for done in iter_results(paths, options, workers, keep_tables):
        results.extend(done)
        if progress:
            progress(len(done))
    return results
