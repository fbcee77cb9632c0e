"""Examples of ``bkbk ingest`` as a library: what is stored, replaced, left alone or refused."""

from __future__ import annotations

import threading

import pytest
from report_rosters import OPTIONS, PR, TANJAB_BARAT, consolidated, nik, person, roster

from bkbk_cli.ingest import ingest_file, ingest_paths, outcome_line
from bkbk_cli.store import Store

PELABUHAN, BADANG, TAYAS = TANJAB_BARAT[:3]


@pytest.fixture
def store():
    with Store.memory() as store:
        yield store


def latest(store, code):
    return store.query(
        "SELECT id, file_name FROM latest_submissions WHERE village_code = ?", [code]
    )


def test_every_row_read_is_stored_or_rejected_with_its_findings(tmp_path, store):
    path = roster(
        tmp_path,
        PELABUHAN,
        [person(PELABUHAN, 1), person(PELABUHAN, 2, PR), person(PELABUHAN, 3, nik_text="12345")],
    )
    [outcome] = ingest_paths([path], store, OPTIONS)

    assert outcome.status == "stored"
    assert (outcome.rows_read, outcome.participants, outcome.rows_rejected) == (3, 2, 1)
    assert outcome.rows_read == outcome.participants + outcome.rows_rejected
    assert store.counts()["participants"] == 2
    assert store.query("SELECT nik FROM participants ORDER BY row") == [
        (nik(PELABUHAN, 1),),
        (nik(PELABUHAN, 2),),
    ]
    # the rejected row's finding is kept, located at its cell
    assert store.query("SELECT code, row, \"column\" FROM findings WHERE severity = 'error'") == [
        ("NIK_LENGTH", 10, "B")
    ]
    # six months paid each (January-June), stored per month
    assert store.query("SELECT COUNT(*), SUM(amount_rp) FROM payments") == [(12, 12 * 16_800)]
    assert store.query(
        "SELECT rows_read, participants, rows_rejected, errors, year, period FROM submissions"
    ) == [(3, 2, 1, 1, 2025, "2025-06")]
    assert "baris dibaca 3 = 2 disimpan + 1 ditolak" in outcome_line(outcome)


def test_ingesting_the_same_file_again_changes_nothing(tmp_path, store, monkeypatch):
    import bkbk_cli.validate

    path = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])
    [first] = ingest_paths([path], store, OPTIONS)
    before = store.counts()
    checked = []
    real = bkbk_cli.validate.read_rosters
    monkeypatch.setattr(
        bkbk_cli.validate,
        "read_rosters",
        lambda paths, *a: checked.extend(paths) or real(paths, *a),
    )
    [again] = ingest_paths([path], store, OPTIONS)
    assert again.status == "unchanged"
    assert again.submission_id == first.submission_id
    assert (again.rows_read, again.participants) == (first.rows_read, first.participants)
    assert store.counts() == before
    assert checked == []  # known content is not even read again


def test_a_new_roster_replaces_the_previous_one_which_stays_as_history(tmp_path, store):
    old = roster(tmp_path, BADANG, [person(BADANG, 1)], "januari.xlsx")
    new = roster(tmp_path, BADANG, [person(BADANG, 1), person(BADANG, 2)], "juli.xlsx")
    [stored] = ingest_paths([old], store, OPTIONS)
    [replaced] = ingest_paths([new], store, OPTIONS)

    assert replaced.status == "replaced"
    assert replaced.replaces == stored.submission_id
    assert latest(store, BADANG.code) == [(replaced.submission_id, str(new))]
    assert store.counts()["submissions"] == 2  # history kept
    assert store.counts()["participants"] == 1 + 2

    # sending the old file again does not bring it back: that content is already stored
    [again] = ingest_paths([old], store, OPTIONS)
    assert again.status == "unchanged"
    assert latest(store, BADANG.code) == [(replaced.submission_id, str(new))]


def test_an_unreadable_file_is_a_failed_submission_and_nothing_else(tmp_path, store):
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    [outcome] = ingest_paths([broken], store, OPTIONS)

    assert outcome.status == "failed"
    assert outcome.failure_code is not None
    assert store.counts() == {"submissions": 1, "participants": 0, "payments": 0, "findings": 0}
    assert store.query("SELECT status, village_code, failure_code FROM submissions") == [
        ("failed", None, outcome.failure_code)
    ]
    assert outcome_line(outcome).startswith(f"gagal: {broken}: ")

    # the same broken content again is not recorded twice
    [again] = ingest_paths([broken], store, OPTIONS)
    assert again.status == "failed" and again.already_stored
    assert store.counts()["submissions"] == 1


