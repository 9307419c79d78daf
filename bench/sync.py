"""Sync benchmark on the real PostgreSQL, over HTTP on loopback (the hub runs as ``liaison-desk-hub serve``
in a child process, the stations use the desk's own HTTP client).

Budgets (issue 6): the first sync of a station holding 100,000 records ≤ 60 s; a sync with nothing to do
≤ 100 ms whatever the database size; 200 stations syncing at once with no error and p95 round ≤ 1 s.

    python -m bench.sync                      # everything at full size
    python -m bench.sync --records 20000 --stations 50   # a quick look
    python -m bench.sync --skip-first --windows 0         # the burst only: 200 rounds starting together
    python -m bench.sync --station-procs 1 --hub-workers 2   # stations in one process; two hub workers
    LIAISON_DESK_TEST_PG_URL=postgresql+psycopg://user@host/db python -m bench.sync

What is measured: the first sync, the no-op rounds and the rounds sending one new visit and case (the
everyday round of a station holding ``--records`` records; its station and hub CPU are printed too) are
the wall time of ``sync_round`` of one station in this process. The concurrent run times each station's own whole ``sync_round`` (hello, push with the first
pull page in its answer, further pulls if any, digest check, every SQLite write) on that station's thread;
the stations are spread over ``--station-procs`` processes (default 8; threads inside each), and they, the
hub and PostgreSQL all share this machine's cores, so the figure includes the stations' own CPU, which on a
real county sits on 200 separate PCs. Each of those stations first syncs ``--station-records`` records
(default 1,000), so the timed round runs against a county that holds data; the hub's database is then
vacuumed and analysed, so autovacuum does not start in the middle of the timed run. With ``--windows 0`` every round starts at the same instant. After
each concurrent run the CPU seconds per round of the station processes, the hub and the PostgreSQL backends
of the bench database are printed, with how busy the machine was just before (other jobs on a shared box).

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

from liaison_desk.domain.case_number import format_case_number
from liaison_desk.domain.ids import new_id
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.rounds import enroll, sync_round

PG_URL = os.environ.get("LIAISON_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def fill(db, n: int, code: str = "BX01") -> int:
    """``n`` records of a busy station, written like the desk writes them (each with its outbox change):
    40 % visits, 20 % constituents, 20 % cases, 20 % case events. Case numbers are real ones of the station's
    ``code`` (``format_case_number``, with its check character): the hub reads the owner from the number and
    refuses a case numbered as another station's (``BX01-20250101-…`` read as station ``BX0120``), and
    numbers shared between stations would each be flagged as a clash."""
    from liaison_desk.db.models import Case, CaseEvent, Constituent, Visit

    station = db.station_id()
    t0 = dt.datetime(2025, 1, 1, 8, 0)
    people, visits, cases, events = [], [], [], []
    seq: dict[dt.date, int] = {}  # the day's case count: numbers are station-day-sequence-check, as the desk's
    for i in range(n // 5):
        pid, vid, cid = new_id(), new_id(), new_id()
        at = t0 + dt.timedelta(minutes=7 * i)
        people.append({"id": pid, "name": "张三", "phone": f"138{i:08d}"})
        visits.append({"id": vid, "station_id": station, "occurred_at": at, "channel": "walk_in",
                       "constituent_id": pid, "visitor_names": "张三", "headcount": 1})
        visits.append({"id": new_id(), "station_id": station, "occurred_at": at, "channel": "phone",
                       "visitor_names": "李四", "headcount": 1})
        seq[at.date()] = seq.get(at.date(), 0) + 1
        cases.append({"id": cid, "number": format_case_number(code, at.date(), seq[at.date()]),
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

    def __init__(self, port: int = 0, workers: int = 1, threads: int = 0, start_timeout: float = 60):
        self.workers, self.threads = workers, threads
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
        # the hub's log goes to a file: a pipe nobody reads fills up and stalls the hub (seen in a long run)
        self.log_path = Path(tempfile.gettempdir()) / f"{self.dbname}-hub.log"
        self.log = self.log_path.open("w", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "liaison_desk.hub.cli", "--db", self.url, "serve",
                                      "--port", str(port), "--workers", str(workers),
                                      *(["--threads", str(threads)] if threads else [])], env=env, stdout=subprocess.DEVNULL,
                                     stderr=self.log)
        import urllib.request

        deadline = time.monotonic() + start_timeout
        while True:
            try:
                urllib.request.urlopen(self.http + "/v1/info", timeout=2).read()
                break
            except OSError as exc:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("the hub did not start: "
                                       + self.log_path.read_text(encoding="utf-8")[-2000:]) from exc
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
        self.log.close()
        errors = [line for line in self.log_path.read_text(encoding="utf-8").splitlines()
                  if "ERROR" in line or "Traceback" in line]
        if errors:
            print(f"hub log ({self.log_path}): {len(errors)} error lines, e.g. {errors[0][:200]}")
        else:
            self.log_path.unlink()
        with self.admin.connect() as c:
            c.execute(text(f'DROP DATABASE "{self.dbname}" WITH (FORCE)'))
        self.admin.dispose()


def copy_key(src: Path, dst: Path) -> None:
    """Give the copy ``dst`` of the station file ``src`` the same key, through the key store (station files
    are encrypted; the key lives in the OS key store or the data folder's key files, by folder, so copying
    the file alone leaves a database nobody can open)."""
    from liaison_desk.db import cipher

    key = cipher.stored_key(src)
    if key is not None:
        cipher.key_store(dst).put(cipher.key_name(dst), key)


def station(tmp: Path, code: str, hub: HubProcess | _HubAddress, records: int = 0, token: str | None = None):
    """A real (not training) station, enrolled. Starts from a migrated empty file copied from a template
    (its key copied along): running the migrations 200 times would dominate the set-up."""
    import shutil

    from liaison_desk import paths

    template = tmp / "_template"
    if not template.exists():
        open_station_database(template).dispose()
    (tmp / code).mkdir()
    src, dst = paths.database_path(template), paths.database_path(tmp / code)
    shutil.copy(src, dst)
    copy_key(src, dst)
    db = open_station_database(tmp / code)
    init_station(db, name=f"{code} 联络站", code=code, admin_pin="2468")
    n = fill(db, records, code) if records else 0
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
    # the everyday round of a station that has years of records: one new visit and case to send
    busy, station_cpu, hub_cpu = [], [], []
    for _ in range(noop_runs):
        register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput("并发同步测试"))
        h0, c0, t = _hub_cpu(hub), time.process_time(), time.perf_counter()
        r = sync_round(db)
        busy.append(time.perf_counter() - t)
        station_cpu.append(time.process_time() - c0)
        hub_cpu.append(_hub_cpu(hub) - h0)
        assert r.agreed and r.pushed == 4, (r.pushed, r.notes)
    med_busy = statistics.median(busy) * 1000
    print(f"a round sending one new visit and case, {n:,} records held: median {med_busy:.0f} ms "
          f"(station CPU {statistics.median(station_cpu) * 1000:.0f} ms, hub CPU {sum(hub_cpu) / len(hub_cpu) * 1000:.0f} ms "
          f"mean; {noop_runs} runs)")
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
    return {"records": n, "first_s": first, "noop_big_ms": med_big, "noop_small_ms": med_small,
            "busy_round_ms": med_busy}


def _proc_cpu(pid: int) -> float:
    """User + system CPU seconds of one process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _hub_cpu(hub: HubProcess) -> float:
    """CPU seconds of the hub's process tree so far (the hub's own work in a round, without PostgreSQL)."""
    return sum(_proc_cpu(p) for p in _tree(hub.proc.pid))


