"""新增／修改代表: one deputy's record (name, level, constituency, sector, phone, card number, duty at this station,
group, term). Nothing is pre-chosen for a new deputy (level, duty): the person at the desk says it.

``services.duty.deputies.validate_deputy`` decides what is valid (through ``create_deputy``/``update_deputy``);
a refusal is shown at its field, the dialog stays open and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.roster import ROSTER_ROLES
from ..domain.validation import validate_date
from ..domain.vocab import DEPUTY_LEVELS, GROUP_ROLES
from ..services.duty.deputies import DeputyInput, DeputyView, create_deputy, update_deputy
from . import appearance
from .activity_dialog import fit_to_screen
from .forms import FieldErrors
from .session import DeskSession

log = logging.getLogger(__name__)

NOT_HERE = "none"  # the duty combo's "not on duty at this station" (DeputyInput.duty_role None)


class DeputyDialog(QDialog):
    """New when ``deputy`` is None, else an edit of it; ``saved`` holds what the service returned."""

    def __init__(self, session: DeskSession, deputy: DeputyView | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db
        self.deputy = deputy
        self.saved: DeputyView | None = None
        self.setWindowTitle(self.tr("修改代表信息") if deputy else self.tr("新增代表"))
        zh = session.lang == "zh"

        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.errors = e = FieldErrors(self.message)
        left, right = QFormLayout(), QFormLayout()

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(40)
        e.add_row(left, "name", self.tr("姓名(&N)："), self.name_edit, self.tr("代表姓名"))
        self.level_combo = QComboBox()
        self.level_combo.addItem(self.tr("（请选择）"), None)
        for code, (level_zh, level_en) in DEPUTY_LEVELS.items():
            self.level_combo.addItem(level_zh if zh else level_en, code)
        e.add_row(left, "level", self.tr("代表层级(&L)："), self.level_combo, self.tr("代表层级"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(32)
        e.add_row(left, "code", self.tr("代表证号(&C)："), self.code_edit, self.tr("代表证号"),
                  self.tr("签到时可输入证号；可不填"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(20)
        e.add_row(left, "phone", self.tr("联系电话(&P)："), self.phone_edit, self.tr("联系电话"))
        self.constituency_edit = QLineEdit()
        self.constituency_edit.setMaxLength(100)
        e.add_row(left, "constituency", self.tr("选区(&Q)："), self.constituency_edit, self.tr("选区"))
        self.sector_edit = QLineEdit()
        self.sector_edit.setMaxLength(100)
        e.add_row(left, "sector", self.tr("界别(&J)："), self.sector_edit, self.tr("界别"))

        self.duty_combo = QComboBox()
        self.duty_combo.addItem(self.tr("（请选择）"), None)
        for code, (role_zh, role_en) in ROSTER_ROLES.items():
            self.duty_combo.addItem(role_zh if zh else role_en, code)
        self.duty_combo.addItem(self.tr("不在本站值班"), NOT_HERE)
        e.add_row(right, "duty_role", self.tr("值班方式(&D)："), self.duty_combo, self.tr("值班方式"))
        self.group_edit = QLineEdit()
        self.group_edit.setMaxLength(100)
        self.group_edit.setPlaceholderText(self.tr("可不填"))
        e.add_row(right, "group", self.tr("代表小组(&G)："), self.group_edit, self.tr("代表小组"))
        self.group_role_combo = QComboBox()
        self.group_role_combo.addItem(self.tr("（请选择）"), None)
        for code, (role_zh, role_en) in GROUP_ROLES.items():
            self.group_role_combo.addItem(role_zh if zh else role_en, code)
        e.add_row(right, "group_role", self.tr("小组职务(&R)："), self.group_role_combo, self.tr("小组职务"))
        self.from_edit = QLineEdit()
        self.from_edit.setPlaceholderText(self.tr("如 2022-01-01"))
        e.add_row(right, "active_from", self.tr("任期开始(&F)："), self.from_edit, self.tr("任期开始日期"))
        self.until_edit = QLineEdit()
        self.until_edit.setPlaceholderText(self.tr("可不填"))
        e.add_row(right, "active_until", self.tr("任期结束(&E)："), self.until_edit, self.tr("任期结束日期"),
                  self.tr("离任请用名单上的“办理离任”"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(columns)
        outer.addStretch(1)
        outer.addWidget(self.message)
        outer.addWidget(self.buttons)

        self.group_edit.textChanged.connect(self._group_changed)
        if deputy is not None:
            self._load(deputy)
        self._group_changed()
        self.setMinimumWidth(min(880, int(appearance.room(self).width())))
        fit_to_screen(self)
        self.name_edit.setFocus()

    def _group_changed(self, *_args: object) -> None:
        self.group_role_combo.setEnabled(bool(self.group_edit.text().strip()))

    def _load(self, d: DeputyView) -> None:
        self.name_edit.setText(d.name)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(d.level)))
        self.code_edit.setText(d.code or "")
        self.phone_edit.setText(d.phone or "")
        self.constituency_edit.setText(d.constituency)
        self.sector_edit.setText(d.sector)
        self.duty_combo.setCurrentIndex(max(0, self.duty_combo.findData(d.duty_role or NOT_HERE)))
        if d.groups:
            group, role = d.groups[0]
            self.group_edit.setText(group)
            self.group_role_combo.setCurrentIndex(max(0, self.group_role_combo.findData(role)))
        self.from_edit.setText(d.active_from.isoformat() if d.active_from else "")
        self.until_edit.setText(d.active_until.isoformat() if d.active_until else "")

    def _date(self, edit: QLineEdit, field: str) -> dt.date | None:
        text = edit.text().strip()
        return validate_date(text, field=field) if text else None

    def value(self) -> DeputyInput:
        """What the form says, as the service takes it; a choice left on （请选择） is refused at its field."""
        level = self.level_combo.currentData()
        duty = self.duty_combo.currentData()
        if duty is None:
            raise DomainError("duty_missing", self.tr("请选择值班方式（不在本站值班也请选上）。"), field="duty_role")
        group = self.group_edit.text().strip()
        group_role = self.group_role_combo.currentData()
        if group and group_role is None:
            raise DomainError("group_role_missing", self.tr("请选择这位代表在小组里的职务。"), field="group_role")
        return DeputyInput(name=self.name_edit.text(), level=str(level or ""),
                           constituency=self.constituency_edit.text(), sector=self.sector_edit.text(),
                           phone=self.phone_edit.text().strip() or None, code=self.code_edit.text().strip() or None,
                           active_from=self._date(self.from_edit, "active_from"),
                           active_until=self._date(self.until_edit, "active_until"),
                           duty_role=None if duty == NOT_HERE else str(duty), group=group,
                           group_role=str(group_role or "member"))

    def save(self) -> None:
        def write() -> DeputyView:
            actor, value = self.session.require_actor(), self.value()
            if self.deputy is None:
                return create_deputy(self.db, actor, value)
            return update_deputy(self.db, actor, self.deputy.id, value)

        saved = self.errors.attempt("saving a deputy", write, self.session.lang)
        if saved is not None:
            self.saved = saved
            self.accept()
