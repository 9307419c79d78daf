"""The 代表名单 page's smaller dialogs: a deputy leaves office (离任, with a date and a confirmation), the import
preview (what a file would change, before anything is saved), and a deputy's sign-in account (open one with a
first PIN, or give a new PIN; administrators only, the services decide)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..services.duty.accounts_admin import DeputyListRow, open_deputy_account, reset_deputy_pin
from ..services.duty.deputies import DeputyView, ImportResult, end_term
from .activity_dialog import fit_to_screen, weekday_text
from .forms import FieldErrors
from .session import DeskSession

log = logging.getLogger(__name__)


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str, *, enter_confirms: bool) -> tuple[
        QDialogButtonBox, QPushButton, QPushButton]:
    box = QDialogButtonBox()
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    ok.setAutoDefault(enter_confirms)
    ok.setDefault(enter_confirms)
    cancel.setAutoDefault(not enter_confirms)
    cancel.setDefault(not enter_confirms)
    box.rejected.connect(dialog.reject)
    return box, ok, cancel


class EndTermDialog(QDialog):
    """办理离任: the last day in office; Enter on the untouched dialog does nothing harmful (关闭 is the default)."""

    def __init__(self, session: DeskSession, deputy: DeputyView, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db
        self.deputy = deputy
        self.saved: DeputyView | None = None
        self.setWindowTitle(self.tr("办理代表离任"))
        intro = QLabel(self.tr("{0}（{1}）离任后不再出现在值班和签到名单里；以前的值班、接待和活动记录全部保留。")
                       .format(deputy.name, deputy.level_zh))
        intro.setWordWrap(True)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = local_today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.weekday = QLabel()
        self.message = _error_label()
        self.errors = FieldErrors(self.message)
        form = QFormLayout()
        self.errors.add_row(form, "until", self.tr("离任日期(&D)："), self.date_edit, self.tr("离任日期"))
        form.addRow("", self.weekday)
        self.buttons, self.ok_button, self.cancel_button = _buttons(
            self, self.tr("确认离任(&O)"), self.tr("关闭"), enter_confirms=False)
        self.ok_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(self._show_weekday)
        self._show_weekday()
        self.setMinimumWidth(min(520, fit_width(self)))
        fit_to_screen(self)

    def day(self) -> dt.date:
        d = self.date_edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def _show_weekday(self, *_args: object) -> None:
        self.weekday.setText(weekday_text(self.day(), self.session.lang))

    def save(self) -> None:
        self.errors.clear()
        try:
            self.saved = end_term(self.db, self.session.require_actor(), self.deputy.id, self.day())
        except Exception as exc:
            if not isinstance(exc, DomainError):
                log.exception("ending a term failed")
            self.errors.show_exception(exc, self.session.lang)
            return
        self.accept()


class ImportPreviewDialog(QDialog):
    """What importing a file would do, read without saving (``import_deputies(dry_run=True)``); 确认导入 saves.
    With nothing to import, only 关闭 is offered."""

    def __init__(self, file_name: str, preview: ImportResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入代表名单：先看一看"))
        lines = [self.tr("文件：{0}").format(file_name),
                 self.tr("将新增 {0} 位代表，更新 {1} 位代表。").format(preview.created, preview.updated)]
        if preview.errors:
            lines.append(self.tr("下面 {0} 行有问题，不会导入（其余各行照常导入）：").format(len(preview.errors)))
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)
        self.error_list = QPlainTextEdit("\n".join(e.message for e in preview.errors))
        self.error_list.setReadOnly(True)
        self.error_list.setAccessibleName(self.tr("有问题的行"))
        self.error_list.setVisible(bool(preview.errors))
        self.error_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 8 + 16)
        anything = preview.created + preview.updated > 0
        self.buttons, self.ok_button, self.cancel_button = _buttons(
            self, self.tr("确认导入(&O)"), self.tr("不导入"), enter_confirms=False)
        self.ok_button.setVisible(anything)
        self.ok_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_list, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(640, fit_width(self)))
        fit_to_screen(self)


class AccountDialog(QDialog):
    """开通值班账号 (login + first PIN) or 重置密码 (a new PIN, or a random one shown once)."""

    def __init__(self, session: DeskSession, row: DeputyListRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db
        self.row = row
        self.opening = row.account is None
        self.result_text = ""
        d = row.deputy
        self.setWindowTitle(self.tr("开通值班账号") if self.opening else self.tr("重置密码"))
        intro = QLabel((self.tr("为 {0} 开通签到用的值班账号。") if self.opening else
                        self.tr("为 {0} 设一个新密码；输错密码的等待也一并解除。")).format(d.name))
        intro.setWordWrap(True)
        self.message = _error_label()
        self.errors = FieldErrors(self.message)
        form = QFormLayout()
        self.login_edit = QLineEdit((d.code or "").lower() if self.opening else (row.account.login if row.account
                                                                                   else ""))
        self.login_edit.setMaxLength(40)
        self.login_edit.setReadOnly(not self.opening)
        self.errors.add_row(form, "login", self.tr("登录名(&L)："), self.login_edit, self.tr("登录名"),
                            self.tr("签到时输入的证号或登录名") if self.opening else "")
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.setPlaceholderText(self.tr("4–12 位数字") if self.opening else self.tr("4–12 位数字；不填则自动生成"))
        self.errors.add_row(form, "pin", self.tr("密码(&P)："), self.pin_edit, self.tr("密码"))
        self.again_edit = QLineEdit()
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit.setMaxLength(12)
        self.errors.add_row(form, "again", self.tr("再输一次(&R)："), self.again_edit, self.tr("再输一次密码"))
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setVisible(False)
        self.buttons, self.ok_button, self.cancel_button = _buttons(
            self, self.tr("开通(&O)") if self.opening else self.tr("重置(&O)"), self.tr("关闭"), enter_confirms=True)
        self.ok_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.done_label)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(520, fit_width(self)))
        fit_to_screen(self)
        (self.login_edit if self.opening and not self.login_edit.text() else self.pin_edit).setFocus()

    def save(self) -> None:
        self.errors.clear()
        pin = self.pin_edit.text()
        if pin != self.again_edit.text():
            self.errors.show(self.tr("两次输入的密码不一样，请再输一次。"), "again")
            return
        try:
            actor = self.session.require_actor()
            if self.opening:
                if not pin:
                    raise DomainError("pin_missing", self.tr("请为新账号设一个密码（4–12 位数字）。"), field="pin")
                account = open_deputy_account(self.db, actor, self.row.deputy.id, self.row.deputy.name, pin,
                                              self.login_edit.text().strip() or None)
                self.result_text = self.tr("已开通：登录名 {0}。请把密码当面告诉代表本人。").format(account.login)
            else:
                reset = reset_deputy_pin(self.db, actor, self.row.deputy.id, pin or None)
                self.result_text = (self.tr("密码已重置。") if pin else
                                    self.tr("新密码是 {0}，只显示这一次，请当面告诉代表本人。").format(reset.pin))
        except Exception as exc:
            if not isinstance(exc, DomainError):
                log.exception("deputy account change failed")
            self.errors.show_exception(exc, self.session.lang)
            return
        for w in (self.pin_edit, self.again_edit):
            w.clear()
            w.setEnabled(False)
        self.login_edit.setReadOnly(True)
        self.done_label.setText(self.result_text)
        self.done_label.setVisible(True)
        self.ok_button.setVisible(False)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()


def fit_width(widget: QWidget) -> int:
    from . import appearance

    return int(appearance.room(widget).width())
