"""The merged copy of every record (``hub_records``) and the county's sequence (``hub_counters``): what a
push and a county write share. Loading a batch's records, merging changes into them, and writing them back
with the ledger rows and conflicts, keeping ``hub_digests`` up to date in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from ..db.models import MODELS_BY_ENTITY
from ..domain.case_number import parse_case_number
from ..domain.errors import DomainError
from ..domain.vocab import RECORD_KINDS
from ..domain.vocab import label as label_of
from ..sync.merge import APPLIED, ORPHAN, Conflict, RecordState, merge
from ..sync.protocol import ACCEPTED, REJECTED, Change, canonical, record_hash
from .console import index as case_index
from .context import StationRef, refused
from .digests import Deltas, add_to_digests
from .schema import SHARED_SCOPE, Counter, HubConflict, HubRecord, LedgerEntry
from .sql import bulk_insert, in_

#: The field a record is looked up by at the hub (``hub_records.label``).
LABELS = {"cases": "number", "departments": "name", "categories": "code", "deputies": "name", "stations": "code"}


@dataclass
class Rec:
    """A record loaded (or created) during one transaction."""

    state: RecordState
    owner: uuid.UUID | None
    scope: uuid.UUID | None
    exists: bool
    dirty: bool = False
    base: tuple[str, str | None] | None = None  # (hlc, deleted_hlc) as stored: its share of the digest


#: (entity, id) -> the record, for one transaction.
Cache = dict[tuple[str, str], Rec]


def uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def label(entity: str, fields: Mapping[str, Any]) -> str | None:
    key = LABELS.get(entity)
    value = fields.get(key) if key else None
    return str(value)[:100] if value is not None else None


# -- the county's sequence ------------------------------------------------------------------------------
def counter(s: Session, county: str, *, lock: bool = True) -> Counter:
    """The county's counter row (made when missing), locked unless ``lock`` is false."""
    stmt = select(Counter).where(Counter.county_id == county).execution_options(populate_existing=True)
    row = s.scalar(stmt.with_for_update() if lock else stmt)
    if row is None:
        s.add(Counter(county_id=county, seq=0, hlc_last=None))
        s.flush()
        row = s.scalar(stmt.with_for_update() if lock else stmt)
    assert row is not None
    return row


def head(s: Session, county: str) -> int:
    """The county's last sequence number (every change up to it is committed: the counter row is
    locked until its pusher commits)."""
    c = Counter.__table__
    return s.scalar(select(c.c.seq).where(c.c.county_id == county)) or 0


# -- records ----------------------------------------------------------------------------------------------
def _state(row: Row[Any]) -> RecordState:
    return RecordState(json.loads(row.fields), row.created_hlc, row.hlc, str(row.origin_station_id),
                       row.deleted_hlc, json.loads(row.field_hlcs or "{}"))


def load(s: Session, county: str, changes: Sequence[Change], *, lock: bool = False) -> Cache:
    """The records ``changes`` write (and a case event's case), one query per 1,000 records whatever
    their tables (``entity = ANY(…) AND id = ANY(…)``, pairs checked here). ``lock``: the records are
    about to be written, take their row locks (a county write to the same record waits)."""
    wanted: dict[tuple[str, str], uuid.UUID] = {}
    for ch in changes:
        wanted.setdefault((ch.entity, ch.entity_id), uuid.UUID(ch.entity_id))
        case_id = uuid_or_none(ch.fields.get("case_id")) if ch.entity == "case_events" else None
        if case_id:
            wanted.setdefault(("cases", str(case_id)), case_id)
    cache: Cache = {}
    pairs = list(wanted.items())
    t = HubRecord.__table__
    for i in range(0, len(pairs), 1000):
        chunk = pairs[i:i + 1000]
        entities = sorted({e for (e, _i), _u in chunk})
        stmt = select(t).where(t.c.county_id == county, in_(s, t.c.entity, entities, t.c.entity.type),
                               in_(s, t.c.id, [u for _k, u in chunk]))
        for row in s.execute(stmt.with_for_update() if lock else stmt):
            key = (row.entity, str(row.id))
            if key in wanted:
                cache[key] = Rec(_state(row), row.owner, row.scope, True, base=(row.hlc, row.deleted_hlc))
    return cache


def merge_into(cache: Cache, ch: Change, owner: uuid.UUID | None, scope: uuid.UUID | None) -> tuple[Conflict, ...]:
    """Merge ``ch`` into its record in ``cache`` (created, owned by ``owner`` and held by ``scope``, when
    new); returns the values that lost."""
    kind = MODELS_BY_ENTITY[ch.entity].__sync_kind__
    rec = cache.get((ch.entity, ch.entity_id))
    result = merge(rec.state if rec else None, ch, kind)
    if result.outcome == ORPHAN:
        # an update for a record the hub never received: keep its values as a record anyway, so the
        # change is not lost; it is the station's own record
        result = merge(None, Change(**{**ch.__dict__, "op": "insert"}), kind)
    if rec is None:
        assert result.state is not None  # a change to a record not held yet: the merge made it
        cache[(ch.entity, ch.entity_id)] = Rec(result.state, owner, scope, False, True)
    elif result.outcome == APPLIED and result.state is not None:
        rec.state, rec.dirty = result.state, True
    return tuple(result.conflicts)


