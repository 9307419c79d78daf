"""A table of any length laid out a page at a time, so 100,000 rows cost 100 times what 1,000 rows do.

ReportLab's ``Table`` splits by building a new ``Table`` of *all* the remaining rows on every page, so a long
table costs time proportional to rows × pages (measured: 0.76 s of table construction alone for 3,000 rows,
and it grows with the square). ``PagedTable`` looks exactly like ``Table(data, repeatRows=1,
splitInRow=1)`` — header on every page, a row taller than a page split inside the row — but only ever builds
a table of the rows the next page can hold, plus what the previous page left over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from reportlab.platypus import Flowable, TableStyle

from .fasttable import FastTable
from .progress import report

RowMaker = Callable[[int], list]  # row index → cells
MIN_SLICE = 40.0  # points: never start a row split across pages with less of it than this (about 3 lines)


class PagedTable(Flowable):
    """Rows ``start`` … ``count`` made on demand by ``make_row``, under ``header``, styled by ``cell_cmds``
    (fonts, alignment, padding: kept per cell) and ``line_cmds`` (grid, header background: reapplied to every
    page's table). ``carry`` is the remainder of the previous page's table (the rest of a row split at the
    page end and rows not yet placed), continued before the new rows."""

    def __init__(self, header: list, count: int, make_row: RowMaker, col_widths: Sequence[float],
                 cell_cmds: Sequence[tuple], line_cmds: Sequence[tuple], *, start: int = 0,
                 carry: FastTable | None = None, window: int = 40, room: float = 0.0):
        super().__init__()
        self.header, self.count, self.make_row = header, count, make_row
        self.col_widths = list(col_widths)
        self.cell_cmds, self.line_cmds = list(cell_cmds), list(line_cmds)
        self.start, self.carry, self.window = start, carry, window
        self._table: FastTable | None = None
        self._end = start
        self.room = room  # the most height this table's pages have offered so far (a fresh page's frame)

    def _new(self, data: list, heights: list | None = None, styles: list | None = None) -> FastTable:
        kw: dict[str, Any] = {"normalizedData": 1, "cellStyles": styles} if styles is not None else {}
        return FastTable(data, colWidths=self.col_widths, rowHeights=heights, repeatRows=1, splitByRow=1,
                     splitInRow=1, hAlign="LEFT", **kw)

    def _build(self, end: int) -> FastTable:
        """The table of the carried rows and rows ``start`` … ``end``."""
        fresh = self._new([self.header] + [self.make_row(i) for i in range(self.start, end)])
        fresh.setStyle(TableStyle(self.cell_cmds + self.line_cmds))
        if self.carry is None:
            return fresh
        c = self.carry  # header + carried rows, with their computed heights and (possibly split) cell styles
        table = self._new(c._cellvalues + fresh._cellvalues[1:], c._argH + fresh._argH[1:],
                          c._cellStyles + fresh._cellStyles[1:])
        table.setStyle(TableStyle(self.line_cmds))
        return table

    def wrap(self, availWidth, availHeight):
        """Build a table of enough rows to overflow the space (doubling the window until it does), so the
        frame asks to split it; the last rows come back whole."""
        window = self.window
        while True:
            end = min(self.start + window, self.count)
            table = self._table
            if table is None or end != self._end:
                table = self._table = self._build(end)
                self._end = end
            w, h = table.wrap(availWidth, availHeight)
            # Keep the row heights just measured: Table.split() and drawOn() measure again from the
            # heights it was given, which would wrap every paragraph of the page a second time.
            table._argH = list(table._rowHeights)
            if h > availHeight or end >= self.count:
                self.width, self.height = w, h
                return w, h
            window *= 2

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        table = self._table
        assert table is not None  # wrap() built it
        heights = table._rowHeights
        if len(heights) > 1 and heights[0] + heights[1] > availHeight and (
                availHeight < self.room - 1 or availHeight < heights[0] + MIN_SLICE):
            # The first row does not fit under the header here, and a fresh page offers more: go there.
            # Otherwise ReportLab splits the row inside, leaving a repeated header and a sliver of the row
            # at the foot of the page the previous rows just filled.
            return []
        self.room = max(self.room, availHeight)
        # Table.split makes its halves with the table's own class: FastTables.
        parts = cast(list[FastTable], table.split(availWidth, availHeight))
        if not parts:
            return []
        report(self._end, self.count)
        if len(parts) == 1:  # cannot happen after wrap() overflowed, but never drop rows if it does
            return [parts[0], self._follow(None, len(table._cellvalues) - 1)]
        placed, remainder = parts
        return [placed, self._follow(remainder, len(placed._cellvalues) - 1)]

    def _follow(self, carry: FastTable | None, placed: int) -> PagedTable:
        """What comes after this page: the remainder carried, then rows not yet built. The next table aims
        at 1.5 times the rows this page took, counting the carried ones, so each row is built once and a
        carried row is copied about twice."""
        carried = len(carry._cellvalues) - 1 if carry is not None else 0
        window = max(placed + placed // 2 - carried, 1)
        return PagedTable(self.header, self.count, self.make_row, self.col_widths, self.cell_cmds,
                          self.line_cmds, start=self._end, carry=carry, window=window, room=self.room)

    def draw(self) -> None:
        assert self._table is not None  # a flowable is wrapped before it is drawn
        self._table.drawOn(self.canv, 0, 0)
