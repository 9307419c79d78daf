"""What the audit trail costs (issue 17): logging one entry in a transaction of its own (a case view, a search)
and inside an admin action's transaction, opening a case with and without the view logged, and ``audit verify``
over the whole chain. Prints each figure.

    python -m bench.audit                      # a station whose trail already holds 50,000 entries
    python -m bench.audit --entries 2000       # a quick look
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from liaison_desk.domain.audit import REPEAT_WINDOW_S
from liaison_desk.domain.workflow import Role
from liaison_desk.services.admin import audit
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, get_case, register_visit
from liaison_desk.services.context import Actor, open_station_database


def _ms(fn: Callable[[], object], n: int) -> tuple[float, float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args(argv)
    staff = Actor(Role.STAFF, "李干事")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_station_database(Path(tmp))
        init_station(db, name="基准联络站", code="BM01", township="河口镇", admin_pin="2468")
        t0 = time.perf_counter()
        batch = 1000
        for start in range(0, args.entries, batch):
            with db.session() as s:
                for n in range(start, min(start + batch, args.entries)):
                    audit.append(s, db, staff, "export", "全部记录", f"第 {n} 次")
        fill = time.perf_counter() - t0
        print(f"filled a trail of {args.entries:,} entries in {fill:.1f} s "
              f"({fill / args.entries * 1e6:.0f} µs an entry in batches of {batch})")

        p50, p95 = _ms(lambda: audit.record(db, staff, "export", "全部记录", "基准"), args.repeat)
        print(f"audit.record in its own transaction (synchronous=FULL): p50 {p50:.2f} ms, p95 {p95:.2f} ms")

        def in_txn() -> None:
            with db.session() as s:
                audit.append(s, db, staff, "admin_settings", "设置", "idle_minutes")

        p50, p95 = _ms(in_txn, args.repeat)
        print(f"a transaction holding only audit.append: p50 {p50:.2f} ms, p95 {p95:.2f} ms "
              "(inside an admin action it adds the insert, not the commit)")

        res = register_visit(db, staff, VisitInput("张秀英", visitor_phone="13812345678", village="柳树湾村"),
                             CaseInput("村东头灌溉渠堵塞，春灌放不下水。", triage="blue"))
        case_id = res.case_id
        assert case_id is not None  # a visit registered with a case
        plain50, plain95 = _ms(lambda: get_case(db, case_id, Role.STAFF), args.repeat)
        readers = [Actor(Role.STAFF, f"工作人员{i}") for i in range(args.repeat)]  # each a new view: logged
        it = iter(readers)
        log50, log95 = _ms(lambda: get_case(db, case_id, Role.STAFF, actor=next(it)), args.repeat)
        print(f"opening a case: p50 {plain50:.2f} ms unlogged, {log50:.2f} ms with the view logged "
              f"(p95 {plain95:.2f} → {log95:.2f} ms)")
        same50, _ = _ms(lambda: get_case(db, case_id, Role.STAFF, actor=staff), args.repeat)
        print(f"the same person reopening it within {REPEAT_WINDOW_S} s (not logged again): p50 {same50:.2f} ms")

        t0 = time.perf_counter()
        check = audit.verify(db)
        print(f"audit verify over {check.entries:,} entries: {time.perf_counter() - t0:.2f} s "
              f"({'intact' if check.ok else 'BROKEN'})")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
