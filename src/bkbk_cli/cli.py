"""The ``bkbk`` command line: parse options, call the library, print. No rules live here.

Exit codes, a contract for schedulers: 0 no error findings (warnings allowed,
unless ``--strict``); 1 error findings or a file that cannot be read; 2 usage
error; 3 an internal failure of the tool itself.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from bkbk_cli.cli_lang import BkbkGroup, run_lang

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# Help texts are keys of words.WORDS, put into the language of the run by cli_lang.BkbkGroup.
app = typer.Typer(
    cls=BkbkGroup,
    help="cli.app",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (see cli_lang for the help)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain Click help: rendering it with rich costs 0.2 s per call
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class State:
    debug: bool = False


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"bkbk: {message}", err=True)
    raise typer.Exit(code)


def told(exc: BaseException) -> str:
    """What an error says to the person at the terminal (``words.said``), in this run's language."""
    from bkbk_cli.words import said

    return str(said(exc, run_lang()))


def say(key: str, **kwargs: object) -> str:
    """The catalogue's ``key`` (``words.WORDS``) in the language of this run."""
    from bkbk_cli.words import word

    return word(key, run_lang(), **kwargs)


@contextmanager
def internal_errors() -> Iterator[None]:
    """Anything unexpected is a broken tool (exit 3), told in one line; ``--debug`` shows more."""
    try:
        yield
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if State.debug:
            import traceback

            traceback.print_exc()
        message = say("cli.internal_error", kind=type(exc).__name__, detail=exc)
        typer.echo(f"bkbk: {message}", err=True)
        raise typer.Exit(EXIT_INTERNAL) from None


def _version(value: bool) -> None:
    if value:
        from bkbk_cli import __version__

        typer.echo(f"bkbk {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="cli.opt.debug")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="cli.opt.version")
    ] = False,
) -> None:
    State.debug = debug


ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="cli.opt.config", metavar="cli.mv.file"),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang", help="cli.opt.lang", metavar="id|en", autocompletion=lambda: ["id", "en"]
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option("--period", help="cli.opt.period", metavar="cli.mv.period"),
]


def complete_regency(incomplete: str) -> list[str]:
    """Tab completion of --regency: the slugs that start with what is typed."""
    from bkbk_cli.regions import regencies

    return [r.slug for r in regencies() if r.slug.startswith(incomplete.lower())]


def load_rules(path: Path | None):
    from bkbk_cli.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        fail(str(exc))


def check_period(period: str | None) -> str | None:
    import re

    if period is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        fail(say("cli.bad_period", value=period))
    return period


def check_day(day: str | None, option: str) -> str | None:
    import datetime as dt

    if day is None:
        return None
    try:
        parsed = dt.date.fromisoformat(day)
    except ValueError:
        parsed = None
    if parsed is None or len(day) != 10:
        fail(say("cli.bad_day", option=option, value=day))
    return parsed.isoformat()


def check_lang(lang: str | None):
    from bkbk_cli.messages import current_lang

    if lang is not None and lang.lower() not in ("id", "en"):
        fail(say("cli.bad_lang", value=lang))
    return current_lang(lang)


