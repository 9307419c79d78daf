"""The county console in a real browser: a hub on SQLite served by uvicorn on a free local port (one per test
module), Debian's Chromium driven by Playwright (one per test session), a fresh browser context per test.

Fixtures:

- ``console`` (module): a :class:`ConsoleServer` — ``url``, ``hub``, ``clock`` (reset to the real time before
  each test; ``advance(minutes=31)`` to expire a session), ``make_user(role, ...)``, ``seed_station(code,
  township=...)``, ``seed_case(code, text)``, ``add_department(name)``, ``sync(code)``;
- ``browser`` (session): the Chromium; ``page``: a new context and page at 1366×768 whose relative URLs
  (``page.goto("/users")``) go to the module's console;
- ``signin(page, name, password)``: signs in through the form.

Chromium missing: the browser tests skip with the reason, unless ``LD_REQUIRE_CHROMIUM=1`` (CI), where it fails.
Never ``playwright install``: Debian's ``/usr/bin/chromium`` is launched instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from liaison_desk.db.database import Database
from liaison_desk.domain.access import Role
from liaison_desk.domain.timeutil import utcnow
from liaison_desk.hub import county as hub_county
from liaison_desk.hub.app import create_app
from liaison_desk.hub.console import auth
from liaison_desk.hub.console.auth import ConsolePolicy
from liaison_desk.hub.console.deps import ConsoleSettings
from liaison_desk.hub.database import make_engine
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.rounds import enroll
from tests.sync.harness import County

CHROMIUM = "/usr/bin/chromium"
#: the password every ``make_user`` account gets when the first sign-in's change is skipped
PASSWORD = "correct-horse-battery"


class Clock:
    """The console's clock (naive UTC): the real time plus an offset the test can move."""

    def __init__(self) -> None:
        self.offset = dt.timedelta(0)

    def __call__(self) -> dt.datetime:
        return utcnow() + self.offset

    def advance(self, **kw: float) -> None:
        self.offset += dt.timedelta(**kw)

    def reset(self) -> None:
        self.offset = dt.timedelta(0)


@dataclass
class ConsoleServer:
    url: str
    county: County
    clock: Clock
    tmp: Path
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def hub(self):
        return self.county.hub

    def make_user(self, role: Role | str, *, name: str | None = None, township: str | None = None,
                  department: str | None = None, first_sign_in: bool = False) -> tuple[str, str]:
        """An account of ``role``; (its name, its password). With ``first_sign_in`` the password is the
        one-time one and must be changed at sign-in; otherwise it is ``PASSWORD``, already set."""
        role = Role(role)
        if role is Role.TOWNSHIP_STAFF and not township:
            township = "河口镇"
        if role is Role.DEPARTMENT:
            department = department or "县水利局"
            self.add_department(department)
        name = name or f"{role.value}{next(self._names)}"
        password = auth.add_user(self.hub, name, role.value, township, department)
        if not first_sign_in:
            auth.set_password(self.hub, name, PASSWORD, must_change=False)
            password = PASSWORD
        return name, password

    def add_department(self, name: str) -> None:
        """A department in the reference data (as ``ref-add departments name=…`` writes it), once."""
        if name not in auth.departments(self.hub):
            hub_county.add_reference(self.hub, "departments", {"name": name})

    def seed_station(self, code: str, *, township: str = "河口镇", name: str | None = None) -> Database:
        """A station enrolled at the hub (its own SQLite database, synced over the hub's API)."""
        if code in self.county.stations:
            return self.county.stations[code]
        db = open_station_database(self.tmp / code)
        init_station(db, name=name or f"{code} 联络站", code=code, township=township, admin_pin="2468")
        token = self.hub.add_station(name or code, code)
        enroll(db, SYSTEM_ADMIN, "http://hub", token, send=self.county.net.send)
        self.county.stations[code] = db
        return db

    def seed_case(self, code: str, content: str, *, visitor: str = "张三", phone: str | None = None,
                  township: str = "河口镇", sync: bool = True) -> str:
        """A visit with a case registered at station ``code`` (made if needed) and synced to the hub, as a desk
        does it; returns the case number."""
        db = self.seed_station(code, township=township)
        r = register_visit(db, SYSTEM_ADMIN, VisitInput(visitor, visitor_phone=phone), CaseInput(content))
        if sync:
            self.sync(code)
        assert r.case_number is not None
        return r.case_number

    def sync(self, code: str):
        return self.county.sync(code)


def _chromium_or_skip() -> None:
    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} is missing (apt-get install chromium): the console's browser tests need it"
    if os.environ.get("LD_REQUIRE_CHROMIUM") == "1":
        pytest.fail(reason + " and LD_REQUIRE_CHROMIUM=1", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


#: the console's settings in tests: the per-address throttle is raised (every test signs in from 127.0.0.1;
#: tests of that limit call ``auth.sign_in`` with their own policy)
TEST_POLICY = ConsolePolicy(ip_failures=10_000)


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> Iterator[ConsoleServer]:
    tmp = tmp_path_factory.mktemp("console")
    # argon2's cheapest parameters: the production ones cost ~1 s a hash on a loaded 2-core CI machine
    real_hasher = auth.use_hasher(PasswordHasher.from_parameters(CHEAPEST))
    county = County(tmp, lambda: make_engine(f"sqlite:///{tmp / 'hub.sqlite3'}"))
    clock = Clock()
    app = create_app(county.hub, console=ConsoleSettings(policy=TEST_POLICY, clock=clock, county_name="测试县"))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # connections wait in the backlog until uvicorn accepts them: no start-up polling
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="console-uvicorn")
    thread.start()
    try:
        yield ConsoleServer(f"http://127.0.0.1:{port}", county, clock, tmp)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        county.close()
        county.stop_hub()
        auth.use_hasher(real_hasher)


@pytest.fixture
def page(browser, console):
    console.clock.reset()
    context = browser.new_context(base_url=console.url, viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


def signin(page, name: str, password: str) -> None:
    """Sign in through the form (from wherever the page is) and wait for the answer."""
    if not page.url.split("?")[0].endswith("/signin"):
        page.goto("/signin")
    page.get_by_label("账号", exact=True).fill(name)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


@pytest.fixture(name="signin")
def signin_fixture():
    return signin
