"""Sync with the county hub, station side: enroll, then rounds of hello → push → pull → verify (→ repair).

Nothing here keeps an "in flight" state: an outbox change is pending until the hub's answer is recorded,
and the pull cursor moves in the same transaction as the changes it covers. A crash anywhere therefore
leaves a state the next round simply continues from (a replayed push gets the hub's stored answer).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, select

from ...db.database import Database, get_local, get_locals, set_local, set_locals
from ...db.models import OutboxEntry, Station
from ...db.models_sync import SyncConflict, SyncDeferred
from ...domain.errors import DomainError
from ...sync.protocol import PROTOCOL_VERSION, PULL_PAGE, SyncRefused, error_from_body
from .. import changes as chg
from ..context import Actor
from . import state
from .apply import apply_change, begin_remote, retry_deferred
from .push import pending_items, push_then_pull
from .verify import verify_and_repair

Send = Callable[[str, bytes, dict[str, str]], tuple[int, bytes]]


class HubUnreachable(DomainError):
    """No answer (or half an answer) from the hub: nothing was lost, the next round retries."""


def urllib_send(base_url: str, timeout: float = 60.0) -> Send:
    """HTTP with the standard library (the desk needs no extra package for it)."""
    def send(path: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        req = urllib.request.Request(base_url.rstrip("/") + path, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise unreachable(str(exc)) from None
    return send


def keepalive_send(base_url: str, timeout: float = 60.0) -> Send:
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
        return urllib_send(base_url, timeout)
    prefix = parts.path.rstrip("/")
    lock = threading.Lock()
    conn: list[http.client.HTTPConnection] = []

    def connect() -> http.client.HTTPConnection:
        if parts.scheme == "https":
            import ssl

            return http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)

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


def unreachable(detail: str) -> HubUnreachable:
    return HubUnreachable("hub_unreachable", f"连不上县级平台（{detail}）。数据都在本机，稍后会自动重试。",
                          message_en=f"Cannot reach the county hub ({detail}). Nothing is lost; will retry.")


class HubClient:
    """JSON over POST; every body carries the protocol version; refusals become ``DomainError``s."""

    def __init__(self, url: str, credential: str | None = None, send: Send | None = None):
        self.url = url
        self.credential = credential
        self.send = send or keepalive_send(url)

    def call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        data = json.dumps({"protocol": PROTOCOL_VERSION, **body}, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.credential:
            headers["Authorization"] = f"Bearer {self.credential}"
        status, raw = self.send(path, data, headers)
        try:
            answer = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            if status == 200:
                raise unreachable("答复不完整 / incomplete answer") from None
            answer = None
        if status != 200 or not isinstance(answer, dict):
            raise error_from_body(answer, status)
        return answer


@dataclass
class SyncReport:
    """What one round did, for the command line and the status bar."""

    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    applied: int = 0
    deferred: int = 0
    repaired: int = 0
    agreed: bool = False
    differing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rebootstrapped: bool = False
    changes: chg.Changes = chg.EMPTY  # what the applied changes and repairs touched, for open screens


# -- enrollment --------------------------------------------------------------------------------------------
def enroll(db: Database, actor: Actor, hub_url: str, token: str, *, send: Send | None = None) -> str:
    """Exchange the county's one-time token for this station's credential; returns the county's name."""
    from ...domain.workflow import Role

    actor.require(Role.ADMIN, Role.STAFF, what="登记同步")
    state.require_syncable(db)
    with db.session(write=False) as s:
        st = s.get(Station, db.station_id())
        code = st.code
    install_id = str(uuid.uuid4())
    client = HubClient(hub_url, None, send)
    answer = client.call("/v1/enroll", {"token": token.strip(), "station_id": str(db.station_id()),
                                        "station_code": code, "install_id": install_id})
    with db.session() as s:
        set_local(s, state.URL, hub_url)
        set_local(s, state.CREDENTIAL, answer["credential"])
        set_local(s, state.INSTALL, install_id)
        set_local(s, state.COUNTY, answer.get("county", ""))
        if get_local(s, state.CURSOR) is None:
            set_local(s, state.CURSOR, "0")
            set_local(s, state.REBOOTSTRAP, "1")  # a first sync also fetches what the hub holds of ours
    return answer.get("county", "")


