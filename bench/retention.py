"""What minimisation and retention cost (issue 17): compacting an acknowledged change (done for every change
the hub acknowledges), the one-time compaction of an outbox an earlier release kept whole, and a first
retention run over a station whose every ended case is past the limit — with the longest write transaction
it held (the time a desk's own save may wait behind it). Prints each figure.

    python -m bench.retention                  # a demo station of 20,000 visits
    python -m bench.retention --visits 2000    # a quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select, update

from liaison_desk.db.models import Case, OutboxEntry
from liaison_desk.services.admin import retention
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.admin.stats import compute_stats
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.push import compact_payload


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--visits", type=int, default=20_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_station_database(Path(tmp))
        generate_demo(db, visits=args.visits, seed=3)
        with db.session() as s:  # as a station synced by an earlier release: acknowledged, kept whole
            s.execute(update(OutboxEntry).values(acked_at=OutboxEntry.created_at))
            payloads = list(s.scalars(select(OutboxEntry.payload).limit(10_000)))
            changes = s.scalar(select(func.count()).select_from(OutboxEntry))
            ended = s.scalar(select(func.count()).select_from(Case).where(Case.status.in_(retention.ENDED)))
        t0 = time.perf_counter()
        for p in payloads:
            compact_payload(p)
        per = (time.perf_counter() - t0) / len(payloads) * 1e6
        print(f"compacting one acknowledged change: {per:.1f} µs (over {len(payloads):,} payloads)")

        t0 = time.perf_counter()
        n = retention.compact_all(db)
        print(f"one-time compaction of {n:,} of {changes:,} acknowledged changes: {time.perf_counter() - t0:.2f} s")

        longest = [0.0]
        original = db.session

        @contextmanager
        def timed(*a, **kw):
            start = time.perf_counter()
            with original(*a, **kw) as s:
                yield s
            if kw.get("write", True):
                longest[0] = max(longest[0], time.perf_counter() - start)

        db.session = timed  # type: ignore[method-assign]  # measure every write transaction of the run
        before = compute_stats(db)["cases"]
        later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=10 * 366)
        t0 = time.perf_counter()
        done = retention.run_retention(db, SYSTEM_ADMIN, now=later, full=True)
        took = time.perf_counter() - t0
        db.session = original  # type: ignore[method-assign]
        assert compute_stats(db)["cases"] == before, "the figures changed"
        print(f"first retention run, {ended:,} ended cases past the limit: {took:.2f} s "
              f"({done.cases:,} cases, {done.visits:,} visits, {done.constituents:,} people redacted; "
              f"{done.records / took:,.0f} records/s); longest write transaction {longest[0] * 1000:.0f} ms")
        t0 = time.perf_counter()
        again = retention.run_retention(db, SYSTEM_ADMIN, now=later)
        print(f"the next daily run (nothing new): {(time.perf_counter() - t0) * 1000:.0f} ms, {again.records} records")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
