"""Minimisation and retention (issue 17; PIPL Art. 19, GB/T 35273 §6.1): personal fields are kept no longer
than the station needs them.

**The rule.** Once a case has been closed (办结) or withdrawn for more than ``years`` years (a setting of this
station, default ``DEFAULT_YEARS``), the personal fields of the people in it are removed: the visitor's name
becomes 某某, the phone and ID number are cleared, and every phone, ID or card number and every name of the
case's visitors is taken out of its free text (case content and summary, the visit's note; ``domain.masking``
finds the numbers). A visit with no case is treated the same way once it is
older than the limit, and a constituent (选民) once nothing of theirs is still within it. What makes the
figures is kept: dates, category, village, department, status, urgency, headcount, satisfaction and the
events themselves, so every count by category, status, village or month is the same afterwards.

Why three years: a closed case can come back (reopened, a repeat visit on the same matter, the next year's
review of the deputy's record book and the annual 述职) within about two years; three covers the year in
which it closed, the next year's record book and review, and a margin — and a returning visitor is still
recognised by phone in that time. A county that files cases longer can set more (up to ``MAX_YEARS``).

**How it travels.** The removal is a normal synced update of each record, stamped by this station's clock
and logged in the outbox with the fields it changed, so the hub and every replica take it by the usual
per-field merge. Visits and case events are append-only for the desk; this redaction (like migration 0004's
fill of a visit's shift) is the one kind of update they get, written here through Core as 0004 does. Only
this station's own records are changed (the hub refuses changes to another's); others are counted.

**Case events (办理记录).** An event's stamp is where it sorts in the case's history (the fold takes events
without a ``follows`` link by stamp). A person's erasure (``admin.person``, ``events=True``) also takes their
names and numbers out of the texts of their cases' events (a note, a reply, a call's note, a follow-up
comment): a synced update marked as a redaction like the others, which leaves the event's own stamp where it
was on every replica (``sync.merge.keeps_place``), so the history keeps its order and the fold its result.
The retention rule leaves events as they are (the desk masks numbers on paper and on screen); events written
by the county or another station are the hub's to redact (``hub.redaction``) and are counted in ``others``.

``redact`` is shared with ``admin.person`` (a person's erasure on request, PIPL Art. 47).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, select, update
from sqlalchemy.orm import Session

from ...db.changes import build_change, stamp_after, to_jsonable
from ...db.database import Database, get_local, set_local
from ...db.models import Case, CaseEvent, Constituent, OutboxEntry, Visit
from ...db.models_sync import SyncConflict
from ...domain.errors import ValidationError
from ...domain.masking import mask_text
from ...domain.payload import canonical_json, sha256_hex
from ...domain.timeutil import utcnow
from ...domain.workflow import Role, Status
from ..context import Actor
from ..sync.push import compact_payload

log = logging.getLogger(__name__)

PLACEHOLDER = "某某"
DEFAULT_YEARS = 3
MAX_YEARS = 30
YEARS_KEY = "retention_years"
LAST_RUN_KEY = "retention_last_run"
DONE_KEY = "retention_done_before"  # everything that passed the limit before this time has been redacted
ENDED = (Status.CLOSED.value, Status.WITHDRAWN.value)
_CASES, _OUTBOX = cast(Table, Case.__table__), cast(Table, OutboxEntry.__table__)  # plain tables for Core
_NAME_SPLIT = re.compile(r"[、，,；;\s/]+")


@dataclass(frozen=True)
class RedactionCounts:
    """What a retention run or an erasure changed (or, in a dry run, would change)."""

    cases: int = 0
    visits: int = 0
    constituents: int = 0
    events: int = 0  # case events whose texts lost the person (an erasure only; see above)
    outbox: int = 0  # acknowledged outbox payloads compacted
    conflicts: int = 0  # kept sync conflicts whose values were scrubbed
    others: int = 0  # records of another station (or the county) left as they are: their owner must do it
    dry_run: bool = False
    cutoff: dt.datetime | None = None

    @property
    def records(self) -> int:
        return self.cases + self.visits + self.constituents + self.events


@dataclass
class _Plan:
    """The new values of each record to redact: {(model, id): {field: value}}."""

    updates: dict[tuple[type, uuid.UUID], dict[str, Any]] = field(default_factory=dict)
    others: int = 0

    def count(self, model: type) -> int:
        return sum(1 for m, _ in self.updates if m is model)


# -- settings ---------------------------------------------------------------------------------------------

def retention_years(db: Database) -> int:
    with db.session(write=False) as s:
        value = get_local(s, YEARS_KEY)
    try:
        return int(value) if value is not None else DEFAULT_YEARS
    except ValueError:
        return DEFAULT_YEARS


def set_retention_years(db: Database, actor: Actor, years: int) -> int:
    actor.require(Role.STAFF, Role.ADMIN, what="修改个人信息保存期限")
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise ValidationError("bad_setting", f"个人信息保存期限应为 1 到 {MAX_YEARS} 年。", field="years",
                              message_en=f"The retention period is 1 to {MAX_YEARS} years.")
    with db.session() as s:
        set_local(s, YEARS_KEY, str(years))
    return years


def cutoff_for(now: dt.datetime, years: int) -> dt.datetime:
    """``years`` calendar years before ``now`` (29 February → 28 February)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


