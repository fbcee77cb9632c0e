"""File-scope findings: the upload refused as a whole, before or while it is read.

The defences (``read.guard``) and the reader (``read.workbook``) detect these while
they inspect the bytes, and hand over only the code; this module is where each code
becomes a finding, and the one list of what they may hand over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bkbk_cli.findings import make_findings

if TYPE_CHECKING:
    import pandas as pd

#: The finding codes this module raises (``tests/test_checks_codes.py``).
CODES = (
    "FILE_NOT_FOUND",
    "FILE_UNREADABLE",
    "FILE_EMPTY",
    "FILE_FORMAT",
    "FILE_ENCRYPTED",
    "FILE_CORRUPT",
    "FILE_TOO_LARGE",
    "FILE_ZIP_BOMB",
    "FILE_XML_ENTITY",
    "SHEET_TOO_LARGE",
    "CELL_TOO_LONG",
    "SHEET_NOT_FOUND",
)


def file_problem(code: str, value: object = None, expected: object = None) -> pd.DataFrame:
    """The one finding of a file refused (``code`` as the defences or the reader gave it)."""
    if code not in CODES:
        raise ValueError(f"not a file-level finding code: {code}")
    return make_findings(code, value=value, expected=expected)
