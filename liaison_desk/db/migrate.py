"""Schema upgrades at start-up: refuse a newer database untouched, copy an older one aside, then upgrade."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from . import quick
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
            f"文件 {path} 不是联络站值班台的数据库，或者已经损坏。程序没有改动它。",
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
    """The file's schema revision, read through a read-only connection (``None``: empty or new file)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
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
    except sqlite3.DatabaseError as exc:
        raise NotOurDatabase(path) from exc


def backup_copy(path: Path, backups: Path, label: str) -> Path:
    """A consistent copy through SQLite's backup API (safe even with a WAL file beside it)."""
    backups.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups / f"{path.stem}-{stamp}-{label}.sqlite3"
    src = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    old = sorted(backups.glob(f"{path.stem}-*.sqlite3"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
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
    """Open the station database at ``path``, creating or upgrading its schema first.

    A database from a newer program is refused before anything writes to it; an older one is copied to
    ``backups`` before the upgrade, so a failed upgrade loses nothing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    found = current_revision(path)  # raises NotOurDatabase for a foreign or damaged file
    if found is not None and found == quick_head_revision():
        return Database(path)  # already current: nothing to check or upgrade, and Alembic is never imported
    scripts = script_directory()
    head = scripts.get_current_head()
    if found is not None:
        try:
            scripts.get_revision(found)
        except Exception as exc:  # alembic raises several kinds for an unknown id
            raise DatabaseTooNew(found) from exc
    if found != head:
        if found is not None:
            copy = backup_copy(path, backups or path.parent / "backups", f"before-{head}")
            log.info("schema %s -> %s; copy saved at %s", found, head, copy)
        upgrade(path)
    return Database(path)