def client_for(db: Database, url: str | None = None, send: Send | None = None, *,
               cfg: state.SyncConfig | None = None) -> HubClient:
    cfg = cfg or state.config(db)
    if not cfg.credential:
        raise SyncRefused("not_enrolled", "本站还没有在县级平台登记。请先运行 enroll（需要县人大代表工委给的登记码）。",
                          message_en="This station is not enrolled with a county hub yet: run enroll first.")
    return HubClient(url or cfg.url, cfg.credential, send)


# -- one round -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoundStart:
    """What a round reads before it says hello, in one read transaction: its settings, the outbox's last
    position, the first push batch, whether any incoming change is held back, and the change ids of the
    outbox positions the hub is likely to ask about (its last one of ours is normally the position just
    before our first pending change)."""

    cfg: state.SyncConfig
    max_seq: int
    items: list[dict[str, Any]]
    deferred: bool
    known: dict[int, str]


def _start_query():
    """The outbox's last position, whether anything is held back, and the last outbox row before
    ``before`` (position and change id)."""
    t = OutboxEntry.__table__
    last = select(t.c.seq, t.c.change_id).where(t.c.seq < bindparam("before")).order_by(t.c.seq.desc()).limit(1)
    return select(select(func.max(t.c.seq)).scalar_subquery(), select(SyncDeferred.__table__.c.change_id).exists(),
                  last.with_only_columns(t.c.seq).scalar_subquery(),
                  last.with_only_columns(t.c.change_id).scalar_subquery())


_START = _start_query()


def round_start(db: Database) -> RoundStart:
    with db.session(write=False) as s:
        cfg = state.read_config(s)
        items = pending_items(s)
        before = items[0]["seq"] if items else 2**62  # no pending change: the last row
        max_seq, deferred, last_seq, last_id = s.execute(_START, {"before": before}).one()
    known = {i["seq"]: i["change_id"] for i in items}
    if last_seq is not None:
        known[last_seq] = str(last_id)
    return RoundStart(cfg, max_seq or 0, items, bool(deferred), known)


def sync_round(db: Database, actor: Actor | None = None, *, url: str | None = None, send: Send | None = None,
               client: HubClient | None = None) -> SyncReport:
    """One full round: hello, push every pending change, pull every page, compare digests and repair.

    ``agreed`` is true only when the station and the hub hold the same records at the end."""
    start = round_start(db)
    cfg = start.cfg
    if cfg.training:
        state.require_syncable(db)
    client = client or client_for(db, url, send, cfg=cfg)
    report = SyncReport()
    try:
        info = hello(db, client, report, cfg, start=start)
        cfg = state.config(db) if report.rebootstrapped else cfg
        # the last push batch brings the first pull page back with its answer (one request fewer); the
        # first batch read at the start still holds unless the case numbers were settled (which may
        # rewrite pending changes)
        pull = {"after": cfg.cursor, "limit": PULL_PAGE, "include_own": cfg.rebootstrap}
        pushed, rejected, page = push_then_pull(db, client, install_id=cfg.install_id, pull=pull,
                                                first=None if start.cfg.numbers_check else start.items)
        report.pushed, report.rejected = pushed, rejected
        # held-back changes are retried after the push cleared our pending ones; none held back at the
        # start (a round's pulls are what adds them): nothing to retry
        if start.deferred:
            report.applied += retry_deferred(db, report)
        digest = info.get("digest")
        if page is not None or pushed or rejected or cfg.rebootstrap or cfg.cursor < int(info.get("head") or 0):
            digest = pull_all(db, client, report, first_page=page, cfg=cfg)
            if start.deferred or report.deferred:
                report.applied += retry_deferred(db, report)
        # a round with nothing to do ends here: one request, and digests compared from cache on both sides;
        # when they agree, the outcome is recorded with the digests (one transaction)
        recorded = verify_and_repair(db, client, report, digest, outcome=True)
    except DomainError as exc:
        state.record_outcome(db, ok=False, message=exc.message)
        raise
    if not recorded:
        state.record_outcome(db, ok=report.agreed, message="" if report.agreed else "; ".join(report.notes))
    if report.pushed or report.rejected:
        report.changes |= chg.lists(chg.COUNTERS)  # the pending-sync count
    return report