def progress_bar(
    total: int, enabled: bool
) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A progress callback for long runs on a terminal, and a function that closes it."""
    if not enabled or total <= 5 or not sys.stderr.isatty() or os.environ.get("NO_COLOR"):
        return None, lambda: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("validate", total=total)
    bar.start()
    return (lambda n: bar.advance(task, n)), bar.stop


def roster_run(
    paths: list[Path],
    config: Path | None,
    lang: str | None,
    period: str | None,
    village: str | None,
    sheet: str | None = None,
):
    """What ``validate``, ``inspect`` and ``ingest`` start from: the checked options, the
    language and the roster files under ``paths`` (none found is exit 1)."""
    from bkbk_cli.validate import Options, iter_roster_paths

    rules = load_rules(config)
    chosen_lang = check_lang(lang)
    options = Options(config=rules, sheet=sheet, village=village, period=check_period(period))
    files = list(iter_roster_paths(paths))
    if not files:
        fail(say("cli.no_files"), EXIT_FINDINGS)
    return options, chosen_lang, files


PathsArg = Annotated[list[Path], typer.Argument(help="cli.arg.paths", metavar="cli.mv.paths")]


@app.command(help="cli.cmd.validate", short_help="cli.short.validate")
def validate(
    paths: PathsArg,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="cli.opt.format")
    ] = Format.table,
    lang: LangOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="cli.opt.strict")] = False,
    period: PeriodOpt = None,
    village: Annotated[
        str | None, typer.Option("--village", help="cli.opt.village", metavar="cli.mv.code")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="cli.opt.sheet", metavar="cli.mv.sheet")
    ] = None,
    annotate: Annotated[
        Path | None, typer.Option("--annotate", help="cli.opt.annotate", metavar="cli.mv.file")
    ] = None,
    config: ConfigOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", help="cli.opt.limit", metavar="cli.mv.number")
    ] = 30,
    message: Annotated[bool, typer.Option("--message", help="cli.opt.message")] = False,
) -> None:
    """Check village rosters cell by cell; report every problem with its sheet, row and column."""
    with internal_errors():
        from bkbk_cli.validate import validate_paths

        options, chosen_lang, files = roster_run(paths, config, lang, period, village, sheet)
        rules = options.config
        tick, close = progress_bar(len(files), output_format == Format.table)
        try:
            results = validate_paths(files, options, progress=tick, keep_tables=False)
        finally:
            close()
        written = (
            []
            if annotate is None
            else write_annotations(results, annotate, chosen_lang, rules, options.today)
        )
        if message:
            from bkbk_cli.render.feedback import messages_text

            typer.echo(messages_text(results, rules, chosen_lang, options.today), nl=False)
        elif output_format == Format.json:
            from bkbk_cli.render.tabular import to_json

            typer.echo(to_json(results, rules, chosen_lang))
        elif output_format == Format.csv:
            from bkbk_cli.render.tabular import to_csv

            sys.stdout.write(to_csv(results, chosen_lang))
        else:
            from bkbk_cli.render.terminal import print_results

            print_results(console(), results, rules, chosen_lang, limit)
        if annotate is not None:  # where the copy went; stderr keeps json, csv, messages clean
            err = message or output_format != Format.table
            typer.echo(annotated_line(written, annotate, chosen_lang), err=err)
        failed = any(r.errors for r in results) or (strict and any(r.warnings for r in results))
        raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command(help="cli.cmd.inspect", short_help="cli.short.inspect")
def inspect(
    paths: PathsArg,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="cli.opt.format")
    ] = Format.table,
    lang: LangOpt = None,
    village: Annotated[
        str | None, typer.Option("--village", help="cli.opt.village", metavar="cli.mv.code")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="cli.opt.sheet", metavar="cli.mv.sheet")
    ] = None,
    period: PeriodOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show how a roster is read: sheet, header rows, each column's field, months, where the
    category and village came from, rows skipped and why."""
    with internal_errors():
        from bkbk_cli.inspection import inspect_roster

        options, chosen_lang, files = roster_run(paths, config, lang, period, village, sheet)
        reports = [inspect_roster(f, options, chosen_lang) for f in files]
        if output_format == Format.json:
            import json

            typer.echo(json.dumps({"files": reports}, ensure_ascii=False, indent=2, default=str))
        else:
            from bkbk_cli.render.inspect_text import inspect_lines

            for report in reports:
                typer.echo("\n".join(inspect_lines(report, chosen_lang)))
        unreadable = any(not r.get("readable") for r in reports)
        raise typer.Exit(EXIT_FINDINGS if unreadable else EXIT_OK)


DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="cli.opt.db", metavar="cli.mv.file"),
]


