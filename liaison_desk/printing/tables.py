"""Ruled tables shared by the bound-book documents (ledger, record book, notice, handover): columns, cells
that stay plain strings when they can, the paged long table, and scrubbing of personal data in free text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from ..domain.masking import mask_text
from .fasttable import FastTable, break_lines
from .fonts import FONT, GlyphReport, markup, runs
from .longtable import PagedTable
from .text import Styles

PAD = 3.0  # points of padding left and right in every cell
HEADER_BG = colors.Color(0.9, 0.9, 0.9)

def scrub(text: str | None) -> str:
    """Free text with any ID, phone or bank-card number in it masked: ``domain.masking.mask_text``, the one
    rule every document applies (each builder also masks all of its data with ``masked`` first)."""
    return mask_text(text)


def anonymise_name(names: str | None) -> str:
    """王秀英 → 王某某, for the village notice board; several names (王秀英、李四) each become 某."""
    if not names:
        return ""
    parts = [n.strip() for n in re.split("[、,，]", names) if n.strip()]
    return "、".join(n[0] + "某" * min(max(len(n) - 1, 1), 2) for n in parts)


@dataclass(frozen=True)
class Column:
    heading: str
    width_mm: float | None  # None: what is left of the width
    align: str = "LEFT"  # LEFT | CENTER | RIGHT


def column_widths(columns: Sequence[Column], total: float) -> list[float]:
    fixed = sum(c.width_mm * mm for c in columns if c.width_mm)
    rest = [c for c in columns if not c.width_mm]
    share = (total - fixed) / max(len(rest), 1)
    return [c.width_mm * mm if c.width_mm else share for c in columns]


class Cells:
    """Values into table cells: a plain string when every glyph is in the bundled font — broken into lines
    here under the Chinese rules when it is too wide (``fasttable.break_lines``; a string costs a fraction
    of a Paragraph) — and a Paragraph otherwise, so a rare character gets its fallback font or a visible □
    reported to ``report``, and a cell of more than ``MAX_LINES`` lines can split across pages."""

    def __init__(self, columns: Sequence[Column], styles: Styles, widths: Sequence[float], report: GlyphReport):
        self.columns = columns
        self.size = styles.cell.fontSize
        self.styles = [styles.cell_center if c.align == "CENTER" else styles.cell for c in columns]
        self.room = [w - 2 * PAD for w in widths]
        self.report = report
        self._plain: dict[tuple[int, str], str | None] = {}  # villages, categories, statuses repeat on every page

    def __call__(self, col: int, text: str | None) -> str | list | Paragraph:
        if not text:
            return []  # an empty list draws nothing; "" would still cost a text object per cell
        key = (col, text)
        plain = self._plain.get(key)
        if plain is None and key not in self._plain:  # None is also a cached answer: "needs a Paragraph"
            plain = self._as_string(col, text)
            if len(self._plain) < 50_000:  # unique texts (summaries) would otherwise grow it without end
                self._plain[key] = plain
        if plain is not None:
            return plain
        return Paragraph(markup(text, self.report, self.columns[col].heading), self.styles[col])

    def _as_string(self, col: int, text: str) -> str | None:
        """The cell as a string (its lines broken under the Chinese rules), or None: it needs a Paragraph
        (a fallback font or □ for a missing glyph, or more than ``MAX_LINES`` lines)."""
        r = runs(text)
        if not (len(r) == 1 and r[0][1] == FONT and r[0][0] == text.replace("\n", "")):
            return None
        return break_lines(text, FONT, self.size, self.room[col])


def cell_commands(columns: Sequence[Column], styles: Styles, *, header_rows: int = 1) -> list[tuple]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), styles.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), styles.cell.leading),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *[("ALIGN", (i, header_rows), (i, -1), c.align) for i, c in enumerate(columns)],
    ]


LINE_COMMANDS = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("LINEBELOW", (0, 0), (-1, 0), 1.0, colors.black),
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
]


def long_table(columns: Sequence[Column], count: int, make_row: Callable[[int, Cells], list], styles: Styles,
               width: float, report: GlyphReport, *, empty: str = "（无）") -> PagedTable:
    """A table of ``count`` rows of any length, built a page at a time; header on every page, a row taller
    than a page split inside the row. ``make_row(i, cells)`` gives row ``i`` (0-based)."""
    widths = column_widths(columns, width)
    cells = Cells(columns, styles, widths, report)
    header = [Paragraph(c.heading, styles.header_cell) for c in columns]
    if count:
        def maker(i: int) -> list:
            return make_row(i, cells)
    else:
        wide = max(range(len(columns)), key=lambda i: widths[i])
        blank: list[str | Paragraph] = [""] * len(columns)
        blank[wide] = Paragraph(empty, styles.cell_center)
        count = 1

        def maker(i: int) -> list:
            return blank
    return PagedTable(header, count, maker, widths, cell_commands(columns, styles), LINE_COMMANDS)


def small_table(columns: Sequence[Column], rows: Sequence[Sequence[str | None]], styles: Styles, width: float,
                report: GlyphReport, *, total: Sequence[str | None] | None = None, empty: str = "（无）",
                table_class: type[Table] = FastTable) -> Table:
    """A short table (a record-book section): header repeated if it runs over a page, an optional bold-ruled
    totals row at the end, and "（无）" when there are no rows."""
    widths = column_widths(columns, width)
    cells = Cells(columns, styles, widths, report)
    header = [Paragraph(c.heading, styles.header_cell) for c in columns]
    body: list[list[str | list[Any] | Paragraph]] = [[cells(i, v) for i, v in enumerate(r)] for r in rows]
    if not body:
        body = [[Paragraph(empty, styles.cell_center), *[""] * (len(columns) - 1)]]
    data: list[list[Any]] = [header, *body]
    cmds = cell_commands(columns, styles) + LINE_COMMANDS
    if not rows:
        cmds.append(("SPAN", (0, 1), (-1, 1)))
    if total is not None:
        data.append([cells(i, v) for i, v in enumerate(total)])
        cmds += [("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black),
                 ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.96, 0.96, 0.96))]
    t = table_class(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    t.setStyle(TableStyle(cmds))
    return t


def key_value_table(pairs: Sequence[tuple[str, str | None]], styles: Styles, width: float, report: GlyphReport,
                    *, label_mm: float = 28, pairs_per_row: int = 1, wide: Sequence[str] = ()) -> Table:
    """Label | value rows in a ruled box (a letter's case particulars); ``pairs_per_row`` = 2 puts two pairs
    side by side (short values); a long value, or one whose label is in ``wide``, takes a whole row."""
    label_w = label_mm * mm
    value_w = width / pairs_per_row - label_w
    cols = 2 * pairs_per_row
    data: list[list] = []
    spans: list[tuple[int, int]] = []  # (row, first column of a value that runs to the right edge)
    row: list = []

    def close_row() -> None:
        nonlocal row
        if len(row) < cols:  # a short row: its last value takes the rest of the width
            spans.append((len(data), len(row) - 1))
            row += [""] * (cols - len(row))
        data.append(row)
        row = []

    for label, value in pairs:
        long_value = label in wide or (value is not None and len(value) > 24)
        if pairs_per_row > 1 and long_value and row:
            close_row()
        row += [Paragraph(label, styles.header_cell), Paragraph(markup(value or "", report, label), styles.body)]
        if len(row) >= cols or (pairs_per_row > 1 and long_value):
            close_row()
    if row:
        close_row()
    cmds: list[tuple] = [("SPAN", (c, r), (-1, r)) for r, c in spans]  # before the grid, or it draws through
    cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    cmds += [("BACKGROUND", (i, 0), (i, -1), HEADER_BG) for i in range(0, cols, 2)]
    cmds += [("BACKGROUND", (c, r), (-1, r), colors.white) for r, c in spans]
    t = Table(data, colWidths=[label_w, value_w] * pairs_per_row, hAlign="LEFT", splitInRow=1)
    t.setStyle(TableStyle(cmds))
    return t
