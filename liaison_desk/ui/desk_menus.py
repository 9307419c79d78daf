"""The desk's menu bar and shortcuts: 值班 (walk-in, sign-out, lock, settings, quit), 查看 (the pages, search,
refresh, large type), 打印 (``print_menu``) and 帮助; plus what the settings and large-type entries do, and the
date check when the desk opens (``date_check``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..domain.workflow import Role
from ..services.desk import settings as desk_settings
from .appearance import set_large_type
from .print_menu import PrintMenu

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def about_text() -> str:
    return QApplication.translate("DeskMenus", "联络站值班台\n版本 {0}\n\n人大代表联络站离线值班登记系统\n\n"
                                  "界面字体：霞鹜文楷（SIL OFL 1.1）").format(__version__)


class DeskMenus(QObject):
    """The actions live on the window, so their shortcuts work wherever the focus is in it."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.settings_dialog: Any = None
        w = window

        def action(text: str, shortcut: str | None, slot: Callable[[], object]) -> QAction:
            a = QAction(text, w)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(lambda _checked=False: slot())
            w.addAction(a)
            return a

        self.refresh_action = action(self.tr("刷新(&R)"), "F5", w.refresh)
        self.find_action = action(self.tr("搜索和筛选案件(&F)"), "Ctrl+F", w.focus_filter)
        self.handover_action = action(self.tr("今日交接(&H)"), "F2", lambda: w.show_page(w.handover))
        self.walkin_action = action(self.tr("来访登记(&N)"), "Ctrl+N", w.new_visit)
        self.cases_action = action(self.tr("案件列表(&L)"), "F4", lambda: w.show_page(w.cases))
        self.queue_action = action(self.tr("超期提醒(&O)"), "F6", lambda: w.show_page(w.queue))
        self.lock_action = action(self.tr("锁定值班台(&K)"), "Ctrl+L", w.desk_lock.lock)
        self.end_shift_action = action(self.tr("签退交班(&E)…"), "Ctrl+Shift+E", w.desk_lock.end_shift)
        self.settings_action = action(self.tr("值班台设置(&T)…"), None, self.open_settings)
        self.reset_pin_action = action(self.tr("重置账号密码(&P)…"), None, self.open_reset_pin)  # administrators
        self.reset_pin_dialog: Any = None
        self.quit_action = action(self.tr("退出(&X)"), "Ctrl+Q", w.desk_lock.quit)  # asks with a shift open
        self.about_action = action(self.tr("关于联络站值班台(&A)"), "F1", lambda: show_about(w))
        self.large_type_action = action(self.tr("大字模式(&G)"), "Ctrl+Shift+=", self.toggle_large_type)
        self.large_type_action.setCheckable(True)
        self.large_type_action.setChecked(desk_settings.get_settings(w.database).large_type)

        bar = w.menuBar()
        self.duty_menu = bar.addMenu(self.tr("值班(&D)"))
        for a in (self.walkin_action, self.end_shift_action, self.lock_action, self.settings_action,
                  self.reset_pin_action):
            self.duty_menu.addAction(a)
        self.duty_menu.addSeparator()
        self.duty_menu.addAction(self.quit_action)
        view = bar.addMenu(self.tr("查看(&V)"))
        for a in (self.handover_action, self.cases_action, self.queue_action, self.find_action, self.refresh_action):
            view.addAction(a)
        view.addSeparator()
        view.addAction(self.large_type_action)
        self.print_menu = PrintMenu(w, w.session.lang)
        bar.addMenu(self.print_menu.menu)
        self.help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.help_menu.addAction(self.about_action)
        from .date_check import at_start

        # the desk is open: a wrong-looking PC date is said at once (and checked before anything dated)
        self.date_box = at_start(w, w.database, w.session.lang)

    def signed_in(self, yes: bool) -> None:
        for action in (self.lock_action, self.end_shift_action):
            action.setEnabled(yes)
        self.reset_pin_action.setEnabled(yes and self.window.session.role is Role.ADMIN)

    def close_dialogs(self) -> None:
        if self.settings_dialog is not None:  # it acts as the signed-in person: the lock closes it
            self.settings_dialog.close()
            self.settings_dialog = None
        if self.reset_pin_dialog is not None:
            self.reset_pin_dialog.close()
            self.reset_pin_dialog = None

    def open_reset_pin(self) -> None:
        """An administrator gives an account a new PIN (after a restore, or a forgotten one)."""
        from .reset_pin_dialog import ResetPinDialog

        self.reset_pin_dialog = ResetPinDialog(self.window.session, self.window)
        self.reset_pin_dialog.open()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.window.session, self.window)
        self.settings_dialog.open()

    def apply_settings(self) -> None:
        """New settings take effect at once: the idle lock, large type (the badge's due-soon days: a refresh)."""
        settings = desk_settings.get_settings(self.window.database)
        self.window.desk_lock.set_idle_minutes(settings.idle_minutes)
        self.large_type_action.setChecked(settings.large_type)
        set_large_type(_app(), settings.large_type)

    def toggle_large_type(self) -> None:
        """Large type for the whole desk at once, remembered on this PC."""
        large = self.large_type_action.isChecked()
        set_large_type(_app(), large)
        session = self.window.session
        try:
            if session.actor is not None:
                desk_settings.update_settings(self.window.database, session.actor, large_type=large)
                session.publish(desk_settings.SETTINGS_CHANGED)
        except Exception:  # the switch works now even when it cannot be remembered
            log.warning("could not save the large-type setting", exc_info=True)


def show_about(parent: Any) -> None:
    QMessageBox.about(parent, QApplication.translate("DeskMenus", "关于联络站值班台"), about_text())
