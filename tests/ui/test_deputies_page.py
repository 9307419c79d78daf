"""代表名单 (issue 13, item 7): the deputy list is kept at the desk — add, edit, import with a preview, 离任,
and for administrators a sign-in account and a new PIN — no longer on the command line only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import Role
from liaison_desk.services.context import Actor
from liaison_desk.services.desk.accounts import verify_pin
from liaison_desk.services.desk.startup import list_accounts, sign_in_as
from liaison_desk.services.duty.accounts_admin import deputy_accounts, deputy_list
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy, list_deputy_records
from liaison_desk.ui.deputies_page import DeputiesPage, DeputyTableModel
from liaison_desk.ui.deputy_admin_dialogs import AccountDialog, EndTermDialog, ImportPreviewDialog
from liaison_desk.ui.deputy_dialog import DeputyDialog
from liaison_desk.ui.session import DeskSession

from .conftest import DEPUTY_NAME
from .helpers import type_text


@pytest.fixture
def staff_session(desk_db, data_dir):
    from liaison_desk.services.desk.lookups import add_account

    add_account(desk_db, Actor(Role.ADMIN, "管理员"), name="李干事", pin="8642", role=Role.STAFF, login="staff1")
    account = next(a for a in list_accounts(desk_db) if a.login == "staff1")
    signed = sign_in_as(desk_db, account, "8642")
    return DeskSession(desk_db, "zh", data_dir, signed.actor, signed.shift_id)


def _page(qtbot, session) -> DeputiesPage:
    page = DeputiesPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def _deputy(db, name):
    return next(d for d in list_deputy_records(db) if d.name == name)


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_list_shows_level_code_account_and_status(qtbot, admin_session):
    create_deputy(admin_session.db, admin_session.actor,
                  DeputyInput("张国庆", level="national", code="Q01", phone="13812345678", group="第一小组",
                              group_role="leader"))
    page = _page(qtbot, admin_session)
    texts = {page.model.index(r, 0).data(): [page.model.index(r, c).data() for c in range(page.model.columnCount())]
             for r in range(page.model.rowCount())}
    assert texts["张国庆"][1:5] == ["全国", "Q01", "13812345678", "第一小组（组长）"]
    assert texts["张国庆"][7] == "未开通" and texts["张国庆"][8] == "在任"
    assert texts[DEPUTY_NAME][7] == "d001"  # the fixture's deputy signs in with card D001
    assert "2 位" in page.summary.text()


def test_a_new_deputy_is_added_with_errors_at_their_fields_and_nothing_pre_chosen(qtbot, staff_session):
    page = _page(qtbot, staff_session)
    dialog = page.new_deputy()
    assert isinstance(dialog, DeputyDialog)
    assert dialog.level_combo.currentData() is None and dialog.duty_combo.currentData() is None
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter on the untouched dialog
    assert dialog.isVisible() and dialog.errors.text("duty_role")
    type_text(qtbot, dialog.name_edit, "赵春燕")
    dialog.duty_combo.setCurrentIndex(dialog.duty_combo.findData("rotating"))
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.errors.text("level") == "请选择代表层级。"
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("township"))
    type_text(qtbot, dialog.phone_edit, "12345")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.errors.text("phone")
    assert dialog.name_edit.text() == "赵春燕"  # nothing typed is lost
    dialog.phone_edit.setText("13900001111")
    type_text(qtbot, dialog.group_edit, "第二小组")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.errors.text("group_role")
    dialog.group_role_combo.setCurrentIndex(dialog.group_role_combo.findData("member"))
    type_text(qtbot, dialog.from_edit, "2022年1月")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and "日期" in dialog.errors.text("active_from")
    dialog.from_edit.setText("2022-01-01")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    d = _deputy(staff_session.db, "赵春燕")
    assert (d.level, d.phone, d.duty_role, d.groups, d.active_from) == (
        "township", "13900001111", "rotating", (("第二小组", "member"),), dt.date(2022, 1, 1))
    assert page.selected().deputy.name == "赵春燕"


def test_a_deputy_is_edited_and_a_taken_card_number_is_refused_at_its_field(qtbot, staff_session):
    create_deputy(staff_session.db, staff_session.actor, DeputyInput("张国庆", level="county", code="Q01"))
    page = _page(qtbot, staff_session)
    page.select_name("张国庆")
    dialog = page.edit_deputy()
    assert dialog.level_combo.currentData() == "county" and dialog.code_edit.text() == "Q01"
    dialog.code_edit.setText("D001")
    _click(qtbot, dialog.save_button)
    assert dialog.isVisible() and "已经登记" in dialog.errors.text("code")
    dialog.code_edit.setText("Q02")
    dialog.phone_edit.setText("0551-62612345")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.save_button)
    d = _deputy(staff_session.db, "张国庆")
    assert d.code == "Q02" and d.phone == "0551-62612345"


def test_the_desk_hears_that_the_deputies_changed(qtbot, staff_session):
    from liaison_desk.ui.session import DeskSignals

    signals = DeskSignals()
    session = DeskSession(staff_session.db, "zh", staff_session.data_dir, staff_session.actor,
                          staff_session.shift_id, signals)
    page = _page(qtbot, session)
    dialog = page.new_deputy()
    dialog.name_edit.setText("赵春燕")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("township"))
    dialog.duty_combo.setCurrentIndex(dialog.duty_combo.findData("fixed"))
    with qtbot.waitSignal(signals.changed) as blocker:
        _click(qtbot, dialog.save_button)
    assert blocker.args[0].concerns("lookups")


def test_a_deputy_leaves_office_with_a_date_and_a_confirmation(qtbot, staff_session):
    create_deputy(staff_session.db, staff_session.actor, DeputyInput("张国庆", level="county"))
    page = _page(qtbot, staff_session)
    page.select_name("张国庆")
    dialog = page.end_term()
    assert isinstance(dialog, EndTermDialog)
    assert dialog.cancel_button.isDefault() and not dialog.ok_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not end anyone's term
    assert _deputy(staff_session.db, "张国庆").active
    page.select_name("张国庆")
    dialog = page.end_term()
    yesterday = local_today() - dt.timedelta(days=1)
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(-1))
    assert dialog.weekday.text().startswith("周")
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.ok_button)
    d = _deputy(staff_session.db, "张国庆")
    assert not d.active and d.active_until == yesterday
    assert "张国庆" not in [page.model.row_of(r).deputy.name for r in range(page.model.rowCount())]
    page.show_former.setChecked(True)
    page.select_name("张国庆")
    assert page.model.index(page.selected() and page.table.currentIndex().row(), 8).data() == "已离任"
    assert not page.end_button.isEnabled()


def test_an_import_shows_what_it_would_do_first_and_saves_only_when_confirmed(qtbot, staff_session, tmp_path,
                                                                              monkeypatch):
    path = tmp_path / "名单.csv"
    path.write_text("姓名,代表层级,联系电话,代表证号,值班方式\n"
                    "孙丽,乡镇,13700001111,X01,轮流值班\n"
                    "周强,县,13700002222,X02,固定在站\n"
                    "吴,国家,abc,X03,\n", encoding="utf-8")
    page = _page(qtbot, staff_session)
    monkeypatch.setattr(page, "choose_file", lambda: str(path))
    dialog = page.import_file()
    assert isinstance(dialog, ImportPreviewDialog)
    assert "新增 2 位" in dialog.summary.text() and "第 4 行" in dialog.error_list.toPlainText()
    assert not dialog.ok_button.isDefault()
    names = {d.name for d in list_deputy_records(staff_session.db)}
    assert "孙丽" not in names  # the preview saved nothing
    _click(qtbot, dialog.cancel_button)
    assert "孙丽" not in {d.name for d in list_deputy_records(staff_session.db)}

    dialog = page.import_file()
    with qtbot.waitSignal(dialog.accepted):
        _click(qtbot, dialog.ok_button)
    assert {"孙丽", "周强"} <= {d.name for d in list_deputy_records(staff_session.db)}
    assert "新增 2 位" in page.message.text()
    assert page.model.rowCount() == 3


def test_a_broken_file_is_explained_without_a_preview(qtbot, staff_session, tmp_path, monkeypatch):
    path = tmp_path / "bad.csv"
    path.write_text("名字,级别\n", encoding="utf-8")
    page = _page(qtbot, staff_session)
    monkeypatch.setattr(page, "choose_file", lambda: str(path))
    assert page.import_file() is None
    assert "表头" in page.message.text() and page.message.isVisible()


def test_accounts_and_pins_are_for_administrators_only(qtbot, staff_session):
    page = _page(qtbot, staff_session)
    assert not page.account_button.isVisible() and not page.pin_button.isVisible()


def test_an_administrator_opens_an_account_for_a_deputy_who_then_signs_in(qtbot, admin_session):
    db = admin_session.db
    create_deputy(db, admin_session.actor, DeputyInput("张国庆", level="county", code="Q01"))
    page = _page(qtbot, admin_session)
    page.select_name("张国庆")
    assert page.account_button.isEnabled() and not page.pin_button.isEnabled()
    dialog = page.open_account()
    assert isinstance(dialog, AccountDialog) and dialog.opening and dialog.login_edit.text() == "q01"
    type_text(qtbot, dialog.pin_edit, "12")
    type_text(qtbot, dialog.again_edit, "12")
    _click(qtbot, dialog.ok_button)
    assert "4 到 12 位数字" in dialog.errors.text("pin")
    dialog.pin_edit.setText("5678")
    dialog.again_edit.setText("5679")
    _click(qtbot, dialog.ok_button)
    assert "不一样" in dialog.errors.text("again")
    dialog.again_edit.setText("5678")
    _click(qtbot, dialog.ok_button)
    assert "已开通" in dialog.done_label.text()
    dialog.close()
    account = next(a for a in list_accounts(db) if a.name == "张国庆")
    assert account.can_sign_in
    assert sign_in_as(db, account, "5678").actor.name == "张国庆"
    page.select_name("张国庆")
    assert page.model.index(page.table.currentIndex().row(), 7).data() == "q01"


def test_an_administrator_resets_a_deputys_pin(qtbot, admin_session):
    db = admin_session.db
    page = _page(qtbot, admin_session)
    page.select_name(DEPUTY_NAME)
    assert page.pin_button.isEnabled() and not page.account_button.isEnabled()
    dialog = page.reset_pin()
    assert not dialog.opening and dialog.login_edit.isReadOnly()
    _click(qtbot, dialog.ok_button)  # no PIN typed: a random one, shown once
    shown = dialog.done_label.text()
    pin = "".join(c for c in shown if c.isdigit())
    assert len(pin) == 6
    deputy = _deputy(db, DEPUTY_NAME)
    with db.session(write=False) as s:
        from liaison_desk.db.models import Operator

        stored = s.get(Operator, __import__("uuid").UUID(deputy_accounts(db)[deputy.id].operator_id)).pin_hash
    assert verify_pin(pin, stored)


def test_the_deputy_model(qtmodeltester, admin_session):
    create_deputy(admin_session.db, admin_session.actor, DeputyInput("张国庆", level="national", code="Q01"))
    model = DeputyTableModel(deputy_list(admin_session.db))
    qtmodeltester.check(model)
    assert model.rowCount() == 2


@pytest.mark.parametrize("large", [False, True])
def test_the_dialogs_fit_the_station_screen(qtbot, admin_session, qapp, large):
    from liaison_desk.ui import appearance

    font = qapp.font()
    try:
        if large:
            f = qapp.font()
            f.setPointSize(appearance.LARGE_POINT_SIZE)
            qapp.setFont(f)
        page = _page(qtbot, admin_session)
        page.select_name(DEPUTY_NAME)
        for make, name in ((page.edit_deputy, "deputy"), (page.end_term, "end"), (page.reset_pin, "pin")):
            dialog = make()
            qtbot.waitExposed(dialog)
            QApplication.processEvents()
            hint = dialog.sizeHint()
            assert hint.width() <= 1366 and hint.height() <= 728 - 30, (name, hint)
            dialog.grab().save(f"/tmp/deputy_{name}{'_large' if large else ''}.png")
            dialog.close()
    finally:
        qapp.setFont(font)
