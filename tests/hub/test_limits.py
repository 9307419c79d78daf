"""Limits at the hub (issue 17 item 3), each over real HTTP to a hub served by uvicorn on loopback: body size
(413, refused before the body is read), a credential checked before the body is read (401), JSON shape —
depth, number of values, integers beyond 64 bits, NaN, NUL — (422, never 500), changes per push (422), and a
per-station rate (429 with Retry-After). Messages to stations are one Chinese line; the hub logs why."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
import uuid

import pytest

from liaison_desk.domain.hlc import HLC
from liaison_desk.hub.app import create_app
from liaison_desk.hub.database import make_engine, upgrade
from liaison_desk.hub.store import Hub
from liaison_desk.sync.protocol import PROTOCOL_VERSION, new_change


class Served:
    """A hub on SQLite, served by uvicorn on a loopback port in a thread, with one enrolled station."""

    def __init__(self, tmp_path, **limits):
        import uvicorn

        engine = make_engine(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
        upgrade(engine)
        self.hub = Hub(engine)
        token = self.hub.add_station("LX01", "LX01")
        self.station_id, self.install_id = str(uuid.uuid4()), "install-1"
        self.credential = self.hub.enroll(token, self.station_id, "LX01", self.install_id)["credential"]
        if limits:
            from liaison_desk.hub.limits import Limits

            app = create_app(self.hub, limits=Limits(**limits))
        else:
            app = create_app(self.hub)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)

    def headers(self, credential: str | None = "") -> dict[str, str]:
        cred = self.credential if credential == "" else credential
        return {"Content-Type": "application/json", **({"Authorization": f"Bearer {cred}"} if cred else {})}

    def post(self, path: str, body: dict | bytes, credential: str | None = "", conn=None):
        data = body if isinstance(body, bytes) else json.dumps({"protocol": PROTOCOL_VERSION, **body}).encode()
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("POST", path, body=data, headers=self.headers(credential))
            resp = conn.getresponse()
            raw = resp.read()
            return resp.status, dict(resp.getheaders()), json.loads(raw)
        finally:
            if own:
                conn.close()

    def raw(self, head: bytes, parts: tuple[bytes, ...] | list[bytes] = (), timeout: float = 10) -> tuple[int, dict, dict]:
        """Send ``head`` and ``parts`` on a plain socket; the answer, read even when the hub answered before
        the body was sent (a hub that waits for the body times out here)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(head)
            for part in parts:
                try:
                    sock.sendall(part)
                except OSError:
                    break  # the hub answered and closed: read what it said
            data = b""
            while b"\r\n\r\n" not in data or len(data) < _expected(data):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        head_text, _, body = data.partition(b"\r\n\r\n")
        lines = head_text.decode("latin-1").split("\r\n")
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        return int(lines[0].split()[1]), headers, json.loads(body)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.hub.engine.dispose()


def _expected(data: bytes) -> int:
    head, _, _ = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(head) + 4 + int(line.split(b":")[1])
    return 0


@pytest.fixture
def hub(tmp_path):
    s = Served(tmp_path)
    yield s
    s.close()


def one_line_chinese(answer: dict) -> str:
    msg = answer["error"]["message_zh"]
    assert "\n" not in msg and any("\u4e00" <= ch <= "\u9fff" for ch in msg), msg
    return msg


