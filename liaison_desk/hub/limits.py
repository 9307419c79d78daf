"""Limits at the hub, checked before any work is done: the size of a request's body, the shape of its JSON
(nesting depth, number of values, integers within 64 bits, no NaN/Infinity, no NUL or lone surrogate),
the number of changes in a push, a per-station request rate, and how many body bytes the hub holds at once.

``HubLimits`` is an ASGI middleware in front of the API. For a POST it refuses, in this order and without
reading the body: a missing or unknown credential (401, except ``/v1/enroll``); a ``Content-Length`` above
the route's cap (413); a station over its rate (429 with ``Retry-After``); a body that would take the hub
over its memory budget (503 with ``Retry-After``). It then reads the body counting bytes (413 as soon as a
chunked body passes the cap), pre-scans it (``scan``: 422 when too deep, too many values, an integer beyond
64 bits…) and only then hands it to the app. Station messages are one Chinese line (and an English one);
the hub logs the reason with the station and the request.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..domain.errors import DomainError
from ..sync.protocol import PUSH_BATCH, refusal_body

log = logging.getLogger(__name__)

MiB = 1 << 20
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


@dataclass(frozen=True)
class Limits:
    #: a push's body: 1,000 changes of a busy station are 1–3 MB; of cases with 5,000-character texts ~20 MB
    max_push_body: int = 32 * MiB
    #: every other request's body (hello, pull, digest, repair reads of 500 ids)
    max_body: int = 1 * MiB
    #: a request without a credential (enrollment: a token and three ids): it cannot fill the memory budget
    max_open_body: int = 16 * 1024
    #: changes in one push: the station sends ``PUSH_BATCH`` (1,000) at most; USB bundles are cut the same way
    max_items: int = 4 * PUSH_BATCH
    #: ids in one repair read (the station asks for 500 at a time)
    max_ids: int = 5000
    #: nesting of the body and of one change's payload (a real one is 4 deep)
    max_depth: int = 32
    #: JSON values in one body (commas + 1): bounds what parsing may allocate (a change is ~6 values)
    max_values: int = 4 * PUSH_BATCH * 32
    #: one change's payload text (a case with every text field full is ~20 KB)
    max_payload: int = 256 * 1024
    #: requests per second per station, and the burst it may spend at once
    rate: float = 20.0
    burst: int = 200
    #: requests of one station open at once (a station sends one at a time): a station trickling bodies on
    #: many connections cannot hold the memory budget from the others
    max_in_flight: int = 4
    #: body bytes held (read, parsed, being worked on) across all requests at once: a body costs about 4× its
    #: size while it is parsed and worked on, so 48 MB keeps the hub near 300 MB (``bench/hub_limits.py``)
    max_buffered: int = 48 * MiB
    #: how long a known credential is remembered by the pre-check (the endpoint checks it again)
    credential_cache_s: float = 30.0


class LimitExceeded(DomainError):
    """A request refused by a limit; ``status`` is its HTTP status, ``retry_after`` (seconds) when to retry."""

    def __init__(self, code: str, message: str, message_en: str, status: int, retry_after: int | None = None):
        super().__init__(code, message, message_en=message_en)
        self.status = status
        self.retry_after = retry_after


def too_large(cap: int) -> LimitExceeded:
    size = f"{cap // MiB} MB" if cap >= MiB else f"{max(1, cap // 1024)} KB"
    return LimitExceeded("too_large", f"发送的数据太大（上限 {size}），县级平台没有接收。",
                         f"The request is too large (limit {size}); not accepted.", 413)


def too_many(what_zh: str, what_en: str, n: int, cap: int) -> LimitExceeded:
    return LimitExceeded("too_many_items", f"一次发送的{what_zh}太多（{n} 条，上限 {cap} 条），县级平台没有接收。",
                         f"Too many {what_en} in one request ({n}, limit {cap}); not accepted.", 422)


def bad_shape(detail_zh: str, detail_en: str) -> LimitExceeded:
    return LimitExceeded("bad_shape", f"发送的数据格式超出县级平台的限制：{detail_zh}，没有接收。",
                         f"The request's data exceeds the hub's limits: {detail_en}; not accepted.", 422)


# -- the JSON pre-scan ---------------------------------------------------------------------------------------
_PAIRS = re.compile(rb"\[\]|\{\}")
_NON_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")  # NUL or a surrogate half
_LONG_INT = re.compile(rb"(?<![\d.])-?\d{19,}(?![\d.eE])")
_BIG_EXPONENT = re.compile(rb"\d[eE][+-]?\d{3,}")
_WORDS = re.compile(rb"NaN|Infinity")


def _bad_escape(text: bytes) -> bool:
    """A ``\\u0000`` or a surrogate escape not in a high-low pair. ``text`` has its escaped backslashes
    blanked (same length), so every backslash left starts an escape."""
    for m in _ESCAPE.finditer(text):
        code = int(m.group()[2:], 16)
        p = m.start()
        if code == 0:
            return True
        if code < 0xDC00:  # high half: a low half must follow
            if not (_ESCAPE.match(text, p + 6) and 0xDC00 <= int(text[p + 8:p + 12], 16) <= 0xDFFF):
                return True
        elif not (p >= 6 and _ESCAPE.match(text, p - 6) and 0xD800 <= int(text[p - 4:p], 16) <= 0xDBFF):
            return True
    return False


def scan(text: bytes, *, max_depth: int, max_values: int) -> LimitExceeded | None:
    """What is wrong with JSON ``text`` for the hub's limits, or None. C-speed ``bytes`` methods and regular
    expressions only, no Python loop per character (a 30 MB body takes tens of milliseconds): escaped
    backslashes and quotes are blanked, strings cut out at the quotes left, and brackets, numbers and words
    looked for outside strings. Malformed JSON is left to the parser (None)."""
    x = text.replace(b"\\\\", b"__")
    if b"\\u" in x and _bad_escape(x):
        return bad_shape("含有空字符或不成对的代理字符", "a NUL or an unpaired surrogate in a string")
    x = x.replace(b'\\"', b"__")
    quotes = x.count(b'"')
    if quotes // 2 > max_values:  # before splitting: a million tiny strings must not become a million objects
        return too_many("数据项", "values", quotes // 2, max_values)
    bare = b'""'.join(x.split(b'"')[0::2])  # every string emptied
    del x
    values = bare.count(b",") + 1
    if values > max_values:
        return too_many("数据项", "values", values, max_values)
    if _WORDS.search(bare) or _BIG_EXPONENT.search(bare):
        return bad_shape("数值超出范围", "a number out of range")
    for m in _LONG_INT.finditer(bare):
        digits = m.group().lstrip(b"-")
        if len(digits) > 19 or not INT64_MIN <= int(m.group()) <= INT64_MAX:
            return bad_shape("整数超出 64 位范围", "an integer beyond 64 bits")
    brackets = bare.translate(None, _NON_BRACKETS)
    for _ in range(max_depth):
        if not brackets:
            return None
        inner = _PAIRS.sub(b"", brackets)  # one level of nesting per pass
        if len(inner) == len(brackets):
            return None  # unbalanced: the parser says what is wrong
        brackets = inner
    return bad_shape(f"嵌套超过 {max_depth} 层", f"nested deeper than {max_depth}") if brackets else None


def check_payload(payload: Any, limits: Limits) -> LimitExceeded | None:
    """One change's payload text (a JSON document inside the push), before it is parsed."""
    if not isinstance(payload, str):
        return None  # parse_change refuses it
    if len(payload) > limits.max_payload:
        return LimitExceeded("too_large", f"一条变更的内容太大（上限 {limits.max_payload // 1024} KB），已拒收。",
                             f"A change is too large (limit {limits.max_payload // 1024} KB); refused.", 422)
    return scan(payload.encode("utf-8", "surrogatepass"), max_depth=limits.max_depth, max_values=limits.max_values)


