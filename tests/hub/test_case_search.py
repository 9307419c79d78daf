"""The console's search table (``hub_case_search``) and the reads made fast for 1,000,000 cases (issue 15):
the search rows follow every write (push, deletion, rename) of their case, a search alone (counted and paged
on the search table) lists the same rows as the general query, the tiles' partial indexes are the domain's
open statuses, and a case page is a few statements whatever its events. SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select

from liaison_desk.domain.access import Role as ViewerRole
from liaison_desk.domain.access import Viewer
from liaison_desk.domain.hlc import HLC
from liaison_desk.domain.workflow import OPEN_STATUSES, EventKind
from liaison_desk.hub import county as hc
from liaison_desk.hub.console import queries
from liaison_desk.hub.console.index_schema import OPEN_STATUS_VALUES, CaseIndexRow, CaseSearchRow
from liaison_desk.hub.console.queries import QueueFilters
from liaison_desk.hub.schema import HubRecord
from liaison_desk.services.cases.actions import act_on_case
from liaison_desk.services.desk import reference
from liaison_desk.sync.protocol import new_change
from tests.hub.test_case_index import COUNTY, STAFF, TODAY, _push, assign, register, station


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def c(request):
    return request.getfixturevalue("county" if request.param == "sqlite" else "pg_county")


def search_rows(c):
    with c.hub.tx() as s:
        return {r.case_id: r for r in s.execute(select(CaseSearchRow.__table__))}


def index_rows(c):
    with c.hub.tx() as s:
        return {r.case_id: r for r in s.execute(select(CaseIndexRow.__table__))}


def found(c, q, viewer=COUNTY, **filters):
    page = queries.case_queue(c.hub, viewer, QueueFilters(q=q, **filters), today=TODAY)
    return [x.case_no for x in page.rows], page.total


def test_the_search_rows_follow_writes_deletions_and_renames(c, admin):
    a = station(c, "LX01", "河口镇", villages=("柳树湾村", "杨家坪村"))
    dep = hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    keep = register(a, admin, "灌溉渠堵了")
    gone = register(a, admin, "路灯不亮", village="杨家坪村")
    c.sync("LX01")
    search, ix = search_rows(c), index_rows(c)
    assert set(search) == set(ix) == {keep.case_id, gone.case_id}
    for cid, row in search.items():  # what a search sorts and narrows by is the index row's
        assert (row.registered_at, row.township, row.department) == (
            ix[cid].registered_at, ix[cid].township, ix[cid].department)
    assert keep.case_number.lower() in search[keep.case_id].search_text and "柳树湾村" in search[keep.case_id].search_text
    if c.engine.dialect.name == "postgresql":
        assert {"灌溉", "溉渠", "柳树"} <= set(search[keep.case_id].search_tokens)

    assign(a, keep.case_id, dep, "2026-12-20")  # the department reaches the search row
    c.sync("LX01")
    assert search_rows(c)[keep.case_id].department == "县水利局"
    water = Viewer("d", "水", ViewerRole.DEPARTMENT, department="县水利局")
    assert found(c, "灌溉", water) == ([keep.case_number], 1)

    hc.update_reference(c.hub, "departments", "县水利局", {"name": "县水务局"})
    assert search_rows(c)[keep.case_id].department == "县水务局", "a renamed department: its cases' search rows"
    waters = Viewer("d", "水", ViewerRole.DEPARTMENT, department="县水务局")
    assert found(c, "灌溉", waters) == ([keep.case_number], 1)
    assert found(c, "灌溉", water) == ([], 0)

    with c.hub.tx() as s:
        t = HubRecord.__table__
        case_rec = s.execute(select(t).where(t.c.entity == "cases", t.c.id == gone.case_id)).one()
    stamp = HLC(10**12 * 2, 0, "x").encode()
    _push(c, a, new_change("cases", str(gone.case_id), "delete", {}, stamp, str(a.station_id()), base=case_rec.hlc),
          10_000)
    assert set(search_rows(c)) == {keep.case_id}, "a deleted case leaves the search table"
    assert found(c, "路灯") == ([], 0)


def test_a_renamed_village_is_searched_by_its_new_name(c, admin):
    a = station(c, "LX01", "河口镇")
    r = register(a, admin, "渠道堵了")
    c.sync("LX01")
    assert found(c, "柳树湾") == ([r.case_number], 1)
    village = next(v for v in reference.list_items(a, "village") if v.name == "柳树湾村")
    reference.rename_item(a, STAFF, "village", village.id, "新柳村")
    c.sync("LX01")
    assert found(c, "新柳") == ([r.case_number], 1), "the case is found by the village's new name"
    assert found(c, "柳树湾") == ([], 0), "and no longer by the old one"


def test_a_search_alone_lists_what_the_general_query_lists(c, admin):
    """The search alone is counted and paged on the search table; the same search with a filter that keeps
    every case (the township all of them are in) takes the general query: the same rows, order and total."""
    a = station(c, "LX01", "河口镇")
    b = station(c, "LX02", "石桥乡")
    cases = [register(a if i % 3 else b, admin, f"第{i}件：灌溉渠堵了" if i % 2 else f"第{i}件：路灯不亮")
             for i in range(9)]
    c.sync("LX01"), c.sync("LX02")
    township = Viewer("t", "乡", ViewerRole.TOWNSHIP_STAFF, township="河口镇")
    for q in ("灌溉", "灌溉渠", "路灯 不亮", "灌", "公路"):
        for sort in ("registered_desc", "registered_asc"):
            for page in (1, 2):
                alone = queries.case_queue(c.hub, township, QueueFilters(q=q), page=page, page_size=2, sort=sort,
                                           today=TODAY)
                general = queries.case_queue(c.hub, township, QueueFilters(q=q, township="河口镇"), page=page,
                                             page_size=2, sort=sort, today=TODAY)
                assert alone == general, (q, sort, page)
    every = queries.case_queue(c.hub, township, QueueFilters(q="灌溉"), page_size=50, today=TODAY)
    expected = [x for i, x in enumerate(cases) if i % 2 and i % 3]
    assert every.total == len(expected) == 3
    assert sorted(r.case_no for r in every.rows) == sorted(x.case_number for x in expected)
    assert [r.registered_at for r in every.rows] == sorted((r.registered_at for r in every.rows), reverse=True)


def test_the_partial_indexes_name_the_domains_open_statuses():
    assert sorted(OPEN_STATUS_VALUES) == sorted(s.value for s in OPEN_STATUSES)


def test_a_case_page_is_three_statements_whatever_its_events(c, admin):
    a = station(c, "LX01", "河口镇")
    dep = hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    r = register(a, admin, "灌溉渠堵了")
    c.sync("LX01")
    assign(a, r.case_id, dep, "2026-12-20")
    act_on_case(a, STAFF, r.case_id, EventKind.REPLY, {"resolution": "solved", "text": "已修"})
    c.sync("LX01")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(statement)

    event.listen(c.engine, "before_cursor_execute", count)
    try:
        page = queries.case_page(c.hub, COUNTY, r.case_number, today=TODAY)
    finally:
        event.remove(c.engine, "before_cursor_execute", count)
    assert [e.kind for e in page.timeline] == ["register", "accept", "assign", "reply"]
    assert page.timeline[0].source == "LX01 LX01 联络站"
    assert page.visitor_name == "张三" and page.visitor_phone == "13800001111"
    # the index row; the case with its events and their stations; the person with the visit
    assert len(statements) <= 3, statements
    assert dt.date(2026, 12, 20) == page.case.deadline
