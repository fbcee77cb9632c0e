"""`render.json_text.dumps` writes what `json.dumps(indent=2, ensure_ascii=False)` writes
(floats in exponent form aside: ``1e-7`` for ``1e-07``)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from bkbk_cli.render import json_text

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda x: x == 0 or 1e-4 <= abs(x) < 1e16
    )
    | st.text()
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def standard(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


@given(DOCUMENTS)
def test_any_document_of_json_values_is_written_as_the_standard_library_writes_it(
    document: object,
) -> None:
    assert json_text.dumps(document) == standard(document)


def test_a_validate_document_with_indonesian_text_and_quotes_is_the_same_text() -> None:
    document = {
        "files": [
            {
                "file": 'rosters/15.06 Tanjung Jabung Barat/Kuala Tungkal "Ilir".xlsx',
                "rows_read": 75,
                "quota": {"miskin_ekstrem": {"enrolled": 50, "active": 49, "quota": 50}},
                "findings": [
                    {"code": "NIK_LENGTH", "row": 12, "cell": "C12", "message": "NIK 15 digit\n"},
                    {"code": "IURAN_UNDERPAID", "value": 8400.5, "period": None, "tab": "\t"},
                ],
            }
        ]
    }
    assert json_text.dumps(document) == standard(document)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_in_exponent_form_differs_only_in_its_exponent_digits(number: float) -> None:
    # orjson writes 1e-7 where the standard library writes 1e-07: the same value
    assert json.loads(json_text.dumps({"x": number})) == {"x": number}


def test_what_orjson_cannot_encode_is_written_by_the_standard_library() -> None:
    for document in ({"big": 2**70}, {"surrogate": "\ud800"}, {1: "a non-text key"}):
        assert json_text.dumps(document) == standard(document)
