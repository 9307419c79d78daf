"""Clocks cannot poison order (issue 19): a PC clock set years ahead, then corrected or restored from a
backup, must not make a later real edit lose, drag the county's clock forward, or wedge a case."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import uuid

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Case
from liaison_desk.db.models_desk import Holiday
from liaison_desk.domain.hlc import HLC
from liaison_desk.domain.workflow import EventKind, Role
from liaison_desk.hub import county as hc
from liaison_desk.hub.schema import Counter, HubRecord
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, get_case, register_visit
from liaison_desk.services.context import Actor
from liaison_desk.services.desk.lookups import case_timeline
from liaison_desk.services.desk.workdays import set_override
from liaison_desk.services.sync.rounds import list_conflicts
from tests.sync.harness import Invariants, reopen

DAY_MS = 24 * 3600 * 1000
YEAR_MS = 365 * DAY_MS
STAFF = Actor(Role.STAFF, "李干事")
DAY = dt.date(2027, 5, 3)


def skew(db, offset_ms: int) -> None:
    db.clock._wall = lambda: time.time_ns() // 1_000_000 + offset_ms


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def backup(county, code: str, dest) -> None:
    db = county.stations[code]
    db.dispose()
    shutil.copytree(db.path.parent, dest)
    reopen(county, code)


def restore(county, code: str, src):
    db = county.stations[code]
    db.dispose()
    shutil.rmtree(db.path.parent)
    shutil.copytree(src, db.path.parent)
    return reopen(county, code)


def hub_record(county, entity: str, ident: uuid.UUID) -> dict:
    for line in county.hub_export():
        rec = json.loads(line)
        if rec["type"] == entity and rec["id"] == str(ident):
            return rec
    raise AssertionError(f"no {entity} {ident} at the hub")


def test_a_later_real_edit_wins_over_an_earlier_one_stamped_in_the_future(county, admin, tmp_path):
    """Item 2: set at "2035", synced; restored and with the right clock, a new edit of the same day must
    stay, at the station and at the hub, and not be "repaired" back to the 2035 value."""
    a = county.add_station("LX01")
    county.sync("LX01")
    backup(county, "LX01", tmp_path / "backup")
    a = county.stations["LX01"]
    skew(a, 9 * YEAR_MS)
    set_override(a, admin, DAY, "holiday", "二〇三五年设的")
    assert county.sync("LX01").agreed
    a = restore(county, "LX01", tmp_path / "backup")  # the right clock again, and yesterday's backup
    assert county.sync("LX01").rebootstrapped
    set_override(a, admin, DAY, "workday", "改对了")
    inv = Invariants(county)
    inv.quiet_and_converged()
    with a.session(write=False) as s:
        row = s.scalars(select(Holiday).where(Holiday.date == DAY)).one()
        assert (row.kind, row.name) == ("workday", "改对了")
        ident = row.id
    assert hub_record(county, "holidays", ident)["kind"] == "workday"


def test_a_value_the_hub_keeps_over_a_local_one_is_a_conflict_at_the_station(county, admin):
    """Losers are visible at the station too: a repair that replaces a value edited here records it."""
    a = county.add_station("LX01")
    county.sync("LX01")
    set_override(a, admin, DAY, "holiday", "本站")
    county.sync("LX01")
    # the hub holds a newer value for the record (what any lost edit looks like from here), while the
    # station's own value is still the one it wrote
    with county.hub.tx() as s:
        rec = s.scalars(select(HubRecord).where(HubRecord.entity == "holidays")).one()
        fields = json.loads(rec.fields)
        fields["name"] = "县里改的"
        newer = HLC(HLC.decode(rec.hlc).wall_ms + 1000, 0, "hub").encode()
        rec.fields = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        rec.field_hlcs = json.dumps({"name": newer})
        rec.hlc = newer
    county.hub.check_digests(fix=True)
    county.sync("LX01")
    with a.session(write=False) as s:
        assert s.scalars(select(Holiday)).one().name == "县里改的"
    lost = [c for c in list_conflicts(a) if c.kind == "field" and c.field == "name"]
    assert lost and lost[0].lost == "本站" and lost[0].kept == "县里改的", list_conflicts(a)
    assert lost[0].reason, "said in words"


@pytest.mark.parametrize("ahead_ms", [9 * YEAR_MS, 2 * DAY_MS], ids=["2035", "two-days"])
def test_one_reply_does_not_drag_the_county_clock_forward(county, admin, ahead_ms):
    """Item 3: a reply to a case whose events carry future stamps is ordered after them, but neither the
    hub's clock nor the next reference change nor any station that pulls it moves into the future."""
    a = county.add_station("LX01")
    b = county.add_station("LX02")
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    county.quiet()
    skew(a, ahead_ms)
    r = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了，灌不了水"))
    act_on_case(a, STAFF, r.case_id, EventKind.ACCEPT)
    act_on_case(a, STAFF, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2036-12-31"})
    county.sync("LX01")
    state = hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"},
                           "水利局")
    assert state.status == "replied" and not state.anomalies
    bound = now_ms() + 3_600_000
    with county.hub.tx() as s:
        assert HLC.decode(s.scalar(select(Counter.hlc_last))).wall_ms < bound, "the hub's clock moved ahead"
    cat = hc.add_reference(county.hub, "categories", {"code": "T19", "name": "时钟测试类别"})
    assert HLC.decode(hub_record(county, "categories", uuid.UUID(cat))["hlc"]).wall_ms < bound
    county.quiet()
    assert b.clock.last.wall_ms < bound, "a station pulling the county's data jumped into the future"
    view = get_case(a, r.case_id)
    assert view.status == "replied"
    with a.session(write=False) as s:
        assert s.get(Case, r.case_id).anomaly_count == 0
    hub_case = next(json.loads(x) for x in county.hub_export("LX01") if '"type":"cases"' in x)
    assert hub_case["status"] == "replied" and hub_case["anomaly_count"] == 0
    Invariants(county).quiet_and_converged()