def _head(path: str, length: int, credential: str | None, *, chunked: bool = False) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}")
    if credential:
        lines.append(f"Authorization: Bearer {credential}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_48_mb_push_without_a_credential_is_refused_before_its_body_is_sent(hub, caplog):
    # the body never comes: a hub that waits for it (reads 48 MB into memory before the credential) times out
    for credential in (None, "guessed-credential"):
        status, _h, answer = hub.raw(_head("/v1/push", 48 << 20, credential), timeout=5)
        assert status in (401, 413)
        one_line_chinese(answer)
    # a small body with no credential: 401 before the body is read, as the endpoint would say
    status, _h, answer = hub.raw(_head("/v1/push", 1000, None), timeout=5)
    assert status == 401 and answer["error"]["code"] == "not_enrolled"
    assert "县级平台不认可本站的同步凭证" in one_line_chinese(answer)
    # enrollment needs no credential: its body is capped small, so it cannot hold the hub's memory either
    status, _h, answer = hub.raw(_head("/v1/enroll", 100_000, None), timeout=5)
    assert status == 413 and answer["error"]["code"] == "too_large"


def test_a_48_mb_push_of_an_enrolled_station_is_refused_by_its_length_with_413(hub, caplog):
    with caplog.at_level(logging.WARNING):
        status, _h, answer = hub.raw(_head("/v1/push", 48 << 20, hub.credential), [b"[" * 65536], timeout=5)
    assert status == 413 and answer["error"]["code"] == "too_large"
    assert "太大" in one_line_chinese(answer)
    assert any("413" in r.getMessage() and "too_large" in r.getMessage() and "LX01" in r.getMessage()
               for r in caplog.records)  # the hub logs the reason and the station


def test_a_chunked_body_is_counted_while_it_streams_and_refused_past_the_cap(hub):
    chunk = b" " * (256 << 10)
    part = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    status, _h, answer = hub.raw(_head("/v1/hello", 0, hub.credential, chunked=True), [part] * 40, timeout=10)
    assert status == 413 and answer["error"]["code"] == "too_large"
    one_line_chinese(answer)


def test_deep_nesting_is_a_422_not_a_500(hub):
    deep = b'{"protocol": 4, "install_id": "install-1", "changes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    status, _h, answer = hub.post("/v1/push", deep)
    assert status == 422 and answer["error"]["code"] == "bad_shape"
    assert "嵌套" in one_line_chinese(answer)


@pytest.mark.parametrize("number", [str(2**63), str(-(2**63) - 1), "9" * 5000, "1e400", "NaN"])
def test_numbers_beyond_64_bits_are_a_422_not_a_500(hub, number):
    for path, body in (("/v1/pull", '{"protocol": 4, "after": %s}'), ("/v1/hello", '{"protocol": 4, "outbox_max_seq": %s}')):
        status, _h, answer = hub.post(path, (body % number).encode())
        assert status == 422, (path, number, status, answer)
        one_line_chinese(answer)


def test_a_million_junk_items_are_refused_before_parsing(hub):
    junk = b'{"protocol": 4, "install_id": "install-1", "changes": [' + b",".join([b"{}"] * 1_000_000) + b"]}"
    t0 = time.monotonic()
    status, _h, answer = hub.post("/v1/push", junk)
    assert status == 422 and answer["error"]["code"] == "too_many_items"
    assert time.monotonic() - t0 < 5
    one_line_chinese(answer)


def test_more_changes_in_a_push_than_the_cap_is_a_422(hub):
    from liaison_desk.hub.limits import Limits

    cap = Limits().max_items
    items = [{"change_id": str(uuid.uuid4())} for _ in range(cap + 1)]
    status, _h, answer = hub.post("/v1/push", {"install_id": hub.install_id, "changes": items})
    assert status == 422 and answer["error"]["code"] == "too_many_items"
    assert f"{cap + 1}" in one_line_chinese(answer)
    # the station's own batch size is well within it
    status, _h, answer = hub.post("/v1/push", {"install_id": hub.install_id, "changes": items[:1000]})
    assert status == 200 and len(answer["results"]) == 1000


def _wire(hub: Served, fields: dict, seq: int = 1) -> dict:
    stamp = HLC(1_800_000_000_000, 0, "ab12").encode()
    return new_change("visits", str(uuid.uuid4()), "insert", fields, stamp, hub.station_id).wire(seq=seq)


def test_a_bad_payload_inside_a_push_is_refused_on_its_own(hub):
    # the payload is JSON inside a string: the body's scan cannot see into it, the push checks each one
    good = _wire(hub, {"station_id": hub.station_id, "occurred_at": "2026-11-29T08:00:00.000000",
                       "channel": "walk_in", "visitor_names": "张三", "headcount": 1}, seq=1)
    huge = _wire(hub, {"headcount": 2**70}, seq=2)
    nul = _wire(hub, {"visitor_names": "a\u0000b"}, seq=3)
    stamp = HLC(1_800_000_000_000, 0, "ab12").encode()
    deep_payload = '{"entity":"visits","fields":' + "[" * 50_000 + "]" * 50_000 + f',"hlc":"{stamp}"}}'
    from liaison_desk.domain.payload import sha256_hex

    deep = {"change_id": str(uuid.uuid4()), "seq": 4, "payload": deep_payload, "payload_hash": sha256_hex(deep_payload)}
    status, _h, answer = hub.post("/v1/push", {"install_id": hub.install_id, "changes": [good, huge, nul, deep]})
    assert status == 200, answer
    results = answer["results"]
    assert results[0]["status"] == "accepted", results[0]
    for r in results[1:]:
        assert r["status"] == "rejected" and r["code"] == "bad_shape", r
        assert "\n" not in r["message_zh"]


def test_a_station_over_its_rate_gets_429_with_retry_after(tmp_path, caplog):
    hub = Served(tmp_path, rate=0.5, burst=3)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=30)
        statuses = [hub.post("/v1/pull", {"after": 0}, conn=conn)[0] for _ in range(3)]
        assert statuses == [200] * 3
        with caplog.at_level(logging.WARNING):
            status, headers, answer = hub.post("/v1/pull", {"after": 0})
        assert status == 429 and answer["error"]["code"] == "rate_limited"
        assert 1 <= int(headers["retry-after"]) <= 2 and answer["error"]["retry_after"] == int(headers["retry-after"])
        assert "秒后再试" in one_line_chinese(answer)
        assert any("429" in r.getMessage() and "LX01" in r.getMessage() for r in caplog.records)
        # another station is not slowed by this one
        token = hub.hub.add_station("LX02", "LX02")
        other = hub.hub.enroll(token, str(uuid.uuid4()), "LX02", "install-2")["credential"]
        assert hub.post("/v1/pull", {"after": 0}, credential=other)[0] == 200
    finally:
        hub.close()


