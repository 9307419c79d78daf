"""回访回电: whom to call today — promised call-backs due (overdue first) and replied cases due a 回访 — with the
visitor's full number on screen, and one key per outcome on the selected row:

1 打通 (a 回访 opens with nothing chosen, or the call is recorded), 2 未接 (没联系上: tried again the next working
day), 3 满意, 4 基本满意, 5 不满意 (the key is the villager's answer: nothing is pre-chosen), 6 改期 (a new date),
7 其他情况 (关机, 号码有误…); Enter opens the case. Built cheaply: the list is read the first time it is shown, and
again when a write concerns the cases (the desk's ``changed`` signal) — at once if on screen, else when shown.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.workflow import CALL_OUTCOME_LABELS, CallOutcome, EventKind, Satisfaction
from .action_dialog import ActionDialog, day_text
from .case_table_model import CASE_ID_ROLE, OVERDUE_COLOUR
from .column_fit import keep_fitted, share_width
from .flow_layout import FlowLayout
from .forms import HeldRowsModel, friendly, make_table
from .session import DeskSession

if TYPE_CHECKING:
    from ..services.cases.actions import CaseActed
    from ..services.cases.callbacks import CallbackRow
    from ..services.changes import Changes

log = logging.getLogger(__name__)

COLUMNS = ("due", "kind", "visitor", "phone", "what", "number", "tries")
C_DUE, C_KIND, C_VISITOR, C_PHONE, C_WHAT, C_NUMBER, C_TRIES = range(len(COLUMNS))
_KEEP_WHOLE = (C_DUE, C_PHONE, C_NUMBER)  # the day, the number to dial and the case: never cut


def due_words(row: CallbackRow, today: Any) -> str:
    """The due day with its weekday, and in words how it stands: 今天, 超期N天, N天后."""
    day = day_text(row.due)
    if row.days_overdue:
        return QCoreApplication.translate("CallbackModel", "{0}（超期{1}天）").format(day, row.days_overdue)
    if row.due == today:
        return QCoreApplication.translate("CallbackModel", "{0}（今天）").format(day)
    return QCoreApplication.translate("CallbackModel", "{0}（{1}天后）").format(day, (row.due - today).days)


class CallbackModel(HeldRowsModel):
    """Rows are ``services.cases.callbacks.CallbackRow``; ``today`` is the list's day."""

    COLUMNS = COLUMNS

    def __init__(self, rows: Any = (), *, lang: str = "zh", parent: Any = None):
        super().__init__(rows, lang=lang, parent=parent)
        import datetime as dt

        self.today = dt.date.today()

    def set_list(self, rows: Any, today: Any) -> None:
        self.today = today
        self.set_rows(rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or section < 0:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section >= len(COLUMNS):
            return None
        return (QCoreApplication.translate("CallbackModel", "回电日期"),
                QCoreApplication.translate("CallbackModel", "事项"),
                QCoreApplication.translate("CallbackModel", "来访人"),
                QCoreApplication.translate("CallbackModel", "电话"),
                QCoreApplication.translate("CallbackModel", "要告诉群众的"),
                QCoreApplication.translate("CallbackModel", "案件编号"),
                QCoreApplication.translate("CallbackModel", "已打"))[section]

    def _display(self, r: CallbackRow, col: int) -> str:
        if col == C_DUE:
            return due_words(r, self.today)
        if col == C_KIND:
            if r.kind == "follow_up":
                return QCoreApplication.translate("CallbackModel", "答复后回访")
            return QCoreApplication.translate("CallbackModel", "约定回电")
        if col == C_VISITOR:
            return r.visitor_name or ""
        if col == C_PHONE:
            return r.visitor_phone or QCoreApplication.translate("CallbackModel", "（没有留电话）")
        if col == C_WHAT:
            text = r.promised
            if r.kind == "follow_up" and r.reply:
                text = QCoreApplication.translate("CallbackModel", "答复：{0}").format(r.reply)
            return " ".join((text or r.summary or "").split())
        if col == C_NUMBER:
            return r.number
        if col == C_TRIES:
            if not r.attempts:
                return ""
            last = next((zh for o, (zh, _en) in CALL_OUTCOME_LABELS.items() if o.value == r.last_outcome), "")
            return QCoreApplication.translate("CallbackModel", "没联系上{0}次（{1}）").format(r.attempts, last.split("：")[-1])
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r: CallbackRow = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:  # an elided cell (large type) is read whole on hover
            return r.summary if col == C_WHAT else self._display(r, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == C_DUE and r.days_overdue:
            return OVERDUE_COLOUR
        if role == CASE_ID_ROLE:
            return str(r.case_id)
        return None


class CallbacksPage(QWidget):
    """``open_case(case_id)`` on Enter or a double click. ``session_of`` gives the desk's session now (it changes
    when somebody else signs in)."""

    open_case = Signal(object)

    def __init__(self, session_of: Callable[[], DeskSession], parent: QWidget | None = None):
        super().__init__(parent)
        self._session_of = session_of
        self.loaded = False
        self._stale = True
        self._signals: Any = None
        self.action_dialog: ActionDialog | None = None
        session = session_of()
        self.model = CallbackModel(lang=session.lang, parent=self)
        self.table = make_table(self.model, self.tr("要回电和回访的群众"))
        keep_fitted(self.table, C_WHAT, _KEEP_WHOLE)  # large type: the other columns give way to what to say
        self.table.activated.connect(self._activated)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("回访回电数目"))
        self.help = QLabel(self.tr("用↑↓键选中一行，打完电话按数字键记下结果（3、4、5 是群众对答复的评价，用于“答复后回访”）；"
                                   "按回车打开案件。"))
        self.help.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("刚刚记下的结果"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.buttons: dict[str, QPushButton] = {}
        self._keys: dict[str, Callable[[], None]] = {}
        keys = FlowLayout(spacing=8)  # the answers wrap rather than widen the window (English, large type)
        choices = (("1", self.tr("1 打通了"), self.reached), ("2", self.tr("2 未接"), self.not_answered),
                   ("3", self.tr("3 满意"), lambda: self.answer(Satisfaction.SATISFIED)),
                   ("4", self.tr("4 基本满意"), lambda: self.answer(Satisfaction.BASICALLY_SATISFIED)),
                   ("5", self.tr("5 不满意"), lambda: self.answer(Satisfaction.UNSATISFIED)),
                   ("6", self.tr("6 改期…"), self.reschedule), ("7", self.tr("7 其他情况…"), self.other_outcome))
        for key, text, slot in choices:
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(slot)
            keys.addWidget(button)
            self.buttons[key] = button
            self._keys[key] = slot
        # the bare digit on this page only (the walk-in form types digits): read before the table's type-ahead
        self.table.installEventFilter(self)
        self.setFocusProxy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.help)
        layout.addLayout(keys)
        layout.addWidget(self.message)
        layout.addWidget(self.error)

    def _digit(self, event: QKeyEvent) -> bool:
        slot = self._keys.get(event.text()) if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier else None
        if slot is None:
            return False
        slot()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = event if watched is self.table and isinstance(event, QKeyEvent) else None
        if key is not None and key.type() == QEvent.Type.KeyPress and self._digit(key):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # a digit pressed on one of the page's buttons
        if not self._digit(event):
            super().keyPressEvent(event)

    # -- reading --------------------------------------------------------------------------------------------
    @property
    def session(self) -> DeskSession:
        return self._session_of()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow_changes()
        self.refresh()  # every time it comes on screen: one indexed read, and "today" may have changed

    def _follow_changes(self) -> None:
        signals = self.session.signals
        if signals is not None and signals is not self._signals:
            signals.changed.connect(self._desk_changed)
            self._signals = signals

    def _desk_changed(self, changes: Changes) -> None:
        from ..services.changes import CASES

        if changes.concerns(CASES) or changes.cases:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        from ..services.cases.callbacks import callback_worklist

        self._stale = False
        try:
            work = callback_worklist(self.session.db, actor=self.session.actor)  # audited (issue 17)
        except Exception as exc:
            log.exception("the call-back list could not be read")
            self._show_error(exc)
            return
        current = self.table.currentIndex()
        chosen = self.model.row_at(current.row()).case_id if current.isValid() else None
        self.model.set_list(work.rows, work.today)
        share_width(self.table, C_WHAT, _KEEP_WHOLE)
        # The chosen villager stays chosen while on the list; nobody else is chosen for the user (a key pressed
        # twice must not record an answer for the next villager, who was never called). Down chooses the first.
        again = next((i for i in range(self.model.rowCount()) if self.model.row_at(i).case_id == chosen), None)
        self.table.setCurrentIndex(self.model.index(again, 0) if again is not None else QModelIndex())
        self.summary.setText(self.tr("超期 {0} 个，今天 {1} 个，几天内 {2} 个。超期最久的排在最前面。")
                             .format(work.overdue, work.due_today, work.due_soon))
        self.loaded = True

    def refresh_if_shown(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.open_case.emit(uuid.UUID(index.data(CASE_ID_ROLE)))

    def current_row(self) -> CallbackRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.rowCount():
            self._show_text(self.tr("请先选中一行。"), error=True)
            return None
        row: CallbackRow = self.model.row_at(index.row())
        return row

    # -- outcomes -------------------------------------------------------------------------------------------
    def _callee(self, row: CallbackRow) -> str:
        return self.tr("回电给：{0}　电话：{1}").format(row.visitor_name or "—", row.visitor_phone or self.tr("（没有留电话）"))

    def reached(self) -> None:
        """打通了: a replied case opens its 回访 (the answer still to choose); otherwise the call is recorded."""
        row = self.current_row()
        if row is None:
            return
        if row.kind == "follow_up":
            self._dialog(row, EventKind.FOLLOW_UP)
        else:
            self._dialog(row, EventKind.CALL_ATTEMPT, {"outcome": CallOutcome.REACHED.value})

    def not_answered(self) -> None:
        """2 未接: 没联系上, tried again the next working day; the status stays."""
        from ..services.cases.callbacks import record_call

        row = self.current_row()
        if row is None:
            return
        self._record(lambda actor: record_call(self.session.db, actor, row.case_id, CallOutcome.NO_ANSWER),
                     self.tr("{0}：未接，下次回电 {1}。"), row)

    def answer(self, satisfaction: Satisfaction) -> None:
        """3/4/5: the villager's answer, recorded as a 回访 with that satisfaction."""
        from ..services.cases.callbacks import record_answer

        row = self.current_row()
        if row is None:
            return
        self._record(lambda actor: record_answer(self.session.db, actor, row.case_id, satisfaction),
                     self.tr("{0}：已记下回访结果。"), row)

    def reschedule(self) -> None:
        row = self.current_row()
        if row is not None:
            self._dialog(row, EventKind.PROMISE_CALLBACK)

    def other_outcome(self) -> None:
        row = self.current_row()
        if row is not None:
            self._dialog(row, EventKind.CALL_ATTEMPT)

    def _dialog(self, row: CallbackRow, kind: EventKind, preset: dict[str, Any] | None = None) -> None:
        self._show_text("")
        self.action_dialog = ActionDialog(self.session, row.case_id, kind, callee=self._callee(row), preset=preset,
                                          parent=self)
        self.action_dialog.recorded.connect(self._after)
        self.action_dialog.open()

    def _record(self, write: Callable[[Any], CaseActed], done: str, row: CallbackRow) -> None:
        self._show_text("")
        try:
            acted = write(self.session.require_actor())
        except Exception as exc:
            if not hasattr(exc, "field"):
                log.exception("call outcome not recorded")
            self._show_error(exc)
            return
        self._show_text(done.format(row.visitor_name or row.number, day_text(acted.state.callback_due)))
        self._after(acted)

    def _after(self, acted: CaseActed) -> None:
        session = self.session
        if session.signals is not None:
            self._follow_changes()
            session.publish(acted.changes)  # this list reloads with the others it concerns
        else:
            self.refresh()

    def _show_error(self, exc: BaseException) -> None:
        self._show_text(friendly(exc, self.session.lang), error=True)

    def _show_text(self, text: str, *, error: bool = False) -> None:
        self.error.setText(text if error else "")
        self.error.setVisible(bool(text) and error)
        if not error:
            self.message.setText(text)


def callbacks_tab(window: Any) -> CallbacksPage:
    """The page for the main window's tab: the window's session as it is now, cases opened by the window."""
    page = CallbacksPage(lambda: window.session)
    page.open_case.connect(window.open_case)
    # F5 (刷新) recounts the figures without the desk's signal: the list on screen is read again with them
    window.figures.ready.connect(page.refresh_if_shown)
    return page