@app.command(help="cli.cmd.ingest", short_help="cli.short.ingest")
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="cli.opt.dry_run")] = False,
    period: PeriodOpt = None,
    village: Annotated[
        str | None, typer.Option("--village", help="cli.opt.village", metavar="cli.mv.code")
    ] = None,
    received: Annotated[
        str | None,
        typer.Option("--received", help="cli.opt.received", metavar="YYYY-MM-DD"),
    ] = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Check rosters as validate does and record them in the store for reports.

    Per file: stored, replaced (a newer roster for the village and year; the old one
    stays as history), unchanged (this content is already stored) or failed (unreadable, or
    its village cannot be determined: listed in reports as roster tanpa desa);
    rows read = participants stored + rows rejected. Exit 0 when every file could be read
    (findings are stored with the roster and counted in reports); 1 when a file could not
    be read or had no village, or none was found; 2 usage error; 3 internal error.
    """
    with internal_errors():
        from bkbk_cli.ingest import ingest_paths, outcome_line, summary_line
        from bkbk_cli.store import Store, StoreError

        options, chosen_lang, files = roster_run(paths, config, lang, period, village)
        received_on = check_day(received, "--received")
        try:
            store = Store.open_existing(db) if dry_run else Store.open(db)
        except StoreError as exc:
            fail(told(exc), EXIT_FINDINGS)
        store.received_on = received_on
        failed = False

        def show(outcomes) -> None:  # one line per file as soon as it is stored
            nonlocal failed
            for outcome in outcomes:
                failed = failed or outcome.status == "failed"
                typer.echo(outcome_line(outcome, chosen_lang))

        with store:
            try:
                outcomes = ingest_paths(files, store, options, dry_run=dry_run, on_outcomes=show)
            except StoreError as exc:
                fail(told(exc), EXIT_FINDINGS)
        typer.echo(summary_line(outcomes, len(files), chosen_lang))
        raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command(help="cli.cmd.report", short_help="cli.short.report")
def report(
    regency: Annotated[
        str | None,
        typer.Option(
            "--regency",
            "-r",
            help="cli.opt.regency",
            metavar="cli.mv.regency",
            autocompletion=complete_regency,
        ),
    ] = None,
    period: PeriodOpt = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="cli.opt.format")
    ] = ReportFormat.table,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="cli.opt.out", metavar="cli.mv.file")
    ] = None,
    sort: Annotated[
        str | None, typer.Option("--sort", help="cli.opt.sort", metavar="cli.mv.column")
    ] = None,
    desc: Annotated[bool, typer.Option("--desc", help="cli.opt.desc")] = False,
    show_nik: Annotated[bool, typer.Option("--show-nik", help="cli.opt.show_nik")] = False,
    belum_lapor: Annotated[bool, typer.Option("--belum-lapor", help="cli.opt.belum_lapor")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Quota and contribution continuity per village of a regency, or per regency of the province.

    Villages without a roster are listed as belum lapor; NIKs are masked unless
    --show-nik. Exit 0 on success; 1 when the store cannot be read or --out cannot be
    written; 2 on a usage error (unknown regency, bad period or sort column); 3 on an
    internal error.
    """
    with internal_errors():
        from bkbk_cli import measures
        from bkbk_cli.regions import UnknownRegionError, resolve_regency
        from bkbk_cli.render import report_table

        rules = load_rules(config)
        chosen_lang = check_lang(lang)
        check_period(period)
        if output_format == ReportFormat.xlsx and out is None:
            fail(say("cli.xlsx_needs_out"))
        if belum_lapor and output_format == ReportFormat.xlsx:
            fail(say("cli.belum_lapor_xlsx"))
        try:
            chosen = resolve_regency(regency) if regency is not None else None
        except UnknownRegionError:
            from bkbk_cli.regions import regencies

            valid = ", ".join(r.slug for r in regencies())
            fail(say("cli.unknown_regency", text=regency, valid=valid))
        store = open_store(db, chosen_lang)
        with store:
            choice = report_choice(store, rules, period, chosen_lang)
            if chosen is None:  # the province workbook has a sheet per regency
                with_sheets = output_format == ReportFormat.xlsx or belum_lapor
                document = measures.province_report(store, choice, rules, show_nik, with_sheets)
            else:
                document = measures.regency_report(store, chosen, choice, rules, show_nik)
        if belum_lapor:
            write_not_reported(document, output_format.value, out, chosen_lang)
            return
        if sort is not None:
            try:
                document = report_table.sort_report(document, sort, desc, chosen_lang)
            except report_table.UnknownSortColumn as exc:
                headers, names = ", ".join(exc.headers), ", ".join(exc.names)
                fail(say("cli.unknown_sort", column=sort, headers=headers, names=names))
        if output_format == ReportFormat.table and out is None:
            report_table.print_report(console(), document, chosen_lang, rules.colours)
            return
        try:
            if output_format == ReportFormat.xlsx:
                from bkbk_cli.render.report_xlsx import ReportXlsxError, write_report_xlsx

                try:
                    write_report_xlsx(document, out, chosen_lang, rules.colours)
                except ReportXlsxError as exc:
                    fail(told(exc), EXIT_FINDINGS)
                return
            text = report_table.render_text(document, output_format.value, chosen_lang)
            villageless = document.get("rosters_without_village") or []
            if output_format == ReportFormat.csv and villageless:  # a CSV line is a place
                from bkbk_cli.words import word

                files = ", ".join(str(r["file_name"]) for r in villageless)
                note = word("villageless.csv_note", chosen_lang, n=len(villageless), files=files)
                typer.echo(note, err=True)
            if out is None:
                sys.stdout.write(text)
            else:
                report_table.write_atomic(out, text)
        except OSError as exc:
            fail(say("cli.cannot_write", path=out, reason=exc.strerror or exc), EXIT_FINDINGS)


