"""今日交接: what the previous shift left open, what is overdue or due, who was promised a call-back.

The same page shows the end-of-shift summary (new visits, actions taken, what is due before the next duty
day) with a print button: it is one service summary read at a different moment.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocab import SHIFT_SLOTS, label
from ..services.desk.handover import handover_summary
from . import workers
from .brief_model import B_DEADLINE, B_NUMBER, B_OVERDUE, B_STATUS, B_SUMMARY, B_URGENCY, CaseBriefModel
from .case_table_model import CASE_ID_ROLE
from .column_fit import keep_fitted, share_width
from .forms import friendly, make_table
from .session import DeskSession

log = logging.getLogger(__name__)

_KEEP_WHOLE = (B_NUMBER, B_DEADLINE, B_OVERDUE)  # these give way last when width is short


class Section(QWidget):
    """A heading with a count, over a short table of cases."""

    def __init__(self, title: str, empty_text: str, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._title = title
        self._empty_text = empty_text
        self.heading = QLabel(title)
        self.heading.setObjectName("sectionHeading")
        self.model = CaseBriefModel(lang=lang, parent=self)
        self.table = make_table(self.model, title, self)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 3 + 8)
        for col in (B_URGENCY, B_STATUS):  # room for the summary; the case page has the rest
            self.table.setColumnHidden(col, True)
        keep_fitted(self.table, B_SUMMARY, _KEEP_WHOLE)
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("sectionEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)

    def set_rows(self, rows: Any, total: int) -> None:
        self.model.set_rows(rows)
        share_width(self.table, B_SUMMARY, _KEEP_WHOLE)
        shown = len(rows)
        count = f"{total}" if total <= shown else self.tr("{0}（显示前 {1} 件）").format(total, shown)
        self.heading.setText(self.tr("{0}：{1} 件").format(self._title, count))
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)


class HandoverPage(QWidget):
    """``open_case(case_id)`` when a row is activated (Enter or double-click)."""

    open_case = Signal(object)
    print_requested = Signal()
    loaded = Signal()  # the summary arrived and is on screen (or its error is)

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._lang = session.lang
        self.summary = None
        self._task: workers.Task | None = None
        self._again = False
        self._build()

    def _build(self) -> None:
        self.title = QLabel(self.tr("今日交接"))
        self.title.setObjectName("dialogHeading")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAccessibleName(self.tr("值班情况"))
        self.note = QLabel()
        self.note.setObjectName("handoverNote")
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("上一班留言"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setVisible(False)
        self.busy = QLabel(self.tr("正在读取交接内容……"))
        self.busy.setAccessibleName(self.tr("正在读取"))
        self.busy.setVisible(False)
        self.refresh_button = QPushButton(self.tr("刷新(&E)"))
        self.refresh_button.setAccessibleName(self.tr("刷新交接内容"))
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button = QPushButton(self.tr("打印交接单(&J)"))
        self.print_button.setAccessibleName(self.tr("打印交接单"))
        self.print_button.clicked.connect(self.print_requested)

        self.sections = {
            "overdue": Section(self.tr("已超期"), self.tr("没有超期的案件。"), self._lang),
            "due_soon": Section(self.tr("下个值班日前到期"), self.tr("近期没有到期的案件。"), self._lang),
            "left_open": Section(self.tr("上一班留下的在办案件"), self.tr("上一班没有留下在办案件。"), self._lang),
            "callbacks": Section(self.tr("约定回电"), self.tr("没有约定要回电的群众。"), self._lang),
        }
        for section in self.sections.values():
            section.table.activated.connect(self._activated)
        self.visits = QListWidget()
        self.visits.setAccessibleName(self.tr("本班来访"))
        self.action_list = QListWidget()  # not ``actions``: that is QWidget.actions()
        self.action_list.setAccessibleName(self.tr("本班办理"))
        self.visits_heading = QLabel(self.tr("本班来访"))
        self.visits_heading.setObjectName("sectionHeading")
        self.actions_heading = QLabel(self.tr("本班办理"))
        self.actions_heading.setObjectName("sectionHeading")

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        shift = QVBoxLayout()
        shift.addWidget(self.visits_heading)
        shift.addWidget(self.visits)
        shift2 = QVBoxLayout()
        shift2.addWidget(self.actions_heading)
        shift2.addWidget(self.action_list)
        self._shift_boxes = (QWidget(), QWidget())
        for box, column in zip(self._shift_boxes, (shift, shift2), strict=True):
            column.setContentsMargins(0, 0, 0, 0)
            box.setLayout(column)
        self._columns = 0
        self._arrange(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addLayout(top)
        outer.addWidget(self.info)
        outer.addWidget(self.note)
        outer.addWidget(self.error)
        outer.addWidget(self.busy)
        outer.addLayout(self.grid, 1)

    def _arrange(self, columns: int) -> None:
        """The sections side by side (two columns) on a wide screen; one under another on a 1366 px screen or
        in large type, where half the width would leave the summaries two characters."""
        if columns == self._columns:
            return
        self._columns = columns
        parts = [*self.sections.values(), *self._shift_boxes]
        for part in parts:
            self.grid.removeWidget(part)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        for i, part in enumerate(parts):
            row, col = divmod(i, columns)
            self.grid.addWidget(part, row, col)
            self.grid.setRowStretch(row, 3 if i < len(self.sections) else 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        em = self.fontMetrics().horizontalAdvance("汉")
        self._arrange(2 if event.size().width() >= em * 84 else 1)

    def _activated(self, index) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.open_case.emit(uuid.UUID(case_id))

    def set_session(self, session: DeskSession) -> None:
        self.session = session

    def refresh(self) -> None:
        """Read the summary on a pool thread (it scans the open cases); the page says it is reading."""
        if self._task is not None:
            self._again = True
            return
        self._again = False
        self.busy.setVisible(True)
        self._task = workers.Task(handover_summary, self.session.db, shift_id=self.session.shift_id)
        self._task.signals.finished.connect(self._done)
        self._task.signals.failed.connect(self._failed)
        workers.start(self._task)

    def is_loading(self) -> bool:
        return self._task is not None

    def _done(self, summary: Any) -> None:
        self._task = None
        self.busy.setVisible(False)
        self.error.setVisible(False)
        self.summary = summary
        self._show(summary)
        self.loaded.emit()
        if self._again:
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.busy.setVisible(False)
        log.warning("handover summary failed: %r", exc)  # the worker logged the traceback
        self.error.setText(friendly(exc, self._lang))
        self.error.setVisible(True)
        self.loaded.emit()

    def detach(self) -> None:
        """The window is closing: a summary still being read has nowhere to go."""
        if self._task is not None:
            self._task.signals.finished.disconnect()
            self._task.signals.failed.disconnect()
            self._task = None

    def _shift_text(self, shift: Any) -> str:
        slot = label(SHIFT_SLOTS, shift.slot, self._lang)
        since = shift.signed_in_at.strftime("%H:%M") if shift.signed_in_at else "—"
        until = shift.signed_out_at.strftime("%H:%M") if shift.signed_out_at else self.tr("未签退")
        return self.tr("{0} {1} {2}（{3}–{4}）").format(shift.date.isoformat(), slot, shift.deputy_name, since, until)

    def _show(self, s: Any) -> None:
        parts = [self.tr("今天：{0}　下个值班日：{1}").format(s.today.isoformat(), s.next_duty_day.isoformat())]
        if s.shift is not None:
            parts.append(self.tr("本班：{0}").format(self._shift_text(s.shift)))
        if s.previous_shift is not None:
            parts.append(self.tr("上一班：{0}").format(self._shift_text(s.previous_shift)))
        self.info.setText("\n".join(parts))
        note = s.previous_shift.handover_note if s.previous_shift else ""
        self.note.setText(self.tr("上一班留言：{0}").format(note) if note else "")
        self.note.setVisible(bool(note))
        self.sections["overdue"].set_rows(s.overdue, s.overdue_total)
        self.sections["due_soon"].set_rows(s.due_soon, s.due_soon_total)
        self.sections["left_open"].set_rows(s.left_open, s.left_open_total)
        self.sections["callbacks"].set_rows(s.callbacks, s.callbacks_total)
        self.visits_heading.setText(self.tr("本班来访：{0} 批，新登记案件 {1} 件").format(
            s.new_visits_total, s.new_cases_total))
        self.visits.clear()
        for v in s.new_visits:
            case = f"  {v.case_number} {v.case_summary or ''}" if v.case_number else ""
            self.visits.addItem(f"{v.occurred_at.strftime('%H:%M')}  {v.visitor_names}  {v.village or ''}{case}")
        self.actions_heading.setText(self.tr("本班办理：{0} 项").format(s.actions_total))
        self.action_list.clear()
        for a in s.actions:
            verb = a.label_en if self._lang == "en" else a.label_zh
            self.action_list.addItem(f"{a.occurred_at.strftime('%H:%M')}  {a.case_number}  {verb}  {a.actor_name}")

    def counts(self) -> dict[str, int]:
        s = self.summary
        if s is None:
            return {}
        return {"overdue": s.overdue_total, "due_soon": s.due_soon_total, "callbacks": s.callbacks_total,
                "left_open": s.left_open_total}

