"""Foundation benchmarks: bulk demo generation vs raw sqlite3, registering a visit on a 100,000-case
database (p50/p95), and ``stats`` on 100,000 cases. Prints every figure; ``--json FILE`` saves them.

    python -m bench.run                 # full size (≈125,000 visits → ≈100,000 cases)
    python -m bench.run --visits 5000   # a quick look
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from liaison_desk import paths
from liaison_desk.db.cipher import connect_station
from liaison_desk.db.database import BULK_CACHE_KIB, Database
from liaison_desk.domain.workflow import Role
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import Actor, open_station_database

SKIP_TABLES = {"alembic_version", "sqlite_sequence"}


def _shadow_tables(con: sqlite3.Connection) -> set[str]:
    """The full-text index's own tables (``case_search_data``…): its virtual table makes them."""
    virtual = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
    names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {n for n in names for v in virtual if n.startswith(v + "_")}


def table_rows(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    con = connect_station(path)  # the station file is encrypted (SQLCipher)
    out = {}
    shadows = _shadow_tables(con)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        if name in SKIP_TABLES or name in shadows:
            continue
        cur = con.execute(f'SELECT * FROM "{name}"')
        out[name] = ([d[0] for d in cur.description], cur.fetchall())
    con.close()
    return out


def raw_insert(schema_from: Path, target: Path, rows: dict[str, tuple[list[str], list[tuple]]]) -> float:
    """The same rows through plain sqlite3 ``executemany`` into the same schema, same pragmas, one transaction."""
    src = connect_station(schema_from)
    shadows = _shadow_tables(src)
    ddl = [sql for (name, sql) in src.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                              "AND name NOT LIKE 'sqlite_%' ORDER BY sql NOT LIKE 'CREATE VIRTUAL%'")
           if name not in shadows]
    src.close()
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=OFF")  # the same rows, inserted table by table, not in dependency order
    con.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")  # the same page cache as the demo's bulk writer
    for sql in ddl:
        con.execute(sql)
    t0 = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for name, (cols, data) in rows.items():
        marks = ",".join("?" * len(cols))
        con.executemany(f'INSERT INTO "{name}" ({",".join(cols)}) VALUES ({marks})', data)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def bench_demo(work: Path, visits: int) -> tuple[dict, Database]:
    data = work / "demo"
    db = open_station_database(data)
    t0 = time.perf_counter()
    res = generate_demo(db, visits=visits, seed=42)
    demo_s = time.perf_counter() - t0
    rows = table_rows(paths.database_path(data))
    n_rows = sum(len(r) for _, r in rows.values())
    raw_s = raw_insert(paths.database_path(data), work / "raw.sqlite3", rows)
    fig = {
        "visits": visits, "cases": res.cases, "rows_total": n_rows, "demo_seconds": round(demo_s, 2),
        "demo_rows_per_s": round(n_rows / demo_s), "raw_seconds": round(raw_s, 2),
        "raw_rows_per_s": round(n_rows / raw_s), "ratio_demo_to_raw": round(raw_s / demo_s, 3),
    }
    return fig, db


def bench_register(db, n: int) -> dict:
    actor = Actor(Role.DUTY_DEPUTY, "基准测试")
    times = []
    for i in range(n):
        visit = VisitInput(visitor_names="赵桂兰", visitor_phone=f"139{i:08d}", village="东风村", headcount=1)
        case = CaseInput(content=f"东风村三组路灯坏了，晚上出行不便（基准 {i}）。", urgency="normal", triage="green")
        t0 = time.perf_counter()
        register_visit(db, actor, visit, case)
        times.append((time.perf_counter() - t0) * 1000)
    q = statistics.quantiles(times, n=100)
    return {"registrations": n, "p50_ms": round(q[49], 2), "p95_ms": round(q[94], 2), "max_ms": round(max(times), 2)}


def bench_stats(db, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        s = compute_stats(db)
        times.append((time.perf_counter() - t0) * 1000)
    return {"cases": s["cases"]["total"], "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--visits", type=int, default=125_000, help="demo visits (≈80%% become cases)")
    p.add_argument("--registrations", type=int, default=300)
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="liaison-bench-") as tmp:
        work = Path(tmp)
        demo, db = bench_demo(work, args.visits)
        print(f"demo generation: {demo['rows_total']} rows ({demo['visits']} visits, {demo['cases']} cases) "
              f"in {demo['demo_seconds']} s = {demo['demo_rows_per_s']} rows/s; raw sqlite3 executemany of the "
              f"same rows: {demo['raw_seconds']} s = {demo['raw_rows_per_s']} rows/s; "
              f"ratio {demo['ratio_demo_to_raw']}")
        reg = bench_register(db, args.registrations)
        print(f"register visit + case on {demo['cases']} cases: p50 {reg['p50_ms']} ms, p95 {reg['p95_ms']} ms, "
              f"max {reg['max_ms']} ms over {reg['registrations']} registrations (target p95 <= 20 ms)")
        st = bench_stats(db, 5)
        print(f"stats on {st['cases']} cases: median {st['median_ms']} ms, max {st['max_ms']} ms")
        db.dispose()
    figures = {"demo": demo, "register": reg, "stats": st, "python": sys.version.split()[0]}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
