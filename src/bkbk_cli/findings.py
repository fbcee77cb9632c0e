"""What a check reports: the ``Finding`` record and its table form.

Checks run over whole tables, so they return findings as a pandas DataFrame
(``FINDING_COLUMNS``) rather than constructing one object per problem; the
``Finding`` model is the public record of one row of that table, the shape the
JSON output, the store and the annotated workbook use. Its fields are a
contract that scripts build on: add fields, never rename them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from bkbk_cli.messages import Severity

if TYPE_CHECKING:
    import pandas as pd

Field = Literal[
    "nik",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "kategori",
    "pekerjaan",
    "no_kpj",
    "tanggal_terdaftar",
    "iuran",
]
FIELDS: tuple[str, ...] = Field.__args__  # type: ignore[attr-defined]
#: The participant columns a village fills in, in the template's order: the fields a
#: finding can name less the month block (``iuran``). The reader, the checks, the
#: template and the feedback all take them from here.
ROSTER_FIELDS: tuple[str, ...] = tuple(f for f in FIELDS if f != "iuran")

#: Columns of a findings table as checks produce it. ``pos`` is the participant's
#: position in the roster table (or -1 for a file- or village-level finding);
#: ``row`` and ``column`` are Excel coordinates, filled in from the reader.
FINDING_COLUMNS: tuple[str, ...] = (
    "code",
    "pos",
    "row",
    "column",
    "field",
    "period",
    "value",
    "expected",
)


class Finding(BaseModel):
    """One problem, located where the user will look for it."""

    code: str
    severity: Severity
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    field: Field | None = None
    period: str | None = None
    message: str


@functools.cache
def _empty_findings() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype="object") for name in FINDING_COLUMNS})


def empty_findings() -> pd.DataFrame:
    """A findings table without rows: a copy of one built once (a millisecond each time
    otherwise, and a batch of one file asks for several)."""
    return _empty_findings().copy()


def make_findings(
    code: str,
    *,
    pos: object = -1,
    row: object = None,
    column: object = None,
    field: str | None = None,
    period: object = None,
    value: object = None,
    expected: object = None,
) -> pd.DataFrame:
    """A findings table for one code: each argument a scalar or an aligned column.

    Checks select the offending rows with a mask and pass the selected columns
    here, so one call reports every row that fails a rule.
    """
    import pandas as pd

    columns = {
        "pos": pos,
        "row": row,
        "column": column,
        "field": field,
        "period": period,
        "value": value,
        "expected": expected,
    }
    lengths = {len(v) for v in columns.values() if isinstance(v, (pd.Series, list, tuple))}
    length = lengths.pop() if lengths else 1
    data: dict[str, object] = {"code": [code] * length}
    for name, col in columns.items():
        if isinstance(col, pd.Series):
            data[name] = col.to_numpy(dtype=object)
        elif isinstance(col, (list, tuple)):
            data[name] = list(col)
        else:
            data[name] = [col] * length
    return pd.DataFrame(data, columns=list(FINDING_COLUMNS))


def concat_findings(frames: list[pd.DataFrame | None]) -> pd.DataFrame:
    """One findings table from several; ``None`` (a rule that found nothing) is skipped."""
    import pandas as pd

    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return empty_findings()
    return pd.concat(frames, ignore_index=True)


def column_letter(index: int) -> str:
    """Excel's column letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
