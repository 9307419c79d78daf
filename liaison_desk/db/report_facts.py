"""The report's per-day totals at the station (issue 16): ``report_days`` (additive case counts),
``report_close_days`` (the days-to-close histogram) and ``report_visit_days`` (visits and people), each per
station-local registration day and per breakdown key, kept up to date by SQLite triggers on ``cases`` and
``visits`` in the same transaction as every write (desk actions, sync merges, erasure, retention, imports: any
INSERT, UPDATE or DELETE, whoever issues it).

Why per-day totals and not a narrow row per case: SQLite evaluates a dozen ``sum(CASE …)`` over a million rows
and sorts them into groups in ~2.6 s of CPU even on an unencrypted narrow table; a year of per-day totals is a
few tens of thousands of rows. Why triggers: the desk's one place that writes derived columns
(``cases.actions.apply_state``) is not the only writer — sync merges, erasure and retention write case rows
too; a trigger cannot be forgotten by the next writer. Why "as if the deadline had passed": 应答复 (due) and
超期 (overdue) depend on today; the totals count every case with a deadline, and the engine takes off the few
cases whose deadline is today or later (an index on ``cases.deadline``).

Not ORM metadata (like the search index): SQLite only; the county hub (PostgreSQL) runs the same migrations and
has its own case index. A migration that rebuilds ``cases`` or ``visits`` in batch mode drops the triggers with
the old table: it must call ``install_report_facts`` again; ``report_facts_ok`` checks them.
"""

from __future__ import annotations

from typing import Any

FACT_TABLES = ("report_days", "report_close_days", "report_visit_days")
FACT_OBJECTS = frozenset(FACT_TABLES) | {"ix_cases_report_deadline"}
LOCAL_HOURS = 8  # station time, as domain.timeutil.STATION_TZ and the engine's day arithmetic

COUNT_COLUMNS = ("cases", "withdrawn", "assigned", "closed", "solved", "rated", "satisfied", "dl_replied",
                 "dl_waiting", "on_time", "reopened", "open_dl")
CASE_DIMS = {"village": "village_id", "category": "category_id", "deputy": "registered_by_id", "triage": "triage"}
# the histogram is also kept per station and department (the counts have those in every '' row)
CLOSE_DIMS = {"station": "station_id", "department": "department_id", **CASE_DIMS}
VISIT_DIMS = {"station": "station_id", "village": "village_id", "deputy": "received_by_id"}
CASE_COLUMNS_READ = ("registered_at", "station_id", "village_id", "category_id", "department_id", "registered_by_id",
                     "triage", "status", "assigned_at", "deadline", "replied_at", "closed_at", "resolution",
                     "satisfaction", "reopen_count", "deleted_hlc")
VISIT_COLUMNS_READ = ("occurred_at", "headcount", "station_id", "village_id", "received_by_id", "deleted_hlc")
OPEN = "('registered', 'accepted', 'assigned', 'in_progress', 'replied', 'reopened')"
ANSWERS = "('satisfied', 'basically_satisfied', 'unsatisfied')"
HAPPY = "('satisfied', 'basically_satisfied')"
TRIGGERS = tuple(f"report_{t}_{op}" for t in ("cases", "visits") for op in ("ins", "upd", "del"))

DDL = (
    "CREATE TABLE IF NOT EXISTS report_days (dim TEXT NOT NULL, key TEXT NOT NULL, station TEXT NOT NULL, "
    "department TEXT NOT NULL, day INTEGER NOT NULL, "
    + ", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in COUNT_COLUMNS)
    + ", PRIMARY KEY (dim, key, station, department, day)) WITHOUT ROWID",
    ("CREATE TABLE IF NOT EXISTS report_close_days (dim TEXT NOT NULL, key TEXT NOT NULL, days INTEGER NOT NULL, "
    "day INTEGER NOT NULL, n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (dim, key, days, day)) WITHOUT ROWID"),
    ("CREATE TABLE IF NOT EXISTS report_visit_days (dim TEXT NOT NULL, key TEXT NOT NULL, day INTEGER NOT NULL, "
    "n INTEGER NOT NULL DEFAULT 0, people INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (dim, key, day)) WITHOUT ROWID"),
    # the cases whose deadline is today or later (not due yet): the engine's correction reads these few
    "CREATE INDEX IF NOT EXISTS ix_cases_report_deadline ON cases (deadline) WHERE deleted_hlc IS NULL",
)


def _day(expr: str) -> str:
    """A whole number per station-local calendar day (the engine's ``_Sql.day``: julian day number)."""
    return f"CAST(julianday({expr}, '+{LOCAL_HOURS} hours') + 0.5 AS INTEGER)"


def _flag(cond: str) -> str:
    return f"(CASE WHEN {cond} THEN 1 ELSE 0 END)"


