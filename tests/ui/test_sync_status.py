"""The status-bar sync widget against a hub served on a loopback port."""

from __future__ import annotations

import pytest

from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.rounds import enroll
from liaison_desk.ui.sync_status import SyncStatusWidget
from tests.sync.harness import LiveHub


@pytest.fixture
def live(tmp_path):
    hubs = [LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}")]
    yield hubs
    for h in hubs:
        h.stop()


@pytest.fixture
def enrolled(db, admin, live):
    token = live[0].hub.add_station("柳树湾村", "LX01")
    enroll(db, admin, live[0].url, token)
    return db


def test_shows_pending_then_syncs_now(qtbot, enrolled, admin):
    register_visit(enrolled, admin, VisitInput("张三"), CaseInput("路灯坏了"))
    w = SyncStatusWidget(enrolled, interval_s=3600)
    qtbot.addWidget(w)
    assert "待上传" in w.label.text() and "待上传 0" not in w.label.text()
    with qtbot.waitSignal(w.synced, timeout=30_000) as blocker:
        w.sync_now()
    assert blocker.args[0].agreed
    assert "待上传 0" in w.label.text() and "冲突 0" in w.label.text() and "从未" not in w.label.text()


def test_backoff_keeps_retrying_until_the_hub_is_back(qtbot, enrolled, admin, live, tmp_path):
    register_visit(enrolled, admin, VisitInput("张三"), CaseInput("路灯坏了"))
    port = live[0].port
    live[0].stop()  # the county link is down
    w = SyncStatusWidget(enrolled, interval_s=3600, min_backoff_s=0.05, max_backoff_s=0.2)
    qtbot.addWidget(w)
    w.start()
    qtbot.waitUntil(lambda: w.failures >= 3, timeout=30_000)
    assert "自动重试" in w.label.text() and "连不上" in w.label.toolTip()
    live.append(LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", port=port))  # the link comes back
    with qtbot.waitSignal(w.synced, timeout=30_000) as blocker:
        pass  # no new local write, no click: the retry loop gets there by itself
    assert blocker.args[0].agreed and w.failures == 0
    assert "待上传 0" in w.label.text()
    w.stop()


def test_training_and_unenrolled_databases(qtbot, db):
    w = SyncStatusWidget(db, lang="en")
    qtbot.addWidget(w)
    assert "Not enrolled" in w.label.text()
