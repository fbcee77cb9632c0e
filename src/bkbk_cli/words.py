"""The one catalogue of what people read besides findings: UI words, month names and
numbers, in Indonesian (the default) and English.

Finding messages live in ``messages.CATALOGUE``; everything else a person reads on
screen, in a workbook or in a document (headers, labels, summary lines, CLI notices)
is a key here, namespaced by where it is shown (``report.title_regency``), so a
wording fix is made once and both languages stay side by side.
"""

from __future__ import annotations

from typing import TypeVar

from bkbk_cli.messages import Lang

E = TypeVar("E", bound=BaseException)

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
    "validate.counts": ("{e} kesalahan, {w} peringatan", "{e} errors, {w} warnings"),
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
        "{n} berkas: {e} kesalahan, {w} peringatan",
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
    "inspect.source.pieces": ("judul tiap lembar/blok", "each sheet's or block's title"),
    "inspect.rows_total": (
        "{read} baris dibaca, {ok} peserta",
        "{read} rows read, {ok} participants",
    ),
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
    "report.errors": ("Kesa-\nlahan", "Errors"),
    "report.status": ("Kuota", "Quota"),
    "report.quota_villages": ("Desa\nkuota", "Quota\nmet"),
    "report.met": ("terpenuhi", "met"),
    "report.short": ("kurang", "short"),
    "report.near": ("hampir", "near"),
    "report.hidden": (
        "Tidak muat di layar ini: {columns} (lihat layar yang lebih lebar, --format xlsx "
        "atau json).",
        "Left out on this narrow screen: {columns} (see a wider screen, --format xlsx or json).",
    ),
    "report.colours": (
        "Warna: merah = perlu tindakan (belum lapor, aktif di bawah {near} kuota, "
        "kesinambungan di bawah {c_near}); kuning = hampir; hijau = terpenuhi (kuota "
        "tercapai, kesinambungan {c_met} atau lebih).",
        "Colours: red = needs action (not reported, active below {near} of the quota, "
        "continuity below {c_near}); amber = near; green = met (quota reached, continuity "
        "{c_met} or more).",
    ),
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
        "tunggakan {owed_rp}; {mn} menunggak, {na} nonaktif; {errors} kesalahan perlu diperbaiki.",
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
    "xlsx.legend_action": ("Merah: perlu tindakan", "Red: needs action"),
    "xlsx.legend_near": ("Kuning: hampir terpenuhi", "Amber: nearly met"),
    "xlsx.legend_met": ("Hijau: terpenuhi", "Green: met"),
    "xlsx.page": ("Halaman &P dari &N", "Page &P of &N"),
    "xlsx.total": ("Jumlah", "Total"),
    "xlsx.submitted_yes": ("sudah lapor", "reported"),
    "xlsx.submitted_no": ("belum lapor", "not reported"),
    "xlsx.yes": ("ya", "yes"),
    "xlsx.no": ("tidak", "no"),
    "xlsx.villages": ("Jumlah desa/kelurahan", "Villages"),
    "xlsx.villages_submitted": ("Sudah lapor", "Reported"),
    "xlsx.villages_unreported": ("Belum lapor", "Not reported"),
    "xlsx.villages_met": ("Kuota terpenuhi", "Quota met"),
    "xlsx.villages_unmet": ("Kuota belum terpenuhi", "Quota not met"),
    "xlsx.totals": ("Jumlah kabupaten/kota", "Regency totals"),
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
    # --- xlsx column headers (render/report_xlsx.py): "xlsx.col.<key>" of a report row key
    "xlsx.col.regency_code": ("Kode Kab/Kota", "Regency code"),
    "xlsx.col.regency_slug": ("Singkatan", "Slug"),
    "xlsx.col.regency_name": ("Kabupaten/Kota", "Regency"),
    "xlsx.col.code": ("Kode Kab/Kota", "Regency code"),
    "xlsx.col.slug": ("Singkatan", "Slug"),
    "xlsx.col.name": ("Kabupaten/Kota", "Regency"),
    "xlsx.col.village_code": ("Kode Desa", "Village code"),
    "xlsx.col.village_name": ("Desa/Kelurahan", "Village"),
    "xlsx.col.district_name": ("Kecamatan", "District"),
    "xlsx.col.submitted": ("Status lapor", "Reported"),
    "xlsx.col.villages_submitted": ("Desa sudah lapor", "Villages reported"),
    "xlsx.col.villages_total": ("Jumlah desa", "Villages"),
    "xlsx.col.villages": ("Jumlah desa", "Villages"),
    "xlsx.col.villages_quota_met": ("Desa kuota terpenuhi", "Villages with quota met"),
    "xlsx.col.months_due": ("Bulan wajib iur", "Months due"),
    "xlsx.col.months_paid": ("Bulan dibayar", "Months paid"),
    "xlsx.col.continuity_rate": ("Kesinambungan iuran", "Continuity rate"),
    "xlsx.col.paid_rp": ("Iuran dibayar", "Paid"),
    "xlsx.col.outstanding_rp": ("Tunggakan iuran", "Outstanding"),
    "xlsx.col.menunggak": ("Peserta menunggak", "Participants in arrears"),
    "xlsx.col.nonaktif": ("Peserta nonaktif", "Inactive participants"),
    "xlsx.col.errors": ("Kesalahan di roster", "Roster errors"),
    "xlsx.col.quota_met": ("Kuota terpenuhi", "Quota met"),
    "xlsx.col.nik": ("NIK", "NIK"),
    "xlsx.col.nama": ("Nama", "Name"),
    "xlsx.col.kategori": ("Kategori", "Category"),
    "xlsx.col.status": ("Status", "Status"),
    "xlsx.col.months_unpaid": ("Bulan menunggak", "Months unpaid"),
    "xlsx.col.village_count": ("Jumlah desa", "Villages"),
    "xlsx.col.group": ("NIK sama", "Same NIK"),
    "xlsx.col.file_name": ("Berkas roster", "Roster file"),
    "xlsx.col.row": ("Baris roster", "Roster row"),
    # "<category>_<measure>" columns: "Miskin Ekstrem: aktif"
    "xlsx.measure.enrolled": ("terdaftar", "enrolled"),
    "xlsx.measure.active": ("aktif", "active"),
    "xlsx.measure.quota": ("kuota", "quota"),
    "xlsx.measure.pct": ("% kuota", "% of quota"),
    # a participant's status in the follow-up list
    "xlsx.status.menunggak": ("menunggak", "in arrears"),
    "xlsx.status.nonaktif": ("nonaktif", "inactive"),
    # --- annotate: render/annotate.py, the findings sheet of the marked-up copy
    "annotate.severity": ("Tingkat", "Severity"),
    "annotate.code": ("Kode", "Code"),
    "annotate.sheet": ("Lembar", "Sheet"),
    "annotate.cell": ("Sel", "Cell"),
    "annotate.row": ("Baris", "Row"),
    "annotate.column": ("Kolom", "Column"),
    "annotate.field": ("Isian", "Field"),
    "annotate.period": ("Periode", "Period"),
    "annotate.message": ("Pesan", "Message"),
    "annotate.overwrite": (
        "roster kiriman {source} tidak akan ditimpa; pilih tujuan lain untuk --annotate",
        "refusing to overwrite the uploaded roster {source}; choose another out",
    ),
    # --- the command line: cli.py, cli_lang.py. Help texts of commands and options
    # ("cli.cmd.*", "cli.short.*", "cli.opt.*", "cli.arg.*"), metavars ("cli.mv.*") and
    # the CLI's own notices and usage errors.
    "cli.app": (
        "Periksa roster BKBK desa/kelurahan dan laporkan kuota serta kesinambungan iuran "
        "BPJS Ketenagakerjaan (Provinsi Jambi). Bahasa Inggris: --lang en atau BKBK_LANG=en.",
        "Check BKBK village rosters and report quotas and the continuity of BPJS "
        "Ketenagakerjaan contributions (Jambi Province). Indonesian is the default; "
        "English with --lang en or BKBK_LANG=en.",
    ),
    "cli.cmd.validate": (
        "Periksa roster desa sel demi sel; setiap masalah disebut lembar, baris dan kolomnya.",
        "Check village rosters cell by cell; report every problem with its sheet, row and column.",
    ),
    "cli.short.validate": ("Periksa roster desa sel demi sel.", "Check village rosters."),
    "cli.cmd.inspect": (
        "Tunjukkan cara roster dibaca: lembar, baris judul kolom, arti tiap kolom, bulan, asal "
        "kategori dan desa, baris yang dilewati dan alasannya.",
        "Show how a roster is read: sheet, header rows, each column's field, months, where the "
        "category and village came from, rows skipped and why.",
    ),
    "cli.short.inspect": ("Tunjukkan cara roster dibaca.", "Show how a roster is read."),
    "cli.cmd.ingest": (
        "Periksa roster seperti validate lalu simpan ke basis data untuk laporan.\n\n"
        "Per berkas: disimpan, mengganti (roster lebih baru untuk desa dan tahun itu; yang "
        "lama tetap tersimpan sebagai riwayat), tidak berubah (isi ini sudah tersimpan) atau "
        "gagal (tidak terbaca, atau desanya tidak dapat ditentukan: dicantumkan di laporan "
        "sebagai roster tanpa desa); baris dibaca = peserta disimpan + baris ditolak. Kode "
        "keluar 0 bila semua berkas terbaca (temuan disimpan bersama roster dan dihitung di "
        "laporan); 1 bila ada berkas tak terbaca atau tanpa desa, atau tidak ada berkas; 2 "
        "salah penggunaan; 3 kesalahan internal.",
        "Check rosters as validate does and record them in the store for reports.\n\n"
        "Per file: stored, replaced (a newer roster for the village and year; the old one "
        "stays as history), unchanged (this content is already stored) or failed "
        "(unreadable, or its village cannot be determined: listed in reports as roster tanpa "
        "desa); rows read = participants stored + rows rejected. Exit 0 when every file could "
        "be read (findings are stored with the roster and counted in reports); 1 when a file "
        "could not be read or had no village, or none was found; 2 usage error; 3 internal "
        "error.",
    ),
    "cli.short.ingest": (
        "Periksa roster dan simpan ke basis data.",
        "Check rosters and record them in the store.",
    ),
    "cli.cmd.report": (
        "Kuota dan kesinambungan iuran per desa di satu kabupaten/kota, atau per "
        "kabupaten/kota di provinsi.\n\n"
        "Desa tanpa roster ditulis belum lapor; NIK disamarkan kecuali --show-nik. Kode "
        "keluar 0 bila berhasil; 1 bila basis data tidak terbaca atau --out tidak dapat "
        "ditulis; 2 salah penggunaan (kabupaten/kota tidak dikenal, periode atau kolom "
        "urutan salah); 3 kesalahan internal.",
        "Quota and contribution continuity per village of a regency, or per regency of the "
        "province.\n\n"
        "Villages without a roster are listed as not reported; NIKs are masked unless "
        "--show-nik. Exit 0 on success; 1 when the store cannot be read or --out cannot be "
        "written; 2 on a usage error (unknown regency, bad period or sort column); 3 on an "
        "internal error.",
    ),
    "cli.short.report": (
        "Laporan kuota dan kesinambungan iuran.",
        "Quota and continuity report.",
    ),
    "cli.cmd.export": (
        "Tulis laporan provinsi dan setiap kabupaten/kota sebagai xlsx, csv dan json, "
        "serta ringkasan rapat (PDF) dan index.html, untuk penjadwal.\n\n"
        "Nama berkas memuat periode (bkbk-provinsi-2026-10.xlsx, "
        "bkbk-tanjab-barat-2026-10.pdf) dan berkas diganti hanya bila ke-49 berkas (36 "
        "dengan --no-brief) selesai ditulis, jadi pembaca tidak pernah melihat berkas "
        "setengah jadi dan proses yang "
        "gagal meninggalkan berkas sebelumnya. Mencetak satu baris bila berhasil (tidak ada "
        "dengan --quiet), tanpa warna atau progres. Kode keluar 0 bila berhasil; 1 bila "
        "ekspor lain sedang berjalan ke folder itu, basis data tidak ada atau tidak dapat "
        "dipakai, atau berkas tidak dapat ditulis; 2 salah penggunaan; 3 kesalahan internal.",
        "Write the province and every regency report as xlsx, csv and json, and the "
        "meeting briefs (PDF) with index.html, for a scheduler.\n\n"
        "Files are named with the period (bkbk-provinsi-2026-10.xlsx, "
        "bkbk-tanjab-barat-2026-10.pdf) and replaced only when all 49 (36 with --no-brief) "
        "are written, so "
        "readers never see half a file and a failed run leaves the previous ones. Prints "
        "one line on success (nothing with --quiet), never colour or progress. Exit 0 on "
        "success; 1 when another export is running into the folder, the store is missing or "
        "unusable, or a file cannot be written; 2 usage; 3 internal error.",
    ),
    "cli.cmd.brief": (
        "Ringkasan untuk rapat monev: satu halaman A4 per kabupaten/kota (provinsi: halamannya, "
        "lalu setiap kabupaten/kota).\n\n"
        "Angka utama, desa menurut pemenuhan kuota, tren sejak Januari, ketepatan lapor "
        "(tepat waktu / terlambat / belum), desa yang belum lapor dan sepuluh desa terlemah. "
        "--reminder mencetak pesan singkat per kabupaten/kota untuk grup obrolan. Kode keluar "
        "0 bila berhasil; 1 bila basis data tidak terbaca atau --out tidak dapat ditulis; 2 "
        "salah penggunaan; 3 kesalahan internal.",
        "The meeting brief: one A4 page per regency (the province: its page, then every "
        "regency).\n\n"
        "Headline figures, the villages by share of quota met, the trend from January, "
        "reporting on time / late / not at all, the villages not reported and the ten "
        "weakest. --reminder prints a short message per regency for a chat group. Exit 0 on "
        "success; 1 when the store cannot be read or --out cannot be written; 2 on a usage "
        "error; 3 on an internal error.",
    ),
    "cli.short.brief": (
        "Ringkasan rapat (PDF/HTML) dan pengingat lapor.",
        "Meeting brief (PDF/HTML) and reporting reminder.",
    ),
    "cli.opt.brief_format": (
        "pdf (bawaan) atau html; juga dari akhiran --out.",
        "pdf (default) or html; also from --out's suffix.",
    ),
    "cli.opt.reminder": (
        "Cetak pesan per kabupaten/kota: desa yang belum lapor atau terlambat.",
        "Print a chat message per regency: villages not reported or late.",
    ),
    "cli.opt.received": (
        "Tanggal roster diterima, YYYY-MM-DD (bawaan: hari ini), untuk ketepatan lapor.",
        "The day the rosters arrived, YYYY-MM-DD (default: today), for reporting timeliness.",
    ),
    "cli.opt.export_brief": (
        "Tulis juga ringkasan rapat (PDF) dan index.html.",
        "Also write the meeting briefs (PDF) and index.html.",
    ),
    "cli.brief_needs_out": (
        "bkbk brief perlu --out BERKAS.pdf (atau BERKAS.html), atau --reminder",
        "bkbk brief needs --out FILE.pdf (or FILE.html), or --reminder",
    ),
    "cli.bad_day": (
        "{option} harus berupa tanggal YYYY-MM-DD, bukan {value!r}",
        "{option} must be a day as YYYY-MM-DD, got {value!r}",
    ),
    "cli.short.export": (
        "Tulis semua laporan (xlsx, csv, json, ringkasan PDF) ke satu folder.",
        "Write every report (xlsx, csv, json, PDF brief) into a folder.",
    ),
    "cli.cmd.template": (
        "Tulis roster kosong resmi untuk satu desa, satu kabupaten/kota atau (tanpa keduanya) "
        "seluruh provinsi.\n\n"
        "Kepala roster sudah terisi, satu baris judul, satu kolom per bulan, NIK/KPJ sebagai "
        "teks dengan validasi, daftar pilihan, judul terkunci, dan lembar Petunjuk. "
        "--prefill menyalin peserta (tanpa iuran) dari roster terakhir desa itu di basis "
        "data. Kode keluar 0 bila berhasil; 1 bila basis data atau berkas tidak dapat "
        "dipakai; 2 salah penggunaan.",
        "Write the official blank roster for a village, a regency or (neither given) the "
        "province.\n\n"
        "Title block filled in, one header row, a column per month, NIK/KPJ as text with "
        "validation, drop-downs, protected header, a Petunjuk sheet. --prefill copies the "
        "participants (no payments) of the village's latest roster in the store. Exit 0 on "
        "success; 1 when the store or a file cannot be used; 2 on a usage error.",
    ),
    "cli.short.template": (
        "Tulis roster kosong resmi untuk desa.",
        "Write the official blank roster.",
    ),
    "cli.opt.template_out": (
        "Berkas .xlsx (satu desa) atau folder (beberapa desa).",
        "The .xlsx file (one village) or a folder (several).",
    ),
    "cli.opt.template_village": (
        "Satu desa, dengan kodenya (15.06.01.2001).",
        "One village, by its code (15.06.01.2001).",
    ),
    "cli.opt.template_regency": (
        "Semua desa di satu kabupaten/kota (singkatan, kode atau nama).",
        "Every village of a regency (slug, code or name).",
    ),
    "cli.opt.year": (
        "Tahun roster (bawaan: tahun ini).",
        "The roster's year (default: this year).",
    ),
    "cli.opt.prefill": (
        "Isi peserta dari roster terakhir yang tersimpan.",
        "Fill in the participants of the latest stored roster.",
    ),
    "cli.opt.message": (
        "Cetak pesan singkat (untuk WhatsApp) bagi setiap desa, sebagai ganti tabel temuan.",
        "Print a short chat message for each village instead.",
    ),
    "cli.village_or_regency": (
        "berikan --village atau --regency, jangan keduanya",
        "give --village or --regency, not both",
    ),
    "cli.bad_year": (
        "--year harus antara 2000 dan 2100, tertulis {value}",
        "--year must be between 2000 and 2100, got {value}",
    ),
    "cli.messages_failed": (
        "pesan tidak dapat ditulis ke {path}: {reason}",
        "cannot write the messages into {path}: {reason}",
    ),
    "cli.opt.debug": (
        "Tampilkan traceback bila alat ini sendiri mengalami kesalahan internal.",
        "Show tracebacks of internal errors.",
    ),
    "cli.opt.version": ("Tampilkan versi.", "Show the version."),
    "cli.opt.help": ("Tampilkan bantuan ini lalu keluar.", "Show this message and exit."),
    "cli.opt.install_completion": (
        "Pasang pelengkapan otomatis (tombol Tab) untuk shell ini.",
        "Install completion for the current shell.",
    ),
    "cli.opt.show_completion": (
        "Tampilkan skrip pelengkapan otomatis untuk shell ini, untuk disalin atau diubah.",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    "cli.opt.config": (
        "Berkas TOML berisi aturan program (bawaan: $BKBK_CONFIG atau ~/.config/bkbk/config.toml).",
        "TOML file with programme rules (default: $BKBK_CONFIG or ~/.config/bkbk/config.toml).",
    ),
    "cli.opt.lang": (
        "Bahasa: id (bawaan) atau en; juga lewat $BKBK_LANG.",
        "Language: id (default) or en; also $BKBK_LANG.",
    ),
    "cli.opt.period": (
        "Bulan penilaian TTTT-BB (bawaan: bulan terakhir yang batas bayarnya sudah lewat).",
        "Evaluation month YYYY-MM (default: the latest month whose payment deadline has passed).",
    ),
    "cli.opt.format": ("Bentuk keluaran.", "Output format."),
    "cli.opt.strict": (
        "Peringatan juga dianggap gagal (kode keluar 1).",
        "Warnings fail too (exit 1).",
    ),
    "cli.opt.village": (
        "Kode desa, bila roster tidak mencantumkannya.",
        "Village code, when the roster lacks one.",
    ),
    "cli.opt.sheet": ("Lembar kerja roster.", "The roster's sheet."),
    "cli.opt.annotate": (
        "Tulis salinan roster bertanda temuan (sebuah folder bila beberapa berkas).",
        "Write a marked-up copy (a folder when several files).",
    ),
    "cli.opt.limit": (
        "Jumlah temuan yang ditampilkan per berkas di layar.",
        "Findings shown per file on screen.",
    ),
    "cli.arg.paths": (
        "Berkas roster atau folder berisi roster.",
        "Roster files or folders of rosters.",
    ),
    "cli.opt.db": (
        "Basis data (berkas SQLite; bawaan: $BKBK_DB, atau $XDG_DATA_HOME/bkbk/bkbk.sqlite3, "
        "yaitu ~/.local/share/bkbk/bkbk.sqlite3).",
        "The store (SQLite file; default: $BKBK_DB, else $XDG_DATA_HOME/bkbk/bkbk.sqlite3, "
        "i.e. ~/.local/share/bkbk/bkbk.sqlite3).",
    ),
    "cli.opt.dry_run": (
        "Tampilkan apa yang akan disimpan, tanpa menyimpan apa pun.",
        "Show what would be stored; write nothing.",
    ),
    "cli.opt.regency": (
        "Kabupaten/kota: singkatan, kode atau nama; tanpa ini: seluruh provinsi.",
        "Slug, code or name; without it: the province.",
    ),
    "cli.opt.out": ("Tulis ke berkas ini.", "Write to this file."),
    "cli.opt.sort": (
        "Urutkan baris menurut kolom: judul kolom di tabel (mis. Kesin., Tunggak) atau nama "
        "kolom JSON/CSV (mis. continuity_rate).",
        "Sort rows by a column: a table header (e.g. Cont., Owed) or a JSON/CSV column "
        "name (e.g. continuity_rate).",
    ),
    "cli.opt.desc": ("Urutkan dari yang terbesar.", "Sort descending."),
    "cli.opt.show_nik": (
        "Tampilkan NIK lengkap (bawaan: disamarkan).",
        "Show NIKs in full (masked by default).",
    ),
    "cli.opt.export_out": (
        "Folder tujuan berkas (dibuat bila belum ada).",
        "Folder for the files (created if missing).",
    ),
    "cli.opt.quiet": (
        "Tidak menampilkan apa pun bila berhasil.",
        "Print nothing on success.",
    ),
    "cli.mv.paths": ("BERKAS", "FILES"),
    "cli.mv.file": ("BERKAS", "FILE"),
    "cli.mv.folder": ("FOLDER", "FOLDER"),
    "cli.mv.period": ("TTTT-BB", "YYYY-MM"),
    "cli.mv.column": ("KOLOM", "COLUMN"),
    "cli.mv.regency": ("KAB/KOTA", "REGENCY"),
    "cli.mv.code": ("KODE", "CODE"),
    "cli.mv.sheet": ("LEMBAR", "SHEET"),
    "cli.mv.number": ("ANGKA", "NUMBER"),
    "cli.mv.options": ("[OPSI]", "[OPTIONS]"),
    "cli.mv.command": ("PERINTAH [ARGUMEN]...", "COMMAND [ARGS]..."),
    "cli.mv.village": ("DESA", "VILLAGE"),
    "cli.mv.submission": ("NOMOR", "NUMBER"),
    "cli.cmd.status": (
        "Isi basis data: jalurnya dan versi skemanya, kiriman, dan per tahun roster desa yang "
        "sudah lapor di setiap kabupaten/kota serta kiriman terakhir.\n\n"
        "Kode keluar 0; 1 bila basis data tidak ada atau tidak terbaca.",
        "What the store holds: its path and schema version, submissions, and per roster year "
        "the villages reporting in each regency and the latest ingest.\n\n"
        "Exit 0; 1 when there is no store or it cannot be read.",
    ),
    "cli.short.status": ("Isi basis data.", "What the store holds."),
    "cli.cmd.history": (
        "Kiriman satu desa: kapan, berkas mana, baris, kesalahan, dan mana yang dipakai "
        "laporan (berlaku).\n\n"
        "Kode keluar 0; 1 bila basis data tidak ada; 2 bila desanya tidak dapat ditentukan.",
        "The submissions of one village: when, which file, rows, errors, and which one "
        "reports use (current).\n\n"
        "Exit 0; 1 without a store; 2 for a village that cannot be told.",
    ),
    "cli.short.history": ("Riwayat kiriman satu desa.", "A village's submissions."),
    "cli.cmd.revert": (
        "Pakai lagi kiriman lama sebagai roster desa dan tahunnya di laporan.\n\n"
        "Tidak ada yang dihapus; roster desa itu yang di-ingest kemudian menggantikannya "
        "seperti biasa. Kode keluar 0; 1 bila basis data tidak ada atau kirimannya tidak "
        "ada atau tidak dapat dipakai.",
        "Make an earlier submission the one reports use for its village and year again.\n\n"
        "Nothing is deleted; a roster of the village ingested later replaces it as usual. "
        "Exit 0; 1 without a store or for a submission that does not exist or cannot be used.",
    ),
    "cli.short.revert": (
        "Pakai lagi kiriman lama (tidak ada yang dihapus).",
        "Make an earlier submission current again.",
    ),
    "cli.arg.village": (
        "Kode desa (15.06.01.2001) atau namanya.",
        "Village code (15.06.01.2001) or name.",
    ),
    "cli.arg.submission": (
        "Nomor kiriman (lihat bkbk history).",
        "The submission number (see bkbk history).",
    ),
    "cli.opt.store_format": ("Bentuk keluaran: table atau json.", "Output format: table or json."),
    "cli.opt.history_regency": (
        "Persempit nama desa ke satu kabupaten/kota.",
        "Narrow a village name to a regency.",
    ),
    "cli.opt.belum_lapor": (
        "Hanya desa/kelurahan yang belum lapor (table, json, csv), untuk ditelepon.",
        "Only the villages that have not reported (table, json, csv), for the calls.",
    ),
    "cli.belum_lapor_xlsx": (
        "--belum-lapor adalah daftar untuk table, json atau csv, bukan xlsx",
        "--belum-lapor is a list for table, json or csv, not xlsx",
    ),
    # the CLI's own messages
    "cli.internal_error": (
        "kesalahan internal: {kind}: {detail}",
        "internal error: {kind}: {detail}",
    ),
    "cli.bad_period": (
        "--period harus berupa bulan TTTT-BB (misalnya 2026-10), tertulis {value!r}",
        "--period must be a month as YYYY-MM (e.g. 2026-10), got {value!r}",
    ),
    "cli.bad_lang": (
        "--lang harus id atau en, tertulis {value!r}",
        "--lang must be id or en, got {value!r}",
    ),
    "cli.no_files": (
        "tidak ada berkas roster di berkas/folder yang diberikan",
        "no roster files found in the given folders",
    ),
    "cli.xlsx_needs_out": (
        "--format xlsx memerlukan --out BERKAS",
        "--format xlsx needs --out FILE",
    ),
    "cli.unknown_regency": (
        "kabupaten/kota {text!r} tidak dikenal; gunakan salah satu dari: {valid}",
        "unknown regency {text!r}; use one of: {valid}",
    ),
    "cli.unknown_sort": (
        "kolom {column!r} tidak ada untuk --sort; gunakan judul kolom tabel ({headers}) atau "
        "nama kolom JSON/CSV ({names})",
        "unknown column {column!r} for --sort; use a table header ({headers}) or a JSON/CSV "
        "column name ({names})",
    ),
    "cli.cannot_write": ("tidak dapat menulis {path}: {reason}", "cannot write {path}: {reason}"),
    "cli.no_store": (
        "basis data tidak ada di {path}; jalankan bkbk ingest lebih dulu atau berikan --db",
        "no store at {path}; run bkbk ingest first or give --db",
    ),
    "cli.export_failed": ("ekspor gagal: {reason}", "export failed: {reason}"),
    "cli.annotate_failed": (
        "{source}: salinan bertanda {out} tidak dapat ditulis: {reason}",
        "{source}: cannot write the annotated copy {out}: {reason}",
    ),
    # Click's own words (usage line, sections, usage errors): "click.*" keys whose English
    # text is Click's, matched with {placeholders} as wildcards (see cli_lang.click_text).
    "click.usage": ("Penggunaan:", "Usage:"),
    "click.Options": ("Opsi", "Options"),
    "click.Arguments": ("Argumen", "Arguments"),
    "click.Commands": ("Perintah", "Commands"),
    "click.default": ("bawaan: {default}", "default: {default}"),
    "click.required": ("wajib", "required"),
    "click.envvar": ("variabel lingkungan: {var}", "env var: {var}"),
    "click.dynamic": ("(dinamis)", "(dynamic)"),
    "click.aborted": ("Dibatalkan.", "Aborted!"),
    "click.error": ("Kesalahan: {message}", "Error: {message}"),
    "click.try_help": ("Lihat '{command}' untuk bantuan.", "Try '{command}' for help."),
    "click.missing_command": ("Perintah belum diberikan.", "Missing command."),
    "click.no_command": ("Perintah {name!r} tidak dikenal.", "No such command {name!r}."),
    "click.no_option_maybe": (
        "Opsi {name} tidak dikenal (yang mirip: {options})",
        "No such option: {name} (Possible options: {options})",
    ),
    "click.no_option": ("Opsi {name} tidak dikenal", "No such option: {name}"),
    "click.missing_argument": ("Argumen {name} belum diisi.", "Missing argument {name}."),
    "click.missing_option": ("Opsi {name} belum diisi.", "Missing option {name}."),
    "click.needs_value": ("Opsi {name} memerlukan nilai.", "Option {name} requires an argument."),
    "click.needs_values": (
        "Opsi {name} memerlukan {n} nilai.",
        "Option {name} requires {n} arguments.",
    ),
    "click.takes_no_value": (
        "Opsi {name} tidak menerima nilai.",
        "Option {name} does not take a value.",
    ),
    "click.extra_args": (
        "Ada argumen berlebih: {args}",
        "Got unexpected extra argument(s) ({args})",
    ),
    "click.not_one_of": (
        "Nilai {value} tidak sah untuk {name}; pilih salah satu dari: {choices}.",
        "Invalid value for {name}: Value error, {value} is not one of {choices}.",
    ),
    "click.not_one_of2": (
        "Nilai {value} tidak sah untuk {name}; pilih salah satu dari: {choices}.",
        "Invalid value for {name}: {value} is not one of {choices}.",
    ),
    "click.not_integer": (
        "Nilai untuk {name} harus bilangan bulat.",
        "Invalid value for {name}: Input should be a valid integer{detail}",
    ),
    "click.invalid_value": (
        "Nilai tidak sah untuk {name}: {detail}",
        "Invalid value for {name}: {detail}",
    ),
    # --- store.py: why the store cannot be used (English: the exception's own text)
    "store.cannot_open": (
        "{path}: basis data tidak dapat dibuka: {reason}",
        "{path}: cannot open the store: {reason}",
    ),
    "store.unusable": (
        "{path}: bukan basis data bkbk yang dapat dipakai: {reason}",
        "{path}: not a usable bkbk store: {reason}",
    ),
    "store.newer": (
        "{path}: versi skema basis data {version} lebih baru daripada yang dipahami bkbk ini "
        "({known}); perbarui bkbk",
        "{path}: store schema version {version} is newer than this bkbk understands "
        "({known}); upgrade bkbk",
    ),
    "store.foreign": (
        "{path}: berkas ini basis data SQLite, tetapi bukan basis data bkbk",
        "{path}: the file is an SQLite database but not a bkbk store",
    ),
    "store.locked": (
        "{path}: basis data dikunci proses bkbk lain selama {seconds} detik ({reason}); "
        "coba lagi nanti",
        "{path}: the store stayed locked by another bkbk for {seconds} s ({reason}); "
        "try again later",
    ),
    # --- export.py
    "export.done": (
        "bkbk export: {n} berkas periode {period} di {out} (1 provinsi + {regencies} "
        "kabupaten/kota)",
        "bkbk export: {n} files for {period} in {out} (1 province + {regencies} regencies)",
    ),
    "export.lock_file": (
        "berkas kunci {path} tidak dapat dibuat: {reason}",
        "cannot create the lock file {path}: {reason}",
    ),
    "export.locked": (
        "ekspor bkbk lain sedang menulis ke {out}{who}; coba lagi setelah selesai (kunci: {path})",
        "another bkbk export is running into {out}{who}; try again when it has finished "
        "(lock: {path})",
    ),
    "export.no_period": (
        "laporan {what} tidak punya periode yang sah: {period!r}",
        "the {what} report has no valid period: {period!r}",
    ),
    "export.mkdir": (
        "folder {path} tidak dapat dibuat: {reason}",
        "cannot create {path}: {reason}",
    ),
    "export.province": (
        "laporan provinsi tidak dapat disusun: {reason}",
        "the province report could not be built: {reason}",
    ),
    "export.province_period": (
        "laporan provinsi untuk {resolved}, bukan {period} yang diminta",
        "the province report is for {resolved}, not the {period} asked for",
    ),
    "export.briefs": (
        "ringkasan rapat tidak dapat disusun: {reason}",
        "the briefs could not be built: {reason}",
    ),
    "export.brief_missing": (
        "ringkasan {scope} tidak tersusun",
        "the brief for {scope} was not built",
    ),
    "export.regency": (
        "laporan {slug} tidak dapat disusun: {reason}",
        "the report for {slug} could not be built: {reason}",
    ),
    "export.regency_period": (
        "laporan {slug} bukan untuk {resolved}",
        "the report for {slug} is not for {resolved}",
    ),
    "export.write": (
        "tidak dapat menulis ke {path}: {reason}",
        "cannot write into {path}: {reason}",
    ),
    "export.file": (
        "sebuah berkas laporan tidak dapat ditulis: {reason}",
        "a report file could not be written: {reason}",
    ),
    "export.move": (
        "berkas baru tidak dapat dipindahkan ke {path} ({done} dari {total} sudah diganti, "
        "sisanya masih yang lama): {reason}",
        "cannot move the new files into {path} ({done} of {total} replaced, the rest are "
        "the previous ones): {reason}",
    ),
    # --- ingest: ingest.py
    "ingest.stored": ("disimpan", "stored"),
    "ingest.replaced": ("mengganti", "replaced"),
    "ingest.unchanged": ("tidak berubah", "unchanged"),
    "ingest.failed": ("gagal", "failed"),
    "ingest.would": ("(uji coba) ", "(dry run) "),
    "ingest.rows": (
        "baris dibaca {read} = {ok} disimpan + {rejected} ditolak",
        "rows read {read} = {ok} stored + {rejected} rejected",
    ),
    "ingest.counts": ("{e} kesalahan, {w} peringatan", "{e} errors, {w} warnings"),
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
    # --- brief: brief.py, render/brief_html.py, render/brief_charts.py
    "brief.title_province": ("Provinsi Jambi", "Jambi Province"),
    "brief.title_regency": ("{name}", "{name}"),
    "brief.heading": ("Ringkasan BKBK", "BKBK brief"),
    "brief.period": ("Periode {period}", "Period {period}"),
    "brief.made": ("dibuat {day}", "made {day}"),
    "brief.villages_reported": ("Desa lapor (roster {year})", "Villages reported ({year} roster)"),
    "brief.villages_met": ("Desa memenuhi kuota", "Villages meeting the quota"),
    "brief.of": ("dari {n}", "of {n}"),
    "brief.active_of_quota": ("aktif dari kuota {q}", "active of a quota of {q}"),
    "brief.enrolled_n": ("terdaftar {n}", "enrolled {n}"),
    "brief.rate": ("Kesinambungan iuran", "Contribution continuity"),
    "brief.months": ("{paid} dari {due} bulan dibayar", "{paid} of {due} months paid"),
    "brief.paid": ("Iuran dibayar", "Contributions paid"),
    "brief.outstanding": ("Tunggakan", "Outstanding"),
    "brief.followup": ("Peserta perlu tindak lanjut", "Participants to follow up"),
    "brief.followup_detail": ("{mn} menunggak, {na} nonaktif", "{mn} in arrears, {na} inactive"),
    "brief.reporting": (
        "Laporan {period} (batas {day})",
        "Reports for {period} (due {day})",
    ),
    "brief.on_time": ("tepat waktu", "on time"),
    "brief.late": ("terlambat", "late"),
    "brief.missing": ("belum lapor", "not reported"),
    "brief.chart_distribution": (
        "Desa menurut pemenuhan kuota (aktif/kuota)",
        "Villages by share of quota met (active/quota)",
    ),
    "brief.chart_regencies": (
        "Desa per kabupaten/kota: kuota terpenuhi, lapor, belum lapor",
        "Villages per regency: quota met, reported, not reported",
    ),
    "brief.chart_trend_active": (
        "Peserta aktif per bulan (% dari kuota)",
        "Active participants per month (% of quota)",
    ),
    "brief.chart_trend_met": (
        "Desa memenuhi kuota per bulan",
        "Villages meeting the quota per month",
    ),
    "brief.quota_line": ("kuota {k}", "quota {k}"),
    "brief.villages_axis": ("desa", "villages"),
    "brief.bin_none": ("belum lapor", "not reported"),
    "brief.bin_met": ("100% (terpenuhi)", "100% (met)"),
    "brief.legend_met": ("kuota terpenuhi", "quota met"),
    "brief.legend_reported": ("lapor, kuota kurang", "reported, quota short"),
    "brief.legend_missing": ("belum lapor", "not reported"),
    "brief.weakest": ("Sepuluh desa terlemah", "The ten weakest villages"),
    "brief.weakest_none": (
        "Semua desa yang lapor memenuhi kuota.",
        "Every reported village meets its quota.",
    ),
    "brief.village": ("Desa/Kelurahan", "Village"),
    "brief.district": ("Kec.", "District"),
    "brief.regency": ("Kabupaten/Kota", "Regency"),
    "brief.share": ("Kuota", "Quota"),
    "brief.reason": ("Alasan", "Reason"),
    "brief.tile_miskin_ekstrem": ("Miskin Ekstrem aktif / kuota", "Extreme poor active / quota"),
    "brief.tile_pekerja_rentan": (
        "Pekerja Rentan aktif / kuota",
        "Vulnerable workers active / quota",
    ),
    "brief.short_miskin_ekstrem": ("ME aktif", "EP active"),
    "brief.short_pekerja_rentan": ("PR aktif", "VW active"),
    "brief.reason_rate": ("kesinambungan {rate}", "continuity {rate}"),
    "brief.reason_menunggak": ("{n} menunggak", "{n} in arrears"),
    "brief.reason_nonaktif": ("{n} nonaktif", "{n} inactive"),
    "brief.reason_errors": ("{n} kesalahan di roster", "{n} errors in the roster"),
    "brief.reason_none": ("-", "-"),
    "brief.not_reported": (
        "Belum lapor {period}: {n} desa",
        "Not reported for {period}: {n} villages",
    ),
    "brief.late_list": ("Terlambat: {n} desa", "Late: {n} villages"),
    "brief.more": ("... dan {n} lainnya", "... and {n} more"),
    "brief.none": ("tidak ada", "none"),
    "brief.ranking": ("Peringkat kabupaten/kota", "Regencies ranked"),
    "brief.rank": ("No", "No"),
    "brief.col_reported": ("Lapor", "Reported"),
    "brief.col_met": ("Kuota terpenuhi", "Quota met"),
    "brief.col_timely": ("Tepat/telat/belum", "On time/late/none"),
    "brief.col_me": ("ME aktif/kuota", "EP act./quota"),
    "brief.col_pr": ("PR aktif/kuota", "VW act./quota"),
    "brief.col_rate": ("Kesin.", "Cont."),
    "brief.col_owed": ("Tunggakan", "Outstanding"),
    "brief.legend": (
        "ME = Miskin Ekstrem, PR = Pekerja Rentan. Aktif = iuran dibayar sampai bulan periode. "
        "Kesinambungan = bulan dibayar / bulan jatuh tempo sejak Januari atau pendaftaran.",
        "EP = extreme poor (Miskin Ekstrem), VW = vulnerable workers (Pekerja Rentan). Active = "
        "paid up to the period. Continuity = months paid / months due since January or enrolment.",
    ),
    "brief.reminder_title": ("*BKBK {name}: laporan {period}*", "*BKBK {name}: {period} report*"),
    "brief.reminder_deadline": (
        "Batas kirim roster: {day}.",
        "Rosters were due by {day}.",
    ),
    "brief.reminder_missing": ("Belum lapor ({n} desa):", "Not reported yet ({n} villages):"),
    "brief.reminder_late": (
        "Terlambat ({n} desa, tanggal diterima):",
        "Late ({n} villages, day received):",
    ),
    "brief.reminder_close": (
        "Mohon roster segera dikirim. Terima kasih.",
        "Please send the rosters as soon as possible. Thank you.",
    ),
    "brief.reminder_all": (
        "Semua desa sudah lapor tepat waktu untuk {period}.",
        "Every village reported on time for {period}.",
    ),
    "brief.index_title": ("Laporan BKBK {period}", "BKBK reports, {period}"),
    "brief.index_scope": ("Wilayah", "Area"),
    "brief.index_brief": ("Ringkasan (PDF)", "Brief (PDF)"),
    "brief.index_files": ("Data", "Data"),
    "brief.villageless": (
        "{n} roster tanpa desa tidak dihitung untuk desa mana pun: lihat bkbk report",
        "{n} rosters without a village are counted for no village: see bkbk report",
    ),
    "brief.see_pages": (
        "daftar desa per kabupaten/kota di halaman berikutnya",
        "the villages are listed on each regency's page",
    ),
    # --- template: template.py, render/template_guide.py (the blank roster for villages)
    "template.note": (
        "Isi satu baris per peserta di bawah judul kolom. Baca lembar Petunjuk lebih dulu.",
        "One row per participant under the column names. Read the Petunjuk sheet first.",
    ),
    "template.unknown_village": (
        "kode desa/kelurahan {code!r} tidak dikenal (contoh kode: 15.06.01.2001)",
        "unknown village code {code!r} (a code looks like 15.06.01.2001)",
    ),
    "template.written_one": ("Templat ditulis: {path}", "Template written: {path}"),
    "template.written_many": (
        "{n} templat ditulis di {folder}",
        "{n} templates written in {folder}",
    ),
    "template.written_prefilled": (
        "{n} templat ditulis di {folder}; {k} diisi dari roster terakhir",
        "{n} templates written in {folder}; {k} pre-filled from the latest roster",
    ),
    "template.no_roster": (
        "bkbk: belum ada roster tersimpan untuk {name} ({code}); templatnya kosong: {path}",
        "bkbk: no stored roster for {name} ({code}); its template is blank: {path}",
    ),
    "template.deadline.same": ("tanggal {day} bulan itu juga", "the {day}th of the month itself"),
    "template.deadline.next": ("tanggal {day} bulan berikutnya", "the {day}th of the next month"),
    "template.deadline.later": (
        "tanggal {day}, {n} bulan sesudahnya",
        "the {day}th, {n} months later",
    ),
    "template.error_title": ("Isian tidak sesuai", "Not a valid entry"),
    "template.error.nik": (
        "NIK harus 16 angka, sesuai KTP/KK.",
        "A NIK has 16 digits, as on the KTP/KK.",
    ),
    "template.error.no_kpj": (
        "No KPJ harus 11 angka, sesuai kartu BPJS Ketenagakerjaan.",
        "A KPJ number has 11 digits, as on the BPJS Ketenagakerjaan card.",
    ),
    "template.error.jenis_kelamin": (
        "Pilih L (laki-laki) atau P (perempuan).",
        "Choose L (male) or P (female).",
    ),
    "template.error.kategori": (
        "Pilih Miskin Ekstrem atau Pekerja Rentan dari daftar.",
        "Choose Miskin Ekstrem or Pekerja Rentan from the list.",
    ),
    "template.error.tanggal_lahir": (
        "Ketik tanggal sebagai hari/bulan/tahun, misalnya 17/08/1975.",
        "Type the date as day/month/year, e.g. 17/08/1975.",
    ),
    "template.error.tanggal_terdaftar": (
        "Ketik tanggal sebagai hari/bulan/tahun, misalnya 02/01/2025, paling lambat tahun {year}.",
        "Type the date as day/month/year, e.g. 02/01/2025, in {year} at the latest.",
    ),
    "template.error.iuran": (
        "Isi angka saja, tanpa Rp dan tanpa titik, misalnya {example}.",
        "Numbers only, without Rp or dots, e.g. {example}.",
    ),
    "template.prompt.nik": (
        "16 angka sesuai KTP/KK. Kolom ini berformat teks, jadi angkanya tidak berubah.",
        "16 digits as on the KTP/KK. The column is text, so the digits stay as typed.",
    ),
    "template.prompt.no_kpj": (
        "11 angka sesuai kartu BPJS Ketenagakerjaan.",
        "11 digits as on the BPJS Ketenagakerjaan card.",
    ),
    "template.prompt.jenis_kelamin": ("L = laki-laki, P = perempuan.", "L = male, P = female."),
    "template.prompt.tanggal_lahir": (
        "Tanggal lahir sesuai KTP: hari/bulan/tahun, misalnya 17/08/1975.",
        "Date of birth as on the KTP: day/month/year, e.g. 17/08/1975.",
    ),
    "template.prompt.tanggal_terdaftar": (
        "Tanggal mulai terdaftar di BPJS Ketenagakerjaan (TMT): hari/bulan/tahun.",
        "The day the person was enrolled with BPJS Ketenagakerjaan (TMT): day/month/year.",
    ),
    "template.prompt.kategori.miskin_ekstrem": (
        "Baris No {first}-{last}: peserta Miskin Ekstrem. Pilih dari daftar.",
        "Rows No {first}-{last}: Miskin Ekstrem participants. Choose from the list.",
    ),
    "template.prompt.kategori.pekerja_rentan": (
        "Baris No {first}-{last}: peserta Pekerja Rentan. Pilih dari daftar.",
        "Rows No {first}-{last}: Pekerja Rentan participants. Choose from the list.",
    ),
    "template.prompt_title.iuran": ("Iuran bulan ini", "This month's contribution"),
    "template.guide.title": (
        "PETUNJUK PENGISIAN ROSTER BKBK TAHUN {year}",
        "HOW TO FILL IN THE BKBK ROSTER, {year}",
    ),
    "template.guide.village": (
        "Desa/Kelurahan {name} (kode {code}), Kecamatan {district}, {regency}.",
        "Village {name} (code {code}), district {district}, {regency}.",
    ),
    "template.guide.columns": ("Kolom dan cara mengisinya", "The columns and how to fill them"),
    "template.guide.col.no": (
        "Nomor urut, sudah terisi. Jangan diubah.",
        "Row number, already filled in. Do not change it.",
    ),
    "template.guide.col.nik": (
        "Nomor Induk Kependudukan, 16 angka, sesuai KTP atau Kartu Keluarga. Kolom ini "
        "berformat teks, jadi ketik saja angkanya; jangan menyalin dari kolom berformat angka.",
        "The national ID number, 16 digits, as on the KTP or family card. The column is "
        "text, so just type the digits; do not paste from a number column.",
    ),
    "template.guide.col.nama": (
        "Nama lengkap sesuai KTP.",
        "Full name as on the KTP.",
    ),
    "template.guide.col.jenis_kelamin": (
        "Pilih dari daftar: L (laki-laki) atau P (perempuan).",
        "Choose from the list: L (male) or P (female).",
    ),
    "template.guide.col.tanggal_lahir": (
        "Tanggal lahir sesuai KTP, diketik hari/bulan/tahun (17/08/1975).",
        "Date of birth as on the KTP, typed day/month/year (17/08/1975).",
    ),
    "template.guide.col.kategori": (
        "Pilih dari daftar: Miskin Ekstrem atau Pekerja Rentan.",
        "Choose from the list: Miskin Ekstrem or Pekerja Rentan.",
    ),
    "template.guide.col.pekerjaan": (
        "Pekerjaan utama, misalnya Petani, Nelayan, Buruh Harian Lepas.",
        "Main occupation, e.g. Petani, Nelayan, Buruh Harian Lepas.",
    ),
    "template.guide.col.no_kpj": (
        "Nomor Kartu Peserta Jamsostek, 11 angka, sesuai kartu BPJS Ketenagakerjaan.",
        "The BPJS Ketenagakerjaan card number (KPJ), 11 digits.",
    ),
    "template.guide.col.tanggal_terdaftar": (
        "Tanggal mulai terdaftar di BPJS Ketenagakerjaan (TMT), hari/bulan/tahun.",
        "The day the person was enrolled with BPJS Ketenagakerjaan (TMT), day/month/year.",
    ),
    "template.guide.col.iuran": (
        "Satu kolom per bulan: iuran yang dibayar untuk bulan itu, angka saja ({example}), "
        "tanpa Rp dan tanpa titik. Kosongkan bila belum dibayar atau peserta belum terdaftar.",
        "One column per month: the contribution paid for that month, numbers only "
        "({example}), without Rp or dots. Leave blank when unpaid or not yet enrolled.",
    ),
    "template.guide.quota_head": ("Kuota peserta", "Quota"),
    "template.guide.quota": (
        "Setiap desa/kelurahan mendaftarkan {me} peserta Miskin Ekstrem (baris No 1-{me_last}) "
        "dan {pr} peserta Pekerja Rentan (baris No {pr_first}-{pr_last}). Baris yang tidak "
        "terpakai biarkan kosong.",
        "Every village enrols {me} Miskin Ekstrem participants (rows No 1-{me_last}) and "
        "{pr} Pekerja Rentan participants (rows No {pr_first}-{pr_last}). Leave unused rows "
        "blank.",
    ),
    "template.guide.age": (
        "Peserta didaftarkan sebelum berusia {max_age} tahun.",
        "Participants are enrolled before the age of {max_age}.",
    ),
    "template.guide.money_head": ("Iuran dan batas waktu", "Contribution and deadline"),
    "template.guide.money": (
        "Iuran BPJS Ketenagakerjaan {monthly} per peserta per bulan.",
        "The BPJS Ketenagakerjaan contribution is {monthly} per participant per month.",
    ),
    "template.guide.change": (
        "{start} s.d. {until}, {who}: {amount} per bulan.",
        "{start} to {until}, {who}: {amount} a month.",
    ),
    "template.guide.deadline": (
        "Iuran setiap bulan dibayar paling lambat {deadline}. Peserta yang {lapse} bulan "
        "berturut-turut tidak dibayar menjadi nonaktif.",
        "Each month's contribution is due by {deadline}. A participant unpaid for {lapse} "
        "months in a row becomes inactive.",
    ),
    "template.guide.send_head": ("Cara mengirim kembali", "How to send it back"),
    "template.guide.send1": (
        "Simpan sebagai berkas Excel (.xlsx), jangan sebagai PDF atau foto.",
        "Save it as an Excel file (.xlsx), not as a PDF or a photo.",
    ),
    "template.guide.send2": (
        "Jangan mengubah judul kolom, nama lembar, atau baris judul di atas tabel.",
        "Do not change the column names, the sheet names or the title rows above the table.",
    ),
    "template.guide.send3": (
        "Kirim berkas ini ke petugas BKBK kabupaten/kota (WhatsApp atau email) setiap "
        "bulan, setelah iuran bulan itu dibayar (paling lambat {deadline}).",
        "Send this file to the regency's BKBK officer (WhatsApp or e-mail) every month, once "
        "that month's contribution is paid (by {deadline}).",
    ),
    "template.guide.send4": (
        "Bila ada yang perlu diperbaiki, berkas ini dikirim kembali dengan sel bertanda merah "
        "dan lembar Ringkasan. Perbaiki sel itu di berkas yang sama, lalu kirim lagi.",
        "If something must be fixed, the file comes back with the cells marked in red and a "
        "Ringkasan sheet. Fix those cells in the same file and send it again.",
    ),
    "template.prompt.iuran": (
        "Iuran yang dibayar untuk bulan ini, angka saja (misalnya {example}). Kosongkan bila "
        "belum dibayar. Batas bayar: {deadline}.",
        "The contribution paid for this month, numbers only (e.g. {example}). Leave blank "
        "when unpaid. Due by {deadline}.",
    ),
    # --- feedback: render/feedback.py, render/feedback_sheet.py (what goes back to the village)
    "feedback.fix": ("{what} perlu diperbaiki ({n} baris)", "{what} to fix (rows: {n})"),
    "feedback.field.nik": ("NIK", "NIK"),
    "feedback.field.nama": ("Nama", "Nama (name)"),
    "feedback.field.jenis_kelamin": ("Jenis Kelamin", "Jenis Kelamin (sex)"),
    "feedback.field.tanggal_lahir": ("Tanggal Lahir", "Tanggal Lahir (birth date)"),
    "feedback.field.kategori": ("Kategori", "Kategori (category)"),
    "feedback.field.pekerjaan": ("Pekerjaan", "Pekerjaan (occupation)"),
    "feedback.field.no_kpj": ("No KPJ", "No KPJ"),
    "feedback.field.tanggal_terdaftar": ("Tanggal Terdaftar", "Tanggal Terdaftar (enrolled)"),
    "feedback.field.iuran": ("Iuran bulanan", "Monthly contributions"),
    "feedback.warn.IURAN_GAP": (
        "Iuran bolong, bulan tak dibayar di antara bulan dibayar ({n} baris)",
        "Gaps, a month unpaid between paid ones (rows: {n})",
    ),
    "feedback.warn.IURAN_UNDERPAID": ("Iuran kurang bayar ({n} baris)", "Underpaid (rows: {n})"),
    "feedback.warn.STATUS_MENUNGGAK": (
        "Peserta menunggak ({n} baris)",
        "Participants in arrears (rows: {n})",
    ),
    "feedback.warn.STATUS_NONAKTIF": (
        "Peserta nonaktif ({n} baris)",
        "Inactive participants (rows: {n})",
    ),
    "feedback.warn.NIK_BIRTHDATE_MISMATCH": (
        "Tanggal lahir berbeda dengan NIK ({n} baris)",
        "Birth date differs from the NIK (rows: {n})",
    ),
    "feedback.warn.NIK_SEX_MISMATCH": (
        "Jenis kelamin berbeda dengan NIK ({n} baris)",
        "Sex differs from the NIK (rows: {n})",
    ),
    "feedback.warn.NIK_OUTSIDE_JAMBI": (
        "NIK dari luar Provinsi Jambi ({n} baris)",
        "NIK issued outside Jambi (rows: {n})",
    ),
    "feedback.warn.TGL_LAHIR_MISSING": (
        "Tanggal lahir kosong ({n} baris)",
        "Birth date empty (rows: {n})",
    ),
    "feedback.warn.TGL_DAFTAR_MISSING": (
        "Tanggal terdaftar kosong ({n} baris)",
        "Enrolment date empty (rows: {n})",
    ),
    "feedback.warn.TGL_DAFTAR_AFTER_PERIOD": (
        "Terdaftar sesudah periode ini ({n} baris)",
        "Enrolled after this period (rows: {n})",
    ),
    "feedback.warn.KPJ_FORMAT": (
        "No KPJ bukan 11 digit ({n} baris)",
        "KPJ not 11 digits (rows: {n})",
    ),
    "feedback.warn.KPJ_DUPLICATE": ("No KPJ ganda ({n} baris)", "Duplicate KPJ (rows: {n})"),
    "feedback.warn.QUOTA_ENROLLED_SHORT": (
        "Kuota peserta terdaftar belum terpenuhi",
        "Enrolled participants short of the quota",
    ),
    "feedback.warn.QUOTA_ACTIVE_SHORT": (
        "Kuota peserta aktif belum terpenuhi",
        "Active participants short of the quota",
    ),
    "feedback.warn.PERIOD_BEYOND_ROSTER": (
        "Periode melewati kolom bulan terakhir",
        "The period is past the last month column",
    ),
    "feedback.more_cells": ("dan {n} sel lain", "and {n} more"),
    "feedback.head": (
        "Roster BKBK Desa/Kelurahan {village}, periode {period}:",
        "BKBK roster of {village}, period {period}:",
    ),
    "feedback.head_file": (
        "Roster BKBK (berkas {village}), periode {period}:",
        "BKBK roster (file {village}), period {period}:",
    ),
    "feedback.unreadable": (
        "Berkas roster tidak dapat dibaca. {reason} Mohon kirim ulang paling lambat {due}.",
        "The roster file cannot be read. {reason} Please send it again by {due}.",
    ),
    "feedback.all_fine": (
        "Roster sudah benar, tidak ada yang perlu diperbaiki. Terima kasih.",
        "The roster is correct; nothing needs fixing. Thank you.",
    ),
    "feedback.to_fix": (
        "Ada {n} kesalahan di {rows} baris yang perlu diperbaiki:",
        "{n} errors in {rows} rows need fixing:",
    ),
    "feedback.to_fix_sheet": (
        "Ada {n} kesalahan yang perlu diperbaiki:",
        "{n} errors need fixing:",
    ),
    "feedback.send_back": (
        "Sel yang salah ditandai merah di roster yang kami kirim kembali. Mohon perbaiki di "
        "berkas yang sama lalu kirim lagi paling lambat {due}.",
        "The wrong cells are marked red in the roster we send back. Please fix them in the "
        "same file and send it again by {due}.",
    ),
    "feedback.warnings_line": (
        "Catatan, tidak wajib diperbaiki: {n} peringatan ({kinds}).",
        "For information, nothing to fix: {n} warnings ({kinds}).",
    ),
    "feedback.more_kinds": (", dan {n} jenis lainnya", ", and {n} other kinds"),
    "feedback.fine.rows": (
        "{read} baris dibaca, {ok} peserta tercatat.",
        "{read} rows read, {ok} participants recorded.",
    ),
    "feedback.fine.quota_met": (
        "{k}: {active} peserta aktif, kuota {quota} terpenuhi.",
        "{k}: {active} active participants, quota {quota} met.",
    ),
    "feedback.fine.quota": (
        "{k}: {enrolled} terdaftar, {active} aktif dari kuota {quota}.",
        "{k}: {enrolled} enrolled, {active} active of a quota of {quota}.",
    ),
    "feedback.fine.columns": ("Tanpa kesalahan: {columns}.", "No errors in: {columns}."),
    "feedback.sheet_name": ("Ringkasan", "Summary"),
    "feedback.sheet.title": ("Ringkasan pemeriksaan roster BKBK", "BKBK roster check: summary"),
    "feedback.sheet.file": (
        "Berkas {file}, lembar {sheet}; diperiksa {today}.",
        "File {file}, sheet {sheet}; checked {today}.",
    ),
    "feedback.sheet.message": ("Pesan untuk desa/kelurahan", "Message for the village"),
    "feedback.sheet.fine": ("Yang sudah benar", "What is fine"),
    "feedback.sheet.fix": ("Yang harus diperbaiki", "What must be fixed"),
    "feedback.sheet.warn": (
        "Peringatan saja (tidak wajib diperbaiki)",
        "Warnings only (nothing to fix)",
    ),
    "feedback.sheet.send": ("Cara mengirim kembali", "How to send it back"),
    "feedback.sheet.send1": (
        "1. Perbaiki sel bertanda merah pada lembar roster (arahkan kursor ke sel untuk melihat "
        "catatannya). Sel kuning hanya peringatan.",
        "1. Fix the red cells on the roster sheet (hover over a cell to read its note). Amber "
        "cells are warnings only.",
    ),
    "feedback.sheet.send2": (
        "2. Jangan mengubah judul kolom atau baris judul; lembar Ringkasan dan Temuan boleh "
        "dibiarkan.",
        "2. Do not change the column names or the title rows; the Ringkasan and Temuan sheets "
        "may stay.",
    ),
    "feedback.sheet.send3": (
        "3. Simpan sebagai .xlsx dan kirim kembali berkas ini paling lambat {due}.",
        "3. Save as .xlsx and send this file back by {due}.",
    ),
    "feedback.sheet.cell": ("Sel", "Cell"),
    "feedback.sheet.row": ("Baris", "Row"),
    "feedback.sheet.what": ("Apa yang salah", "What is wrong"),
    "feedback.sheet.note": ("Keterangan", "Note"),
    "feedback.sheet.none": ("Tidak ada.", "None."),
    "feedback.sheet.more": (
        "... dan {n} lagi: lihat lembar Temuan.",
        "... and {n} more: see the Temuan sheet.",
    ),
    "feedback.attach": ("(lampirkan {file})", "(attach {file})"),
    "feedback.messages_file": ("pesan-untuk-desa.txt", "messages-for-villages.txt"),
    "feedback.messages_written": (
        "Pesan untuk desa ditulis: {path}",
        "Messages for the villages written: {path}",
    ),
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
        "peringatan: belum ada roster tahun {year} di basis data (roster terakhir: "
        "tahun {latest}); semua desa tampil belum lapor.",
        "warning: no roster of {year} is stored (the latest are of {latest}); every village "
        "shows as not reported.",
    ),
    # --- bkbk status: render/store_tables.py (i12a)
    "status.store": (
        "Basis data: {path} (skema versi {version})",
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
        "tidak ada kiriman #{id} di basis data: lihat bkbk history DESA",
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


def worded(cls: type[E], key: str, **fields: object) -> E:
    """An exception of ``cls`` whose text is the catalogue's ``key``: English as ``str()``
    (logs, tracebacks, scripts), and ``said(exc, lang)`` for the person at the terminal."""
    exc = cls(word(key, "en", **{k: said(v, "en") for k, v in fields.items()}))
    exc.words = (key, fields)  # type: ignore[attr-defined]
    return exc


def said(value: object, lang: Lang = "id") -> object:
    """What an error says in ``lang`` (a `worded` one from the catalogue, nested errors in
    its fields too; any other one its own text); a value that is no error as it is."""
    if not isinstance(value, BaseException):
        return value
    words = getattr(value, "words", None)
    if words is None:
        return str(value)
    key, fields = words
    return word(key, lang, **{k: said(v, lang) for k, v in fields.items()})


def period_name(period: str, lang: Lang = "id") -> str:
    """``2026-10`` -> ``Oktober 2026`` (``October 2026``): a period as people say it."""
    year, month = period.split("-")
    return f"{MONTH_NAMES[lang][int(month) - 1]} {year}"


def date_name(day: str, lang: Lang = "id") -> str:
    """``2026-10-15`` -> ``15 Oktober 2026`` (``15 October 2026``)."""
    year, month, dom = day[:10].split("-")
    return f"{int(dom)} {MONTH_NAMES[lang][int(month) - 1]} {year}"


def number(value: object, lang: Lang = "id") -> str:
    """``118875`` -> ``118.875`` (``118,875`` in English): a count as people write it."""
    if not isinstance(value, (int, float)):
        return "-"
    text = f"{value:,.0f}"
    return text if lang == "en" else text.replace(",", ".")


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
