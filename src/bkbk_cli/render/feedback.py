"""What goes back to the village: its findings said the way a village secretary reads them.

A list of finding codes means nothing to the secretary who typed the roster. The
feedback groups what must be fixed by the column it is in ("NIK perlu diperbaiki
(3 baris): B11, B14, B17"), keeps warnings apart (what correct data says about
the programme: nothing to fix in the file), and says by when to send the roster
back: the next payment deadline (``config.contribution``). One function builds
the short chat message (``bkbk validate --message``), and the "Ringkasan" sheet
of the annotated copy opens with the same text, so the two never disagree.
Messages never hold a NIK (the catalogue's rule), only cells.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bkbk_cli.checks.sheet import WHOLE_SHEET_CODES
from bkbk_cli.config import KATEGORI, Config
from bkbk_cli.findings import ROSTER_FIELDS, Finding
from bkbk_cli.messages import Lang, label
from bkbk_cli.words import WORDS, period_name, word

if TYPE_CHECKING:
    from bkbk_cli.validate import FileResult

__all__ = [
    "Feedback",
    "Group",
    "build_feedback",
    "message_text",
    "messages_text",
    "next_deadline",
    "write_messages",
]

#: Participant columns a row-level error is grouped by, in the roster's order.
FIELD_ORDER: tuple[str, ...] = (*ROSTER_FIELDS, "iuran")
#: Findings about the sheet as a whole: told as they are, never grouped by column.
SHEET_CODES = WHOLE_SHEET_CODES
#: Cells named in the chat message per group; the sheet lists them all.
MESSAGE_CELLS = 8


@dataclass
class Group:
    """Findings told together: one column's errors, or one kind of warning."""

    title: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len({f.row for f in self.findings if f.row is not None}) or len(self.findings)

    @property
    def cells(self) -> list[str]:
        found = (f.cell or (f"{f.column or ''}{f.row}" if f.row else None) for f in self.findings)
        return list(dict.fromkeys(c for c in found if c))


@dataclass
class Feedback:
    """One file's feedback: who it is for, what is fine, what to fix, what is a warning."""

    file: str
    sheet: str | None
    village: str  # "Parit Pudin (15.06.03.2006)", or the file's name when unknown
    village_code: str | None
    period: str | None
    deadline: dt.date
    readable: bool
    fixes: list[Group]
    warnings: list[Group]
    fine: list[str]
    error_count: int
    error_rows: int
    lang: Lang


def next_deadline(today: dt.date, config: Config) -> dt.date:
    """The next payment deadline on or after ``today``: the day the corrected roster is
    due, since that month's payments are reported with it."""
    day = config.contribution.deadline_day
    year, month = today.year, today.month
    for _ in range(2):
        due = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if due >= today:
            return due
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return due  # pragma: no cover  (the next month's deadline is always ahead)


def date_words(day: dt.date, lang: Lang) -> str:
    """``2026-12-15`` -> ``15 Desember 2026``."""
    return f"{day.day} {period_name(f'{day.year:04d}-{day.month:02d}', lang)}"


def build_feedback(
    result: FileResult, config: Config, lang: Lang = "id", today: dt.date | None = None
) -> Feedback:
    """The feedback for one validated file."""
    today = today or dt.date.today()
    findings = result.finding_records(lang)
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity != "error"]
    name = result.village_name or (result.file.rsplit("/", 1)[-1])
    village = f"{name} ({result.village_code})" if result.village_code else name
    return Feedback(
        file=result.file,
        sheet=result.sheet,
        village=village,
        village_code=result.village_code,
        period=result.period,
        deadline=next_deadline(today, config),
        readable=result.readable,
        fixes=_fix_groups(errors, lang),
        warnings=_warning_groups(warnings, lang),
        fine=_fine(result, errors, config, lang),
        error_count=len(errors),
        error_rows=len({f.row for f in errors if f.row is not None}),
        lang=lang,
    )


def _fix_groups(errors: list[Finding], lang: Lang) -> list[Group]:
    """Row errors by column ("NIK perlu diperbaiki (3 baris)"), sheet and file errors one
    group each (their message says it all)."""
    by_field: dict[str, Group] = {}
    other: list[Group] = []
    for f in errors:
        if f.field in FIELD_ORDER and f.row is not None and f.code not in SHEET_CODES:
            by_field.setdefault(f.field, Group("")).findings.append(f)
        else:
            other.append(Group(f.message, [f]))
    groups = []
    for key in FIELD_ORDER:
        if key in by_field:
            group = by_field[key]
            group.title = word(
                "feedback.fix", lang, what=word(f"feedback.field.{key}", lang), n=group.rows
            )
            groups.append(group)
    return other + groups