# -- scrubbing free text ------------------------------------------------------------------------------------

def names_in(text: str | None) -> set[str]:
    """The names in a visit's ``visitor_names`` (张三、李四) — the ones worth looking for in free text."""
    return {n for n in _NAME_SPLIT.split(text or "") if len(n) >= 2 and n != PLACEHOLDER}


def scrub(text: str | None, names: Iterable[str], phones: Iterable[str] = ()) -> str | None:
    """``text`` without personal numbers (masked as on paper) and without the given names (→ 某某)."""
    if not text:
        return text
    for p in sorted({p for p in phones if p}, key=len, reverse=True):
        text = text.replace(p, "")
    text = mask_text(text)
    for n in sorted(set(names), key=len, reverse=True):
        text = text.replace(n, PLACEHOLDER)
    return text


# -- planning ---------------------------------------------------------------------------------------------

def plan_redaction(s: Session, station: uuid.UUID | None, *, case_ids: Iterable[uuid.UUID] = (),
                   visit_ids: Iterable[uuid.UUID] = (), constituent_ids: Iterable[uuid.UUID] = (),
                   names: Iterable[str] = (), phones: Iterable[str] = (),
                   mentions: Iterable[uuid.UUID] = (), case_visits: bool = True, events: bool = False) -> _Plan:
    """The new values of these records with their personal fields removed (unchanged records left out).
    ``mentions``: other people's cases that name the person: only ``names`` and ``phones`` leave their text.
    ``case_visits``: the cases' visits are redacted too (else only read, for the names to take out).
    ``events``: the texts of the cases' events too (a person's erasure)."""
    plan = _Plan()
    extra_names, extra_phones = set(names), {p for p in phones if p}
    cases = _rows(s, Case, case_ids)
    visit_ids = set(visit_ids)
    visit_set = visit_ids | {c.visit_id for c in cases if c.visit_id}
    visits = {v.id: v for v in _rows(s, Visit, visit_set)}
    person_set = set(constituent_ids)
    people = {p.id: p for p in _rows(s, Constituent, person_set | {c.constituent_id for c in cases if c.constituent_id}
                                     | {v.constituent_id for v in visits.values() if v.constituent_id})}

    def want(model: type, row: Any, values: dict[str, Any]) -> None:
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return
        if station is None or row.origin_station_id != station:
            plan.others += 1
            return
        plan.updates.setdefault((model, row.id), {}).update(changed)

    def who(visit: Any | None, person: Any | None) -> tuple[set[str], set[str]]:
        found = set(extra_names) | names_in(visit.visitor_names if visit else None)
        if person is not None and person.name and person.name != PLACEHOLDER:
            found.add(person.name)
        nums = set(extra_phones) | {x for x in (visit.visitor_phone if visit else None,
                                                person.phone if person else None,
                                                person.id_number if person else None) if x}
        return found, nums

    for c in cases:
        visit, person = visits.get(c.visit_id) if c.visit_id else None, people.get(c.constituent_id) \
            if c.constituent_id else None
        if person is None and visit is not None and visit.constituent_id:
            person = people.get(visit.constituent_id)
        n, p = who(visit, person)
        want(Case, c, {"content": scrub(c.content, n, p), "summary": scrub(c.summary, n, p)})
        if events:
            for e in _events(s, c.id):
                want(CaseEvent, e, {"data": scrub_data(e.data, n, p)})
    for c in _rows(s, Case, set(mentions) - {c.id for c in cases}):
        want(Case, c, {"content": scrub(c.content, extra_names, extra_phones),
                       "summary": scrub(c.summary, extra_names, extra_phones)})
        if events:
            for e in _events(s, c.id):
                want(CaseEvent, e, {"data": scrub_data(e.data, extra_names, extra_phones)})
    redacted = set(visit_ids) | ({c.visit_id for c in cases if c.visit_id} if case_visits else set())
    for v in visits.values():
        if v.id not in redacted:
            continue
        n, p = who(v, people.get(v.constituent_id) if v.constituent_id else None)
        want(Visit, v, {"visitor_names": PLACEHOLDER, "visitor_phone": None, "note": scrub(v.note, n, p) or ""})
    for pid in person_set:
        person = people.get(pid)
        if person is not None:
            want(Constituent, person, {"name": PLACEHOLDER, "phone": None, "id_number": None})
    return plan


