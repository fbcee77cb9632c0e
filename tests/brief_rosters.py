"""The brief's scenario: a store of rosters that arrived on known days (period June 2025).

In Tanjung Jabung Barat (quota 3 miskin ekstrem + 1 pekerja rentan, ``report_rosters.CONFIG``;
the June deadline the 15th):

* Pelabuhan Dagang: received 10 June, on time; four ME paid January-June (one stopped
  after March), two PR (one stopped after April);
* Badang: received 20 June, late; three ME paid January-June, one PR paid through May;
* Kuala Dasal: its roster came on 30 May and nothing since: it counts in the report
  (a roster of 2025) but has not reported for June;
* every other village: no roster.

And in Tanjung Jabung Timur one village, received on the deadline day itself (on time).
"""

from __future__ import annotations

from pathlib import Path

from report_rosters import OPTIONS, PR, TANJAB_BARAT, TANJAB_TIMUR, person, roster

from bkbk_cli.ingest import ingest_paths
from bkbk_cli.store import Store

PELABUHAN, BADANG, TAYAS, KUALA = TANJAB_BARAT[:4]
TIMUR = TANJAB_TIMUR[0]


def ingest(store: Store, path: Path, received: str) -> None:
    """Ingest one roster as having arrived on ``received`` (``ingest --received``)."""
    store.received_on = received
    ingest_paths([path], store, OPTIONS)


def brief_store(folder: Path) -> Path:
    """The scenario's store, written in ``folder``."""
    path = folder / "bkbk.sqlite3"
    v = PELABUHAN
    with Store.open(path) as store:
        ingest(
            store,
            roster(
                folder,
                v,
                [
                    person(v, 1),
                    person(v, 2),
                    person(v, 3),
                    person(v, 4, paid=range(1, 4)),
                    person(v, 5, PR),
                    person(v, 6, PR, paid=range(1, 5)),
                ],
            ),
            "2025-06-10",
        )
        b = BADANG
        badang = [person(b, 21), person(b, 22), person(b, 23), person(b, 24, PR, paid=range(1, 6))]
        ingest(store, roster(folder, b, badang), "2025-06-20")
        ingest(store, roster(folder, KUALA, [person(KUALA, 31)]), "2025-05-30")
        ingest(store, roster(folder, TIMUR, [person(TIMUR, 41)]), "2025-06-15")
    return path
