"""JSON text of an output document, as ``json.dumps(indent=2, ensure_ascii=False)`` writes it.

A province's validate output holds thousands of findings; the standard library
indents in pure Python (0.1-0.2 s for it), orjson in C, byte for byte the same
text for the documents bkbk writes. Only a float in exponent form (below 0.0001,
or from 10^16 on) would differ: ``1e-7`` where the standard library writes
``1e-07``, the same value. What orjson does not encode (an integer past 64 bits,
text with a lone surrogate) goes to the standard library instead.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(document: Any) -> str:
    """The document as indented JSON text, non-ASCII characters as they are.

    NaN, which the standard library writes as an invalid ``NaN``, comes out as
    ``null``; bkbk's documents hold none.
    """
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:
        return json.dumps(document, ensure_ascii=False, indent=2)