def scrub_data(data: Any, names: Iterable[str], phones: Iterable[str] = ()) -> Any:
    """An event's ``data`` with every text in it scrubbed (``scrub``); ids, dates and choices stay as they
    are (they hold no name, and ``mask_text`` keeps record ids and dates whole)."""
    if isinstance(data, str):
        return scrub(data, names, phones)
    if isinstance(data, dict):
        return {k: scrub_data(v, names, phones) for k, v in data.items()}
    if isinstance(data, list):
        return [scrub_data(v, names, phones) for v in data]
    return data


def _events(s: Session, case_id: uuid.UUID) -> list[Any]:
    return list(s.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)))


def _rows(s: Session, model: type, ids: Iterable[uuid.UUID]) -> list[Any]:
    ids = list(dict.fromkeys(ids))
    out: list[Any] = []
    for i in range(0, len(ids), 500):
        out.extend(s.scalars(select(model).where(model.id.in_(ids[i:i + 500]))))  # type: ignore[attr-defined]
    return out


# -- writing ----------------------------------------------------------------------------------------------

def apply_plan(db: Database, s: Session, plan: _Plan) -> None:
    """Write the plan as this station's own updates: each record gets a new stamp (after the one it had)
    and an outbox ``update`` change of the fields it lost, in the caller's transaction.

    The search index (``models_desk``: a contentless FTS5 table kept by triggers on ``cases``) holds each
    case's visitor names, read from its visit; a contentless index can only drop a document by being given
    its exact old text. So a case whose visit is renamed is taken out of the index first (its ``visit_id``
    set to NULL: the trigger removes the old text) and put back afterwards (the link restored: the trigger
    indexes the new text). Case content is changed before, through the same triggers."""
    if not plan.updates:
        return
    now = utcnow()
    s.flush()
    by_model: dict[type, list[tuple[uuid.UUID, dict[str, Any]]]] = {}
    for (model, ident), values in plan.updates.items():
        by_model.setdefault(model, []).append((ident, values))
    for model in (Case, CaseEvent, Constituent):
        _write_many(db, s, model, by_model.get(model, []), now)
    renamed = [i for i, _ in by_model.get(Visit, [])]
    links: list[dict[str, Any]] = []
    for chunk in _chunks(renamed):
        links.extend({"_id": r.id, "_v": r.visit_id} for r in s.execute(
            select(_CASES.c.id, _CASES.c.visit_id).where(_CASES.c.visit_id.in_(chunk))))
    relink = update(_CASES).where(_CASES.c.id == bindparam("_id")).values(visit_id=bindparam("_v"))
    if links:
        s.execute(relink, [{"_id": link["_id"], "_v": None} for link in links])
    _write_many(db, s, Visit, by_model.get(Visit, []), now)
    if links:
        s.execute(relink, links)
    db.change_context.persist_clock(s)
    s.expire_all()


def _write_many(db: Database, s: Session, model: Any, items: list[tuple[uuid.UUID, dict[str, Any]]],
                now: dt.datetime) -> None:
    """Each record's new values and stamp, and its outbox change: one statement per set of fields. A case
    event keeps its own stamp (its place in the case's history: ``sync.merge.keeps_place``); the change
    carries the new one, as every replica's field clock of the event's text."""
    if not items:
        return
    table = cast(Table, model.__table__)
    keep_place = model is CaseEvent
    rows: dict[uuid.UUID, Any] = {}
    for chunk in _chunks([i for i, _ in items]):
        rows.update((r.id, r) for r in s.execute(
            select(table.c.id, table.c.hlc, table.c.origin_station_id).where(table.c.id.in_(chunk))))
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    changes = []
    for ident, values in items:
        row = rows[ident]
        stamp = stamp_after(db.stamp(), row.hlc)
        keys = tuple(sorted(values))
        place = {} if keep_place else {"_hlc": stamp}
        groups.setdefault(keys, []).append({"_id": ident, **place, **{f"_{k}": values[k] for k in keys}})
        change = build_change(model.__tablename__, ident, "update", {k: to_jsonable(v) for k, v in values.items()},
                              stamp, row.origin_station_id, now, base=row.hlc)
        # marked, so the hub also takes the values out of the record's earlier changes (``hub.redaction``)
        change["payload"] = canonical_json({**json.loads(change["payload"]), "redact": True})
        change["payload_hash"] = sha256_hex(change["payload"])
        changes.append(change)
    for keys, params in groups.items():
        stamped: dict[str, Any] = {} if keep_place else {"hlc": bindparam("_hlc")}
        stmt = update(table).where(table.c.id == bindparam("_id")).values(
            **stamped, **{k: bindparam(f"_{k}") for k in keys})
        s.execute(stmt, params)
    s.execute(_OUTBOX.insert(), changes)