def write(s: Session, county: str, cache: Cache, ledger_rows: list[dict[str, Any]],
          conflicts: list[dict[str, Any]]) -> None:
    """Write the changed records of ``cache``, ``ledger_rows`` and ``conflicts``, and add what changed to
    the digests and to the console's case index (``console.index``)."""
    inserts, updates = [], []
    written: list[case_index.Written] = []
    deltas: Deltas = {}
    for (entity, ident), rec in cache.items():
        if not rec.dirty:
            continue
        st = rec.state
        delta = deltas.setdefault((rec.scope or SHARED_SCOPE, entity), [0, 0])
        delta[1] += record_hash(ident, st.hlc, st.deleted_hlc)
        if rec.base is None:
            delta[0] += 1
        else:
            delta[1] -= record_hash(ident, *rec.base)
        rec.base = (st.hlc, st.deleted_hlc)
        row = {"county_id": county, "entity": entity, "id": ident, "hlc": st.hlc,
               "created_hlc": st.created_hlc, "deleted_hlc": st.deleted_hlc, "fields": canonical(st.fields),
               "field_hlcs": canonical(st.field_hlcs) if st.field_hlcs else "{}",
               "origin_station_id": st.origin,
               "label": label(entity, st.fields)}
        if rec.exists:
            updates.append({**row, "id": uuid.UUID(ident), "origin_station_id": uuid.UUID(st.origin)})
        else:
            inserts.append({**row, "owner": rec.owner, "scope": rec.scope,
                            "parent_id": uuid_or_none(st.fields.get("case_id")) if entity == "case_events" else None})
        rec.exists, rec.dirty = True, False
        written.append(case_index.Written(entity, ident, st.fields, st.deleted_hlc is not None))
    for table, rows in ((HubRecord.__table__, inserts), (LedgerEntry.__table__, ledger_rows),
                        (HubConflict.__table__, conflicts)):
        bulk_insert(s, table, rows)
    if updates:
        s.execute(update(HubRecord), updates)
    add_to_digests(s, county, deltas)
    case_index.refresh(s, county, written)


# -- ledger and conflict rows ------------------------------------------------------------------------------
def ledger_row(county: str, ref: StationRef | None, install_id: str | None, station_seq: Any, ch: Change,
               seq: int | None, scope: uuid.UUID | None, status: str, result: Mapping[str, Any],
               now: dt.datetime) -> dict[str, Any]:
    """A ``hub_changes`` row: the change, its sequence number when accepted, and the answer given (``ref``
    None: written at the hub)."""
    if status == ACCEPTED and len(result) == 4:  # the common answer, spelled without a JSON encoder
        text = (f'{{"change_id":"{ch.change_id}","conflicts":{result["conflicts"]},"seq":{seq},'
                f'"status":"{ACCEPTED}"}}')
    else:
        text = canonical(result)
    return {"county_id": county, "change_id": ch.change_id, "seq": seq,
            "station_code": ref.code if ref else None, "install_id": install_id,
            "station_seq": station_seq if isinstance(station_seq, int) else None, "entity": ch.entity,
            "entity_id": ch.entity_id, "scope": scope, "payload": ch.payload,
            "payload_hash": ch.payload_hash, "status": status, "result": text, "received_at": now}


def conflict_rows(county: str, ch: Change, lost: Iterable[Conflict], code: str | None,
                  now: dt.datetime) -> list[dict[str, Any]]:
    """``hub_conflicts`` rows for the values ``ch`` lost (or made lose), for county staff."""
    return [{"county_id": county, "id": uuid.uuid4(), "kind": "field", "entity": ch.entity,
             "entity_id": uuid.UUID(ch.entity_id), "field": c.field, "kept_value": canonical(c.kept_value),
             "kept_hlc": c.kept_hlc, "lost_value": canonical(c.lost_value), "lost_hlc": c.lost_hlc,
             "change_id": uuid.UUID(ch.change_id), "station_code": code, "reason": "", "detected_at": now,
             "seen": 0} for c in lost]


# -- ownership: case numbers and quarantine (issue 17) ---------------------------------------------------
#: a refusal and ``hub_conflicts`` kind: a case numbered with another station's code
FOREIGN_NUMBER = "foreign_number"
#: a refusal and ``hub_conflicts`` kind: a change the hub could not apply (kept, the rest of the push goes on)
QUARANTINED = "quarantined"


