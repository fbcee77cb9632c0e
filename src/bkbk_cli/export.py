"""The unattended export: every report of one period as files a web folder or share can serve.

``run_export`` writes the province report and the report of each of Jambi's 11
regencies, each as xlsx, csv and json (36 files), named with the period::

    bkbk-provinsi-2026-10.xlsx   bkbk-provinsi-2026-10.csv   bkbk-provinsi-2026-10.json
    bkbk-kerinci-2026-10.xlsx    bkbk-kerinci-2026-10.csv    bkbk-kerinci-2026-10.json
    ...                          (one triple per regency slug, see ``regions.regencies``)

File names do not depend on ``--lang``; scripts can rely on them. The province
workbook carries one sheet per regency; its CSV has one row per regency, a
regency's CSV one row per village (``report_rows.rows_to_csv``: UTF-8, no BOM,
formula-safe text). The JSON files are the report documents as ``bkbk report
--format json`` prints them.

Safety for a reader and for a failed run:

* Every document is built first; only then is anything written. A report that
  cannot be built (a store error, a bug) therefore replaces no file.
* Each file is written to a hidden temporary name in ``out_dir``
  (``.bkbk-export-<name>.<random>.tmp``) and flushed to disk. Only when all 36
  are written are they renamed into place (``os.replace``, atomic on one file
  system), so a reader sees either a complete old file or a complete new one,
  never half of one. On failure the temporary files are removed; should the
  process be killed outright, the next export removes what it left.
* A lock, ``fcntl.flock`` on ``out_dir/.bkbk-export.lock`` (never deleted; it
  holds the pid of the running export), keeps two exports into one folder from
  running over each other: the second fails at once with `ExportLocked`
  rather than wait, so a slow run cannot pile up cron jobs. POSIX only.

Files of other periods in ``out_dir`` are left alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bkbk_cli.atomic import write_temporary
from bkbk_cli.config import Colours
from bkbk_cli.messages import Lang
from bkbk_cli.regions import Regency, regencies
from bkbk_cli.render import json_text
from bkbk_cli.render.report_rows import rows_to_csv
from bkbk_cli.render.report_xlsx import build_workbook
from bkbk_cli.words import word, worded

__all__ = [
    "FORMATS",
    "LOCK_NAME",
    "PROVINCE_SCOPE",
    "ExportError",
    "ExportLocked",
    "ExportSummary",
    "export_lock",
    "file_name",
    "run_export",
]

#: The lock file in the output folder.
LOCK_NAME = ".bkbk-export.lock"
#: The name part for the province's files (regencies use their slug).
PROVINCE_SCOPE = "provinsi"
FORMATS: tuple[str, ...] = ("xlsx", "csv", "json")

_TMP_PREFIX = ".bkbk-export-"
_TMP_SUFFIX = ".tmp"
_PERIOD_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

Document = Mapping[str, Any]
#: Builds the province report for a period (``None``: the default period); the document's
#: ``"period"`` says which period it chose.
ProvinceBuilder = Callable[[str | None], Document]
#: Builds one regency's report for the period the province report chose.
RegencyBuilder = Callable[[Regency, str], Document]


class ExportError(RuntimeError):
    """The export failed; no file of this run replaced an older one unless the message says so.

    ``__cause__`` holds the underlying error when there is one (a store error, an OSError, or
    a bug in a report builder).
    """


class ExportLocked(ExportError):
    """Another export holds the lock on the output folder."""


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What a successful export wrote."""

    out_dir: Path
    period: str
    files: tuple[Path, ...]
    regencies: int

    def line(self, lang: Lang = "en") -> str:
        """The one line ``bkbk export`` prints on success."""
        return word(
            "export.done",
            lang,
            n=len(self.files),
            period=self.period,
            out=self.out_dir,
            regencies=self.regencies,
        )


def file_name(scope: str, period: str, fmt: str) -> str:
    """``bkbk-<scope>-<period>.<fmt>``: scope is ``provinsi`` or a regency slug."""
    return f"bkbk-{scope}-{period}.{fmt}"


# --- the lock ----------------------------------------------------------------------


@contextlib.contextmanager
def export_lock(out_dir: Path) -> Iterator[Path]:
    """Hold the export lock of ``out_dir`` (which must exist) for the ``with`` block.

    Raises:
        ExportLocked: another process holds it; the message names the folder and its pid.
        ExportError: the lock file cannot be created.
    """
    path = out_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise worded(ExportError, "export.lock_file", path=path, reason=exc.strerror) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise worded(ExportLocked, "export.locked", out=out_dir, who=who, path=path) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock


# --- writing -----------------------------------------------------------------------


