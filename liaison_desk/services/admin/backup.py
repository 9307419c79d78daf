"""Backups you can trust: a consistent copy of the station database made with SQLite's online backup API (never a
file copy of a database with a WAL beside it), encrypted with the database's own key, verified before anything
older is rotated out, written owner-only and atomically (a temporary file renamed into place), kept in the data
folder's ``backups/`` and, when one is set, in a chosen USB folder; and the way back (``restore_backup``).

A backup file is the station database itself in one self-contained file (rollback journal, no WAL), named
``station-backup-<station code>-YYYYMMDD-HHMMSS.ldbak`` in station-local time: several stations can keep their
backups on one USB stick, and each rotates out its own generations only (names of the previous version, without
the code, still restore; one of them is this station's when this station's key opens it). Which backup is the
last, and so how old it is, is read from the names of the files in ``backups/``: what the desk shows is what is
really on disk. A backup dated after the PC's clock (the clock was set back, or was ahead when it was made) does
not count as today's: the daily backup goes on, and such generations are the first rotated out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ... import paths
from ...db import cipher
from ...db.database import Database, get_local, set_local
from ...domain.errors import DomainError
from ...domain.timeutil import to_local, utcnow
from ...domain.workflow import Role
from ...paths import fsync_dir as _fsync_dir
from ..context import Actor

log = logging.getLogger(__name__)

PREFIX = "station-backup-"
SUFFIX = ".ldbak"
_NAME = re.compile(r"^station-backup-(?:(?P<station>[0-9A-Z]{2,8})-)?(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.ldbak$")
KEEP_DEFAULT = 7
KEEP_RANGE = (1, 60)
OVERDUE_DAYS = 7  # the desk shows the age in red, and in words, after this many days
USB_DIR_KEY, KEEP_KEY = "backup:usb_dir", "backup:keep"


# -- the one place that opens a database file with its key ------------------------------------------------
def database_key(path: Path) -> bytes | None:
    """The key the station database at ``path`` is encrypted with (None: a plain file); ``DatabaseLocked``
    when it is encrypted and this PC keeps no key for it."""
    return cipher.key_for(path)


def connect_file(path: Path, key: bytes | None) -> Any:
    """A DB-API connection to ``path`` opened with ``key`` (autocommit: transactions are explicit)."""
    return cipher.connect_raw(path, key, isolation_level=None, check=False)


def _is_db_error(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError | cipher.WrongKey) or type(exc).__name__ in (
        "DatabaseError", "OperationalError")


# -- results -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupResult:
    path: Path  # the verified backup in the data folder
    cases: int  # cases in it (equal to the database's at the moment it was copied)
    size: int  # bytes
    seconds: float
    usb_path: Path | None = None  # the verified copy in the USB folder, when one is set and it worked
    usb_error: str = ""  # why the USB copy was not made (the stick not plugged in…), in Chinese
    removed: int = 0  # older generations rotated out


@dataclass(frozen=True)
class BackupAge:
    """How old the newest backup in the data folder is (``days`` in calendar days, station time)."""

    last_at: dt.datetime | None  # station-local time of the newest backup; None: there is none
    days: int | None
    overdue: bool  # no backup dated today or before, or the newest older than OVERDUE_DAYS
    due: bool  # no backup made today yet: the desk makes one in the background
    ahead_at: dt.datetime | None = None  # the newest backup dated after today: the PC's clock is behind it


@dataclass(frozen=True)
class BackupSettings:
    usb_dir: str  # "" = none chosen
    keep: int


@dataclass(frozen=True)
class RestoreResult:
    path: Path  # the station database now in place
    cases: int
    safety_copy: Path | None  # the database that was there before (``--force``), copied aside first


class BackupError(DomainError):
    pass


# -- settings (local to this PC, in local_state beside the desk settings) ----------------------------------
def backup_settings(db: Database) -> BackupSettings:
    with db.session(write=False) as s:
        usb = get_local(s, USB_DIR_KEY)
        keep = get_local(s, KEEP_KEY)
    try:
        usb_dir = json.loads(usb) if usb else ""
        n = int(json.loads(keep)) if keep else KEEP_DEFAULT
    except (ValueError, TypeError):
        usb_dir, n = "", KEEP_DEFAULT
    if not isinstance(usb_dir, str):
        usb_dir = ""
    return BackupSettings(usb_dir=usb_dir, keep=n if KEEP_RANGE[0] <= n <= KEEP_RANGE[1] else KEEP_DEFAULT)


def set_backup_settings(db: Database, actor: Actor, *, usb_dir: str | None = None,
                        keep: int | None = None) -> BackupSettings:
    """Choose the USB folder ("" for none) and how many generations are kept (staff and administrators)."""
    actor.require(Role.STAFF, Role.ADMIN, what="修改备份设置")
    values: dict[str, str] = {}
    if usb_dir is not None:
        usb_dir = usb_dir.strip()
        if usb_dir and not Path(usb_dir).is_absolute():
            raise BackupError("bad_usb_dir", "请选择 U 盘上的一个文件夹（完整路径）。", field="usb_dir",
                              message_en="Choose a folder on the USB stick (a full path).")
        values[USB_DIR_KEY] = json.dumps(usb_dir, ensure_ascii=False)
    if keep is not None:
        if isinstance(keep, bool) or not KEEP_RANGE[0] <= keep <= KEEP_RANGE[1]:
            raise BackupError("bad_keep", f"保留份数应为 {KEEP_RANGE[0]} 到 {KEEP_RANGE[1]} 份。", field="keep",
                              message_en=f"Keep {KEEP_RANGE[0]} to {KEEP_RANGE[1]} backups.")
        values[KEEP_KEY] = json.dumps(keep)
    if values:
        with db.session() as s:
            for k, v in values.items():
                set_local(s, k, v)
    return backup_settings(db)


# -- listing and age -----------------------------------------------------------------------------------
def _stamp_of(path: Path) -> dt.datetime | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def station_of(path: Path) -> str | None:
    """The station code in a backup's name; None for a name of the previous version (no code) or another file."""
    m = _NAME.match(path.name)
    return m.group("station") if m else None


