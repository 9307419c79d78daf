"""The county's reports over the case index (issue 16, county side): the station engine's figures, counted by
hand in ``tests/services/reports_fixture.py``, come out the same from ``hub_case_index`` on SQLite and
PostgreSQL; a township sees its own; a department is refused; every figure lists exactly its cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import insert

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.errors import PermissionDenied, ValidationError
from liaison_desk.domain.reports import COUNT_FIELDS
from liaison_desk.domain.timeutil import to_local
from liaison_desk.hub.console import queries, reports
from liaison_desk.hub.console.index_schema import CaseIndexRow
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.schema import HubStation
from liaison_desk.hub.store import Hub
from tests.services.reports_fixture import AS_OF, CASES, EXPECTED
from tests.sync.harness import PgSchema

LEADER = Viewer("u-l", "钱领导", Role.LEADER)
TOWN = Viewer("u-t", "河口", Role.TOWNSHIP_STAFF, township="河口镇")
DEPT = Viewer("u-d", "水利", Role.DEPARTMENT, department="县水利局")
TODAY = to_local(AS_OF).date()
STATIONS = {"LX01": (uuid.uuid4(), "河口镇"), "LX02": (uuid.uuid4(), "柳镇")}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub(request, tmp_path_factory):
    schema = None
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('hubrep') / 'hub.sqlite3'}")
    else:
        schema = PgSchema()
        engine = schema.engine()
    upgrade(engine)
    h = Hub(engine)
    rows = []
    for code, (sid, township) in STATIONS.items():
        villages = {v: uuid.uuid4() for v in ("东风村", "西湖村")}
        for (key, reg, village, category, dept, deadline, replied, closed, status, resolution, satisfaction,
             reopen, summary) in CASES:
            rows.append({
                "county_id": h.county, "case_id": uuid.uuid4(), "case_no": f"{code}-{key}", "station_id": sid,
                "station_code": code, "station_name": f"{code}站", "township": township,
                "village_id": villages[village], "village": village, "category_id": uuid.uuid4(),
                "category": category, "department_id": uuid.uuid4() if dept else None, "department": dept or "",
                "status": status, "triage": "green" if dept is None else "blue", "urgency": "normal",
                "registered_at": reg, "assigned_at": reg + dt.timedelta(hours=1) if dept else None,
                "deadline": deadline, "replied_at": replied, "closed_at": closed, "resolution": resolution,
                "satisfaction": satisfaction, "reopen_count": reopen, "summary": summary,
                "escalation_level": 0, "key_supervision": False})
    with engine.begin() as conn:
        conn.execute(insert(CaseIndexRow.__table__), rows)
        conn.execute(insert(HubStation.__table__), [
            {"county_id": h.county, "code": code, "name": f"{code}站", "station_uuid": sid, "last_outbox_seq": 0,
             "last_cursor": 0, "created_at": AS_OF} for code, (sid, _t) in STATIONS.items()])
    yield h
    engine.dispose()
    if schema is not None:
        schema.drop()


def test_the_county_figures_are_the_stations_hand_counted_ones_twice(hub):
    r = reports.county_report(hub, LEADER, "2026-11", by="station", as_of=AS_OF, county_name="测试县")
    f = r.totals
    assert r.scope == "测试县" and f.visits is None and f.people is None  # the hub holds no visits
    for key in ("cases", "assigned", "closed", "reopened", "overdue"):
        assert getattr(f, key) == 2 * EXPECTED[key], key
    for key in ("closure_rate", "on_time_rate", "reply_rate", "resolution_rate", "satisfaction_rate",
                "avg_days", "p90_days"):
        assert getattr(f, key) == EXPECTED[key], key
    assert [(b.label.split(" ")[0], b.figures.cases) for b in r.breakdown] == [("LX01", 11), ("LX02", 11)]
    assert {n.name.split(" ")[0] for n in r.notices if n.kind == "station"} == {"LX01", "LX02"}
    assert r.previous.cases == 2 and r.last_year.cases == 2  # C13 (October), C14 (November 2025) per station


def test_a_township_sees_its_own_stations_and_a_department_is_refused(hub):
    r = reports.county_report(hub, TOWN, "2026-11", by="township", as_of=AS_OF)
    assert r.scope == "河口镇" and r.totals.cases == EXPECTED["cases"]
    assert [b.label for b in r.breakdown] == ["河口镇"]
    with pytest.raises(PermissionDenied, match="不能查看统计报表"):
        reports.county_report(hub, DEPT, "2026-11", as_of=AS_OF)


def test_a_deputy_breakdown_and_a_bad_period_are_refused_in_words(hub):
    with pytest.raises(ValidationError, match="接待代表"):
        reports.county_report(hub, LEADER, "2026-11", by="deputy", as_of=AS_OF)
    with pytest.raises(ValidationError, match="统计期间"):
        reports.county_report(hub, LEADER, "2026-13", as_of=AS_OF)


@pytest.mark.parametrize("viewer", [LEADER, TOWN], ids=["county", "township"])
def test_every_figure_lists_exactly_the_cases_it_counts(hub, viewer):
    r = reports.county_report(hub, viewer, "2026-11", by="village", as_of=AS_OF)
    counts = dataclasses.asdict(r.totals.counts)
    assert set(reports.MEASURES) == set(COUNT_FIELDS)
    base = queries.QueueFilters(registered_from=dt.date(2026, 11, 1), registered_to=dt.date(2026, 11, 30))
    for measure in reports.MEASURES:
        page = queries.case_queue(hub, viewer, dataclasses.replace(base, measure=measure), today=TODAY)
        assert page.total == counts[measure], measure
    for row in r.breakdown:  # a village row by its id: two stations' 东风村 are two rows
        listed = queries.case_queue(hub, viewer, dataclasses.replace(base, village_id=row.key), today=TODAY)
        assert listed.total == row.figures.cases
    # the 「（未填）」 department: the cases never assigned
    unassigned = queries.case_queue(hub, viewer, dataclasses.replace(base, unset="department"), today=TODAY)
    assert unassigned.total == r.totals.cases - r.totals.assigned


def test_a_day_boundary_is_the_stations_midnight(hub):
    """C11 at 23:30 on 30 November (station time) is November's, C12 at 00:10 on 1 December is not."""
    nov30 = queries.QueueFilters(registered_from=dt.date(2026, 11, 30), registered_to=dt.date(2026, 11, 30),
                                 station="LX01")
    assert [row.case_no for row in queries.case_queue(hub, LEADER, nov30, today=TODAY).rows] == ["LX01-C11"]
    dec1 = dataclasses.replace(nov30, registered_from=dt.date(2026, 12, 1), registered_to=dt.date(2026, 12, 1))
    assert [row.case_no for row in queries.case_queue(hub, LEADER, dec1, today=TODAY).rows] == ["LX01-C12"]


