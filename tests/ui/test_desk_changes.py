"""Open screens follow what changed: a county reply pulled by a background sync shows on an open case page, in
the list and on the badge with no key press; the desk's one ``changed`` signal carries what each write did."""

from __future__ import annotations

import pytest

from liaison_desk.domain.workflow import EventKind
from liaison_desk.hub import county as hc
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.changes import CASES, Changes
from liaison_desk.services.sync.rounds import enroll, sync_round
from liaison_desk.ui.main_window import MainWindow
from liaison_desk.ui.session import DeskSession
from tests.sync.harness import LiveHub


@pytest.fixture
def live(tmp_path):
    hub = LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    yield hub
    hub.stop()


def _assigned_case(db, admin, live):
    """A case of an enrolled station, assigned to a county department (so the county may reply)."""
    token = live.hub.add_station("柳树湾村", "LX01")
    enroll(db, admin, live.url, token)
    dep = hc.add_reference(live.hub, "departments", {"name": "县水利局"})
    sync_round(db)  # the county's department comes down
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("水渠堵了，灌不了水"))
    assert r.case_id is not None
    act_on_case(db, admin, r.case_id, EventKind.ACCEPT)
    act_on_case(db, admin, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    return r


def test_a_county_reply_from_a_background_sync_shows_on_the_open_case_page(qtbot, db, admin, data_dir, live):
    r = _assigned_case(db, admin, live)
    win = MainWindow(db, session=DeskSession(db, "zh", data_dir, admin), idle_ms=0)
    qtbot.addWidget(win)
    assert win.sync is not None
    sync = win.sync.status
    with qtbot.waitSignal(sync.synced, timeout=30_000):
        pass  # the first background round starts by itself and takes the case to the county
    win.show_page(win.cases)  # the list on screen behind the case page
    page = win.open_case(r.case_id)
    assert page.fact_labels["status"].text() == "已交办" and "已交办" in _row_text(win.cases.model, 0)
    hc.act_on_case(live.hub, r.case_number, EventKind.REPLY, {"text": "已清淤，渠道畅通", "resolution": "solved"},
                   "水利局")
    sync.interval_s = 0.05  # the next background round comes soon, by itself
    sync.stop()
    sync.start()
    qtbot.waitUntil(lambda: any("已清淤" in page.timeline.item(i).text() for i in range(page.timeline.count())),
                    timeout=30_000)
    assert page.fact_labels["status"].text() == "已答复"
    qtbot.waitUntil(lambda: "已答复" in _row_text(win.cases.model, 0), timeout=10_000)  # the list on screen too
    sync.stop()


def _row_text(model, row: int) -> str:
    return " ".join(str(model.index(row, c).data() or "") for c in range(model.columnCount()))


def test_an_action_on_a_case_page_reaches_the_open_screens_it_concerns(qtbot, db, admin, data_dir):
    r = register_visit(db, admin, VisitInput("张三"), CaseInput("路灯坏了"))
    other_id = register_visit(db, admin, VisitInput("李四"), CaseInput("桥坏了")).case_id
    assert r.case_id is not None and other_id is not None
    win = MainWindow(db, session=DeskSession(db, "zh", data_dir, admin), idle_ms=0)
    qtbot.addWidget(win)
    win.show_page(win.cases)
    page = win.open_case(r.case_id)
    other = win.open_case(other_id)
    loads = {"page": 0, "other": 0}
    page.loaded.connect(lambda: loads.__setitem__("page", loads["page"] + 1))
    other.loaded.connect(lambda: loads.__setitem__("other", loads["other"] + 1))
    assert win.session.signals is not None
    with qtbot.waitSignal(win.session.signals.changed) as blocker, \
            qtbot.waitSignal(win.cases.model.modelReset, timeout=5000):  # the list on screen reads again
        page.action_buttons[EventKind.ACCEPT].click()
    assert blocker.args[0].cases == {r.case_id} and CASES in blocker.args[0].lists
    assert loads == {"page": 1, "other": 0}  # only the page of the case that changed reloads, once
    assert page.fact_labels["status"].text() == "已受理"
    win.session.publish(Changes())  # nothing changed: nothing emitted, nothing reloaded
    assert loads == {"page": 1, "other": 0}
