"""The wall roster (issue 14, item 7): a month with no plan is refused in words, not printed as a blank
calendar; the same plan printed again is a 补打, a changed plan a new edition (第 N 版)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from liaison_desk.db.models import PrintRecord
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.roster import DutyPattern
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.duty import roster as R
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy
from liaison_desk.services.printing import jobs
from tests.duty.helpers import give_accounts

from .pdftools import pdf_text


def plan_december(db) -> list[str]:
    """Three deputies on duty every Tuesday of December 2026 (planned on 30 November)."""
    ids = [create_deputy(db, SYSTEM_ADMIN, DeputyInput(name, "township", code=f"R{i:02d}")).id
           for i, name in enumerate(("赵一", "钱二", "孙三"))]
    give_accounts(db, *ids)  # the roster plans only deputies who can sign in
    R.set_duty_pattern(db, SYSTEM_ADMIN, DutyPattern(frozenset({1}), ("am", "pm")))
    R.generate_and_save(db, SYSTEM_ADMIN, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today=dt.date(2026, 11, 30))
    return ids


def logged(db) -> list[tuple[str, int]]:
    with db.session(write=False) as s:
        return [tuple(r) for r in s.execute(select(PrintRecord.reference, PrintRecord.copy_no)
                                            .where(PrintRecord.document == "roster").order_by(PrintRecord.id))]


def flat(pdf: bytes, tmp_path) -> str:
    return "".join(pdf_text(pdf, tmp_path).split())


def test_a_month_without_a_plan_is_refused_in_words(db, admin):
    with pytest.raises(DomainError) as err:
        jobs.print_roster(db, admin, 2026, 12)
    assert err.value.code == "empty_roster" and "还没有排班" in err.value.message
    assert logged(db) == []


def test_reprint_only_for_the_same_plan_a_changed_plan_is_a_new_edition(db, admin, tmp_path):
    ids = plan_december(db)
    first = flat(jobs.print_roster(db, admin, 2026, 12), tmp_path)
    again = flat(jobs.print_roster(db, admin, 2026, 12), tmp_path)
    assert "补打" not in first and "第2版" not in first and "补打" in again
    month = R.roster_month(db, 2026, 12, today=dt.date(2026, 11, 30))
    day, entry = next((d, e) for d, es in month.days.items() for e in es if e.planned)
    busy = {str(e.deputy_id) for e in month.days[day]}
    other = next(i for i in ids if str(i) not in busy)
    R.substitute(db, admin, day, entry.slot, entry.deputy_id, other, reason="生病")
    changed = flat(jobs.print_roster(db, admin, 2026, 12), tmp_path)
    assert "补打" not in changed and "（第2版）" in changed
    assert "补打" in flat(jobs.print_roster(db, admin, 2026, 12), tmp_path) and "（第2版）" in changed
    refs = logged(db)
    assert [n for _, n in refs] == [1, 2, 1, 2] and refs[0][0] == refs[1][0] != refs[2][0] == refs[3][0]
    assert all(r.startswith("2026-12:") for r, _ in refs)
