"""The station's side of the wire: how a request reaches the hub (``Send``: the standard library's HTTP, one
kept-alive connection, or a test's fake), the JSON client every sync step uses, and the error that means
"no answer" (nothing was lost; the next round retries)."""

from __future__ import annotations

import http.client
import ipaddress
import json
import logging
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from ...db.database import Database
from ...domain.errors import DomainError
from ...sync.protocol import PROTOCOL_VERSION, SyncRefused, error_from_body
from . import state

Send = Callable[[str, bytes, dict[str, str]], tuple[int, bytes]]
log = logging.getLogger(__name__)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(url: str, *, allow_http: bool = False) -> None:
    """Plain ``http://`` only to this PC (loopback) or when the station's setting allows it (logged):
    over the county's network the credential and every record would travel readable."""
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme != "http":
        raise SyncRefused("bad_hub_url", f"县级平台地址应以 https:// 开头：{url}",
                          message_en=f"The hub address must start with https://: {url}")
    if is_loopback(parts.hostname):
        return
    if allow_http:
        log.warning("plain http to the hub %s: allowed by the station's setting %s", url, state.ALLOW_HTTP)
        return
    raise SyncRefused("plain_http", f"县级平台地址 {url} 没有加密（http://），本站不会用它传送记录；请改用 https:// 地址。",
                      message_en=f"The hub address {url} is not encrypted (http://); this station will not send "
                                 "records over it. Use the https:// address.")


def tls_context(cert_pem: str | None) -> ssl.SSLContext:
    """Verify the hub against the certificate pinned at enrollment (self-signed for an intranet name or
    address: no internet CA); without one, against the system's CAs."""
    if cert_pem:
        return ssl.create_default_context(cadata=cert_pem)
    return ssl.create_default_context()


def secure_send(url: str, *, cert_pem: str | None = None, allow_http: bool = False) -> Send:
    """The real network for a station: ``check_address``, then HTTPS verified by ``tls_context``."""
    check_address(url, allow_http=allow_http)
    return keepalive_send(url, context=tls_context(cert_pem) if url.startswith("https") else None)


class HubUnreachable(DomainError):
    """No answer (or half an answer) from the hub: nothing was lost, the next round retries."""


def urllib_send(base_url: str, timeout: float = 60.0, context: ssl.SSLContext | None = None) -> Send:
    """HTTP with the standard library (the desk needs no extra package for it)."""
    def send(path: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        req = urllib.request.Request(base_url.rstrip("/") + path, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout, context=context) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise unreachable(str(exc)) from None
    return send


def keepalive_send(base_url: str, timeout: float = 60.0, context: ssl.SSLContext | None = None) -> Send:
    """HTTP/1.1 with one kept-alive connection for the client's requests (a round's hello and push then
    share one TCP connection instead of one each). Falls back to ``urllib_send`` when a proxy is set for
    the hub's address (urllib honours the proxy settings). A request on a reused connection that the hub
    had already closed is sent once more on a new one: every message is safe to repeat (push is
    idempotent by change id)."""
    import threading
    import urllib.parse

    parts = urllib.parse.urlsplit(base_url)
    proxies = urllib.request.getproxies()
    if parts.scheme not in ("http", "https") or (proxies.get(parts.scheme) and not urllib.request.proxy_bypass(
            parts.hostname or "")):
        return urllib_send(base_url, timeout, context)
    prefix = parts.path.rstrip("/")
    lock = threading.Lock()
    conn: list[http.client.HTTPConnection] = []

    def connect() -> http.client.HTTPConnection:
        if parts.scheme == "https":
            return http.client.HTTPSConnection(parts.hostname or "", parts.port, timeout=timeout,
                                               context=context or ssl.create_default_context())
        return http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)

    def send(path: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        with lock:
            for attempt in (0, 1):
                reused = bool(conn)
                if not conn:
                    conn.append(connect())
                try:
                    conn[0].request("POST", prefix + path, body=data, headers=headers)
                    resp = conn[0].getresponse()
                    body = resp.read()
                    if resp.will_close:
                        conn.pop().close()
                    return resp.status, body
                except (TimeoutError, OSError, http.client.HTTPException) as exc:
                    conn.pop().close()
                    if not (reused and attempt == 0 and isinstance(
                            exc, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError))):
                        raise unreachable(str(exc)) from None
            raise unreachable("connection closed")  # pragma: no cover - the loop returns or raises

    return send


