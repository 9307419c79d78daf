"""A deputy list whose workbook names no existing sheet as the active one (some tools leave activeTab
pointing past the last sheet after sheets are removed): openpyxl then has no ``active`` sheet."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook

from liaison_desk.services.duty import deputies as D


def _with_active_tab(src: Path, dst: Path, tab: int) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                assert b'activeTab="0"' in data
                data = data.replace(b'activeTab="0"', f'activeTab="{tab}"'.encode())
            zout.writestr(item, data)


def test_a_workbook_whose_active_tab_is_missing_is_read_from_its_first_sheet(db, admin, tmp_path):
    # Before, reading it failed with AttributeError ('NoneType' object has no attribute 'iter_rows').
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "代表层级", "代表证号"])
    ws.append(["赵一", "乡镇级", "T001"])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    odd = tmp_path / "名单.xlsx"
    _with_active_tab(plain, odd, 3)
    res = D.import_deputies(db, admin, odd)
    assert (res.created, res.errors) == (1, ())
    assert [d.name for d in D.list_deputy_records(db)] == ["赵一"]
