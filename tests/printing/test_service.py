"""The printing service: data gathered from the database, masked on paper, bad input refused in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models import Case, Visit
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.timeutil import to_local
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.printing import receipts as svc

from .pdftools import pdf_pages_text, pdf_text

FULL_PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def one_case(db, admin):
    reg = register_visit(db, admin, VisitInput(visitor_names="王𠮷明", visitor_phone=FULL_PHONE, village="柳树湾村",
                                               id_number=ID_NUMBER),
                         CaseInput(content="村东头的灌溉渠道年久失修，春灌时放不下水，请求清淤修缮。"))
    return reg.case_number


def test_receipt_from_the_database(db, one_case, tmp_path):
    pdf = svc.receipt_pdf(db, one_case, stub=True)
    assert isinstance(pdf, bytes) and pdf.pages == 2 and pdf.warnings == ()
    text = pdf_text(pdf, tmp_path).replace("\n", "")
    assert one_case in text and "柳树湾村人大代表联络站" in text and "王𠮷明" in text and "柳树湾村" in text
    assert "139****5678" in text
    assert FULL_PHONE not in text and ID_NUMBER not in text and "1949" not in text  # never on paper
    data = svc.receipt_data(db, one_case)
    assert data.station_code == "LX01" and data.printed_at is None


def test_case_number_is_read_as_people_type_it(db, one_case):
    assert svc.receipt_pdf(db, one_case.lower().replace("-", " ")) == svc.receipt_pdf(db, one_case)


def test_reprint_carries_the_time(db, one_case, tmp_path):
    pdf = svc.receipt_pdf(db, one_case, reprint=True, width="58", large=True)
    assert "补打时间" in pdf_text(pdf, tmp_path).replace("\n", "")


def test_unknown_or_mistyped_case_numbers_are_refused_in_chinese(db, one_case):
    n = one_case.rsplit("-", 1)[0]
    other = "LX01-200101-0001-" + next(c for c in "0123456789ABCDEFGHJKLMNPRTUVWXY"
                                       if _valid(f"LX01-200101-0001-{c}"))
    with pytest.raises(DomainError) as exc:
        svc.receipt_pdf(db, other)
    assert exc.value.code == "case_not_found" and "没有编号为" in exc.value.message
    with pytest.raises(DomainError) as exc:
        svc.receipt_pdf(db, n + "-?")
    assert "编号" in exc.value.message
    with pytest.raises(DomainError) as exc:
        svc.receipt_pdf(db, one_case, width="76")
    assert exc.value.code == "bad_receipt_width" and "58、80 或 a5" in exc.value.message


def _valid(number: str) -> bool:
    from liaison_desk.domain.case_number import parse_case_number

    try:
        parse_case_number(number)
    except DomainError:
        return False
    return True


def test_register_covers_the_range_in_station_time(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(svc, "utcnow", lambda: dt.datetime(2026, 11, 22, 2, 0))  # the footer's print time
    with demo_db.session(write=False) as s:
        first, last = s.execute(select(func.min(Visit.occurred_at), func.max(Visit.occurred_at))).one()
        total = s.scalar(select(func.count()).select_from(Visit))
        phones = list(s.scalars(select(Visit.visitor_phone).where(Visit.visitor_phone.is_not(None))))
        numbers = list(s.scalars(select(Case.number)))
    lo, hi = to_local(first).date(), to_local(last).date()
    data = svc.register_data(demo_db, lo, hi)
    assert len(data.rows) == total == 300
    assert [r.occurred_at for r in data.rows] == sorted(r.occurred_at for r in data.rows)
    assert {n for r in data.rows if r.case_number for n in r.case_number.split("\n")} == set(numbers)
    pdf = svc.visitor_register_pdf(demo_db, lo, hi)
    assert pdf == svc.visitor_register_pdf(demo_db, lo, hi)  # same data, same bytes
    text = "".join(pdf_pages_text(pdf, tmp_path))
    assert "打印时间：2026-11-22 10:00" in text
    assert not any(p in text for p in phones)  # no full phone number anywhere
    assert sum(1 for p in phones if f"{p[:3]}****{p[-4:]}" in text) > 200
    assert len(svc.register_data(demo_db, hi, hi).rows) < total  # one day only


def test_a_bad_date_range_is_refused_in_chinese(demo_db):
    with pytest.raises(DomainError) as exc:
        svc.visitor_register_pdf(demo_db, dt.date(2026, 11, 30), dt.date(2026, 11, 1))
    assert exc.value.code == "bad_date_range" and "早于开始日期" in exc.value.message
    with pytest.raises(DomainError):
        svc.visitor_register_pdf(demo_db, None, dt.date(2026, 11, 1))


def test_no_station_yet(empty_db):
    with pytest.raises(DomainError) as exc:
        svc.register_data(empty_db, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert exc.value.code == "no_station"
