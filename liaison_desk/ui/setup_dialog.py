"""First-run dialog: set up this station (name, code, township, kind, administrator PIN), or load training data."""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.vocab import STATION_KINDS
from ..services.demo import generate_demo
from ..services.station import init_station
from . import workers

log = logging.getLogger(__name__)

DEMO_VISITS = 2000

# DomainError.field → our input; several spellings because the validators name fields their own way.
_FIELD_ALIASES = {
    "station_name": "name", "name": "name",
    "station_code": "code", "code": "code",
    "township": "township",
    "kind": "kind",
    "admin_pin": "pin", "pin": "pin",
}


class SetupDialog(QDialog):
    """Accepted once a station exists (typed in, or the training station made by the demo generator)."""

    demo_finished = Signal(object)  # DemoResult, for the caller (and tests) to know the data is there
    demo_failed = Signal(str)

    def __init__(self, db, lang: str = "zh", *, demo_visits: int = DEMO_VISITS, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self._demo_visits = demo_visits
        self._task: workers.Task | None = None
        self.result_info = None  # InitResult or DemoResult once done
        self.setWindowTitle(self.tr("联络站值班台 — 首次设置"))
        self.setModal(True)
        self.setMinimumWidth(720)
        self._build()
        self.resize(800, 600)
        self._refit()

    # -- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(self.tr("欢迎使用联络站值班台"))
        heading.setObjectName("dialogHeading")
        intro = QLabel(self.tr("第一次使用，请先填写本联络站的基本情况。带“例如”的灰字只是示范，请换成本站的实际内容。"))
        intro.setWordWrap(True)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例如：柳树湾村人大代表联络站"))
        self.name_edit.setMaxLength(100)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("2–8 位字母或数字，例如 LX01"))
        self.code_edit.setMaxLength(8)
        # Only letters and digits can be typed at all; length is checked by the service so its message shows.
        self.code_edit.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9]{0,8}"), self))
        self.township_edit = QLineEdit()
        self.township_edit.setPlaceholderText(self.tr("例如：河口镇"))
        self.township_edit.setMaxLength(100)
        self.kind_combo = QComboBox()
        for code, (zh, en) in STATION_KINDS.items():
            self.kind_combo.addItem(en if self._lang == "en" else zh, code)
        self.pin_edit = QLineEdit()
        self.pin2_edit = QLineEdit()
        digits = QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"), self)
        for edit in (self.pin_edit, self.pin2_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
            edit.setValidator(digits)
        self.pin_edit.setPlaceholderText(self.tr("4–12 位数字"))
        self.pin2_edit.setPlaceholderText(self.tr("再输入一次，以免输错"))

        self._inputs = {"name": self.name_edit, "code": self.code_edit, "township": self.township_edit,
                        "kind": self.kind_combo, "pin": self.pin_edit, "pin2": self.pin2_edit}
        self._errors: dict[str, QLabel] = {}
        captions = {"name": self.tr("联络站名称(&N)："), "code": self.tr("站点代码(&C)："),
                    "township": self.tr("所在乡镇（街道）(&T)："), "kind": self.tr("站点类型(&K)："),
                    "pin": self.tr("管理员密码(&P)："), "pin2": self.tr("确认密码(&R)：")}
        accessible = {"name": self.tr("联络站名称"), "code": self.tr("站点代码"), "township": self.tr("所在乡镇"),
                      "kind": self.tr("站点类型"), "pin": self.tr("管理员密码"), "pin2": self.tr("确认管理员密码")}
        hints = {"code": self.tr("用于案件编号，设置后不能更改。不能用容易和数字混淆的字母 I、O、Q、S、Z。"),
                 "pin": self.tr("管理员的登录名为 admin。请牢记所设密码。")}

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for key, widget in self._inputs.items():
            caption = QLabel(captions[key])
            caption.setBuddy(widget)
            # As tall as the input, at the row's top, text centred: each caption lines up with its box, not with
            # the middle of box + hint + error.
            caption.setFixedHeight(widget.sizeHint().height())
            widget.setAccessibleName(accessible[key])
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            if key in hints:
                hint = QLabel(hints[key])
                hint.setObjectName("fieldHint")
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #555555;")
                column.addWidget(hint)
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.setVisible(False)
            error.setAccessibleName(self.tr("错误提示"))
            column.addWidget(error)
            self._errors[key] = error
            form.addRow(caption, column)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _text, k=key: self._clear_error(k))

        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: the generator cannot say how far along it is
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("正在生成演示数据"))
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setVisible(False)

        self.create_button = QPushButton(self.tr("完成设置(&S)"))
        self.create_button.setDefault(True)
        self.create_button.setAccessibleName(self.tr("完成设置"))
        self.create_button.clicked.connect(self.create_station)
        self.demo_button = QPushButton(self.tr("填入演示数据（培训用）(&D)"))
        self.demo_button.setAccessibleName(self.tr("填入演示数据（培训用）"))
        self.demo_button.setToolTip(self.tr("建立一个培训用的示范联络站，并填入虚构的来访和案件，供学习操作。"
                                            "培训库不会同步到县级平台。"))
        self.demo_button.clicked.connect(self.start_demo)
        self.quit_button = QPushButton(self.tr("退出(&Q)"))
        self.quit_button.setAccessibleName(self.tr("退出"))
        self.quit_button.setAutoDefault(False)
        self.demo_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.create_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        outer.addWidget(heading)
        outer.addWidget(intro)
        outer.addLayout(form)
        outer.addWidget(self.form_error)
        outer.addWidget(self.progress_label)
        outer.addWidget(self.progress)
        outer.addStretch(1)
        outer.addLayout(buttons)

        order = [self.name_edit, self.code_edit, self.township_edit, self.kind_combo, self.pin_edit,
                 self.pin2_edit, self.create_button, self.quit_button, self.demo_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.name_edit.setFocus()

    # -- errors -------------------------------------------------------------------------------------------
    def _clear_error(self, key: str) -> None:
        label = self._errors.get(key)
        if label is not None and not label.isHidden():
            label.clear()
            label.setVisible(False)
            self._set_invalid(self._inputs[key], False)
            self._refit()

    def _clear_errors(self) -> None:
        for key in self._errors:
            self._clear_error(key)
        self.form_error.clear()
        self.form_error.setVisible(False)

    def _refit(self) -> None:
        """Grow (or shrink) to fit wrapped messages: Qt does not resize a window for word-wrapped labels
        by itself, and a squeezed form would draw hints over the inputs."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        self.resize(width, max(height, layout.totalMinimumSize().height()))

    @staticmethod
    def _set_invalid(widget: QWidget, invalid: bool) -> None:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)  # re-read the style sheet for the new property value
        widget.style().polish(widget)

    def show_error(self, message: str, field: str | None = None) -> None:
        """Show ``message`` under the input named by ``field`` (a DomainError field), else under the form."""
        key = _FIELD_ALIASES.get(field or "", field)
        if key in self._errors:
            label = self._errors[key]
            label.setText(message)
            label.setVisible(True)
            widget = self._inputs[key]
            self._set_invalid(widget, True)
            widget.setFocus()  # the cursor stays where it was, so a small fix needs no retyping
        else:
            self.form_error.setText(message)
            self.form_error.setVisible(True)
        self._refit()

    def field_error(self, key: str) -> str:
        """The error text shown for an input ('' when none), for tests and accessibility checks."""
        label = self._errors[key]
        return "" if label.isHidden() else label.text()

    # -- actions ------------------------------------------------------------------------------------------
    def create_station(self) -> None:
        self._clear_errors()
        pin, pin2 = self.pin_edit.text(), self.pin2_edit.text()
        if not pin:
            self.show_error(self.tr("请设置管理员密码（4–12 位数字）。"), "pin")
            return
        if pin != pin2:
            self.show_error(self.tr("两次输入的密码不一致，请重新输入。"), "pin2")
            self.pin2_edit.clear()
            return
        try:
            result = init_station(self._db, name=self.name_edit.text().strip(),
                                  code=self.code_edit.text().strip().upper(),
                                  township=self.township_edit.text().strip(),
                                  kind=self.kind_combo.currentData(), admin_pin=pin)
        except DomainError as exc:
            self.show_error(exc.localized(self._lang), exc.field)
            return
        log.info("station set up: %s (%s)", result.station.name, result.station.code)
        self.result_info = result
        self.accept()

    def start_demo(self) -> None:
        if self._task is not None:
            return
        self._clear_errors()
        self._set_busy(True)
        self.progress_label.setText(self.tr("正在生成演示数据，可能要等一会儿，请稍候……"))
        self._task = workers.Task(generate_demo, self._db, visits=self._demo_visits, seed=1, progress=True)
        self._task.signals.progress.connect(self._on_demo_progress)
        self._task.signals.finished.connect(self._on_demo_finished)
        self._task.signals.failed.connect(self._on_demo_failed)
        workers.start(self._task)

    def is_busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        for widget in (*self._inputs.values(), self.create_button, self.demo_button, self.quit_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self._refit()
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _on_demo_progress(self, message: str) -> None:
        # The generator reports "done/total" visits after each chunk of a large run.
        detail = self.tr("已生成来访登记 {0} 条").format(message) if "/" in message else message
        self.progress_label.setText(self.tr("正在生成演示数据，可能要等一会儿，请稍候……") + "\n" + detail)

    def _on_demo_finished(self, result) -> None:
        self._task = None
        self._set_busy(False)
        self.result_info = result
        self.demo_finished.emit(result)
        self.accept()

    def _on_demo_failed(self, exc) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(exc, DomainError):
            message = exc.localized(self._lang)
        else:
            message = self.tr("生成演示数据时遇到意外问题，详细信息已写入日志文件。")
        self.show_error(message)
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