def test_a_missing_file_fails_without_stopping_the_others(tmp_path, store):
    good = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])
    outcomes = ingest_paths([tmp_path / "hilang.xlsx", good], store, OPTIONS)
    assert [o.status for o in outcomes] == ["failed", "stored"]
    assert outcomes[0].failure_code == "FILE_NOT_FOUND"


def test_an_interrupted_ingest_leaves_the_store_as_it_was(tmp_path, store, monkeypatch):
    ingest_paths([roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])], store, OPTIONS)
    before = store.counts()
    merged = consolidated(
        tmp_path,
        [(BADANG, person(BADANG, 11)), (TAYAS, person(TAYAS, 12))],
        "gabungan.csv",
    )
    real_insert = Store.insert
    calls = []

    def insert_then_fail(self, batch):
        calls.append(batch.submission.village_code)
        submission_id = real_insert(self, batch)
        if len(calls) == 2:  # the second village of the file: the first is already written
            raise KeyboardInterrupt
        return submission_id

    monkeypatch.setattr(Store, "insert", insert_then_fail)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([merged], store, OPTIONS)
    assert calls == [BADANG.code, TAYAS.code]
    assert store.counts() == before

    monkeypatch.setattr(Store, "insert", real_insert)
    assert [o.status for o in ingest_paths([merged], store, OPTIONS)] == ["stored", "stored"]


def test_a_consolidated_roster_becomes_one_submission_per_village(tmp_path, store):
    merged = consolidated(
        tmp_path,
        [
            (BADANG, person(BADANG, 11)),
            (TAYAS, person(TAYAS, 12, PR)),
            (TAYAS, person(TAYAS, 13, nik_text="99")),
            (BADANG, person(BADANG, 14)),
        ],
        "gabungan.csv",
    )
    outcomes = ingest_paths([merged], store, OPTIONS)
    summary = [(o.village_code, o.rows_read, o.participants, o.rows_rejected) for o in outcomes]
    assert summary == [(BADANG.code, 2, 2, 0), (TAYAS.code, 2, 1, 1)]
    assert store.query("SELECT village_code, COUNT(*) FROM participants GROUP BY 1") == [
        (BADANG.code, 2),
        (TAYAS.code, 1),
    ]
    # the rejected row's error belongs to its own village
    assert store.query(
        "SELECT s.village_code, f.code FROM findings f JOIN submissions s ON s.id = f.submission_id"
        " WHERE f.severity = 'error'"
    ) == [(TAYAS.code, "NIK_LENGTH")]
    shas = store.query("SELECT DISTINCT sha256 FROM submissions")
    assert len(shas) == 1


def test_a_dry_run_writes_nothing_and_says_what_would_happen(tmp_path, store):
    first = roster(tmp_path, BADANG, [person(BADANG, 1)], "januari.xlsx")
    ingest_paths([first], store, OPTIONS)
    before = store.counts()
    second = roster(tmp_path, BADANG, [person(BADANG, 2)], "juli.xlsx")
    third = roster(tmp_path, TAYAS, [person(TAYAS, 3)])
    again = roster(tmp_path, TAYAS, [person(TAYAS, 3), person(TAYAS, 4)], "tayas-2.xlsx")

    outcomes = ingest_paths([first, second, third, again], store, OPTIONS, dry_run=True)
    assert [o.status for o in outcomes] == ["unchanged", "replaced", "stored", "replaced"]
    assert all(o.dry_run for o in outcomes)
    assert store.counts() == before
    assert outcome_line(outcomes[1], "en").startswith("(dry run) replaced: ")


def test_the_participant_record_model_guards_what_is_stored(tmp_path, store, monkeypatch):
    from pydantic import ValidationError

    import bkbk_cli.ingest as ingest
    from bkbk_cli.records import PARTICIPANT_FIELDS

    path = roster(tmp_path, PELABUHAN, [person(PELABUHAN, 1)])
    real = ingest._people_columns

    def corrupt(people, code):
        columns = real(people, code)
        columns[PARTICIPANT_FIELDS.index("jenis_kelamin")] = ["X"] * len(columns[0])
        return columns

    monkeypatch.setattr(ingest, "_people_columns", corrupt)
    with pytest.raises(ValidationError):
        ingest_file(path, store, OPTIONS)
    assert store.counts()["submissions"] == 0