def hello(db: Database, client: HubClient, report: SyncReport, cfg: state.SyncConfig | None = None, *,
          start: RoundStart | None = None) -> dict[str, Any]:
    """The first message. Detects a database restored from an old backup (its outbox is behind what the hub
    has already seen) and a copy that went its own way (a different change at a position the hub knows).
    ``start``: what the round read first (the outbox's last position, change ids the hub may ask about)."""
    cfg = cfg or state.config(db)
    max_seq = start.max_seq if start is not None else state.outbox_max_seq(db)
    answer = client.call("/v1/hello", {"install_id": cfg.install_id, "outbox_max_seq": max_seq,
                                       "station_id": str(db.station_id())})
    state.check_clock(db, answer.get("hub_time_ms"), report)
    hub_last = int(answer.get("last_outbox_seq") or 0)
    probe_seq, probe = int(answer.get("probe_seq") or 0), answer.get("probe_change_id")
    if not probe_seq:
        mine = None
    elif start is not None and probe_seq in start.known:  # outbox rows never change their change id
        mine = start.known[probe_seq]
    else:
        mine = state.outbox_change_at(db, probe_seq)
    if probe and mine is not None and str(mine) != probe:
        # The hub holds a different change of ours at this position: this file and the one the hub has
        # been hearing from went separate ways (a copy on a second PC, or a backup restored and used
        # before syncing). Continuing could give two records one case number.
        raise SyncRefused("replica_forked",
                          "本机数据库与县级平台记录的本站数据不一致（可能被拷贝到另一台电脑上分别使用，或恢复备份后未同步就继续登记）。"
                          "为避免重复记录，本机暂停同步；数据没有丢失，请联系县人大代表工委。",
                          message_en="This database diverged from what the hub has of this station (copied to a "
                          "second PC, or a backup restored and used before syncing). Sync is paused to avoid "
                          "duplicates; nothing was lost.")
    if max_seq < hub_last:
        # Behind the hub on the same history: restored from a backup (or an old copy). Take a new sync
        # identity and fetch back what the lost copy had sent; ids are unchanged, so nothing duplicates.
        new_install = str(uuid.uuid4())
        client.call("/v1/hello", {"install_id": new_install, "rebootstrap": True})
        state.start_rebootstrap(db, new_install)
        report.rebootstrapped = True
        report.notes.append("本机数据库比县级平台记录的旧（可能从备份恢复），已重新取回本站数据。")
    from .enroll import settle_numbers  # after an enrollment: case numbers another copy also used

    settle_numbers(db, client, report, scheduled=start.cfg.numbers_check if start is not None else None)
    return answer


def pull_all(db: Database, client: HubClient, report: SyncReport, limit: int | None = None, *,
             first_page: dict[str, Any] | None = None, cfg: state.SyncConfig | None = None) -> dict | None:
    """Pages in sequence order; each page and the cursor after it commit together. Returns the hub's
    digests sent with the last page. ``first_page``: the page the push answer carried (asked from our
    cursor, read after the push committed), applied like a page pulled now; ``cfg``: the round's settings,
    still current (nothing moved the cursor since they were read). After a page the cursor is the one
    ``apply_page`` committed with it."""
    limit = limit or PULL_PAGE
    cfg = cfg or state.config(db)
    cursor = cfg.cursor
    while True:
        page, first_page = first_page, None
        if page is None:
            page = client.call("/v1/pull", {"after": cursor, "limit": limit, "include_own": cfg.rebootstrap})
        if int(page.get("head", 0)) < cursor:
            # The hub is behind our cursor: it was restored from a backup. Read its stream again from the
            # start (applying is idempotent) and let the digests find what it lost.
            with db.session() as s:
                set_local(s, state.CURSOR, "0")
            cursor = 0
            report.notes.append("县级平台的数据比本站记录的旧（可能从备份恢复），已从头重新核对。")
            continue
        cursor = apply_page(db, page, report)
        if not page.get("more"):
            if cfg.rebootstrap:
                with db.session() as s:
                    set_local(s, state.REBOOTSTRAP, "0")
            return page.get("digest")


