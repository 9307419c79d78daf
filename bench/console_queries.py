"""The county console's reads on PostgreSQL: 300 stations, 1,000,000 cases (issue 15).

Targets (p95 over ``--runs`` runs each): home tiles and the queue's first page ≤ 200 ms, a two-character
search ≤ 300 ms, a case page ≤ 100 ms — each through the functions the pages call (``hub.console.queries``),
with their count, their role filter and their object building, not bare SQL.

The data is generated in the database (``INSERT … SELECT generate_series``) in a schema of its own, dropped
afterwards: 300 stations in 20 townships, 10 villages each, 17 categories and 15 departments as hub records;
the cases as ``hub_records`` with their event chains (登记, 受理, 交办, 答复, 回访, 办结 or 撤回 as far as each
case got), and their ``hub_case_index`` rows. Summaries come from the demo's vocabulary of what villagers
raise (category templates × village names × places, 5,440 texts), so the bigrams are those of real cases;
the index's tokens are made by the same Python function the hub uses (``console.index.tokens``), per text.
80 % of the cases are closed, the open ones registered in the last 120 days. The two big tables are
loaded with their secondary indexes dropped (built again after) and unlogged (no WAL: the schema is thrown
away, and reads do not depend on it).

    python -m bench.console_queries                 # 1,000,000 cases (builds in a few minutes)
    python -m bench.console_queries --cases 100000  # a quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import create_engine, text

from liaison_desk.domain.access import Role, Viewer
from liaison_desk.domain.ids import HUB_ORIGIN
from liaison_desk.hub.console import index, queries
from liaison_desk.hub.console.queries import QueueFilters
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub
from liaison_desk.services.admin import demo_data as D

PG_URL = os.environ.get("LIAISON_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STATIONS, TOWNSHIPS, VILLAGES_PER_STATION = 300, 20, 10
TODAY = dt.date(2026, 12, 7)
TARGETS = {"home": 200.0, "queue": 200.0, "search": 300.0, "case": 100.0}
WORDS = ["灌溉", "路灯", "低保", "医保", "清淤", "养老", "垃圾", "户口", "校车", "水压", "危房", "火箭"]


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def _code(i: int) -> str:
    return f"B{i:03d}"


def build(conn: Any, n_cases: int) -> None:
    """Reference records, stations and ``n_cases`` cases with their events and index rows."""
    rng = random.Random(7)
    county = "default"
    # bulk load: the tables' secondary indexes are dropped first and built again at the end (the same
    # definitions, read back from pg_indexes), as a county would restore a dump
    indexes = conn.execute(text(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename IN ('hub_case_index', 'hub_case_search', 'hub_records') AND indexname NOT LIKE 'pk_%'")).all()
    for name, _definition in indexes:
        conn.execute(text(f'DROP INDEX "{name}"'))
    # no WAL for the bulk load (the schema is dropped afterwards; reads do not depend on it)
    for table in ("hub_records", "hub_case_index", "hub_case_search"):
        conn.execute(text(f"ALTER TABLE {table} SET UNLOGGED"))
    conn.execute(text("SET maintenance_work_mem = '512MB'"))
    # the vocabulary: template × village name × place, each text's tokens made by the hub's own function
    templates = [t for cat in D.CONTENT.values() for t in cat]
    cats = list(D.CONTENT)
    conn.execute(text("CREATE TEMP TABLE b_vocab (i int PRIMARY KEY, cat int, content text, summary text, tokens text[])"))
    vocab = []
    for ti, tpl in enumerate(templates):
        for vi, village in enumerate(D.VILLAGES):
            for pi, place in enumerate(D.PLACES):
                content = tpl.format(v=village, p=place)
                i = (ti * len(D.VILLAGES) + vi) * len(D.PLACES) + pi
                vocab.append({"i": i, "cat": ti // 2, "content": content, "summary": content[:30],
                              "tokens": index.tokens(content)})
    conn.execute(text("INSERT INTO b_vocab VALUES (:i, :cat, :content, :summary, :tokens)"), vocab)
    conn.execute(text("CREATE TEMP TABLE b_st (i int PRIMARY KEY, id uuid, code text, name text, township text)"))
    conn.execute(text("CREATE TEMP TABLE b_vil (i int PRIMARY KEY, id uuid, st int, name text, name_i int)"))
    conn.execute(text("CREATE TEMP TABLE b_cat (i int PRIMARY KEY, id uuid, name text)"))
    conn.execute(text("CREATE TEMP TABLE b_dep (i int PRIMARY KEY, id uuid, name text)"))
    stations: list[dict[str, Any]] = [{"i": i, "id": uuid.uuid4(), "code": _code(i), "name": f"第{i}联络站",
                 "township": f"第{(i - 1) % TOWNSHIPS + 1}镇"} for i in range(1, STATIONS + 1)]
    conn.execute(text("INSERT INTO b_st VALUES (:i, :id, :code, :name, :township)"), stations)
    villages = []
    for st in stations:
        for k, vi in enumerate(rng.sample(range(len(D.VILLAGES)), VILLAGES_PER_STATION)):
            villages.append({"i": (st["i"] - 1) * VILLAGES_PER_STATION + k, "id": uuid.uuid4(), "st": st["i"],
                             "name": D.VILLAGES[vi], "name_i": vi})
    conn.execute(text("INSERT INTO b_vil VALUES (:i, :id, :st, :name, :name_i)"), villages)
    conn.execute(text("INSERT INTO b_cat VALUES (:i, :id, :name)"),
                 [{"i": i, "id": uuid.uuid4(), "name": c} for i, c in enumerate(cats)])
    conn.execute(text("INSERT INTO b_dep VALUES (:i, :id, :name)"),
                 [{"i": i, "id": uuid.uuid4(), "name": d} for i, (d, _s) in enumerate(D.DEPARTMENTS)])
    hlc0 = "000000000000001-000000-bench"
    rec = ("INSERT INTO hub_records (county_id, entity, id, owner, scope, label, parent_id, origin_station_id, "
           "created_hlc, hlc, deleted_hlc, fields, field_hlcs) ")
    conn.execute(text(rec + f"SELECT '{county}', 'stations', id, id, id, code, NULL, id, '{hlc0}', '{hlc0}', NULL, "
                      "json_build_object('name', name, 'code', code, 'township', township)::text, '{}' FROM b_st"))
    conn.execute(text(rec + f"SELECT '{county}', 'villages', v.id, s.id, s.id, NULL, NULL, s.id, '{hlc0}', '{hlc0}', "
                      "NULL, json_build_object('name', v.name, 'station_id', s.id, 'active', true)::text, '{}' "
                      "FROM b_vil v JOIN b_st s ON s.i = v.st"))
    for table, entity in (("b_cat", "categories"), ("b_dep", "departments")):
        conn.execute(text(rec + f"SELECT '{county}', '{entity}', id, NULL, NULL, name, NULL, '{HUB_ORIGIN}', "
                          f"'{hlc0}', '{hlc0}', NULL, json_build_object('name', name, 'code', 'C' || i, "
                          f"'active', true)::text, '{{}}' FROM {table}"))
    conn.execute(text("INSERT INTO hub_stations (county_id, code, name, station_uuid, last_outbox_seq, last_cursor, "
                      "last_seen_at, created_at) SELECT 'default', code, name, id, 0, 0, "
                      "now() - (i % 40) * interval '1 day', now() FROM b_st"))
    # the cases' index rows first (every derived value decided here), then their records and events from them
    t0 = time.perf_counter()
    conn.execute(text("SELECT setseed(0.42)"))
    conn.execute(text(f"""
        CREATE TEMP TABLE b_case ON COMMIT DROP AS
        SELECT '{county}'::text AS county_id, md5('case' || g)::uuid AS case_id,
               s.code || '-' || to_char(reg, 'YYMMDD') || '-' || lpad((g / {STATIONS})::text, 5, '0') || '-X' AS case_no,
               s.id AS station_id, s.code AS station_code, s.name AS station_name, s.township, v.id AS village_id,
               v.name AS village, c.id AS category_id, c.name AS category,
               CASE WHEN assigned THEN d.id END AS department_id,
               CASE WHEN assigned THEN d.name ELSE '' END AS department,
               status, CASE WHEN g % 20 = 0 THEN 'red' WHEN g % 20 < 4 THEN 'yellow'
                            WHEN g % 20 < 10 THEN 'blue' ELSE 'green' END AS triage,
               CASE WHEN g % 50 = 0 THEN 'urgent' ELSE 'normal' END AS urgency,
               reg AS registered_at, CASE WHEN status <> 'registered' THEN reg + interval '1 hour' END AS accepted_at,
               CASE WHEN assigned THEN reg + interval '1 day' END AS assigned_at,
               CASE WHEN assigned THEN (reg + interval '15 day')::date END AS deadline,
               CASE WHEN replied THEN reg + interval '10 day' END AS replied_at,
               CASE WHEN status IN ('followed_up', 'closed') THEN reg + interval '12 day' END AS followed_up_at,
               CASE WHEN status IN ('closed', 'withdrawn') THEN reg + interval '13 day' END AS closed_at,
               CASE WHEN replied THEN 'solved' END AS resolution,
               CASE WHEN status = 'followed_up' AND g % 5 = 0 THEN 'unsatisfied'
                    WHEN status IN ('followed_up', 'closed') THEN 'satisfied' END AS satisfaction,
               CASE WHEN replied THEN 'A' END AS reply_class,
               CASE WHEN g % 13 = 0 AND assigned THEN 1 ELSE 0 END AS escalation_level,
               status NOT IN ('closed', 'withdrawn') AND g % 97 = 0 AS key_supervision, 0 AS reopen_count,
               w.summary, w.content, w.tokens
        FROM (SELECT g, u, st_i, vil_k, tpl, place, status,
                     status IN ('assigned', 'in_progress', 'replied', 'followed_up', 'closed') AS assigned,
                     status IN ('replied', 'followed_up', 'closed') AS replied,
                     TIMESTAMP '{TODAY.isoformat()} 09:00' - CASE WHEN status IN ('closed', 'withdrawn')
                         THEN u2 * interval '1000 day' ELSE u2 * interval '120 day' END AS reg
              FROM (SELECT g, u, u2, 1 + g % {STATIONS} AS st_i, floor(random() * {VILLAGES_PER_STATION})::int AS vil_k,
                           floor(random() * {len(templates)})::int AS tpl, floor(random() * {len(D.PLACES)})::int AS place,
                           CASE WHEN u < .80 THEN 'closed' WHEN u < .82 THEN 'withdrawn' WHEN u < .85 THEN 'followed_up'
                                WHEN u < .88 THEN 'replied' WHEN u < .90 THEN 'in_progress' WHEN u < .95 THEN 'assigned'
                                WHEN u < .97 THEN 'accepted' ELSE 'registered' END AS status
                    FROM (SELECT g, random() AS u, random() AS u2 FROM generate_series(1, {n_cases}) g) r0) r1) x
        JOIN b_st s ON s.i = x.st_i
        JOIN b_vil v ON v.i = (x.st_i - 1) * {VILLAGES_PER_STATION} + x.vil_k
        JOIN b_vocab w ON w.i = (x.tpl * {len(D.VILLAGES)} + v.name_i) * {len(D.PLACES)} + x.place
        JOIN b_cat c ON c.i = w.cat
        JOIN b_dep d ON d.i = (x.g * 7) % {len(D.DEPARTMENTS)}
    """))
    conn.execute(text("""
        INSERT INTO hub_case_index (county_id, case_id, case_no, station_id, station_code, station_name, township,
            village_id, village, category_id, category, department_id, department, status, triage, urgency,
            registered_at, accepted_at, assigned_at, deadline, replied_at, followed_up_at, closed_at, resolution,
            satisfaction, reply_class, escalation_level, key_supervision, reopen_count, summary)
        SELECT county_id, case_id, case_no, station_id, station_code, station_name, township,
            village_id, village, category_id, category, department_id, department, status, triage, urgency,
            registered_at, accepted_at, assigned_at, deadline, replied_at, followed_up_at, closed_at, resolution,
            satisfaction, reply_class, escalation_level, key_supervision, reopen_count, summary FROM b_case"""))
    print(f"  index rows: {time.perf_counter() - t0:.0f} s", flush=True)
    t0 = time.perf_counter()
    # what the hub's search_text() and tokens() make of (case number, summary, content, village): the
    # content's tokens made in Python per text, the case number's characters and pairs here
    conn.execute(text("""
        INSERT INTO hub_case_search (county_id, case_id, registered_at, township, department, search_text,
                                     search_tokens)
        SELECT county_id, case_id, registered_at, township, department,
               lower(case_no || ' ' || summary || ' ' || content || ' ' || village),
               tokens || ARRAY(SELECT DISTINCT t FROM regexp_split_to_table(lower(case_no), '-') AS run,
                                    LATERAL generate_series(1, length(run)) AS k,
                                    LATERAL (VALUES (substr(run, k, 1)), (substr(run, k, 2))) AS x(t))
        FROM b_case"""))
    print(f"  search rows: {time.perf_counter() - t0:.0f} s", flush=True)
    t0 = time.perf_counter()
    hlc = "lpad((extract(epoch FROM {ts}) * 1000)::bigint::text, 15, '0') || '-000000-bench'"
    iso = "to_char({ts}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
    conn.execute(text(rec + f"""
        SELECT county_id, 'cases', case_id, station_id, station_id, case_no, NULL, station_id,
               {hlc.format(ts='registered_at')}, {hlc.format(ts='registered_at')}, NULL,
               json_build_object('number', case_no, 'station_id', station_id, 'village_id', village_id,
                                 'category_id', category_id, 'registered_at', {iso.format(ts='registered_at')},
                                 'summary', summary, 'content', summary, 'urgency', urgency, 'triage', triage,
                                 'constituent_id', NULL, 'visit_id', NULL)::text, '{{}}'
        FROM hub_case_index"""))
    print(f"  case records: {time.perf_counter() - t0:.0f} s", flush=True)
    t0 = time.perf_counter()
    conn.execute(text(rec + f"""
        SELECT i.county_id, 'case_events', md5(i.case_id::text || e.kind)::uuid,
               CASE WHEN e.hub THEN NULL ELSE i.station_id END, i.station_id, NULL, i.case_id,
               CASE WHEN e.hub THEN '{HUB_ORIGIN}'::uuid ELSE i.station_id END,
               {hlc.format(ts='e.at')}, {hlc.format(ts='e.at')}, NULL,
               json_build_object('case_id', i.case_id, 'kind', e.kind, 'occurred_at', {iso.format(ts='e.at')},
                                 'actor_role', CASE WHEN e.hub THEN 'hub' ELSE 'staff' END,
                                 'actor_id', NULL, 'actor_name', CASE WHEN e.hub THEN i.department ELSE '值班员' END,
                                 'data', e.data, 'follows_id', NULL)::text, '{{}}'
        FROM hub_case_index i
        CROSS JOIN LATERAL (VALUES
            ('register', i.registered_at, false, '{{}}'::json, true),
            ('accept', i.accepted_at, false, '{{}}'::json, i.accepted_at IS NOT NULL),
            ('assign', i.assigned_at, false, json_build_object('department_id', i.department_id,
                                                                 'deadline', i.deadline::text),
             i.assigned_at IS NOT NULL),
            ('reply', i.replied_at, true, json_build_object('resolution', 'solved', 'text', '已协调处理。',
                                                             'reply_class', 'A'), i.replied_at IS NOT NULL),
            ('follow_up', i.followed_up_at, false, json_build_object('satisfaction', i.satisfaction),
             i.followed_up_at IS NOT NULL),
            ('close', i.closed_at, false, '{{}}'::json, i.status = 'closed'),
            ('withdraw', i.closed_at, false, json_build_object('text', '群众撤回'), i.status = 'withdrawn')
        ) AS e(kind, at, hub, data, present)
        WHERE e.present"""))
    print(f"  event records: {time.perf_counter() - t0:.0f} s", flush=True)
    t0 = time.perf_counter()
    for _name, definition in indexes:
        conn.execute(text(definition))
    print(f"  indexes: {time.perf_counter() - t0:.0f} s", flush=True)


def timed(runs: int, fn: Callable[[int], Any]) -> list[float]:
    fn(0)  # warm
    out = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--keep", action="store_true", help="keep the bench schema (printed) instead of dropping it")
    ap.add_argument("--reuse", metavar="SCHEMA", help="time the reads on a schema kept by --keep (not dropped)")
    args = ap.parse_args(argv)
    schema = args.reuse or f"bench_console_{os.getpid()}"
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
            sizes = {t: conn.execute(text(f"SELECT pg_size_pretty(pg_table_size('{t}')), "
                                          f"pg_size_pretty(pg_indexes_size('{t}')), count(*) FROM {t}")).one()
                     for t in ("hub_case_index", "hub_case_search")}
            events = conn.execute(text("SELECT count(*) FROM hub_records WHERE entity = 'case_events'")).scalar()
            # index-only scans (the tiles, the counts) skip the table only for pages VACUUM marked all-visible;
            # a transaction left open elsewhere in the database keeps VACUUM from marking the freshly loaded ones
            visible: dict[str, Any] = dict(conn.execute(text(
                "SELECT relname, round(100.0 * relallvisible / greatest(relpages, 1)) FROM pg_class "
                "WHERE relnamespace = current_schema()::regnamespace "
                "AND relname IN ('hub_case_index', 'hub_case_search')")).tuples().all())
        print(f"{events:,} events; " + "; ".join(f"{t} {n:,} rows, table {a}, indexes {b}, "
                                                 f"{visible.get(t, 0)}% of pages all-visible"
                                                 for t, (a, b, n) in sizes.items()), flush=True)
        hub = Hub(engine)
        staff = Viewer("b", "县人大", Role.COUNTY_STAFF)
        township = Viewer("t", "乡镇", Role.TOWNSHIP_STAFF, township="第3镇")
        department = Viewer("d", "水利", Role.DEPARTMENT, department=D.DEPARTMENTS[0][0])
        with engine.connect() as conn:
            numbers = [r[0] for r in conn.execute(text(
                "SELECT case_no FROM hub_case_index TABLESAMPLE SYSTEM (1) LIMIT 500"))]
        rng = random.Random(1)
        results: dict[str, list[float]] = {}
        totals: dict[str, int] = {}

        def queue(name: str, viewer: Viewer, f: Callable[[int], QueueFilters], sort: str = "registered_desc") -> None:
            def run(i: int) -> None:
                totals[name] = queries.case_queue(hub, viewer, f(i), sort=sort, today=TODAY).total
            results[name] = timed(args.runs, run)

        results["home tiles (county)"] = timed(args.runs, lambda i: queries.home_tiles(hub, staff, TODAY))
        results["home tiles (township)"] = timed(args.runs, lambda i: queries.home_tiles(hub, township, TODAY))
        queue("queue, no filter", staff, lambda i: QueueFilters())
        queue("queue, township + open", township, lambda i: QueueFilters(tile="open"))
        queue("queue, department", department, lambda i: QueueFilters())
        queue("queue, station + status", staff, lambda i: QueueFilters(station=_code(1 + i % STATIONS), status="closed"))
        queue("queue, overdue by deadline", staff, lambda i: QueueFilters(tile="overdue"), sort="deadline")
        queue("search, two characters", staff, lambda i: QueueFilters(q=WORDS[i % len(WORDS)]))
        queue("search, three characters", staff, lambda i: QueueFilters(q=["灌溉渠", "自来水", "减速带", "猕猴桃"][i % 4]))
        queue("search + township", township, lambda i: QueueFilters(q=WORDS[i % len(WORDS)]))
        results["case page"] = timed(args.runs, lambda i: queries.case_page(hub, staff, rng.choice(numbers)))
        results["station health"] = timed(args.runs, lambda i: queries.station_health(hub, staff, TODAY, 7))
        print(f"\n{sizes['hub_case_index'][2]:,} cases, {STATIONS} stations, {args.runs} runs each (ms); "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}:")
        print(f"  {'':30} {'p50':>7} {'p95':>7} {'max':>7}  target")
        failed = False
        for name, times in results.items():
            kind = ("home" if name.startswith("home") else "search" if name.startswith("search")
                    else "case" if name == "case page" else "queue" if name.startswith("queue") else None)
            target = TARGETS.get(kind or "")
            p95 = pct(times, 95)
            ok = "" if target is None else ("ok" if p95 <= target else "OVER")
            failed |= ok == "OVER"
            extra = f"  (last total {totals[name]:,})" if name in totals else ""
            print(f"  {name:30} {statistics.median(times):7.1f} {p95:7.1f} {max(times):7.1f}  "
                  f"{'' if target is None else f'≤ {target:.0f} {ok}'}{extra}")
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
