"""Opening a current database skips Alembic: the head read from the scripts' text must always be Alembic's."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from liaison_desk.db import cipher, migrate
from liaison_desk.db.migrate import head_revision, quick_head_revision

VERSIONS = migrate.MIGRATIONS_DIR / "versions"


def _copy_scripts(tmp_path: Path) -> Path:
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    return scripts


def _add_script(versions: Path, name: str, revision: str, down: str | None) -> None:
    (versions / name).write_text(
        f'"""test-only"""\n\nrevision = {revision!r}\ndown_revision = {down!r}\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n",
        encoding="utf-8")


def test_quick_head_agrees_with_alembic():
    assert quick_head_revision() is not None
    assert quick_head_revision() == head_revision()


def test_quick_head_follows_a_new_revision_like_alembic(tmp_path, monkeypatch):
    scripts = _copy_scripts(tmp_path)
    head = head_revision()
    _add_script(scripts / "versions", "9999_test_only.py", "9999", head)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    assert quick_head_revision() == "9999" == head_revision()


def test_quick_head_gives_up_on_a_branch_and_alembic_decides(tmp_path, monkeypatch):
    scripts = _copy_scripts(tmp_path)
    head = head_revision()
    _add_script(scripts / "versions", "9998_a.py", "9998", head)
    _add_script(scripts / "versions", "9999_b.py", "9999", head)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    assert quick_head_revision() is None  # two heads: not a chain it can vouch for


def test_quick_head_gives_up_on_a_line_it_cannot_read(tmp_path):
    versions = tmp_path / "versions"
    versions.mkdir()
    _add_script(versions, "0001_a.py", "0001", None)
    (versions / "0002_b.py").write_text("revision = '0002'\ndown_revision = ('0001', '0000')\n", encoding="utf-8")
    assert quick_head_revision(versions) is None


def test_a_newer_database_is_still_refused_untouched(tmp_path):
    """The fast path only ever accepts the exact head; any other revision goes through Alembic's checks."""
    data = tmp_path / "db.sqlite3"
    migrate.open_database(data).dispose()
    with cipher.connect_station(data) as conn:  # encrypted: opened with this PC's key
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    raw = data.read_bytes()
    with pytest.raises(migrate.DatabaseTooNew):
        migrate.open_database(data)
    assert data.read_bytes() == raw


def test_opening_a_current_database_does_not_import_alembic(tmp_path):
    data = tmp_path / "db.sqlite3"
    migrate.open_database(data).dispose()
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from liaison_desk.services.context import open_station_database
        from liaison_desk.db.migrate import open_database
        db = open_database(Path({str(data)!r}))
        db.dispose()
        print(sorted(m for m in sys.modules if m == "alembic" or m.startswith("alembic.")))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_an_empty_file_is_still_migrated_through_alembic(tmp_path):
    data = tmp_path / "db.sqlite3"
    data.touch()
    migrate.open_database(data).dispose()
    assert migrate.current_revision(data) == head_revision()
