"""The desk's main window: station title, training banner, figures with the overdue badge, and the pages of a
shift (handover, walk-in form, case list, overdue queue, roster), plus sign-in, idle lock and sign-out.

At a cold start the window opens on the sign-in (``start``, see ``start_screen``) before the services and the
ORM are loaded; so this module imports them only where they are used, and builds the pages after the PIN.
"""

from __future__ import annotations

import importlib
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..domain.workflow import OPEN_STATUSES, Status
from . import workers
from .forms import fit_columns, fit_short_table, friendly, make_table
from .idle_lock import IdleWatcher
from .session import DeskSession

if TYPE_CHECKING:
    from ..services.desk.startup import StartInfo
    from .case_page import CasePage

log = logging.getLogger(__name__)


class _OnFirstUse:
    """A module imported the first time one of its names is used (see the module docstring)."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name, __package__), attr)


# the services the window calls itself, loaded at first use (after the first screen is up)
desk_settings = _OnFirstUse("..services.desk.settings")
case_listing = _OnFirstUse("..services.cases.listing")
startup = _OnFirstUse("..services.desk.startup")


def _figures(db) -> tuple[dict, object]:
    """The statistics and the overdue badge, read together on a pool thread."""
    from ..services.admin.stats import compute_stats

    return compute_stats(db), case_listing.desk_urgency_counts(db)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


class StatCard(QFrame):
    """One figure of the summary strip: a big number over a short caption."""

    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statCard")
        self.caption = QLabel(caption)
        self.caption.setObjectName("statCaption")
        self.value = QLabel("—")
        self.value.setObjectName("statValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setToolTip(tooltip)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleName(f"{self.caption.text()}：{text}")  # read as one phrase by a screen reader

    def set_alert(self, alert: bool) -> None:
        self.setProperty("alert", alert)
        self.style().unpolish(self)
        self.style().polish(self)


class MainWindow(QMainWindow):
    """``session`` carries the signed-in person; without one (tests, a read-only look) nothing can be recorded."""

    locked = Signal()
    stats_ready = Signal()
    unlocked = Signal()
    signed_out = Signal()
    bundle_finished = Signal(str, bool)  # the message shown, and whether it failed
    quiet_bundle_messages = False  # tests read the signal instead of a modal box
    quiet_start_messages = False  # tests read ``start_failure`` instead of a modal box

    started = Signal()  # signed in on the start screen, the pages are built

    def __init__(self, db=None, lang: str = "zh", parent: QWidget | None = None, *,
                 session: DeskSession | None = None, idle_ms: int | None = None, start: StartInfo | None = None,
                 data_dir: Path | None = None):
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self._idle_ms = idle_ms
        self.start_screen = None
        if db is None and start is not None:
            self._begin(start, data_dir)
        else:
            self._setup(session or DeskSession(db, lang))

    # -- the start: sign-in first, the rest after the PIN -----------------------------------------------
    def _begin(self, start: StartInfo, data_dir: Path | None) -> None:
        from .start_screen import StartScreen

        title = self.tr("联络站值班台 — {0}").format(start.station_name)
        self.setWindowTitle(title + (self.tr(" 【培训库】") if start.training else ""))
        duty = self.menuBar().addMenu(self.tr("值班(&D)"))
        duty.addAction(self.tr("退出(&X)"), QKeySequence("Ctrl+Q"), self.close)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.tr("关于联络站值班台(&A)"), QKeySequence("F1"), self.show_about)
        self._start_menus = (duty, help_menu)
        self.session = DeskSession(None, self._lang, data_dir)
        self.start_screen = StartScreen(start, self.session, self)
        self.start_screen.signed_in.connect(self._signed_in_at_start)
        self.start_screen.failed.connect(self._start_failed)
        self.start_screen.quit_requested.connect(self.close)
        self.setCentralWidget(self.start_screen)
        self.statusBar().showMessage(self.tr("请签到。"))
        self.resize(1360, 860)
        self.start_screen.begin()

    def _signed_in_at_start(self, db, signed) -> None:
        if self.start_screen is None or db is None:
            return
        screen, self.start_screen = self.start_screen, None
        screen.db = None  # the window owns the database from now on
        self._db = db
        self.menuBar().clear()
        for menu in self._start_menus:
            menu.deleteLater()
        self.statusBar().clearMessage()
        self._setup(DeskSession(db, self._lang, screen.session.data_dir, signed.actor, signed.shift_id))
        self.centralWidget().show()  # a central widget set on a visible window shows only later: focus needs it now
        self.tabs.setFocus()
        self.started.emit()

    def _start_failed(self, text: str) -> None:
        self.start_failure = text
        if not self.quiet_start_messages:
            QMessageBox.warning(self, self.tr("无法打开数据库"), text)
        self.close()

    @property
    def database(self):
        """The open database (None while the start screen is still opening it)."""
        return self._db

    def _setup(self, session: DeskSession) -> None:
        from ..services.admin.setup import station_info

        idle_ms = self._idle_ms
        db = self._db
        self.session = session
        self.station = station_info(db)
        self.case_pages: list[CasePage] = []
        self.lock_dialog = None
        self.end_shift_dialog = None
        self.stats: dict | None = None
        self._stats_task: workers.Task | None = None
        self._stats_again = False
        self._stale: set = set()
        self._build_pages()
        self._build_actions()
        self._build_central()
        settings = desk_settings.get_settings(db)
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else IdleWatcher.minutes_to_ms(settings.idle_minutes),
                                self)
        self.idle.idle.connect(self.lock)
        if self.session.signed_in:
            self.idle.restart()
        self._show_signed_in()
        self.refresh()
        self._stale.discard(self.cases)  # the list read its first page a moment ago, when it was built
        self.walkin.restore_draft()

    # -- construction -------------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        from .brief_model import B_SUMMARY, CaseBriefModel
        from .case_list_page import CaseListPage
        from .case_table_model import CASE_ID_ROLE
        from .handover_page import HandoverPage
        from .walkin_form import WalkInForm

        self.handover = HandoverPage(self.session)
        self.walkin = WalkInForm(self.session)
        self.cases = CaseListPage(self.session)
        self.queue_model = CaseBriefModel(lang=self._lang, parent=self)
        self.queue_table = make_table(self.queue_model, self.tr("超期和即将到期的案件"))
        fit_short_table(self.queue_table, B_SUMMARY)
        self.queue_label = QLabel()
        self.queue_label.setWordWrap(True)
        for signal in (self.handover.open_case, self.cases.open_case):
            signal.connect(self.open_case)
        self.queue_table.activated.connect(lambda index: self.open_case(uuid.UUID(index.data(CASE_ID_ROLE))))
        self.handover.print_requested.connect(self.print_handover)
        self.walkin.registered.connect(lambda _number: self.refresh())
        self.cases.counts_changed.connect(self._update_status_text)
        self.cases.refresh_button.clicked.connect(self.refresh)

    def _build_actions(self) -> None:
        def action(text: str, shortcut: str | None, slot) -> QAction:
            a = QAction(text, self)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            self.addAction(a)  # shortcuts work wherever the focus is in the window
            return a

        self.refresh_action = action(self.tr("刷新(&R)"), "F5", self.refresh)
        self.find_action = action(self.tr("搜索和筛选案件(&F)"), "Ctrl+F", self.focus_filter)
        self.handover_action = action(self.tr("今日交接(&H)"), "F2", lambda: self.show_page(self.handover))
        self.walkin_action = action(self.tr("来访登记(&N)"), "Ctrl+N", self.new_visit)
        self.cases_action = action(self.tr("案件列表(&L)"), "F4", lambda: self.show_page(self.cases))
        self.queue_action = action(self.tr("超期提醒(&O)"), "F6", lambda: self.show_page(self.queue_page))
        self.lock_action = action(self.tr("锁定值班台(&K)"), "Ctrl+L", self.lock)
        self.end_shift_action = action(self.tr("签退交班(&E)…"), "Ctrl+Shift+E", self.end_shift)
        self.settings_action = action(self.tr("值班台设置(&T)…"), None, self.open_settings)
        self.quit_action = action(self.tr("退出(&X)"), "Ctrl+Q", self.close)
        self.about_action = action(self.tr("关于联络站值班台(&A)"), "F1", self.show_about)
        self.large_type_action = action(self.tr("大字模式(&G)"), "Ctrl+Shift+=", self.toggle_large_type)
        self.large_type_action.setCheckable(True)
        self.large_type_action.setChecked(desk_settings.get_settings(self._db).large_type)

        bar = self.menuBar()
        duty = self.duty_menu = bar.addMenu(self.tr("值班(&D)"))
        for a in (self.walkin_action, self.end_shift_action, self.lock_action, self.settings_action):
            duty.addAction(a)
        duty.addSeparator()
        duty.addAction(self.quit_action)
        view = bar.addMenu(self.tr("查看(&V)"))
        for a in (self.handover_action, self.cases_action, self.queue_action, self.find_action, self.refresh_action):
            view.addAction(a)
        view.addSeparator()
        view.addAction(self.large_type_action)
        from .print_menu import PrintMenu

        self.print_menu = PrintMenu(self, self._lang)
        bar.addMenu(self.print_menu.menu)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

    def _build_central(self) -> None:
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(10)

        self.training_banner = QLabel(self.tr("【培训库】这里是培训用的演示数据，人名和事项都是虚构的，"
                                              "不会同步到县级平台。"))
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setWordWrap(True)
        self.training_banner.setAccessibleName(self.tr("培训库提示"))
        self.training_banner.setVisible(False)
        outer.addWidget(self.training_banner)

        strip = QHBoxLayout()
        strip.setSpacing(10)
        self.cards = {
            "overdue": StatCard(self.tr("已超期"), self.tr("超过办理期限还没有办结的案件（快捷键 F6 查看）")),
            "due_soon": StatCard(self.tr("即将到期"), self.tr("几天内到期、还没有办结的案件")),
            "total": StatCard(self.tr("案件总数")),
            "open": StatCard(self.tr("正在办理"), self.tr("尚未办结、也未撤回的案件")),
            "closed": StatCard(self.tr("已办结")),
            "closure_rate": StatCard(self.tr("办结率"), self.tr("已办结 ÷（全部案件 − 已撤回）")),
            "resolution_rate": StatCard(self.tr("解决率"), self.tr("办结的案件中，问题已解决的比例")),
            "satisfaction_rate": StatCard(self.tr("满意率"), self.tr("已评价的案件中，满意和基本满意的比例")),
            "outbox": StatCard(self.tr("待同步"), self.tr("还没有传到县级平台的变更条数")),
        }
        for card in self.cards.values():
            strip.addWidget(card, 1)
        outer.addLayout(strip)

        self.queue_page = QWidget()
        q = QVBoxLayout(self.queue_page)
        q.setContentsMargins(0, 0, 0, 0)
        q.addWidget(self.queue_label)
        q.addWidget(self.queue_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.handover, self.tr("今日交接"))
        self.tabs.addTab(self.walkin, self.tr("来访登记"))
        self.tabs.addTab(self.cases, self.tr("案件列表"))
        self.tabs.addTab(self.queue_page, self.tr("超期提醒"))
        self.tabs.currentChanged.connect(self._refresh_current)
        self._add_optional_pages()
        outer.addWidget(self.tabs, 1)

        self.lock_cover = QLabel(self.tr("值班台已锁定，请输入密码解锁。"))
        self.lock_cover.setObjectName("emptyState")
        self.lock_cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.lock_cover)
        self.setCentralWidget(self.stack)

        self.user_label = QLabel()
        self.user_label.setAccessibleName(self.tr("当前值班人员"))
        self.statusBar().addPermanentWidget(self.user_label)
        self._add_sync_status()
        if not self.isVisible():  # at the start screen the window is already up (perhaps maximised)
            self.resize(1360, 860)

    def _add_optional_pages(self) -> None:
        """The roster calendar, when the duty module is installed: built the first time its tab is shown
        (it brings the duty services with it, which the start of a shift does not need)."""
        self.roster_view = None
        self.roster_tab = None
        try:
            import importlib.util

            if importlib.util.find_spec("liaison_desk.ui.roster_view") is None:
                return
        except (ImportError, ValueError):
            return
        self.roster_tab = QWidget()
        QVBoxLayout(self.roster_tab).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.roster_tab, self.tr("值班表"))

    def _build_roster(self) -> None:
        if self.roster_view is not None or self.roster_tab is None:
            return
        try:
            from .roster_view import RosterView

            self.roster_view = RosterView(self._db)
        except Exception:  # a broken extra page must not take the desk down
            log.exception("roster view unavailable")
            self.roster_tab.layout().addWidget(QLabel(self.tr("值班表暂时打不开，详细信息已写入日志文件。")))
            self.roster_tab = None
            return
        self.roster_tab.layout().addWidget(self.roster_view)
        self.roster_view.show()  # a child added to a visible parent stays hidden until shown

    def _add_sync_status(self) -> None:
        """The sync line in the status bar (last sync, pending changes, conflicts), syncing in the background."""
        self.sync_status = None
        if self.is_training:
            return  # a training database never syncs
        try:
            from .sync_status import SyncStatusWidget

            self.sync_status = SyncStatusWidget(self._db, lang=self._lang, parent=self)
        except Exception:  # a build without sync, or a broken one, must not keep the desk from opening
            log.exception("sync status unavailable")
            self.sync_status = None
            return
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_now_action = QAction(self.tr("立即同步(&Y)"), self)
        self.sync_now_action.triggered.connect(self.sync_status.sync_now)
        self.duty_menu.insertAction(self.lock_action, self.sync_now_action)
        # No link for days: the same changes travel on a USB stick as a signed file, and the hub's answer back.
        self.export_bundle_action = QAction(self.tr("导出同步文件（U 盘）(&E)…"), self)
        self.export_bundle_action.triggered.connect(self.export_bundle)
        self.duty_menu.insertAction(self.lock_action, self.export_bundle_action)
        self.import_bundle_action = QAction(self.tr("导入县级回执文件(&I)…"), self)
        self.import_bundle_action.triggered.connect(self.import_bundle)
        self.duty_menu.insertAction(self.lock_action, self.import_bundle_action)
        self.conflicts_action = QAction(self.tr("同步冲突(&C)…"), self)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.duty_menu.insertAction(self.lock_action, self.conflicts_action)
        self.sync_status.start()

    def show_conflicts(self) -> None:
        """What sync could not settle by itself, for staff to look at (see ``conflicts_dialog``)."""
        from .conflicts_dialog import ConflictsDialog

        self.conflicts_dialog = ConflictsDialog(self.session, self)
        self.conflicts_dialog.finished.connect(lambda _r: self.sync_status.refresh() if self.sync_status else None)
        self.conflicts_dialog.open()

    def export_bundle(self, path: str | None = None) -> None:
        """Write the pending changes to a signed file for the USB stick (off the UI thread)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("导出同步文件"), "liaison-bundle.json",
                                                  self.tr("同步文件 (*.json)"))
        if not path:
            return
        from ..services.sync.bundle import export_bundle

        self._bundle_task(export_bundle, path, lambda n: self.tr("已导出 {0} 条变更到 {1}。请把这个文件带到县级平台导入。")
                          .format(n, path))

    def import_bundle(self, path: str | None = None) -> None:
        """Apply the hub's answer file brought back on the USB stick (importing twice or out of order is safe)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入县级回执文件"), "", self.tr("同步文件 (*.json)"))
        if not path:
            return
        from ..services.sync.bundle import import_bundle

        def done(result) -> str:
            text = self.tr("已导入：确认 {0} 条，被拒 {1} 条。").format(result.acknowledged, result.rejected)
            if result.pull_skipped:
                text += self.tr("这个回执接在一个尚未导入的回执之后，请先导入更早的回执。")
            return text

        self._bundle_task(import_bundle, path, done)

    def _bundle_task(self, fn, path: str, describe) -> None:
        from pathlib import Path

        task = workers.Task(fn, self._db, Path(path))
        task.signals.finished.connect(lambda result: self._bundle_done(describe(result)))
        task.signals.failed.connect(lambda exc: self._bundle_done(friendly(exc, self._lang), failed=True))
        self.bundle_task = workers.start(task)

    def _bundle_done(self, text: str, *, failed: bool = False) -> None:
        self.bundle_message = text
        if self.sync_status is not None:
            self.sync_status.refresh()
        self.bundle_finished.emit(text, failed)
        if not self.quiet_bundle_messages:
            (QMessageBox.warning if failed else QMessageBox.information)(self, self.tr("同步文件"), text)

    # -- pages --------------------------------------------------------------------------------------------
    @property
    def model(self):
        return self.cases.model

    @property
    def table(self):
        return self.cases.table

    @property
    def filter_combo(self):
        return self.cases.filter_combo

    @property
    def search_edit(self):
        return self.cases.search_edit

    @property
    def refresh_button(self):
        return self.cases.refresh_button

    @property
    def count_label(self):
        return self.cases.count_label

    @property
    def empty_label(self):
        return self.cases.empty_label

    def empty_state_visible(self) -> bool:
        return self.cases.empty_state_visible()

    def set_status_filter(self, status: str | None) -> None:
        self.cases.set_status_filter(status)

    def show_page(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)
        if page is self.queue_page:
            self.queue_table.setFocus()
        elif page is self.cases:
            self.cases.table.setFocus()

    def new_visit(self) -> None:
        self.tabs.setCurrentWidget(self.walkin)
        self.walkin.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_filter(self) -> None:
        self.tabs.setCurrentWidget(self.cases)
        target = self.cases.search_edit if self.cases.search_edit.isVisibleTo(self.cases) else self.cases.filter_combo
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_case(self, case_id: uuid.UUID) -> CasePage:
        from .case_page import CasePage

        for page in self.case_pages:
            if page.case_id == case_id:
                page.raise_()
                page.activateWindow()
                return page
        page = CasePage(self.session, case_id, self)
        page.changed.connect(self.refresh)
        page.finished.connect(lambda _r, p=page: self.case_pages.remove(p) if p in self.case_pages else None)
        self.case_pages.append(page)
        page.show()
        return page

    # -- figures ------------------------------------------------------------------------------------------
    @property
    def is_training(self) -> bool:
        return bool(self.station and self.station.training)

    def _apply_station(self) -> None:
        st = self.station
        name = st.name if st else self.tr("（尚未设置）")
        title = self.tr("联络站值班台 — {0}").format(name)
        if self.is_training:
            title += self.tr(" 【培训库】")
        self.setWindowTitle(title)
        self.training_banner.setVisible(self.is_training)
        self.cards["outbox"].setVisible(not self.is_training)  # a training database never syncs

    def refresh(self) -> None:
        """The page on screen now, the other pages when they are next shown.

        The statistics and the badge read every case, so they are counted on a pool thread: the window
        answers at once and the cards fill in a moment later (``stats_ready``).
        """
        from ..services.admin.setup import station_info

        self.station = station_info(self._db)
        self._apply_station()
        self._stale = {self.handover, self.cases, self.queue_page}
        self._refresh_current()
        self._start_stats()

    def _refresh_current(self, *_args) -> None:
        page = self.tabs.currentWidget()
        if page is not None and page is self.roster_tab:
            self._build_roster()
        if page not in self._stale:
            return
        self._stale.discard(page)
        if page is self.handover:
            self.handover.refresh()
        elif page is self.cases:
            self.cases.refresh()
        elif page is self.queue_page:
            self._show_queue()

    def _start_stats(self) -> None:
        if self._stats_task is not None:
            self._stats_again = True  # one count at a time; the latest request runs when this one ends
            return
        self._stats_again = False
        from ..services.admin import stats  # noqa: F401  (imported here on the UI thread, not by the pool thread)

        self._stats_task = workers.Task(_figures, self._db)
        self._stats_task.signals.finished.connect(self._stats_done)
        self._stats_task.signals.failed.connect(self._stats_failed)
        workers.start(self._stats_task)

    def _stats_done(self, figures: tuple) -> None:
        self._stats_task = None
        stats, badge = figures
        self._show_stats(stats)
        self._show_badge(badge)
        self.stats_ready.emit()
        if self._stats_again:
            self._start_stats()

    def _stats_failed(self, exc: BaseException) -> None:
        self._stats_task = None
        log.warning("statistics failed: %r", exc)
        self.statusBar().showMessage(self.tr("统计数字暂时算不出来，详细信息已写入日志文件。"))

    def _show_stats(self, stats: dict) -> None:
        cases, rates = stats["cases"], stats["rates"]
        by_status = cases["by_status"]
        open_count = sum(by_status.get(s.value, 0) for s in OPEN_STATUSES)
        self.cards["total"].set_value(f"{cases['total']:,}")
        self.cards["open"].set_value(f"{open_count:,}")
        self.cards["closed"].set_value(f"{by_status.get(Status.CLOSED.value, 0):,}")
        for key in ("closure_rate", "resolution_rate", "satisfaction_rate"):
            self.cards[key].set_value(_pct(rates[key]))
        self.cards["outbox"].set_value(f"{stats['outbox_pending']:,}")
        from .case_table_model import status_label

        combo = self.cases.filter_combo
        combo.setItemText(0, self.tr("全部（{0}）").format(f"{cases['total']:,}"))
        for i in range(1, combo.count()):
            code = combo.itemData(i)
            combo.setItemText(i, self.tr("{0}（{1}）").format(status_label(code, self._lang),
                                                            f"{by_status.get(code, 0):,}"))
        self.stats = stats

    def _show_badge(self, counts) -> None:
        self.overdue_count = counts.overdue
        self.cards["overdue"].set_value(f"{counts.overdue:,}")
        self.cards["overdue"].set_alert(counts.overdue > 0)
        self.cards["due_soon"].set_value(f"{counts.due_soon:,}")
        index = self.tabs.indexOf(self.queue_page)
        badge = counts.overdue + counts.due_soon
        self.tabs.setTabText(index, self.tr("超期提醒（{0}）").format(badge) if badge else self.tr("超期提醒"))
        self.tabs.tabBar().setTabTextColor(index, Qt.GlobalColor.darkRed if counts.overdue else
                                           self.tabs.tabBar().palette().windowText().color())

    def _show_queue(self) -> None:
        queue = case_listing.desk_queue(self._db)
        self.queue_model.set_rows(queue.rows)
        fit_columns(self.queue_table)
        self.queue_label.setText(self.tr("已超期 {0} 件，几天内到期 {1} 件。超期最久、最紧急的排在最前面；"
                                         "按回车或双击打开案件。").format(queue.overdue_total, queue.due_soon_total))

    def _update_status_text(self) -> None:
        text = self.cases.status_text()
        if text:
            self.statusBar().showMessage(text)
        else:
            self.statusBar().clearMessage()

    def _show_signed_in(self) -> None:
        actor = self.session.actor
        if actor is None:
            self.user_label.setText(self.tr("未签到"))
        else:
            self.user_label.setText(self.tr("值班：{0}（{1}）").format(
                actor.name, startup.role_label(actor.role, self._lang)))
        for action in (self.lock_action, self.end_shift_action):
            action.setEnabled(actor is not None)

    def set_session(self, session: DeskSession) -> None:
        self.session = session
        for page in (self.handover, self.walkin, self.cases):
            page.session = session
        self.walkin.set_session(session)
        self._show_signed_in()

    # -- lock, sign-out -----------------------------------------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_cover

    def lock(self) -> None:
        """Hide everything personal and ask for a PIN; the walk-in form's draft is saved first."""
        if self.is_locked or not self.session.signed_in:
            return
        from .signin_dialog import SignInDialog

        self.walkin.save_draft()
        self.idle.stop()
        for page in list(self.case_pages):
            page.close()
        # dialogs that show personal data or act as the signed-in person go too (the lock hides everything)
        for name in ("conflicts_dialog", "settings_dialog"):
            dialog = getattr(self, name, None)
            if dialog is not None:
                dialog.close()
                setattr(self, name, None)
        self.stack.setCurrentWidget(self.lock_cover)
        self.menuBar().setEnabled(False)
        self.lock_dialog = SignInDialog(self.session, locked_for=self.session.actor.name, parent=self)
        self.lock_dialog.accepted.connect(self._unlock)
        self.lock_dialog.rejected.connect(self.close)
        self.locked.emit()
        self.lock_dialog.open()

    def _unlock(self) -> None:
        signed = self.lock_dialog.signed
        if signed is not None and (self.session.actor is None or signed.actor.name != self.session.actor.name
                                   or signed.shift_id != self.session.shift_id):
            self.set_session(self.session.with_actor(signed.actor, signed.shift_id))
        self.lock_dialog = None
        self.stack.setCurrentWidget(self.stack.widget(0))
        self.menuBar().setEnabled(True)
        self.idle.restart()
        self.refresh()
        self.unlocked.emit()

    def end_shift(self) -> None:
        if not self.session.signed_in:
            return
        from .end_shift_dialog import EndShiftDialog

        self.end_shift_dialog = EndShiftDialog(self.session, self)
        self.end_shift_dialog.signed_out.connect(self._after_sign_out)
        self.end_shift_dialog.open()

    def _after_sign_out(self) -> None:
        self.set_session(self.session.with_actor(None))
        self.idle.stop()
        self.signed_out.emit()
        self.close()

    def print_handover(self) -> None:
        from .end_shift_dialog import print_handover

        print_handover(self, self.session)

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.session, self)
        self.settings_dialog.accepted.connect(self._apply_settings)
        self.settings_dialog.open()

    def _apply_settings(self) -> None:
        """New settings take effect at once: the idle lock, large type, the badge's due-soon days."""
        from PySide6.QtWidgets import QApplication

        from .appearance import set_large_type

        settings = desk_settings.get_settings(self._db)
        self.idle.set_timeout_ms(IdleWatcher.minutes_to_ms(settings.idle_minutes))
        self.idle.restart()
        self.large_type_action.setChecked(settings.large_type)
        set_large_type(QApplication.instance(), settings.large_type)
        self.refresh()

    def toggle_large_type(self) -> None:
        """Large type for the whole desk at once, remembered on this PC."""
        from PySide6.QtWidgets import QApplication

        from .appearance import set_large_type

        large = self.large_type_action.isChecked()
        set_large_type(QApplication.instance(), large)
        try:
            if self.session.actor is not None:
                desk_settings.update_settings(self._db, self.session.actor, large_type=large)
        except Exception:  # the switch works now even when it cannot be remembered
            log.warning("could not save the large-type setting", exc_info=True)

    # -- misc ---------------------------------------------------------------------------------------------
    def about_text(self) -> str:
        return self.tr("联络站值班台\n版本 {0}\n\n人大代表联络站离线值班登记系统\n\n"
                       "界面字体：霞鹜文楷（SIL OFL 1.1）").format(__version__)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于联络站值班台"), self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.start_screen is not None:  # closed before anyone signed in
            self.start_screen.shutdown()
            super().closeEvent(event)
            return
        if self.sync_status is not None:
            self.sync_status.stop()
        self.handover.detach()
        if self._stats_task is not None:  # the count's result has nowhere to go once the window is gone
            self._stats_task.signals.finished.disconnect()
            self._stats_task.signals.failed.disconnect()
        self.walkin.save_draft()  # nothing typed is lost, whatever closes the window
        self.idle.detach()
        for page in list(self.case_pages):
            page.close()
        super().closeEvent(event)
