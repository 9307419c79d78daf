"""The services under the console's case pages (issue 15), without a browser: what waits at the hub for each
station (station health's 待下发), department names for a 交办's id, an event's data in words, "3 天前"."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.event_words import day_words, event_details
from liaison_desk.domain.timeutil import local_today
from liaison_desk.domain.workflow import EventKind
from liaison_desk.domain.workflow import Role as ActorRole
from liaison_desk.hub import county as hc
from liaison_desk.hub.console import actions as ca
from liaison_desk.hub.console import health
from liaison_desk.hub.console.names import department_names
from liaison_desk.hub.console.pages.cases import BadInput, ago, parse_filters
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, Actor

STAFF = Viewer("u-staff", "王主任", Role.COUNTY_STAFF)
LEADER = Viewer("u-lead", "钱领导", Role.LEADER)


@pytest.fixture
def county(tmp_path):
    from liaison_desk.hub.database import make_engine
    from tests.sync.harness import County

    c = County(tmp_path, lambda: make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}"))
    try:
        yield c
    finally:
        c.close()


def _waiting(county) -> dict[str, int]:
    return {r.health.code: r.to_pull for r in health.station_rows(county.hub, LEADER, local_today())}


def test_what_waits_at_the_hub_for_a_station_is_the_countys_writes_since_its_last_sync(county):
    a, _b = county.add_station("LX01"), county.add_station("LX02")
    hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    r = register_visit(a, SYSTEM_ADMIN, VisitInput("张三"), CaseInput("村里灌溉水渠堵了"))
    assert r.case_id is not None and r.case_number is not None
    act_on_case(a, Actor(ActorRole.STAFF, "李站长"), r.case_id, EventKind.ACCEPT)
    county.sync("LX01")
    county.sync("LX02")
    # both rounds took everything: the cursor each reported is one round behind, nothing is waiting
    assert _waiting(county) == {"LX01": 0, "LX02": 0}
    ca.assign(county.hub, STAFF, r.case_number, department="县水利局", working_days=10)
    ca.mark_key_supervision(county.hub, STAFF, r.case_number, on=True)
    assert _waiting(county) == {"LX01": 2, "LX02": 0}  # the case is LX01's: LX02 never receives it
    hc.add_reference(county.hub, "departments", {"name": "县交通局"})  # county-wide: every station's
    assert _waiting(county) == {"LX01": 3, "LX02": 1}
    county.sync("LX01")
    assert _waiting(county) == {"LX01": 0, "LX02": 1}


def test_station_rows_put_the_silent_first_then_by_conflicts(county):
    county.add_station("LX01")
    county.add_station("LX02")
    county.add_station("LX03", enrolled=True)
    county.sync("LX01")
    county.sync("LX02")  # LX03 never synced
    rows = health.station_rows(county.hub, LEADER, local_today())
    assert rows[0].health.code == "LX03" and rows[0].health.silent
    later = health.station_rows(county.hub, LEADER, local_today() + dt.timedelta(days=10), silent_days=3)
    assert all(r.health.silent for r in later)
    with pytest.raises(Exception, match="没有查看"):
        health.station_rows(county.hub, Viewer("d", "李", Role.DEPARTMENT, department="县水利局"), local_today())


def test_department_names_for_the_ids_a_case_event_carries(county):
    hc.add_reference(county.hub, "departments", {"name": "县水利局"})
    with county.hub.tx() as s:
        from liaison_desk.hub.schema import HubRecord

        ident = str(s.query(HubRecord.id).filter(HubRecord.entity == "departments").scalar())
    assert department_names(county.hub, [ident, "not-a-uuid", "00000000-0000-0000-0000-000000000001"]) == {
        ident: "县水利局"}
    assert department_names(county.hub, []) == {}


def test_an_events_data_in_words():
    assert day_words("2026-12-08") == "2026-12-08 星期二"
    assert day_words(dt.date(2026, 12, 8), "en") == "2026-12-08 Tue"
    assert day_words("soon") == "soon"
    words = event_details({"department_id": "d1", "deadline": "2026-12-08", "deadline_workdays": 10,
                           "co_departments": ["县交通局", "县电力公司"], "text": "请尽快"}, names={"d1": "县水利局"})
    assert words == ["承办单位：县水利局", "会办单位：县交通局、县电力公司", "办理期限：2026-12-08 星期二", "办理时限（工作日）：10"]
    assert event_details({"reply_class": "C", "resolution": "unsolved",
                          "reply_letter": {"name": "答复函.pdf", "size": 204800}}) == [
        "C类：列入计划解决", "未解决", "答复函：答复函.pdf（200 KB，存县级平台）"]
    assert event_details({"on": False}) == ["移出重点督办"]
    assert event_details({"satisfaction": "unsatisfied"}, "en") == ["Constituent: Unsatisfied"]
    assert event_details({"escalation_level": 0, "supervision_level": "挂牌"}) == ["督办方式：挂牌"]
    assert event_details({"department_id": "unknown"}, names={}) == []


def test_ago_says_how_long_since_a_sync():
    now = dt.datetime(2026, 12, 7, 12, 0)
    assert ago(None, now) == "从未同步"
    assert ago(now - dt.timedelta(seconds=20), now) == "刚刚"
    assert ago(now - dt.timedelta(minutes=5), now) == "5 分钟前"
    assert ago(now - dt.timedelta(hours=3, minutes=59), now) == "3 小时前"
    assert ago(now - dt.timedelta(days=3, hours=2), now) == "3 天前"
    assert ago(now - dt.timedelta(days=1), now, "en") == "1 day ago"
    assert ago(now + dt.timedelta(minutes=1), now) == "刚刚"  # a clock slightly ahead


def test_queue_filters_from_the_address():
    f = parse_filters({"q": " 灌溉 ", "township": "河口镇", "deadline_from": "2026-12-01", "status": ""})
    assert f.q == "灌溉" and f.township == "河口镇" and f.deadline_from == dt.date(2026, 12, 1) and f.status is None
    for bad, field in (({"deadline_to": "12/31/2026"}, "deadline_to"), ({"status": "done"}, "status"),
                       ({"triage": "purple"}, "triage"), ({"tile": "everything"}, "tile"), ({"q": "字" * 101}, "q"),
                       ({"deadline_from": "2026-12-31", "deadline_to": "2026-12-01"}, "deadline_to")):
        with pytest.raises(BadInput) as info:
            parse_filters(bad)
        assert info.value.field == field and info.value.zh