def _stamp(path: Path) -> dt.datetime:
    stamp = _stamp_of(path)
    assert stamp is not None  # only called on listed backups
    return stamp


def list_backups(folder: Path, *, station: str | None = None) -> list[Path]:
    """The backups in ``folder``, oldest first (temporary and foreign files are not listed); with ``station``,
    only those named with that station's code."""
    try:
        found = [p for p in folder.iterdir() if _stamp_of(p) is not None and p.is_file()
                 and (station is None or station_of(p) == station)]
    except OSError:
        return []
    return sorted(found, key=lambda p: (_stamp(p), p.name))


def backup_dir_of(db: Database) -> Path:
    return paths.backup_dir(db.path.parent)


def _station_code(db: Database) -> str | None:
    from ..admin.setup import station_info

    info = station_info(db)
    return info.code if info is not None else None


def backup_age(db: Database, *, now: dt.datetime | None = None, station: str | None = None) -> BackupAge:
    """How old the newest backup of this station in the data folder is (``now``: station-local time, for tests;
    ``station``: its code, when the caller has read it already). A backup dated after today (by this PC's
    clock) is not the last one: its age cannot be told, and the clock is behind it (``ahead_at``)."""
    station = station or _station_code(db)
    now = now or to_local(utcnow())
    today = now.date()
    found = [p for p in list_backups(backup_dir_of(db)) if station_of(p) in (station, None)]
    past = [p for p in found if _stamp(p).date() <= today]
    ahead = [_stamp(p) for p in found if _stamp(p).date() > today]
    ahead_at = max(ahead) if ahead else None
    if not past:
        return BackupAge(None, None, overdue=True, due=True, ahead_at=ahead_at)
    last = _stamp(past[-1])
    days = (today - last.date()).days
    return BackupAge(last, days, overdue=days > OVERDUE_DAYS, due=days > 0, ahead_at=ahead_at)


