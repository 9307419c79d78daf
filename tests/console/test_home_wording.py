"""The home page's line for 联络站 says what that page shows: what waits at the hub for each station (待下发),
not what a station has yet to send (the hub cannot know that before the station syncs)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from fastapi.testclient import TestClient

from liaison_desk.hub.app import create_app
from liaison_desk.hub.console import auth
from liaison_desk.hub.console.deps import SESSION_COOKIE
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub


@pytest.fixture
def hub(tmp_path):
    real = auth.use_hasher(PasswordHasher.from_parameters(CHEAPEST))
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    upgrade(engine)
    yield Hub(engine)
    engine.dispose()
    auth.use_hasher(real)


def test_the_home_line_for_stations_names_what_waits_at_the_hub(hub):
    auth.add_user(hub, "王芳", "county_staff")
    auth.set_password(hub, "王芳", "长期使用的密码-2026")
    token, _who = auth.sign_in(hub, "王芳", "长期使用的密码-2026", ip="127.0.0.1")
    client = TestClient(create_app(hub), raise_server_exceptions=False)
    client.cookies.set(SESSION_COOKIE, token)
    page = client.get("/").text
    assert 'href="/stations"' in page
    assert "待下发记录" in page and "待上传" not in page
    en = client.get("/", headers={"Accept-Language": "en"}).text
    assert "waits at the hub" in en and "pending changes" not in en
