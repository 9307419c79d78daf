"""The case page: what the case is, its timeline of events, and only the actions the workflow allows now."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocab import URGENCY, label
from ..domain.workflow import (
    CALL_OUTCOME_LABELS,
    EVENT_LABELS,
    REPLY_CLASS_LABELS,
    EventKind,
    Role,
    letters_available,
)
from ..services.cases.actions import CaseActed, CaseView, get_case, set_public_summary
from ..services.changes import Changes
from ..services.desk import lookups
from ..services.desk.settings import get_settings
from .action_dialog import (
    RESOLUTION_LABELS,
    SATISFACTION_LABELS,
    ActionDialog,
    action_label,
    day_text,
    level_text,
    needs_dialog,
    perform,
)
from .appearance import fit_to_screen
from .case_table_model import status_label, triage_long
from .forms import friendly
from .session import DeskSession

log = logging.getLogger(__name__)

# The order buttons appear in: the usual next step first, the rarer ones after.
ACTION_ORDER = (EventKind.ACCEPT, EventKind.ASSIGN, EventKind.START, EventKind.REPLY, EventKind.SUPERVISE,
                EventKind.FOLLOW_UP, EventKind.CALL_ATTEMPT, EventKind.CLOSE, EventKind.REOPEN,
                EventKind.PROMISE_CALLBACK, EventKind.LINK_DUPLICATE, EventKind.WITHDRAW, EventKind.NOTE)
# Each action's key (Alt+letter), one per action, none taken by the page's other buttons (补打回执 P, 交办函 J,
# 督办通知 U, 关闭 C) nor by another action: the same letter whatever the stage, so a deputy learns it once.
ACTION_KEYS = {
    EventKind.ACCEPT: "A", EventKind.ASSIGN: "G", EventKind.START: "K", EventKind.REPLY: "D",
    EventKind.SUPERVISE: "B", EventKind.FOLLOW_UP: "H", EventKind.CALL_ATTEMPT: "T", EventKind.CLOSE: "E",
    EventKind.REOPEN: "R", EventKind.PROMISE_CALLBACK: "Y", EventKind.LINK_DUPLICATE: "L",
    EventKind.WITHDRAW: "W", EventKind.NOTE: "N",
}
# who may see a visitor's full number on screen (to call back); others see it masked by the service
CALLER_ROLES = (Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN)
_DATA_LABELS = {"text": ("说明", "Note"), "deadline": ("期限", "Deadline"), "escalation_level": ("督办级别", "Level"),
                "callback_due": ("回电日期", "Call back on"), "deadline_workdays": ("工作日", "Working days"),
                # what the county's actions carry (issue 15): who handles it, a new date, how it is supervised
                "department": ("承办单位", "Department"), "co_departments": ("会办单位", "Co-handlers"),
                "new_deadline": ("延期至", "Extended to"), "supervision_level": ("督办方式", "Supervision")}


def _enum_label(labels: dict, value: Any, lang: str) -> str:
    for key, (zh, en) in labels.items():
        if key.value == value:
            return en if lang == "en" else zh
    return str(value or "")


ACTIONS_PER_ROW = 5
FACTS_PER_ROW = 3


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class CasePage(QDialog):
    """Non-modal: several cases can be open side by side. ``changed`` after every recorded action; ``loaded``
    after every read. Follows the desk's ``changed`` signal: reloads when a write (here, elsewhere, or applied
    by a background sync) concerns its case."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, session: DeskSession, case_id: uuid.UUID, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self._lang = session.lang
        self.view: CaseView | None = None
        self.action_dialog: ActionDialog | None = None
        self.action_buttons: dict[EventKind, QPushButton] = {}
        self.public_dialog: QInputDialog | None = None
        self.setMinimumSize(760, 520)
        fit_to_screen(self, 1180, 700)
        self._build()
        self.reload()
        if session.signals is not None:
            session.signals.changed.connect(self._desk_changed)

    def _desk_changed(self, changes: Changes) -> None:
        if changes.concerns_case(self.case_id):
            self.reload()

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("dialogHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Who came first (to call them back), then where the case stands; three facts a row across the page, so
        # the page fits a 1366×728 screen in large type.
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(10)
        self.facts.setVerticalSpacing(4)
        self.fact_labels: dict[str, QLabel] = {}
        captions = {"visitor": self.tr("来访人："), "phone": self.tr("联系电话："), "village": self.tr("村（社区）："),
                    "registered_at": self.tr("登记时间："), "received_by": self.tr("接待代表："),
                    "callback_due": self.tr("约定回电："), "status": self.tr("状态："), "triage": self.tr("分办颜色："),
                    "urgency": self.tr("紧急程度："), "category": self.tr("类别："), "department": self.tr("承办单位："),
                    "deadline": self.tr("办理期限："), "resolution": self.tr("解决情况："),
                    "satisfaction": self.tr("满意度："), "escalation": self.tr("督办级别：")}
        for n, (key, caption) in enumerate(captions.items()):
            value = QLabel()
            value.setAccessibleName(caption.rstrip("："))
            value.setWordWrap(True)
            title = QLabel(caption)
            title.setBuddy(value)
            row, col = divmod(n, FACTS_PER_ROW)
            self.facts.addWidget(title, row, 2 * col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(value, row, 2 * col + 1, Qt.AlignmentFlag.AlignTop)
            self.facts.setColumnStretch(2 * col + 1, 1)
            self.fact_labels[key] = value
        self.content = QPlainTextEdit()
        self.content.setReadOnly(True)
        self.content.setTabChangesFocus(True)
        self.content.setAccessibleName(self.tr("反映内容"))
        self.timeline = QListWidget()
        self.timeline.setAccessibleName(self.tr("办理经过"))
        self.timeline.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.no_actions = QLabel(self.tr("当前身份在这个阶段没有可办理的事项。"))
        self.actions_row = QGridLayout()  # wraps: some stages allow eight actions, too wide for one row in English
        self.receipt_button = QPushButton(self.tr("补打回执(&P)"))
        self.receipt_button.setAccessibleName(self.tr("补打回执"))
        self.receipt_button.setAutoDefault(False)
        self.receipt_button.clicked.connect(self.reprint_receipt)
        self.letter_buttons: dict[str, QPushButton] = {}  # "assignment": 交办函, "supervision": 督办通知
        for kind, text, name in (("assignment", self.tr("打印交办函(&J)"), self.tr("打印交办函")),
                                 ("supervision", self.tr("打印督办通知(&U)"), self.tr("打印督办通知"))):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            button.setVisible(False)  # shown once the case has an assignment / a supervision (reload)
            button.clicked.connect(lambda _checked=False, k=kind: self.print_letter(k))
            self.letter_buttons[kind] = button
        # 公示摘要: staff approve the wording the wall notice prints for this case
        self.public_button = QPushButton(self.tr("公示摘要(&S)…"))
        self.public_button.setAccessibleName(self.tr("审定公示摘要"))
        self.public_button.setAutoDefault(False)
        self.public_button.setVisible(False)  # staff and administrators only (reload)
        self.public_button.clicked.connect(self.edit_public_summary)
        self.close_button = QPushButton(self.tr("关闭(&C)"))
        self.close_button.setAccessibleName(self.tr("关闭案件页"))
        self.close_button.clicked.connect(self.close)

        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        content_heading = QLabel(self.tr("反映内容"))
        content_heading.setObjectName("sectionHeading")
        timeline_heading = QLabel(self.tr("办理经过"))
        timeline_heading.setObjectName("sectionHeading")
        grid.addWidget(content_heading, 0, 0)
        grid.addWidget(timeline_heading, 0, 1)
        grid.addWidget(self.content, 1, 0)
        grid.addWidget(self.timeline, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        actions_heading = QLabel(self.tr("可以办理："))
        actions_heading.setObjectName("sectionHeading")
        bottom = QHBoxLayout()
        bottom.addWidget(actions_heading)
        bottom.addLayout(self.actions_row)
        bottom.addWidget(self.no_actions)
        bottom.addStretch(1)
        # The printouts on a row of their own: with the case's actions on one row they squeezed the buttons.
        printing = QHBoxLayout()
        print_heading = QLabel(self.tr("打印："))
        print_heading.setObjectName("sectionHeading")
        printing.addWidget(print_heading)
        printing.addWidget(self.receipt_button)
        for button in self.letter_buttons.values():
            printing.addWidget(button)
        printing.addWidget(self.public_button)
        printing.addStretch(1)
        printing.addWidget(self.close_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.addWidget(self.heading)
        outer.addLayout(self.facts)
        outer.addLayout(grid, 1)
        outer.addWidget(self.error)
        outer.addLayout(bottom)
        outer.addLayout(printing)

    # -- content ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            v = get_case(self.session.db, self.case_id, self.session.role, actor=self.session.actor)
            events = lookups.case_timeline(self.session.db, self.case_id)
        except Exception as exc:
            log.exception("could not load case %s", self.case_id)
            self.error.setText(friendly(exc, self._lang))
            self.error.setVisible(True)
            return
        self.view = v
        self.setWindowTitle(self.tr("案件 {0}").format(v.number))
        self.heading.setText(f"{v.number}　{v.summary}")
        f = self.fact_labels
        f["visitor"].setText(v.visitor_names or "—")
        f["phone"].setText(v.visitor_phone or "—")
        f["phone"].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f["registered_at"].setText(f"{day_text(v.registered_at.date(), self._lang)} {v.registered_at:%H:%M}")
        f["received_by"].setText(v.received_by or "—")
        f["callback_due"].setText(day_text(v.callback_due, self._lang) or "—")
        f["status"].setText(status_label(v.status, self._lang))
        f["triage"].setText(triage_long(v.triage, self._lang))
        f["urgency"].setText(label(URGENCY, v.urgency, self._lang))
        f["category"].setText(v.category or "—")
        f["village"].setText(v.village or "—")
        f["department"].setText(v.department or "—")
        f["deadline"].setText(day_text(v.deadline, self._lang) or "—")
        f["resolution"].setText(_enum_label(RESOLUTION_LABELS, v.resolution, self._lang) or "—")
        f["satisfaction"].setText(_enum_label(SATISFACTION_LABELS, v.satisfaction, self._lang) or "—")
        f["escalation"].setText(level_text(v.escalation_level) if v.escalation_level else "—")
        self.content.setPlainText(v.content)
        self.timeline.clear()
        for e in events:
            self.timeline.addItem(self._event_text(e))
        letters = letters_available(v.status, has_department=bool(v.department),
                                    event_kinds=[e.kind for e in events])  # the timeline is in the fold's order
        self.letter_buttons["assignment"].setVisible(letters.assignment)
        self.letter_buttons["supervision"].setVisible(letters.supervision)
        self.public_button.setVisible(self.session.role in (Role.STAFF, Role.ADMIN))
        self._build_actions(v.allowed)
        self.loaded.emit()

    def _event_text(self, e: Any) -> str:
        try:
            zh, en = EVENT_LABELS[EventKind(e.kind)]
            verb = en if self._lang == "en" else zh
        except ValueError:
            verb = e.kind
        details = []
        for key, value in e.data.items():
            if key == "escalation_level" and value:
                value = level_text(int(value))
            elif key in ("deadline", "callback_due", "new_deadline") and value:
                value = day_text(_date(value), self._lang) or value
            elif key == "co_departments" and isinstance(value, list):
                value = "、".join(str(v) for v in value)
            if key == "outcome":
                details.append(_enum_label(CALL_OUTCOME_LABELS, value, self._lang))
            elif key in _DATA_LABELS:
                zh, en = _DATA_LABELS[key]
                details.append(f"{en if self._lang == 'en' else zh}：{value}")
            elif key == "resolution":
                details.append(_enum_label(RESOLUTION_LABELS, value, self._lang))
            elif key == "satisfaction":
                details.append(_enum_label(SATISFACTION_LABELS, value, self._lang))
            elif key == "reply_class":
                details.append(_enum_label(REPLY_CLASS_LABELS, value, self._lang))
            elif key == "on":
                marked = ("列入重点督办", "Put on key supervision") if value else ("移出重点督办", "Taken off key supervision")
                details.append(marked[self._lang == "en"])
            elif key == "reply_letter" and isinstance(value, dict):  # the signed 答复函 is kept at the hub
                size = f"{max(int(value.get('size') or 0) // 1024, 1)} KB"
                details.append(f"Signed reply letter: {value.get('name')} ({size}, kept at the county)"
                                if self._lang == "en" else f"答复函：{value.get('name')}（{size}，存县级平台）")
        line = f"{e.occurred_at.strftime('%Y-%m-%d %H:%M')}  {verb}  {e.actor_name}"
        return line + ("\n    " + "；".join(details) if details else "")

    def _build_actions(self, allowed: tuple[str, ...]) -> None:
        for button in self.action_buttons.values():
            self.actions_row.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop; the old buttons must vanish now
            button.setParent(None)
            button.deleteLater()
        self.action_buttons = {}
        kinds = [k for k in ACTION_ORDER if k.value in allowed]
        previous: QWidget | None = None
        for n, kind in enumerate(kinds):
            text = action_label(kind, self._lang) + f"(&{ACTION_KEYS[kind]})" + ("…" if needs_dialog(kind) else "")
            button = QPushButton(text)
            button.setAccessibleName(action_label(kind, self._lang))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, k=kind: self.start_action(k))
            per_row = ACTIONS_PER_ROW - (self._lang == "en")  # English labels are longer
            self.actions_row.addWidget(button, n // per_row, n % per_row)
            self.action_buttons[kind] = button
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button
        if previous is not None:
            QWidget.setTabOrder(previous, self.receipt_button)
        previous = self.receipt_button
        for button in self.letter_buttons.values():
            QWidget.setTabOrder(previous, button)
            previous = button
        QWidget.setTabOrder(previous, self.close_button)
        self.no_actions.setVisible(not kinds)

    # -- actions ------------------------------------------------------------------------------------------
    def start_action(self, kind: EventKind) -> None:
        self.error.setVisible(False)
        if needs_dialog(kind):
            level = self.view.escalation_level if self.view else 0
            self.action_dialog = ActionDialog(self.session, self.case_id, kind, escalation=level,
                                              callee=self.callee_text(kind), parent=self)
            self.action_dialog.recorded.connect(self._after_action)
            self.action_dialog.open()
            return
        try:
            acted = perform(self.session, self.case_id, kind, parent=self)
        except Exception as exc:
            if not hasattr(exc, "field"):
                log.exception("case action %s failed", kind)
            self.error.setText(friendly(exc, self._lang))
            self.error.setVisible(True)
            return
        self._after_action(acted)

    def callee_text(self, kind: EventKind) -> str:
        """Whom to call, for the actions made on the phone: the name and the full number (on screen only)."""
        v = self.view
        calls = (EventKind.PROMISE_CALLBACK, EventKind.CALL_ATTEMPT, EventKind.FOLLOW_UP)
        if v is None or kind not in calls or self.session.role not in CALLER_ROLES:
            return ""
        return self.tr("回电给：{0}　电话：{1}").format(v.visitor_names or "—", v.visitor_phone or self.tr("（没有留电话）"))

    def reprint_receipt(self) -> None:
        """The visitor lost the slip, or the printer jammed: the same slip, marked 补打 with the time."""
        self.error.setVisible(False)
        view = self.view
        if view is None:  # the case could not be read: the page says so already
            return
        try:
            from ..services.printing import jobs
            from .print_preview import open_preview

            width = str(get_settings(self.session.db).receipt_width_mm)  # this PC's paper
            later = jobs.DeliverLater()  # logged once the preview printed or saved it
            pdf = jobs.print_receipt(self.session.db, self.session.require_actor(), view.number, width=width,
                                     deliver=later)
            open_preview(self, pdf, self.tr("回执 {0}").format(view.number), document="receipt",
                         receipt_width=width, on_delivered=later.record)
        except Exception as exc:
            if not hasattr(exc, "field"):
                log.exception("receipt reprint failed")
            self.error.setText(friendly(exc, self._lang))
            self.error.setVisible(True)

    def print_letter(self, kind: str) -> bytes | None:
        """交办函 / 督办通知 of this case, built off the UI thread (again: 补打), previewed; logged once printed."""
        self.error.setVisible(False)
        view = self.view
        if view is None:  # the case could not be read: the page says so already
            return None
        title = (self.tr("交办函 {0}") if kind == "assignment" else self.tr("督办通知 {0}")).format(view.number)
        try:
            from ..services.printing import jobs
            from .print_preview import build_in_background, open_preview

            later = jobs.DeliverLater()  # logged once the preview printed or saved it
            pdf = build_in_background(self, title, jobs.print_letter, self.session.db, self.session.actor,
                                      view.number.strip(), kind, deliver=later)
            if pdf is None:  # cancelled
                return None
            open_preview(self, pdf, title, document="letter",  # the PrintedPdf: its glyph warnings are shown
                         on_delivered=later.record)
        except Exception as exc:
            if not hasattr(exc, "field"):
                log.exception("letter print failed")
            self.error.setText(friendly(exc, self._lang))
            self.error.setVisible(True)
            return None
        return bytes(pdf)

    def edit_public_summary(self) -> None:
        """公示摘要: the line the wall notice prints for this case, prefilled with what it prints now."""
        self.error.setVisible(False)
        try:
            from ..services.printing.docs import public_notice_line

            line = public_notice_line(self.session.db, self.case_id)
        except Exception as exc:
            if not hasattr(exc, "field"):
                log.exception("public summary could not be read")
            self.error.setText(friendly(exc, self._lang))
            self.error.setVisible(True)
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("公示摘要"))
        dialog.setLabelText(self.tr("张贴公示时这个案件印作（不超过 60 字，不写姓名和号码；清空则印村、类别和办理结果）："))
        dialog.setTextValue(line.printed)
        dialog.setOkButtonText(self.tr("保存"))
        dialog.setCancelButtonText(self.tr("取消"))
        dialog.textValueSelected.connect(lambda text: self.save_public_summary(text, line.default))
        self.public_dialog = dialog
        dialog.open()

    def save_public_summary(self, text: str, default: str = "") -> None:
        """Saves the approved wording; the default wording kept unchanged stays the default (it follows the
        result as the case moves on)."""
        self.error.setVisible(False)
        if default and text.strip() == default:
            text = ""
        try:
            changes = set_public_summary(self.session.db, self.session.require_actor(), self.case_id, text)
        except Exception as exc:
            if not hasattr(exc, "field"):
                log.exception("public summary not saved")
            self.error.setText(friendly(exc, self._lang))
            self.error.setVisible(True)
            return
        self._published(changes)

    def _after_action(self, acted: CaseActed) -> None:
        self._published(acted.changes)

    def _published(self, changes: Changes) -> None:
        if self.session.signals is not None:
            self.session.publish(changes)  # this page reloads with the others it concerns
        else:
            self.reload()
        self.changed.emit()
