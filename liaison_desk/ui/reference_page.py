"""基础资料 (a section of the 站务 tab, staff and administrators): 承办单位, 问题类别, 村/社区 and 节假日.

Each list shows every entry with its state (在用 / 已停用) and how many cases or visits use it; below it a line
to add one, and 改名… / 停用 / 恢复使用 for the selected entry. Nothing is deleted: a case keeps the
department, category or village it was recorded with, a stopped entry only leaves the forms' pick lists.
节假日: the year's holidays and 调休 make-up days — the shipped calendar and this station's own days — with a
line to set one day (放假 or 调休上班) and 恢复国家安排 for a station day. Everything goes through
``services.desk.reference``; a refusal is shown at its field and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..services.changes import Changes
from ..services.desk.reference import (
    HolidayDay,
    RefItem,
    add_item,
    list_holidays,
    list_items,
    remove_holiday,
    rename_item,
    set_active,
    set_holiday,
)
from .forms import FieldErrors, HeldRowsModel, date_edit, fit_columns, fit_short_table, make_table
from .session import DeskSession

log = logging.getLogger(__name__)
_ROOT = QModelIndex()
_WEEKDAYS = "一二三四五六日"


class RefItemsModel(HeldRowsModel):
    """名称 | 简称 (departments) | 状态 | 使用情况."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent=parent)
        self.kind = kind
        self.COLUMNS = ("name", "detail", "state", "uses") if kind == "department" else ("name", "state", "uses")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        item: RefItem = self.row_at(index.row())
        col = self.COLUMNS[index.column()]
        if col == "name":
            return item.name
        if col == "detail":
            return item.detail
        if col == "state":
            return QCoreApplication.translate("ReferencePage", "在用") if item.active else \
                QCoreApplication.translate("ReferencePage", "已停用")
        if self.kind == "village":
            return QCoreApplication.translate("ReferencePage", "{0} 次来访").format(item.in_use)
        return QCoreApplication.translate("ReferencePage", "{0} 件").format(item.in_use)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole \
                or not 0 <= section < len(self.COLUMNS):
            return None
        return {"name": QCoreApplication.translate("ReferencePage", "名称"),
                "detail": QCoreApplication.translate("ReferencePage", "简称"),
                "state": QCoreApplication.translate("ReferencePage", "状态"),
                "uses": QCoreApplication.translate("ReferencePage", "使用情况")}[self.COLUMNS[section]]


class HolidaysModel(HeldRowsModel):
    """日期 | 类型 | 名称 | 来源."""

    COLUMNS = ("date", "kind", "name", "source")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        day: HolidayDay = self.row_at(index.row())
        col = self.COLUMNS[index.column()]
        if col == "date":
            return f"{day.date:%Y-%m-%d}（周{_WEEKDAYS[day.date.weekday()]}）"
        if col == "kind":
            return QCoreApplication.translate("ReferencePage", "放假") if day.kind == "holiday" else \
                QCoreApplication.translate("ReferencePage", "调休上班")
        if col == "name":
            return day.name
        return QCoreApplication.translate("ReferencePage", "本站设置") if day.source == "station" else \
            QCoreApplication.translate("ReferencePage", "国家安排")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole \
                or not 0 <= section < len(self.COLUMNS):
            return None
        return (QCoreApplication.translate("ReferencePage", "日期"), QCoreApplication.translate("ReferencePage", "类型"),
                QCoreApplication.translate("ReferencePage", "名称"),
                QCoreApplication.translate("ReferencePage", "来源"))[section]


def _button(text: str) -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(False)
    return b


