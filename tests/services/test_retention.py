"""Retention (issue 17, PIPL Art. 19): personal fields of cases ended more than N years ago are removed, the
figures stay."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from liaison_desk.db.models import Case, CaseEvent, Category, Constituent, Department, OutboxEntry, Visit
from liaison_desk.db.models_desk import search_index_ok
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.admin import retention
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.cases.search import search_cases
from liaison_desk.services.cases.search_index import ensure_search_index

OLD_PHONE, OLD_ID, NEW_PHONE = "13911112222", "110101199003071233", "13833334444"
LATER = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=4 * 366)  # four years on


def _figures(db) -> dict:
    stats = compute_stats(db)
    with db.session(write=False) as s:
        by_cat = dict(s.execute(select(Case.category_id, func.count()).group_by(Case.category_id)).all())
        by_village = dict(s.execute(select(Case.village_id, func.count()).group_by(Case.village_id)).all())
        headcount = s.scalar(select(func.sum(Visit.headcount)))
    return {"cases": stats["cases"], "rates": stats["rates"], "records": stats["records"], "cat": by_cat,
            "village": by_village, "headcount": headcount}


def _station(db, staff_actor):
    with db.session() as s:
        cat, dep = Category(code="NTSL", name="农田水利"), Department(name="县水利局", short_name="水利局")
        s.add_all([cat, dep])
        s.flush()
        cat_id, dep_id = cat.id, dep.id
    old = register_visit(db, staff_actor, VisitInput("钱多多", visitor_phone=OLD_PHONE, id_number=OLD_ID,
                                                     village="柳树湾村", headcount=3, note=f"钱多多 留电话 {OLD_PHONE}"),
                         CaseInput(f"钱多多反映灌溉渠堵塞，身份证 {OLD_ID}，电话 {OLD_PHONE}", category_id=cat_id,
                                   summary="钱多多反映灌溉渠堵塞"))
    act_on_case(db, staff_actor, old.case_id, EventKind.ACCEPT)
    act_on_case(db, staff_actor, old.case_id, EventKind.ASSIGN, {"department_id": str(dep_id), "deadline": "2030-12-30"})
    act_on_case(db, staff_actor, old.case_id, EventKind.REPLY, {"text": f"已联系钱多多（{OLD_PHONE}），已清淤",
                                                                "resolution": "solved"})
    act_on_case(db, staff_actor, old.case_id, EventKind.FOLLOW_UP, {"satisfaction": "satisfied"})
    act_on_case(db, staff_actor, old.case_id, EventKind.CLOSE)
    gone = register_visit(db, staff_actor, VisitInput("孙小红", visitor_phone="13955556666"), CaseInput("孙小红反映路灯不亮"))
    act_on_case(db, staff_actor, gone.case_id, EventKind.WITHDRAW, {"text": "孙小红说已自行解决"})
    live = register_visit(db, staff_actor, VisitInput("李大山", visitor_phone=NEW_PHONE, village="柳树湾村"),
                          CaseInput("李大山家门口的路坏了", category_id=cat_id))
    return old, gone, live


def test_retention_removes_personal_fields_of_long_ended_cases_and_keeps_the_figures(db, staff_actor):
    old, gone, live = _station(db, staff_actor)
    before = _figures(db)
    with db.session(write=False) as s:
        events_before = sorted((e.id, e.hlc) for e in s.scalars(select(CaseEvent)))
    assert retention.run_retention(db, staff_actor, now=LATER - dt.timedelta(days=800)).records == 0  # too soon

    dry = retention.run_retention(db, staff_actor, dry_run=True, now=LATER)
    assert dry.dry_run and dry.cases == 2 and dry.visits == 2 and dry.constituents == 2 and dry.events == 0
    with db.session(write=False) as s:
        assert s.get(Visit, s.get(Case, old.case_id).visit_id).visitor_phone == OLD_PHONE  # a dry run writes nothing

    done = retention.run_retention(db, staff_actor, now=LATER)
    assert (done.cases, done.visits, done.constituents) == (2, 2, 2) and done.others == 0
    with db.session(write=False) as s:
        for case_id in (old.case_id, gone.case_id):
            case = s.get(Case, case_id)
            visit, person = s.get(Visit, case.visit_id), s.get(Constituent, case.constituent_id)
            assert visit.visitor_names == "某某" and visit.visitor_phone is None
            assert person.name == "某某" and person.phone is None and person.id_number is None
            text = json.dumps([case.content, case.summary, visit.note], ensure_ascii=False)
            for secret in (OLD_PHONE, OLD_ID, "钱多多", "孙小红", "13955556666"):
                assert secret not in text, (secret, text)
        case = s.get(Case, old.case_id)
        assert "灌溉渠堵塞" in case.content and case.status == "closed"  # the matter itself stays
        live_case = s.get(Case, live.case_id)
        assert s.get(Visit, live_case.visit_id).visitor_phone == NEW_PHONE  # still within the limit
        assert s.get(Constituent, live_case.constituent_id).name == "李大山"
    with db.session(write=False) as s:  # the case histories are untouched: their stamps order them
        assert sorted((e.id, e.hlc) for e in s.scalars(select(CaseEvent))) == events_before
    assert _figures(db) == before  # every count by status, category, village; rates; headcount
    # the search index follows (no stale names left in it), and stays whole
    assert not search_cases(db, "钱多多") and not search_cases(db, "孙小红")
    assert [r.id for r in search_cases(db, "李大山")] == [live.case_id]
    assert [r.id for r in search_cases(db, "某某")] and search_cases(db, "灌溉渠")
    with db.engine.connect() as conn:
        assert search_index_ok(conn)
    assert not ensure_search_index(db)
    assert not run_check(db).problems
    # logged as this station's own updates, for the hub
    with db.session(write=False) as s:
        updates = [json.loads(p) for p in s.scalars(select(OutboxEntry.payload).where(
            OutboxEntry.acked_at.is_(None), OutboxEntry.op == "update", OutboxEntry.entity == "visits"))]
    assert len(updates) == 2 and all(u["fields"]["visitor_names"] == "某某" and "base" in u for u in updates)
    # idempotent: a second run changes nothing
    again = retention.run_retention(db, staff_actor, now=LATER, full=True)
    assert again.records == 0


def test_a_person_with_a_live_case_keeps_their_record(db, staff_actor):
    old = register_visit(db, staff_actor, VisitInput("周大伯", visitor_phone=OLD_PHONE), CaseInput("第一件事"))
    act_on_case(db, staff_actor, old.case_id, EventKind.WITHDRAW, {"text": "撤回"})
    register_visit(db, staff_actor, VisitInput("周大伯", visitor_phone=OLD_PHONE), CaseInput("第二件事"))
    # the second visit is as old as the first, but its case is still open: the person stays recognisable
    retention.run_retention(db, staff_actor, now=LATER)
    with db.session(write=False) as s:
        assert s.scalar(select(func.count()).select_from(Constituent).where(Constituent.phone == OLD_PHONE)) == 1
        assert s.scalar(select(func.count()).select_from(Visit).where(Visit.visitor_phone == OLD_PHONE)) == 1


def test_retention_years_is_a_setting_checked_for_sense(db, staff_actor, deputy_actor):
    import pytest

    from liaison_desk.domain.errors import PermissionDenied, ValidationError

    assert retention.retention_years(db) == retention.DEFAULT_YEARS == 3
    with pytest.raises(ValidationError):
        retention.set_retention_years(db, staff_actor, 0)
    with pytest.raises(PermissionDenied):
        retention.set_retention_years(db, deputy_actor, 5)
    with pytest.raises(PermissionDenied):
        retention.run_retention(db, deputy_actor)
    assert retention.set_retention_years(db, staff_actor, 5) == 5 and retention.retention_years(db) == 5


def test_the_scheduled_run_is_at_most_daily(db, staff_actor):
    _station(db, staff_actor)
    assert retention.retention_due(db)
    first = retention.scheduled_retention(db)
    assert first is not None and first.records == 0  # nothing old enough today
    assert not retention.retention_due(db) and retention.scheduled_retention(db) is None
    assert retention.retention_due(db, now=dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1, hours=1))
