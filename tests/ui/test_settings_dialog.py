"""The desk's settings: staff and administrators change them; they take effect at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from liaison_desk.services.desk.settings import get_settings
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.settings_dialog import SettingsDialog

from .helpers import CJK


def test_an_administrator_changes_the_idle_lock_and_it_applies_at_once(qtbot, admin_session):
    win = MainWindow(admin_session.db, session=admin_session)
    qtbot.addWidget(win)
    win.menus.open_settings()
    dlg = win.menus.settings_dialog
    for widget in (dlg.idle_spin, dlg.width_combo, dlg.due_spin, dlg.workdays_spin, dlg.large_check,
                   dlg.save_button):
        assert CJK.search(widget.accessibleName()), widget
    dlg.idle_spin.setValue(3)
    dlg.width_combo.setCurrentIndex(dlg.width_combo.findData(58))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    saved = get_settings(admin_session.db)
    assert (saved.idle_minutes, saved.receipt_width_mm) == (3, 58)
    assert win.desk_lock.idle.timeout_ms == 3 * 60_000 and win.desk_lock.idle.is_armed()
    win.desk_lock.idle.stop()


def test_a_duty_deputy_is_told_why_they_cannot_change_the_lock(qtbot, deputy_session):
    dlg = SettingsDialog(deputy_session)
    qtbot.addWidget(dlg)
    dlg.idle_spin.setValue(0)
    assert not dlg.save()
    assert dlg.form_error.text() == "当前身份不能修改值班台设置。"
    assert get_settings(deputy_session.db).idle_minutes == 10


def test_the_paper_settings_are_shown_and_saved_and_a_wrong_phone_is_explained(qtbot, admin_session):
    """Issue 14: the station's phone and address, reception hours, the office's short name and a letter's 抄送
    (all printed on paper) are on the 纸面信息 tab and saved through the service."""
    from liaison_desk.services.desk.settings import station_contact
    from liaison_desk.services.printing.receipts import receipt_data

    dlg = SettingsDialog(admin_session)
    qtbot.addWidget(dlg)
    edits = (dlg.phone_edit, dlg.address_edit, dlg.hours_edit, dlg.short_name_edit, dlg.copy_to_edit)
    for widget in edits:
        assert CJK.search(widget.accessibleName()), widget
    dlg.phone_edit.setText("0551-1234")  # a landline without its area code
    dlg.hours_edit.setText("每周二、周五 9:00—12:00")
    assert not dlg.save()
    assert dlg.tabs.currentIndex() == 1 and "区号" in dlg.errors.text("phone")
    assert station_contact(admin_session.db).phone == ""  # all or nothing: the hours were not saved either
    assert get_settings(admin_session.db).duty_hours == ""

    dlg.phone_edit.setText("0551-62612345")
    dlg.address_edit.setText("河口镇柳树湾村村委会一楼")
    dlg.short_name_edit.setText("河口人联")
    dlg.copy_to_edit.setText("县人大常委会代表工委")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    saved = get_settings(admin_session.db)
    assert (saved.duty_hours, saved.office_short_name, saved.letter_copy_to) == (
        "每周二、周五 9:00—12:00", "河口人联", "县人大常委会代表工委")
    assert station_contact(admin_session.db) == type(station_contact(admin_session.db))(
        "0551-62612345", "河口镇柳树湾村村委会一楼")
    again = SettingsDialog(admin_session)  # shown again as saved
    qtbot.addWidget(again)
    assert [w.text() for w in (again.phone_edit, again.address_edit, again.hours_edit, again.short_name_edit,
                               again.copy_to_edit)] == ["0551-62612345", "河口镇柳树湾村村委会一楼",
                                                        "每周二、周五 9:00—12:00", "河口人联", "县人大常委会代表工委"]
    from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit

    reg = register_visit(admin_session.db, admin_session.actor, VisitInput("张大爷", village="柳树湾村"),
                         CaseInput("村东头灌溉渠堵了两个月，希望尽快疏通。", triage="yellow"))
    slip = receipt_data(admin_session.db, reg.case_number)  # what the receipt prints
    assert (slip.station_phone, slip.station_address, slip.duty_hours) == (
        "0551-62612345", "河口镇柳树湾村村委会一楼", "每周二、周五 9:00—12:00")


def test_a_duty_deputy_cannot_change_the_paper_settings(qtbot, deputy_session):
    from liaison_desk.services.desk.settings import station_contact

    dlg = SettingsDialog(deputy_session)
    qtbot.addWidget(dlg)
    dlg.short_name_edit.setText("河口人联")
    dlg.phone_edit.setText("0551-62612345")
    assert not dlg.save() and dlg.form_error.text() == "当前身份不能修改值班台设置。"
    assert get_settings(deputy_session.db).office_short_name == "" and station_contact(deputy_session.db).phone == ""


def test_the_dialog_fits_a_1366_by_768_screen_in_large_type(qtbot, admin_session, qapp):
    from liaison_desk.ui import appearance

    font, style = qapp.font(), qapp.styleSheet()
    appearance.apply_font(qapp, appearance.load_bundled_font())  # as the desk starts: its font and style sheet
    qapp.setStyleSheet(appearance.STYLE_SHEET)
    appearance.set_large_type(qapp, True)
    try:
        dlg = SettingsDialog(admin_session)
        qtbot.addWidget(dlg)
        for index in range(dlg.tabs.count()):
            dlg.tabs.setCurrentIndex(index)
            hint = dlg.sizeHint()
            assert hint.height() <= 700 and hint.width() <= 1366, (index, hint)
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet(style)