class _Section(QWidget):
    """What the four lists share: the session, the message line, running a write and publishing it."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.errors = FieldErrors(self.form_error)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)

    def _side_by_side(self, table: QWidget, note: QLabel, form: QFormLayout, buttons: QHBoxLayout,
                      top: QHBoxLayout | None = None) -> None:
        """The list on the left, the form on the right: the list keeps the screen's height (768 px PCs)."""
        left = QVBoxLayout()
        if top is not None:
            left.addLayout(top)
        left.addWidget(table, 1)
        right = QVBoxLayout()
        right.addWidget(note)
        right.addLayout(form)
        right.addWidget(self.form_error)
        right.addLayout(buttons)
        right.addWidget(self.done_label)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def _write(self, what: str, call: Callable[[], Any], errors: FieldErrors | None = None) -> Any:
        errors = errors or self.errors
        errors.clear()
        self.done_label.clear()
        actor = self.session.actor
        if actor is None:
            errors.show(QCoreApplication.translate("ReferencePage", "请先签到。"))
            return None
        try:
            result = call()
        except DomainError as exc:
            errors.show(exc.localized(self.session.lang), exc.field)
            return None
        except Exception:  # never a stack trace to the user
            log.exception("%s failed", what)
            errors.show(QCoreApplication.translate("ReferencePage", "操作没有完成：遇到意外问题，详细信息已写入日志文件。已填写的内容都还在。"))
            return None
        changes = result if isinstance(result, Changes) else _changes_of(result)
        self.session.publish(changes)
        self.refresh()
        return result

    def refresh(self) -> None:  # pragma: no cover - each section has its own
        raise NotImplementedError


def _changes_of(result: Any) -> Changes | None:
    """The ``Changes`` a reference write returned (``RefResult`` and ``HolidayResult`` both carry one)."""
    changes: Changes | None = result.changes if result is not None else None
    return changes


class ListSection(_Section):
    """One reference list: the table, a line to add, 改名… / 停用 / 恢复使用 for the selected entry."""

    def __init__(self, session: DeskSession, kind: str, title: str, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.kind = kind
        self.model = RefItemsModel(kind, self)
        self.table = make_table(self.model, title)
        fit_short_table(self.table, 0)
        self.name_edit = QLineEdit()
        self.detail_edit = QLineEdit()
        form = QFormLayout()
        self.errors.add_row(form, "name", QCoreApplication.translate("ReferencePage", "新的名称(&N)："), self.name_edit,
                            QCoreApplication.translate("ReferencePage", "新的{0}名称").format(title))
        if kind == "department":
            self.errors.add_row(form, "detail", QCoreApplication.translate("ReferencePage", "简称(&J)："), self.detail_edit,
                                QCoreApplication.translate("ReferencePage", "承办单位简称"),
                                hint=QCoreApplication.translate("ReferencePage", "可不填；打印和列表中用，如“水利局”。"))
        self.add_button = _button(QCoreApplication.translate("ReferencePage", "添加(&A)"))
        self.rename_button = _button(QCoreApplication.translate("ReferencePage", "改名…"))
        self.toggle_button = _button(QCoreApplication.translate("ReferencePage", "停用"))
        note = QLabel(QCoreApplication.translate(
            "ReferencePage", "不再使用的请“停用”：已登记的案件仍保留原来的记录，登记表里不再出现。"))
        note.setWordWrap(True)
        row = QHBoxLayout()
        for b in (self.add_button, self.rename_button, self.toggle_button):
            row.addWidget(b)
        row.addStretch(1)
        self._side_by_side(self.table, note, form, row)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(lambda: self.open_rename())
        self.toggle_button.clicked.connect(self.toggle)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.rename_dialog: RenameDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        current = self.selected()
        self.model.set_rows(list_items(self.db, self.kind))
        fit_columns(self.table)
        if current is not None:
            for r in range(self.model.rowCount()):
                if self.model.row_at(r).id == current.id:
                    self.table.selectRow(r)
        self._selection_changed()

    def selected(self) -> RefItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), _ROOT):
            return None
        item: RefItem = self.model.row_at(index.row())
        return item

    def _selection_changed(self) -> None:
        item = self.selected()
        self.rename_button.setEnabled(item is not None)
        self.toggle_button.setEnabled(item is not None)
        self.toggle_button.setText(QCoreApplication.translate("ReferencePage", "恢复使用") if item is not None
                                   and not item.active else QCoreApplication.translate("ReferencePage", "停用"))

    def add(self) -> RefItem | None:
        name, detail = self.name_edit.text(), self.detail_edit.text()
        result = self._write("add reference", lambda: add_item(self.db, self.session.require_actor(), self.kind,
                                                                name, detail))
        if result is None:
            return None
        self.name_edit.clear()
        self.detail_edit.clear()
        self.done_label.setText(QCoreApplication.translate("ReferencePage", "已添加“{0}”。").format(result.item.name))
        item: RefItem = result.item
        return item

    def toggle(self) -> RefItem | None:
        item = self.selected()
        if item is None:
            return None
        result = self._write("deactivate reference", lambda: set_active(
            self.db, self.session.require_actor(), self.kind, item.id, not item.active))
        if result is None:
            return None
        self.done_label.setText((QCoreApplication.translate("ReferencePage", "已恢复使用“{0}”。") if result.item.active
                                 else QCoreApplication.translate("ReferencePage", "已停用“{0}”。")).format(result.item.name))
        changed: RefItem = result.item
        return changed

    def open_rename(self) -> RenameDialog | None:
        item = self.selected()
        if item is None:
            return None
        dialog = RenameDialog(self, item)
        self.rename_dialog = dialog
        dialog.open()
        return dialog


