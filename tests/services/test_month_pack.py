"""The month-end pack service (issue 16): the bar only moves forward, a cancel leaves no file and no print log,
an empty month still makes a pack, and the charts' months."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models import PrintRecord
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.reports import parse_period
from liaison_desk.printing.progress import BuildCancelled, build_hooks
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.stats import chart_months, stats_view, write_month_pack
from tests.services import reports_fixture as F


def _logged(db) -> int:
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(PrintRecord)) or 0


def test_progress_goes_forward_to_the_end(db, tmp_path):
    F.load(db)
    seen: list[int] = []
    files = write_month_pack(db, SYSTEM_ADMIN, "2026-11", tmp_path, as_of=F.AS_OF,
                             on_progress=lambda done, total: seen.append(done))
    assert seen == sorted(seen) and seen[-1] == 1000
    assert files.visits == 4 and files.open_cases == 4 and files.pages >= 4
    assert _logged(db) == 1


def test_a_cancelled_pack_leaves_nothing(db, tmp_path):
    F.load(db)
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3  # after the figures: in the middle of the PDF

    out = tmp_path / "out"
    out.mkdir()
    with build_hooks(cancelled=cancelled), pytest.raises(BuildCancelled):
        write_month_pack(db, SYSTEM_ADMIN, "2026-11", out, as_of=F.AS_OF)
    assert list(out.iterdir()) == [] and _logged(db) == 0


def test_an_empty_month_and_a_bad_period(db, tmp_path):
    files = write_month_pack(db, SYSTEM_ADMIN, "2026-11", tmp_path, as_of=F.AS_OF)  # no case, no visit
    assert files.pdf.exists() and files.xlsx.exists() and files.open_cases == 0
    with pytest.raises(DomainError, match="按月份"):
        write_month_pack(db, SYSTEM_ADMIN, "2026Q4", tmp_path, as_of=F.AS_OF)


def test_chart_months():
    months = chart_months(parse_period("2026-03"))
    assert len(months) == 12 and months[0].first == dt.date(2025, 4, 1) and months[-1].last == dt.date(2026, 3, 31)
    assert [m.code for m in chart_months(parse_period("2026Q2"))] == ["2026-04", "2026-05", "2026-06"]
    assert len(chart_months(parse_period("2026-01-20..2026-03-02"))) == 3


def test_chart_months_count_like_the_report(db):
    F.load(db)
    view = stats_view(db, "2026-11", as_of=F.AS_OF)
    assert view.months[-1].closure_rate == view.report.totals.closure_rate == 60.0
    assert view.months[-1].satisfaction_rate == 80.0
    assert view.months[-2].by_category == {"农田水利": 1}  # October: C13
