"""The console's administration services (issue 15), without a browser: reference data checked like the command
line's and reaching the stations, station enrollment, conflicts in words and marked handled (audited)."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from liaison_desk.db.models import Category, Department, Deputy
from liaison_desk.db.models_desk import Holiday
from liaison_desk.domain import reference_forms
from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.errors import DomainError, PermissionDenied, ValidationError
from liaison_desk.domain.timeutil import utcnow
from liaison_desk.hub.cli import main as hub_main
from liaison_desk.hub.console import admin, auth
from liaison_desk.hub.schema import HubConflict, HubRecord

ADMIN = Viewer(str(uuid.uuid4()), "管理员", Role.COUNTY_ADMIN)
STAFF = Viewer(str(uuid.uuid4()), "王芳", Role.COUNTY_STAFF)
LEADER = Viewer(str(uuid.uuid4()), "李书记", Role.LEADER)


def test_the_command_line_refuses_a_second_department_of_one_name(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_main(["--db", url, "ref-add", "departments", "name=县水利局"]) == 0
    assert hub_main(["--db", url, "ref-add", "departments", "name=县水利局"]) == 1  # stations keep names unique
    assert "已经在名单中" in capsys.readouterr().err
    assert hub_main(["--db", url, "ref-add", "deputies", "name=王建国", "level=county", "phone=12345"]) == 1
    assert "电话号码" in capsys.readouterr().err


def test_reference_forms_check_fields_in_chinese_and_refuse_duplicates(county):
    with pytest.raises(ValidationError) as e:
        admin.add_reference(county.hub, STAFF, "deputies", {"name": "王建国", "level": "mayor"})
    assert e.value.field == "level" and "代表层级应为" in e.value.message
    with pytest.raises(ValidationError) as e:
        admin.add_reference(county.hub, STAFF, "categories", {"code": "路灯", "name": "路灯"})
    assert e.value.field == "code"
    admin.add_reference(county.hub, STAFF, "categories", {"code": "road2", "name": "乡村道路", "livelihood": "1"})
    with pytest.raises(ValidationError) as e:
        admin.add_reference(county.hub, STAFF, "categories", {"code": "ROAD2", "name": "别的"})
    assert e.value.field == "code" and "已被" in e.value.message
    admin.add_reference(county.hub, STAFF, "holidays", {"date": "2027年2月10日", "kind": "holiday", "name": "春节"})
    with pytest.raises(ValidationError) as e:
        admin.add_reference(county.hub, STAFF, "holidays", {"date": "2027-02-10", "kind": "workday"})
    assert e.value.field == "date"
    with pytest.raises(reference_forms.FormErrors) as many:  # every field at fault at once, for the form
        admin.add_reference(county.hub, STAFF, "deputies", {"name": "王1", "level": "", "phone": "123"})
    assert set(many.value.errors) == {"name", "level", "phone"}
    with pytest.raises(PermissionDenied):
        admin.add_reference(county.hub, LEADER, "departments", {"name": "县交通局"})
    assert [r.fields["code"] for r in admin.reference_list(county.hub, "categories")] == ["ROAD2"]


def test_reference_data_from_the_forms_reaches_a_station_at_its_next_sync(county):
    db = county.add_station("LX01")
    dep = admin.add_reference(county.hub, STAFF, "departments", {"name": "县水利局", "short_name": "水利"})
    admin.add_reference(county.hub, STAFF, "deputies", {"name": "王建国", "level": "county", "phone": "13912345678",
                                                         "code": "D001"})
    admin.add_reference(county.hub, STAFF, "categories", {"code": "IRR2", "name": "山塘灌溉"})  # box unticked
    day = admin.add_reference(county.hub, STAFF, "holidays", {"date": "2027-02-10", "kind": "holiday", "name": "春节"})
    admin.edit_reference(county.hub, STAFF, "departments", dep, {"name": "县水务局", "short_name": ""})
    admin.set_reference_active(county.hub, STAFF, "departments", dep, False)
    admin.set_reference_active(county.hub, STAFF, "holidays", day, False)
    county.sync("LX01")
    with db.session(write=False) as s:
        d = s.get(Department, uuid.UUID(dep))
        assert d is not None and (d.name, d.short_name, d.active) == ("县水务局", "", False)
        deputy = s.scalar(select(Deputy).where(Deputy.name == "王建国"))
        assert deputy is not None and (deputy.level, deputy.phone, deputy.code) == ("county", "13912345678", "D001")
        cat = s.scalar(select(Category).where(Category.code == "IRR2"))
        assert cat is not None and cat.livelihood is False
        h = s.get(Holiday, uuid.UUID(day))
        assert h is not None and h.deleted_hlc is not None
    # the day added again comes back on its own record (a station keeps one row per date)
    again = admin.add_reference(county.hub, STAFF, "holidays", {"date": "2027-02-10", "kind": "workday"})
    assert again == day
    county.sync("LX01")
    with db.session(write=False) as s:
        h = s.get(Holiday, uuid.UUID(day))
        assert h is not None and h.deleted_hlc is None and h.kind == "workday"
    actions = [r.action for r in auth.audit_page(county.hub)[0]]
    assert actions.count("reference_add") == 5 and "reference_remove" in actions and "reference_edit" in actions


def test_a_station_added_gets_a_token_then_a_file_replaces_it_and_revocation_needs_the_role(county):
    token = admin.add_station(county.hub, ADMIN, "河口联络站", "hk01")
    assert token and admin.station(county.hub, "HK01").state == "waiting"
    with pytest.raises(ValidationError) as e:
        admin.add_station(county.hub, ADMIN, "又一个", "HK01")
    assert e.value.field == "code"
    with pytest.raises(ValidationError) as e:  # a station code goes into case numbers: ASCII only
        admin.add_station(county.hub, ADMIN, "河口联络站", "河口")
    assert e.value.field == "code"
    with pytest.raises(PermissionDenied):
        admin.add_station(county.hub, STAFF, "别的站", "HK02")
    text, name = admin.enrollment_file(county.hub, ADMIN, "HK01", "https://10.0.0.5:8700")
    assert name == "enrollment-HK01.json" and json.loads(text)["body"]["station_code"] == "HK01"
    with pytest.raises(DomainError):  # the file replaced the token: one or the other
        county.hub.enroll(token, str(uuid.uuid4()), "HK01", "install")
    with pytest.raises(PermissionDenied):
        admin.revoke_station(county.hub, STAFF, "HK01")
    admin.revoke_station(county.hub, ADMIN, "HK01")
    assert admin.station(county.hub, "HK01").state == "revoked"
    assert len(admin.fingerprint(county.hub).split()) == 8


def _conflict(county, **kw) -> uuid.UUID:
    ident = uuid.uuid4()
    row = {"county_id": county.hub.county, "id": ident, "kind": "field", "entity": "departments", "entity_id": None,
           "field": None, "kept_value": None, "kept_hlc": None, "lost_value": None, "lost_hlc": None,
           "change_id": None, "station_code": None, "reason": "", "detected_at": utcnow(), "seen": 0}
    row.update(kw)
    with county.hub.tx() as s:
        s.add(HubConflict(**row))
    return ident


def test_conflicts_are_told_in_words_and_marked_handled_with_an_audit_line(county):
    county.add_station("LX01")
    dep = admin.add_reference(county.hub, STAFF, "departments", {"name": "县水利局"})
    roads = admin.add_reference(county.hub, STAFF, "departments", {"name": "县交通局"})
    with county.hub.tx() as s:
        assert s.get(HubRecord, (county.hub.county, "departments", uuid.UUID(dep))) is not None
    first = _conflict(county, entity="cases", entity_id=uuid.uuid4(), field="department_id",
                      kept_value=json.dumps(dep), lost_value=json.dumps(roads), station_code="LX01")
    _conflict(county, kind="clock_ahead", entity="visits", entity_id=uuid.uuid4(), station_code="LX01",
              reason="联络站 LX01 的电脑日期可能设错了。")
    rows, open_count = admin.conflicts(county.hub, STAFF)
    assert open_count == 2
    by_kind = {r.kind: r for r in rows}
    f = by_kind["field"]
    assert (f.kind_text, f.field, f.kept, f.lost) == ("两处改了同一项", "承办单位", "县水利局", "县交通局")
    assert f.station.startswith("LX01") and "保留时间较新" in f.why
    assert "{" not in f.kept + f.lost + f.why  # words, not JSON
    assert by_kind["clock_ahead"].why == "联络站 LX01 的电脑日期可能设错了。"
    with pytest.raises(PermissionDenied):
        admin.mark_handled(county.hub, LEADER, str(first))
    admin.mark_handled(county.hub, STAFF, str(first), "已电话核实，以县级平台为准")
    with pytest.raises(DomainError):
        admin.mark_handled(county.hub, STAFF, str(first))
    rows, open_count = admin.conflicts(county.hub, STAFF)
    assert open_count == 1 and [r.kind for r in rows] == ["clock_ahead"]
    handled = next(r for r in admin.conflicts(county.hub, STAFF, include_handled=True)[0] if r.kind == "field")
    assert (handled.handled_by, handled.note) == ("王芳", "已电话核实，以县级平台为准")
    line = auth.audit_page(county.hub, action="conflict_handled")[0][0]
    assert line.user_name == "王芳" and "已电话核实" in line.detail
    with county.hub.tx() as s:
        row = s.get(HubConflict, (county.hub.county, first))
        assert row is not None and row.seen == 1


@pytest.mark.postgres
def test_reference_and_conflicts_on_postgres(pg_county):
    dep = admin.add_reference(pg_county.hub, STAFF, "departments", {"name": "县水利局"})
    with pytest.raises(ValidationError):
        admin.add_reference(pg_county.hub, STAFF, "departments", {"name": " 县水利局 "})
    first = _conflict(pg_county, entity="departments", entity_id=uuid.UUID(dep), field="active",
                      kept_value="false", lost_value="true")
    _conflict(pg_county, kind="hash_mismatch", reason="same change id, different content")
    rows, open_count = admin.conflicts(pg_county.hub, STAFF)
    assert open_count == 2 and {r.record for r in rows} >= {"承办单位 县水利局"}
    assert next(r for r in rows if r.kind == "field").kept == "否"
    assert "先收到的内容" in next(r for r in rows if r.kind == "hash_mismatch").why
    admin.mark_handled(pg_county.hub, STAFF, str(first))
    assert admin.conflicts(pg_county.hub, STAFF)[1] == 1
