"""上次备份 in the status bar: how old the newest backup is (red, and said in words, after 7 days), the daily
backup made in the background when none was made today (at sign-in, and checked again every hour for a desk
left open), and a 备份 button: back up now, choose the USB folder every backup also goes to.

The backup runs on a pool thread (``workers.Task``): the desk never waits for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMenu, QToolButton, QWidget

from ..domain.errors import DomainError
from ..services.admin import backup as backup_service
from .workers import Task, start

log = logging.getLogger(__name__)

RECHECK_MS = 60 * 60 * 1000  # a desk left open over midnight makes the next day's backup within the hour
ALERT_STYLE = "color: #b00020; font-weight: bold;"


class BackupStatus(QWidget):
    """The status-bar line about backups. ``actor`` gives the signed-in person (the USB folder is a setting
    for staff and administrators); ``backup_fn`` (tests) replaces the daily backup."""

    finished = Signal(object)  # the BackupResult of a backup that finished
    failed = Signal(str)  # why it failed, in words

    def __init__(self, db: Any, actor: Callable[[], Any], *, parent: QWidget | None = None,
                 pool: QThreadPool | None = None,
                 backup_fn: Callable[[Any], backup_service.BackupResult | None] | None = None):
        super().__init__(parent)
        self.db = db
        self._actor = actor
        self._pool = pool or QThreadPool.globalInstance()
        self._daily = backup_fn or backup_service.backup_if_due
        self.running = False
        self.last_error = ""
        self.usb_note = ""
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("备份状态"))
        self.button = QToolButton(self)
        self.button.setText(self.tr("备份"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.clicked.connect(self.backup_now)
        menu = QMenu(self.button)
        self.now_action = menu.addAction(self.tr("立即备份"))
        self.now_action.triggered.connect(lambda _c=False: self.backup_now())
        self.usb_action = menu.addAction(self.tr("选择 U 盘备份文件夹…"))
        self.usb_action.triggered.connect(lambda _c=False: self.choose_usb_dir())
        self.no_usb_action = menu.addAction(self.tr("不再备份到 U 盘"))
        self.no_usb_action.triggered.connect(lambda _c=False: self.set_usb_dir(""))
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.backup_if_due)
        self.refresh()

    @classmethod
    def attach(cls, window: QMainWindow, db: Any, actor: Callable[[], Any]) -> BackupStatus:
        """Into ``window``'s status bar; the daily backup starts at once when it is due."""
        status = cls(db, actor, parent=window)
        window.statusBar().addPermanentWidget(status)
        status.start()
        return status

    def start(self) -> None:
        self._timer.start()
        self.backup_if_due()

    def stop(self) -> None:
        self._timer.stop()

    # -- backing up ---------------------------------------------------------------------------------------
    def backup_if_due(self) -> None:
        try:
            due = backup_service.backup_age(self.db).due
        except Exception:  # the status line must never take the desk down
            log.exception("backup age unavailable")
            return
        if due:
            self._run(self._daily)

    def backup_now(self) -> None:
        self._run(backup_service.make_backup)

    def _run(self, fn: Callable[[Any], Any]) -> None:
        if self.running:
            return
        self.running = True
        self.button.setEnabled(False)
        self.label.setText(self.tr("正在备份…"))
        self.label.setStyleSheet("")
        task = Task(fn, self.db)
        task.signals.finished.connect(self._done)
        task.signals.failed.connect(self._failed)
        start(task, self._pool)

    def _done(self, result: backup_service.BackupResult | None) -> None:
        self.running = False
        self.button.setEnabled(True)
        self.last_error = ""
        if result is not None:
            self.usb_note = result.usb_error
        self.refresh()
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.button.setEnabled(True)
        if isinstance(exc, DomainError):
            self.last_error = exc.localized("en" if self.tr("备份") == "Back up" else "zh")
        else:
            self.last_error = self.tr("备份遇到意外问题，详细信息已写入日志。")
        self.refresh()
        self.failed.emit(self.last_error)

    # -- the USB folder -----------------------------------------------------------------------------------
    def choose_usb_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择 U 盘上的备份文件夹"),
                                                  backup_service.backup_settings(self.db).usb_dir)
        if folder:
            self.set_usb_dir(folder)

    def set_usb_dir(self, folder: str) -> bool:
        try:
            backup_service.set_backup_settings(self.db, self._actor(), usb_dir=folder)
        except DomainError as exc:
            self.last_error = exc.message
            self.refresh()
            return False
        self.last_error = ""
        self.refresh()
        return True

    # -- display ------------------------------------------------------------------------------------------
    def refresh(self) -> backup_service.BackupAge | None:
        try:
            age = backup_service.backup_age(self.db)
            usb = backup_service.backup_settings(self.db).usb_dir
        except Exception:
            log.exception("backup status unavailable")
            self.label.setText(self.tr("备份状态不可用"))
            return None
        alert = age.overdue or age.ahead_at is not None or bool(self.last_error)
        text = self.describe(age)
        if self.last_error:
            text = self.tr("备份失败：{0}").format(self.last_error)
        elif self.usb_note:
            text += self.tr("，U 盘未备份")
        self.label.setText(text)
        self.label.setStyleSheet(ALERT_STYLE if alert else "")
        where = usb or self.tr("（未设置）")
        tip = self.tr("最近一次备份：{0}\nU 盘备份文件夹：{1}").format(
            age.last_at.strftime("%Y-%m-%d %H:%M") if age.last_at else self.tr("无"), where)
        if self.usb_note:
            tip += "\n" + self.usb_note
        self.label.setToolTip(tip)
        self.no_usb_action.setEnabled(bool(usb))
        return age

    def describe(self, age: backup_service.BackupAge) -> str:
        if age.days is None and age.ahead_at is not None:  # the only backups are dated after the clock
            return self.tr("上次备份的日期（{0}）晚于本机时钟，请核对电脑的日期和时间").format(
                age.ahead_at.strftime("%Y-%m-%d"))
        if age.days is None:
            text = self.tr("还没有备份，请立即备份")
        elif age.overdue:
            text = self.tr("上次备份：{0} 天前，已超过 7 天，请备份").format(age.days)
        elif age.days == 0:
            text = self.tr("上次备份：今天")
        else:
            text = self.tr("上次备份：{0} 天前").format(age.days)
        if age.ahead_at is not None:
            text += self.tr("；有备份的日期晚于本机时钟，请核对电脑时间")
        return text
