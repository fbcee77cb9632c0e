"""The one catalogue of finding codes: severity and the Indonesian and English text.

A code is a contract (scripts filter on it), so codes are never renamed; the
text may be improved freely. Severity follows one rule: a defect in the data the
village must fix is an ``error``; what correct data says about the programme
(quota short, a gap, arrears, underpayment) is a ``warning``.

Templates may use ``{value}`` (the offending value, never a NIK), ``{expected}``
and ``{period}``.
"""

from __future__ import annotations

import os
import re
from typing import Literal, NamedTuple

Severity = Literal["error", "warning", "info"]
Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")


class Message(NamedTuple):
    severity: Severity
    id: str
    en: str


CATALOGUE: dict[str, Message] = {
    # --- the file as a whole ------------------------------------------------
    "FILE_NOT_FOUND": Message(
        "error",
        "Berkas tidak ditemukan. Periksa nama dan folder berkas, atau minta desa mengirim "
        "ulang rosternya.",
        "File not found. Check the file's name and folder, or ask the village to send its "
        "roster again.",
    ),
    "FILE_UNREADABLE": Message(
        "error",
        "Berkas tidak dapat dibuka ({value}). Periksa izin akses berkas, atau minta desa "
        "mengirim ulang roster sebagai satu berkas .xlsx.",
        "The file cannot be opened ({value}). Check its access permissions, or ask the "
        "village to send the roster again as one .xlsx file.",
    ),
    "FILE_EMPTY": Message(
        "error",
        "Berkas kosong (0 byte). Kirim ulang berkas roster yang lengkap.",
        "The file is empty (0 bytes). Send the complete roster again.",
    ),
    "FILE_FORMAT": Message(
        "error",
        "Berkas ini bukan file Excel yang dapat dibaca ({value}). Simpan ulang sebagai .xlsx.",
        "The file is not a supported workbook ({value}). Save it again as .xlsx.",
    ),
    "FILE_ENCRYPTED": Message(
        "error",
        "File Excel dilindungi kata sandi. Simpan ulang tanpa kata sandi lalu kirim kembali.",
        "The workbook is protected with a password. Save it again without one and resend it.",
    ),
    "FILE_CORRUPT": Message(
        "error",
        "Berkas rusak atau terpotong ({value}). Buka di Excel, simpan ulang, lalu kirim kembali.",
        "The file is damaged or truncated ({value}). Open it in Excel, save it again and resend.",
    ),
    "FILE_TOO_LARGE": Message(
        "error",
        "Berkas terlalu besar: {value} (batas {expected}). Kirim roster per desa/kelurahan.",
        "The file is too large: {value} (limit {expected}). Send one roster per village.",
    ),
    "FILE_ZIP_BOMB": Message(
        "error",
        "Isi berkas mengembang tidak wajar: {value} (batas {expected}). Berkas ditolak: "
        "simpan ulang roster dari Excel lalu kirim kembali.",
        "The file's content expands abnormally: {value} (limit {expected}). The file is "
        "refused: save the roster again from Excel and resend it.",
    ),
    "FILE_XML_ENTITY": Message(
        "error",
        "Berkas berisi definisi entitas XML yang tidak diizinkan. Simpan ulang dari Excel.",
        "The file contains XML entity definitions, which are not allowed. "
        "Save it again from Excel.",
    ),
    "SHEET_TOO_LARGE": Message(
        "error",
        "Lembar kerja terlalu besar: {value} (batas {expected}). Hapus baris/kolom kosong.",
        "The sheet is too large: {value} (limit {expected}). Delete the empty rows/columns.",
    ),
    "CELL_TOO_LONG": Message(
        "error",
        "Satu sel berisi teks terlalu panjang ({value} karakter; batas {expected}). "
        "Perpendek isi sel itu lalu kirim ulang roster.",
        "A cell holds too much text ({value} characters; limit {expected}). "
        "Shorten that cell and send the roster again.",
    ),
    "SHEET_NOT_FOUND": Message(
        "error",
        "Lembar '{value}' tidak ada di file Excel ini. Lembar yang ada: {expected}.",
        "Sheet '{value}' is not in the workbook. Sheets present: {expected}.",
    ),
    "HEADER_NOT_FOUND": Message(
        "error",
        "Baris judul kolom roster (NIK, Nama, Kategori, bulan iuran) tidak ditemukan.",
        "No roster header row (NIK, Nama, Kategori, payment months) was found.",
    ),
    "COLUMN_MISSING": Message(
        "error",
        "Kolom wajib '{value}' tidak ada pada baris judul.",
        "The required column '{value}' is missing from the header row.",
    ),
    "COLUMN_DUPLICATE": Message(
        "warning",
        "Kolom '{value}' muncul lebih dari sekali; yang dipakai kolom {expected}.",
        "Column '{value}' appears more than once; column {expected} is used.",
    ),
    "MONTHS_MISSING": Message(
        "error",
        "Tidak ada kolom iuran bulanan (misalnya 'Jan 2025').",
        "There are no monthly payment columns (such as 'Jan 2025').",
    ),
    "MONTH_DUPLICATE": Message(
        "error",
        "Bulan {period} memiliki lebih dari satu kolom iuran.",
        "Month {period} has more than one payment column.",
    ),
    "ROSTER_EMPTY": Message(
        "error",
        "Roster tidak berisi peserta di bawah baris judul.",
        "The roster has no participants below its header row.",
    ),
    "PERIOD_BEYOND_ROSTER": Message(
        "warning",
        "Periode {period} melewati kolom bulan terakhir roster ({value}); bulan tanpa kolom "
        "dihitung belum dibayar.",
        "Period {period} is after the roster's last month column ({value}); months without a "
        "column count as unpaid.",
    ),
    # --- how a sheet was read (lenient reads are info: they never fail a file) ----
    "HEADER_AMBIGUOUS": Message(
        "warning",
        "Judul kolom '{value}' bisa berarti beberapa kolom ({expected}); kolom ini tidak "
        "dibaca. Tulis satu nama kolom saja.",
        "Column header '{value}' could mean several columns ({expected}); the column is not "
        "read. Write one column name only.",
    ),
    "KATEGORI_FROM_SECTION": Message(
        "info",
        "Kategori peserta di bawah baris ini dibaca dari judul bagian '{value}'.",
        "The category of the participants below this row is read from the section heading "
        "'{value}'.",
    ),
    "KATEGORI_FROM_TICKS": Message(
        "info",
        "Kategori dibaca dari kolom centang ({value}).",
        "The category is read from tick columns ({value}).",
    ),
    "KATEGORI_FROM_SHEET": Message(
        "info",
        "Kategori peserta di lembar ini dibaca dari nama lembar '{value}'.",
        "The category of the participants on this sheet is read from the sheet name '{value}'.",
    ),
    "JK_FROM_TICKS": Message(
        "info",
        "Jenis kelamin dibaca dari kolom centang ({value}).",
        "Jenis kelamin (sex) is read from tick columns ({value}).",
    ),
    "TGL_LAHIR_FROM_TTL": Message(
        "info",
        "Tanggal lahir dibaca dari bagian tanggal kolom '{value}'.",
        "The birth date is read from the date part of column '{value}'.",
    ),
    "IURAN_MARKS": Message(
        "info",
        "{value} sel iuran berisi tanda ({expected}), bukan jumlah rupiah: dibaca sebagai "
        "iuran wajib bulan itu sudah dibayar (yang pertama di sel ini).",
        "{value} contribution cells hold a mark ({expected}), not an amount: read as the "
        "month's required contribution paid (the first one is this cell).",
    ),
    # --- the village ---------------------------------------------------------
    "VILLAGE_MISSING": Message(
        "error",
        "Desa/kelurahan roster tidak dapat ditentukan. Isi 'Kode Desa' di kepala roster "
        "atau gunakan --village KODE.",
        "The roster's village cannot be determined. Fill in 'Kode Desa' in the title block "
        "or use --village CODE.",
    ),
    "VILLAGE_CODE_UNKNOWN": Message(
        "error",
        "Kode desa/kelurahan '{value}' tidak ada dalam data wilayah Kemendagri Provinsi Jambi.",
        "Village code '{value}' is not in the Kemendagri region data of Jambi Province.",
    ),
    "VILLAGE_NAME_MISMATCH": Message(
        "error",
        "Nama desa '{value}' tidak sesuai dengan kode desa ({expected}).",
        "Village name '{value}' does not match the village code ({expected}).",
    ),
    # the village read from its name only (``village_id``): lenient, so said
    "VILLAGE_BY_NAME": Message(
        "info",
        "Desa/kelurahan roster dikenali dari nama pada '{value}': {expected}. Isi 'Kode Desa' "
        "di kepala roster agar pasti.",
        "The roster's village was identified from the name in '{value}': {expected}. Fill in "
        "'Kode Desa' in the title block to make it certain.",
    ),
    "VILLAGE_AMBIGUOUS": Message(
        "error",
        "Nama desa pada '{value}' dimiliki lebih dari satu desa/kelurahan: {expected}. Isi "
        "'Kode Desa' (atau 'Kecamatan') di kepala roster, atau gunakan --village KODE.",
        "The village name in '{value}' is borne by more than one village: {expected}. Fill in "
        "'Kode Desa' (or 'Kecamatan') in the title block, or use --village CODE.",
    ),
    "VILLAGE_NAME_UNKNOWN": Message(
        "error",
        "Nama desa '{value}' tidak ada dalam data wilayah Kemendagri Provinsi Jambi. Periksa "
        "ejaannya, isi 'Kode Desa' di kepala roster, atau gunakan --village KODE.",
        "No village of Jambi Province is called '{value}' in the Kemendagri region data. Check "
        "the spelling, fill in 'Kode Desa' in the title block, or use --village CODE.",
    ),
    "VILLAGE_NOT_IN_AREA": Message(
        "error",
        "Desa '{value}' tidak ada di kecamatan/kabupaten yang disebut kepala roster; desa "
        "bernama itu: {expected}. Perbaiki kepala roster atau gunakan --village KODE.",
        "No village called '{value}' lies in the district/regency the title block names; "
        "villages of that name: {expected}. Correct the title block or use --village CODE.",
    ),
    "QUOTA_ENROLLED_SHORT": Message(
        "warning",
        "Peserta terdaftar {value}, kurang dari kuota {expected}.",
        "Enrolled {value}, short of the quota of {expected}.",
    ),
    "QUOTA_ACTIVE_SHORT": Message(
        "warning",
        "Peserta aktif {value} pada {period}, kurang dari kuota {expected}.",
        "Active {value} in {period}, short of the quota of {expected}.",
    ),
    # --- participant cells -------------------------------------------------
    "CELL_ERROR_VALUE": Message(
        "error",
        "Sel berisi kode kesalahan Excel {value} (rumus yang gagal). Perbaiki rumusnya atau "
        "ketik nilainya.",
        "The cell holds the Excel error value {value}. Fix the formula or type the value.",
    ),
    "NIK_MISSING": Message("error", "NIK kosong.", "NIK is empty."),
    "NIK_NUMBER": Message(
        "error",
        "NIK disimpan sebagai angka: Excel hanya menyimpan 15 digit sehingga digit terakhir "
        "hilang. Format kolom sebagai Teks lalu ketik ulang NIK.",
        "NIK is stored as a number: Excel keeps only 15 digits, so the last digit is lost. "
        "Format the column as Text and type the NIK again.",
    ),
    "NIK_FORMAT": Message(
        "error",
        "NIK berisi karakter selain angka (spasi, tanda hubung, huruf).",
        "NIK contains characters other than digits (spaces, dashes, letters).",
    ),
    "NIK_LENGTH": Message(
        "error",
        "NIK harus 16 digit, tertulis {value} digit.",
        "NIK must have 16 digits, it has {value}.",
    ),
    "NIK_DATE": Message(
        "error",
        "Bagian tanggal lahir pada NIK (digit 7-12) bukan tanggal yang sah.",
        "The birth date part of the NIK (digits 7-12) is not a valid date.",
    ),
    "NIK_PROVINCE": Message(
        "error",
        "Kode provinsi pada NIK ({value}) tidak dikenal.",
        "The NIK's province code ({value}) is not known.",
    ),
    "NIK_REGENCY": Message(
        "error",
        "Kode kabupaten/kota pada NIK ({value}) tidak ada di Provinsi Jambi.",
        "The NIK's regency code ({value}) does not exist in Jambi Province.",
    ),
    "NIK_OUTSIDE_JAMBI": Message(
        "warning",
        "NIK diterbitkan di luar Provinsi Jambi (kode provinsi {value}).",
        "The NIK was issued outside Jambi Province (province code {value}).",
    ),
    "NIK_BIRTHDATE_MISMATCH": Message(
        "warning",
        "Tanggal lahir pada NIK ({expected}) berbeda dengan kolom Tanggal Lahir ({value}).",
        "The birth date in the NIK ({expected}) differs from the Tanggal Lahir column ({value}).",
    ),
    "NIK_SEX_MISMATCH": Message(
        "warning",
        "Jenis kelamin pada NIK ({expected}) berbeda dengan kolom Jenis Kelamin ({value}).",
        "The sex encoded in the NIK ({expected}) differs from the Jenis Kelamin column ({value}).",
    ),
    "NIK_DUPLICATE": Message(
        "error",
        "NIK yang sama sudah tercantum pada baris {expected}.",
        "The same NIK is already listed on row {expected}.",
    ),
    "NAMA_MISSING": Message("error", "Nama kosong.", "Nama (name) is empty."),
    "KATEGORI_MISSING": Message(
        "error",
        "Kategori kosong (isi Miskin Ekstrem atau Pekerja Rentan).",
        "Kategori is empty (fill in Miskin Ekstrem or Pekerja Rentan).",
    ),
    "KATEGORI_INVALID": Message(
        "error",
        "Kategori '{value}' tidak dikenal (isi Miskin Ekstrem atau Pekerja Rentan).",
        "Kategori '{value}' is not known (use Miskin Ekstrem or Pekerja Rentan).",
    ),
    "JK_INVALID": Message(
        "error",
        "Jenis kelamin '{value}' tidak dikenal (isi L atau P).",
        "Jenis kelamin '{value}' is not known (use L or P).",
    ),
    "TGL_LAHIR_MISSING": Message(
        "warning", "Tanggal lahir kosong.", "Tanggal lahir (birth date) is empty."
    ),
    "TGL_LAHIR_INVALID": Message(
        "error",
        "Tanggal lahir '{value}' bukan tanggal yang sah.",
        "Birth date '{value}' is not a valid date.",
    ),
    "TGL_LAHIR_IMPLAUSIBLE": Message(
        "error",
        "Tanggal lahir {value} tidak masuk akal.",
        "Birth date {value} is not plausible.",
    ),
    "AGE_AT_ENROLMENT": Message(
        "error",
        "Usia saat terdaftar {value} tahun; batas pendaftaran di bawah {expected} tahun.",
        "Age at enrolment is {value}; enrolment must be before age {expected}.",
    ),
    "TGL_DAFTAR_MISSING": Message(
        "warning",
        "Tanggal terdaftar kosong; iuran dihitung sejak Januari {value}.",
        "Enrolment date is empty; contributions are counted from January {value}.",
    ),
    "TGL_DAFTAR_INVALID": Message(
        "error",
        "Tanggal terdaftar '{value}' bukan tanggal yang sah.",
        "Enrolment date '{value}' is not a valid date.",
    ),
    "TGL_DAFTAR_IMPLAUSIBLE": Message(
        "error",
        "Tanggal terdaftar {value} tidak masuk akal.",
        "Enrolment date {value} is not plausible.",
    ),
    "TGL_DAFTAR_AFTER_PERIOD": Message(
        "warning",
        "Terdaftar {value}, sesudah periode {period}: belum dihitung pada periode ini.",
        "Enrolled {value}, after period {period}: not counted for this period.",
    ),
    "KPJ_FORMAT": Message(
        "warning",
        "No KPJ '{value}' bukan 11 digit.",
        "KPJ number '{value}' is not 11 digits.",
    ),
    "KPJ_DUPLICATE": Message(
        "warning",
        "No KPJ yang sama sudah tercantum pada baris {expected}.",
        "The same KPJ number is already listed on row {expected}.",
    ),
    # --- payments ------------------------------------------------------------
    "IURAN_INVALID": Message(
        "error",
        "Iuran {period} '{value}' bukan jumlah rupiah yang sah.",
        "Contribution for {period} '{value}' is not a valid Rupiah amount.",
    ),
    "IURAN_IMPLAUSIBLE": Message(
        "error",
        "Iuran {period} sebesar {value} tidak wajar (iuran wajib {expected}).",
        "Contribution for {period} of {value} is implausible (required {expected}).",
    ),
    "IURAN_BEFORE_ENROLMENT": Message(
        "error",
        "Iuran {period} tercatat sebelum tanggal terdaftar ({expected}).",
        "A contribution for {period} is recorded before the enrolment date ({expected}).",
    ),
    "IURAN_UNDERPAID": Message(
        "warning",
        "Iuran {period} sebesar {value} kurang dari iuran wajib {expected}.",
        "Contribution for {period} of {value} is less than the required {expected}.",
    ),
    "IURAN_GAP": Message(
        "warning",
        "Iuran {period} tidak dibayar padahal bulan sesudahnya dibayar (kepesertaan terputus).",
        "No contribution for {period} although a later month is paid (coverage broken).",
    ),
    "STATUS_MENUNGGAK": Message(
        "warning",
        "Menunggak {value} bulan pada {period}.",
        "In arrears for {value} month(s) at {period}.",
    ),
    "STATUS_NONAKTIF": Message(
        "warning",
        "Nonaktif: tidak membayar {value} bulan berturut-turut sampai {period}.",
        "Nonaktif: {value} consecutive months unpaid through {period}.",
    ),
}


