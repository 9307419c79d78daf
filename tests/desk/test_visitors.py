"""A returning visitor by phone; similar open cases before a duplicate is created."""

from __future__ import annotations

import pytest

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.similarity import bigrams, rank_similar, similarity
from liaison_desk.domain.workflow import EventKind
from liaison_desk.services.cases.actions import act_on_case
from liaison_desk.services.cases.visitors import find_visitor, similar_open_cases

from .helpers import category_id, walk_in


def test_bigram_jaccard():
    assert bigrams("路灯坏了！") == {"路灯", "灯坏", "坏了"}
    assert bigrams("灯") == {"灯"}
    assert similarity("北街路灯坏了", "北街路灯坏了") == 1.0
    assert similarity("北街路灯坏了", "自来水停了") == 0.0
    assert 0.3 < similarity("北街的路灯坏了半年", "北街路灯坏了，晚上很黑") < 1
    ranked = rank_similar("路灯坏了", [("a", "水管漏水"), ("b", "东头路灯坏了"), ("c", "路灯不亮")], threshold=0.1)
    assert [r.key for r in ranked] == ["b", "c"]


def test_returning_visitor_is_found_by_phone_with_earlier_cases(db, deputy_actor):
    first = walk_in(db, deputy_actor, "北街路灯坏了", phone="139 1234 5678")
    second = walk_in(db, deputy_actor, "灌溉渠堵了", phone="+86 13912345678")
    walk_in(db, deputy_actor, "别人的事", name="陈志强", phone="13700001111")
    found = find_visitor(db, "139-1234-5678")
    assert len(found) == 1
    v = found[0]
    assert (v.name, v.phone, v.village, v.visit_count) == ("刘大妈", "13912345678", "柳树湾村", 2)
    assert [c.number for c in v.cases] == [second.case_number, first.case_number]
    assert find_visitor(db, "13800000000") == []
    assert find_visitor(db, "") == []
    with pytest.raises(ValidationError):
        find_visitor(db, "12ab")


def test_similar_open_cases_same_village_and_category(db, deputy_actor):
    cat = category_id(db, "IRR")
    other_cat = category_id(db, "ROAD")
    assert cat != other_cat
    a = walk_in(db, deputy_actor, "三组灌溉渠堵了，庄稼浇不上水", category=cat)
    walk_in(db, deputy_actor, "三组灌溉渠堵了，庄稼浇不上水", category=cat, village="东风村")  # other village
    walk_in(db, deputy_actor, "三组灌溉渠堵了，庄稼浇不上水", category=other_cat)  # other category
    closed = walk_in(db, deputy_actor, "三组灌溉渠堵了", category=cat)
    act_on_case(db, deputy_actor, closed.case_id, EventKind.WITHDRAW, {"text": "已解决"})
    walk_in(db, deputy_actor, "机井水泵坏了", category=cat)

    got = similar_open_cases(db, None, cat, "灌溉渠又堵了，浇不上水", village="柳树湾村")
    assert [g.number for g in got] == [a.case_number]
    assert 0 < got[0].score <= 1
    assert similar_open_cases(db, None, cat, "灌溉渠堵了", village="没来过的村") == []
    assert similar_open_cases(db, None, cat, "  ") == []
