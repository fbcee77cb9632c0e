"""``bkbk`` speaks Indonesian by default and English on request: help, usage lines,
usage errors and the CLI's own messages."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bkbk_cli.cli import app
from bkbk_cli.cli_lang import click_text, startup_lang


def run(*args: str, lang: str | None = None):
    env = {"BKBK_LANG": lang} if lang else {"BKBK_LANG": ""}
    return CliRunner().invoke(app, list(args), env=env, prog_name="bkbk")


def test_the_help_is_in_indonesian_by_default():
    result = run("--help")

    assert result.exit_code == 0
    assert result.output.startswith("Penggunaan: bkbk [OPSI] PERINTAH [ARGUMEN]...")
    assert "Periksa roster BKBK desa/kelurahan" in result.output
    assert "Opsi:" in result.output and "Perintah:" in result.output
    assert "Tampilkan bantuan ini lalu keluar." in result.output
    assert "Periksa roster desa sel demi sel." in result.output  # validate's short help
    assert "Show this message" not in result.output


def test_the_help_is_in_english_with_bkbk_lang_en():
    result = run("--help", lang="en")

    assert result.exit_code == 0
    assert result.output.startswith("Usage: bkbk [OPTIONS] COMMAND [ARGS]...")
    assert "Options:" in result.output and "Commands:" in result.output
    assert "Show this message and exit." in result.output
    assert "Periksa" not in result.output


@pytest.mark.parametrize("command", ["validate", "ingest", "report", "export"])
def test_every_command_and_option_is_described_in_both_languages(command):
    indonesian = run(command, "--help").output
    english = run(command, "--help", "--lang", "en").output

    assert indonesian.startswith(f"Penggunaan: bkbk {command} [OPSI]")
    assert english.startswith(f"Usage: bkbk {command} [OPTIONS]")
    for text in (indonesian, english):
        assert "cli." not in text  # no catalogue key is left untranslated
    assert "--lang id|en" in indonesian and "Bahasa: id (bawaan) atau en" in indonesian
    assert "Language: id (default) or en" in english
    assert "Tampilkan bantuan ini lalu keluar." in indonesian


def test_the_lang_option_chooses_the_help_language_wherever_it_stands():
    assert run("report", "--lang=en", "--help").output.startswith("Usage:")
    assert run("report", "--help", "--lang", "en").output.startswith("Usage:")
    assert run("report", "--help", "--lang", "id", lang="en").output.startswith("Penggunaan:")


def test_click_usage_errors_are_in_indonesian():
    result = run("report", "--bogus")

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Penggunaan: bkbk report [OPSI]",
        "Lihat 'bkbk report --help' untuk bantuan.",
        "",
        "Kesalahan: Opsi --bogus tidak dikenal (yang mirip: --out)",
    ]
    wrong = run("report", "--format", "pdf")
    assert wrong.exit_code == 2
    assert "Kesalahan: Nilai 'pdf' tidak sah untuk '--format' / '-f'; pilih salah satu" in (
        wrong.stderr
    )
    assert "Kesalahan: Argumen 'BERKAS' belum diisi." in run("validate").stderr
    assert "Kesalahan: Perintah 'lapor' tidak dikenal." in run("lapor").stderr


def test_click_usage_errors_stay_english_in_english():
    result = run("report", "--bogus", lang="en")

    assert result.exit_code == 2
    assert "Usage: bkbk report [OPTIONS]" in result.stderr
    assert "Error: No such option: --bogus" in result.stderr


def test_the_clis_own_usage_errors_follow_the_language(tmp_path):
    indonesian = run("report", "--period", "2026-13", "--db", str(tmp_path / "x.sqlite3"))
    english = run("report", "--period", "2026-13", "--lang", "en")

    assert indonesian.exit_code == english.exit_code == 2
    assert indonesian.stderr == (
        "bkbk: --period harus berupa bulan TTTT-BB (misalnya 2026-10), tertulis '2026-13'\n"
    )
    assert (
        english.stderr
        == "bkbk: --period must be a month as YYYY-MM (e.g. 2026-10), got '2026-13'\n"
    )
    unknown = run("report", "--regency", "atlantis")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("bkbk: kabupaten/kota 'atlantis' tidak dikenal; gunakan")
    assert "tanjab-barat" in unknown.stderr


def test_an_unknown_click_message_is_shown_as_click_wrote_it():
    assert click_text("Something Click says now.", "id") == "Something Click says now."
    assert click_text("Missing option '--out' / '-o'.", "id") == "Opsi '--out' / '-o' belum diisi."
    assert click_text("Missing option '--out' / '-o'.", "en") == "Missing option '--out' / '-o'."


def test_the_language_of_a_run_comes_from_its_command_line_then_the_environment(monkeypatch):
    monkeypatch.setenv("BKBK_LANG", "en")
    assert startup_lang(["report"]) == "en"
    assert startup_lang(["report", "--lang", "id"]) == "id"
    monkeypatch.delenv("BKBK_LANG")
    assert startup_lang(["report"]) == "id"
    assert startup_lang(["report", "--lang=en"]) == "en"


# --- shell completion -------------------------------------------------------------------------


def complete(words: str) -> list[str]:
    """What the shell is offered for the last word of ``words`` (bash's protocol)."""
    parts = words.split(" ")
    env = {
        "_BKBK_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="bkbk")
    assert result.exit_code == 0
    return result.output.split()


def test_tab_completes_commands_options_choices_and_regencies():
    assert complete("bkbk rep") == ["report"]
    assert complete("bkbk report --form") == ["--format"]
    assert complete("bkbk report --format ") == ["table", "json", "csv", "xlsx"]
    assert complete("bkbk report --regency tanjab") == ["tanjab-barat", "tanjab-timur"]
    assert complete("bkbk validate --lang ") == ["id", "en"]


def test_completion_can_be_installed_or_shown_and_is_described_in_the_help():
    shown = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="bkbk")
    assert shown.exit_code == 0
    assert "complete -o default -F _bkbk_completion bkbk" in shown.output
    help_text = run("--help").output
    assert "--install-completion  Pasang pelengkapan otomatis" in help_text
    assert "Install completion for the current shell." in run("--help", lang="en").output


def test_store_errors_speak_the_language_of_the_run(tmp_path):
    import sqlite3

    foreign = tmp_path / "lain.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE belanja (x)")
    indonesian = run("report", "--db", str(foreign))
    english = run("report", "--db", str(foreign), "--lang", "en")

    assert indonesian.exit_code == english.exit_code == 1
    assert indonesian.stderr == (
        f"bkbk: {foreign}: berkas ini basis data SQLite, tetapi bukan basis data bkbk\n"
    )
    assert (
        english.stderr == f"bkbk: {foreign}: the file is an SQLite database but not a bkbk store\n"
    )


def test_every_help_text_of_the_cli_is_a_catalogue_entry():
    """A command added without catalogue words would speak English to everyone."""
    import typer.main

    from bkbk_cli.words import WORDS

    group = typer.main.get_command(app)
    commands = [group, *group.commands.values()]
    for command in commands:
        assert command.help in WORDS, command.name
        for param in command.params:
            if param.name in ("install_completion", "show_completion"):
                continue  # Typer's own, put into words by cli_lang
            assert getattr(param, "help", None) in WORDS, f"{command.name} {param.name}"
