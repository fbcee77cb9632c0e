"""What the store holds and which roster of a village counts: ``bkbk status``, ``history``,
``revert``.

A village sends a roster, then a corrected one, sometimes a wrong one after that;
every one is kept (``store``: nothing is updated or deleted). ``history`` lists a
village's submissions and marks the *current* one (what reports read); ``revert``
makes an earlier one current again by appending to ``current_choices``, which
``latest_submissions`` honours until a newer roster of that village and year is
ingested. ``status`` sums the store up for an analyst who wonders what is in it.

Every function returns plain dicts (the JSON of ``--format json``); rendering is in
``render/store_tables.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bkbk_cli import regions

if TYPE_CHECKING:
    from bkbk_cli.store import Store


class SubmissionError(ValueError):
    """A submission or village the user named cannot be used (``key`` names the words
    that say why, ``values`` fill them)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values


# ---------------------------------------------------------------------------- status


def status(store: Store) -> dict:
    """Path, schema version, submissions, and per roster year the villages reporting in each
    regency and the last month the rosters cover; the latest ingest."""
    ((total, ok, failed),) = store.query(
        "SELECT COUNT(*), COALESCE(SUM(status = 'ok'), 0), COALESCE(SUM(status = 'failed'), 0) "
        "FROM submissions"
    )
    latest = store.query(
        "SELECT id, ingested_at, file_name FROM submissions ORDER BY id DESC LIMIT 1"
    )
    reporting = store.query(
        "SELECT year, substr(village_code, 1, 5), COUNT(*), MAX(last_month) "
        "FROM latest_submissions WHERE year IS NOT NULL GROUP BY 1, 2"
    )
    per_year: dict[int, dict[str, tuple[int, str | None]]] = {}
    for year, regency, count, last in reporting:
        per_year.setdefault(int(year), {})[regency] = (int(count), last)
    submitted = dict(
        store.query(
            "SELECT year, COUNT(*) FROM submissions WHERE status = 'ok' AND year IS NOT NULL "
            "GROUP BY year"
        )
    )
    totals = {r.code: len(regions.villages(r.code)) for r in regions.regencies()}
    years = []
    for year in sorted(per_year, reverse=True):
        counts = per_year[year]
        ends = [last for _, last in counts.values() if last]
        years.append(
            {
                "year": year,
                "submissions": int(submitted.get(year, 0)),
                "villages_reporting": sum(n for n, _ in counts.values()),
                "villages_total": sum(totals.values()),
                "last_month": max(ends) if ends else None,
                "regencies": [
                    {
                        "regency_code": r.code,
                        "regency_slug": r.slug,
                        "regency_name": r.name,
                        "villages_reporting": counts.get(r.code, (0, None))[0],
                        "villages_total": totals[r.code],
                    }
                    for r in regions.regencies()
                ],
            }
        )
    return {
        "store": str(store.path) if store.path else None,
        "schema_version": store.version,
        "submissions": {"total": int(total), "ok": int(ok), "failed": int(failed)},
        "years": years,
        "latest_ingest": (
            {"submission_id": latest[0][0], "ingested_at": latest[0][1], "file_name": latest[0][2]}
            if latest
            else None
        ),
    }


# --------------------------------------------------------------------------- history


def resolve_village(store: Store, text: str, regency: str | None = None) -> tuple[str, str | None]:
    """The village ``text`` names, as (code, name): a code (dotted or 10 digits), else a name
    of the reference (``regency`` narrows it), else a village name the store holds.

    Raises:
        SubmissionError: no village by that name, or several (the message lists their codes).
    """
    code = regions.normalise_village_code(text)
    if code is not None:
        known = regions.village(code)
        return code, known.name if known else None
    found = [(v.code, v.name) for v in regions.find_villages_by_name(text, regency)]
    if not found:  # a name only the rosters use
        rows = store.query(
            "SELECT DISTINCT village_code, village_name FROM submissions "
            "WHERE village_code IS NOT NULL AND lower(trim(village_name)) = lower(trim(?)) "
            "ORDER BY village_code",
            [text],
        )
        found = [(c, n) for c, n in rows if regency is None or c.startswith(_prefix(regency))]
    if not found:
        raise SubmissionError("history.unknown_village", name=text)
    if len(found) > 1:
        listed = ", ".join(f"{c} {_place(c, n)}" for c, n in found)
        raise SubmissionError("history.ambiguous", name=text, villages=listed)
    return found[0]


