"""The console's case index (``hub_case_index``) and its queries (issue 15), on SQLite and on PostgreSQL.

Small hand-counted fixtures: two townships, three stations, a handful of cases moved through the workflow
at the stations and at the county; the index must follow every write path (push, USB file, county action,
deletion, rename) and the queries must narrow by role in SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import select

from liaison_desk.domain.access import Role as ViewerRole
from liaison_desk.domain.access import Viewer
from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.hlc import HLC
from liaison_desk.domain.workflow import EventKind, Role
from liaison_desk.hub import bundles as hub_bundles
from liaison_desk.hub import county as hc
from liaison_desk.hub.console import index, queries
from liaison_desk.hub.console.index_schema import CaseIndexRow
from liaison_desk.hub.console.queries import QueueFilters
from liaison_desk.hub.database import make_engine
from liaison_desk.hub.schema import HubRecord
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, Actor, open_station_database
from liaison_desk.services.desk import reference
from liaison_desk.services.sync.bundle import export_bundle
from liaison_desk.services.sync.rounds import enroll
from liaison_desk.services.sync.state import config
from liaison_desk.sync.protocol import PROTOCOL_VERSION, new_change
from tests.sync.harness import County, PgSchema

STAFF = Actor(Role.STAFF, "李")
COUNTY = Viewer("u1", "王", ViewerRole.COUNTY_STAFF)
LEADER = Viewer("u2", "赵", ViewerRole.LEADER)
TODAY = dt.date(2026, 12, 7)  # a Monday


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def c(request):
    return request.getfixturevalue("county" if request.param == "sqlite" else "pg_county")


def station(c, code, township, villages=("柳树湾村",)):
    db = open_station_database(c.tmp / code)
    init_station(db, name=f"{code} 联络站", code=code, township=township, admin_pin="2468", villages=villages)
    token = c.hub.add_station(f"{code} 联络站", code)
    enroll(db, SYSTEM_ADMIN, "http://hub", token, send=c.net.send)
    c.stations[code] = db
    return db


def rows(c):
    with c.hub.tx() as s:
        return {r.case_no: r for r in s.execute(select(CaseIndexRow.__table__))}


def register(db, admin, text, *, village="柳树湾村", triage="green", name="张三", phone="13800001111"):
    return register_visit(db, admin, VisitInput(name, visitor_phone=phone, village=village),
                          CaseInput(text, triage=triage))


def assign(db, case_id, dep, deadline):
    act_on_case(db, STAFF, case_id, EventKind.ACCEPT)
    act_on_case(db, STAFF, case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": deadline})


def test_the_index_follows_a_push_and_a_county_action(c, admin):
    a = station(c, "LX01", "河口镇")
    dep = hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    r = register(a, admin, "三组灌溉渠堵了，秧田没水")
    c.sync("LX01")
    row = rows(c)[r.case_number]
    assert (row.status, row.station_code, row.township, row.village) == ("registered", "LX01", "河口镇", "柳树湾村")
    assign(a, r.case_id, dep, "2026-12-10")
    c.sync("LX01")
    row = rows(c)[r.case_number]
    assert (row.status, row.department, row.deadline) == ("assigned", "县水利局", dt.date(2026, 12, 10))
    assert row.accepted_at is not None and row.assigned_at is not None
    # the county's own write (through commit_hub_change) updates the row in the same transaction
    hc.act_on_case(c.hub, r.case_number, EventKind.SUPERVISE, {"text": "请加快"}, "县人大")
    hc.act_on_case(c.hub, r.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved",
                                                            "reply_class": "A"}, "县水利局")
    row = rows(c)[r.case_number]
    assert (row.status, row.escalation_level, row.reply_class, row.resolution) == ("replied", 1, "A", "solved")


def test_the_index_follows_a_usb_import(c, admin, tmp_path):
    a = station(c, "LX01", "河口镇")
    r = register(a, admin, "路灯不亮")
    out = tmp_path / "one.bundle"
    export_bundle(a, out)
    assert r.case_number not in rows(c)
    hub_bundles.import_bundle(c.hub, out.read_text("utf-8"))
    assert rows(c)[r.case_number].summary.startswith("路灯")


def _push(c, db, change, seq):
    body = {"protocol": PROTOCOL_VERSION, "install_id": config(db).install_id, "changes": [change.wire(seq=seq)]}
    res = c.client.post("/v1/push", json=body, headers={"Authorization": f"Bearer {config(db).credential}"})
    assert res.status_code == 200 and res.json()["results"][0]["status"] == "accepted", res.text


def test_a_deleted_case_leaves_the_index_and_a_deleted_event_is_unfolded(c, admin):
    a = station(c, "LX01", "河口镇")
    keep = register(a, admin, "路灯不亮")
    gone = register(a, admin, "桥面塌了")
    act_on_case(a, STAFF, keep.case_id, EventKind.ACCEPT)
    c.sync("LX01")
    assert rows(c)[keep.case_number].status == "accepted"
    with c.hub.tx() as s:
        t = HubRecord.__table__
        recs = {r.id: r for r in s.execute(select(t).where(t.c.entity.in_(["cases", "case_events"])))}
    stamp = HLC(10**12 * 2, 0, "x").encode()
    origin = str(a.station_id())
    _push(c, a, new_change("cases", str(gone.case_id), "delete", {}, stamp, origin, base=recs[gone.case_id].hlc), 10_000)
    assert gone.case_number not in rows(c) and keep.case_number in rows(c)
    accept = next(r for r in recs.values() if r.parent_id == keep.case_id and '"accept"' in r.fields)
    _push(c, a, new_change("case_events", str(accept.id), "delete", {}, stamp, origin, base=accept.hlc), 10_001)
    assert rows(c)[keep.case_number].status == "registered"


def test_renamed_department_village_and_station_show_their_new_names(c, admin):
    a = station(c, "LX01", "河口镇", villages=("柳树湾村", "杨家坪村"))
    dep = hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    r = register(a, admin, "灌溉渠堵了")
    other = register(a, admin, "路灯坏了", village="杨家坪村")
    c.sync("LX01")
    assign(a, r.case_id, dep, "2026-12-10")
    c.sync("LX01")
    hc.update_reference(c.hub, "departments", "县水利局", {"name": "县水务局"})
    village = next(v for v in reference.list_items(a, "village") if v.name == "柳树湾村")
    reference.rename_item(a, STAFF, "village", village.id, "柳湾村")
    c.sync("LX01")
    got = rows(c)
    assert (got[r.case_number].department, got[r.case_number].village) == ("县水务局", "柳湾村")
    assert got[other.case_number].village == "杨家坪村", "only the renamed village's cases change"
    found = queries.case_queue(c.hub, COUNTY, QueueFilters(department="县水务局"), today=TODAY)
    assert [x.case_no for x in found.rows] == [r.case_number]


def test_reindex_rebuilds_the_same_rows(c, admin):
    a = station(c, "LX01", "河口镇")
    dep = hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    r = register(a, admin, "灌溉渠堵了")
    c.sync("LX01")
    assign(a, r.case_id, dep, "2026-12-10")
    register(a, admin, "路灯坏了")
    c.sync("LX01")
    before = {k: tuple(v) for k, v in rows(c).items()}
    with c.hub.tx() as s:
        s.execute(CaseIndexRow.__table__.delete())
    assert rows(c) == {}
    with c.hub.tx() as s:
        assert index.reindex(s, c.hub.county, batch=1) == 2
    assert {k: tuple(v) for k, v in rows(c).items()} == before


# -- search --------------------------------------------------------------------------------------------
def test_two_character_words_are_found_and_unrelated_cases_are_not(c, admin):
    a = station(c, "LX01", "河口镇")
    irrigation = register(a, admin, "三组的灌溉渠堵了，秧田没水")
    lights = register(a, admin, "村口路灯晚上不亮")
    register(a, admin, "低保名单要公示")
    register(a, admin, "溉灌二字倒过来")  # the same characters, not the word
    c.sync("LX01")

    def found(q):
        return [x.case_no for x in queries.case_queue(c.hub, COUNTY, QueueFilters(q=q), today=TODAY).rows]

    assert found("灌溉") == [irrigation.case_number]
    assert found("路灯") == [lights.case_number]
    assert found("灌溉渠") == [irrigation.case_number]
    assert found("灌溉 秧田") == [irrigation.case_number], "space-separated terms must all occur"
    assert found("灌溉 路灯") == []
    assert found("公路") == []
    assert found(irrigation.case_number.lower()) == [irrigation.case_number], "a case number, as typed"
    assert found("！？") == []


# -- tiles and queues ------------------------------------------------------------------------------------
@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def seeded(request, tmp_path_factory):
    """Hand-counted: LX01 and LX02 in 河口镇, LX03 in 石桥乡; two departments. Today is 2026-12-07 (Mon).

    LX01: A overdue (deadline 12-04, 县水利局), B due Wed 12-09 (县水利局), C accepted only, D replied
          (县交通局, red), E followed up unsatisfied, F closed
    LX02: G registered, red
    LX03: H assigned 县交通局, deadline 12-31; I withdrawn

    Built once per database for the module (three stations take seconds); the tests that write to it come
    last in this file and write only what the earlier ones do not look at.
    """
    tmp = tmp_path_factory.mktemp("seeded")
    schema = None
    if request.param == "sqlite":
        c = County(tmp, lambda: make_engine(f"sqlite:///{tmp / 'hub.sqlite3'}"))
    else:
        schema = PgSchema()
        c = County(tmp, schema.engine)
    try:
        yield c, _seed(c, SYSTEM_ADMIN)
    finally:
        c.close()
        if schema is not None:
            schema.drop()


def _seed(c, admin):
    a = station(c, "LX01", "河口镇")
    b = station(c, "LX02", "河口镇")
    d = station(c, "LX03", "石桥乡")
    water = hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    roads = hc.add_reference(c.hub, "departments", {"name": "县交通局"})
    c.sync("LX01"), c.sync("LX02"), c.sync("LX03")
    n = {}
    n["A"] = register(a, admin, "灌溉渠堵了")
    assign(a, n["A"].case_id, water, "2026-12-04")
    n["B"] = register(a, admin, "机井没电")
    assign(a, n["B"].case_id, water, "2026-12-09")
    n["C"] = register(a, admin, "路面坑洼")
    act_on_case(a, STAFF, n["C"].case_id, EventKind.ACCEPT)
    n["D"] = register(a, admin, "桥栏杆断了", triage="red")
    assign(a, n["D"].case_id, roads, "2026-12-20")
    act_on_case(a, STAFF, n["D"].case_id, EventKind.REPLY, {"resolution": "solved", "text": "已修"})
    for key, satisfaction in (("E", "unsatisfied"), ("F", "satisfied")):
        n[key] = register(a, admin, f"案件{key}")
        assign(a, n[key].case_id, roads, "2026-12-20")
        act_on_case(a, STAFF, n[key].case_id, EventKind.REPLY, {"resolution": "solved", "text": "已办"})
        act_on_case(a, STAFF, n[key].case_id, EventKind.FOLLOW_UP, {"satisfaction": satisfaction})
    act_on_case(a, STAFF, n["F"].case_id, EventKind.CLOSE)
    n["G"] = register(b, admin, "低保评定不公", triage="red")
    n["H"] = register(d, admin, "渡口缺救生衣")
    assign(d, n["H"].case_id, roads, "2026-12-31")
    n["I"] = register(d, admin, "已经自己解决了")
    act_on_case(d, STAFF, n["I"].case_id, EventKind.WITHDRAW, {"text": "群众撤回"})
    c.sync("LX01"), c.sync("LX02"), c.sync("LX03")
    return {k: v.case_number for k, v in n.items()}


EXPECTED = {"open": "ABCDEGH", "overdue": "A", "due_soon": "B", "accepted_unassigned": "C",
            "red_or_key": "DG", "replied_unfollowed": "D", "unsatisfied": "E"}


def test_each_tile_counts_its_own_list(seeded):
    c, n = seeded
    tiles = queries.home_tiles(c.hub, COUNTY, TODAY)
    assert [t.name for t in tiles] == list(EXPECTED)
    for tile in tiles:
        listed = queries.case_queue(c.hub, COUNTY, tile.filters, page_size=200, today=TODAY)
        assert {r.case_no for r in listed.rows} == {n[k] for k in EXPECTED[tile.name]}, tile.name
        assert tile.count == listed.total == len(EXPECTED[tile.name]), tile.name


def test_the_queue_filters_sorts_pages_and_labels(seeded):
    c, n = seeded
    every = queries.case_queue(c.hub, COUNTY, page_size=4, today=TODAY)
    assert every.total == 9 and len(every.rows) == 4 and every.pages == 3
    second = queries.case_queue(c.hub, COUNTY, page=3, page_size=4, today=TODAY)
    assert len(second.rows) == 1
    by_station = queries.case_queue(c.hub, COUNTY, QueueFilters(station="lx03"), today=TODAY)
    assert {r.case_no for r in by_station.rows} == {n["H"], n["I"]}
    assert queries.case_queue(c.hub, COUNTY, QueueFilters(township="石桥乡"), today=TODAY).total == 2
    assert queries.case_queue(c.hub, COUNTY, QueueFilters(triage="red"), today=TODAY).total == 2
    assert queries.case_queue(c.hub, COUNTY, QueueFilters(status="closed"), today=TODAY).rows[0].case_no == n["F"]
    window = queries.case_queue(c.hub, COUNTY, QueueFilters(deadline_from=dt.date(2026, 12, 5),
                                                             deadline_to=dt.date(2026, 12, 20)), today=TODAY)
    assert {r.case_no for r in window.rows} == {n[k] for k in "BDEF"}
    ordered = queries.case_queue(c.hub, COUNTY, QueueFilters(department="县水利局"), sort="deadline", today=TODAY)
    assert [r.case_no for r in ordered.rows] == [n["A"], n["B"]]
    a = ordered.rows[0]
    assert (a.status_label, a.department, a.days_overdue, a.village) == ("已交办", "县水利局", 3, "柳树湾村")
    assert ordered.rows[1].days_overdue == 0
    with pytest.raises(DomainError):
        queries.case_queue(c.hub, COUNTY, sort="nonsense")


def test_a_township_or_department_viewer_sees_only_theirs(seeded):
    c, n = seeded
    township = Viewer("t", "乡", ViewerRole.TOWNSHIP_STAFF, township="石桥乡")
    roads = Viewer("d", "交", ViewerRole.DEPARTMENT, department="县交通局")
    assert {r.case_no for r in queries.case_queue(c.hub, township, today=TODAY).rows} == {n["H"], n["I"]}
    assert {r.case_no for r in queries.case_queue(c.hub, roads, today=TODAY).rows} == {n[k] for k in "DEFH"}
    # a filter cannot widen what the role sees
    assert queries.case_queue(c.hub, township, QueueFilters(township="河口镇"), today=TODAY).total == 0
    tiles = {t.name: t.count for t in queries.home_tiles(c.hub, township, TODAY)}
    assert tiles["open"] == 1 and tiles["overdue"] == 0
    assert queries.case_page(c.hub, township, n["H"]).case.case_no == n["H"]
    with pytest.raises(DomainError) as refused:
        queries.case_page(c.hub, township, n["A"])
    assert "无权查看" in refused.value.message
    with pytest.raises(DomainError):
        queries.case_page(c.hub, roads, n["G"])
    with pytest.raises(DomainError):  # a department has no figures (access.py)
        queries.home_tiles(c.hub, roads, TODAY)
    assert [s.code for s in queries.station_health(c.hub, township, TODAY)] == ["LX03"]
    opts = queries.filter_options(c.hub, township)
    assert [o.value for o in opts.stations] == ["LX03"] and [o.value for o in opts.townships] == ["石桥乡"]
    assert [o.value for o in queries.filter_options(c.hub, roads).departments] == ["县交通局"]


def test_the_case_page_shows_every_side_and_the_leader_gets_no_phone(seeded):
    c, n = seeded
    hc.act_on_case(c.hub, n["B"], EventKind.SUPERVISE, {"text": "请加快"}, "县人大")
    hc.act_on_case(c.hub, n["B"], EventKind.REPLY, {"text": "已通电", "resolution": "solved"}, "县水利局")
    page = queries.case_page(c.hub, COUNTY, n["B"])
    assert [e.kind for e in page.timeline] == ["register", "accept", "assign", "supervise", "reply"]
    assert [e.side for e in page.timeline] == ["station"] * 3 + ["county", "department"]
    assert page.timeline[0].source == "LX01 LX01 联络站" and page.timeline[3].source == "县级平台"
    assert page.timeline[4].actor_name == "县水利局" and page.timeline[4].label == "答复"
    assert (page.visitor_name, page.visitor_phone) == ("张三", "13800001111")
    assert page.case.status == "replied" and page.content == "机井没电"
    hidden = queries.case_page(c.hub, LEADER, n["B"])
    assert (hidden.visitor_name, hidden.visitor_phone, hidden.personal_shown) == (None, None, False)
    assert "13800001111" not in repr(hidden)
    with pytest.raises(DomainError) as missing:
        queries.case_page(c.hub, COUNTY, "NOPE-1")
    assert "没有编号" in missing.value.message


def test_due_soon_counts_working_days_on_the_county_holiday_calendar(seeded):
    c, n = seeded
    monday = dt.date(2026, 12, 14)  # three working days reach Thu 12-17: D and E (12-20) are not due yet

    def due():
        listed = queries.case_queue(c.hub, COUNTY, QueueFilters(tile="due_soon"), today=monday)
        tile = next(t for t in queries.home_tiles(c.hub, COUNTY, monday) if t.name == "due_soon")
        assert tile.count == listed.total
        return {r.case_no for r in listed.rows}

    assert due() == set()
    # Tue to Thu made holidays by the county: the three working days now reach Tue 12-22
    for day in ("2026-12-15", "2026-12-16", "2026-12-17"):
        hc.add_reference(c.hub, "holidays", {"date": day, "kind": "holiday", "name": "测试假"})
    assert due() == {n["D"], n["E"]}


def test_station_health_counts_open_conflicts_and_flags_silent_stations(seeded):
    c, _n = seeded
    from liaison_desk.hub.schema import HubConflict, HubStation

    with c.hub.tx() as s:
        s.add(HubConflict(county_id=c.hub.county, id=uuid.uuid4(), kind="field", entity="cases",
                          station_code="LX02", reason="", detected_at=dt.datetime(2026, 12, 1), seen=0))
        s.add(HubConflict(county_id=c.hub.county, id=uuid.uuid4(), kind="field", entity="cases",
                          station_code="LX02", reason="", detected_at=dt.datetime(2026, 12, 1), seen=1))
        st = s.scalar(select(HubStation).where(HubStation.code == "LX03"))
        st.last_seen_at = dt.datetime(2026, 11, 20, 8)
    health = {h.code: h for h in queries.station_health(c.hub, COUNTY, TODAY, silent_days=7)}
    assert health["LX02"].open_conflicts == 1 and health["LX01"].open_conflicts == 0
    assert health["LX03"].silent and health["LX03"].days_silent == 17
    assert health["LX03"].township == "石桥乡"
    later = {h.code: h for h in queries.station_health(c.hub, COUNTY, TODAY, silent_days=30)}
    assert not later["LX03"].silent


def test_the_search_tokens_are_the_desks_unigrams_and_bigrams():
    assert index.tokens("灌溉渠 LX01") == ["灌", "灌溉", "溉", "溉渠", "渠", "l", "lx", "x", "x0", "0", "01", "1"]
    assert json.dumps(index.tokens("")) == "[]"


def test_the_migration_backfills_the_cases_a_hub_already_holds(c, admin):
    from alembic import command

    from liaison_desk.hub.database import alembic_config

    a = station(c, "LX01", "河口镇")
    r = register(a, admin, "灌溉渠堵了")
    act_on_case(a, STAFF, r.case_id, EventKind.ACCEPT)
    c.sync("LX01")
    before = {k: tuple(v) for k, v in rows(c).items()}
    with c.engine.connect() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "h0003")
        command.upgrade(cfg, "head")
        conn.commit()
    after = {k: tuple(v) for k, v in rows(c).items()}
    assert after == before and after[r.case_number][13] == "accepted"


def test_the_countys_console_actions_reach_the_index(c, admin):
    """交办 by the county, 重点督办 mark, A/B/C/D reply, 退办 by the department: each through the console's
    action service, and the row and the lists follow in the same transaction."""
    from liaison_desk.hub.console import actions

    a = station(c, "LX01", "河口镇")
    hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    r = register(a, admin, "灌溉渠堵了")
    act_on_case(a, STAFF, r.case_id, EventKind.ACCEPT)
    c.sync("LX01")
    water = Viewer("d", "水", ViewerRole.DEPARTMENT, department="县水利局")
    actions.assign(c.hub, COUNTY, r.case_number, department="县水利局", working_days=5, today=TODAY)
    actions.mark_key_supervision(c.hub, COUNTY, r.case_number, on=True)
    row = rows(c)[r.case_number]
    assert (row.status, row.department, row.deadline, row.key_supervision) == (
        "assigned", "县水利局", dt.date(2026, 12, 14), True)
    assert [t.case_no for t in queries.case_queue(c.hub, COUNTY, QueueFilters(tile="red_or_key"), today=TODAY).rows] \
        == [r.case_number]
    assert queries.case_queue(c.hub, water, today=TODAY).total == 1
    actions.return_case(c.hub, water, r.case_number, reason="不属于本单位职责", today=TODAY)
    row = rows(c)[r.case_number]
    assert (row.status, row.department, row.deadline) == ("accepted", "", None)
    assert queries.case_queue(c.hub, water, today=TODAY).total == 0, "a returned case leaves the department's list"
    page = queries.case_page(c.hub, COUNTY, r.case_number)
    assert [(e.kind, e.side) for e in page.timeline][-3:] == [
        ("assign", "county"), ("key_supervision", "county"), ("return", "department")]
