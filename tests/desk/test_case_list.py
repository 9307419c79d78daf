"""The case list: filters, sorts, keyset pages, the overdue/due-soon queue and the badge counts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Case, Village
from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import DeadlineState, EventKind, deadline_state
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.cases.listing import (
    CaseFilter,
    count_cases,
    page_cases,
    urgency_counts,
    urgency_queue,
)

from .helpers import add_department, add_deputy


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from liaison_desk.services.context import open_station_database

    db = open_station_database(tmp_path_factory.mktemp("demo"))
    generate_demo(db, visits=400, seed=3, end=local_today())
    yield db
    db.dispose()


def all_rows(db, f, page=37):
    rows, after = [], None
    while True:
        got = page_cases(db, f, limit=page, after=after)
        rows += got
        if len(got) < page:
            return rows
        after = got[-1].key


@pytest.mark.parametrize("sort", ["newest", "oldest", "number"])
def test_keyset_pages_equal_one_big_page(demo, sort):
    f = CaseFilter(sort=sort)
    everything = page_cases(demo, f, limit=10_000)
    assert [r.id for r in all_rows(demo, f)] == [r.id for r in everything]
    assert len(everything) == count_cases(demo, f)
    for off in (1, 37, len(everything) - 5, len(everything), len(everything) + 10):
        assert [r.id for r in page_cases(demo, f, offset=off, limit=37)] == [r.id for r in everything[off:off + 37]]
    searched = CaseFilter(sort=sort, text="村")
    found = page_cases(demo, searched, limit=10_000)
    assert found and [r.id for r in page_cases(demo, searched, offset=7, limit=5)] == [r.id for r in found[7:12]]


def test_sorts_order_what_they_say(demo):
    newest = page_cases(demo, CaseFilter(), limit=500)
    assert [r.registered_at for r in newest] == sorted((r.registered_at for r in newest), reverse=True)
    by_no = page_cases(demo, CaseFilter(sort="number"), limit=500)
    assert [r.number for r in by_no] == sorted(r.number for r in by_no)
    dl = [r.deadline for r in page_cases(demo, CaseFilter(sort="deadline", open_only=True), limit=500)]
    dated = [d for d in dl if d]
    assert dated == sorted(dated) and dl[:len(dated)] == dated  # undated last
    urg = page_cases(demo, CaseFilter(sort="urgency"), limit=500)
    rank = {"red": 0, "yellow": 1, "blue": 2, "green": 3}
    assert [rank[r.triage] for r in urg] == sorted(rank[r.triage] for r in urg)
    with pytest.raises(ValidationError):
        page_cases(demo, CaseFilter(sort="colour"))
    with pytest.raises(ValidationError):
        page_cases(demo, CaseFilter(sort="deadline"), after=("x",))


def test_each_filter_matches_a_direct_query(demo):
    with demo.session(write=False) as s:
        cases = list(s.scalars(select(Case).where(Case.deleted_hlc.is_(None))))
        village = s.scalar(select(Village.id))
    some = next(c for c in cases if c.category_id and c.registered_by_id)
    today = local_today()
    open_ = {"registered", "accepted", "assigned", "in_progress", "replied", "followed_up", "reopened"}
    checks = {
        CaseFilter(triage="red"): {c.id for c in cases if c.triage == "red"},
        CaseFilter(category_id=some.category_id): {c.id for c in cases if c.category_id == some.category_id},
        CaseFilter(village_id=village): {c.id for c in cases if c.village_id == village},
        CaseFilter(deputy_id=some.registered_by_id): {c.id for c in cases
                                                      if c.registered_by_id == some.registered_by_id},
        CaseFilter(overdue=True): {c.id for c in cases if c.status in open_ and c.deadline and c.deadline < today},
        CaseFilter(open_only=True, triage="yellow"): {c.id for c in cases
                                                      if c.status in open_ and c.triage == "yellow"},
    }
    for f, expected in checks.items():
        assert {r.id for r in page_cases(demo, f, limit=10_000)} == expected, f
        assert count_cases(demo, f) == len(expected)
    assert any(checks.values())
    assert count_cases(demo, CaseFilter(), cap=10) == 10


def test_overdue_queue_and_badge(db, deputy_actor, staff_actor):
    dept = add_department(db)
    dep = add_deputy(db)
    today = local_today()
    made = {}
    for name, triage, days in (("late_green", "green", -5), ("late_red", "red", -5), ("very_late", "blue", -9),
                               ("soon", "yellow", 2), ("later", "red", 30)):
        r = register_visit(db, deputy_actor, VisitInput(visitor_names="刘大妈", received_by_id=dep),
                           CaseInput(content=f"{name} 的事", triage=triage))
        act_on_case(db, deputy_actor, r.case_id, EventKind.ACCEPT)
        act_on_case(db, staff_actor, r.case_id, EventKind.ASSIGN,
                    {"department_id": str(dept), "deadline": today + dt.timedelta(days=days)})
        made[name] = r.case_id
    act_on_case(db, deputy_actor, made["soon"], EventKind.PROMISE_CALLBACK, {"callback_due": today})
    queue = urgency_queue(db)
    assert [q.row.id for q in queue] == [made[n] for n in ("very_late", "late_red", "late_green", "soon")]
    assert [q.state for q in queue] == ["overdue"] * 3 + ["due_soon"]
    assert queue[0].days_left == -9
    badge = urgency_counts(db)
    assert (badge.overdue, badge.due_soon, badge.callbacks_due, badge.total) == (3, 1, 1, 4)
    assert deadline_state(today - dt.timedelta(days=1), "assigned", today) == "overdue"
    assert deadline_state(today + dt.timedelta(days=3), "assigned", today) == "due_soon"
    assert deadline_state(today - dt.timedelta(days=1), "closed", today) is DeadlineState.ON_TIME
    assert deadline_state(None, "assigned", today) is DeadlineState.ON_TIME
