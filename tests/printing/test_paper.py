"""The paper a page goes out on and where it lands (services.printing.paper), and the spooler options that
say so to CUPS (services.printing.spool) — issue 20: the document decides the paper, never the queue's
default; pages at 100 % inside the printable area, only ever shrunk; slips centred on the right roll."""

from __future__ import annotations

import pytest

from liaison_desk.services.printing import spool
from liaison_desk.services.printing.paper import MM, Media, Paper, choose_paper, place

A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
M = 4.2 * MM
LASER = [Media("A4", *A4, M, M, M, M), Media("A5", *A5, M, M, M, M), Media("Letter", 612, 792, M, M, M, M)]
THERMAL = [Media("80x200mm", 80 * MM, 200 * MM, 4 * MM, 0, 4 * MM, 0),
           Media("58x200mm", 58 * MM, 200 * MM, 5 * MM, 0, 5 * MM, 0)]


def test_a_sheet_goes_on_paper_of_its_size_turned_when_landscape():
    assert choose_paper(*A4, LASER, custom_ok=False).media.key == "A4"
    assert choose_paper(*A5, LASER, custom_ok=False).media.key == "A5"  # not the queue's A4
    turned = choose_paper(A4[1], A4[0], LASER, custom_ok=False)
    assert turned.media.key == "A4" and turned.landscape and turned.size == pytest.approx((A4[1], A4[0]))


def test_a_page_on_its_own_paper_is_printed_exactly_where_it_was_drawn():
    at = place(*A4, choose_paper(*A4, LASER, custom_ok=False))
    assert (at.x, at.y, at.scale) == (0, 0, 1)  # not moved by the printer's 4.2 mm margins


def test_a_smaller_page_is_centred_at_100_percent_and_a_bigger_one_only_shrunk():
    a4_only = LASER[:1]
    sheet = choose_paper(*A5, a4_only, custom_ok=False)
    at = place(*A5, sheet)
    assert at.scale == 1 and at.x == pytest.approx((A4[0] - A5[0]) / 2) and at.y == pytest.approx((A4[1] - A5[1]) / 2)
    big = (700.0, 1000.0)  # bigger than anything offered: the largest paper, shrunk into its printable area
    paper = choose_paper(*big, LASER, custom_ok=False)
    at = place(*big, paper)
    x, y, w, h = at.rect(*big)
    assert at.scale < 1 and x >= M - 0.01 and y >= M - 0.01
    assert x + w <= paper.size[0] - M + 0.01 and y + h <= paper.size[1] - M + 0.01


def test_the_queue_default_is_preferred_among_papers_a_page_fits_on():
    slip_as_sheet = (300.0, 400.0)
    assert choose_paper(*slip_as_sheet, LASER[::2], custom_ok=False, default="A4").media.key == "A4"
    assert choose_paper(*slip_as_sheet, LASER[::2], custom_ok=False).media.key == "Letter"  # smallest


@pytest.mark.parametrize(("printable", "roll", "margin"), [(72, "80x200mm", 4), (48, "58x200mm", 5)])
def test_a_slip_goes_on_the_roll_it_was_made_for_centred_at_the_top(printable, roll, margin):
    page = (printable * MM, 150 * MM)
    paper = choose_paper(*page, THERMAL, custom_ok=False, roll=True)
    assert paper.media.key == roll and paper.roll
    at = place(*page, paper)
    assert at.scale == 1 and at.x == pytest.approx(margin * MM) and at.y == 0


def test_a_slip_too_wide_for_every_roll_is_shrunk_never_a_narrow_one_enlarged():
    only_58 = THERMAL[1:]
    at = place(72 * MM, 150 * MM, choose_paper(72 * MM, 150 * MM, only_58, custom_ok=False, roll=True))
    assert at.scale == pytest.approx(48 / 72)
    only_80 = THERMAL[:1]
    at = place(48 * MM, 150 * MM, choose_paper(48 * MM, 150 * MM, only_80, custom_ok=False, roll=True))
    assert at.scale == 1 and at.x == pytest.approx(16 * MM)  # centred on the 80 mm roll, not stretched


def test_a_slip_on_a_queue_taking_custom_sizes_gets_a_page_as_tall_as_itself():
    for height in (155 * MM, 126 * MM):  # the slip and its shorter stub: each its own height
        paper = choose_paper(72 * MM, height, [], custom_ok=True, roll=True)
        assert paper.media.custom and paper.size == pytest.approx((80 * MM, height))
        assert place(72 * MM, height, paper).x == pytest.approx(4 * MM)


def test_a_slip_sent_to_a_laser_goes_as_a_sheet():
    paper = choose_paper(72 * MM, 150 * MM, LASER, custom_ok=False, roll=True, default="A4")
    assert paper.media.key == "A4" and not paper.roll


def test_the_spooler_is_told_the_paper_the_turn_the_scale_and_the_roll_position():
    roll = Paper(THERMAL[1], roll=True)
    opts = spool.lp_options(spool.SpoolPart(1, 2, roll))
    assert "media=58x200mm" in opts and "print-scaling=none" in opts and "position=top" in opts
    turned = spool.lp_options(spool.SpoolPart(1, 5, Paper(LASER[0], landscape=True), shrink=True))
    assert "orientation-requested=4" in turned and "print-scaling=auto-fit" in turned
    custom = Paper(Media("custom", 226.77, 439.2, custom=True), roll=True)
    assert spool.media_option(custom) == "Custom.227x440"  # whole points, rounded up: never shrunk by rounding


def test_a_long_slip_takes_a_roll_length_it_fits_on_and_is_shrunk_only_when_none_is_long_enough():
    rolls = [*THERMAL, Media("80x3276mm", 80 * MM, 3276 * MM, 4 * MM, 0, 4 * MM, 0)]
    long_slip = (72 * MM, 260 * MM)  # large print
    assert choose_paper(*long_slip, rolls, custom_ok=False, roll=True).media.key == "80x3276mm"
    assert choose_paper(72 * MM, 150 * MM, rolls, custom_ok=False, roll=True).media.key == "80x200mm"
    at = place(*long_slip, choose_paper(*long_slip, THERMAL, custom_ok=False, roll=True))
    assert at.scale == pytest.approx(200 / 260)  # only 200 mm of roll on offer: shrunk, never cut off