def compact_acknowledged(s: Session, entity_ids: Iterable[uuid.UUID] | None = None, *,
                         seqs: tuple[int, int] | None = None) -> int:
    """Compact acknowledged outbox payloads still holding values (written before this release): of the
    given records, or at the outbox positions ``seqs`` (first, last); returns how many. Pending ones are
    left whole: the hub has not got them yet."""
    t = _OUTBOX
    q = select(t.c.seq, t.c.payload).where(t.c.acked_at.is_not(None), ~t.c.payload.contains('"compacted":true'))
    ids = None if entity_ids is None else list(entity_ids)
    rows: list[Any] = []
    if ids is None:
        rows = list(s.execute(q.where(t.c.seq.between(*seqs)) if seqs else q))
    else:
        for i in range(0, len(ids), 500):
            rows.extend(s.execute(q.where(t.c.entity_id.in_(ids[i:i + 500]))))
    params = []
    for r in rows:
        payload, digest = compact_payload(r.payload)
        params.append({"s": r.seq, "p": payload, "h": digest})
    if params:
        s.execute(update(t).where(t.c.seq == bindparam("s")).values(payload=bindparam("p"),
                                                                   payload_hash=bindparam("h")), params)
    return len(params)


def scrub_conflicts(s: Session, entity_ids: Iterable[uuid.UUID], names: set[str], phones: set[str]) -> int:
    """Kept sync conflicts of these records: their values scrubbed like free text. Returns how many changed."""
    ids = list(entity_ids)
    n = 0
    for i in range(0, len(ids), 500):
        for c in s.scalars(select(SyncConflict).where(SyncConflict.entity_id.in_(ids[i:i + 500]))):
            kept, lost = scrub(c.kept_value, names, phones), scrub(c.lost_value, names, phones)
            if (kept, lost) != (c.kept_value, c.lost_value):
                c.kept_value, c.lost_value = kept, lost
                n += 1
    return n


# -- the retention rule -----------------------------------------------------------------------------------

def expired(s: Session, cutoff: dt.datetime, since: dt.datetime | None = None
            ) -> tuple[list[uuid.UUID], list[uuid.UUID], list[uuid.UUID]]:
    """(cases, visits, constituents) past the limit: cases ended before ``cutoff``, their visits and the
    visits with no case from before it, and the people with nothing left within it. ``since``: only what
    passed the limit since then (an earlier run took what was older)."""
    c, v = Case.__table__.c, Visit.__table__.c
    old_case = and_(c.status.in_(ENDED), c.closed_at.is_not(None), c.closed_at < cutoff)
    window = old_case if since is None else and_(old_case, c.closed_at >= since)
    cases = s.execute(select(c.id, c.visit_id, c.constituent_id).where(window)).all()
    has_case = select(c.id).where(c.visit_id == v.id).exists()
    caseless = and_(v.occurred_at < cutoff, ~has_case)
    if since is not None:
        caseless = and_(caseless, v.occurred_at >= since)
    visits = {r.visit_id for r in cases if r.visit_id}
    people = {r.constituent_id for r in cases if r.constituent_id}
    for r in s.execute(select(v.id, v.constituent_id).where(caseless)):
        visits.add(r.id)
        if r.constituent_id:
            people.add(r.constituent_id)
    people |= {pid for pid in _chunked_scalars(s, select(v.constituent_id).where(v.constituent_id.is_not(None)),
                                               v.id, list(visits)) if pid}
    live = set()
    for chunk in _chunks(list(people)):
        live |= set(s.scalars(select(c.constituent_id).where(c.constituent_id.in_(chunk), ~old_case)))
        live |= set(s.scalars(select(v.constituent_id).where(v.constituent_id.in_(chunk), v.occurred_at >= cutoff)))
    return [r.id for r in cases], sorted(visits), sorted(people - live)


