"""The bundled font registered with ReportLab once, a glyph check, and a fallback so no character prints blank."""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import tables

from .. import paths

log = logging.getLogger(__name__)

FONT = "LiaisonWenKai"  # stable name: styles, tests and the benchmark refer to it
FONT_FILE = "LXGWWenKai-Regular.ttf"
FALLBACK_PREFIX = "LiaisonFallback"
FALLBACK_ENV = "LIAISON_DESK_FALLBACK_FONT"
# What a character no font has turns into: visible, so the clerk sees something is missing and writes it in.
PLACEHOLDER = "□"

# Code points that draw nothing (control characters, variation selectors, zero-width joiners, BOM, soft
# hyphen): dropped before printing. Names may carry a variation selector (validation allows it); a font
# without one would print its .notdef box after the character.
_DROP = re.compile("[\x00-\x08\x0a-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff\U000e0100-\U000e01ef]")


def _fallback_candidates() -> list[Path]:
    """Second fonts tried, in order, only when the bundled font lacks a character (each costs ~0.1–0.5 s).

    Glyf-outline TrueType only (ReportLab refuses CFF outlines). SimSun-ExtB and HanaMin cover Extension B,
    where most rare name characters the bundled font lacks live; Droid Sans Fallback covers Extension A.
    """
    env = os.environ.get(FALLBACK_ENV)
    found = [Path(env)] if env else []
    if sys.platform == "win32":
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        found += [fonts / "simsunb.ttf", fonts / "simsun.ttc"]
    else:
        share = Path("/usr/share/fonts/truetype")
        found += [share / "hanazono" / "HanaMinB.ttf", share / "droid" / "DroidSansFallbackFull.ttf",
                  share / "arphic" / "uming.ttc"]
    return [p for p in found if p.is_file()]


class _Fonts:
    """Registered fonts and their character maps; everything is loaded on first use, under a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cmaps: dict[str, dict[int, int]] = {}
        self.fallbacks: list[str] = []  # registered fallback font names, in candidate order
        self.pending: list[Path] | None = None  # candidates not yet loaded (None: not looked for yet)
        self.choice: dict[str, str | None] = {}  # character → fallback font name, or None: no font has it
        self.generation = 0  # fallback names stay unique after configure_fallbacks()

    def primary(self) -> dict[int, int]:
        cmap = self.cmaps.get(FONT)
        if cmap is None:
            with self.lock:
                if FONT not in self.cmaps:
                    self.cmaps[FONT] = self._register(FONT, paths.resource("fonts", FONT_FILE))
                cmap = self.cmaps[FONT]
        return cmap

    @staticmethod
    def _register(name: str, path: Path) -> dict[int, int]:
        if name in pdfmetrics.getRegisteredFontNames():  # registered by an earlier instance (tests reset)
            font = truetype(name)
        else:
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
        return font.face.charToGlyph

    def fallback_for(self, ch: str) -> str | None:
        if ch in self.choice:
            return self.choice[ch]
        with self.lock:
            if ch in self.choice:
                return self.choice[ch]
            code = ord(ch)
            chosen = next((n for n in self.fallbacks if code in self.cmaps[n]), None)
            if self.pending is None:
                self.pending = _fallback_candidates()
            while chosen is None and self.pending:
                path = self.pending.pop(0)
                name = f"{FALLBACK_PREFIX}{self.generation}_{len(self.fallbacks) + 1}"
                try:
                    self.cmaps[name] = self._register(name, path)
                except (TTFError, OSError) as exc:  # CFF outlines, a damaged file: try the next one
                    log.warning("fallback font %s not usable: %s", path, exc)
                    continue
                self.fallbacks.append(name)
                log.info("fallback font %s registered as %s", path, name)
                if code in self.cmaps[name]:
                    chosen = name
            self.choice[ch] = chosen
            return chosen


_FONTS = _Fonts()
_rl_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset) -> str:
    """ReportLab's ToUnicode map writes a character beyond U+FFFF as five hex digits, which readers cut
    to four: 𠮷 (U+20BB7) was copied, searched and extracted as ₻ (U+20BB). PDF wants UTF-16 there, so
    such characters are written as their surrogate pair; everything else is left as ReportLab makes it."""
    text = _rl_to_unicode(fontname, subset)
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            pair = chr(v).encode("utf-16-be").hex().upper()
            text = text.replace(f"<{i:02X}> <{v:04X}>", f"<{i:02X}> <{pair}>")
    return text


def truetype(name: str) -> TTFont:
    """A registered font by name: every font this package registers is TrueType, while ReportLab's
    ``getFont`` is typed as its base class (which has no glyph table)."""
    font = pdfmetrics.getFont(name)
    if not isinstance(font, TTFont):
        raise TypeError(f"font {name!r} is not a TrueType font")
    return font


def ensure_fonts() -> str:
    """Register the bundled font (once; later calls are free) and return its ReportLab name."""
    _FONTS.primary()
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up by name when a subset is written
    # A canvas starts every page in its initial font: ReportLab's default is Helvetica, which then sits in
    # every PDF unembedded (a viewer substitutes it). Starting in the bundled font keeps every font embedded.
    rl_config.canvas_basefontname = FONT
    tables.CellStyle.fontname = FONT  # a table cell with no FONT command (a blank "" cell) too
    return FONT


SONG = "LiaisonSong"  # AR PL SungtiL GB: the 宋体 of a letter's 版头 and title (GB/T 9704 wants 小标宋)
SONG_FILE = "ARPLSungtiLGB.ttf"


def song_font(text: str = "") -> str:
    """The Song face for ``text`` (registered once), or the bundled font when the Song face is missing or
    lacks one of its characters (it covers GB 2312 only: a rare character in a station's name)."""
    ensure_fonts()
    with _FONTS.lock:
        if SONG not in _FONTS.cmaps:
            try:
                _FONTS.cmaps[SONG] = _Fonts._register(SONG, paths.resource("fonts", SONG_FILE))
            except (TTFError, OSError) as exc:
                log.warning("Song font not usable: %s", exc)
                _FONTS.cmaps[SONG] = {}
        cmap = _FONTS.cmaps[SONG]
    if not cmap or any(ord(c) not in cmap for c in _DROP.sub("", text)):
        return FONT
    return SONG


def font_path() -> Path:
    return paths.resource("fonts", FONT_FILE)


def missing_glyphs(text: str, font: str = FONT) -> set[str]:
    """The characters of ``text`` that ``font`` (the bundled one by default) has no glyph for (characters
    that draw nothing — line breaks, variation selectors, zero-width joiners — are not counted)."""
    cmap = _FONTS.primary() if font == FONT else _FONTS.cmaps[font]
    return {c for c in _DROP.sub("", text) if ord(c) not in cmap and c not in "\t\n\r"}


@dataclass
class GlyphReport:
    """Collects, for the caller, every string that could not print exactly as given."""

    warnings: list[str] = field(default_factory=list)
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def placeholder(self, where: str, text: str, chars: Iterable[str]) -> None:
        chars = "".join(sorted(set(chars)))
        if (where, text) in self._seen:
            return
        self._seen.add((where, text))
        codes = "、".join(f"{c}（U+{ord(c):04X}）" for c in chars)
        label = f"{where}“{text}”" if where else f"“{text}”"
        self.warnings.append(f"{label}中的 {codes} 没有可用的字体，已印为 {PLACEHOLDER}，请在纸上手工补写。")


def runs(text: str, report: GlyphReport | None = None, where: str = "") -> list[tuple[str, str]]:
    """``text`` as (segment, font name) runs: the bundled font where it has the glyph, else the first fallback
    font that has it, else the placeholder in the bundled font (reported to ``report``)."""
    planned, clean, lost = _plan(text)
    if lost and report is not None:
        report.placeholder(where, clean, lost)
    return list(planned)


@lru_cache(maxsize=16384)  # registers repeat villages, channels, names: most cells are seen before
def _plan(text: str) -> tuple[tuple[tuple[str, str], ...], str, str]:
    cmap = _FONTS.primary()
    clean = _DROP.sub("", text.replace("\t", " "))
    if all(ord(c) in cmap for c in clean):  # the common case: one run, no per-character work
        return (((clean, FONT),) if clean else ()), clean, ""
    out: list[tuple[str, str]] = []
    lost: list[str] = []
    for c in clean:
        if ord(c) in cmap:
            font = FONT
        else:
            fallback = _FONTS.fallback_for(c)
            if fallback is None:
                lost.append(c)
                c, font = PLACEHOLDER, FONT
            else:
                font = fallback
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + c, font)
        else:
            out.append((c, font))
    return tuple(out), clean, "".join(lost)


