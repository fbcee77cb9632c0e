"""Which village a roster is for, and how that was decided: one function, one small result.

A roster is counted for the village it names, so the decision must be the same
for ``validate``, ``ingest`` and ``inspect``, and must say where it came from.
By precedence:

1. ``--village CODE`` on the command line;
2. a ``Kode Desa`` column: several codes make a consolidated roster, each row its
   own village (``per_row``); one code on every row is the roster's village;
3. the title block's ``Kode Desa : 15.06.01.2001`` ("title code"), else that one
   code column ("column");
4. the village's *name* only, looked up in the reference data (exactly, after folding
   case, spaces and a "Desa"/"Ds." prefix; within the kecamatan or kabupaten the title
   names, as leniently as ``regions`` compares names): the title block's ``Desa : Brasau``
   narrowed by its ``Kecamatan`` and ``Kabupaten`` lines ("title name"), else the
   sheet's name ("sheet name", e.g. ``Brasau``), else the file's name ("file
   name", e.g. ``Roster Desa Brasau 2026.xlsx``).

A name is never guessed: a name several villages bear (and nothing given to tell
them apart) is ``ambiguous`` with its candidates, a name no village bears is
``unknown``, a name whose only villages lie outside the kecamatan/kabupaten the
title names is ``elsewhere``. The checks turn the result into findings
(``checks.village.identification_findings``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from bkbk_cli import regions

Source = Literal["--village", "column", "title code", "title name", "sheet name", "file name"]
Problem = Literal["ambiguous", "unknown", "elsewhere"]
NAME_SOURCES: tuple[Source, ...] = ("title name", "sheet name", "file name")

#: Words of sheet and file names that say what the file is, not which village it is for.
_NOT_A_NAME = frozenset(
    {
        "roster", "daftar", "data", "peserta", "rekap", "rekapitulasi", "bkbk", "bpjs", "bpjstk",
        "ketenagakerjaan", "iuran", "tahun", "thn", "bulan", "laporan", "lap", "final", "fix",
        "revisi", "rev", "update", "baru", "lama", "salinan", "copy", "kirim", "terbaru", "sheet",
        "lembar", "tabel", "table", "kec", "kecamatan", "kab", "kabupaten", "kota", "prov",
        "provinsi", "jambi", "me", "pr", "miskin", "ekstrem", "pekerja", "rentan", "desa", "kel",
        "kelurahan", "ds", "tengah",  # "Tengah" (Kota Jambi) is also "mid-": Rekap Tengah Tahun
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
#: At most this many words of a sheet or file name make one village name.
_SPAN = 5


@dataclass(frozen=True, slots=True)
class VillageId:
    """Where a roster's village came from.

    ``code``: the dotted Kemendagri code, None when not determined (or ``per_row``);
    ``name``: the name the roster gives, else the official one; ``source``: which
    rule decided (None: nothing did); ``given``: the text a name-only village was
    read from (the title's name, the sheet name, the file name); ``candidates``:
    the villages that text can mean (one when identified); ``row``/``column``: the
    title cell (Excel row, 0-based column) the code or name was read from.
    """

    code: str | None
    name: str | None = None
    source: Source | None = None
    given: str | None = None
    candidates: tuple[regions.Village, ...] = ()
    problem: Problem | None = None
    per_row: bool = False
    district: str | None = None  # the title block's Kecamatan, as written
    regency: str | None = None  # the title block's Kabupaten/Kota, as written
    row: int | None = None
    column: int | None = None

    @property
    def by_name(self) -> bool:
        """Identified from a name alone (an ``info`` finding says so)."""
        return self.code is not None and self.source in NAME_SOURCES

    def describe(self, lang: str = "id") -> str:
        """One line for people (``bkbk inspect``): the village and where it came from,
        e.g. ``15.06.01.2017 Brasau (nama di kepala roster: 'Brasau')``."""
        from bkbk_cli.words import word

        def w(key: str, **kwargs: object) -> str:
            return word(f"village_id.{key}", "en" if lang == "en" else "id", **kwargs)

        if self.per_row:
            return w("per_row")
        if self.source is None:
            return w("none")
        where = w(_SOURCE_KEYS[self.source])
        if self.given:
            where += f": '{self.given}'"
        if self.code is not None:
            return f"{self.code} {self.name or ''}".rstrip() + f" ({where})"
        found = "; ".join(f"{v.code} {v.name} (Kec. {v.district_name})" for v in self.candidates)
        text = f"{w(self.problem or 'none')} ({where})"
        return f"{text}: {found}" if found else text


_SOURCE_KEYS: dict[str, str] = {
    "--village": "option",
    "column": "column",
    "title code": "title_code",
    "title name": "title_name",
    "sheet name": "sheet_name",
    "file name": "file_name",
}


def identify_village(
    *,
    option: str | None = None,
    title: Mapping[str, str] | None = None,
    column_codes: Collection[str] = (),
    sheet_name: str | None = None,
    file_name: str | None = None,
    title_cells: Mapping[str, tuple[int, int]] | None = None,
) -> VillageId:
    """The roster's village (see the module docstring for the rules' order).

    ``title``: the title block's values (``read.layout.Layout.title``: village_code,
    village_name, district_name, regency_name); ``column_codes``: the distinct
    normalised codes of a ``Kode Desa`` column; ``sheet_name``: None for a CSV
    (whose "sheet" is the file); ``file_name``: the file's name or path;
    ``title_cells``: ``Layout.title_cells``, to say which cell a value came from.
    """
    title = title or {}
    cells = title_cells or {}
    district, regency = title.get("district_name"), title.get("regency_name")
    given_name = title.get("village_name")
    title_code = title.get("village_code")
    if title_code:
        title_code = regions.normalise_village_code(title_code) or title_code

    def coded(code: str, source: Source, key: str | None = None) -> VillageId:
        known = regions.village(code)
        name = given_name or (known.name if known else None)
        row, column = cells.get(key, (None, None)) if key else (None, None)
        return VillageId(
            code, name, source, district=district, regency=regency, row=row, column=column
        )

    if option:
        return coded(regions.normalise_village_code(option) or option, "--village")
    codes = set(column_codes)
    if len(codes) > 1 or (title_code and codes - {title_code}):
        return VillageId(None, None, "column", per_row=True, district=district, regency=regency)
    if title_code:
        return coded(title_code, "title code", "village_code")
    if codes:
        return coded(codes.pop(), "column")

    context = " ".join(t for t in (sheet_name, file_name and PurePath(file_name).stem) if t)
    tried: list[VillageId] = []
    if given_name:
        named = _named(given_name, district, regency)
        row, column = cells.get("village_name", (None, None))
        tried.append(
            _decide(given_name, named, "title name", district, regency, context, row, column)
        )
    if sheet_name:
        tried.append(_from_text(sheet_name, "sheet name", district, regency, context))
    if file_name:
        tried.append(_from_text(PurePath(file_name).name, "file name", district, regency, context))
    for found in tried:
        if found.code is not None:
            return found
    for found in tried:  # nothing identified: the first rule that found something says why
        if found.problem is not None and (found.source == "title name" or found.candidates):
            return found
    return VillageId(None, given_name, None, district=district, regency=regency)


def _named(name: str, district: str | None, regency: str | None) -> list[regions.Village]:
    """Villages a roster's title may mean by ``name``: the exact (normalised) name or its
    2022 spelling anywhere in Jambi; else, within the kecamatan or kabupaten the title
    names, any village whose name it matches leniently (``Brasaw``, ``Sei Rambai``).
    Close spellings are not looked for province-wide: 1,585 names hold too many near
    neighbours (``Kampung Entah`` is one letter from ``Kampung Tengah``)."""
    exact = regions.find_villages_by_name(name)
    if exact or not (district or regency):
        return exact
    area = _narrow(regions.villages(), district, regency, "")
    return [v for v in area if regions.village_name_matches(v.code, name)]


def _narrow(
    named: list[regions.Village], district: str | None, regency: str | None, context: str
) -> list[regions.Village]:
    """The villages of ``named`` in the title's kecamatan and kabupaten (empty when none
    is), then, if several remain, those whose kecamatan or kabupaten the sheet or
    file name mentions."""
    found = named
    if district:
        found = [v for v in found if regions.district_name_matches(v.district_name, district)]
    if regency:
        try:
            code = regions.resolve_regency(regency).code
        except regions.UnknownRegionError:
            code = None  # a Kabupaten line we cannot read does not narrow
        if code is not None:
            found = [v for v in found if v.regency_code == code]
    if len(found) > 1 and context:
        text = _fold(context)
        mentioned = [
            v
            for v in found
            if _fold(v.district_name) in text or _fold(_regency_short(v.regency_code)) in text
        ]
        found = mentioned or found
    return found


def _decide(
    given: str,
    named: list[regions.Village],
    source: Source,
    district: str | None,
    regency: str | None,
    context: str,
    row: int | None = None,
    column: int | None = None,
) -> VillageId:
    found = _narrow(named, district, regency, context)

    def result(code, name, candidates, problem: Problem | None = None) -> VillageId:
        return VillageId(
            code, name, source, given, tuple(candidates), problem,
            district=district, regency=regency, row=row, column=column,
        )  # fmt: skip

    if len(found) == 1:
        return result(found[0].code, found[0].name, found)
    if found:
        return result(None, None, found, "ambiguous")
    if named:
        return result(None, None, named, "elsewhere")
    return result(None, None, (), "unknown")


def _from_text(
    text: str, source: Source, district: str | None, regency: str | None, context: str
) -> VillageId:
    """A village named somewhere in a sheet or file name (``Roster Desa Brasau 2026``): the
    longest run of its words that is exactly a village's name. No lenient matching here:
    a file name holds many words that are no village's name."""
    words = _WORD.findall(PurePath(text).stem if source == "file name" else text)
    for size in range(min(_SPAN, len(words)), 0, -1):
        named: dict[str, regions.Village] = {}
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            if all(w.lower() in _NOT_A_NAME or w.isdigit() for w in span):
                continue
            if _fold(" ".join(span)) in _NOT_A_NAME:
                continue
            for village in regions.find_villages_by_name(" ".join(span)):
                named.setdefault(village.code, village)
        if named:
            return _decide(text, list(named.values()), source, district, regency, context)
    return VillageId(None, None, source, given=text, problem="unknown")


def _fold(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _regency_short(code: str) -> str:
    return next(r.short_name for r in regions.regencies() if r.code == code)


__all__ = ["NAME_SOURCES", "Problem", "Source", "VillageId", "identify_village"]
