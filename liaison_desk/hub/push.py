"""A station's push: its changes into the ledger (``hub_changes``) and the merged records.

A station may write only records it owns (created by it, ``origin`` = its station id); hub-owned reference
data and other stations' records are refused item by item, and so is a change that refers to a record
outside its scope (``scope``). A push is idempotent by change id: a replay gets the stored answer.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import BigInteger, select, text, update
from sqlalchemy.orm import Session

from ..db.models import MODELS_BY_ENTITY
from ..domain.errors import DomainError
from ..domain.hlc import DEFAULT_MAX_DRIFT_MS, HLC
from ..domain.timeutil import utcnow
from ..sync.protocol import ACCEPTED, REJECTED, Change, ProtocolError, parse_change
from . import audit, clock, records, recovery, redaction
from . import scope as ref_scope
from .context import HubContext, StationRef, refused
from .enrollment import set_station, station_row
from .limits import check_item
from .schema import Counter, HubConflict, LedgerEntry
from .sql import bulk_insert, in_

log = logging.getLogger(__name__)

#: a ``hub_conflicts`` kind: a station's stamps run far ahead of the hub's time (its PC's date is wrong)
CLOCK_AHEAD = "clock_ahead"


def push(hub: HubContext, ref: StationRef, install_id: str | None, items: Sequence[Mapping[str, Any]], *,
         session: Session | None = None) -> list[dict[str, Any]]:
    """Accept a batch of changes; one answer per item, in order. Idempotent by change id.

    Locks, in this order: the station's row (its pushes queue behind each other), the rows of the
    records the batch writes, and last and briefly the county's counter: sequence numbers are taken
    and the ledger rows written just before the commit, so commit order is still sequence order while
    parsing, merging and writing the records run concurrently for different stations. ``session``: the
    request's transaction (the credential was checked in it)."""
    now = utcnow()
    parsed: list[Change | DomainError] = []
    for item in items:  # hashes and JSON, before any lock
        try:
            parsed.append(parse_change(check_item(item)))  # size, depth, numbers first (limits.py)
        except DomainError as exc:
            parsed.append(exc)
    changes = [p for p in parsed if isinstance(p, Change)]
    with hub.tx(session) as s:
        st = station_row(s, ref, "install_id", "last_outbox_seq", "last_hlc")
        if install_id != st.install_id:
            raise refused("install_replaced", "本机的同步身份已被替换（数据库可能是恢复的备份或拷贝），请先完整同步一次。",
                          "This desk's sync identity was replaced; run a full sync first.")
        ids = [uuid.UUID(p.change_id) for p in changes]
        lt = LedgerEntry.__table__
        ledger = {str(r.change_id): r for r in s.execute(
            select(lt.c.change_id, lt.c.payload_hash, lt.c.result).where(
                lt.c.county_id == ref.county, in_(s, lt.c.change_id, ids)))} if ids else {}
        _check_fork(s, ref, install_id, items, parsed, ledger, st.last_outbox_seq)
        cache = records.load(s, ref.county, changes, lock=True)
        # what the changes refer to, numbers used twice (``scope.prepare``; a case refused for its number
        # is not counted as a clash)
        ref_scope.load_references(s, ref.county, parsed, cache, str(ref.station_uuid))
        recovery.flag_number_clashes(s, ref.county, ref.code, ref.station_uuid,
                                     [p for p in parsed if not records.foreign_number(ref, p)])
        foreign = records.foreign_cases(s, ref, changes, cache)
        results: list[dict[str, Any] | None] = []
        ledger_rows: list[dict[str, Any]] = []
        conflicts: list[dict[str, Any]] = []
        accepted: list[tuple[int, Any, Change, uuid.UUID | None, int]] = []
        seen: dict[str, str] = {}
        stamps: set[str] = set()
        max_seq = st.last_outbox_seq
        for item, ch in zip(items, parsed, strict=True):
            if isinstance(ch, DomainError):
                results.append(_refusal(item.get("change_id"), ch))
                continue
            old = ledger.get(ch.change_id)
            if old is not None or ch.change_id in seen:
                old_hash = old.payload_hash if old is not None else seen[ch.change_id]
                if old_hash != ch.payload_hash:
                    conflicts.append(_flag(ref, ch, now))
                    results.append(_refusal(ch.change_id, refused(
                        "change_id_reuse", "同一变更编号出现了不同内容，已拒收并报告县级平台。",
                        "The same change id arrived with different content; refused and flagged.")))
                else:
                    stored = json.loads(old.result) if old is not None else {"status": ACCEPTED}
                    results.append({**stored, "replay": True})
                continue
            seen[ch.change_id] = ch.payload_hash
            station_seq = item.get("seq")
            if isinstance(station_seq, int):
                max_seq = max(max_seq, station_seq)
            try:  # one change the hub cannot apply is quarantined; the rest of the push goes on
                err = _authorize(ref, ch, cache) or records.ownership_refusal(ref, ch, foreign)
                lost = () if err is not None else records.merge_into(cache, ch, ref.station_uuid, ref.station_uuid)
            except (DomainError, ValueError, TypeError, KeyError, AttributeError, ArithmeticError) as exc:
                log.exception("push from %s: change %s could not be applied", ref.code, ch.change_id)
                err = exc if isinstance(exc, DomainError) else records.quarantine_refusal(ref, ch, exc)
                conflicts.append(records.refusal_conflict(ref, ch, records.QUARANTINED, err.message, now))
            if err is not None:
                result = _refusal(ch.change_id, err)
                ledger_rows.append(records.ledger_row(ref.county, ref, install_id, station_seq, ch, None, None,
                                                      REJECTED, result, now))
                results.append(result)
                if err.code == records.FOREIGN_NUMBER:
                    conflicts.append(records.refusal_conflict(ref, ch, err.code, err.message, now))
                continue
            conflicts.extend(records.conflict_rows(ref.county, ch, lost, ref.code, now))
            accepted.append((len(results), station_seq, ch, cache[(ch.entity, ch.entity_id)].scope, len(lost)))
            results.append(None)  # answered once its sequence number is known
            stamps.add(ch.hlc)
        conflicts.extend(_clock_ahead(s, hub, ref, [a[2] for a in accepted], now))
        records.write(s, ref.county, cache, [], conflicts)  # the merged records: no sequence needed
        set_station(s, ref, last_outbox_seq=max_seq, last_seen_at=now,
                    last_hlc=max([st.last_hlc or "", *(c.hlc for c in changes)]) or None)
        if accepted or ledger_rows:
            # the short critical section: sequence numbers, the ledger rows carrying them, the commit
            ct = Counter.__table__
            where = ct.c.county_id == ref.county
            counter = s.execute(select(ct.c.seq, ct.c.hlc_last).where(where).with_for_update()).one_or_none()
            if counter is None:  # a county's first change: the row is made (and locked) the ORM way
                records.counter(s, ref.county)
                counter = s.execute(select(ct.c.seq, ct.c.hlc_last).where(where).with_for_update()).one()
            first_seq = seq = counter.seq
            for pos, station_seq, ch, scope, nlost in accepted:
                seq += 1
                result = {"change_id": ch.change_id, "status": ACCEPTED, "seq": seq, "conflicts": nlost}
                ledger_rows.append(records.ledger_row(ref.county, ref, install_id, station_seq, ch, seq, scope,
                                                      ACCEPTED, result, now))
                results[pos] = result
            hlc_last = counter.hlc_last
            if stamps:
                hub_clock = clock.hub_clock(counter.hlc_last, hub.wall)
                clock.receive_newest(hub_clock, stamps)
                hlc_last = hub_clock.last.encode() if hub_clock.last else hlc_last
            s.execute(update(ct).where(where).values(seq=seq, hlc_last=hlc_last))
            bulk_insert(s, LedgerEntry.__table__, ledger_rows)
            _refresh_statistics(s, first_seq, seq)
            taken = [a[2] for a in accepted]
            county_made = redaction.scrub_county_events(hub, s, ref.county, taken)  # the county's own events
            redaction.scrub_history(s, ref.county, taken + county_made)  # an erasure: the history too
        return results  # type: ignore[return-value]  # every None was replaced above