class RenameDialog(QDialog):
    """改名: the entry's name (and a department's short name), prefilled with what it is now."""

    def __init__(self, section: ListSection, item: RefItem):
        super().__init__(section)
        self.section, self.item = section, item
        self.setWindowTitle(self.tr("改名"))
        self.name_edit = QLineEdit(item.name)
        self.detail_edit = QLineEdit(item.detail)
        self.form_error = QLabel()
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.errors = FieldErrors(self.form_error)
        form = QFormLayout()
        self.errors.add_row(form, "name", self.tr("名称(&N)："), self.name_edit, self.tr("名称"))
        if section.kind == "department":
            self.errors.add_row(form, "detail", self.tr("简称(&J)："), self.detail_edit, self.tr("简称"))
        self.save_button = _button(self.tr("保存(&S)"))
        self.cancel_button = _button(self.tr("取消"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(row)

    def save(self) -> bool:
        s = self.section
        detail = self.detail_edit.text() if s.kind == "department" else None
        result = s._write("rename reference", lambda: rename_item(
            s.db, s.session.require_actor(), s.kind, self.item.id, self.name_edit.text(), detail), self.errors)
        if result is None:
            return False
        s.done_label.setText(self.tr("已改名为“{0}”。").format(result.item.name))
        self.accept()
        return True


class HolidaySection(_Section):
    """The year's 节假日 and 调休上班 days; one day set or put back to the shipped calendar at a time."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(session, parent)
        today = today or local_today()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(today.year)
        self.year_spin.setAccessibleName(QCoreApplication.translate("ReferencePage", "年份"))
        self.model = HolidaysModel(parent=self)
        self.table = make_table(self.model, QCoreApplication.translate("ReferencePage", "节假日和调休上班日"))
        fit_short_table(self.table, 2)
        self.date_edit = date_edit(QDate(today.year, today.month, today.day), lang=session.lang)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(QCoreApplication.translate("ReferencePage", "（请选择）"), None)
        self.kind_combo.addItem(QCoreApplication.translate("ReferencePage", "放假"), "holiday")
        self.kind_combo.addItem(QCoreApplication.translate("ReferencePage", "调休上班"), "workday")
        self.name_edit = QLineEdit()
        form = QFormLayout()
        self.errors.add_row(form, "date", QCoreApplication.translate("ReferencePage", "日期(&D)："), self.date_edit,
                            QCoreApplication.translate("ReferencePage", "日期"))
        self.errors.add_row(form, "kind", QCoreApplication.translate("ReferencePage", "这一天(&K)："), self.kind_combo,
                            QCoreApplication.translate("ReferencePage", "放假还是调休上班"))
        self.errors.add_row(form, "name", QCoreApplication.translate("ReferencePage", "名称(&N)："), self.name_edit,
                            QCoreApplication.translate("ReferencePage", "节日名称"),
                            hint=QCoreApplication.translate("ReferencePage", "如“春节”“村里庙会”；可不填。"))
        self.save_button = _button(QCoreApplication.translate("ReferencePage", "保存这一天(&S)"))
        self.remove_button = _button(QCoreApplication.translate("ReferencePage", "恢复国家安排"))
        note = QLabel(QCoreApplication.translate(
            "ReferencePage", "值班表不在放假日排班；每个工作日都接待的联络站，调休上班日也排班。办理期限按工作日计算。"))
        note.setWordWrap(True)
        top = QHBoxLayout()
        year_label = QLabel(QCoreApplication.translate("ReferencePage", "年份(&Y)："))
        year_label.setBuddy(self.year_spin)
        top.addWidget(year_label)
        top.addWidget(self.year_spin)
        top.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self._side_by_side(self.table, note, form, row, top)
        self.year_spin.valueChanged.connect(lambda _v: self.refresh())
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.refresh()

    def refresh(self) -> None:
        try:
            self.model.set_rows(list_holidays(self.db, self.year_spin.value()))
        except DomainError as exc:
            self.errors.show(exc.localized(self.session.lang))
            self.model.set_rows([])
        fit_columns(self.table)
        self._selection_changed()

    def selected(self) -> HolidayDay | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), _ROOT):
            return None
        day: HolidayDay = self.model.row_at(index.row())
        return day

    def _selection_changed(self) -> None:
        day = self.selected()
        self.remove_button.setEnabled(day is not None and day.source == "station")

    def _date(self) -> dt.date:
        d = self.date_edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def save(self) -> HolidayDay | None:
        kind = self.kind_combo.currentData()
        if kind is None:
            self.errors.clear()
            self.errors.show(QCoreApplication.translate("ReferencePage", "请选择这一天是放假还是调休上班。"), "kind")
            return None
        day, name = self._date(), self.name_edit.text()
        result = self._write("set holiday", lambda: set_holiday(self.db, self.session.require_actor(), day, kind, name))
        if result is None:
            return None
        if day.year != self.year_spin.value():
            self.year_spin.setValue(day.year)
        self.name_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self.done_label.setText(QCoreApplication.translate("ReferencePage", "已保存 {0:%Y-%m-%d} 的安排。").format(day))
        saved: HolidayDay = result.day
        return saved

    def remove(self) -> bool:
        day = self.selected()
        if day is None or day.source != "station":
            return False
        done = self._write("remove holiday", lambda: remove_holiday(self.db, self.session.require_actor(), day.date))
        if done is None:
            return False
        self.done_label.setText(QCoreApplication.translate("ReferencePage", "{0:%Y-%m-%d} 已恢复国家安排。").format(day.date))
        return True


class ReferencePage(QWidget):
    """The 基础资料 section: a tab per list."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.session = session
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(QCoreApplication.translate("ReferencePage", "基础资料"))
        self.departments = ListSection(session, "department", QCoreApplication.translate("ReferencePage", "承办单位"))
        self.categories = ListSection(session, "category", QCoreApplication.translate("ReferencePage", "问题类别"))
        self.villages = ListSection(session, "village", QCoreApplication.translate("ReferencePage", "村（社区）"))
        self.holidays = HolidaySection(session, today=today)
        self.tabs.addTab(self.departments, QCoreApplication.translate("ReferencePage", "承办单位"))
        self.tabs.addTab(self.categories, QCoreApplication.translate("ReferencePage", "问题类别"))
        self.tabs.addTab(self.villages, QCoreApplication.translate("ReferencePage", "村/社区"))
        self.tabs.addTab(self.holidays, QCoreApplication.translate("ReferencePage", "节假日"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        for section in (self.departments, self.categories, self.villages, self.holidays):
            section.refresh()
