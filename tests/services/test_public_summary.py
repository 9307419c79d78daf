"""公示摘要 (issue 14): staff approve, per case, the public wording the wall notice prints; never a personal
number or the visitor's name; the free text of the matter never reaches the wall."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Case, OutboxEntry
from liaison_desk.domain.errors import DomainError, PermissionDenied, ValidationError
from liaison_desk.domain.timeutil import local_today
from liaison_desk.printing.notice import build_notice
from liaison_desk.services.cases.actions import (
    CaseInput,
    VisitInput,
    get_case,
    register_visit,
    set_public_summary,
)
from liaison_desk.services.changes import EMPTY
from liaison_desk.services.printing import docs
from tests.printing.pdftools import pdf_pages_text

CONTENT = "村东头王家老宅门口的灌溉渠堵了两个月，春灌放不下水。"


@pytest.fixture
def case_id(db, admin):
    r = register_visit(db, admin, VisitInput(visitor_names="张秀英、李建国", visitor_phone="13812345678",
                                             village="柳树湾村"), CaseInput(content=CONTENT, triage="blue"))
    return r.case_id


def flat(pdf: bytes, tmp_path) -> str:
    return "".join("".join(p.split()) for p in pdf_pages_text(pdf, tmp_path))


def stored(db, case_id) -> str | None:
    with db.session(write=False) as s:
        return s.get(Case, case_id).public_summary


def test_staff_approve_a_public_summary_and_it_is_synced(db, staff_actor, case_id):
    changes = set_public_summary(db, staff_actor, case_id, "  柳树湾村灌溉渠  已疏通 ")
    assert changes.concerns_case(case_id) and changes.concerns("cases")
    assert stored(db, case_id) == "柳树湾村灌溉渠 已疏通"
    assert get_case(db, case_id).public_summary == "柳树湾村灌溉渠 已疏通"
    assert docs.public_notice_line(db, case_id).printed == "柳树湾村灌溉渠 已疏通"
    with db.session(write=False) as s:
        updates = [o for o in s.scalars(select(OutboxEntry)) if o.entity == "cases" and o.op == "update"]
    assert updates and "public_summary" in updates[-1].payload and "柳树湾村灌溉渠 已疏通" in updates[-1].payload
    assert set_public_summary(db, staff_actor, case_id, "柳树湾村灌溉渠 已疏通") == EMPTY  # unchanged


@pytest.mark.parametrize("text", ["请联系13812345678", "身份证110101199003071233", "电话 138 1234 5678"])
def test_a_personal_number_is_refused_in_chinese(db, staff_actor, case_id, text):
    with pytest.raises(ValidationError) as exc:
        set_public_summary(db, staff_actor, case_id, text)
    assert exc.value.field == "public_summary" and "个人号码" in exc.value.message
    assert stored(db, case_id) is None


@pytest.mark.parametrize("name", ["张秀英", "李建国"])
def test_the_visitors_name_is_refused(db, admin, case_id, name):
    with pytest.raises(ValidationError) as exc:
        set_public_summary(db, admin, case_id, f"{name}反映的灌溉渠已疏通")
    assert "姓名" in exc.value.message
    assert stored(db, case_id) is None


def test_too_long_is_refused(db, staff_actor, case_id):
    with pytest.raises(ValidationError) as exc:
        set_public_summary(db, staff_actor, case_id, "灌" * 61)
    assert "60" in exc.value.message
    set_public_summary(db, staff_actor, case_id, "灌" * 60)
    assert stored(db, case_id) == "灌" * 60


def test_only_staff_and_administrators_approve(db, deputy_actor, staff_actor, case_id):
    with pytest.raises(PermissionDenied):
        set_public_summary(db, deputy_actor, case_id, "灌溉渠已疏通")
    assert stored(db, case_id) is None
    with pytest.raises(DomainError):
        set_public_summary(db, staff_actor, uuid.uuid4(), "灌溉渠已疏通")


def test_empty_text_clears_the_approval(db, staff_actor, case_id):
    set_public_summary(db, staff_actor, case_id, "灌溉渠已疏通")
    assert set_public_summary(db, staff_actor, case_id, "  ").concerns_case(case_id)
    assert stored(db, case_id) is None
    line = docs.public_notice_line(db, case_id)
    assert line.approved is None and line.printed == line.default and "柳树湾村" in line.default


def test_the_notice_prints_the_approved_wording_never_the_free_text(db, staff_actor, case_id, tmp_path):
    today = local_today()
    week = (today - dt.timedelta(days=7), today + dt.timedelta(days=1))
    default = flat(build_notice(docs.notice_data(db, *week)), tmp_path)
    assert "柳树湾村" in default and "王家老宅" not in default
    set_public_summary(db, staff_actor, case_id, "柳树湾村灌溉渠清淤，正在协调")
    data = docs.notice_data(db, *week)
    assert [r.public_summary for r in data.rows] == ["柳树湾村灌溉渠清淤，正在协调"]
    text = flat(build_notice(data), tmp_path)
    assert "柳树湾村灌溉渠清淤，正在协调" in text
    assert "王家老宅" not in text and "春灌放不下水" not in text  # the free text of the matter
    assert "张秀英" not in text and "13812345678" not in text
