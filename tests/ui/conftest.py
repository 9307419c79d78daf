"""Fixtures for UI tests: station databases in temporary data dirs (never the user's), empty or with demo data."""

from __future__ import annotations

import pytest

from liaison_desk.services.context import open_station_database
from liaison_desk.services.demo import generate_demo
from tests.dbfixtures import *  # (data_dir, empty_db, db: a real station with no cases)

STATION_NAME = "柳树湾村人大代表联络站"  # the name dbfixtures.db gives its station


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """One small training database (300 visits) shared by the read-only tests: generating it takes a while."""
    db = open_station_database(tmp_path_factory.mktemp("demo-data"))
    generate_demo(db, visits=300, seed=3)
    yield db
    db.dispose()

