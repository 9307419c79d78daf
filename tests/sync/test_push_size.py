"""A push is cut by size as well as by count, and a push the hub refuses as too large (413) is halved and sent
again, down to one change; a change that alone is over the hub's limit is kept here as a conflict with a
clear message while the rest syncs (issue 17). Against a real hub served by uvicorn on loopback with a
small body limit."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from sqlalchemy import func, select

from liaison_desk.db.models_sync import SyncConflict
from liaison_desk.hub.app import create_app
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.limits import Limits
from liaison_desk.hub.schema import HubRecord
from liaison_desk.hub.store import Hub
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync import client as sync_client
from liaison_desk.services.sync.push import push_then_pull
from liaison_desk.services.sync.rounds import enroll, sync_round
from tests.sync.harness import pending

LIMIT = 12 * 1024  # the hub's push body limit here; a case of 1,200 characters is ~4 KB on the wire


class Loopback:
    """A hub on SQLite served by uvicorn on 127.0.0.1 with ``limits``; counts the pushes' statuses."""

    def __init__(self, tmp_path, limits: Limits):
        import uvicorn

        self.engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
        upgrade(self.engine)
        self.hub = Hub(self.engine)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(self.hub, limits=limits), host="127.0.0.1",
                                                    port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        self.pushes: list[tuple[int, int]] = []  # (status, body bytes) of every push sent

    def send(self):
        inner = sync_client.keepalive_send(self.url)

        def send(path, data, headers):
            status, raw = inner(path, data, headers)
            if path == "/v1/push":
                self.pushes.append((status, len(data)))
            return status, raw
        return send

    def close(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.engine.dispose()


@pytest.fixture
def small_hub(tmp_path):
    hub = Loopback(tmp_path, Limits(max_push_body=LIMIT))
    yield hub
    hub.close()


def _station(tmp_path, hub: Loopback):
    db = open_station_database(tmp_path / "LX01")
    init_station(db, name="LX01 联络站", code="LX01", admin_pin="2468")
    enroll(db, SYSTEM_ADMIN, hub.url, hub.hub.add_station("LX01", "LX01"))
    return db


def _hub_cases(hub: Loopback) -> int:
    with hub.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(HubRecord.__table__)
                               .where(HubRecord.entity == "cases")) or 0)


def test_a_push_over_the_hubs_body_limit_is_halved_and_an_oversize_change_is_kept_aside(tmp_path, small_hub, admin):
    db = _station(tmp_path, small_hub)
    for i in range(12):
        register_visit(db, admin, VisitInput("张三李四王五赵六"[i % 4] + "群众"), CaseInput(f"第{i}件：" + "路灯不亮" * 300))
    register_visit(db, admin, VisitInput("写长信的人"), CaseInput("很长的反映" * 1000))  # ~15 KB alone
    report = sync_round(db, send=small_hub.send())
    statuses = [s for s, _n in small_hub.pushes]
    assert 413 in statuses, "the hub's limit was met (the station did not know it)"
    assert statuses.count(200) >= 3, "cut into several pushes"
    assert all(n <= LIMIT for s, n in small_hub.pushes if s == 200)
    assert _hub_cases(small_hub) == 12, "every other case reached the hub"
    assert not pending(db), "nothing is left blocking the queue"
    assert report.rejected >= 1
    with db.session(write=False) as s:
        kept = s.scalars(select(SyncConflict).where(SyncConflict.kind == "rejected")).all()
    big = [c for c in kept if c.lost_value and "很长的反映" in c.lost_value]
    assert big and "太大" in big[0].reason and "上限" in big[0].reason, [c.reason for c in kept]
    assert any("太大" in n for n in report.notes)
    # the next round sends nothing again and is refused nothing
    small_hub.pushes.clear()
    sync_round(db, send=small_hub.send())
    assert 413 not in [s for s, _n in small_hub.pushes]


def test_a_known_limit_is_kept_without_a_single_413(tmp_path, small_hub, admin):
    db = _station(tmp_path, small_hub)
    for i in range(10):
        register_visit(db, admin, VisitInput("张三李四王五赵六"[i % 4] + "群众"), CaseInput(f"第{i}件：" + "水管漏水" * 300))
    client = sync_client.client_for(db, send=small_hub.send())
    accepted, rejected, _page = push_then_pull(db, client, max_bytes=LIMIT)
    assert rejected == 0 and accepted > 10 and not pending(db)
    assert small_hub.pushes and all(s == 200 and n <= LIMIT for s, n in small_hub.pushes)
    assert len(small_hub.pushes) >= 3
