"""Check the rosters of many files as one table.

pandas costs per call, not per row, so the rosters read from many files (or one
consolidated workbook) are concatenated, parsed and checked together: every rule
is one column operation over all participants of all files, and each finding
carries the ``file_id`` of its file. The results are then cut back into one
``FileResult`` per file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from bkbk_cli import regions
from bkbk_cli.checks import sheet as sheet_checks
from bkbk_cli.checks.duplicates import check_duplicates
from bkbk_cli.checks.participant import check_fields, check_nik
from bkbk_cli.checks.payments import USABLE_ONLY, PaymentGrid, check_payments
from bkbk_cli.checks.village import (
    VILLAGELESS_CODES,
    identification_findings,
    identity_problem,
    quota_findings,
)
from bkbk_cli.config import Config
from bkbk_cli.continuity import MonthAxis, due_window, evaluate, month_number, required_matrix
from bkbk_cli.findings import FINDING_COLUMNS, ROSTER_FIELDS, concat_findings
from bkbk_cli.read import cells
from bkbk_cli.read.roster import Preamble, Prepared


@dataclass
class Checked:
    """The batch's tables, in file order (``file_id`` = position in the batch)."""

    findings: pd.DataFrame
    people: pd.DataFrame  # usable participants with their continuity measures (see keep_tables)
    payments: pd.DataFrame  # long form: file_id, pos (row position in its file), period, amount
    counts: pd.DataFrame  # file_id, kategori, enrolled, active (single-village rosters)
    offsets: np.ndarray  # first row position of each file in the batch


def _concat(prepared: list[Prepared], name: str, index: pd.Index) -> pd.Series:
    arrays = [p.roster.fields[name] for p in prepared]
    data = np.concatenate(arrays) if arrays else np.empty(0, dtype=object)
    return pd.Series(data, dtype=object, index=index)


