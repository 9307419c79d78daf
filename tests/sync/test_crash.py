"""The station dies at named points (``kill -9`` in a child process, or an injected crash); restarted, it
continues with nothing lost, nothing applied twice and nothing pending forgotten."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models import Case, Department, Visit
from liaison_desk.hub import county as hc
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.state import config
from tests.sync.harness import Crash, Invariants, acked, assert_converged, pending, reopen

ROOT = Path(__file__).resolve().parents[2]


def run_child(point: str, db, hub_file: Path) -> None:
    db.dispose()
    proc = subprocess.run([sys.executable, "-m", "tests.sync.crash_child", point, str(db.path.parent), str(hub_file)],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]


def count(db, model) -> int:
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_kill_between_write_and_push(county, tmp_path):
    db = county.add_station("LX01")
    county.sync("LX01")
    run_child("between_write_and_push", db, tmp_path / "hub.sqlite3")
    db = reopen(county, "LX01")
    assert count(db, Case) == 1 and pending(db), "the write committed and is pending"
    inv = Invariants(county)
    assert county.sync("LX01").agreed
    inv.check()
    assert_converged(county)


def test_kill_after_the_hub_answered_before_the_station_recorded_it(county, admin, tmp_path):
    db = county.add_station("LX01")
    register_visit(db, admin, VisitInput("张三"), CaseInput("上传了但没记下回执"))
    before = pending(db)
    run_child("after_hub_answered", db, tmp_path / "hub.sqlite3")
    db = reopen(county, "LX01")
    assert pending(db) == before, "no answer recorded: still pending (no in-flight state)"
    inv = Invariants(county)
    report = county.sync("LX01")  # the replay gets the hub's stored answers
    assert report.agreed and report.pushed == len(before)
    inv.check()
    assert acked(db) >= before
    assert sum(1 for line in county.hub_export("LX01") if '"type":"visits"' in line) == 1
    assert_converged(county)


def test_kill_in_the_middle_of_a_pull(county, tmp_path):
    db = county.add_station("LX01")
    county.sync("LX01")
    for i in range(12):
        hc.add_reference(county.hub, "departments", {"name": f"单位{i:02d}"})
    run_child("mid_pull", db, tmp_path / "hub.sqlite3")
    db = reopen(county, "LX01")
    # the first page (5) committed with its cursor; the second page's transaction died whole
    assert count(db, Department) == 5
    assert config(db).cursor > 0
    inv = Invariants(county)
    assert county.sync("LX01").agreed
    inv.check()
    assert count(db, Department) == 12
    assert_converged(county)


@pytest.mark.parametrize("path", ["/v1/push", "/v1/pull"])
def test_injected_crash_after_an_answer(county, admin, path, monkeypatch):
    """The same crash points in-process: the exception escapes the round like a dying process would."""
    import liaison_desk.services.sync.rounds as sync_mod

    monkeypatch.setattr(sync_mod, "PULL_PAGE", 3)
    db = county.add_station("LX01")
    for i in range(7):
        hc.add_reference(county.hub, "departments", {"name": f"单位{i}"})
    register_visit(db, admin, VisitInput("张三"), CaseInput("崩溃测试"))
    inv = Invariants(county)
    county.net.faults.append((path, "crash_after"))
    with pytest.raises(Crash):
        county.sync("LX01")
    db = reopen(county, "LX01")
    inv.check()
    assert county.sync("LX01").agreed
    inv.check()
    assert count(db, Department) == 7 and count(db, Visit) == 1
    assert_converged(county)
