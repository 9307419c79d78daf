"""Sync with the county hub, station side: rounds of hello → push → pull → verify (→ repair).

Nothing here keeps an "in flight" state: an outbox change is pending until the hub's answer is recorded,
and the pull cursor moves in the same transaction as the changes it covers. A crash anywhere therefore
leaves a state the next round simply continues from (a replayed push gets the hub's stored answer).

The package, lowest first: ``state`` (the sync facts in ``local_state``), ``client`` (the wire), ``report``
(what a round did), ``apply`` (other replicas' changes into this database), ``push``, ``pull``,
``verify`` (digests and repair), ``enroll`` (enrollment, online or by file, and case numbers two copies
used), ``bundle`` (USB files), ``status`` (what staff see), and this module, which runs a round.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select

from ...db.database import Database
from ...db.models import OutboxEntry
from ...db.models_sync import SyncDeferred
from ...domain.errors import DomainError
from ...sync.protocol import PULL_PAGE, SyncRefused
from .. import changes as chg
from ..context import Actor
from . import state
from .apply import retry_deferred
from .client import HubClient, HubUnreachable, Send, client_for, keepalive_send, unreachable, urllib_send
from .enroll import enroll_online, settle_numbers
from .pull import apply_page, next_note, note_applied, pull_all
from .push import pending_items, push_then_pull
from .report import SyncReport
from .status import ConflictView, SyncStatus, list_conflicts, resolve_conflict, sync_status
from .verify import verify_and_repair

#: Imported from here by the desk, the command line and tests (they live in the modules named above).
__all__ = [
    "ConflictView", "HubClient", "HubUnreachable", "RoundStart", "Send", "SyncReport", "SyncStatus", "apply_page",
    "client_for", "enroll", "hello", "keepalive_send", "list_conflicts", "next_note", "note_applied", "pull_all",
    "resolve_conflict", "round_start", "sync_round", "sync_status", "unreachable", "urllib_send",
]

#: The online enrollment alone (``enroll.enroll`` also settles case numbers): the name callers know.
enroll = enroll_online


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
                                                first=None if start.cfg.numbers_check else start.items,
                                                notes=report.notes)
        report.pushed, report.rejected = pushed, rejected
        # held-back changes are retried after the push cleared our pending ones; none held back at the
        # start (a round's pulls are what adds them): nothing to retry
        if start.deferred:
            report.applied += retry_deferred(db, report)
        digest = info.get("digest")
        if page is not None or pushed or rejected or cfg.rebootstrap or cfg.cursor < int(info.get("head") or 0):
            digest = pull_all(db, client, report, PULL_PAGE, first_page=page, cfg=cfg)
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
    mine: str | uuid.UUID | None
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
    # after an enrollment: case numbers another copy also used
    settle_numbers(db, client, report, scheduled=start.cfg.numbers_check if start is not None else None)
    return answer
