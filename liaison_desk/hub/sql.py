"""Statements the hub's jobs share: a set test planned once on PostgreSQL, bulk inserts by ``COPY``, and an
insert that leaves an existing row alone."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, Uuid, any_, bindparam, insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert
from sqlalchemy.types import TypeEngine


def postgres(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def in_(s: Session, col: ColumnElement[Any], values: Sequence[Any],
        item_type: TypeEngine[Any] | type[TypeEngine[Any]] = Uuid) -> ColumnElement[bool]:
    """``col IN (values)``; on PostgreSQL ``col = ANY(:array)``, one parameter however many values, so the
    statement is planned once instead of once per list length."""
    if postgres(s):
        from sqlalchemy.dialects.postgresql import ARRAY

        return col == any_(bindparam(None, list(values), type_=ARRAY(item_type)))
    return col.in_(list(values))


def insert_missing(s: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows``, leaving those whose key exists alone (racing writers agree through
    ``ON CONFLICT DO NOTHING``)."""
    if postgres(s):
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Insert = pg_insert(table).values(list(rows)).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table).values(list(rows)).on_conflict_do_nothing()
    s.execute(stmt)


def bulk_insert(s: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """PostgreSQL: ``COPY … FROM STDIN`` (one stream for the whole batch, far quicker than row-by-row
    executemany); SQLite: executemany, which is quick there."""
    if not rows:
        return
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        ids = [c.name for c in table.columns if isinstance(c.type, Uuid)]
        conn.execute(insert(table), [{**r, **{c: uuid.UUID(r[c]) for c in ids if isinstance(r.get(c), str)}}
                                     for r in rows])
        return
    cols = [c.name for c in table.columns]
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({", ".join(cols)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(tuple(row.get(c) for c in cols))
