"""The local store: every ingested roster, its participants, payments and findings, in SQLite.

One file, found as ``--db PATH``, else ``$BKBK_DB``, else
``$XDG_DATA_HOME/bkbk/bkbk.sqlite3`` (``~/.local/share/bkbk/bkbk.sqlite3``);
created, with its folder, on first use.

Schema (version 3; ``PRAGMA user_version`` holds the version and ``MIGRATIONS``
takes an older file forward, so a later release can change the schema)::

    submissions  one row per file and village: id, file_name, sha256 (of the file's
                 bytes; NULL if it could not be read at all), village_code,
                 village_name, year (the roster's year), period (the month validate
                 evaluated), sheet, ingested_at (UTC, ISO 8601), status ('ok' |
                 'failed'), rows_read, participants, rows_rejected, errors,
                 warnings, replaces (the submission it superseded when stored),
                 failure_code, failure_value, failure_expected (why a failed file
                 was unreadable: a finding code, re-rendered by ``messages.render``),
                 last_month (the roster's last month column, 'YYYY-MM')
    participants submission_id, row (Excel row), village_code, nik, nama,
                 jenis_kelamin, tanggal_lahir, kategori, pekerjaan, no_kpj,
                 tanggal_terdaftar (dates as ISO text)
    payments (view)
                 submission_id, row, period ('YYYY-MM'), amount_rp: the usable
                 amount recorded for a month (what continuity is computed from);
                 one row per participant and month with an amount, read from:
    payment_months
                 submission_id, row, first_period ('YYYY-MM': the first month with
                 an amount), amounts (JSON array: the amount of first_period, of
                 the month after, ...; null for a month without one): a
                 participant's payments in one row (``encode_payments``)
    findings     submission_id, code, severity, sheet, row, column, field, period,
                 value, expected: re-rendered in any language by ``messages.render``
    current_choices
                 id, submission_id, village_code, year, newest_id (the village's
                 newest submission of that year when chosen), chosen_at:
                 ``bkbk revert`` made that submission current again
    latest_submissions (view)
                 the newest 'ok' submission of each village and roster year (or the
                 one a revert chose, until a newer one arrives): the one reports
                 use; older ones stay as history

Payments are kept one row per participant, not one per month (version 1 had a
``payments`` table), because a province is 1.4 million monthly amounts: as
rows they were most of an ingest's writing and of a report's reading, as one
short array per participant they are cheap both ways, and the ``payments`` view
still shows them month by month to anyone querying the file.

A submission is never updated or deleted: "latest" is computed (highest id per
village and year, unless a later revert chose another), so history is the table
itself. Each file is written in one
``BEGIN IMMEDIATE`` transaction, so an interrupted ingest leaves the store as it
was; WAL mode and a busy timeout let a cron job and an analyst use one file at once.
With ``synchronous = NORMAL`` (SQLite's advice for WAL) a commit is not flushed to
disk on its own: a power cut (not a crash of bkbk) can lose the last files
committed, never corrupt the store; ingesting them again stores them.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bkbk_cli.records import PARTICIPANT_FIELDS
from bkbk_cli.words import worded

BUSY_TIMEOUT_S = 60.0

#: Each entry takes the schema from version i to i + 1; never edit a released entry,
#: append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE submissions (
            id             INTEGER PRIMARY KEY,
            file_name      TEXT NOT NULL,
            sha256         TEXT,
            village_code   TEXT,
            village_name   TEXT,
            year           INTEGER,
            period         TEXT,
            sheet          TEXT,
            ingested_at    TEXT NOT NULL,
            status         TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
            rows_read      INTEGER NOT NULL DEFAULT 0,
            participants   INTEGER NOT NULL DEFAULT 0,
            rows_rejected  INTEGER NOT NULL DEFAULT 0,
            errors         INTEGER NOT NULL DEFAULT 0,
            warnings       INTEGER NOT NULL DEFAULT 0,
            replaces       INTEGER REFERENCES submissions(id),
            failure_code     TEXT,
            failure_value    TEXT,
            failure_expected TEXT
        )
        """,
        "CREATE INDEX submissions_village ON submissions (village_code, year, status, id)",
        "CREATE INDEX submissions_sha ON submissions (sha256)",
        """
        CREATE TABLE participants (
            submission_id     INTEGER NOT NULL REFERENCES submissions(id),
            row               INTEGER NOT NULL,
            village_code      TEXT,
            nik               TEXT NOT NULL,
            nama              TEXT,
            jenis_kelamin     TEXT,
            tanggal_lahir     TEXT,
            kategori          TEXT NOT NULL,
            pekerjaan         TEXT,
            no_kpj            TEXT,
            tanggal_terdaftar TEXT,
            PRIMARY KEY (submission_id, row)
        )
        """,
        "CREATE INDEX participants_nik ON participants (nik)",
        """
        CREATE TABLE payments (
            submission_id INTEGER NOT NULL REFERENCES submissions(id),
            row           INTEGER NOT NULL,
            period        TEXT NOT NULL,
            amount_rp     REAL NOT NULL,
            PRIMARY KEY (submission_id, row, period)
        )
        """,
        """
        CREATE TABLE findings (
            submission_id INTEGER NOT NULL REFERENCES submissions(id),
            code          TEXT NOT NULL,
            severity      TEXT NOT NULL,
            sheet         TEXT,
            row           INTEGER,
            "column"      TEXT,
            field         TEXT,
            period        TEXT,
            value         TEXT,
            expected      TEXT
        )
        """,
        "CREATE INDEX findings_submission ON findings (submission_id)",
        """
        CREATE VIEW latest_submissions AS
        SELECT s.* FROM submissions AS s
        WHERE s.status = 'ok' AND s.village_code IS NOT NULL
          AND s.id = (
            SELECT MAX(t.id) FROM submissions AS t
            WHERE t.status = 'ok' AND t.village_code = s.village_code AND t.year = s.year
          )
        """,
    ),
    # version 2: payments one row per participant (see the module docstring); the
    # version-1 rows are carried over, months without an amount becoming nulls
    (
        """
        CREATE TABLE payment_months (
            submission_id INTEGER NOT NULL REFERENCES submissions(id),
            row           INTEGER NOT NULL,
            first_period  TEXT NOT NULL,
            amounts       TEXT NOT NULL CHECK (json_type(amounts) = 'array'),
            PRIMARY KEY (submission_id, row)
        ) WITHOUT ROWID
        """,
        # the array is concatenated over an ordered window (an aggregate's order is
        # otherwise unspecified in SQLite), each amount as '%!.17g': 17 digits read back
        # as the same double (json_group_array writes only 15)
        """
        INSERT INTO payment_months (submission_id, row, first_period, amounts)
        WITH RECURSIVE
          span AS (
            SELECT submission_id, row,
                   MIN(CAST(substr(period, 1, 4) AS INTEGER) * 12
                       + CAST(substr(period, 6, 2) AS INTEGER) - 1) AS first,
                   MAX(CAST(substr(period, 1, 4) AS INTEGER) * 12
                       + CAST(substr(period, 6, 2) AS INTEGER) - 1) AS last
            FROM payments GROUP BY submission_id, row
          ),
          months (submission_id, row, first, month, last) AS (
            SELECT submission_id, row, first, first, last FROM span
            UNION ALL
            SELECT submission_id, row, first, month + 1, last FROM months WHERE month < last
          ),
          cells AS (
            SELECT m.submission_id, m.row, m.first, m.month,
                   '[' || group_concat(
                     CASE WHEN p.amount_rp IS NULL THEN 'null'
                          ELSE printf('%!.17g', p.amount_rp) END, ',') OVER (
                       PARTITION BY m.submission_id, m.row ORDER BY m.month
                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                     ) || ']' AS amounts
            FROM months AS m
            LEFT JOIN payments AS p
              ON p.submission_id = m.submission_id AND p.row = m.row
             AND p.period = printf('%04d-%02d', m.month / 12, m.month % 12 + 1)
          )
        SELECT submission_id, row, printf('%04d-%02d', first / 12, first % 12 + 1), amounts
        FROM cells WHERE month = first
        ORDER BY submission_id, row
        """,
        "DROP TABLE payments",
        """
        CREATE VIEW payments AS
        SELECT m.submission_id, m.row,
               printf('%04d-%02d', (m.first + j.key) / 12, (m.first + j.key) % 12 + 1) AS period,
               CAST(j.value AS REAL) AS amount_rp
        FROM (
          SELECT submission_id, row, amounts,
                 CAST(substr(first_period, 1, 4) AS INTEGER) * 12
                 + CAST(substr(first_period, 6, 2) AS INTEGER) - 1 AS first
          FROM payment_months
        ) AS m, json_each(m.amounts) AS j
        WHERE j.type <> 'null'
        """,
    ),
    # version 3: a submission's last month column (reports cap their default period at
    # the last month the stored rosters cover, as validate caps it at a roster's), filled
    # for older rows from their last amount or their period; and ``current_choices``, the
    # log ``bkbk revert`` appends to: a submission made current again stays current
    # until a newer roster of its village and year arrives (nothing is deleted)
    (
        "ALTER TABLE submissions ADD COLUMN last_month TEXT",
        """
        UPDATE submissions SET last_month = (
          SELECT printf('%04d-%02d', m / 12, m % 12 + 1) FROM (
            SELECT MAX(CAST(substr(first_period, 1, 4) AS INTEGER) * 12
                       + CAST(substr(first_period, 6, 2) AS INTEGER) - 1
                       + json_array_length(amounts) - 1) AS m
            FROM payment_months WHERE submission_id = submissions.id
          ) WHERE m IS NOT NULL
        ) WHERE status = 'ok'
        """,
        """
        UPDATE submissions SET last_month = period
        WHERE status = 'ok' AND period IS NOT NULL
          AND (last_month IS NULL OR last_month < period)
        """,
        """
        CREATE TABLE current_choices (
            id            INTEGER PRIMARY KEY,
            submission_id INTEGER NOT NULL REFERENCES submissions(id),
            village_code  TEXT NOT NULL,
            year          INTEGER NOT NULL,
            newest_id     INTEGER NOT NULL,
            chosen_at     TEXT NOT NULL
        )
        """,
        "CREATE INDEX current_choices_village ON current_choices (village_code, year, id)",
        "DROP VIEW latest_submissions",
        """
        CREATE VIEW latest_submissions AS
        SELECT s.* FROM submissions AS s
        WHERE s.status = 'ok' AND s.village_code IS NOT NULL
          AND s.id = COALESCE(
            (SELECT c.submission_id FROM current_choices AS c
             WHERE c.village_code = s.village_code AND c.year = s.year
               AND c.newest_id >= (
                 SELECT MAX(t.id) FROM submissions AS t
                 WHERE t.status = 'ok' AND t.village_code = s.village_code AND t.year = s.year
               )
             ORDER BY c.id DESC LIMIT 1),
            (SELECT MAX(t.id) FROM submissions AS t
             WHERE t.status = 'ok' AND t.village_code = s.village_code AND t.year = s.year)
          )
        """,
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The store cannot be used (a newer schema, not a bkbk store, a locked or bad file)."""


class StoreMissing(StoreError):
    """No store at ``path``: only ``ingest`` creates one, a report on nothing would mislead."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no store at {path}")
        self.path = path


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/bkbk/bkbk.sqlite3``, i.e. ``~/.local/share/bkbk/bkbk.sqlite3``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "bkbk" / "bkbk.sqlite3"


