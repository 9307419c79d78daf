"""The month's duty roster as a calendar (值班日历): who is planned on each slot and whether they came.

Embedding it (the main window does this; nothing else is needed)::

    from liaison_desk.ui.roster_view import RosterView

    view = RosterView(db, parent=some_widget)   # db: the open station Database
    layout.addWidget(view)                       # opens on the current month
    view.show_month(2026, 12)                    # or let the user page with 上月 / 本月 / 下月
    view.refresh()                               # after a sign-in, a swap or a new roster elsewhere
    view.dayActivated.connect(on_day)            # double-click / Enter on a day: a datetime.date

It only calls services (``services.roster.roster_month``); a ``DomainError`` is shown in the widget's own
message line, never as a traceback.

值班安排: given ``session=`` (a ``DeskSession``, or a callable returning the current one), staff and
administrators get 生成排班 / 调班 / 替班 / 请假 as buttons above the calendar and as its context menu; the
dialogs are in ``roster_dialogs``. Each write is published on the session's signals (``Changes`` of the roster).
Every day says what it is in words (休息, 节假日：春节, 调休上班, 未排班), not only by its grey, and the table
has an accessible name (issue 20).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..domain.workflow import Role
from ..services.changes import Changes
from ..services.context import Actor
from ..services.duty.record import PlanVsActual
from ..services.duty.roster import PlannedSlot, RosterMonth, duty_deputies, planned_slots, roster_month
from .flow_layout import FlowLayout
from .session import DeskSession

DATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's datetime.date (None outside the month)
ENTRIES_ROLE = Qt.ItemDataRole.UserRole + 2  # the cell's tuple of PlanVsActual
_ROOT = QModelIndex()
log = logging.getLogger(__name__)

# A mark after each name, so the state reads without colour too (colour-blind users, black-and-white prints).
MARKS = {"done": "✓", "on_duty": "●", "missed": "✗", "upcoming": "", "unplanned": "＋"}
COLOURS = {"missed": QColor("#f6d5d3"), "on_duty": QColor("#fff3c4"), "done": QColor("#dcefdc"),
           "unplanned": QColor("#dde8f6")}
OFF_DAY = QColor("#eeeeee")


def weekday_names() -> list[str]:
    return [QCoreApplication.translate("RosterView", "周一"), QCoreApplication.translate("RosterView", "周二"), QCoreApplication.translate("RosterView", "周三"), QCoreApplication.translate("RosterView", "周四"), QCoreApplication.translate("RosterView", "周五"), QCoreApplication.translate("RosterView", "周六"), QCoreApplication.translate("RosterView", "周日")]


def slot_name(slot: str) -> str:
    return {"am": QCoreApplication.translate("RosterView", "上午"), "pm": QCoreApplication.translate("RosterView", "下午"), "full": QCoreApplication.translate("RosterView", "全天")}.get(slot, slot)


def status_name(status: str) -> str:
    return {"done": QCoreApplication.translate("RosterView", "已到岗"), "on_duty": QCoreApplication.translate("RosterView", "在岗"), "missed": QCoreApplication.translate("RosterView", "缺勤"), "upcoming": QCoreApplication.translate("RosterView", "待值班"),
            "unplanned": QCoreApplication.translate("RosterView", "计划外到岗")}.get(status, status)


class RosterMonthModel(QAbstractTableModel):
    """Weeks × weekdays of one month; each cell is a day with its slots (read-only)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._month: RosterMonth | None = None
        self._cells: list[list[dt.date | None]] = []

    def set_month(self, month: RosterMonth | None) -> None:
        self.beginResetModel()
        self._month = month
        self._cells = []
        if month is not None:
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
                self._cells.append([d if d.month == month.month else None for d in week])
        self.endResetModel()

    @property
    def month(self) -> RosterMonth | None:
        return self._month

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 7

    def date_at(self, index: QModelIndex | QPersistentModelIndex) -> dt.date | None:
        if not index.isValid() or index.row() >= len(self._cells) or index.column() >= 7:
            return None
        return self._cells[index.row()][index.column()]

    def entries(self, day: dt.date | None) -> tuple[PlanVsActual, ...]:
        if day is None or self._month is None:
            return ()
        return self._month.days.get(day, ())

    def index_of(self, day: dt.date) -> QModelIndex:
        for r, week in enumerate(self._cells):
            if day in week:
                return self.index(r, week.index(day))
        return QModelIndex()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        day = self.date_at(index)
        if day is None:
            return None
        entries = self.entries(day)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [str(day.day)]
            note = self.day_note(day)
            if note:
                lines.append(note)
            lines += [f"{slot_name(e.slot)} {e.deputy_name}{self._source(e)}{MARKS.get(e.status, '')}" for e in entries]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.day_note(day)] if self.day_note(day) else []
            lines += [self._tooltip_line(e) for e in entries]
            return "\n".join(lines) if lines else QCoreApplication.translate("RosterView", "无值班安排")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            head = QCoreApplication.translate("RosterView", "{0}月{1}日 {2}").format(
                day.month, day.day, weekday_names()[day.weekday()])
            lines = [self.day_note(day)] if self.day_note(day) else []
            lines += [self._tooltip_line(e) for e in entries]
            return head + "：" + "；".join(lines) if lines else head
        if role == Qt.ItemDataRole.BackgroundRole:
            states = {e.status for e in entries}
            for status in ("missed", "on_duty", "unplanned", "done"):
                if status in states:
                    return COLOURS[status]
            open_day = self._month is not None and day in self._month.reception_days
            return None if entries or open_day else OFF_DAY
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == DATE_ROLE:
            return day
        if role == ENTRIES_ROLE:
            return entries
        return None

    def day_note(self, day: dt.date) -> str:
        """What kind of day it is, in words (the grey colour alone said it to nobody who cannot see it):
        节假日：春节 / 调休上班 / 休息 (not a reception day) / 未排班 (a reception day nobody is planned on)."""
        month = self._month
        if month is None:
            return ""
        if day in month.holidays:
            return QCoreApplication.translate("RosterView", "节假日：{0}").format(month.holidays[day])
        if day in month.makeup_days:
            return QCoreApplication.translate("RosterView", "调休上班")
        if day not in month.reception_days:
            return QCoreApplication.translate("RosterView", "休息")
        if not any(e.planned for e in self.entries(day)):
            return QCoreApplication.translate("RosterView", "未排班")
        return ""

    @staticmethod
    def _tooltip_line(e: PlanVsActual) -> str:
        line = f"{slot_name(e.slot)} {e.deputy_name}：{status_name(e.status)}"
        if e.signed_in_at:
            line += f"（{e.signed_in_at:%H:%M}–{e.signed_out_at:%H:%M}）" if e.signed_out_at else \
                f"（{e.signed_in_at:%H:%M}–）"
        return line + RosterMonthModel._source(e)

    @staticmethod
    def _source(e: PlanVsActual) -> str:
        if e.source == "substitution":
            return QCoreApplication.translate("RosterView", "［替班］")
        if e.source == "swap":
            return QCoreApplication.translate("RosterView", "［换班］")
        return ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            return weekday_names()[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._cells):
            return QCoreApplication.translate("RosterView", "第{0}周").format(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self.date_at(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RosterView(QWidget):
    """The calendar widget: a month header with paging buttons, the calendar, a legend and a message line."""

    monthChanged = Signal(int, int)
    dayActivated = Signal(object)  # datetime.date

    def __init__(self, db, parent=None, *, today: dt.date | None = None,
                 session: DeskSession | Callable[[], DeskSession | None] | None = None):
        super().__init__(parent)
        self._db = db
        self._session = session  # who is at the desk (a callable: the window's session, which changes)
        self._today = today or local_today()
        self.dialog: QDialog | None = None  # the 值班安排 dialog open now
        self._year, self._month = self._today.year, self._today.month
        self.model = RosterMonthModel(self)
        self.prev_button = QPushButton(QCoreApplication.translate("RosterView", "上月"))
        self.today_button = QPushButton(QCoreApplication.translate("RosterView", "本月"))
        self.next_button = QPushButton(QCoreApplication.translate("RosterView", "下月"))
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAccessibleDescription(QCoreApplication.translate(
            "RosterView", "每格一天：日期、休息或节假日、各班次的值班代表和到岗情况。方向键换日期，回车打开这一天。"))
        self.legend = QLabel(self._legend(0))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e")
        self.message.hide()
        top = QHBoxLayout()
        top.addWidget(self.prev_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.today_button)
        top.addWidget(self.next_button)
        # 值班安排 (staff and administrators): the same four actions as the calendar's context menu, on the
        # month's own row (a row of their own cost the calendar its last lines in large type)
        self.manage_bar = QWidget()
        manage = FlowLayout(self.manage_bar, spacing=6)  # wraps rather than widen the window (English, large type)
        self.generate_button = QPushButton(QCoreApplication.translate("RosterView", "生成排班…"))
        self.swap_button = QPushButton(QCoreApplication.translate("RosterView", "调班…"))
        self.substitute_button = QPushButton(QCoreApplication.translate("RosterView", "替班…"))
        self.leave_button = QPushButton(QCoreApplication.translate("RosterView", "请假…"))
        for b in (self.generate_button, self.swap_button, self.substitute_button, self.leave_button):
            b.setAutoDefault(False)
            manage.addWidget(b)
        self.generate_button.clicked.connect(lambda: self.open_generate())
        self.swap_button.clicked.connect(lambda: self.open_swap())
        self.substitute_button.clicked.connect(lambda: self.open_substitute())
        self.leave_button.clicked.connect(lambda: self.open_leave())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        top.insertWidget(1, self.manage_bar)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.message)
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.today_button.clicked.connect(lambda: self.show_month(self._today.year, self._today.month))
        self.table.activated.connect(self._on_activated)
        self.show_month(self._year, self._month)

    @property
    def year(self) -> int:
        return self._year

    @property
    def month(self) -> int:
        return self._month

    def show_month(self, year: int, month: int) -> None:
        self._year, self._month = year, month
        self.refresh()
        self.monthChanged.emit(year, month)

    def refresh(self) -> None:
        """Reload the month from the database (plan, swaps, sign-ins)."""
        self.manage_bar.setVisible(self.can_manage())
        self.title.setText(QCoreApplication.translate("RosterView", "{0}年{1}月 值班安排").format(self._year, self._month))
        self.table.setAccessibleName(QCoreApplication.translate("RosterView", "{0}年{1}月值班日历").format(
            self._year, self._month))
        try:
            data = roster_month(self._db, self._year, self._month, today=self._today)
        except DomainError as exc:
            self.model.set_month(None)
            self.message.setText(exc.message)
            self.message.show()
            return
        self.message.hide()
        self.model.set_month(data)
        self._fit_rows()
        missed = sum(1 for es in data.days.values() for e in es if e.status == "missed")
        if data.fixed:
            self.legend.setText(QCoreApplication.translate("RosterView", "固定在站：{0}").format("、".join(data.fixed)) + "　" + self._legend(missed))
        else:
            self.legend.setText(self._legend(missed))

    def _fit_rows(self) -> None:
        """Weeks share the height, but never below what their fullest day needs: in large type on a 768 px
        screen the calendar scrolls instead of cutting the afternoon's deputy off (the last line was elided)."""
        m = self.model
        lines = max((len(str(m.data(m.index(r, c)) or "").splitlines()) for r in range(m.rowCount())
                     for c in range(m.columnCount())), default=1)
        need = self.table.fontMetrics().lineSpacing() * max(lines, 2) + 10
        self.table.verticalHeader().setMinimumSectionSize(need)

    @staticmethod
    def _legend(missed: int) -> str:
        text = QCoreApplication.translate("RosterView", "✓ 已到岗　● 在岗　✗ 缺勤　＋ 计划外到岗　［换班］［替班］")
        return text + ("　" + QCoreApplication.translate("RosterView", "本月缺勤 {0} 班").format(missed) if missed else "")

    # -- 值班安排 ------------------------------------------------------------------------------------------

    def session(self) -> DeskSession | None:
        return self._session() if callable(self._session) else self._session

    def can_manage(self) -> bool:
        session = self.session()
        return session is not None and session.role in (Role.STAFF, Role.ADMIN)

    def selected_day(self) -> dt.date | None:
        return self.model.date_at(self.table.currentIndex())

    def _actor(self) -> Actor | None:
        session = self.session()
        return session.actor if session is not None and self.can_manage() else None

    def _lang(self) -> str:
        session = self.session()
        return session.lang if session is not None else "zh"

    def _month_bounds(self) -> tuple[dt.date, dt.date]:
        first = dt.date(self._year, self._month, 1)
        return first, dt.date(self._year, self._month, calendar.monthrange(self._year, self._month)[1])

    def _planned(self) -> list[PlannedSlot]:
        """The plan the pickers offer: from today (or the month shown, when later) for two months."""
        first, last = self._month_bounds()
        start = max(first, self._today)
        return planned_slots(self._db, start, max(last, start) + dt.timedelta(days=62))

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.changed.connect(self._changed)  # type: ignore[attr-defined]  # every roster dialog has it
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self, changes: Changes) -> None:
        session = self.session()
        if session is not None:
            session.publish(changes)
        self.refresh()

    def _guarded(self, what: str, build: Callable[[Actor], QDialog]) -> QDialog | None:
        actor = self._actor()
        if actor is None:
            return None
        try:
            return self._open(build(actor))
        except DomainError as exc:
            self._say(exc.message)
        except Exception:  # a broken dialog must not take the calendar down
            log.exception("%s unavailable", what)
            self._say(QCoreApplication.translate("RosterView", "操作没有完成：遇到意外问题，详细信息已写入日志文件。"))
        return None

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def open_generate(self) -> QDialog | None:
        """生成排班 for the month shown (from today at the earliest); the user sets the period."""
        from .roster_dialogs import GenerateRosterDialog

        first, last = self._month_bounds()
        start = max(first, self._today + dt.timedelta(days=1))
        return self._guarded("generate", lambda actor: GenerateRosterDialog(
            self._db, actor, start, max(start, last), today=self._today, parent=self, lang=self._lang()))

    def open_swap(self) -> QDialog | None:
        from .roster_dialogs import SwapDialog

        return self._guarded("swap", lambda actor: SwapDialog(self._db, actor, self._planned(), parent=self,
                                                              lang=self._lang(), first=self._slot_here()))

    def open_substitute(self) -> QDialog | None:
        from .roster_dialogs import SubstituteDialog

        return self._guarded("substitute", lambda actor: SubstituteDialog(
            self._db, actor, self._planned(), duty_deputies(self._db), parent=self, lang=self._lang(),
            slot=self._slot_here()))

    def open_leave(self) -> QDialog | None:
        from .roster_dialogs import LeaveDialog

        day = self.selected_day() or max(self._today, self._month_bounds()[0])
        return self._guarded("leave", lambda actor: LeaveDialog(self._db, actor, duty_deputies(self._db), day,
                                                                today=self._today, parent=self, lang=self._lang()))

    def _slot_here(self) -> PlannedSlot | None:
        """The selected day's slot, when it has exactly one planned deputy (else the user picks)."""
        day = self.selected_day()
        planned = [e for e in self.model.entries(day) if e.planned]
        if day is None or len(planned) != 1:
            return None
        e = planned[0]
        return PlannedSlot(e.date, e.slot, e.deputy_id, e.deputy_name, e.source or "generated")

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The calendar's right-click menu on a day (None when there is nothing to offer)."""
        if not self.can_manage() or self.model.date_at(index) is None:
            return None
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setAccessibleName(QCoreApplication.translate("RosterView", "值班安排"))
        for text, slot in ((QCoreApplication.translate("RosterView", "生成排班…"), self.open_generate),
                           (QCoreApplication.translate("RosterView", "调班…"), self.open_swap),
                           (QCoreApplication.translate("RosterView", "替班…"), self.open_substitute),
                           (QCoreApplication.translate("RosterView", "请假…"), self.open_leave)):
            menu.addAction(text).triggered.connect(lambda _checked=False, slot=slot: slot())
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.table.indexAt(pos))
        if menu is not None:
            menu.popup(self.table.viewport().mapToGlobal(pos))

    def _step(self, delta: int) -> None:
        n = self._year * 12 + self._month - 1 + delta
        self.show_month(n // 12, n % 12 + 1)

    def _on_activated(self, index: QModelIndex) -> None:
        day = self.model.date_at(index)
        if day is not None:
            self.dayActivated.emit(day)
