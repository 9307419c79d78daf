"""Minimisation (issue 17): an acknowledged change keeps what sync still needs (its id, position, record, clock
and the names of the fields it wrote), not the values: the visitor's phone and ID number leave the outbox once
the hub holds them."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from liaison_desk.db.models import OutboxEntry
from liaison_desk.domain.errors import DomainError
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from tests.sync.harness import Invariants, acked, assert_converged, pending

PHONE = "13912345678"


def _outbox_text(db) -> str:
    with db.session(write=False) as s:
        return "\n".join(s.scalars(select(OutboxEntry.payload)))


def test_an_acknowledged_change_no_longer_holds_the_visitors_phone(county, admin):
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("赵四", visitor_phone=PHONE, village="柳树湾村"),
                   CaseInput("路灯坏了，联系电话 13912345678"))
    assert PHONE in _outbox_text(a)  # pending: the hub has not got it yet
    assert county.sync("LX01").agreed
    assert not pending(a)
    text = _outbox_text(a)
    assert PHONE not in text and "赵四" not in text
    # what the protocol still needs is kept: every change, its clock and the names of its fields
    with a.session(write=False) as s:
        rows = s.execute(select(OutboxEntry.entity, OutboxEntry.payload)).all()
    visits = [json.loads(p) for e, p in rows if e == "visits"]
    assert visits and "visitor_phone" in visits[0]["fields"] and visits[0]["fields"]["visitor_phone"] is None
    assert not run_check(a).problems  # the hashes still hold (they are of what is kept)


def test_compaction_keeps_retry_and_later_rounds_whole(county, admin):
    """A response lost after the hub committed: the change is still pending (its payload whole) and is sent
    again; after the answer it is compacted. Later edits and rounds still agree."""
    a = county.add_station("LX01")
    inv = Invariants(county)
    county.net.faults.append(("/v1/push", "drop_response"))
    register_visit(a, admin, VisitInput("赵四", visitor_phone=PHONE), CaseInput("水渠堵了"))
    with pytest.raises(DomainError):  # the injected loss surfaces as "unreachable"
        county.sync("LX01")
    inv.check()
    assert PHONE in _outbox_text(a)  # not acknowledged: kept whole for the retry
    assert county.sync("LX01").agreed
    inv.check()
    assert PHONE not in _outbox_text(a)
    assert acked(a)
    county.add_station("LX02")
    inv.quiet_and_converged()
    assert_converged(county)


def test_changes_acknowledged_by_an_earlier_release_are_compacted_by_the_daily_run(db, admin):
    """A station upgraded with years of acknowledged changes kept whole: the first daily run compacts them
    (in chunks), once."""
    from liaison_desk.services.admin import retention

    for i in range(5):
        register_visit(db, admin, VisitInput("赵" + "甲乙丙丁戊"[i], visitor_phone=PHONE), CaseInput("水渠堵了"))
    with db.session() as s:  # what an earlier release left: acknowledged, whole
        s.execute(OutboxEntry.__table__.update().values(acked_at=OutboxEntry.created_at))
    assert PHONE in _outbox_text(db)
    assert retention.compact_all(db, chunk=7) > 20
    assert PHONE not in _outbox_text(db) and "赵乙" not in _outbox_text(db)
    assert retention.compact_all(db) == 0  # once
    assert not run_check(db).problems
    first = retention.scheduled_retention(db)
    assert first is not None and first.outbox == 0
