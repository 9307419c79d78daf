"""The case list as a lazily loaded Qt table model: pages of 200 rows are fetched only as the view scrolls."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from ..domain.timeutil import local_today
from ..domain.vocab import TRIAGE_COLOURS
from ..domain.workflow import STATUS_LABELS, DeadlineState, Status, deadline_state
from ..services.cases.listing import CaseFilter, CaseRow, count_cases, page_cases
from . import workers

PAGE_SIZE = 200
COUNT_CAP = 10_000  # counted on the spot up to this many; beyond, on a pool thread
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the case's uuid, for opening it later

# Column keys in display order; headers are translated in headerData so a language switch needs no reset.
COLUMNS = ("number", "registered_at", "summary", "category", "village", "triage", "status", "department",
           "deadline")
(COL_NUMBER, COL_REGISTERED, COL_SUMMARY, COL_CATEGORY, COL_VILLAGE, COL_TRIAGE, COL_STATUS, COL_DEPARTMENT,
 COL_DEADLINE) = range(len(COLUMNS))

# Soft, high-contrast-with-black swatch colours: the colour is a cue, the word (绿/蓝/黄/红) carries the meaning
# for colour-blind users and black-and-white printouts.
TRIAGE_SWATCH = {"green": QColor("#3a9d4a"), "blue": QColor("#2f6fc0"), "yellow": QColor("#e0b100"),
                 "red": QColor("#d0342c")}
OVERDUE_COLOUR = QColor("#b3261e")
_ROOT = QModelIndex()  # the invalid "root" index Qt passes for a flat table


def _header(key: str) -> str:
    labels = {
        "number": QCoreApplication.translate("CaseTableModel", "编号"),
        "registered_at": QCoreApplication.translate("CaseTableModel", "登记日期"),  # the time is in the tooltip
        "summary": QCoreApplication.translate("CaseTableModel", "摘要"),
        "category": QCoreApplication.translate("CaseTableModel", "类别"),
        "village": QCoreApplication.translate("CaseTableModel", "村（社区）"),
        "triage": QCoreApplication.translate("CaseTableModel", "分办颜色"),
        "status": QCoreApplication.translate("CaseTableModel", "状态"),
        "department": QCoreApplication.translate("CaseTableModel", "承办单位"),
        "deadline": QCoreApplication.translate("CaseTableModel", "办理期限"),
    }
    return labels[key]


def triage_short(code: str, lang: str = "zh") -> str:
    """绿/蓝/黄/红: the first character of the vocabulary's label (e.g. "绿色：代表直接办理")."""
    if code not in TRIAGE_COLOURS:
        return code or ""
    zh, en = TRIAGE_COLOURS[code]
    return en.split(":", 1)[0] if lang == "en" else zh[0]


def triage_long(code: str, lang: str = "zh") -> str:
    if code not in TRIAGE_COLOURS:
        return code or ""
    zh, en = TRIAGE_COLOURS[code]
    return en if lang == "en" else zh


def status_label(code: str, lang: str = "zh") -> str:
    try:
        zh, en = STATUS_LABELS[Status(code)]
    except ValueError:  # a status from a newer hub version: show the code rather than crash
        return code
    return en if lang == "en" else zh


