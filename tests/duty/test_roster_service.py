"""The roster saved in the database: pattern, leave, limits, regeneration, swaps and substitutions, plan vs
actual, the yearly minimums, and the monthly wall sheet."""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from collections import Counter

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models import OutboxEntry
from liaison_desk.db.models_duty import RosterChange, RosterSlot
from liaison_desk.domain.errors import DomainError, PermissionDenied
from liaison_desk.domain.roster import DutyPattern
from liaison_desk.services.duty import roster as R
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy
from liaison_desk.services.duty.record import deputy_year, plan_vs_actual, set_minimums, station_year
from liaison_desk.services.printing.roster import roster_month_pdf, roster_sheet_data
from tests.duty.helpers import make_deputies, sign_shift

TODAY = dt.date(2026, 11, 30)
DEC1, DEC31 = dt.date(2026, 12, 1), dt.date(2026, 12, 31)


@pytest.fixture
def station(db, admin):
    deps = make_deputies(db, 5)
    fixed = create_deputy(db, admin, DeputyInput("周站长", "county", duty_role="fixed")).id
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({0, 2, 4}), ("am", "pm")))
    return deps, fixed


def live_slots(db):
    with db.session(write=False) as s:
        return s.execute(select(RosterSlot.date, RosterSlot.slot, RosterSlot.deputy_id, RosterSlot.source)
                         .where(RosterSlot.deleted_hlc.is_(None)).order_by(RosterSlot.date, RosterSlot.slot)).all()


def test_pattern_round_trips_and_defaults_to_wednesday(db, admin, staff_actor, deputy_actor):
    assert R.duty_pattern(db).weekdays == frozenset({2})
    p = DutyPattern(frozenset({1, 3}), ("pm", "am"), 2, holidays={dt.date(2026, 12, 31)})
    assert R.set_duty_pattern(db, staff_actor, p) == p
    with pytest.raises(PermissionDenied):
        R.set_duty_pattern(db, deputy_actor, p)


def test_generate_and_save_respects_leave_fixed_deputy_and_explains(db, admin, station):
    deps, fixed = station
    R.add_unavailability(db, admin, deps[0], "2026-12-01", "2026-12-15", "秋收")
    plan = R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    assert plan.saved and plan.roster.warnings == ()
    slots = live_slots(db)
    assert len(slots) == len(plan.roster.assignments) == 26  # 13 reception days (Mon, Wed, Fri) × 2 slots
    assert all(dep != uuid.UUID(fixed) for _, _, dep, _ in slots)
    assert all(not (dep == uuid.UUID(deps[0]) and day <= dt.date(2026, 12, 15)) for day, _, dep, _ in slots)
    counts = Counter(dep for _, _, dep, _ in slots)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert all(a.reasons for a in plan.roster.assignments)
    with db.session(write=False) as s:  # every saved slot went into the outbox (it syncs)
        assert s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.entity == "roster_slots")) == 26


def test_regeneration_replaces_the_plan_and_keeps_ids_stable(db, admin, station):
    deps, _ = station
    R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    first = live_slots(db)
    R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    assert live_slots(db) == first  # deterministic: same inputs, same plan, no churn
    R.add_unavailability(db, admin, deps[1], "2026-12-01", "2026-12-31")
    R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    assert all(dep != uuid.UUID(deps[1]) for _, _, dep, _ in live_slots(db))


def test_past_days_cannot_be_replanned(db, admin, station):
    with pytest.raises(DomainError) as err:
        R.generate_and_save(db, admin, DEC1, DEC31, today=dt.date(2026, 12, 5))
    assert err.value.code == "past_period" and "已经过去" in err.value.message
    with pytest.raises(DomainError) as err:
        R.generate_and_save(db, admin, DEC31, DEC1, today=TODAY)
    assert err.value.code == "bad_period"


def test_monthly_limit_is_respected(db, admin, station):
    deps, _ = station
    R.set_monthly_limit(db, admin, deps[2], 2)
    plan = R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    assert plan.roster.counts[deps[2]] == 2


def test_substitution_and_swap_are_recorded_as_such(db, admin, station, deputy_actor):
    deps, _ = station
    plan = R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    a, b = plan.roster.assignments[0], plan.roster.assignments[5]
    sub = next(d for d in deps if d not in (a.deputy_id, plan.roster.assignments[1].deputy_id))
    R.substitute(db, admin, a.date, a.slot, a.deputy_id, sub, "生病")
    assert (a.date, a.slot, uuid.UUID(sub), "substitution") in live_slots(db)
    assert (a.date, a.slot, uuid.UUID(a.deputy_id), "generated") not in live_slots(db)
    with pytest.raises(DomainError) as err:
        R.substitute(db, admin, a.date, a.slot, a.deputy_id, sub)
    assert err.value.code == "not_rostered"
    if b.deputy_id != sub:
        R.swap(db, admin, a.date, a.slot, sub, b.date, b.slot, b.deputy_id, "家里有事")
        assert (a.date, a.slot, uuid.UUID(b.deputy_id), "swap") in live_slots(db)
        assert (b.date, b.slot, uuid.UUID(sub), "swap") in live_slots(db)
    with db.session(write=False) as s:
        kinds = [c.kind for c in s.scalars(select(RosterChange).order_by(RosterChange.recorded_at))]
    assert kinds[0] == "substitution"
    changes = R.roster_changes(db, DEC1, DEC31)
    assert "替" in changes[0].text() and changes[0].reason == "生病"


