"""The station database: one SQLite file, one engine, one short session per user action."""

from __future__ import annotations

import contextvars
import logging
import secrets
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, Table, bindparam, create_engine, event, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from ..domain.hlc import HLC, HybridClock
from .changes import ChangeContext, ChangeWriter, install_change_capture
from .cipher import connect_raw, key_for, write_recovery
from .models import LocalState

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
#: ``local_state`` key: a persisted clock stamp that was not adopted at start (beyond the drift bound ahead
#: of the PC's time), kept for the desk's date check.
CLOCK_AHEAD = "hlc_ahead"
BULK_CACHE_KIB = 256 * 1024
#: SQLite's page cache per connection (KiB): its default for a plain file; more for an encrypted one, where a
#: page not in this cache is decrypted again at every read (the OS file cache holds it encrypted): the case
#: list's count and first page on 100,000 cases read a few thousand pages (bench/cipher.py)
PLAIN_CACHE_KIB, ENCRYPTED_CACHE_KIB = 2000, 32 * 1024
_write_tx: contextvars.ContextVar[bool] = contextvars.ContextVar("liaison_write_tx", default=False)


def make_engine(path: Path, *, foreign_keys: bool = True, key: bytes | None = None) -> Engine:
    """An engine whose every connection uses WAL, ``synchronous=FULL`` (power cuts happen) and a busy timeout.

    pysqlite's own implicit transactions are switched off so that a write session starts with
    ``BEGIN IMMEDIATE``: two writers then queue on the busy timeout instead of failing to upgrade a lock.

    An encrypted file (``cipher``) is opened through ``sqlcipher3`` with ``key``, else with the key this PC
    keeps for it (``DatabaseLocked`` when it has none, ``WrongKey`` when it does not fit); the key is set in
    the connection's creator, before SQLAlchemy or the PRAGMAs below read anything. A plain or new file is
    opened with the standard ``sqlite3`` as before (``migrate.open_database`` then encrypts it).
    """
    if key is None:
        key = key_for(Path(path))
    if key is None:
        engine = create_engine(f"sqlite:///{path}", future=True)
    else:
        from sqlcipher3 import dbapi2 as sqlcipher  # type: ignore[import-untyped]

        raw_key = key

        def _creator() -> Any:
            return connect_raw(path, raw_key, check_same_thread=False)

        # the file URL keeps the pool a file database's (QueuePool); ``module`` makes SQLAlchemy wrap
        # sqlcipher3's exceptions as it wraps sqlite3's
        engine = create_engine(f"sqlite:///{path}", future=True, creator=_creator, module=sqlcipher)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if key is not None:
            cur.execute(f"PRAGMA cache_size=-{ENCRYPTED_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_tx.get() else "BEGIN")

    return engine


class Database:
    """An open, migrated station database. Services receive it and open sessions from it."""

    path: Path
    engine: Engine
    node_id: str  # this PC's part of every stamp it makes
    clock: HybridClock
    change_context: ChangeContext

    def __init__(self, path: Path, *, key: bytes | None = None):
        self.path = Path(path)
        key = key if key is not None else key_for(self.path)
        self._key = key
        #: True when the file is encrypted (SQLCipher)
        self.encrypted = key is not None
        self.engine = make_engine(self.path, key=key)
        self._lock = threading.Lock()
        self._station_id: uuid.UUID | None = None
        self.node_id, self.clock = self._load_identity()
        self.change_context = ChangeContext(self.stamp, self.station_id, self._persist_clock)
        session_class = type("StationSession", (Session,), {})
        install_change_capture(session_class, self.change_context)
        self._sessions: sessionmaker[Session] = sessionmaker(bind=self.engine, class_=session_class, expire_on_commit=False)

    # -- identity and clock -------------------------------------------------------------------------
    def _load_identity(self) -> tuple[str, HybridClock]:
        """This PC's node id and its clock, continuing from the last stamp it persisted.

        A persisted stamp beyond the drift bound ahead of the PC's time (``HybridClock.is_suspect``) is not
        adopted: the PC's clock ran ahead when it was made (issue 19: set to 2035, then set right), and a
        clock resumed there would stamp every later write in the future and keep the desk's date check
        calling the right date wrong. The clock starts again from the PC's time, as the hub's does
        (``hub.clock.hub_clock``); order does not depend on it: an edit sorts after the version it replaced
        (``changes.stamp_after``) and a case event after the one it follows (``follows_id``). The stamp is
        kept under ``hlc_ahead`` for the date check (``services.desk.clock``), which decides whether it is
        evidence of a PC now set back or of a clock that ran ahead."""
        with self.engine.begin() as conn:
            rows = dict(conn.execute(select(LocalState.key, LocalState.value)).all())
            node = rows.get("node_id")
            if node is None:
                node = secrets.token_hex(4)
                conn.execute(sqlite_insert(LocalState).values(key="node_id", value=node))
            if rows.get("station_id"):
                self._station_id = uuid.UUID(rows["station_id"])
            last = HLC.decode(rows["hlc_last"]) if rows.get("hlc_last") else None
            clock = HybridClock(node=node)
            if last is not None and clock.is_suspect(last):
                ahead = rows.get(CLOCK_AHEAD)
                if ahead is None or last.encode() > ahead:
                    stmt = sqlite_insert(LocalState).values(key=CLOCK_AHEAD, value=last.encode())
                    conn.execute(stmt.on_conflict_do_update(index_elements=["key"],
                                                            set_={"value": stmt.excluded.value}))
                log.warning("the persisted clock %s is ahead of this PC's time: restarted from the PC's time",
                            last.encode())
            elif last is not None:
                clock = HybridClock(node=node, last=last)
        return node, clock

    def stamp(self) -> str:
        with self._lock:
            return self.clock.now().encode()

    def _persist_clock(self, session: Session) -> None:
        # Written in the same transaction as the changes it stamped: after a restart the clock resumes
        # above every stamp that was committed, even if the PC's clock was set back meanwhile.
        with self._lock:
            last = self.clock.last
        if last is None:  # nothing stamped yet: nothing to resume above
            return
        value = last.encode()
        stmt = sqlite_insert(LocalState).values(key="hlc_last", value=value)
        session.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}))

    def station_id(self) -> uuid.UUID | None:
        return self._station_id

    def new_recovery_code(self) -> str | None:
        """A new recovery code for this database's key (the wrapped key is written next to the file; an
        older code stops working). ``None`` for a plain file. Show it once: it is kept nowhere."""
        if self._key is None:
            return None
        return write_recovery(self.path, self._key)

    def set_station_id(self, session: Session, station_id: uuid.UUID) -> None:
        self._station_id = station_id
        set_local(session, "station_id", str(station_id))

    def forget_station(self) -> None:
        """Undo ``set_station_id`` after its transaction rolled back."""
        self._station_id = None

    # -- sessions -----------------------------------------------------------------------------------
    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        token = _write_tx.set(write)
        try:
            with self._sessions() as session:
                try:
                    yield session
                    if write:
                        session.commit()
                    # a read session just closes: its objects stay readable (closing does not expire them)
                except BaseException:
                    session.rollback()
                    raise
        finally:
            _write_tx.reset(token)

    @contextmanager
    def bulk(self) -> Iterator[ChangeWriter]:
        """One write transaction for bulk inserts through Core, with change capture by ``ChangeWriter``."""
        token = _write_tx.set(True)
        try:
            with self.engine.begin() as conn:
                # A big page cache for the duration: a large insert otherwise spills pages to the WAL
                # again and again. Set back afterwards, since the connection returns to the pool.
                conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
                writer = ChangeWriter(conn, self.change_context)
                try:
                    yield writer
                finally:
                    conn.exec_driver_sql(
                        f"PRAGMA cache_size=-{ENCRYPTED_CACHE_KIB if self.encrypted else PLAIN_CACHE_KIB}")
                with self._lock:
                    value = self.clock.last.encode() if self.clock.last else None
                if value:
                    stmt = sqlite_insert(LocalState).values(key="hlc_last", value=value)
                    conn.execute(stmt.on_conflict_do_update(index_elements=["key"],
                                                            set_={"value": stmt.excluded.value}))
        finally:
            _write_tx.reset(token)

    def dispose(self) -> None:
        self.engine.dispose()