def _tree(root: int) -> list[int]:
    """``root`` and its descendants (the hub's uvicorn workers)."""
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def cpu_snapshot(hub: HubProcess, station_pids: list[int]) -> dict[str, float]:
    """CPU seconds so far: the station-simulating processes, the hub's process tree, the PostgreSQL
    backends serving the bench database (when the server is on this machine), and the whole machine (busy,
    from /proc/stat). Linux only; empty elsewhere."""
    if not os.path.exists("/proc/stat"):
        return {}
    with hub.admin.connect() as c:
        backends = c.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d"), {"d": hub.dbname}).scalars()
        pg = {f"pg{p}": _proc_cpu(p) for p in backends}
    with open("/proc/stat") as f:
        jiffies = [int(x) for x in f.readline().split()[1:]]
    busy = (sum(jiffies) - jiffies[3] - jiffies[4]) / os.sysconf("SC_CLK_TCK")
    return {"stations": sum(_proc_cpu(p) for p in station_pids), "hub": _hub_cpu(hub),
            "machine": busy, **pg}


def cpu_line(before: dict, after: dict, rounds: int) -> str:
    """A backend that started during the run counts from 0; one that ended is lost (the pool keeps them)."""
    if not before:
        return ""
    d = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in ("stations", "hub", "machine")}
    d["postgres"] = sum(v - before.get(k, 0.0) for k, v in after.items() if k.startswith("pg"))
    other = d["machine"] - d["stations"] - d["hub"] - d["postgres"]
    return (f"  CPU per round: stations {d['stations'] / rounds * 1000:.1f} ms, hub {d['hub'] / rounds * 1000:.1f} ms, "
            f"PostgreSQL {d['postgres'] / rounds * 1000:.1f} ms, rest of the machine {other:.1f} s in all "
            f"({os.cpu_count()} cores)")


