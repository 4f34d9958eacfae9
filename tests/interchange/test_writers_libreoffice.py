"""The exported workbook as LibreOffice Calc opens it (skipped where LibreOffice is not installed)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from crm_desktop.interchange.writers import ColumnSpec, XlsxWriter, currency_format

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# CSV export options: comma, double quote, UTF-8, from line 1, default cell format, …, cells as shown.
AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook_with_typed_cells(tmp_path: Path):
    path = tmp_path / "people.xlsx"
    writer = XlsxWriter(path)
    writer.begin_sheet("联系人", [
        ColumnSpec("Name"), ColumnSpec("Phone", "phone"), ColumnSpec("Created", "datetime"),
        ColumnSpec("Born", "date"), ColumnSpec("Employees", "integer"),
        ColumnSpec("Amount", "money", number_format=currency_format("EUR")), ColumnSpec("Note")])
    writer.write_rows([
        ("张伟 & <Co>", "+86 138 1234 5678", dt.datetime(2024, 5, 6, 7, 8, 9), dt.date(1990, 1, 2), 12,
         Decimal("1234.50"), "=1+2"),
        ("Ann", "013912345678", None, None, None, None, "-2+3"),
    ])
    writer.close()
    env = {**os.environ, "HOME": str(tmp_path)}  # a profile of its own, not the user's
    done = subprocess.run([SOFFICE, "--headless", "--convert-to", AS_SHOWN, "--outdir", str(tmp_path),
                           str(path)], capture_output=True, text=True, timeout=180, env=env, check=False)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "people.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Name", "Phone", "Created", "Born", "Employees", "Amount", "Note"]
    assert rows[1][:2] == ["张伟 & <Co>", "+86 138 1234 5678"] and rows[1][4] == "12"
    assert rows[1][2].startswith(("5/6/2024", "05/06/2024")) and rows[1][3] in ("1/2/1990", "01/02/1990")
    assert rows[1][5] == "€1,234.50"  # a number in the currency's format
    assert rows[1][6] == "=1+2" and rows[2][6] == "-2+3"  # text, never a formula
    assert rows[2][1] == "013912345678"  # no 1.39E+10, no lost zero
