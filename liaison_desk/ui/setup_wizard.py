"""First-run wizard (QWizard): the station, its villages, its first administrator, the deputies (typed or
imported from a CSV/Excel list with a preview and per-row errors) and the departments — or demo data for training.

The station code is checked on its own page; the villages are made with the station; duty PINs typed for the
deputies show as dots; every page's Alt keys are its own, and 建立联络站 (no way back) has none."""

from __future__ import annotations

import itertools
import logging
import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.errors import DomainError
from ..domain.vocab import DEPUTY_LEVELS, STATION_KINDS
from ..domain.workflow import Role
from ..services.admin.demo import generate_demo
from ..services.admin.setup import InitResult, check_station_code, check_village_names, init_station
from ..services.context import Actor
from ..services.desk import lookups
from ..services.duty import deputies as _deputies
from . import workers
from .forms import FieldErrors, friendly

log = logging.getLogger(__name__)

DEMO_VISITS = 2000
_STATION_ALIASES = {"station_name": "name", "station_code": "code", "admin_pin": "pin", "admin_name": "admin_name"}
PIN_COLUMN = 4


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class StationPage(QWizardPage):
    """联络站: name, code, township, kind; or the training database."""

    demo_requested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None, *, db=None):
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self.setTitle(self.tr("欢迎使用联络站值班台"))
        self.setSubTitle(self.tr("第一次使用，请先填写本联络站的基本情况。带“例如”的灰字只是示范，请换成本站的实际内容。"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例如：柳树湾村人大代表联络站"))
        self.name_edit.setMaxLength(100)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("2–8 位字母或数字，例如 LX01"))
        self.code_edit.setMaxLength(8)
        self.code_edit.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9]{0,8}"), self))
        self.township_edit = QLineEdit()
        self.township_edit.setPlaceholderText(self.tr("例如：河口镇"))
        self.township_edit.setMaxLength(100)
        self.kind_combo = QComboBox()
        for code, (zh, en) in STATION_KINDS.items():
            self.kind_combo.addItem(en if lang == "en" else zh, code)
        self.form_error = _error_label()
        self.errors = FieldErrors(self.form_error, aliases=_STATION_ALIASES)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        e = self.errors
        e.add_row(form, "name", self.tr("联络站名称(&M)："), self.name_edit, self.tr("联络站名称"))
        e.add_row(form, "code", self.tr("站点代码(&C)："), self.code_edit, self.tr("站点代码"),
                  self.tr("用于案件编号，设置后不能更改。不能用容易和数字混淆的字母 I、O、Q、S、Z。"))
        e.add_row(form, "township", self.tr("所在乡镇（街道）(&T)："), self.township_edit, self.tr("所在乡镇"))
        e.add_row(form, "kind", self.tr("站点类型(&K)："), self.kind_combo, self.tr("站点类型"))
        self.demo_button = QPushButton(self.tr("填入演示数据（培训用）(&D)"))
        self.demo_button.setAccessibleName(self.tr("填入演示数据（培训用）"))
        self.demo_button.setToolTip(self.tr("建立一个培训用的示范联络站，并填入虚构的来访和案件，供学习操作。"
                                            "培训库不会同步到县级平台。"))
        self.demo_button.setAutoDefault(False)
        self.demo_button.clicked.connect(self.demo_requested)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: the generator reports visits, not a fraction
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("正在生成演示数据"))
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setVisible(False)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_button)
        demo_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addLayout(demo_row)
        for first, second in itertools.pairwise([self.name_edit, self.code_edit, self.township_edit,
                                                 self.kind_combo, self.demo_button]):
            QWidget.setTabOrder(first, second)
        for edit in (self.name_edit, self.code_edit, self.township_edit):
            edit.textEdited.connect(lambda _t: self.completeChanged.emit())
        self.code_edit.textEdited.connect(lambda _t: self.errors.clear_field("code"))
        self.code_edit.editingFinished.connect(lambda: self.check_code(quiet_when_empty=True))

    def isComplete(self) -> bool:
        return bool(self.name_edit.text().strip() and self.code_edit.text().strip())

    def check_code(self, *, quiet_when_empty: bool = False) -> bool:
        """The code's form, and that no station in this database has it: said here, where it is typed."""
        if quiet_when_empty and not self.code_edit.text().strip():
            return True
        try:
            if self._db is not None:
                check_station_code(self._db, self.code_edit.text())
            else:
                from ..domain.case_number import validate_station_code

                validate_station_code(self.code_edit.text())
        except DomainError as exc:
            self.errors.show(exc.localized(self._lang), "code", focus=not quiet_when_empty)
            return False
        self.errors.clear_field("code")
        return True

    def validatePage(self) -> bool:
        if self._db is not None and self._db.station_id() is not None:
            return True  # the training station was made from this page (填入演示数据): nothing left to check
        return self.check_code()

    def values(self) -> dict:
        return {"name": self.name_edit.text().strip(), "code": self.code_edit.text().strip().upper(),
                "township": self.township_edit.text().strip(), "kind": self.kind_combo.currentData()}

    def lock(self) -> None:
        for w in (self.name_edit, self.code_edit, self.township_edit, self.kind_combo, self.demo_button):
            w.setEnabled(False)