def apply_page(db: Database, page: dict[str, Any], report: SyncReport, *, after: int | None = None) -> int:
    """One page and the cursor after it, in one transaction; returns that cursor."""
    from ...sync.protocol import parse_change
    from .apply import own_changes, pending_ids

    changes = [parse_change(item) for item in page.get("changes", [])]
    with db.session() as s:
        begin_remote(s)
        known = get_locals(s, (state.CURSOR, state.APPLY_VERSION, state.APPLIED) if changes else (state.CURSOR,))
        cursor = int(known.get(state.CURSOR) or 0)
        if after is not None and after > cursor:
            raise DomainError("bundle_gap", "这个回执文件接在一个尚未导入的文件之后，请先导入更早的回执。",
                              message_en="This answer follows one not imported yet: import the earlier one first.")
        pend = pending_ids(s, [uuid.UUID(c.entity_id) for c in changes])
        own = own_changes(s, [uuid.UUID(c.change_id) for c in changes])
        for ch in changes:
            if uuid.UUID(ch.change_id) in own:
                continue  # our own change coming back (a first sync, a re-bootstrap): already here
            outcome = apply_change(db, s, ch, pending=pend)
            if outcome == "applied":
                report.changes |= chg.of_record(ch.entity, ch.entity_id, ch.fields)
            report.pulled += 1
            report.applied += outcome == "applied"
            report.deferred += outcome == "deferred"
        cursor = max(cursor, int(page.get("next", cursor)))
        values = {state.CURSOR: str(cursor)}
        if changes:  # the apply version bumped (``sync_apply.bump_version``), and the tables noted
            version = int(known.get(state.APPLY_VERSION) or 0)
            values[state.APPLY_VERSION] = str(version + 1)
            values[state.APPLIED] = next_note(known.get(state.APPLIED), version, {ch.entity for ch in changes})
        set_locals(s, values)
    return cursor


def note_applied(s, version: int, entities: set[str]) -> None:
    """Which tables a page touched, for the digest cache (``sync_verify._dirty_tables``): extends the note
    when it ends at the version this page started from, else starts a new one."""
    set_local(s, state.APPLIED, next_note(get_local(s, state.APPLIED), version, entities))


def next_note(current: str | None, version: int, entities: set[str]) -> str:
    """The note ``note_applied`` writes, given the current one."""
    note = json.loads(current or "null")
    if note and note.get("to") == version:
        note = {"from": note["from"], "to": version + 1, "entities": sorted(set(note["entities"]) | entities)}
    else:
        note = {"from": version, "to": version + 1, "entities": sorted(entities)}
    return json.dumps(note)


# -- what staff see ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConflictView:
    id: int
    kind: str
    entity: str
    entity_id: str
    field: str | None
    kept: Any
    lost: Any
    reason: str
    detected_at: dt.datetime
    resolved_at: dt.datetime | None = None


def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[ConflictView]:
    with db.session(write=False) as s:
        q = select(SyncConflict).order_by(SyncConflict.id)
        if not include_resolved:
            q = q.where(SyncConflict.resolved_at.is_(None))
        out = []
        for c in s.scalars(q):
            out.append(ConflictView(c.id, c.kind, c.entity, str(c.entity_id), c.field,
                                    json.loads(c.kept_value) if c.kept_value and c.kind == "field" else c.kept_value,
                                    json.loads(c.lost_value) if c.lost_value and c.kind == "field" else c.lost_value,
                                    c.reason, c.detected_at, c.resolved_at))
        return out


def resolve_conflict(db: Database, actor: Actor, conflict_id: int) -> chg.Changes:
    """Mark a conflict as reviewed (the losing value stays on record)."""
    from ...domain.workflow import Role

    actor.require(Role.ADMIN, Role.STAFF, what="处理同步冲突")
    with db.session() as s:
        c = s.get(SyncConflict, conflict_id)
        if c is None:
            raise DomainError("not_found", f"没有编号为 {conflict_id} 的同步冲突。", message_en="No such conflict.")
        c.resolved_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return chg.lists(chg.CONFLICTS)


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    training: bool
    hub_url: str | None
    last_ok: dt.datetime | None
    last_error: str | None
    pending: int
    conflicts: int


def sync_status(db: Database) -> SyncStatus:
    from ...db.models import OutboxEntry

    cfg = state.config(db)
    with db.session(write=False) as s:
        pending = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None)))
        conflicts = s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None)))
    return SyncStatus(bool(cfg.credential), cfg.training, cfg.url, cfg.last_ok, cfg.last_error, pending or 0,
                      conflicts or 0)
