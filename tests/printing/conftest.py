"""Fixtures for printing tests: station databases, one of them filled with demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import open_station_database
from tests.dbfixtures import *


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """A station with 300 demo visits (seed 5), shared by the tests that only read."""
    db = open_station_database(tmp_path_factory.mktemp("demo"))
    init_station(db, name="柳树湾村人大代表联络站", code="LX01", township="河口镇", admin_pin="2468", training=True)
    generate_demo(db, visits=300, seed=5)  # demo data goes only into a training database
    yield db
    db.dispose()


def pytest_collection_modifyitems(config, items):
    """The 100,000-row run takes minutes: it runs only when asked for (``-m slow``), even when this folder
    is run on its own without the Makefile's ``-m "not slow"``."""
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="minutes long: run with -m slow")
    here = Path(__file__).parent
    for item in items:
        if "slow" in item.keywords and here in Path(str(item.fspath)).parents:
            item.add_marker(skip)