def test_a_restored_station_carries_on_with_a_case_accepted_in_the_future(county, admin, tmp_path):
    """Item 4: after a restore, assign and start on a case accepted "in 2035" are not anomalies; the
    county's reply and supervision are taken."""
    a = county.add_station("LX01")
    dep = hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    county.sync("LX01")
    backup(county, "LX01", tmp_path / "backup")
    a = county.stations["LX01"]
    skew(a, 9 * YEAR_MS)
    r = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    act_on_case(a, STAFF, r.case_id, EventKind.ACCEPT)
    assert county.sync("LX01").agreed
    a = restore(county, "LX01", tmp_path / "backup")
    assert county.sync("LX01").rebootstrapped
    act_on_case(a, STAFF, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    state = act_on_case(a, STAFF, r.case_id, EventKind.START).state
    assert state.status == "in_progress" and not state.anomalies
    # the case page lists them in the order they happened, not by the stamps
    assert [e.kind for e in case_timeline(a, r.case_id)] == ["register", "accept", "assign", "start"]
    county.sync("LX01")
    hc.act_on_case(county.hub, r.case_number, EventKind.SUPERVISE, {"text": "请加快"}, "县人大")
    hc.act_on_case(county.hub, r.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    Invariants(county).quiet_and_converged()
    with a.session(write=False) as s:
        case = s.get(Case, r.case_id)
        assert (case.status, case.anomaly_count, case.escalation_level) == ("replied", 0, 1)


def test_a_stamp_far_ahead_is_flagged_at_the_hub(county, admin, capsys):
    """A suspect stamp is kept as data (it still counts) and flagged for the county, once per push."""
    a = county.add_station("LX01")
    county.sync("LX01")
    skew(a, 9 * YEAR_MS)
    set_override(a, admin, DAY, "holiday", "未来")
    set_override(a, admin, DAY + dt.timedelta(days=1), "holiday", "未来")
    county.sync("LX01")
    flagged = [c for c in hc.conflicts(county.hub) if c["kind"] == "clock_ahead"]
    assert len(flagged) == 1 and flagged[0]["station"] == "LX01" and "天" in flagged[0]["reason"]
    # the county sees it in words
    from liaison_desk.hub.cli import main as hub_main

    assert hub_main(["--lang", "zh", "--db", f"sqlite:///{county.tmp / 'hub.sqlite3'}", "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "clock_ahead" in out and "日期可能设错了" in out


def test_a_later_clock_incident_is_flagged_again_once_the_county_has_seen_the_first(county, admin, capsys):
    """The hub raises one clock_ahead row while the county has not looked; ``liaison-desk-hub conflicts``
    marks what it shows as seen, so the next incident is flagged again rather than never."""
    from liaison_desk.hub.cli import main as hub_main

    def listed() -> list[str]:
        assert hub_main(["--lang", "zh", "--db", f"sqlite:///{county.tmp / 'hub.sqlite3'}", "conflicts"]) == 0
        return [line for line in capsys.readouterr().out.splitlines() if "clock_ahead" in line]

    a = county.add_station("LX01")
    county.sync("LX01")
    skew(a, 9 * YEAR_MS)
    set_override(a, admin, DAY, "holiday", "未来")
    county.sync("LX01")
    set_override(a, admin, DAY + dt.timedelta(days=1), "holiday", "未来")
    county.sync("LX01")  # not looked at yet: not flagged twice
    assert len(listed()) == 1
    set_override(a, admin, DAY + dt.timedelta(days=2), "holiday", "未来")
    county.sync("LX01")  # a later incident, after the county saw the first: flagged again
    assert len(listed()) == 2
    assert len(listed()) == 2  # listing again raises nothing new
    assert len([c for c in hc.conflicts(county.hub) if c["kind"] == "clock_ahead"]) == 2