def test_two_writers_on_one_store_lose_nothing(tmp_path):
    db = tmp_path / "bersama.sqlite3"
    Store.open(db).close()
    files = [roster(tmp_path, v, [person(v, 1), person(v, 2, PR)]) for v in TANJAB_BARAT[10:18]]
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def work(paths):
        try:
            with Store.open(db) as store:
                barrier.wait()
                ingest_paths(paths, store, OPTIONS)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(files[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with Store.open(db) as store:
        assert store.query("PRAGMA integrity_check") == [("ok",)]
        assert store.counts()["submissions"] == 8
        assert store.counts()["participants"] == 16
        codes = [r[0] for r in store.query("SELECT village_code FROM latest_submissions")]
        assert sorted(codes) == [v.code for v in TANJAB_BARAT[10:18]]


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("nik", "12345"),
        ("jenis_kelamin", "X"),
        ("kategori", "miskin"),
        ("tanggal_lahir", "12/03/1985"),
        ("row", "baris 8"),
    ],
)
def test_record_rows_are_refused_exactly_where_the_model_refuses_them(field, bad):
    from pydantic import ValidationError

    from bkbk_cli.records import PARTICIPANT_FIELDS, Participant, participant_rows_adapter

    good = {
        "row": 8,
        "village_code": PELABUHAN.code,
        "nik": nik(PELABUHAN, 1),
        "nama": "Ahmad",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1985-03-12",
        "kategori": "miskin_ekstrem",
        "pekerjaan": None,
        "no_kpj": None,
        "tanggal_terdaftar": None,
    }
    [row] = participant_rows_adapter().validate_python([tuple(good.values())])
    assert row == tuple(getattr(Participant(**good), name) for name in PARTICIPANT_FIELDS)
    broken = {**good, field: bad}
    with pytest.raises(ValidationError):
        Participant(**broken)
    with pytest.raises(ValidationError):
        participant_rows_adapter().validate_python([tuple(broken.values())])


def test_files_are_stored_a_group_at_a_time_and_an_interrupted_group_not_at_all(
    tmp_path, store, monkeypatch
):
    import bkbk_cli.ingest as ingest

    villages = TANJAB_BARAT[30:35]
    paths = [roster(tmp_path, v, [person(v, 1)]) for v in villages]
    monkeypatch.setattr(ingest, "TRANSACTION_FILES", 2)
    real_insert = Store.insert
    inserted = []

    def interrupted_at_the_fourth(self, batch):
        inserted.append(batch.submission.village_code)
        if len(inserted) == 4:  # the second file of the second group
            raise KeyboardInterrupt
        return real_insert(self, batch)

    monkeypatch.setattr(Store, "insert", interrupted_at_the_fourth)
    told = []
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(paths, store, OPTIONS, on_outcomes=told.extend)
    stored = [r[0] for r in store.query("SELECT village_code FROM submissions ORDER BY id")]
    assert stored == [v.code for v in villages[:2]]  # the first group; the second rolled back
    assert [o.village_code for o in told] == stored

    monkeypatch.setattr(Store, "insert", real_insert)
    again = ingest_paths(paths, store, OPTIONS)
    assert [o.status for o in again] == ["unchanged"] * 2 + ["stored"] * 3


@pytest.mark.parametrize("files", [4, 20])  # checked here, and in a pool of workers
def test_a_bug_preparing_a_file_stops_ingest_there_with_every_earlier_file_stored(
    tmp_path, store, monkeypatch, files
):
    import bkbk_cli.ingest as ingest

    villages = TANJAB_BARAT[20 : 20 + files]
    paths = [roster(tmp_path, v, [person(v, 1)]) for v in villages]
    bad = villages[files // 2].code
    real = ingest._people_columns

    def fail_on_one_village(people, code):
        if code == bad:
            raise RuntimeError("a bug")
        return real(people, code)

    monkeypatch.setattr(ingest, "_people_columns", fail_on_one_village)
    monkeypatch.setattr(ingest, "CHUNK_MIN", 3)  # several chunks, so the pool is a pipeline
    told = []
    with pytest.raises(RuntimeError, match="a bug"):
        ingest_paths(paths, store, OPTIONS, on_outcomes=told.extend)
    stored = [r[0] for r in store.query("SELECT village_code FROM submissions ORDER BY id")]
    assert stored == [v.code for v in villages[: files // 2]]
    assert [o.village_code for o in told] == stored


def test_chunks_are_about_four_per_worker_within_bounds():
    from bkbk_cli.ingest import CHUNK, CHUNK_MIN, _chunk_size

    assert _chunk_size(1585, 2) == 199  # 8 chunks for two workers
    assert _chunk_size(1585, 4) == 100
    assert _chunk_size(100, 2) == CHUNK_MIN  # no chunk too small to pay its fixed cost
    assert _chunk_size(20_000, 2) == CHUNK  # nor too large to overlap checking and storing
    assert _chunk_size(10, 1) == 10  # one process: one chunk
