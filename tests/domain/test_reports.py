"""domain/reports: periods and their parsing, the percentile, figures from counts, the 问题清单 grouping and the
通报 thresholds."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.reports import (
    DEFAULT_THRESHOLDS,
    Counts,
    Period,
    ProblemText,
    Threshold,
    change,
    group_problems,
    make_figures,
    mean_days,
    notice_rows,
    parse_period,
    parse_thresholds,
    percentile,
)

D = dt.date


@pytest.mark.parametrize("text, kind, first, last", [
    ("2026-11", "month", D(2026, 11, 1), D(2026, 11, 30)),
    ("2026年2月", "month", D(2026, 2, 1), D(2026, 2, 28)),
    ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29)),
    ("2026Q3", "quarter", D(2026, 7, 1), D(2026, 9, 30)),
    ("2026q1", "quarter", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026年第四季度", "quarter", D(2026, 10, 1), D(2026, 12, 31)),
    ("2026H1", "half", D(2026, 1, 1), D(2026, 6, 30)),
    ("2026年下半年", "half", D(2026, 7, 1), D(2026, 12, 31)),
    ("2026", "year", D(2026, 1, 1), D(2026, 12, 31)),
    ("2026年", "year", D(2026, 1, 1), D(2026, 12, 31)),
    ("2026-01-05..2026-02-10", "range", D(2026, 1, 5), D(2026, 2, 10)),
    ("2026年1月5日至2026年2月10日", "range", D(2026, 1, 5), D(2026, 2, 10)),
    (" 2026-03-01 ", "range", D(2026, 3, 1), D(2026, 3, 1)),
])
def test_parse_period(text, kind, first, last):
    p = parse_period(text)
    assert (p.kind, p.first, p.last) == (kind, first, last)
    assert parse_period(p.code) == p


@pytest.mark.parametrize("text, says", [
    ("", "没有填写"), ("2026-13", "月份应在 1 到 12 之间"), ("2026Q5", "无效"), ("1999", "年份应在"),
    ("2026-02-30..2026-03-01", "没有 2026-02-30 这一天"), ("2026-03-01..2026-02-01", "结束日期早于开始日期"),
    ("2000-01-01..2026-01-01", "不能超过十年"), ("下个月", "无效"), ("2026-1-x", "无效"),
])
def test_bad_periods_are_refused_in_chinese(text, says):
    with pytest.raises(ValidationError) as err:
        parse_period(text)
    assert says in err.value.message and "2026Q3" in err.value.message  # what to write instead
    assert err.value.code == "bad_period" and "\n" not in err.value.message


def test_previous_and_last_year():
    assert parse_period("2026-01").previous() == parse_period("2025-12")
    assert parse_period("2026Q1").previous() == parse_period("2025Q4")
    assert parse_period("2026H2").previous() == parse_period("2026H1")
    assert parse_period("2026").previous() == parse_period("2025")
    r = parse_period("2026-01-05..2026-01-14")  # ten days → the ten days before
    assert r.previous() == Period("range", D(2025, 12, 26), D(2026, 1, 4))
    assert parse_period("2024-02").last_year() == Period("month", D(2023, 2, 1), D(2023, 2, 28))
    assert parse_period("2024-02-29..2024-02-29").last_year().first == D(2023, 2, 28)


def test_bounds_are_station_midnights_in_utc():
    start, end = parse_period("2026-11").utc_bounds()
    assert start == dt.datetime(2026, 10, 31, 16, 0) and end == dt.datetime(2026, 11, 30, 16, 0)


def test_labels():
    assert parse_period("2026Q3").label() == "2026年第三季度"
    assert parse_period("2026H1").label() == "2026年上半年"
    assert parse_period("2026-01-05..2026-02-10").label() == "2026年1月5日至2026年2月10日"


def test_percentile_is_nearest_rank():
    assert percentile(dict.fromkeys(range(1, 11), 1), 90) == 9
    assert percentile({0: 1, 9: 1, 13: 1, 15: 1, 17: 1, 20: 1}, 90) == 20
    assert percentile({3: 10}, 90) == 3
    assert percentile({}, 90) is None
    assert percentile({1: 9, 100: 1}, 90) == 1  # 9 of 10 within 1 day
    assert mean_days({1: 1, 2: 2}) == 1.7 and mean_days({}) is None


def test_figures_from_counts():
    f = make_figures(Counts(cases=10, withdrawn=2, closed=6, solved=3, rated=4, satisfied=3, due=5, replied=4,
                            on_time=2), {5: 2})
    assert (f.closure_rate, f.resolution_rate, f.satisfaction_rate, f.reply_rate, f.on_time_rate) == (
        75.0, 50.0, 75.0, 80.0, 40.0)
    empty = make_figures(Counts(), {})
    assert (empty.closure_rate, empty.satisfaction_rate, empty.avg_days, empty.p90_days) == (None, None, None, None)
    assert Counts(cases=1, closed=1) + Counts(cases=2) == Counts(cases=3, closed=1)
    assert change(94.26, 90.0) == 4.26 and change(None, 1) is None


def test_problem_grouping():
    texts = [
        ProblemText("水利", "东风村", "东风村三组灌溉渠堵塞，田里浇不上水", 2, open=1, closed=1),
        ProblemText("水利", "西湖村", "东风村三组灌溉渠堵塞，田里浇不上水", 1),  # same text, other village: apart
        ProblemText("水利", "东风村", "三组灌溉渠堵塞浇不上水，请帮忙清淤", 1, open=1, overdue=1),
        ProblemText("水利", "东风村", "东风村自来水管爆裂", 1),
        ProblemText("道路", "东风村", "东风村三组灌溉渠堵塞，田里浇不上水", 3, closed=2),  # other category
    ]
    got = group_problems(texts)
    assert [(p.category, p.village, p.count, p.open, p.overdue) for p in got] == [
        ("水利", "东风村", 3, 2, 1), ("道路", "东风村", 3, 0, 0)]  # singletons (西湖村, 自来水) left out
    assert got[0].title == "东风村三组灌溉渠堵塞，田里浇不上水"
    assert got[0].summaries == ("东风村三组灌溉渠堵塞，田里浇不上水", "三组灌溉渠堵塞浇不上水，请帮忙清淤")
    assert got[0].state == "已办结 1 件，未办结 2 件（超期 1 件）"
    assert got[1].state == "已办结 2 件，其余已撤回"  # a withdrawn case is not 办结
    assert len(group_problems(texts, limit=1)) == 1
    assert len(group_problems(texts, min_count=1)) == 4


def test_thresholds():
    assert parse_thresholds(None) == DEFAULT_THRESHOLDS
    assert parse_thresholds("回复率<92，满意率＜85%") == (Threshold("reply_rate", 92.0),
                                                       Threshold("satisfaction_rate", 85.0))
    assert parse_thresholds("closure_rate<90.5") == (Threshold("closure_rate", 90.5),)
    for bad in ("回复率>92", "快乐率<90", "满意率<120"):
        with pytest.raises(ValidationError) as err:
            parse_thresholds(bad)
        assert "通报标准" in err.value.message


def test_notice_rows_flag_and_order():
    def fig(replied, due, satisfied, rated):
        return make_figures(Counts(due=due, replied=replied, satisfied=satisfied, rated=rated), {})

    rows = notice_rows("department", [("a", "甲局", fig(10, 10, 9, 10)), ("b", "乙局", fig(9, 10, 8, 10)),
                                      ("c", "丙局", fig(0, 0, 0, 0)), ("d", "丁局", fig(5, 10, 9, 10))],
                       DEFAULT_THRESHOLDS)
    assert [(r.name, r.below) for r in rows] == [
        ("乙局", ("reply_rate", "satisfaction_rate")),  # 90 % and 80 %: two misses first
        ("丁局", ("reply_rate",)),  # 50 %
        ("甲局", ()), ("丙局", ())]  # nothing to judge is never flagged
    assert rows[0].figures.reply_rate == 90.0
