"""Merge rules, pure: how one incoming change combines with a replica's copy of a record.

Every replica (hub and stations) runs the same function, so the same set of changes gives the same record
whatever order they arrive in:

- ``append_only`` (visits, case events): a union by id; a second copy of an insert changes nothing.
- ``editable`` and ``reference``: newest edit wins **per field**, ordered by hybrid logical clock. The
  losing value is returned as a ``Conflict`` to keep, when the two writes were concurrent (the writer had not
  seen the value it replaced: its ``base`` clock is older) or when the incoming write is the loser. An edit
  orders after the value it replaced (``order_stamp``): a later real edit never loses to the value it saw
  because that one was stamped by a PC whose clock ran years ahead.
- deletions are tombstones: the newest deletion stamp is kept, the record stays. Re-adding a deleted record
  (an ``insert`` that carries a ``base``: the writer saw the tombstone) is a new version: it brings the record
  back when it is newer than the deletion; a deletion older than the newest re-adding changes no field of
  state. Existence is thus newest-wins too, and the same in every arrival order.
- the record's own ``hlc`` is the newest stamp applied to it, ``created_hlc`` the oldest insert — except
  that a redaction of a case event (an erasure taking a person out of its text, ``keeps_place``) leaves the
  event's ``hlc`` where it was: that stamp is the event's place in its case's history. Its field clock
  still moves, so the redaction wins over the older text on every replica.

Case state is not merged at all: it is the fold of the case's events (``domain.workflow.fold``), recomputed
on each replica. Who may write what (hub-owned reference data, a station's own records) is decided before
this function by the hub and the station.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..domain.hlc import HLC, stamp_after
from .protocol import Change

APPLIED, NOOP, ORPHAN = "applied", "noop", "orphan"
#: Kept with a record's field clocks: the stamp of its newest re-adding after a deletion (not a field).
REVIVED = "~revived"


#: How a redaction's mark is spelled in a canonical payload (``services.admin.retention`` writes it).
REDACT_MARK = '"redact":true'


def is_redaction(ch: Change) -> bool:
    """An update that takes personal values out of a record (an erasure or the retention rule)."""
    return ch.op == "update" and REDACT_MARK in ch.payload and json.loads(ch.payload).get("redact") is True


def keeps_place(ch: Change) -> bool:
    """A redaction of a case event: the event keeps its own stamp (its place in the case's history)."""
    return ch.entity == "case_events" and is_redaction(ch)


def order_stamp(ch: Change) -> str:
    """Where a change sorts among a record's writes: its stamp, or just after its ``base`` when the writer's
    clock was behind what it had seen (a value stamped in the future, by a PC whose date was wrong). The
    same on every replica: it depends on the change alone."""
    if ch.base is None or ch.hlc > ch.base:
        return ch.hlc
    return stamp_after(HLC.decode(ch.hlc), HLC.decode(ch.base)).encode()


@dataclass(frozen=True)
class RecordState:
    """A replica's copy of one record, as the merge sees it (values spelled as in payloads)."""

    fields: Mapping[str, Any]
    created_hlc: str
    hlc: str
    origin: str
    deleted_hlc: str | None = None
    field_hlcs: Mapping[str, str] = field(default_factory=dict)  # sparse: a missing field is at created_hlc

    def clock_of(self, name: str) -> str:
        return self.field_hlcs.get(name, self.created_hlc)


@dataclass(frozen=True)
class Conflict:
    """A value that lost a newest-edit-wins merge; kept so staff can review it and restore it if needed."""

    field: str
    kept_value: Any
    kept_hlc: str
    lost_value: Any
    lost_hlc: str
    lost_change_id: str | None = None


@dataclass(frozen=True)
class MergeResult:
    outcome: str  # applied | noop | orphan (an update or delete for a record this replica does not hold)
    state: RecordState | None
    conflicts: tuple[Conflict, ...] = ()


def merge(current: RecordState | None, ch: Change, kind: str) -> MergeResult:
    revival = ch.op == "insert" and ch.base is not None
    if current is None:
        if ch.op != "insert":
            return MergeResult(ORPHAN, None)
        return MergeResult(APPLIED, RecordState(dict(ch.fields), ch.hlc, ch.hlc, ch.origin,
                                                field_hlcs={REVIVED: ch.hlc} if revival else {}))
    if ch.op == "delete":
        # a tombstone may carry the fields changed in the same save: merge those first
        merged = _merge_fields(current, ch) if ch.fields else MergeResult(NOOP, current)
        base = merged.state
        assert base is not None  # merging fields into a record always leaves one
        revived = current.field_hlcs.get(REVIVED)
        deleted = base.deleted_hlc if revived is not None and ch.hlc <= revived else \
            max(current.deleted_hlc or ch.hlc, ch.hlc)
        new = replace(base, deleted_hlc=deleted, hlc=max(base.hlc, ch.hlc))
        return MergeResult(APPLIED if new != current else NOOP, new, merged.conflicts)
    if revival:
        # the fields as an edit made after the tombstone the writer saw (``base``), then existence
        merged = _merge_fields(current, replace(ch, op="update"))
        st = merged.state
        assert st is not None  # as above
        deleted = st.deleted_hlc if st.deleted_hlc is not None and st.deleted_hlc > ch.hlc else None
        clocks = {**st.field_hlcs, REVIVED: max(st.field_hlcs.get(REVIVED, ch.hlc), ch.hlc)}
        new = replace(st, deleted_hlc=deleted, field_hlcs=clocks)
        return MergeResult(APPLIED if new != current else NOOP, new, merged.conflicts)
    if ch.op == "insert" and kind == "append_only" and dict(ch.fields) == dict(current.fields):
        return MergeResult(NOOP, current)
    return _merge_fields(current, ch)


def _merge_fields(current: RecordState, ch: Change) -> MergeResult:
    """Per-field newest-edit-wins. A second insert of the same id (a natural key made offline at two
    stations) merges like an update that saw nothing."""
    values = dict(current.fields)
    clocks = dict(current.field_hlcs)
    conflicts: list[Conflict] = []
    def concurrent(cur_hlc: str) -> bool:
        # two inserts of one id never saw each other; an update saw everything up to its base clock
        return ch.op == "insert" or (ch.base is not None and cur_hlc > ch.base)

    stamp = order_stamp(ch)
    for name, value in ch.fields.items():
        cur_hlc = current.clock_of(name)
        cur_value = values.get(name)
        if stamp == cur_hlc:
            continue  # this very write is already here
        if stamp > cur_hlc:
            if cur_value != value and name in values and concurrent(cur_hlc):
                conflicts.append(Conflict(name, value, stamp, cur_value, cur_hlc))
            values[name] = value
            clocks[name] = stamp
        elif cur_value != value:
            conflicts.append(Conflict(name, cur_value, cur_hlc, value, stamp, ch.change_id))
    created = min(current.created_hlc, ch.hlc) if ch.op == "insert" else current.created_hlc
    if created != current.created_hlc:
        # the fields' clocks were implicit in the old created_hlc: spell them out before it moves
        for name in values:
            clocks.setdefault(name, current.created_hlc)
    clocks = {k: v for k, v in clocks.items() if v != created or k == REVIVED}
    hlc = current.hlc if keeps_place(ch) else max(current.hlc, stamp)
    new = RecordState(values, created, hlc, current.origin if created == current.created_hlc
                      else ch.origin, current.deleted_hlc, clocks)
    return MergeResult(APPLIED if new != current else NOOP, new, tuple(conflicts))
