"""The 值班表 tab: the roster calendar, built the first time the tab is shown (it brings the duty services with it,
which the start of a shift does not need)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class RosterTab(QWidget):
    def __init__(self, db: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self.view: Any = None  # the RosterView once built
        self._broken = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> None:
        if self.view is not None or self._broken:
            return
        try:
            from .roster_view import RosterView

            self.view = RosterView(self._db)
        except Exception:  # a broken extra page must not take the desk down
            log.exception("roster view unavailable")
            self._layout.addWidget(QLabel(self.tr("值班表暂时打不开，详细信息已写入日志文件。")))
            self._broken = True
            return
        self._layout.addWidget(self.view)
        self.view.show()  # a child added to a visible parent stays hidden until shown

    def refresh(self) -> None:
        if self.view is not None:
            self.view.refresh()
