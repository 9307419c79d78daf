"""The main window's tabs, in order: one place that says which pages a shift has and how each is put on a tab.
Pages that bring services the start of a shift does not need are built the first time they are shown.

Each page sits in a scroll area (``PageTabs``), so a page taller than a 1366×768 screen scrolls instead of
pushing the window off screen; the tabs still answer with the page itself (``currentWidget``, ``indexOf``,
``setCurrentWidget``), so code that looks pages up never sees the scroll area."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from .station_work_tab import add_station_work

if TYPE_CHECKING:
    from .main_window import MainWindow


class PageHolder(QScrollArea):
    """A page in its scroll area: as wide and tall as the tab when it fits, scrolled when it does not.

    Not ``widgetResizable``: for a page with wrapping text QScrollArea takes the page's *preferred* height as
    its minimum, so a page scrolled while its lists could still have given up rows. Here the page gets the
    tab's size, or its minimum (its wrapped text counted whole) when that is larger."""

    def __init__(self, page: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(page)
        self.setFocusProxy(page)
        self.viewport().setAutoFillBackground(False)
        page.setAutoFillBackground(False)
        page.installEventFilter(self)
        self._sizing = False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def least_height(self, width: int) -> int:
        """The page's minimum height at ``width``: its layout's minimum, plus what its wrapped labels need
        beyond one line (tables and lists give up rows, text does not)."""
        page = self.page()
        least = page.minimumSizeHint().expandedTo(page.minimumSize()).height()
        for label in page.findChildren(QLabel):
            if label.wordWrap() and label.isVisibleTo(page) and not _scrolled(label, page):
                width_now = label.width() if label.width() > 10 else width
                least += max(0, label.heightForWidth(width_now) - label.minimumSizeHint().height())
        return least

    def fit_page(self) -> None:
        if self._sizing:
            return
        self._sizing = True
        try:
            page = self.page()
            room = self.maximumViewportSize()  # the viewport without scroll bars
            width = max(room.width(), page.minimumSizeHint().width())
            height = max(room.height(), self.least_height(width))
            if height > room.height():  # a vertical scroll bar takes its width
                width = max(room.width() - self.verticalScrollBar().sizeHint().width(),
                            page.minimumSizeHint().width())
                height = max(room.height(), self.least_height(width))
            if page.size() != QSize(width, height):
                page.resize(width, height)
        finally:
            self._sizing = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_page()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # asked to take the page's new size now (forms.reveal)
            self.fit_page()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            QTimer.singleShot(0, self, self.fit_page)  # after the page took its new content (not once gone)
        return False

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The field with the cursor is scrolled into sight, however it got there (Tab, a shortcut, an error
        that put the cursor on the field to fix)."""
        page = self.widget()
        if new is not None and page is not None and self.isVisible() and page.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)

    def page(self) -> QWidget:
        page = self.widget()
        assert page is not None  # set in __init__, never taken
        return page


def _scrolled(widget: QWidget, page: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


class PageTabs(QTabWidget):
    """The main window's tab widget: every page added (``addTab``, ``insertTab``, ``add_page``) goes in its
    scroll area, and is found by the page itself."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)  # many tabs in large type: arrows, not a wider window
        self.setElideMode(Qt.TextElideMode.ElideNone)

    def add_page(self, page: QWidget, title: str) -> int:
        return self.addTab(page, title)

    def addTab(self, page: QWidget, *args: Any) -> int:
        return super().addTab(page if isinstance(page, PageHolder) else PageHolder(page), *args)

    def insertTab(self, index: int, page: QWidget, *args: Any) -> int:
        return super().insertTab(index, page if isinstance(page, PageHolder) else PageHolder(page), *args)

    def holder(self, index: int) -> QWidget | None:
        """The tab's own widget (the scroll area)."""
        return super().widget(index)

    def widget(self, index: int) -> QWidget | None:
        held = super().widget(index)
        return held.page() if isinstance(held, PageHolder) else held

    def currentWidget(self) -> QWidget | None:  # type: ignore[override]
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:
        for i in range(self.count()):
            if page is self.holder(i) or page is self.widget(i):
                return i
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)


def add_tab(window: MainWindow, page: QWidget, title: str) -> None:
    window.tabs.addTab(page, title)


def add_tabs(window: MainWindow) -> None:
    w = window
    add_tab(w, w.handover, QCoreApplication.translate("MainWindow", "今日交接"))
    add_tab(w, w.walkin, QCoreApplication.translate("MainWindow", "来访登记"))
    add_tab(w, w.cases, QCoreApplication.translate("MainWindow", "案件列表"))
    add_tab(w, w.queue, QCoreApplication.translate("MainWindow", "超期提醒"))
    from .callbacks_page import callbacks_tab  # 回访回电: read when first shown
    add_tab(w, callbacks_tab(w), QCoreApplication.translate("MainWindow", "回访回电"))
    add_tab(w, w.roster_tab, QCoreApplication.translate("MainWindow", "值班表"))
    from .stats_page import StatsPage  # 统计: read when first shown
    stats = StatsPage(w.session)
    stats.open_case.connect(w.open_case)
    add_tab(w, stats, QCoreApplication.translate("MainWindow", "统计"))
    add_station_work(w)  # 站务: shown by role, built when first shown