def _prefix(regency: str) -> str:
    return regions.resolve_regency(regency).code + "."


def _place(code: str, name: str | None) -> str:
    known = regions.village(code)
    if known is None:
        return name or ""
    return f"{known.name} (Kec. {known.district_name})"


_HISTORY_COLUMNS = (
    "id", "ingested_at", "file_name", "year", "period", "last_month", "sheet", "rows_read",
    "participants", "rows_rejected", "errors", "warnings", "replaces",
)  # fmt: skip


def history(store: Store, code: str) -> list[dict]:
    """Every submission of village ``code``, oldest first, with ``current`` (what reports
    read for its year) and ``reverted_to`` (made current again by ``revert``)."""
    rows = store.query(
        f"SELECT {', '.join('s.' + c for c in _HISTORY_COLUMNS)}, "
        "l.id IS NOT NULL, "
        "EXISTS (SELECT 1 FROM current_choices AS c WHERE c.submission_id = s.id) "
        "FROM submissions AS s LEFT JOIN latest_submissions AS l ON l.id = s.id "
        "WHERE s.village_code = ? ORDER BY s.id",
        [code],
    )
    out = []
    for row in rows:
        record = dict(zip(("submission_id", *_HISTORY_COLUMNS[1:]), row[:-2], strict=True))
        record["current"] = bool(row[-2])
        record["reverted_to"] = bool(row[-1])
        out.append(record)
    return out


# ---------------------------------------------------------------------------- revert


@dataclass(frozen=True)
class Reverted:
    """What ``revert`` did: ``submission_id`` is now current for its village and year in
    place of ``previous`` (None: it already was)."""

    submission_id: int
    village_code: str
    village_name: str | None
    year: int
    file_name: str
    previous: int | None


def revert(store: Store, submission_id: int) -> Reverted:
    """Make submission ``submission_id`` the current roster of its village and year again.

    Nothing is deleted: the choice is appended to ``current_choices`` and holds until a
    newer roster of the village and year is ingested. Reverting to the current one
    changes nothing.

    Raises:
        SubmissionError: no such submission, or one reports cannot use (a file that could
            not be read, a roster without a village).
    """
    with store.transaction():
        found = store.query(
            "SELECT status, village_code, village_name, year, file_name FROM submissions "
            "WHERE id = ?",
            [submission_id],
        )
        if not found:
            raise SubmissionError("revert.unknown", id=submission_id)
        state, code, name, year, file_name = found[0]
        if state != "ok" or code is None or year is None:
            raise SubmissionError("revert.unusable", id=submission_id)
        current = store.latest_id(code, year)
        if current == submission_id:
            return Reverted(submission_id, code, name, year, file_name, None)
        ((newest,),) = store.query(
            "SELECT MAX(id) FROM submissions WHERE status = 'ok' AND village_code = ? AND year = ?",
            [code, year],
        )
        from bkbk_cli.store import now_utc

        store.conn.execute(
            "INSERT INTO current_choices (submission_id, village_code, year, newest_id, "
            "chosen_at) VALUES (?, ?, ?, ?, ?)",
            [submission_id, code, year, newest, now_utc()],
        )
    return Reverted(submission_id, code, name, year, file_name, current)


__all__ = ["Reverted", "SubmissionError", "history", "resolve_village", "revert", "status"]
