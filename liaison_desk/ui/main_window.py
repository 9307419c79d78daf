"""The desk's main window: station title, training banner, summary figures, and the case list with a filter."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..domain.workflow import OPEN_STATUSES, Status
from ..services.case_list import CaseFilter
from ..services.station import station_info
from ..services.stats import compute_stats
from .case_table_model import COL_SUMMARY, COL_TRIAGE, COLUMNS, CaseTableModel, status_label

log = logging.getLogger(__name__)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


class StatCard(QFrame):
    """One figure of the summary strip: a big number over a short caption."""

    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statCard")
        self.caption = QLabel(caption)
        self.caption.setObjectName("statCaption")
        self.value = QLabel("—")
        self.value.setObjectName("statValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setToolTip(tooltip)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleName(f"{self.caption.text()}：{text}")  # read as one phrase by a screen reader


class MainWindow(QMainWindow):
    def __init__(self, db, lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._lang = lang
        self.station = station_info(db)
        self._columns_fitted = False
        self.model = CaseTableModel(db, lang=lang, parent=self)
        self._build_actions()
        self._build_central()
        self.model.rowsInserted.connect(self._update_counts)
        self.model.modelReset.connect(self._update_view_state)
        self.refresh()

    # -- construction -------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.refresh_action = QAction(self.tr("刷新(&R)"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.triggered.connect(self.refresh)
        self.find_action = QAction(self.tr("按状态筛选(&F)"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_filter)
        self.quit_action = QAction(self.tr("退出(&X)"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("关于联络站值班台(&A)"), self)
        self.about_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.about_action.triggered.connect(self.show_about)

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(self.tr("查看(&V)"))
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.refresh_action)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

    def _build_central(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(10)

        self.training_banner = QLabel(self.tr("【培训库】这里是培训用的演示数据，人名和事项都是虚构的，"
                                              "不会同步到县级平台。"))
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setWordWrap(True)
        self.training_banner.setAccessibleName(self.tr("培训库提示"))
        self.training_banner.setVisible(False)
        outer.addWidget(self.training_banner)

        strip = QHBoxLayout()
        strip.setSpacing(10)
        self.cards = {
            "total": StatCard(self.tr("案件总数")),
            "open": StatCard(self.tr("正在办理"), self.tr("尚未办结、也未撤回的案件")),
            "closed": StatCard(self.tr("已办结")),
            "closure_rate": StatCard(self.tr("办结率"), self.tr("已办结 ÷（全部案件 − 已撤回）")),
            "resolution_rate": StatCard(self.tr("解决率"), self.tr("办结的案件中，问题已解决的比例")),
            "satisfaction_rate": StatCard(self.tr("满意率"), self.tr("已评价的案件中，满意和基本满意的比例")),
            "outbox": StatCard(self.tr("待同步"), self.tr("还没有传到县级平台的变更条数")),
        }
        for card in self.cards.values():
            strip.addWidget(card, 1)
        outer.addLayout(strip)

        filter_row = QHBoxLayout()
        filter_row.setSpacing(8)
        self.filter_combo = QComboBox()
        self.filter_combo.setAccessibleName(self.tr("按状态筛选案件"))
        self.filter_combo.setToolTip(self.tr("快捷键 Ctrl+F"))
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_combo.addItem(self.tr("全部"), None)
        for status in Status:
            self.filter_combo.addItem(status_label(status.value, self._lang), status.value)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        filter_label = QLabel(self.tr("案件状态(&S)："))
        filter_label.setBuddy(self.filter_combo)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setAccessibleName(self.tr("刷新案件列表"))
        self.refresh_button.setToolTip(self.tr("重新读取案件和统计数字（快捷键 F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("案件数"))
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_combo)
        filter_row.addWidget(self.refresh_button)
        filter_row.addStretch(1)
        filter_row.addWidget(self.count_label)
        outer.addLayout(filter_row)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("案件列表"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move within it
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights let the view place rows without measuring each one (fast on long lists).
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(int(self.fontMetrics().height() * 1.9))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("红色") + 40)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName(self.tr("案件列表为空"))
        self.view_stack = QStackedWidget()
        self.view_stack.addWidget(self.table)
        self.view_stack.addWidget(self.empty_label)
        outer.addWidget(self.view_stack, 1)

        self.setCentralWidget(central)
        QWidget.setTabOrder(self.filter_combo, self.refresh_button)
        QWidget.setTabOrder(self.refresh_button, self.table)
        self.resize(1360, 860)

    def _apply_station(self) -> None:
        st = self.station
        name = st.name if st else self.tr("（尚未设置）")
        title = self.tr("联络站值班台 — {0}").format(name)
        training = bool(st and st.training)
        if training:
            title += self.tr(" 【培训库】")
        self.setWindowTitle(title)
        self.training_banner.setVisible(training)
        # A training database is never synced, so a "waiting to sync" figure would only mislead.
        self.cards["outbox"].setVisible(not training)

    # -- behaviour ----------------------------------------------------------------------------------------
    @property
    def is_training(self) -> bool:
        return bool(self.station and self.station.training)

    def refresh(self) -> None:
        self.station = station_info(self._db)  # cheap, and the training flag may have changed
        self._apply_station()
        stats = compute_stats(self._db)
        self._show_stats(stats)
        self.model.refresh()
        self._fit_columns()

    def _show_stats(self, stats: dict) -> None:
        cases, rates = stats["cases"], stats["rates"]
        by_status = cases["by_status"]
        open_count = sum(by_status.get(s.value, 0) for s in OPEN_STATUSES)
        self.cards["total"].set_value(f"{cases['total']:,}")
        self.cards["open"].set_value(f"{open_count:,}")
        self.cards["closed"].set_value(f"{by_status.get(Status.CLOSED.value, 0):,}")
        for key in ("closure_rate", "resolution_rate", "satisfaction_rate"):
            self.cards[key].set_value(_pct(rates[key]))
        self.cards["outbox"].set_value(f"{stats['outbox_pending']:,}")
        # Counts in the filter list tell the user what a choice will show before they pick it.
        self.filter_combo.setItemText(0, self.tr("全部（{0}）").format(f"{cases['total']:,}"))
        for i in range(1, self.filter_combo.count()):
            code = self.filter_combo.itemData(i)
            self.filter_combo.setItemText(
                i, self.tr("{0}（{1}）").format(status_label(code, self._lang), f"{by_status.get(code, 0):,}"))
        self.stats = stats

    def _fit_columns(self) -> None:
        """Size columns to the first page once; measuring every loaded row on each scroll would stall, and
        refitting on every refresh would undo widths the user dragged."""
        if self._columns_fitted or self.model.rowCount() == 0:
            return
        self._columns_fitted = True
        padding = 10  # a little air between columns, so values do not touch; the summary gets the rest
        for col in range(len(COLUMNS)):
            if col != COL_SUMMARY:
                self.table.resizeColumnToContents(col)
                self.table.setColumnWidth(col, self.table.columnWidth(col) + padding)
        # The swatch needs room besides its one-character label.
        self.table.setColumnWidth(COL_TRIAGE, max(self.table.columnWidth(COL_TRIAGE),
                                                  self.fontMetrics().horizontalAdvance("分办颜色") + 24))

    def focus_filter(self) -> None:
        self.filter_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_status_filter(self, status: str | None) -> None:
        index = self.filter_combo.findData(status)
        if index >= 0:
            self.filter_combo.setCurrentIndex(index)

    def _on_filter_changed(self, index: int) -> None:
        status = self.filter_combo.itemData(index)
        self.model.set_filter(CaseFilter(status=status))
        self.table.scrollToTop()

    def _update_view_state(self) -> None:
        if self.model.total == 0:
            status = self.model.case_filter.status
            if status is None:
                text = self.tr("还没有登记任何案件。\n群众来访登记成案后，会显示在这里。")
            else:
                text = self.tr("没有状态为“{0}”的案件。").format(status_label(status, self._lang))
            self.empty_label.setText(text)
            self.view_stack.setCurrentWidget(self.empty_label)
        else:
            self.view_stack.setCurrentWidget(self.table)
        self._update_counts()

    def _update_counts(self, *_args) -> None:
        total, loaded = self.model.total, self.model.loaded
        self.count_label.setText(self.tr("共 {0} 件").format(f"{total:,}"))
        if total:
            self.statusBar().showMessage(self.tr("已显示 {0} 件，共 {1} 件。向下滚动可看到更多。").format(
                f"{loaded:,}", f"{total:,}") if loaded < total else self.tr("已显示全部 {0} 件。").format(f"{total:,}"))
        else:
            self.statusBar().clearMessage()

    def empty_state_visible(self) -> bool:
        return self.view_stack.currentWidget() is self.empty_label

    def about_text(self) -> str:
        return self.tr("联络站值班台\n版本 {0}\n\n人大代表联络站离线值班登记系统\n\n"
                       "界面字体：霞鹜文楷（SIL OFL 1.1）").format(__version__)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于联络站值班台"), self.about_text())
