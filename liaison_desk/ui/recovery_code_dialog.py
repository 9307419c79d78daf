"""数据库恢复码 at the desk (issue 17): a station encrypted when it was upgraded never saw the code its set-up
shows a new station (the wizard's page after the station is made). At the next start with an administrator
signed in the desk makes one (``services.admin.recovery_notice``) and shows it here, once, with the same
words as the wizard: to be copied down or printed.

The dialog cannot be dismissed unread: no button is the default (Enter does nothing), Esc and the window's
close button are ignored, and 关闭 is enabled only once 我已抄写保存 is ticked. Closing confirms the code
(it is not asked for again); a desk closed before that makes a new code at the next start. Printing goes
through ``print_code`` (a module function, so tests replace the system print dialog)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.workflow import Role
from .forms import friendly

if TYPE_CHECKING:
    from ..services.context import Actor

log = logging.getLogger(__name__)


def print_code(parent: QWidget, title: str, text: str) -> bool:
    """The code on paper through the system's print dialog; True when it was sent to a printer."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    doc = QTextDocument()
    doc.setDefaultFont(QFont("Noto Sans CJK SC", 14))
    doc.setPlainText(f"{title}\n\n{text}")
    doc.print_(printer)
    return True


class RecoveryCodeDialog(QDialog):
    """Shows ``code`` once; ``confirmed`` is True once the administrator ticked 我已抄写保存 and closed it."""

    def __init__(self, code: str, db: Any, actor: Any, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.code, self.db, self.actor, self._lang = code, db, actor, lang
        self.confirmed = self.printed = False
        self.setWindowTitle(self.tr("数据库恢复码"))
        self.setMinimumWidth(560)
        why = QLabel(self.tr("本站的数据库已在升级时加密，但还没有恢复码。下面是新生成的恢复码："))
        why.setWordWrap(True)
        self.code_label = QLabel(code)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("数据库恢复码"))
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setStyleSheet("QLabel { border: 2px solid #b07000; padding: 8px; }")
        keep = QLabel(self.tr("请抄下或打印并妥善保管：换电脑时要用它解开数据库（liaison-desk recover-key）。"
                              "此恢复码只显示这一次。"))
        keep.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel { color: #b00020; }")
        self.error_label.setVisible(False)
        self.print_button = QPushButton(self.tr("打印(&P)…"))
        self.print_button.setAccessibleName(self.tr("打印恢复码"))
        self.print_button.clicked.connect(self._print)
        self.saved_check = QCheckBox(self.tr("我已抄写保存(&S)"))
        self.saved_check.setAccessibleName(self.tr("我已抄写保存"))
        self.close_button = QPushButton(self.tr("关闭(&C)"))
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self._close)
        self.saved_check.toggled.connect(self.close_button.setEnabled)
        for button in (self.print_button, self.close_button):  # Enter must never dismiss it unread
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.saved_check)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addWidget(self.code_label)
        layout.addWidget(keep)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.saved_check.setFocus()

    def _print(self) -> None:
        try:
            if print_code(self, self.tr("联络站数据库恢复码"), self.code):
                self.printed = True
        except Exception as exc:
            log.exception("printing the recovery code failed")
            self._say(friendly(exc, self._lang))

    def _close(self) -> None:
        if not self.saved_check.isChecked():
            return
        from ..services.admin.recovery_notice import confirm_recovery_code

        try:
            confirm_recovery_code(self.db, self.actor, printed=self.printed)
        except Exception as exc:  # the code stays on the screen; it will be made again at the next start
            log.exception("confirming the recovery code failed")
            self._say(friendly(exc, self._lang))
            return
        self.confirmed = True
        self.accept()

    def _say(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def reject(self) -> None:  # Esc: not before the code was confirmed
        if self.confirmed:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # the window's close button: likewise
        if self.confirmed:
            super().closeEvent(event)
        else:
            event.ignore()


def offer_recovery_code(window: QWidget, db: Any, actor: Actor | None,
                        lang: str = "zh") -> RecoveryCodeDialog | None:
    """At the desk's start, after the sign-in: an administrator of a station with no confirmed code is shown
    a new one (window-modal, not blocking). Never stops the desk from starting (a failure is logged)."""
    if db is None or actor is None or actor.role is not Role.ADMIN:
        return None
    try:
        from ..services.admin.recovery_notice import issue_recovery_code, recovery_code_due

        if not recovery_code_due(db):
            return None
        code = issue_recovery_code(db, actor)
    except Exception:
        log.exception("could not make a recovery code at the start")
        return None
    if code is None:
        return None
    dialog = RecoveryCodeDialog(code, db, actor, lang, window)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    window.recovery_dialog = dialog  # type: ignore[attr-defined]  # kept alive while shown (and for tests)
    dialog.open()
    return dialog
