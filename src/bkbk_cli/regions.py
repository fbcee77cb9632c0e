"""Jambi's regencies, districts and villages by their Kemendagri codes.

BKBK quotas are set per village (desa/kelurahan) and rosters name their village and
regency in whatever spelling the village office uses, so the checks need one place
that knows the official codes and names and forgives the usual spellings
(``Tanjab Barat``, ``Sungaipampang``, ``Ds. Badang``).

The data are the packaged CSVs under ``bkbk_cli/data`` (see ``data/SOURCE.md``:
cahyadsn/wilayah, MIT, Kepmendagri 2025). This module is imported on the CLI's
start-up path, so it uses only the standard library and reads the CSVs once, on
first use, caching the result.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

__all__ = [
    "District",
    "Regency",
    "UnknownRegionError",
    "Village",
    "bps_hint",
    "district",
    "district_name_matches",
    "find_villages_by_name",
    "is_indonesian_province",
    "is_jambi_regency",
    "jambi_regency_codes_4",
    "normalise_village_code",
    "province_codes",
    "regencies",
    "resolve_regency",
    "village",
    "village_name_matches",
    "villages",
]

VillageKind = Literal["desa", "kelurahan"]

# Fixed, short, URL- and filename-safe handles for the command line (`--regency tanjab-barat`).
_SLUGS: dict[str, str] = {
    "15.01": "kerinci",
    "15.02": "merangin",
    "15.03": "sarolangun",
    "15.04": "batanghari",
    "15.05": "muaro-jambi",
    "15.06": "tanjab-barat",
    "15.07": "tanjab-timur",
    "15.08": "bungo",
    "15.09": "tebo",
    "15.71": "kota-jambi",
    "15.72": "sungai-penuh",
}

# BPS statistics codes number these regency pairs the other way round from Kemendagri.
_BPS_SWAP: dict[str, str] = {"15.06": "15.07", "15.07": "15.06", "15.08": "15.09", "15.09": "15.08"}

# Kemendagri province codes (38 provinces, including the 2022 Papua splits 93-96); the first two
# digits of any NIK issued in Indonesia are one of these.
_PROVINCE_CODES: frozenset[str] = frozenset(
    {
        # Sumatra and the Riau Islands
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        # Java
        "31", "32", "33", "34", "35", "36",
        # Bali and Nusa Tenggara
        "51", "52", "53",
        # Kalimantan
        "61", "62", "63", "64", "65",
        # Sulawesi
        "71", "72", "73", "74", "75", "76",
        # Maluku
        "81", "82",
        # Papua, Papua Barat, Papua Selatan, Papua Tengah, Papua Pegunungan, Papua Barat Daya
        "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip

_VILLAGE_CODE_DOTTED = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}")
_VILLAGE_CODE_PLAIN = re.compile(r"\d{10}")
_DISTRICT_CODE = re.compile(r"(\d{2})\.?(\d{2})\.?(\d{2})")
# A leading "Desa", "Kelurahan", "Kel." or "Ds." says what the place is, not what it is called.
_VILLAGE_PREFIX = re.compile(r"^\s*(?:desa|kelurahan|kel|ds)\b\.?\s*", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"\D+")
# An abbreviated word in a name: dotted, like "P." (Pulau), "Lbk." (Lubuk), "Dsn." (Dusun), or
# without vowels, like "Kt" (Koto) — no Indonesian word is spelt without one.
_ABBREVIATION = re.compile(r"^([a-z]{1,4})\.$|^([b-df-hj-np-tv-z]{1,4})$")

_MIN_CONTAINED = 4  # shorter forms than this are contained in too many names to mean anything
_CLOSE_RATIO = 0.85


class UnknownRegionError(ValueError):
    """A regency was named that is not one of Jambi's eleven; the message lists the valid slugs."""


@dataclass(frozen=True, slots=True)
class Regency:
    """A kabupaten or kota of Jambi.

    ``code`` is the dotted Kemendagri code (``"15.06"``), ``slug`` the fixed command-line handle
    (``"tanjab-barat"``), ``name`` the official name (``"Kabupaten Tanjung Jabung Barat"``) and
    ``short_name`` the official name without "Kabupaten" (``"Tanjung Jabung Barat"``; a kota keeps
    its "Kota", since "Jambi" alone would also be the province).
    """

    code: str
    slug: str
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class District:
    """A kecamatan: dotted code (``"15.06.01"``), official name and its regency's code."""

    code: str
    name: str
    regency_code: str


