"""案件列表: filters (status, colour, category, village, deputy, overdue), a search box, and the lazy case table."""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocab import TRIAGE_COLOURS, label
from ..domain.workflow import Status
from ..services.admin.audit import record_search
from ..services.cases.listing import SORTS, CaseFilter
from ..services.desk import lookups
from .case_table_model import (
    CASE_ID_ROLE,
    COL_CATEGORY,
    COL_DEADLINE,
    COL_DEPARTMENT,
    COL_NUMBER,
    COL_REGISTERED,
    COL_STATUS,
    COL_SUMMARY,
    COL_TRIAGE,
    CaseTableModel,
    status_label,
)
from .column_fit import keep_fitted, share_width
from .flow_layout import FlowLayout
from .forms import make_table, single_shot_timer
from .session import DeskSession

_FILTER_FIELDS = {f.name for f in dataclasses.fields(CaseFilter)}
_KEEP_WHOLE = (COL_NUMBER, COL_DEADLINE, COL_TRIAGE, COL_STATUS)  # these give way last when width is short
_LEFT_OUT_FIRST = (COL_DEPARTMENT, COL_CATEGORY)  # large type on 1366 px: the case page names them


def make_filter(**values: Any) -> CaseFilter:
    """A CaseFilter from the values the service supports (unknown keys are dropped, empty ones too)."""
    return CaseFilter(**{k: v for k, v in values.items() if k in _FILTER_FIELDS and v not in (None, "", False)})


def supports(name: str) -> bool:
    return name in _FILTER_FIELDS


