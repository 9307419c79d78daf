"""Chinese full-text search: one- and two-character words, names, numbers, villages; every write path."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from liaison_desk.db.models import Case, Village
from liaison_desk.db.models_desk import install_search_index, search_index_ok
from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.textsearch import fts_match, index_tokens, query_terms
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.cases import search_index as search_mod
from liaison_desk.services.cases.listing import CaseFilter, count_cases, page_cases
from liaison_desk.services.cases.search import count_matches, ensure_search_index, search_cases

from .helpers import walk_in


def numbers(rows):
    return {r.number for r in rows}


@pytest.fixture
def three(db, deputy_actor):
    a = walk_in(db, deputy_actor, "村里的灌溉渠堵了，庄稼浇不上水。", name="刘桂兰", village="柳树湾村")
    b = walk_in(db, deputy_actor, "北街路灯坏了半年，晚上看不见路。", name="王𠮷明", village="东风村")
    c = walk_in(db, deputy_actor, "希望修一条水泥路。", name="陈志强", phone="13700001111", village="红旗村")
    return a, b, c


def test_query_terms_and_match_expression():
    assert query_terms(" 灌溉，路灯! ") == ["灌溉", "路灯"]
    assert fts_match("路") == 'uni : "路"'
    assert fts_match("灌溉渠") == 'bi : "灌溉 溉渠"'
    assert fts_match("LX01") == 'bi : "lx x0 01"'
    assert fts_match("，。！") is None
    assert index_tokens("灌溉渠") == ("灌 溉 渠", "灌溉 溉渠")


def test_two_character_words_and_single_characters(db, three):
    a, b, c = three
    assert numbers(search_cases(db, "灌溉")) == {a.case_number}
    assert numbers(search_cases(db, "路灯")) == {b.case_number}
    assert numbers(search_cases(db, "路")) == {b.case_number, c.case_number}  # 路灯, 看不见路, 水泥路
    assert numbers(search_cases(db, "灌溉渠堵")) == {a.case_number}
    assert search_cases(db, "渠灌") == []  # characters present, but not next to each other
    assert numbers(search_cases(db, "水 路")) == {c.case_number}  # every term must occur


def test_visitor_name_number_and_village(db, three):
    a, b, c = three
    assert numbers(search_cases(db, "王𠮷明")) == {b.case_number}  # a name with a rare character
    assert numbers(search_cases(db, "陈志强")) == {c.case_number}
    assert numbers(search_cases(db, a.case_number)) == {a.case_number}
    assert numbers(search_cases(db, a.case_number.lower())) == {a.case_number}
    assert numbers(search_cases(db, "东风村")) == {b.case_number}


def test_newest_first_and_keyset_pages(db, deputy_actor):
    made = [walk_in(db, deputy_actor, f"第{i}号：灌溉用水问题").case_number for i in range(7)]
    first = search_cases(db, "灌溉", limit=3)
    assert [r.number for r in first] == made[::-1][:3]
    rest = search_cases(db, "灌溉", limit=10, after=first[-1].key)
    assert [r.number for r in rest] == made[::-1][3:]
    assert count_matches(db, "灌溉") == 7
    assert count_matches(db, "灌溉", cap=5) == 5


def test_case_list_filters_by_text_with_other_filters(db, three, deputy_actor):
    _a, b, c = three
    vid = None
    with db.session(write=False) as s:
        vid = s.scalar(select(Village.id).where(Village.name == "红旗村"))
    f = CaseFilter(text="路", village_id=vid)
    assert numbers(page_cases(db, f)) == {c.case_number}
    assert count_cases(db, f) == 1
    assert count_cases(db, CaseFilter(text="路", status="closed")) == 0
    assert numbers(page_cases(db, CaseFilter(text="路", sort="number"))) == {b.case_number, c.case_number}


def test_bad_queries_are_refused_kindly(db):
    with pytest.raises(ValidationError) as e:
        search_cases(db, "，，")
    assert "请输入" in e.value.message
    with pytest.raises(ValidationError):
        search_cases(db, "路" * 101)


def test_demo_bulk_insert_is_indexed(empty_db):
    """The demo writes through driver-level executemany (no ORM events): the triggers still index it."""
    generate_demo(empty_db, visits=120, seed=5, end=dt.date(2026, 6, 30))
    with empty_db.session(write=False) as s:
        n = s.scalar(select(Case.id).limit(1)) and count_cases(empty_db)
        irrigation = [r for r in s.execute(select(Case.number, Case.content)) if "灌溉" in r[1]]
    assert n and numbers(search_cases(empty_db, "灌溉", limit=1000)) == {r[0] for r in irrigation}
    with empty_db.engine.connect() as conn:
        assert search_index_ok(conn)


def test_content_edit_and_village_rename_reindex(db, three):
    a, b, _c = three
    with db.session() as s:
        case = s.get(Case, a.case_id)
        case.content = "村口的桥塌了"
    assert search_cases(db, "灌溉") == []
    assert numbers(search_cases(db, "桥塌")) == {a.case_number}
    with db.session() as s:
        s.execute(update(Village).where(Village.name == "东风村").values(name="东升村"))
    assert search_cases(db, "东风") == []
    assert numbers(search_cases(db, "东升村")) == {b.case_number}
    assert numbers(search_cases(db, "路灯")) == {b.case_number}


def test_a_lost_index_is_rebuilt(db, three, monkeypatch):
    a, _b, _c = three
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER case_search_ai")
        conn.exec_driver_sql("INSERT INTO case_search(case_search) VALUES ('delete-all')")
        assert not search_index_ok(conn)
    monkeypatch.setattr(search_mod, "_checked", type(search_mod._checked)())
    assert ensure_search_index(db) is True
    assert numbers(search_cases(db, "灌溉")) == {a.case_number}
    with db.engine.begin() as conn:
        assert search_index_ok(conn)
        install_search_index(conn, rebuild=True)  # idempotent
        assert search_index_ok(conn)


def test_tombstoned_cases_are_not_found(db, three):
    from liaison_desk.db.changes import tombstone

    a, _b, _c = three
    with db.session() as s:
        tombstone(s.get(Case, a.case_id))
    assert search_cases(db, "灌溉") == []
