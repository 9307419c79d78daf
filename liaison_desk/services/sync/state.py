"""The station's sync facts in ``local_state``: hub address, credential, install id, cursor, last outcome."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.database import Database, get_local, set_local, set_locals
from ...db.models import LocalState, OutboxEntry
from ...domain.errors import DomainError

URL, CREDENTIAL, INSTALL, COUNTY = "sync_hub_url", "sync_credential", "sync_install_id", "sync_county"
CURSOR, REBOOTSTRAP = "sync_cursor", "sync_rebootstrap"
LAST_OK, LAST_ERROR, DIGEST = "sync_last_ok", "sync_last_error", "sync_digest_cache"
#: a counter bumped whenever remote data was applied; and which tables the pulls since version ``from``
#: touched (``{"from", "to", "entities"}``), so the digest cache re-reads only those
APPLY_VERSION, APPLIED = "sync_apply_version", "sync_digest_applied"
#: Set at every enrollment; cleared once the case numbers were compared with the hub's (``sync_enroll``).
NUMBERS_CHECK = "sync_numbers_check"
CLOCK_WARN_MS = 5 * 60 * 1000


@dataclass(frozen=True)
class SyncConfig:
    url: str | None
    credential: str | None
    install_id: str | None
    cursor: int
    rebootstrap: bool
    training: bool
    last_ok: dt.datetime | None
    last_error: str | None
    numbers_check: bool = False  # case numbers to compare with the hub's (``sync_enroll.settle_numbers``)


def config(db: Database) -> SyncConfig:
    with db.session(write=False) as s:
        return read_config(s)


_ALL = select(LocalState.__table__.c.key, LocalState.__table__.c.value)


def read_config(s: Session) -> SyncConfig:
    """``config`` inside an open session (a round reads it with its other first facts)."""
    v: dict[str, str] = dict(s.execute(_ALL).all())  # rows are (key, value) pairs
    last_ok = dt.datetime.fromisoformat(v[LAST_OK]) if v.get(LAST_OK) else None
    return SyncConfig(v.get(URL), v.get(CREDENTIAL), v.get(INSTALL), int(v.get(CURSOR) or 0),
                      v.get(REBOOTSTRAP) == "1", v.get("training") == "1", last_ok, v.get(LAST_ERROR) or None,
                      v.get(NUMBERS_CHECK) == "1")


def require_syncable(db: Database) -> None:
    if db.station_id() is None:
        raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                          message_en="This installation has no station yet: run init first.")
    with db.session(write=False) as s:
        training = get_local(s, "training") == "1"
    if training:
        raise DomainError("training_never_syncs", "这是培训（演示）数据库，永远不会与县级平台同步。",
                          message_en="This is a training (demo) database: it never syncs.")


def record_outcome(db: Database, *, ok: bool, message: str) -> None:
    with db.session() as s:
        write_outcome(s, ok=ok, message=message)


def write_outcome(s: Session, *, ok: bool, message: str) -> None:
    """``record_outcome`` inside an open write session."""
    set_locals(s, outcome_values(ok=ok, message=message))


def outcome_values(*, ok: bool, message: str) -> dict[str, str]:
    """The ``local_state`` values that record a round's outcome."""
    values = {LAST_OK: dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")} if ok else {}
    values[LAST_ERROR] = "" if ok else message[:500]
    return values


def outbox_max_seq(db: Database) -> int:
    from sqlalchemy import func

    with db.session(write=False) as s:
        return s.scalar(select(func.max(OutboxEntry.seq))) or 0


def outbox_change_at(db: Database, seq: int) -> uuid.UUID | None:
    with db.session(write=False) as s:
        return s.scalar(select(OutboxEntry.change_id).where(OutboxEntry.seq == seq))


def start_rebootstrap(db: Database, install_id: str) -> None:
    with db.session() as s:
        set_locals(s, {INSTALL: install_id, CURSOR: "0", REBOOTSTRAP: "1"})


#: The hub's clock at the last sync (ms), which the desk compares the PC's date with (``desk.clock``).
HUB_TIME = "sync_hub_time"
_HUB_TIME_NOTED: dict[str, int] = {}  # database file -> the hub time last written by this program
_HUB_TIME_EVERY_MS = 6 * 3600 * 1000  # written again after this much hub time: a round stays one write


def check_clock(db: Database, hub_ms, report) -> None:
    """Warn (never refuse) when this PC's clock is far from the hub's: the HLC keeps order regardless,
    but staff should set the date right. The hub's time is kept for the desk's date check."""
    if not isinstance(hub_ms, int):
        return
    noted = _HUB_TIME_NOTED.get(str(db.path))
    if noted is None or not 0 <= hub_ms - noted < _HUB_TIME_EVERY_MS:
        with db.session() as s:
            set_local(s, HUB_TIME, str(hub_ms))
        _HUB_TIME_NOTED[str(db.path)] = hub_ms
    skew = db.clock._read_wall() - hub_ms  # the wall clock the station's HLC reads (tests set it)
    if abs(skew) > CLOCK_WARN_MS:
        hours = skew / 3_600_000
        report.notes.append(f"本机时钟与县级平台相差约 {hours:+.1f} 小时，请校准电脑日期和时间（同步不受影响）。")