class _HubAddress:
    """What ``station()`` needs of the hub in a station process: its address (tokens come ready)."""

    def __init__(self, http: str):
        self.http = http

    def add_station(self, code: str, *, cli: bool = False) -> str:
        raise RuntimeError("a station process is handed its enrollment token")


def _station_process(conn, tmp: str, tokens: dict[str, str], http: str, window_s: float, records: int = 0) -> None:
    """One process simulating some of the stations (its own interpreter, so its own GIL), each station on
    a thread of its own, as a station PC runs its round on a worker thread. Set-up first (enrolled, synced
    once, one new visit and case each); then every round starts at the moment the parent names (plus a
    random delay within the window) and is timed around the station's own ``sync_round``."""
    import random

    hub = _HubAddress(http)
    dbs = []
    for code, token in tokens.items():
        db, _ = station(Path(tmp), code, hub, records, token)
        sync_round(db)
        register_visit(db, SYSTEM_ADMIN, VisitInput("张三"), CaseInput("并发同步测试"))
        dbs.append(db)
    conn.send("ready")
    start_at = conn.recv()
    times: list[float] = []
    errors: list[str] = []

    def one(db) -> None:
        delay = start_at + random.uniform(0, window_s) - time.time()
        if delay > 0:
            time.sleep(delay)
        t = time.perf_counter()
        try:
            r = sync_round(db)
            if not r.agreed:
                errors.append("; ".join(r.notes))
        except Exception as exc:  # noqa: BLE001 - every error counts
            errors.append(repr(exc))
        times.append(time.perf_counter() - t)

    threads = [threading.Thread(target=one, args=(db,)) for db in dbs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    conn.send((times, errors))
    conn.recv()  # stay alive until the parent has read our CPU time
    for db in dbs:
        db.dispose()


def bench_concurrent(hub: HubProcess, tmp: Path, stations: int, window_s: float = 0.0, prefix: str = "C",
                     procs: int = 4, records: int = 0) -> dict:
    """Every station does one round with a new visit and case to send (4 changes). ``window_s`` = 0: all
    start at the same instant (a burst); otherwise each starts at a random moment within the window (a busy
    hour, compressed). Each station already holds ``records`` records (synced during set-up), so the hub's
    work per round is measured against a county that has data, not an empty one. The stations are simulated by ``procs`` processes (threads inside each): 200 station
    PCs do not share one interpreter lock, and one process of 200 threads measures that lock as much as the
    hub. The figure is the wall time of each station's whole ``sync_round`` (hello, push, pull, verify, with
    its SQLite writes), measured by the station's thread; every station process and the hub share this
    machine's cores, so the stations' own work is in the figure too."""
    import multiprocessing as mp

    tmp.mkdir(parents=True, exist_ok=True)
    if not (tmp / "_template").exists():  # made once here: the processes would race to make it
        open_station_database(tmp / "_template").dispose()
    tokens = {f"{prefix}{i:03d}": hub.add_station(f"{prefix}{i:03d}") for i in range(stations)}
    codes = list(tokens)
    ctx = mp.get_context("spawn")
    workers = []
    for k in range(procs):
        mine = {c: tokens[c] for c in codes[k::procs]}
        if not mine:
            continue
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_station_process, args=(child, str(tmp), mine, hub.http, window_s, records), daemon=True)
        proc.start()
        workers.append((proc, parent))
    for _proc, conn in workers:
        if conn.recv() != "ready":
            raise RuntimeError("a station process failed to set up")
    pids = [pid for proc, _conn in workers if (pid := proc.pid) is not None]  # all started
    # the set-up wrote 200 × records rows: let PostgreSQL's vacuum and statistics catch up now, as they would
    # on a county's hub between two busy moments, rather than in the middle of the timed run (autovacuum)
    vac = create_engine(hub.url, isolation_level="AUTOCOMMIT")
    with vac.connect() as c:
        c.execute(text("VACUUM ANALYZE"))
    vac.dispose()
    idle0 = cpu_snapshot(hub, pids)
    time.sleep(3)  # what the rest of the machine uses while this bench is idle (other jobs on a shared box)
    cpu0 = cpu_snapshot(hub, pids)
    baseline = (cpu0["machine"] - idle0["machine"]) / 3 if cpu0 else 0.0
    start_at = time.time() + 0.5
    for _proc, conn in workers:
        conn.send(start_at)
    times: list[float] = []
    errors: list[str] = []
    for _proc, conn in workers:
        t, e = conn.recv()
        times += t
        errors += e
    wall = time.time() - start_at
    cpu1 = cpu_snapshot(hub, pids)
    for proc, conn in workers:
        conn.send("bye")
        proc.join(timeout=60)
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95) - 1]
    how = "at once" if not window_s else f"within {window_s:.0f} s"
    print(f"{stations} stations holding {records:,} records each, {how} ({len(workers)} station processes, hub workers {hub.workers}, threads {hub.threads or 'default'}): "
          f"{len(errors)} errors, round p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms, "
          f"all done in {wall:.1f} s (budget p95 1 s)")
    if cpu0:
        print(cpu_line(cpu0, cpu1, stations) + f"; before the run, idle, the machine was busy {baseline:.2f} cores")
    for e in errors[:5]:
        print("  error:", e)
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
    ap.add_argument("--station-procs", type=int, default=8,
                    help="processes simulating the stations in the concurrent run (threads inside each)")
    ap.add_argument("--hub-workers", type=int, default=2, help="`serve --workers` of the hub (default 2: one per core here)")
    ap.add_argument("--hub-threads", type=int, default=0, help="`serve --threads` of the hub (0: its default)")
    ap.add_argument("--station-records", type=int, default=1000,
                    help="records each station of the concurrent run holds before its timed round")
    args = ap.parse_args(argv)
    hub = HubProcess(args.port, workers=args.hub_workers, threads=args.hub_threads)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if not args.skip_first:
                bench_first_and_noop(hub, Path(tmp), args.records, args.noop_runs)
            if not args.skip_concurrent:
                for k, window in enumerate(args.windows):
                    bench_concurrent(hub, Path(tmp) / f"w{k}", args.stations, window, prefix="CDEFGH"[k % 6],
                                     procs=args.station_procs, records=args.station_records)
    finally:
        hub.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
