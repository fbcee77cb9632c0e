"""Machine-readable output of ``validate``: the JSON document and the findings CSV.

The JSON shape is a contract scripts build on::

    {"files": [{"file", "sheet", "village_code", "village_name", "rows_read",
                "participants", "errors", "warnings", "findings": [Finding, ...]}]}

Fields may be added, never renamed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.findings import Finding
from bkbk_cli.messages import Lang
from bkbk_cli.render import json_text

if TYPE_CHECKING:
    from bkbk_cli.validate import FileResult

CSV_FIELDS: tuple[str, ...] = tuple(Finding.model_fields)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def file_document(result: FileResult, config: Config, lang: Lang) -> dict[str, object]:
    quota: dict[str, dict[str, int]] | None = None
    if result.counts is not None:
        quota = {
            k: {
                **result.counts[k],
                "quota": config.quota.for_kategori(k),
            }
            for k in KATEGORI
        }
    return {
        "file": result.file,
        "sheet": result.sheet,
        "village_code": result.village_code,
        "village_name": result.village_name,
        "year": result.year,
        "period": result.period,
        "rows_read": result.rows_read,
        "participants": result.participants,
        "rows_rejected": result.rows_rejected,
        "errors": result.errors,
        "warnings": result.warnings,
        "quota": quota,
        "findings": result.finding_dicts(lang),
    }


def to_json(results: Sequence[FileResult], config: Config, lang: Lang) -> str:
    document = {"files": [file_document(r, config, lang) for r in results]}
    return json_text.dumps(document)


def csv_safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(results: Sequence[FileResult], lang: Lang) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_FIELDS), lineterminator="\n")
    writer.writeheader()
    for result in results:
        for finding in result.finding_dicts(lang):
            writer.writerow({k: csv_safe(v) for k, v in finding.items()})
    return buffer.getvalue()