@dataclass(frozen=True, slots=True)
class Village:
    """A desa or kelurahan, the unit BKBK quotas are set for.

    ``code`` is dotted (``"15.06.01.2001"``); ``kind`` is ``"kelurahan"`` when the village part
    starts with 1 and ``"desa"`` when it starts with 2. The district's name and the regency code
    are carried along so that a finding can name the place without a second lookup.
    """

    code: str
    name: str
    kind: VillageKind
    district_code: str
    district_name: str
    regency_code: str


@dataclass(frozen=True, slots=True)
class _Data:
    regencies: tuple[Regency, ...]
    regency_keys: dict[str, Regency]  # normalised spelling -> regency
    districts: dict[str, District]  # dotted code -> district
    villages: dict[str, Village]  # dotted code -> village, in code order
    variants_2022: dict[str, str]  # dotted village code -> its 2022 name


def _rows(filename: str) -> Iterator[dict[str, str]]:
    with files("bkbk_cli").joinpath("data", filename).open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _key(text: str) -> str:
    """Fold case, accents, spaces and punctuation away, so that spellings compare equal."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", folded.lower())


def _strip_village_prefix(name: str) -> str:
    stripped = _VILLAGE_PREFIX.sub("", name, count=1)
    return stripped if _key(stripped) else name


def _name_key(name: str) -> str:
    """The normalised form of a village name: `_key` after dropping a leading Desa/Kel./Ds."""
    return _key(_strip_village_prefix(name))


def _abbreviation_pattern(name: str) -> re.Pattern[str] | None:
    """A pattern over normalised names in which each abbreviated word of ``name`` stands for any
    word with those letters in that order ("Lbk." for "Lubuk", "P." for "Pulau"), or None if
    ``name`` has no abbreviation. Official names such as "Tuo Lbk. Mengkuang" and rosters alike
    abbreviate, and the difflib ratio is too low on short names to see through that.
    """
    words = re.findall(r"[^\s.]+\.?", unicodedata.normalize("NFKD", name).lower())
    parts: list[str] = []
    abbreviated = spelt_out = False
    for word in words:
        m = _ABBREVIATION.match(word)
        if m:
            abbreviated = True
            parts.append("[a-z]*".join(m.group(1) or m.group(2)) + "[a-z]*")
        else:
            spelt_out = spelt_out or bool(_key(word))
            parts.append(re.escape(_key(word)))
    # All abbreviations ("Bdg") would match far too much; one word spelt out anchors the name.
    return re.compile("".join(parts)) if abbreviated and spelt_out else None


def _abbreviation_matches(a: str, b: str) -> bool:
    for name, other in ((a, b), (b, a)):
        pattern = _abbreviation_pattern(_strip_village_prefix(name))
        if pattern is not None and pattern.fullmatch(_name_key(other)):
            return True
    return False


def _close(a: str, b: str) -> bool:
    """Whether two normalised names are close enough to be the same place misspelt.

    Numbers must agree: "Tanjung Pauh Km. 32" and "Km. 39" are neighbouring villages.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    if _DIGITS.sub("", a) != _DIGITS.sub("", b):
        return False
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= _MIN_CONTAINED and shorter in longer:
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= _CLOSE_RATIO


def _regency_spellings(regency: Regency, aliases: list[str]) -> set[str]:
    spellings = {regency.code, regency.code.replace(".", ""), regency.slug, regency.name}
    spellings |= {regency.short_name, *aliases}
    if regency.name.startswith("Kabupaten "):
        bare = {s for s in spellings if not _key(s).startswith(("kab", "1"))}
        spellings |= {f"{prefix} {s}" for s in bare for prefix in ("Kabupaten", "Kab.")}
    else:
        bare = {s for s in spellings if not _key(s).startswith(("kota", "1"))}
        spellings |= {f"Kota {s}" for s in bare}
    return spellings