def _check_fork(s: Session, ref: StationRef, install_id: str | None, items: Sequence[Mapping[str, Any]],
                parsed: Sequence[Change | DomainError], ledger: Mapping[str, Any], st_last: int | None) -> None:
    """A new change at an outbox position where this install already sent a different change: the
    database was copied to a second PC (or restored and used without a full sync). Refuse the push:
    accepting it would create duplicates (two records with one case number, say)."""
    fresh: dict[int, str] = {item["seq"]: p.change_id for item, p in zip(items, parsed, strict=True)
                             if isinstance(p, Change) and p.change_id not in ledger and isinstance(item.get("seq"), int)}
    if not fresh or min(fresh) > (st_last or 0):
        return  # all beyond every position this install has used: nothing to clash with
    lt = LedgerEntry.__table__
    clash = s.execute(select(lt.c.station_seq, lt.c.change_id).where(
        lt.c.county_id == ref.county, lt.c.station_code == ref.code,
        lt.c.install_id == install_id, in_(s, lt.c.station_seq, list(fresh), BigInteger))).all()
    if any(str(cid) != fresh[seq] for seq, cid in clash):
        raise refused("replica_forked",
                      "县级平台发现本站的数据库有两个副本在分别登记（例如拷贝到了另一台电脑）。为避免重复记录，本次同步已拒绝。"
                      "本机数据没有丢失，请联系县人大代表工委处理。",
                      "The hub found two diverging copies of this station's database (copied to a second PC?). "
                      "To avoid duplicates the push was refused; nothing here was lost.")


