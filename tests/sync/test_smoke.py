from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from tests.sync.harness import assert_converged, pending


def test_two_stations_sync_and_converge(county, admin):
    a = county.add_station("LX01")
    county.add_station("LX02")
    register_visit(a, admin, VisitInput("张三", visitor_phone="13800138000", village="柳树湾村"),
                   CaseInput("村口路灯坏了三盏，晚上看不见路"))
    ra = county.sync("LX01")
    assert ra.agreed, ra.notes
    rb = county.sync("LX02")
    assert rb.agreed, rb.notes
    assert not pending(a)
    assert_converged(county)
