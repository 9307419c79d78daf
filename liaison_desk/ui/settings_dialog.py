"""值班台设置 on this PC: idle lock, receipt paper, due-soon days, the default time limit, large type."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
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
        self.errors = FieldErrors(self.form_error, aliases={"idle_minutes": "idle", "receipt_width_mm": "width",
                                                            "due_soon_days": "due", "default_working_days": "days"})
        form = QFormLayout()
        e = self.errors
        e.add_row(form, "idle", self.tr("无人操作自动锁定(&I)："), self.idle_spin, self.tr("自动锁定时间"))
        e.add_row(form, "width", self.tr("回执纸宽(&W)："), self.width_combo, self.tr("回执纸宽"))
        e.add_row(form, "due", self.tr("提前提醒到期(&D)："), self.due_spin, self.tr("提前几天提醒到期"))
        e.add_row(form, "days", self.tr("默认办理时限(&L)："), self.workdays_spin, self.tr("默认办理时限"))
        form.addRow("", self.large_check)
        self.large_check.setAccessibleName(self.tr("大字模式"))
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
        outer = QVBoxLayout(self)
        outer.addWidget(heading)
        outer.addLayout(form)
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
                default_working_days=self.workdays_spin.value(), large_type=self.large_check.isChecked())
        except Exception as exc:  # e.g. a duty deputy may change large type only: the reason is shown
            if not isinstance(exc, DomainError):
                log.exception("saving the settings failed")
            self.errors.show(friendly(exc, self._lang), getattr(exc, "field", None))
            return False
        self.session.publish(desk_settings.SETTINGS_CHANGED)  # the idle lock, large type, the badge follow
        self.accept()
        return True
