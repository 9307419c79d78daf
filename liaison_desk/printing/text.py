"""Chinese line breaking for ReportLab (no closing mark at a line start), paragraph styles, truncation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.rl_config import _FUZZ

from .fonts import FONT, ensure_fonts, runs

# This module reads and replaces ReportLab internals that its stubs leave out (or declare Final): both modules
# are used through untyped names on purpose.
textsplit: Any = _rl_textsplit
rl_paragraph: Any = _rl_paragraph

# Chinese marks that must not begin a line (GB/T 15834, W3C "Requirements for Chinese Text Layout"):
# closing punctuation, pause and stop marks, closing quotes and brackets, ellipsis, dash, middle dot, in
# half- and full-width forms, and units that belong to the number before them. ReportLab's own set follows
# Japanese rules and lacks most of them (，！？；：》…).
CHINESE_CANNOT_START = (
    "，。、；：？！）》」』】〉〕〗〙〛”’…—·‥"
    "\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\uff09\uff3d\uff5d\uff60\uff63"  # ，．：；？！）］｝｠｣ (full-width)
    "\u2019\u201d\u00b7\u2027\u30fb\u2014\u2015\u2e3a\u2e3b"  # ’ ” · ‧ ・ — ― ⸺ ⸻
    "%\u2030\u2103\uff05"  # % ‰ ℃ ％
)
# Opening marks that must not end a line; ReportLab's CJK splitters never look at its CANNOT_END set.
CHINESE_CANNOT_END = "（《「『【〈〔〖“‘\uff08\uff3b\uff5b\uff5f\uff62"

_cannot_end = textsplit.ALL_CANNOT_END + CHINESE_CANNOT_END
_installed = False
# ReportLab's own set and splitters, as found before the patch (tests measure what the patch changes).
RL_ORIGINALS = {"textsplit.ALL_CANNOT_START": textsplit.ALL_CANNOT_START, "textsplit.dumbSplit": textsplit.dumbSplit,
                "paragraph.ALL_CANNOT_START": rl_paragraph.ALL_CANNOT_START,
                "paragraph.wordSplit": rl_paragraph.wordSplit, "paragraph.cjkFragSplit": rl_paragraph.cjkFragSplit}


def install_line_rules() -> None:
    """Teach ReportLab the Chinese rules, once (idempotent; every style factory calls it).

    1. Extend the "cannot start a line" set. ``reportlab.platypus.paragraph`` imported it *by name*, so its
       module global is a separate copy: both are replaced.
    2. Replace the two CJK splitters (``textsplit.dumbSplit`` for one-font paragraphs, ``paragraph.
       cjkFragSplit`` for mixed ones). The set alone is not enough: they hang *one* forbidden mark in the
       margin and start the next line with whatever follows, so "。”", "？”", "……" and "）。" still put a
       mark first — 71 of 6,915 lines in our corpus after step 1 (344 before). Ours pulls the line's last
       character down with the marks ("push-in", as Chinese typesetting does), never draws past the width,
       and keeps an opening mark （《“ off a line's end.
    """
    global _installed
    if _installed:
        return
    current = textsplit.ALL_CANNOT_START
    extended = current + "".join(c for c in dict.fromkeys(CHINESE_CANNOT_START) if c not in current)
    textsplit.ALL_CANNOT_START = extended
    rl_paragraph.ALL_CANNOT_START = extended
    textsplit.dumbSplit = dumb_split  # textsplit.wordSplit looks dumbSplit up in its module at call time
    rl_paragraph.wordSplit = word_split  # Paragraph.breakLinesCJK looks these two up in its module
    rl_paragraph.cjkFragSplit = cjk_frag_split
    _installed = True


def _is_word_char(c: str) -> bool:
    """Part of a Latin word or a number (600kg, 0551-62345678, LX01-261122-0007-K): not cut in the
    middle when it can be avoided — a phone or case number split over two lines gets misread."""
    return "!" <= c < "\u3000" and c != "/"


def _choose_break(chars: list[str], start: int, over: int) -> int:
    """Where to end the line that overflows at ``over`` (the first character that did not fit)."""
    cannot_start = textsplit.ALL_CANNOT_START
    b = over
    if _is_word_char(chars[b]) and _is_word_char(chars[b - 1]):
        k = b - 1  # inside a word or number: move all of it to the next line if it starts on this one
        while k > start and _is_word_char(chars[k - 1]):
            k -= 1
        if k > start:  # (a word longer than a whole line is cut where it overflows: nothing else can be done)
            b = k
    while b > start + 1 and (chars[b] in cannot_start or chars[b - 1] in _cannot_end):
        b -= 1
    if chars[b] in cannot_start or chars[b - 1] in _cannot_end:
        b = over  # a line of nothing but marks: cut where it overflowed, progress comes first
    return b


def break_positions(chars: list[str], widths: list[float], max_widths, hard: frozenset[int] = frozenset()):
    """Lines as (start, end, width used, extra space, forced) over ``chars``. ``hard`` holds the indices of
    forced breaks (``<br/>``): each ends the line it is on and belongs to it."""
    n = len(chars)
    lines: list[tuple[int, int, float, float, bool]] = []
    start = 0
    while start < n:
        max_w = max_widths[min(len(lines), len(max_widths) - 1)]
        used, j = 0.0, start
        while j < n and j not in hard:
            if used + widths[j] > max_w + _FUZZ and j > start:
                break
            used += widths[j]
            j += 1
        if j < n and j in hard:
            lines.append((start, j + 1, used, max_w - used, True))
            start = j + 1
            continue
        if j >= n:
            lines.append((start, n, used, max_w - used, False))
            break
        b = _choose_break(chars, start, j)
        while b < n and chars[b] == " " and b not in hard:  # a space at a break stays on the line it ends
            b += 1
        used = sum(widths[start:b])
        lines.append((start, b, used, max_w - used, False))
        start = b
    return lines


def dumb_split(word: str, widths, maxWidths) -> list[list]:
    """Drop-in for ``textsplit.dumbSplit``: [[extra space, line text], ...]."""
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]
    return [[extra, word[a:b].strip()] for a, b, _, extra, _ in break_positions(list(word), list(widths), maxWidths)]


def word_split(word, maxWidths, fontName, fontSize, encoding="utf8") -> list[list]:
    """Drop-in for ``textsplit.wordSplit`` (one-font paragraphs, i.e. nearly every table cell): the same
    widths, read straight from the TrueType face instead of one ``stringWidth`` call per character, which
    was a fifth of a register's build time."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    font = pdfmetrics.getFont(fontName)
    face = getattr(font, "face", None)
    if isinstance(font, TTFont) and face is not None:
        get, default, k = face.charWidths.get, face.defaultWidth, 0.001 * fontSize
        widths = [get(ord(c), default) * k for c in word]
    else:
        widths = [stringWidth(c, fontName, fontSize) for c in word]
    return dumb_split(word, widths, maxWidths)


