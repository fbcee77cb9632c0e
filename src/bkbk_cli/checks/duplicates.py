"""Duplicates inside one roster: the same NIK twice (an error), the same KPJ twice (a warning)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bkbk_cli.findings import concat_findings, make_findings

#: The finding codes this module raises (``tests/test_checks_codes.py``).
CODES = (
    "NIK_DUPLICATE",
    "KPJ_DUPLICATE",
)


def _repeats(people: pd.DataFrame, column: str, code: str, field: str) -> pd.DataFrame | None:
    # one hash pass over the values; the roster (file_id) and value are then one integer
    keys, distinct = pd.factorize(people[column].to_numpy(dtype=object))
    present = keys >= 0
    empty = np.flatnonzero(distinct == "")
    if len(empty):
        present &= keys != empty[0]
    key = keys[present].astype(np.int64)
    if "file_id" in people:
        key += people["file_id"].to_numpy()[present].astype(np.int64) * max(len(distinct), 1)
    if len(pd.unique(key)) == len(key):  # the usual case: nothing repeats
        return None
    rows = people["row"][present]
    first_row = rows.groupby(key, sort=False).transform("min")
    later = rows != first_row
    return make_findings(
        code,
        pos=pd.Series(rows.index[later]),
        row=rows[later],
        field=field,
        expected=first_row[later].astype(str),
    )


def check_duplicates(people: pd.DataFrame) -> pd.DataFrame:
    """Each repeat is reported on its own row, pointing at the first occurrence."""
    return concat_findings(
        [
            _repeats(people, "nik", "NIK_DUPLICATE", "nik"),
            _repeats(people, "no_kpj", "KPJ_DUPLICATE", "no_kpj"),
        ]
    )
