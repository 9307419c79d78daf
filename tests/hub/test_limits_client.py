"""A station honours the hub's Retry-After (429 rate limited, 503 busy): it waits and tries again, a few times
and never for long, instead of failing the round; over real HTTP to a rate-limited hub on loopback."""

from __future__ import annotations

import json
import time

import pytest

from liaison_desk.services.sync.client import HubClient, keepalive_send
from liaison_desk.sync.protocol import SyncRefused
from tests.hub.test_limits import Served


def _limited(retry_after: int, status: int = 429) -> tuple[int, bytes]:
    body = {"error": {"code": "rate_limited", "message_zh": "本站的同步请求太频繁", "message_en": "x",
                      "retry_after": retry_after}}
    return status, json.dumps(body).encode()


def test_the_client_waits_as_told_and_tries_again():
    answers = [_limited(2), _limited(1, 503), (200, b'{"ok": 1}')]
    sent: list[str] = []

    def send(path, data, headers):
        sent.append(path)
        return answers.pop(0)

    client = HubClient("http://127.0.0.1:1", "cred", send)
    waits: list[float] = []
    client.sleep = waits.append
    assert client.call("/v1/pull", {"after": 0}) == {"ok": 1}
    assert waits == [2, 1] and sent == ["/v1/pull"] * 3


def test_the_client_gives_up_on_a_long_wait_or_after_a_few_tries():
    client = HubClient("http://127.0.0.1:1", "cred", lambda p, d, h: _limited(3600))
    client.sleep = lambda s: pytest.fail("must not wait an hour")
    with pytest.raises(SyncRefused) as err:
        client.call("/v1/pull", {})
    assert err.value.code == "rate_limited"
    calls = []

    def always(path, data, headers):
        calls.append(path)
        return _limited(1)

    client = HubClient("http://127.0.0.1:1", "cred", always)
    client.sleep = lambda s: None
    with pytest.raises(SyncRefused):
        client.call("/v1/pull", {})
    assert 2 <= len(calls) <= 5


def test_a_station_over_its_rate_at_a_real_hub_still_gets_its_answers(tmp_path):
    hub = Served(tmp_path, rate=2.0, burst=2)
    try:
        client = HubClient(f"http://127.0.0.1:{hub.port}", hub.credential, keepalive_send(f"http://127.0.0.1:{hub.port}"))
        t0 = time.monotonic()
        for _ in range(4):  # the third and fourth are told to wait ~1 s each
            assert "changes" in client.call("/v1/pull", {"after": 0})
        assert time.monotonic() - t0 >= 0.9
    finally:
        hub.close()
