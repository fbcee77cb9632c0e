"""The ``bkbk`` command line: parse options, call the library, print. No rules live here.

Exit codes, a contract for schedulers: 0 no error findings (warnings allowed,
unless ``--strict``); 1 error findings or a file that cannot be read; 2 usage
error; 3 an internal failure of the tool itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    help="Periksa roster BKBK desa/kelurahan dan laporkan kuota serta kesinambungan iuran "
    "BPJS Ketenagakerjaan (Provinsi Jambi).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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
        typer.echo(f"bkbk: internal error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(EXIT_INTERNAL) from None


def _version(value: bool) -> None:
    if value:
        from bkbk_cli import __version__

        typer.echo(f"bkbk {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    State.debug = debug


ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="TOML file with programme rules (default: $BKBK_CONFIG or "
        "~/.config/bkbk/config.toml).",
    ),
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="id (default) or en; also $BKBK_LANG.")]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="Evaluation month YYYY-MM (default: the latest month whose "
        "payment deadline has passed).",
    ),
]


def load_rules(path: Path | None):
    from bkbk_cli.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as exc:
        fail(str(exc))


def check_period(period: str | None) -> str | None:
    import re

    if period is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        fail(f"--period must be a month as YYYY-MM, got {period!r}")
    return period


def check_lang(lang: str | None):
    from bkbk_cli.messages import current_lang

    if lang is not None and lang.lower() not in ("id", "en"):
        fail(f"--lang must be id or en, got {lang!r}")
    return current_lang(lang)


def progress_bar(total: int, enabled: bool) -> tuple[Callable[[], None] | None, Callable[[], None]]:
    """A progress callback for long runs on a terminal, and a function that closes it."""
    if not enabled or total <= 5 or not sys.stderr.isatty() or os.environ.get("NO_COLOR"):
        return None, lambda: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("validate", total=total)
    bar.start()
    return (lambda: bar.advance(task)), bar.stop


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Roster files or folders of rosters.")],
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    lang: LangOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    period: PeriodOpt = None,
    village: Annotated[
        str | None, typer.Option("--village", help="Village code, when the roster lacks one.")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="The roster's sheet.")] = None,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="Write a marked-up copy (a folder when several files)."),
    ] = None,
    config: ConfigOpt = None,
    limit: Annotated[int, typer.Option("--limit", help="Findings shown per file on screen.")] = 30,
) -> None:
    """Check village rosters cell by cell; report every problem with its sheet, row and column."""
    with internal_errors():
        from bkbk_cli.validate import Options, iter_roster_paths, validate_paths

        rules = load_rules(config)
        chosen_lang = check_lang(lang)
        options = Options(config=rules, sheet=sheet, village=village, period=check_period(period))
        files = list(iter_roster_paths(paths))
        if not files:
            fail("no roster files found in the given folders", EXIT_FINDINGS)
        tick, close = progress_bar(len(files), output_format == Format.table)
        try:
            results = validate_paths(files, options, progress=tick)
        finally:
            close()
        if annotate is not None:
            write_annotations(results, annotate, chosen_lang, rules)
        if output_format == Format.json:
            from bkbk_cli.render.tabular import to_json

            typer.echo(to_json(results, rules, chosen_lang))
        elif output_format == Format.csv:
            from bkbk_cli.render.tabular import to_csv

            sys.stdout.write(to_csv(results, chosen_lang))
        else:
            from bkbk_cli.render.terminal import print_results

            print_results(console(), results, rules, chosen_lang, limit)
        failed = any(r.errors for r in results) or (strict and any(r.warnings for r in results))
        raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def console():
    from rich.console import Console

    return Console(no_color=bool(os.environ.get("NO_COLOR")) or None, highlight=False)


def write_annotations(results, target: Path, lang, config) -> None:
    """One marked-up workbook per readable file: ``target`` itself, or inside it if a folder."""
    from bkbk_cli.read.guard import sniff_format
    from bkbk_cli.read.workbook import WorkbookError, sheet_grid
    from bkbk_cli.render.annotate import AnnotateError, annotate_workbook

    readable = [r for r in results if r.readable]
    many = len(results) > 1 or target.is_dir()
    if many:
        target.mkdir(parents=True, exist_ok=True)
    for result in readable:
        source = Path(result.file)
        out = target / f"{source.stem}.temuan.xlsx" if many else target
        fmt = sniff_format(source) or "xlsx"
        try:
            grid = None if fmt == "xlsx" else sheet_grid(source, fmt, config.limits, result.sheet)
            annotate_workbook(source, result.sheet, result.finding_records(lang), out, lang, grid)
        except (AnnotateError, WorkbookError) as exc:
            fail(f"{source}: cannot write the annotated copy {out}: {exc}", EXIT_FINDINGS)


def main() -> None:
    """Console-script entry point: Click's own usage errors already exit with 2."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