def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):
    """Drop-in for ``paragraph.cjkFragSplit`` (several fonts, ``<br/>``)."""
    cjk_u, make_line = rl_paragraph.cjkU, rl_paragraph.makeCJKParaLine
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]
    U: list[Any] = []  # ReportLab's character-with-fragment objects
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if text:
            U.extend(cjk_u(t, f, encoding) for t in text)
        else:
            U.append(cjk_u(text, f, encoding))
    widths = []
    for u in U:
        w = u.width
        if hasattr(w, "normalizedValue"):  # a width in percent (inline images)
            w._normalizer = maxWidths[0]
            w = w.normalizedValue(maxWidths[0])
        widths.append(w)
    hard = frozenset(i for i, u in enumerate(U) if hasattr(u.frag, "lineBreak"))
    chars = [str(u) or "\x00" for u in U]
    lines = [make_line(U[a:b], maxWidths[min(k, len(maxWidths) - 1)], used, extra, forced, calcBounds)
             for k, (a, b, used, extra, forced) in enumerate(break_positions(chars, widths, maxWidths, hard))]
    return rl_paragraph.ParaLines(kind=1, lines=lines)


def wrapped_lines(p: Paragraph) -> list[str]:
    """The text of each line of a paragraph after ``wrap`` (tests and truncation use it)."""
    bl = cast(Any, p).blPara  # set by wrap(); ReportLab's stubs leave it out
    if bl.kind == 0:  # one-font paragraph: (extra space, [text]) pairs
        return ["".join(words) for _, words in bl.lines]
    return ["".join(getattr(f, "text", "") for f in line.words) for line in bl.lines]