def store_path(db: Path | str | None = None) -> Path:
    """The store to use: ``db``, else ``$BKBK_DB``, else ``default_store_path()``."""
    if db is not None and str(db):
        return Path(db)
    env = os.environ.get("BKBK_DB")
    return Path(env) if env else default_store_path()


@dataclass
class SubmissionRow:
    """A submission to write (everything but its id)."""

    file_name: str
    sha256: str | None
    village_code: str | None
    village_name: str | None
    year: int | None
    period: str | None
    sheet: str | None
    status: str
    rows_read: int = 0
    participants: int = 0
    rows_rejected: int = 0
    errors: int = 0
    warnings: int = 0
    replaces: int | None = None
    failure_code: str | None = None
    failure_value: str | None = None
    failure_expected: str | None = None
    last_month: str | None = None  # the roster's last month column


@dataclass
class Batch:
    """One submission with its rows, ready to insert (rows as tuples without submission_id).

    ``payments`` are ``payment_months`` rows, as ``encode_payments`` makes them.
    """

    submission: SubmissionRow
    participants: Sequence[tuple] = ()
    payments: Sequence[tuple] = ()
    findings: Sequence[tuple] = ()


#: The participant record's fields, stored as they are (one definition: ``records``).
PARTICIPANT_COLUMNS = PARTICIPANT_FIELDS
PAYMENT_COLUMNS = ("row", "first_period", "amounts")
FINDING_COLUMNS = (
    "code",
    "severity",
    "sheet",
    "row",
    "column",
    "field",
    "period",
    "value",
    "expected",
)
_SUBMISSION_COLUMNS = tuple(SubmissionRow.__dataclass_fields__)