def configure_fallbacks(candidates: Sequence[Path] | None) -> None:
    """Use these second fonts (in order) instead of the ones found on this PC; ``None`` looks again.
    For tests and for a station that ships its own fallback font; forgets every earlier choice."""
    with _FONTS.lock:
        _FONTS.pending = None if candidates is None else [Path(p) for p in candidates if Path(p).is_file()]
        for name in _FONTS.fallbacks:
            _FONTS.cmaps.pop(name, None)
        _FONTS.fallbacks = []
        _FONTS.choice = {}
        _FONTS.generation += 1
    _plan.cache_clear()


def markup(text: str | None, report: GlyphReport | None = None, where: str = "") -> str:
    """Paragraph markup for plain ``text``: XML-escaped, fallback runs in their own font, line breaks kept."""
    if not text:
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parts = []
    for line in lines:
        parts.append("".join(escape(seg) if font == FONT else f'<font name="{font}">{escape(seg)}</font>'
                             for seg, font in runs(line, report, where)))
    return "<br/>".join(parts)


def string_width(text: str, size: float) -> float:
    """Width of plain ``text`` as ``draw_string`` would draw it."""
    return sum(pdfmetrics.stringWidth(seg, font, size) for seg, font in runs(text))


def draw_string(canv, x: float, y: float, text: str, size: float, *, align: str = "left",
                report: GlyphReport | None = None, where: str = "") -> float:
    """Draw one line on a canvas with the same fallback as paragraphs; returns the width drawn."""
    parts = runs(text, report, where)
    widths = [pdfmetrics.stringWidth(seg, font, size) for seg, font in parts]
    total = sum(widths)
    x -= {"left": 0, "center": total / 2, "right": total}[align]
    for (seg, font), w in zip(parts, widths, strict=True):
        canv.setFont(font, size)
        canv.drawString(x, y, seg)
        x += w
    return total
