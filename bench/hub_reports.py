"""The county's year report on PostgreSQL: 300 stations, 1,000,000 cases (issue 16: ≤ 2 s).

The data is the case-index bench's (``bench.console_queries.build``: 300 stations in 20 townships, cases over
about three years, 80 % closed), in a schema of its own, dropped afterwards. Timed: ``hub.console.reports.
county_report`` as the console and ``liaison-desk-hub report`` call it — the year's totals with the previous
year and the same period last year, a breakdown (by township, then by station), the 问题清单 and the 通报 table
of departments and stations, for the county's staff (every case) and for a township's staff.

    python -m bench.hub_reports                  # 1,000,000 cases (builds in a few minutes)
    python -m bench.hub_reports --cases 100000   # a quick look
    python -m bench.hub_reports --reuse SCHEMA   # a schema kept by bench.console_queries --keep
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

from sqlalchemy import create_engine, text

from bench.console_queries import PG_URL, STATIONS, TODAY, build
from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.hub.console import reports
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub

TARGET_S = 2.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--period", default=str(TODAY.year))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--reuse", metavar="SCHEMA")
    args = ap.parse_args(argv)
    schema = args.reuse or f"bench_reports_{os.getpid()}"
    admin = create_engine(PG_URL)
    if not args.reuse:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(PG_URL, schema=schema, pool_size=2)
    try:
        if not args.reuse:
            upgrade(engine)
            t0 = time.perf_counter()
            print(f"building {args.cases:,} cases, {STATIONS} stations in schema {schema}…", flush=True)
            with engine.begin() as conn:
                build(conn, args.cases)
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                for table in ("hub_case_index", "hub_case_search", "hub_records"):
                    conn.execute(text(f"VACUUM ANALYZE {table}"))
            print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)
        with engine.connect() as conn:
            n = conn.execute(text("SELECT count(*) FROM hub_case_index")).scalar() or 0
        hub = Hub(engine)
        as_of = to_utc(dt.datetime.combine(TODAY, dt.time(17)))
        who = {"county staff": Viewer("b", "县人大", Role.COUNTY_STAFF),
               "township staff": Viewer("t", "乡镇", Role.TOWNSHIP_STAFF, township="第3镇")}
        print(f"\n{n:,} cases, {STATIONS} stations; report {args.period}, {args.runs} runs each (s); "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}:")
        failed = False
        for label, viewer in who.items():
            for by in ("township", "station"):
                times, cpu = [], []
                report = None
                for _ in range(args.runs + 1):  # the first run warms the caches, not counted
                    t0, c0 = time.perf_counter(), time.process_time()
                    report = reports.county_report(hub, viewer, args.period, by=by, as_of=as_of, county_name="全县")
                    times.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                times, cpu = times[1:], cpu[1:]
                assert report is not None
                worst = max(times)
                ok = worst <= TARGET_S
                failed |= not ok
                print(f"  {label:15} by {by:9} median {statistics.median(times):5.2f}  max {worst:5.2f}  "
                      f"(python CPU {statistics.median(cpu):4.2f})  ≤ {TARGET_S:.0f} s {'ok' if ok else 'OVER'}   "
                      f"[{report.totals.cases:,} cases, {len(report.breakdown)} rows, {len(report.problems)} "
                      f"problems, {len(report.notices)} 通报 rows]")
        return 1 if failed else 0
    finally:
        engine.dispose()
        if not args.keep and not args.reuse:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        else:
            print(f"kept schema {schema}")
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