def text_width(text: str, size: float) -> float:
    return sum(stringWidth(seg, font, size) for seg, font in runs(text))


def balanced_lines(text: str, size: float, width: float) -> list[str]:
    """``text`` (a name, a title) in as few lines as fit ``width``, of nearly equal length, so no line is a
    lone character: 柳树湾村人大代表联络站 on a narrow slip is 柳树湾村人大 / 代表联络站, not …联络 / 站."""
    if not text or text_width(text, size) <= width:
        return [text] if text else []
    n = 2
    while True:
        per = -(-len(text) // n)  # ceiling
        parts = [text[i:i + per] for i in range(0, len(text), per)]
        if all(text_width(p, size) <= width for p in parts) or per <= 2:
            return parts
        n += 1


def truncate_to_width(text: str, size: float, width: float, lines: int, *, ellipsis: str = "……") -> str:
    """``text`` cut to fill at most ``lines`` lines ``width`` points wide, ending in ``ellipsis``.

    Measured in the font, so digits and Latin letters count for their real, narrower width. Ends after a
    clause mark (，。；) when one falls in the last third of the room, so the summary ends on a whole phrase;
    a few percent are kept back because wrapped lines rarely fill to the last point.
    """
    text = " ".join(text.split())
    budget = width * lines * 0.92
    if text_width(text, size) <= budget:
        return text
    budget -= text_width(ellipsis, size)
    cut, used = 0, 0.0
    for i, c in enumerate(text):
        used += text_width(c, size)
        if used > budget:
            break
        cut = i + 1
    head = text[:cut]
    clause = max(head.rfind(m) for m in "，。；、,;")
    if clause >= cut * 2 // 3:
        head = head[:clause]
    return head.rstrip("，。；、,;：: ") + ellipsis


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document (all in the bundled font, all with Chinese line breaking)."""

    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    header_cell: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    number: ParagraphStyle


def make_styles(base: float = 10.0, *, large: bool = False) -> Styles:
    """Styles scaled from ``base`` points; ``large`` is the large-print variant (×1.4) for elderly readers.
    Table cells split inside a row only if the table says so (``splitInRow``, see ``register``)."""
    ensure_fonts()
    install_line_rules()
    size = base * (1.4 if large else 1.0)

    def style(name: str, fs: float, *, lead: float = 1.35, align: Literal[0, 1, 2, 4] = TA_LEFT,
              **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=FONT, fontSize=fs, leading=round(fs * lead, 1), alignment=align,
                              wordWrap="CJK", allowWidows=1, allowOrphans=1, **kw)

    cell = size * 0.9
    return Styles(
        body=style("body", size),
        small=style("small", size * 0.85),
        cell=style("cell", cell, lead=1.25),
        cell_center=style("cell_center", cell, lead=1.25, align=TA_CENTER),
        header_cell=style("header_cell", cell, lead=1.25, align=TA_CENTER),
        heading=style("heading", size * 1.3, lead=1.3, align=TA_CENTER, spaceAfter=size * 0.3),
        title=style("title", size * 1.8, lead=1.25, align=TA_CENTER, spaceAfter=size * 0.4),
        number=style("number", size * 1.6, lead=1.2, align=TA_CENTER),
    )
