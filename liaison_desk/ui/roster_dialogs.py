"""值班安排 on the roster calendar: 生成排班 (preview, then save), 调班, 替班 and 请假 (then re-plan or substitute
the slots the leave touches). Staff and administrators open them from the calendar (``roster_view``).

Each dialog only asks and calls the roster services (``services.duty.roster``), which decide who may and what
is allowed; a refusal is shown at its field (or above the buttons), the dialog stays open and nothing typed is
lost. Nothing is pre-selected that would decide for the user: the pickers open on （请选择）, the save button
is never the default, and Enter on an untouched dialog records nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..services.changes import ROSTER, Changes, lists
from ..services.context import Actor
from ..services.duty.roster import (
    DutyDeputy,
    PlannedSlot,
    RosterPlan,
    add_unavailability,
    generate_and_save,
    planned_slots,
    preview_roster,
    substitute,
    swap,
)
from .appearance import fit_to_screen
from .forms import FieldErrors, date_edit

log = logging.getLogger(__name__)

ROSTER_CHANGED: Changes = lists(ROSTER)
_WEEKDAYS = "一二三四五六日"


def slot_text(slot: str) -> str:
    return {"am": QCoreApplication.translate("RosterDialogs", "上午"), "pm": QCoreApplication.translate("RosterDialogs", "下午"), "full": QCoreApplication.translate("RosterDialogs", "全天")}.get(slot, slot)


def day_text(day: dt.date) -> str:
    return QCoreApplication.translate("RosterDialogs", "{0}月{1}日（周{2}）").format(day.month, day.day, _WEEKDAYS[day.weekday()])


def planned_text(p: PlannedSlot) -> str:
    """A planned slot as a picker shows it: 12月9日（周三）上午 张三."""
    return f"{day_text(p.date)}{slot_text(p.slot)} {p.deputy_name}"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(edit: Any) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _choose(combo: QComboBox, accessible: str) -> QComboBox:
    combo.setAccessibleName(accessible)
    combo.insertItem(0, QCoreApplication.translate("RosterDialogs", "（请选择）"), None)
    combo.setCurrentIndex(0)
    return combo


def _button(text: str, default: bool = False) -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(default)
    b.setDefault(default)
    return b


class _RosterDialog(QDialog):
    """What the four dialogs share: the form with its error lines, the buttons row, the failure handling."""

    changed = Signal(object)  # a services.changes.Changes after each write

    def __init__(self, db: Any, actor: Actor, title: str, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.db, self.actor, self.lang = db, actor, lang
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.errors = FieldErrors(self.form_error)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.close_button = _button(QCoreApplication.translate("RosterDialogs", "关闭"))
        self.close_button.clicked.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)

    def _finish_layout(self) -> None:
        self.body.addWidget(self.form_error)
        self.buttons.addWidget(self.close_button)
        self.body.addLayout(self.buttons)
        fit_to_screen(self, 760, 620)

    def _attempt(self, what: str, call: Callable[[], Any]) -> Any:
        """Run a service call; a refusal goes to its field (or above the buttons), the dialog stays open."""
        self.errors.clear()
        try:
            return call()
        except DomainError as exc:
            self.errors.show(exc.localized(self.lang), exc.field)
        except Exception:  # never a stack trace to the user
            log.exception("%s failed", what)
            self.errors.show(QCoreApplication.translate("RosterDialogs", "操作没有完成：遇到意外问题，详细信息已写入日志文件。已填写的内容都还在。"))
        return None


# -- 生成排班 -----------------------------------------------------------------------------------------------

class GenerateRosterDialog(_RosterDialog):
    """A period, 预览排班 (nothing saved), then 保存排班 for exactly the period previewed."""

    def __init__(self, db: Any, actor: Actor, start: dt.date, end: dt.date, *, today: dt.date | None = None,
                 parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(db, actor, QCoreApplication.translate("RosterDialogs", "生成排班"), parent, lang)
        self.today = today
        self.from_edit = date_edit(_qdate(start), lang=lang)
        self.to_edit = date_edit(_qdate(end), lang=lang)
        self.errors.add_row(self.form, "date_from", QCoreApplication.translate("RosterDialogs", "开始日期(&F)："), self.from_edit, QCoreApplication.translate("RosterDialogs", "开始日期"))
        self.errors.add_row(self.form, "date_to", QCoreApplication.translate("RosterDialogs", "结束日期(&T)："), self.to_edit, QCoreApplication.translate("RosterDialogs", "结束日期"))
        note = QLabel(QCoreApplication.translate(
            "RosterDialogs", "先预览，确认无误再保存。保存会替换这段时间原有的排班（包括换班、替班）。没有值班账号的代表不排班；节假日不排班。"))
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(QCoreApplication.translate("RosterDialogs", "排班提示"))
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.preview_text.setAccessibleName(QCoreApplication.translate("RosterDialogs", "排班预览"))
        self.preview_text.setPlaceholderText(QCoreApplication.translate("RosterDialogs", "按“预览排班”查看将要安排的班次。"))
        self.preview_text.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)  # a long warning never squeezes it
        self.body.addWidget(self.summary)
        self.body.addWidget(self.preview_text, 1)
        self.preview_button = _button(QCoreApplication.translate("RosterDialogs", "预览排班(&P)"), default=True)
        self.save_button = _button(QCoreApplication.translate("RosterDialogs", "保存排班(&S)"))
        self.save_button.setEnabled(False)
        self.buttons.addWidget(self.preview_button)
        self.buttons.addWidget(self.save_button)
        self._finish_layout()
        self.plan: RosterPlan | None = None
        self._previewed: tuple[dt.date, dt.date] | None = None
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        self.from_edit.dateChanged.connect(self._period_changed)
        self.to_edit.dateChanged.connect(self._period_changed)

    def period(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.from_edit), _pydate(self.to_edit)

    def _period_changed(self) -> None:
        if self._previewed is not None and self._previewed != self.period():
            self.save_button.setEnabled(False)
            self.summary.setText(QCoreApplication.translate("RosterDialogs", "日期改过了，请重新预览后再保存。"))

    def preview(self) -> RosterPlan | None:
        start, end = self.period()
        plan = self._attempt("roster preview", lambda: preview_roster(self.db, start, end, today=self.today))
        if plan is None:
            self.save_button.setEnabled(False)
            return None
        self.plan, self._previewed = plan, (start, end)
        self._show(plan)
        self.save_button.setEnabled(bool(plan.roster.assignments))
        return plan

    def _show(self, plan: RosterPlan) -> None:
        lines = [f"{day_text(a.date)}{slot_text(a.slot)} {plan.names.get(a.deputy_id, a.deputy_id)}："
                 + "；".join(a.reasons) for a in plan.roster.assignments]
        self.preview_text.setPlainText("\n".join(lines))
        said = [QCoreApplication.translate("RosterDialogs", "共 {0} 个班次。").format(len(plan.roster.assignments))]
        if plan.holidays_skipped:
            said.append(QCoreApplication.translate("RosterDialogs", "节假日不排班：{0}。").format(
                "、".join(f"{day_text(d)}{n}" for d, n in plan.holidays_skipped)))
        if plan.makeup_days:
            said.append(QCoreApplication.translate("RosterDialogs", "调休上班日照常排班：{0}。").format(
                "、".join(f"{day_text(d)}{n}" for d, n in plan.makeup_days)))
        said += [QCoreApplication.translate("RosterDialogs", "注意：") + w for w in plan.roster.warnings]
        self.summary.setText("\n".join(said))

    def save(self) -> RosterPlan | None:
        if self._previewed is None or self._previewed != self.period():
            self.errors.show(QCoreApplication.translate("RosterDialogs", "请先预览这段时间的排班，再保存。"))
            return None
        start, end = self._previewed
        previewed = self.plan
        plan = self._attempt("roster generation",
                             lambda: generate_and_save(self.db, self.actor, start, end, today=self.today,
                                                       expected=previewed.roster.assignments if previewed else None))
        if plan is None:
            return None
        self.plan = plan
        self.changed.emit(ROSTER_CHANGED)
        self.accept()
        return plan


# -- 调班 ----------------------------------------------------------------------------------------------------

class SwapDialog(_RosterDialog):
    """Two planned slots whose deputies exchange them (换班, recorded as one swap)."""

    def __init__(self, db: Any, actor: Actor, slots: Sequence[PlannedSlot], *, parent: QWidget | None = None,
                 lang: str = "zh", first: PlannedSlot | None = None):
        super().__init__(db, actor, QCoreApplication.translate("RosterDialogs", "调班"), parent, lang)
        self.first_combo = QComboBox()
        self.second_combo = QComboBox()
        for combo in (self.first_combo, self.second_combo):
            for p in slots:
                combo.addItem(planned_text(p), p)
        _choose(self.first_combo, QCoreApplication.translate("RosterDialogs", "第一个班次"))
        _choose(self.second_combo, QCoreApplication.translate("RosterDialogs", "第二个班次"))
        if first is not None:  # opened on a slot of the calendar: that is the user's own choice
            self.first_combo.setCurrentIndex(max(0, self.first_combo.findText(planned_text(first))))
        self.reason_edit = QLineEdit()
        self.errors.add_row(self.form, "first", QCoreApplication.translate("RosterDialogs", "第一个班次(&1)："), self.first_combo, QCoreApplication.translate("RosterDialogs", "第一个班次"))
        self.errors.add_row(self.form, "second", QCoreApplication.translate("RosterDialogs", "与之对调(&2)："), self.second_combo, QCoreApplication.translate("RosterDialogs", "与之对调的班次"))
        self.errors.add_row(self.form, "reason", QCoreApplication.translate("RosterDialogs", "原因(&R)："), self.reason_edit, QCoreApplication.translate("RosterDialogs", "调班原因"))
        self.errors.aliases.update({"date1": "first", "date1_slot": "first", "date2": "second",
                                    "date2_slot": "second"})
        self.ok_button = _button(QCoreApplication.translate("RosterDialogs", "登记调班(&S)"))
        self.ok_button.clicked.connect(self.save)
        self.buttons.addWidget(self.ok_button)
        self._finish_layout()

    def save(self) -> bool:
        a, b = self.first_combo.currentData(), self.second_combo.currentData()
        self.errors.clear()
        if a is None:
            self.errors.show(QCoreApplication.translate("RosterDialogs", "请选择第一个班次。"), "first")
            return False
        if b is None:
            self.errors.show(QCoreApplication.translate("RosterDialogs", "请选择与之对调的班次。"), "second")
            return False
        def call() -> bool:
            swap(self.db, self.actor, a.date, a.slot, a.deputy_id, b.date, b.slot, b.deputy_id,
                 self.reason_edit.text().strip())
            return True

        if not self._attempt("roster swap", call):
            return False
        self.changed.emit(ROSTER_CHANGED)
        self.accept()
        return True


# -- 替班 ----------------------------------------------------------------------------------------------------

class SubstituteDialog(_RosterDialog):
    """Another deputy takes a planned slot (替班, recorded as a substitution)."""

    def __init__(self, db: Any, actor: Actor, slots: Sequence[PlannedSlot], deputies: Sequence[DutyDeputy], *,
                 parent: QWidget | None = None, lang: str = "zh", slot: PlannedSlot | None = None):
        super().__init__(db, actor, QCoreApplication.translate("RosterDialogs", "替班"), parent, lang)
        self.slot_combo = QComboBox()
        for p in slots:
            self.slot_combo.addItem(planned_text(p), p)
        _choose(self.slot_combo, QCoreApplication.translate("RosterDialogs", "要替的班次"))
        if slot is not None:  # the slot the user opened this for (a calendar slot, a slot the leave touched)
            self.slot_combo.setCurrentIndex(max(0, self.slot_combo.findText(planned_text(slot))))
        self.deputy_combo = QComboBox()
        for d in deputies:
            if d.has_account:
                self.deputy_combo.addItem(f"{d.name}（{d.code}）" if d.code else d.name, d)
        _choose(self.deputy_combo, QCoreApplication.translate("RosterDialogs", "替班代表"))
        self.reason_edit = QLineEdit()
        self.errors.add_row(self.form, "slot", QCoreApplication.translate("RosterDialogs", "班次(&B)："), self.slot_combo, QCoreApplication.translate("RosterDialogs", "要替的班次"))
        self.errors.add_row(self.form, "deputy", QCoreApplication.translate("RosterDialogs", "替班代表(&D)："), self.deputy_combo, QCoreApplication.translate("RosterDialogs", "替班代表"),
                            hint=QCoreApplication.translate("RosterDialogs", "只列出有值班账号的代表。"))
        self.errors.add_row(self.form, "reason", QCoreApplication.translate("RosterDialogs", "原因(&R)："), self.reason_edit, QCoreApplication.translate("RosterDialogs", "替班原因"))
        self.errors.aliases.update({"date": "slot", "date_slot": "slot"})
        self.ok_button = _button(QCoreApplication.translate("RosterDialogs", "登记替班(&S)"))
        self.ok_button.clicked.connect(self.save)
        self.buttons.addWidget(self.ok_button)
        self._finish_layout()

    def save(self) -> bool:
        p, d = self.slot_combo.currentData(), self.deputy_combo.currentData()
        self.errors.clear()
        if p is None:
            self.errors.show(QCoreApplication.translate("RosterDialogs", "请选择要替的班次。"), "slot")
            return False
        if d is None:
            self.errors.show(QCoreApplication.translate("RosterDialogs", "请选择替班代表。"), "deputy")
            return False
        def call() -> bool:
            substitute(self.db, self.actor, p.date, p.slot, p.deputy_id, d.id, self.reason_edit.text().strip())
            return True

        if not self._attempt("roster substitution", call):
            return False
        self.changed.emit(ROSTER_CHANGED)
        self.accept()
        return True


# -- 请假 ----------------------------------------------------------------------------------------------------

class LeaveDialog(_RosterDialog):
    """A deputy's leave (dates both included); afterwards the slots it touches are listed with two ways out:
    re-plan those days, or a substitute slot by slot (or leave it for later)."""

    def __init__(self, db: Any, actor: Actor, deputies: Sequence[DutyDeputy], day: dt.date, *,
                 today: dt.date | None = None, parent: QWidget | None = None, lang: str = "zh"):
        super().__init__(db, actor, QCoreApplication.translate("RosterDialogs", "请假"), parent, lang)
        self.today = today or local_today()
        self.deputies = list(deputies)
        self.deputy_combo = QComboBox()
        for d in deputies:
            self.deputy_combo.addItem(f"{d.name}（{d.code}）" if d.code else d.name, d)
        _choose(self.deputy_combo, QCoreApplication.translate("RosterDialogs", "请假代表"))
        self.from_edit = date_edit(_qdate(day), lang=lang)
        self.to_edit = date_edit(_qdate(day), lang=lang)
        self.reason_edit = QLineEdit()
        self.errors.add_row(self.form, "deputy_id", QCoreApplication.translate("RosterDialogs", "代表(&D)："), self.deputy_combo, QCoreApplication.translate("RosterDialogs", "请假代表"))
        self.errors.add_row(self.form, "date_from", QCoreApplication.translate("RosterDialogs", "开始日期(&F)："), self.from_edit, QCoreApplication.translate("RosterDialogs", "请假开始日期"))
        self.errors.add_row(self.form, "date_to", QCoreApplication.translate("RosterDialogs", "结束日期(&T)："), self.to_edit, QCoreApplication.translate("RosterDialogs", "请假结束日期"))
        self.errors.add_row(self.form, "reason", QCoreApplication.translate("RosterDialogs", "原因(&R)："), self.reason_edit, QCoreApplication.translate("RosterDialogs", "请假原因"))
        self.ok_button = _button(QCoreApplication.translate("RosterDialogs", "登记请假(&S)"))
        self.ok_button.clicked.connect(self.save)
        self.buttons.addWidget(self.ok_button)
        # after the leave is recorded: the slots it touches and what to do about them
        self.affected_label = QLabel()
        self.affected_label.setWordWrap(True)
        self.affected_label.setAccessibleName(QCoreApplication.translate("RosterDialogs", "请假期间已排的班次"))
        self.replan_button = _button(QCoreApplication.translate("RosterDialogs", "重新排这几天的班(&P)"))
        self.substitute_button = _button(QCoreApplication.translate("RosterDialogs", "逐个安排替班(&B)"))
        self.later_button = _button(QCoreApplication.translate("RosterDialogs", "以后再说(&L)"))
        self.after = QWidget()
        after = QVBoxLayout(self.after)
        after.setContentsMargins(0, 0, 0, 0)
        after.addWidget(self.affected_label)
        row = QHBoxLayout()
        for b in (self.replan_button, self.substitute_button, self.later_button):
            row.addWidget(b)
        row.addStretch(1)
        after.addLayout(row)
        self.after.hide()
        self.body.addWidget(self.after)
        self._finish_layout()
        self.affected: list[PlannedSlot] = []
        self.replan_button.clicked.connect(self.replan)
        self.substitute_button.clicked.connect(self.substitute_next)
        self.later_button.clicked.connect(self.accept)
        self.substitute_dialog: SubstituteDialog | None = None

    def save(self) -> bool:
        d = self.deputy_combo.currentData()
        self.errors.clear()
        if d is None:
            self.errors.show(QCoreApplication.translate("RosterDialogs", "请选择请假的代表。"), "deputy_id")
            return False
        start, end = _pydate(self.from_edit), _pydate(self.to_edit)
        done = self._attempt("leave", lambda: add_unavailability(self.db, self.actor, d.id, start, end,
                                                                 self.reason_edit.text().strip()))
        if done is None:
            return False
        self.changed.emit(ROSTER_CHANGED)
        for w in (self.deputy_combo, self.from_edit, self.to_edit, self.reason_edit, self.ok_button):
            w.setEnabled(False)
        self.affected = planned_slots(self.db, max(start, self.today), end, d.id)
        if not self.affected:
            self.affected_label.setText(QCoreApplication.translate("RosterDialogs", "已登记{0}的请假。这段时间没有给{0}排班。").format(d.name))
            self.replan_button.hide()
            self.substitute_button.hide()
            self.later_button.setText(QCoreApplication.translate("RosterDialogs", "完成(&O)"))
        else:
            self.affected_label.setText(QCoreApplication.translate("RosterDialogs", "已登记{0}的请假。{0}在这段时间已排班 {1} 次：{2}。请选择怎么处理（重新排班会替换这几天原有的排班，包括换班、替班）：").format(
                d.name, len(self.affected), "、".join(day_text(p.date) + slot_text(p.slot) for p in self.affected)))
        self.after.show()
        self.later_button.setFocus()
        return True

    def replan(self) -> RosterPlan | None:
        """Plan the leave's days again (from today at the earliest): the deputy on leave is left out."""
        if not self.affected:
            return None
        start, end = self.affected[0].date, self.affected[-1].date
        plan = self._attempt("re-plan after leave",
                             lambda: generate_and_save(self.db, self.actor, start, end, today=self.today))
        if plan is None:
            return None
        self.changed.emit(ROSTER_CHANGED)
        warn = "".join("\n" + QCoreApplication.translate("RosterDialogs", "注意：") + w for w in plan.roster.warnings)
        self.affected_label.setText(QCoreApplication.translate("RosterDialogs", "已重新排好 {0} 至 {1} 的班，共 {2} 个班次。").format(
            day_text(start), day_text(end), len(plan.roster.assignments)) + warn)
        self.affected = []
        self.replan_button.hide()
        self.substitute_button.hide()
        self.later_button.setText(QCoreApplication.translate("RosterDialogs", "完成(&O)"))
        return plan

    def substitute_next(self) -> SubstituteDialog | None:
        """A 替班 dialog for the first slot the leave still touches (then the next, …)."""
        if not self.affected:
            return None
        from ..services.duty.roster import duty_deputies

        first = self.affected[0]
        dialog = SubstituteDialog(self.db, self.actor, self.affected, duty_deputies(self.db), parent=self,
                                  lang=self.lang, slot=first)
        dialog.changed.connect(self.changed)
        dialog.accepted.connect(self._substituted)
        self.substitute_dialog = dialog
        dialog.open()
        return dialog

    def _substituted(self) -> None:
        dialog = self.substitute_dialog
        if dialog is None:
            return
        done = dialog.slot_combo.currentData()
        self.affected = [p for p in self.affected if p != done]
        if self.affected:
            self.affected_label.setText(QCoreApplication.translate("RosterDialogs", "还有 {0} 个班次需要安排：{1}。").format(
                len(self.affected), "、".join(day_text(p.date) + slot_text(p.slot) for p in self.affected)))
        else:
            self.affected_label.setText(QCoreApplication.translate("RosterDialogs", "请假期间的班次都已安排替班。"))
            self.replan_button.hide()
            self.substitute_button.hide()
            self.later_button.setText(QCoreApplication.translate("RosterDialogs", "完成(&O)"))
