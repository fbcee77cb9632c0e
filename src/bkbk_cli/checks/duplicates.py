"""Duplicates inside one roster: the same NIK twice (an error), the same KPJ twice (a warning)."""

from __future__ import annotations

import pandas as pd

from bkbk_cli.findings import concat_findings, make_findings


def _repeats(people: pd.DataFrame, column: str, code: str, field: str) -> pd.DataFrame | None:
    keys = ["file_id", column] if "file_id" in people else [column]
    present = people[column].notna() & (people[column] != "")
    subset = people.loc[present, [*keys, "row"]]
    if not subset.duplicated(keys).any():  # the usual case, for a hash pass
        return None
    first_row = subset.groupby(keys, sort=False)["row"].transform("min")
    later = subset["row"] != first_row
    return make_findings(
        code,
        pos=pd.Series(subset.index[later]),
        row=subset["row"][later],
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
