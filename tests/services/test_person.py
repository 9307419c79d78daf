"""A person's data on request (PIPL Art. 44–47): export everything about them; erase their personal fields
everywhere the station keeps them."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Case, Constituent, OutboxEntry, Visit
from liaison_desk.db.models_sync import SyncConflict
from liaison_desk.domain.errors import DomainError, PermissionDenied
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.admin.person import erase_person, export_person
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.cases.search import search_cases

PHONE, ID = "13612345678", "110101199003071233"


def _two_people(db, actor):
    first = register_visit(db, actor, VisitInput("郑春花", visitor_phone=PHONE, id_number=ID, village="柳树湾村",
                                                 note="郑春花 下午再来"),
                           CaseInput(f"郑春花反映宅基地纠纷，身份证 {ID}"))
    again = register_visit(db, actor, VisitInput("郑春花", visitor_phone=PHONE), CaseInput("郑春花再次反映宅基地纠纷"))
    act_on_case(db, actor, again.case_id, EventKind.NOTE, {"text": "已电话联系"})
    other = register_visit(db, actor, VisitInput("冯大海", visitor_phone="13700001111"),
                           CaseInput(f"冯大海反映邻居郑春花（电话 {PHONE}）占道"))
    return first, again, other


def test_export_holds_everything_about_one_person_and_nothing_of_others(db, staff_actor):
    first, again, other = _two_people(db, staff_actor)
    found = export_person(db, staff_actor, "136-1234-5678")  # typed as people type it
    body = found.as_json()
    assert len(body["constituents"]) == 1 and body["constituents"][0]["id_number"] == ID
    assert {v["visitor_phone"] for v in body["visits"]} == {PHONE}
    cases = {c["id"] for c in body["cases"]}
    assert {str(first.case_id), str(again.case_id)} <= cases  # theirs, and the case that names them
    assert str(other.case_id) in cases
    assert any(e["kind"] == "note" for e in body["case_events"])
    assert "冯大海" not in json.dumps(body["visits"], ensure_ascii=False)
    with pytest.raises(DomainError):
        export_person(db, staff_actor, "13600000000")


def test_only_staff_and_administrators_may(db, deputy_actor):
    with pytest.raises(PermissionDenied):
        export_person(db, deputy_actor, PHONE)
    with pytest.raises(PermissionDenied):
        erase_person(db, deputy_actor, PHONE)


def test_erase_removes_the_person_everywhere_and_keeps_the_figures(db, staff_actor):
    first, again, other = _two_people(db, staff_actor)
    # acknowledged changes (from before compaction: whole) and a kept conflict holding the phone
    with db.session() as s:  # an acknowledgement from before compaction: the payload kept whole
        s.execute(OutboxEntry.__table__.update().values(acked_at=OutboxEntry.created_at))
        visit_id = s.get(Case, first.case_id).visit_id
        s.add(SyncConflict(kind="field", entity="visits", entity_id=visit_id, field="visitor_phone",
                           kept_value=json.dumps(PHONE), lost_value=json.dumps("郑春花"), reason="",
                           detected_at=s.get(Case, first.case_id).registered_at))
    stats = compute_stats(db)
    dry = erase_person(db, staff_actor, PHONE, dry_run=True)
    assert dry.dry_run and dry.visits == 2 and dry.constituents == 1 and dry.cases == 3
    done = erase_person(db, staff_actor, PHONE)
    assert (done.visits, done.constituents, done.cases) == (2, 1, 3) and done.outbox > 0 and done.conflicts == 1
    with db.session(write=False) as s:
        everything = json.dumps([
            [s.get(Case, c).content + s.get(Case, c).summary for c in (first.case_id, again.case_id, other.case_id)],
            [(v.visitor_names, v.visitor_phone, v.note) for v in s.scalars(select(Visit))],
            [(p.name, p.phone, p.id_number) for p in s.scalars(select(Constituent))],
            [(c.kept_value, c.lost_value) for c in s.scalars(select(SyncConflict))],
            list(s.scalars(select(OutboxEntry.payload).where(OutboxEntry.acked_at.is_not(None)))),
        ], ensure_ascii=False)
        assert PHONE not in everything and ID not in everything and "郑春花" not in everything
        assert "冯大海" in s.get(Case, other.case_id).content  # the other person's case keeps its own visitor
        assert s.get(Visit, s.get(Case, other.case_id).visit_id).visitor_names == "冯大海"
        assert "宅基地纠纷" in s.get(Case, first.case_id).content
    assert compute_stats(db)["cases"] == stats["cases"]
    assert not search_cases(db, "郑春花") and [r.id for r in search_cases(db, "冯大海")] == [other.case_id]
    assert not run_check(db).problems
    # nothing left to find; a second erasure is refused as "not found"
    with pytest.raises(DomainError):
        erase_person(db, staff_actor, PHONE)


def test_a_name_narrows_a_shared_family_phone(db, staff_actor):
    register_visit(db, staff_actor, VisitInput("陈父", visitor_phone=PHONE), CaseInput("父亲的事"))
    register_visit(db, staff_actor, VisitInput("陈女", visitor_phone=PHONE), CaseInput("女儿的事"))
    erase_person(db, staff_actor, PHONE, "陈女")
    with db.session(write=False) as s:
        assert sorted(v.visitor_names for v in s.scalars(select(Visit))) == ["某某", "陈父"]
        assert s.scalar(select(Constituent.phone).where(Constituent.name == "陈父")) == PHONE
