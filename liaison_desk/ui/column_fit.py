"""Column widths for the desk's case tables: every column as wide as its first rows, then, when that leaves the
summary (摘要) too little room on a 1366 px screen or in large type, the widest of the other columns give way
(they elide, their tooltip and the case page have the rest) until the summary has at least a dozen characters.
Columns in ``keep`` (the deadline, the status) give way only when the others cannot, those in ``later`` (the
registration date) before them but after the rest (names: a village, a department). The first column, the case
number, never does."""

from __future__ import annotations

from collections.abc import Collection, Sequence
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
                later: Collection[int] = (), optional: Sequence[int] = ()) -> None:
    """Fit the columns to their contents (plus ``pad``), then make room for column ``stretch`` (which takes
    what is left). When the names alone cannot make room, the ``optional`` columns are left out, in that order
    (the case page shows them), before the registration date or the deadline is cut."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for col in table.property("columnsLeftOut") or []:
        table.setColumnHidden(col, False)
    left_out: list[int] = []
    floor = max(int(_em(table) * FLOOR_CHARS), header.minimumSectionSize())
    while True:
        columns = [c for c in range(header.count()) if c != stretch and not table.isColumnHidden(c)]
        whole = columns[:1]  # the first column (the case number) is never cut: it is how a case is found
        widths = {}
        for col in columns:
            table.resizeColumnToContents(col)
            widths[col] = table.columnWidth(col) + pad
        excess = sum(widths.values()) + least_summary(table) - room(table)
        first = [c for c in columns if c not in keep and c not in later and c not in whole]
        excess = _give_way(widths, first, excess, floor)
        spare = [c for c in optional if c in columns]
        if excess > 0 and spare:
            table.setColumnHidden(spare[0], True)
            left_out.append(spare[0])
            continue
        excess = _give_way(widths, [c for c in columns if c in later and c not in whole], excess, floor)
        _give_way(widths, [c for c in columns if c in keep and c not in whole], excess, floor)
        break
    table.setProperty("columnsLeftOut", left_out)
    for col, width in widths.items():
        table.setColumnWidth(col, width)


def _give_way(widths: dict[int, int], group: list[int], excess: int, floor: int) -> int:
    """Narrow the widest columns of ``group`` together (not below ``floor``) until ``excess`` is gone; returns
    what is left of it."""
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
    return excess


def cramped(table: QTableView, stretch: int) -> bool:
    return table.columnWidth(stretch) < least_summary(table) - 2


class _Refit(QObject):
    def __init__(self, table: QTableView, stretch: int, keep: Collection[int], pad: int, later: Collection[int],
                 optional: Sequence[int], only_when_cramped: bool):
        super().__init__(table)
        self.table, self.stretch, self.keep, self.pad, self.later = table, stretch, keep, pad, later
        self.optional = optional
        self.only_when_cramped = only_when_cramped
        self._pending = False

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._refit)  # after the header has followed the new width
        return False

    def _refit(self) -> None:
        self._pending = False
        model = self.table.model()
        if model is not None and model.rowCount() and (not self.only_when_cramped or cramped(self.table, self.stretch)):
            share_width(self.table, self.stretch, self.keep, self.pad, self.later, self.optional)


def keep_fitted(table: QTableView, stretch: int, keep: Collection[int] = (), pad: int = 0,
                later: Collection[int] = (), optional: Sequence[int] = (), *, only_when_cramped: bool = False) -> None:
    """Share the width again whenever the table changes size (a window resized, large type switched on).
    ``only_when_cramped``: only when the summary has become too narrow (widths the user dragged are kept)."""
    refit = _Refit(table, stretch, keep, pad, later, optional, only_when_cramped)
    table.viewport().installEventFilter(refit)
