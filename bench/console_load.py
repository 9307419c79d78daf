"""The hub keeps serving stations while people use the console (issue 15): "with 20 console users clicking while
200 stations sync, sync p95 stays within 1.5× of its figure without them". PostgreSQL, over HTTP on loopback.

    python -m bench.console_load                       # 200 stations, 20 console users
    python -m bench.console_load --stations 50 --users 5 --cases 10   # a quick look
    LIAISON_DESK_TEST_PG_URL=postgresql+psycopg://user@host/db python -m bench.console_load

What runs: a real hub (``liaison-desk-hub serve --workers 2`` in a child process, ``bench.sync.HubProcess``, on a
database of its own, dropped afterwards) serving both the sync API and the console. ``--stations`` stations are
simulated by ``--station-procs`` processes (threads inside each, the desk's own HTTP client and SQLite, as in
``bench.sync``); each holds ``--cases`` cases synced during set-up (what the console lists and searches).
Then two timed phases with the same stations, each station doing one round (one new visit and case to send)
at a random moment within ``--window`` seconds:

1. without the console: the sync p95 alone;
2. with ``--users`` console users signed in (county staff; each its own session over HTTP, from a process of
   its own), each walking home → case queue → a search (路灯, 灌溉, a case number) → the first listed
   case's page and round again, ``--think`` seconds between clicks, for the whole phase.

Printed: each phase's sync p50/p95 and errors, their ratio against the 1.5× target, and the console pages' p50/p95
per page during phase 2 (every request's wall time as the user's client sees it).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.sync import HubProcess
from liaison_desk.domain.access import Role
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.rounds import enroll, sync_round

PASSWORD = "bench-console-password"
PAGES = ("home", "queue", "search", "case")


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(len(s) * p) - 1))]


# -- stations -------------------------------------------------------------------------------------------------
TEXTS = ("村口路灯坏了三盏，晚上看不见路。", "村里灌溉水渠堵了，庄稼等水。", "通村道路坑洼，雨天走不了车。",
         "垃圾清运不及时，路边堆了好几天。", "学校门口没有斑马线，孩子过马路危险。", "自来水水压低，楼上用不上水。")


def station(tmp: Path, code: str, http: str, cases: int, token: str):
    """A real station, enrolled, holding ``cases`` cases registered as the desk does (visit, person, case,
    event). Its folder is a copy of a migrated empty one (key store included: station files are encrypted;
    ``bench.sync.station`` copies the file alone, and ``bench.sync.fill``'s bulk rows do not match the hub's
    digests any more, so every round would end "not agreed")."""
    import shutil

    from liaison_desk.services.admin.setup import init_station

    shutil.copytree(tmp / "_template", tmp / code)
    db = open_station_database(tmp / code)
    init_station(db, name=f"{code} 联络站", code=code, admin_pin="2468")
    for i in range(cases):
        register_visit(db, SYSTEM_ADMIN, VisitInput("张三", visitor_phone=f"138{i:08d}"), CaseInput(TEXTS[i % len(TEXTS)]))
    enroll(db, SYSTEM_ADMIN, http, token)
    return db


def _station_process(conn, tmp: str, tokens: dict[str, str], http: str, window_s: float, cases: int) -> None:
    """Some of the stations, each on a thread of its own. Set-up (enrolled, ``cases`` cases synced), then
    for each phase the parent names a start time; every station registers a visit and case and times its
    whole round, starting at a random moment within the window."""
    dbs = []
    for code, token in tokens.items():
        db = station(Path(tmp), code, http, cases, token)
        if not sync_round(db).agreed:
            raise RuntimeError(f"{code}: the set-up round did not agree with the hub")
        dbs.append(db)
    conn.send("ready")
    while True:
        start_at = conn.recv()
        if start_at is None:
            break
        times: list[float] = []
        errors: list[str] = []

        def one(db: Any, start_at: float = start_at, times: list[float] = times, errors: list[str] = errors) -> None:
            register_visit(db, SYSTEM_ADMIN, VisitInput("王五"), CaseInput("田里灌溉的水渠塌了一段，需要修补。"))
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
    for db in dbs:
        db.dispose()


# -- console users -----------------------------------------------------------------------------------------------
def _user_process(conn, http: str, names: list[str], think_s: float, seed: int) -> None:
    """Console users, each on a thread with its own session (httpx client with its cookies): sign in, then walk
    home → queue → search → case page until told to stop; (page, seconds, status) for every request."""
    import httpx

    rng = random.Random(seed)
    stop = threading.Event()
    samples: list[tuple[str, float, int]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def get(client: httpx.Client, page: str, url: str) -> str:
        t = time.perf_counter()
        try:
            r = client.get(url)
        except httpx.HTTPError as exc:  # a timeout counts as an error and as the time waited
            with lock:
                samples.append((page, time.perf_counter() - t, 0))
                errors.append(f"{page} {url}: {exc!r}")
            return ""
        took = time.perf_counter() - t
        with lock:
            samples.append((page, took, r.status_code))
            if r.status_code != 200:
                errors.append(f"{page} {url}: {r.status_code}")
        return r.text

    def user(name: str) -> None:
        with httpx.Client(base_url=http, timeout=60, follow_redirects=True) as client:
            form = client.get("/signin").text
            pre = re.search(r'name="pre" value="([^"]+)"', form)
            r = client.post("/signin", data={"pre": pre.group(1) if pre else "", "next": "/", "name": name,
                                             "password": PASSWORD})
            signed.release()
            if r.status_code != 200 or "/signin" in str(r.url):
                with lock:
                    errors.append(f"sign-in of {name} failed: {r.status_code} {r.url}")
                return
            numbers: list[str] = []
            conn_ready.wait()
            while not stop.is_set():
                get(client, "home", "/")
                time.sleep(think_s * rng.uniform(.5, 1.5))
                page = get(client, "queue", "/cases")
                numbers = re.findall(r'href="/cases/([A-Z0-9-]+)"', page) or numbers
                time.sleep(think_s * rng.uniform(.5, 1.5))
                q = rng.choice(["路灯", "灌溉", "路灯 村口", numbers[rng.randrange(len(numbers))] if numbers else "路灯"])
                found = get(client, "search", f"/cases?q={q}")
                hits = re.findall(r'href="/cases/([A-Z0-9-]+)"', found)
                time.sleep(think_s * rng.uniform(.5, 1.5))
                if hits or numbers:
                    get(client, "case", f"/cases/{rng.choice(hits or numbers)}")
                    time.sleep(think_s * rng.uniform(.5, 1.5))

    conn_ready = threading.Event()
    signed = threading.Semaphore(0)
    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in names]
    for th in threads:
        th.start()
    for _ in names:
        signed.acquire(timeout=120)
    conn.send("ready")
    if conn.recv() == "go":
        with lock:
            samples.clear()
        conn_ready.set()
    conn.recv()  # "stop"
    stop.set()
    for th in threads:
        th.join(timeout=120)
    conn.send((samples, errors))


# -- the run ---------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stations", type=int, default=200)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--cases", type=int, default=20, help="cases each station holds (each with its visit, person, event)")
    ap.add_argument("--window", type=float, default=30.0, help="seconds within which each phase's rounds start")
    ap.add_argument("--think", type=float, default=1.0, help="seconds a console user waits between clicks (±50 %%)")
    ap.add_argument("--station-procs", type=int, default=8)
    ap.add_argument("--user-procs", type=int, default=2)
    ap.add_argument("--hub-workers", type=int, default=2)
    args = ap.parse_args(argv)

    import multiprocessing as mp

    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from liaison_desk.hub.console import auth
    from liaison_desk.hub.database import make_engine
    from liaison_desk.hub.store import Hub

    t_setup = time.perf_counter()
    hub = HubProcess(workers=args.hub_workers, start_timeout=300)  # a machine busy with other jobs starts slowly
    ctx = mp.get_context("spawn")
    try:
        admin = Hub(make_engine(hub.url, pool_size=2))
        auth.use_hasher(PasswordHasher.from_parameters(CHEAPEST))  # throwaway accounts; sign-in is not measured
        names = [f"县人大{i:02d}" for i in range(args.users)]
        for n in names:
            auth.add_user(admin, n, Role.COUNTY_STAFF.value)
            auth.set_password(admin, n, PASSWORD, must_change=False)
        with tempfile.TemporaryDirectory() as tmp:
            open_station_database(Path(tmp) / "_template").dispose()
            tokens = {f"L{i:03d}": admin.add_station(f"L{i:03d}", f"L{i:03d}") for i in range(args.stations)}
            codes = list(tokens)
            stations = []
            for k in range(args.station_procs):
                mine = {c: tokens[c] for c in codes[k::args.station_procs]}
                if mine:
                    parent, child = ctx.Pipe()
                    proc = ctx.Process(target=_station_process, daemon=True,
                                       args=(child, tmp, mine, hub.http, args.window, args.cases))
                    proc.start()
                    stations.append((proc, parent))
            for _p, c in stations:
                if c.recv() != "ready":
                    raise RuntimeError("a station process failed to set up")
            from sqlalchemy import create_engine, text

            vac = create_engine(hub.url, isolation_level="AUTOCOMMIT")
            with vac.connect() as db_conn:
                db_conn.execute(text("VACUUM ANALYZE"))
            vac.dispose()
            print(f"set-up: {args.stations} stations × {args.cases:,} cases, {args.users} console accounts in "
                  f"{time.perf_counter() - t_setup:.0f} s; load average {os.getloadavg()[0]:.1f}")

            def phase() -> tuple[list[float], list[str], float]:
                start_at = time.time() + 1.0
                for _p, c in stations:
                    c.send(start_at)
                times: list[float] = []
                errors: list[str] = []
                for _p, c in stations:
                    t, e = c.recv()
                    times += t
                    errors += e
                return times, errors, time.time() - start_at

            alone, alone_err, wall1 = phase()
            load1 = os.getloadavg()[0]
            users = []
            per = -(-len(names) // args.user_procs)
            for k in range(args.user_procs):
                mine_users = names[k * per:(k + 1) * per]
                if mine_users:
                    parent, child = ctx.Pipe()
                    proc = ctx.Process(target=_user_process, daemon=True,
                                       args=(child, hub.http, mine_users, args.think, k))
                    proc.start()
                    users.append((proc, parent))
            for _p, c in users:
                c.recv()  # signed in
            for _p, c in users:
                c.send("go")
            time.sleep(max(2.0, args.think * 4))  # the users are clicking before the stations start
            loaded, loaded_err, wall2 = phase()
            load2 = os.getloadavg()[0]
            for _p, c in users:
                c.send("stop")
            samples: list[tuple[str, float, int]] = []
            console_errors: list[str] = []
            for _p, c in users:
                s, e = c.recv()
                samples += s
                console_errors += e
            for _p, c in stations:
                c.send(None)
            for p, _c in (*stations, *users):
                p.join(timeout=60)
    finally:
        hub.close()

    p95_alone, p95_loaded = _pct(alone, .95), _pct(loaded, .95)
    print(f"sync without the console: {len(alone)} rounds within {args.window:.0f} s (done in {wall1:.0f} s), "
          f"{len(alone_err)} errors, p50 {_pct(alone, .5) * 1000:.0f} ms, p95 {p95_alone * 1000:.0f} ms "
          f"(load average {load1:.1f})")
    print(f"sync with {args.users} console users clicking: {len(loaded)} rounds (done in {wall2:.0f} s), "
          f"{len(loaded_err)} errors, p50 {_pct(loaded, .5) * 1000:.0f} ms, p95 {p95_loaded * 1000:.0f} ms "
          f"(load average {load2:.1f})")
    ratio = p95_loaded / p95_alone if p95_alone else float("nan")
    print(f"ratio of the p95s: {ratio:.2f}× (target ≤ 1.5×) — {'met' if ratio <= 1.5 else 'NOT met'}")
    print(f"console during phase 2: {len(samples)} requests, {len(console_errors)} not 200")
    for page in PAGES:
        took = [t for p, t, _s in samples if p == page]
        print(f"  {page:7s} n={len(took):5d}  p50 {_pct(took, .5) * 1000:6.0f} ms  p95 {_pct(took, .95) * 1000:6.0f} ms")
    for e in (alone_err + loaded_err + console_errors)[:5]:
        print("  error:", e)
    return 0 if not (alone_err or loaded_err or console_errors) else 1


if __name__ == "__main__":
    raise SystemExit(main())
