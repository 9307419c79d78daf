"""Which paper a document goes out on, and where each page lands on it — plain Python, no Qt.

The document decides the paper, not the print queue's default: an A4 letter on A4, a landscape register on
A4 turned, an A5 receipt on A5, a 72 mm slip on the 80 mm roll (a 48 mm slip on the 58 mm roll). The queue
only says which papers it has (``Media``: size and the unprintable strips of each) and whether it takes a
custom size.

Placement (``place``): a page never grows. On paper of its own size it is printed at 100 % where it was
drawn (the documents keep their ink inside their own margins, wider than any printer's); a smaller page goes
at 100 % inside the printable area, centred across it (at the top of a roll, centred on a sheet); a page
bigger than the printable area is shrunk just enough to fit it, and centred.

All lengths are PostScript points (1/72 in), the unit of the PDF pages; a ``Media`` is given portrait.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MM = 72 / 25.4
TOLERANCE = 2.5 * MM  # papers within this of a page's size are that page's size (A4 is 595.28 or 595 pt…)
# Thermal rolls: paper width for a printable width (the receipt PDF page is the printable part).
ROLLS = ((48 * MM, 58 * MM), (72 * MM, 80 * MM))
ROLL_MAX_WIDTH = 90 * MM  # a paper this narrow is a roll (thermal printers take 58, 76, 80 and 82.5 mm)


@dataclass(frozen=True)
class Media:
    """A paper the queue offers: its name there (the PPD/IPP key), portrait size, unprintable strips."""

    key: str
    width: float
    height: float
    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    custom: bool = False  # a size made for this page (the queue accepts custom sizes)

    @property
    def printable_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def printable_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class Paper:
    """The paper chosen for a page: the medium and whether the page goes on it turned (landscape)."""

    media: Media
    landscape: bool = False
    roll: bool = False

    @property
    def size(self) -> tuple[float, float]:
        """The paper as the page sees it (width, height), turned when landscape."""
        w, h = self.media.width, self.media.height
        return (h, w) if self.landscape else (w, h)

    @property
    def printable(self) -> tuple[float, float, float, float]:
        """The printable area as the page sees it: x, y (from the top left), width, height."""
        m = self.media
        if self.landscape:  # turned a quarter: the left strip becomes the bottom one, and so on
            return m.top, m.right, m.printable_height, m.printable_width
        return m.left, m.top, m.printable_width, m.printable_height


@dataclass(frozen=True)
class Placement:
    """Where a page lands: its top-left corner on the paper (x, y, from the paper's top left) and its scale."""

    x: float
    y: float
    scale: float

    def rect(self, page_w: float, page_h: float) -> tuple[float, float, float, float]:
        return self.x, self.y, page_w * self.scale, page_h * self.scale


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def roll_paper_width(page_w: float) -> float | None:
    """The roll a thermal slip of this printable width is made for (58 or 80 mm), or None."""
    for printable, paper in ROLLS:
        if _same(page_w, printable):
            return paper
    return None


def choose_paper(page_w: float, page_h: float, offered: Sequence[Media], *, custom_ok: bool,
                 roll: bool = False, default: str | None = None) -> Paper:
    """The paper for a page of ``page_w`` × ``page_h`` points on a queue offering ``offered``.

    A sheet (``roll=False``): the paper of the page's size, turned when the page is landscape; else a custom
    one of exactly its size when the queue takes it; else the queue's ``default`` paper (what is in the tray) when
    the page fits on it at 100 %, or the smallest it fits on; else the largest (the page is shrunk to it). A roll slip (``roll=True``, the page is the printable width): the roll
    whose printable width is at least the slip's and nearest it (a 48 mm slip goes on the 58 mm roll even when
    the 80 mm roll is the queue's default); else a custom page as wide as the roll and as tall as the slip;
    else the widest roll (the slip is shrunk to it); a printer with no roll at all gets the slip as a sheet.
    """
    landscape = page_w > page_h + 0.5
    short, long_ = min(page_w, page_h), max(page_w, page_h)
    if roll:
        rolls = [m for m in offered if m.width <= ROLL_MAX_WIDTH]  # an envelope or an A6 card is no roll
        fits = [m for m in rolls if m.printable_width >= page_w - 0.5]
        if fits:
            # long enough for the slip first (a driver's 80 × 3276 mm "roll" over its 80 × 200 mm), then the
            # narrowest, then the shortest
            return Paper(min(fits, key=lambda m: (m.printable_height < page_h - 0.5, m.printable_width,
                                                  m.height)), roll=True)
        if custom_ok:
            width = roll_paper_width(page_w) or page_w
            side = (width - page_w) / 2
            return Paper(Media("custom", width, page_h, left=side, right=side, custom=True), roll=True)
        if rolls:
            return Paper(max(rolls, key=lambda m: m.printable_width), roll=True)
        # no roll in this printer (a slip sent to the laser): the smallest sheet it fits on, as a sheet
    for m in offered:
        if _same(m.width, short) and _same(m.height, long_):
            return Paper(m, landscape)
    if custom_ok:
        return Paper(Media("custom", short, long_, custom=True), landscape)
    fitting = [m for m in offered if m.printable_width >= short and m.printable_height >= long_]
    if fitting:
        return Paper(min(fitting, key=lambda m: (m.key != default, m.width * m.height)), landscape)
    if offered:
        return Paper(max(offered, key=lambda m: m.width * m.height), landscape)
    return Paper(Media("custom", short, long_, custom=True), landscape)


def place(page_w: float, page_h: float, paper: Paper) -> Placement:
    """Where a page goes on ``paper`` (see the module docstring): 100 % or shrunk, never enlarged."""
    paper_w, paper_h = paper.size
    px, py, pw, ph = paper.printable
    if not paper.roll and _same(page_w, paper_w) and _same(page_h, paper_h):
        return Placement(0.0, 0.0, 1.0)  # its own paper: exactly where it was drawn
    fits = page_w <= pw + 0.5 and page_h <= ph + 0.5  # half a point is rounding, not a reason to shrink
    scale = 1.0 if fits else min(1.0, pw / page_w, ph / page_h)
    w, h = page_w * scale, page_h * scale
    x = px + (pw - w) / 2
    y = py if paper.roll else py + (ph - h) / 2
    return Placement(x, y, scale)
