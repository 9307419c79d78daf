"""Deputy list import/export, found in review: formulas in exported cells, 县级-style levels, GBK with rare
characters and over-long names."""

from __future__ import annotations

from openpyxl import load_workbook

from liaison_desk.services.duty import deputies as D


def test_export_never_writes_a_cell_a_spreadsheet_would_run_as_a_formula(db, admin, tmp_path):
    # Before, a constituency "=1+2" went into the .xlsx as a formula and into the CSV as "=1+2" (CSV injection).
    D.create_deputy(db, admin, D.DeputyInput("钱多多", "county", constituency="=1+2", sector="@SUM(A1)"))
    xlsx, csv = tmp_path / "名单.xlsx", tmp_path / "名单.csv"
    D.export_deputies(db, xlsx)
    D.export_deputies(db, csv)
    ws = load_workbook(xlsx).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value]
    assert {(c.value, c.data_type) for c in cells if c.value in ("=1+2", "@SUM(A1)")} == {("=1+2", "s"),
                                                                                           ("@SUM(A1)", "s")}
    assert "'=1+2,'@SUM(A1)" in csv.read_text(encoding="utf-8-sig")
    for path in (xlsx, csv):  # and both read back as they were
        assert D.import_deputies(db, admin, path, dry_run=True).errors == ()
    res = D.import_deputies(db, admin, csv)
    assert res.updated == 1
    (d,) = D.list_deputy_records(db)
    assert (d.constituency, d.sector) == ("=1+2", "@SUM(A1)")


def test_gbk_csv_with_rare_characters_long_names_and_level_written_as_xian_ji(db, admin, tmp_path):
    rows = ["姓名,代表层级,代表证号", "王𠮷,乡镇级,G001", "李䶮,县级,G002", "欧阳" + "长" * 80 + ",县,G003", ",县,G004"]
    path = tmp_path / "名单.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("gb18030"))
    res = D.import_deputies(db, admin, path)
    assert res.created == 2
    assert [e.row for e in res.errors] == [4, 5]
    assert "不能超过 40 个字" in res.errors[0].message and "请填写姓名" in res.errors[1].message
    levels = {d.name: d.level for d in D.list_deputy_records(db)}
    assert levels == {"王𠮷": "township", "李䶮": "county"}
