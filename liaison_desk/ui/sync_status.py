"""The desk's sync status in the status bar: last sync, pending changes, conflicts; syncs in the background.

Embedded by ``sync_menu.SyncMenu`` (the status bar, 立即同步, the USB files), which passes each round's
``SyncReport.changes`` (what the round applied) on to the desk's ``changed`` signal, so open screens follow.

Rounds run on a pool thread. After a failure the next try waits 2, 4, 8… seconds up to ``max_backoff_s``
(with a little jitter) and **never stops by itself**; after a success the next round is ``interval_s`` later.
A training database, or one not enrolled yet, shows that and does not sync (enrollment is re-checked at
every interval).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ..domain.errors import DomainError
from ..domain.timeutil import to_local
from ..services.sync import rounds as sync_service
from .workers import Task, start

log = logging.getLogger(__name__)


class SyncStatusWidget(QWidget):
    """同步状态 — the status-bar line about the county hub (see the module docstring to embed it)."""

    synced = Signal(object)  # the SyncReport of a round that finished
    failed = Signal(str)  # the readable reason a round failed
    status_changed = Signal(object)  # the SyncStatus shown

    def __init__(self, db: Any, *, lang: str = "zh", interval_s: float = 300.0, min_backoff_s: float = 2.0,
                 max_backoff_s: float = 600.0, sync_fn: Callable[[Any], Any] | None = None,
                 pool: QThreadPool | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self.interval_s, self.min_backoff_s, self.max_backoff_s = interval_s, min_backoff_s, max_backoff_s
        self._sync_fn = sync_fn or (lambda d: sync_service.sync_round(d))
        self._pool = pool or QThreadPool.globalInstance()
        self.failures = 0
        self.running = False
        self._active = False
        self._task: Task | None = None
        self.last_error: str | None = None
        self.label = QLabel(self)
        self.button = QToolButton(self)
        self.button.setText(self.t("立即同步", "Sync now"))
        self.button.clicked.connect(self.sync_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.refresh()

    def t(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    # -- scheduling --------------------------------------------------------------------------------------
    def start(self) -> None:
        """Begin background rounds (the first one right away)."""
        self._active = True
        self._schedule(0)

    def stop(self) -> None:
        self._active = False
        self._timer.stop()

    def sync_now(self) -> None:
        """A round now (ignored while one is running); the schedule continues from its outcome."""
        if self.running:
            return
        self._timer.stop()
        self._run()

    def next_delay_s(self) -> float:
        if self.failures == 0:
            return self.interval_s
        base = min(self.max_backoff_s, self.min_backoff_s * 2 ** min(self.failures - 1, 20))
        return base * random.uniform(0.8, 1.0)

    def _schedule(self, seconds: float) -> None:
        if self._active:
            self._timer.start(max(0, int(seconds * 1000)))

    def _tick(self) -> None:
        status = self.refresh()
        if status is not None and (status.training or not status.enrolled):
            self._schedule(self.interval_s)  # nothing to do now; look again later
            return
        self._run()

    def _run(self) -> None:
        self.running = True
        self.button.setEnabled(False)
        self.label.setText(self.t("正在同步…", "Syncing…"))
        self._task = Task(self._sync_fn, self.db)
        self._task.signals.finished.connect(self._done)
        self._task.signals.failed.connect(self._failed)
        start(self._task, self._pool)

    def _done(self, report: sync_service.SyncReport) -> None:
        self.running = False
        self.button.setEnabled(True)
        agreed = report.agreed
        self.failures = 0 if agreed else self.failures + 1
        self.last_error = None if agreed else "; ".join(report.notes)
        self.refresh()
        self.synced.emit(report)
        self._schedule(self.next_delay_s())

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.button.setEnabled(True)
        self.failures += 1
        if isinstance(exc, DomainError):
            self.last_error = exc.localized(self.lang)
        else:
            self.last_error = self.t("同步遇到意外问题，详细信息已写入日志，稍后自动重试。",
                                     "Unexpected sync problem (see the log); retrying later.")
        self.refresh()
        self.failed.emit(self.last_error)
        self._schedule(self.next_delay_s())  # never stops by itself

    # -- display -----------------------------------------------------------------------------------------
    def refresh(self):
        """Read the status from the service and show it; returns it (None when it cannot be read)."""
        try:
            status = sync_service.sync_status(self.db)
        except Exception:  # the status line must never take the desk down
            log.exception("sync status unavailable")
            self.label.setText(self.t("同步状态不可用", "Sync status unavailable"))
            return None
        self.label.setText(self.describe(status))
        self.label.setToolTip(self.last_error or status.last_error or "")
        self.status_changed.emit(status)
        return status

    def describe(self, status) -> str:
        if status.training:
            return self.t("培训库，不同步", "Training database: never synced")
        if not status.enrolled:
            return self.t("未登记县级平台", "Not enrolled with the hub")
        last = (to_local(status.last_ok).strftime("%m-%d %H:%M") if isinstance(status.last_ok, dt.datetime)
                else self.t("从未", "never"))
        text = self.t(f"上次同步 {last} · 待上传 {status.pending} · 冲突 {status.conflicts}",
                      f"Last sync {last} · {status.pending} pending · {status.conflicts} conflicts")
        if self.failures:
            text += self.t(f" · 同步失败 {self.failures} 次，自动重试中", f" · failed {self.failures}×, retrying")
        return text
