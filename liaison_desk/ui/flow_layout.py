"""A layout that wraps: items left to right, onto the next line when the width runs out (after Qt's flow layout
example). The desk uses it where a row of things would otherwise push the window wider than a 1366 px screen:
the figures strip's cards, the case list's filters."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """``uniform``: a grid of equal cells instead, as many columns as fit (each as wide as the widest item
    asks), sharing the width; the cards of the figures strip line up in tidy rows that way."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 10, uniform: bool = False):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._uniform = uniform
        self._height = -1  # what the lines took at the last placing
        self._width = 0  # the width they had (invalidate() forgets the geometry, not this)
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ------------------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._width = rect.width()
        height = self._place(rect, apply=True)
        if height != self._height:  # more or fewer lines: the minimum the parents cached is stale
            self._height = height
            QTimer.singleShot(0, self, self.invalidate)

    def sizeHint(self) -> QSize:
        """All on one line."""
        items = self._shown()
        m = self.contentsMargins()
        if not items:
            return QSize(m.left() + m.right(), m.top() + m.bottom())
        gaps = self.spacing() * (len(items) - 1)
        if self._uniform:
            width = self._cell_width(items) * len(items) + gaps
        else:
            width = sum(i.sizeHint().width() for i in items) + gaps
        height = max(i.sizeHint().height() for i in items)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As wide as the widest item needs; as tall as the lines take at the width the layout has now (so a
        window's minimum counts the wrapped lines, which a layout's minimum otherwise does not)."""
        items = self._shown()
        m = self.contentsMargins()
        size = QSize(0, 0)
        for item in items:
            size = size.expandedTo(item.minimumSize())
        if self._uniform and items:
            size.setWidth(self._cell_width(items))
        size += QSize(m.left() + m.right(), m.top() + m.bottom())
        width = self.geometry().width() or self._width
        if width > 0:
            size.setHeight(max(size.height(), self.heightForWidth(width)))
        return size

    # -- placing --------------------------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]  # a hidden widget takes no place

    @staticmethod
    def _cell_width(items: list[QLayoutItem]) -> int:
        return max(i.sizeHint().width() for i in items)

    def _place(self, rect: QRect, *, apply: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); returns the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        items = self._shown()
        if not items:
            return m.top() + m.bottom()
        if self._uniform:
            return self._place_grid(items, area, apply) + m.top() + m.bottom()
        space = self.spacing()
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        x = area.x()
        for item in items:
            width = min(item.sizeHint().width(), max(area.width(), item.minimumSize().width()))
            if x > area.x() and x + width > area.x() + area.width():
                lines.append([])
                x = area.x()
            lines[-1].append((item, width))
            x += width + space
        y = area.y()
        for line in lines:
            height = max(item.sizeHint().height() for item, _ in line)
            x = area.x()
            for item, width in line:
                if apply:  # each item centred on its line: a check box beside taller combo boxes
                    h = min(item.sizeHint().height(), height)
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(width, h)))
                x += width + space
            y += height + space
        return y - space - area.y() + m.top() + m.bottom()

    def _place_grid(self, items: list[QLayoutItem], area: QRect, apply: bool) -> int:
        space = self.spacing()
        cell = self._cell_width(items)
        columns = max(1, min(len(items), (area.width() + space) // (cell + space)))
        rows = math.ceil(len(items) / columns)
        width = (area.width() - space * (columns - 1)) / columns
        height = max(i.sizeHint().height() for i in items)
        if apply:
            for k, item in enumerate(items):
                row, col = divmod(k, columns)
                left = area.x() + round(col * (width + space))
                right = area.x() + round(col * (width + space) + width)
                item.setGeometry(QRect(left, area.y() + row * (height + space), right - left, height))
        return rows * height + (rows - 1) * space
