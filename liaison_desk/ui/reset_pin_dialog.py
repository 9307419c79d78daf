"""重置账号密码: an administrator picks an account and gives it a new PIN (``accounts.reset_pin`` does it and
decides who may; this dialog only asks and shows the result)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.workflow import Role
from ..services.desk.accounts import reset_pin
from ..services.desk.lookups import list_operators
from .forms import friendly
from .session import DeskSession

log = logging.getLogger(__name__)


class ResetPinDialog(QDialog):
    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db  # services.Database (the session is drawn before the ORM is loaded)
        self.setWindowTitle(self.tr("重置账号密码"))
        self.setMinimumWidth(460)
        roles = {Role.DUTY_DEPUTY.value: self.tr("值班代表"), Role.STAFF.value: self.tr("工作人员"),
                 Role.ADMIN.value: self.tr("管理员")}
        self.account_combo = QComboBox()
        self.account_combo.setAccessibleName(self.tr("账号"))
        db: Any = session.db
        for choice in list_operators(db):
            self.account_combo.addItem(f"{choice.name}（{roles.get(choice.detail, choice.detail)}，{choice.code}）",
                                       choice.id)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setAccessibleName(self.tr("新密码"))
        self.pin_edit.setPlaceholderText(self.tr("4–12 位数字；不填则自动生成"))
        self.again_edit = QLineEdit()
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit.setAccessibleName(self.tr("再输一次新密码"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("formError")
        form = QFormLayout()
        form.addRow(self.tr("账号(&A)："), self.account_combo)
        form.addRow(self.tr("新密码(&P)："), self.pin_edit)
        form.addRow(self.tr("再输一次(&R)："), self.again_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("重置密码"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.reset)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def reset(self) -> str | None:
        """Reset the chosen account's PIN; the outcome (or the reason it was refused) is shown here.
        Returns the new PIN, or None."""
        pin, again = self.pin_edit.text().strip(), self.again_edit.text().strip()
        if pin != again:
            self.message.setText(self.tr("两次输入的新密码不一致。"))
            return None
        account = self.account_combo.currentData()
        if account is None or self.session.actor is None:
            self.message.setText(self.tr("请先选择账号。"))
            return None
        try:
            done = reset_pin(self.db, self.session.actor, account, pin or None)
        except Exception as exc:  # every failure becomes a message in the dialog
            if not isinstance(exc, DomainError):
                log.exception("resetting a PIN failed")
            self.message.setText(friendly(exc, self.session.lang))
            return None
        self.pin_edit.clear()
        self.again_edit.clear()
        if pin:
            self.message.setText(self.tr("已重置 {0} 的密码。").format(done.display_name))
        else:
            self.message.setText(self.tr("已重置 {0} 的密码，新密码：{1}（请转告本人，此密码只显示这一次）。")
                                 .format(done.display_name, done.pin))
        return done.pin
