"""Small rosters the tests build themselves, on top of the package's roster writer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from roster_writer import Participant, RosterSpec, synth_participants, write_roster

BADANG = ("15.06.01.2001", "Badang", "Tungkal Ulu", "Kabupaten Tanjung Jabung Barat")
TODAY = dt.date(2026, 11, 25)
MONTHS = [f"2026-{m:02d}" for m in range(1, 11)]  # Jan..Okt 2026: the default period is 2026-10


def person(**fields: object) -> Participant:
    """One valid, fully paid participant of Badang; override any field."""
    base: dict[str, object] = {
        "nik": "1506011205800003",
        "nama": "Ahmad Siregar",
        "jenis_kelamin": "L",
        "tanggal_lahir": dt.date(1980, 5, 12),
        "kategori": "Miskin Ekstrem",
        "pekerjaan": "Petani",
        "no_kpj": "24012345678",
        "tanggal_terdaftar": dt.date(2025, 3, 1),
        "payments": dict.fromkeys(MONTHS, 16800),
    }
    base.update(fields)
    if "no_kpj" not in fields and isinstance(base["nik"], str | int):
        base["no_kpj"] = "240" + str(base["nik"])[-8:]  # unique per NIK, 11 digits
    return Participant(**base)  # type: ignore[arg-type]


def full_village(
    village: tuple[str, str, str, str] = BADANG, **kwargs: object
) -> list[Participant]:
    """50 + 25 valid participants, paid January to October 2026."""
    return synth_participants(village[0], 2026, months=10, seed=7, **kwargs)  # type: ignore[arg-type]


def spec(
    participants: list[Participant],
    village: tuple[str, str, str, str] = BADANG,
    **layout: object,
) -> RosterSpec:
    code, name, district, regency = village
    layout.setdefault("months", MONTHS)
    return RosterSpec(
        village_code=code,
        village_name=name,
        district_name=district,
        regency_name=regency,
        year=2026,
        participants=participants,
        **layout,  # type: ignore[arg-type]
    )


def write(path: Path, participants: list[Participant], **layout: object) -> Path:
    """Write a roster of ``participants`` (Badang, 2026, Jan..Okt unless told) to ``path``."""
    return write_roster(spec(participants, **layout), path)


def with_nik(people: list[Participant], index: int, nik: object) -> list[Participant]:
    changed = list(people)
    changed[index] = replace(changed[index], nik=nik)  # type: ignore[arg-type]
    return changed


def write_ods(path: Path, rows: list[list[object]], sheet: str = "Roster") -> Path:
    """A small OpenDocument spreadsheet (as LibreOffice saves one) holding ``rows``."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: object) -> str:
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    body = "".join(f"<table:table-row>{''.join(map(cell, r))}</table:table-row>" for r in rows)
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path
