"""Make the two binary files ``tests/test_hostile.py`` cannot build at test time.

Run once with ``python tests/data/make_hostile_data.py`` (needs ``xlwt`` and
``msoffcrypto-tool``, which are not dependencies of the project):

* ``roster_password.xlsx``: a three-person roster encrypted by Excel's "Encrypt
  with Password" scheme (agile encryption, password ``rahasia``);
* ``roster_xls_body.xlsx``: the same roster saved as a real BIFF8 ``.xls`` and
  named ``.xlsx``, as happens when a village renames a file instead of saving it
  again.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from rosters import person, write  # noqa: E402


def main() -> None:
    import msoffcrypto.format.ooxml
    import python_calamine
    import xlwt

    people = [
        person(),
        person(nik="1506015205850002", nama="Siti Aminah", jenis_kelamin="P"),
        person(nik="1506011205800004", nama="Budi", kategori="Pekerja Rentan"),
    ]
    plain = write(HERE / "_plain.xlsx", people)
    try:
        encrypted = io.BytesIO()
        with plain.open("rb") as source:
            msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("rahasia", encrypted)
        (HERE / "roster_password.xlsx").write_bytes(encrypted.getvalue())

        book = xlwt.Workbook()
        sheet = book.add_sheet("Roster")
        dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
        rows = python_calamine.CalamineWorkbook.from_path(str(plain)).get_sheet_by_name("Roster")
        for r, row in enumerate(rows.to_python()):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, dates)
                elif value != "":
                    sheet.write(r, c, value)
        book.save(str(HERE / "roster_xls_body.xlsx"))
    finally:
        plain.unlink()


if __name__ == "__main__":
    main()
