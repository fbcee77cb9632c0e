"""The command line in its reader's language: help, usage lines and usage errors.

Help texts in ``cli.py`` are keys of ``words.WORDS`` (``help="cli.opt.period"``), not
sentences. Each run of ``bkbk`` builds its Click command tree afresh; ``BkbkGroup.main``
chooses the language from the command line (``--lang en`` anywhere in it) and
``$BKBK_LANG``, before any option is parsed (``--help`` is answered while parsing),
and puts the words of that language into the tree. Click's own words (``Usage:``,
``Options``, ``Missing argument ...``) are translated too: its section titles through
the ``gettext`` hook Typer calls, its usage errors by matching Click's English
sentences, which are ``click.*`` entries of the catalogue, with ``{placeholders}`` as
wildcards. A message nothing matches is shown as Click wrote it.

Nothing here is imported beyond what ``bkbk --help`` already loads (typer, words).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any, NoReturn

import typer
import typer.core as typer_core
from typer._click import exceptions as click_exceptions
from typer.core import TyperCommand, TyperGroup

from bkbk_cli.messages import Lang, current_lang
from bkbk_cli.words import WORDS, word

__all__ = ["BkbkCommand", "BkbkGroup", "click_text", "run_lang", "startup_lang"]


class _Run:
    """The language of this run: set once ``main`` has seen the command line."""

    lang: Lang = "id"


def run_lang() -> Lang:
    """The language this run of ``bkbk`` speaks (``--lang`` on its line, else $BKBK_LANG)."""
    return _Run.lang


def startup_lang(args: Sequence[str]) -> Lang:
    """``--lang en`` / ``--lang=en`` anywhere on the command line, else ``$BKBK_LANG``, else id."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return current_lang(args[i + 1])
        if arg.startswith("--lang="):
            return current_lang(arg.split("=", 1)[1])
    return current_lang(None)


# --- Click's words ---------------------------------------------------------------------

_FIELD = re.compile(r"\{(\w+)(![rsa])?\}")


@cache
def _click_entries() -> list[tuple[re.Pattern[str], str]]:
    """Each ``click.*`` English text as a pattern, with its Indonesian text to fill."""
    entries = []
    for key, (id_text, en_text) in WORDS.items():
        if not key.startswith("click."):
            continue
        parts, last = [], 0
        for m in _FIELD.finditer(en_text):
            parts.append(re.escape(en_text[last : m.start()]))
            parts.append(f"(?P<{m.group(1)}>.*?)")
            last = m.end()
        parts.append(re.escape(en_text[last:]))
        entries.append((re.compile("".join(parts), re.DOTALL), _FIELD.sub(r"{\1}", id_text)))
    return entries


def click_text(message: str, lang: Lang) -> str:
    """Click's English ``message`` in ``lang`` (unchanged in English or when not known)."""
    if lang == "en":
        return message
    for pattern, template in _click_entries():
        m = pattern.fullmatch(message)
        if m:
            return template.format(**m.groupdict())
    return message


def _gettext(msgid: str) -> str:
    """What Typer's ``_()`` returns: Click's section titles and labels in the run's language."""
    if _Run.lang == "en":
        return msgid
    for key, (id_text, en_text) in WORDS.items():
        if key.startswith("click.") and en_text == msgid:
            return id_text
    return msgid


typer_core._ = _gettext  # type: ignore[attr-defined]  # Typer's gettext hook for its words


# --- the command tree -------------------------------------------------------------------

_COMPLETION_HELP = {
    "install_completion": "cli.opt.install_completion",
    "show_completion": "cli.opt.show_completion",
}


def _text(value: object, lang: Lang) -> Any:
    return word(value, lang) if isinstance(value, str) and value in WORDS else value


def localize(command: Any, lang: Lang) -> None:
    """Put the words of ``lang`` into ``command`` and its subcommands, in place.

    A help text or metavar that is a catalogue key becomes its text; others stay.
    """
    keys = command.__dict__.setdefault("_bkbk_keys", {})
    for attr in ("help", "short_help"):
        keys.setdefault(attr, getattr(command, attr, None))
        setattr(command, attr, _text(keys[attr], lang))
    if command.options_metavar:
        command.options_metavar = word("cli.mv.options", lang)
    for param in command.params:
        pkeys = param.__dict__.setdefault("_bkbk_keys", {})
        default_help = _COMPLETION_HELP.get(param.name or "")
        pkeys.setdefault("help", default_help or getattr(param, "help", None))
        pkeys.setdefault("metavar", param.metavar)
        if hasattr(param, "help"):
            param.help = _text(pkeys["help"], lang)
        param.metavar = _text(pkeys["metavar"], lang)
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = word("cli.mv.command", lang)
        for sub in command.commands.values():
            if type(sub) is TyperCommand:  # a plain command gets the translated usage line too
                sub.__class__ = BkbkCommand
            localize(sub, lang)


def _format_usage(self: Any, ctx: Any, formatter: Any) -> None:
    """The usage line with its ``Usage:`` in the run's language."""
    pieces = self.collect_usage_pieces(ctx)
    formatter.write_usage(
        ctx.command_path, " ".join(pieces), prefix=f"{word('click.usage', _Run.lang)} "
    )


def _help_option(option: Any) -> Any:
    """``--help`` described in the run's language."""
    if option is not None:
        option.help = word("cli.opt.help", _Run.lang)
    return option


class BkbkCommand(TyperCommand):
    """A ``bkbk`` command whose usage line and ``--help`` speak the run's language."""

    __slots__ = ()  # Typer's layout, so that a plain command can become one (``localize``)
    format_usage = _format_usage

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))


class BkbkGroup(TyperGroup):
    """The ``bkbk`` group: chooses the run's language, and shows usage errors in it."""

    format_usage = _format_usage

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        _Run.lang = startup_lang(argv)
        localize(self, _Run.lang)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, False, **extra)
        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except click_exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click_exceptions.UsageError as exc:
            _show_usage_error(exc)
        except click_exceptions.ClickException as exc:
            typer.echo(word("click.error", _Run.lang, message=exc.format_message()), err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo(word("click.aborted", _Run.lang), err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _show_usage_error(exc: click_exceptions.UsageError) -> NoReturn:
    """What Click shows for a usage error (usage line, where to get help, the error), in the
    run's language; exit 2."""
    lang = _Run.lang
    ctx = exc.ctx
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            hint = word("click.try_help", lang, command=command) + "\n"
        typer.echo(f"{ctx.get_usage()}\n{hint}", err=True)
    message = click_text(exc.format_message(), lang)
    typer.echo(word("click.error", lang, message=message), err=True)
    sys.exit(exc.exit_code)
