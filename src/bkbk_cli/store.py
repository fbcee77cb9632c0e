"""The local store: every ingested roster, its participants, payments and findings, in SQLite.

One file, found as ``--db PATH``, else ``$BKBK_DB``, else
``$XDG_DATA_HOME/bkbk/bkbk.sqlite3`` (``~/.local/share/bkbk/bkbk.sqlite3``);
created, with its folder, on first use.

Schema (version 1; ``PRAGMA user_version`` holds the version and ``MIGRATIONS``
takes an older file forward, so a later release can change the schema)::

    submissions  one row per file and village: id, file_name, sha256 (of the file's
                 bytes; NULL if it could not be read at all), village_code,
                 village_name, year (the roster's year), period (the month validate
                 evaluated), sheet, ingested_at (UTC, ISO 8601), status ('ok' |
                 'failed'), rows_read, participants, rows_rejected, errors,
                 warnings, replaces (the submission it superseded when stored),
                 failure_code, failure_value, failure_expected (why a failed file
                 was unreadable: a finding code, re-rendered by ``messages.render``)
    participants submission_id, row (Excel row), village_code, nik, nama,
                 jenis_kelamin, tanggal_lahir, kategori, pekerjaan, no_kpj,
                 tanggal_terdaftar (dates as ISO text)
    payments     submission_id, row, period ('YYYY-MM'), amount_rp: the usable
                 amount recorded for a month (what continuity is computed from)
    findings     submission_id, code, severity, sheet, row, column, field, period,
                 value, expected: re-rendered in any language by ``messages.render``
    latest_submissions (view)
                 the newest 'ok' submission of each village and roster year: the
                 one reports use; older ones stay as history

A submission is never updated or deleted: "latest" is computed (highest id per
village and year), so history is the table itself. Each file is written in one
``BEGIN IMMEDIATE`` transaction, so an interrupted ingest leaves the store as it
was; WAL mode and a busy timeout let a cron job and an analyst use one file at once.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bkbk_cli.records import PARTICIPANT_FIELDS

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
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The store cannot be used (a newer schema, not a bkbk store, a locked or bad file)."""


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


@dataclass
class Batch:
    """One submission with its rows, ready to insert (rows as tuples without submission_id)."""

    submission: SubmissionRow
    participants: Sequence[tuple] = ()
    payments: Sequence[tuple] = ()
    findings: Sequence[tuple] = ()


#: The participant record's fields, stored as they are (one definition: ``records``).
PARTICIPANT_COLUMNS = PARTICIPANT_FIELDS
PAYMENT_COLUMNS = ("row", "period", "amount_rp")
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
            raise StoreError(f"{path}: cannot open the store: {exc}") from exc
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
            raise StoreError(f"{path}: not a usable bkbk store: {exc}") from exc
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
                raise StoreError(
                    f"{self.path}: store schema version {version} is newer than this bkbk "
                    f"understands ({SCHEMA_VERSION}); upgrade bkbk"
                )
            if version == 0 and self._has_foreign_tables():
                raise StoreError(
                    f"{self.path}: the file is an SQLite database but not a bkbk store"
                )
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
            raise StoreError(
                f"{self.path}: the store stayed locked by another bkbk for "
                f"{BUSY_TIMEOUT_S:.0f} s ({exc}); try again later"
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
            f"INSERT INTO payments (submission_id, {', '.join(PAYMENT_COLUMNS)}) "
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
        row = self.conn.execute(
            "SELECT MAX(id) FROM submissions WHERE status = 'ok' "
            "AND village_code IS ? AND year IS ?",
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
    "SubmissionRow",
    "default_store_path",
    "store_path",
]
