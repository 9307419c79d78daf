"""The station's sync facts: hub address, install id, cursor, last outcome and the pinned hub key and TLS
certificate in ``local_state``; the credential in the data folder's key store (``db.keystore``), never in
the database (a copy of the database file alone, a backup, cannot sync as the station). A database from an
earlier release that still holds the credential has it moved to the key store when its sync facts are
first read with ``config`` (the desk's sync status does that when it opens)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...db.database import Database, get_local, set_local, set_locals
from ...db.keystore import KeyStore
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
#: The county hub's public signing key pinned at the first enrollment (base64), its TLS certificate (PEM)
#: delivered in the signed enrollment, and the explicit setting that allows plain http to a hub that is
#: not on this PC ("1"; logged at every use).
HUB_KEY, HUB_CERT, ALLOW_HTTP = "sync_hub_key", "sync_hub_cert", "sync_allow_http"
#: The credential's name in the key store.
CREDENTIAL_SECRET = "sync_credential"
CLOCK_WARN_MS = 5 * 60 * 1000
log = logging.getLogger(__name__)


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
    hub_key: str | None = None  # the pinned hub signing key
    hub_cert: str | None = None  # the pinned TLS certificate (PEM)
    allow_http: bool = False


def _keystore(path: str | Path) -> KeyStore:
    return _keystore_of(str(Path(path).parent))


@functools.lru_cache(maxsize=32)
def _keystore_of(folder: str) -> KeyStore:
    """One ``KeyStore`` per data folder (choosing its backend may ask the OS key store)."""
    return KeyStore(Path(folder))


def credential(path: str | Path) -> str | None:
    """The station's credential from the key store of the data folder of the database at ``path``."""
    value = _keystore(path).get(CREDENTIAL_SECRET)
    return value.decode("utf-8") if value else None


def put_credential(db: Database, value: str) -> None:
    _keystore(db.path).put(CREDENTIAL_SECRET, value.encode("utf-8"))


def allow_http(db: Database, allowed: bool = True) -> None:
    """The explicit setting that lets this station use a plain ``http://`` hub address off this PC (``False``
    takes it back: an enrollment that asked for it and failed leaves nothing behind)."""
    if allowed:
        log.warning("plain http to the county hub allowed for %s (%s=1)", db.path, ALLOW_HTTP)
    with db.session() as s:
        set_local(s, ALLOW_HTTP, "1" if allowed else "0")


def move_credential(db: Database) -> bool:
    """A credential an earlier release kept in ``local_state`` goes to the key store and out of the
    database. True when one was moved."""
    with db.session(write=False) as s:
        legacy = get_local(s, CREDENTIAL)
    if legacy is None:
        return False
    if legacy:
        put_credential(db, legacy)
    with db.session() as s:
        s.execute(delete(LocalState).where(LocalState.key == CREDENTIAL))
    log.info("sync credential moved from the database to the key store (%s)", _keystore(db.path).backend)
    return True


def config(db: Database) -> SyncConfig:
    move_credential(db)
    with db.session(write=False) as s:
        return read_config(s)


_ALL = select(LocalState.__table__.c.key, LocalState.__table__.c.value)


def read_config(s: Session) -> SyncConfig:
    """``config`` inside an open session (a round reads it with its other first facts)."""
    v: dict[str, str] = dict(s.execute(_ALL).all())  # rows are (key, value) pairs
    last_ok = dt.datetime.fromisoformat(v[LAST_OK]) if v.get(LAST_OK) else None
    bind = s.get_bind()
    path = bind.engine.url.database
    cred = v.get(CREDENTIAL) or (credential(path) if path else None)  # the former until ``config`` moves it
    return SyncConfig(v.get(URL), cred, v.get(INSTALL), int(v.get(CURSOR) or 0),
                      v.get(REBOOTSTRAP) == "1", v.get("training") == "1", last_ok, v.get(LAST_ERROR) or None,
                      v.get(NUMBERS_CHECK) == "1", v.get(HUB_KEY) or None, v.get(HUB_CERT) or None,
                      v.get(ALLOW_HTTP) == "1")


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
