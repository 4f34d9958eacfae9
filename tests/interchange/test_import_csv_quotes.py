"""The ``'`` exporters put before formula-like text comes off in every .csv, whoever wrote it."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.interchange.readers import open_table
from crm_desktop.interchange.writers import ColumnSpec, CsvWriter


def test_the_quote_comes_off_in_a_csv_another_program_wrote(tmp_path: Path):
    """No byte-order mark, Windows-1252, semicolons, headers of another CRM: still neutralised text."""
    path = tmp_path / "from-another-crm.csv"
    path.write_bytes("Vorname;Nachname;Notizen;Telefon\r\n"
                     "Jürgen;Groß;'=HYPERLINK(\"http://x\");'+49 30 1234567\r\n"
                     "Zoë;Weiß;'@Vertrieb;'-\r\n"
                     "Åsa;Berg;'+Kunde seit 2019;\r\n".encode("cp1252"))
    source = open_table(path)
    assert source.delimiter == ";" and source.encoding.lower().replace("-", "") in ("cp1252", "windows1252")
    rows = list(source.rows())[1:]
    assert [r[2] for r in rows] == ['=HYPERLINK("http://x")', "@Vertrieb", "+Kunde seit 2019"]
    assert [r[3] for r in rows] == ["'+49 30 1234567", "'-", None]  # a phone or a dash: the user's quote


def test_our_own_csv_gives_back_what_was_exported_with_any_headers(tmp_path: Path):
    path = tmp_path / "ours.csv"
    values = ["=1+2", "+tag", "-minus", "@at", "\tTab", "'quoted", "+86 138 1234 5678", "plain",
              "'=typed with its quote", "''@x"]
    writer = CsvWriter(path, [ColumnSpec("备注"), ColumnSpec("名字")])
    writer.write_rows([(v, "x") for v in values])
    writer.close()
    assert [r[0] for r in list(open_table(path).rows())[1:]] == values
