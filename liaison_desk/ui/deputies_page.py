"""代表名单: the deputies (level, card number, phone, group, term, sign-in account, in office or not) with
新增 / 修改 / 导入 / 办理离任, and for administrators 开通账号 / 重置密码. Staff and administrators only (the
站务 tab's table says so; the services check it again)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.roster import ROSTER_ROLES
from ..domain.vocab import GROUP_ROLES, label
from ..domain.workflow import Role
from ..services.changes import LOOKUPS, ROSTER, lists
from ..services.duty.accounts_admin import DeputyListRow, deputy_list
from ..services.duty.deputies import import_deputies
from .deputy_admin_dialogs import AccountDialog, EndTermDialog, ImportPreviewDialog
from .deputy_dialog import DeputyDialog
from .forms import HeldRowsModel, fit_columns, fit_short_table, friendly, make_table
from .session import DeskSession

log = logging.getLogger(__name__)

COLUMNS = ("name", "level", "code", "phone", "group", "duty", "term", "account", "active")
LEVEL_SHORT = {"national": "全国", "provincial": "省", "city": "市", "county": "县", "township": "乡镇"}


class DeputyTableModel(HeldRowsModel):
    """Rows are ``services.duty.accounts_admin.DeputyListRow``."""

    COLUMNS = COLUMNS

    def row_of(self, row: int) -> DeputyListRow:
        r: DeputyListRow = self.row_at(row)
        return r

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return (self.tr("姓名"), self.tr("层级"), self.tr("代表证号"), self.tr("联系电话"), self.tr("代表小组"),
                self.tr("值班方式"), self.tr("任期"), self.tr("值班账号"), self.tr("状态"))[section]

    def _display(self, r: DeputyListRow, col: str) -> str:
        d = r.deputy
        zh = self._lang == "zh"
        if col == "name":
            return d.name
        if col == "level":
            return LEVEL_SHORT.get(d.level, d.level) if zh else d.level
        if col == "code":
            return d.code or ""
        if col == "phone":
            return d.phone or ""
        if col == "group":
            return "、".join(f"{g}（{label(GROUP_ROLES, role)}）" for g, role in d.groups)
        if col == "duty":
            return ROSTER_ROLES[d.duty_role][0 if zh else 1] if d.duty_role in ROSTER_ROLES else self.tr("不在本站")
        if col == "term":
            start = d.active_from.isoformat() if d.active_from else ""
            end = d.active_until.isoformat() if d.active_until else ""
            return self.tr("{0} 至 {1}").format(start, end) if start and end else (self.tr("{0} 起").format(start) if start else
                                                               (self.tr("至 {0}").format(end) if end else ""))
        if col == "account":
            if r.account is None:
                return self.tr("未开通")
            if not r.account.pin_usable:
                return self.tr("{0}（需重置密码）").format(r.account.login)
            return r.account.login if r.account.active else self.tr("{0}（已停用）").format(r.account.login)
        if col == "active":
            return self.tr("在任") if d.active else self.tr("已离任")
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount() or not 0 <= index.column() < len(COLUMNS):
            return None
        r = self.row_of(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(r, COLUMNS[index.column()])
        if role == Qt.ItemDataRole.ForegroundRole and not r.deputy.active:
            return QBrush(QColor("#6b6b6b"))
        return None


class DeputiesPage(QWidget):
    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db
        self.dialog: QDialog | None = None
        self._rows: list[DeputyListRow] = []
        admin = session.role is Role.ADMIN

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("输入姓名、证号或电话查找"))
        self.search_edit.setAccessibleName(self.tr("查找代表"))
        self.search_edit.setClearButtonEnabled(True)
        self.show_former = QCheckBox(self.tr("显示已离任(&F)"))
        self.new_button = QPushButton(self.tr("新增代表(&N)…"))
        self.edit_button = QPushButton(self.tr("修改(&E)…"))
        self.import_button = QPushButton(self.tr("导入名单(&I)…"))
        self.end_button = QPushButton(self.tr("办理离任(&L)…"))
        self.account_button = QPushButton(self.tr("开通账号(&A)…"))
        self.pin_button = QPushButton(self.tr("重置密码(&R)…"))
        buttons = (self.new_button, self.edit_button, self.import_button, self.end_button, self.account_button,
                   self.pin_button)
        for b in buttons:
            b.setAutoDefault(False)
        self.account_button.setVisible(admin)  # accounts and PINs: administrators only
        self.pin_button.setVisible(admin)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.show_former)
        actions = QHBoxLayout()
        for b in buttons:
            actions.addWidget(b)
        actions.addStretch(1)

        self.model = DeputyTableModel(lang=session.lang, parent=self)
        self.table = make_table(self.model, self.tr("代表名单"), self)
        fit_short_table(self.table, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)

        self.search_edit.textChanged.connect(self._show_rows)
        self.show_former.toggled.connect(self._show_rows)
        self.new_button.clicked.connect(self.new_deputy)
        self.edit_button.clicked.connect(self.edit_deputy)
        self.import_button.clicked.connect(self.import_file)
        self.end_button.clicked.connect(self.end_term)
        self.account_button.clicked.connect(self.open_account)
        self.pin_button.clicked.connect(self.reset_pin)
        self.table.doubleClicked.connect(lambda _i: self.edit_deputy())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    # -- the list -----------------------------------------------------------------------------------------
    def refresh(self, *_args: object) -> None:
        try:
            self._rows = deputy_list(self.db)
        except Exception as exc:
            log.exception("listing deputies failed")
            self._say(friendly(exc, self.session.lang))
            self._rows = []
        self._show_rows()

    def _show_rows(self, *_args: object) -> None:
        chosen = self.selected()
        text = self.search_edit.text().strip().lower()
        rows = [r for r in self._rows if (r.deputy.active or self.show_former.isChecked()) and
                (not text or text in r.deputy.name.lower() or text in (r.deputy.code or "").lower()
                 or text in (r.deputy.phone or ""))]
        self.model.set_rows(rows)
        fit_columns(self.table)
        active = sum(r.deputy.active for r in self._rows)
        self.summary.setText(self.tr("在任代表 {0} 位，其中 {1} 位已开通值班账号；已离任 {2} 位。").format(
            active, sum(1 for r in self._rows if r.deputy.active and r.account is not None), len(self._rows) - active))
        if chosen is not None:
            self.select_deputy(chosen.deputy.id)
        self._selection_changed()

    def selected(self) -> DeputyListRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_of(rows[0].row()) if rows else None

    def select_deputy(self, deputy_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_of(row).deputy.id == deputy_id:
                self.table.selectRow(row)
                return

    def select_name(self, name: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_of(row).deputy.name == name:
                self.table.selectRow(row)
                return
        raise KeyError(name)

    def _selection_changed(self, *_args: object) -> None:
        r = self.selected()
        self.edit_button.setEnabled(r is not None)
        self.end_button.setEnabled(r is not None and r.deputy.active)
        self.account_button.setEnabled(r is not None and r.account is None and r.deputy.active)
        self.pin_button.setEnabled(r is not None and r.account is not None)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _changed(self, deputy_id: str | None = None) -> None:
        """A write went through: the list reads again, and the desk hears the deputies changed (the forms'
        choices, the roster)."""
        self.refresh()
        if deputy_id:
            self.select_deputy(deputy_id)
        self.session.publish(lists(LOOKUPS, ROSTER))

    def _need_selection(self) -> DeputyListRow | None:
        r = self.selected()
        if r is None:
            self._say(self.tr("请先在名单里选中一位代表。"))
        return r

    # -- actions ------------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog, done: Any) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def new_deputy(self) -> QDialog:
        dialog = DeputyDialog(self.session, None, self)
        return self._open(dialog, lambda r: self._changed(dialog.saved.id) if r and dialog.saved else None)

    def edit_deputy(self) -> QDialog | None:
        r = self._need_selection()
        if r is None:
            return None
        dialog = DeputyDialog(self.session, r.deputy, self)
        return self._open(dialog, lambda res: self._changed(dialog.saved.id) if res and dialog.saved else None)

    def end_term(self) -> QDialog | None:
        r = self._need_selection()
        if r is None:
            return None
        dialog = EndTermDialog(self.session, r.deputy, self)
        return self._open(dialog, lambda res: self._changed(dialog.saved.id) if res and dialog.saved else None)

    def open_account(self) -> QDialog | None:
        r = self._need_selection()
        if r is None:
            return None
        dialog = AccountDialog(self.session, r, self)
        return self._open(dialog, lambda _res: self._changed(r.deputy.id) if dialog.result_text else None)

    reset_pin = open_account  # the same dialog: it opens an account or resets the PIN of the one there is

    def choose_file(self) -> str:
        """The file to import (a dialog; tests replace this)."""
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("选择代表名单文件"), str(Path.home()),
                                                    self.tr("代表名单 (*.xlsx *.csv)"))
        return path

    def import_file(self) -> QDialog | None:
        path = self.choose_file()
        if not path:
            return None
        actor = self.session.require_actor()
        try:
            preview = import_deputies(self.db, actor, path, dry_run=True)
        except Exception as exc:
            if not isinstance(exc, DomainError):
                log.exception("reading a deputy list failed")
            self._say(friendly(exc, self.session.lang))
            return None
        dialog = ImportPreviewDialog(Path(path).name, preview, self)
        return self._open(dialog, lambda res: self._import_confirmed(path) if res else None)

    def _import_confirmed(self, path: str) -> None:
        try:
            result = import_deputies(self.db, self.session.require_actor(), path)
        except Exception as exc:
            if not isinstance(exc, DomainError):
                log.exception("importing a deputy list failed")
            self._say(friendly(exc, self.session.lang))
            return
        text = self.tr("已导入：新增 {0} 位，更新 {1} 位。").format(result.created, result.updated)
        if result.errors:
            text += self.tr("有 {0} 行没有导入（见导入前的清单）。").format(len(result.errors))
        self._changed()
        self._say(text)
