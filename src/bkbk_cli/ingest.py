"""Record checked rosters in the store: ``bkbk ingest``.

Each file is checked exactly as ``bkbk validate`` checks it (``validate_files``,
chunk by chunk; with many files in a pool of worker processes, which also turn
each file's tables into the rows to store), then written in one transaction, in
order, while the workers check the next chunks:

- every row is accounted for: rows read = participants stored + rows rejected;
  a rejected row (no valid NIK, no category) keeps its findings;
- a file that cannot be read becomes a ``failed`` submission and nothing else;
- the same content (SHA-256 of the file's bytes) already stored for the same
  village and roster year changes nothing (``unchanged``), whichever submission
  of that village it was;
- another roster for a village and year is stored and replaces the previous one
  in reports (``replaced``); the previous one stays as history;
- a consolidated roster whose rows name their own villages becomes one
  submission per village (same file, same hash);
- ``dry_run`` says what would happen without writing anything.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from bkbk_cli.store import Batch, Store, SubmissionRow
from bkbk_cli.validate import BatchRows
from bkbk_cli.words import word

if TYPE_CHECKING:
    import pandas as pd

    from bkbk_cli.validate import FileResult, Options

    Rows = pd.DataFrame | BatchRows  # a file's rows of a checks' table

Status = Literal["stored", "replaced", "unchanged", "failed"]

#: At most this many files are checked together (a chunk, in a process pool when many)
#: before their rows are written; at least ``CHUNK_MIN`` when a pool is used.
CHUNK = 200
CHUNK_MIN = 32
#: Files written in one transaction: a commit costs about half a millisecond, 0.7 s for a
#: province one file at a time. A run that fails or is interrupted loses the group it
#: was writing, never part of a file, and reports no file it did not store.
TRANSACTION_FILES = 64


@dataclass
class IngestOutcome:
    """What happened to one roster (one village's part of a consolidated roster)."""

    file: str
    status: Status
    village_code: str | None = None
    village_name: str | None = None
    year: int | None = None
    period: str | None = None
    rows_read: int = 0
    participants: int = 0
    rows_rejected: int = 0
    errors: int = 0
    warnings: int = 0
    submission_id: int | None = None  # the new submission, or the one already holding the file
    replaces: int | None = None  # the submission it replaces in reports
    already_stored: bool = False  # a failed file whose content already failed before
    dry_run: bool = False
    failure_code: str | None = None
    failure_value: str | None = None
    failure_expected: str | None = None
    no_village: bool = False  # readable, but no village: not stored as a roster (see reports)

    def failure_message(self, lang: str = "id") -> str | None:
        if self.failure_code is None:
            return None
        from bkbk_cli.messages import render

        return render(
            self.failure_code,
            "en" if lang == "en" else "id",
            value=self.failure_value,
            expected=self.failure_expected,
        )


@dataclass
class _Part:
    """One submission to be: a village's share of a file."""

    batch: Batch
    outcome: IngestOutcome


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read at all."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def outcome_line(outcome: IngestOutcome, lang: str = "id") -> str:
    """One line per submission, for people and cron logs alike."""

    def w(key: str, **kwargs: object) -> str:
        return word(f"ingest.{key}", lang, **kwargs)

    status = (w("would") if outcome.dry_run else "") + w(outcome.status)
    if outcome.status == "failed":
        note = f" ({w('again', id=outcome.submission_id)})" if outcome.already_stored else ""
        if outcome.no_village:
            note = f" ({w('no_village_rows', n=outcome.rows_read)}){note}"
        return f"{status}: {outcome.file}: {outcome.failure_message(lang)}{note}"
    village = (
        f"{outcome.village_code} {outcome.village_name or ''}".strip()
        if outcome.village_code
        else w("no_village")
    )
    parts = [
        f"{status}: {outcome.file}",
        f"{village} {outcome.year or ''}".strip(),
        w(
            "rows",
            read=outcome.rows_read,
            ok=outcome.participants,
            rejected=outcome.rows_rejected,
        ),
        w("counts", e=outcome.errors, w=outcome.warnings),
    ]
    if outcome.status == "replaced" and outcome.replaces is not None:
        parts.append(w("replaces", id=outcome.replaces))
    if outcome.status == "unchanged" and outcome.submission_id is not None:
        parts.append(w("same", id=outcome.submission_id))
    return "; ".join(parts)


def summary_line(outcomes: list[IngestOutcome], files: int, lang: str = "id") -> str:
    """The line an ingest ends with: files, rosters per outcome, and the rows of the rosters
    stored (stored + replaced: unchanged ones were stored before and not read again)."""
    counts = {s: sum(o.status == s for o in outcomes) for s in ("stored", "replaced")}
    counts |= {s: sum(o.status == s for o in outcomes) for s in ("unchanged", "failed")}
    new = [o for o in outcomes if o.status in ("stored", "replaced")]
    rosters = "" if len(outcomes) == files else word("ingest.rosters", lang, n=len(outcomes))
    dry = bool(outcomes) and all(o.dry_run for o in outcomes)
    return (word("ingest.would", lang) if dry else "") + word(
        "ingest.summary",
        lang,
        files=files,
        rosters=rosters,
        **counts,
        read=sum(o.rows_read for o in new),
        ok=sum(o.participants for o in new),
        rejected=sum(o.rows_rejected for o in new),
    )


# ----------------------------------------------------------------------- preparing


def _none(value: object) -> object:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


#: Each batch table's columns (and index) as numpy arrays, taken once per batch: the
#: 200 files of a chunk share one table (``validate.BatchRows``), and a pandas column
#: access (15-20 us) or a DataFrame cut out per file cost more than a file's rows take
#: to convert.
_BATCH_ARRAYS: weakref.WeakKeyDictionary[object, dict[str, np.ndarray | None]] = (
    weakref.WeakKeyDictionary()
)
_INDEX = "\0index"  # the table's index in _BATCH_ARRAYS: never a column name


def _whole(rows: BatchRows, name: str) -> np.ndarray | None:
    arrays = _BATCH_ARRAYS.setdefault(rows.table, {})
    if name not in arrays:
        frame = rows.table.frame
        if name == _INDEX:
            arrays[name] = frame.index.to_numpy(dtype="int64")
        else:
            arrays[name] = frame[name].to_numpy() if name in frame else None
    return arrays[name]


def _array(rows: Rows, name: str) -> np.ndarray | None:
    """A column of one file's rows as a numpy array; None if the table has no such column."""
    if isinstance(rows, BatchRows):
        whole = _whole(rows, name)
        return None if whole is None else whole[rows.start : rows.stop]
    return rows[name].to_numpy() if name in rows else None


def _length(rows: Rows) -> int:
    return rows.stop - rows.start if isinstance(rows, BatchRows) else len(rows)


def _positions(rows: Rows) -> np.ndarray:
    """Each row's position in its file (the checks' people tables are indexed by it)."""
    if isinstance(rows, BatchRows):
        index = _whole(rows, _INDEX)
        assert index is not None
        return index[rows.start : rows.stop] - rows.offset
    return rows.index.to_numpy(dtype="int64")


def _python(values: list[object]) -> list[object]:
    """None for every kind of missing value: ``v != v`` is true for NaN and NaT only, and
    ``pd.NA`` is tested first because comparing it gives no truth value (``pd.isna`` per
    value costs several times this)."""
    import pandas as pd

    na = pd.NA
    return [None if v is None or v is na or v != v else v for v in values]


def _column(rows: Rows, name: str) -> list[object]:
    """A column as plain Python values, None for every kind of missing value.

    Rows are turned into tuples in Python because each file is small: a pandas
    call per file costs more than the loop (ingest of 1,585 villages spent 19 s
    in per-file ``where``/``to_dict``).
    """
    values = _array(rows, name)
    return [None] * _length(rows) if values is None else _python(values.tolist())


def _dates(rows: Rows, name: str) -> list[object]:
    """A date column as ``datetime.date`` (the record model's type), None when missing."""
    values = _array(rows, name)
    if values is None:
        return [None] * _length(rows)
    if values.dtype.kind == "M":  # the checks' datetime64 columns
        # whole days as numpy dates: tolist() gives datetime.date, and None for NaT
        return values.astype("datetime64[D]").tolist()
    return [v.date() if hasattr(v, "date") else v for v in _python(values.tolist())]


def _people_columns(people: Rows, village_code: str | None) -> list[list[object]]:
    """The participant record's fields of one village's usable rows, column by column;
    ``village_code`` is the submission's (a consolidated roster's rows name their own
    village, already grouped by it)."""
    from bkbk_cli.records import PARTICIPANT_FIELDS

    return [
        [village_code] * _length(people)
        if name == "village_code"
        else _dates(people, name)
        if name in _DATE_FIELDS
        else _column(people, name)
        for name in PARTICIPANT_FIELDS
    ]


def _participant_tuples(columns: list[list[object]]) -> list[tuple]:
    """Participants (``_people_columns``) validated through the record model (one adapter
    call), as rows.

    The rows go to the adapter as tuples and come back as tuples
    (``records.participant_rows_adapter``): no dict and no model instance per person.
    """
    from bkbk_cli.records import PARTICIPANT_FIELDS, participant_rows_adapter

    records = participant_rows_adapter().validate_python(list(zip(*columns, strict=True)))
    if not records:
        return []
    checked: list[Iterable[object]] = list(zip(*records, strict=True))
    for i, name in enumerate(PARTICIPANT_FIELDS):
        if name in _DATE_FIELDS:
            checked[i] = [None if day is None else day.isoformat() for day in checked[i]]
    return list(zip(*checked, strict=True))


_DATE_FIELDS = frozenset({"tanggal_lahir", "tanggal_terdaftar"})


_FINDING_FIELDS = ("code", "sheet", "row", "column", "field", "period", "value", "expected")


def _finding_tuples(findings: Rows) -> list[tuple]:
    """Findings as store rows (severity from the catalogue, row as int, value and expected
    as text), None for every kind of missing value."""
    from bkbk_cli.messages import CATALOGUE

    if not _length(findings):
        return []
    columns = [_column(findings, name) for name in _FINDING_FIELDS]
    return [
        (
            code,
            CATALOGUE[code].severity,
            sheet,
            None if row is None else int(row),
            column,
            field,
            period,
            None if value is None else str(value),
            None if expected is None else str(expected),
        )
        for code, sheet, row, column, field, period, value, expected in zip(*columns, strict=True)
    ]


def _severity_counts(findings: pd.DataFrame) -> tuple[int, int]:
    from bkbk_cli.messages import CATALOGUE

    severities = [CATALOGUE[c].severity for c in findings["code"].tolist()] if len(findings) else []
    return severities.count("error"), severities.count("warning")


def _payment_rows(people: Rows, payments: Rows) -> list[tuple]:
    """The payments of ``people`` as store rows (``store.encode_payments``), by Excel row.

    Payments name their participant by position (``pos``, the index of ``people``).
    """
    from bkbk_cli.store import encode_payments

    pos = _array(payments, "pos")
    if pos is None or not len(pos):
        return []
    pos = pos.astype(np.int64)
    index = _positions(people)
    row_at = np.full(max(int(index.max(initial=-1)), int(pos.max())) + 1, -1, dtype=np.int64)
    row_at[index] = _array(people, "row")
    rows = row_at[pos]
    if (pos < 0).any() or (rows < 0).any():
        raise ValueError("a payment of a row that is not a stored participant")
    periods, amounts = _array(payments, "period"), _array(payments, "amount_rp")
    assert periods is not None and amounts is not None
    return encode_payments(rows, periods.tolist(), amounts.astype(np.float64))


def _failed_part(result: FileResult, sha: str | None) -> _Part:
    first = result.findings.iloc[0] if len(result.findings) else None
    code = None if first is None else str(first["code"])
    value = None if first is None else _none(first["value"])
    expected = None if first is None else _none(first["expected"])
    errors, warnings = _severity_counts(result.findings)
    submission = SubmissionRow(
        file_name=result.file,
        sha256=sha,
        village_code=None,
        village_name=None,
        year=None,
        period=None,
        sheet=None,
        status="failed",
        errors=errors,
        warnings=warnings,
        failure_code=code,
        failure_value=None if value is None else str(value),
        failure_expected=None if expected is None else str(expected),
    )
    outcome = IngestOutcome(
        file=result.file,
        status="failed",
        errors=errors,
        warnings=warnings,
        failure_code=code,
        failure_value=None if value is None else str(value),
        failure_expected=None if expected is None else str(expected),
    )
    return _Part(Batch(submission), outcome)


def _villageless_part(
    result: FileResult,
    sha: str | None,
    code: str | None,
    name: object,
    rows_read: int,
    finding_rows: list[tuple],
) -> _Part:
    """A roster (or a consolidated roster's rows) whose village cannot be determined: not
    stored as a roster, which no report would show, but as a failed submission with the
    reason, its year and its findings, so reports list it ("roster tanpa desa")."""
    from bkbk_cli.checks.village import villageless_reason

    failure = villageless_reason([(f[0], f[7], f[8]) for f in finding_rows], code)
    severities = [f[1] for f in finding_rows]
    errors, warnings = severities.count("error"), severities.count("warning")
    found = result.village
    if name is None and found is not None and found.source == "title name":
        name = found.given  # the name the title block gave
    given = None if name is None else str(name)
    submission = SubmissionRow(
        file_name=result.file,
        sha256=sha,
        village_code=None,
        village_name=given,
        year=result.year,
        period=result.period,
        sheet=result.sheet,
        status="failed",
        rows_read=rows_read,
        participants=0,
        rows_rejected=rows_read,
        errors=errors,
        warnings=warnings,
        failure_code=failure[0],
        failure_value=failure[1],
        failure_expected=failure[2],
    )
    outcome = IngestOutcome(
        file=result.file,
        status="failed",
        village_name=given,
        year=result.year,
        period=result.period,
        rows_read=rows_read,
        rows_rejected=rows_read,
        errors=errors,
        warnings=warnings,
        failure_code=failure[0],
        failure_value=failure[1],
        failure_expected=failure[2],
        no_village=True,
    )
    return _Part(Batch(submission, findings=finding_rows), outcome)


def _village_groups(result: FileResult) -> Iterator[tuple[str | None, object]]:
    """(village code, positions of the rows read) per village of the file."""
    import pandas as pd

    if result.row_villages is None:
        yield result.village_code, None
        return
    codes = result.row_villages.astype(object).where(result.row_villages.notna(), None)
    codes = codes.map(lambda c: c if c else None)
    for code, group in codes.groupby(codes.fillna(""), sort=True):
        yield (str(code) or None), pd.Index(group.index)


def _parts(result: FileResult, sha: str | None) -> list[_Part]:
    """The submissions one readable file makes: one, or one per village it names."""
    from bkbk_cli import regions

    parts = []
    for code, positions in _village_groups(result):
        mine_people: Rows | None
        mine_payments: Rows | None
        mine_findings: Rows
        if positions is None:  # as the checks left them: no DataFrame cut out per file
            mine_people, mine_payments = result.people_rows, result.payments_rows
            mine_findings = result.findings_rows
            rows_read, name = result.rows_read, result.village_name
        else:
            people, payments, findings = result.people, result.payments, result.findings
            assert people is not None and payments is not None
            pos = findings["pos"].fillna(-1).astype(int) if len(findings) else findings["pos"]
            mine_people = people[people.index.isin(positions)]
            mine_payments = payments[payments["pos"].isin(positions)]
            mine_findings = findings[pos.isin(positions) | (pos < 0)] if len(findings) else findings
            rows_read = len(positions)
            place = regions.village(code) if code else None
            name = None
            if "village_name" in mine_people and len(mine_people):
                name = _none(mine_people["village_name"].iloc[0])
            name = name or (place.name if place else None)
        assert mine_people is not None and mine_payments is not None
        kept = _length(mine_people)
        finding_rows = _finding_tuples(mine_findings)
        severities = [f[1] for f in finding_rows]
        errors, warnings = severities.count("error"), severities.count("warning")
        if code is None or regions.village(code) is None:
            # no report would show it: a failed submission saying why, not a roster
            parts.append(_villageless_part(result, sha, code, name, rows_read, finding_rows))
            continue
        submission = SubmissionRow(
            file_name=result.file,
            sha256=sha,
            village_code=code,
            village_name=name,
            year=result.year,
            period=result.period,
            sheet=result.sheet,
            status="ok",
            last_month=result.last_month,
            rows_read=rows_read,
            participants=kept,
            rows_rejected=rows_read - kept,
            errors=errors,
            warnings=warnings,
        )
        batch = Batch(
            submission,
            participants=_participant_tuples(_people_columns(mine_people, code)),
            payments=_payment_rows(mine_people, mine_payments),
            findings=finding_rows,
        )
        outcome = IngestOutcome(
            file=result.file,
            status="stored",
            village_code=code,
            village_name=name,
            year=result.year,
            period=result.period,
            rows_read=rows_read,
            participants=kept,
            rows_rejected=rows_read - kept,
            errors=errors,
            warnings=warnings,
        )
        parts.append(_Part(batch, outcome))
    return parts


def prepare(result: FileResult, sha: str | None) -> list[_Part]:
    return _parts(result, sha) if result.readable else [_failed_part(result, sha)]


# ----------------------------------------------------------------------- checking


@dataclass
class _Broken:
    """A file whose rows could not be prepared (a bug: e.g. the record model refused a row
    the checks kept): raised again when ingest reaches that file, so every file before it
    is stored as it would have been."""

    error: Exception


def _check_chunk(job: tuple[list[Path], list[str | None], Options]) -> list[list[_Part] | _Broken]:
    """Check a chunk of files as ``validate`` does (``validate_files``) and prepare their rows.

    Runs in a pool worker: what goes back to the ingesting process is store-ready tuples,
    not the checks' tables. Pickling a province's tables and unpickling them in the one
    process that writes the store cost more CPU (5 s) than preparing the rows (2 s),
    and that process is the pipeline's narrowest part.
    """
    from bkbk_cli.validate import validate_files

    paths, hashes, options = job
    done: list[list[_Part] | _Broken] = []
    for result, sha in zip(validate_files(paths, options), hashes, strict=True):
        try:
            done.append(prepare(result, sha))
        except Exception as exc:  # a bug, not a bad file: stop here, report it in order
            done.append(_Broken(exc))
            break
    return done


def _chunk_size(files: int, workers: int) -> int:
    """Files per chunk: about four chunks per worker, between ``CHUNK_MIN`` and ``CHUNK``.

    Every chunk costs the checks a fixed amount of pandas work, so fewer, larger
    chunks are cheaper; four per worker keep both cores busy to the end, and the
    first chunk small enough that storing starts early.
    """
    if workers <= 1:
        return max(1, min(CHUNK, files))
    return max(CHUNK_MIN, min(CHUNK, -(-files // (workers * 4))))


def _checked(
    files: list[Path], hashes: list[str | None], options: Options
) -> Iterator[list[_Part]]:
    """Each file's prepared submissions, in order, checked chunk by chunk (in a process pool
    when there are many files), so this process stores one chunk while the workers check
    the next ones."""
    from bkbk_cli.validate import map_chunks, pool_workers

    workers = pool_workers(len(files))
    size = _chunk_size(len(files), workers)
    jobs = [
        (files[i : i + size], hashes[i : i + size], options) for i in range(0, len(files), size)
    ]
    yield from _raising(map_chunks(_check_chunk, jobs, workers))


def _raising(chunks: Iterable[list[list[_Part] | _Broken]]) -> Iterator[list[_Part]]:
    for chunk in chunks:
        for parts in chunk:
            if isinstance(parts, _Broken):
                raise parts.error
            yield parts


# ------------------------------------------------------------------------ writing


class _Plan:
    """What a dry run has 'stored' so far, so that later files in the batch see it."""

    def __init__(self) -> None:
        self.contents: set[tuple] = set()
        self.latest: set[tuple] = set()


def _decide(store: Store, part: _Part, plan: _Plan | None) -> None:
    """Set the outcome's status: unchanged, replaced or stored (failed stays failed)."""
    sub, outcome = part.batch.submission, part.outcome
    key = (sub.village_code, sub.year)
    content = (sub.sha256, sub.status, *key)
    existing = store.same_content_id(sub.sha256, sub.village_code, sub.year, sub.status)
    planned = plan is not None and sub.sha256 is not None and content in plan.contents
    if sub.status == "failed":
        outcome.already_stored = existing is not None or planned
        outcome.submission_id = existing
        return
    if existing is not None or planned:
        outcome.status = "unchanged"
        outcome.submission_id = existing
        return
    previous = store.latest_id(*key) if sub.village_code else None
    if previous is not None or (plan is not None and sub.village_code and key in plan.latest):
        outcome.status = "replaced"
        outcome.replaces = previous
        sub.replaces = previous


def _write(store: Store, parts: list[_Part]) -> None:
    """All of one file's submissions in one transaction."""
    with store.transaction():
        _insert(store, parts)


def _insert(store: Store, parts: list[_Part]) -> None:
    """One file's submissions, inside the caller's transaction."""
    for part in parts:
        _decide(store, part, None)
        if part.outcome.status == "unchanged" or part.outcome.already_stored:
            continue
        part.outcome.submission_id = store.insert(part.batch)


def _simulate(store: Store, parts: list[_Part], plan: _Plan) -> None:
    for part in parts:
        _decide(store, part, plan)
        part.outcome.dry_run = True
        sub = part.batch.submission
        if sub.sha256 is not None:
            plan.contents.add((sub.sha256, sub.status, sub.village_code, sub.year))
        if sub.status == "ok" and sub.village_code:
            plan.latest.add((sub.village_code, sub.year))


def _record(store: Store, parts: list[_Part], dry_run: bool, plan: _Plan | None) -> None:
    if dry_run:
        _simulate(store, parts, plan or _Plan())
    else:
        _write(store, parts)


def ingest_file(
    path: Path | str,
    store: Store,
    options: Options | None = None,
    dry_run: bool = False,
    *,
    result: FileResult | None = None,
    sha: str | None = None,
    plan: _Plan | None = None,
) -> list[IngestOutcome]:
    """Check one file and record it (or, with ``dry_run``, say what would be recorded)."""
    from bkbk_cli.validate import Options, validate_file

    path = Path(path)
    if sha is None:
        sha = file_sha256(path)
    if result is None:
        result = validate_file(path, options or Options())
    parts = prepare(result, sha)
    _record(store, parts, dry_run, plan)
    return [p.outcome for p in parts]


def ingest_paths(
    paths: Iterable[Path | str],
    store: Store,
    options: Options | None = None,
    dry_run: bool = False,
    on_outcomes: Callable[[list[IngestOutcome]], None] | None = None,
) -> list[IngestOutcome]:
    """Ingest files and the rosters inside folders, in order; one outcome per submission.

    ``on_outcomes`` is told each file's outcomes as soon as the file is stored, so a
    long run can be followed (and its log kept) while it goes. Files are stored
    ``TRANSACTION_FILES`` at a time, each group in one transaction: an interrupted run
    keeps the groups before, and reports no file of the group it was writing.
    """
    from bkbk_cli.validate import Options, iter_roster_paths

    options = options or Options()
    files = list(iter_roster_paths(paths))
    hashes = [file_sha256(f) for f in files]
    # content already stored needs no second reading: a nightly run over an inbox of
    # mostly old files only reads the new ones; but --village gives the same bytes another
    # village (a roster stored under a wrong code, corrected), so then every file is read
    known = [
        None if options.village else already_stored(store, str(f), sha)
        for f, sha in zip(files, hashes, strict=True)
    ]
    todo = [(f, sha) for f, sha, k in zip(files, hashes, known, strict=True) if k is None]
    checked = _checked([f for f, _ in todo], [sha for _, sha in todo], options)
    plan = _Plan()
    outcomes: list[IngestOutcome] = []
    try:
        for start in range(0, len(known), TRANSACTION_FILES):
            # the group's files are checked first, so the store is not locked while
            # the workers check; a bug checking a file stops the run after the files
            # before it are stored
            known_done: dict[int, list[IngestOutcome]] = {}
            checked_parts: dict[int, list[_Part]] = {}
            failure: Exception | None = None
            group = known[start : start + TRANSACTION_FILES]
            for i, stored in enumerate(group):
                if stored is not None:
                    for outcome in stored:
                        outcome.dry_run = dry_run
                    known_done[i] = stored
                    continue
                try:
                    checked_parts[i] = next(checked)
                except Exception as exc:
                    failure = exc
                    break
            if dry_run:
                for parts in checked_parts.values():
                    _simulate(store, parts, plan)
            elif checked_parts:
                with store.transaction():
                    for parts in checked_parts.values():
                        _insert(store, parts)
            for i in sorted({*known_done, *checked_parts}):
                done = known_done.get(i) or [p.outcome for p in checked_parts.get(i, [])]
                outcomes += done
                if on_outcomes:
                    on_outcomes(done)
            if failure is not None:
                raise failure
    finally:
        checked.close()  # stopped part way: chunks not yet started are not checked
    return outcomes


def already_stored(store: Store, file: str, sha: str | None) -> list[IngestOutcome] | None:
    """``unchanged`` outcomes if this content is already stored as a readable roster, else None.

    The same bytes give the same village and year, so the hash alone finds the
    submissions (one per village of a consolidated roster) it was stored as.
    """
    if sha is None:
        return None
    rows = store.query(
        "SELECT MIN(id), village_code, village_name, year, period, rows_read, participants, "
        "rows_rejected, errors, warnings FROM submissions WHERE sha256 = ? AND status = 'ok' "
        "GROUP BY village_code, year ORDER BY village_code",
        [sha],
    )
    if not rows:
        return None
    return [
        IngestOutcome(
            file=file,
            status="unchanged",
            submission_id=sid,
            village_code=code,
            village_name=name,
            year=year,
            period=period,
            rows_read=read,
            participants=kept,
            rows_rejected=rejected,
            errors=errors,
            warnings=warnings,
        )
        for sid, code, name, year, period, read, kept, rejected, errors, warnings in rows
    ]


__all__ = [
    "IngestOutcome",
    "already_stored",
    "file_sha256",
    "ingest_file",
    "ingest_paths",
    "outcome_line",
    "prepare",
    "summary_line",
]
