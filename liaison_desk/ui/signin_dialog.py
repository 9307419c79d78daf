"""值班签到: the duty deputy picks themself (or types / scans their code) and enters their PIN.

The same dialog is the idle lock: it then names who was signed in, and another person may sign in instead.
At start-up it sits inside the main window (``start``: the list read without the ORM, see
``services.startup``) while the database opens on a pool thread; a PIN entered before that is checked as soon
as the database is ready (``database_ready``).

When the PC's date looks wrong the service refuses the shift (``clock_unconfirmed``) after a right PIN; the
dialog then says so in a panel of its own with two plain choices, neither pressed by Enter: "日期没错，继续签到"
(remembered while the desk runs: the start-up box and the walk-in form do not ask again) or "先去改电脑日期"
(nothing is written).
"""

from __future__ import annotations

import itertools
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..services.desk.startup import Account, StartInfo, role_label
from .forms import friendly, set_invalid
from .session import DeskSession

if TYPE_CHECKING:  # the shifts service loads with the ORM, after this dialog is drawn
    from ..services.desk.shifts import SignedIn

log = logging.getLogger(__name__)

ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole


class SignInDialog(QDialog):
    """Accepted with ``signed`` (a ``services.desk.shifts.SignedIn``) once a PIN was right; rejected = quit the desk.

    ``locked_for``: the name of the person whose session was locked; None at the start of a shift. ``idle``: the
    lock came after ``idle_minutes`` without input (else someone locked the desk by hand). ``after``: the name
    of the person who just signed out (the next deputy signs in; that person is not pre-selected).

    Only a person who can sign in is ever chosen for the user: the one whose session was locked, or one on duty
    today with an account; otherwise nobody, and the search has the focus. Once a person is chosen the PIN field
    has the focus, and digits typed in the search box (while it holds no code) or in the list go there: a PIN
    never shows in clear. A deputy without an account is listed last, marked 无值班账号; choosing them says what
    to do and the PIN field stays off (no PIN is refused for a missing account).
    """

    def __init__(self, session: DeskSession, *, locked_for: str | None = None, parent: QWidget | None = None,
                 start: StartInfo | None = None, idle: bool = True, idle_minutes: int | None = None,
                 after: str | None = None):
        super().__init__(parent)
        self.session = session
        self._lang = session.lang
        self.locked_for = locked_for
        self.idle = idle
        self.idle_minutes = idle_minutes
        self.after = after
        self.start = start
        self.waiting = False  # a PIN was entered before the database was ready
        self.signed: SignedIn | None = None  # once the PIN was right
        self._accounts: list[Account] = []
        self._said_no_account = False  # the error line says a chosen person has no account
        self.setWindowTitle(self.tr("联络站值班台 — 已锁定") if locked_for else self.tr("联络站值班台 — 值班签到"))
        self.setModal(True)
        self.setMinimumSize(620, 560)
        self._build()
        self._fill()

    def _build(self) -> None:
        heading = QLabel(self.tr("值班台已锁定") if self.locked_for else self.tr("值班签到"))
        heading.setObjectName("dialogHeading")
        if self.locked_for and self.idle and self.idle_minutes:
            intro_text = self.tr("{0} 离开时间较长（{1} 分钟无人操作），值班台已自动锁定。请重新输入密码；"
                                 "换人值班请选择自己的名字。").format(self.locked_for, self.idle_minutes)
        elif self.locked_for and self.idle:
            intro_text = self.tr("{0} 离开时间较长，无人操作，值班台已自动锁定。请重新输入密码；"
                                 "换人值班请选择自己的名字。").format(self.locked_for)
        elif self.locked_for:
            intro_text = self.tr("值班台已锁定（由 {0} 锁定）。请输入密码解锁；换人值班请选择自己的名字。"
                                 ).format(self.locked_for)
        elif self.after:
            intro_text = self.tr("{0} 已签退交班。下一位值班人员请在名单中选择自己，再输入密码。").format(self.after)
        else:
            intro_text = self.tr("请在名单中选择自己（也可以输入或扫描值班编码），再输入密码。")
        if self._training():
            intro_text += "\n" + self.tr("培训库的密码：代表 1234，工作人员 1234，管理员 123456。")
        self.intro = intro = QLabel(intro_text)
        intro.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("输入姓名或编码查找，例如 D001"))
        self.code_edit.setAccessibleName(self.tr("姓名或值班编码"))
        self.code_edit.textChanged.connect(self._filter)
        self.accounts = QListWidget()
        self.accounts.setAccessibleName(self.tr("值班人员名单"))
        self.accounts.currentItemChanged.connect(self._other_account)
        self.pin_edit = QLineEdit()
        self.accounts.itemClicked.connect(lambda *_: self._code_entered())  # picked: on to the PIN
        self.accounts.itemDoubleClicked.connect(lambda *_: self._code_entered())  # Enter: keyPressEvent
        self.code_edit.installEventFilter(self)
        self.accounts.installEventFilter(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), self))
        self.pin_edit.setPlaceholderText(self.tr("4–12 位数字"))
        self.pin_edit.setAccessibleName(self.tr("密码"))
        self.pin_edit.textEdited.connect(lambda _t: self._clear_error())
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setAccessibleName(self.tr("错误提示"))
        self.sign_in_button = QPushButton(self.tr("签到(&S)") if not self.locked_for else self.tr("解锁(&S)"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAccessibleName(self.sign_in_button.text().split("(")[0])
        self.sign_in_button.clicked.connect(self.sign_in)
        self.quit_button = QPushButton(self.tr("退出值班台(&Q)"))
        self.quit_button.setAccessibleName(self.tr("退出值班台"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self._build_date_panel()

        find_label = QLabel(self.tr("查找(&F)："))
        find_label.setBuddy(self.code_edit)
        list_label = QLabel(self.tr("值班人员(&N)："))
        list_label.setBuddy(self.accounts)
        pin_label = QLabel(self.tr("密码(&P)："))
        pin_label.setBuddy(self.pin_edit)
        find = QHBoxLayout()
        find.addWidget(find_label)
        find.addWidget(self.code_edit, 1)
        pin = QHBoxLayout()
        pin.addWidget(pin_label)
        pin.addWidget(self.pin_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.addWidget(heading)
        outer.addWidget(intro)
        outer.addLayout(find)
        outer.addWidget(list_label)
        outer.addWidget(self.accounts, 1)
        outer.addLayout(pin)
        outer.addWidget(self.error)
        outer.addWidget(self.date_panel)
        outer.addLayout(buttons)
        for first, second in itertools.pairwise([self.code_edit, self.accounts, self.pin_edit, self.date_fix_button,
                                                 self.date_ok_button, self.sign_in_button, self.quit_button]):
            QWidget.setTabOrder(first, second)

    def _build_date_panel(self) -> None:
        """The question about a wrong-looking PC date (hidden until the service asks it)."""
        self.date_panel = QFrame()
        self.date_panel.setObjectName("dateWarning")
        self.date_panel.setVisible(False)
        heading = QLabel(self.tr("电脑日期可能不对"))
        heading.setObjectName("sectionHeading")
        self.date_message = QLabel()
        self.date_message.setWordWrap(True)
        self.date_message.setAccessibleName(self.tr("电脑日期可能不对"))
        self.date_fix_button = QPushButton(self.tr("先去改电脑日期"))
        self.date_ok_button = QPushButton(self.tr("日期没错，继续签到"))
        for button in (self.date_fix_button, self.date_ok_button):
            button.setAutoDefault(False)  # Enter decides nothing here: each is a deliberate click (or Space)
        self.date_fix_button.clicked.connect(self._date_to_fix)
        self.date_ok_button.clicked.connect(self._date_confirmed)
        row = QHBoxLayout()
        row.addWidget(self.date_fix_button)
        row.addStretch(1)
        row.addWidget(self.date_ok_button)
        box = QVBoxLayout(self.date_panel)
        box.setContentsMargins(12, 8, 12, 8)
        box.addWidget(heading)
        box.addWidget(self.date_message)
        box.addLayout(row)

    def _fill(self, *, focus: bool = True) -> None:
        self.accounts.clear()
        if self.session.db is None and self.start is not None:
            self._accounts = list(self.start.accounts)
        else:
            from ..services.desk.startup import list_accounts

            self._accounts = list_accounts(self.session.db)
        # who can sign in first (a stable sort: deputies on duty today, the others, staff, administrators)
        self._accounts.sort(key=lambda a: not a.can_sign_in)
        for n, account in enumerate(self._accounts):
            role = role_label(account.role, self._lang)
            text = f"{account.name}　（{role}）"
            if account.rostered_today:
                text += self.tr("　今日值班")
            if not account.can_sign_in:
                text += self.tr("　无值班账号")
            item = QListWidgetItem(text)
            item.setData(ACCOUNT_ID_ROLE, n)
            item.setData(Qt.ItemDataRole.UserRole + 1, f"{account.name} {account.code}".lower())
            item.setData(Qt.ItemDataRole.UserRole + 2, account.name)
            if not account.can_sign_in:
                item.setToolTip(self._no_account_text(account.name))
                item.setForeground(Qt.GlobalColor.gray)
            self.accounts.addItem(item)
        start = self._first_choice()
        self.accounts.setCurrentRow(start if start is not None else -1)
        if focus:
            (self.pin_edit if start is not None else self.code_edit).setFocus()

    def _first_choice(self) -> int | None:
        """The row chosen for the user: the person whose session was locked, else someone on duty today who
        can sign in (not the one who just signed out); else nobody."""
        if self.locked_for:
            return next((n for n, a in enumerate(self._accounts) if a.name == self.locked_for), None)
        return next((n for n, a in enumerate(self._accounts)
                     if a.rostered_today and a.can_sign_in and a.name != self.after), None)

    def _no_account_text(self, name: str) -> str:
        return self.tr("{0} 还没有值班账号，不能签到。请联系管理员开通值班账号；今天可以请工作人员签到后代为登记。"
                       ).format(name)

    def chosen(self) -> Account | None:
        """The person chosen on the list (highlighted, not hidden by the search), or None."""
        item = self.accounts.currentItem()
        if item is None or item.isHidden() or not item.isSelected():
            return None
        return self._accounts[item.data(ACCOUNT_ID_ROLE)]

    def focus_target(self) -> QWidget:
        """Where typing should start: the PIN field once a person who can sign in is chosen, else the search."""
        chosen = self.chosen()
        return self.pin_edit if chosen is not None and chosen.can_sign_in else self.code_edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A digit typed in the search box (holding no code: empty, or a name) or in the list, while a person
        is chosen, is the start of their PIN: it goes into the masked field, which takes the focus."""
        if (event.type() == QEvent.Type.KeyPress and watched in (self.code_edit, self.accounts)
                and isinstance(event, QKeyEvent) and event.text().isdigit() and event.text().isascii()
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            search = self.code_edit.text()
            chosen = self.chosen()
            if chosen is not None and not any(c.isascii() and c.isalnum() for c in search):
                if chosen.can_sign_in and self.pin_edit.isEnabled() and not self.pin_edit.isReadOnly():
                    self.pin_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.pin_edit.insert(event.text())
                    self._clear_error()
                return True  # never in clear (for someone without an account: the message says why)
        return super().eventFilter(watched, event)

    @staticmethod
    def _same(a, b) -> bool:
        return (a.name, a.role, a.deputy_id, a.login) == (b.name, b.role, b.deputy_id, b.login)

    def database_ready(self, session: DeskSession) -> None:
        """The database opened: the list is read again through the services (it is the same unless someone
        changed it in these few moments). The person chosen, the search text and the typed PIN are kept; a PIN
        already entered is checked now — for that person only: if they are no longer on the list, nothing is
        sent and they are asked to choose again."""
        keep = self.chosen()
        pin = self.pin_edit.text()
        self.session = session
        self.accounts.blockSignals(True)
        try:
            self._fill(focus=False)
            self._hide_unmatched(self.code_edit.text())
            row = next((n for n, a in enumerate(self._accounts) if keep is not None and self._same(a, keep)), None)
            self.accounts.setCurrentRow(row if row is not None else -1)
        finally:
            self.accounts.blockSignals(False)
        waiting, self.waiting = self.waiting, False
        self.pin_edit.setReadOnly(False)
        self._apply_account()
        if keep is not None and row is None:  # the list changed under them: never send a PIN for someone else
            self.pin_edit.clear()
            self.show_error(self.tr("名单刚刚更新，请重新选择自己。"))
            self.accounts.setFocus()
            return
        self.pin_edit.setText(pin)
        if waiting:
            self.sign_in()

    def _training(self) -> bool:
        if self.session.db is None and self.start is not None:
            return self.start.training
        from ..services.admin.setup import station_info

        info = station_info(self.session.db)
        return bool(info and info.training)

    def _hide_unmatched(self, text: str):
        """Hide the names the search text does not match; returns the first one shown."""
        needle = text.strip().lower()
        first = None
        for i in range(self.accounts.count()):
            item = self.accounts.item(i)
            match = not needle or needle in item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(not match)
            if match and first is None:
                first = item
        return first

    def _filter(self, text: str) -> None:
        first = self._hide_unmatched(text)
        if first is not None:
            self.accounts.setCurrentItem(first)

    def _code_entered(self) -> None:
        """A scanned code ends with Enter (or a name was clicked): pick the match and go on to the PIN."""
        chosen = self.chosen()
        if chosen is not None and chosen.can_sign_in:
            self.pin_edit.setFocus()

    def select_account(self, name: str) -> bool:
        """Choose ``name`` as the user would by clicking it: the PIN field is next."""
        for i in range(self.accounts.count()):
            item = self.accounts.item(i)
            if item.data(Qt.ItemDataRole.UserRole + 2) == name:
                self.accounts.setCurrentItem(item)
                self._code_entered()
                return True
        return False

    def _other_account(self, *_args) -> None:
        self.pin_edit.clear()
        self._end_date_question()  # the question belonged to the person who typed their PIN
        self._apply_account()

    def _apply_account(self) -> None:
        """Someone without an account: say what to do, and no PIN field to be refused from."""
        chosen = self.chosen()
        item = self.accounts.currentItem()
        if item is not None and not item.isHidden():  # current (perhaps not yet highlighted) is who shows
            chosen = self._accounts[item.data(ACCOUNT_ID_ROLE)]
        blocked = chosen is not None and not chosen.can_sign_in
        self.pin_edit.setEnabled(not blocked)
        self.sign_in_button.setEnabled(not blocked and not self.waiting and not self.asking_about_date())
        if blocked:
            assert chosen is not None
            self.error.setText(self._no_account_text(chosen.name))
            self.error.setVisible(True)
            set_invalid(self.pin_edit, False)
        elif self._said_no_account:
            self._clear_error()
        self._said_no_account = blocked

    def _ask_about_date(self, message: str) -> None:
        """The PIN was right but the PC's date looks wrong: say it and wait for one of the two answers (the PIN
        stays, masked and read-only, for "继续")."""
        self.error.setVisible(False)
        self.date_message.setText(message)
        self.date_panel.setVisible(True)
        self._fit_date_message()
        self.sign_in_button.setEnabled(False)  # so Enter presses nothing
        self.pin_edit.setReadOnly(True)
        self.date_fix_button.setFocus()

    def _fit_date_message(self) -> None:
        """The whole message stays readable (large type, a narrow window): the label claims the height its
        wrapped lines need, the list of people gives it up, and a window of its own grows within the screen."""
        label = self.date_message
        label.setMinimumHeight(label.heightForWidth(max(label.width(), label.sizeHint().width())))
        if self.isWindow():
            screen = self.screen().availableGeometry() if self.screen() else None
            height = max(self.height(), self.sizeHint().height())
            self.resize(self.width(), min(height, screen.height()) if screen else height)

    def _end_date_question(self) -> None:
        if self.date_panel.isHidden():
            return
        self.date_panel.setVisible(False)
        self.sign_in_button.setEnabled(True)
        self.pin_edit.setReadOnly(False)

    def asking_about_date(self) -> bool:
        return not self.date_panel.isHidden()

    def _date_confirmed(self) -> None:
        """日期没错: remembered while the desk runs (``clock.confirm``), and the same PIN is sent again."""
        from ..services.desk import clock

        self._end_date_question()
        clock.confirm(self.session.db)
        self.sign_in()

    def _date_to_fix(self) -> None:
        """先去改电脑日期: nothing was written; the PIN is typed again once the date is right."""
        self._end_date_question()
        self.pin_edit.clear()
        self.error.setText(self.tr("没有签到。请先把电脑的日期和时间改正确（在屏幕右下角的时间上点右键，"
                                   "选“调整日期/时间”），改好后再输入密码签到。"))
        self.error.setVisible(True)
        self.pin_edit.setFocus()

    def _clear_error(self) -> None:
        self.error.setVisible(False)
        set_invalid(self.pin_edit, False)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        set_invalid(self.pin_edit, True)

    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()

    def sign_in(self) -> None:
        item = self.accounts.currentItem()
        if item is None or item.isHidden() or self.chosen() is None:
            self.show_error(self.tr("请先在名单中选择自己。"))
            self.accounts.setFocus()
            return
        if not self.pin_edit.text():
            self.show_error(self.tr("请输入密码。"))
            self.pin_edit.setFocus()
            return
        if self.session.db is None:  # the database is still opening: this PIN is checked the moment it is
            self.waiting = True
            self.sign_in_button.setEnabled(False)
            self.pin_edit.setReadOnly(True)  # typed again meanwhile, it would become a wrong PIN
            self.error.setText(self.tr("正在打开数据库，请稍候…"))
            self.error.setVisible(True)
            return
        try:
            from ..services.desk.startup import sign_in_as

            account = self._accounts[item.data(ACCOUNT_ID_ROLE)]
            if not account.can_sign_in:  # (the button is off for them; a last guard)
                self.show_error(self._no_account_text(account.name))
                return
            self.signed = sign_in_as(self.session.db, account, self.pin_edit.text())
        except Exception as exc:  # wrong PIN, throttled, or a fault: a sentence, never a trace
            if isinstance(exc, DomainError) and exc.code == "clock_unconfirmed":  # right PIN, doubtful date
                self._ask_about_date(friendly(exc, self._lang))
                return
            if not isinstance(exc, DomainError):
                log.exception("sign-in failed")
            self.show_error(friendly(exc, self._lang))
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            return
        log.info("signed in: %s", self.signed.actor.name)
        self.accept()

    # A locked desk must not be dismissed with Esc or the window's close button: only a PIN or "quit" leaves.
    # Enter in the search box or the list goes on to the PIN (a scanner ends with Enter); in the PIN field it
    # presses 签到 once (the default button), not twice.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                self.code_edit.hasFocus() or self.accounts.hasFocus()):
            self._code_entered()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.signed is None and (self.locked_for or self.after):
            event.ignore()
            return
        super().closeEvent(event)
