"""The one catalogue of what people read besides findings: UI words, month names and
numbers, in Indonesian (the default) and English.

Finding messages live in ``messages.CATALOGUE``; everything else a person reads on
screen, in a workbook or in a document (headers, labels, summary lines, CLI notices)
is a key here, namespaced by where it is shown (``report.title_regency``), so a
wording fix is made once and both languages stay side by side.
"""

from __future__ import annotations

from bkbk_cli.messages import Lang

WORDS: dict[str, tuple[str, str]] = {
    # --- validate: render/terminal.py
    "validate.village": ("Desa/Kelurahan", "Village"),
    "validate.unknown": ("(tidak diketahui)", "(unknown)"),
    "validate.rows": (
        "Baris dibaca {read}, peserta {ok}, ditolak {rejected}",
        "Rows read {read}, participants {ok}, rejected {rejected}",
    ),
    "validate.period": ("Periode", "Period"),
    "validate.quota": ("Kuota", "Quota"),
    "validate.enrolled": ("terdaftar", "enrolled"),
    "validate.active": ("aktif", "active"),
    "validate.met": ("terpenuhi", "met"),
    "validate.short": ("kurang", "short"),
    "validate.counts": ("{e} galat, {w} peringatan", "{e} errors, {w} warnings"),
    "validate.by_code": ("Per kode", "By code"),
    "validate.more": (
        "... dan {n} temuan lagi (lihat --format json atau --annotate)",
        "... and {n} more findings (see --format json or --annotate)",
    ),
    "validate.cell": ("Sel", "Cell"),
    "validate.code": ("Kode", "Code"),
    "validate.message": ("Pesan", "Message"),
    "validate.level": ("Tingkat", "Level"),
    "validate.total": (
        "{n} berkas: {e} galat, {w} peringatan",
        "{n} files: {e} errors, {w} warnings",
    ),
    # --- inspect: render/inspect_text.py
    "inspect.sheets": ("Lembar", "Sheets"),
    "inspect.sheet_used": ("dipakai", "used"),
    "inspect.sheet_other": ("tanpa roster", "no roster"),
    "inspect.header_rows": ("Baris judul kolom", "Header rows"),
    "inspect.numbered_row": ("baris nomor kolom {row} dilewati", "column-number row {row} skipped"),
    "inspect.merged": (
        "{n} sel gabungan dibaca ke setiap selnya",
        "{n} merged ranges carried to every cell",
    ),
    "inspect.columns": ("Kolom", "Columns"),
    "inspect.ignored": ("Kolom tidak dibaca", "Columns not read"),
    "inspect.ambiguous": ("Judul kolom meragukan", "Ambiguous headers"),
    "inspect.months": ("Bulan iuran", "Payment months"),
    "inspect.none": ("(tidak ada)", "(none)"),
    "inspect.year": ("Tahun {year} (dari {source})", "Year {year} (from {source})"),
    "inspect.category": ("Kategori dari", "Category from"),
    "inspect.village": ("Desa/Kelurahan", "Village"),
    "inspect.village_from": ("dari", "from"),
    "inspect.rows": (
        "Baris peserta {first}-{last}: {read} dibaca, {ok} peserta",
        "Participant rows {first}-{last}: {read} read, {ok} participants",
    ),
    "inspect.skipped": ("Baris dilewati", "Rows skipped"),
    "inspect.notes": ("Cara baca (info)", "How it was read (info)"),
    "inspect.source.title": ("judul lembar", "the title block"),
    "inspect.source.header": ("judul kolom", "the header"),
    "inspect.source.sheet": ("nama lembar", "the sheet name"),
    "inspect.source.months": ("kolom bulan", "the month columns"),
    "inspect.source.column": ("kolom Kategori", "the Kategori column"),
    "inspect.source.sections": ("baris judul bagian", "section rows"),
    "inspect.source.ticks": ("kolom centang", "tick columns"),
    "inspect.source.rows": ("kolom Kode Desa tiap baris", "each row's Kode Desa column"),
    "inspect.source.pieces": ("judul tiap lembar/blok", "each sheet's or block's title"),
    "inspect.rows_total": (
        "{read} baris dibaca, {ok} peserta",
        "{read} rows read, {ok} participants",
    ),
    "inspect.source.option": ("--village", "--village"),
    "inspect.source.none": ("tidak diketahui", "unknown"),
    "inspect.role.blank": ("kosong", "blank"),
    "inspect.role.section": ("judul bagian", "section"),
    "inspect.role.subtotal": ("subtotal", "subtotal"),
    "inspect.role.total": ("jumlah", "total"),
    "inspect.role.signature": ("tanda tangan", "signature"),
    "inspect.role.note": ("catatan", "note"),
    "inspect.role.numbered": ("nomor kolom", "column numbers"),
    "inspect.pieces.category": ("Satu lembar per kategori", "One sheet per category"),
    "inspect.pieces.village": ("Satu lembar/blok per desa", "One sheet or block per village"),
    "inspect.piece": ("judul kolom baris {row}, {n} baris", "header row {row}, {n} rows"),
    "inspect.role.below": ("di bawah jumlah", "below the total"),
    # --- report: render/report_table.py
    "report.title_regency": ("Laporan BKBK {name}", "BKBK report, {name}"),
    "report.title_province": ("Laporan BKBK Provinsi Jambi", "BKBK report, Jambi Province"),
    "report.period": ("periode {period}", "period {period}"),
    "report.code": ("Kode", "Code"),
    "report.village": ("Desa/Kelurahan", "Village"),
    "report.regency": ("Kabupaten/Kota", "Regency"),
    "report.reported_villages": ("Desa\nlapor", "Repor-\nted"),
    "report.not_reported": ("belum lapor", "not reported"),
    "report.enrolled": ("{k}\ndftr", "{k}\nenr"),
    "report.active": ("{k}\naktif", "{k}\nact"),
    "report.active_quota": ("{k} aktif\n/kuota", "{k} act\n/quota"),
    "report.months": ("Bln\nbayar", "Months\npaid"),
    "report.rate": ("Kesin.", "Cont."),
    "report.outstanding": ("Tunggak\nRp", "Owed\nRp"),
    "report.menunggak": ("Mngk", "Arr."),
    "report.nonaktif": ("Non\naktif", "Inac-\ntive"),
    "report.errors": ("Galat", "Err"),
    "report.status": ("Kuota", "Quota"),
    "report.quota_villages": ("Desa\nkuota", "Quota\nmet"),
    "report.met": ("terpenuhi", "met"),
    "report.short": ("kurang", "short"),
    "report.total": ("Jumlah", "Total"),
    "report.legend": (
        "ME = Miskin Ekstrem, PR = Pekerja Rentan (kuota {me}/{pr} per desa); dftr = terdaftar; "
        "Bln bayar = bulan dibayar/jatuh tempo; Kesin. = kesinambungan (dibayar/jatuh tempo); "
        "Tunggak = tunggakan; Mngk = menunggak.",
        "EP = extreme poor, VW = vulnerable workers (quota {me}/{pr} per village); "
        "enr = enrolled, act = active; Months paid = paid/due; Cont. = continuity (paid/due); "
        "Owed = outstanding; Arr. = in arrears.",
    ),
    "report.totals": (
        "Jumlah: ME aktif {me_a}/{me_q} (terdaftar {me_e}), PR aktif {pr_a}/{pr_q} "
        "(terdaftar {pr_e}); bulan dibayar {paid}/{due} ({rate}); iuran dibayar {paid_rp}, "
        "tunggakan {owed_rp}; {mn} menunggak, {na} nonaktif; {errors} galat.",
        "Total: EP active {me_a}/{me_q} (enrolled {me_e}), VW active {pr_a}/{pr_q} "
        "(enrolled {pr_e}); months paid {paid}/{due} ({rate}); paid {paid_rp}, "
        "outstanding {owed_rp}; {mn} in arrears, {na} inactive; {errors} errors.",
    ),
    "report.summary": (
        "{sub} dari {total} desa/kelurahan sudah lapor; {met} memenuhi kuota.",
        "{sub} of {total} villages reported; {met} meet their quota.",
    ),
    "report.duplicates": (
        "NIK terdaftar di lebih dari satu desa (kemungkinan pendanaan ganda): {n}",
        "NIKs on the rosters of more than one village (possible double funding): {n}",
    ),
    "report.followup": (
        "{n} peserta perlu ditindaklanjuti (menunggak/nonaktif): lihat --format json atau xlsx.",
        "{n} participants need follow-up (in arrears/inactive): see --format json or xlsx.",
    ),
    "report.villages": ("Desa", "Villages"),
    # --- xlsx: render/report_xlsx.py
    "xlsx.summary": ("Ringkasan", "Summary"),
    "xlsx.followup": ("Tindak Lanjut", "Follow-up"),
    "xlsx.duplicates": ("Duplikat", "Duplicates"),
    "xlsx.title_province": ("Laporan BKBK Provinsi Jambi", "BKBK report, Jambi Province"),
    "xlsx.title_regency": ("Laporan BKBK {name}", "BKBK report, {name}"),
    "xlsx.period": ("Periode: {period}", "Period: {period}"),
    "xlsx.regency": ("Kabupaten/Kota: {name} ({code})", "Regency: {name} ({code})"),
    "xlsx.legend_unmet": ("Merah: kuota belum terpenuhi", "Red: quota not met"),
    "xlsx.legend_unreported": ("Kuning: belum lapor", "Amber: not reported"),
    "xlsx.total": ("Total", "Total"),
    "xlsx.submitted_yes": ("sudah lapor", "reported"),
    "xlsx.submitted_no": ("belum lapor", "not reported"),
    "xlsx.yes": ("ya", "yes"),
    "xlsx.no": ("tidak", "no"),
    "xlsx.villages": ("Jumlah desa/kelurahan", "Villages"),
    "xlsx.villages_submitted": ("Sudah lapor", "Reported"),
    "xlsx.villages_unreported": ("Belum lapor", "Not reported"),
    "xlsx.villages_met": ("Kuota terpenuhi", "Quota met"),
    "xlsx.villages_unmet": ("Kuota belum terpenuhi", "Quota not met"),
    "xlsx.totals": ("Total kabupaten/kota", "Regency totals"),
    "xlsx.duplicate_count": ("NIK ganda lintas desa", "NIKs on rosters of several villages"),
    "xlsx.followup_count": ("Peserta perlu tindak lanjut", "Participants to follow up"),
    "xlsx.chart_title": (
        "Pemenuhan kuota (peserta aktif / kuota)",
        "Quota fulfilment (active / quota)",
    ),
    "xlsx.followup_none": (
        "Tidak ada peserta menunggak atau nonaktif.",
        "No participant is in arrears or inactive.",
    ),
    # --- ingest: ingest.py
    "ingest.stored": ("disimpan", "stored"),
    "ingest.replaced": ("mengganti", "replaced"),
    "ingest.unchanged": ("tidak berubah", "unchanged"),
    "ingest.failed": ("gagal", "failed"),
    "ingest.would": ("(uji) ", "(dry run) "),
    "ingest.rows": (
        "baris dibaca {read} = {ok} disimpan + {rejected} ditolak",
        "rows read {read} = {ok} stored + {rejected} rejected",
    ),
    "ingest.counts": ("{e} galat, {w} peringatan", "{e} errors, {w} warnings"),
    "ingest.no_village": ("desa tidak diketahui", "village unknown"),
    "ingest.replaces": ("menggantikan #{id}", "replaces #{id}"),
    "ingest.same": ("sama dengan #{id}", "same as #{id}"),
    "ingest.again": ("sudah tercatat gagal #{id}", "already recorded as failed #{id}"),
}

MONTH_NAMES: dict[Lang, tuple[str, ...]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def word(key: str, lang: Lang = "id", **kwargs: object) -> str:
    """The text of ``key`` in ``lang``, with ``{placeholders}`` filled from ``kwargs``."""
    pair = WORDS[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text


def period_name(period: str, lang: Lang = "id") -> str:
    """``2026-10`` -> ``Oktober 2026`` (``October 2026``): a period as people say it."""
    year, month = period.split("-")
    return f"{MONTH_NAMES[lang][int(month) - 1]} {year}"


def rupiah(value: object) -> str:
    """``806400`` -> ``Rp 806.400``: Rupiah with dots between thousands, no decimals."""
    if not isinstance(value, (int, float)):
        return "-"
    return f"Rp {value:,.0f}".replace(",", ".")


def percent(value: object, lang: Lang = "id") -> str:
    """``0.932`` -> ``93,2%`` (``93.2%`` in English)."""
    if not isinstance(value, (int, float)):
        return "-"
    text = f"{value * 100:.1f}%"
    return text if lang == "en" else text.replace(".", ",")
