"""Sync benchmark on the real PostgreSQL, over HTTP on loopback (the hub runs as ``liaison-desk-hub serve``
in a child process, the stations use the desk's own HTTP client).

Budgets (issue 6): the first sync of a station holding 100,000 records ≤ 60 s; a sync with nothing to do
≤ 100 ms whatever the database size; 200 stations syncing at once with no error and p95 round ≤ 1 s.

    python -m bench.sync                      # everything at full size
    python -m bench.sync --records 20000 --stations 50   # a quick look
    LIAISON_DESK_TEST_PG_URL=postgresql+psycopg://user@host/db python -m bench.sync

A database of its own is created on the server for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from liaison_desk.domain.ids import new_id
from liaison_desk.services.cases import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.station import init_station
from liaison_desk.services.sync import enroll, sync_round

PG_URL = os.environ.get("LIAISON_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def fill(db, n: int) -> int:
    """``n`` records of a busy station, written like the desk writes them (each with its outbox change):
    40 % visits, 20 % constituents, 20 % cases, 20 % case events."""
    from liaison_desk.db.models import Case, CaseEvent, Constituent, Visit

    station = db.station_id()
    t0 = dt.datetime(2025, 1, 1, 8, 0)
    people, visits, cases, events = [], [], [], []
    for i in range(n // 5):
        pid, vid, cid = new_id(), new_id(), new_id()
        at = t0 + dt.timedelta(minutes=7 * i)
        people.append({"id": pid, "name": "张三", "phone": f"138{i:08d}"})
        visits.append({"id": vid, "station_id": station, "occurred_at": at, "channel": "walk_in",
                       "constituent_id": pid, "visitor_names": "张三", "headcount": 1})
        visits.append({"id": new_id(), "station_id": station, "occurred_at": at, "channel": "phone",
                       "visitor_names": "李四", "headcount": 1})
        cases.append({"id": cid, "number": f"BX01-{at:%Y%m%d}-{i % 9999 + 1:04d}-{i // 9999}",
                      "station_id": station, "visit_id": vid, "constituent_id": pid, "registered_at": at,
                      "summary": "路灯不亮", "content": "村口路灯坏了三盏，晚上看不见路。"})
        events.append({"id": new_id(), "case_id": cid, "kind": "register", "occurred_at": at,
                       "actor_role": "staff", "actor_name": "李干事", "data": {}})
    with db.bulk() as w:
        for model, rows in ((Constituent, people), (Visit, visits), (Case, cases), (CaseEvent, events)):
            w.insert(model, rows)
    return len(people) + len(visits) + len(cases) + len(events)


class HubProcess:
    """A fresh database on the server and ``liaison-desk-hub serve`` on a loopback port."""

    def __init__(self, port: int = 0):
        base = make_url(PG_URL)
        self.dbname = f"ld_bench_{uuid.uuid4().hex[:8]}"
        self.admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{self.dbname}"'))
        self.url = base.set(database=self.dbname).render_as_string(hide_password=False)
        if not port:  # a free port: never talk to a hub left over from another run
            import socket

            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
        self.http = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "liaison_desk.hub.cli", "--db", self.url, "serve",
                                      "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        import urllib.request

        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.http + "/v1/info", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("the hub did not start: " + (self.proc.stderr.read() if self.proc.poll() else ""))
                time.sleep(0.2)

    def add_station(self, code: str, *, cli: bool = False) -> str:
        """The enrollment token, through the real command line or (for many stations) the same call."""
        if cli:
            out = subprocess.run([sys.executable, "-m", "liaison_desk.hub.cli", "--db", self.url, "add-station",
                                  "--name", code, "--code", code], capture_output=True, text=True, check=True)
            return out.stdout.strip().splitlines()[-1]
        from liaison_desk.hub.database import make_engine
        from liaison_desk.hub.store import Hub

        if not hasattr(self, "_hub"):
            self._hub = Hub(make_engine(self.url, pool_size=2))
        return self._hub.add_station(code, code)

    def close(self) -> None:
        if hasattr(self, "_hub"):
            self._hub.engine.dispose()
        self.proc.terminate()
        self.proc.wait(timeout=30)
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE "{self.dbname}" WITH (FORCE)'))
        self.admin.dispose()


def station(tmp: Path, code: str, hub: HubProcess, records: int = 0, token: str | None = None):
    """A real (not training) station, enrolled. Starts from a migrated empty file copied from a template:
    running the migrations 200 times would dominate the set-up."""
    import shutil

    from liaison_desk import paths

    template = tmp / "_template"
    if not template.exists():
        open_station_database(template).dispose()
    (tmp / code).mkdir()
    shutil.copy(paths.database_path(template), paths.database_path(tmp / code))
    db = open_station_database(tmp / code)
    init_station(db, name=f"{code} 联络站", code=code, admin_pin="2468")
    n = fill(db, records) if records else 0
    enroll(db, SYSTEM_ADMIN, hub.http, token or hub.add_station(code, cli=True))
    return db, n


def bench_first_and_noop(hub: HubProcess, tmp: Path, records: int, noop_runs: int) -> dict:
    db, n = station(tmp, "BX01", hub, records)
    t = time.perf_counter()
    report = sync_round(db)
    first = time.perf_counter() - t
    assert report.agreed, report.notes
    print(f"first sync: {n:,} records pushed ({report.pushed:,} changes) in {first:.1f} s "
          f"(budget 60 s) — agreed={report.agreed}")
    big = []
    for _ in range(noop_runs):
        t = time.perf_counter()
        r = sync_round(db)
        big.append(time.perf_counter() - t)
        assert r.agreed and r.pushed == 0 and r.pulled == 0
    small_db, _ = station(tmp, "BX02", hub, 0)
    sync_round(small_db)
    small = []
    for _ in range(noop_runs):
        t = time.perf_counter()
        sync_round(small_db)
        small.append(time.perf_counter() - t)
    med_big, med_small = statistics.median(big) * 1000, statistics.median(small) * 1000
    print(f"no-op sync: median {med_big:.0f} ms on {n:,} records, {med_small:.0f} ms on an empty station "
          f"({noop_runs} runs each; budget 100 ms)")
    db.dispose()
    small_db.dispose()
    return {"records": n, "first_s": first, "noop_big_ms": med_big, "noop_small_ms": med_small}


def bench_concurrent(hub: HubProcess, tmp: Path, stations: int, window_s: float = 0.0, prefix: str = "C") -> dict:
    """Every station does one round with a new visit to send. ``window_s`` = 0: all start at the same
    instant (a burst); otherwise each starts at a random moment within the window (a busy hour, compressed)."""
    dbs = []
    tmp.mkdir(parents=True, exist_ok=True)
    tokens = {f"{prefix}{i:03d}": hub.add_station(f"{prefix}{i:03d}") for i in range(stations)}
    for code, token in tokens.items():
        db, _ = station(tmp, code, hub, 0, token)
        sync_round(db)
        register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput("并发同步测试"))
        dbs.append(db)
    times, errors = [], []
    barrier = threading.Barrier(len(dbs))

    import random

    def one(db):
        barrier.wait()
        time.sleep(random.uniform(0, window_s))
        t = time.perf_counter()
        try:
            r = sync_round(db)
            if not r.agreed:
                errors.append("; ".join(r.notes))
        except Exception as exc:  # noqa: BLE001 - every error counts
            errors.append(repr(exc))
        times.append(time.perf_counter() - t)

    threads = [threading.Thread(target=one, args=(db,)) for db in dbs]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95) - 1]
    how = "at once" if not window_s else f"within {window_s:.0f} s"
    print(f"{stations} stations {how}: {len(errors)} errors, round p50 {p50 * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms, all done in {wall:.1f} s (budget p95 1 s)")
    for e in errors[:5]:
        print("  error:", e)
    for db in dbs:
        db.dispose()
    return {"stations": stations, "errors": len(errors), "p50_ms": p50 * 1000, "p95_ms": p95 * 1000}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--stations", type=int, default=200)
    ap.add_argument("--noop-runs", type=int, default=11)
    ap.add_argument("--port", type=int, default=0, help="hub port (default: a free one)")
    ap.add_argument("--windows", type=float, nargs="+", default=[60.0, 0.0],
                    help="start windows in seconds for the concurrent run (0 = all at once)")
    ap.add_argument("--skip-first", action="store_true")
    ap.add_argument("--skip-concurrent", action="store_true")
    args = ap.parse_args(argv)
    hub = HubProcess(args.port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if not args.skip_first:
                bench_first_and_noop(hub, Path(tmp), args.records, args.noop_runs)
            if not args.skip_concurrent:
                for k, window in enumerate(args.windows):
                    bench_concurrent(hub, Path(tmp) / f"w{k}", args.stations, window, prefix="CDEFGH"[k % 6])
    finally:
        hub.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