def _case_values(r: str) -> list[str]:
    """The additive counts of case row ``r`` (NEW or OLD), in ``COUNT_COLUMNS`` order."""
    has_deadline = f"{r}.deadline IS NOT NULL AND {r}.status <> 'withdrawn'"
    replied = f"{has_deadline} AND {r}.replied_at IS NOT NULL"
    values = {
        "cases": "1",
        "withdrawn": _flag(f"{r}.status = 'withdrawn'"),
        "assigned": _flag(f"{r}.assigned_at IS NOT NULL"),
        "closed": _flag(f"{r}.status = 'closed'"),
        "solved": _flag(f"{r}.status = 'closed' AND {r}.resolution = 'solved'"),
        "rated": _flag(f"{r}.satisfaction IN {ANSWERS}"),
        "satisfied": _flag(f"{r}.satisfaction IN {HAPPY}"),
        "dl_replied": _flag(replied),
        "dl_waiting": _flag(f"{has_deadline} AND {r}.replied_at IS NULL"),
        # replied before local midnight after the deadline (a text comparison, as the engine's by_local_day)
        "on_time": _flag(f"{replied} AND {r}.replied_at < printf('%s {24 - LOCAL_HOURS:02d}:00:00', {r}.deadline)"),
        "reopened": _flag(f"{r}.reopen_count > 0"),
        "open_dl": _flag(f"{r}.status IN {OPEN} AND {r}.deadline IS NOT NULL"),
    }
    assert tuple(values) == COUNT_COLUMNS
    return list(values.values())


def _case_statements(r: str, sign: str) -> list[str]:
    """Add (sign '+') or take off ('-') case row ``r``'s contribution."""
    live = f"{r}.deleted_hlc IS NULL AND {r}.registered_at IS NOT NULL"
    vals = _case_values(r)
    cols = ", ".join(COUNT_COLUMNS)
    upd = ", ".join(f"{c} = {c} + excluded.{c}" for c in COUNT_COLUMNS)
    day = _day(f"{r}.registered_at")
    sel = ", ".join(f"{sign}{v}" for v in vals)
    out = []
    keys = [("''", "''", f"coalesce({r}.station_id, '')", f"coalesce({r}.department_id, '')")]
    keys += [(f"'{dim}'", f"coalesce({r}.{col}, '')", "''", "''") for dim, col in CASE_DIMS.items()]
    for dim, key, station, dept in keys:
        out.append(f"INSERT INTO report_days (dim, key, station, department, day, {cols}) "
                   f"SELECT {dim}, {key}, {station}, {dept}, {day}, {sel} WHERE {live} "
                   f"ON CONFLICT (dim, key, station, department, day) DO UPDATE SET {upd};")
    closed = f"{live} AND {r}.status = 'closed' AND {r}.closed_at IS NOT NULL"
    days = f"{_day(f'{r}.closed_at')} - {day}"
    for dim, key in [("''", "''")] + [(f"'{d}'", f"coalesce({r}.{c}, '')") for d, c in CLOSE_DIMS.items()]:
        out.append(f"INSERT INTO report_close_days (dim, key, days, day, n) "
                   f"SELECT {dim}, {key}, {days}, {day}, {sign}1 WHERE {closed} "
                   f"ON CONFLICT (dim, key, days, day) DO UPDATE SET n = n + excluded.n;")
    return out


def _visit_statements(r: str, sign: str) -> list[str]:
    live = f"{r}.deleted_hlc IS NULL AND {r}.occurred_at IS NOT NULL"
    out = []
    for dim, col in VISIT_DIMS.items():
        out.append(f"INSERT INTO report_visit_days (dim, key, day, n, people) "
                   f"SELECT '{dim}', coalesce({r}.{col}, ''), {_day(f'{r}.occurred_at')}, {sign}1, "
                   f"{sign}coalesce({r}.headcount, 0) WHERE {live} "
                   f"ON CONFLICT (dim, key, day) DO UPDATE SET n = n + excluded.n, people = people + excluded.people;")
    return out


def trigger_ddl() -> list[str]:
    out = []
    for table, stmts, read in (("cases", _case_statements, CASE_COLUMNS_READ),
                               ("visits", _visit_statements, VISIT_COLUMNS_READ)):
        body_new = "\n".join(stmts("NEW", ""))
        body_old = "\n".join(stmts("OLD", "-"))
        out.append(f"CREATE TRIGGER IF NOT EXISTS report_{table}_ins AFTER INSERT ON {table} BEGIN\n{body_new}\nEND")
        out.append(f"CREATE TRIGGER IF NOT EXISTS report_{table}_upd AFTER UPDATE OF {', '.join(read)} ON {table} "
                   f"BEGIN\n{body_old}\n{body_new}\nEND")
        out.append(f"CREATE TRIGGER IF NOT EXISTS report_{table}_del AFTER DELETE ON {table} BEGIN\n{body_old}\nEND")
    return out


