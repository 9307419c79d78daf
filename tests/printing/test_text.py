"""Chinese line breaking: no line starts with closing punctuation, nothing drawn past the width, no text lost."""

from __future__ import annotations

import pytest
from reportlab import rl_config
from reportlab.lib import textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from liaison_desk.printing import text as T
from liaison_desk.printing.fonts import FONT, markup

from .corpus import paragraphs

WIDTHS = (60, 97, 150, 233, 400)  # points: a narrow table cell up to an A4 text column


def _wrap(texts, style, *, mixed: bool = False):
    """(lines, text) for every paragraph at every width; ``mixed`` forces the several-fonts splitter."""
    for width in WIDTHS:
        for t in texts:
            m = markup(t)
            if mixed:  # a font tag in the middle: ReportLab then uses cjkFragSplit instead of wordSplit
                m = m[:5] + '<font color="#000000">' + m[5:20] + "</font>" + m[20:]
            p = Paragraph(m, style)
            p.wrap(width, 1e6)
            yield width, T.wrapped_lines(p), t


def _bad_starts(lines_of):
    return sum(1 for _, lines, _ in lines_of for line in lines[1:] if line[:1] in T.CHINESE_CANNOT_START)


def test_reportlab_alone_starts_lines_with_closing_punctuation(monkeypatch):
    """The measurement that motivates the patch: with ReportLab's own rules many lines start with ，。？”."""
    style = T.make_styles(10).body
    for name, value in T.RL_ORIGINALS.items():
        module, attr = name.split(".")
        monkeypatch.setattr(textsplit if module == "textsplit" else rl_paragraph, attr, value)
    bad = _bad_starts(_wrap(paragraphs(150), style))
    assert bad > 100, bad  # 344 of ~7,000 lines when this was written


@pytest.mark.parametrize("mixed", [False, True], ids=["one-font", "mixed-fonts"])
def test_no_line_starts_with_closing_punctuation(mixed):
    style = T.make_styles(10).body
    results = list(_wrap(paragraphs(150, seed=11), style, mixed=mixed))
    total = sum(len(lines) for _, lines, _ in results)
    assert total > 5000  # several thousand wrapped lines
    starts = [line[:6] for _, lines, _ in results for line in lines[1:] if line[:1] in T.CHINESE_CANNOT_START]
    assert starts == []
    ends = [line[-6:] for _, lines, _ in results for line in lines[:-1] if line[-1:] in T.CHINESE_CANNOT_END]
    assert ends == []  # and no opening mark （《“ is left at a line's end
    for width, lines, text in results:
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost or repeated
        assert all(stringWidth(line, FONT, 10) <= width + 0.01 for line in lines)  # nothing hangs out


def test_numbers_are_not_split_at_a_hyphen():
    style = T.make_styles(10).body
    p = Paragraph("查询电话：0551-62345678，回执编号 LX01-261122-0007-V。", style)
    p.wrap(120, 1e6)
    lines = T.wrapped_lines(p)
    assert any("0551-62345678" in line for line in lines), lines


def test_install_is_idempotent_and_patches_both_copies_of_the_set():
    T.install_line_rules()
    first = textsplit.ALL_CANNOT_START
    T.install_line_rules()
    assert textsplit.ALL_CANNOT_START == first == rl_paragraph.ALL_CANNOT_START
    original = T.RL_ORIGINALS["textsplit.ALL_CANNOT_START"]
    assert first.startswith(original) and len(first) - len(original) == len(set(first) - set(original))
    assert all(c in first for c in "，。、；：？！）》」』】〉”’…—·")
    assert rl_paragraph.cjkFragSplit is T.cjk_frag_split and textsplit.dumbSplit is T.dumb_split


def test_output_is_deterministic_by_configuration():
    assert rl_config.invariant == 1


@pytest.mark.parametrize("lines", [1, 2, 4])
def test_truncation_fits_the_lines_it_was_given(lines):
    style = T.make_styles(10).body
    long = "".join(paragraphs(3, seed=2))
    cut = T.truncate_to_width(long, 10, 150, lines)
    assert cut.endswith("……") and len(cut) < len(long)
    p = Paragraph(markup(cut), style)
    p.wrap(150, 1e6)
    assert len(T.wrapped_lines(p)) <= lines
    assert T.truncate_to_width("短短的一句。", 10, 150, 1) == "短短的一句。"
