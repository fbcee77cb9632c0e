"""Workbooks shaped like the lists villages really send, built cell by cell for the tests.

``write_xlsx`` writes any rows (and merged ranges) with openpyxl; ``blt_rows`` builds the
common village layout: a title, a two-row header with a merged ``IURAN BULAN`` heading
over ``Jan`` ... ``Des``, a numbered row, section rows per category, subtotals, a total
and a signature block.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from roster_writer import Participant, synth_participants

BADANG_CODE = "15.06.01.2001"
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")

Rows = list[list[object]]


def write_xlsx(
    path: Path,
    sheets: dict[str, Rows],
    merges: dict[str, Sequence[str]] | None = None,
) -> Path:
    """An .xlsx with one sheet per entry, rows from A1, and the merged ranges given."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value not in ("", None):
                    sheet.cell(r, c, value)
        for ref in (merges or {}).get(name, ()):
            sheet.merge_cells(ref)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [
                [
                    "" if v is None else (v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else v)
                    for v in row
                ]
                for row in rows
            ]
        )
    return path


def people(n_me: int = 4, n_pr: int = 2, year: int = 2025) -> list[Participant]:
    """Valid participants of Badang: ``n_me`` Miskin Ekstrem then ``n_pr`` Pekerja Rentan."""
    everyone = synth_participants(BADANG_CODE, year, months=12, seed=11)
    me = [p for p in everyone if p.kategori == "Miskin Ekstrem"][:n_me]
    pr = [p for p in everyone if p.kategori == "Pekerja Rentan"][:n_pr]
    return me + pr


def title_rows(year: int = 2025, code: str | None = BADANG_CODE) -> Rows:
    rows: Rows = [
        [f"DAFTAR PENERIMA BANTUAN IURAN BPJS KETENAGAKERJAAN TAHUN {year}"],
        ["Kabupaten : Tanjung Jabung Barat"],
        ["Kecamatan : Tungkal Ulu"],
        ["Desa : Badang"],
    ]
    if code:
        rows.append([f"Kode Desa : {code}"])
    rows.append([])
    return rows


def signature_rows(width: int) -> Rows:
    pad = [""] * max(width - 4, 0)
    return [
        [],
        ["", "", "", *pad, "Badang, 5 Desember 2025"],
        ["", "Mengetahui,", "", *pad, "Dibuat oleh,"],
        ["", "Kepala Desa Badang", "", *pad, "Operator Desa"],
        [],
        ["", "( H. SUPRIADI )", "", *pad, "( RINA )"],
        ["", "NIP. -"],
        ["Catatan: iuran dibayar paling lambat tanggal 15 setiap bulan."],
    ]


def blt_rows(
    everyone: list[Participant],
    marks: dict[int, dict[int, object]] | None = None,
    year: int = 2025,
    paid_months: int = 10,
    numbers_as_months: bool = False,
    code: str | None = BADANG_CODE,
) -> tuple[Rows, list[str], dict[int, int]]:
    """The common village layout; returns rows, merged ranges and each person's Excel row.

    ``marks[i][m]`` replaces person ``i``'s amount for month ``m`` (1-12); months after
    ``paid_months`` are blank.
    """
    marks = marks or {}
    rows = title_rows(year, code)
    header_at = len(rows) + 1  # Excel row of the heading row
    heading = [
        "No",
        "No. Induk Kependudukan (NIK)",
        "Nama Lengkap sesuai KTP",
        "Jenis Kelamin (L/P)",
        "Tgl Lahir",
        "Pekerjaan",
        "IURAN BULAN (Rp)",
    ]
    heading += [""] * 11
    sub = [""] * 6 + (list(range(1, 13)) if numbers_as_months else list(MONTH_ABBR))
    rows += [heading, sub, [f"({i})" for i in range(1, 19)]]
    merged = [
        f"A{header_at}:A{header_at + 1}",
        f"B{header_at}:B{header_at + 1}",
        f"C{header_at}:C{header_at + 1}",
        f"D{header_at}:D{header_at + 1}",
        f"E{header_at}:E{header_at + 1}",
        f"F{header_at}:F{header_at + 1}",
        f"G{header_at}:R{header_at}",
    ]
    where: dict[int, int] = {}
    number = 0
    for kategori, label, roman in (
        ("Miskin Ekstrem", "A. MISKIN EKSTREM", "I"),
        ("Pekerja Rentan", "B. PEKERJA RENTAN", "II"),
    ):
        rows.append([label])
        merged.append(f"A{len(rows)}:R{len(rows)}")
        for i, p in enumerate(everyone):
            if p.kategori != kategori:
                continue
            number += 1
            amounts: list[object] = [16800 if m <= paid_months else "" for m in range(1, 13)]
            for m, mark in marks.get(i, {}).items():
                amounts[m - 1] = mark
            rows.append(
                [number, p.nik, p.nama, p.jenis_kelamin, p.tanggal_lahir, p.pekerjaan, *amounts]
            )
            where[i] = len(rows)
        rows.append(["", f"JUMLAH {roman}", ""])
        rows.append([])
    rows.append(["", "JUMLAH", ""])
    rows += signature_rows(18)
    return rows, merged, where