# -- making a backup -----------------------------------------------------------------------------------

def _private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


VERIFY_CACHE_KIB = 256 * 1024  # the quick check reads every page: a large page cache saves re-reading


def verify_backup(path: Path, key: bytes | None, *, shown: str | None = None, pages_only: bool = False) -> int:
    """Open ``path`` with ``key``, run SQLite's quick check and count its cases; raises BackupError when it is
    not a sound station database (named ``shown`` in the message). Returns the number of cases.

    ``pages_only`` (an encrypted copy of the database's own file bytes, ``make_backup``): SQLCipher's
    ``cipher_integrity_check`` instead of the quick check — every page's HMAC, so any byte changed or lost
    on the way is found, at about 60 % of the quick check's cost. It does not walk the B-trees again: the
    copy holds exactly the pages the database had, whose structure the restore's full check (and ``check``)
    still examine."""
    name = shown or path.name
    try:
        con = connect_file(path, key)
        try:
            con.execute(f"PRAGMA cache_size=-{VERIFY_CACHE_KIB}")
            check = "PRAGMA cipher_integrity_check" if pages_only and key is not None else "PRAGMA quick_check"
            problems = [r[0] for r in con.execute(check).fetchall() if r[0] != "ok"]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if problems or not {"cases", "alembic_version", "local_state"} <= tables:
                raise BackupError("backup_damaged", f"备份文件 {name} 已损坏或不是联络站数据库：" +
                                  ("；".join(problems[:3]) or "缺少数据表"),
                                  message_en=f"The backup {name} is damaged or not a station database.")
            return int(con.execute("SELECT count(*) FROM cases").fetchone()[0])
        finally:
            con.close()
    except BackupError:
        raise
    except Exception as exc:
        if _is_db_error(exc):  # a wrong key, or not a database at all (sqlite3's or sqlcipher3's error)
            raise _unreadable(Path(name)) from exc
        raise


def _same_bytes(a: Path, b: Path) -> bool:
    def digest(path: Path) -> bytes:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        return h.digest()

    return digest(a) == digest(b)


def _unreadable(path: Path) -> BackupError:
    return BackupError("backup_unreadable",
                       f"无法读取备份文件 {path.name}：文件已损坏，或不是用本机保存的密钥加密的"
                       "（在新电脑上恢复请加 --recovery-code 恢复码）。",
                       message_en=f"Cannot read the backup {path.name}: damaged, or not encrypted with the key "
                       "this PC keeps (on a new PC add --recovery-code).")


def _new_name(folder: Path, now: dt.datetime, station: str | None) -> Path:
    base = f"{PREFIX}{station + '-' if station else ''}{now:%Y%m%d-%H%M%S}"
    target, n = folder / f"{base}{SUFFIX}", 1
    while target.exists():
        n += 1
        target = folder / f"{base}-{n}{SUFFIX}"
    return target


#: How long the backup waits for the desk's readers and writer to let the WAL be checkpointed (desk writers wait
#: meanwhile, up to their own busy timeout of 10 s); past it the online backup API is used instead.
CHECKPOINT_WAIT_MS = 2000
#: Test hook: called with "file" inside the read transaction, just before the file is copied.
copy_hook: Callable[[str], None] | None = None


