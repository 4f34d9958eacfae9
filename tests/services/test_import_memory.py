"""An import lets go of the sheet it read (and the workbook with its shared strings) before the end
of its bulk load, whose index builds need memory of their own; the file can still be read again."""

from __future__ import annotations

import openpyxl

from crm_desktop.interchange.plan import ImportOptions


def test_the_sheet_is_let_go_once_every_row_is_read(crm, tmp_path, monkeypatch):
    path = tmp_path / "people.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Name", "Email"])
    for i in range(5):
        wb.active.append([f"Person {i}", f"p{i}@example.com"])
    wb.save(path)
    plan = crm.imports.inspect(path)
    source = plan.source
    held_at_the_end = []
    finish = crm.ctx.storage.imports.finish_batch

    def finish_batch(*args, **kwargs):  # the last step inside the import's transaction
        held_at_the_end.append(source._loaded is not None or source._workbook is not None)
        return finish(*args, **kwargs)

    monkeypatch.setattr(crm.ctx.storage.imports, "finish_batch", finish_batch)
    assert crm.imports.run(plan, ImportOptions()).created == 5
    assert held_at_the_end == [False]
    assert [r[0] for r in source.rows()][1:] == [f"Person {i}" for i in range(5)]  # read again
