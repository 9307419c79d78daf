"""A county hub in-process and stations on temporary SQLite files, joined by a transport that can fail."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from liaison_desk.db.database import Database
from liaison_desk.db.models import OutboxEntry
from liaison_desk.db.models_sync import SyncConflict
from liaison_desk.hub import county
from liaison_desk.hub.app import create_app
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub
from liaison_desk.services.admin.export import export_jsonl
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.rounds import enroll, sync_round, unreachable

PG_URL = os.environ.get("LIAISON_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pg_schema_name(prefix: str) -> str:
    """A schema name no other test takes, in this run (each pytest-xdist worker has its id in it) or another."""
    return f"{prefix}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:10]}"


class PgSchema:
    """A schema of our own in the test database, dropped afterwards."""

    def __init__(self):
        self.name = pg_schema_name("ld_hub")
        self.admin = create_engine(PG_URL)
        try:
            with self.admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.name}"'))
        except OperationalError as exc:  # pragma: no cover - depends on the machine
            pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc.orig}")

    def engine(self, **kw):
        return make_engine(PG_URL, schema=self.name, **kw)

    def drop(self):
        with self.admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


@dataclass
class Net:
    """The wire between stations and the hub. ``faults`` is a list of (path or None, fault) consumed in
    order by matching calls: drop_request, drop_response (after the hub committed), duplicate, truncate,
    5xx, crash_after (raises a non-network error after the hub answered: a station crash)."""

    client: TestClient
    faults: list[tuple[str | None, str]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)

    def send(self, path: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        self.calls.append(path)
        fault = None
        for i, (p, f) in enumerate(self.faults):
            if p is None or p == path:
                fault = f
                del self.faults[i]
                break
        if fault == "drop_request":
            raise unreachable("injected: request dropped")
        if fault == "5xx":
            return 503, b'{"detail": "injected"}'
        resp = self.client.post(path, content=data, headers=headers)
        if fault == "duplicate":
            resp = self.client.post(path, content=data, headers=headers)
        if fault == "drop_response":
            raise unreachable("injected: response dropped")
        if fault == "crash_after":
            raise Crash(path)
        if fault == "truncate":
            return resp.status_code, resp.content[: len(resp.content) // 2]
        if fault == "truncate_request":
            resp = self.client.post(path, content=data[: len(data) // 2], headers=headers)
        return resp.status_code, resp.content


class Crash(Exception):
    """The station process 'dies' here."""


class County:
    """A hub and its stations."""

    net: Net  # made by the first start_hub()

    def __init__(self, tmp: Path, engine_factory: Callable):
        self.tmp = tmp
        self.engine_factory = engine_factory
        self.start_hub()
        self.stations: dict[str, Database] = {}

    def start_hub(self) -> None:
        """Also used to restart the hub: a new engine, app and client over the same database."""
        self.engine = self.engine_factory()
        upgrade(self.engine)
        self.hub = Hub(self.engine)
        self.client = TestClient(create_app(self.hub), raise_server_exceptions=False)
        if hasattr(self, "net"):
            self.net.client = self.client
        else:
            self.net = Net(self.client)

    def stop_hub(self) -> None:
        self.client.close()
        self.engine.dispose()

    def add_station(self, code: str, name: str | None = None, *, enrolled: bool = True) -> Database:
        data = self.tmp / code
        db = open_station_database(data)
        init_station(db, name=name or f"{code} 联络站", code=code, admin_pin="2468")
        if enrolled:
            token = self.hub.add_station(name or code, code)
            enroll(db, SYSTEM_ADMIN, "http://hub", token, send=self.net.send)
        self.stations[code] = db
        return db

    def sync(self, code: str):
        return sync_round(self.stations[code], send=self.net.send)

    def quiet(self, rounds: int = 2) -> None:
        """Sync every station until nothing moves."""
        for _ in range(rounds):
            for code in self.stations:
                self.sync(code)

    def hub_export(self, code: str | None = None) -> list[str]:
        out = io.StringIO()
        county.export_jsonl(self.hub, out, code)
        return out.getvalue().splitlines()

    def close(self) -> None:
        for db in self.stations.values():
            db.dispose()
        self.stop_hub()


def station_export(db: Database) -> list[str]:
    out = io.StringIO()
    export_jsonl(db, out)
    return out.getvalue().splitlines()


def pending(db: Database) -> set[uuid.UUID]:
    with db.session(write=False) as s:
        return set(s.scalars(select(OutboxEntry.change_id).where(OutboxEntry.acked_at.is_(None))))


def acked(db: Database) -> set[uuid.UUID]:
    with db.session(write=False) as s:
        return set(s.scalars(select(OutboxEntry.change_id).where(OutboxEntry.acked_at.is_not(None))))


def conflict_count(db: Database) -> int:
    with db.session(write=False) as s:
        return s.scalar(select(func.count()).select_from(SyncConflict)) or 0


def assert_converged(c: County) -> None:
    """All replicas equal when quiet: each station's export equals the hub's copy of its replica."""
    for code, db in c.stations.items():
        mine, hubs = station_export(db), c.hub_export(code)
        assert sorted(mine) == sorted(hubs), _diff(mine, hubs)


def _diff(a: list[str], b: list[str]) -> str:
    sa, sb = set(a), set(b)
    return f"station only: {sorted(sa - sb)[:3]}\nhub only: {sorted(sb - sa)[:3]}"


class Invariants:
    """Checked after every step of a scenario (see SYNC_NOTES "Tests that prove it")."""

    def __init__(self, c: County):
        self.c = c
        self.pending: dict[str, set] = {code: pending(db) for code, db in c.stations.items()}
        self.acked: dict[str, set] = {code: set() for code in c.stations}
        self.conflicts: dict[str, int] = dict.fromkeys(c.stations, 0)

    def check(self) -> None:
        from liaison_desk.hub.schema import LedgerEntry

        with self.c.hub.tx() as s:
            ledger = dict(s.execute(select(LedgerEntry.change_id, LedgerEntry.seq)).all())
        for code, db in self.c.stations.items():
            now_pending, now_acked = pending(db), acked(db)
            vanished = self.pending.get(code, set()) - now_pending - now_acked
            assert not vanished, f"{code}: pending changes vanished: {vanished}"
            lost = {cid for cid in now_acked if cid not in ledger}
            assert not lost, f"{code}: acknowledged but not at the hub: {lost}"
            assert now_acked >= self.acked.get(code, set()), f"{code}: an acknowledgement was undone"
            n = conflict_count(db)
            assert n >= self.conflicts.get(code, 0), f"{code}: a kept conflict disappeared"
            self.pending[code], self.acked[code], self.conflicts[code] = now_pending, now_acked, n
        seqs = sorted(q for q in ledger.values() if q is not None)
        assert seqs == list(range(1, len(seqs) + 1)), "the hub sequence has a gap"
        assert not self.c.hub.check_digests(), "the hub's kept digests differ from its records"

    def quiet_and_converged(self) -> None:
        self.c.quiet()
        self.check()
        for db in self.c.stations.values():
            assert not pending(db)
        assert_converged(self.c)


def reopen(c: County, code: str) -> Database:
    """The station program starts again after a crash (same data dir)."""
    db = c.stations[code]
    path = db.path
    db.dispose()
    c.stations[code] = open_station_database(path.parent)
    return c.stations[code]


def copy_to_second_pc(c: County, code: str, dest: Path, as_code: str = "COPY") -> tuple[Database, Database]:
    """The station's data folder copied, closed, to ``dest`` (a second PC); both copies open again, the copy
    kept among the county's stations as ``as_code``. Returns (the original, the copy)."""
    import shutil

    db = c.stations[code]
    db.dispose()
    shutil.copytree(db.path.parent, dest)
    first = reopen(c, code)
    c.stations[as_code] = open_station_database(dest)
    return first, c.stations[as_code]


class LiveHub:
    """The hub served by uvicorn on a loopback port, in a thread (for the CLI and the desk widget)."""

    def __init__(self, db_url: str, port: int | None = None):
        import socket
        import threading

        import uvicorn

        engine = make_engine(db_url)
        upgrade(engine)
        self.hub = Hub(engine)
        if port is None:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
        self.port = port
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(self.hub), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        import time

        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.hub.engine.dispose()
