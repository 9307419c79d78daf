"""登记／修改代表活动: kind (none pre-selected), date, title, place, content, who took part (a checkable list
with a search box), the households for 走访选民 (asked there only), a suggestion's outcome (for 提出建议 only).

The service decides what is valid (``services.duty.activities.validate_activity``); a refusal is shown at its
field, the dialog stays open and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..domain.vocab import ACTIVITY_KINDS, DEPUTY_LEVELS, label
from ..services.desk.lookups import list_active_deputies
from ..services.duty.activities import (
    SUGGESTION_OUTCOMES,
    ActivityInput,
    ActivityView,
    record_activity,
    update_activity,
)
from . import appearance
from .forms import FieldErrors
from .session import DeskSession

log = logging.getLogger(__name__)

HOUSEHOLD_KIND = "household_visits"
SUGGESTION_KIND = "suggestion"


def weekday_text(day: dt.date, lang: str = "zh") -> str:
    """周日 / Sun."""
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh" else QLocale(
        QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def day_text(day: dt.date, lang: str = "zh") -> str:
    """2026-12-06（周日）: the date with its weekday, as the station's paper does."""
    weekday = weekday_text(day, lang)
    return f"{day:%Y-%m-%d}（{weekday}）" if lang == "zh" else f"{day:%Y-%m-%d} ({weekday})"


def fit_to_screen(dialog: QDialog) -> None:
    """Never larger than the screen leaves room for (1366×728 at a station, large type or not)."""
    space = appearance.room(dialog)
    dialog.setMaximumSize(space)
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    dialog.resize(min(hint.width(), space.width()), min(hint.height(), space.height()))


