"""Pull: the hub's accepted changes in our scope, page by page in sequence order; each page and the cursor
after it commit together, so a crash never skips or repeats a change (applying is idempotent anyway)."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from sqlalchemy.exc import OperationalError

from ...db.database import Database, get_local, get_locals, set_local, set_locals
from ...domain.errors import DomainError
from ...sync.protocol import PULL_PAGE, Change, parse_change
from .. import changes as chg
from . import state
from .apply import apply_change, apply_held, begin_remote, own_changes, pending_ids
from .client import HubClient
from .report import SyncReport

log = logging.getLogger(__name__)


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
    """One page and the cursor after it, in one transaction; returns that cursor.

    A change that cannot be applied (it raises) does not stop the page, nor every round after it: the page
    is applied again one change at a time, each in a savepoint, and that change is quarantined
    (``apply.quarantine``: kept, retried, shown to staff) while the others and the cursor go in. The first
    try has no savepoints: they cost time on every page for a fault that is rare."""
    changes = [parse_change(item) for item in page.get("changes", [])]
    tally = SyncReport()
    try:
        cursor = _apply_page(db, page, changes, tally, after, careful=False)
    except (OperationalError, DomainError):
        raise
    except Exception:
        log.warning("a pulled change could not be applied: the page is applied again change by change",
                    exc_info=True)
        tally = SyncReport()
        cursor = _apply_page(db, page, changes, tally, after, careful=True)
    report.pulled += tally.pulled
    report.applied += tally.applied
    report.deferred += tally.deferred
    report.changes |= tally.changes
    return cursor


def _apply_page(db: Database, page: dict[str, Any], changes: list[Change], report: SyncReport, after: int | None,
                *, careful: bool) -> int:
    apply = apply_held if careful else apply_change
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
            outcome = apply(db, s, ch, pending=pend)
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