class VillagesPage(QWizardPage):
    """村（社区）: the villages and communities the station serves, one per line; made with the station."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("村（社区）"))
        self.setSubTitle(self.tr("本联络站联系的村和社区，每行一个（可以从 Excel 或 Word 里复制整列粘贴过来）。"
                                 "来访登记时从这个名单里选。至少填一个，以后还可以补充。"))
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(self.tr("村（社区）名单（每行一个）"))
        self.edit.setPlaceholderText(self.tr("例如：\n柳树湾村\n河口社区"))
        self.edit.setTabChangesFocus(True)
        caption = QLabel(self.tr("村（社区）名单(&L)："))
        caption.setBuddy(self.edit)
        self.form_error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.form_error)
        self.edit.textChanged.connect(lambda: self.form_error.setVisible(False))

    def names(self) -> list[str]:
        return check_village_names(self.edit.toPlainText().splitlines())

    def validatePage(self) -> bool:
        try:
            self.names()
        except DomainError as exc:
            self.form_error.setText(exc.localized(self._wizard.lang))
            self.form_error.setVisible(True)
            self.edit.setFocus()
            return False
        self.form_error.setVisible(False)
        return True


class AdminPage(QWizardPage):
    """The first administrator; leaving this page creates the station (a commit page: no way back)."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("管理员"))
        self.setSubTitle(self.tr("管理员可以管理代表名单、承办单位和设置。登录名为 admin。请牢记所设密码。"))
        self.setCommitPage(True)
        # No Alt key: the neighbours of B (上一步) and N (下一步) are one slip away, and there is no way back.
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("建立联络站"))
        self.admin_name_edit = QLineEdit(self.tr("管理员"))
        self.admin_name_edit.setMaxLength(40)
        self.pin_edit = QLineEdit()
        self.pin2_edit = QLineEdit()
        digits = QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), self)
        for edit in (self.pin_edit, self.pin2_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
            edit.setValidator(digits)
        self.pin_edit.setPlaceholderText(self.tr("4–12 位数字"))
        self.pin2_edit.setPlaceholderText(self.tr("再输入一次，以免输错"))
        self.form_error = _error_label()
        self.errors = FieldErrors(self.form_error, aliases=_STATION_ALIASES)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        e = self.errors
        e.add_row(form, "admin_name", self.tr("管理员姓名(&A)："), self.admin_name_edit, self.tr("管理员姓名"))
        e.add_row(form, "pin", self.tr("管理员密码(&P)："), self.pin_edit, self.tr("管理员密码"))
        e.add_row(form, "pin2", self.tr("确认密码(&R)："), self.pin2_edit, self.tr("确认管理员密码"))
        self.summary = QLabel()
        self.summary.setObjectName("questionText")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("将要建立的联络站"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self.summary)

    def initializePage(self) -> None:
        sp = self._wizard.station_page.values()
        try:
            count = len(self._wizard.villages_page.names())
        except DomainError:
            count = 0
        self.summary.setText(self.tr("按“建立联络站”后将建立：{0}（站点代码 {1}），村（社区）{2} 个。"
                                     "建立后站点代码不能再改；要改请先按“上一步”。").format(sp["name"], sp["code"], count))

    def validatePage(self) -> bool:
        return self._wizard.create_station()


class PinDelegate(QStyledItemDelegate):
    """The 值班密码 column: dots instead of the digits (unless 显示 is ticked), typed in a password field."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.shown = False

    def displayText(self, value, locale) -> str:
        text = "" if value is None else str(value)
        return text if self.shown or not text else "•" * len(text)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setEchoMode(QLineEdit.EchoMode.Normal if self.shown else QLineEdit.EchoMode.Password)
        editor.setMaxLength(12)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), editor))
        editor.setAccessibleName(self.tr("值班密码"))
        return editor


class DeputiesPage(QWizardPage):
    """代表名单: typed rows, or a CSV/Excel file checked first (a dry run) and then imported."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self._wizard = wizard
        self._import_path: Path | None = None
        self.setTitle(self.tr("代表名单"))
        self.setSubTitle(self.tr("逐行填写进站代表，或从 Excel / CSV 文件导入。填了值班密码的代表可以签到值班。"
                                 "也可以跳过，以后补充。"))
        self.table = QTableWidget(3, 5)
        self.table.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("代表层级"), self.tr("联系电话"),
                                              self.tr("代表证号"), self.tr("值班密码（可不填）")])
        self.table.setAccessibleName(self.tr("代表名单（逐行填写）"))
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((130, 190, 170, 110)):
            self.table.setColumnWidth(col, width)
        probe = QComboBox()
        # Rows as tall as the level drop-down in them, so the cell widgets do not overlap.
        self.table.verticalHeader().setDefaultSectionSize(probe.sizeHint().height() + 6)
        for row in range(self.table.rowCount()):
            self._add_level_combo(row)
        self.pin_delegate = PinDelegate(self.table)
        self.table.setItemDelegateForColumn(PIN_COLUMN, self.pin_delegate)
        self.show_pins = QCheckBox(self.tr("显示值班密码(&W)"))
        self.show_pins.setAccessibleName(self.tr("显示值班密码"))
        self.show_pins.toggled.connect(self._show_pins)
        self.add_row_button = QPushButton(self.tr("添加一行(&A)"))
        self.add_row_button.setAccessibleName(self.tr("添加一行"))
        self.add_row_button.clicked.connect(self.add_row)
        self.import_button = QPushButton(self.tr("从文件导入(&I)…"))
        self.import_button.setAccessibleName(self.tr("从文件导入代表名单"))
        self.import_button.clicked.connect(self.choose_file)
        self.confirm_import_button = QPushButton(self.tr("确认导入(&C)"))
        self.confirm_import_button.setAccessibleName(self.tr("确认导入"))
        self.confirm_import_button.setVisible(False)
        self.confirm_import_button.clicked.connect(self.import_file)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.preview_label.setAccessibleName(self.tr("导入预览"))
        self.row_errors = QListWidget()
        self.row_errors.setAccessibleName(self.tr("有问题的行"))
        self.row_errors.setVisible(False)
        self.form_error = _error_label()
        # the database's recovery code (issue 17), shown once, on the first page after the station exists
        self.recovery_label = QLabel()
        self.recovery_label.setWordWrap(True)
        self.recovery_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recovery_label.setAccessibleName(self.tr("数据库恢复码"))
        self.recovery_label.setStyleSheet("QLabel { border: 2px solid #b07000; padding: 4px; }")
        self.recovery_label.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_row_button)
        buttons.addWidget(self.show_pins)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.confirm_import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recovery_label)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.row_errors, 1)
        layout.addWidget(self.form_error)

    def initializePage(self) -> None:
        result = self._wizard.result_info
        code = result.recovery_code if isinstance(result, InitResult) else None
        if code:
            self.recovery_label.setText(self.tr("数据库恢复码：{0}\n请抄下或打印并妥善保管：换电脑时要用它解开数据库"
                                                "（liaison-desk recover-key）。此恢复码只显示这一次。").format(code))
            self.recovery_label.setVisible(True)

    def _show_pins(self, shown: bool) -> None:
        self.pin_delegate.shown = shown
        self.table.viewport().update()

    def _add_level_combo(self, row: int) -> None:
        combo = QComboBox()
        for code, (zh, en) in DEPUTY_LEVELS.items():
            combo.addItem(en if self._wizard.lang == "en" else zh, code)
        combo.setCurrentIndex(combo.findData("township"))
        combo.setAccessibleName(self.tr("代表层级"))
        self.table.setCellWidget(row, 1, combo)

    def add_row(self) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._add_level_combo(row)
        self.table.setCurrentCell(row, 0)
        return row

    def set_row(self, row: int, name: str, level: str = "township", phone: str = "", code: str = "",
                pin: str = "") -> None:
        while self.table.rowCount() <= row:
            self.add_row()
        self.table.setItem(row, 0, QTableWidgetItem(name))
        combo = self.table.cellWidget(row, 1)
        assert isinstance(combo, QComboBox)  # add_row put one there
        combo.setCurrentIndex(combo.findData(level))
        self.table.setItem(row, 2, QTableWidgetItem(phone))
        self.table.setItem(row, 3, QTableWidgetItem(code))
        self.table.setItem(row, PIN_COLUMN, QTableWidgetItem(pin))

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item else ""

    # -- import -------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择代表名单文件"), "",
                                              self.tr("表格文件 (*.xlsx *.csv)"))
        if path:
            self.preview(Path(path))

    def preview(self, path: Path) -> bool:
        """Check the file without saving (a dry run): how many would be added, and each bad row."""
        self.row_errors.clear()
        try:
            result = _deputies.import_deputies(self._wizard.db, self._wizard.admin(), path, dry_run=True)
        except Exception as exc:  # a damaged file or a wrong header: said plainly, nothing saved
            if not isinstance(exc, DomainError):
                log.exception("deputy import preview failed")
            self.preview_label.setText(friendly(exc, self._wizard.lang))
            self.confirm_import_button.setVisible(False)
            self.row_errors.setVisible(False)
            return False
        self._import_path = path
        self.preview_label.setText(self.tr("文件 {0}：可导入 {1} 人（新增 {2}，更新 {3}），有问题的行 {4} 行。"
                                           "有问题的行不会导入，可改好后再导入一次。").format(
            path.name, result.created + result.updated, result.created, result.updated, len(result.errors)))
        for err in result.errors:
            self.row_errors.addItem(err.message)
        self.row_errors.setVisible(bool(result.errors))
        self.confirm_import_button.setVisible(result.created + result.updated > 0)
        return True

    def import_file(self) -> bool:
        if self._import_path is None:
            return False
        try:
            result = _deputies.import_deputies(self._wizard.db, self._wizard.admin(), self._import_path)
        except Exception as exc:
            if not isinstance(exc, DomainError):
                log.exception("deputy import failed")
            self.preview_label.setText(friendly(exc, self._wizard.lang))
            return False
        self.preview_label.setText(self.tr("已导入 {0} 人（新增 {1}，更新 {2}）。").format(
            result.created + result.updated, result.created, result.updated))
        self.confirm_import_button.setVisible(False)
        self._import_path = None
        return True

    # -- typed rows ---------------------------------------------------------------------------------------
    def validatePage(self) -> bool:
        """Save the typed rows; a bad row is named and kept, good rows already saved are removed from the grid."""
        self.form_error.setVisible(False)
        problems = []
        for row in reversed(range(self.table.rowCount())):
            name = self._cell(row, 0)
            if not name:
                continue
            combo = self.table.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)  # add_row put one there
            level = combo.currentData()
            try:
                self._wizard.add_deputy(name, level, self._cell(row, 2), self._cell(row, 3), self._cell(row, PIN_COLUMN))
            except Exception as exc:
                if not isinstance(exc, DomainError):
                    log.exception("adding a deputy failed")
                problems.append(self.tr("第 {0} 行：{1}").format(row + 1, friendly(exc, self._wizard.lang)))
                continue
            self.table.removeRow(row)
        if problems:
            self.form_error.setText("\n".join(reversed(problems)))
            self.form_error.setVisible(True)
            return False
        return True


