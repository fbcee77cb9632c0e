"""The validation pipeline: a file path in, a located list of findings and a summary out.

guard (bounded inspection) -> read (calamine) -> layout (header, title, columns)
-> roster tables -> checks -> findings located at their Excel cells. Nothing in
here prints; the CLI and ``ingest`` both call ``validate_file``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from bkbk_cli import regions
from bkbk_cli.checks.duplicates import check_duplicates
from bkbk_cli.checks.participant import check_fields, check_nik
from bkbk_cli.checks.payments import PaymentGrid, check_payments
from bkbk_cli.checks.village import check_identity, check_quota, quota_counts
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.continuity import (
    Continuity,
    default_period,
    evaluate,
    month_number,
    required_matrix,
)
from bkbk_cli.findings import (
    SEVERITY_ORDER,
    Finding,
    column_letter,
    concat_findings,
    empty_findings,
    make_findings,
)
from bkbk_cli.measures import due_indices, month_axis
from bkbk_cli.messages import CATALOGUE, Lang, render
from bkbk_cli.read.guard import inspect_file
from bkbk_cli.read.layout import REQUIRED_FIELDS, Layout, find_layout
from bkbk_cli.read.roster import SheetRoster, extract_roster
from bkbk_cli.read.workbook import WorkbookError, iter_sheets

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


@dataclass
class Options:
    """What the user asked for; every field has the CLI's default."""

    config: Config = field(default_factory=Config)
    sheet: str | None = None
    village: str | None = None
    period: str | None = None
    today: dt.date = field(default_factory=dt.date.today)


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
    findings: pd.DataFrame = field(default_factory=empty_findings)
    people: pd.DataFrame | None = None  # usable participants with their continuity measures
    payments: pd.DataFrame | None = None  # long form: pos, period, amount_rp
    counts: pd.DataFrame | None = None  # enrolled/active per category (single-village rosters)
    readable: bool = True
    # consolidated rosters: the village code of every row read (index: pos), rejected rows too
    row_villages: pd.Series | None = None

    @property
    def participants(self) -> int:
        return 0 if self.people is None else len(self.people)

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - self.participants

    def count(self, severity: str) -> int:
        if self.findings.empty:
            return 0
        return int((self.findings["code"].map(lambda c: CATALOGUE[c].severity) == severity).sum())

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    def finding_records(self, lang: Lang = "id") -> list[Finding]:
        """The findings as records, errors first, then by row and column."""
        frame = sorted_findings(self.findings)
        out: list[Finding] = []
        for rec in frame.to_dict("records"):
            row = None if pd.isna(rec["row"]) else int(rec["row"])
            column = None if pd.isna(rec["column"]) else str(rec["column"])
            out.append(
                Finding.model_construct(
                    code=rec["code"],
                    severity=CATALOGUE[rec["code"]].severity,
                    file=self.file,
                    sheet=None if pd.isna(rec["sheet"]) else rec["sheet"],
                    row=row,
                    column=column,
                    cell=f"{column}{row}" if row is not None and column is not None else None,
                    field=None if pd.isna(rec["field"]) else rec["field"],
                    period=None if pd.isna(rec["period"]) else rec["period"],
                    message=render(
                        rec["code"],
                        lang,
                        value=None if pd.isna(rec["value"]) else rec["value"],
                        expected=None if pd.isna(rec["expected"]) else rec["expected"],
                        period=None if pd.isna(rec["period"]) else rec["period"],
                    ),
                )
            )
        return out


def sorted_findings(findings: pd.DataFrame) -> pd.DataFrame:
    if findings.empty:
        return (
            findings.assign(sheet=pd.Series(dtype=object)) if "sheet" not in findings else findings
        )
    order = findings["code"].map(lambda c: SEVERITY_ORDER[CATALOGUE[c].severity])
    keyed = findings.assign(_sev=order, _row=pd.to_numeric(findings["row"], errors="coerce"))
    keyed = keyed.sort_values(
        ["_sev", "_row", "column", "period"], na_position="first", kind="stable"
    )
    return keyed.drop(columns=["_sev", "_row"])


def _file_problem(label: str, code: str, value: str | None = None, expected=None) -> FileResult:
    findings = make_findings(code, value=value, expected=expected).assign(sheet=None)
    return FileResult(file=label, findings=findings, readable=False)


def _choose_sheet(path: Path, fmt: str, options: Options) -> tuple[object, Layout] | None:
    for sheet in iter_sheets(path, fmt, options.config.limits, options.sheet):
        layout = find_layout(sheet)
        if layout is not None:
            return sheet, layout
    return None