def write_not_reported(document, fmt: str, out: Path | None, lang) -> None:
    """``report --belum-lapor``: the villages without a roster, on screen or as json/csv."""
    from bkbk_cli import not_reported
    from bkbk_cli.render import report_table

    listing = not_reported.not_reported(document)
    if fmt == "table" and out is None:
        not_reported.print_list(console(), listing, lang)
        return
    text = not_reported.render_text(listing, fmt, lang)
    if out is None:
        sys.stdout.write(text)
        return
    try:
        report_table.write_atomic(out, text)
    except OSError as exc:
        fail(say("cli.cannot_write", path=out, reason=exc.strerror or exc), EXIT_FINDINGS)


class BriefFormat(StrEnum):
    pdf = "pdf"
    html = "html"


@app.command(help="cli.cmd.brief", short_help="cli.short.brief")
def brief(
    regency: Annotated[
        str | None,
        typer.Option("--regency", "-r", help="cli.opt.regency", metavar="cli.mv.regency"),
    ] = None,
    period: PeriodOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="cli.opt.out", metavar="cli.mv.file")
    ] = None,
    output_format: Annotated[
        BriefFormat | None,
        typer.Option("--format", "-f", help="cli.opt.brief_format"),
    ] = None,
    reminder: Annotated[
        bool,
        typer.Option("--reminder", help="cli.opt.reminder"),
    ] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """The meeting brief (help: ``cli.cmd.brief``)."""
    with internal_errors():
        from bkbk_cli.brief import build_brief, reminder_text
        from bkbk_cli.regions import UnknownRegionError, resolve_regency

        rules = load_rules(config)
        chosen_lang = check_lang(lang)
        check_period(period)
        if output_format is None:
            suffix = out.suffix.lower() if out is not None else ""
            output_format = BriefFormat.html if suffix in (".html", ".htm") else BriefFormat.pdf
        if out is None and not reminder:
            fail(say("cli.brief_needs_out"))
        try:
            chosen = resolve_regency(regency) if regency is not None else None
        except UnknownRegionError:
            from bkbk_cli.regions import regencies

            valid = ", ".join(r.slug for r in regencies())
            fail(say("cli.unknown_regency", text=regency, valid=valid))
        with open_store(db, chosen_lang) as store:  # a missing store is an error, as in report
            choice = report_choice(store, rules, period, chosen_lang)
            document = build_brief(store, choice, rules, chosen, chosen_lang)
        if reminder and out is None:
            sys.stdout.write(reminder_text(document, chosen_lang))
            return
        try:
            if reminder:
                from bkbk_cli.atomic import write_text_atomically

                write_text_atomically(out, reminder_text(document, chosen_lang))
                return
            from bkbk_cli.render.brief_html import write_brief

            write_brief(document, out, output_format.value, chosen_lang)
        except OSError as exc:
            fail(say("cli.cannot_write", path=out, reason=exc.strerror or exc), EXIT_FINDINGS)


