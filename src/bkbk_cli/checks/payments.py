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

#: The finding codes this module raises (``tests/test_checks_codes.py``).
CODES = (
    "IURAN_INVALID",
    "IURAN_IMPLAUSIBLE",
    "IURAN_BEFORE_ENROLMENT",
    "IURAN_UNDERPAID",
    "IURAN_GAP",
    "STATUS_MENUNGGAK",
    "STATUS_NONAKTIF",
)


#: Findings that mean something only for a usable record (a 16-digit NIK and a category).
USABLE_ONLY = ("STATUS_MENUNGGAK", "STATUS_NONAKTIF", "IURAN_GAP", "IURAN_UNDERPAID")

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
    #: cells holding a paid mark (``v``, ``lunas`` ...): the required amount paid; None: none
    marked: np.ndarray | None = None

    def usable_amounts(self, required: np.ndarray) -> np.ndarray:
        """Amounts fit for sums and continuity: negatives and absurd amounts dropped, a
        paid mark read as the month's required contribution."""
        ok = (self.raw >= 0) & (self.raw <= required * IMPLAUSIBLE_MONTHS)
        usable = np.where(ok, self.raw, np.nan)
        if self.marked is not None:
            usable = np.where(self.marked, required, usable)
        return usable


class Rupiah:
    """A matrix of amounts shown as Rupiah text, formatted only at the cells selected."""

    def __init__(self, amounts: np.ndarray) -> None:
        self.amounts = amounts

    def __getitem__(self, where: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        return rupiah(self.amounts[where])


def _cells(
    code: str, people: pd.DataFrame, mask: np.ndarray, axis: MonthAxis, **values
) -> pd.DataFrame | None:
    """Findings for the cells of the participants x months ``mask``; each value is a matrix
    (or a ``Rupiah`` view of one) read at those cells. None when the mask selects none."""
    rows, cols = np.nonzero(mask)
    if not len(rows):
        return None
    periods = np.array(axis.periods, dtype=object)
    columns = {name: pd.Series(v[rows, cols], dtype=object) for name, v in values.items()}
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
    fmt = np.frompyfunc(lambda v: f"Rp {v:,.0f}".replace(",", "."), 1, 1)
    return fmt(values).astype(object) if values.size else values.astype(object)


def check_payments(
    people: pd.DataFrame, grid: PaymentGrid, result: Continuity, lapse_months: int
) -> pd.DataFrame:
    """Findings for every contribution cell and every participant's status at the period."""
    axis = grid.axis
    found = [_cells("IURAN_INVALID", people, grid.invalid, axis, value=grid.text)]
    negative = grid.raw < 0
    found.append(_cells("IURAN_INVALID", people, negative, axis, value=Rupiah(grid.raw)))
    absurd = grid.raw > result.required * IMPLAUSIBLE_MONTHS
    found.append(
        _cells(
            "IURAN_IMPLAUSIBLE",
            people,
            absurd,
            axis,
            value=Rupiah(grid.raw),
            expected=Rupiah(result.required),
        )
    )
    before = result.before_enrolment & ~absurd
    enrolled = people["tanggal_terdaftar"].to_numpy()
    if before.any():
        found.append(
            _cells("IURAN_BEFORE_ENROLMENT", people, before, axis).assign(
                expected=pd.to_datetime(enrolled[np.nonzero(before)[0]]).strftime("%d-%m-%Y")
            )
        )
    underpaid = result.underpaid & result.due & ~absurd
    found.append(
        _cells(
            "IURAN_UNDERPAID",
            people,
            underpaid,
            axis,
            value=Rupiah(grid.raw),
            expected=Rupiah(result.required),
        )
    )
    found.append(_cells("IURAN_GAP", people, result.gap, axis))

    status = result.people["status"].to_numpy()
    arrears = result.people["arrears"].to_numpy()
    periods = np.array(axis.periods, dtype=object)
    for code, name in (("STATUS_MENUNGGAK", "menunggak"), ("STATUS_NONAKTIF", "nonaktif")):
        chosen = np.nonzero(status == name)[0]
        period_idx = people["period_idx"].to_numpy()[chosen]
        found.append(
            make_findings(
                code,
                pos=pd.Series(people.index.to_numpy()[chosen]),
                row=pd.Series(people["row"].to_numpy()[chosen]),
                field="iuran",
                period=pd.Series(periods[period_idx], dtype=object),
                value=pd.Series(arrears[chosen].astype(str)),
                expected=str(lapse_months),
            )
        )
    return concat_findings(found)
