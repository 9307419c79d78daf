"""The 站务 tab: the station's work beyond walk-ins (deputy activities, the deputy list, and what other helpers
register), one section each. Built the first time the tab is shown: the start of a shift loads none of it.

**Adding a section is one line in ``SECTIONS``**::

    Section(str(QT_TRANSLATE_NOOP("StationWorkTab", "值班安排")), lazy("roster_plan_page", "RosterPlanPage"), STAFF_ROLES),

``lazy(module, cls)`` imports ``liaison_desk.ui.<module>`` only when the section is first shown and calls
``cls(session)``; any ``Callable[[DeskSession], QWidget]`` works as the factory. ``roles``: who sees it.
A section widget may have ``refresh()`` (called when it is shown again after a write elsewhere).

Who sees what: staff and administrators see every section for their role; a duty deputy sees only 活动登记
(recording what the deputies did is every desk role's job, ``record_activity`` allows it; correcting or
withdrawing an entry, the deputy list and accounts are for staff). Nobody signed in: the tab is hidden.
When another person signs in (after the idle lock) the sections are built again for them.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ..domain.workflow import Role
from .session import DeskSession

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

ALL_DESK_ROLES = frozenset({Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN})
STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN})
ADMIN_ROLES = frozenset({Role.ADMIN})

Factory = Callable[[DeskSession], QWidget]


@dataclass(frozen=True)
class Section:
    title: str  # the Chinese source, given as str(QT_TRANSLATE_NOOP("StationWorkTab", "…")); translated when shown
    factory: Factory
    roles: frozenset[Role] = STAFF_ROLES


def lazy(module: str, cls: str) -> Factory:
    """A factory that imports ``liaison_desk.ui.<module>`` at the first use and calls ``<cls>(session)``."""

    def make(session: DeskSession) -> QWidget:
        widget: QWidget = getattr(importlib.import_module(f".{module}", __package__), cls)(session)
        return widget

    return make


SECTIONS: list[Section] = [
    Section(str(QT_TRANSLATE_NOOP("StationWorkTab", "活动登记")), lazy("activities_page", "ActivitiesPage"),
            ALL_DESK_ROLES),
    Section(str(QT_TRANSLATE_NOOP("StationWorkTab", "代表名单")), lazy("deputies_page", "DeputiesPage"), STAFF_ROLES),
    Section(str(QT_TRANSLATE_NOOP("StationWorkTab", "基础资料")), lazy("reference_page", "ReferencePage"), STAFF_ROLES),
]


def add_section(title: str, factory: Factory, roles: frozenset[Role] = STAFF_ROLES) -> None:
    """The same as a line in ``SECTIONS``, for a module that registers its own section."""
    SECTIONS.append(Section(title, factory, roles))


def sections_for(role: Role | None) -> list[Section]:
    return [s for s in SECTIONS if role is not None and role in s.roles]


class StationWorkTab(QWidget):
    """The tab's page: a QTabWidget of the sections the signed-in role sees, each built when first shown."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.sections: QTabWidget | None = None
        self._built: dict[int, QWidget] = {}  # section index → its widget, once built
        self._stale: set[int] = set()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def visible_sections(self) -> list[Section]:
        return sections_for(self.session.role)

    def build(self) -> None:
        """Build the section bar (once per signed-in person) and the current section."""
        if self.sections is None:
            self.sections = QTabWidget()
            self.sections.setDocumentMode(True)
            self.sections.setAccessibleName(self.tr("站务"))
            for section in self.visible_sections:
                holder = QWidget()
                QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
                self.sections.addTab(holder, QCoreApplication.translate("StationWorkTab", section.title))
            self.sections.currentChanged.connect(self._show_section)
            self._layout.addWidget(self.sections)
            self.sections.show()
        self._show_section(self.sections.currentIndex())

    def section(self, title: str) -> QWidget | None:
        """The built widget of the section titled ``title`` (its Chinese source), building it when needed."""
        self.build()
        assert self.sections is not None
        for i, s in enumerate(self.visible_sections):
            if s.title == title:
                self.sections.setCurrentIndex(i)
                self._show_section(i)
                return self._built.get(i)
        return None

    def _show_section(self, index: int) -> None:
        if self.sections is None or index < 0:
            return
        if index in self._built:
            if index in self._stale:
                self._stale.discard(index)
                _refresh(self._built[index])
            return
        holder = self.sections.widget(index)
        assert holder is not None
        section = self.visible_sections[index]
        try:
            widget = section.factory(self.session)
        except Exception:  # a broken section must not take the desk down
            log.exception("station work section %s unavailable", section.title)
            widget = QLabel(self.tr("这一页暂时打不开，详细信息已写入日志文件。"))
            widget.setWordWrap(True)
        self._built[index] = widget
        layout = holder.layout()
        assert layout is not None
        layout.addWidget(widget)
        widget.show()

    def on_changed(self, changes: Any) -> None:
        """The desk's one signal (a ``services.changes.Changes``): the deputy list or the roster changed
        (here, or by sync) — the sections read again."""
        if changes.concerns("lookups", "roster"):
            self.refresh()

    def refresh(self) -> None:
        """Something changed elsewhere: the section on screen reloads now, the others when next shown."""
        if self.sections is None:
            return
        current = self.sections.currentIndex() if self.isVisible() else -1
        self._stale |= set(self._built) - {current}
        if current in self._built:
            _refresh(self._built[current])

    def set_session(self, session: DeskSession) -> None:
        """Another person signed in (or out): their sections, built afresh when next shown."""
        same = session.actor == self.session.actor
        self.session = session
        if same:
            return
        if self.sections is not None:
            self.sections.hide()
            self.sections.deleteLater()
            self.sections = None
        self._built.clear()
        self._stale.clear()
        if self.isVisible():
            self.build()


@runtime_checkable
class Refreshable(Protocol):
    """A section that reads its data again when asked (a page; a placeholder label is not one)."""

    def refresh(self) -> None: ...


def _refresh(widget: QWidget) -> None:
    if isinstance(widget, Refreshable):
        widget.refresh()


# -- the main window's hooks (one line each in desk_pages.add_tabs and MainWindow.set_session) ----------------

def add_station_work(window: MainWindow) -> StationWorkTab:
    """Put the 站务 tab on ``window.tabs``: shown for the roles that have a section, built when first shown."""
    tab = StationWorkTab(window.session)
    tab.setObjectName("stationWorkTab")
    window.tabs.addTab(tab, QCoreApplication.translate("MainWindow", "站务"))
    window.tabs.currentChanged.connect(lambda _i: tab.build() if window.tabs.currentWidget() is tab else None)
    signals = window.session.signals
    if signals is not None:
        signals.changed.connect(tab.on_changed)
    _show_for_role(window, tab)
    return tab


def station_work_signed_in(window: MainWindow) -> None:
    """``window.session`` changed (sign-in after the lock, sign-out): the tab follows the new role."""
    tab = window.tabs.findChild(StationWorkTab, "stationWorkTab")
    if tab is None:
        return
    tab.set_session(window.session)
    _show_for_role(window, tab)


def _show_for_role(window: MainWindow, tab: StationWorkTab) -> None:
    index = window.tabs.indexOf(tab)
    visible = bool(tab.visible_sections)
    if not visible and window.tabs.currentIndex() == index:
        window.tabs.setCurrentIndex(0)
    window.tabs.setTabVisible(index, visible)