_LOCAL = cast(Table, LocalState.__table__)  # a mapped class's table (typed as any FromClause)
# built once: the values are parameters (building a statement costs more than running this one)
_GET = select(_LOCAL.c.value).where(_LOCAL.c.key == bindparam("key"))
_GET_MANY = select(_LOCAL.c.key, _LOCAL.c.value).where(_LOCAL.c.key.in_(bindparam("keys", expanding=True)))


_Row = TypeVar("_Row")


def get_row(session: Session, model: type[_Row], ident: Any) -> _Row:
    """``session.get`` for a row known to exist (its id was just read from the database; records are never
    removed, only marked deleted): a missing one is a LookupError, not a None to check at every use."""
    found = session.get(model, ident)
    if found is None:
        raise LookupError(f"no {model.__name__} row with id {ident}")
    return found


def get_local(session: Session, key: str) -> str | None:
    return session.scalar(_GET, {"key": key})


def get_locals(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """Several keys in one statement; a key that is not set is absent from the answer."""
    keys = list(keys)
    return dict(session.execute(_GET_MANY, {"keys": keys}).all()) if keys else {}


def set_local(session: Session, key: str, value: str) -> None:
    set_locals(session, {key: value})


def _upsert():
    stmt = sqlite_insert(_LOCAL)
    return stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})


_UPSERT = _upsert()  # values as parameters: one compiled statement, cached


def set_locals(session: Session, values: Mapping[str, str]) -> None:
    """Several keys in one call (one upsert statement, executed for each key)."""
    rows = [{"key": k, "value": v} for k, v in values.items()]
    if rows:
        session.execute(_UPSERT, rows if len(rows) > 1 else rows[0])


def sqlite_checks(session: Session) -> list[str]:
    """SQLite's own integrity and foreign-key checks; an empty list when the file is sound."""
    problems = [r[0] for r in session.execute(text("PRAGMA integrity_check")).all() if r[0] != "ok"]
    for table, rowid, parent, _fk in session.execute(text("PRAGMA foreign_key_check")).all():
        problems.append(f"{table} 第 {rowid} 行引用了不存在的 {parent} 记录")
    return problems