def test_the_hub_command_line_writes_json_xlsx_and_pdf(hub, tmp_path, capsys):
    from openpyxl import load_workbook

    from liaison_desk.hub.cli import main

    if hub.engine.dialect.name != "sqlite":
        pytest.skip("the command line opens a database by its URL; the PostgreSQL fixture is a schema in one")
    url = hub.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "r.json"
    assert main(["--db", url, "report", "--period", "2026-11", "--by", "township", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["by"] == "township" and {r["label"] for r in data["breakdown"]} == {"河口镇", "柳镇"}
    assert data["totals"]["cases"] == 2 * EXPECTED["cases"]
    assert main(["--db", url, "report", "--period", "2026-11", "--by", "station", "-o", str(tmp_path / "r.xlsx")]) == 0
    wb = load_workbook(tmp_path / "r.xlsx")
    assert "统计表" in wb.sheetnames
    assert main(["--db", url, "--lang", "zh", "report", "--period", "2026-11", "--format", "pdf",
                 "-o", str(tmp_path / "r.pdf")]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    with pytest.raises(SystemExit):  # argparse refuses a breakdown the hub cannot give, in Chinese
        main(["--db", url, "--lang", "zh", "report", "--period", "2026-11", "--by", "deputy", "-o", "-"])
    assert main(["--db", url, "--lang", "zh", "report", "--period", "11月", "-o", "-"]) == 2
    assert "统计期间" in capsys.readouterr().err


def test_the_countys_thresholds_come_from_the_hubs_setting_and_a_wrong_one_stops_serve(monkeypatch, capsys):
    from liaison_desk.hub.cli import main

    monkeypatch.setenv(reports.THRESHOLDS_ENV, "回复率<95,按期办结率<90")
    assert [(t.metric, t.minimum) for t in reports.thresholds_from_env()] == [("reply_rate", 95.0),
                                                                             ("on_time_rate", 90.0)]
    monkeypatch.setenv(reports.THRESHOLDS_ENV, "回复率<950")
    assert main(["--db", "sqlite:///:memory:", "--lang", "zh", "serve"]) == 1
    assert "通报标准" in capsys.readouterr().err