_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
#: Month counts of the months seen, and back: a province has a million payments but a
#: handful of distinct months, so each is parsed (and checked) once.
_MONTHS: dict[str, int] = {}
_PERIODS: dict[int, str] = {}


def _month(period: str) -> int:
    """``YYYY-MM`` as a month count (as ``continuity.month_number``)."""
    number = _MONTHS.get(period)
    if number is None:
        if not isinstance(period, str) or not _PERIOD.fullmatch(period):
            raise ValueError(f"not a month (YYYY-MM): {period!r}")
        number = _MONTHS[period] = int(period[:4]) * 12 + int(period[5:7]) - 1
        _PERIODS[number] = period
    return number


#: JSON text of amounts seen (a province pays a few distinct amounts, a million times);
#: infinity stands for a month without an amount (amounts are finite).
_AMOUNTS: dict[float, str] = {math.inf: "null"}
_AMOUNTS_KEPT = 4096


def _amount_text(value: float) -> str:
    """An amount as JSON: whole Rupiah as an integer, else ``repr`` (which reads back exactly)."""
    text = _AMOUNTS.get(value)
    if text is None:
        text = str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
        if len(_AMOUNTS) < _AMOUNTS_KEPT:
            _AMOUNTS[value] = text
    return text


def encode_payments(
    rows: Sequence[int] | np.ndarray,
    periods: Sequence[str],
    amounts: Sequence[float] | np.ndarray,
) -> list[tuple[int, str, str]]:
    """Monthly amounts (``rows[i]`` paid ``amounts[i]`` in month ``periods[i]``) as
    ``payment_months`` rows: (row, first_period, amounts as a JSON array).

    A participant's months run from their first to their last amount, null where
    a month has none. Whole amounts are written as integers, others with ``repr``:
    either reads back exactly.

    Raises:
        ValueError: a month that is not ``YYYY-MM``, an amount that is not a finite
            number, or two amounts for one participant and month (each would break
            the store: JSON has no NaN, and a month holds one amount).
    """
    row = np.asarray(rows, dtype=np.int64)
    if not len(row):
        return []
    try:
        month = np.array([_MONTHS[p] for p in periods], dtype=np.int64)
    except (KeyError, TypeError):  # a month not seen before (or not a month at all)
        month = np.array([_month(p) for p in periods], dtype=np.int64)
    amount = np.asarray(amounts, dtype=np.float64)
    if not np.isfinite(amount).all():
        raise ValueError("a payment amount is not a finite number")
    key = row * 1_000_000 + month  # one sort key: month counts stay far below a million
    if (key[1:] < key[:-1]).any():  # the checks give them in order already
        order = np.argsort(key, kind="stable")
        row, month, amount, key = row[order], month[order], amount[order], key[order]
    new_row = np.empty(len(row), dtype=bool)
    new_row[0] = True
    np.not_equal(row[1:], row[:-1], out=new_row[1:])
    if (key[1:] == key[:-1]).any():
        raise ValueError("two payments for one participant and month")
    starts = np.flatnonzero(new_row)
    ends = np.append(starts[1:], len(row)) - 1
    first = month[starts]
    span = month[ends] - first + 1
    stop = np.cumsum(span)
    cells = np.full(int(stop[-1]), np.nan)
    cells[(stop - span - first)[np.cumsum(new_row) - 1] + month] = amount
    values = np.where(np.isnan(cells), np.inf, cells).tolist()  # inf: a month without one
    try:
        texts = [_AMOUNTS[v] for v in values]
    except KeyError:
        texts = [_amount_text(v) for v in values]
    periods_of = _PERIODS
    return [
        (r, periods_of[f], "[" + ",".join(texts[b - n : b]) + "]")
        for r, f, b, n in zip(
            row[starts].tolist(), first.tolist(), stop.tolist(), span.tolist(), strict=True
        )
    ]


