"""The audit trail logs the lists that show personal data (issue 17, GB/T 35273 §9.2): the case list, the
回访回电 list (full phone numbers) and the handover sheet, shown or printed: who, when, which list and how many
rows — never a name or number — once per showing or refresh, not per row or page or repaint."""

from __future__ import annotations

from sqlalchemy import select

from liaison_desk.db.models_audit import AuditEntry
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.cases.callbacks import callback_worklist
from liaison_desk.services.cases.listing import CaseFilter, page_cases
from liaison_desk.services.printing.jobs import DeliverLater, print_handover

PHONE = "13812345678"


def entries(db) -> list[tuple[str, str, str, str]]:
    with db.session(write=False) as s:
        return [(e.action, e.target, e.detail, e.actor_name)
                for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def promised(db, actor, name: str, phone: str) -> None:
    case_id = register_visit(db, actor, VisitInput(name, visitor_phone=phone, village="柳树湾村"),
                             CaseInput("村东头灌溉渠堵了两个月")).case_id
    assert case_id is not None
    act_on_case(db, actor, case_id, EventKind.PROMISE_CALLBACK, {"callback_due": local_today().isoformat()})


def test_the_call_back_list_is_logged_once_per_showing_with_its_row_count_and_no_phone(db, staff_actor):
    promised(db, staff_actor, "张秀英", PHONE)
    promised(db, staff_actor, "李大爷", "13900001111")
    callback_worklist(db)  # no actor (scripts, tests): nothing logged
    assert entries(db) == []
    work = callback_worklist(db, actor=staff_actor)
    assert len(work.rows) == 2
    callback_worklist(db, actor=staff_actor)  # refreshed after an action, nothing changed: one entry
    promised(db, staff_actor, "王婶", "13700002222")
    callback_worklist(db, actor=staff_actor)  # a new row: logged again
    rows = [e for e in entries(db) if e[0] == "view_list"]
    assert rows == [("view_list", "回访回电", "2 行（含完整电话）", staff_actor.name),
                    ("view_list", "回访回电", "3 行（含完整电话）", staff_actor.name)]
    text = "".join("".join(e) for e in entries(db))
    assert PHONE not in text and "张秀英" not in text


def test_the_case_list_is_logged_once_per_showing_not_per_page(db, staff_actor):
    for name in ("张一", "张二", "张三", "张四", "张五"):
        register_visit(db, staff_actor, VisitInput(name, visitor_phone=PHONE), CaseInput("路灯坏了"))
    first = page_cases(db, limit=2, actor=staff_actor)
    page_cases(db, offset=2, limit=2, actor=staff_actor)  # scrolling on: the same showing
    page_cases(db, after=first[-1].key, limit=2, actor=staff_actor)
    page_cases(db, CaseFilter(text="张三"), limit=50, actor=staff_actor)  # a search typed into the list
    rows = [e for e in entries(db) if e[0] == "view_list"]
    assert rows == [("view_list", "案件列表", "2 行", staff_actor.name),
                    ("view_list", "案件列表", "1 行，按文字搜索（2 个字）", staff_actor.name)]
    assert "张三" not in "".join("".join(e) for e in entries(db))


def test_the_handover_sheet_is_logged_when_shown_and_when_printed_with_its_rows(db, staff_actor):
    promised(db, staff_actor, "张秀英", PHONE)
    print_handover(db, staff_actor, deliver=lambda pdf: None)  # printed straight away
    later = DeliverLater()
    print_handover(db, staff_actor, deliver=later)  # shown in the preview …
    shown = entries(db)
    later.record()  # … then printed from it
    printed = entries(db)[len(shown):]
    assert [e[0] for e in shown] == ["print", "view_list"]
    assert shown[0][2].startswith("handover 第 1 份") and shown[0][2].endswith(" 行")
    assert shown[1][1] == "交接单" and shown[1][2].endswith(" 行（打印预览）")
    rows = shown[0][2].rsplit("，", 1)[1]
    assert rows != "0 行" and shown[1][2].startswith(rows)
    assert [e[0] for e in printed] == ["print"] and printed[0][2] == f"handover 第 2 份，{rows}"
    assert PHONE not in "".join("".join(e) for e in entries(db))