def int64(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and INT64_MIN <= value <= INT64_MAX


# -- rate and memory -----------------------------------------------------------------------------------------
class Buckets:
    """A token bucket per station: ``burst`` requests at once, refilled at ``rate`` per second."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._state: dict[Any, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: Any) -> float:
        """0 when the request may go ahead (a token is spent), else the seconds until a token is there."""
        now = self.clock()
        with self._lock:
            tokens, at = self._state.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            if tokens >= 1:
                self._state[key] = (tokens - 1, now)
                return 0.0
            self._state[key] = (tokens, now)
            return (1 - tokens) / self.rate


class Budget:
    """Body bytes held across requests; a reservation that does not fit is refused (no waiting queue)."""

    def __init__(self, total: int):
        self.total, self.used = total, 0
        self._lock = threading.Lock()

    def reserve(self, n: int) -> bool:
        with self._lock:
            if self.used + n > self.total:
                return False
            self.used += n
            return True

    def release(self, n: int) -> None:
        with self._lock:
            self.used -= n


# -- the middleware ------------------------------------------------------------------------------------------
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

#: routes a station may call without a credential
OPEN_ROUTES = frozenset({"/v1/enroll"})
PUSH_ROUTE = "/v1/push"


class HubLimits:
    """ASGI middleware: see the module's docstring. ``hub``: for the credential pre-check (``engine``)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], hub: Any,
                 limits: Limits | None = None):
        self.app, self.hub = app, hub
        self.limits = limits or Limits()
        self.buckets = Buckets(self.limits.rate, self.limits.burst)
        self.budget = Budget(self.limits.max_buffered)
        self._known: dict[str, tuple[Any, float]] = {}
        self._open: dict[Any, int] = {}  # requests of each station being read or worked on

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "POST" or not path.startswith("/v1/"):
            # the county console's forms (any path outside /v1) are signed-in people, not stations
            await self.app(scope, receive, send)
            return
        lim = self.limits
        cap = lim.max_push_body if path == PUSH_ROUTE else lim.max_open_body if path in OPEN_ROUTES else lim.max_body
        headers = dict(scope["headers"])
        station: Any = None
        try:
            if path not in OPEN_ROUTES:
                station = await self._station(headers.get(b"authorization"))
            length = _content_length(headers.get(b"content-length"))
            if length is not None and length > cap:
                raise too_large(cap)
            if station is not None and self._open.get(station, 0) >= lim.max_in_flight:
                raise LimitExceeded("rate_limited", "本站同时发来的同步请求太多，请 1 秒后再试（会自动重试）。",
                                    "Too many requests from this station at once; retry in 1 s (automatic).", 429, 1)
            if station is not None:
                wait = self.buckets.take(station)
                if wait:
                    secs = max(1, math.ceil(wait))
                    raise LimitExceeded("rate_limited", f"本站的同步请求太频繁，请 {secs} 秒后再试（会自动重试）。",
                                        f"Too many requests from this station; retry in {secs} s (automatic).",
                                        429, secs)
        except LimitExceeded as exc:
            await self._refuse(scope, send, exc, station)
            return
        hold = length if length is not None else cap
        if not self.budget.reserve(hold):
            await self._refuse(scope, send, LimitExceeded(
                "hub_busy", "县级平台正忙，请稍后再试（会自动重试）。", "The hub is busy; retry shortly (automatic).",
                503, 2), station)
            return
        if station is not None:  # the event loop's thread only: no lock needed
            self._open[station] = self._open.get(station, 0) + 1
        try:
            chunks: list[bytes] = []
            size = 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > cap:
                    await self._refuse(scope, send, too_large(cap), station)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            del chunks
            if len(body) > 256 * 1024:
                from anyio import to_thread

                problem = await to_thread.run_sync(self._scan, body)
            else:
                problem = self._scan(body)
            if problem is not None:
                await self._refuse(scope, send, problem, station)
                return
            await self.app(scope, _replay(body, receive), send)
        finally:
            self.budget.release(hold)
            if station is not None:
                self._open[station] -= 1
                if not self._open[station]:
                    del self._open[station]

    def _scan(self, body: bytes) -> LimitExceeded | None:
        return scan(body, max_depth=self.limits.max_depth, max_values=self.limits.max_values)

    async def _station(self, authorization: bytes | None) -> Any:
        """(county, code) of the credential, checked before the body is read; 401 for none or an unknown one.
        Known credentials are remembered a short while (the endpoint checks again, in its transaction)."""
        from anyio import to_thread

        from .enrollment import sha
        from .schema import HubStation

        value = (authorization or b"").decode("latin-1")
        credential = value[7:] if value.startswith("Bearer ") else ""
        digest = sha(credential)
        hit = self._known.get(digest)
        now = time.monotonic()
        if credential and hit is not None and hit[1] > now:
            return hit[0]
        station = None
        if credential:
            t = HubStation.__table__

            def lookup() -> Any:
                with self.hub.engine.connect() as conn:
                    return conn.execute(select(t.c.county_id, t.c.code).where(
                        t.c.credential_hash == digest, t.c.revoked_at.is_(None))).first()

            row = await to_thread.run_sync(lookup)
            station = (row.county_id, row.code) if row is not None else None
        if station is None:
            raise LimitExceeded("not_enrolled", "县级平台不认可本站的同步凭证（未登记或已被注销）。请联系县人大代表工委重新登记。",
                                "The hub does not accept this station's credential (not enrolled or revoked).", 401)
        if len(self._known) > 10_000:
            self._known.clear()
        self._known[digest] = (station, now + self.limits.credential_cache_s)
        return station

    async def _refuse(self, scope: Scope, send: Send, exc: LimitExceeded, station: Any) -> None:
        client = scope.get("client")
        who = f"{station[0]}/{station[1]}" if station else (client[0] if client else "?")
        log.warning("refused %s %s from %s: %s %s (%s)", scope["method"], scope["path"], who, exc.status, exc.code,
                    exc.message_en)
        import json

        body = refusal_body(exc)
        headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
        if exc.retry_after is not None:
            body["error"]["retry_after"] = exc.retry_after
            headers.append((b"retry-after", str(exc.retry_after).encode()))
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers.append((b"content-length", str(len(data)).encode()))
        await send({"type": "http.response.start", "status": exc.status, "headers": headers})
        await send({"type": "http.response.body", "body": data})


def _content_length(value: bytes | None) -> int | None:
    if value is None:
        return None
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise LimitExceeded("bad_message", "同步数据格式不正确：Content-Length 无效。", "Invalid Content-Length.", 400)
    return n


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> MutableMapping[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


DEFAULT_LIMITS = Limits()


def check_item(item: Any, limits: Limits = DEFAULT_LIMITS) -> Any:
    """One change of a push (over HTTP or from a USB bundle), before its payload is parsed: its outbox
    position a 64-bit integer, its payload within size, depth and number limits. Raises ``LimitExceeded``
    (the item alone is refused); returns the item."""
    if not isinstance(item, Mapping):
        return item  # parse_change refuses it
    seq = item.get("seq")
    if seq is not None and not int64(seq):
        log.warning("refused change %s: seq is not a 64-bit integer", str(item.get("change_id"))[:40])
        raise bad_shape("变更序号不是 64 位整数", "the change's seq is not a 64-bit integer")
    problem = check_payload(item.get("payload"), limits)
    if problem is not None:
        log.warning("refused change %s: %s (%s)", str(item.get("change_id"))[:40], problem.code, problem.message_en)
        raise problem
    return item