def first_contact_send(base_url: str, timeout: float = 60.0) -> tuple[Send, list[bytes]]:
    """HTTPS to a hub whose certificate this station does not know yet (its first enrollment by token):
    not verified here; every peer certificate seen is kept (DER) so the caller can compare it with the
    certificate in the hub's signed answer, and refuse when they differ."""
    import urllib.parse

    parts = urllib.parse.urlsplit(base_url)
    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    seen: list[bytes] = []

    def send(path: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        conn = http.client.HTTPSConnection(parts.hostname or "", parts.port, timeout=timeout, context=ctx)
        try:
            conn.request("POST", parts.path.rstrip("/") + path, body=data, headers=headers)
            sock = conn.sock
            if isinstance(sock, ssl.SSLSocket):
                seen.append(sock.getpeercert(binary_form=True) or b"")
            resp = conn.getresponse()
            return resp.status, resp.read()
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise unreachable(str(exc)) from None
        finally:
            conn.close()

    return send, seen


def unreachable(detail: str) -> HubUnreachable:
    return HubUnreachable("hub_unreachable", f"连不上县级平台（{detail}）。数据都在本机，稍后会自动重试。",
                          message_en=f"Cannot reach the county hub ({detail}). Nothing is lost; will retry.")


class HubClient:
    """JSON over POST; every body carries the protocol version; refusals become ``DomainError``s."""

    def __init__(self, url: str, credential: str | None = None, send: Send | None = None, *,
                 cert_pem: str | None = None, allow_http: bool = False):
        self.url = url
        self.credential = credential
        self.sleep: Callable[[float], None] = time.sleep
        #: a push body the hub took, learned from a 413 (``push.push_then_pull``); None: its default limit
        self.push_max_bytes: int | None = None
        self.send = send or secure_send(url, cert_pem=cert_pem, allow_http=allow_http)

    def call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        data = json.dumps({"protocol": PROTOCOL_VERSION, **body}, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.credential:
            headers["Authorization"] = f"Bearer {self.credential}"
        for attempt in range(RETRY_TRIES):
            status, raw = self.send(path, data, headers)
            try:
                answer = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                if status == 200:
                    raise unreachable("答复不完整 / incomplete answer") from None
                answer = None
            wait = retry_after(status, answer)
            if wait is None or wait > MAX_RETRY_WAIT or attempt == RETRY_TRIES - 1:
                break
            self.sleep(wait)  # the hub is busy or this station is over its rate: wait as told, once more
        if status != 200 or not isinstance(answer, dict):
            err = error_from_body(answer, status)
            if status == 413:  # the request as a whole: a push cuts it smaller (``push.push_then_pull``)
                raise RequestTooLarge(err.code, err.message, message_en=err.message_en)
            raise err
        return answer


class RequestTooLarge(SyncRefused):
    """The hub refused a request for its size (HTTP 413), before reading it: nothing was taken."""


#: the hub's "retry after" (429, 503; ``hub/limits.py``) is honoured this many tries, for waits up to this long
RETRY_TRIES, MAX_RETRY_WAIT = 4, 30.0


def retry_after(status: int, answer: Any) -> float | None:
    """Seconds the hub asked to wait before trying again, or None."""
    err = answer.get("error") if status in (429, 503) and isinstance(answer, dict) else None
    wait = err.get("retry_after") if isinstance(err, dict) else None
    return float(wait) if isinstance(wait, (int, float)) and not isinstance(wait, bool) and wait >= 0 else None


def client_for(db: Database, url: str | None = None, send: Send | None = None, *,
               cfg: state.SyncConfig | None = None) -> HubClient:
    cfg = cfg or state.config(db)
    if not cfg.credential:
        raise SyncRefused("not_enrolled", "本站还没有在县级平台登记。请先运行 enroll（需要县人大代表工委给的登记码）。",
                          message_en="This station is not enrolled with a county hub yet: run enroll first.")
    return HubClient(url or cfg.url or "", cfg.credential, send, cert_pem=cfg.hub_cert, allow_http=cfg.allow_http)
