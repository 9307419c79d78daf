"""Printing as a user action: data from the database, every print logged, a second copy marked 补打."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models import Case, Deputy, PrintRecord, Visit
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.workflow import EventKind
from liaison_desk.printing.ledger import build_ledger
from liaison_desk.printing.notice import build_notice
from liaison_desk.printing.record_book import build_record_book
from liaison_desk.printing.register import build_register
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.cases.listing import CaseFilter, count_cases
from liaison_desk.services.desk.lookups import add_department
from liaison_desk.services.printing import docs, jobs
from liaison_desk.services.printing import receipts as basic
from liaison_desk.services.printing.docs import LedgerFilter
from liaison_desk.services.printing.record_book import find_deputy, record_book_data

from .pdftools import page_sizes, pdf_pages_text, qpdf_check

FULL_PHONE = "13912345678"
NOW = dt.datetime(2026, 11, 22, 2, 0)  # UTC: 10:00 station time


def flat(pdf: bytes, tmp_path) -> str:
    return "".join("".join(p.split()) for p in pdf_pages_text(pdf, tmp_path))


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setattr(jobs, "utcnow", lambda: NOW)
    monkeypatch.setattr(basic, "utcnow", lambda: NOW)


@pytest.fixture
def case(db, admin):
    return register_visit(db, admin, VisitInput(visitor_names="王𠮷明", visitor_phone=FULL_PHONE, village="柳树湾村"),
                          CaseInput(content="村东头的灌溉渠道年久失修，春灌时放不下水，请求清淤修缮。", triage="yellow"))


@pytest.fixture
def assigned(db, admin, case):
    dep = add_department(db, admin, "县水利局", "水利局")
    act_on_case(db, admin, case.case_id, EventKind.ACCEPT)
    act_on_case(db, admin, case.case_id, EventKind.ASSIGN, {"department_id": dep.id, "deadline": dt.date(2026, 12, 1)})
    return case


def prints(db) -> list[tuple[str, str, int]]:
    with db.session(write=False) as s:
        return [tuple(r) for r in s.execute(select(PrintRecord.document, PrintRecord.reference, PrintRecord.copy_no)
                                            .order_by(PrintRecord.printed_at, PrintRecord.copy_no))]


def test_receipt_is_logged_and_the_second_copy_is_a_reprint(db, deputy_actor, case, tmp_path, fixed_now):
    first = jobs.print_receipt(db, deputy_actor, case.case_number.lower())
    second = jobs.print_receipt(db, deputy_actor, case.case_number, width="58")
    assert "补打" not in flat(first, tmp_path) and "补打时间：2026-11-2210:00" in flat(second, tmp_path)
    assert prints(db) == [("receipt", case.case_number, 1), ("receipt", case.case_number, 2)]
    with pytest.raises(DomainError):
        jobs.print_receipt(db, deputy_actor, case.case_number, width="76")
    assert len(prints(db)) == 2  # a refused print leaves no record


def test_a_copy_delivered_later_is_logged_only_when_recorded(db, deputy_actor, admin, case, tmp_path, fixed_now):
    """The desk's preview: built with ``DeliverLater``, logged by ``record()`` once printed or saved."""
    later = jobs.DeliverLater()
    assert not later.pending
    with pytest.raises(RuntimeError):
        later.record()  # nothing built yet
    first = jobs.print_receipt(db, deputy_actor, case.case_number, deliver=later)
    assert later.pending and prints(db) == []  # previewed, not printed: no record
    again = jobs.print_receipt(db, deputy_actor, case.case_number, deliver=jobs.DeliverLater())
    assert "补打" not in flat(again, tmp_path) and prints(db) == []  # so the next copy is no 补打
    assert later.record().copy_no == 1 and "补打" not in flat(first, tmp_path)
    assert prints(db) == [("receipt", case.case_number, 1)]
    later = jobs.DeliverLater()
    jobs.print_register(db, admin, dt.date(2026, 11, 1), dt.date(2026, 11, 30), deliver=later)
    assert len(prints(db)) == 1
    later.record()
    assert prints(db)[-1] == ("register", "2026-11-01..2026-11-30", 1)


def test_a_slip_from_the_desk_can_be_laid_out_again_for_the_roll_printers_width(db, deputy_actor, case, tmp_path,
                                                                                 fixed_now):
    """Issue 20: the preview lays a slip out again when the roll printer prints another width; the copy is
    still one copy, logged once, and a sheet (A5) has nothing to lay out again."""
    later = jobs.DeliverLater()
    slip = jobs.print_receipt(db, deputy_actor, case.case_number, width="80", stub=True, deliver=later)
    assert slip.relayout is not None
    narrow = slip.relayout(64.0)
    assert [w for w, _ in page_sizes(narrow, tmp_path)] == [pytest.approx(64 * 72 / 25.4, abs=0.05)] * 2
    assert case.case_number in flat(narrow, tmp_path) and "补打" not in flat(narrow, tmp_path)
    later.record()
    assert prints(db) == [("receipt", case.case_number, 1)]
    assert jobs.print_receipt(db, deputy_actor, case.case_number, width="a5").relayout is None


