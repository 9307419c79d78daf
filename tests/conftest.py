"""Suite-wide settings: Qt draws off-screen (no display needed on CI or a headless developer machine), and a new
station database is a copy of one the real migrations made at the start of the run (outside tests/db/)."""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

# Must run before any test module imports PySide6: the platform plugin is chosen when QApplication starts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Database keys in a file in each temporary data folder, never in the developer's own OS key store (issue 17).
os.environ.setdefault("LIAISON_DESK_KEYSTORE", "file")
# Anything a test leaves in "the user's config folder" (the signing key of a hub on PostgreSQL) goes to a folder
# of this run, never the developer's own.
if "LIAISON_TEST_KEEP_XDG" not in os.environ:
    import tempfile

    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="liaison-test-config-")

MIGRATION_TESTS = Path(__file__).parent / "db"  # these run every migration for real, every time


@pytest.fixture(scope="session")
def _migrated_empty_station(tmp_path_factory):
    """A new, empty station database file brought to the head revision by the real ``migrate.upgrade``, once per
    test process; nothing else is written to it (no node id, no station)."""
    from liaison_desk.db import migrate

    path = tmp_path_factory.mktemp("migrated-template") / "station.sqlite3"
    migrate.upgrade(path)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    assert migrate.current_revision(path) == migrate.head_revision()
    return path


@pytest.fixture(autouse=True)
def _new_databases_are_copied_not_migrated(request, monkeypatch, _migrated_empty_station):
    """Running every migration on each new station database cost about 0.2 s of CPU, and the suite makes
    hundreds of them (about 40 % of the CPU of tests/desk and tests/duty). Outside ``tests/db`` (where the
    migrations are the subject and always run), upgrading a new, empty file to head copies the file the real
    migrations produced at the start of the run instead: the same schema and revision, byte for byte.
    Upgrading an existing older file, or to another revision, still runs the migrations."""
    if MIGRATION_TESTS in Path(request.node.path).parents:
        yield
        return
    from liaison_desk.db import migrate

    real = migrate.upgrade

    def upgrade(path: Path, revision: str = "head") -> None:
        path = Path(path)
        if revision == "head" and (not path.exists() or path.stat().st_size == 0):
            shutil.copyfile(_migrated_empty_station, path)
            return
        real(path, revision)

    monkeypatch.setattr(migrate, "upgrade", upgrade)
    yield