@app.command(help="cli.cmd.export", short_help="cli.short.export")
def export(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="cli.opt.export_out", metavar="cli.mv.folder")
    ],
    period: PeriodOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="cli.opt.quiet")] = False,
    briefs: Annotated[bool, typer.Option("--brief/--no-brief", help="cli.opt.export_brief")] = True,
) -> None:
    """Write the province and every regency report as xlsx, csv, json and the PDF brief.

    Files are named with the period (bkbk-provinsi-2026-10.xlsx, bkbk-tanjab-barat-2026-10.pdf),
    with index.html linking them, and replaced only when all 49 are written (36 with
    --no-brief), so readers never see half a file and a failed run leaves the previous ones.
    Prints one line on success (nothing with --quiet), never colour or progress. Exit 0 on
    success; 1 when another export is running into the folder, the store is missing or
    unusable, or a file cannot be written; 2 usage; 3 internal error.
    """
    with internal_errors():
        import sqlite3

        from bkbk_cli import measures
        from bkbk_cli.export import ExportError, run_export
        from bkbk_cli.store import StoreError

        rules = load_rules(config)
        chosen_lang = check_lang(lang)
        check_period(period)
        try:
            with open_store(db, chosen_lang) as store:
                choice = report_choice(store, rules, period, chosen_lang, quiet)

                def build_briefs(province, reports):
                    from bkbk_cli.brief import build_brief
                    from bkbk_cli.render.brief_html import brief_pdf, pdf_by_section

                    documents = (province, reports)
                    made = build_brief(store, None, rules, None, chosen_lang, documents)
                    return pdf_by_section(brief_pdf(made, chosen_lang))

                summary = run_export(
                    out,
                    choice.period,
                    lambda p: measures.province_report(store, choice, rules),
                    lambda r, p: measures.regency_report(store, r, choice, rules),
                    lang=chosen_lang,
                    colours=rules.colours,
                    build_briefs=build_briefs if briefs else None,
                )
        except (ExportError, StoreError) as exc:
            cause = exc.__cause__
            if cause is None or isinstance(cause, (StoreError, OSError, sqlite3.Error)):
                fail(say("cli.export_failed", reason=told(exc)), EXIT_FINDINGS)
            raise  # a bug in building a report: internal error, exit 3
        if not quiet:
            typer.echo(summary.line(chosen_lang))