def _copy_database(source: Path, key: bytes | None, target: Path, *, count: bool = True) -> int:
    """A consistent copy of the database ``source`` in ``target`` (a new file, one self-contained file with a
    rollback journal), encrypted with the same key; returns the number of cases of the snapshot copied (-1 with
    ``count=False``).

    The copy is the snapshot of one read transaction of the source, taken one of two ways:

    - **the file's bytes**, when the read transaction is served by the database file alone: the WAL is first
      checkpointed into the file and truncated (``wal_checkpoint(TRUNCATE)``, waiting at most
      ``CHECKPOINT_WAIT_MS`` for the desk), then a read transaction is begun and the WAL found still empty. Such
      a reader reads no WAL frame, and while it is open no checkpoint may write to the database file (SQLite's
      WAL locking: a checkpointer must lock out the readers of the file alone, "read mark 0", before it writes
      any page back), so the file does not change while it is copied, whatever the desk writes meanwhile (its
      commits go to the WAL). The pages are already encrypted: no page is decrypted and encrypted again, which
      is most of the time of the online backup (``bench/backup.py``).
    - else (the desk kept the WAL busy) **SQLite's online backup API**, in one step inside the read
      transaction.
    """
    src = connect_file(source, key)
    try:
        cases = _copy_file_snapshot(src, source, target, count)
        if cases is None:
            dst = connect_file(target, key)
            try:
                src.execute("BEGIN")
                cases = _snapshot_count(src, count)
                src.backup(dst)  # one step: the whole snapshot the count above saw
                src.execute("COMMIT")
            finally:
                dst.close()
    finally:
        src.close()
    dst = connect_file(target, key)
    try:
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no WAL beside it
    finally:
        dst.close()
    return cases


def _snapshot_count(src: Any, count: bool) -> int:
    """The first read of a transaction (it fixes the snapshot): the cases in it, or -1 without ``count``."""
    if count:
        return int(src.execute("SELECT count(*) FROM cases").fetchone()[0])
    src.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return -1


def _copy_file_snapshot(src: Any, source: Path, target: Path, count: bool) -> int | None:
    """The copy of the database file's bytes inside a read transaction served by the file alone (see
    ``_copy_database``); None, with nothing copied, when the WAL could not be emptied for it."""
    wal = source.with_name(source.name + "-wal")
    wal_mode = src.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    if wal_mode:
        src.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
        busy = src.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            log.info("backup: the WAL is in use; the online backup API is used")
            return None
    src.execute("BEGIN")
    try:
        cases = _snapshot_count(src, count)
        # a WAL that is still empty once the read has begun: this reader reads the file alone (a reader of WAL
        # frames keeps them in the WAL: it is neither truncated nor restarted under it). Rollback-journal mode:
        # the shared lock held keeps every writer out of the file.
        if wal_mode and wal.exists() and wal.stat().st_size > 0:
            log.info("backup: the desk wrote between the checkpoint and the read; the online backup API is used")
            return None
        if copy_hook is not None:
            copy_hook("file")
        shutil.copyfile(source, target)
    finally:
        src.execute("COMMIT")
    return cases


def _is_own(path: Path, station: str | None, key: bytes | None) -> bool:
    """Whether the backup ``path`` is this station's: named with its code; or named the previous version's way
    (no code) and opened by this station's key (another station's key is another random key)."""
    code = station_of(path)
    if code is not None:
        return code == station
    if key is None:
        return cipher.is_encrypted(path) is False
    try:
        cipher.connect_raw(path, key, check=True).close()
    except Exception as exc:  # another station's (a wrong key), or not a database: not ours to remove
        if isinstance(exc, DomainError) or _is_db_error(exc):
            return False
        raise
    return True


def _rotate(folder: Path, keep: int, fresh: Path, *, station: str | None, key: bytes | None,
            today: dt.date) -> int:
    """Remove this station's oldest backups in ``folder`` so that ``keep`` remain, ``fresh`` (just verified)
    among them; other stations' backups (one USB stick for several stations) are never touched. A backup dated
    after ``today`` was made before the clock was set back (or while it was ahead): older than ``fresh`` and
    than the ones made since, so such backups are removed first."""
    removed = 0
    older = [p for p in list_backups(folder) if p != fresh and _is_own(p, station, key)]
    older.sort(key=lambda p: (_stamp(p).date() <= today, _stamp(p), p.name))
    for stale in older[:max(0, len(older) - (keep - 1))]:
        try:
            stale.unlink()
            cipher.recovery_path(stale).unlink(missing_ok=True)
            removed += 1
        except OSError:
            log.warning("could not remove the old backup %s", stale)
    return removed


