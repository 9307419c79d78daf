"""Duty scores from the records: traceable lines, disputes with history, rankings, rules, the 述职 draft."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest

from liaison_desk.domain.errors import DomainError, PermissionDenied
from liaison_desk.domain.scoring import DEFAULT_RULES, ScoreCategory, ScoreItem, ScoringRules
from liaison_desk.domain.workflow import Role
from liaison_desk.services.context import Actor
from liaison_desk.services.duty.activities import ActivityInput, record_activity
from liaison_desk.services.duty.deputies import set_group_member
from liaison_desk.services.duty.scores import (
    DeputyYearScore,
    ScoreLine,
    decide_dispute,
    deputy_year_score,
    file_dispute,
    group_rankings,
    list_disputes,
    report_to_voters_draft,
    save_rules,
    scoring_rules,
    station_scores,
)
from tests.duty.helpers import add_case, add_visit, make_deputies, sign_shift

D = dt.date(2026, 3, 4)


@pytest.fixture
def deps(db):
    return make_deputies(db, 3)


def test_shape_for_the_record_book_is_stable():
    assert [f.name for f in dataclasses.fields(DeputyYearScore)][:7] == [
        "deputy_id", "deputy_name", "year", "total", "grade", "lines", "categories"]
    assert [f.name for f in dataclasses.fields(ScoreLine)][:5] == ["category", "item", "count", "points", "capped"]


def test_empty_year_scores_zero_with_every_item_listed(db, deps):
    sc = deputy_year_score(db, deps[0], 2026)
    assert sc.total == 0 and sc.grade == "较差" and sc.deputy_name == "张三"
    assert len(sc.lines) == len(DEFAULT_RULES.items) and all(ln.count == 0 and not ln.sources for ln in sc.lines)


def test_points_come_from_records_and_each_is_traceable(db, deps):
    a = deps[0]
    shifts = [sign_shift(db, a, D + dt.timedelta(days=7 * w)) for w in range(5)]
    add_visit(db, a, dt.datetime(2026, 3, 4, 9, 0))
    add_visit(db, a, dt.datetime(2026, 3, 4, 10, 0), "bench_meeting")
    add_visit(db, a, dt.datetime(2025, 12, 31, 23, 0))  # last year (local time): not counted
    case = add_case(db, a, dt.datetime(2026, 5, 1, 9), "LX01-260501-0001-X", closed=True, satisfaction="satisfied",
                    resolution="solved")
    act = record_activity(db, Actor(Role.STAFF, "李干事"), ActivityInput("household_visits", "走访五组", "2026-04-02",
                                                                    (a, deps[1]), households=23))
    sign_shift(db, deps[1], D)  # someone else's shift
    sc = deputy_year_score(db, a, 2026)
    lines = {ln.item_code: ln for ln in sc.lines}
    assert (lines["shift"].count, lines["shift"].points, lines["shift"].capped) == (5, 16, True)
    assert {r.id for r in lines["shift"].sources} == {str(s) for s in shifts}
    assert lines["walk_in"].count == 1 and lines["bench_meeting"].count == 1
    assert lines["households"].count == 23 and lines["households"].points == 4
    assert [r.id for r in lines["household_visits"].sources] == [act.id]
    assert lines["case_satisfied"].sources[0].id == str(case) and lines["case_solved"].points == 5
    # Every point is backed: a line with points has as many sources as its count (activities: one each).
    for ln in sc.lines:
        if ln.points and ln.item_code != "households":
            assert len(ln.sources) == ln.count, ln
    assert sc.total == sum(c.points for c in sc.categories)


def test_dispute_filed_by_the_deputy_approved_by_staff_changes_the_line(db, deps, staff_actor):
    me = Actor(Role.DUTY_DEPUTY, "张三", deputy_id=uuid.UUID(deps[0]))
    d = file_dispute(db, me, deps[0], 2026, "suggestion", 1, "3 月提出的道路建议没有登记")
    assert d.status == "pending" and d.status_zh == "待审核" and d.item == "提出建议"
    assert deputy_year_score(db, deps[0], 2026).total == 0  # pending changes nothing
    done = decide_dispute(db, staff_actor, d.id, approve=True, note="已核实建议原件")
    assert [s.action for s in done.history] == ["filed", "approved"]
    assert done.history[1].actor_name == "李干事"
    line = next(ln for ln in deputy_year_score(db, deps[0], 2026).lines if ln.item_code == "suggestion")
    assert (line.count, line.adjustment, line.points) == (1, 1, 8)
    assert line.sources[0].kind == "dispute" and "已核准" in line.sources[0].text
    with pytest.raises(DomainError) as err:
        decide_dispute(db, staff_actor, d.id, approve=False, note="x")
    assert err.value.code == "already_decided"


def test_dispute_rules(db, deps, staff_actor, deputy_actor):
    other = Actor(Role.DUTY_DEPUTY, "李四", deputy_id=uuid.UUID(deps[1]))
    with pytest.raises(DomainError) as err:
        file_dispute(db, other, deps[0], 2026, "shift", 1, "替别人申报")
    assert err.value.code == "not_own_score"
    with pytest.raises(DomainError) as err:
        file_dispute(db, staff_actor, deps[0], 2026, "nope", 1, "x")
    assert err.value.code == "unknown_score_item"
    with pytest.raises(DomainError) as err:
        file_dispute(db, staff_actor, deps[0], 2026, "shift", 0, "x")
    assert err.value.code == "bad_delta"
    d = file_dispute(db, staff_actor, deps[0], 2026, "shift", 2, "签到机坏了两次")
    with pytest.raises(PermissionDenied):
        decide_dispute(db, deputy_actor, d.id, approve=True)
    with pytest.raises(DomainError) as err:
        decide_dispute(db, staff_actor, d.id, approve=False)
    assert err.value.code == "reason_required"
    rejected = decide_dispute(db, staff_actor, d.id, approve=False, note="当天无排班记录")
    assert rejected.status_zh == "未核准"
    assert deputy_year_score(db, deps[0], 2026).total == 0
    assert [x.id for x in list_disputes(db, year=2026, status="rejected")] == [d.id]


def test_ranking_per_station_and_per_group(db, deps, admin):
    for w in range(3):
        sign_shift(db, deps[1], D + dt.timedelta(days=7 * w))
    sign_shift(db, deps[2], D)
    set_group_member(db, admin, "第一小组", deps[0], "leader")
    set_group_member(db, admin, "第一小组", deps[2])
    rows = station_scores(db, 2026)
    assert [(r.rank, r.name, r.total) for r in rows] == [(1, "李四", 12), (2, "王五", 4),
                                                         (3, "张三", 0)]
    groups = group_rankings(db, 2026)
    assert [(r.rank, r.name, r.group) for r in groups["第一小组"]] == [(1, "王五", "第一小组"), (2, "张三", "第一小组")]


def test_ties_share_a_rank(db, deps):
    rows = station_scores(db, 2026)
    assert [r.rank for r in rows] == [1, 1, 1]


def test_rules_are_configurable_by_an_administrator(db, deps, staff_actor, admin):
    rules = ScoringRules((ScoreCategory("duty", "值班", 50),), (ScoreItem("shift", "duty", "值班一次", "shift", 10),))
    with pytest.raises(PermissionDenied):
        save_rules(db, staff_actor, rules)
    save_rules(db, admin, rules)
    assert scoring_rules(db) == rules
    sign_shift(db, deps[0], D)
    sc = deputy_year_score(db, deps[0], 2026)
    assert sc.total == 10 and [ln.item for ln in sc.lines] == ["值班一次"]
    save_rules(db, admin, DEFAULT_RULES)
    assert scoring_rules(db) == DEFAULT_RULES


def test_report_to_voters_draft_is_written_from_the_records(db, deps):
    sign_shift(db, deps[0], D)
    add_visit(db, deps[0], dt.datetime(2026, 3, 4, 9, 0))
    text = report_to_voters_draft(db, deps[0], 2026)
    assert text.startswith("2026年度履职情况报告（初稿）")
    assert "值班 1 次，接待来访群众 1 批次" in text and "张三" in text
    assert "走访选民户数（要求 10，实际 0）" in text  # the unmet minimum is named


def test_bad_year_and_unknown_deputy(db, deps):
    with pytest.raises(DomainError) as err:
        deputy_year_score(db, deps[0], 1900)
    assert err.value.code == "bad_year"
    with pytest.raises(DomainError) as err:
        deputy_year_score(db, "not-a-uuid", 2026)
    assert err.value.code == "bad_id"


def test_no_one_decides_a_dispute_about_his_or_her_own_score(db, deps, staff_actor):
    me = Actor(Role.DUTY_DEPUTY, "张三", deputy_id=uuid.UUID(deps[0]))
    d = file_dispute(db, me, deps[0], 2026, "suggestion", 2, "两条建议没有登记")
    with pytest.raises(PermissionDenied):  # the duty deputy who filed it
        decide_dispute(db, me, d.id, approve=True)
    # a deputy who also works at the desk (staff role) cannot approve his own either
    me_at_desk = Actor(Role.STAFF, "张三", deputy_id=uuid.UUID(deps[0]))
    with pytest.raises(PermissionDenied) as err:
        decide_dispute(db, me_at_desk, d.id, approve=True)
    assert err.value.code == "own_dispute"
    assert list_disputes(db, year=2026)[0].status == "pending"
    before = {r.deputy_id: r.total for r in station_scores(db, 2026)}[deps[0]]
    decide_dispute(db, staff_actor, d.id, approve=True, note="已核实")
    after = {r.deputy_id: r.total for r in station_scores(db, 2026)}[deps[0]]
    assert after > before and after == deputy_year_score(db, deps[0], 2026).total  # the ranking follows
