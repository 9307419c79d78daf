"""The bundled font, the glyph check, and the fallback: a character no font has prints as □ with a warning."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from liaison_desk.printing import ReceiptData, RegisterData, RegisterRow, fonts
from liaison_desk.printing.receipt import build_receipt
from liaison_desk.printing.register import build_register

from .pdftools import pdf_text

RARE_IN_FONT = "𠮷𬍛䶮龘"  # U+20BB7 (Ext B), U+2C35B (Ext E), U+4DAE (Ext A), U+9F98
NOT_IN_FONT_EXT_A = "㐀"  # U+3400: LXGW WenKai lacks most of Extension A; Droid Sans Fallback has it
NOT_IN_ANY_FONT = "𠀀"  # U+20000: in neither
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


@pytest.fixture
def no_fallback():
    fonts.configure_fallbacks([])
    yield
    fonts.configure_fallbacks(None)


def _receipt(**kw) -> ReceiptData:
    base = {"station_name": "柳树湾村人大代表联络站", "station_code": "LX01", "case_number": "LX01-261122-0007-V",
                "registered_at": dt.datetime(2026, 11, 22, 9, 31), "summary": "灌溉渠道年久失修。"}
    return ReceiptData(**{**base, **kw})


def test_bundled_font_is_registered_once_under_a_stable_name():
    assert fonts.ensure_fonts() == fonts.FONT == "LiaisonWenKai"
    assert fonts.FONT in pdfmetrics.getRegisteredFontNames()
    t = time.perf_counter()
    for _ in range(1000):
        fonts.ensure_fonts()
    assert time.perf_counter() - t < 0.05  # later calls are free: the 0.1–0.5 s load happens once


def test_rare_name_characters_are_in_the_bundled_font():
    assert fonts.missing_glyphs(RARE_IN_FONT) == set()
    assert fonts.missing_glyphs("王𠮷明、李䶮") == set()
    assert fonts.missing_glyphs(NOT_IN_FONT_EXT_A + NOT_IN_ANY_FONT + "张") == {NOT_IN_FONT_EXT_A, NOT_IN_ANY_FONT}
    # characters that draw nothing are not "missing": a name may carry a variation selector
    assert fonts.missing_glyphs("葛\U000e0100\u200d\n") == set()


def test_a_character_no_font_has_becomes_a_visible_placeholder_with_a_warning(no_fallback, tmp_path):
    report = fonts.GlyphReport()
    runs = fonts.runs(f"王{NOT_IN_ANY_FONT}明", report, "来访人")
    assert runs == [(f"王{fonts.PLACEHOLDER}明", fonts.FONT)]
    assert len(report.warnings) == 1 and "来访人" in report.warnings[0] and "U+20000" in report.warnings[0]
    pdf = build_receipt(_receipt(visitor_name=f"王{NOT_IN_ANY_FONT}明"))
    assert any("U+20000" in w for w in pdf.warnings)
    assert f"王{fonts.PLACEHOLDER}明" in pdf_text(pdf, tmp_path)  # never a silent blank


def test_register_reports_missing_characters_too(no_fallback, tmp_path):
    row = RegisterRow(occurred_at=dt.datetime(2026, 11, 22, 9, 31), visitor_names=f"李{NOT_IN_FONT_EXT_A}")
    pdf = build_register(RegisterData("柳树湾村人大代表联络站", dt.date(2026, 11, 1), dt.date(2026, 11, 30), [row]))
    assert len(pdf.warnings) == 1 and "U+3400" in pdf.warnings[0]
    assert f"李{fonts.PLACEHOLDER}" in pdf_text(pdf, tmp_path)


@pytest.mark.skipif(not DROID.is_file(), reason="Droid Sans Fallback is not installed (fonts-droid-fallback)")
def test_a_second_font_prints_what_the_bundled_one_lacks(tmp_path):
    fonts.configure_fallbacks([DROID])
    try:
        report = fonts.GlyphReport()
        runs = fonts.runs(f"李{NOT_IN_FONT_EXT_A}明", report)
        assert [f for _, f in runs][1].startswith(fonts.FALLBACK_PREFIX) and not report.warnings
        assert fonts.markup(f"李{NOT_IN_FONT_EXT_A}").startswith('李<font name="LiaisonFallback')
        pdf = build_receipt(_receipt(visitor_name=f"李{NOT_IN_FONT_EXT_A}明"))
        assert pdf.warnings == ()
        assert f"李{NOT_IN_FONT_EXT_A}明" in pdf_text(pdf, tmp_path)
    finally:
        fonts.configure_fallbacks(None)


def test_characters_beyond_the_basic_plane_extract_as_themselves(tmp_path):
    """ReportLab's own ToUnicode map turned 𠮷 into ₻ for copy, search and pdftotext; ours keeps it."""
    pdf = build_receipt(_receipt(visitor_name="王𠮷明", duty_deputy="刘𬍛"))
    text = pdf_text(pdf, tmp_path)
    assert "王𠮷明" in text and "刘𬍛" in text and "₻" not in text


def test_markup_escapes_and_keeps_line_breaks():
    assert fonts.markup("A&B <x>\n第二行") == "A&amp;B &lt;x&gt;<br/>第二行"
    assert fonts.markup(None) == ""
