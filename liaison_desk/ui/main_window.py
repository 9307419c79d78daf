"""The desk's main window: title, training banner, figures strip, and the pages of a shift (handover, walk-in
form, case list, overdue queue, roster). Its rooms: ``window_start`` (the sign-in first, so services load only
where used), ``desk_menus``, ``desk_lock``, ``sync_menu``, ``figures``, ``queue_page``, ``roster_tab``.
Every write goes out on the session's one signal (``DeskSignals.changed``, a ``services.changes.Changes``):
the window reloads the pages it concerns (the one on screen at once); an open case page reloads itself.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .appearance import fit_to_screen
from .desk_pages import PageTabs, add_tabs
from .session import DeskSession, DeskSignals

if TYPE_CHECKING:
    from ..services.changes import Changes
    from ..services.desk.startup import StartInfo
    from .case_page import CasePage
    from .sync_menu import SyncMenu

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """``session`` carries the signed-in person; without one (tests, a read-only look) nothing can be recorded.
    ``started``: signed in on the start screen, the pages are built."""

    started = Signal()

    def __init__(self, db: Any = None, lang: str = "zh", parent: QWidget | None = None, *,
                 session: DeskSession | None = None, idle_ms: int | None = None, start: StartInfo | None = None,
                 data_dir: Path | None = None):
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self._idle_ms = idle_ms
        self.start_screen: Any = None
        self.failure_box: QMessageBox | None = None
        if db is None and start is not None:
            from .window_start import open_on_sign_in

            self._start_menus = open_on_sign_in(self, start, lang, data_dir)
        else:
            self._setup(session or DeskSession(db, lang))

    # -- the start: sign-in first (``window_start``), the rest after the PIN ------------------------------
    def signed_in_at_start(self, db: Any, signed: Any) -> None:
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
        self.stack.show()  # a central widget set on a visible window shows only later: focus needs it now
        self.tabs.setFocus()
        self.started.emit()

    def start_failed(self, text: str) -> None:
        """Said in a box that does not block; the window closes with it."""
        self.failure_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("无法打开数据库"), text,
                                       QMessageBox.StandardButton.Ok, self)
        self.failure_box.finished.connect(self.close)
        self.failure_box.open()

    @property
    def database(self) -> Any:
        """The open database (None while the start screen is still opening it)."""
        return self._db

    def _setup(self, session: DeskSession) -> None:
        from ..services.admin.setup import station_info
        from ..services.desk.settings import get_settings
        from .desk_lock import DeskLock
        from .desk_menus import DeskMenus
        from .idle_lock import IdleWatcher

        signals = session.signals or DeskSignals(self)
        self.session = replace(session, signals=signals)
        signals.changed.connect(self.on_changed)
        self.station = station_info(self._db)
        self.case_pages: list[CasePage] = []
        self._build_pages()
        minutes = get_settings(self._db).idle_minutes
        self.desk_lock = DeskLock(self, self._idle_ms if self._idle_ms is not None else
                                  IdleWatcher.minutes_to_ms(minutes))
        self.menus = DeskMenus(self)
        self._build_central()
        if self.session.signed_in:
            self.desk_lock.idle.restart()
        self._show_signed_in()
        self.refresh()
        self._stale.discard(self.cases)  # the list read its first page a moment ago, when it was built
        self.walkin.restore_draft()

    # -- construction -------------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        from .case_list_page import CaseListPage
        from .figures import FiguresStrip
        from .handover_page import HandoverPage
        from .queue_page import QueuePage
        from .roster_tab import RosterTab
        from .walkin_form import WalkInForm

        self.handover = HandoverPage(self.session)
        self.walkin = WalkInForm(self.session)
        self.cases = CaseListPage(self.session)
        self.queue = QueuePage(self._db, self._lang)
        self.figures = FiguresStrip(self._db)
        self.roster_tab = RosterTab(self._db)
        self._stale: set[Any] = set()  # pages to read again when next shown
        for signal in (self.handover.open_case, self.cases.open_case, self.queue.open_case):
            signal.connect(self.open_case)
        self.handover.print_requested.connect(self._print_handover)
        self.cases.counts_changed.connect(self._update_status_text)
        self.cases.refresh_button.clicked.connect(self.refresh)
        self.figures.ready.connect(self._figures_ready)
        self.figures.failed.connect(self.statusBar().showMessage)

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
        outer.addWidget(self.figures)

        self.tabs = PageTabs()  # each page in a scroll area: a tall page scrolls, the window stays on screen
        add_tabs(self)
        self.tabs.currentChanged.connect(self._refresh_current)
        outer.addWidget(self.tabs, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.desk_lock.cover)
        self.setCentralWidget(self.stack)
        self.user_label = QLabel()
        self.user_label.setAccessibleName(self.tr("当前值班人员"))
        self.statusBar().addPermanentWidget(self.user_label)
        self.sync: SyncMenu | None = None
        if not self.is_training:  # a training database never syncs
            from .sync_menu import SyncMenu

            self.sync = SyncMenu(self, self.menus.duty_menu, self.menus.lock_action)
        if not self.isVisible():  # at the start screen the window is already up (perhaps maximised)
            fit_to_screen(self, 1360, 860)

    # -- pages --------------------------------------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)
        if page is self.queue:
            self.queue.table.setFocus()
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
        page.finished.connect(lambda _r, p=page: self.case_pages.remove(p) if p in self.case_pages else None)
        self.case_pages.append(page)
        page.show()
        return page

    def _print_handover(self) -> None:
        from .end_shift_dialog import print_handover

        print_handover(self, self.session)

    # -- what changed -------------------------------------------------------------------------------------
    @property
    def is_training(self) -> bool:
        return bool(self.station and self.station.training)

    def _apply_station(self) -> None:
        from ..services.admin.setup import station_info

        self.station = st = station_info(self._db)
        title = self.tr("联络站值班台 — {0}").format(st.name if st else self.tr("（尚未设置）"))
        self.setWindowTitle(title + (self.tr(" 【培训库】") if self.is_training else ""))
        self.training_banner.setVisible(self.is_training)
        self.figures.cards["outbox"].setVisible(not self.is_training)  # a training database never syncs

    def refresh(self) -> None:
        """Everything (F5): the page on screen now, the other pages when they are next shown, the figures."""
        from ..services.changes import LISTS, Changes

        self.on_changed(Changes(lists=LISTS))

    def on_changed(self, changes: Changes) -> None:
        """A write (here, or applied by sync): the pages it concerns reload, the one on screen at once."""
        from ..services.changes import CASES, COUNTERS, HANDOVER, QUEUE, ROSTER, STATION

        if changes.settings:
            self.menus.apply_settings()
        if changes.concerns(STATION):
            self._apply_station()
        pages = {HANDOVER: self.handover, CASES: self.cases, QUEUE: self.queue}
        self._stale |= {page for name, page in pages.items() if changes.concerns(name)}
        self._refresh_current()
        if changes.concerns(ROSTER):
            self.roster_tab.refresh()
        if changes.concerns(COUNTERS, CASES, QUEUE) or changes.settings:
            self.figures.count()

    def _refresh_current(self, *_args: object) -> None:
        page: Any = self.tabs.currentWidget()  # each page has refresh()
        if page is self.roster_tab:
            self.roster_tab.build()
        if page in self._stale:
            self._stale.discard(page)
            page.refresh()

    def _figures_ready(self, stats: dict[str, Any], badge: Any) -> None:
        from .figures import show_status_counts

        self.queue.show_badge(self.tabs, badge)
        show_status_counts(self.cases.filter_combo, stats, self._lang)

    def _update_status_text(self) -> None:
        self.statusBar().showMessage(self.cases.status_text())  # "" clears it

    def _show_signed_in(self) -> None:
        from ..services.desk.startup import role_label

        actor = self.session.actor
        if actor is None:
            self.user_label.setText(self.tr("未签到"))
        else:
            self.user_label.setText(self.tr("值班：{0}（{1}）").format(actor.name, role_label(actor.role, self._lang)))
        self.menus.signed_in(actor is not None)

    def set_session(self, session: DeskSession) -> None:
        self.session = session
        for page in (self.handover, self.walkin, self.cases):
            page.session = session
        self.walkin.set_session(session)
        from .station_work_tab import station_work_signed_in
        station_work_signed_in(self)  # the 站务 tab follows the new role
        self._show_signed_in()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.start_screen is not None:  # closed before anyone signed in
            self.start_screen.shutdown()
            super().closeEvent(event)
            return
        if not self.desk_lock.may_close(event):  # a shift open and the close button: asked first
            return
        if self.sync is not None:
            self.sync.stop()
        self.handover.detach()
        self.figures.detach()
        self.walkin.save_draft()  # nothing typed is lost, whatever closes the window
        self.desk_lock.idle.detach()
        for page in list(self.case_pages):
            page.close()
        super().closeEvent(event)