def _backfill() -> list[str]:
    """Every live case and visit counted afresh: one read of the wide rows into a narrow temporary table, then
    one GROUP BY per key over it (run once by the migration; and by ``report_facts_ok``)."""
    out = ["DELETE FROM report_days", "DELETE FROM report_close_days", "DELETE FROM report_visit_days",
           "DROP TABLE IF EXISTS temp.report_narrow", "DROP TABLE IF EXISTS temp.report_narrow_visits"]
    day = _day("c.registered_at")
    keys = ", ".join(f"coalesce(c.{col}, '') AS {col}" for col in
                     ("station_id", "department_id", *CASE_DIMS.values()))
    values = ", ".join(f"{v} AS {name}" for name, v in zip(COUNT_COLUMNS, _case_values("c"), strict=True))
    closed_days = (f"CASE WHEN c.status = 'closed' AND c.closed_at IS NOT NULL "
                   f"THEN {_day('c.closed_at')} - {day} END AS closed_days")
    out.append(f"CREATE TEMP TABLE report_narrow AS SELECT {day} AS day, {keys}, {values}, {closed_days} "
               f"FROM cases c WHERE c.deleted_hlc IS NULL AND c.registered_at IS NOT NULL")
    cols = ", ".join(COUNT_COLUMNS)
    sums = ", ".join(f"sum({c})" for c in COUNT_COLUMNS)
    groups = [("''", "''", "station_id", "department_id")]
    groups += [(f"'{dim}'", col, "''", "''") for dim, col in CASE_DIMS.items()]
    for dim, key, station, dept in groups:
        out.append(f"INSERT INTO report_days (dim, key, station, department, day, {cols}) "
                   f"SELECT {dim}, {key}, {station}, {dept}, day, {sums} FROM temp.report_narrow "
                   f"GROUP BY 1, 2, 3, 4, 5")
    for dim, key in [("''", "''")] + [(f"'{d}'", c) for d, c in CLOSE_DIMS.items()]:
        out.append(f"INSERT INTO report_close_days (dim, key, days, day, n) "
                   f"SELECT {dim}, {key}, closed_days, day, count(*) FROM temp.report_narrow "
                   f"WHERE closed_days IS NOT NULL GROUP BY 1, 2, 3, 4")
    vkeys = ", ".join(f"coalesce(v.{col}, '') AS {col}" for col in VISIT_DIMS.values())
    out.append(f"CREATE TEMP TABLE report_narrow_visits AS SELECT {_day('v.occurred_at')} AS day, {vkeys}, "
               f"coalesce(v.headcount, 0) AS people FROM visits v "
               f"WHERE v.deleted_hlc IS NULL AND v.occurred_at IS NOT NULL")
    for dim, col in VISIT_DIMS.items():
        out.append(f"INSERT INTO report_visit_days (dim, key, day, n, people) "
                   f"SELECT '{dim}', {col}, day, count(*), sum(people) FROM temp.report_narrow_visits "
                   f"GROUP BY 1, 2, 3")
    out += ["DROP TABLE temp.report_narrow", "DROP TABLE temp.report_narrow_visits"]
    return out


def install_report_facts(conn: Any, *, rebuild: bool = True) -> None:
    """Create the tables, the index and the triggers (idempotent); with ``rebuild``, count every case and visit
    afresh. ``conn`` is a SQLAlchemy connection to a station (SQLite) database."""
    for ddl in (*DDL, *trigger_ddl()):
        conn.exec_driver_sql(ddl)
    if rebuild:
        for stmt in _backfill():
            conn.exec_driver_sql(stmt)


def drop_report_facts(conn: Any) -> None:
    for name in TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_cases_report_deadline")
    for table in FACT_TABLES:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


def report_facts_installed(conn: Any) -> bool:
    """The tables and every trigger exist (SQLite only; False elsewhere)."""
    if conn.dialect.name != "sqlite":
        return False
    names = {r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE name LIKE 'report_%'").all()}
    return set(FACT_TABLES) <= names and set(TRIGGERS) <= names


def report_facts_ok(conn: Any) -> bool:
    """The per-day totals equal a count afresh of every case and visit (tests and the integrity check): the
    triggers have followed every write. Reads everything: not for the report's own path."""
    if not report_facts_installed(conn):
        return False
    tables = {}
    for t in FACT_TABLES:
        tables[t] = sorted(tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {t}").all())
    conn.exec_driver_sql("SAVEPOINT report_facts_check")
    try:
        for stmt in _backfill():
            conn.exec_driver_sql(stmt)
        fresh = {t: sorted(tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {t}").all()) for t in FACT_TABLES}
    finally:
        conn.exec_driver_sql("ROLLBACK TO report_facts_check")
        conn.exec_driver_sql("RELEASE report_facts_check")

    def nonzero(rows: list[tuple[Any, ...]], t: str) -> list[tuple[Any, ...]]:
        first = {"report_days": 5, "report_close_days": 4, "report_visit_days": 3}[t]
        return [r for r in rows if any(r[first:])]

    return all(nonzero(tables[t], t) == nonzero(fresh[t], t) for t in FACT_TABLES)
