"""The same migrations and models on PostgreSQL, the county hub's engine (real server at 127.0.0.1:5432)."""

from __future__ import annotations

import os
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from liaison_desk.db.migrate import alembic_config

PG_URL = os.environ.get("LIAISON_DESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_schema():
    """A schema of our own in the test database, dropped afterwards whatever happens."""
    name = f"ld_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:10]}"  # per xdist worker
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    except OperationalError as exc:  # pragma: no cover - depends on the machine
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc.orig}")
    engine = create_engine(PG_URL, connect_args={"options": f"-csearch_path={name}"})
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


def test_migrations_run_on_postgres_and_match_the_models(pg_schema):
    with pg_schema.connect() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
        command.check(cfg)
        kinds = dict(conn.execute(text(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'cases'")).all())
    assert kinds["id"] == "uuid" and kinds["origin_station_id"] == "uuid"
