"""Screenshots of the county console's pages, from a real hub on a temporary SQLite database, in Debian's Chromium.

    python scripts/console_screenshots.py [--out docs/screenshots] [--lang zh|en] [--zoom 2]

A county office PC's screen: 1366×768. Each page is written as ``console-<name>.png`` (``--zoom 2``: the browser
at 200 %, ``console-<name>-zoom.png``). Page builders add their pages to ``SHOTS`` (and the data they need to
``seed``).
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import uvicorn
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from liaison_desk.hub import county
from liaison_desk.hub.app import create_app
from liaison_desk.hub.console import auth
from liaison_desk.hub.console.deps import ConsoleSettings
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "screenshot-password"


def seed(hub: Hub) -> None:
    for name in ("县水利局", "县交通运输局", "县住建局"):
        county.add_reference(hub, "departments", {"name": name})
    for name, role, township, department in [
        ("管理员", "county_admin", None, None), ("王芳", "county_staff", None, None),
        ("李明", "township_staff", "河口镇", None), ("赵主任", "leader", None, None),
        ("刘联络员", "department", None, "县水利局"), ("陈联络员", "department", None, "县交通运输局"),
    ]:
        auth.add_user(hub, name, role, township, department)
        if name != "陈联络员":  # one account still waiting for its first sign-in
            auth.set_password(hub, name, PASSWORD)
    with contextlib.suppress(auth.SignInRefused):
        auth.sign_in(hub, "李明", "wrong-password", ip="10.12.0.31")  # a line for the audit trail


def _signin(page, name: str) -> None:
    page.goto("/signin")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _as(name: str, path: str) -> Callable:
    def go(page) -> None:
        _signin(page, name)
        page.goto(path)

    return go


#: (file name, what to do before the shot, given a signed-out page)
SHOTS: list[tuple[str, Callable]] = [
    ("signin", lambda page: page.goto("/signin")),
    ("users", _as("管理员", "/users")),
    ("home", _as("管理员", "/")),
    ("audit", _as("管理员", "/audit")),
    ("forbidden", _as("刘联络员", "/users")),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    ap.add_argument("--zoom", type=float, default=1.0)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    auth.use_hasher(PasswordHasher.from_parameters(CHEAPEST))  # throwaway accounts
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'hub.sqlite3'}")
        upgrade(engine)
        hub = Hub(engine)
        seed(hub)
        app = create_app(hub, console=ConsoleSettings(county_name="河口县人大常委会"))
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        suffix = "-zoom" if args.zoom != 1 else ("-en" if args.lang == "en" else "")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                for name, go in SHOTS:
                    context = browser.new_context(base_url=url, locale="zh-CN" if args.lang == "zh" else "en-US",
                                                  viewport={"width": round(1366 / args.zoom),
                                                            "height": round(768 / args.zoom)},
                                                  device_scale_factor=args.zoom)
                    page = context.new_page()
                    go(page)
                    out = Path(args.out) / f"console-{name}{suffix}.png"
                    page.screenshot(path=str(out))
                    print(out)
                    context.close()
                browser.close()
        finally:
            server.should_exit = True
            thread.join(10)
            engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
