"""Schema upgrades at start-up: refuse a newer database untouched, copy an older one aside, then upgrade."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from . import cipher, quick
from .database import Database, make_engine

if TYPE_CHECKING:  # Alembic costs ~0.3 s to import: only an upgrade (or a tool) loads it
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
KEEP_BACKUPS = 10


class DatabaseTooNew(DomainError):
    def __init__(self, found: str):
        super().__init__(
            "database_too_new",
            f"这个数据库是由更新版本的联络站值班台建立的（结构版本 {found}），本程序无法打开它。"
            "数据库没有被改动。请安装最新版本的程序后再打开。",
            message_en=f"This database was written by a newer LiaisonDesk (schema {found}); it was not touched. "
            "Please install the newer program.",
        )


class NotOurDatabase(DomainError):
    def __init__(self, path: Path):
        super().__init__(
            "not_our_database",
            f"文件 {path} 不是联络站值班台的数据库，或者已经损坏。程序没有改动它。"
            "（如果它是从别的电脑拷来的加密数据库，请把它旁边的 .recovery 文件一起拷来，再用恢复码解锁。）",
            message_en=f"{path} is not a LiaisonDesk database, or it is damaged; it was not touched.",
        )


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:
        raise RuntimeError("the bundled migrations have no head revision")
    return head


def quick_head_revision(versions: Path | None = None) -> str | None:
    """The head revision read from the migration scripts with plain Python (see ``quick.head_revision``)."""
    return quick.head_revision(versions or MIGRATIONS_DIR / "versions")


def current_revision(path: Path) -> str | None:
    """The file's schema revision (``None``: empty or new file), read through a read-only connection, with
    this PC's key for an encrypted file. A file with no key here is ``DatabaseLocked`` when its recovery file
    lies beside it (a moved station database), else ``NotOurDatabase``."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    if cipher.is_encrypted(path) and cipher.stored_key(path) is None:
        if cipher.recovery_path(path).exists():
            raise cipher.DatabaseLocked(path)
        raise NotOurDatabase(path)
    try:
        conn = cipher.connect_station(path, readonly=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise NotOurDatabase(path)
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except cipher.DB_ERRORS as exc:
        raise NotOurDatabase(path) from exc


def backup_copy(path: Path, backups: Path, label: str) -> Path:
    """A consistent copy (``sqlcipher_export`` reads one snapshot, safe even with a WAL file beside it),
    always encrypted with the station's key (a plain database's copy too: no plain copy is left on disk)."""
    backups.mkdir(parents=True, exist_ok=True)
    cipher.protect_folder(backups)
    target = cipher.backup_name(path, backups, label)
    key = cipher.key_for(path) or cipher.ensure_key(path)
    tmp = target.with_name(target.name + cipher.ENCRYPTING_SUFFIX)
    src = cipher.connect_station(path, isolation_level=None)
    try:
        cipher.export_encrypted(src, tmp, key, wal=False)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    tmp.replace(target)
    cipher.copy_recovery(path, target)
    old = sorted(backups.glob(f"{path.stem}-*.sqlite3"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
        cipher.recovery_path(stale).unlink(missing_ok=True)
    return target


def upgrade(path: Path, revision: str = "head") -> None:
    """Run the migrations on ``path``. Foreign keys are off meanwhile (batch mode rebuilds tables) and
    checked afterwards."""
    from alembic import command
    from sqlalchemy import text

    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
            bad = conn.execute(text("PRAGMA foreign_key_check")).all()
            if bad:
                raise DomainError("migration_fk", f"升级后发现 {len(bad)} 条失效的引用，请联系技术支持。")
    finally:
        engine.dispose()


def open_database(path: Path, *, backups: Path | None = None) -> Database:
    """Open the station database at ``path``, creating or upgrading its schema first, and encrypting it.

    A database from a newer program is refused before anything writes to it; an older one is copied to
    ``backups`` before the upgrade, so a failed upgrade loses nothing. A new database is encrypted as soon
    as its (empty) schema exists; a plain one from an older version is encrypted here, after an encrypted
    backup (``cipher.encrypt_in_place``); plain backups of older versions are encrypted too.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    cipher.protect_folder(path.parent)
    backups = backups or path.parent / "backups"
    found = current_revision(path)  # raises NotOurDatabase for a foreign or damaged file
    copied = False
    if found is None or found != quick_head_revision():
        scripts = script_directory()
        head = scripts.get_current_head()
        if found is not None:
            try:
                scripts.get_revision(found)
            except Exception as exc:  # alembic raises several kinds for an unknown id
                raise DatabaseTooNew(found) from exc
        if found != head:
            if found is not None:
                copy = backup_copy(path, backups, f"before-{head}")
                log.info("schema %s -> %s; copy saved at %s", found, head, copy)
                copied = True
            upgrade(path)
    if not cipher.is_encrypted(path):
        new_key = cipher.ensure_key(path)  # stored before use: a crash later finds the same key
        # a new file holds only the empty schema: nothing to back up; an upgraded one was just copied (encrypted)
        backup = cipher.backup_name(path, backups, "before-encryption") if found is not None and not copied else None
        cipher.encrypt_in_place(path, new_key, backup_to=backup)
        log.info("database encrypted%s", f"; encrypted copy saved at {backup}" if backup else "")
    key = cipher.key_for(path)
    if key is not None and backups.is_dir():
        cipher.encrypt_plain_backups(backups, key)
    cipher.protect_file(path)
    return Database(path, key=key)
