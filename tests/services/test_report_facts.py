"""The station's per-day report totals (db/report_facts, migration 0009) follow every write to a case or a visit
— desk actions, a county reply merged by sync, erasure, retention, a tombstone — and the report read from them
equals the report counted from every case row, for every breakdown and several periods and cut-offs."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import update

from liaison_desk.db.models import Case, Department, Visit
from liaison_desk.db.report_facts import report_facts_installed, report_facts_ok
from liaison_desk.domain.reports import DIMENSIONS, parse_period, report_to_json
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.admin import retention
from liaison_desk.services.admin.person import erase_person
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.reports.engine import ReportOptions, build_report
from liaison_desk.services.reports.source import station_source
from tests.services import reports_fixture as F
from tests.sync.conftest import county  # noqa: F401  (the county fixture: a hub and its stations)


def _facts_ok(db) -> bool:
    with db.session(write=False) as s:
        return report_facts_ok(s.connection())


def _both(db, period, by, as_of):
    """The report from the per-day totals and the same report from every case row, as JSON."""
    p = parse_period(period)
    with db.session(write=False) as s:
        src = station_source(s)
        assert src.facts is not None  # a station file reads the totals
        opts = ReportOptions(by=by, as_of=as_of)
        fast = report_to_json(build_report(s, src, p, opts))
        slow = report_to_json(build_report(s, dataclasses.replace(src, facts=None), p, opts))
    return fast, slow


def test_a_new_station_has_the_totals(db):
    with db.session(write=False) as s:
        assert report_facts_installed(s.connection()) and report_facts_ok(s.connection())


@pytest.mark.parametrize("by", [None, *DIMENSIONS])
def test_the_totals_give_the_same_report_as_every_case_row(db, by):
    F.load(db)
    assert _facts_ok(db)
    for period, as_of in (("2026-11", F.AS_OF), ("2026", F.AS_OF), ("2026-11-30..2026-12-01", F.AS_OF),
                          ("2026-11", to_utc(dt.datetime(2026, 11, 20, 12))),  # deadlines not passed yet
                          ("2026Q4", to_utc(dt.datetime(2026, 11, 30, 17)))):  # the deadline day itself
        fast, slow = _both(db, period, by, as_of)
        assert fast == slow, (period, as_of)


def test_desk_actions_and_a_tombstone_move_the_totals(db, staff_actor):
    F.load(db)
    with db.session() as s:
        dep = Department(name="县交通局")
        s.add(dep)
        s.flush()
        dep_id = str(dep.id)
    reg = register_visit(db, staff_actor, VisitInput("张三", visitor_phone="13800138000", village="柳树湾村",
                                                     headcount=2), CaseInput("村口路灯坏了三盏，晚上看不见路"))
    assert _facts_ok(db)
    for kind, data in ((EventKind.ACCEPT, {}), (EventKind.ASSIGN, {"department_id": dep_id, "deadline": "2026-12-31"}),
                       (EventKind.REPLY, {"text": "已修好", "resolution": "solved"}),
                       (EventKind.FOLLOW_UP, {"satisfaction": "satisfied"}), (EventKind.CLOSE, {}),
                       (EventKind.REOPEN, {"text": "又坏了"})):
        act_on_case(db, staff_actor, reg.case_id, kind, data)
        assert _facts_ok(db), kind
    with db.session() as s:  # a tombstone (sync's delete) and a visit moved to another day
        s.execute(update(Case).where(Case.id == reg.case_id).values(deleted_hlc="z"))
        s.execute(update(Visit).values(occurred_at=dt.datetime(2026, 1, 2, 3)))
    assert _facts_ok(db)
    fast, slow = _both(db, "2026", "village", F.AS_OF)
    assert fast == slow


def test_erasure_and_retention_keep_the_totals(db, staff_actor):
    reg = register_visit(db, staff_actor, VisitInput("郑春花", visitor_phone="13612345678"), CaseInput("宅基地纠纷"))
    act_on_case(db, staff_actor, reg.case_id, EventKind.WITHDRAW, {"text": "已自行解决"})
    other = register_visit(db, staff_actor, VisitInput("冯大海", visitor_phone="13700001111"), CaseInput("占道"))
    act_on_case(db, staff_actor, other.case_id, EventKind.WITHDRAW, {"text": "已协商"})
    erase_person(db, staff_actor, "13612345678")
    assert _facts_ok(db)
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=4 * 366)
    done = retention.run_retention(db, staff_actor, now=later)
    assert done.visits + done.cases >= 1
    assert _facts_ok(db)


def test_a_county_reply_merged_by_sync_moves_the_totals(county, admin):  # noqa: F811
    from liaison_desk.hub import county as hc
    from liaison_desk.services.cases.actions import get_case

    a = county.add_station("LX01")
    county.quiet()
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    county.sync("LX01")
    reg = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    act_on_case(a, admin, reg.case_id, EventKind.ACCEPT)
    act_on_case(a, admin, reg.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    county.sync("LX01")
    with a.session(write=False) as s:
        before = s.connection().exec_driver_sql("SELECT sum(dl_replied) FROM report_days WHERE dim = ''").scalar()
    hc.act_on_case(county.hub, reg.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    county.sync("LX01")
    assert get_case(a, reg.case_id).status == "replied"
    with a.session(write=False) as s:
        after = s.connection().exec_driver_sql("SELECT sum(dl_replied) FROM report_days WHERE dim = ''").scalar()
    assert (before, after) == (0, 1)
    assert _facts_ok(a)


def test_a_0008_station_upgrades_with_its_totals_backfilled(tmp_path):
    """Migration 0009 counts an existing station's cases and visits: the report after the upgrade equals the
    report from every case row, and the triggers follow the next write."""
    from pathlib import Path

    from liaison_desk.services.context import open_station_database
    from tests.db.test_migrations import unpack

    data = tmp_path / "station"
    unpack(Path(__file__).resolve().parent.parent / "fixtures" / "schemas" / "0008.sqlite3.gz", data)
    db = open_station_database(data)
    try:
        assert _facts_ok(db)
        with db.session(write=False) as s:
            n = s.connection().exec_driver_sql("SELECT sum(cases) FROM report_days WHERE dim = ''").scalar()
            live = s.connection().exec_driver_sql("SELECT count(*) FROM cases WHERE deleted_hlc IS NULL").scalar()
        assert n == live > 0
        for by in (None, "village", "department", "triage"):
            fast, slow = _both(db, "2026", by, F.AS_OF)
            assert fast == slow
    finally:
        db.dispose()