def _pair(label: QLabel, field: QWidget) -> QWidget:
    """A caption and its box, kept on one line when the filters wrap."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field)
    return box


class CaseListPage(QWidget):
    """``open_case(case_id)`` when a row is activated; ``counts_changed`` after every reload or page."""

    open_case = Signal(object)
    counts_changed = Signal()

    def __init__(self, session: DeskSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._lang = session.lang
        self._columns_fitted = False
        self.model = CaseTableModel(session.db, lang=self._lang, parent=self, viewer=lambda: session.actor)
        self._search_timer = single_shot_timer(self, 300, self.apply_filters)
        # The filter lists and the column widths wait until the first page has been painted: the list is what
        # the user came for. A hidden page (another tab) does neither until it is first shown.
        self._settled = False
        self._build()
        self.table.viewport().installEventFilter(self)
        self.model.rowsInserted.connect(self._update_counts)
        self.model.counted.connect(self._update_counts)
        self.model.modelReset.connect(self._update_view_state)
        self._update_view_state()  # the model read its first page already

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("搜索：内容、来访人、编号或村名，例如 灌溉、路灯"))
        self.search_edit.setAccessibleName(self.tr("搜索案件"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.go_to_results)  # Enter or Down: on to the first result
        self.search_edit.installEventFilter(self)
        self.search_edit.setVisible(supports("text"))

        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName(self.tr("按状态筛选案件"))
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_combo.addItem(self.tr("全部"), None)
        for status in Status:
            self.filter_combo.addItem(status_label(status.value, self._lang), status.value)
        self.triage_combo = QComboBox()
        self.triage_combo.setAccessibleName(self.tr("按分办颜色筛选"))
        self.triage_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.triage_combo.setMinimumContentsLength(8)
        self.triage_combo.addItem(self.tr("全部颜色"), None)
        for code in TRIAGE_COLOURS:
            self.triage_combo.addItem(label(TRIAGE_COLOURS, code, self._lang).split("：")[0], code)
        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName(self.tr("按类别筛选"))
        self.village_combo = QComboBox()
        self.village_combo.setAccessibleName(self.tr("按村（社区）筛选"))
        self.deputy_combo = QComboBox()
        self.deputy_combo.setAccessibleName(self.tr("按接待代表筛选"))
        for combo in (self.category_combo, self.village_combo, self.deputy_combo):
            # Filled after the first paint: reserve room for "全部村（社区）" rather than fit the empty box.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName(self.tr("排序方式"))
        for code, (zh, en) in SORTS.items():
            self.sort_combo.addItem(en if self._lang == "en" else zh, code)
        self.overdue_check = QCheckBox(self.tr("只看超期(&O)"))
        self.overdue_check.setAccessibleName(self.tr("只看超期案件"))
        for combo, key in ((self.triage_combo, "triage"), (self.category_combo, "category_id"),
                           (self.village_combo, "village_id"), (self.deputy_combo, "deputy_id")):
            combo.setVisible(supports(key))
        for combo in (self.filter_combo, self.triage_combo, self.category_combo, self.village_combo,
                      self.deputy_combo, self.sort_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.overdue_check.toggled.connect(self.apply_filters)

        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setAccessibleName(self.tr("刷新案件列表"))
        self.refresh_button.setToolTip(self.tr("重新读取案件和统计数字（快捷键 F5）"))
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("案件数"))

        self.table = make_table(self.model, self.tr("案件列表"), self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("红色") + 40)
        keep_fitted(self.table, COL_SUMMARY, _KEEP_WHOLE, pad=4, later=(COL_REGISTERED,), optional=_LEFT_OUT_FIRST, only_when_cramped=True)
        self.table.activated.connect(self._activated)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName(self.tr("案件列表为空"))
        self.view_stack = QStackedWidget()
        self.view_stack.addWidget(self.table)
        self.view_stack.addWidget(self.empty_label)
        # a few rows at least: on a short screen the page scrolls rather than squeeze the list to one row
        self.view_stack.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4)

        search_row = QHBoxLayout()
        search_label = QLabel(self.tr("搜索(&Q)："))
        search_label.setBuddy(self.search_edit)
        search_label.setVisible(supports("text"))
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.refresh_button)
        # The filters wrap onto a second line when the window is narrow (large type, English): none is ever
        # pushed off the right edge of a 1366 px screen.
        filter_row = FlowLayout(spacing=8)
        status_label_w = QLabel(self.tr("案件状态(&S)："))
        status_label_w.setBuddy(self.filter_combo)
        filter_row.addWidget(_pair(status_label_w, self.filter_combo))
        for w in (self.triage_combo, self.category_combo, self.village_combo, self.deputy_combo):
            filter_row.addWidget(w)
        filter_row.addWidget(self.overdue_check)
        sort_label = QLabel(self.tr("排序(&B)："))
        sort_label.setBuddy(self.sort_combo)
        filter_row.addWidget(_pair(sort_label, self.sort_combo))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(search_row)
        outer.addLayout(filter_row)
        outer.addWidget(self.view_stack, 1)
        order = [self.search_edit, self.filter_combo, self.triage_combo, self.category_combo, self.village_combo,
                 self.deputy_combo, self.overdue_check, self.sort_combo, self.refresh_button, self.table]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.go_to_results()
            return True
        if not self._settled and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._settle)  # after this paint has reached the screen
        return False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._settled and self.empty_state_visible():
            QTimer.singleShot(0, self._settle)  # nothing to paint in the table: settle right away

    def _settle(self) -> None:
        if self._settled:
            return
        self._settled = True
        self.reload_choices()
        self._fit_columns()

    def reload_choices(self) -> None:
        db = self.session.db
        for combo, everything, items in (
                (self.category_combo, self.tr("全部类别"), lookups.list_categories(db)),
                (self.village_combo, self.tr("全部村（社区）"), lookups.list_villages(db)),
                (self.deputy_combo, self.tr("全部代表"), lookups.list_active_deputies(db))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for c in items:
                combo.addItem(c.name, str(c.id))
            index = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    # -- filtering ----------------------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        def as_id(value: Any) -> uuid.UUID | None:
            return uuid.UUID(value) if value else None

        return make_filter(status=self.filter_combo.currentData(), triage=self.triage_combo.currentData(),
                           category_id=as_id(self.category_combo.currentData()),
                           village_id=as_id(self.village_combo.currentData()),
                           deputy_id=as_id(self.deputy_combo.currentData()),
                           overdue=self.overdue_check.isChecked(), text=self.search_edit.text().strip(),
                           sort=self.sort_combo.currentData() if self.sort_combo.currentIndex() > 0 else None)

    def apply_filters(self, *_args) -> None:
        wanted = self.current_filter()
        if wanted != self.model.case_filter:
            if wanted.text and wanted.text != self.model.case_filter.text:
                record_search(self.session.db, self.session.actor, wanted.text)  # issue 17: its kind, not its text
            self.model.set_filter(wanted)
            self.table.scrollToTop()

    def go_to_results(self) -> None:
        """From the search box to the results (Enter, Down): the search applied now, the first row chosen;
        Enter there opens the case."""
        self._search_timer.stop()
        self.apply_filters()
        if self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.selectRow(0)

    def set_status_filter(self, status: str | None) -> None:
        index = self.filter_combo.findData(status)
        if index >= 0:
            self.filter_combo.setCurrentIndex(index)

    def show_overdue(self) -> None:
        self.overdue_check.setChecked(True)

    def refresh(self) -> None:
        self.model.refresh()
        self._fit_columns()

    def _activated(self, index) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.open_case.emit(uuid.UUID(case_id))

    # -- view state ---------------------------------------------------------------------------------------
    def _fit_columns(self) -> None:
        """Size columns to the first page once, the summary keeping room for a dozen characters; refitting on
        every refresh would undo widths the user dragged (a resize refits only when the summary got cramped)."""
        if self._columns_fitted or self.model.rowCount() == 0:
            return
        self._columns_fitted = True
        share_width(self.table, COL_SUMMARY, _KEEP_WHOLE, pad=4, later=(COL_REGISTERED,), optional=_LEFT_OUT_FIRST)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._settled:  # large type switched: fit again
            self._columns_fitted = False
            self._fit_columns()

    def _update_view_state(self) -> None:
        if self.model.total == 0:
            f = self.model.case_filter
            if f == CaseFilter():
                text = self.tr("还没有登记任何案件。\n群众来访登记成案后，会显示在这里。")
            elif f.status and f == make_filter(status=f.status):
                text = self.tr("没有状态为“{0}”的案件。").format(status_label(f.status, self._lang))
            else:
                text = self.tr("没有符合条件的案件。")
            self.empty_label.setText(text)
            self.view_stack.setCurrentWidget(self.empty_label)
        else:
            self.view_stack.setCurrentWidget(self.table)
            if self._settled:
                self._fit_columns()
        self._update_counts()

    def _total_text(self) -> str:
        total = f"{self.model.total:,}"
        return total if self.model.total_known else self.tr("{0}+").format(total)

    def _update_counts(self, *_args) -> None:
        self.count_label.setText(self.tr("共 {0} 件").format(self._total_text()))
        self.counts_changed.emit()

    def status_text(self) -> str:
        total, loaded = self.model.total, self.model.loaded
        if not total:
            return ""
        if loaded < total or not self.model.total_known:
            return self.tr("已显示 {0} 件，共 {1} 件。向下滚动可看到更多。").format(f"{loaded:,}", self._total_text())
        return self.tr("已显示全部 {0} 件。").format(f"{total:,}")

    def empty_state_visible(self) -> bool:
        return self.view_stack.currentWidget() is self.empty_label
