"""The first-run wizard, driven through its real widgets: station, administrator, deputies, departments, demo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard

from liaison_desk.services.admin.setup import station_info
from liaison_desk.services.cases.listing import CaseFilter, count_cases
from liaison_desk.services.desk import lookups
from liaison_desk.ui import setup_wizard
from liaison_desk.ui.setup_wizard import SetupWizard

from .conftest import STATION_NAME
from .helpers import CJK, type_text


@pytest.fixture
def wizard(qtbot, empty_db):
    wiz = SetupWizard(empty_db, demo_visits=120)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def _fill_station(qtbot, wiz, *, name=STATION_NAME, code="LX01", township="河口镇"):
    page = wiz.station_page
    for edit, text in ((page.name_edit, name), (page.code_edit, code), (page.township_edit, township)):
        edit.clear()
        type_text(qtbot, edit, text)


def _fill_admin(qtbot, wiz, pin="2468", pin2=None):
    page = wiz.admin_page
    for edit, text in ((page.pin_edit, pin), (page.pin2_edit, pin if pin2 is None else pin2)):
        edit.clear()
        type_text(qtbot, edit, text)


def _next(qtbot, wiz):
    button = wiz.button(QWizard.WizardButton.CommitButton if wiz.currentPage().isCommitPage()
                        else QWizard.WizardButton.NextButton)
    if wiz.currentPage() is wiz.departments_page:
        button = wiz.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _fill_villages(qtbot, wiz, text="柳树湾村\n河口社区"):
    wiz.villages_page.edit.clear()
    type_text(qtbot, wiz.villages_page.edit, text)


def _to_admin_page(qtbot, wiz, **station):
    _fill_station(qtbot, wiz, **station)
    _next(qtbot, wiz)
    assert wiz.currentPage() is wiz.villages_page
    _fill_villages(qtbot, wiz)
    _next(qtbot, wiz)
    assert wiz.currentPage() is wiz.admin_page


def test_every_input_has_an_accessible_name(wizard):
    sp, ap = wizard.station_page, wizard.admin_page
    for widget in (sp.name_edit, sp.code_edit, sp.township_edit, sp.kind_combo, sp.demo_button,
                   ap.admin_name_edit, ap.pin_edit, ap.pin2_edit, wizard.deputies_page.table,
                   wizard.deputies_page.import_button, wizard.departments_page.edit):
        assert CJK.search(widget.accessibleName()), widget
    assert [sp.kind_combo.itemData(i) for i in range(sp.kind_combo.count())] == ["station", "point"]


def test_next_is_disabled_until_name_and_code_are_typed(qtbot, wizard):
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    _fill_station(qtbot, wizard)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_whole_wizard_sets_up_station_admin_deputies_and_departments(qtbot, wizard, empty_db):
    _fill_station(qtbot, wizard)
    qtbot.keyClick(wizard.station_page.kind_combo, Qt.Key.Key_Down)  # 联络站 → 联络点 from the keyboard
    _next(qtbot, wizard)
    _fill_villages(qtbot, wizard, "柳树湾村\n河口社区\n\n 柳树湾村 ")
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    info = station_info(empty_db)
    assert (info.name, info.code, info.township, info.kind, info.training) == (
        STATION_NAME, "LX01", "河口镇", "point", False)
    assert wizard.currentPage() is wizard.deputies_page
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()  # the station exists: no way back
    assert [c.name for c in lookups.list_villages(empty_db)] == ["柳树湾村", "河口社区"]  # made with it

    page = wizard.deputies_page
    page.set_row(0, "王𠮷明", "county", "13812345678", "D001", pin="1357")
    page.set_row(1, "李秀英", "township")
    _next(qtbot, wizard)
    assert sorted(c.name for c in lookups.list_active_deputies(empty_db)) == ["李秀英", "王𠮷明"]
    accounts = {c.name: c for c in lookups.list_operators(empty_db)}
    assert accounts["王𠮷明"].code == "d001" and accounts["王𠮷明"].detail == "duty_deputy"  # can sign in
    assert "李秀英" not in accounts  # no PIN typed: no account yet

    type_text(qtbot, wizard.departments_page.edit, "县水利局\n县交警大队")
    _next(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert sorted(c.name for c in lookups.list_departments(empty_db)) == ["县交警大队", "县水利局"]


def test_a_bad_deputy_row_is_named_and_kept_while_good_rows_are_saved(qtbot, wizard, empty_db):
    _to_admin_page(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    page = wizard.deputies_page
    page.set_row(0, "张三", "township", "12345")  # not a phone number
    page.set_row(1, "赵四", "city")
    _next(qtbot, wizard)
    assert wizard.currentPage() is page
    assert "第 1 行" in page.form_error.text() and "电话" in page.form_error.text()
    assert [c.name for c in lookups.list_active_deputies(empty_db)] == ["赵四"]
    assert page.table.item(0, 0).text() == "张三" and page.table.rowCount() == 2  # the bad row stays to fix


def test_a_bad_station_code_is_refused_on_its_own_page_with_the_values_kept(qtbot, wizard, empty_db):
    _fill_station(qtbot, wizard, code="LS01")  # S passes for 5 when a number is read out on the phone
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.station_page  # said here, not two pages later
    assert station_info(empty_db) is None
    message = wizard.station_page.errors.text("code")
    assert "S" in message and CJK.search(message)
    assert wizard.station_page.name_edit.text() == STATION_NAME
    wizard.station_page.code_edit.clear()
    type_text(qtbot, wizard.station_page.code_edit, "lx-02")
    assert wizard.station_page.code_edit.text() == "lx02"  # the validator dropped the hyphen
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.villages_page
    assert wizard.station_page.errors.text("code") == ""
    _fill_villages(qtbot, wizard)
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    assert station_info(empty_db).code == "LX02"


def test_a_too_short_station_code_is_refused_on_its_page(qtbot, wizard):
    _fill_station(qtbot, wizard, code="L")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.station_page
    assert "2 到 8 位" in wizard.station_page.errors.text("code")


def test_the_villages_page_asks_for_at_least_one(qtbot, wizard, empty_db):
    _fill_station(qtbot, wizard)
    _next(qtbot, wizard)
    page = wizard.villages_page
    assert page.title() and CJK.search(page.edit.accessibleName())
    _next(qtbot, wizard)
    assert wizard.currentPage() is page
    assert "至少" in page.form_error.text()
    _fill_villages(qtbot, wizard, "柳树湾村\n" + "很" * 61)
    _next(qtbot, wizard)
    assert wizard.currentPage() is page and "第 2 行" in page.form_error.text()
    assert "柳树湾村" in page.edit.toPlainText()  # what was typed stays
    _fill_villages(qtbot, wizard, "柳树湾村")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page
    assert station_info(empty_db) is None  # nothing made before the commit page


def test_deputy_pins_are_masked_in_the_table(qtbot, wizard):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QLineEdit

    _to_admin_page(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    page = wizard.deputies_page
    page.set_row(0, "王𠮷明", "county", "13812345678", "D001", pin="1357")
    table = page.table
    delegate = table.itemDelegateForIndex(table.model().index(0, 4))
    shown = delegate.displayText(table.item(0, 4).text(), QLocale())
    assert "1357" not in shown and shown  # dots, not the PIN
    assert "1357" not in delegate.displayText(table.item(0, 4).data(Qt.ItemDataRole.DisplayRole), QLocale())
    table.setCurrentCell(0, 4)
    table.edit(table.model().index(0, 4))
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.echoMode() == QLineEdit.EchoMode.Password
    assert page.table.item(0, 0).text() == "王𠮷明" and delegate.displayText("王", QLocale())


def _page_mnemonics(wiz) -> list[str]:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    page = wiz.currentPage()
    widgets = [w for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton) if w.isVisibleTo(page)]
    widgets += [b for b in wiz.findChildren(QAbstractButton) if b.parent() is wiz and b.isVisible()]
    return [m.upper() for w in widgets for m in re.findall(r"&([^&\s])", w.text())]


def test_alt_keys_are_unique_on_every_page_and_none_sits_by_the_commit_button(qtbot, wizard):
    import re

    seen = []
    for step in ("station", "villages", "admin", "deputies", "departments"):
        keys = _page_mnemonics(wizard)
        assert len(keys) == len(set(keys)), (step, keys)
        seen.append(step)
        if step == "station":
            _fill_station(qtbot, wizard)
        elif step == "villages":
            _fill_villages(qtbot, wizard)
        elif step == "admin":
            commit = wizard.button(QWizard.WizardButton.CommitButton)
            letters = {m.upper() for m in re.findall(r"&([^&\s])", commit.text())}
            assert not letters & set("BNGHVJM"), commit.text()  # Back &B / Next &N and their neighbours
            _fill_admin(qtbot, wizard)
        if step != "departments":
            _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.departments_page


@pytest.mark.parametrize("pin, pin2, field, expected", [
    ("", "", "pin", "请设置"), ("12", "12", "pin", "4 到 12 位"), ("2468", "2469", "pin2", "不一致")])
def test_pin_problems_are_explained_on_the_field(qtbot, wizard, empty_db, pin, pin2, field, expected):
    _to_admin_page(qtbot, wizard)
    _fill_admin(qtbot, wizard, pin, pin2)
    _next(qtbot, wizard)
    assert station_info(empty_db) is None
    assert expected in wizard.admin_page.errors.text(field)


def test_deputy_list_import_previews_row_errors_then_imports(qtbot, wizard, empty_db, tmp_path):
    if setup_wizard._deputies is None:
        pytest.skip("deputies service not in this build")
    _to_admin_page(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    csv = tmp_path / "代表名单.csv"
    csv.write_text("姓名,代表层级,联系电话,代表证号\n王大山,县人大代表,13812345678,D101\n"
                   "李四,外星代表,,D102\n赵小红,乡镇人大代表,,D103\n", encoding="utf-8")
    page = wizard.deputies_page
    assert page.preview(csv)
    assert lookups.list_active_deputies(empty_db) == []  # a preview saves nothing
    assert "可导入 2 人" in page.preview_label.text()
    assert page.row_errors.count() == 1 and "第 3 行" in page.row_errors.item(0).text()
    assert page.confirm_import_button.isVisible()
    qtbot.mouseClick(page.confirm_import_button, Qt.MouseButton.LeftButton)
    assert sorted(c.name for c in lookups.list_active_deputies(empty_db)) == ["王大山", "赵小红"]
    assert "已导入 2 人" in page.preview_label.text()


def test_an_unreadable_import_file_is_explained(qtbot, wizard, tmp_path):
    if setup_wizard._deputies is None:
        pytest.skip("deputies service not in this build")
    _to_admin_page(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    bad = tmp_path / "名单.xlsx"
    bad.write_bytes(b"not a workbook")
    assert not wizard.deputies_page.preview(bad)
    assert CJK.search(wizard.deputies_page.preview_label.text())
    assert not wizard.deputies_page.confirm_import_button.isVisible()


def test_a_duplicate_department_is_reported_and_kept_in_the_box(qtbot, wizard, empty_db):
    _to_admin_page(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    _next(qtbot, wizard)  # no deputies typed: skipping is fine
    type_text(qtbot, wizard.departments_page.edit, "县水利局\n县水利局")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.departments_page
    assert "已经在名单中" in wizard.departments_page.form_error.text()
    assert wizard.departments_page.edit.toPlainText() == "县水利局"
    assert [c.name for c in lookups.list_departments(empty_db)] == ["县水利局"]


def test_demo_button_fills_a_training_station_without_blocking(qtbot, wizard, empty_db):
    with qtbot.waitSignal(wizard.demo_finished, timeout=120_000) as blocker:
        qtbot.mouseClick(wizard.station_page.demo_button, Qt.MouseButton.LeftButton)
        # The generator runs on a pool thread: right after the click the wizard is busy but responsive.
        assert wizard.is_busy()
        assert wizard.station_page.progress.isVisible()
        assert not wizard.station_page.demo_button.isEnabled()
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # closing half-way would leave half a database
        assert wizard.isVisible()
    assert blocker.args[0].visits == 120
    assert wizard.result() == QDialog.DialogCode.Accepted
    info = station_info(empty_db)
    assert info is not None and info.training
    assert count_cases(empty_db, CaseFilter()) > 0


def test_demo_refused_on_a_station_with_records_shows_the_reason(qtbot, demo_db):
    wiz = SetupWizard(demo_db, demo_visits=50)
    qtbot.addWidget(wiz)
    with qtbot.waitSignal(wiz.demo_failed, timeout=60_000) as blocker:
        qtbot.mouseClick(wiz.station_page.demo_button, Qt.MouseButton.LeftButton)
    assert CJK.search(blocker.args[0])
    assert wiz.station_page.form_error.text() == blocker.args[0]
    assert wiz.station_page.demo_button.isEnabled() and not wiz.is_busy()
