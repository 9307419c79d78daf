"""The county's actions in the workflow (issue 15): 退办, 延期, 重点督办, the reply class, 督办方式, 会办 and
退回重办 from the hub — who may write them, when, and what the fold makes of them; and the county's settings
(domain.county_rules)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from liaison_desk.domain.county_rules import (
    CountyRules,
    add_months,
    check_letter_file,
    clean_file_name,
    latest_extension,
    sniff_letter_type,
)
from liaison_desk.domain.errors import PermissionDenied, ValidationError, WorkflowError
from liaison_desk.domain.workflow import (
    COUNTY_ONLY_KINDS,
    EVENT_LABELS,
    CaseState,
    Event,
    EventKind,
    Role,
    Status,
    advance,
    allowed_actions,
    fold,
    refusal,
)

T0 = dt.datetime(2026, 12, 1, 2, 0)
_n = itertools.count()
DEP, DEP2, CO = "dep-water", "dep-power", "dep-roads"


def ev(kind: EventKind, role: Role = Role.HUB, **data) -> Event:
    n = next(_n)
    return Event(f"c{n:06d}", kind, f"{n:015d}", role, T0 + dt.timedelta(hours=n), data)


def assigned_state() -> CaseState:
    s = CaseState()
    for e in (ev(EventKind.REGISTER, Role.DUTY_DEPUTY), ev(EventKind.ACCEPT, Role.STAFF),
              ev(EventKind.ASSIGN, department_id=DEP, deadline="2026-12-21", co_department_ids=[CO])):
        s = advance(s, e)
    return s


def test_every_county_action_has_a_chinese_label_and_only_the_hub_may_write_it():
    for kind in COUNTY_ONLY_KINDS:
        assert EVENT_LABELS[kind][0] and all("\u4e00" <= c <= "\u9fff" or c in "（）" for c in EVENT_LABELS[kind][0])
    state = assigned_state()
    for role in (Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN):
        assert not set(allowed_actions(state, role)) & COUNTY_ONLY_KINDS
        err = refusal(state, EventKind.RETURN, role, {"text": "不归我们"})
        assert isinstance(err, PermissionDenied)
    assert {EventKind.RETURN, EventKind.EXTENSION_REQUEST, EventKind.KEY_SUPERVISION} <= set(
        allowed_actions(state, Role.HUB))


def test_assignment_keeps_the_co_handlers_and_a_return_sends_the_case_back_to_accepted():
    s = assigned_state()
    assert s.co_department_ids == (CO,) and s.department_id == DEP
    s = advance(s, ev(EventKind.RETURN, text="不属于本单位职责"))
    assert s.status is Status.ACCEPTED and s.department_id is None and s.deadline is None
    assert s.co_department_ids == () and s.return_count == 1
    with pytest.raises(WorkflowError):  # nothing to return any more
        advance(s, ev(EventKind.RETURN, text="again"))
    s = advance(s, ev(EventKind.ASSIGN, department_id=DEP2, deadline="2026-12-28"))
    assert s.status is Status.ASSIGNED and s.department_id == DEP2 and s.return_count == 1


def test_a_return_needs_its_reason():
    err = refusal(assigned_state(), EventKind.RETURN, Role.HUB, {})
    assert isinstance(err, ValidationError) and err.field == "text"


def test_the_deadline_moves_only_on_approval_and_one_request_waits_at_a_time():
    s = advance(assigned_state(), ev(EventKind.EXTENSION_REQUEST, new_deadline="2027-01-10", text="材料未到"))
    assert s.deadline == dt.date(2026, 12, 21) and s.extension_requested == dt.date(2027, 1, 10)
    err = refusal(s, EventKind.EXTENSION_REQUEST, Role.HUB, {"new_deadline": "2027-01-12", "text": "x"})
    assert isinstance(err, WorkflowError) and err.code == "extension_pending"
    approved = advance(s, ev(EventKind.EXTENSION_APPROVE))
    assert approved.deadline == dt.date(2027, 1, 10) and approved.extension_requested is None
    assert approved.extension_count == 1
    refused = advance(s, ev(EventKind.EXTENSION_REFUSE, text="期限内能完成"))
    assert refused.deadline == dt.date(2026, 12, 21) and refused.extension_count == 0
    for kind in (EventKind.EXTENSION_APPROVE, EventKind.EXTENSION_REFUSE):
        err = refusal(approved, kind, Role.HUB, {"text": "x"})
        assert isinstance(err, WorkflowError) and err.code == "no_extension_request"


def test_an_extension_must_be_later_than_the_deadline_and_a_date():
    s = assigned_state()
    err = refusal(s, EventKind.EXTENSION_REQUEST, Role.HUB, {"new_deadline": "2026-12-20", "text": "x"})
    assert isinstance(err, ValidationError) and err.field == "new_deadline"
    err = refusal(s, EventKind.EXTENSION_REQUEST, Role.HUB, {"new_deadline": "下个月", "text": "x"})
    assert isinstance(err, ValidationError) and err.field == "new_deadline"


def test_a_new_assignment_resets_the_extensions_and_the_reply_class():
    s = advance(assigned_state(), ev(EventKind.EXTENSION_REQUEST, new_deadline="2027-01-10", text="x"))
    s = advance(s, ev(EventKind.EXTENSION_APPROVE))
    s = advance(s, ev(EventKind.REPLY, text="已列入计划", resolution="unsolved", reply_class="C"))
    assert s.reply_class == "C" and s.status is Status.REPLIED
    s = advance(s, ev(EventKind.FOLLOW_UP, Role.DUTY_DEPUTY, satisfaction="unsatisfied"))
    s = advance(s, ev(EventKind.REOPEN, text="群众不满意，退回重办"))  # the county may send it back
    assert s.status is Status.REOPENED and s.reply_class is None
    s = advance(s, ev(EventKind.ASSIGN, department_id=DEP, deadline="2027-02-01"))
    assert s.extension_count == 0 and s.extension_requested is None


def test_a_bad_reply_class_is_refused_at_its_field():
    err = refusal(assigned_state(), EventKind.REPLY, Role.HUB, {"text": "x", "resolution": "solved", "reply_class": "E"})
    assert isinstance(err, ValidationError) and err.field == "reply_class"


def test_the_key_supervision_mark_and_the_supervision_level():
    s = advance(assigned_state(), ev(EventKind.KEY_SUPERVISION, on=True))
    assert s.key_supervision
    s = advance(s, ev(EventKind.SUPERVISE, text="请加快", supervision_level="挂牌"))
    assert s.supervision_level == "挂牌" and s.escalation_level == 1
    s = advance(s, ev(EventKind.SUPERVISE, Role.STAFF, text="再催"))  # a desk's 督办 names no level: kept
    assert s.supervision_level == "挂牌" and s.escalation_level == 2
    s = advance(s, ev(EventKind.KEY_SUPERVISION, on=False))
    assert not s.key_supervision
    err = refusal(s, EventKind.KEY_SUPERVISION, Role.HUB, {"on": "yes"})
    assert isinstance(err, ValidationError) and err.field == "on"


def test_county_events_arriving_out_of_place_are_kept_as_anomalies_not_errors():
    """A station folds whatever sync brings: an approval whose request it has not seen, a return of a closed
    case — kept, reported, and the rest of the case folds as before."""
    events = [ev(EventKind.REGISTER, Role.DUTY_DEPUTY), ev(EventKind.ACCEPT, Role.STAFF),
              ev(EventKind.EXTENSION_APPROVE), ev(EventKind.RETURN, text="x"),
              ev(EventKind.ASSIGN, department_id=DEP, deadline="2026-12-21"), ev(EventKind.KEY_SUPERVISION, on=True)]
    s = fold(events)
    assert s.status is Status.ASSIGNED and s.key_supervision and len(s.anomalies) == 2
    assert s.deadline == dt.date(2026, 12, 21)


# -- the county's settings -----------------------------------------------------------------------------------
def test_an_extension_goes_at_most_a_month_by_the_calendar():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert latest_extension(dt.date(2026, 12, 21)) == dt.date(2027, 1, 21)
    assert latest_extension(dt.date(2026, 12, 21), CountyRules(max_extension_months=2)) == dt.date(2027, 2, 21)


def test_settings_come_from_the_environment_and_a_bad_one_is_named():
    rules = CountyRules.from_env({"LIAISON_HUB_RETURN_WINDOW_DAYS": "10", "LIAISON_HUB_SUPERVISION_LEVELS": "一般，挂牌",
                                  "LIAISON_HUB_REQUIRE_REPLY_LETTER": "否"})
    assert rules.return_window_days == 10 and rules.supervision_levels == ("一般", "挂牌")
    assert not rules.require_reply_letter and rules.max_extensions == 1
    with pytest.raises(ValidationError) as err:
        CountyRules.from_env({"LIAISON_HUB_MAX_EXTENSIONS": "-1"})
    assert "LIAISON_HUB_MAX_EXTENSIONS" in err.value.message


def test_a_letter_is_typed_by_its_content_not_its_name():
    assert sniff_letter_type(b"%PDF-1.7 ...") == "application/pdf"
    assert sniff_letter_type(b"\xff\xd8\xff\xe0...") == "image/jpeg"
    assert sniff_letter_type(b"\x89PNG\r\n\x1a\n...") == "image/png"
    assert sniff_letter_type(b"PK\x03\x04 a .docx renamed .pdf") is None
    name, mime = check_letter_file("../../etc/答复函.pdf", b"%PDF-1.4\n%%EOF")
    assert (name, mime) == ("答复函.pdf", "application/pdf")
    assert clean_file_name("", "image/png") == "答复函.png"
    with pytest.raises(ValidationError) as err:
        check_letter_file("a.pdf", b"%PDF-1.4\n" + b"x" * 2000 + b"%%EOF", CountyRules(max_file_bytes=1000))
    assert err.value.code == "file_too_large" and err.value.field == "letter"
