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