def _copy_recovery(source: Path, backup: Path) -> None:
    """The wrapped key (``cipher.write_recovery``) beside a backup, so that the recovery code written down at
    set-up opens the backup on a new PC. It is safe to keep it there: the key inside is encrypted with a key
    derived from the code (150 random bits), which is kept on paper only."""
    if source.is_file():
        target = cipher.recovery_path(backup)
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(source, tmp)
        _place(tmp, target)


def _place(tmp: Path, final: Path) -> None:
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    _fsync_file(tmp)
    os.replace(tmp, final)
    _fsync_dir(final.parent)


def make_backup(db: Database, *, usb_dir: Path | str | None = None, keep: int | None = None,
                now: dt.datetime | None = None) -> BackupResult:
    """Back the station database up into the data folder's ``backups/`` and, when a USB folder is chosen (or
    given), into it too. Each copy is verified (quick check, same case count) before it takes its final name
    and before older generations beyond ``keep`` are removed. A missing or full USB stick does not fail the
    backup: ``usb_error`` says why that copy is missing."""
    t0 = time.perf_counter()
    settings = backup_settings(db)
    keep = keep if keep is not None else settings.keep
    usb = Path(usb_dir) if usb_dir else (Path(settings.usb_dir) if settings.usb_dir else None)
    data = db.path.parent
    key = database_key(db.path)
    station = _station_code(db)
    folder = paths.backup_dir(data)
    _private_dir(folder)
    now = now or to_local(utcnow())
    final = _new_name(folder, now, station)
    tmp = final.with_name(final.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        cases = _copy_database(db.path, key, tmp)
        found = verify_backup(tmp, key, pages_only=True)
        if found != cases:
            raise BackupError("backup_mismatch", f"备份核对不符：数据库有 {cases} 件案件，备份中有 {found} 件。",
                              message_en=f"Backup check failed: {cases} cases in the database, {found} in the copy.")
        _copy_recovery(cipher.recovery_path(db.path), final)
        _place(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    removed = _rotate(folder, keep, final, station=station, key=key, today=now.date())
    usb_path, usb_error = None, ""
    if usb is not None:
        try:
            usb_path = _copy_to_folder(final, usb, key, cases)
            removed += _rotate(usb, keep, usb_path, station=station, key=key, today=now.date())
        except BackupError as exc:
            usb_error = exc.message
        except OSError as exc:
            log.warning("USB backup to %s failed: %s", usb, exc)
            usb_error = f"未能写入 U 盘文件夹 {usb}：{exc.strerror or exc}"
    seconds = time.perf_counter() - t0
    log.info("backup %s: %d cases, %.1f s%s", final.name, cases, seconds,
             f"; USB copy failed: {usb_error}" if usb_error else (", USB copy made" if usb_path else ""))
    return BackupResult(final, cases, final.stat().st_size, seconds, usb_path, usb_error, removed)


def _copy_to_folder(backup: Path, folder: Path, key: bytes | None, cases: int) -> Path:
    """A verified copy of the (closed, self-contained) backup file in ``folder``."""
    if not folder.is_dir():
        raise BackupError("usb_missing", f"没有找到 U 盘文件夹 {folder}（U 盘可能没有插好），本次只备份到了本机。",
                          message_en=f"The USB folder {folder} was not found (stick not plugged in?); backed "
                          "up on this PC only.")
    final = folder / backup.name
    tmp = folder / (backup.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        shutil.copyfile(backup, tmp)
        # byte for byte the backup just verified (a quick check again would cost as much as the backup)
        if not _same_bytes(backup, tmp):
            raise BackupError("backup_mismatch", "U 盘上的备份与本机的备份不一致（U 盘可能有问题），请换一个 U 盘。",
                              message_en="The copy on the USB stick differs from the backup; try another stick.")
        _copy_recovery(cipher.recovery_path(backup), final)
        _place(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def backup_if_due(db: Database, *, now: dt.datetime | None = None) -> BackupResult | None:
    """The desk's daily backup: made when none was made today (station time); None when it was not due.
    A training database is never backed up automatically (it is demo data)."""
    from ..admin.setup import station_info

    info = station_info(db)
    if info is None or info.training:
        return None
    if not backup_age(db, now=now, station=info.code).due:
        return None
    return make_backup(db, now=now)


# -- restoring -----------------------------------------------------------------------------------------
def _safety_copy(target: Path, folder: Path, new_key: bytes | None, new_recovery: Path) -> Path:
    """The database about to be replaced, copied aside: through the online backup when it opens, else (a
    damaged file: the reason to restore) its files as they are, WAL included.

    The copy is left readable on this PC after the restore: encrypted with the key that stays in the key store
    (``new_key``, the restored backup's, when it has one: a backup from another PC brings its own key and the
    replaced database's key is then no longer kept), with the wrapped key of that key beside it
    (``new_recovery``), so ``restore`` of the safety copy needs no code and the restored backup's code also
    opens it. Files that do not open are kept as they are, and their key in a key store of their own folder
    (``liaison-desk --data-dir <that folder> check`` opens them)."""
    _private_dir(folder)
    base = stamp = f"{to_local(utcnow()):%Y%m%d-%H%M%S}"
    n = 1
    while any(folder.glob(f"before-restore-{stamp}[.-]*")):
        n += 1  # never over an earlier safety copy (two restores in one second: the second restores the first)
        stamp = f"{base}-{n}"
    safety = folder / f"before-restore-{stamp}{SUFFIX}"
    try:
        old_key: bytes | None = database_key(target)
    except DomainError:  # encrypted, and this PC keeps no key for it: only its files can be kept
        old_key = None
    else:
        kept_key = new_key if new_key is not None else old_key
        part = safety.with_name(safety.name + ".part")
        try:
            _copy_database(target, old_key, part, count=False)
            if kept_key != old_key and old_key is not None and kept_key is not None:
                _rekey(part, old_key, kept_key)
                recovery = new_recovery
            else:
                recovery = cipher.recovery_path(target)
            cipher.connect_raw(part, kept_key, check=True).close()
            _copy_recovery(recovery, safety)
            _place(part, safety)
            return safety
        except Exception:  # a file that does not open is kept byte for byte instead
            log.warning("the database to be replaced does not open; its files are copied as they are",
                        exc_info=True)
            part.unlink(missing_ok=True)
            cipher.recovery_path(safety).unlink(missing_ok=True)
    aside = folder / f"before-restore-{stamp}-files"
    _private_dir(aside)
    for extra in ("", "-wal", "-shm", cipher.RECOVERY_SUFFIX):
        part = target.with_name(target.name + extra)
        if part.exists():
            shutil.copyfile(part, aside / part.name)
    if old_key is not None:
        kept = aside / target.name
        cipher.key_store(kept).put(cipher.key_name(kept), old_key)
    return aside


def _rekey(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt the (closed, self-contained) database at ``path`` from ``old_key`` to ``new_key``: SQLCipher
    rewrites every page in one transaction."""
    con = connect_file(path, old_key)
    try:
        con.execute(f'PRAGMA rekey = "{cipher.key_pragma(new_key)}"')
    finally:
        con.close()


def _in_use(target: Path) -> bool:
    """True when another connection (the desk, in this process or another) has the database at ``target``
    open: an exclusive lock is refused at once. A file that does not open is not in use by anyone."""
    try:
        con = connect_file(target, database_key(target))
    except DomainError:  # encrypted and this PC has no key for it: nobody here can be using it
        return False
    try:
        con.execute("PRAGMA busy_timeout=0")
        con.execute("PRAGMA locking_mode=EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("ROLLBACK")
        return False
    except Exception as exc:
        if not _is_db_error(exc):
            raise
        return "locked" in str(exc) or "busy" in str(exc)  # damaged: nobody can be using it either
    finally:
        con.close()


def _backup_key(file: Path, target: Path, recovery_code: str | None) -> bytes | None:
    """The key that opens the backup ``file``: none for a plain one; rebuilt from the recovery code when one is
    given (from the wrapped key beside the backup); else the key this PC keeps for the station database."""
    if not cipher.is_encrypted(file):
        return None
    if recovery_code:
        return cipher.unwrap_recovery(file, recovery_code)
    stored = cipher.stored_key(target)
    if stored is None:
        raise BackupError("backup_needs_code",
                          f"备份文件 {file.name} 已加密，本机没有它的密钥（例如换了新电脑）。请加上设置时抄下的恢复码："
                          "--recovery-code 恢复码（备份文件旁边的 .recovery 文件也要一起拷来）。",
                          message_en=f"The backup {file.name} is encrypted and this PC has no key for it (a new "
                          "PC?). Add the recovery code written down at set-up: --recovery-code CODE (copy the "
                          ".recovery file beside the backup too).")
    return stored


def restore_backup(file: Path, data_dir: Path, *, force: bool = False, recovery_code: str | None = None,
                   opener: Callable[[Path], Any] | None = None) -> RestoreResult:
    """Put the backup ``file`` in place as the station database of ``data_dir``.

    The backup is verified first. A data folder that already holds a database is refused unless ``force``;
    then that database is first copied aside (online backup) into ``backups/``, and its WAL and shared-memory
    files are removed with it so that nothing of the old file is replayed into the restored one. An encrypted
    backup opens with the key this PC keeps, or on a new PC with ``recovery_code`` (the wrapped key beside the
    backup); the key is then kept in this PC's key store, and the wrapped key beside the restored database.
    ``opener`` opens the restored folder (upgrading an older schema); the default is ``open_station_database``.
    """
    from ..context import open_station_database

    file = Path(file)
    if not file.is_file():
        raise BackupError("no_backup_file", f"找不到备份文件 {file}。", message_en=f"No backup file {file}.")
    data_dir = Path(data_dir)
    _private_dir(data_dir)
    target = paths.database_path(data_dir)
    live = target.exists() and target.stat().st_size > 0
    if live and not force:
        raise BackupError("database_exists",
                          f"目录 {data_dir} 中已经有联络站数据库。恢复会替换它：确认要替换时请加 --force"
                          "（替换前会先把现有数据库另存一份）。",
                          message_en=f"{data_dir} already holds a station database. Restoring replaces it: add "
                          "--force to confirm (the current database is copied aside first).")
    if live and _in_use(target):
        raise BackupError("database_in_use",
                          "值班台（或另一个程序）正在使用这个数据库：请先关闭值班台，再恢复。数据库没有改动。",
                          message_en="The desk (or another program) has this database open: close the desk first, "
                          "then restore. Nothing was changed.")
    key = _backup_key(file, target, recovery_code)
    tmp = target.with_name(target.name + ".restore")
    tmp.unlink(missing_ok=True)
    safety: Path | None = None
    try:
        shutil.copyfile(file, tmp)
        cases = verify_backup(tmp, key, shown=file.name)  # the copy that takes the database's place
        if live:
            safety = _safety_copy(target, paths.backup_dir(data_dir), key, cipher.recovery_path(file))
        for extra in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                target.with_name(target.name + extra).unlink()
        _place(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if key is not None:
        cipher.key_store(target).put(cipher.key_name(target), key)
        if cipher.recovery_path(file).is_file():
            _copy_recovery(cipher.recovery_path(file), target)
    restored = (opener or open_station_database)(data_dir)
    with contextlib.suppress(AttributeError):
        restored.dispose()
    log.info("restored %s into %s (%d cases)%s", file.name, data_dir, cases,
             f"; the previous database was copied to {safety}" if safety else "")
    return RestoreResult(target, cases, safety)