def _remove_stale_temps(out_dir: Path) -> None:
    """Temporary files of an export that was killed outright (we hold the lock: none is live)."""
    for stale in out_dir.glob(f"{_TMP_PREFIX}*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _write_temp(out_dir: Path, name: str, write: Callable[[Path], None]) -> Path:
    """``write`` into a new temporary file in ``out_dir``, flushed to disk; returns its path."""
    return write_temporary(out_dir / name, write, prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be synced
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _writers(
    document: Document,
    rows_key: str,
    lang: Lang,
    workbook_document: Document,
    colours: Colours | None = None,
):
    """(format, function writing that format to a path) for one report."""

    def xlsx(path: Path) -> None:
        build_workbook(workbook_document, lang, colours).save(path)

    def csv_file(path: Path) -> None:
        path.write_text(rows_to_csv(document.get(rows_key) or []), encoding="utf-8")

    def json_file(path: Path) -> None:
        path.write_text(json_text.dumps(document) + "\n", "utf-8")

    return {"xlsx": xlsx, "csv": csv_file, "json": json_file}


def _period_of(document: Document, what: str) -> str:
    period = document.get("period") if isinstance(document, Mapping) else None
    if not isinstance(period, str) or not _PERIOD_RE.fullmatch(period):
        raise worded(ExportError, "export.no_period", what=what, period=period)
    return period


# --- the export --------------------------------------------------------------------


def run_export(
    out_dir: Path,
    period: str | None,
    build_province: ProvinceBuilder,
    build_regency: RegencyBuilder,
    *,
    lang: Lang = "id",
    regency_list: Sequence[Regency] | None = None,
    colours: Colours | None = None,
) -> ExportSummary:
    """Write the province report and every regency report of ``period`` into ``out_dir``.

    ``out_dir`` is created if missing. ``period`` ``None`` lets ``build_province`` choose
    (the latest month whose payment deadline has passed); every regency report is then built
    for the period the province report chose, so that all 36 files agree even when a run
    straddles a deadline. ``regency_list`` defaults to Jambi's 11 regencies.

    Raises:
        ExportLocked: another export is running into ``out_dir``.
        ExportError: a report could not be built or a file not written (``__cause__`` says
            why). No file of this run replaced an older one, and no temporary file remains.
    """
    out_dir = Path(out_dir)
    chosen = list(regencies() if regency_list is None else regency_list)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise worded(ExportError, "export.mkdir", path=out_dir, reason=exc.strerror or exc) from exc
    with export_lock(out_dir):
        _remove_stale_temps(out_dir)
        province, reports, resolved = _build_all(period, build_province, build_regency, chosen)
        plan: list[tuple[str, Callable[[Path], None]]] = []
        province_workbook = {**province, "regency_reports": reports}
        writers = _writers(province, "regencies", lang, province_workbook, colours)
        plan += [(file_name(PROVINCE_SCOPE, resolved, f), writers[f]) for f in FORMATS]
        for regency, report in zip(chosen, reports, strict=True):
            writers = _writers(report, "villages", lang, report, colours)
            plan += [(file_name(regency.slug, resolved, f), writers[f]) for f in FORMATS]
        files = _write_all(out_dir, plan)
    return ExportSummary(out_dir, resolved, tuple(files), len(chosen))


def _build_all(
    period: str | None,
    build_province: ProvinceBuilder,
    build_regency: RegencyBuilder,
    chosen: Sequence[Regency],
) -> tuple[Document, list[Document], str]:
    try:
        province = build_province(period)
    except Exception as exc:
        raise worded(ExportError, "export.province", reason=_describe(exc)) from exc
    resolved = _period_of(province, "province")
    if period is not None and resolved != period:
        raise worded(ExportError, "export.province_period", resolved=resolved, period=period)
    reports = []
    for regency in chosen:
        try:
            report = build_regency(regency, resolved)
        except Exception as exc:
            raise worded(
                ExportError, "export.regency", slug=regency.slug, reason=_describe(exc)
            ) from exc
        if _period_of(report, regency.slug) != resolved:
            raise worded(ExportError, "export.regency_period", slug=regency.slug, resolved=resolved)
        reports.append(report)
    return province, reports, resolved


def _describe(exc: BaseException) -> BaseException | str:
    from bkbk_cli.store import StoreError

    # A store error's message is written for the user (in its language, see words.said);
    # anything else is named by its type.
    if isinstance(exc, (StoreError, ExportError)):
        return exc
    return f"{type(exc).__name__}: {exc}"


def _write_all(out_dir: Path, plan: Sequence[tuple[str, Callable[[Path], None]]]) -> list[Path]:
    """Write every file to a temporary name, then rename them all into place."""
    temps: list[tuple[Path, Path]] = []
    try:
        for name, write in plan:
            temps.append((_write_temp(out_dir, name, write), out_dir / name))
    except BaseException as exc:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise worded(
                ExportError, "export.write", path=out_dir, reason=exc.strerror or exc
            ) from exc
        if isinstance(exc, Exception):
            raise worded(ExportError, "export.file", reason=_describe(exc)) from exc
        raise
    done = 0
    try:
        for tmp, final in temps:
            os.replace(tmp, final)
            done += 1
    except OSError as exc:
        for tmp, _ in temps[done:]:
            tmp.unlink(missing_ok=True)
        raise worded(
            ExportError,
            "export.move",
            path=out_dir,
            done=done,
            total=len(temps),
            reason=exc.strerror or exc,
        ) from exc
    _fsync_dir(out_dir)
    return [final for _, final in temps]
