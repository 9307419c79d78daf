"""A ``Table`` that draws its plain-string cells cheaply, and cells pre-broken into lines under the 禁则.

Profiling a 2,000-row register showed 60 % of the build in ``Table._drawCell``: for every line of every
string cell ReportLab opens a text object, looks the font up, splits the string into font subsets and formats
every number with ``fp_str``. ``FastTable`` keeps ReportLab's layout (heights, splitting, grid, backgrounds)
and only changes how a string cell's lines reach the page: they are gathered while the table draws and
written as one text object, each distinct line encoded once per document (``splitString`` gives the same
bytes for the same line once its characters have codes in the subset) and its width measured once.

``break_lines`` is the other half: a long cell in one font is broken into lines here, with the same line
breaker the paragraphs use (``text.break_positions``: no closing mark at a line start, no opening mark at a
line end, numbers kept whole), and handed to the table as a string with line breaks instead of a
``Paragraph``, which costs several times as much to wrap and draw. A cell of more than ``MAX_LINES`` lines
stays a Paragraph, and ``FastTable._splitCell`` divides a string cell by lines when a row is split across
a page, so a long cell never fails and never runs over the footer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import toColor
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Table
from reportlab.rl_config import _FUZZ

from .fonts import truetype
from .text import break_positions

MAX_LINES = 12  # more lines than this: a Paragraph (rows that tall may be split across pages)

_WIDTHS: dict[tuple[str, float, str], float] = {}


def _num(v: float) -> str:
    s = f"{v:.2f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def text_width(text: str, font: str, size: float) -> float:
    """``pdfmetrics.stringWidth``, remembered (villages, statuses, dates repeat on every page)."""
    key = (font, size, text)
    w = _WIDTHS.get(key)
    if w is None:
        w = pdfmetrics.stringWidth(text, font, size)
        if len(_WIDTHS) < 100_000:
            _WIDTHS[key] = w
    return w


def break_lines(text: str, font: str, size: float, room: float, *, max_lines: int = MAX_LINES) -> str | None:
    """``text`` (one font, every glyph present) as lines no wider than ``room``, joined by "\\n", broken by
    the Chinese line rules; None when it needs more than ``max_lines`` lines."""
    face = truetype(font).face
    get, default, k = face.charWidths.get, face.defaultWidth, 0.001 * size
    out: list[str] = []
    for source in text.split("\n"):
        if text_width(source, font, size) <= room + _FUZZ:
            out.append(source)
        else:
            chars = list(source)
            widths = [get(ord(c), default) * k for c in chars]
            out += [source[a:b].strip() for a, b, _, _, _ in break_positions(chars, widths, [room])]
        if len(out) > max_lines:
            return None
    return "\n".join(out)


class FastTable(Table):
    """``Table`` with string cells drawn in one text object per table (see the module docstring)."""

    if TYPE_CHECKING:
        # ReportLab's internals that ``longtable`` reads and sets; its stubs leave them out.
        _cellvalues: list[list[Any]]
        _cellStyles: list[list[Any]]
        _argH: list[float | None]
        _rowHeights: list[float]

    def draw(self):
        self._lines: list[tuple] = []
        super().draw()
        if self._lines:
            self._flush()

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: tuple[float, float], size: tuple[float, float]) -> None:
        if type(cellval) is not str or cellstyle.href or cellstyle.destination or cellstyle.direction \
                or cellstyle.shaping:
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]  # private hook, not in the stubs
            return
        colpos, rowpos = pos
        colwidth, rowheight = size
        just, valign = cellstyle.alignment, cellstyle.valign
        vals = cellval.split("\n")
        leading, fontsize = cellstyle.leading, cellstyle.fontsize
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + len(vals) * leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + len(vals) * leading) / 2.0 \
                - fontsize
        font = cellstyle.fontname
        if just == "LEFT":
            x, share = colpos + cellstyle.leftPadding, 0.0
        elif just in ("CENTRE", "CENTER"):
            x, share = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5, 0.5
        elif just == "RIGHT":
            x, share = colpos + colwidth - cellstyle.rightPadding, 1.0
        else:
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]  # as above
            return
        color = cellstyle.color
        add = self._lines.append
        for v in vals:
            if v:
                add((x - text_width(v, font, fontsize) * share if share else x, y, v, font, fontsize, color))
            y -= leading

    def _flush(self) -> None:
        """Write the gathered lines as one text object: a font switch only when the font, subset or size
        changes, one ``Tm`` per line."""
        canv: Any = self.canv  # the canvas's document, escaping and code list are not in ReportLab's stubs
        doc = canv._doc
        cache = canv.__dict__.setdefault("_fast_runs", {})  # per canvas, so per document
        code = ["BT"]
        cur_font = cur_color = None
        for x, y, text, font, size, color in self._lines:
            if color is not cur_color:
                c = toColor(color)
                code.append(f"{_num(c.red)} {_num(c.green)} {_num(c.blue)} rg")
                cur_color = color
            key = (font, text)
            parts = cache.get(key)
            if parts is None:
                f = truetype(font)
                parts = tuple((f.getSubsetInternalName(subset, doc), f"({canv._escape(t)}) Tj")
                              for subset, t in f.splitString(text, doc))
                cache[key] = parts
            code.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
            for name, show in parts:
                if (name, size) != cur_font:
                    code.append(f"{name} {_num(size)} Tf")
                    cur_font = (name, size)
                code.append(show)
        code.append("ET")
        canv._code.append(" ".join(code))
        self._lines = []

    def _splitCell(self, value, style, oldHeight, newHeight, width):
        """A string cell of several lines is divided by lines at the split (ReportLab would keep all of it
        in one half, which may be shorter than the text)."""
        if isinstance(value, str) and "\n" in value:
            lines = value.split("\n")
            lead = style.leading or 1.2 * style.fontsize
            room = newHeight - style.topPadding - style.bottomPadding
            if lead * len(lines) > room:
                k = max(int((room + _FUZZ) // lead), 0)
                if 0 < k < len(lines):
                    return "\n".join(lines[:k]), "\n".join(lines[k:])
        return super()._splitCell(value, style, oldHeight, newHeight, width)  # type: ignore[misc]  # private hook
