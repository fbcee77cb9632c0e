"""Examples of the store: where it lives, its versioned schema, one transaction per file."""

from __future__ import annotations

import sqlite3

import pytest

from bkbk_cli.store import (
    SCHEMA_VERSION,
    Batch,
    Store,
    StoreError,
    SubmissionRow,
    decode_payments,
    default_store_path,
    encode_payments,
    store_path,
)


def submission(village="15.06.01.2001", sha="abc", year=2025) -> SubmissionRow:
    return SubmissionRow(
        file_name="roster.xlsx",
        sha256=sha,
        village_code=village,
        village_name="Badang",
        year=year,
        period="2025-06",
        sheet="Roster",
        status="ok",
        rows_read=1,
        participants=1,
    )


PARTICIPANT = (
    8,
    "15.06.01.2001",
    "1506011203850001",
    "Ahmad",
    "L",
    "1985-03-12",
    "miskin_ekstrem",
    "Petani",
    "25000000001",
    "2024-03-01",
)


def test_the_default_store_is_under_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("BKBK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "bkbk" / "bkbk.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_store_path() == tmp_path / ".local" / "share" / "bkbk" / "bkbk.sqlite3"


def test_db_option_beats_the_environment_which_beats_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("BKBK_DB", str(tmp_path / "env.sqlite3"))
    assert store_path(tmp_path / "given.sqlite3") == tmp_path / "given.sqlite3"
    assert store_path(None) == tmp_path / "env.sqlite3"
    monkeypatch.delenv("BKBK_DB")
    assert store_path(None) == default_store_path()


def test_the_store_is_created_with_its_folders_on_first_use(tmp_path):
    path = tmp_path / "a" / "b" / "bkbk.sqlite3"
    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.query("PRAGMA journal_mode") == [("wal",)]
        assert store.query("PRAGMA busy_timeout")[0][0] > 0
        assert store.counts() == {"submissions": 0, "participants": 0, "payments": 0, "findings": 0}
    assert path.exists()
    with Store.open(path) as again:  # opening again migrates nothing and loses nothing
        assert again.version == SCHEMA_VERSION


def test_a_store_from_a_newer_release_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_another_database_or_a_non_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a bkbk store"):
        Store.open(other)
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello, not a database " * 100)
    with pytest.raises(StoreError):
        Store.open(text)


def test_a_missing_store_reads_as_an_empty_one_without_creating_it(tmp_path):
    path = tmp_path / "absent.sqlite3"
    with Store.open_existing(path) as store:
        assert store.counts()["submissions"] == 0
    assert not path.exists()


def test_a_submission_and_its_rows_are_written_together_or_not_at_all(tmp_path):
    with Store.open(tmp_path / "s.sqlite3") as store:
        with store.transaction():
            payments = encode_payments([8], ["2025-01"], [16800.0])
            first = store.insert(Batch(submission(), [PARTICIPANT], payments))
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            # the same row twice breaks the primary key half way through the batch
            store.insert(Batch(submission(sha="def"), [PARTICIPANT, PARTICIPANT]))
        assert store.counts() == {"submissions": 1, "participants": 1, "payments": 1, "findings": 0}
        assert store.latest_id("15.06.01.2001", 2025) == first


def test_latest_is_the_newest_ok_submission_per_village_and_year(tmp_path):
    store = Store.open(tmp_path / "s.sqlite3")
    with store.transaction():
        a = store.insert(Batch(submission(sha="a")))
        b = store.insert(Batch(submission(sha="b")))
        other_year = store.insert(Batch(submission(sha="c", year=2024)))
        failed = SubmissionRow(
            file_name="x.xlsx",
            sha256="d",
            village_code=None,
            village_name=None,
            year=None,
            period=None,
            sheet=None,
            status="failed",
        )
        store.insert(Batch(failed))
    assert a < b
    assert store.latest_id("15.06.01.2001", 2025) == b
    assert store.latest_id("15.06.01.2001", 2024) == other_year
    assert store.same_content_id("a", "15.06.01.2001", 2025, "ok") == a
    assert store.same_content_id("a", "15.06.01.2002", 2025, "ok") is None
    assert sorted(r[0] for r in store.query("SELECT id FROM latest_submissions")) == [
        b,
        other_year,
    ]
    store.close()


def test_a_store_locked_for_too_long_is_a_clear_error(tmp_path, monkeypatch):
    import bkbk_cli.store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "s.sqlite3"
    with Store.open(path) as holder, Store.open(path) as waiter:
        with (
            holder.transaction(),
            pytest.raises(StoreError, match="locked"),
            waiter.transaction(),
        ):
            pass  # pragma: no cover - never reached
        with waiter.transaction():  # free again once the holder commits
            waiter.insert(Batch(submission()))
        assert holder.counts()["submissions"] == 1


def test_payments_are_one_row_per_participant_and_read_back_month_by_month():
    # given out of order, with a month (March) without an amount
    rows = [9, 8, 8, 8, 9]
    periods = ["2025-02", "2025-04", "2025-01", "2025-02", "2025-01"]
    amounts = [16800.0, 16800.0, 8400.0, 16800.0, 16800.0]
    encoded = encode_payments(rows, periods, amounts)
    assert encoded == [
        (8, "2025-01", "[8400,16800,null,16800]"),
        (9, "2025-01", "[16800,16800]"),
    ]
    owner, months, values = decode_payments([2025 * 12, 2025 * 12], [e[2] for e in encoded])
    got = sorted(
        (encoded[o][0], int(m), float(v))
        for o, m, v in zip(owner.tolist(), months.tolist(), values.tolist(), strict=True)
    )
    want = sorted(
        (r, int(p[:4]) * 12 + int(p[5:]) - 1, a)
        for r, p, a in zip(rows, periods, amounts, strict=True)
    )
    assert got == want
    with Store.memory() as store:
        with store.transaction():
            sid = store.insert(Batch(submission(), [PARTICIPANT], encoded))
        # the payments view shows the months as version 1 stored them, one row each
        assert store.query("SELECT * FROM payments ORDER BY row, period") == [
            (sid, 8, "2025-01", 8400.0),
            (sid, 8, "2025-02", 16800.0),
            (sid, 8, "2025-04", 16800.0),
            (sid, 9, "2025-01", 16800.0),
            (sid, 9, "2025-02", 16800.0),
        ]
        assert store.counts()["payments"] == 5


def test_amounts_that_are_not_whole_rupiah_read_back_exactly():
    amounts = [0.1 + 0.2, 1e-05, 123456.789, 2.0**60, 16800.0]
    periods = [f"2025-{m:02d}" for m in range(1, 6)]
    [(_, first, text)] = encode_payments([8] * 5, periods, amounts)
    _, months, values = decode_payments([2025 * 12], [text])
    assert first == "2025-01"
    assert values.tolist() == amounts
    assert months.tolist() == [2025 * 12 + i for i in range(5)]


@pytest.mark.parametrize(
    ("periods", "amounts", "problem"),
    [
        (["2025-13"], [1.0], "not a month"),
        (["Januari"], [1.0], "not a month"),
        (["2025-01"], [float("nan")], "finite"),
        (["2025-01"], [float("inf")], "finite"),
        (["2025-01", "2025-01"], [1.0, 2.0], "two payments"),
    ],
)
def test_payments_the_store_cannot_hold_are_refused(periods, amounts, problem):
    with pytest.raises(ValueError, match=problem):
        encode_payments([8] * len(periods), periods, amounts)


def test_a_version_1_store_is_migrated_and_keeps_every_payment(tmp_path):
    from bkbk_cli.store import MIGRATIONS

    path = tmp_path / "v1.sqlite3"
    with sqlite3.connect(path) as old:
        for statement in MIGRATIONS[0]:
            old.execute(statement)
        old.execute("PRAGMA user_version = 1")
        old.execute(
            "INSERT INTO submissions (id, file_name, village_code, year, ingested_at, status) "
            "VALUES (1, 'a.xlsx', '15.06.01.2001', 2025, '2025-07-01T00:00:00+00:00', 'ok'), "
            "(2, 'b.xlsx', '15.06.01.2002', 2025, '2025-07-01T00:00:00+00:00', 'ok')"
        )
        payments = [
            (1, 8, "2024-12", 16800.0),  # a month before the roster year
            (1, 8, "2025-01", 16800.0),
            (1, 8, "2025-03", 8400.5),  # after a month without an amount
            (1, 9, "2025-06", 0.1 + 0.2),  # read back exactly, all 17 digits
            (2, 8, "2025-01", 33600.0),
        ]
        old.executemany("INSERT INTO payments VALUES (?, ?, ?, ?)", payments)
    old.close()

    with Store.open(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.query("SELECT * FROM payments ORDER BY submission_id, row, period") == (
            payments
        )
        assert store.query("SELECT * FROM payment_months WHERE submission_id = 1 AND row = 8") == [
            (1, 8, "2024-12", "[16800.0,16800.0,null,8400.5]")
        ]
        assert store.query("PRAGMA integrity_check") == [("ok",)]
        with store.transaction():  # and it takes new rosters as a new store does
            store.insert(
                Batch(
                    submission(sha="new"),
                    [PARTICIPANT],
                    encode_payments([8], ["2025-01"], [16800.0]),
                )
            )
        assert store.counts()["payments"] == len(payments) + 1


def test_a_version_2_store_learns_each_rosters_last_month_from_its_payments(tmp_path):
    """Schema 3 keeps a roster's last month column; an older store gets the best guess it
    holds: the later of its last month with an amount and the period it was checked at."""
    from bkbk_cli.store import MIGRATIONS

    path = tmp_path / "v2.sqlite3"
    with sqlite3.connect(path) as old:
        for statements in MIGRATIONS[:2]:
            for statement in statements:
                old.execute(statement)
        old.execute("PRAGMA user_version = 2")
        old.execute(
            "INSERT INTO submissions (id, file_name, village_code, year, period, ingested_at, "
            "status) VALUES (1, 'a.xlsx', '15.06.01.2001', 2025, '2025-06', 't', 'ok'), "
            "(2, 'b.xlsx', '15.06.01.2002', 2025, '2025-06', 't', 'ok'), "
            "(3, 'c.xlsx', NULL, NULL, NULL, 't', 'failed')"
        )
        old.executemany(
            "INSERT INTO payment_months VALUES (?, ?, ?, ?)",
            [(1, 8, "2025-01", "[16800,null,16800,16800,16800,16800,16800,16800,16800]"),
             (2, 8, "2025-01", "[16800,16800]")],
        )  # fmt: skip
    old.close()

    with Store.open(path) as store:
        assert store.query("SELECT id, last_month FROM submissions ORDER BY id") == [
            (1, "2025-09"),  # its last amount
            (2, "2025-06"),  # checked at June: it had June's column at least
            (3, None),
        ]
        assert store.query("SELECT id FROM latest_submissions ORDER BY id") == [(1,), (2,)]
