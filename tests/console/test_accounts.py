"""Console accounts, sessions and the console's audit trail as services (no browser): the rules the pages rely on,
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, update

from liaison_desk.hub.app import create_app
from liaison_desk.hub.console import auth
from liaison_desk.hub.console.auth import ConsolePolicy, SignInRefused
from liaison_desk.hub.console.pages.signin import _safe_next
from liaison_desk.hub.console.schema import ConsoleAuditEntry, HubSession, HubUser
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub

T0 = dt.datetime(2026, 12, 7, 8, 0, 0)


@pytest.fixture(autouse=True)
def _cheap_hashes():
    real = auth.use_hasher(PasswordHasher.from_parameters(CHEAPEST))
    yield
    auth.use_hasher(real)


@pytest.fixture
def hub(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    upgrade(engine)
    yield Hub(engine)
    engine.dispose()


@pytest.fixture
def pg_hub():
    from tests.sync.harness import PgSchema

    schema = PgSchema()
    engine = schema.engine()
    try:
        upgrade(engine)
        yield Hub(engine)
    finally:
        engine.dispose()
        schema.drop()


def _sign_in_cycle(hub: Hub) -> None:
    one_time = auth.add_user(hub, "王芳", "county_staff", now=T0)
    token, who = auth.sign_in(hub, "王芳", one_time, ip="10.0.0.5", now=T0)
    assert who.must_change and who.viewer.name == "王芳"
    with pytest.raises(SignInRefused):
        auth.sign_in(hub, "王芳", "wrong", ip="10.0.0.5", now=T0)
    assert auth.session_of(hub, token, now=T0 + dt.timedelta(minutes=5)) is not None
    actions = [r.action for r in auth.audit_page(hub)[0]]
    assert actions == ["signin_failed", "signin", "user_add"]
    assert auth.verify_audit(hub) == []


def test_the_migration_makes_the_console_tables_and_a_sign_in_works_on_sqlite(hub):
    assert {"hub_users", "hub_sessions", "hub_console_audit"} <= set(inspect(hub.engine).get_table_names())
    _sign_in_cycle(hub)


@pytest.mark.postgres
def test_the_migration_and_a_sign_in_on_postgres(pg_hub):
    assert {"hub_users", "hub_sessions", "hub_console_audit"} <= set(inspect(pg_hub.engine).get_table_names())
    _sign_in_cycle(pg_hub)


def test_passwords_and_session_tokens_are_stored_only_as_hashes(hub):
    one_time = auth.add_user(hub, "admin", "county_admin", now=T0)
    token, who = auth.sign_in(hub, "admin", one_time, now=T0)
    with hub.tx() as s:
        user = s.scalar(select(HubUser))
        session = s.scalar(select(HubSession))
        assert user.password_hash.startswith("$argon2id$") and one_time not in user.password_hash
        assert session.token_hash != token and token not in session.token_hash and len(session.token_hash) == 64
        assert session.csrf == who.csrf


def test_failed_sign_ins_are_kept_and_throttle_the_name_with_a_growing_wait(hub):
    one_time = auth.add_user(hub, "李四", "leader", now=T0)
    for i in range(5):
        with pytest.raises(SignInRefused) as refused:
            auth.sign_in(hub, "李四", "wrong", now=T0 + dt.timedelta(seconds=i))
        assert refused.value.wait_seconds is None
    with pytest.raises(SignInRefused) as refused:  # the right password, too soon: not even checked
        auth.sign_in(hub, "李四", one_time, now=T0 + dt.timedelta(seconds=10))
    assert refused.value.wait_seconds == 24 and "请 24 秒后再试" in refused.value.message
    # the 6th failure in a row doubles the wait
    with pytest.raises(SignInRefused):
        auth.sign_in(hub, "李四", "wrong", now=T0 + dt.timedelta(seconds=40))
    with pytest.raises(SignInRefused) as refused:
        auth.sign_in(hub, "李四", one_time, now=T0 + dt.timedelta(seconds=41))
    assert refused.value.wait_seconds == 59 and "请 59 秒后再试" in refused.value.message
    auth.sign_in(hub, "李四", one_time, now=T0 + dt.timedelta(seconds=101))
    # a success starts the count again
    with pytest.raises(SignInRefused) as refused:
        auth.sign_in(hub, "李四", "wrong", now=T0 + dt.timedelta(seconds=102))
    assert refused.value.code == "wrong_password"


def test_many_failures_from_one_address_hold_every_name_back(hub):
    policy = ConsolePolicy(ip_failures=3, ip_window=dt.timedelta(minutes=15))
    one_time = auth.add_user(hub, "张三", "leader", now=T0)
    for i, name in enumerate(["a", "b", "c"]):
        with pytest.raises(SignInRefused):
            auth.sign_in(hub, name, "x", ip="10.1.1.1", policy=policy, now=T0 + dt.timedelta(seconds=i))
    with pytest.raises(SignInRefused) as refused:
        auth.sign_in(hub, "张三", one_time, ip="10.1.1.1", policy=policy, now=T0 + dt.timedelta(minutes=1))
    assert refused.value.code == "throttled" and "14 分钟" in refused.value.message
    auth.sign_in(hub, "张三", one_time, ip="10.1.1.2", policy=policy, now=T0 + dt.timedelta(minutes=1))
    auth.sign_in(hub, "张三", one_time, ip="10.1.1.1", policy=policy, now=T0 + dt.timedelta(minutes=16))


def test_a_session_ends_when_idle_and_at_its_absolute_limit(hub):
    policy = ConsolePolicy(idle=dt.timedelta(minutes=30), absolute=dt.timedelta(hours=12))
    one_time = auth.add_user(hub, "赵六", "leader", now=T0)
    token, _ = auth.sign_in(hub, "赵六", one_time, policy=policy, now=T0)
    at = T0
    while at + dt.timedelta(minutes=25) < T0 + dt.timedelta(hours=12):  # busy all day: never idle
        at += dt.timedelta(minutes=25)
        assert auth.session_of(hub, token, policy=policy, now=at) is not None, at
    assert auth.session_of(hub, token, policy=policy, now=T0 + dt.timedelta(hours=12)) is None
    token, _ = auth.sign_in(hub, "赵六", one_time, policy=policy, now=T0)
    assert auth.session_of(hub, token, policy=policy, now=T0 + dt.timedelta(minutes=30)) is None
    assert auth.session_of(hub, "not-a-token", policy=policy, now=T0) is None


def test_the_new_password_rules(hub):
    one_time = auth.add_user(hub, "孙七", "leader", now=T0)
    _, who = auth.sign_in(hub, "孙七", one_time, now=T0)
    for old, new, confirm, field in [("wrong", "long-enough-1", "long-enough-1", "old"),
                                     (one_time, "short", "short", "new"),
                                     (one_time, one_time, one_time, "new"),
                                     (one_time, "long-enough-1", "long-enough-2", "confirm")]:
        with pytest.raises(auth.DomainError) as refused:
            auth.change_password(hub, who, old, new, confirm, now=T0)
        assert refused.value.field == field
    other, _ = auth.sign_in(hub, "孙七", one_time, now=T0)
    auth.change_password(hub, who, one_time, "long-enough-1", "long-enough-1", now=T0)
    assert auth.session_of(hub, other, now=T0) is None  # the other browser is signed out
    assert auth.session_of(hub, "x", now=T0) is None
    assert not auth.users(hub)[0].must_change


def test_account_fields_are_checked(hub):
    cases = [("", "leader", None, None, "name"), ("有 空格", "leader", None, None, "name"),
             ("x", "boss", None, None, "role"), ("x", "township_staff", None, None, "township"),
             ("x", "department", None, "没有这个单位", "department")]
    for name, role, township, department, field in cases:
        with pytest.raises(auth.ValidationError) as refused:
            auth.add_user(hub, name, role, township, department)
        assert refused.value.field == field
    auth.add_user(hub, "x", "leader")
    with pytest.raises(auth.ValidationError, match="已经有人使用"):
        auth.add_user(hub, " x ", "county_staff")


def test_an_edited_or_removed_audit_line_breaks_the_chain(hub):
    auth.add_user(hub, "周八", "leader", now=T0)
    for i in range(4):
        auth.audit(hub, None, "case_view", f"LX01-{i}", now=T0)
    assert auth.verify_audit(hub) == []
    with hub.tx() as s:
        s.execute(update(ConsoleAuditEntry).where(ConsoleAuditEntry.seq == 3).values(target="LX01-99"))
    assert auth.verify_audit(hub) == [3]
    with hub.tx() as s:
        s.execute(update(ConsoleAuditEntry).where(ConsoleAuditEntry.seq == 3).values(target="LX01-1"))
        s.delete(s.get(ConsoleAuditEntry, ("default", 2)))
    assert auth.verify_audit(hub) == [3]


def test_after_sign_in_only_a_path_of_this_site_is_followed():
    assert _safe_next("/cases?q=路灯") == "/cases?q=路灯"
    for bad in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "", None, "cases"):
        assert _safe_next(bad) == "/"


def test_console_forms_are_not_mistaken_for_station_requests(hub):
    """The sync API's request limits (a station credential on every POST) stop at /v1: a sign-in form posted
    without a bearer credential reaches the console."""
    client = TestClient(create_app(hub), raise_server_exceptions=False)
    page = client.get("/signin")
    assert page.status_code == 200
    r = client.post("/signin", data={"name": "nobody", "password": "x", "pre": client.cookies.get("ld_pre")})
    assert r.status_code == 400 and "账号或密码不对" in r.text
    assert client.post("/v1/pull", json={"protocol": 4}).status_code == 401


def _console_of(app):
    from starlette.routing import Mount

    return next(r.app for r in app.routes if isinstance(r, Mount) and r.path == "")


def test_an_unexpected_error_is_a_page_in_chinese_not_a_trace(hub, caplog):
    app = create_app(hub)

    def boom():
        raise RuntimeError("secret internals")

    _console_of(app).add_api_route("/boom", boom)
    client = TestClient(app, raise_server_exceptions=False)
    r = client.get("/boom")
    assert r.status_code == 500 and "意外问题" in r.text and "secret internals" not in r.text
    assert "Traceback" not in r.text and "secret internals" in caplog.text
    r = client.get("/boom", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "unexpected problem" in r.text


def test_a_form_body_over_the_cap_is_refused_before_it_is_read(hub):
    from liaison_desk.hub.console.deps import ConsoleSettings

    client = TestClient(create_app(hub, console=ConsoleSettings(max_body=1024)), raise_server_exceptions=False)
    r = client.post("/signin", content=b"x" * 2048, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "太大" in r.text
