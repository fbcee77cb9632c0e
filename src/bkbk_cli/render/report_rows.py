"""Report rows as flat records: the columns of the report CSV and of the xlsx tables.

A report document (see ``bkbk report --format json``) nests the per-category
numbers (``{"miskin_ekstrem": {"enrolled", "active", "quota"}}``) and, in the
province document, may nest the regency (``{"regency": {"code", ...}}``). A CSV
cannot, so each nested key becomes ``parent_child`` (``miskin_ekstrem_active``,
``regency_code``). The columns come in a fixed order that scripts can rely on:
the known ones first (``COLUMN_ORDER``), then any other key in the order first
seen, so a field added to the document later appears in the CSV without a code
change. Columns are added, never renamed.

CSV values: booleans are ``true``/``false``, a missing value is empty, and text
a spreadsheet would run as a formula gets a leading apostrophe (``csv_safe``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bkbk_cli.measures import MEASURES
from bkbk_cli.render.tabular import csv_safe

__all__ = ["COLUMN_ORDER", "columns_of", "flatten_row", "flatten_rows", "rows_to_csv"]

_CATEGORY_MEASURES = ("enrolled", "active", "quota")

#: Known columns in the order they are shown; village rows and regency rows each
#: use the subset present in them.
COLUMN_ORDER: tuple[str, ...] = (
    # a regency row of the province report
    "regency_code",
    "regency_slug",
    "regency_name",
    "code",
    "slug",
    "name",
    # a village row of a regency report
    "village_code",
    "village_name",
    "district_name",
    "submitted",
    "villages_submitted",
    "villages_total",
    "villages",
    "villages_quota_met",
    *(f"miskin_ekstrem_{m}" for m in _CATEGORY_MEASURES),
    *(f"pekerja_rentan_{m}" for m in _CATEGORY_MEASURES),
    *MEASURES,
    "quota_met",
)
_RANK = {name: i for i, name in enumerate(COLUMN_ORDER)}


def flatten_row(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """One report row with nested mappings spread into ``parent_child`` keys.

    Lists (which rows do not normally carry) become one ``;``-separated text.
    Values are otherwise kept as they are: numbers stay numbers, booleans booleans.
    """
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten_row(value, f"{name}_"))
        elif isinstance(value, (list, tuple)):
            flat[name] = "; ".join(str(v) for v in value)
        else:
            flat[name] = value
    return flat


def columns_of(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The columns of flat ``rows``: the known ones in ``COLUMN_ORDER``, then the rest as seen."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    known = sorted((c for c in seen if c in _RANK), key=_RANK.__getitem__)
    return known + [c for c in seen if c not in _RANK]


def flatten_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows (see `flatten_row`), each holding every column in `columns_of` order.

    A column that a row lacks is ``None`` in it, so the rows line up as a table.
    """
    flat = [flatten_row(row) for row in rows]
    columns = columns_of(flat)
    return [{c: row.get(c) for c in columns} for row in flat]


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_safe(value)


def rows_to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """The CSV of report rows (village rows of a regency, or regency rows of the province).

    A header line, then one line per row; no totals line, so every line is one place.
    """
    flat = flatten_rows(rows)
    columns = columns_of(flat)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in flat:
        writer.writerow([_csv_value(row[c]) for c in columns])
    return buffer.getvalue()
