"""Which rows under the header are participants, and what the others are.

Under the header a village's table holds more than people: section rows
(``A. MISKIN EKSTREM``, ``B. PEKERJA RENTAN``, ``I. ...``) that give the category of
the rows below them, subtotal rows (``JUMLAH I``, ``SUB TOTAL``), blank rows, a
grand total, then signatures (``Mengetahui,``, ``Kepala Desa ...``, ``( NAMA )``,
``NIP``) and notes. None of these is a participant, and none gets a finding.

A tidy roster's rows all hold a NIK, so only the few rows without one are looked at
one by one (``suspects``); the rest costs a couple of C loops over the NIK column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

#: Why a row is not a participant, as ``inspect`` names it.
ROLES = ("blank", "section", "subtotal", "total", "signature", "note", "numbered")

_SECTION = re.compile(r"^\s*(?:[A-Za-z]|[IVXivx]{1,4}|\d{1,2})\s*[.)]\s+(\S.{0,80})$")
_SUBTOTAL = re.compile(r"^\s*(?:sub\s*-?\s*total|sub\s*jumlah|jumlah|total)\b", re.I)
_SIGNATURE = re.compile(
    r"^\s*(?:mengetahui|menyetujui|disetujui|diketahui|dibuat\s+oleh|yang\s+membuat|"
    r"kepala\s+desa|kades\b|lurah\b|kepala\s+kelurahan|sekretaris\s+desa|sekdes\b|"
    r"bendahara|camat\b|pj\.?\s|plt\.?\s|nip\b|nip\.|ttd\b|tanda\s+tangan|\(\s*[^()]*\s*\)$|"
    r"an\.\s|a\.n\.)",
    re.I,
)
#: A place and date line over a signature: "Brasau, 5 November 2026" / "Brasau, 05-11-2026".
_PLACE_DATE = re.compile(r"^[A-Za-z .'-]{2,40},\s*\d{1,2}[\s\-/.]+\w+[\s\-/.]+\d{2,4}$")
_NOTE = re.compile(r"^\s*(?:catatan|keterangan|ket\s*[:.]|note|nb\s*[:.]|\*|sumber\s*:)", re.I)
_NUMBERED = re.compile(r"^\(?\s*\d{1,3}\s*\)?\.?$")


def _spellings(words: tuple[str, ...]) -> frozenset[str]:
    forms = set()
    for word in words:
        for form in (word, word.upper(), word.title(), word.capitalize()):
            forms.update((form, f"{form}:", f"{form} :", f" {form}", f"{form} "))
    return frozenset(forms)


_GRAND = ("jumlah", "total", "jumlah total", "grand total", "total iuran", "jumlah seluruhnya")
_SUB = (
    "sub total",
    "subtotal",
    "sub jumlah",
    *(
        f"{word} {suffix}"
        for word in ("jumlah", "total", "sub total", "subtotal")
        for suffix in (
            *"IVX",
            "II",
            "III",
            "IV",
            "VI",
            *"ABCDE",
            "ME",
            "PR",
            "miskin ekstrem",
            "pekerja rentan",
        )
    ),
)
#: How a JUMLAH/TOTAL line is written (matched exactly: one hash lookup per cell).
TOTAL_SPELLINGS = _spellings(_GRAND + _SUB)
#: Of those, the spellings of a subtotal: the roster goes on under it.
SUBTOTAL_SPELLINGS = _spellings(_SUB)


def totals_rows(grid: np.ndarray, columns: dict[str, int]) -> np.ndarray:
    """Mask of JUMLAH/TOTAL lines: they are not participants."""
    mask = np.zeros(len(grid), dtype=bool)
    candidates = {columns.get("no"), columns.get("nik"), columns.get("nama"), 0, 1}
    for col in sorted(c for c in candidates if c is not None and c < grid.shape[1]):
        values = grid[:, col]
        if TOTAL_SPELLINGS.isdisjoint(values):  # one C loop; most columns hold none
            continue
        is_total = map(TOTAL_SPELLINGS.__contains__, values)
        mask |= np.fromiter(is_total, dtype=bool, count=len(values))
    return mask


def _has_nik(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and value.strip()[:1].isdigit()


def row_text(row: np.ndarray) -> list[str]:
    """The row's texts in order, a merged value once (it fills every cell it covers)."""
    texts: list[str] = []
    for value in row:
        if value in ("", None):
            continue
        text = str(value).strip()
        if text and (not texts or texts[-1] != text):
            texts.append(text)
    return texts


