"""The hub's core: enrollment, push into the ledger and the merged records, the pull stream, digests.

Every public method is one transaction. Station requests arrive already authenticated as a ``StationRef``;
this module decides what that station may read and write:

- it may write only records it owns (created by it, ``origin`` = its station id); hub-owned reference data
  and other stations' records are refused item by item;
- it reads only records in its scope (its own, what the county addressed to it, and county-wide data).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    BigInteger,
    Engine,
    Uuid,
    any_,
    bindparam,
    case,
    delete,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from ..db.models import MODELS_BY_ENTITY
from ..domain.errors import DomainError, ValidationError
from ..domain.hlc import HLC, HybridClock
from ..domain.ids import HUB_ORIGIN
from ..domain.timeutil import utcnow
from ..sync.bundle import bundle_key
from ..sync.merge import APPLIED, ORPHAN, Conflict, RecordState, merge
from ..sync.protocol import (
    ACCEPTED,
    HUB_NODE,
    PULL_PAGE,
    REJECTED,
    Change,
    ProtocolError,
    SyncRefused,
    canonical,
    digest_value,
    parse_change,
    record_hash,
)
from . import scope as ref_scope
from .schema import SHARED_SCOPE, Counter, HubConflict, HubDigest, HubRecord, HubStation, LedgerEntry

DEFAULT_COUNTY = "default"
LABELS = {"cases": "number", "departments": "name", "categories": "code", "deputies": "name", "stations": "code"}


def new_secret(nbytes: int) -> str:
    """URL-safe random text for a token or a credential that never starts with "-": typed after
    ``--token`` on a command line, one that did (1 in 64) would be read as an option."""
    while True:
        value = secrets.token_urlsafe(nbytes)
        if not value.startswith("-"):
            return value


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def refused(code: str, zh: str, en: str) -> SyncRefused:
    return SyncRefused(code, zh, message_en=en)


@dataclass(frozen=True)
class StationRef:
    """An authenticated station: what every station request runs as."""

    county: str
    code: str
    station_uuid: uuid.UUID
    install_id: str | None
    #: the station's row as read and locked by ``authenticate`` in the request's own transaction (hello and
    #: push use it instead of reading it again); None when the ref was not made that way
    locked: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass
class _Rec:
    """A record loaded (or created) during one transaction."""

    state: RecordState
    owner: uuid.UUID | None
    scope: uuid.UUID | None
    exists: bool
    dirty: bool = False
    base: tuple[str, str | None] | None = None  # (hlc, deleted_hlc) as stored: its share of the digest


def _state(row: HubRecord) -> RecordState:
    return RecordState(json.loads(row.fields), row.created_hlc, row.hlc, str(row.origin_station_id),
                       row.deleted_hlc, json.loads(row.field_hlcs or "{}"))


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


class Hub:
    """The county hub over one database (which may hold several counties)."""

    def __init__(self, engine: Engine, county: str = DEFAULT_COUNTY, *, wall=None):
        self.engine = engine
        self.county = county
        self._wall = wall  # tests give the hub its own clock

    # -- transactions, clock ----------------------------------------------------------------------------
    @contextmanager
    def tx(self, session: Session | None = None) -> Iterator[Session]:
        """One transaction; given the request's own ``session``, the work joins that transaction."""
        if session is not None:
            yield session
            return
        with Session(self.engine, expire_on_commit=False) as s, s.begin():
            yield s

    def _counter(self, s: Session, county: str, *, lock: bool = True) -> Counter:
        stmt = select(Counter).where(Counter.county_id == county).execution_options(populate_existing=True)
        row = s.scalar(stmt.with_for_update() if lock else stmt)
        if row is None:
            s.add(Counter(county_id=county, seq=0, hlc_last=None))
            s.flush()
            row = s.scalar(stmt.with_for_update() if lock else stmt)
        return row

    @staticmethod
    def _head(s: Session, county: str) -> int:
        """The county's last sequence number (every change up to it is committed: the counter row is
        locked until its pusher commits)."""
        c = Counter.__table__
        return s.scalar(select(c.c.seq).where(c.c.county_id == county)) or 0

    def _clock(self, counter: Counter) -> HybridClock:
        last = HLC.decode(counter.hlc_last) if counter.hlc_last else None
        return HybridClock(HUB_NODE, last, **({"wall": self._wall} if self._wall else {}))

    # -- stations ------------------------------------------------------------------------------------
    def add_station(self, name: str, code: str) -> str:
        """Register (or re-register, for a replacement PC) a station; returns its one-time enrollment token."""
        code = code.strip().upper()
        if not code or len(code) > 8 or not code.isalnum():
            raise ValidationError("bad_station_code", "站点代码应为 1–8 位字母或数字。", field="code",
                                  message_en="The station code must be 1-8 letters or digits.")
        token = new_secret(24)
        with self.tx() as s:
            st = s.get(HubStation, (self.county, code))
            if st is None:
                s.add(HubStation(county_id=self.county, code=code, name=name, enroll_hash=sha(token),
                                 last_outbox_seq=0, last_cursor=0, created_at=utcnow()))
            else:
                st.name, st.enroll_hash = name or st.name, sha(token)
            self._counter(s, self.county)
        return token

    def revoke_station(self, code: str) -> None:
        with self.tx() as s:
            st = self._station(s, self.county, code)
            st.revoked_at, st.credential_hash, st.enroll_hash = utcnow(), None, None

    def stations(self) -> list[dict[str, Any]]:
        with self.tx() as s:
            rows = s.scalars(select(HubStation).where(HubStation.county_id == self.county)
                             .order_by(HubStation.code)).all()
            return [{"code": r.code, "name": r.name, "enrolled": r.credential_hash is not None,
                     "revoked": r.revoked_at is not None, "last_seen_at": r.last_seen_at,
                     "last_outbox_seq": r.last_outbox_seq, "last_cursor": r.last_cursor} for r in rows]

    def _station_row(self, s: Session, ref: StationRef, *columns):
        """The station's row, locked, as a plain row of ``columns`` (Core: no ORM object to flush); the copy
        ``authenticate`` locked in this request's transaction when there is one."""
        if ref.locked is not None and all(c in ref.locked for c in columns):
            return SimpleNamespace(**{c: ref.locked[c] for c in columns})
        t = HubStation.__table__
        row = s.execute(select(*(t.c[c] for c in columns)).where(t.c.county_id == ref.county, t.c.code == ref.code)
                        .with_for_update()).one_or_none()
        if row is None:
            self._station(s, ref.county, ref.code)  # raises the readable "no such station"
        return row

    @staticmethod
    def _set_station(s: Session, ref: StationRef, **values) -> None:
        t = HubStation.__table__
        s.execute(update(t).where(t.c.county_id == ref.county, t.c.code == ref.code).values(**values))

    def _station(self, s: Session, county: str, code: str, *, lock: bool = False) -> HubStation:
        st = s.get(HubStation, (county, code.upper()), with_for_update=lock or None)
        if st is None:
            raise DomainError("unknown_station", f"县级平台上没有代码为 {code} 的联络站。",
                              message_en=f"No station with code {code} at this hub.")
        return st

    def enroll(self, token: str, station_id: str, station_code: str, install_id: str) -> dict[str, str]:
        """Exchange a one-time enrollment token for the station's credential (shown to the station once)."""
        sid = _uuid(station_id)
        with self.tx() as s:
            st = s.scalar(select(HubStation).where(HubStation.enroll_hash == sha(str(token))).with_for_update())
            if st is None or sid is None:
                raise refused("bad_token", "登记码无效或已经用过。请向县人大代表工委索取新的登记码。",
                              "The enrollment token is wrong or was already used. Ask the county office for a new one.")
            if st.code != str(station_code).upper():
                raise refused("code_mismatch", f"登记码是发给站点 {st.code} 的，本机站点代码是 {station_code}。",
                              f"This token is for station {st.code}; this desk is {station_code}.")
            if st.station_uuid is not None and st.station_uuid != sid:
                raise refused("station_mismatch", "这个站点代码在县级平台上已绑定另一个联络站数据库。",
                              "This station code is bound to another station database at the hub.")
            clash = s.scalar(select(HubStation.code).where(HubStation.county_id == st.county_id,
                                                          HubStation.station_uuid == sid, HubStation.code != st.code))
            if clash:
                raise refused("station_mismatch", f"这个联络站数据库已经以代码 {clash} 登记过。",
                              f"This station database is already enrolled as {clash}.")
            credential = new_secret(32)
            st.station_uuid, st.credential_hash, st.bundle_key = sid, sha(credential), bundle_key(credential)
            st.enroll_hash, st.revoked_at, st.install_id, st.last_outbox_seq = None, None, install_id, 0
            return {"credential": credential, "county": st.county_id, "station_code": st.code}

    def authenticate(self, credential: str | None, *, session: Session | None = None) -> StationRef:
        """The station a credential belongs to. ``session``: check it inside the request's own transaction,
        where the station's row is locked (the request's first lock, as before) and kept on the ref."""
        t = HubStation.__table__
        with self.tx(session) as s:
            stmt = select(t.c.county_id, t.c.code, t.c.station_uuid, t.c.install_id, t.c.revoked_at,
                          t.c.last_outbox_seq, t.c.last_hlc).where(t.c.credential_hash == sha(credential or ""))
            st = s.execute(stmt.with_for_update() if session is not None else stmt).first()
            if not credential or st is None or st.revoked_at is not None or st.station_uuid is None:
                raise refused("not_enrolled", "县级平台不认可本站的同步凭证（未登记或已被注销）。请联系县人大代表工委重新登记。",
                              "The hub does not accept this station's credential (not enrolled or revoked).")
            return StationRef(st.county_id, st.code, st.station_uuid, st.install_id,
                              locked=st._asdict() if session is not None else None)

    def bind_on_hello(self, credential: str | None, station_id: str, install_id: str) -> bool:
        """A station enrolled by file (``export-enrollment``) is bound to its database by its first contact:
        a bundle (``bundles``) or, once it has a link, its first hello. True when this call bound it; refuses a
        database already enrolled under another code. The install id must be the file's."""
        try:
            sid = uuid.UUID(str(station_id))
        except ValueError:
            return False
        with self.tx() as s:
            st = s.scalar(select(HubStation).where(HubStation.credential_hash == sha(credential or ""))
                          .with_for_update())
            if (not credential or st is None or st.revoked_at is not None or st.station_uuid is not None
                    or st.bundle_key is None or install_id != st.install_id):
                return False
            other = s.scalar(select(HubStation.code).where(HubStation.county_id == st.county_id,
                                                            HubStation.station_uuid == sid))
            if other:
                raise refused("station_mismatch", f"这个联络站数据库已经以代码 {other} 登记过。",
                              f"This station database is already enrolled as {other}.")
            st.station_uuid = sid
            return True

    def station_for_bundle(self, code: str) -> tuple[StationRef, str]:
        with self.tx() as s:
            st = self._station(s, self.county, code)
            if st.bundle_key is None or st.revoked_at is not None or st.station_uuid is None:
                raise refused("not_enrolled", f"联络站 {code} 尚未登记或已被注销。", f"Station {code} is not enrolled.")
            return StationRef(st.county_id, st.code, st.station_uuid, st.install_id), st.bundle_key

    # -- hello ---------------------------------------------------------------------------------------
    def hello(self, ref: StationRef, install_id: str, rebootstrap: bool = False,
              outbox_max_seq: int | None = None, *, session: Session | None = None) -> dict[str, Any]:
        """The first message of a round: the hub's view of this station, to detect a restored or copied
        database (its outbox is behind, or differs at a sequence number the hub already has)."""
        with self.tx(session) as s:
            st = self._station_row(s, ref, "install_id", "last_outbox_seq")
            current, last_seq = st.install_id, st.last_outbox_seq
            values: dict[str, Any] = {"last_seen_at": utcnow()}
            if rebootstrap and install_id != current:
                current, last_seq = install_id, 0
                values.update(install_id=install_id, last_outbox_seq=0, last_hlc=None)
            elif install_id != current:
                raise refused("install_replaced",
                              "本站已在另一台电脑（或另一次登记）上启用，这台电脑上的数据库不能再同步。请联系县人大代表工委。",
                              "This station was enrolled again elsewhere; this copy of the database may no longer sync.")
            # the change this install sent at the last position both sides have: equal means one history
            probe_seq = min(last_seq, outbox_max_seq) if outbox_max_seq is not None else last_seq
            lt, ct = LedgerEntry.__table__, Counter.__table__
            probe, head = s.execute(select(
                select(lt.c.change_id).where(lt.c.county_id == ref.county, lt.c.station_code == ref.code,
                                             lt.c.install_id == current, lt.c.station_seq == probe_seq)
                .limit(1).scalar_subquery(),
                select(ct.c.seq).where(ct.c.county_id == ref.county).scalar_subquery())).one()
            self._set_station(s, ref, **values)
            wall = self._wall() if self._wall else int(dt.datetime.now(dt.UTC).timestamp() * 1000)
            # the digests ride along, so a round with nothing to do needs no other request
            return {"last_outbox_seq": last_seq, "probe_seq": probe_seq,
                    "probe_change_id": str(probe) if probe else None,
                    "head": head or 0, "hub_time_ms": wall, "county": ref.county, "station_code": ref.code,
                    "digest": self._digest(s, ref)}

    # -- push ----------------------------------------------------------------------------------------
    def push(self, ref: StationRef, install_id: str, items: list[Mapping[str, Any]], *,
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
                parsed.append(parse_change(item))
            except DomainError as exc:
                parsed.append(exc)
        with self.tx(session) as s:
            st = self._station_row(s, ref, "install_id", "last_outbox_seq", "last_hlc")
            if install_id != st.install_id:
                raise refused("install_replaced", "本机的同步身份已被替换（数据库可能是恢复的备份或拷贝），请先完整同步一次。",
                              "This desk's sync identity was replaced; run a full sync first.")
            ids = [uuid.UUID(p.change_id) for p in parsed if isinstance(p, Change)]
            lt = LedgerEntry.__table__
            ledger = {str(r.change_id): r for r in s.execute(
                select(lt.c.change_id, lt.c.payload_hash, lt.c.result).where(
                    lt.c.county_id == ref.county, _in(s, lt.c.change_id, ids)))} if ids else {}
            self._check_fork(s, ref, install_id, items, parsed, ledger, st.last_outbox_seq)
            cache = self._load(s, ref.county, [p for p in parsed if isinstance(p, Change)], lock=True)
            ref_scope.prepare(self, s, ref, parsed, cache)  # what the changes refer to, numbers used twice
            results: list[dict[str, Any] | None] = []
            ledger_rows, conflicts, accepted = [], [], []
            seen: dict[str, str] = {}
            stamps: set[str] = set()
            max_seq = st.last_outbox_seq
            for item, ch in zip(items, parsed, strict=True):
                if isinstance(ch, DomainError):
                    results.append(self._refusal(item.get("change_id"), ch))
                    continue
                old = ledger.get(ch.change_id)
                if old is not None or ch.change_id in seen:
                    old_hash = old.payload_hash if old is not None else seen[ch.change_id]
                    if old_hash != ch.payload_hash:
                        conflicts.append(self._flag(ref, ch, now))
                        results.append(self._refusal(ch.change_id, refused(
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
                err = self._authorize(ref, ch, cache)
                if err is not None:
                    result = self._refusal(ch.change_id, err)
                    ledger_rows.append(self._ledger(ref, install_id, station_seq, ch, None, None, REJECTED, result, now))
                    results.append(result)
                    continue
                lost = self._merge_into(cache, ch, ref.station_uuid, ref.station_uuid)
                conflicts.extend(self._conflict_rows(ref.county, ch, lost, ref.code, now))
                accepted.append((len(results), station_seq, ch, cache[(ch.entity, ch.entity_id)].scope, len(lost)))
                results.append(None)  # answered once its sequence number is known
                stamps.add(ch.hlc)
            self._write(s, ref.county, cache, [], conflicts)  # the merged records: no sequence needed
            self._set_station(s, ref, last_outbox_seq=max_seq, last_seen_at=now, last_hlc=max(
                [st.last_hlc or "", *(c.hlc for c in parsed if isinstance(c, Change))]) or None)
            if accepted or ledger_rows:
                # the short critical section: sequence numbers, the ledger rows carrying them, the commit
                ct = Counter.__table__
                where = ct.c.county_id == ref.county
                counter = s.execute(select(ct.c.seq, ct.c.hlc_last).where(where).with_for_update()).one_or_none()
                if counter is None:  # a county's first change: the row is made (and locked) the ORM way
                    self._counter(s, ref.county)
                    counter = s.execute(select(ct.c.seq, ct.c.hlc_last).where(where).with_for_update()).one()
                first_seq = seq = counter.seq
                for pos, station_seq, ch, scope, nlost in accepted:
                    seq += 1
                    result = {"change_id": ch.change_id, "status": ACCEPTED, "seq": seq, "conflicts": nlost}
                    ledger_rows.append(self._ledger(ref, install_id, station_seq, ch, seq, scope, ACCEPTED, result, now))
                    results[pos] = result
                hlc_last = counter.hlc_last
                if stamps:
                    clock = self._clock(counter)
                    self._receive_newest(clock, stamps)
                    hlc_last = clock.last.encode() if clock.last else hlc_last
                s.execute(update(ct).where(where).values(seq=seq, hlc_last=hlc_last))
                _bulk_insert(s, LedgerEntry.__table__, ledger_rows)
                _refresh_statistics(s, first_seq, seq)
            return results  # type: ignore[return-value]

    def _check_fork(self, s, ref, install_id, items, parsed, ledger, st_last: int | None) -> None:
        """A new change at an outbox position where this install already sent a different change: the
        database was copied to a second PC (or restored and used without a full sync). Refuse the push:
        accepting it would create duplicates (two records with one case number, say)."""
        fresh = {item.get("seq"): p.change_id for item, p in zip(items, parsed, strict=True)
                 if isinstance(p, Change) and p.change_id not in ledger and isinstance(item.get("seq"), int)}
        if not fresh or min(fresh) > (st_last or 0):
            return  # all beyond every position this install has used: nothing to clash with
        clash = s.execute(select(LedgerEntry.station_seq, LedgerEntry.change_id).where(
            LedgerEntry.county_id == ref.county, LedgerEntry.station_code == ref.code,
            LedgerEntry.install_id == install_id, _in(s, LedgerEntry.station_seq, list(fresh), BigInteger))).all()
        if any(str(cid) != fresh[seq] for seq, cid in clash):
            raise refused("replica_forked",
                          "县级平台发现本站的数据库有两个副本在分别登记（例如拷贝到了另一台电脑）。为避免重复记录，本次同步已拒绝。"
                          "本机数据没有丢失，请联系县人大代表工委处理。",
                          "The hub found two diverging copies of this station's database (copied to a second PC?). "
                          "To avoid duplicates the push was refused; nothing here was lost.")

    def _authorize(self, ref: StationRef, ch: Change, cache: dict) -> DomainError | None:
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
            case = cache.get(("cases", str(_uuid(ch.fields.get("case_id")))))
            if case is not None and case.scope != ref.station_uuid:
                return refused("not_yours", "不能给另一个联络站的案件添加办理记录。",
                               "A station may not add events to another station's case.")
        return ref_scope.check(ref.station_uuid, ch, cache)  # what it refers to (hub/scope.py)

    @staticmethod
    def _refusal(change_id: Any, err: DomainError) -> dict[str, Any]:
        return {"change_id": str(change_id), "status": REJECTED, "code": err.code, "message_zh": err.message,
                "message_en": err.message_en}

    @staticmethod
    def _receive(clock: HybridClock, stamp: str) -> None:
        """Follow stations' clocks for causality, but never into the future: a stamp from a PC whose clock
        runs days ahead is stored as data (it still wins its merges) without dragging the hub's clock."""
        try:
            clock.receive(HLC.decode(stamp))
        except ValidationError:
            pass

    @classmethod
    def _receive_newest(cls, clock: HybridClock, stamps: set[str]) -> None:
        """Receiving a batch's stamps one by one leaves the clock above the newest one it accepts, so receive
        that one only: stamps sort as text, and one too far ahead is skipped for the next newest."""
        for stamp in sorted(stamps, reverse=True):
            before = clock.last
            cls._receive(clock, stamp)
            if clock.last is not before:
                return

    def _ledger(self, ref, install_id, station_seq, ch: Change, seq, scope, status, result, now) -> dict:
        if status == ACCEPTED and len(result) == 4:  # the common answer, spelled without a JSON encoder
            text = (f'{{"change_id":"{ch.change_id}","conflicts":{result["conflicts"]},"seq":{seq},'
                    f'"status":"{ACCEPTED}"}}')
        else:
            text = canonical(result)
        return {"county_id": ref.county if ref else self.county, "change_id": ch.change_id, "seq": seq,
                "station_code": ref.code if ref else None, "install_id": install_id,
                "station_seq": station_seq if isinstance(station_seq, int) else None, "entity": ch.entity,
                "entity_id": ch.entity_id, "scope": scope, "payload": ch.payload,
                "payload_hash": ch.payload_hash, "status": status, "result": text, "received_at": now}

    def _flag(self, ref: StationRef, ch: Change, now) -> dict:
        return {"county_id": ref.county, "id": uuid.uuid4(), "kind": "hash_mismatch", "entity": ch.entity,
                "entity_id": uuid.UUID(ch.entity_id), "field": None, "kept_value": None, "kept_hlc": None,
                "lost_value": ch.payload, "lost_hlc": ch.hlc, "change_id": uuid.UUID(ch.change_id),
                "station_code": ref.code, "reason": "same change id, different content", "detected_at": now,
                "seen": 0}

    @staticmethod
    def _conflict_rows(county: str, ch: Change, lost: Iterable[Conflict], code: str | None, now) -> list[dict]:
        return [{"county_id": county, "id": uuid.uuid4(), "kind": "field", "entity": ch.entity,
                 "entity_id": uuid.UUID(ch.entity_id), "field": c.field, "kept_value": canonical(c.kept_value),
                 "kept_hlc": c.kept_hlc, "lost_value": canonical(c.lost_value), "lost_hlc": c.lost_hlc,
                 "change_id": uuid.UUID(ch.change_id), "station_code": code, "reason": "", "detected_at": now,
                 "seen": 0} for c in lost]

    # -- records -------------------------------------------------------------------------------------
    def _load(self, s: Session, county: str, changes: list[Change], *,
              lock: bool = False) -> dict[tuple[str, str], _Rec]:
        """The records ``changes`` write (and a case event's case), one query per 1,000 records whatever
        their tables (``entity = ANY(…) AND id = ANY(…)``, pairs checked here). ``lock``: the records are
        about to be written, take their row locks (a county write to the same record waits)."""
        wanted: dict[tuple[str, str], uuid.UUID] = {}
        for ch in changes:
            wanted.setdefault((ch.entity, ch.entity_id), uuid.UUID(ch.entity_id))
            case_id = _uuid(ch.fields.get("case_id")) if ch.entity == "case_events" else None
            if case_id:
                wanted.setdefault(("cases", str(case_id)), case_id)
        cache: dict[tuple[str, str], _Rec] = {}
        pairs = list(wanted.items())
        t = HubRecord.__table__
        for i in range(0, len(pairs), 1000):
            chunk = pairs[i:i + 1000]
            entities = sorted({e for (e, _i), _u in chunk})
            stmt = select(t).where(t.c.county_id == county, _in(s, t.c.entity, entities, t.c.entity.type),
                                   _in(s, t.c.id, [u for _k, u in chunk]))
            for row in s.execute(stmt.with_for_update() if lock else stmt):
                key = (row.entity, str(row.id))
                if key in wanted:
                    cache[key] = _Rec(_state(row), row.owner, row.scope, True, base=(row.hlc, row.deleted_hlc))
        return cache

    def _merge_into(self, cache: dict, ch: Change, owner: uuid.UUID | None, scope: uuid.UUID | None) -> tuple:
        kind = MODELS_BY_ENTITY[ch.entity].__sync_kind__
        rec = cache.get((ch.entity, ch.entity_id))
        result = merge(rec.state if rec else None, ch, kind)
        if result.outcome == ORPHAN:
            # an update for a record the hub never received: keep its values as a record anyway, so the
            # change is not lost; it is the station's own record
            result = merge(None, Change(**{**ch.__dict__, "op": "insert"}), kind)
        if rec is None:
            rec = cache[(ch.entity, ch.entity_id)] = _Rec(result.state, owner, scope, False, True)
        elif result.outcome == APPLIED:
            rec.state, rec.dirty = result.state, True
        return result.conflicts

    def _write(self, s: Session, county: str, cache: dict, ledger_rows: list, conflicts: list) -> None:
        inserts, updates = [], []
        deltas: dict[tuple[uuid.UUID, str], list[int]] = {}
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
                   "label": _label(entity, st.fields)}
            if rec.exists:
                updates.append({**row, "id": uuid.UUID(ident), "origin_station_id": uuid.UUID(st.origin)})
            else:
                inserts.append({**row, "owner": rec.owner, "scope": rec.scope,
                                "parent_id": _uuid(st.fields.get("case_id")) if entity == "case_events" else None})
            rec.exists, rec.dirty = True, False
        for table, rows in ((HubRecord.__table__, inserts), (LedgerEntry.__table__, ledger_rows),
                            (HubConflict.__table__, conflicts)):
            _bulk_insert(s, table, rows)
        if updates:
            s.execute(update(HubRecord), updates)
        _add_to_digests(s, county, deltas)

    # -- pull ----------------------------------------------------------------------------------------
    def pull(self, ref: StationRef, after: int, limit: int = PULL_PAGE, include_own: bool = False, *,
             session: Session | None = None) -> dict[str, Any]:
        """Accepted changes in this station's scope after ``after``, in sequence order. ``next`` is safe to
        store as the cursor: every change up to it is committed (the counter row is locked until commit)."""
        limit = max(1, min(int(limit), 5000))
        with self.tx(session) as s:
            head = self._head(s, ref.county)
            lt = LedgerEntry.__table__
            stmt = (select(lt.c.seq, lt.c.change_id, lt.c.payload, lt.c.payload_hash)
                    .where(lt.c.county_id == ref.county, lt.c.seq > after, lt.c.seq <= head,
                           or_(lt.c.scope == ref.station_uuid, lt.c.scope.is_(None)))
                    .order_by(lt.c.seq).limit(limit))
            mine = lt.c.station_code == ref.code
            if include_own:  # a re-bootstrap: what earlier installs of this station sent, not this one
                stmt = stmt.where(or_(lt.c.station_code.is_(None), ~mine, lt.c.install_id != (ref.install_id or "")))
            else:
                stmt = stmt.where(or_(lt.c.station_code.is_(None), ~mine))
            rows = s.execute(stmt).all()
            nxt = rows[-1].seq if len(rows) == limit else head
            t = HubStation.__table__
            self._set_station(s, ref, last_cursor=case((t.c.last_cursor < int(after), int(after)),
                                                       else_=t.c.last_cursor))
            answer = {"changes": [{"seq": r.seq, "change_id": str(r.change_id), "payload": r.payload,
                                   "payload_hash": r.payload_hash} for r in rows],
                      "next": max(nxt, int(after)), "head": head, "more": len(rows) == limit}
            if not answer["more"]:  # the last page carries the digests the station verifies against
                answer["digest"] = self._digest(s, ref)
            return answer

    # -- digests and repair --------------------------------------------------------------------------
    def digest(self, ref: StationRef, *, session: Session | None = None) -> dict[str, Any]:
        """Per-table digests of this station's scope (its own records plus county-wide ones)."""
        with self.tx(session) as s:
            return {"tables": self._digest(s, ref)}

    @staticmethod
    def _digest(s: Session, ref: StationRef) -> dict[str, list]:
        """From ``hub_digests``: a few rows, whatever the number of records (no scan, no cache)."""
        t = HubDigest.__table__
        sums: dict[str, list[int]] = {}
        for entity, count, total in s.execute(select(t.c.entity, t.c.count, t.c.total).where(
                t.c.county_id == ref.county, _in(s, t.c.scope, [ref.station_uuid, SHARED_SCOPE]))):
            acc = sums.setdefault(entity, [0, 0])
            acc[0] += count
            acc[1] += int(total, 16)
        return {entity: digest_value(n, total) for entity, (n, total) in sorted(sums.items()) if n}

    def check_digests(self, *, fix: bool = False) -> list[dict[str, Any]]:
        """Sum every record again and compare with the kept ``hub_digests`` (a county's health check, and
        the tests' invariant). Returns what differs; ``fix`` writes the recounted values."""
        r, t = HubRecord.__table__, HubDigest.__table__
        with self.tx() as s:
            counted: dict[tuple[uuid.UUID, str], list[int]] = {}
            for scope, entity, ident, hlc, deleted in s.execute(
                    select(r.c.scope, r.c.entity, r.c.id, r.c.hlc, r.c.deleted_hlc)
                    .where(r.c.county_id == self.county).execution_options(yield_per=10_000)):
                acc = counted.setdefault((scope or SHARED_SCOPE, entity), [0, 0])
                acc[0] += 1
                acc[1] += record_hash(ident, hlc, deleted)
            kept = {(sc, e): [n, total] for sc, e, n, total in s.execute(
                select(t.c.scope, t.c.entity, t.c.count, t.c.total).where(t.c.county_id == self.county))}
            wrong = []
            for key in sorted(set(counted) | set(kept), key=str):
                want = digest_value(*counted.get(key, [0, 0]))
                if kept.get(key, [0, "0" * 64]) != want:
                    wrong.append({"scope": key[0], "entity": key[1], "kept": kept.get(key), "counted": want})
            if fix and wrong:
                s.execute(delete(t).where(t.c.county_id == self.county))
                _bulk_insert(s, t, [{"county_id": self.county, "scope": sc, "entity": e, "count": n,
                                     "total": digest_value(n, total)[1]} for (sc, e), (n, total) in counted.items()])
            return wrong

    def record_versions(self, ref: StationRef, entity: str) -> list[list]:
        with self.tx() as s:
            return [[str(i), h, d] for i, h, d in s.execute(
                select(HubRecord.id, HubRecord.hlc, HubRecord.deleted_hlc).where(
                    HubRecord.county_id == ref.county, HubRecord.entity == entity,
                    or_(HubRecord.scope == ref.station_uuid, HubRecord.scope.is_(None))))]

    def records(self, ref: StationRef, entity: str, ids: list[str]) -> list[dict[str, Any]]:
        """Full copies of records for repair; asking for a record outside the station's scope is refused."""
        wanted = [_uuid(i) for i in ids]
        if any(w is None for w in wanted):
            raise ProtocolError("bad_message", "记录编号格式不正确。", message_en="Malformed record id.")
        with self.tx() as s:
            rows = s.scalars(select(HubRecord).where(HubRecord.county_id == ref.county, HubRecord.entity == entity,
                                                     HubRecord.id.in_(wanted))).all()
            if any(r.scope not in (None, ref.station_uuid) for r in rows):
                raise refused("not_yours", "不能读取其他联络站的记录。", "A station may not read another station's records.")
            return [{"id": str(r.id), "fields": json.loads(r.fields), "created_hlc": r.created_hlc, "hlc": r.hlc,
                     "deleted_hlc": r.deleted_hlc, "origin": str(r.origin_station_id),
                     "field_hlcs": json.loads(r.field_hlcs or "{}")} for r in rows]

    # -- changes made at the hub ---------------------------------------------------------------------
    def commit_hub_change(self, s: Session, entity: str, entity_id: str, op: str, fields: Mapping[str, Any],
                          *, scope: uuid.UUID | None, stamp_after: str | None = None) -> Change:
        """Write a county-side change (reference data, a department's reply) into the records and the
        pull stream, as the hub's own station would."""
        from ..sync.protocol import new_change

        # the record's row lock first, then the counter: the order a push takes them in
        cache = self._load(s, self.county, [Change("", "", "", entity, entity_id, op, "", "", fields)], lock=True)
        counter = self._counter(s, self.county)
        clock = self._clock(counter)
        stamp = clock.now()
        if stamp_after and stamp.encode() <= stamp_after:
            # after every event already on the case, whatever a station's clock said
            after = HLC.decode(stamp_after)
            stamp = HLC(after.wall_ms, after.counter + 1, HUB_NODE)
            clock = HybridClock(HUB_NODE, stamp)
        rec = cache.get((entity, entity_id))
        ch = new_change(entity, entity_id, op, fields, stamp.encode(), str(HUB_ORIGIN),
                        base=rec.state.hlc if rec and op != "insert" else None)
        lost = self._merge_into(cache, ch, None, scope)
        counter.seq += 1
        now = utcnow()
        rec = cache[(entity, entity_id)]
        ledger = self._ledger(None, None, None, ch, counter.seq, rec.scope, ACCEPTED,
                              {"change_id": ch.change_id, "status": ACCEPTED, "seq": counter.seq}, now)
        self._write(s, self.county, cache, [ledger], self._conflict_rows(self.county, ch, lost, None, now))
        counter.hlc_last = clock.last.encode()
        return ch


def _refresh_statistics(s: Session, before: int, after: int) -> None:
    """PostgreSQL plans by table statistics; right after a big first sync they still describe an empty
    table and every look-up becomes a full scan (it grew with the data, 5 % → 100 % of a push). Analyse
    each time the county's change count doubles past 1,000: a handful of times in a hub's life."""
    if s.get_bind().dialect.name != "postgresql" or after < 1000:
        return
    if before.bit_length() != after.bit_length() or before < 1000:
        s.execute(text("ANALYZE hub_records"))
        s.execute(text("ANALYZE hub_changes"))


def _in(s: Session, col, values: list, item_type=Uuid):
    """``col IN (values)``; on PostgreSQL ``col = ANY(:array)``, one parameter however many values, so the
    statement is planned once instead of once per list length."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return col == any_(bindparam(None, list(values), type_=ARRAY(item_type)))
    return col.in_(list(values))


def _add_to_digests(s: Session, county: str, deltas: dict[tuple[uuid.UUID, str], list[int]]) -> None:
    """Add what a write changed (records counted, hashes added and taken away) to ``hub_digests``, in the
    write's transaction. The rows are locked (a county write into the same scope waits); a missing row is
    created first, racing writers agreeing through ``ON CONFLICT DO NOTHING``."""
    deltas = {k: v for k, v in deltas.items() if v != [0, 0]}
    if not deltas:
        return
    t = HubDigest.__table__

    def locked() -> dict[tuple[uuid.UUID, str], tuple[int, str]]:
        rows = s.execute(select(t.c.scope, t.c.entity, t.c.count, t.c.total).where(
            t.c.county_id == county, _in(s, t.c.scope, sorted({sc for sc, _e in deltas}, key=str)),
            _in(s, t.c.entity, sorted({e for _sc, e in deltas}), t.c.entity.type))
            .order_by(t.c.scope, t.c.entity).with_for_update())
        return {(sc, e): (n, total) for sc, e, n, total in rows}

    have = locked()
    missing = [k for k in deltas if k not in have]
    if missing:
        if s.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        s.execute(upsert(t).values([{"county_id": county, "scope": sc, "entity": e, "count": 0, "total": "0" * 64}
                                    for sc, e in sorted(missing, key=str)]).on_conflict_do_nothing())
        have = locked()
    s.execute(update(t).where(t.c.county_id == county, t.c.scope == bindparam("b_scope"),
                              t.c.entity == bindparam("b_entity"))
              .values(count=bindparam("b_count"), total=bindparam("b_total")),
              [{"b_scope": sc, "b_entity": e, "b_count": have[(sc, e)][0] + dn,
                "b_total": digest_value(0, int(have[(sc, e)][1], 16) + dt_)[1]}
               for (sc, e), (dn, dt_) in sorted(deltas.items(), key=str)])


def _bulk_insert(s: Session, table, rows: list[dict]) -> None:
    """PostgreSQL: ``COPY … FROM STDIN`` (one stream for the whole batch, far quicker than row-by-row
    executemany); SQLite: executemany, which is quick there."""
    if not rows:
        return
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        ids = [c.name for c in table.columns if isinstance(c.type, Uuid)]
        conn.execute(insert(table), [{**r, **{c: uuid.UUID(r[c]) for c in ids if isinstance(r.get(c), str)}}
                                     for r in rows])
        return
    cols = [c.name for c in table.columns]
    raw = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({", ".join(cols)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(tuple(row.get(c) for c in cols))


def _label(entity: str, fields: Mapping[str, Any]) -> str | None:
    key = LABELS.get(entity)
    value = fields.get(key) if key else None
    return str(value)[:100] if value is not None else None
