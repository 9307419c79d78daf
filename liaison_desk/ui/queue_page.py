"""超期提醒: the overdue and due-soon cases, the longest overdue first; Enter or a double click opens one."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ..services.cases.listing import UrgencyCounts, desk_queue
from .brief_model import B_DEADLINE, B_NUMBER, B_OVERDUE, B_SUMMARY, CaseBriefModel
from .case_table_model import CASE_ID_ROLE
from .column_fit import keep_fitted, share_width
from .forms import make_table

_KEEP_WHOLE = (B_NUMBER, B_DEADLINE, B_OVERDUE)  # these give way last when width is short


class QueuePage(QWidget):
    """``open_case(case_id)`` when a row is activated."""

    open_case = Signal(object)

    def __init__(self, db: Any, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self.model = CaseBriefModel(lang=lang, parent=self)
        self.table = make_table(self.model, self.tr("超期和即将到期的案件"))
        keep_fitted(self.table, B_SUMMARY, _KEEP_WHOLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._activated)

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.open_case.emit(uuid.UUID(index.data(CASE_ID_ROLE)))

    def refresh(self) -> None:
        queue = desk_queue(self._db)
        self.model.set_rows(queue.rows)
        share_width(self.table, B_SUMMARY, _KEEP_WHOLE)
        self.label.setText(self.tr("已超期 {0} 件，几天内到期 {1} 件。超期最久、最紧急的排在最前面；"
                                   "按回车或双击打开案件。").format(queue.overdue_total, queue.due_soon_total))

    def show_badge(self, tabs: QTabWidget, counts: UrgencyCounts) -> None:
        """The tab's title carries the count; red when something is overdue."""
        index = tabs.indexOf(self)
        badge = counts.overdue + counts.due_soon
        tabs.setTabText(index, self.tr("超期提醒（{0}）").format(badge) if badge else self.tr("超期提醒"))
        tabs.tabBar().setTabTextColor(index, Qt.GlobalColor.darkRed if counts.overdue else
                                      tabs.tabBar().palette().windowText().color())
