"""Shared fixtures: a fresh station database in a temporary data dir (never the user's)."""

from __future__ import annotations

import pytest

from liaison_desk.domain.workflow import Role
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import SYSTEM_ADMIN, Actor, open_station_database


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("LIAISON_DESK_DATA_DIR", str(d))
    return d


@pytest.fixture
def empty_db(data_dir):
    db = open_station_database(data_dir)
    yield db
    db.dispose()


@pytest.fixture
def db(empty_db):
    init_station(empty_db, name="柳树湾村人大代表联络站", code="LX01", township="河口镇", admin_pin="2468")
    return empty_db


@pytest.fixture
def admin():
    return SYSTEM_ADMIN


@pytest.fixture
def deputy_actor():
    return Actor(Role.DUTY_DEPUTY, "王𠮷明")


@pytest.fixture
def staff_actor():
    return Actor(Role.STAFF, "李干事")
