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
    "annotate.written": (
        "Salinan bertanda untuk desa ditulis ke {path}",
        "The marked-up copy for the village was written to {path}",
    ),
    "annotate.written_folder": (
        "{n} salinan bertanda untuk desa ditulis ke folder {path}",
        "{n} marked-up copies for the villages were written to the folder {path}",
    ),
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
    "report.dup_group": ("NIK sama", "Same NIK"),
    "report.dup_name": ("Nama di roster", "Name on the roster"),
    "report.dup_note": (
        "Baris dengan nomor yang sama di kolom NIK sama adalah satu NIK yang sama, walau "
        "NIK-nya disamarkan (--show-nik menampilkannya utuh).",
        "Lines with the same number under Same NIK are one and the same NIK, although it "
        "is masked (--show-nik shows it in full).",
    ),
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
    "ingest.no_village_rows": (
        "{n} baris tidak disimpan: roster tanpa desa tidak masuk laporan desa mana pun; "
        "jalankan lagi dengan --village KODE",
        "{n} rows not stored: a roster without a village is in no village's report; "
        "run again with --village CODE",
    ),
    "ingest.replaces": ("menggantikan #{id}", "replaces #{id}"),
    "ingest.same": ("sama dengan #{id}", "same as #{id}"),
    "ingest.again": ("sudah tercatat gagal #{id}", "already recorded as failed #{id}"),
    # --- where a roster's village came from: village_id.VillageId.describe (bkbk inspect)
    "village_id.option": ("--village", "--village"),
    "village_id.column": ("kolom Kode Desa", "Kode Desa column"),
    "village_id.title_code": ("kode di kepala roster", "code in the title block"),
    "village_id.title_name": ("nama di kepala roster", "name in the title block"),
    "village_id.sheet_name": ("nama sheet", "sheet name"),
    "village_id.file_name": ("nama berkas", "file name"),
    "village_id.per_row": (
        "per baris (kolom Kode Desa: roster gabungan)",
        "per row (Kode Desa column: a consolidated roster)",
    ),
    "village_id.none": ("tidak dapat ditentukan", "cannot be determined"),
    "village_id.ambiguous": ("nama dimiliki beberapa desa", "a name several villages bear"),
    "village_id.unknown": ("nama tidak dikenal", "unknown name"),
    "village_id.elsewhere": (
        "nama tidak ada di kecamatan/kabupaten itu",
        "name not in that district/regency",
    ),
    # --- rosters without a village in reports: render/report_table.py, report_xlsx.py, cli.py
    "villageless.title": (
        "Roster tanpa desa: {n} roster diterima tetapi tidak dihitung untuk desa mana pun "
        "(desanya tidak dapat ditentukan; ingest lagi dengan --village KODE)",
        "Rosters without a village: {n} received but counted for no village (their village "
        "cannot be determined; ingest again with --village CODE)",
    ),
    "villageless.sheet": ("Tanpa Desa", "No Village"),
    "villageless.file": ("Berkas", "File"),
    "villageless.ingested": ("Diterima", "Received"),
    "villageless.name": ("Nama desa di roster", "Village name on the roster"),
    "villageless.rows": ("Baris", "Rows"),
    "villageless.reason": ("Alasan", "Reason"),
    "villageless.csv_note": (
        "bkbk: {n} roster tanpa desa tidak ada di CSV ini (tidak dihitung untuk desa mana pun): "
        "{files}; lihat --format table, json atau xlsx",
        "bkbk: {n} rosters without a village are not in this CSV (counted for no village): "
        "{files}; see --format table, json or xlsx",
    ),
    "ingest.summary": (
        "Selesai: {files} berkas{rosters}: {stored} disimpan, {replaced} mengganti, "
        "{unchanged} tidak berubah, {failed} gagal; baris dibaca {read} = {ok} disimpan + "
        "{rejected} ditolak.",
        "Done: {files} files{rosters}: {stored} stored, {replaced} replaced, {unchanged} "
        "unchanged, {failed} failed; rows read {read} = {ok} stored + {rejected} rejected.",
    ),
    "ingest.rosters": (" ({n} roster desa)", " ({n} village rosters)"),
    # --- the period of a report and why: report_period.py (i12a)
    "period.requested": (
        "Periode {period}: dipilih dengan --period.",
        "Period {period}: chosen with --period.",
    ),
    "period.deadline": (
        "Periode {period}: bulan terakhir yang tenggat iurannya sudah lewat.",
        "Period {period}: the latest month whose contribution deadline has passed.",
    ),
    "period.roster_end": (
        "Periode {period}: roster tahun {year} yang tersimpan berakhir {end}, sebelum "
        "{deadline} (bulan terakhir yang tenggatnya sudah lewat).",
        "Period {period}: the stored rosters of {year} end in {end}, before {deadline} "
        "(the latest month whose deadline has passed).",
    ),
    "period.latest_year": (
        "Periode {period}: belum ada roster tahun {deadline_year} yang tersimpan; roster "
        "terakhir adalah tahun {year}, sampai {end}.",
        "Period {period}: no roster of {deadline_year} is stored yet; the latest rosters "
        "are of {year}, through {end}.",
    ),
    "period.warn_short": (
        "peringatan: {n} dari {total} roster tahun {year} berakhir sebelum {period}; bulan "
        "sesudah kolom bulan terakhirnya dihitung belum dibayar.",
        "warning: {n} of {total} rosters of {year} end before {period}; the months after "
        "their last month column count as unpaid.",
    ),
    "period.warn_none": (
        "peringatan: belum ada roster tahun {year} di penyimpanan data (roster terakhir: "
        "tahun {latest}); semua desa tampil belum lapor.",
        "warning: no roster of {year} is stored (the latest are of {latest}); every village "
        "shows as not reported.",
    ),
    # --- the store as the read-only commands see it: cli.py, store_views.py (i12a)
    "store.missing": (
        "tidak ada penyimpanan data di {path}: jalankan dahulu bkbk ingest, atau periksa "
        "--db / BKBK_DB",
        "no store at {path}: run bkbk ingest first, or check --db / BKBK_DB",
    ),
    # --- bkbk status: render/store_tables.py (i12a)
    "status.store": (
        "Penyimpanan data: {path} (skema versi {version})",
        "Store: {path} (schema version {version})",
    ),
    "status.submissions": (
        "Kiriman: {total} ({ok} terbaca, {failed} gagal dibaca)",
        "Submissions: {total} ({ok} readable, {failed} unreadable)",
    ),
    "status.latest": (
        "Terakhir masuk: {when}, {file} (#{id})",
        "Latest ingest: {when}, {file} (#{id})",
    ),
    "status.empty": (
        "Belum ada roster yang tersimpan: jalankan bkbk ingest.",
        "No roster stored yet: run bkbk ingest.",
    ),
    "status.year": (
        "Tahun {year}: {n} dari {total} desa/kelurahan sudah lapor ({submissions} kiriman), "
        "roster sampai {end}",
        "Year {year}: {n} of {total} villages reported ({submissions} submissions), rosters "
        "through {end}",
    ),
    "status.reporting": ("Desa lapor", "Villages reported"),
    # --- bkbk history: render/store_tables.py, submissions.py (i12a)
    "history.title": ("Riwayat kiriman {code} {name}", "Submissions of {code} {name}"),
    "history.none": (
        "Desa/kelurahan ini belum pernah mengirim roster.",
        "This village has not sent a roster yet.",
    ),
    "history.id": ("#", "#"),
    "history.when": ("Masuk (UTC)", "Ingested (UTC)"),
    "history.file": ("Berkas", "File"),
    "history.year": ("Tahun", "Year"),
    "history.rows": ("Baris", "Rows"),
    "history.rejected": ("Ditolak", "Rejected"),
    "history.errors": ("Kesalahan", "Errors"),
    "history.state": ("Laporan", "Reports"),
    "history.current": ("berlaku", "current"),
    "history.was_reverted": ("pernah dipulihkan", "once reverted to"),
    "history.hint": (
        "Untuk memakai kiriman lama lagi: bkbk revert NOMOR (tidak ada yang dihapus).",
        "To use an earlier submission again: bkbk revert NUMBER (nothing is deleted).",
    ),
    "history.unknown_village": (
        "tidak ada desa/kelurahan bernama {name!r}: beri kode desa (mis. 15.06.01.2001)",
        "no village called {name!r}: give its code (e.g. 15.06.01.2001)",
    ),
    "history.ambiguous": (
        "ada beberapa desa/kelurahan bernama {name!r}: {villages}; beri kode desa atau --regency",
        "several villages are called {name!r}: {villages}; give the code or --regency",
    ),
    # --- bkbk report --belum-lapor: not_reported.py (i12a)
    "unreported.title": (
        "Desa/kelurahan yang belum lapor, {place}, {period}",
        "Villages that have not reported, {place}, {period}",
    ),
    "unreported.district": ("Kecamatan", "District"),
    "unreported.count": (
        "{n} dari {total} desa/kelurahan belum lapor.",
        "{n} of {total} villages have not reported.",
    ),
    # --- bkbk revert: cli.py, submissions.py (i12a)
    "revert.done": (
        "Kiriman #{id} ({file}) kini dipakai laporan untuk {code} {name} tahun {year}, "
        "menggantikan #{previous}; tidak ada yang dihapus.",
        "Submission #{id} ({file}) is now used in reports for {code} {name}, year {year}, "
        "in place of #{previous}; nothing was deleted.",
    ),
    "revert.already": (
        "Kiriman #{id} ({file}) sudah dipakai laporan untuk {code} {name} tahun {year}; "
        "tidak ada yang berubah.",
        "Submission #{id} ({file}) is already the one used in reports for {code} {name}, "
        "year {year}; nothing changed.",
    ),
    "revert.unknown": (
        "tidak ada kiriman #{id} di penyimpanan data: lihat bkbk history DESA",
        "there is no submission #{id} in the store: see bkbk history VILLAGE",
    ),
    "revert.unusable": (
        "kiriman #{id} tidak dapat dipakai laporan (berkas gagal dibaca atau desanya tidak "
        "diketahui)",
        "submission #{id} cannot be used in reports (the file could not be read or its "
        "village is unknown)",
    ),
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
