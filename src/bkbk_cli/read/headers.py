"""What a header cell means: the roster field it names, an ignored column, or doubt.

Villages decorate their headers (``NIK (16 digit)``, ``Nama Lengkap sesuai KTP``,
``Jenis Kelamin (L/P)``, ``Januari 2025 (Rp)``), so a header is matched on meaning:
first its usual name exactly (``layout.ALIASES``, the fast path of every tidy
roster), then without what stands in brackets, then by the words it contains. A
header whose words point at two fields (``NIK / Nama``) is ambiguous: the column is
not read and a finding says so, rather than a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_FOLD = re.compile(r"[^0-9a-z]+")
_PARTS = re.compile(r"\s*(?:/|&|\+|,|\bdan\b|\batau\b)\s*")
_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")


class Meaning(NamedTuple):
    """A header's meaning: ``field`` (None: not a roster field) or the ``candidates`` it
    could be (two or more: ambiguous)."""

    field: str | None
    candidates: tuple[str, ...] = ()
    ignored: bool = False  # a column villages add that the roster does not need

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


NONE = Meaning(None)

#: Headers of columns the roster does not read (said so by ``inspect``, not a finding).
IGNORED_WORDS = (
    "alamat",
    "dusun",
    "rt",
    "rw",
    "nokk",
    "nomorkk",
    "nokartukeluarga",
    "keterangan",
    "ket",
    "catatan",
    "ttd",
    "tandatangan",
    "paraf",
    "jumlah",
    "total",
    "jumlahiuran",
    "totaliuran",
    "umur",
    "usia",
    "agama",
    "statusperkawinan",
    "nohp",
    "nohandphone",
    "notelp",
    "telepon",
    "nowa",
    "pendidikan",
    "namaibukandung",
    "namaibu",
    "ibukandung",
)

#: Words a name header may carry besides "nama".
_NAME_WORDS = re.compile(
    r"(lengkap|sesuai|ktp|kk|peserta|penerima|manfaat|kpm|anggota|warga|calon|pekerja)"
)
_NOT_A_PERSON_NAME = re.compile(r"(ibu|ayah|suami|istri|kepala|kk$|desa|kelurahan|dusun)")


def _by_words(folded: str) -> set[str]:
    """Every field whose words the folded header holds."""
    found: set[str] = set()
    if ("tempat" in folded and "lahir" in folded) or folded == "ttl":
        found.add("tempat_tgl_lahir")
    elif "lahir" in folded and ("tgl" in folded or "tanggal" in folded or folded == "lahir"):
        found.add("tanggal_lahir")
    if folded.startswith("nik") or "indukkependudukan" in folded or folded.startswith("noktp"):
        found.add("nik")
    if folded.startswith("nama"):
        rest = _NAME_WORDS.sub("", folded[4:])
        if not rest:
            found.add("nama")
        elif rest in ("desa", "kelurahan", "desakelurahan", "desakel"):
            found.add("nama_desa")
        elif not _NOT_A_PERSON_NAME.search(rest):
            found.add("nama")
    if "kelamin" in folded:
        found.add("jenis_kelamin")
    if folded.startswith(("kategori", "kelompok")):
        found.add("kategori")
    if "pekerjaan" in folded:
        found.add("pekerjaan")
    if "kpj" in folded or folded.startswith(("nokartupeserta", "nomorkartupeserta")):
        found.add("no_kpj")
    if "terdaftar" in folded or folded.startswith(("tmt", "tgldaftar", "tanggaldaftar")):
        found.add("tanggal_terdaftar")
    if "kepesertaan" in folded and ("tgl" in folded or "tanggal" in folded or "mulai" in folded):
        found.add("tanggal_terdaftar")
    if folded.startswith("kode") and ("desa" in folded or "kel" in folded or "wilayah" in folded):
        found.add("kode_desa")
    return found


@lru_cache(maxsize=4096)
def meaning(text: str) -> Meaning:
    """What the header text ``text`` names (see the module's docstring)."""
    from bkbk_cli.read.layout import FIELD_BY_ALIAS

    folded = _FOLD.sub("", text.lower())
    exact = FIELD_BY_ALIAS.get(folded)
    if exact is not None:
        return Meaning(exact, (exact,))
    if not folded or len(text) > 80:
        return NONE
    bare = _FOLD.sub("", _BRACKETS.sub(" ", text.lower()))
    exact = FIELD_BY_ALIAS.get(bare)
    if exact is not None:
        return Meaning(exact, (exact,))
    if bare in IGNORED_WORDS or folded in IGNORED_WORDS:
        return Meaning(None, ignored=True)
    parts = [p for p in _PARTS.split(_BRACKETS.sub(" ", text.lower())) if _FOLD.sub("", p)]
    if len(parts) > 1:  # "NIK / Nama": one column, two fields
        each = {meaning(part).field for part in parts} - {None}
        if len(each) > 1:
            return Meaning(None, tuple(sorted(each)))
    found = _by_words(bare or folded)
    if len(found) == 1:
        field = found.pop()
        return Meaning(field, (field,))
    if found:
        return Meaning(None, tuple(sorted(found)))
    return NONE


def field_of(value: object) -> str | None:
    """The field a header cell names, None for anything else (ambiguous included)."""
    return meaning(value).field if isinstance(value, str) and value else None


def bare_text(text: str) -> str:
    """The header without what stands in brackets: ``Januari 2025 (Rp)`` -> ``Januari 2025``."""
    return _BRACKETS.sub(" ", text).strip()
