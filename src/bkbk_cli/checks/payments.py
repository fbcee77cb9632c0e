"""Payment checks: the monthly contribution cells and what they say about continuity.

A cell that is not an amount, a negative or absurd amount, or a payment before
enrolment is a defect (``error``); underpayment, gaps and arrears are what
correct data says about the programme (``warning``). Continuity itself comes
from ``continuity.evaluate``, the same definition the reports use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from bkbk_cli.continuity import Continuity, MonthAxis
from bkbk_cli.findings import concat_findings, make_findings

#: An amount above this many months' contribution in one cell is not believable.
IMPLAUSIBLE_MONTHS = 24


@dataclass
class PaymentGrid:
    """Contribution cells on a contiguous month axis, one row per participant.

    ``raw`` holds the amounts as typed (NaN for blank or unreadable), ``invalid``
    the cells holding something that is not an amount, ``text`` their text.
    """

    axis: MonthAxis
    raw: np.ndarray
    invalid: np.ndarray
    text: np.ndarray

    def usable_amounts(self, required: np.ndarray) -> np.ndarray:
        """Amounts fit for sums and continuity: negatives and absurd amounts dropped."""
        ok = (self.raw >= 0) & (self.raw <= required * IMPLAUSIBLE_MONTHS)
        return np.where(ok, self.raw, np.nan)


def _cells(code: str, people: pd.DataFrame, mask: np.ndarray, axis: MonthAxis, **values):
    rows, cols = np.nonzero(mask)
    periods = np.array(axis.periods, dtype=object)
    columns = {
        name: pd.Series(v[rows, cols] if isinstance(v, np.ndarray) else [v] * len(rows))
        for name, v in values.items()
    }
    return make_findings(
        code,
        pos=pd.Series(people.index.to_numpy()[rows]),
        row=pd.Series(people["row"].to_numpy()[rows]),
        field="iuran",
        period=pd.Series(periods[cols]),
        **columns,
    )


def rupiah(values: np.ndarray) -> np.ndarray:
    """Amounts as Indonesian Rupiah text (``Rp 16.800``) for messages."""
    if values.size == 0:
        return values.astype(object)
    fmt = np.frompyfunc(lambda v: f"Rp {v:,.0f}".replace(",", "."), 1, 1)
    return fmt(values)


def check_payments(
    people: pd.DataFrame, grid: PaymentGrid, result: Continuity, lapse_months: int
) -> pd.DataFrame:
    """Findings for every contribution cell and every participant's status at the period."""
    axis = grid.axis
    found = [_cells("IURAN_INVALID", people, grid.invalid, axis, value=grid.text)]
    negative = grid.raw < 0
    found.append(_cells("IURAN_INVALID", people, negative, axis, value=rupiah(grid.raw)))
    absurd = grid.raw > result.required * IMPLAUSIBLE_MONTHS
    found.append(
        _cells(
            "IURAN_IMPLAUSIBLE",
            people,
            absurd,
            axis,
            value=rupiah(grid.raw),
            expected=rupiah(result.required),
        )
    )
    enrol_text = people["tanggal_terdaftar"].dt.strftime("%d-%m-%Y").to_numpy(dtype=object)
    before = result.before_enrolment & ~absurd
    found.append(
        _cells(
            "IURAN_BEFORE_ENROLMENT",
            people,
            before,
            axis,
            expected=np.repeat(enrol_text[:, None], axis.size, axis=1),
        )
    )
    underpaid = result.underpaid & result.due & ~absurd
    found.append(
        _cells(
            "IURAN_UNDERPAID",
            people,
            underpaid,
            axis,
            value=rupiah(grid.raw),
            expected=rupiah(result.required),
        )
    )
    found.append(_cells("IURAN_GAP", people, result.gap, axis))

    status = result.people["status"].to_numpy()
    arrears = result.people["arrears"].to_numpy()
    for code, name in (("STATUS_MENUNGGAK", "menunggak"), ("STATUS_NONAKTIF", "nonaktif")):
        chosen = np.nonzero(status == name)[0]
        period_idx = people["period_idx"].to_numpy()[chosen]
        found.append(
            make_findings(
                code,
                pos=pd.Series(people.index.to_numpy()[chosen]),
                row=pd.Series(people["row"].to_numpy()[chosen]),
                field="iuran",
                period=pd.Series([axis.periods[i] for i in period_idx], dtype=object),
                value=pd.Series(arrears[chosen].astype(str)),
                expected=str(lapse_months),
            )
        )
    return concat_findings(found)
