"""Pushes of several stations at once on the real PostgreSQL. A push takes its sequence numbers last, just
before its commit (the county counter is locked only for that): a reader that follows the stream the way
``Hub.pull`` does (up to the head read first, in sequence order) must still see every accepted change
exactly once, however late the pushers commit."""

from __future__ import annotations

import random
import threading
import time

import pytest
from sqlalchemy import select

from liaison_desk.hub import push as hub_push
from liaison_desk.hub.schema import Counter, LedgerEntry
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.sync.push import pending_batch
from liaison_desk.services.sync.state import config

pytestmark = pytest.mark.postgres


def _page(hub, after: int, limit: int = 5) -> tuple[list[int], int, bool]:
    """``Hub.pull``'s reading rule over the whole county (every station's changes)."""
    with hub.tx() as s:
        head = s.scalar(select(Counter.seq).where(Counter.county_id == hub.county)) or 0
        seqs = list(s.scalars(select(LedgerEntry.seq).where(
            LedgerEntry.county_id == hub.county, LedgerEntry.seq > after, LedgerEntry.seq <= head)
            .order_by(LedgerEntry.seq).limit(limit)))
    full = len(seqs) == limit
    return seqs, (seqs[-1] if full else head), full


def test_concurrent_pushes_commit_in_sequence_order(pg_county, admin, monkeypatch):
    c = pg_county
    names = "张王李赵"
    stations = {f"LX0{i + 1}": c.add_station(f"LX0{i + 1}") for i in range(4)}
    for k, db in enumerate(stations.values()):
        for i in range(4):
            register_visit(db, admin, VisitInput(names[k] + names[i] + "某"), CaseInput(f"第{i}件事"))
    original = hub_push._refresh_statistics

    def late_commit(*args, **kwargs):  # runs under the counter lock, just before the commit
        original(*args, **kwargs)
        time.sleep(random.uniform(0, 0.02))

    monkeypatch.setattr(hub_push, "_refresh_statistics", late_commit)
    accepted: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def push_all(db) -> None:
        try:
            cfg = config(db)
            ref = c.hub.authenticate(cfg.credential)
            items = pending_batch(db)
            for i in range(0, len(items), 2):  # many small pushes, interleaved with the other stations'
                results = c.hub.push(ref, cfg.install_id, items[i:i + 2])
                with lock:
                    accepted.extend(r["seq"] for r in results if r["status"] == "accepted")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=push_all, args=(db,)) for db in stations.values()]
    before = _page(c.hub, 0, 10**6)[1]
    for t in threads:
        t.start()
    seen: list[int] = []
    cursor = before
    while True:
        finished = not any(t.is_alive() for t in threads)  # looked at before the read: nothing commits after
        seqs, cursor, more = _page(c.hub, cursor)
        seen += seqs
        if finished and not more:
            break
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(accepted) >= 4 * 4 * 3  # a visit, a case and its event at least, per visit
    assert sorted(seen) == sorted(accepted) == list(range(before + 1, before + len(accepted) + 1)), \
        "a change was skipped, seen twice, or a sequence number is missing"
