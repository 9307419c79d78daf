"""Fixes from the security review: chunked bodies over the cap, the public page's digit budget kept in the
database, parallel sign-in guesses, and "redact" updates that are not erasures."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from fastapi.testclient import TestClient

from liaison_desk.hub.app import create_app
from liaison_desk.hub.console import auth
from liaison_desk.hub.console.deps import ConsoleSettings
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub


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


# --- 1. a chunked body (no Content-Length) is counted as it arrives -------------------------------------------

def _post_streamed(app, path: str, ctype: str, chunks: int, chunk: bytes = b"x" * 8192) -> tuple[int, bytes, int]:
    """POSTs ``chunks`` chunks of a chunked body (no Content-Length) straight through ASGI (the test client would
    read a generator whole before the app sees it); returns the status, the page and the body bytes the app pulled."""
    pulled = 0
    sent_chunks = 0
    head = b""
    if ctype.startswith("multipart"):
        head = (b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
                b"Content-Type: application/octet-stream\r\n\r\n")
    out: list[dict] = []

    async def receive():
        nonlocal pulled, sent_chunks, head
        if head:
            data, head = head, b""
        elif sent_chunks < chunks:
            sent_chunks += 1
            data = chunk
        else:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled += len(data)
        return {"type": "http.request", "body": data, "more_body": True}

    async def send(message):
        out.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"hub.test"), (b"content-type", ctype.encode()),
                         (b"transfer-encoding", b"chunked")],
             "client": ("10.0.0.9", 5000), "server": ("hub.test", 80), "state": {}}
    with ThreadPoolExecutor(1) as pool:  # its own thread: a browser test may leave a loop running in this one
        pool.submit(anyio.run, app, scope, receive, send).result()
    start = next(m for m in out if m["type"] == "http.response.start")
    page = b"".join(m.get("body", b"") for m in out if m["type"] == "http.response.body")
    return start["status"], page, pulled


@pytest.mark.parametrize("path,ctype", [
    ("/signin", "application/x-www-form-urlencoded"),
    ("/signin", "multipart/form-data; boundary=XyZ"),
    ("/status", "multipart/form-data; boundary=XyZ"),
    ("/cases/x/reply", "multipart/form-data; boundary=XyZ"),
])
def test_a_chunked_body_over_the_cap_is_refused_while_it_streams(hub, path, ctype):
    cap = 64 * 1024
    app = create_app(hub, console=ConsoleSettings(max_body=cap))
    status, page, pulled = _post_streamed(app, path, ctype, chunks=1000)  # 8 MB if all of it were read
    assert status == 413 and "太大".encode() in page
    assert pulled < cap + 2 * 8192, f"the app read {pulled} bytes of a body capped at {cap}"


def test_a_small_chunked_form_still_works(hub):
    client = TestClient(create_app(hub, console=ConsoleSettings(max_body=64 * 1024)), raise_server_exceptions=False)

    def body():
        yield b"name=%E7%8E%8B&password=wrong"

    r = client.post("/signin", content=body(), headers={"Content-Type": "application/x-www-form-urlencoded"},
                    follow_redirects=False)
    assert r.status_code != 413


# --- 2. the public page's digit budget per case number, in the database ---------------------------------------

class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_digits_lock_the_case_number_for_a_day_across_restarts(tmp_path):
    from liaison_desk.hub.console import public

    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    no = "HK01-261207-0003-8"  # a number with no case counts the same (the lock is no oracle)
    t0 = dt.datetime(2026, 12, 7, 8, 5)
    for i in range(public.DIGIT_TRIES):
        with pytest.raises(public.NotFound):
            public.lookup(Hub(engine), no, f"{i:04d}", now=t0 + dt.timedelta(minutes=i))
    with pytest.raises(public.DigitsLocked) as err:
        public.lookup(Hub(engine), no, "0042", now=t0 + dt.timedelta(hours=1))
    assert "二维码" in err.value.localized("zh") and "小时" in err.value.localized("zh")
    engine.dispose()

    engine = make_engine(url)  # the hub restarted: still locked
    with pytest.raises(public.DigitsLocked):
        public.lookup(Hub(engine), no, "0043", now=t0 + dt.timedelta(hours=20))
    with pytest.raises(public.NotFound):  # a day after the tenth try: ten more
        public.lookup(Hub(engine), no, "0044", now=t0 + dt.timedelta(hours=24, minutes=10))
    engine.dispose()


@pytest.mark.postgres
def test_the_digit_budget_on_postgres(pg_hub):
    from liaison_desk.hub.console import public

    no = "HK01-261207-0003-8"
    t0 = dt.datetime(2026, 12, 7, 8, 5)
    for i in range(public.DIGIT_TRIES):
        with pytest.raises(public.NotFound):
            public.lookup(pg_hub, no, f"{i:04d}", now=t0)
    with pytest.raises(public.DigitsLocked):
        public.lookup(pg_hub, no, "0042", now=t0)


def test_wrong_link_tokens_do_not_spend_the_owners_digit_budget(hub):
    from liaison_desk.hub.console import public

    no = "HK01-261207-0003-8"
    for _ in range(3 * public.DIGIT_TRIES):
        with pytest.raises(public.NotFound):
            public.by_link(hub, no, "A" * public.TOKEN_LEN)
    with pytest.raises(public.NotFound):  # not DigitsLocked
        public.lookup(hub, no, "1234")

    limits = public.PublicLimits(clock=FakeClock())
    for _ in range(6):
        limits.by_link_case(no)
    with pytest.raises(public.Limited):
        limits.by_link_case(no)
    limits.by_case(no)  # the owner's lookups by digits are still there


# --- 3. parallel wrong passwords for one name each count, and are throttled after the limit ---------------------

@pytest.mark.parametrize("db", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_parallel_wrong_passwords_each_count_and_are_throttled(db, request):
    hub = request.getfixturevalue("hub" if db == "sqlite" else "pg_hub")
    import threading

    from liaison_desk.hub.console.auth import ConsolePolicy, SignInRefused
    from liaison_desk.hub.console.schema import ConsoleAuditEntry

    t0 = dt.datetime(2026, 12, 7, 8, 0, 0)
    policy = ConsolePolicy()
    auth.add_user(hub, "王芳", "county_staff", now=t0)
    slow_verify = auth._verify
    gate = threading.Barrier(12)

    def verify(stored: str, password: str) -> bool:  # every guess is in argon2 at the same moment
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait(timeout=2)
        return slow_verify(stored, password)

    codes: list[str] = []

    def guess(i: int) -> None:
        try:
            auth.sign_in(hub, "王芳", f"guess-{i}", ip=f"10.0.1.{i}", policy=policy, now=t0)
        except SignInRefused as exc:
            codes.append(exc.code)

    auth._verify = verify
    try:
        threads = [threading.Thread(target=guess, args=(i,)) for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        auth._verify = slow_verify
    assert len(codes) == 12
    # only as many guesses reached the password check as the throttle allows; the rest were throttled
    assert codes.count("wrong_password") == policy.name_failures, codes
    assert codes.count("throttled") == 12 - policy.name_failures
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session
    with Session(hub.engine) as s:
        failed = s.scalar(select(func.count()).select_from(ConsoleAuditEntry)
                          .where(ConsoleAuditEntry.action == "signin_failed"))
    assert failed == policy.name_failures


# --- 4. a "redact" update rewrites history only when it takes values out -------------------------------------

def _ledger_case(hub, content: str) -> str:
    from sqlalchemy.orm import Session

    from liaison_desk.domain.payload import canonical_json, sha256_hex
    from liaison_desk.hub.schema import LedgerEntry

    case_id = str(uuid.uuid4())
    payload = canonical_json({"fields": {"content": content, "summary": "水渠堵了"}})
    with Session(hub.engine) as s, s.begin():
        s.add(LedgerEntry(county_id="c1", change_id=uuid.uuid4(), seq=1, station_code="HK01", install_id=None,
                          station_seq=1, entity="cases", entity_id=uuid.UUID(case_id), scope=None, payload=payload,
                          payload_hash=sha256_hex(payload), status="accepted", result="{}",
                          received_at=dt.datetime(2026, 12, 7)))
    return case_id


def _redaction(case_id: str, fields: dict):
    from dataclasses import replace

    from liaison_desk.domain.hlc import HLC
    from liaison_desk.domain.payload import canonical_json, sha256_hex
    from liaison_desk.sync.protocol import new_change

    t0, t1 = (HLC(ms, 0, "n1").encode() for ms in (1_000, 2_000))
    ch = new_change("cases", case_id, "update", fields, t1, str(uuid.uuid4()), base=t0)
    payload = canonical_json({**json.loads(ch.payload), "redact": True})
    return replace(ch, payload=payload, payload_hash=sha256_hex(payload))


def _history(hub) -> list[str]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from liaison_desk.hub.schema import LedgerEntry

    with Session(hub.engine) as s:
        return [json.loads(p)["fields"]["content"] for p in s.scalars(select(LedgerEntry.payload))]


def test_a_redact_update_that_rewords_a_text_does_not_rewrite_history(hub, caplog):
    from sqlalchemy.orm import Session

    from liaison_desk.hub.redaction import scrub_history

    old = "张秀英家门口3组12号的水渠堵了，电话13812345678"
    case_id = _ledger_case(hub, old)
    forged = _redaction(case_id, {"content": "水渠没有问题，群众很满意"})
    with Session(hub.engine) as s, s.begin():
        assert scrub_history(s, "c1", [forged]) == 0
    assert _history(hub) == [old]
    assert "not an erasure" in caplog.text


def test_a_real_erasure_still_rewrites_history(hub):
    from sqlalchemy.orm import Session

    from liaison_desk.hub.redaction import scrub_history
    from liaison_desk.services.admin.retention import scrub

    old = "张秀英家门口3组12号的水渠堵了，电话13812345678"
    case_id = _ledger_case(hub, old)
    erased = scrub(old, ["张秀英"])
    assert erased and erased != old
    with Session(hub.engine) as s, s.begin():
        assert scrub_history(s, "c1", [_redaction(case_id, {"content": erased, "summary": ""})]) == 1
    assert _history(hub) == [erased]