def severity(code: str) -> Severity:
    return CATALOGUE[code].severity


def current_lang(lang: str | None = None) -> Lang:
    """The language asked for, else ``$BKBK_LANG``, else Indonesian."""
    chosen = (lang or os.environ.get("BKBK_LANG") or "id").strip().lower()[:2]
    return "en" if chosen == "en" else "id"


def render(
    code: str,
    lang: Lang = "id",
    *,
    value: object = None,
    expected: object = None,
    period: object = None,
) -> str:
    """The message for one finding, in the language asked for; a month as people say it
    (``Maret 2026``; the finding's ``period`` field keeps ``2026-03``)."""
    entry = CATALOGUE[code]
    template = entry.en if lang == "en" else entry.id
    if isinstance(period, str) and _MONTH.fullmatch(period):
        from bkbk_cli.words import period_name  # words imports this module

        period = period_name(period, lang)
    return template.format(
        value="" if value is None else value,
        expected="" if expected is None else expected,
        period="" if period is None else period,
    )


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


# Labels used in summaries and report headers, in both languages.
LABELS: dict[str, tuple[str, str]] = {
    "miskin_ekstrem": ("Miskin Ekstrem", "Extreme poor"),
    "pekerja_rentan": ("Pekerja Rentan", "Vulnerable workers"),
    "error": ("kesalahan", "error"),
    "warning": ("peringatan", "warning"),
    "info": ("info", "info"),
}


def label(key: str, lang: Lang = "id") -> str:
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