def _chunks(ids: list[uuid.UUID], size: int = 500) -> Iterator[list[uuid.UUID]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _chunked_scalars(s: Session, q: Any, col: Any, ids: list[uuid.UUID]) -> set[Any]:
    out: set[Any] = set()
    for chunk in _chunks(ids):
        out |= set(s.scalars(q.where(col.in_(chunk))))
    return out


CHUNK = 200  # records planned and written per transaction: the desk's own writes wait at most that long
COMPACTED_KEY = "outbox_compacted"  # every acknowledged change before this release has been compacted


def run_retention(db: Database, actor: Actor, *, dry_run: bool = False, now: dt.datetime | None = None,
                  years: int | None = None, full: bool = False) -> RedactionCounts:
    """Apply the retention rule once (see the module docstring); a dry run only counts.

    A daily run looks only at what passed the limit since the last run (``DONE_KEY``); ``full`` looks at
    everything again (the command line does, and is still idempotent: a redacted record is not changed).
    The work is done ``CHUNK`` records per transaction, so a first run on years of data never holds the
    desk's writes back for long; stopped half-way, the next run takes it up again."""
    actor.require(Role.STAFF, Role.ADMIN, what="按保存期限清除个人信息")
    years = years if years is not None else retention_years(db)
    now = now or utcnow()
    cutoff = cutoff_for(now, years)
    with db.session(write=False) as s:
        done = get_local(s, DONE_KEY)
        since = None if full or done is None else dt.datetime.fromisoformat(done)
        case_ids, visit_ids, people = expired(s, cutoff, since)
    station = db.station_id()
    totals = {Case: 0, Visit: 0, Constituent: 0}
    others = 0
    # cases first (their texts lose the names their visits still hold), then visits, then people
    batches: list[dict[str, Any]] = [{"case_ids": c, "case_visits": False} for c in _chunks(case_ids, CHUNK)] + \
        [{"visit_ids": v} for v in _chunks(visit_ids, CHUNK)] + [{"constituent_ids": p} for p in _chunks(people, CHUNK)]
    for batch in batches:
        with db.session(write=not dry_run) as s:
            plan = plan_redaction(s, station, **batch)
            if not dry_run:
                apply_plan(db, s, plan)
                compact_acknowledged(s, _changed_ids(plan))
        for model in totals:
            totals[model] += plan.count(model)
        others += plan.others
    compacted = 0
    if not dry_run:
        compacted = compact_all(db)
        with db.session() as s:
            set_local(s, LAST_RUN_KEY, now.isoformat(timespec="seconds"))
            set_local(s, DONE_KEY, max(cutoff, since or cutoff).isoformat(timespec="seconds"))
    counts = RedactionCounts(cases=totals[Case], visits=totals[Visit], constituents=totals[Constituent],
                             outbox=compacted, others=others, dry_run=dry_run, cutoff=cutoff)
    if not dry_run and (counts.records or compacted):
        log.info("retention (%d years): %d cases, %d visits, %d people redacted; %d changes compacted",
                 years, counts.cases, counts.visits, counts.constituents, compacted)
    return counts


def compact_all(db: Database, chunk: int = 2000) -> int:
    """Once per database: compact the acknowledged changes an earlier release kept whole, ``chunk`` per
    transaction (later acknowledgements are compacted as they are recorded: ``sync.push``)."""
    with db.session(write=False) as s:
        if get_local(s, COMPACTED_KEY) == "1":
            return 0
    t = OutboxEntry.__table__
    total, after = 0, 0
    while True:
        with db.session() as s:
            seqs = list(s.scalars(select(t.c.seq).where(t.c.seq > after, t.c.acked_at.is_not(None))
                                  .order_by(t.c.seq).limit(chunk)))
            if not seqs:
                set_local(s, COMPACTED_KEY, "1")
                return total
            total += compact_acknowledged(s, seqs=(seqs[0], seqs[-1]))
            after = seqs[-1]


def _changed_ids(plan: _Plan) -> list[uuid.UUID]:
    return [ident for _, ident in plan.updates]


def retention_due(db: Database, now: dt.datetime | None = None) -> bool:
    """At most daily: true when the rule has not run in the last 24 hours on this PC."""
    now = now or utcnow()
    with db.session(write=False) as s:
        last = get_local(s, LAST_RUN_KEY)
    try:
        return last is None or now - dt.datetime.fromisoformat(last) >= dt.timedelta(days=1) \
            or dt.datetime.fromisoformat(last) > now
    except ValueError:
        return True


def scheduled_retention(db: Database) -> RedactionCounts | None:
    """The desk's daily run at start (in the background): nothing when it ran today or the database is a
    training one; never raises (a failure is logged and tried again at the next start)."""
    try:
        if not retention_due(db):
            return None
        return run_retention(db, Actor(Role.ADMIN, "保存期限"))
    except Exception:  # a background chore must never take the desk down
        log.exception("scheduled retention failed")
        return None