def validate_file(path: Path | str, options: Options | None = None, label: str | None = None):
    """Check one roster file; never raises for anything wrong with the file itself."""
    options = options or Options()
    path = Path(path)
    label = label or str(path)
    fmt, problem = inspect_file(path, options.config.limits)
    if problem is not None:
        return _file_problem(label, problem.code, problem.value, problem.expected)
    try:
        chosen = _choose_sheet(path, fmt or "xlsx", options)
    except WorkbookError as exc:
        return _file_problem(label, exc.code, exc.value, exc.expected)
    if chosen is None:
        return _file_problem(label, "HEADER_NOT_FOUND")
    sheet, layout = chosen
    roster = extract_roster(sheet, layout, pivot_year=options.today.year)
    return _check_roster(label, roster, options)


def _header_findings(roster: SheetRoster) -> list[pd.DataFrame]:
    layout = roster.layout
    left = column_letter
    found = []
    for name in REQUIRED_FIELDS:
        if name not in layout.columns:
            found.append(make_findings("COLUMN_MISSING", row=roster.header_row, value=name))
    for name, col in layout.duplicate_columns:
        found.append(
            make_findings(
                "COLUMN_DUPLICATE",
                row=roster.header_row,
                column=left(col),
                value=name,
                expected=roster.field_columns.get(name),
            )
        )
    for period, col in layout.duplicate_months:
        found.append(
            make_findings("MONTH_DUPLICATE", row=roster.header_row, column=left(col), period=period)
        )
    if not layout.months:
        found.append(make_findings("MONTHS_MISSING", row=roster.header_row))
    return found


def _check_roster(label: str, roster: SheetRoster, options: Options) -> FileResult:
    config = options.config
    layout = roster.layout
    people = roster.people
    found = [roster.findings, *_header_findings(roster)]

    title = layout.title
    village_code = options.village or title.get("village_code")
    if village_code:
        village_code = regions.normalise_village_code(village_code) or village_code
    village_name = title.get("village_name")
    per_row_villages = "village_code" in people and options.village is None
    if per_row_villages:
        people["village_code"] = people["village_code"].map(
            lambda c: regions.normalise_village_code(c) or c if isinstance(c, str) else c
        )
        distinct = people["village_code"].dropna().unique()
        if len(distinct) <= 1 and (village_code is None or village_code in distinct):
            # one village named on every row is a village roster, not a consolidated one
            village_code = distinct[0] if len(distinct) else village_code
            per_row_villages = False
    if not per_row_villages:
        people["village_code"] = village_code
    if village_name is None and village_code and regions.village(village_code):
        village_name = regions.village(village_code).name  # type: ignore[union-attr]

    year = layout.year or options.today.year
    months = roster.months
    last_column = months[-1] if months else None
    period = options.period or default_period(options.today, config, last_column)
    if last_column and month_number(period) > month_number(last_column):
        found.append(make_findings("PERIOD_BEYOND_ROSTER", period=period, value=last_column))
    if people.empty:
        found.append(make_findings("ROSTER_EMPTY", row=roster.header_row))

    # the month axis: January of the roster year (or the first column) through the period;
    # built by the same functions the reports use, so both evaluate the same months
    axis = month_axis(year, period, months)
    n = len(people)
    raw = np.full((n, axis.size), np.nan)
    invalid = np.zeros((n, axis.size), dtype=bool)
    text = np.full((n, axis.size), None, dtype=object)
    if months:
        where = [axis.index(m) for m in months]
        raw[:, where] = roster.amounts
        invalid[:, where] = roster.amount_invalid
        text[:, where] = roster.amount_text
    grid = PaymentGrid(axis, raw, invalid, text)

    enrolled = people["tanggal_terdaftar"]
    start_idx, enrol_idx, period_idx = due_indices(enrolled, year, axis, period)
    people["start_idx"] = start_idx
    people["enrol_idx"] = enrol_idx
    people["period_idx"] = period_idx

    found.append(check_nik(people, options.today))
    found.append(check_fields(people, config, options.today))
    found.append(check_duplicates(people.assign(file_id=0)))
    after = people["start_idx"] > people["period_idx"]
    if after.any():
        found.append(
            make_findings(
                "TGL_DAFTAR_AFTER_PERIOD",
                pos=pd.Series(people.index[after]),
                row=people["row"][after],
                field="tanggal_terdaftar",
                value=enrolled[after].dt.strftime("%d-%m-%Y"),
                period=period,
            )
        )
    missing_enrol = enrolled.isna() & ~people["tanggal_terdaftar_invalid"]
    if missing_enrol.any():
        found.append(
            make_findings(
                "TGL_DAFTAR_MISSING",
                pos=pd.Series(people.index[missing_enrol]),
                row=people["row"][missing_enrol],
                field="tanggal_terdaftar",
                value=str(year),
            )
        )

    required = required_matrix(config, people["kategori"].reset_index(drop=True), axis)
    amounts = grid.usable_amounts(required)
    result = evaluate(
        people["kategori"],
        people["start_idx"].to_numpy(),
        people["enrol_idx"].to_numpy(),
        people["period_idx"].to_numpy(),
        amounts,
        axis,
        config,
    )
    usable = (
        people["nik"].str.fullmatch(r"\d{16}").fillna(False).astype(bool)
        & people["kategori"].notna()
    )
    usable_arr = usable.to_numpy()
    payment_findings = check_payments(people, grid, result, config.status.lapse_months)
    # arrears and gaps are only meaningful for participants whose record is usable
    if not payment_findings.empty:
        status_codes = payment_findings["code"].isin(
            ["STATUS_MENUNGGAK", "STATUS_NONAKTIF", "IURAN_GAP", "IURAN_UNDERPAID"]
        )
        keep = ~status_codes | usable_arr[payment_findings["pos"].astype(int).to_numpy()]
        payment_findings = payment_findings[keep]
    found.append(payment_findings)

    counts = None
    status = pd.Series(result.people["status"].to_numpy(), index=people.index)
    if per_row_villages:
        for code, group in people[usable].groupby("village_code", dropna=False):
            name = group.get("village_name", pd.Series([None])).iloc[0]
            found.append(_located_village(check_identity(code, name), group))
            found.append(
                _located_village(
                    check_quota(quota_counts(group, status[group.index]), config, period), group
                )
            )
    else:
        found.append(check_identity(village_code, title.get("village_name")))
        counts = quota_counts(people[usable], status[usable])
        if not people.empty:
            found.append(check_quota(counts, config, period))

    findings = _locate(concat_findings(found), roster)
    kept = people[usable].join(result.people[usable_arr].set_index(people.index[usable_arr]))
    payments = _long_payments(people, usable_arr, grid, amounts)
    return FileResult(
        file=label,
        sheet=roster.sheet,
        village_code=None if per_row_villages else village_code,
        village_name=None if per_row_villages else village_name,
        year=year,
        period=period,
        rows_read=roster.rows_read,
        findings=findings,
        people=kept,
        payments=payments,
        counts=counts,
        row_villages=people["village_code"].copy() if per_row_villages else None,
    )


