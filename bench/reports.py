"""Report benchmarks (issue 16): a year's report on 1,000,000 cases at the station (budget ≤ 1 s) and the
ledger of 100,000 open cases as ``.xlsx`` (budget ≤ 15 s and ≤ 300 MB peak memory, measured in a child
process that does only the export: interpreter, imports, database and workbook included).

The database is built once and cached under ``bench/results/`` (gitignored): a real station (migrations,
``init_station``) with 30 villages, 16 categories, 25 departments and 60 deputies, then 1,000,000 cases all
registered in the report year (2025) plus 100,000 in the year before (so the comparisons read real rows),
one visit each and 10 % visits that raised nothing, inserted through SQLAlchemy Core with realistic cached
states: ~88 % closed, exactly 100,000 open in 2025, deadlines, replies (some late), 回访 answers (some
没联系上: no answer recorded), reopenings. The full-text search index's triggers are dropped before the bulk
insert (the report never reads that index; keeping them only made the build slower); so are the triggers of
the report's per-day totals, which are then counted once from every row (``install_report_facts``) — the same
statements migration 0009 runs on an upgraded station.

    python -m bench.reports                   # 1,000,000 cases (first build takes a few minutes)
    python -m bench.reports --cases 50000     # a quick look (open cases: 10 % of them)
    python -m bench.reports --sql-build       # the same station built inside SQLite (minutes, not an hour)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import insert, select

from liaison_desk.db.models import Case, Category, Department, Deputy, Station, Village, Visit
from liaison_desk.db.report_facts import install_report_facts
from liaison_desk.domain.case_number import format_case_number
from liaison_desk.domain.hlc import HLC
from liaison_desk.domain.ids import new_id
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.services.admin import demo_data as D
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import open_station_database
from liaison_desk.services.reports.station import station_report

RESULTS = Path(__file__).resolve().parent / "results"
YEAR = 2025
BUDGET_REPORT_S = 1.0
BUDGET_LEDGER_S, BUDGET_LEDGER_MB = 15.0, 300.0
BATCH = 20_000
CATEGORIES = ["农田水利", "道路交通", "路灯照明", "养老服务", "户籍办理", "土地承包", "就业创业", "医疗保障",
              "生态环境", "教育", "住房安全", "社会治安", "产业发展", "文化体育", "社会救助", "其他"]


def _ref_rows(model, station_id, node: str, rows: list[dict]) -> list[dict]:
    out = []
    for i, r in enumerate(rows):
        stamp = HLC(1_700_000_000_000 + i, 0, node).encode()
        out.append({"id": new_id(), "origin_station_id": station_id, "created_hlc": stamp, "hlc": stamp, **r})
    return out


# every case row names the same columns (one executemany per batch)
STATE_KEYS = dict.fromkeys(("assigned_at", "deadline", "replied_at", "followed_up_at", "closed_at", "resolution",
                            "satisfaction"))


def _case_state(rng: random.Random, when: dt.datetime, open_case: bool) -> dict:
    """A case's cached state (the columns ``domain.workflow.fold`` derives), drawn to look like a busy year."""
    triage = rng.choices(["green", "blue", "yellow", "red"], [40, 30, 22, 8])[0]
    assigned = triage != "green" or rng.random() < 0.2
    state: dict = {"triage": triage, "reopen_count": 1 if rng.random() < 0.04 else 0, **STATE_KEYS}
    day = when.date()
    if assigned:
        state["assigned_at"] = when + dt.timedelta(days=rng.randint(0, 3), hours=2)
        state["deadline"] = day + dt.timedelta(days=rng.choice([10, 15, 20, 30]))
    if open_case:
        state["status"] = rng.choice(["registered", "accepted", "assigned", "in_progress", "replied", "reopened"])
        if state["status"] == "replied" and assigned:
            state["replied_at"] = when + dt.timedelta(days=rng.randint(3, 35))
        return state
    if rng.random() < 0.02:
        state["status"] = "withdrawn"
        state["closed_at"] = when + dt.timedelta(days=rng.randint(1, 5))
        return state
    took = max(1, int(rng.gammavariate(2.0, 8.0)))
    state["status"] = "closed"
    state["closed_at"] = when + dt.timedelta(days=took, hours=3)
    if assigned:
        state["replied_at"] = when + dt.timedelta(days=max(1, took - rng.randint(0, 3)))
    state["resolution"] = rng.choices(["solved", "partly_solved", "explained", "unsolved"], [75, 12, 10, 3])[0]
    if rng.random() < 0.95:  # the rest: 没联系上, no answer recorded
        state["satisfaction"] = rng.choices(["satisfied", "basically_satisfied", "unsatisfied"], [80, 14, 6])[0]
    state["followed_up_at"] = state["closed_at"] - dt.timedelta(hours=1)
    return state


