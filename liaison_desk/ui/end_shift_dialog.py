"""签退交班: the end-of-shift summary (new visits, actions, what is due before the next duty day), a note for
the next deputy, printing the handover sheet, and signing out."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..services.desk.handover import HandoverSummary, shift_end_summary
from ..services.desk.shifts import sign_out
from .brief_model import B_DEADLINE, B_NUMBER, B_OVERDUE, B_STATUS, B_SUMMARY, B_URGENCY, CaseBriefModel
from .column_fit import keep_fitted, share_width
from .forms import friendly, make_table
from .session import DeskSession

log = logging.getLogger(__name__)


def print_handover(parent: QWidget, session: DeskSession, shift_id: uuid.UUID | None = None) -> str | None:
    """Open the handover sheet in the print preview; returns an error message when it could not (also shown)."""
    try:
        if session.actor is None:
            raise DomainError("not_signed_in", "请先签到。", message_en="Please sign in first.")
        from ..services.printing.jobs import DeliverLater
        from ..services.printing.jobs import print_handover as handover_pdf
        from .print_preview import open_preview

        later = DeliverLater()  # logged once the preview printed or saved it
        pdf = handover_pdf(session.db, session.actor, shift_id=shift_id or session.shift_id, deliver=later)

        open_preview(parent, bytes(pdf), QCoreApplication.translate("EndShiftDialog", "交接单"), document="handover",
                     on_delivered=later.record)
    except Exception as exc:
        if not isinstance(exc, (DomainError, ImportError)):
            log.exception("printing the handover sheet failed")
        message = friendly(exc, session.lang) if not isinstance(exc, ImportError) else QCoreApplication.translate(
            "EndShiftDialog", "这个版本还不能打印交接单；交接内容已保存，下一班签到时会看到。")
        label = getattr(parent, "print_error", None)
        if isinstance(label, QLabel):
            label.setText(message)
            label.setVisible(True)
        return message
    return None


class EndShiftDialog(QDialog):
    """Emits ``signed_out`` after the shift was closed in the database."""

    signed_out = Signal()

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._lang = session.lang
        self.setWindowTitle(self.tr("签退交班"))
        self.setMinimumSize(860, 600)
        self.summary: HandoverSummary | None = None
        heading = QLabel(self.tr("签退交班"))
        heading.setObjectName("dialogHeading")
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName(self.tr("本班小结"))
        due_heading = QLabel(self.tr("下个值班日前要办的事："))
        due_heading.setObjectName("sectionHeading")
        self.due_model = CaseBriefModel(lang=self._lang, parent=self)
        self.due_table = make_table(self.due_model, self.tr("下个值班日前要办的事"), self)
        self.due_table.setColumnHidden(B_URGENCY, True)  # room for the summary (the case page has it)
        keep_fitted(self.due_table, B_SUMMARY, (B_NUMBER, B_DEADLINE, B_OVERDUE), optional=(B_STATUS,))
        note_label = QLabel(self.tr("给下一班的留言(&M)："))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setAccessibleName(self.tr("给下一班的留言"))
        self.note_edit.setPlaceholderText(self.tr("例如：王大爷下午会来问灌溉渠的事，答复已在案件里。"))
        self.note_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        note_label.setBuddy(self.note_edit)
        self.print_error = QLabel()
        self.print_error.setObjectName("formError")
        self.print_error.setWordWrap(True)
        self.print_error.setVisible(False)
        self.print_button = QPushButton(self.tr("打印交接单(&P)"))
        self.print_button.setAccessibleName(self.tr("打印交接单"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(lambda: print_handover(self, self.session))
        self.sign_out_button = QPushButton(self.tr("签退(&S)"))
        self.sign_out_button.setAccessibleName(self.tr("签退"))
        self.sign_out_button.setDefault(True)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.cancel_button = QPushButton(self.tr("继续值班(&C)"))
        self.cancel_button.setAccessibleName(self.tr("继续值班"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_out_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.addWidget(heading)
        outer.addWidget(self.figures)
        outer.addWidget(due_heading)
        outer.addWidget(self.due_table, 1)
        outer.addWidget(note_label)
        outer.addWidget(self.note_edit)
        outer.addWidget(self.print_error)
        outer.addLayout(buttons)
        QWidget.setTabOrder(self.note_edit, self.sign_out_button)
        QWidget.setTabOrder(self.sign_out_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.print_button)
        self.load()
        self.note_edit.setFocus()

    def load(self) -> None:
        shift_id = self.session.shift_id if self.session.actor else None
        try:
            s = shift_end_summary(self.session.db, shift_id)
        except Exception as exc:
            log.exception("end-of-shift summary failed")
            self.figures.setText(friendly(exc, self._lang))
            return
        self.summary = s
        self.figures.setText(self.tr(
            "本班（{0:%H:%M}–{1:%H:%M}）：来访 {2} 批，新登记案件 {3} 件，办理 {4} 项。\n"
            "下个值班日：{5}。到那天为止要办的事 {6} 件（已超期 {7} 件）。").format(
            s.window_start, s.window_end, s.new_visits_total, s.new_cases_total, s.actions_total,
            s.next_duty_day.isoformat(), len(s.due_before_next_duty), s.overdue_total))
        self.due_model.set_rows(s.due_before_next_duty)
        share_width(self.due_table, B_SUMMARY, (B_NUMBER, B_DEADLINE, B_OVERDUE), optional=(B_STATUS,))

    def sign_out(self) -> bool:
        actor, shift_id = self.session.actor, self.session.shift_id
        try:
            if actor is not None and shift_id is not None:  # staff and administrators have no shift to close
                out = sign_out(self.session.db, actor, shift_id, note=self.note_edit.toPlainText().strip())
                self.session.publish(out.changes)
        except Exception as exc:  # the dialog stays open with the note
            if not isinstance(exc, DomainError):
                log.exception("sign-out failed")
            self.print_error.setText(friendly(exc, self._lang))
            self.print_error.setVisible(True)
            return False
        self.signed_out.emit()
        self.accept()
        return True
