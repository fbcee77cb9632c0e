"""A large roster checked in two processes (``batch._rows_in_two``) says exactly what the
same roster checked in one says: every finding, in the same order, and the same counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from bkbk_cli import batch, forked
from bkbk_cli.read.roster import Prepared
from bkbk_cli.validate import (
    Options,
    check_prepared,
    read_roster,
    sort_findings,
    validate_paths,
)

TODAY = dt.date(2026, 11, 26)
OPTIONS = Options(today=TODAY, period="2026-03")
HEADER = (
    "No,Kode Desa,Desa/Kelurahan,NIK,Nama,Kategori,No KPJ,Tanggal Terdaftar,"
    "Jan 2026,Feb 2026,Mar 2026"
)
ROWS = [
    # a village on both sides of the cut, a NIK and a KPJ repeated across it, faults on each side
    "1,15.06.01.2001,Badang,1506011205800003,Ahmad,Miskin Ekstrem,12345678901,2025-01-01,"
    "16800,16800,16800",
    "2,15.06.01.2001,Badang,1506011205800004,Budi,Pekerja Rentan,12345678902,2025-01-01,"
    "16800,v,16800",
    "3,15.06.03.2006,Parit Pudin,150603120580000,Citra,Miskin Ekstrem,12345678903,2025-01-01,"
    "abc,16800,16800",
    "4,15.06.03.2006,Parit Pudin,1506031205800005,Dedi,Miskin Ekstrim,12345678901,2027-01-01,"
    "16800,16800,",
    "5,15.06.01.2001,Badang,1506011205800003,Eka,Pekerja Rentan,12345678905,2025-01-01,"
    "lunas,16800,16800",
    "6,15.06.01.2001,Badng,1506011205800006,,Lain,123,2025-13-01,-5,16800,16800",
    "7,99.99.99.9999,Entah,1506011205800007,Fajar,Miskin Ekstrem,12345678907,2025-01-01,"
    "16800,16800,16800",
]


def prepared(tmp_path: Path) -> Prepared:
    path = tmp_path / "kabupaten.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n")
    read = read_roster(path, OPTIONS)
    assert isinstance(read, Prepared)
    return read


def checked(prepared_roster: Prepared, split_rows: int) -> batch.Checked:
    return batch.check_batch(
        [prepared_roster], OPTIONS.config, TODAY, keep_tables=False, split_rows=split_rows
    )


def reported(result: batch.Checked) -> pd.DataFrame:
    """The findings in the order they are reported (the batch's own order is not)."""
    return sort_findings(result.findings, by_file=True).reset_index(drop=True)


@pytest.mark.parametrize("in_a_child", [True, False])
def test_two_processes_find_what_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_a_child: bool
) -> None:
    if not in_a_child:  # the fallback: no fork on this platform
        monkeypatch.setattr(forked, "_can_fork", lambda: False)
    roster = prepared(tmp_path)
    one, two = checked(roster, split_rows=10**9), checked(roster, split_rows=2)
    assert len(one.findings) > 10  # the faults above were found
    marks = two.findings[two.findings["code"] == "IURAN_MARKS"]
    assert marks[["row", "value"]].values.tolist() == [[3, "2"]]  # one for Badang's two halves
    pd.testing.assert_frame_equal(reported(one), reported(two))
    pd.testing.assert_frame_equal(one.counts, two.counts)
    assert one.people["file_id"].tolist() == two.people["file_id"].tolist()


def test_a_child_that_dies_is_replaced_by_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = prepared(tmp_path)

    def dying(fn):
        def pending():
            raise forked.ForkedError("killed")

        return pending

    monkeypatch.setattr(forked, "run_forked", dying)
    pd.testing.assert_frame_equal(
        reported(checked(roster, split_rows=10**9)), reported(checked(roster, split_rows=2))
    )


def test_validate_output_is_the_same_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = prepared(tmp_path)
    path = Path(roster.label)
    whole = validate_paths([path], OPTIONS, keep_tables=False)[0].finding_dicts()
    monkeypatch.setattr(batch, "SPLIT_ROWS", 2)
    split = check_prepared([replace(roster)], OPTIONS, keep_tables=False)[0].finding_dicts()
    assert split == whole


def test_forked_runs_a_function_and_raises_its_error() -> None:
    assert forked.run_forked(lambda: sum(range(10)))() == 45
    with pytest.raises(ZeroDivisionError):
        forked.run_forked(lambda: 1 / 0)()


def test_a_cancelled_child_is_stopped() -> None:
    import time

    pending = forked.run_forked(lambda: time.sleep(30))
    child = pending._process
    assert child is not None and child.is_alive()
    started = time.perf_counter()
    pending.cancel()
    assert time.perf_counter() - started < 5
    assert not child.is_alive()