def _authorize(ref: StationRef, ch: Change, cache: records.Cache) -> DomainError | None:
    """The refusal for a change the station may not write, or None."""
    if ch.entity not in MODELS_BY_ENTITY:
        return ProtocolError("unknown_entity", f"县级平台不认识记录类型 {ch.entity}（版本不一致？）。",
                             message_en=f"Unknown record type {ch.entity} (version mismatch?).")
    if ch.origin != str(ref.station_uuid):  # parse_change spells ids in canonical form
        return refused("not_yours", "只能上传本站自己登记的记录。", "A station may only send its own records.")
    rec = cache.get((ch.entity, ch.entity_id))
    if rec is not None and rec.owner != ref.station_uuid:
        if rec.owner is None:
            return refused("hub_owned", "代表、单位、类别等基础数据由县级平台维护，联络站的修改未被采纳。",
                           "Reference data is maintained by the county hub; the station's edit was not taken.")
        return refused("not_yours", "这条记录属于另一个联络站，不能修改。", "This record belongs to another station.")
    if ch.entity == "case_events" and ch.op == "insert":
        case = cache.get(("cases", str(records.uuid_or_none(ch.fields.get("case_id")))))
        if case is not None and case.scope != ref.station_uuid:
            return refused("not_yours", "不能给另一个联络站的案件添加办理记录。",
                           "A station may not add events to another station's case.")
    return audit.refusal(ch, cache) or ref_scope.check(ref.station_uuid, ch, cache)  # audit entries never change (issue 17); what it refers to (hub/scope.py)


def _refusal(change_id: Any, err: DomainError) -> dict[str, Any]:
    return {"change_id": str(change_id), "status": REJECTED, "code": err.code, "message_zh": err.message,
            "message_en": err.message_en}


def _flag(ref: StationRef, ch: Change, now: dt.datetime) -> dict[str, Any]:
    """A ``hash_mismatch`` conflict: a change id that arrived again with other content."""
    return {"county_id": ref.county, "id": uuid.uuid4(), "kind": "hash_mismatch", "entity": ch.entity,
            "entity_id": uuid.UUID(ch.entity_id), "field": None, "kept_value": None, "kept_hlc": None,
            "lost_value": ch.payload, "lost_hlc": ch.hlc, "change_id": uuid.UUID(ch.change_id),
            "station_code": ref.code, "reason": "same change id, different content", "detected_at": now,
            "seen": 0}


def _clock_ahead(s: Session, hub: HubContext, ref: StationRef, changes: Sequence[Change],
                 now: dt.datetime) -> list[dict[str, Any]]:
    """Suspect stamps: changes stamped further ahead of the hub's time than the clocks' drift bound, by a
    PC whose date is wrong. They are accepted as they are (they are what the station recorded) and no
    clock follows them (``clock.receive``); the county is told once, in words, until it has looked.

    A stamp that only follows the clock its writer had seen (an edit of a value stamped ahead: ``base``)
    says nothing about the writer's own clock and is not flagged."""
    limit = clock.wall_ms(hub.wall) + DEFAULT_MAX_DRIFT_MS
    ahead = []
    for ch in changes:
        stamp = HLC.decode(ch.hlc)
        if stamp.wall_ms <= limit:
            continue
        if ch.base is not None and stamp.wall_ms <= HLC.decode(ch.base).wall_ms + 1:
            continue
        ahead.append((stamp, ch))
    if not ahead:
        return []
    hc = HubConflict.__table__
    if s.scalar(select(hc.c.id).where(hc.c.county_id == ref.county, hc.c.kind == CLOCK_AHEAD,
                                      hc.c.station_code == ref.code, hc.c.seen == 0).limit(1)) is not None:
        return []  # already flagged and not looked at yet
    stamp, ch = max(ahead, key=lambda a: a[0])
    days = (stamp.wall_ms - clock.wall_ms(hub.wall)) / 86_400_000
    reason = (f"联络站 {ref.code} 发来的 {len(ahead)} 条变更的时间戳比县级平台的时间快约 {days:.0f} 天"
              f"（最快的是 {ch.entity} 的一条），这台电脑的日期可能设错了。变更已照常收下，但县级平台和各联络站的时钟"
              "都不会跟随这些时间戳；请提醒联络站校准电脑日期。")
    return [{"county_id": ref.county, "id": uuid.uuid4(), "kind": CLOCK_AHEAD, "entity": ch.entity,
             "entity_id": uuid.UUID(ch.entity_id), "field": None, "kept_value": None, "kept_hlc": None,
             "lost_value": None, "lost_hlc": ch.hlc, "change_id": uuid.UUID(ch.change_id),
             "station_code": ref.code, "reason": reason, "detected_at": now, "seen": 0}]


def _refresh_statistics(s: Session, before: int, after: int) -> None:
    """PostgreSQL plans by table statistics; right after a big first sync they still describe an empty
    table and every look-up becomes a full scan (it grew with the data, 5 % → 100 % of a push). Analyse
    each time the county's change count doubles past 1,000: a handful of times in a hub's life."""
    if s.get_bind().dialect.name != "postgresql" or after < 1000:
        return
    if before.bit_length() != after.bit_length() or before < 1000:
        s.execute(text("ANALYZE hub_records"))
        s.execute(text("ANALYZE hub_changes"))
