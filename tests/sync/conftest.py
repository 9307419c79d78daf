"""Fixtures for sync tests: a county (hub + stations) on SQLite, or on PostgreSQL for tests that ask."""

import pytest

from liaison_desk.hub.database import make_engine
from tests.dbfixtures import *
from tests.sync.harness import County, PgSchema


@pytest.fixture
def county(tmp_path):
    c = County(tmp_path, lambda: make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}"))
    yield c
    c.close()


@pytest.fixture
def pg_county(tmp_path):
    schema = PgSchema()
    try:
        c = County(tmp_path, schema.engine)
        yield c
        c.close()
    finally:
        schema.drop()