def _located_village(findings: pd.DataFrame, group: pd.DataFrame) -> pd.DataFrame:
    """Village findings of a consolidated roster point at the village's first row."""
    if findings.empty:
        return findings
    return findings.assign(row=int(group["row"].iloc[0]), pos=int(group.index[0]))


def _long_payments(
    people: pd.DataFrame, usable: np.ndarray, grid: PaymentGrid, amounts: np.ndarray
) -> pd.DataFrame:
    rows, cols = np.nonzero(~np.isnan(amounts) & usable[:, None])
    periods = np.array(grid.axis.periods, dtype=object)
    return pd.DataFrame(
        {
            "pos": people.index.to_numpy()[rows],
            "period": periods[cols],
            "amount_rp": amounts[rows, cols],
        }
    )


def _locate(findings: pd.DataFrame, roster: SheetRoster) -> pd.DataFrame:
    """Fill in the Excel column of every finding from the reader's column map."""
    if findings.empty:
        return findings.assign(sheet=pd.Series(dtype=object))
    findings = findings.reset_index(drop=True)
    column = findings["column"].copy()
    need = column.isna() & findings["row"].notna()
    by_field = findings["field"].map(roster.field_columns)
    by_month = findings["period"].map(roster.month_columns)
    is_payment = findings["field"] == "iuran"
    column = column.where(~need, np.where(is_payment, by_month, by_field))
    findings["column"] = column
    findings["sheet"] = roster.sheet
    return findings


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


def _validate_one(args: tuple[Path, Options]) -> FileResult:
    return validate_file(args[0], args[1])


def validate_paths(
    paths: Iterable[Path | str],
    options: Options | None = None,
    workers: int | None = None,
    progress=None,
) -> list[FileResult]:
    """Validate many files, in a process pool when there are many; results in input order."""
    options = options or Options()
    files = list(iter_roster_paths(paths))
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= 16 else 1
    if workers <= 1:
        results = []
        for f in files:
            results.append(validate_file(f, options))
            if progress:
                progress()
        return results
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = []
        for result in pool.map(_validate_one, [(f, options) for f in files], chunksize=8):
            results.append(result)
            if progress:
                progress()
        return results


__all__ = [
    "KATEGORI",
    "Continuity",
    "FileResult",
    "Options",
    "iter_roster_paths",
    "validate_file",
    "validate_paths",
]
