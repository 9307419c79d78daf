"""The desk's USB-stick menu: export the pending changes as a signed file, import the hub's answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desk.hub.bundles import import_bundle as hub_import_bundle
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.rounds import enroll, sync_status
from liaison_desk.ui.main_window import MainWindow

from .test_sync_status import live  # noqa: F401  (the loopback hub fixture)


@pytest.fixture
def window(qtbot, admin_session):
    win = MainWindow(admin_session.db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)
    return win


def test_a_station_not_enrolled_is_told_so_in_chinese(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.sync.bundle_finished, timeout=20_000) as blocker:
        window.sync.export_bundle(str(tmp_path / "out.json"))
    text, failed = blocker.args
    assert failed and "还没有在县级平台登记" in text
    assert not (tmp_path / "out.json").exists()


def test_export_then_import_the_hubs_answer_acknowledges_everything(qtbot, admin_session, admin, live, tmp_path):  # noqa: F811
    db = admin_session.db
    enroll(db, admin, live[0].url, live[0].hub.add_station("柳树湾村", "LX01"))
    register_visit(db, admin, VisitInput("张三"), CaseInput("村口路灯坏了"))
    assert sync_status(db).pending > 0
    win = MainWindow(db, session=admin_session, idle_ms=0)
    qtbot.addWidget(win)

    out = tmp_path / "to-hub.json"
    with qtbot.waitSignal(win.sync.bundle_finished, timeout=20_000) as blocker:
        win.sync.export_bundle(str(out))
    assert not blocker.args[1], blocker.args[0]
    assert "已导出" in blocker.args[0]

    answer_text, summary = hub_import_bundle(live[0].hub, out.read_text(encoding="utf-8"))
    assert summary["rejected"] == 0 and summary["accepted"] == summary["received"] > 0
    answer = tmp_path / "from-hub.json"
    answer.write_text(answer_text, encoding="utf-8")

    with qtbot.waitSignal(win.sync.bundle_finished, timeout=20_000) as blocker:
        win.sync.import_bundle(str(answer))
    assert not blocker.args[1], blocker.args[0]
    assert sync_status(db).pending == 0
    # importing the same answer again is harmless
    with qtbot.waitSignal(win.sync.bundle_finished, timeout=20_000) as blocker:
        win.sync.import_bundle(str(answer))
    assert not blocker.args[1], blocker.args[0]
    assert sync_status(db).pending == 0 and Path(answer).exists()