def decode_payments(
    first_months: Sequence[int] | np.ndarray, amounts: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``payment_months`` rows back as monthly amounts: for each amount, the position of its
    row in the input, its month (a month count, as ``continuity.month_number``) and the amount.

    ``first_months``: each row's first_period as a month count. All arrays are parsed
    at once by numpy (a report reads a province's million amounts).
    """
    if not len(amounts):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0, dtype=np.float64)
    counts = np.fromiter((a.count(",") + 1 for a in amounts), dtype=np.int64, count=len(amounts))
    text = ",".join(a[1:-1] for a in amounts).replace("null", "nan")
    values = np.fromstring(text, dtype=np.float64, sep=",")
    if len(values) != int(counts.sum()):  # pragma: no cover - the CHECK keeps arrays valid
        raise StoreError("payment_months holds an amount that is not a number")
    owner = np.repeat(np.arange(len(amounts)), counts)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    within = np.arange(len(values)) - starts[owner]
    months = np.asarray(first_months, dtype=np.int64)[owner] + within
    kept = ~np.isnan(values)
    return owner[kept], months[kept], values[kept]


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


class Store:
    """An open store. Use ``Store.open`` (or ``Store.memory`` for an empty, throwaway one)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, db: Path | str | None = None) -> Store:
        """Open (creating it and its folder if needed) and migrate the store ``db`` names."""
        path = store_path(db)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(str(path))
        except (OSError, sqlite3.Error) as exc:
            raise worded(StoreError, "store.cannot_open", path=path, reason=exc) from exc
        store = cls(conn, path)
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # pragma: no cover - e.g. a network file system
                conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            store._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise worded(StoreError, "store.unusable", path=path, reason=exc) from exc
        except StoreError:
            conn.close()
            raise
        return store

    @classmethod
    def open_existing(cls, db: Path | str | None = None) -> Store:
        """The store if its file exists, else an empty one in memory (reports on nothing)."""
        path = store_path(db)
        if path.exists():
            return cls.open(path)
        return cls.memory()

    @classmethod
    def open_present(cls, db: Path | str | None = None) -> Store:
        """The store ``db`` names, which must exist: what reports and read-only commands use.

        Raises:
            StoreMissing: there is no file at the path (a mistyped ``--db`` or ``BKBK_DB``
                would otherwise report every village as not reported).
        """
        path = store_path(db)
        if not path.exists():
            raise StoreMissing(path)
        return cls.open(path)

    @classmethod
    def memory(cls) -> Store:
        conn = _connect(":memory:")
        conn.execute("PRAGMA foreign_keys = ON")
        store = cls(conn, None)
        store._migrate()
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.version == SCHEMA_VERSION:
            return
        with self.transaction():
            # read again under the write lock: another process may have just migrated
            version = self.version
            if version > SCHEMA_VERSION:
                raise worded(
                    StoreError, "store.newer", path=self.path, version=version, known=SCHEMA_VERSION
                )
            if version == 0 and self._has_foreign_tables():
                raise worded(StoreError, "store.foreign", path=self.path)
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self.conn.execute(statement)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _has_foreign_tables(self) -> bool:
        row = self.conn.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()
        return bool(row[0])

    # ------------------------------------------------------------- transactions

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back.

        Raises:
            StoreError: another process held the store's write lock for longer than
                the busy timeout.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise worded(
                StoreError,
                "store.locked",
                path=self.path,
                seconds=f"{BUSY_TIMEOUT_S:.0f}",
                reason=exc,
            ) from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ writing

    def insert(self, batch: Batch) -> int:
        """Insert one submission and its rows (inside the caller's transaction); its id."""
        sub = batch.submission
        values = [getattr(sub, c) for c in _SUBMISSION_COLUMNS]
        cursor = self.conn.execute(
            f"INSERT INTO submissions ({', '.join(_SUBMISSION_COLUMNS)}, ingested_at) "
            f"VALUES ({', '.join('?' * len(values))}, ?)",
            [*values, now_utc()],
        )
        sid = int(cursor.lastrowid or 0)
        self.conn.executemany(
            f"INSERT INTO participants (submission_id, {', '.join(PARTICIPANT_COLUMNS)}) "
            f"VALUES (?{', ?' * len(PARTICIPANT_COLUMNS)})",
            ((sid, *row) for row in batch.participants),
        )
        self.conn.executemany(
            f"INSERT INTO payment_months (submission_id, {', '.join(PAYMENT_COLUMNS)}) "
            f"VALUES (?{', ?' * len(PAYMENT_COLUMNS)})",
            ((sid, *row) for row in batch.payments),
        )
        quoted = ", ".join(f'"{c}"' for c in FINDING_COLUMNS)
        self.conn.executemany(
            f"INSERT INTO findings (submission_id, {quoted}) "
            f"VALUES (?{', ?' * len(FINDING_COLUMNS)})",
            ((sid, *row) for row in batch.findings),
        )
        return sid

    # ------------------------------------------------------------------ reading

    def latest_id(self, village_code: str | None, year: int | None) -> int | None:
        """The submission reports use for a village and year, if any."""
        row = self.conn.execute(  # the view: a revert can make an older one current
            "SELECT MAX(id) FROM latest_submissions WHERE village_code IS ? AND year IS ?",
            (village_code, year),
        ).fetchone()
        return None if row[0] is None else int(row[0])

    def same_content_id(
        self, sha256: str | None, village_code: str | None, year: int | None, status: str
    ) -> int | None:
        """A submission already holding this file's content for this village and year."""
        if sha256 is None:
            return None
        row = self.conn.execute(
            "SELECT MIN(id) FROM submissions WHERE sha256 = ? AND status = ? "
            "AND village_code IS ? AND year IS ?",
            (sha256, status, village_code, year),
        ).fetchone()
        return None if row[0] is None else int(row[0])

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    def frame(self, sql: str, params: Sequence[object] = ()):
        """A query's result as a pandas DataFrame (pandas imported only here)."""
        import pandas as pd

        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=names)

    def counts(self) -> dict[str, int]:
        """Rows per table: a quick way to see (and test) what the store holds."""
        return {
            table: int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("submissions", "participants", "payments", "findings")
        }


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Batch",
    "Store",
    "StoreError",
    "StoreMissing",
    "SubmissionRow",
    "decode_payments",
    "default_store_path",
    "encode_payments",
    "store_path",
]