class CaseTableModel(QAbstractTableModel):
    """Read-only, newest first. Holds only the rows fetched so far.

    Counting a filter's cases reads every matching index entry (a third of a second on a million cases), so
    the first paint does not wait for it: the model counts at most ``count_cap`` + 1 cases on the spot, which
    is exact for every ordinary filter, and when there are more it shows the first page at once and counts
    the rest on a pool thread (``total_known`` is False meanwhile and ``counted`` is emitted when done).
    """

    counted = Signal()

    def __init__(self, db, case_filter: CaseFilter | None = None, *, lang: str = "zh",
                 page_size: int = PAGE_SIZE, count_cap: int = COUNT_CAP, parent=None, viewer=None):
        super().__init__(parent)
        self._db = db
        self._viewer = viewer  # () -> the signed-in Actor or None: each showing of the list is audited (issue 17)
        self._lang = lang
        self._page_size = page_size
        self._count_cap = count_cap
        self._filter = case_filter or CaseFilter()
        self._rows: list[CaseRow] = []
        self._total = 0
        self._total_known = True
        self._generation = 0
        self._exhausted = False
        self._fetching = False
        self._today = local_today()
        self._load_first_page()

    # -- loading ----------------------------------------------------------------------------------------
    def _load_first_page(self) -> None:
        self._today = local_today()
        self._generation += 1
        self._rows = page_cases(self._db, self._filter, offset=0, limit=self._page_size,
                                actor=self._viewer() if self._viewer else None)
        self._exhausted = len(self._rows) < self._page_size
        if self._exhausted:
            self._total, self._total_known = len(self._rows), True
            return
        capped = count_cases(self._db, self._filter, cap=self._count_cap + 1)
        if capped <= self._count_cap:
            self._total, self._total_known = capped, True
            return
        self._total, self._total_known = self._count_cap, False  # "10,000+" until the count arrives
        task = workers.Task(count_cases, self._db, self._filter)
        generation = self._generation
        task.signals.finished.connect(lambda n, g=generation: self._count_done(g, n))
        workers.start(task)

    def _count_done(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # the filter changed while counting: that number is for another list
        self._total = max(total, len(self._rows))
        self._total_known = True
        with contextlib.suppress(RuntimeError):  # the list was closed while counting
            self.counted.emit()

    def set_filter(self, case_filter: CaseFilter) -> None:
        self.beginResetModel()
        self._filter = case_filter
        self._load_first_page()
        self.endResetModel()

    def refresh(self) -> None:
        """Recount and reload from the first page (F5, or after another window changed cases)."""
        self.set_filter(self._filter)

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def total(self) -> int:
        """The filter's number of cases; while ``total_known`` is False, a lower bound (the count cap)."""
        return self._total

    @property
    def total_known(self) -> bool:
        return self._total_known

    @property
    def loaded(self) -> int:
        return len(self._rows)

    def case_at(self, row: int) -> CaseRow:
        return self._rows[row]

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        if parent.isValid() or self._exhausted:
            return False
        return len(self._rows) < self._total or not self._total_known

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        # Views and Qt's model tester may call back into fetchMore while rows are being inserted; a nested
        # fetch would compute its offset from a list that is about to change, so it is refused.
        if parent.isValid() or self._fetching or not self.canFetchMore():
            return
        start = len(self._rows)
        want = self._page_size if not self._total_known else min(self._page_size, self._total - start)
        # Continue after the last row by its sort key when the sort has one (O(page) however deep the user
        # scrolls); else by offset.
        key = self._rows[-1].key if self._rows and self._rows[-1].key else None
        if key:
            rows = page_cases(self._db, self._filter, after=key, limit=want)[:want]
        else:
            rows = page_cases(self._db, self._filter, offset=start, limit=want)[:want]
        if len(rows) < want:
            self._exhausted = True
        if not rows:
            # Cases were deleted since the count: stop asking instead of looping on an empty page.
            self._total, self._total_known = start, True
            return
        if not self._total_known and start + len(rows) > self._total:
            self._total = start + len(rows)  # the lower bound grows with what was read
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        finally:
            self._fetching = False

    # -- shape --------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _header(COLUMNS[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and section >= 0:
            return str(section + 1)
        return None

    # -- cells --------------------------------------------------------------------------------------------
    def _display(self, row: CaseRow, col: int) -> str:
        if col == COL_NUMBER:
            return row.number
        if col == COL_REGISTERED:
            return row.registered_at.strftime("%Y-%m-%d")  # the time is in the tooltip: room for the summary
        if col == COL_SUMMARY:
            return " ".join(row.summary.split())  # one line in the grid; the tooltip keeps the full text
        if col == COL_CATEGORY:
            return row.category or ""
        if col == COL_VILLAGE:
            return row.village or ""
        if col == COL_TRIAGE:
            return triage_short(row.triage, self._lang)
        if col == COL_STATUS:
            return status_label(row.status, self._lang)
        if col == COL_DEPARTMENT:
            return row.department or ""
        if col == COL_DEADLINE:
            if not row.deadline:
                return ""
            if self._overdue(row):  # said in words too: red alone is lost on a colour-blind reader or a printout
                return self.tr("{0} 已超期").format(row.deadline.isoformat())
            return row.deadline.isoformat()
        return ""

    def _overdue(self, row: CaseRow) -> bool:
        return deadline_state(row.deadline, row.status, self._today) is DeadlineState.OVERDUE

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, col = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_TRIAGE:
                return triage_long(row.triage, self._lang)  # a screen reader says the whole meaning
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_SUMMARY:
                return row.summary
            if col == COL_REGISTERED:
                return row.registered_at.strftime("%Y-%m-%d %H:%M")
            if col == COL_TRIAGE:
                return triage_long(row.triage, self._lang)
            if col == COL_DEADLINE and self._overdue(row):
                return self.tr("已超过办理期限")
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_TRIAGE:
            return TRIAGE_SWATCH.get(row.triage)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_DEADLINE and self._overdue(row):
            return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == CASE_ID_ROLE:
            return str(row.id)
        return None

    def overdue_row(self, row: int) -> bool:
        return self._overdue(self._rows[row])

    def today(self) -> dt.date:
        return self._today