def _group(pairs: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for key, code in pairs:
        if key:
            grouped.setdefault(key, []).append(code)
    return {key: tuple(codes) for key, codes in grouped.items()}


@cache
def _data() -> _Data:
    regency_list: list[Regency] = []
    districts: dict[str, District] = {}
    village_map: dict[str, Village] = {}
    for row in _rows("jambi_wilayah.csv"):
        code, level, name = row["code"], row["level"], row["name"]
        if level == "regency":
            short = name.removeprefix("Kabupaten ")
            regency_list.append(Regency(code, _SLUGS[code], name, short))
        elif level == "district":
            districts[code] = District(code, name, row["parent_code"])
        elif level == "village":
            parent = districts[row["parent_code"]]
            kind: VillageKind = "kelurahan" if row["kind"] == "kelurahan" else "desa"
            village_map[code] = Village(
                code, name, kind, parent.code, parent.name, parent.regency_code
            )
    regency_list.sort(key=lambda r: r.code)
    village_map = dict(sorted(village_map.items()))

    aliases = {
        row["code"]: [a.strip() for a in row["aliases"].split(";") if a.strip()]
        + [row["short_name"], row["official_name"]]
        for row in _rows("jambi_regency_aliases.csv")
    }
    regency_keys: dict[str, Regency] = {}
    for regency in regency_list:
        for spelling in _regency_spellings(regency, aliases.get(regency.code, [])):
            key = _key(spelling)
            other = regency_keys.setdefault(key, regency)
            if other is not regency:  # a spelling must never name two regencies
                raise RuntimeError(f"regency spelling {spelling!r} is ambiguous")

    variants = {
        row["code"]: row["name_2022"]
        for row in _rows("jambi_wilayah_name_variants.csv")
        if row["code"] in village_map
    }
    return _Data(
        regencies=tuple(regency_list),
        regency_keys=regency_keys,
        districts=districts,
        villages=village_map,
        variants_2022=variants,
    )


@cache
def _names() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Village codes by normalised current name and by 2022 name: built when a name is
    looked up, not when a roster's own name matches its code (the usual case)."""
    data = _data()
    return (
        _group([(_name_key(v.name), v.code) for v in data.villages.values()]),
        _group([(_name_key(n), code) for code, n in data.variants_2022.items()]),
    )


def regencies() -> list[Regency]:
    """Jambi's 9 kabupaten and 2 kota, in code order (15.01 ... 15.72)."""
    return list(_data().regencies)


def resolve_regency(text: str) -> Regency:
    """The regency a user or a roster means by ``text``.

    Accepts the slug (``tanjab-barat``), the code (``15.06`` or ``1506``), the official or short
    name and the spellings seen in practice (``Tanjab Barat``, ``Tanjabbar``, ``Kab. Tanjung
    Jabung Barat``, ``Kota Jambi``, ``Sungai Penuh``), ignoring case, spaces and punctuation.

    Raises:
        UnknownRegionError: nothing matches; the message lists the valid slugs so that the
            user can correct a command line.
    """
    found = _data().regency_keys.get(_key(text))
    if found is None:
        valid = ", ".join(r.slug for r in _data().regencies)
        from bkbk_cli.words import worded  # the person at the terminal reads it in their language

        raise worded(UnknownRegionError, "cli.unknown_regency", text=text, valid=valid)
    return found


def villages(regency_code: str | None = None) -> list[Village]:
    """All 1,585 villages in code order, or those of one regency.

    ``regency_code`` may be anything `resolve_regency` accepts (``"15.06"``, ``"1506"``,
    ``"tanjab-barat"``); an unknown one raises `UnknownRegionError` rather than quietly giving an
    empty list, which would read as "no quota".
    """
    all_villages = _data().villages.values()
    if regency_code is None:
        return list(all_villages)
    code = resolve_regency(regency_code).code
    return [v for v in all_villages if v.regency_code == code]


def normalise_village_code(text: str) -> str | None:
    """The dotted form (``15.06.01.2001``) of a village code written dotted or as 10 digits, or
    None if ``text`` is not shaped like one. Says nothing about whether the village exists."""
    text = text.strip()
    if _VILLAGE_CODE_DOTTED.fullmatch(text):
        return text
    if _VILLAGE_CODE_PLAIN.fullmatch(text):
        return f"{text[:2]}.{text[2:4]}.{text[4:6]}.{text[6:]}"
    return None


def village(code: str) -> Village | None:
    """The village with Kemendagri code ``code`` (``15.06.01.2001`` or ``1506012001``), or None."""
    dotted = normalise_village_code(code)
    return _data().villages.get(dotted) if dotted else None


def district(code: str) -> District | None:
    """The kecamatan with code ``code`` (``15.06.01`` or ``150601``), or None."""
    m = _DISTRICT_CODE.fullmatch(code.strip())
    return _data().districts.get(".".join(m.groups())) if m else None


def village_name_matches(code: str, name: str) -> bool:
    """Whether ``name`` plausibly names the village with code ``code``.

    Lenient on purpose: a roster that writes "Ds. Sungaipampang" for Sungai Pampang is right,
    and flagging it would bury the rows that really name another village. Names are compared
    without case, spaces, punctuation or a leading Desa/Kelurahan/Kel./Ds.; the 2022 official
    name also counts; abbreviated words ("P.", "Lbk.") stand for the full word; and close
    spellings pass (difflib ratio >= 0.85, or one name contained in the other).

    Leniency stops where a neighbour begins: a name that is exactly another village of the same
    kecamatan ("Lambur II" for Lambur I, "Sungai Gebar Barat" for Sungai Gebar) does not match,
    nor does one whose numbers differ. An unknown code never matches.
    """
    data = _data()
    found = village(code)
    given = _name_key(name)
    if found is None or not given:
        return False
    official = [found.name]
    if found.code in data.variants_2022:
        official.append(data.variants_2022[found.code])
    if given in {_name_key(o) for o in official}:
        return True
    by_name, by_variant = _names()
    named = by_name.get(given, ()) + by_variant.get(given, ())
    if any(data.villages[c].district_code == found.district_code for c in named):
        return False
    return any(_close(_name_key(o), given) or _abbreviation_matches(o, name) for o in official)


def find_villages_by_name(name: str, regency_code: str | None = None) -> list[Village]:
    """Villages called ``name``, for suggesting a code when a roster gives only a name.

    Exact matches on the normalised current name come first, then matches on the 2022 name,
    each in code order. Names repeat across Jambi ("Desa Baru", "Rantau Panjang"), hence a list;
    ``regency_code`` (anything `resolve_regency` accepts) narrows it.
    """
    data = _data()
    key = _name_key(name)
    by_name, by_variant = _names()
    codes = list(by_name.get(key, ()))
    codes += [c for c in by_variant.get(key, ()) if c not in codes]
    found = [data.villages[c] for c in codes]
    if regency_code is not None:
        wanted = resolve_regency(regency_code).code
        found = [v for v in found if v.regency_code == wanted]
    return found


_DISTRICT_PREFIX = re.compile(r"^\s*(?:kecamatan|kec)\b\.?\s*", re.IGNORECASE)


def district_name_matches(official: str, text: str) -> bool:
    """Whether ``text`` (a roster's "Kecamatan : ..." line) names the kecamatan ``official``.

    As lenient as village names: case, spaces, punctuation and a leading "Kec." or
    "Kecamatan" do not count, and close spellings pass (``Tungkal Ulu`` / ``Tungkalulu``).
    """
    given = _key(_DISTRICT_PREFIX.sub("", text, count=1))
    return _close(_key(official), given)


def bps_hint(code: str, name: str | None = None) -> str | None:
    """The Kemendagri code a BPS-numbered village code probably stands for, or None.

    BPS statistics codes swap Tanjung Jabung Barat/Timur (15.06/15.07) and Bungo/Tebo
    (15.08/15.09), so a roster copied from a BPS table names the right village under the wrong
    regency. For a code in one of those regencies this returns the dotted code with the regency
    swapped, if that village exists; with ``name``, only if the swapped village also bears that
    name, which turns "may be a BPS code" from a guess into evidence.
    """
    dotted = normalise_village_code(code)
    if dotted is None or dotted[:5] not in _BPS_SWAP:
        return None
    swapped = _BPS_SWAP[dotted[:5]] + dotted[5:]
    if swapped not in _data().villages:
        return None
    if name is not None and not village_name_matches(swapped, name):
        return None
    return swapped


def province_codes() -> frozenset[str]:
    """The 38 two-digit Kemendagri province codes, for checking NIK prefixes in bulk."""
    return _PROVINCE_CODES


def is_indonesian_province(pp: str) -> bool:
    """Whether ``pp`` (the first two digits of a NIK) is an Indonesian province code."""
    return pp in _PROVINCE_CODES


@cache
def jambi_regency_codes_4() -> frozenset[str]:
    """Jambi's regency codes undotted (``"1506"``), as NIK digits 1-4 carry them."""
    return frozenset(r.code.replace(".", "") for r in _data().regencies)


def is_jambi_regency(pprr: str) -> bool:
    """Whether ``pprr`` (the first four digits of a NIK, e.g. ``"1506"``) is a Jambi regency."""
    return pprr in jambi_regency_codes_4()