def number_owner(ch: Change | DomainError) -> str | None:
    """The station code a case change's number carries (for a number that does not parse, what stands before
    its first hyphen); None when the change sets no number."""
    if not isinstance(ch, Change) or ch.entity != "cases" or ch.op == "delete" or "number" not in ch.fields:
        return None
    number = ch.fields["number"]
    if not isinstance(number, str):
        return "?"
    try:
        return parse_case_number(number).station_code
    except DomainError:
        return number.split("-", 1)[0].strip().upper() or "?"


def foreign_number(ref: StationRef, ch: Change | DomainError) -> bool:
    """A case change whose number is not one of the pushing station's (its code is the number's prefix)."""
    owner = number_owner(ch)
    return owner is not None and owner != ref.code


def foreign_cases(s: Session, ref: StationRef, changes: Sequence[Change], cache: Cache) -> set[str]:
    """Ids of the cases refused for their number: in this batch, or earlier (the hub then does not hold
    the case, and its ledger says why), for refusing the events recorded on them."""
    bad = {ch.entity_id for ch in changes if foreign_number(ref, ch)}
    batch = {ch.entity_id for ch in changes if ch.entity == "cases"}  # judged by their own number
    unknown = {str(cid) for ch in changes if ch.entity == "case_events" and ch.op != "delete"
               and (cid := uuid_or_none(ch.fields.get("case_id"))) is not None
               and ("cases", str(cid)) not in cache and str(cid) not in batch}
    if unknown:
        t = LedgerEntry.__table__
        bad.update(str(i) for i in s.scalars(select(t.c.entity_id).where(
            t.c.county_id == ref.county, t.c.entity == "cases", t.c.status == REJECTED,
            in_(s, t.c.entity_id, [uuid.UUID(u) for u in sorted(unknown)]),
            t.c.result.contains(f'"{FOREIGN_NUMBER}"'))))
    return bad


def ownership_refusal(ref: StationRef, ch: Change, foreign: set[str]) -> DomainError | None:
    """The refusal of a case numbered with another station's code, or of an event on such a case. Never
    applied, so the station that owns the number keeps it and the county's replies to it reach that case."""
    if ch.entity == "cases" and foreign_number(ref, ch):
        number = str(ch.fields.get("number"))[:40]
        owner = number_owner(ch)
        whose = f"属于联络站 {owner}" if owner != "?" else "不是有效的案件编号"
        return refused(FOREIGN_NUMBER,
                       f"联络站 {ref.code} 上传的案件编号 {number} {whose}，不是本站的编号；这件案件未被县级平台采用，"
                       "原编号的案件不受影响。请县人大代表工委核实这台电脑的站点设置。",
                       f"Station {ref.code} sent case number {number}, which is not one of its own; the case was "
                       "not taken and the number's own case is not affected.")
    if ch.entity == "case_events" and str(uuid_or_none(ch.fields.get("case_id"))) in foreign:
        return refused(FOREIGN_NUMBER,
                       f"联络站 {ref.code} 的这条办理记录属于一件用了别站编号的案件，县级平台未采用。",
                       f"Station {ref.code} sent an event on a case numbered with another station's code; not taken.")
    return None


def refusal_conflict(ref: StationRef, ch: Change, kind: str, reason: str, now: dt.datetime) -> dict[str, Any]:
    """A ``hub_conflicts`` row for a change refused or quarantined, in words, with its payload kept."""
    return {"county_id": ref.county, "id": uuid.uuid4(), "kind": kind, "entity": ch.entity,
            "entity_id": uuid.UUID(ch.entity_id), "field": None, "kept_value": None, "kept_hlc": None,
            "lost_value": ch.payload, "lost_hlc": ch.hlc, "change_id": uuid.UUID(ch.change_id),
            "station_code": ref.code, "reason": reason.replace("\x00", "")[:1000], "detected_at": now, "seen": 0}


def quarantine_refusal(ref: StationRef, ch: Change, exc: BaseException) -> DomainError:
    """The answer for a change the hub could not apply (an error merging it): kept, refused on its own."""
    what = f"{type(exc).__name__}: {exc}"[:200]
    return refused(QUARANTINED,
                   f"县级平台无法应用联络站 {ref.code} 的一条{label_of(RECORD_KINDS, ch.entity)}变更（{what}），已单独暂存并记入冲突列表，"
                   "本次同步的其余变更照常处理；问题排除后，联络站在“同步冲突”中标记已处理即会重新上传。",
                   f"The hub could not apply one change from station {ref.code} ({ch.entity}: {what}); it is kept "
                   "as a conflict and the rest of the push went on. Once fixed, marking the conflict reviewed at "
                   "the station sends it again.")