class ActivityDialog(QDialog):
    """New when ``activity`` is None, else a correction of it. ``saved`` holds what the service returned."""

    def __init__(self, session: DeskSession, activity: ActivityView | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db
        self.activity = activity
        self.saved: ActivityView | None = None
        self.setWindowTitle(self.tr("修改代表活动") if activity else self.tr("登记代表活动"))

        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.errors = FieldErrors(self.message)
        e = self.errors
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("（请选择）"), None)
        for code, (zh, en) in ACTIVITY_KINDS.items():
            self.kind_combo.addItem(zh if session.lang == "zh" else en, code)
        e.add_row(form, "kind", self.tr("活动类型(&K)："), self.kind_combo, self.tr("活动类型"))

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = local_today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.weekday_label = QLabel()
        day_row = QWidget()
        day_layout = QHBoxLayout(day_row)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.date_edit)
        day_layout.addWidget(self.weekday_label, 1)
        e.add_row(form, "date", self.tr("日期(&D)："), day_row, self.tr("活动日期"))
        e.inputs["date"] = self.date_edit
        self.date_edit.setAccessibleName(self.tr("活动日期"))

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText(self.tr("如：视察村道硬化工程"))
        e.add_row(form, "title", self.tr("主题(&T)："), self.title_edit, self.tr("活动主题"))

        self.place_edit = QLineEdit()
        self.place_edit.setMaxLength(200)
        e.add_row(form, "location", self.tr("地点(&P)："), self.place_edit, self.tr("活动地点"))

        self.content_edit = QPlainTextEdit()
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        e.add_row(form, "description", self.tr("内容(&C)："), self.content_edit, self.tr("活动内容"))

        self.households_edit = QLineEdit()
        self.households_edit.setMaxLength(5)
        self.households_edit.setPlaceholderText(self.tr("走访了多少户（必填）"))
        self.households_label = e.add_row(form, "households", self.tr("走访户数(&H)："), self.households_edit,
                                          self.tr("走访户数"))

        self.outcome_combo = QComboBox()
        self.outcome_combo.addItem(self.tr("（请选择）"), None)
        for code, zh in SUGGESTION_OUTCOMES.items():
            self.outcome_combo.addItem(zh, code)
        self.outcome_label = e.add_row(form, "outcome", self.tr("办理结果(&R)："), self.outcome_combo,
                                       self.tr("建议办理结果"))

        # who took part
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("输入姓名查找代表"))
        self.search_edit.setAccessibleName(self.tr("查找代表"))
        self.search_edit.setClearButtonEnabled(True)
        self.deputy_list = QListWidget()
        self.deputy_list.setAccessibleName(self.tr("参加活动的代表（勾选）"))
        self.deputy_list.setMinimumWidth(self.fontMetrics().horizontalAdvance("王" * 12))
        self.chosen_label = QLabel()
        self.participants_error = QLabel()
        self.participants_error.setObjectName("fieldError")
        self.participants_error.setWordWrap(True)
        self.participants_error.setVisible(False)
        e.inputs["deputy_ids"] = self.deputy_list
        e.labels["deputy_ids"] = self.participants_error
        people = QVBoxLayout()
        caption = QLabel(self.tr("参加代表(&M)："))
        caption.setBuddy(self.search_edit)
        people.addWidget(caption)
        people.addWidget(self.search_edit)
        people.addWidget(self.deputy_list, 1)
        people.addWidget(self.chosen_label)
        people.addWidget(self.participants_error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存(&S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(people, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.message)
        outer.addWidget(self.buttons)

        self._fill_deputies()
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.search_edit.textChanged.connect(self._filter)
        self.deputy_list.itemChanged.connect(self._count_chosen)
        if activity is not None:
            self._load(activity)
        self._kind_changed()
        self._date_changed()
        self._count_chosen()
        self.setMinimumWidth(min(900, self._free_width()))
        fit_to_screen(self)
        self.kind_combo.setFocus()

    def _free_width(self) -> int:
        return int(appearance.room(self).width())

    # -- the deputies to choose from ----------------------------------------------------------------------
    def _fill_deputies(self) -> None:
        """Deputies in office (one query), and anyone already taking part who has left office since."""
        taking_part = dict(self.activity.participants) if self.activity else {}
        people = [(str(c.id), c.name, c.detail) for c in list_active_deputies(self.db)]
        listed = {ident for ident, _n, _l in people}
        people += [(ident, name, "") for ident, name in taking_part.items() if ident not in listed]
        for ident, name, level in people:
            level_text = label(DEPUTY_LEVELS, level) if self.session.lang == "zh" else level
            item = QListWidgetItem(f"{name}（{level_text}）" if level and self.session.lang == "zh" else
                                   (f"{name} ({level_text})" if level else name))
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ident in taking_part else Qt.CheckState.Unchecked)
            self.deputy_list.addItem(item)

    def items(self) -> list[QListWidgetItem]:
        return [self.deputy_list.item(i) for i in range(self.deputy_list.count())]

    def check_deputy(self, name: str, checked: bool = True) -> None:
        for item in self.items():
            if item.text().split("（")[0].split(" (")[0] == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(name)

    def chosen_ids(self) -> tuple[str, ...]:
        return tuple(str(item.data(Qt.ItemDataRole.UserRole)) for item in self.items()
                     if item.checkState() == Qt.CheckState.Checked)

    def _filter(self, text: str) -> None:
        text = text.strip()
        for item in self.items():
            item.setHidden(bool(text) and text not in item.text())

    def _count_chosen(self, *_args: object) -> None:
        self.chosen_label.setText(self.tr("已选 {0} 位代表").format(len(self.chosen_ids())))

    # -- fields that depend on the kind -------------------------------------------------------------------
    def kind(self) -> str | None:
        value = self.kind_combo.currentData()
        return str(value) if value else None

    def _kind_changed(self, *_args: object) -> None:
        kind = self.kind()
        for widget in (self.households_label, self.households_edit, self.outcome_label, self.outcome_combo):
            widget.setVisible(kind == (SUGGESTION_KIND if widget in (self.outcome_label, self.outcome_combo)
                                       else HOUSEHOLD_KIND))
        for key in ("households", "outcome"):
            if self.errors.labels[key].isVisible() and not self.errors.inputs[key].isVisible():
                self.errors.labels[key].setVisible(False)

    def _date_changed(self, *_args: object) -> None:
        self.weekday_label.setText(weekday_text(self._date(), self.session.lang))

    def _date(self) -> dt.date:
        d = self.date_edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def _load(self, a: ActivityView) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(a.kind)))
        self.date_edit.setDate(QDate(a.date.year, a.date.month, a.date.day))
        self.title_edit.setText(a.title)
        self.place_edit.setText(a.location)
        self.content_edit.setPlainText(a.description)
        self.households_edit.setText("" if a.households is None else str(a.households))
        if a.outcome:
            self.outcome_combo.setCurrentIndex(max(0, self.outcome_combo.findData(a.outcome)))

    # -- saving -------------------------------------------------------------------------------------------
    def value(self) -> ActivityInput:
        """What the form says, as the service takes it (a household count that is not a number is refused here,
        at its field)."""
        kind = self.kind() or ""
        households: int | None = None
        if kind == HOUSEHOLD_KIND:
            text = self.households_edit.text().strip()
            if text:
                if not text.isdigit():
                    raise DomainError("bad_households", self.tr("走访户数请填写整数，如 12。"), field="households")
                households = int(text)
        outcome = self.outcome_combo.currentData() if kind == SUGGESTION_KIND else None
        if kind == SUGGESTION_KIND and not outcome:
            raise DomainError("outcome_missing", self.tr("请选择办理结果（刚提出、还没有答复的选“办理中”）。"),
                              field="outcome")
        return ActivityInput(kind=kind, title=self.title_edit.text(), date=self._date(), deputy_ids=self.chosen_ids(),
                             location=self.place_edit.text().strip(), description=self.content_edit.toPlainText(),
                             households=households, outcome=str(outcome) if outcome else None)

    def save(self) -> None:
        def write() -> ActivityView:
            actor, value = self.session.require_actor(), self.value()
            if self.activity is None:
                return record_activity(self.db, actor, value)
            return update_activity(self.db, actor, self.activity.id, value)

        saved = self.errors.attempt("saving an activity", write, self.session.lang)
        if saved is not None:
            self.saved = saved
            self.accept()


def kind_text(kind: str, lang: str) -> str:
    return label(ACTIVITY_KINDS, kind) if lang == "zh" else ACTIVITY_KINDS.get(kind, (kind, kind))[1]
