"""Tables the duty desk needs beyond the core model: working-day calendar overrides.

The Chinese full-text index (``case_search``, an FTS5 virtual table kept current by SQL triggers) is created
by migration 0004 and is not an ORM model: FTS tables cannot be described by SQLAlchemy metadata, and the
triggers are what keeps it current on every write path (the ORM, the bulk ``ChangeWriter``, a sync apply).
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Date, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from .models_core import Base, Case, CaseEvent, Synced

#: Database objects created by hand in migration 0004 (not in the metadata): ``alembic check`` skips them.
SEARCH_OBJECTS = frozenset({"case_search", "case_search_data", "case_search_idx", "case_search_content",
                            "case_search_docsize", "case_search_config"})


class Holiday(Synced, Base):
    """节假日调整 — a day that is not what its weekday says: a public holiday (放假) or a make-up working day
    (调休上班). Overrides the shipped default calendar; id = UUIDv5(date) so two offline entries of the same
    day become one row. Reference data: the county hub will own it; a station administrator may add rows."""

    __tablename__ = "holidays"
    __sync_kind__ = "reference"
    date: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # holiday | workday
    name: Mapped[str] = mapped_column(String(40), default="")



# -- indexes the desk adds to core tables (declared here so the core model stays as it was) ------------------
# Partial indexes (SQLite; a plain index elsewhere): a query uses one only when its WHERE repeats the index's
# condition word for word, which is why case_list spells "live" and "open" exactly like this.
LIVE = "deleted_hlc IS NULL"
OPEN = "deleted_hlc IS NULL AND status NOT IN ('closed', 'withdrawn')"
_cases, _events = Case.__table__.c, CaseEvent.__table__.c
Index("ix_cases_live_registered", _cases.registered_at, _cases.id, sqlite_where=text(LIVE))  # list, count, deep pages
Index("ix_cases_open_deadline", _cases.deadline, sqlite_where=text(OPEN))  # overdue queue and badge
Index("ix_cases_open_callback", _cases.callback_due, sqlite_where=text(OPEN))  # promised call-backs
Index("ix_case_events_occurred_at", _events.occurred_at)  # the handover's shift window

# -- the Chinese full-text index ------------------------------------------------------------------------------
# ``case_search`` is a contentless FTS5 table whose rowid is the case's rowid. For each case it holds the text
# ``number + content + visitor names + village`` twice: every character as a token (``uni``) and every overlapping
# pair of characters (``bi``), spaces between (see ``domain.textsearch``). SQL triggers compute them from the
# row itself, so every write path keeps the index current: the ORM, the demo's and ChangeWriter's
# driver-level executemany, a sync apply, a hand-run SQL statement. A trigger cannot loop, so the n-grams are
# cut with ``substr`` over a table of positions 1..SEARCH_MAX_CHARS (a trigger may not use a CTE either).
# Visits are append-only and a village rename re-indexes its cases, so the text a case was indexed with can
# always be recomputed for the delete a contentless FTS5 table needs.
# A rowid is stable: cases are never deleted (tombstones), so even a VACUUM or a batch-mode table copy,
# which renumber rowids densely in order, gives every case the number it had.

SEARCH_MAX_CHARS = 6000


class SearchPosition(Base):
    """1..SEARCH_MAX_CHARS: the character positions the search triggers cut n-grams at. Local only."""

    __tablename__ = "search_positions"
    n: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


def _doc(row: str, village: str | None = None) -> str:
    village = village or f"(SELECT vl.name FROM villages vl WHERE vl.id = {row}.village_id)"
    return (f"({row}.number || ' ' || {row}.content || ' ' || "
            f"coalesce((SELECT v.visitor_names FROM visits v WHERE v.id = {row}.visit_id), '') || ' ' || "
            f"coalesce({village}, ''))")


def _values(row: str, village: str | None = None) -> str:
    doc = _doc(row, village)
    return (f"(SELECT group_concat(substr(d.x, p.n, 1), ' ') FROM (SELECT {doc} AS x) d "
            f"JOIN search_positions p ON p.n <= length(d.x)), "
            f"(SELECT group_concat(substr(d.x, p.n, 2), ' ') FROM (SELECT {doc} AS x) d "
            f"JOIN search_positions p ON p.n < length(d.x))")


SEARCH_DDL = (
    ("CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(uni, bi, content='', "
     "tokenize='unicode61 remove_diacritics 0')"),
    f"""CREATE TRIGGER IF NOT EXISTS case_search_ai AFTER INSERT ON cases BEGIN
        INSERT INTO case_search(rowid, uni, bi) VALUES (new.rowid, {_values('new')});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS case_search_au AFTER UPDATE OF number, content, visit_id, village_id ON cases
    BEGIN
        INSERT INTO case_search(case_search, rowid, uni, bi) VALUES ('delete', old.rowid, {_values('old')});
        INSERT INTO case_search(rowid, uni, bi) VALUES (new.rowid, {_values('new')});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS case_search_ad AFTER DELETE ON cases BEGIN
        INSERT INTO case_search(case_search, rowid, uni, bi) VALUES ('delete', old.rowid, {_values('old')});
    END""",
    # a renamed village: its cases are indexed again under the new name
    f"""CREATE TRIGGER IF NOT EXISTS case_search_village AFTER UPDATE OF name ON villages BEGIN
        INSERT INTO case_search(case_search, rowid, uni, bi)
            SELECT 'delete', c.rowid, {_values('c', 'old.name')} FROM cases c WHERE c.village_id = old.id;
        INSERT INTO case_search(rowid, uni, bi)
            SELECT c.rowid, {_values('c', 'new.name')} FROM cases c WHERE c.village_id = new.id;
    END""",
)
SEARCH_TRIGGERS = ("case_search_ai", "case_search_au", "case_search_ad", "case_search_village")


def install_search_index(conn, *, rebuild: bool = True) -> None:
    """Create the index and its triggers (idempotent) and, with ``rebuild``, index every case afresh.

    ``conn`` is a SQLAlchemy connection. A later migration that rebuilds the ``cases`` table in batch mode
    drops its triggers with the old table: it must call this again (the search service also repairs it).
    """
    have = conn.exec_driver_sql("SELECT count(*) FROM search_positions").scalar()
    if have != SEARCH_MAX_CHARS:
        conn.exec_driver_sql("DELETE FROM search_positions")
        conn.exec_driver_sql(
            "INSERT INTO search_positions(n) SELECT value FROM json_each(?)",
            (json.dumps(list(range(1, SEARCH_MAX_CHARS + 1))),))
    for ddl in SEARCH_DDL:
        conn.exec_driver_sql(ddl)
    if rebuild:
        conn.exec_driver_sql("INSERT INTO case_search(case_search) VALUES ('delete-all')")
        conn.exec_driver_sql(f"INSERT INTO case_search(rowid, uni, bi) SELECT c.rowid, {_values('c')} FROM cases c")


def drop_search_index(conn) -> None:
    for name in SEARCH_TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS case_search")


def search_index_ok(conn) -> bool:
    """Cheap check that the index exists, has its triggers and covers every case (one row each)."""
    names = {r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE name LIKE 'case_search%'").all()}
    if "case_search" not in names or not set(SEARCH_TRIGGERS) <= names:
        return False
    cases = conn.exec_driver_sql("SELECT count(*), max(rowid) FROM cases").one()
    indexed = conn.exec_driver_sql("SELECT count(*), max(id) FROM case_search_docsize").one()
    return tuple(cases) == tuple(indexed)


SYNCED: tuple[type, ...] = (Holiday,)
