"""值班台设置 on this PC: idle lock, receipt paper, due-soon days, the default time limit, large type (tab 本机);
and what is printed on paper (tab 纸面信息): the station's phone and address, reception hours, the office's
short name in a letter's 发文字号 and a letter's 抄送."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..services.desk import settings as desk_settings
from .forms import FieldErrors, combo_select_data, friendly
from .session import DeskSession

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    """Saved through ``services.settings.update_settings``, which decides who may change what (staff and
    administrators everything, anyone large type); a refusal is shown in the dialog."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._lang = session.lang
        self.setWindowTitle(self.tr("值班台设置"))
        self.setMinimumWidth(560)
        current = desk_settings.get_settings(session.db)
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, 240)
        self.idle_spin.setSuffix(self.tr(" 分钟"))
        self.idle_spin.setSpecialValueText(self.tr("不锁定"))
        self.idle_spin.setValue(current.idle_minutes)
        self.width_combo = QComboBox()
        for mm in desk_settings.RECEIPT_WIDTHS:
            self.width_combo.addItem(self.tr("{0} 毫米").format(mm), mm)
        combo_select_data(self.width_combo, current.receipt_width_mm)
        self.due_spin = QSpinBox()
        self.due_spin.setRange(0, 30)
        self.due_spin.setSuffix(self.tr(" 天"))
        self.due_spin.setValue(current.due_soon_days)
        self.workdays_spin = QSpinBox()
        self.workdays_spin.setRange(1, 366)
        self.workdays_spin.setSuffix(self.tr(" 个工作日"))
        self.workdays_spin.setValue(current.default_working_days)
        self.large_check = QCheckBox(self.tr("大字模式"))
        self.large_check.setChecked(current.large_type)
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setVisible(False)
        contact = desk_settings.station_contact(session.db)
        self.phone_edit = QLineEdit(contact.phone)
        self.phone_edit.setMaxLength(32)
        self.address_edit = QLineEdit(contact.address)
        self.address_edit.setMaxLength(200)
        self.hours_edit = QLineEdit(current.duty_hours)
        self.hours_edit.setMaxLength(60)
        self.short_name_edit = QLineEdit(current.office_short_name)
        self.short_name_edit.setMaxLength(12)
        self.copy_to_edit = QLineEdit(current.letter_copy_to)
        self.copy_to_edit.setMaxLength(60)
        self.status_url_edit = QLineEdit(current.public_status_url)  # issue 15: the receipt's QR code
        self.status_url_edit.setMaxLength(200)
        self.errors = FieldErrors(self.form_error, aliases={"idle_minutes": "idle", "receipt_width_mm": "width",
                                                            "due_soon_days": "due", "default_working_days": "days",
                                                            "station_phone": "phone", "station_address": "address",
                                                            "duty_hours": "hours", "office_short_name": "short",
                                                            "letter_copy_to": "copy_to",
                                                            "public_status_url": "status_url"})
        form = QFormLayout()
        e = self.errors
        e.add_row(form, "idle", self.tr("无人操作自动锁定(&I)："), self.idle_spin, self.tr("自动锁定时间"))
        e.add_row(form, "width", self.tr("回执纸宽(&W)："), self.width_combo, self.tr("回执纸宽"))
        e.add_row(form, "due", self.tr("提前提醒到期(&D)："), self.due_spin, self.tr("提前几天提醒到期"))
        e.add_row(form, "days", self.tr("默认办理时限(&L)："), self.workdays_spin, self.tr("默认办理时限"))
        form.addRow("", self.large_check)
        self.large_check.setAccessibleName(self.tr("大字模式"))
        paper = QFormLayout()  # station-wide, like the rest: staff and administrators change it
        paper_note = QLabel(self.tr("这些内容印在回执、交办函和督办通知上，全站通用。"))
        paper_note.setObjectName("fieldHint")
        paper_note.setWordWrap(True)
        paper.addRow(paper_note)
        # examples as placeholders, one-line hints: five rows of wrapped hints would not fit 768 px in large type
        self.phone_edit.setPlaceholderText(self.tr("如 0551-62612345（座机带区号）"))
        self.address_edit.setPlaceholderText(self.tr("如 河口镇柳树湾村村委会一楼"))
        self.hours_edit.setPlaceholderText(self.tr("如 每周二、周五 9:00—12:00"))
        self.short_name_edit.setPlaceholderText(self.tr("如 河口人联"))
        self.copy_to_edit.setPlaceholderText(self.tr("如 县人大常委会代表工作委员会"))
        self.status_url_edit.setPlaceholderText(self.tr("如 https://rd.example.gov.cn"))
        e.add_row(paper, "phone", self.tr("站点电话(&P)："), self.phone_edit, self.tr("站点电话"))
        e.add_row(paper, "address", self.tr("站点地址(&A)："), self.address_edit, self.tr("站点地址"))
        e.add_row(paper, "hours", self.tr("接待时间(&H)："), self.hours_edit, self.tr("接待时间"))
        e.add_row(paper, "short", self.tr("发文机关代字(&O)："), self.short_name_edit, self.tr("发文机关代字"),
                  self.tr("不填：乡镇名前两字加“人联”"))
        e.add_row(paper, "copy_to", self.tr("抄送(&C)："), self.copy_to_edit, self.tr("抄送"),
                  self.tr("交办函的抄送；不填：本乡镇人大主席团"))
        self.paper_keys = ("phone", "address", "hours", "short", "copy_to")
        online = QFormLayout()  # issue 15: its own tab (one more row would push 纸面信息 past 768 px in large type)
        online_note = QLabel(self.tr("县级平台对群众开放的查询网址。填了，回执上印案件的查询二维码和网址，群众可在手机上查看"
                                     "办理进度并评价；不填，回执请群众来站或打电话询问。"))
        online_note.setObjectName("fieldHint")
        online_note.setWordWrap(True)
        online.addRow(online_note)
        e.add_row(online, "status_url", self.tr("公众查询网址(&U)："), self.status_url_edit, self.tr("公众查询网址"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setAccessibleName(self.tr("保存设置"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAccessibleName(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        heading = QLabel(self.tr("值班台设置"))
        heading.setObjectName("dialogHeading")
        self.tabs = QTabWidget()
        for layout, caption in ((form, self.tr("本机")), (paper, self.tr("纸面信息")), (online, self.tr("网上查询"))):
            page = QWidget()
            page.setLayout(layout)
            scroll = QScrollArea()  # a long error message under a field scrolls, the dialog stays on a 768 px screen
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.tabs.addTab(scroll, caption)
        outer = QVBoxLayout(self)
        outer.addWidget(heading)
        outer.addWidget(self.tabs)
        outer.addWidget(self.form_error)
        outer.addWidget(self.buttons)

    def save(self) -> bool:
        self.errors.clear()
        if self.session.actor is None:
            self.errors.show(self.tr("请先签到。"))
            return False
        try:
            self.saved = desk_settings.update_settings(
                self.session.db, self.session.actor, idle_minutes=self.idle_spin.value(),
                receipt_width_mm=self.width_combo.currentData(), due_soon_days=self.due_spin.value(),
                default_working_days=self.workdays_spin.value(), large_type=self.large_check.isChecked(),
                station_phone=self.phone_edit.text(), station_address=self.address_edit.text(),
                duty_hours=self.hours_edit.text(), office_short_name=self.short_name_edit.text(),
                letter_copy_to=self.copy_to_edit.text(), public_status_url=self.status_url_edit.text())
        except Exception as exc:  # e.g. a duty deputy may change large type only: the reason is shown
            if not isinstance(exc, DomainError):
                log.exception("saving the settings failed")
            field = getattr(exc, "field", None)
            key = self.errors.aliases.get(field or "", field)
            self.tabs.setCurrentIndex(2 if key == "status_url" else 1 if key in self.paper_keys else 0)  # the tab where the fix is needed
            self.errors.show(friendly(exc, self._lang), field)
            self._fit_page()
            return False
        self.session.publish(desk_settings.SETTINGS_CHANGED)  # the idle lock, large type, the badge follow
        self.accept()
        return True

    def _fit_page(self) -> None:
        """A scroll area sizes its page without asking the wrapped error lines how tall they are at its width:
        make the page as tall as its lines need, so the message scrolls instead of being cut."""
        scroll = self.tabs.currentWidget()
        if not isinstance(scroll, QScrollArea):
            return
        page = scroll.widget()
        layout = page.layout() if page is not None else None
        if page is None or layout is None:
            return
        page.setMinimumHeight(0)
        layout.activate()
        if layout.hasHeightForWidth():
            page.setMinimumHeight(layout.totalHeightForWidth(scroll.viewport().width()))
