"""One workflow action on a case (交办, 答复, 督办, 回访…), asking only for what that action needs."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import WorkCalendar
from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..domain.workflow import (
    ACTION_FIELDS,
    CALL_OUTCOME_LABELS,
    EVENT_LABELS,
    CallOutcome,
    EventKind,
    Resolution,
    Satisfaction,
)
from ..services.cases.actions import act_on_case, find_case_id
from ..services.desk import lookups
from ..services.desk.clock import ClockUnconfirmed
from ..services.desk.settings import get_settings
from ..services.desk.workdays import work_calendar
from .forms import FieldErrors, friendly
from .session import DeskSession

log = logging.getLogger(__name__)

# What each action asks is the workflow's table (domain.workflow.ACTION_FIELDS): the dialog shows its fields in
# its order, marks the optional ones, and asks the deadline as a number of working days.

RESOLUTION_LABELS = {Resolution.SOLVED: ("已解决", "Solved"), Resolution.PARTLY_SOLVED: ("部分解决", "Partly solved"),
                     Resolution.EXPLAINED: ("已解释说明", "Explained"), Resolution.UNSOLVED: ("未解决", "Unsolved")}
SATISFACTION_LABELS = {Satisfaction.SATISFIED: ("满意", "Satisfied"),
                       Satisfaction.BASICALLY_SATISFIED: ("基本满意", "Basically satisfied"),
                       Satisfaction.UNSATISFIED: ("不满意", "Unsatisfied")}


_WEEKDAYS_ZH = "一二三四五六日"


def day_text(day: dt.date | None, lang: str = "zh") -> str:
    """A date as the desk says it: with its weekday (2026-12-08 星期二), so nobody counts on fingers."""
    if day is None:
        return ""
    if lang == "en":
        return f"{day.isoformat()} {day.strftime('%a')}"
    return f"{day.isoformat()} 星期{_WEEKDAYS_ZH[day.weekday()]}"


def level_text(level: int) -> str:
    """督办级别 in words: 第1级, not a bare 1."""
    return QCoreApplication.translate("ActionDialog", "第{0}级").format(level)


def _date_locale(lang: str) -> QLocale:
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates) if lang == "en" else \
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def needs_dialog(kind: EventKind) -> bool:
    return bool(ACTION_FIELDS.get(kind))


def _input_name(field: str) -> str:
    """The dialog's input for a field: the deadline is typed as working days (``values`` turns it back)."""
    return "workdays" if field == "deadline" else field


# A button says what it will do; the timeline (EVENT_LABELS) says what was done. In Chinese one word serves both.
ACTION_LABELS_EN = {
    EventKind.ACCEPT: "Accept", EventKind.ASSIGN: "Assign", EventKind.START: "Start work",
    EventKind.REPLY: "Record reply", EventKind.SUPERVISE: "Supervise", EventKind.FOLLOW_UP: "Follow up",
    EventKind.CLOSE: "Close case", EventKind.REOPEN: "Reopen", EventKind.WITHDRAW: "Withdraw",
    EventKind.LINK_DUPLICATE: "Link duplicate", EventKind.PROMISE_CALLBACK: "Promise call-back",
    EventKind.NOTE: "Add note", EventKind.CALL_ATTEMPT: "Record a call",
}


def action_label(kind: EventKind, lang: str) -> str:
    zh, en = EVENT_LABELS[kind]
    return ACTION_LABELS_EN.get(kind, en) if lang == "en" else zh


def _default_workdays(db) -> int:
    return get_settings(db).default_working_days


def _working_calendar(db) -> WorkCalendar:
    return work_calendar(db)


