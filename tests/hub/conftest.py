"""The hub tests use the sync tests' fixtures: a county (hub + stations) on SQLite, or on PostgreSQL."""

from tests.dbfixtures import *
from tests.sync.conftest import county, pg_county  # noqa: F401
