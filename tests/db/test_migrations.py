"""Schema migrations: models match the scripts, and every earlier schema upgrades with its data intact."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from alembic import command

from liaison_desk import paths
from liaison_desk.db import migrate
from liaison_desk.db.migrate import alembic_config, current_revision, head_revision, script_directory
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.context import open_station_database
from tests.fixtures.make_schema_fixtures import manifest

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"
FIXTURES = sorted(SCHEMAS.glob("*.sqlite3.gz"))


def unpack(fixture: Path, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    target = paths.database_path(data_dir)
    with gzip.open(fixture, "rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return target


def test_alembic_check_models_match_migrations(tmp_path):
    """`alembic check`: fails when a model changed without a migration."""
    cfg = alembic_config(f"sqlite:///{tmp_path / 'check.sqlite3'}")
    command.upgrade(cfg, "head")
    command.check(cfg)


def test_every_revision_has_a_fixture():
    revisions = {r.revision for r in script_directory().walk_revisions()}
    have = {f.name.split(".")[0] for f in FIXTURES}
    missing = revisions - have
    assert not missing, f"run `make fixtures` to snapshot schema revision(s) {sorted(missing)}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_upgrades_to_head_and_keeps_its_data(fixture, tmp_path):
    data = tmp_path / "station"
    db_file = unpack(fixture, data)
    expected = json.loads(fixture.with_name(fixture.name.replace(".sqlite3.gz", ".json")).read_text("utf-8"))
    db = open_station_database(data)
    try:
        assert current_revision(db_file) == head_revision()
        got = manifest(db_file)
        for table, facts in expected["tables"].items():
            assert got["tables"][table] == facts, f"{table} changed during the upgrade"
        assert got["cases"] == expected["cases"]
        assert got["outbox"] >= expected["outbox"]
        report = run_check(db)
        assert report.ok, report.problems[:5]
    finally:
        db.dispose()


def test_upgrade_copies_the_old_file_aside_first(tmp_path, monkeypatch):
    """With a newer migration than the file has, the file is backed up, then upgraded, data intact."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (scripts / "versions" / "9999_test_only.py").write_text(
        '"""test-only migration"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = '9999'\ndown_revision = {head!r}\nbranch_labels = None\ndepends_on = None\n\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('villages') as b:\n"
        "        b.add_column(sa.Column('pinyin', sa.String(60), nullable=True))\n\n"
        "def downgrade():\n"
        "    with op.batch_alter_table('villages') as b:\n"
        "        b.drop_column('pinyin')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    data = tmp_path / "station"
    db_file = unpack(FIXTURES[-1], data)
    before = manifest(db_file)
    db = open_station_database(data)
    db.dispose()
    assert current_revision(db_file) == "9999"
    backups = list((data / "backups").glob("*.sqlite3"))
    assert len(backups) == 1 and current_revision(backups[0]) == head
    after = manifest(db_file)
    assert after["tables"] == before["tables"] and after["cases"] == before["cases"]
    # and the program that only knows `head` refuses the upgraded file without touching it
    monkeypatch.undo()
    raw = db_file.read_bytes()
    with pytest.raises(migrate.DatabaseTooNew):
        open_station_database(data)
    assert db_file.read_bytes() == raw