def test_assignment_letter_then_supervision_notice(db, admin, staff_actor, assigned, tmp_path, fixed_now):
    with pytest.raises(DomainError) as exc:
        jobs.print_letter(db, staff_actor, assigned.case_number, "poster")
    assert exc.value.code == "bad_letter_kind"
    letter = jobs.print_letter(db, staff_actor, assigned.case_number)
    qpdf_check(letter, tmp_path)
    text = flat(letter, tmp_path)
    assert "关于交办社情民意事项的函" in text and "县水利局：" in text and "请于2026年12月1日前办结" in text
    assert "河口人联交〔2026〕1号" in text  # the station's first assignment this year
    assert FULL_PHONE not in text and "139****5678" in text and "王𠮷明" in text
    assert "补打" in flat(jobs.print_letter(db, staff_actor, assigned.case_number), tmp_path)
    act_on_case(db, admin, assigned.case_id, EventKind.SUPERVISE, {"text": "请加快办理进度。"})
    notice = flat(jobs.print_letter(db, staff_actor, assigned.case_number, "supervision"), tmp_path)
    assert "关于督办社情民意事项的通知" in notice and "现予第1次督办" in notice and "督办意见" in notice
    assert "河口人联督〔2026〕1号" in notice
    assert "补打" not in notice
    act_on_case(db, admin, assigned.case_id, EventKind.SUPERVISE, {"text": "已超期，请三日内答复。"})
    second = flat(jobs.print_letter(db, staff_actor, assigned.case_number, "supervision"), tmp_path)
    assert "现予第2次督办" in second and "补打" not in second and "此前已督办" in second
    assert "河口人联督〔2026〕2号" in second
    docs_printed = [(d, n) for d, _, n in prints(db)]
    assert docs_printed == [("letter", 1), ("letter", 2), ("letter", 1), ("letter", 1)]


def test_letters_are_refused_before_assignment_and_after_closure(db, staff_actor, case):
    with pytest.raises(DomainError) as exc:
        jobs.print_letter(db, staff_actor, case.case_number)
    assert exc.value.code == "not_assigned" and "还没有交办" in exc.value.message
    assert prints(db) == []


def test_ledger_prints_what_the_case_list_shows(demo_db, tmp_path):
    for f in (CaseFilter(), CaseFilter(status="assigned"), CaseFilter(open_only=True),
              CaseFilter(overdue_on=dt.date(2030, 1, 1)), CaseFilter(triage="red"), CaseFilter(overdue=True),
              CaseFilter(text="路灯")):
        data = docs.ledger_data(demo_db, LedgerFilter(f))
        assert len(data.rows) == count_cases(demo_db, f)
    assert docs.ledger_data(demo_db, LedgerFilter(CaseFilter(triage="red", text="路灯"))).filter_text == \
        "分办：红色：县级重点督办；检索：路灯"
    data = docs.ledger_data(demo_db, LedgerFilter(CaseFilter(status="closed")))
    assert {r.status for r in data.rows} == {"已办结"} and data.filter_text == "状态：已办结"
    assert [r.registered_at for r in data.rows] == sorted(r.registered_at for r in data.rows)
    with demo_db.session(write=False) as s:
        day = s.scalar(select(func.max(Case.registered_at)))
    one_day = docs.ledger_data(demo_db, LedgerFilter(date_from=(day + dt.timedelta(hours=8)).date(),
                                                     date_to=(day + dt.timedelta(hours=8)).date()))
    assert 0 < len(one_day.rows) < len(docs.ledger_data(demo_db).rows)
    pdf = build_ledger(data)
    assert pdf == build_ledger(docs.ledger_data(demo_db, LedgerFilter(CaseFilter(status="closed"))))
    qpdf_check(pdf, tmp_path)
    with pytest.raises(DomainError) as exc:
        docs.ledger_data(demo_db, LedgerFilter(CaseFilter(status="finished")))
    assert exc.value.code == "bad_status" and "assigned（已交办）" in exc.value.message
    with pytest.raises(DomainError):
        docs.ledger_data(demo_db, LedgerFilter(date_from=dt.date(2026, 5, 1), date_to=dt.date(2026, 4, 1)))


