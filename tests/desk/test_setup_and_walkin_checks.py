"""The checks the first-run wizard and the walk-in form make before writing (issue 13, items 5 and 10)."""

from __future__ import annotations

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.services.admin.setup import check_station_code, check_village_names, init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.cases.visitors import check_visit_field, possible_duplicates
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.desk import lookups


def test_a_station_code_is_checked_for_form_and_for_use(db):
    assert check_station_code(db, " lx02 ") == "LX02"
    with pytest.raises(DomainError) as err:
        check_station_code(db, "LX01")  # this database's own station has it
    assert err.value.field == "station_code" and "LX01" in err.value.message
    with pytest.raises(DomainError, match="S"):
        check_station_code(db, "LS01")


def test_villages_typed_one_per_line(empty_db):
    assert check_village_names(["柳树湾村", "", " 河口社区 ", "柳树湾村"]) == ["柳树湾村", "河口社区"]
    with pytest.raises(DomainError, match="至少"):
        check_village_names(["", "  "])
    with pytest.raises(DomainError, match="第 2 行"):
        check_village_names(["柳树湾村", "很" * 61])
    init_station(empty_db, name="柳树湾村人大代表联络站", code="LX01", admin_pin="2468",
                 villages=["柳树湾村", "河口社区"])
    assert [c.name for c in lookups.list_villages(empty_db)] == ["柳树湾村", "河口社区"]
    assert lookups.find_village(empty_db, " 柳树湾村 ") is not None
    assert lookups.find_village(empty_db, "柳树") is None  # half a name is not a village


def test_walkin_fields_are_checked_as_the_registration_will(db):
    assert check_visit_field("visitor_phone", "13912345678") is None
    assert "电话" in check_visit_field("visitor_phone", "12345").message
    assert "姓名" in check_visit_field("visitor_names", " ").message
    assert check_visit_field("visitor_names", "张三、李四") is None
    assert check_visit_field("content", "").message == "请填写群众反映的内容。"
    assert check_visit_field("village", "") is None


def test_possible_duplicates_are_similar_cases_and_the_visitors_open_ones(db):
    first = register_visit(db, SYSTEM_ADMIN, VisitInput("张大爷", visitor_phone="13912345678", village="柳树湾村"),
                           CaseInput("路灯坏了三盏，晚上出行不便。"))
    similar = register_visit(db, SYSTEM_ADMIN, VisitInput("王五", village="柳树湾村"),
                             CaseInput("村东头灌溉渠堵了两个月，春灌放不下水。"))
    found = possible_duplicates(db, "灌溉渠堵了，春灌放不下水", village="柳树湾村", phone="139 1234 5678",
                                name="张大爷")
    assert [(c.number, c.why) for c in found] == [(similar.case_number, "similar"), (first.case_number, "visitor")]
    assert possible_duplicates(db, "灌溉渠堵了，春灌放不下水", village="柳树湾村", phone="13912345678",
                               name="张大娘") == found[:1]  # another person sharing the phone