def classify(texts: list[str]) -> str | None:
    """The role of a row holding no NIK, from its texts; None: it may be a participant."""
    if not texts:
        return "blank"
    first = texts[0]
    numbers = [_NUMBERED.match(t) for t in texts]
    if len(texts) >= 3 and all(numbers):
        values = [int(re.sub(r"\D", "", t)) for t in texts]
        if values == list(range(values[0], values[0] + len(values))):
            return "numbered"  # (1) (2) (3) ...: the columns' numbers
    if _SUBTOTAL.match(first) or (
        len(texts) > 1 and _NUMBERED.match(first) and _SUBTOTAL.match(texts[1])
    ):
        return "subtotal"
    if _SIGNATURE.match(first) or _PLACE_DATE.match(first):
        return "signature"
    if _NOTE.match(first):
        return "note"
    label = section_label(texts)
    if label is not None:
        return "section"
    return None


def section_label(texts: list[str]) -> str | None:
    """The label of a section row (``A. MISKIN EKSTREM`` -> ``MISKIN EKSTREM``), or None."""
    from bkbk_cli.read.header_rows import TICK_VALUES

    if not texts or len(texts) > 2:
        return None
    first = texts[0]
    match = _SECTION.match(first)
    if match:
        return match.group(1).strip()
    if len(texts) == 2 and re.fullmatch(r"(?:[A-Za-z]|[IVXivx]{1,4})\s*[.)]?", first):
        return texts[1]  # "A." | "MISKIN EKSTREM" in two cells
    if re.sub(r"[^a-z]", "", first.lower()) in TICK_VALUES["kategori"] and len(first) > 3:
        return first  # "MISKIN EKSTREM" alone on its row
    return None


def section_category(label: str) -> str | None:
    """The category a section label names (``MISKIN EKSTREM``, ``Kelompok Pekerja Rentan``)."""
    folded = re.sub(r"[^a-z]", "", label.lower())
    for key, name in (("miskinekst", "miskin_ekstrem"), ("pekerjarentan", "pekerja_rentan")):
        if key in folded:
            return name
    return None


@dataclass
class RowRoles:
    """The participant rows of a table and why every other row was skipped."""

    keep: np.ndarray  # mask over the table's rows
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # index, role, text
    #: each row's section label (None before the first section): the category of its rows
    sections: np.ndarray | None = None
    section_rows: list[tuple[int, str]] = field(default_factory=list)  # index, label


def roles(grid: np.ndarray, nik_col: int | None, suspects: np.ndarray) -> RowRoles:
    """Roles of the ``suspects`` (rows without a NIK, and rows a merged range covers).

    A section row starts a section; a subtotal is skipped; the first signature or note
    row ends the table: below it only a row holding a NIK is still a participant.
    """
    n = len(grid)
    keep = np.ones(n, dtype=bool)
    result = RowRoles(keep)
    if not len(suspects):
        return result
    ended = False
    starts: list[tuple[int, str]] = []
    suspect_set = set(suspects.tolist())
    for i in suspects.tolist():
        row = grid[i]
        if nik_col is not None and _has_nik(row[nik_col]):
            continue  # a merged cell over a participant's row: still a participant
        texts = row_text(row)
        role = classify(texts)
        if ended and role is None:
            role = "signature" if texts else "blank"
        if role is None:
            continue
        keep[i] = False
        if role == "blank":
            continue  # blank rows are many and say nothing
        if role == "section":
            label = section_label(texts) or ""
            starts.append((i, label))
        if role in ("signature", "note"):
            ended = True
        result.skipped.append((i, role, " | ".join(texts)[:80]))
    if ended and nik_col is not None:  # rows after the end that are not suspects
        first_end = min(i for i, r, _ in result.skipped if r in ("signature", "note"))
        for i in range(first_end + 1, n):
            if i not in suspect_set and not _has_nik(grid[i, nik_col]):
                keep[i] = False
    if starts:
        sections = np.full(n, None, dtype=object)
        for (start, label), nxt in zip(starts, [*starts[1:], (n, "")], strict=True):
            # a section that is not a category (a dusun, say) gives its rows none
            sections[start : nxt[0]] = label if section_category(label) else None
        result.sections = sections
        result.section_rows = starts
    return result
