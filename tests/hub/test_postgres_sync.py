"""The same protocol on the real PostgreSQL (127.0.0.1:5432): convergence, and a pull stream that never
skips a change while writers commit concurrently."""

from __future__ import annotations

import contextlib
import random
import threading
import time

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.workflow import EventKind, Role
from liaison_desk.hub import county as hc
from liaison_desk.hub import records
from liaison_desk.services.cases.actions import CaseInput, VisitInput, act_on_case, register_visit
from liaison_desk.services.context import Actor
from liaison_desk.services.sync.state import config
from tests.sync.harness import Invariants

pytestmark = pytest.mark.postgres


def test_stations_converge_through_a_postgres_hub_with_faults(pg_county, admin):
    c = pg_county
    a, b = c.add_station("LX01"), c.add_station("LX02")
    inv = Invariants(c)
    dep = hc.add_reference(c.hub, "departments", {"name": "县水利局"})
    r = register_visit(a, admin, VisitInput("张三"), CaseInput("水渠堵了"))
    register_visit(b, admin, VisitInput("李四"), CaseInput("路灯坏了"))
    # the second: a truncated push answer, which carries the first pull page (the round's pull)
    c.net.faults += [("/v1/push", "drop_response"), ("/v1/push", "truncate")]
    for _ in range(2):
        for code in ("LX01", "LX02"):
            with contextlib.suppress(DomainError):  # injected faults; the invariants are what matter
                c.sync(code)
            inv.check()
    staff = Actor(Role.STAFF, "李")
    act_on_case(a, staff, r.case_id, EventKind.ACCEPT)
    act_on_case(a, staff, r.case_id, EventKind.ASSIGN, {"department_id": dep, "deadline": "2026-12-31"})
    c.sync("LX01")
    hc.act_on_case(c.hub, r.case_number, EventKind.REPLY, {"text": "已疏通", "resolution": "solved"}, "水利局")
    inv.quiet_and_converged()


def test_the_pull_stream_never_skips_a_change_committed_late(pg_county, monkeypatch):
    """Writers commit in random order and hold their transactions open a while; a reader pulls all along.
    The sequence comes from one counter row locked until commit, so commit order is sequence order and
    the reader, advancing its cursor page by page, sees every change exactly once."""
    c = pg_county
    reader = c.add_station("RD01")
    ref = c.hub.authenticate(config(reader).credential)
    original = records.write

    def slow_write(*args, **kwargs):
        original(*args, **kwargs)
        time.sleep(random.uniform(0, 0.02))  # a late commit, as under load

    monkeypatch.setattr(records, "write", slow_write)
    writers, per_writer = 4, 15
    written: list[str] = []
    lock = threading.Lock()

    def write(w: int) -> None:
        for i in range(per_writer):
            ident = hc.add_reference(c.hub, "departments", {"name": f"单位{w}-{i}"})
            with lock:
                written.append(ident)

    seen: list[str] = []
    cursor = 0
    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    import json

    while True:
        finished = not any(t.is_alive() for t in threads)  # looked at before the pull: nothing commits after
        page = c.hub.pull(ref, cursor, limit=7)
        seen += [json.loads(x["payload"])["id"] for x in page["changes"]]
        cursor = page["next"]
        if finished and not page["more"]:
            break
    for t in threads:
        t.join()
    assert sorted(seen) == sorted(written), "a change was skipped or seen twice"