class DepartmentsPage(QWizardPage):
    """承办单位: one per line."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("承办单位"))
        self.setSubTitle(self.tr("交办案件时可选的职能部门，每行一个，例如“县水利局”。也可以跳过，以后补充。"))
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(self.tr("承办单位（每行一个）"))
        self.edit.setPlaceholderText(self.tr("县水利局\n县交警大队\n县住建局"))
        self.edit.setTabChangesFocus(True)
        self.form_error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.form_error)

    def validatePage(self) -> bool:
        self.form_error.setVisible(False)
        kept, problems = [], []
        for line in self.edit.toPlainText().splitlines():
            name = line.strip()
            if not name:
                continue
            try:
                lookups.add_department(self._wizard.db, self._wizard.admin(), name)
            except Exception as exc:
                if not isinstance(exc, DomainError):
                    log.exception("adding a department failed")
                problems.append(f"{name}：{friendly(exc, self._wizard.lang)}")
                kept.append(name)
        self.edit.setPlainText("\n".join(kept))  # what was saved disappears; what was not stays to fix
        if problems:
            self.form_error.setText("\n".join(problems))
            self.form_error.setVisible(True)
            return False
        return True


class SetupWizard(QWizard):
    """Accepted once a station exists (typed in, or the training station made by the demo generator)."""

    demo_finished = Signal(object)
    demo_failed = Signal(str)

    def __init__(self, db, lang: str = "zh", *, demo_visits: int = DEMO_VISITS, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.lang = lang
        self._demo_visits = demo_visits
        self._task: workers.Task | None = None
        self.actor: Actor | None = None
        self.result_info: InitResult | None = None
        self.setWindowTitle(self.tr("联络站值班台 — 首次设置"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same look on every platform and offscreen
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成(&F)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("退出(&Q)"))
        self.station_page = StationPage(lang, db=db)
        self.villages_page = VillagesPage(self)
        self.admin_page = AdminPage(self)
        self.deputies_page = DeputiesPage(self)
        self.departments_page = DepartmentsPage(self)
        for page in (self.station_page, self.villages_page, self.admin_page, self.deputies_page,
                     self.departments_page):
            self.addPage(page)
        self.station_page.demo_requested.connect(self.start_demo)
        self.setMinimumSize(860, 640)

    # -- the station and its administrator ----------------------------------------------------------------
    def create_station(self) -> bool:
        sp, ap = self.station_page, self.admin_page
        sp.errors.clear()
        ap.errors.clear()
        pin, pin2 = ap.pin_edit.text(), ap.pin2_edit.text()
        if not pin:
            ap.errors.show(self.tr("请设置管理员密码（4–12 位数字）。"), "pin")
            return False
        if pin != pin2:
            ap.errors.show(self.tr("两次输入的密码不一致，请重新输入。"), "pin2")
            ap.pin2_edit.clear()
            return False
        admin_name = ap.admin_name_edit.text().strip() or self.tr("管理员")
        try:
            result = init_station(self.db, **sp.values(), admin_pin=pin, admin_name=admin_name,
                                  villages=self.villages_page.names())
        except DomainError as exc:
            field = _STATION_ALIASES.get(exc.field or "", exc.field)
            if field in sp.errors.labels:  # a station field: go back to it, the typed values are still there
                self.back()
                self.back()
                sp.errors.show(exc.localized(self.lang), field)
            elif exc.field == "villages":
                self.back()
                self.villages_page.form_error.setText(exc.localized(self.lang))
                self.villages_page.form_error.setVisible(True)
            else:
                ap.errors.show(exc.localized(self.lang), field)
            return False
        log.info("station set up: %s (%s)", result.station.name, result.station.code)
        self.result_info = result
        admin = next((c for c in lookups.list_operators(self.db) if c.detail == Role.ADMIN.value), None)
        self.actor = Actor(Role.ADMIN, admin_name, operator_id=admin.id if admin else None)
        sp.lock()
        return True

    def admin(self) -> Actor:
        """The administrator the station was set up with: who records the deputies, departments and accounts."""
        if self.actor is None:
            raise DomainError("not_set_up", "请先完成联络站设置。", message_en="Set up the station first.")
        return self.actor

    def add_deputy(self, name: str, level: str, phone: str, code: str, pin: str = "") -> None:
        """The deputy, and with a PIN their sign-in account (login: the card code)."""
        if pin:
            from ..services.desk.accounts import check_pin_format

            check_pin_format(pin)  # before the deputy is saved, so a bad PIN leaves nothing half-done
        view = _deputies.create_deputy(self.db, self.admin(), _deputies.DeputyInput(
            name=name, level=level, phone=phone or None, code=code or None))
        if pin:
            lookups.add_account(self.db, self.admin(), name=view.name, pin=pin, deputy_id=uuid.UUID(str(view.id)))

    # -- training data ------------------------------------------------------------------------------------
    def start_demo(self) -> None:
        if self._task is not None:
            return
        self._set_busy(True)
        self._task = workers.Task(generate_demo, self.db, visits=self._demo_visits, seed=1, progress=True)
        self._task.signals.progress.connect(self._on_demo_progress)
        self._task.signals.finished.connect(self._on_demo_finished)
        self._task.signals.failed.connect(self._on_demo_failed)
        workers.start(self._task)

    def is_busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        page = self.station_page
        for w in (page.name_edit, page.code_edit, page.township_edit, page.kind_combo, page.demo_button):
            w.setEnabled(not busy)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)
        page.progress.setVisible(busy)
        page.progress_label.setVisible(busy)
        page.progress_label.setText(self.tr("正在生成演示数据，可能要等一会儿，请稍候……"))
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _on_demo_progress(self, message: str) -> None:
        detail = self.tr("已生成来访登记 {0} 条").format(message) if "/" in message else message
        self.station_page.progress_label.setText(self.tr("正在生成演示数据，可能要等一会儿，请稍候……") + "\n" + detail)

    def _on_demo_finished(self, result) -> None:
        self._task = None
        self._set_busy(False)
        self.result_info = result
        self.demo_finished.emit(result)
        self.accept()

    def _on_demo_failed(self, exc) -> None:
        self._task = None
        self._set_busy(False)
        message = exc.localized(self.lang) if isinstance(exc, DomainError) else self.tr(
            "生成演示数据时遇到意外问题，详细信息已写入日志文件。")
        self.station_page.errors.show(message)
        self.demo_failed.emit(message)

    # -- closing while the generator runs would leave a half-filled database: refuse until it is done ------
    def reject(self) -> None:
        if self.is_busy():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_busy():
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_busy() and event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)