def build(data_dir: Path, n_cases: int) -> Path:
    """The cached benchmark station with ``n_cases`` cases in ``YEAR`` (+10 % the year before); built once."""
    done = data_dir / f"built-{n_cases}"
    if done.exists():
        return data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", township="河口镇", admin_pin="2468")
    rng = random.Random(2025)
    node = db.node_id
    with db.session(write=False) as s:
        station = s.scalar(select(Station))
        assert station is not None
    sid = station.id
    villages = _ref_rows(Village, sid, node, [{"station_id": sid, "name": f"{n}{i or ''}"}
                                              for i in range(3) for n in D.VILLAGES][:30])
    cats = _ref_rows(Category, sid, node, [{"code": f"C{i:02d}", "name": n, "sort_order": i}
                                           for i, n in enumerate(CATEGORIES)])
    depts = _ref_rows(Department, sid, node, [{"name": f"县第{i + 1}承办局"} for i in range(25)])
    deps = _ref_rows(Deputy, sid, node, [{"name": rng.choice(D.SURNAMES) + rng.choice(D.GIVEN) + str(i),
                                          "level": "township"} for i in range(60)])
    with db.engine.begin() as conn:
        for model, rows in ((Village, villages), (Category, cats), (Department, depts), (Deputy, deps)):
            conn.execute(insert(model), rows)
        for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger' "
                                            "AND tbl_name IN ('cases', 'visits')").all():
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    cat_texts = list(D.CONTENT)
    before = n_cases // 10
    open_now = set(rng.sample(range(n_cases), min(100_000, n_cases // 10)))
    visits: list[dict] = []
    cases: list[dict] = []
    made = 0
    base_ms = int(time.time() * 1000)
    with db.engine.begin() as conn:
        for year, count in ((YEAR - 1, before), (YEAR, n_cases)):
            days = 365
            for k in range(count):
                day = dt.date(year, 1, 1) + dt.timedelta(days=k * days // count)
                when = to_utc(dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(seconds=rng.randrange(9 * 3600)))
                v = rng.choice(villages)
                cat_key = rng.choice(cat_texts)
                content = rng.choice(D.CONTENT[cat_key]).format(v=v["name"], p=rng.choice(D.PLACES))
                vid, cid = new_id(), new_id()
                stamp = HLC(base_ms + made, 0, node).encode()
                deputy = rng.choice(deps)["id"]
                visits.append({"id": vid, "origin_station_id": sid, "created_hlc": stamp, "hlc": stamp,
                               "station_id": sid, "occurred_at": when, "channel": "walk_in",
                               "visitor_names": rng.choice(D.SURNAMES) + rng.choice(D.GIVEN),
                               "visitor_phone": f"139{rng.randrange(10**8):08d}", "village_id": v["id"],
                               "headcount": rng.choice([1, 1, 1, 2, 3]), "received_by_id": deputy, "note": ""})
                if rng.random() < 0.1:  # a visit that raised nothing
                    visits.append({**visits[-1], "id": new_id(), "headcount": 1})
                state = _case_state(rng, when, year == YEAR and k in open_now)
                dept = rng.choice(depts)["id"] if state.get("assigned_at") else None
                cases.append({"id": cid, "origin_station_id": sid, "created_hlc": stamp, "hlc": stamp,
                              "number": format_case_number("LX01", day, k % 9999 + 1) + f"{k // 9999}",
                              "station_id": sid, "visit_id": vid, "village_id": v["id"],
                              "category_id": rng.choice(cats)["id"], "registered_by_id": deputy,
                              "registered_at": when, "summary": content[:29], "content": content,
                              "department_id": dept, "event_count": 5, **state})
                made += 1
                if len(cases) >= BATCH:
                    conn.execute(insert(Visit), visits)
                    conn.execute(insert(Case), cases)
                    visits, cases = [], []
                    print(f"  {made:,} cases …", file=sys.stderr)
        if cases:
            conn.execute(insert(Visit), visits)
            conn.execute(insert(Case), cases)
    t1 = time.perf_counter()
    with db.engine.begin() as conn:  # the report's per-day totals counted once, their triggers back
        install_report_facts(conn, rebuild=True)
    print(f"  per-day totals backfilled in {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    db.dispose()
    done.write_text("ok")
    print(f"built {made:,} cases in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return data_dir


def build_sql(data_dir: Path, n_cases: int) -> Path:
    """The same station built inside SQLite: a recursive CTE numbers the cases, ``random()`` draws each one's
    state with the shares ``_case_state`` uses (closed ~88 %, 10 % of the year open, withdrawn 2 %, 回访 answers
    on 95 % of the closed, reopened 4 %, deadlines 10/15/20/30 days, closing days ~ a triangle of mean 16),
    summaries from the demo texts (so the 问题清单 finds repeats), one visit per case and 10 % visits that raised
    nothing. ~10× faster than the Python build (a million cases in minutes, not an hour)."""
    done = data_dir / f"built-{n_cases}"
    if done.exists():
        return data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    db = open_station_database(data_dir)
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", township="河口镇", admin_pin="2468")
    rng = random.Random(2025)
    node = db.node_id
    with db.session(write=False) as s:
        station = s.scalar(select(Station))
        assert station is not None
    sid = station.id
    villages = _ref_rows(Village, sid, node, [{"station_id": sid, "name": f"{n}{i or ''}"}
                                              for i in range(3) for n in D.VILLAGES][:30])
    cats = _ref_rows(Category, sid, node, [{"code": f"C{i:02d}", "name": n, "sort_order": i}
                                           for i, n in enumerate(CATEGORIES)])
    depts = _ref_rows(Department, sid, node, [{"name": f"县第{i + 1}承办局"} for i in range(25)])
    deps = _ref_rows(Deputy, sid, node, [{"name": rng.choice(D.SURNAMES) + rng.choice(D.GIVEN) + str(i),
                                          "level": "township"} for i in range(60)])
    texts: list[tuple[int, str, str]] = []
    for v in villages:
        for key in D.CONTENT:
            for tpl in D.CONTENT[key][:2]:
                content = tpl.format(v=v["name"], p=rng.choice(D.PLACES))
                texts.append((len(texts), content[:29], content))
    names = [(i, rng.choice(D.SURNAMES) + rng.choice(D.GIVEN)) for i in range(500)]
    before = n_cases // 10
    total = before + n_cases
    with db.engine.begin() as conn:
        for model, rows in ((Village, villages), (Category, cats), (Department, depts), (Deputy, deps)):
            conn.execute(insert(model), rows)
        for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger' "
                                            "AND tbl_name IN ('cases', 'visits')").all():
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        x = conn.exec_driver_sql
        for t, table in (("tv", "villages"), ("tc", "categories"), ("td", "departments"), ("tp", "deputies")):
            x(f"CREATE TEMP TABLE {t} (i INTEGER PRIMARY KEY, id TEXT)")
            x(f"INSERT INTO {t} (i, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM {table}")
        x("CREATE TEMP TABLE tt (i INTEGER PRIMARY KEY, summary TEXT, content TEXT)")
        conn.exec_driver_sql("INSERT INTO tt VALUES (?, ?, ?)", texts)
        x("CREATE TEMP TABLE tn (i INTEGER PRIMARY KEY, name TEXT)")
        conn.exec_driver_sql("INSERT INTO tn VALUES (?, ?)", names)
        sid_hex, ntexts = sid.hex, len(texts)
        # one row per case: its year, day, random draws (materialised: random() is drawn once per use)
        x(f"""CREATE TEMP TABLE g AS
            WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < {total - 1})
            SELECT k, CASE WHEN k < {before} THEN {YEAR - 1} ELSE {YEAR} END AS year,
                   CASE WHEN k < {before} THEN k * 365 / {max(before, 1)} ELSE (k - {before}) * 365 / {n_cases} END
                     AS dayno,
                   abs(random()) % 32400 AS sec, abs(random()) % 100 AS r_tri, abs(random()) % 100 AS r_asg,
                   abs(random()) % 10 AS r_open, abs(random()) % 6 AS r_st, abs(random()) % 100 AS r_wd,
                   abs(random()) % 16 + abs(random()) % 16 + 1 AS took, abs(random()) % 4 AS r_dl,
                   abs(random()) % 4 AS r_lag, abs(random()) % 100 AS r_res, abs(random()) % 100 AS r_rated,
                   abs(random()) % 100 AS r_sat, abs(random()) % 100 AS r_reo, abs(random()) % 33 AS r_rep,
                   abs(random()) % 30 AS r_v, abs(random()) % 16 AS r_c, abs(random()) % 25 AS r_d,
                   abs(random()) % 60 AS r_p, abs(random()) % {ntexts} AS r_t, abs(random()) % 500 AS r_n,
                   abs(random()) % 5 AS r_h, abs(random()) % 10 AS r_extra, abs(random()) % 5 AS r_asgday,
                   lower(hex(randomblob(16))) AS vid, lower(hex(randomblob(16))) AS cid,
                   lower(hex(randomblob(16))) AS xid
            FROM s""")
        x("""CREATE TEMP TABLE h AS SELECT g.*,
                datetime(printf('%d-01-01', year), '+' || dayno || ' days', '+' || sec || ' seconds') AS w,
                date(printf('%d-01-01', year), '+' || dayno || ' days') AS d,
                CASE WHEN r_tri < 40 THEN 'green' WHEN r_tri < 70 THEN 'blue' WHEN r_tri < 92 THEN 'yellow'
                     ELSE 'red' END AS triage,
                (r_tri >= 40 OR r_asg < 20) AS assigned,
                (year = """ + str(YEAR) + """ AND r_open = 0) AS open_now
              FROM g""")
        hlc = f"printf('%015d-000000-{node}', {int(time.time() * 1000)} + k)"
        ts = "strftime('%Y-%m-%d %H:%M:%S', {0}) || '.000000'"
        x(f"""INSERT INTO visits (station_id, occurred_at, channel, visitor_names, visitor_phone, village_id,
                headcount, received_by_id, note, id, origin_station_id, created_hlc, hlc)
              SELECT '{sid_hex}', {ts.format('w')}, 'walk_in', tn.name, printf('139%08d', k * 7919 % 100000000),
                     tv.id, CASE r_h WHEN 3 THEN 2 WHEN 4 THEN 3 ELSE 1 END, tp.id, '', vid, '{sid_hex}',
                     {hlc}, {hlc}
              FROM h JOIN tv ON tv.i = r_v JOIN tp ON tp.i = r_p JOIN tn ON tn.i = r_n""")
        x(f"""INSERT INTO visits (station_id, occurred_at, channel, visitor_names, visitor_phone, village_id,
                headcount, received_by_id, note, id, origin_station_id, created_hlc, hlc)
              SELECT '{sid_hex}', {ts.format('w')}, 'walk_in', tn.name, NULL, tv.id, 1, tp.id, '', xid,
                     '{sid_hex}', {hlc}, {hlc}
              FROM h JOIN tv ON tv.i = r_v JOIN tp ON tp.i = r_p JOIN tn ON tn.i = r_n WHERE r_extra = 0""")
        closed = "(NOT open_now AND r_wd >= 2)"
        withdrawn = "(NOT open_now AND r_wd < 2)"
        status = ("CASE WHEN open_now THEN (CASE r_st WHEN 0 THEN 'registered' WHEN 1 THEN 'accepted' "
                  "WHEN 2 THEN 'assigned' WHEN 3 THEN 'in_progress' WHEN 4 THEN 'replied' ELSE 'reopened' END) "
                  f"WHEN {withdrawn} THEN 'withdrawn' ELSE 'closed' END")
        replied = (f"CASE WHEN assigned AND {closed} THEN datetime(w, '+' || max(1, took - r_lag) || ' days') "
                   "WHEN assigned AND open_now AND r_st = 4 THEN datetime(w, '+' || (3 + r_rep) || ' days') END")
        closed_at = (f"CASE WHEN {closed} THEN datetime(w, '+' || took || ' days', '+3 hours') "
                     f"WHEN {withdrawn} THEN datetime(w, '+' || (1 + r_asgday) || ' days') END")
        x(f"""INSERT INTO cases (number, station_id, visit_id, village_id, category_id, registered_by_id,
                registered_at, summary, content, urgency, triage, status, department_id, deadline, assigned_at,
                replied_at, followed_up_at, closed_at, resolution, satisfaction, escalation_level, reopen_count,
                event_count, anomaly_count, id, origin_station_id, created_hlc, hlc)
              SELECT 'LX01-' || printf('%07d', k), '{sid_hex}', vid, tv.id, tc.id, tp.id, {ts.format('w')},
                     tt.summary, tt.content, 'normal', triage, {status},
                     CASE WHEN assigned THEN td.id END,
                     CASE WHEN assigned THEN date(d, '+' || (CASE r_dl WHEN 0 THEN 10 WHEN 1 THEN 15
                          WHEN 2 THEN 20 ELSE 30 END) || ' days') END,
                     CASE WHEN assigned THEN {ts.format("datetime(w, '+' || (r_asgday % 4) || ' days', '+2 hours')")} END,
                     CASE WHEN ({replied}) IS NOT NULL THEN {ts.format(replied)} END,
                     CASE WHEN {closed} AND r_rated < 95 THEN
                          {ts.format("datetime(w, '+' || took || ' days', '+2 hours')")} END,
                     CASE WHEN ({closed_at}) IS NOT NULL THEN {ts.format(closed_at)} END,
                     CASE WHEN {closed} THEN (CASE WHEN r_res < 75 THEN 'solved' WHEN r_res < 87
                          THEN 'partly_solved' WHEN r_res < 97 THEN 'explained' ELSE 'unsolved' END) END,
                     CASE WHEN {closed} AND r_rated < 95 THEN (CASE WHEN r_sat < 80 THEN 'satisfied'
                          WHEN r_sat < 94 THEN 'basically_satisfied' ELSE 'unsatisfied' END) END,
                     0, CASE WHEN r_reo < 4 THEN 1 ELSE 0 END, 5, 0, cid, '{sid_hex}', {hlc}, {hlc}
              FROM h JOIN tv ON tv.i = r_v JOIN tc ON tc.i = r_c JOIN td ON td.i = r_d JOIN tp ON tp.i = r_p
                     JOIN tt ON tt.i = r_t""")
        print(f"  {total:,} cases and their visits inserted in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        for t in ("g", "h", "tv", "tc", "td", "tp", "tt", "tn"):
            x(f"DROP TABLE temp.{t}")
        t1 = time.perf_counter()
        install_report_facts(conn, rebuild=True)  # the per-day totals counted once, their triggers back
        print(f"  per-day totals backfilled in {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    db.dispose()
    done.write_text("ok")
    print(f"built {total:,} cases in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return data_dir


LEDGER_CHILD = """
import resource, sys, time
from pathlib import Path
t = time.perf_counter()
from liaison_desk.services.context import open_station_database
from liaison_desk.services.reports.ledger import export_open_ledger
db = open_station_database(Path(sys.argv[1]))
n = export_open_ledger(db, Path(sys.argv[2]))
u = resource.getrusage(resource.RUSAGE_SELF)
print(n, time.perf_counter() - t, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)
"""


# The same writer on 100,000 rows shaped like the ledger's, without a database (the part the budget is about
# when the station holds fewer open cases than that)
WRITER_CHILD = """
import datetime as dt, resource, sys, time
from pathlib import Path
t = time.perf_counter()
from liaison_desk.services.reports.workbook import write_ledger
n = int(sys.argv[2])
start = dt.datetime(2025, 1, 1, 8)
def rows():
    for i in range(n):
        yield (f"LX01-25{i % 365:04d}-{i % 9999:04d}-K", start + dt.timedelta(minutes=5 * i), "张秀英",
               "柳树湾村", "农田水利", "柳树湾村三组灌溉渠堵塞，田里浇不上水，希望尽快清淤疏通" if i % 3 else "=1+2 路灯不亮",
               "蓝色", "县水利局", (start + dt.timedelta(days=i % 400)).date(), i % 40 or None, "已交办")
written = write_ledger(Path(sys.argv[1]), "柳树湾村人大代表联络站未办结社情民意台账", "截至 2026-01-15 10:00", rows())
u = resource.getrusage(resource.RUSAGE_SELF)
print(written, time.perf_counter() - t, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--json", metavar="FILE", help="save the figures")
    ap.add_argument("--by", nargs="*", default=[None, "category", "village", "department", "deputy", "township",
                                                "triage"], help="breakdowns to time (default: none and each)")
    ap.add_argument("--ledger-only", action="store_true", help="time only the ledger exports")
    ap.add_argument("--sql-build", action="store_true",
                    help="build the database inside SQLite (minutes for a million cases; reports-sql-N)")
    args = ap.parse_args(argv)
    if args.sql_build:
        data_dir = build_sql(RESULTS / f"reports-sql-{args.cases}", args.cases)
    else:
        data_dir = build(RESULTS / f"reports-{args.cases}", args.cases)
    figures: dict[str, float] = {}
    if not args.ledger_only:
        figures |= _time_reports(data_dir, args.by, args.reps)
    _time_ledger(data_dir, figures)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0


def _time_reports(data_dir: Path, breakdowns: list[str | None], reps: int) -> dict[str, float]:
    db = open_station_database(data_dir)
    figures: dict[str, float] = {}
    as_of = dt.datetime(YEAR + 1, 1, 15, 2, 0)
    station_report(db, str(YEAR), as_of=as_of)  # first touch: the file's pages into the cache, the key
    for by in [b or None for b in breakdowns]:  # "" on the command line: no breakdown
        runs, cpu = [], []
        for _ in range(reps):
            t, c = time.perf_counter(), time.process_time()
            r = station_report(db, str(YEAR), by=by, as_of=as_of)
            runs.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        figures[f"year_report_{by or 'totals'}_s"] = statistics.median(runs)
        figures[f"year_report_{by or 'totals'}_cpu_s"] = statistics.median(cpu)
        print(f"year report {YEAR}, by {by or '—'}: median {statistics.median(runs):.3f} s wall, "
              f"{statistics.median(cpu):.3f} s CPU, max {max(runs):.3f} s "
              f"({r.totals.cases:,} cases; {len(r.breakdown)} groups, {len(r.problems)} problems, "
              f"{len(r.notices)} 通报 rows)")
    for by in [b or None for b in breakdowns]:  # the figures alone: the per-day totals' part
        runs, cpu = [], []
        for _ in range(reps):
            t, c = time.perf_counter(), time.process_time()
            station_report(db, str(YEAR), by=by, as_of=as_of, problems=0)
            runs.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        figures[f"figures_only_{by or 'totals'}_cpu_s"] = statistics.median(cpu)
        print(f"  of which without the 问题清单, by {by or '—'}: median {statistics.median(runs):.3f} s wall, "
              f"{statistics.median(cpu):.3f} s CPU")
    worst = max(v for k, v in figures.items() if k.startswith("year_report") and k.endswith("_s")
                and not k.endswith("cpu_s"))
    worst_cpu = max(v for k, v in figures.items() if k.startswith("year_report") and k.endswith("cpu_s"))
    print(f"YEAR REPORT on {r.totals.cases:,} cases: worst median {worst:.3f} s wall, {worst_cpu:.3f} s CPU "
          f"(budget {BUDGET_REPORT_S:.0f} s: {'met' if worst <= BUDGET_REPORT_S else 'MISSED'} on wall clock, "
          f"{'met' if worst_cpu <= BUDGET_REPORT_S else 'MISSED'} on CPU; load average {_load()})")
    print(f"  closure {r.totals.closure_rate}%, on time {r.totals.on_time_rate}%, satisfaction "
          f"{r.totals.satisfaction_rate}%, P90 {r.totals.p90_days} days")
    db.dispose()
    return figures


def _time_ledger(data_dir: Path, figures: dict[str, float]) -> None:
    out = data_dir / "ledger.xlsx"
    res = subprocess.run([sys.executable, "-c", LEDGER_CHILD, str(data_dir), str(out)], capture_output=True,
                         text=True, check=True)
    n, seconds, peak_mb, cpu_s = res.stdout.split()
    figures |= {"ledger_rows": int(n), "ledger_s": float(seconds), "ledger_peak_mb": float(peak_mb),
                "ledger_cpu_s": float(cpu_s)}
    ok = float(seconds) <= BUDGET_LEDGER_S and float(peak_mb) <= BUDGET_LEDGER_MB
    print(f"LEDGER XLSX {int(n):,} rows: {float(seconds):.1f} s wall, {float(cpu_s):.1f} s CPU, "
          f"peak RSS {float(peak_mb):.0f} MB, "
          f"{out.stat().st_size / 1e6:.1f} MB file (budget {BUDGET_LEDGER_S:.0f} s, {BUDGET_LEDGER_MB:.0f} MB: "
          f"{'met' if ok else 'MISSED'}; load average {_load()})")
    out = data_dir / "ledger-writer.xlsx"
    res = subprocess.run([sys.executable, "-c", WRITER_CHILD, str(out), "100000"], capture_output=True, text=True,
                         check=True)
    n, seconds, peak_mb, cpu_s = res.stdout.split()
    figures |= {"writer_rows": int(n), "writer_s": float(seconds), "writer_peak_mb": float(peak_mb),
                "writer_cpu_s": float(cpu_s)}
    ok = float(seconds) <= BUDGET_LEDGER_S and float(peak_mb) <= BUDGET_LEDGER_MB
    print(f"LEDGER WRITER alone, {int(n):,} rows: {float(seconds):.1f} s wall, {float(cpu_s):.1f} s CPU, "
          f"peak RSS {float(peak_mb):.0f} MB "
          f"({'met' if ok else 'MISSED'}; load average {_load()})")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
