"""Every finding code in the catalogue is raised by exactly one checks module.

A module under ``checks/`` lists the codes it raises in ``CODES`` and spells each one
where it raises it; nothing outside ``checks/`` raises a code, except the defences and
the reader, which detect a file-level refusal and hand its code to ``checks.file``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import bkbk_cli
import bkbk_cli.checks
from bkbk_cli.messages import CATALOGUE

SRC = Path(bkbk_cli.__file__).parent
_LITERAL = re.compile(r'"([A-Z][A-Z_]{3,})"')


def _check_modules() -> dict[str, object]:
    return {
        info.name: importlib.import_module(f"bkbk_cli.checks.{info.name}")
        for info in pkgutil.iter_modules(bkbk_cli.checks.__path__)
    }


def test_every_catalogue_code_is_listed_by_exactly_one_checks_module():
    owners: dict[str, list[str]] = {}
    for name, module in _check_modules().items():
        for code in module.CODES:
            owners.setdefault(code, []).append(name)
    assert set(owners) == set(CATALOGUE), set(owners) ^ set(CATALOGUE)
    assert {c: o for c, o in owners.items() if len(o) != 1} == {}


def test_a_checks_module_spells_only_its_own_codes():
    for name, module in _check_modules().items():
        spelled = set(_LITERAL.findall(Path(module.__file__).read_text())) & set(CATALOGUE)
        assert spelled == set(module.CODES), name


def test_outside_checks_only_the_reader_hands_over_file_level_codes():
    from bkbk_cli.checks import file as file_checks

    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith("checks/") or relative == "messages.py":
            continue
        spelled = set(_LITERAL.findall(path.read_text())) & set(CATALOGUE)
        if relative in ("read/guard.py", "read/workbook.py"):
            assert spelled <= set(file_checks.CODES), relative
        else:
            assert spelled == set(), relative
