"""活动登记: the deputies' activities beyond reception (视察, 座谈, 培训, 走访选民…), month by month, with
新增 / 修改 / 撤销. What is saved here is what the record book (履职登记册) and the scores count.

Every desk role may record an activity; correcting or withdrawing one is for staff and administrators (the
service decides; a duty deputy does not see those buttons)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DomainError
from ..domain.timeutil import local_today
from ..domain.workflow import Role
from ..services.duty.activities import ActivityView, cancel_activity, list_activities
from .activity_dialog import ActivityDialog, day_text, kind_text
from .forms import HeldRowsModel, fit_columns, fit_short_table, friendly, make_table
from .session import DeskSession

log = logging.getLogger(__name__)

COLUMNS = ("date", "kind", "title", "place", "participants", "households")


class ActivityTableModel(HeldRowsModel):
    """Rows are ``services.duty.activities.ActivityView``."""

    COLUMNS = COLUMNS

    def activity_at(self, row: int) -> ActivityView:
        a: ActivityView = self.row_at(row)
        return a

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return (self.tr("日期"), self.tr("类型"), self.tr("主题"), self.tr("地点"), self.tr("参加代表"),
                self.tr("走访户数"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount() or not 0 <= index.column() < len(COLUMNS):
            return None
        a = self.activity_at(index.row())
        col = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == "date":
                return day_text(a.date, self._lang)
            if col == "kind":
                return kind_text(a.kind, self._lang)
            if col == "title":
                return a.title
            if col == "place":
                return a.location
            if col == "participants":
                names = "、".join(name for _id, name in a.participants)
                return names if role == Qt.ItemDataRole.ToolTipRole or len(a.participants) <= 3 else \
                    self.tr("{0} 等 {1} 人").format("、".join(n for _i, n in a.participants[:3]), len(a.participants))
            if col == "households":
                return "" if a.households is None else str(a.households)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "households":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


class ActivitiesPage(QWidget):
    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.db: Any = session.db
        self.dialog: ActivityDialog | None = None
        self.confirm_box: QMessageBox | None = None

        self.month_combo = QComboBox()
        self.month_combo.setAccessibleName(self.tr("月份"))
        today = local_today()
        for year in range(today.year - 2, today.year + 2):
            for month in range(1, 13):
                self.month_combo.addItem(self.tr("{0}年{1}月").format(year, month), year * 100 + month)
        self.month_combo.setCurrentIndex(self.month_combo.findData(today.year * 100 + today.month))
        month_caption = QLabel(self.tr("月份(&M)："))
        month_caption.setBuddy(self.month_combo)
        self.prev_button = QPushButton(self.tr("◀ 上个月"))
        self.next_button = QPushButton(self.tr("下个月 ▶"))
        self.new_button = QPushButton(self.tr("登记活动(&N)…"))
        self.edit_button = QPushButton(self.tr("修改(&E)…"))
        self.cancel_button = QPushButton(self.tr("撤销活动(&X)…"))
        for b in (self.prev_button, self.next_button, self.new_button, self.edit_button, self.cancel_button):
            b.setAutoDefault(False)
        bar = QHBoxLayout()
        bar.addWidget(month_caption)
        bar.addWidget(self.month_combo)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.cancel_button)

        self.model = ActivityTableModel(lang=session.lang, parent=self)
        self.table = make_table(self.model, self.tr("代表活动列表"), self)
        fit_short_table(self.table, 2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)

        manager = session.role in (Role.STAFF, Role.ADMIN)
        self.edit_button.setVisible(manager)
        self.cancel_button.setVisible(manager)
        self.month_combo.currentIndexChanged.connect(self.refresh)
        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.new_button.clicked.connect(self.new_activity)
        self.edit_button.clicked.connect(self.edit_activity)
        self.cancel_button.clicked.connect(self.cancel_activity)
        self.table.doubleClicked.connect(lambda _i: self.edit_activity() if manager else None)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh()

    # -- the list -----------------------------------------------------------------------------------------
    def month(self) -> tuple[int, int]:
        return divmod(int(self.month_combo.currentData()), 100)

    def show_month(self, year: int, month: int) -> None:
        index = self.month_combo.findData(year * 100 + month)
        if index >= 0:
            self.month_combo.setCurrentIndex(index)

    def _step(self, delta: int) -> None:
        index = self.month_combo.currentIndex() + delta
        if 0 <= index < self.month_combo.count():
            self.month_combo.setCurrentIndex(index)

    def refresh(self, *_args: object) -> None:
        first, last = month_bounds(*self.month())
        self.message.setVisible(False)
        try:
            rows = list_activities(self.db, first, last)
        except Exception as exc:
            log.exception("listing activities failed")
            self._say(friendly(exc, self.session.lang))
            rows = []
        self.model.set_rows(rows)
        fit_columns(self.table)
        households = sum(a.households or 0 for a in rows)
        if rows:
            self.summary.setText(self.tr("本月共 {0} 次活动，走访选民 {1} 户。").format(len(rows), households))
        else:
            self.summary.setText(self.tr("本月还没有登记活动。点“登记活动”记下代表们做的事，"
                                         "履职登记册和积分才会算上。"))
        self._selection_changed()

    def selected(self) -> ActivityView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.activity_at(rows[0].row()) if rows else None

    def select_activity(self, activity_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.activity_at(row).id == activity_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.cancel_button.setEnabled(chosen)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- actions ------------------------------------------------------------------------------------------
    def new_activity(self) -> ActivityDialog:
        return self._open(None)

    def edit_activity(self) -> ActivityDialog | None:
        activity = self.selected()
        if activity is None:
            self._say(self.tr("请先在列表里选中一条活动。"))
            return None
        return self._open(activity)

    def _open(self, activity: ActivityView | None) -> ActivityDialog:
        self.dialog = ActivityDialog(self.session, activity, self)
        self.dialog.accepted.connect(self._saved)
        self.dialog.open()
        return self.dialog

    def _saved(self) -> None:
        saved = self.dialog.saved if self.dialog else None
        if saved is None:
            return
        self.show_month(saved.date.year, saved.date.month)
        self.refresh()
        self.select_activity(saved.id)

    def cancel_activity(self) -> QMessageBox | None:
        activity = self.selected()
        if activity is None:
            self._say(self.tr("请先在列表里选中一条活动。"))
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("撤销活动"),
                          self.tr("撤销“{0}”（{1}）？\n撤销后这次活动不再计入履职登记册和积分，记录仍保留备查。")
                          .format(activity.title, day_text(activity.date, self.session.lang)),
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(self.tr("撤销这次活动"), QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton(self.tr("不撤销"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # Enter keeps the activity
        box.setEscapeButton(no)
        box.finished.connect(lambda _r: self._cancel_answered(box.clickedButton() is yes, activity))
        self.confirm_box = box
        box.open()
        return box

    def _cancel_answered(self, confirmed: bool, activity: ActivityView) -> None:
        if not confirmed:
            return
        try:
            cancel_activity(self.db, self.session.require_actor(), activity.id)
        except DomainError as exc:
            self._say(friendly(exc, self.session.lang))
            return
        except Exception as exc:
            log.exception("withdrawing an activity failed")
            self._say(friendly(exc, self.session.lang))
            return
        self.refresh()