def _warning_groups(warnings: list[Finding], lang: Lang) -> list[Group]:
    """Warnings by kind: "Iuran bolong (3 baris)"; a quota or sheet note by its message."""
    by_code: dict[str, Group] = {}
    for f in warnings:
        by_code.setdefault(f.code, Group("")).findings.append(f)
    for code, group in by_code.items():
        key = f"feedback.warn.{code}"
        if key in WORDS:
            group.title = word(key, lang, n=group.rows)
        else:
            group.title = "; ".join(dict.fromkeys(f.message for f in group.findings))
    return list(by_code.values())


def _fine(result: FileResult, errors: list[Finding], config: Config, lang: Lang) -> list[str]:
    """What is right, said first: the rows read, the quota reached, the columns without error."""
    if not result.readable:
        return []
    lines = [word("feedback.fine.rows", lang, read=result.rows_read, ok=result.participants)]
    for kategori in KATEGORI:
        counts = (result.counts or {}).get(kategori)
        if counts is None:
            continue
        quota = config.quota.for_kategori(kategori)
        key = "feedback.fine.quota_met" if counts["active"] >= quota else "feedback.fine.quota"
        lines.append(word(key, lang, k=label(kategori, lang), quota=quota, **counts))
    wrong = {f.field for f in errors}
    clean = [word(f"feedback.field.{k}", lang) for k in FIELD_ORDER if k not in wrong]
    if result.participants and clean:
        lines.append(word("feedback.fine.columns", lang, columns=", ".join(clean)))
    return lines


def _cells(group: Group, lang: Lang) -> str:
    cells = group.cells
    if len(cells) > MESSAGE_CELLS:
        more = word("feedback.more_cells", lang, n=len(cells) - MESSAGE_CELLS)
        return ", ".join(cells[:MESSAGE_CELLS]) + " " + more
    return ", ".join(cells)


def message_lines(fb: Feedback) -> list[str]:
    """The chat message, line by line (see ``message_text``)."""
    lang = fb.lang
    period = period_name(fb.period, lang) if fb.period else "-"
    due = date_words(fb.deadline, lang)
    head_key = "feedback.head" if fb.village_code else "feedback.head_file"
    head = word(head_key, lang, village=fb.village, period=period)
    if not fb.readable:
        reason = "; ".join(g.title for g in fb.fixes)
        return [head, word("feedback.unreadable", lang, reason=reason, due=due)]
    if not fb.fixes:
        lines = [head, word("feedback.all_fine", lang)]
    else:
        if fb.error_rows:
            intro = word("feedback.to_fix", lang, n=fb.error_count, rows=fb.error_rows)
        else:
            intro = word("feedback.to_fix_sheet", lang, n=fb.error_count)
        lines = [head, intro]
        for group in fb.fixes:
            cells = _cells(group, lang)
            lines.append(f"- {group.title}" + (f": {cells}" if cells else ""))
        lines.append(word("feedback.send_back", lang, due=due))
    n_warnings = sum(len(g.findings) for g in fb.warnings)
    if n_warnings:
        kinds = ", ".join(_short(g) for g in fb.warnings[:3])
        if len(fb.warnings) > 3:  # else the three read as all there is
            kinds += word("feedback.more_kinds", lang, n=len(fb.warnings) - 3)
        lines.append(word("feedback.warnings_line", lang, n=n_warnings, kinds=kinds))
    return lines


def _short(group: Group) -> str:
    title = group.title
    return title if len(title) <= 60 else title[:57].rstrip() + "..."


def message_text(fb: Feedback) -> str:
    """The short chat message for the village: what to fix, in how many rows, by when."""
    return "\n".join(message_lines(fb))


def messages_text(
    results: Sequence[FileResult],
    config: Config,
    lang: Lang = "id",
    today: dt.date | None = None,
    attachments: dict[str, str] | None = None,
) -> str:
    """Every file's message, one block each, a blank line apart; several files are headed
    by their file name (and the return copy to attach) so each goes to the right village."""
    blocks = []
    for result in results:
        text = message_text(build_feedback(result, config, lang, today))
        if len(results) > 1 or attachments:
            name = Path(result.file).name
            attach = (attachments or {}).get(result.file)
            if attach:
                name += " " + word("feedback.attach", lang, file=attach)
            text = f"== {name}\n{text}"
        blocks.append(text + "\n")
    return "\n".join(blocks)


def write_messages(
    results: Sequence[FileResult],
    folder: Path,
    config: Config,
    lang: Lang = "id",
    today: dt.date | None = None,
    attachments: dict[str, str] | None = None,
) -> Path:
    """Write all messages into one text file in ``folder`` (atomically) and return it;
    ``attachments`` maps a file to the name of its return copy."""
    from bkbk_cli.atomic import write_text_atomically

    path = folder / word("feedback.messages_file", lang)
    write_text_atomically(path, messages_text(results, config, lang, today, attachments))
    return path
