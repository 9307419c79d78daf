"""Scoring rules: item and category caps, grades, disputes as adjustments, the default district rules."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.scoring import (
    DEFAULT_RULES,
    METRICS,
    ScoreCategory,
    ScoreItem,
    ScoringRules,
    grade_of,
    score,
    total_of,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_default_rules_are_the_district_shape():
    assert len(DEFAULT_RULES.categories) == 5
    assert len(DEFAULT_RULES.items) == 22  # the district's 21 and 述职评议称职 (issue 18)
    assert all(2 <= i.points <= 10 for i in DEFAULT_RULES.items)
    assert all(c.cap is not None for c in DEFAULT_RULES.categories)
    assert sum(c.cap or 0 for c in DEFAULT_RULES.categories) == 100
    assert DEFAULT_RULES.metrics <= set(METRICS)


@pytest.mark.parametrize(("total", "grade"), [(0, "较差"), (59, "较差"), (60, "一般"), (74, "一般"), (75, "好"),
                                              (89, "好"), (90, "优秀"), (100, "优秀")])
def test_grades_follow_the_district_thresholds(total, grade):
    assert grade_of(total) == grade


def full_attendance() -> dict[str, int]:
    return {"activity:session": 1, "activity:standing_committee": 2, "activity:training": 2,
            "activity:group_activity": 3, "shift": 4, "visit:walk_in": 5, "activity:household_visits": 2,
            "households": 20, "activity:monthly_theme": 4}


def test_attendance_alone_is_fair_suggestions_make_it_good_satisfied_masses_excellent():
    attend = score(DEFAULT_RULES, full_attendance())
    assert 60 <= attend.total < 75 and attend.grade == "一般"
    advice = score(DEFAULT_RULES, full_attendance() | {"activity:suggestion": 2, "activity:survey": 1,
                                                       "activity:inspection": 1})
    assert 75 <= advice.total < 90 and advice.grade == "好"
    best = score(DEFAULT_RULES, full_attendance() | {"activity:suggestion": 2, "activity:survey": 1,
                                                     "activity:inspection": 2, "case:registered": 3,
                                                     "case:closed": 2, "case:solved": 2, "case:satisfied": 2})
    assert best.total >= 90 and best.grade == "优秀"


def test_item_cap_and_category_cap():
    rules = ScoringRules((ScoreCategory("a", "甲", 10),),
                         (ScoreItem("x", "a", "项目一", "shift", 4, cap=8), ScoreItem("y", "a", "项目二", "visit", 3)))
    sheet = score(rules, {"shift": 5, "visit": 2})
    x, y = sheet.lines
    assert (x.count, x.points, x.capped) == (5, 8, True)
    assert (y.count, y.points, y.capped) == (2, 6, False)
    assert sheet.categories[0].raw == 14 and sheet.categories[0].points == 10 and sheet.categories[0].capped
    assert sheet.total == 10


def test_per_units_and_adjustments():
    rules = ScoringRules((ScoreCategory("a", "甲"),), (ScoreItem("h", "a", "走访户数", "households", 2, per=10),))
    assert score(rules, {"households": 29}).total == 4
    sheet = score(rules, {"households": 29}, {"h": 1})
    assert sheet.lines[0].count == 30 and sheet.lines[0].adjustment == 1 and sheet.total == 6
    assert score(rules, {"households": 3}, {"h": -10}).lines[0].count == 0  # never below zero


def test_deduction_items_and_total_floor():
    rules = ScoringRules((ScoreCategory("a", "甲"),), (ScoreItem("m", "a", "缺勤", "shift:missed", -5, cap=20),
                                                      ScoreItem("s", "a", "值班", "shift", 2)))
    sheet = score(rules, {"shift:missed": 9, "shift": 1})
    assert sheet.lines[0].points == -20 and sheet.lines[0].capped
    assert sheet.total == 0 == total_of(rules, {"shift:missed": 9, "shift": 1})
    assert total_of(rules, {"shift": 3}, {"s": 1}) == score(rules, {"shift": 3}, {"s": 1}).total == 8


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(DEFAULT_RULES.metrics)), st.integers(0, 60)),
       st.dictionaries(st.sampled_from([i.code for i in DEFAULT_RULES.items]), st.integers(-5, 5)))
def test_fast_total_equals_the_full_sheet_with_disputes(counts, adjustments):
    assert total_of(DEFAULT_RULES, counts, adjustments) == score(DEFAULT_RULES, counts, adjustments).total


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(DEFAULT_RULES.metrics)), st.integers(0, 500)))
def test_default_total_is_within_0_and_100_and_monotone(counts):
    sheet = score(DEFAULT_RULES, counts)
    assert 0 <= sheet.total <= 100
    assert total_of(DEFAULT_RULES, counts) == sheet.total  # the ranking's fast path agrees
    assert sheet.total == sum(c.points for c in sheet.categories)
    more = score(DEFAULT_RULES, {k: v + 1 for k, v in counts.items()})
    assert more.total >= sheet.total
    for line in sheet.lines:
        item = DEFAULT_RULES.item(line.item_code)
        assert item.cap is not None  # every default item is capped
        assert line.points <= item.cap and line.capped == ((line.count // item.per) * item.points > item.cap)


@pytest.mark.parametrize(("make", "code"), [
    (lambda: ScoreItem("x", "a", "项", "nonsense", 2), "bad_metric"),
    (lambda: ScoreItem("x", "a", "项", "shift", 0), "bad_points"),
    (lambda: ScoreItem("x", "a", "项", "shift", 2, per=0), "bad_per"),
    (lambda: ScoreItem("x", "a", "项", "shift", 2, cap=0), "bad_score_cap"),
    (lambda: ScoreCategory("", "甲"), "bad_score_category"),
    (lambda: ScoringRules((ScoreCategory("a", "甲"),), (ScoreItem("x", "b", "项", "shift", 2),)), "bad_item_category"),
    (lambda: ScoringRules((ScoreCategory("a", "甲"), ScoreCategory("a", "乙")), ()), "duplicate_score_category"),
    (lambda: DEFAULT_RULES.item("nope"), "unknown_score_item"),
])
def test_bad_rules_are_refused_in_chinese(make, code):
    with pytest.raises(ValidationError) as err:
        make()
    assert err.value.code == code and CJK.search(err.value.message)