def parse_people(
    prepared: list[Prepared], pivot_year: int, start: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The participants of every roster as one typed table, and the cell-error findings.

    The table's index is each row's position in the batch, from ``start`` (a part of a
    batch checked apart, see ``_rows_in_two``).
    """
    sizes = [p.roster.rows_read for p in prepared]
    index = pd.RangeIndex(start, start + sum(sizes))
    people = pd.DataFrame(
        {
            "file_id": np.repeat(np.arange(len(prepared)), sizes),
            "row": np.concatenate([p.roster.rows for p in prepared]).astype(np.int64)
            if prepared
            else np.empty(0, dtype=np.int64),
        },
        index=index,
    )
    raw = {name: _concat(prepared, name, index) for name in ROSTER_FIELDS}
    errors = sheet_checks.cell_errors(people, raw)

    nik = cells.parse_nik(cells.Column(raw["nik"]))
    people["nik"] = nik["nik"]
    people["nik_missing"] = nik["missing"]
    people["nik_as_number"] = nik["as_number"]
    people["nik_bad_chars"] = nik["bad_chars"]
    people["nik_length"] = nik["length"]
    for name in ("nama", "pekerjaan", "no_kpj"):
        people[name] = cells.Column(raw[name]).text
    # the raw cells of what is parsed: a finding shows the text of the cell it reports
    for name, parser in (
        ("jenis_kelamin", cells.parse_jenis_kelamin),
        ("kategori", cells.parse_kategori),
    ):
        parsed, invalid = parser(raw[name])
        people[name] = parsed
        people[f"{name}_invalid"] = invalid
        people[f"{name}_raw"] = raw[name]
    for name in ("tanggal_lahir", "tanggal_terdaftar"):
        parsed, invalid = cells.parse_dates(raw[name], pivot_year)
        people[name] = parsed
        people[f"{name}_invalid"] = invalid
        people[f"{name}_raw"] = raw[name]

    codes = [
        p.row_villages
        if p.row_villages is not None
        else np.full(len(p.roster.rows), p.village_code)
        for p in prepared
    ]
    people["village_code"] = np.concatenate(codes) if codes else np.empty(0, dtype=object)
    names = [
        p.roster.fields["nama_desa"]
        if p.row_villages is not None
        else np.full(len(p.roster.rows), p.village_name, dtype=object)
        for p in prepared
    ]
    people["village_name"] = np.concatenate(names) if names else np.empty(0, dtype=object)
    return people, errors


def _fold_mark(text: object) -> str:
    return " ".join(str(text).lower().replace(".", " ").split())


def payment_grid(
    prepared: list[Prepared], axis: MonthAxis, sizes: list[int], config: Config | None = None
) -> PaymentGrid:
    """Every roster's month cells placed on one month axis and parsed at once.

    Text that is not an amount may be a payment mark (``config.reading``): a paid mark
    is the month's required contribution, an unpaid one a blank; neither is invalid.
    """
    n = sum(sizes)
    block = np.full((n, axis.size), "", dtype=object)
    start = 0
    for p, size in zip(prepared, sizes, strict=True):
        if p.roster.months and size:
            where = [axis.index(m) for m in p.roster.months]
            block[start : start + size, where] = p.roster.month_cells
        start += size
    flat = pd.Series(block.ravel(), dtype=object)
    values, invalid = cells.parse_amounts(flat)
    shape = (n, axis.size)
    marked = None
    invalid_flat = invalid.to_numpy()
    if invalid_flat.any() and config is not None:
        at = np.flatnonzero(invalid_flat)
        folded = [_fold_mark(v) for v in flat.to_numpy()[at].tolist()]
        paid_marks = {_fold_mark(m) for m in config.reading.paid_marks}
        unpaid_marks = {_fold_mark(m) for m in config.reading.unpaid_marks}
        paid = np.array([f in paid_marks for f in folded], dtype=bool)
        unpaid = np.array([f in unpaid_marks for f in folded], dtype=bool)
        if paid.any() or unpaid.any():
            invalid_flat = invalid_flat.copy()
            invalid_flat[at[paid | unpaid]] = False
            invalid = pd.Series(invalid_flat)
        if paid.any():
            marked = np.zeros(n * axis.size, dtype=bool)
            marked[at[paid]] = True
            marked = marked.reshape(shape)
    text = np.full(n * axis.size, None, dtype=object)
    shown = invalid_flat if marked is None else invalid_flat | marked.ravel()
    if shown.any():  # the text of what is reported: invalid cells, and the marks read
        text[shown] = cells.as_text(flat[shown]).to_numpy()
    return PaymentGrid(
        axis,
        values.to_numpy().reshape(shape),
        invalid_flat.reshape(shape),
        text.reshape(shape),
        marked,
    )


#: A roster of at least this many rows, checked alone (a consolidated province), is
#: checked in two processes: both cores, each on half of its rows.
SPLIT_ROWS = 20_000


def check_batch(
    prepared: list[Prepared],
    config: Config,
    today,
    keep_tables: bool = True,
    split_rows: int | None = None,
) -> Checked:
    """Parse and check every roster in ``prepared`` together.

    First what each participant's own cells tell (``_check_rows``), then what needs the
    whole batch: duplicates, quotas and villages (``_finish``). A single roster of at
    least ``split_rows`` rows (default ``SPLIT_ROWS``) has its rows checked in two
    processes (``_rows_in_two``) when validating; the findings are the same.

    Without ``keep_tables`` (validate: findings only) the participants table keeps its
    ``file_id`` column alone and the payments table is empty: building them costs a
    tenth of a second for a province, for nothing.
    """
    sizes = [p.roster.rows_read for p in prepared]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    numbers = [month_number(m) for p in prepared for m in p.roster.months]
    first = min([p.year * 12 for p in prepared] + numbers)
    last = max([month_number(p.period) for p in prepared] + numbers)
    axis = MonthAxis(first, last - first + 1)
    split_rows = SPLIT_ROWS if split_rows is None else split_rows
    if len(prepared) == 1 and sizes[0] >= split_rows and not keep_tables:
        rows = _rows_in_two(prepared[0], config, today, axis)
    else:
        rows = _check_rows(prepared, config, today, axis)
    return _finish(prepared, rows, config, axis, offsets, keep_tables)


@dataclass
class _Rows:
    """What the participants' own cells tell, for some rows of a batch."""

    people: pd.DataFrame  # index: each row's position in the batch
    before: pd.DataFrame  # findings reported before duplicates: cell errors, NIK, fields
    after: pd.DataFrame  # and after them: enrolment dates, contributions, status
    usable: np.ndarray  # a 16-digit NIK and a category: counted in quotas
    status: np.ndarray  # continuity status at the period
    continuity: pd.DataFrame | None = None  # continuity measures (index as ``people``)
    amounts: np.ndarray | None = None  # usable amounts, participants x months


def _check_rows(
    prepared: list[Prepared],
    config: Config,
    today,
    axis: MonthAxis,
    start: int = 0,
) -> _Rows:
    """The checks of each participant's own cells, for the rows from position ``start``."""
    sizes = [p.roster.rows_read for p in prepared]
    people, cell_errors = parse_people(prepared, today.year, start)
    grid = payment_grid(prepared, axis, sizes, config)

    which = np.repeat(np.arange(len(prepared)), sizes)
    years = np.array([p.year for p in prepared], dtype=np.int64)[which]
    periods = np.array([month_number(p.period) for p in prepared], dtype=np.int64)[which]
    period_text = pd.Series(
        np.array([p.period for p in prepared], dtype=object)[which], index=people.index
    )
    start_idx, enrol_idx, period_idx = due_window(people["tanggal_terdaftar"], years, periods, axis)
    people["start_idx"] = start_idx
    people["enrol_idx"] = enrol_idx
    people["period_idx"] = period_idx

    before = concat_findings(
        [cell_errors, check_nik(people, today), check_fields(people, config, today)]
    )
    found = sheet_checks.enrolment_findings(people, start_idx, period_idx, years, period_text)
    found.append(sheet_checks.mark_findings(people, grid.marked, grid.text, which, axis))

    required = required_matrix(config, people["kategori"], axis)
    amounts = grid.usable_amounts(required)
    result = evaluate(people["kategori"], start_idx, enrol_idx, period_idx, amounts, axis, config)
    # the NIK column holds ASCII digits only (``cells.parse_nik``)
    usable = ((people["nik_length"] == 16) & people["kategori"].notna()).to_numpy()
    payments_found = check_payments(people, grid, result, config.status.lapse_months)
    if len(payments_found):
        # arrears, gaps and underpayment only mean something for usable records
        about_status = payments_found["code"].isin(USABLE_ONLY).to_numpy()
        pos = payments_found["pos"].astype(np.int64).to_numpy()
        payments_found = payments_found[~about_status | usable[pos - start]]
    found.append(payments_found)
    return _Rows(
        people,
        before,
        concat_findings(found),
        usable,
        result.people["status"].to_numpy(),
        result.people.set_axis(people.index),
        amounts,
    )


#: The participants' columns the batch stage reads (``_finish``).
_BATCH_COLUMNS = ["file_id", "row", "nik", "no_kpj", "village_code", "village_name", "kategori"]


def _rows_in_two(p: Prepared, config: Config, today, axis: MonthAxis) -> _Rows:
    """``_check_rows`` of one large roster, its second half in a forked process.

    The child inherits the roster (no copy is sent) and sends back the findings and the
    few columns the batch stage needs. Should the child fail (killed, out of memory),
    its half is checked here: slower, never different.
    """
    from bkbk_cli.forked import ForkedError, run_forked  # multiprocessing: not for every batch

    half = p.roster.rows_read // 2
    first, second = _part(p, 0, half), _part(p, half, p.roster.rows_read)
    pending = run_forked(lambda: _slim(_check_rows([second], config, today, axis, start=half)))
    try:
        mine = _slim(_check_rows([first], config, today, axis))
    except BaseException:
        pending.cancel()  # no child left running after this process ends
        raise
    try:
        theirs = pending()
    except ForkedError:
        theirs = _slim(_check_rows([second], config, today, axis, start=half))
    return _Rows(
        pd.concat([mine.people, theirs.people]),
        concat_findings([mine.before, theirs.before]),
        concat_findings([mine.after, theirs.after]),
        np.concatenate([mine.usable, theirs.usable]),
        np.concatenate([mine.status, theirs.status]),
    )


def _part(p: Prepared, start: int, stop: int) -> Prepared:
    """The rows ``start:stop`` of a roster, as a roster of their own (no preamble)."""
    roster = p.roster
    return replace(
        p,
        roster=replace(
            roster,
            rows=roster.rows[start:stop],
            fields={name: cells_[start:stop] for name, cells_ in roster.fields.items()},
            month_cells=roster.month_cells[start:stop],
        ),
        row_villages=None if p.row_villages is None else p.row_villages[start:stop],
        preamble=[],
    )


def _slim(rows: _Rows) -> _Rows:
    return replace(rows, people=rows.people[_BATCH_COLUMNS], continuity=None, amounts=None)


def _finish(
    prepared: list[Prepared],
    rows: _Rows,
    config: Config,
    axis: MonthAxis,
    offsets: np.ndarray,
    keep_tables: bool,
) -> Checked:
    """What needs the whole batch: duplicates, quotas, villages, and the tables kept."""
    people, usable = rows.people, rows.usable
    file_id = people["file_id"].to_numpy()
    findings = concat_findings([rows.before, check_duplicates(people), rows.after])
    findings["file_id"] = file_id[findings["pos"].astype(np.int64).to_numpy()]
    findings = sheet_checks.merge_marks(findings, people["village_code"].to_numpy(dtype=object))
    preamble = pd.DataFrame(
        [
            (fid, -1, *entry[:7], entry[7] if len(entry) > 7 else None)
            for fid, p in enumerate(prepared)
            for entry in p.preamble
        ],
        columns=[
            "file_id",
            "pos",
            "code",
            "row",
            "column",
            "field",
            "period",
            "value",
            "expected",
            "sheet_at",  # a finding about one of several sheets (``read.blocks``)
        ],
    )
    if preamble["sheet_at"].isna().all():
        preamble = preamble.drop(columns="sheet_at")

    counted = usable & (rows.status != "belum_jatuh_tempo")
    tally = pd.DataFrame(
        {
            "file_id": file_id[counted],
            "village_code": people["village_code"].to_numpy()[counted],
            "kategori": people["kategori"].to_numpy()[counted],
            "active": (rows.status[counted] == "aktif").astype(np.int64),
        }
    )
    counts = (
        tally.groupby(["file_id", "village_code", "kategori"], dropna=False)["active"]
        .agg(enrolled="size", active="sum")
        .reset_index()
    )
    village_found = _village_findings(prepared, people, usable, counts, config)
    findings = concat_findings([findings, preamble, village_found])
    findings = _locate(findings, prepared, offsets)

    if not keep_tables or rows.continuity is None or rows.amounts is None:
        kept = people.loc[usable, ["file_id"]]
        payments = pd.DataFrame({"file_id": np.empty(0, dtype=np.int64)})
        return Checked(findings, kept, payments, counts, offsets)
    kept = people[usable].join(rows.continuity[usable])
    amounts = rows.amounts
    at, cols = np.nonzero(~np.isnan(amounts) & usable[:, None])
    periods_axis = np.array(axis.periods, dtype=object)
    payments = pd.DataFrame(
        {
            "file_id": file_id[at],
            "pos": at - offsets[file_id[at]],
            "period": periods_axis[cols],
            "amount_rp": amounts[at, cols],
        }
    )
    return Checked(findings, kept, payments, counts, offsets)


def _village_findings(
    prepared: list[Prepared],
    people: pd.DataFrame,
    usable: np.ndarray,
    counts: pd.DataFrame,
    config: Config,
) -> pd.DataFrame:
    """Identity (code known, name matches) and quota findings for every village of the batch.

    A single-village roster's village findings have no row; a consolidated roster's
    point at the first row of that village.
    """
    records: list[tuple] = []
    consolidated = {i for i, p in enumerate(prepared) if p.row_villages is not None}
    first_rows: dict[tuple[int, object], tuple[int, int]] = {}
    if consolidated:
        subset = people[people["file_id"].isin(consolidated) & usable]
        firsts = (
            subset.reset_index()
            .groupby(["file_id", "village_code"], dropna=False)[["index", "row", "village_name"]]
            .first()
        )
        for (fid, code), pos, row, name in zip(
            firsts.index,
            firsts["index"].tolist(),
            firsts["row"].tolist(),
            firsts["village_name"].tolist(),
            strict=True,
        ):
            first_rows[(int(fid), code)] = (int(pos), int(row))
            problem = identity_problem(code, name)
            if problem:
                records.append((fid, int(pos), int(row), *problem, None))
    for fid, p in enumerate(prepared):
        if fid in consolidated:
            continue
        named = identification_findings(p.village) if p.village is not None else []
        for code, value, expected, row, column in named:
            records.append((fid, -1, row, code, value, expected, column))
        if any(code in VILLAGELESS_CODES for code, *_ in named):
            continue  # the name's error says why there is no village: not VILLAGE_MISSING too
        problem = identity_problem(p.village_code, p.village_name)
        if problem:
            records.append((fid, -1, None, *problem, None))
    identity = pd.DataFrame(
        records, columns=["file_id", "pos", "row", "code", "value", "expected", "column"]
    ).assign(field=None, period=None)

    periods = {fid: p.period for fid, p in enumerate(prepared)}
    villages = pd.DataFrame(
        [(fid, code, periods[fid]) for fid, code in first_rows]
        + [
            (fid, p.village_code, p.period)
            for fid, p in enumerate(prepared)
            if fid not in consolidated and p.roster.rows_read
        ],
        columns=["file_id", "village_code", "period"],
    )
    quota = quota_findings(villages, counts, config)
    located = [
        first_rows.get((f, c), (-1, None))
        for f, c in zip(quota["file_id"], quota["village_code"], strict=True)
    ]
    quota = quota.assign(pos=[p for p, _ in located], row=[r for _, r in located])
    quota = quota.drop(columns=["village_code"])
    return concat_findings([identity, quota])


def _sheets(findings: pd.DataFrame, prepared: list[Prepared], offsets: np.ndarray) -> np.ndarray:
    """Each finding's sheet: its file's, or its row's where a roster spans several sheets."""
    file_id = findings["file_id"].to_numpy()
    sheets = np.array([p.roster.sheet for p in prepared], dtype=object)[file_id]
    pos = findings["pos"].astype(np.int64).to_numpy()
    for fid, p in enumerate(prepared):
        if p.roster.row_sheets is not None:
            at = (file_id == fid) & (pos >= 0)
            sheets[at] = p.roster.row_sheets[pos[at] - offsets[fid]]
    if "sheet_at" in findings:
        given = findings["sheet_at"].notna().to_numpy()
        sheets[given] = findings["sheet_at"].to_numpy(dtype=object)[given]
    return sheets


def _locate(findings: pd.DataFrame, prepared: list[Prepared], offsets: np.ndarray) -> pd.DataFrame:
    """Excel column and sheet of every finding, from each file's column map (each sheet's,
    for a roster of several); ``pos`` made local to its file."""
    findings = findings.reset_index(drop=True)
    if findings.empty:
        return findings.assign(sheet=pd.Series(dtype=object), file_id=pd.Series(dtype=np.int64))
    sheets = _sheets(findings, prepared, offsets)
    need = np.flatnonzero((findings["column"].isna() & findings["row"].notna()).to_numpy())
    if len(need):  # a few thousand findings at most: looked up one by one
        fields, months = {}, {}
        for i, p in enumerate(prepared):
            for piece in p.roster.pieces:
                fields.update(((i, piece.sheet, k), c) for k, c in piece.field_columns.items())
                months.update(((i, piece.sheet, m), c) for m, c in piece.month_columns.items())
            fields.update(((i, None, name), c) for name, c in p.roster.field_columns.items())
            months.update(((i, None, month), c) for month, c in p.roster.month_columns.items())
        letters = [
            (months.get((fid, sheet, period)) or months.get((fid, None, period)))
            if field == "iuran"
            else (fields.get((fid, sheet, field)) or fields.get((fid, None, field)))
            for fid, sheet, field, period in zip(
                findings["file_id"].to_numpy()[need].tolist(),
                sheets[need].tolist(),
                findings["field"].to_numpy(dtype=object)[need].tolist(),
                findings["period"].to_numpy(dtype=object)[need].tolist(),
                strict=True,
            )
        ]
        column = findings["column"].to_numpy(dtype=object).copy()
        column[need] = letters
        findings["column"] = column
    findings["sheet"] = sheets
    pos = findings["pos"].astype(np.int64).to_numpy()
    findings["pos"] = np.where(pos >= 0, pos - offsets[findings["file_id"].to_numpy()], -1)
    return findings[[*FINDING_COLUMNS, "sheet", "file_id"]]


__all__ = ["Checked", "Preamble", "Prepared", "check_batch", "regions"]