def test_substitute_on_leave_is_refused(db, admin, station):
    deps, _ = station
    plan = R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    a = plan.roster.assignments[0]
    other = next(d for d in deps if d != a.deputy_id)
    R.add_unavailability(db, admin, other, a.date, a.date, "住院")
    with pytest.raises(DomainError) as err:
        R.substitute(db, admin, a.date, a.slot, a.deputy_id, other)
    assert err.value.code == "on_leave" and "住院" in err.value.message


def test_a_deputy_records_only_his_own_leave(db, station, deputy_actor):
    deps, _ = station
    me = type(deputy_actor)(deputy_actor.role, "张三", deputy_id=uuid.UUID(deps[0]))
    R.add_unavailability(db, me, deps[0], "2026-12-02")
    with pytest.raises(DomainError) as err:
        R.add_unavailability(db, me, deps[1], "2026-12-02")
    assert err.value.code == "not_own_leave"


def test_plan_vs_actual_shows_done_on_duty_missed_upcoming_and_unplanned(db, admin, station):
    deps, _ = station
    plan = R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    first, second, third = plan.roster.assignments[:3]
    sign_shift(db, first.deputy_id, first.date, first.slot)
    sign_shift(db, second.deputy_id, second.date, second.slot, signed_out=False)
    stranger = next(d for d in deps if d not in {a.deputy_id for a in plan.roster.assignments[:4]})
    sign_shift(db, stranger, third.date, third.slot)
    rows = plan_vs_actual(db, DEC1, DEC31, today=third.date + dt.timedelta(days=1))
    status = {(r.date, r.slot, r.deputy_id): r.status for r in rows}
    assert status[first.date, first.slot, first.deputy_id] == "done"
    assert status[second.date, second.slot, second.deputy_id] == "on_duty"
    assert status[third.date, third.slot, third.deputy_id] == "missed"
    assert status[third.date, third.slot, stranger] == "unplanned"
    assert status[plan.roster.assignments[-1].date, plan.roster.assignments[-1].slot,
                  plan.roster.assignments[-1].deputy_id] == "upcoming"
    year = deputy_year(db, third.deputy_id, 2026, today=dt.date(2027, 1, 1))
    assert year.counts.get("shift:missed", 0) >= 1


def test_yearly_minimums_met_or_not(db, admin, station, staff_actor):
    deps, _ = station
    sign_shift(db, deps[0], dt.date(2026, 3, 4))
    sign_shift(db, deps[0], dt.date(2026, 3, 11))
    years = {y.name: y for y in station_year(db, 2026)}
    shift = {y: next(m for m in years[y].minimums if m.metric == "shift") for y in years}
    assert shift["张三"].met and shift["张三"].actual == 2 and not shift["李四"].met
    assert set_minimums(db, staff_actor, {"shift": 1, "households": 0}) == {"shift": 1, "households": 0}
    assert deputy_year(db, deps[0], 2026).minimums_met
    with pytest.raises(DomainError):
        set_minimums(db, staff_actor, {"nonsense": 1})


def test_generation_gives_the_needy_their_yearly_minimum(db, admin):
    deps = make_deputies(db, 4)
    R.set_duty_pattern(db, admin, DutyPattern(frozenset({2}), ("full",)))
    for d in deps[1:]:
        for w in range(2):
            sign_shift(db, d, dt.date(2026, 5, 6) + dt.timedelta(days=7 * w))
    plan = R.preview_roster(db, DEC1, DEC31, today=TODAY)
    assert plan.roster.counts[deps[0]] >= 2  # 张三 had no reception this year: he comes first
    assert plan.roster.assignments[0].deputy_id == deps[0]
    assert "尚未达到全年至少 2 次接待的要求" in plan.roster.assignments[0].reasons[0]


def test_month_sheet_pdf_renders(db, admin, station, tmp_path):
    R.generate_and_save(db, admin, DEC1, DEC31, today=TODAY)
    data = roster_sheet_data(db, 2026, 12)
    assert data.fixed == ("周站长",) and len(data.days) == 31
    assert sum(len(names) for d in data.days for _, names in d.slots) == 26
    pdf = roster_month_pdf(db, 2026, 12)
    assert pdf.startswith(b"%PDF") and pdf.pages == 1 and pdf.warnings == ()
    out = tmp_path / "r.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "2026年12月" in text and "人大代表进站值班表" in text and "周站长" in text
    assert "张三" in text and "周三" in text
    with pytest.raises(DomainError):
        roster_month_pdf(db, 2026, 13)
