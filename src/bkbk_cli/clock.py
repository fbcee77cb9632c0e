"""Today's date, in one place: the default period of ``validate`` and of the reports hangs on
it, so tests (and anyone reproducing a report of another day) replace this one function."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """The date ``validate`` and the reports take as today."""
    return dt.date.today()
