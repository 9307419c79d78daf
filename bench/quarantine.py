"""What quarantine costs a station's pull (issue 17, item 7): applying a page of the hub's changes as every
round does (one transaction, no savepoints), the same page change by change in savepoints (what a page
containing a change that cannot be applied falls back to), and a page with one such change (the first try
fails, then the careful pass). Prints each figure.

    python -m bench.quarantine              # a page of 1,000 changes (the pull page size), 5 runs each
    python -m bench.quarantine --changes 200 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from liaison_desk.domain.ids import HUB_ORIGIN
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import open_station_database
from liaison_desk.services.sync import pull
from liaison_desk.services.sync.report import SyncReport
from liaison_desk.sync.protocol import PULL_PAGE, new_change


def page(db, n: int, bad: bool) -> dict:
    """``n`` department inserts from the hub (one of them a visit whose date cannot be read when ``bad``)."""
    items = []
    for i in range(n):
        if bad and i == n // 2:
            ch = new_change("visits", str(uuid.uuid4()), "insert", {"occurred_at": "not a date"},
                            db.change_context.stamp(), str(HUB_ORIGIN))
        else:
            ch = new_change("departments", str(uuid.uuid4()), "insert", {"name": f"单位{uuid.uuid4().hex[:12]}",
                                                                         "short_name": "", "active": True},
                            db.change_context.stamp(), str(HUB_ORIGIN))
        items.append({"change_id": ch.change_id, "payload": ch.payload, "payload_hash": ch.payload_hash})
    return {"changes": items, "next": 0}


def timed(db, n: int, *, careful: bool = False, bad: bool = False) -> float:
    body = page(db, n, bad)
    start = time.perf_counter()
    if careful:
        changes = [pull.parse_change(i) for i in body["changes"]]
        pull._apply_page(db, body, changes, SyncReport(), None, careful=True)
    else:
        pull.apply_page(db, body, SyncReport())
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=PULL_PAGE)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_station_database(Path(tmp) / "st")
        init_station(db, name="基准联络站", code="BK01", admin_pin="2468")
        for label, kw in (("normal page (no savepoints)", {}), ("change by change in savepoints", {"careful": True}),
                          ("page with one unappliable change", {"bad": True})):
            times = [timed(db, args.changes, **kw) for _ in range(args.runs)]
            print(f"{label}: {args.changes} changes, median {statistics.median(times):.0f} ms "
                  f"(min {min(times):.0f}, max {max(times):.0f}) over {args.runs} runs")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