@app.command(help="cli.cmd.template", short_help="cli.short.template")
def template(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="cli.opt.template_out", metavar="cli.mv.file")
    ],
    village: Annotated[
        str | None,
        typer.Option("--village", help="cli.opt.template_village", metavar="cli.mv.code"),
    ] = None,
    regency: Annotated[
        str | None,
        typer.Option(
            "--regency",
            "-r",
            help="cli.opt.template_regency",
            metavar="cli.mv.regency",
            autocompletion=complete_regency,
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="cli.opt.year", metavar="cli.mv.number")
    ] = None,
    prefill: Annotated[bool, typer.Option("--prefill", help="cli.opt.prefill")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the official blank roster for a village, a regency or (neither given) the province.

    Title block filled in, one header row, a column per month, NIK/KPJ as text with
    validation, drop-downs, protected header, a Petunjuk sheet. --prefill copies the
    participants (no payments) of the village's latest roster in the store. Exit 0 on
    success; 1 when the store or a file cannot be used; 2 on a usage error.
    """
    with internal_errors():
        import datetime as dt

        from bkbk_cli import template_files as tpl
        from bkbk_cli.regions import UnknownRegionError
        from bkbk_cli.store import Store, StoreError, store_path

        rules = load_rules(config)
        chosen_lang = check_lang(lang)
        if village is not None and regency is not None:
            fail(say("cli.village_or_regency"))
        chosen_year = year or dt.date.today().year
        if not 2000 <= chosen_year <= 2100:
            fail(say("cli.bad_year", value=chosen_year))
        try:
            villages = tpl.villages_for(village, regency)
        except UnknownRegionError as exc:
            fail(told(exc))
        store = None
        if prefill:
            path = store_path(db)
            if not path.exists():  # a blank template would look like a village without people
                fail(say("cli.no_store", path=path), EXIT_FINDINGS)
            try:
                store = Store.open(path)
            except StoreError as exc:
                fail(told(exc), EXIT_FINDINGS)
        one_file = village is not None and not out.is_dir()
        folder = out.parent if one_file else out
        written = []
        try:
            province = village is None and regency is None
            name = out.name if one_file else None
            for done in tpl.write_templates(
                villages, folder, chosen_year, rules, chosen_lang, store, province, name
            ):
                written.append(done)
                if done.prefilled == 0:
                    typer.echo(tpl.notice("template.no_roster", chosen_lang, done), err=True)
        except OSError as exc:
            where = getattr(exc, "filename", None) or out
            fail(say("cli.cannot_write", path=where, reason=exc.strerror or exc), EXIT_FINDINGS)
        finally:
            if store is not None:
                store.close()
        typer.echo(tpl.summary_line(written, folder, chosen_lang))


class StoreFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(help="cli.cmd.status", short_help="cli.short.status")
def status(
    output_format: Annotated[
        StoreFormat, typer.Option("--format", "-f", help="cli.opt.store_format")
    ] = StoreFormat.table,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """What the store holds: its path and schema version, submissions, and per roster year
    the villages reporting in each regency and the latest ingest. Exit 0; 1 when there is
    no store (or it cannot be read)."""
    with internal_errors():
        from bkbk_cli.submissions import status as store_status

        chosen_lang = check_lang(lang)
        with open_store(db, chosen_lang) as store:
            info = store_status(store)
        if output_format == StoreFormat.json:
            from bkbk_cli.render import json_text

            typer.echo(json_text.dumps(info))
            return
        from bkbk_cli.render.store_tables import print_status

        print_status(console(), info, chosen_lang)


@app.command(help="cli.cmd.history", short_help="cli.short.history")
def history(
    village: Annotated[str, typer.Argument(help="cli.arg.village", metavar="cli.mv.village")],
    regency: Annotated[
        str | None,
        typer.Option(
            "--regency",
            "-r",
            help="cli.opt.history_regency",
            metavar="cli.mv.regency",
            autocompletion=complete_regency,
        ),
    ] = None,
    output_format: Annotated[
        StoreFormat, typer.Option("--format", "-f", help="cli.opt.store_format")
    ] = StoreFormat.table,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """The submissions of one village: when, which file, rows, errors, and which one reports
    use (current). Exit 0; 1 without a store; 2 for a village that cannot be told."""
    with internal_errors():
        from bkbk_cli.regions import UnknownRegionError
        from bkbk_cli.submissions import SubmissionError, resolve_village
        from bkbk_cli.submissions import history as village_history
        from bkbk_cli.words import word

        chosen_lang = check_lang(lang)
        with open_store(db, chosen_lang) as store:
            try:
                code, name = resolve_village(store, village, regency)
            except UnknownRegionError:
                from bkbk_cli.regions import regencies

                valid = ", ".join(r.slug for r in regencies())
                fail(say("cli.unknown_regency", text=regency, valid=valid))
            except SubmissionError as exc:
                fail(word(exc.key, chosen_lang, **exc.values))
            rows = village_history(store, code)
        if output_format == StoreFormat.json:
            from bkbk_cli.render import json_text

            document = {"village_code": code, "village_name": name, "submissions": rows}
            typer.echo(json_text.dumps(document))
            return
        from bkbk_cli.render.store_tables import print_history

        print_history(console(), code, name, rows, chosen_lang)


@app.command(help="cli.cmd.revert", short_help="cli.short.revert")
def revert(
    submission: Annotated[
        int, typer.Argument(help="cli.arg.submission", metavar="cli.mv.submission")
    ],
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Make an earlier submission the one reports use for its village and year again.

    Nothing is deleted; a roster of the village ingested later replaces it as usual.
    Exit 0; 1 without a store or for a submission that does not exist or cannot be used.
    """
    with internal_errors():
        from bkbk_cli.store import StoreError
        from bkbk_cli.submissions import SubmissionError
        from bkbk_cli.submissions import revert as revert_submission
        from bkbk_cli.words import word

        chosen_lang = check_lang(lang)
        with open_store(db, chosen_lang) as store:
            try:
                done = revert_submission(store, submission)
            except SubmissionError as exc:
                fail(word(exc.key, chosen_lang, **exc.values), EXIT_FINDINGS)
            except StoreError as exc:
                fail(told(exc), EXIT_FINDINGS)
        typer.echo(
            word(
                "revert.already" if done.previous is None else "revert.done",
                chosen_lang,
                id=done.submission_id,
                file=done.file_name,
                code=done.village_code,
                name=done.village_name or "",
                year=done.year,
                previous=done.previous,
            )
        )


def open_store(db: Path | None, lang):
    """The store for a read-only command; it must exist (only ``ingest`` creates one).

    A mistyped ``--db`` or ``BKBK_DB`` is told with its path and exit 1: a report on an
    empty store would tell officials that no village has reported.
    """
    from bkbk_cli.store import Store, StoreError, StoreMissing
    from bkbk_cli.words import word

    try:
        return Store.open_present(db)
    except StoreMissing as exc:
        fail(word("cli.no_store", lang, path=exc.path), EXIT_FINDINGS)
    except StoreError as exc:
        fail(told(exc), EXIT_FINDINGS)


def report_choice(store, rules, period: str | None, lang, quiet: bool = False):
    """The period a report is for (the rule ``validate`` uses, on the store's rosters),
    warning once on stderr when rosters of its year end before it."""
    from bkbk_cli.report_period import choose_period, warning

    choice = choose_period(store, rules, period)
    text = warning(choice, lang)
    if text and not quiet:
        typer.echo(f"bkbk: {text}", err=True)
    return choice


def console():
    from rich.console import Console

    return Console(no_color=bool(os.environ.get("NO_COLOR")) or None, highlight=False)


def annotated_line(written: list[Path], target: Path, lang) -> str:
    """One line saying where ``--annotate`` wrote the marked-up copies."""
    from bkbk_cli.words import word

    if len(written) == 1 and written[0] == target:
        return word("annotate.written", lang, path=written[0])
    return word("annotate.written_folder", lang, n=len(set(written)), path=target)


def write_annotations(results, target: Path, lang, config, today=None) -> list[Path]:
    """One marked-up workbook per readable file: ``target`` itself, or inside it if a folder
    (then also every village's message in one text file, ready to send). Returns the
    workbooks written."""
    from bkbk_cli.read.guard import sniff_format
    from bkbk_cli.read.workbook import WorkbookError, sheet_grid
    from bkbk_cli.render.annotate import AnnotateError, annotate_workbook
    from bkbk_cli.render.feedback import build_feedback, write_messages

    readable = [r for r in results if r.readable]
    copies: list[Path] = []
    many = len(results) > 1 or target.is_dir()
    if many:
        target.mkdir(parents=True, exist_ok=True)
    attachments: dict[str, str] = {}
    for result in readable:
        source = Path(result.file)
        out = target / f"{source.stem}.temuan.xlsx" if many else target
        attachments[result.file] = out.name
        fmt = sniff_format(source) or "xlsx"
        try:
            grid = None if fmt == "xlsx" else sheet_grid(source, fmt, config.limits, result.sheet)
            feedback = build_feedback(result, config, lang, today)
            records = result.finding_records(lang)
            annotate_workbook(source, result.sheet, records, out, lang, grid, feedback)
        except (AnnotateError, WorkbookError) as exc:
            fail(
                say("cli.annotate_failed", source=source, out=out, reason=told(exc)), EXIT_FINDINGS
            )
        copies.append(out)
    if many:
        try:
            messages = write_messages(results, target, config, lang, today, attachments)
        except OSError as exc:
            fail(say("cli.messages_failed", path=target, reason=exc), EXIT_FINDINGS)
        typer.echo(written_line(messages, lang), err=True)
    return copies


def written_line(path: Path, lang) -> str:
    from bkbk_cli.words import word

    return word("feedback.messages_written", lang, path=path)


def main() -> None:
    """Console-script entry point: Click's own usage errors already exit with 2.

    Once a command has finished and its output is flushed, the process ends at once
    (``os._exit``) instead of tearing down pandas, numpy and pydantic module by module:
    that took 0.2 s, more than checking a village file. By then every file written is
    complete (atomic writes), the store is closed (``with store``), and no worker
    process or thread is left. An error that escapes a command still ends the usual way.
    """
    try:
        app()
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)  # what SystemExit("text") does: print it, exit 1
            code = 1
        _exit_now(code or 0)


def _exit_now(code: int) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (| head) or stream: nothing left to save
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