def test_public_notice_rates_match_the_station_figures_and_carry_no_names(demo_db, tmp_path):
    data = docs.notice_data(demo_db, dt.date(2000, 1, 1), dt.date(2100, 12, 31))
    stats = compute_stats(demo_db)
    assert data.total == stats["cases"]["total"] and data.closed == stats["cases"]["closed"]
    assert data.closure_rate == stats["rates"]["closure_rate"]
    assert data.satisfaction_rate is not None
    pdf = build_notice(data)
    text = flat(pdf, tmp_path)
    with demo_db.session(write=False) as s:
        names = set(s.scalars(select(Visit.visitor_names)))
        phones = {p for p in s.scalars(select(Visit.visitor_phone)) if p}
        numbers = set(s.scalars(select(Case.number)))
    assert not any(n in text for n in names if len(n) >= 3)
    assert not any(p in text or f"{p[:3]}****{p[-4:]}" in text for p in phones)
    assert not any(n in text for n in numbers)


def test_record_book_from_what_the_desk_recorded(demo_db, tmp_path):
    with demo_db.session(write=False) as s:
        dep = s.execute(select(Deputy.id, Deputy.name, Deputy.code).order_by(Deputy.code).offset(2).limit(1)).one()
        visits = s.scalar(select(func.count()).select_from(Visit).where(Visit.received_by_id == dep.id))
        year = s.scalar(select(func.max(Visit.occurred_at))).year
    assert find_deputy(demo_db, dep.code.lower()) == dep.id == find_deputy(demo_db, str(dep.id))
    with pytest.raises(DomainError) as exc:
        find_deputy(demo_db, "没有这个人")
    assert exc.value.code == "deputy_not_found"
    data = record_book_data(demo_db, dep.id, year)
    by = {sec.key: sec.rows for sec in data.sections}
    assert set(by) == {"shifts", "receptions", "household_visits", "activities", "inspections", "trainings",
                       "meetings", "suggestions", "reports", "cases", "appraisals"}
    assert len(by["receptions"]) <= visits and by["shifts"]
    assert data.score is not None and data.score.lines  # the scoring service exists in this build
    pdf = build_record_book(data)
    qpdf_check(pdf, tmp_path)
    text = flat(pdf, tmp_path)
    assert dep.name in text and f"（{year}年度）" in text and "履职积分汇总" in text
    with pytest.raises(DomainError):
        record_book_data(demo_db, dep.id, 1850)


def test_record_book_refuses_an_ambiguous_name(db, admin):
    with db.session() as s:
        s.add_all([Deputy(name="王芳", level="county", code="D901"), Deputy(name="王芳", level="township", code="D902")])
    with pytest.raises(DomainError) as exc:
        find_deputy(db, "王芳")
    assert exc.value.code == "deputy_ambiguous" and "D901" in exc.value.message and "D902" in exc.value.message
    assert find_deputy(db, "D902")


def test_record_book_print_is_logged_per_deputy_and_year(demo_db, admin, tmp_path):
    with demo_db.session(write=False) as s:
        code = s.scalar(select(Deputy.code).order_by(Deputy.code).limit(1))
    first = jobs.print_record_book(demo_db, admin, code, 2025)
    again = jobs.print_record_book(demo_db, admin, code, 2025)
    assert "补打" not in flat(first, tmp_path) and "补打" in flat(again, tmp_path)


def test_handover_sheet_from_the_handover_summary(db, admin, case, tmp_path, fixed_now):
    pdf = jobs.print_handover(db, admin, at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    qpdf_check(pdf, tmp_path)
    text = flat(pdf, tmp_path)
    assert "值班交接班记录" in text and "王𠮷明" in text and case.case_number in text
    assert FULL_PHONE not in text
    assert prints(db)[-1][0] == "handover"


def test_register_print_is_logged_and_a_second_copy_marked_on_every_page(db, admin, case, tmp_path, fixed_now):
    today = (NOW + dt.timedelta(hours=8)).date()
    lo, hi = dt.date(2000, 1, 1), today + dt.timedelta(days=3650)
    first = jobs.print_register(db, admin, lo, hi)
    again = jobs.print_register(db, admin, lo, hi)
    qpdf_check(again, tmp_path)
    data = replace(basic.register_data(db, lo, hi), printed_at=dt.datetime(2026, 11, 22, 10, 0))
    assert first == build_register(data)  # same data, same clock: same bytes
    pages = pdf_pages_text(again, tmp_path)
    assert all("补打" in p for p in pages) and "补打" not in flat(first, tmp_path)
    assert "王𠮷明" in flat(first, tmp_path) and FULL_PHONE not in flat(first, tmp_path)
    assert [(d, n) for d, _, n in prints(db)] == [("register", 1), ("register", 2)]
    with pytest.raises(DomainError):
        jobs.print_register(db, admin, hi, lo)
    assert len(prints(db)) == 2