class ActionDialog(QDialog):
    """Shown with ``open()``; emits ``recorded(acted)`` (a ``services.cases.actions.CaseActed``) after the action
    was recorded, and closes. (Not ``done``, the name of QDialog's own slot.)"""

    recorded = Signal(object)

    def __init__(self, session: DeskSession, case_id: uuid.UUID, kind: EventKind, *, escalation: int = 0,
                 callee: str = "", preset: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self.kind = kind
        self._lang = session.lang
        self._calendar: WorkCalendar | None = None
        self.setWindowTitle(self.tr("案件办理 — {0}").format(action_label(kind, self._lang)))
        self.setMinimumWidth(560)
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        self.errors = FieldErrors(self.form_error, aliases={"deadline": "workdays"})
        for f in ACTION_FIELDS.get(kind, ()):
            self._add_field(form, _input_name(f.name), optional=not f.required, escalation=escalation)
        for name, value in (preset or {}).items():  # what the user already chose (a key on the call list)
            widget = self.inputs.get(name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
        # whom to call: the visitor's name and number (on screen only), for a call-back or a 回访
        self.callee = QLabel(callee)
        self.callee.setObjectName("calleeLine")
        self.callee.setWordWrap(True)
        self.callee.setAccessibleName(self.tr("回电对象"))
        self.callee.setVisible(bool(callee))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定(&O)"))
        self.ok_button.setAccessibleName(self.tr("确定"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAccessibleName(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        heading = QLabel(action_label(kind, self._lang))
        heading.setObjectName("dialogHeading")
        outer = QVBoxLayout(self)
        outer.addWidget(heading)
        outer.addWidget(self.callee)
        outer.addLayout(form)
        outer.addWidget(self.form_error)
        outer.addWidget(self.buttons)

    # -- fields -------------------------------------------------------------------------------------------
    def _add_field(self, form: QFormLayout, name: str, *, optional: bool, escalation: int) -> None:
        db = self.session.db
        e = self.errors
        if name == "department_id":
            combo = QComboBox()
            combo.addItem(self.tr("（请选择）"), None)
            for c in lookups.list_departments(db):
                combo.addItem(c.name, str(c.id))
            self.inputs[name] = combo
            e.add_row(form, name, self.tr("承办单位(&D)："), combo, self.tr("承办单位"))
        elif name == "workdays":
            spin = QSpinBox()
            spin.setRange(1, 120)
            spin.setValue(_default_workdays(db))
            spin.setSuffix(self.tr(" 个工作日"))
            self.deadline_label = QLabel()
            self.deadline_label.setAccessibleName(self.tr("办理期限日期"))
            self._calendar = _working_calendar(db)
            spin.valueChanged.connect(self._show_deadline)
            self.inputs[name] = spin
            e.add_row(form, name, self.tr("办理时限(&W)："), spin, self.tr("办理时限（工作日）"),
                      self.tr("按工作日计算，节假日和调休已考虑在内。"))
            form.addRow(self.tr("办理期限："), self.deadline_label)
            self._show_deadline()
        elif name in ("resolution", "satisfaction", "outcome"):
            tables: dict[str, dict[Any, tuple[str, str]]] = {
                "resolution": RESOLUTION_LABELS, "satisfaction": SATISFACTION_LABELS, "outcome": CALL_OUTCOME_LABELS}
            labels = tables[name]
            combo = QComboBox()
            # a judgement is never pre-filled: Enter on the first item records nothing but "not chosen"
            combo.addItem(self.tr("（不填）") if optional else self.tr("（请选择）"), None)
            for value, (zh, en) in labels.items():
                combo.addItem(en if self._lang == "en" else zh, value.value)
            self.inputs[name] = combo
            if name == "outcome":
                combo.currentIndexChanged.connect(self._outcome_changed)
                e.add_row(form, name, self.tr("回电结果(&R)："), combo, self.tr("回电结果"),
                          self.tr("没联系上的，到下次回电日期会再提醒。"))
                return
            caption = self.tr("解决情况(&R)：") if name == "resolution" else self.tr("群众满意度(&S)：")
            e.add_row(form, name, caption, combo, self.tr("解决情况") if name == "resolution" else self.tr("群众满意度"))
        elif name == "escalation_level":
            spin = QSpinBox()
            spin.setRange(1, 5)
            prefix, _sep, suffix = level_text(0).partition("0")  # 第0级 → "第" and "级" (English: "Level ")
            spin.setPrefix(prefix)
            spin.setSuffix(suffix)
            spin.setValue(min(5, escalation + 1))
            self.inputs[name] = spin
            e.add_row(form, name, self.tr("督办级别(&L)："), spin, self.tr("督办级别"),
                      self.tr("每催办一次升一级；级别越高，越优先提醒。"))
        elif name == "duplicate_of":
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("例如 LX01-261122-0007-V"))
            self.inputs[name] = edit
            e.add_row(form, name, self.tr("重复的案件编号(&N)："), edit, self.tr("重复的案件编号"))
        elif name == "callback_due":
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setLocale(_date_locale(self._lang))
            date.setDisplayFormat("yyyy-MM-dd dddd")  # with the weekday: 2026-12-08 星期二
            today = local_today()
            # the next working day: after a call nobody answered, and for a promise by default
            first = work_calendar(db).next_working_day(today) if self.kind is EventKind.CALL_ATTEMPT else \
                today + dt.timedelta(days=1)
            date.setMinimumDate(QDate(today.year, today.month, today.day))
            date.setDate(QDate(first.year, first.month, first.day))
            self.inputs[name] = date
            if self.kind is EventKind.CALL_ATTEMPT:
                e.add_row(form, name, self.tr("下次回电(&C)："), date, self.tr("下次回电日期"),
                          self.tr("打通了就不用再约；没联系上默认下一个工作日。"))
            else:
                e.add_row(form, name, self.tr("回电日期(&C)："), date, self.tr("约定回电日期"))
        elif name == "text":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMinimumHeight(self.fontMetrics().height() * 4)
            self.inputs[name] = text
            caption = self.tr("说明（可不填）(&T)：") if optional else self.tr("说明(&T)：")
            e.add_row(form, name, caption, text, self.tr("说明"))

    def deadline(self) -> dt.date | None:
        spin = self.inputs.get("workdays")
        if not isinstance(spin, QSpinBox):
            return None
        today = local_today()
        if self._calendar is not None:
            return self._calendar.add_working_days(today, spin.value())
        return today + dt.timedelta(days=spin.value())

    def _show_deadline(self) -> None:
        due = self.deadline()
        if due is not None:
            self.deadline_label.setText(day_text(due, self._lang))

    def _outcome_changed(self) -> None:
        """An answered call needs no next date: the date is asked only for 没联系上."""
        combo, date = self.inputs.get("outcome"), self.inputs.get("callback_due")
        if isinstance(combo, QComboBox) and date is not None:
            date.setEnabled(combo.currentData() != CallOutcome.REACHED.value)

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                data[name] = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                data[name] = widget.toPlainText().strip()
            elif isinstance(widget, QLineEdit):
                data[name] = widget.text().strip()
            elif isinstance(widget, QDateEdit):
                day = widget.date()
                data[name] = dt.date(day.year(), day.month(), day.day()).isoformat()
            elif isinstance(widget, QSpinBox):
                data[name] = widget.value()
        if data.get("outcome") == CallOutcome.REACHED.value:
            data.pop("callback_due", None)  # reached: the promise is kept, no new date
        due = self.deadline()
        if "workdays" in data and due is not None:
            data["deadline"] = due.isoformat()
            data["deadline_workdays"] = data.pop("workdays")
        return data

    # -- submitting ---------------------------------------------------------------------------------------
    def submit(self) -> bool:
        self.errors.clear()
        data = self.values()
        try:
            if data.get("duplicate_of"):
                try:
                    data["duplicate_of"] = str(find_case_id(self.session.db, data["duplicate_of"]))
                except DomainError as exc:  # a mistyped number: said next to the number, which stays typed
                    exc.field = "duplicate_of"
                    raise
            state = perform(self.session, self.case_id, self.kind, data, parent=self)
        except Exception as exc:  # shown in the dialog, which stays open with what was typed
            if not isinstance(exc, DomainError):
                log.exception("case action %s failed", self.kind)
            self.errors.show(friendly(exc, self._lang), getattr(exc, "field", None))
            return False
        self.recorded.emit(state)
        self.accept()
        return True


def perform(session: DeskSession, case_id: uuid.UUID, kind: EventKind, data: dict[str, Any] | None = None, *,
            parent: QWidget | None = None):
    """Record the action as the signed-in person; the service checks the role and the workflow.

    When the service refuses because the PC's date looks wrong and nobody confirmed it (``ClockUnconfirmed``),
    staff are asked as the walk-in form asks (``date_check.before_dated_write``): confirmed, the action is
    recorded; "先去改日期" leaves it unrecorded (the refusal is raised, to be shown)."""
    if session.actor is None:
        raise DomainError("not_signed_in", "请先签到。", message_en="Please sign in first.")
    try:
        return act_on_case(session.db, session.actor, case_id, kind, data or {})
    except ClockUnconfirmed:
        from .date_check import before_dated_write

        if not before_dated_write(parent, session.db, session.lang):
            raise
    return act_on_case(session.db, session.actor, case_id, kind, data or {})
