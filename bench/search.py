"""Search and case-list benchmark on a 1,000,000-case station database.

Budget: Chinese search for one- to four-character queries, p95 ≤ 100 ms (``services.search.search_cases``,
the same call as the desk's case list and ``liaison-desk search``). Also times the case list's first page,
a deep page by offset and by keyset, a search's match count, and the overdue queue.

The database is built once and cached under ``bench/results/`` (gitignored). The build uses the real
migrations (so the real search index and its triggers), a small demo for reference data and realistic
events, then inserts the bulk of the cases (with their visits) through SQLAlchemy Core, which is much faster
than the demo generator; those extra cases skip the outbox and the event log, which neither search nor the
list reads. The FTS index is filled by the same SQL triggers as on a station PC.

    python -m bench.search                  # 1,000,000 cases (first build takes several minutes)
    python -m bench.search --cases 20000    # a quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import insert, select

from liaison_desk.db.models import Case, Category, Deputy, Station, Village, Visit
from liaison_desk.domain.case_number import format_case_number
from liaison_desk.domain.hlc import HLC
from liaison_desk.domain.ids import new_id
from liaison_desk.domain.timeutil import local_today, to_utc
from liaison_desk.services.admin import demo_data as D
from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.cases.listing import (
    CaseFilter,
    count_cases,
    page_cases,
    urgency_counts,
    urgency_queue,
)
from liaison_desk.services.cases.search import count_matches, search_cases
from liaison_desk.services.context import open_station_database
from liaison_desk.services.desk.handover import handover_summary

RESULTS = Path(__file__).resolve().parent / "results"
BUDGET_MS = 100.0
QUERIES = {
    1: ["灌", "路", "灯", "水", "老", "医", "张", "鑫", "猕", "犇"],
    2: ["灌溉", "路灯", "低保", "医保", "清淤", "养老", "垃圾", "户口", "校车", "火箭"],
    3: ["灌溉渠", "自来水", "减速带", "斑马线", "猕猴桃", "王建国", "合作社", "太阳能", "量子力"],
    4: ["年久失修", "浇不上水", "安全隐患", "危房改造", "异地就医", "电商创业", "文化广场", "宇宙飞船"],
}
EXTRA = ["请尽快处理。", "群众反映强烈。", "已多次反映。", "希望代表帮忙协调。", "", "", ""]
BATCH = 20_000
T = TypeVar("T")


def _hlc(ms: int, node: str) -> str:
    return HLC(ms, 0, node).encode()


def build(data_dir: Path, n_cases: int) -> Path:
    """The cached benchmark database with ``n_cases`` cases (built once)."""
    done = data_dir / f"built-{n_cases}"
    if done.exists():
        return data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    today = local_today()
    bulk_days = max(30, n_cases // 800)
    demo_end = today - dt.timedelta(days=bulk_days + 1)
    db = open_station_database(data_dir)
    demo = generate_demo(db, visits=2500, seed=11, end=demo_end)  # reference data and fully-evented cases
    print(f"demo part: {demo.cases} cases in {demo.seconds:.1f} s", file=sys.stderr)
    rng = random.Random(2026)
    with db.session(write=False) as s:
        station = s.scalar(select(Station))
        assert station is not None  # generate_demo set it up
        villages = list(s.execute(select(Village.id, Village.name)))
        cats = dict(s.execute(select(Category.code, Category.id)).all())
        deputies = list(s.scalars(select(Deputy.id)))
    remaining = n_cases - demo.cases
    per_day = -(-remaining // bulk_days)
    node = db.node_id
    base_ms = int(time.time() * 1000)
    visits, cases, made = [], [], 0
    with db.engine.begin() as conn:
        for d in range(bulk_days):
            day = demo_end + dt.timedelta(days=d + 1)
            for seq in range(1, min(per_day, remaining - made) + 1):
                vid, cid = new_id(), new_id()
                village_id, village = rng.choice(villages)
                cat = rng.choice(list(D.CONTENT))
                content = (rng.choice(D.CONTENT[cat]).format(v=village, p=rng.choice(D.PLACES))
                           + rng.choice(EXTRA))
                when = to_utc(dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(seconds=seq * 30))
                name = rng.choice(D.SURNAMES) + rng.choice(D.GIVEN)
                stamp = _hlc(base_ms + made, node)
                visits.append({"id": vid, "origin_station_id": station.id, "created_hlc": stamp, "hlc": stamp,
                               "station_id": station.id, "occurred_at": when, "channel": "walk_in",
                               "visitor_names": name, "visitor_phone": f"139{rng.randrange(10**8):08d}",
                               "village_id": village_id, "headcount": 1, "note": ""})
                age = (today - day).days
                status = "closed" if age > 60 or rng.random() < 0.5 else rng.choice(
                    ["registered", "accepted", "assigned", "in_progress", "replied"])
                deadline = day + dt.timedelta(days=21) if status in ("assigned", "in_progress") else None
                cases.append({"id": cid, "origin_station_id": station.id, "created_hlc": stamp, "hlc": stamp,
                              "number": format_case_number(station.code, day, seq), "station_id": station.id,
                              "visit_id": vid, "village_id": village_id, "category_id": cats.get(cat),
                              "registered_by_id": rng.choice(deputies), "registered_at": when,
                              "summary": content[:29], "content": content,
                              "urgency": rng.choices(["normal", "urgent", "critical"], [80, 15, 5])[0],
                              "triage": rng.choices(["green", "blue", "yellow", "red"], [40, 30, 22, 8])[0],
                              "status": status, "deadline": deadline, "event_count": 1})
                made += 1
                if len(cases) >= BATCH:
                    conn.execute(insert(Visit), visits)
                    conn.execute(insert(Case), cases)
                    visits, cases = [], []
                    print(f"  {made + demo.cases:,} cases …", file=sys.stderr)
        if cases:
            conn.execute(insert(Visit), visits)
            conn.execute(insert(Case), cases)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    db.dispose()
    done.write_text("ok")
    print(f"built {made + demo.cases:,} cases in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return data_dir


def _nth_key(db, text: str, n: int) -> tuple:
    rows = page_cases(db, CaseFilter(text=text), offset=n - 1, limit=1)
    return rows[0].key if rows else (0,)


def _timed(fn: Callable[..., T], *args: Any, **kw: Any) -> tuple[float, T]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return (time.perf_counter() - t) * 1000, out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=5, help="timed runs of each query (after one warm-up)")
    args = ap.parse_args(argv)
    data_dir = build(RESULTS / f"search-{args.cases}", args.cases)
    db = open_station_database(data_dir)
    total = count_cases(db)
    print(f"database: {total:,} cases ({data_dir})")
    search_cases(db, "水", limit=50)  # first touch: the index check, page cache

    all_ms: list[float] = []
    for length, queries in QUERIES.items():
        times = []
        for q in queries:
            _timed(search_cases, db, q, limit=50)
            runs = [_timed(search_cases, db, q, limit=50) for _ in range(args.reps)]
            times += [ms for ms, _ in runs]
            hits = len(runs[0][1])
            print(f"  {q:<6} {statistics.median(ms for ms, _ in runs):7.2f} ms  ({hits} shown)")
        all_ms += times
        print(f"{length}-char queries: p50 {pct(times, 50):.2f} ms, p95 {pct(times, 95):.2f} ms, "
              f"max {max(times):.2f} ms")
    p95 = pct(all_ms, 95)
    print(f"SEARCH 1–4 chars on {total:,} cases: p50 {pct(all_ms, 50):.2f} ms, p95 {p95:.2f} ms "
          f"(budget {BUDGET_MS:.0f} ms: {'met' if p95 <= BUDGET_MS else 'MISSED'})")

    def rep(label, fn, *a, **kw):
        ms = [_timed(fn, *a, **kw)[0] for _ in range(args.reps)]
        print(f"{label}: median {statistics.median(ms):.2f} ms, max {max(ms):.2f} ms")
        return _timed(fn, *a, **kw)[1]

    rep("search with a filter (路灯, open only)", search_cases, db, "路灯", limit=50,
        case_filter=CaseFilter(open_only=True))
    rep("match count, capped at 10 000 (水)", count_matches, db, "水", cap=10_000)
    rep("match count, exact (灌溉渠)", count_matches, db, "灌溉渠")
    first = rep("page_cases first page (200)", page_cases, db, limit=200)
    rep("page_cases offset 500 000", page_cases, db, offset=min(500_000, total - 200), limit=200)
    rep("page_cases keyset next page", page_cases, db, limit=200, after=first[-1].key)
    deep = page_cases(db, offset=min(500_000, total - 200), limit=200)
    rep("page_cases keyset after row 500 000", page_cases, db, limit=200, after=deep[-1].key)
    rep("count_cases (all)", count_cases, db)
    rep("urgency_counts (badge)", urgency_counts, db)
    rep("urgency_queue first 200", urgency_queue, db, limit=200)
    rep("handover_summary", handover_summary, db)
    rep("search 路灯, keyset page after match 5 000", search_cases, db, "路灯", limit=50,
        after=_nth_key(db, "路灯", 5000))
    rep("search 路灯, offset 5 000", page_cases, db, CaseFilter(text="路灯"), offset=5000, limit=50)
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