def test_the_hub_refuses_to_hold_more_body_bytes_than_its_budget(tmp_path):
    hub = Served(tmp_path, max_buffered=2 << 20, max_push_body=1536 << 10)
    try:
        # one push holds 1.5 MB of the 2 MB budget while its body trickles in; a second one is told to wait
        first = socket.create_connection(("127.0.0.1", hub.port), timeout=10)
        first.sendall(_head("/v1/push", 1536 << 10, hub.credential) + b"{")
        deadline = time.monotonic() + 30  # a bound, not a wait: on a loaded machine the hub reads the head late
        while time.monotonic() < deadline:
            # a whole body: until the first one holds its share, this one is read and answered (400)
            status, headers, answer = hub.raw(_head("/v1/push", 1 << 20, hub.credential), [b" " * (1 << 20)],
                                              timeout=5)
            if status == 503:
                break
        assert status == 503 and answer["error"]["code"] == "hub_busy" and int(headers["retry-after"]) >= 1
        one_line_chinese(answer)
        first.close()
    finally:
        hub.close()


def test_one_station_cannot_hold_more_than_a_few_requests_open_at_once(tmp_path):
    # a station trickling bodies on many connections would hold the hub's memory budget from the others
    hub = Served(tmp_path, max_in_flight=2)
    socks = []
    try:
        for _ in range(2):
            sock = socket.create_connection(("127.0.0.1", hub.port), timeout=10)
            sock.sendall(_head("/v1/push", 1000, hub.credential) + b"{")
            socks.append(sock)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            status, headers, answer = hub.raw(_head("/v1/pull", 2, hub.credential) + b"{}", timeout=5)
            if status == 429:
                break
        assert status == 429 and answer["error"]["code"] == "rate_limited" and int(headers["retry-after"]) >= 1
        for sock in socks:
            sock.close()
        deadline, answered = time.monotonic() + 10, False
        while time.monotonic() < deadline:  # the held requests are let go when their connections close
            if hub.post("/v1/pull", {"after": 0})[0] == 200:
                answered = True
                break
            time.sleep(0.05)
        assert answered
    finally:
        hub.close()


def test_a_refused_change_is_logged_with_its_reason(hub, caplog):
    with caplog.at_level(logging.WARNING):
        status, _h, answer = hub.post("/v1/push", {"install_id": hub.install_id,
                                                   "changes": [_wire(hub, {"headcount": 2**70})]})
    assert status == 200 and answer["results"][0]["code"] == "bad_shape"
    assert any("bad_shape" in r.getMessage() and answer["results"][0]["change_id"] in r.getMessage()
               for r in caplog.records)
