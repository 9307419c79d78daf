"""The 值班表 tab: the roster calendar, built the first time the tab is shown (it brings the duty services with it,
which the start of a shift does not need)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, cast

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from .session import DeskSession

log = logging.getLogger(__name__)


class _Desk(Protocol):
    session: DeskSession


class RosterTab(QWidget):
    def __init__(self, db: Any, parent: QWidget | None = None,
                 session: Callable[[], DeskSession | None] | None = None):
        super().__init__(parent)
        self._db = db
        self._session = session  # who is at the desk (值班安排 is for staff and administrators)
        self.view: Any = None  # the RosterView once built
        self._broken = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> None:
        if self.view is not None or self._broken:
            return
        try:
            from .roster_view import RosterView

            self.view = RosterView(self._db, session=self.desk_session)
        except Exception:  # a broken extra page must not take the desk down
            log.exception("roster view unavailable")
            self._layout.addWidget(QLabel(self.tr("值班表暂时打不开，详细信息已写入日志文件。")))
            self._broken = True
            return
        self._layout.addWidget(self.view)
        self.view.show()  # a child added to a visible parent stays hidden until shown

    def desk_session(self) -> DeskSession | None:
        """Who is at the desk now: the given provider's answer, else the main window's session (read each
        time: it changes at every sign-in)."""
        if self._session is not None:
            return self._session()
        window = self.window()
        return cast(_Desk, window).session if isinstance(window, QMainWindow) else None

    def refresh(self) -> None:
        if self.view is not None:
            self.view.refresh()
