"""The desk's sync entries: the status line in the status bar (syncing in the background), 立即同步, the USB-stick
files for days without a link (export the pending changes, import the county's answer), and the conflicts list.

What a round or an answer file applied goes out on the desk's one ``changed`` signal, so open screens follow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from . import workers
from .backup_status import BackupStatus
from .forms import friendly
from .session import DeskSession
from .sync_status import SyncStatusWidget

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


class SyncMenu(QObject):
    """Built into ``window``'s status bar and ``menu`` (before ``before``). ``bundle_finished(text, failed)``
    after an export or import, whose outcome is also shown in a message box that does not block."""

    bundle_finished = Signal(str, bool)

    def __init__(self, window: MainWindow, menu: QMenu, before: QAction):
        super().__init__(window)
        self.window = window
        session = window.session
        self.conflicts_dialog: Any = None
        self.message_box: QMessageBox | None = None
        self.status = SyncStatusWidget(session.db, lang=session.lang, parent=window)
        self.status.synced.connect(lambda report: self.session.publish(report.changes))
        window.statusBar().addPermanentWidget(self.status)
        self.sync_now_action = self._action(self.tr("立即同步(&Y)"), self.status.sync_now, menu, before)
        # No link for days: the same changes travel on a USB stick as a signed file, and the hub's answer back.
        self.export_action = self._action(self.tr("导出同步文件（U 盘）(&E)…"), self.export_bundle, menu, before)
        self.import_action = self._action(self.tr("导入县级回执文件(&I)…"), self.import_bundle, menu, before)
        self.conflicts_action = self._action(self.tr("同步冲突(&C)…"), self.show_conflicts, menu, before)
        self.status.start()
        self.backup = BackupStatus.attach(window, session.db, lambda: self.session.actor)  # 上次备份; daily backup

    def _action(self, text: str, slot: Callable[[], object], menu: QMenu, before: QAction) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        menu.insertAction(before, action)
        return action

    @property
    def session(self) -> DeskSession:
        return self.window.session

    def stop(self) -> None:
        self.status.stop()

    def close_dialogs(self) -> None:
        """The lock hides everything: the conflicts list shows records and acts as the signed-in person."""
        if self.conflicts_dialog is not None:
            self.conflicts_dialog.close()
            self.conflicts_dialog = None

    def show_conflicts(self) -> None:
        """What sync could not settle by itself, for staff to look at (see ``conflicts_dialog``)."""
        from .conflicts_dialog import ConflictsDialog

        self.conflicts_dialog = ConflictsDialog(self.session, self.window)
        self.conflicts_dialog.finished.connect(lambda _r: self.status.refresh())
        self.conflicts_dialog.open()

    def export_bundle(self, path: str | None = None) -> None:
        """Write the pending changes to a signed file for the USB stick (off the UI thread)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("导出同步文件"), "liaison-bundle.json",
                                                  self.tr("同步文件 (*.json)"))
        if not path:
            return
        from ..services.sync.bundle import export_bundle

        def done(count: int) -> str:
            return self.tr("已导出 {0} 条变更到 {1}。请把这个文件带到县级平台导入。").format(count, path)

        self._run(export_bundle, path, done)

    def import_bundle(self, path: str | None = None) -> None:
        """Apply the hub's answer file brought back on the USB stick (importing twice or out of order is safe)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("导入县级回执文件"), "",
                                                  self.tr("同步文件 (*.json)"))
        if not path:
            return
        from ..services.sync.bundle import BundleImport, import_bundle

        def done(result: BundleImport) -> str:
            self.session.publish(result.report.changes)
            text = self.tr("已导入：确认 {0} 条，被拒 {1} 条。").format(result.acknowledged, result.rejected)
            if result.pull_skipped:
                text += self.tr("这个回执接在一个尚未导入的回执之后，请先导入更早的回执。")
            return text

        self._run(import_bundle, path, done)

    def _run(self, fn: Callable[..., Any], path: str, describe: Callable[[Any], str]) -> None:
        task = workers.Task(fn, self.session.db, Path(path))
        task.signals.finished.connect(lambda result: self._finished(describe(result)))
        task.signals.failed.connect(lambda exc: self._finished(friendly(exc, self.session.lang), failed=True))
        self.bundle_task = workers.start(task)

    def _finished(self, text: str, *, failed: bool = False) -> None:
        self.status.refresh()
        icon = QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information
        self.message_box = QMessageBox(icon, self.tr("同步文件"), text, QMessageBox.StandardButton.Ok, self.window)
        self.message_box.open()
        self.bundle_finished.emit(text, failed)
