"""Fixtures for UI tests: station databases in temporary data dirs (never the user's), empty or with demo data."""

from __future__ import annotations

import pytest

from liaison_desk.services.admin.demo import generate_demo
from liaison_desk.services.context import open_station_database
from tests.dbfixtures import *  # (data_dir, empty_db, db: a real station with no cases)

STATION_NAME = "柳树湾村人大代表联络站"  # the name dbfixtures.db gives its station


@pytest.fixture(autouse=True)
def _collect_cycles_on_the_ui_thread():
    """As the desk does (ui/gc_guard.py): no automatic cycle collection, which could run on a pool thread and
    destroy Qt objects there; collect on this (the UI) thread after each test instead.

    First the widgets pytest-qt closed are deleted, as the desk's event loop would delete them (``deleteLater``
    waits for a loop; ``processEvents`` does not run deferred deletes), so nothing they hold outlives the test.
    Then what survives the collection is frozen (``gc.freeze``): the next test's collection walks only what
    that test allocated, not the heap of every module and fixture so far (a full walk took over 2 s by the end
    of the suite). Frozen objects are never collected, on any thread; they are what outlived its test.
    """
    import gc

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    gc.disable()
    yield
    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    gc.freeze()
    gc.enable()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """One small training database (300 visits) shared by the read-only tests: generating it takes a while."""
    db = open_station_database(tmp_path_factory.mktemp("demo-data"))
    generate_demo(db, visits=300, seed=3)
    yield db
    db.dispose()



DEPUTY_NAME = "王𠮷明"
DEPUTY_PIN = "1357"
ADMIN_PIN = "2468"  # what dbfixtures.db gives the administrator


@pytest.fixture
def desk_db(db):
    """A real station (LX01) with one deputy who can sign in (card D001, PIN 1357) and two departments."""
    import uuid

    from liaison_desk.domain.workflow import Role
    from liaison_desk.services.context import Actor
    from liaison_desk.services.desk import lookups
    from liaison_desk.services.duty import deputies

    admin = Actor(Role.ADMIN, "管理员")
    view = deputies.create_deputy(db, admin, deputies.DeputyInput(name=DEPUTY_NAME, level="county", code="D001"))
    lookups.add_account(db, admin, name=DEPUTY_NAME, pin=DEPUTY_PIN, deputy_id=uuid.UUID(str(view.id)))
    lookups.add_department(db, admin, "县水利局", "水利局")
    lookups.add_department(db, admin, "县交警大队", "交警")
    return db


def _session(db, data_dir, **who):
    from liaison_desk.services.desk.startup import list_accounts, sign_in_as
    from liaison_desk.ui.session import DeskSession

    account = next(a for a in list_accounts(db) if all(getattr(a, k) == v for k, v in who.items()))
    pin = DEPUTY_PIN if account.role == "duty_deputy" else ADMIN_PIN
    signed = sign_in_as(db, account, pin)
    return DeskSession(db, "zh", data_dir, signed.actor, signed.shift_id)


@pytest.fixture
def deputy_session(desk_db, data_dir):
    """The deputy signed in for a shift, as the sign-in dialog would leave it."""
    return _session(desk_db, data_dir, name=DEPUTY_NAME)


@pytest.fixture
def admin_session(desk_db, data_dir):
    return _session(desk_db, data_dir, login="admin")
