"""One rule in one place (issue 12): which letters a case may print, and "overdue / due soon", are each one
function in ``domain.workflow``; everything that shows or prints them agrees with it. The SQL filters of the
case list stay SQL (the partial indexes serve them), so they are checked against the function on a fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import (
    ACTION_FIELDS,
    TRANSITIONS,
    CaseState,
    DeadlineState,
    EventKind,
    Role,
    Status,
    days_overdue,
    deadline_state,
    letters_available,
    refusal,
    required_fields,
)
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit
from liaison_desk.services.cases.listing import (
    CaseFilter,
    desk_queue,
    desk_urgency_counts,
    page_cases,
    urgency_counts,
    urgency_queue,
)
from liaison_desk.services.desk.handover import handover_summary
from liaison_desk.services.desk.lookups import case_timeline
from liaison_desk.services.desk.settings import update_settings
from liaison_desk.services.printing import jobs

from .helpers import add_department, add_deputy

# -- letters -----------------------------------------------------------------------------------------------

# Each scenario: the actions after registration. The old case page (backend.case_letters) and the old
# printing rule (printing_docs.letter_data) disagreed on the marked ones: printing issued a 督办通知 for a case
# that had not been supervised since its (latest) assignment, which the case page did not offer.
LETTER_SCENARIOS = {
    "registered": [],
    "accepted": [EventKind.ACCEPT],
    "assigned": [EventKind.ACCEPT, EventKind.ASSIGN],  # disagreed
    "supervised": [EventKind.ACCEPT, EventKind.ASSIGN, EventKind.SUPERVISE],
    "reassigned_after_supervision": [EventKind.ACCEPT, EventKind.ASSIGN, EventKind.SUPERVISE,
                                     EventKind.ASSIGN],  # disagreed
    "replied": [EventKind.ACCEPT, EventKind.ASSIGN, EventKind.SUPERVISE, EventKind.REPLY],
    "closed": [EventKind.ACCEPT, EventKind.ASSIGN, EventKind.SUPERVISE, EventKind.REPLY, EventKind.FOLLOW_UP,
               EventKind.CLOSE],
    "withdrawn": [EventKind.ACCEPT, EventKind.ASSIGN, EventKind.SUPERVISE, EventKind.WITHDRAW],
}

_DATA = {
    EventKind.SUPERVISE: {"text": "请加快办理。"},
    EventKind.REPLY: {"text": "已修好。", "resolution": "solved"},
    EventKind.FOLLOW_UP: {"satisfaction": "satisfied"},
    EventKind.WITHDRAW: {"text": "来访人撤回。"},
}


def _register(db, actor, content: str):
    return register_visit(db, actor, VisitInput(visitor_names="刘大妈"), CaseInput(content=content))


@pytest.mark.parametrize("scenario", sorted(LETTER_SCENARIOS))
def test_the_case_page_offers_exactly_the_letters_printing_accepts(db, admin, scenario):
    dept = add_department(db)
    reg = _register(db, admin, f"{scenario} 的事")
    for kind in LETTER_SCENARIOS[scenario]:
        data = {"department_id": str(dept), "deadline": local_today() + dt.timedelta(days=10)} \
            if kind is EventKind.ASSIGN else _DATA.get(kind, {})
        act_on_case(db, admin, reg.case_id, kind, data)
    view = get_case(db, reg.case_id)
    # what the case page computes, from the view and the timeline it shows
    offered = letters_available(view.status, has_department=bool(view.department),
                                event_kinds=[e.kind for e in case_timeline(db, reg.case_id)])
    for kind, shown in (("assignment", offered.assignment), ("supervision", offered.supervision)):
        try:
            jobs.print_letter(db, admin, reg.case_number, kind)
            printed = True
        except DomainError:
            printed = False
        assert printed == shown, (scenario, kind)
    expected_supervision = scenario in ("supervised", "replied")
    assert offered.supervision == expected_supervision
    assert offered.assignment == (scenario not in ("registered", "accepted"))


def test_a_supervision_notice_needs_a_supervision_since_the_assignment(db, admin):
    dept = add_department(db)
    reg = _register(db, admin, "路灯坏了")
    act_on_case(db, admin, reg.case_id, EventKind.ACCEPT)
    act_on_case(db, admin, reg.case_id, EventKind.ASSIGN,
                {"department_id": str(dept), "deadline": local_today() + dt.timedelta(days=10)})
    with pytest.raises(DomainError) as refused:
        jobs.print_letter(db, admin, reg.case_number, "supervision")
    assert refused.value.code == "not_supervised" and "还没有督办" in refused.value.message
    act_on_case(db, admin, reg.case_id, EventKind.SUPERVISE, {"text": "请加快。"})
    assert bytes(jobs.print_letter(db, admin, reg.case_number, "supervision")).startswith(b"%PDF")


# -- deadlines ---------------------------------------------------------------------------------------------

DEADLINE_DAYS = (None, -30, -3, -1, 0, 1, 3, 4, 5, 10)


@pytest.fixture
def deadline_cases(db, admin, deputy_actor, staff_actor):
    """Cases with deadlines around today, open (assigned, replied), closed and withdrawn, and with none."""
    dept = add_department(db)
    dep = add_deputy(db)
    today = local_today()
    for days in DEADLINE_DAYS:
        for end in ("assigned", "replied", "closed", "withdrawn"):
            r = register_visit(db, deputy_actor, VisitInput(visitor_names="刘大妈", received_by_id=dep),
                               CaseInput(content=f"{end} {days} 的事"))
            act_on_case(db, deputy_actor, r.case_id, EventKind.ACCEPT)
            if days is None:
                continue
            act_on_case(db, staff_actor, r.case_id, EventKind.ASSIGN,
                        {"department_id": str(dept), "deadline": today + dt.timedelta(days=days)})
            if end == "withdrawn":
                act_on_case(db, deputy_actor, r.case_id, EventKind.WITHDRAW, {"text": "撤回"})
            if end in ("replied", "closed"):
                act_on_case(db, staff_actor, r.case_id, EventKind.REPLY, {"text": "已办", "resolution": "solved"})
            if end == "closed":
                act_on_case(db, deputy_actor, r.case_id, EventKind.FOLLOW_UP, {"satisfaction": "satisfied"})
                act_on_case(db, staff_actor, r.case_id, EventKind.CLOSE)
    return db


@pytest.mark.parametrize("due_soon_days", [3, 5])
def test_the_sql_filters_agree_with_deadline_state(deadline_cases, admin, due_soon_days):
    db, today = deadline_cases, local_today()
    everything = page_cases(db, CaseFilter(), limit=10_000)
    assert {r.status for r in everything} >= {"assigned", "replied", "closed", "withdrawn", "accepted"}
    state = {r.id: deadline_state(r.deadline, r.status, today, due_soon_days) for r in everything}
    overdue = {i for i, s in state.items() if s is DeadlineState.OVERDUE}
    due_soon = {i for i, s in state.items() if s is DeadlineState.DUE_SOON}
    assert overdue and due_soon and len(overdue | due_soon) < len(everything)  # the fixture has every kind

    assert {r.id for r in page_cases(db, CaseFilter(overdue=True), limit=10_000)} == overdue
    assert {r.id for r in page_cases(db, CaseFilter(overdue_on=today), limit=10_000)} == overdue
    counts = urgency_counts(db, today=today, due_soon_days=due_soon_days)
    assert (counts.overdue, counts.due_soon) == (len(overdue), len(due_soon))
    queue = urgency_queue(db, today=today, due_soon_days=due_soon_days, limit=10_000)
    assert {q.row.id: q.state for q in queue} == {i: state[i] for i in overdue | due_soon}

    update_settings(db, admin, due_soon_days=due_soon_days)  # the desk's queue and badge use this PC's setting
    badge = desk_urgency_counts(db, today=today)
    assert (badge.overdue, badge.due_soon) == (len(overdue), len(due_soon))
    desk = desk_queue(db, today=today, limit=10_000)
    assert {b.id for b in desk.rows} == overdue | due_soon
    assert (desk.overdue_total, desk.due_soon_total) == (len(overdue), len(due_soon))
    by_id = {r.id: r for r in everything}
    for b in desk.rows:
        assert b.days_overdue == days_overdue(by_id[b.id].deadline, by_id[b.id].status, today)
    assert [b.id for b in desk.rows] == [q.row.id for q in queue]  # the same order as the queue

    handover = handover_summary(db)
    assert {b.id for b in handover.overdue} == overdue and handover.overdue_total == len(overdue)
    assert all(b.days_overdue == (today - by_id[b.id].deadline).days for b in handover.overdue)


def test_deadline_state_edges():
    today = dt.date(2026, 12, 7)
    day = dt.timedelta(days=1)
    assert deadline_state(today - day, Status.ASSIGNED, today) is DeadlineState.OVERDUE
    assert deadline_state(today, "assigned", today) is DeadlineState.DUE_SOON  # the deadline day is not late
    assert deadline_state(today + 3 * day, "in_progress", today) is DeadlineState.DUE_SOON
    assert deadline_state(today + 4 * day, "in_progress", today) is DeadlineState.ON_TIME
    assert deadline_state(today + 4 * day, "in_progress", today, due_soon_days=4) is DeadlineState.DUE_SOON
    for done in ("closed", "withdrawn", None, "no_such_status"):
        assert deadline_state(today - 9 * day, done, today) is DeadlineState.ON_TIME
    assert deadline_state(None, "assigned", today) is DeadlineState.ON_TIME
    assert days_overdue(today - 9 * day, "replied", today) == 9
    assert days_overdue(today - 9 * day, "closed", today) == 0 and days_overdue(today, "assigned", today) == 0


# -- each action's fields ----------------------------------------------------------------------------------

def test_every_action_has_its_fields_and_the_workflow_requires_the_required_ones():
    assert set(ACTION_FIELDS) == set(EventKind) == set(TRANSITIONS)
    assert required_fields(EventKind.ASSIGN) == ("department_id", "deadline")
    assert required_fields(EventKind.SUPERVISE) == ("text",)  # the level defaults to one more
    assert required_fields(EventKind.FOLLOW_UP) == ("satisfaction",)
    assert required_fields(EventKind.CLOSE) == ()


@pytest.mark.parametrize("kind", [k for k in EventKind if required_fields(k)])
def test_a_missing_required_field_is_refused_naming_it(kind):
    """The workflow (which every service, the command line and the hub check an action against) refuses an
    action without a field the table marks required, and names the field."""
    sources = [s for s in TRANSITIONS[kind].sources if s is not None]
    # a county-only action is the hub's; approving or refusing an extension needs one to be asked for
    role = Role.ADMIN if Role.ADMIN in TRANSITIONS[kind].roles else Role.HUB
    state = CaseState(status=sources[0], extension_requested=dt.date(2026, 12, 31))
    if kind is EventKind.EXTENSION_REQUEST:
        state = CaseState(status=sources[0])
    for missing in required_fields(kind):
        data = {f.name: _VALID[f.name] for f in ACTION_FIELDS[kind] if f.name != missing}
        err = refusal(state, kind, role, data)
        assert err is not None and err.code == "missing_field" and err.field == missing, (kind, missing)
    assert refusal(state, kind, role, {f.name: _VALID[f.name] for f in ACTION_FIELDS[kind]}) is None


_VALID = {"department_id": "d1", "deadline": "2026-12-31", "text": "说明", "resolution": "solved",
          "satisfaction": "satisfied", "duplicate_of": "c1", "callback_due": "2026-12-31", "escalation_level": 2,
          "outcome": "reached", "new_deadline": "2027-01-15", "on": True}


def test_the_service_refuses_a_reply_without_its_text(db, admin):
    dept = add_department(db)
    reg = _register(db, admin, "井水浑浊")
    act_on_case(db, admin, reg.case_id, EventKind.ACCEPT)
    act_on_case(db, admin, reg.case_id, EventKind.ASSIGN,
                {"department_id": str(dept), "deadline": local_today() + dt.timedelta(days=10)})
    with pytest.raises(DomainError) as refused:
        act_on_case(db, admin, reg.case_id, EventKind.REPLY, {"resolution": "solved"})
    assert refused.value.code == "missing_field" and refused.value.field == "text"
