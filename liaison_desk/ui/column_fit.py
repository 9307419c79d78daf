"""Column widths for the desk's case tables: every column as wide as its first rows, then, when that leaves the
summary (摘要) too little room on a 1366 px screen or in large type, the widest of the other columns give way
(they elide, their tooltip and the case page have the rest) until the summary has at least a dozen characters.
Columns in ``keep`` (the case number, the deadline) give way only when the others cannot, those in ``later``
(the registration time) before them but after the rest (names: a village, a department)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

LEAST_SUMMARY_CHARS = 12  # below this a summary reads as 2–4 characters and an ellipsis
FLOOR_CHARS = 3.5  # a column that gives way keeps this much (a village, a department: 3 characters and …)


def _em(table: QTableView) -> int:
    return max(1, table.fontMetrics().horizontalAdvance("汉"))


def room(table: QTableView) -> int:
    width = table.viewport().width()
    return width if width > 50 else table.width() - 4


def least_summary(table: QTableView) -> int:
    return min(_em(table) * LEAST_SUMMARY_CHARS, room(table) // 2)


def share_width(table: QTableView, stretch: int, keep: Collection[int] = (), pad: int = 0,
                later: Collection[int] = ()) -> None:
    """Fit the columns to their contents (plus ``pad``), then make room for column ``stretch`` (which takes
    what is left)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    columns = [c for c in range(header.count()) if c != stretch and not table.isColumnHidden(c)]
    widths = {}
    for col in columns:
        table.resizeColumnToContents(col)
        widths[col] = table.columnWidth(col) + pad
    excess = sum(widths.values()) + least_summary(table) - room(table)
    floor = max(int(_em(table) * FLOOR_CHARS), header.minimumSectionSize())
    first = [c for c in columns if c not in keep and c not in later]
    for group in (first, [c for c in columns if c in later], [c for c in columns if c in keep]):
        while excess > 0:
            wide = [c for c in group if widths[c] > floor]
            if not wide:
                break
            widest = max(widths[c] for c in wide)
            top = [c for c in wide if widths[c] == widest]
            below = max([widths[c] for c in wide if widths[c] < widest] + [floor])
            step = min(widest - below, -(-excess // len(top)))  # ceil: the widest come down together
            for col in top:
                widths[col] -= step
                excess -= step
    for col, width in widths.items():
        table.setColumnWidth(col, width)


def cramped(table: QTableView, stretch: int) -> bool:
    return table.columnWidth(stretch) < least_summary(table) - 2


class _Refit(QObject):
    def __init__(self, table: QTableView, stretch: int, keep: Collection[int], pad: int, later: Collection[int],
                 only_when_cramped: bool):
        super().__init__(table)
        self.table, self.stretch, self.keep, self.pad, self.later = table, stretch, keep, pad, later
        self.only_when_cramped = only_when_cramped
        self._pending = False

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._refit)  # after the header has followed the new width
        return False

    def _refit(self) -> None:
        self._pending = False
        model = self.table.model()
        if model is not None and model.rowCount() and (not self.only_when_cramped or cramped(self.table, self.stretch)):
            share_width(self.table, self.stretch, self.keep, self.pad, self.later)


def keep_fitted(table: QTableView, stretch: int, keep: Collection[int] = (), pad: int = 0,
                later: Collection[int] = (), *, only_when_cramped: bool = False) -> None:
    """Share the width again whenever the table changes size (a window resized, large type switched on).
    ``only_when_cramped``: only when the summary has become too narrow (widths the user dragged are kept)."""
    refit = _Refit(table, stretch, keep, pad, later, only_when_cramped)
    table.viewport().installEventFilter(refit)
