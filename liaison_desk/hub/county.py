"""What county staff do at the hub: reference data, departments' replies and supervision, conflicts, export.

Reference data (deputies, departments, categories, holidays, scoring rules…: every model whose sync kind
is ``reference``) is written here and sent to every station; it is deactivated, never deleted. A reply or a
supervision note becomes a case event addressed to the station that owns the case.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TextIO

from sqlalchemy import Boolean, Date, DateTime, Integer, Uuid, select
from sqlalchemy.orm import Session

from ..db.changes import canonical_json, columns_of
from ..db.models import MODELS_BY_ENTITY
from ..domain import reference_forms
from ..domain.case_number import parse_case_number
from ..domain.errors import DomainError, ValidationError
from ..domain.ids import HUB_ORIGIN, new_id
from ..domain.payload import sha256_hex
from ..domain.timeutil import utcnow
from ..domain.workflow import CaseState, Event, EventKind, Role, check_action, derived_columns, fold
from ..sync.protocol import ACCEPTED, Change, new_change
from . import clock, records
from .context import HubContext
from .enrollment import station_for_bundle
from .schema import HubConflict, HubRecord, HubStation

CASE_DEFAULTS = {"status": "registered", "escalation_level": 0, "reopen_count": 0, "event_count": 0,
                 "anomaly_count": 0}


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def reference_entities() -> list[str]:
    return sorted(e for e, m in MODELS_BY_ENTITY.items() if m.__sync_kind__ == "reference")


def _coerce(model, name: str, text: str) -> Any:
    """A ``key=value`` typed at the county's command line, spelled as in payloads."""
    col = model.__table__.columns.get(name)
    if col is None or name in ("id", "origin_station_id", "created_hlc", "hlc", "deleted_hlc"):
        raise ValidationError("unknown_field", f"{model.__tablename__} 没有字段 {name}。", field=name,
                              message_en=f"{model.__tablename__} has no field {name}.")
    if text == "":
        return None
    t = col.type
    try:
        if isinstance(t, Boolean):
            return text.lower() in ("1", "true", "yes", "y", "是")
        if isinstance(t, Integer):
            return int(text)
        if isinstance(t, DateTime):
            return _iso(dt.datetime.fromisoformat(text))
        if isinstance(t, Date):
            return dt.date.fromisoformat(text).isoformat()
        if isinstance(t, Uuid):
            return str(uuid.UUID(text))
    except ValueError:
        raise ValidationError("bad_value", f"字段 {name} 的值无效：{text}", field=name,
                              message_en=f"Invalid value for {name}: {text}") from None
    return text


def _require_reference(entity: str):
    model = MODELS_BY_ENTITY.get(entity)
    if model is None or model.__sync_kind__ != "reference":
        raise ValidationError("not_reference", f"{entity} 不是县级平台维护的基础数据。可选：{', '.join(reference_entities())}",
                              field="entity", message_en=f"{entity} is not hub reference data.")
    return model


def _values(model, entity: str, values: Mapping[str, str]) -> dict[str, Any]:
    """Typed values: the console's four lists by their form's rules (``domain.reference_forms``), other
    reference data column by column."""
    if entity in reference_forms.FORMS:
        return reference_forms.clean(entity, values, partial=True)
    return {k: _coerce(model, k, v) for k, v in values.items()}


def add_reference(hub: HubContext, entity: str, values: Mapping[str, str], *, session: Session | None = None) -> str:
    """Create a reference record (every station receives it); returns its id. The four lists the console keeps
    as forms (deputies, departments, categories, holidays) are checked by their form's rules and refused when
    they duplicate a live record (``domain.reference_forms``). ``session``: join the caller's transaction."""
    model = _require_reference(entity)
    fields = _values(model, entity, values)
    for name in columns_of(model):
        col = model.__table__.columns[name]
        if name not in fields:
            default = col.default.arg if col.default is not None and col.default.is_scalar else None
            if default is None and not col.nullable:
                raise ValidationError("missing_field", f"请填写 {name}。", field=name,
                                      message_en=f"{name} is required.")
            fields[name] = default
    ident = str(new_id())
    with hub.tx(session) as s:
        if entity in reference_forms.FORMS:
            records.counter(s, hub.county)  # the county's lock first: two adds of one name at once are one after the other
            reference_forms.check_duplicates(entity, fields, live_references(s, hub, entity))
            ident = _removed_day(s, hub, entity, fields) or ident
        commit_hub_change(hub, s, entity, ident, "insert", fields, scope=None)
    return ident


def _removed_day(s: Session, hub: HubContext, entity: str, fields: Mapping[str, Any]) -> str | None:
    """A county holiday removed earlier for the same date: added again, it comes back on its own record (the
    stations keep one row per date, removed ones included)."""
    if entity != "holidays" or not fields.get("date"):
        return None
    for ident, text in s.execute(select(HubRecord.id, HubRecord.fields).where(
            HubRecord.county_id == hub.county, HubRecord.entity == entity, HubRecord.owner.is_(None),
            HubRecord.deleted_hlc.is_not(None))):
        if json.loads(text).get("date") == fields["date"]:
            return str(ident)
    return None


def live_references(s: Session, hub: HubContext, entity: str) -> list[reference_forms.Existing]:
    """The county's live records of a reference list, for the duplicate check."""
    rows = s.execute(select(HubRecord.id, HubRecord.fields).where(
        HubRecord.county_id == hub.county, HubRecord.entity == entity, HubRecord.owner.is_(None),
        HubRecord.deleted_hlc.is_(None))).all()
    return [reference_forms.Existing(str(i), json.loads(f)) for i, f in rows]


def find_reference(hub: HubContext, entity: str, key: str, *, session: Session | None = None) -> HubRecord:
    """By id, or by its label (a department's name, a category's code, a deputy's name)."""
    with hub.tx(session) as s:
        q = select(HubRecord).where(HubRecord.county_id == hub.county, HubRecord.entity == entity,
                                    HubRecord.owner.is_(None))
        try:
            row = s.scalar(q.where(HubRecord.id == uuid.UUID(key)))
        except ValueError:
            rows = s.scalars(q.where(HubRecord.label == key)).all()
            if len(rows) > 1:
                raise DomainError("ambiguous", f"有 {len(rows)} 条名为 {key} 的记录，请用编号指定。",
                                  message_en=f"{len(rows)} records are called {key}; give the id.") from None
            row = rows[0] if rows else None
    if row is None:
        raise DomainError("not_found", f"县级平台维护的 {entity} 中没有 {key}。", message_en=f"No {entity} {key} at the hub.")
    return row


def update_reference(hub: HubContext, entity: str, key: str, values: Mapping[str, str], *,
                     session: Session | None = None) -> None:
    """Change fields of a reference record; the console's four lists are checked as ``add_reference`` does."""
    model = _require_reference(entity)
    fields = _values(model, entity, values)
    with hub.tx(session) as s:
        row = find_reference(hub, entity, key, session=s)
        if entity in reference_forms.FORMS:
            reference_forms.check_duplicates(entity, {**json.loads(row.fields), **fields},
                                             live_references(s, hub, entity), self_id=str(row.id))
        commit_hub_change(hub, s, entity, str(row.id), "update", fields, scope=None)


# -- the hub's own writes ----------------------------------------------------------------------------------
def commit_hub_change(hub: HubContext, s: Session, entity: str, entity_id: str, op: str, fields: Mapping[str, Any],
                      *, scope: uuid.UUID | None, stamp_after: str | None = None, redact: bool = False) -> Change:
    """Write a county-side change (reference data, a department's reply) into the records and the pull
    stream, as the hub's own station would. An update is stamped after the record's clock it replaces
    (``stamp_after`` too, when given), without the county's clock taking that time (``clock.stamp_after``).
    ``redact``: marked as a redaction (``hub.redaction``: a person's erasure reaching the county's events)."""
    # the record's row lock first, then the counter: the order a push takes them in
    cache = records.load(s, hub.county, [Change("", "", "", entity, entity_id, op, "", "", fields)], lock=True)
    counter = records.counter(s, hub.county)
    rec = cache.get((entity, entity_id))
    # an insert over a record the hub holds deleted is its re-adding: it carries the tombstone it saw (``merge``)
    base = rec.state.hlc if rec and (op != "insert" or rec.state.deleted_hlc is not None) else None
    after = max((x for x in (base, stamp_after) if x), default=None)
    stamp, hub_clock = clock.stamp_after(clock.hub_clock(counter.hlc_last, hub.wall), after)
    ch = new_change(entity, entity_id, op, fields, stamp.encode(), str(HUB_ORIGIN), base=base)
    if redact:
        payload = canonical_json({**json.loads(ch.payload), "redact": True})
        ch = replace(ch, payload=payload, payload_hash=sha256_hex(payload))
    lost = records.merge_into(cache, ch, None, scope)
    counter.seq += 1
    now = utcnow()
    rec = cache[(entity, entity_id)]
    ledger = records.ledger_row(hub.county, None, None, None, ch, counter.seq, rec.scope, ACCEPTED,
                                {"change_id": ch.change_id, "status": ACCEPTED, "seq": counter.seq}, now)
    records.write(s, hub.county, cache, [ledger], records.conflict_rows(hub.county, ch, lost, None, now))
    assert hub_clock.last is not None  # it has just given a stamp
    counter.hlc_last = hub_clock.last.encode()
    return ch


# -- replies and supervision ----------------------------------------------------------------------------
def _case_events(s: Session, hub: HubContext, case_id: uuid.UUID) -> list[Event]:
    return [_event(r) for r in s.scalars(select(HubRecord).where(
        HubRecord.county_id == hub.county, HubRecord.parent_id == case_id, HubRecord.entity == "case_events"))]


def _event(r: HubRecord) -> Event:
    """A case event as the fold sees it, from the hub's copy (the same as a station's ``_to_event``)."""
    f = json.loads(r.fields)
    return Event(id=str(r.id), kind=EventKind(f["kind"]), hlc=r.hlc, actor_role=Role(f["actor_role"]),
                 occurred_at=dt.datetime.fromisoformat(f["occurred_at"]), data=f.get("data") or {},
                 follows=f.get("follows_id"))


def _find_case(s: Session, hub: HubContext, case_no: str) -> HubRecord:
    """By case number, or by the case's id when two stations' copies ended up with one number (a forked
    station's clash, flagged in the conflicts): then the number alone is refused, never guessed."""
    q = select(HubRecord).where(HubRecord.county_id == hub.county, HubRecord.entity == "cases")
    try:
        case_id = uuid.UUID(case_no.strip())
    except ValueError:
        parsed = parse_case_number(case_no)
        number = str(parsed)
        rows = s.scalars(q.where(HubRecord.label == number)).all()
        if len(rows) > 1:  # a number is its station's: a case another station numbered with it is not meant
            owner = s.scalar(select(HubStation.station_uuid).where(HubStation.county_id == hub.county,
                                                                    HubStation.code == parsed.station_code))
            own = [r for r in rows if owner is not None and r.scope == owner]
            rows = own if len(own) == 1 else rows
        if len(rows) > 1:
            ids = "、".join(str(r.id) for r in rows)
            raise DomainError("ambiguous_case", f"有 {len(rows)} 件案件的编号都是 {number}（编号重复，见冲突列表），"
                              f"请改用案件 ID 指定：{ids}。",
                              message_en=f"{len(rows)} cases have the number {number} (a flagged clash); give the "
                              f"case id instead: {ids}.") from None
        what = number
    else:
        rows = s.scalars(q.where(HubRecord.id == case_id)).all()
        what = str(case_id)
    if not rows:
        raise DomainError("case_not_found", f"县级平台上没有编号为 {what} 的案件（联络站可能还没有同步）。",
                          message_en=f"No case {what} at the hub (not synced yet?).")
    return rows[0]


def act_on_case(hub: HubContext, case_no: str, kind: EventKind, data: Mapping[str, Any], actor_name: str) -> CaseState:
    """Record a department's reply or the county's supervision on a case; it flows to the owning station."""
    with hub.tx() as s:
        case = _find_case(s, hub, case_no)
        events = _case_events(s, hub, case.id)
        state = fold(events)
        data = {k: v for k, v in data.items() if v not in (None, "")}
        check_action(state, kind, Role.HUB, data)
        # after the case's last event by link, stamped at the county's own time: a case whose events carry
        # stamps years ahead (a station's wrong date) must not drag the county's clock there (issue 19)
        fields = {"case_id": str(case.id), "kind": kind.value, "occurred_at": _iso(utcnow()),
                  "actor_role": Role.HUB.value, "actor_id": None, "actor_name": actor_name, "data": dict(data),
                  "follows_id": state.last_id}
        ch = commit_hub_change(hub, s, "case_events", str(new_id()), "insert", fields, scope=case.scope)
        new_event = Event(ch.entity_id, kind, ch.hlc, Role.HUB, dt.datetime.fromisoformat(fields["occurred_at"]), data,
                          state.last_id)
        return fold([*events, new_event])


# -- conflicts and export ------------------------------------------------------------------------------
def conflicts(hub: HubContext, *, mark_seen: bool = False) -> list[dict[str, Any]]:
    """The county's conflicts, oldest first. ``mark_seen`` (the ``conflicts`` command, which shows them to
    county staff) marks the listed rows seen: the hub raises a ``clock_ahead`` row only while no unseen one
    exists for the station (``push._clock_ahead``), so a later incident is flagged again."""
    with hub.tx() as s:
        rows = s.scalars(select(HubConflict).where(HubConflict.county_id == hub.county)
                         .order_by(HubConflict.detected_at)).all()
        if mark_seen:
            for r in rows:
                if not r.seen:
                    r.seen = 1
        return [{"kind": r.kind, "entity": r.entity, "entity_id": str(r.entity_id) if r.entity_id else None,
                 "field": r.field, "kept": r.kept_value, "lost": r.lost_value, "kept_hlc": r.kept_hlc,
                 "lost_hlc": r.lost_hlc, "station": r.station_code, "reason": r.reason,
                 "detected_at": r.detected_at} for r in rows]


def case_derived(events: list[Event]) -> dict[str, Any]:
    """The case columns a station caches from the fold (``domain.workflow.derived_columns``), spelled for
    export."""
    return {k: _iso(v) for k, v in derived_columns(fold(events)).items()} if events else {}


def export_jsonl(hub: HubContext, out: TextIO, station: str | None = None) -> int:
    """Every record (or one station's replica with ``station``) in the station export's exact format, so
    the two files can be compared line by line."""
    scope = None
    if station:
        ref, _key = station_for_bundle(hub, station)
        scope = ref.station_uuid
    count = 0
    with hub.tx() as s:
        q = select(HubRecord).where(HubRecord.county_id == hub.county)
        if scope is not None:
            q = q.where((HubRecord.scope == scope) | HubRecord.scope.is_(None))
        rows = s.scalars(q).all()
        events: dict[uuid.UUID, list[Event]] = {}
        for r in rows:
            if r.entity == "case_events" and r.parent_id:
                events.setdefault(r.parent_id, []).append(_event(r))
        for r in sorted(rows, key=lambda r: (r.entity, r.id.hex)):
            model = MODELS_BY_ENTITY.get(r.entity)
            if model is None:
                continue
            fields = json.loads(r.fields)
            record: dict[str, Any] = {"type": r.entity}
            for col in model.__table__.columns:
                if col.key not in model.__local_only__:
                    record[col.key] = fields.get(col.key)
            record.update(id=str(r.id), origin_station_id=str(r.origin_station_id), created_hlc=r.created_hlc,
                          hlc=r.hlc, deleted_hlc=r.deleted_hlc)
            if r.entity == "cases":
                record.update(dict.fromkeys(model.__derived__), **CASE_DEFAULTS)
                record.update(case_derived(events.get(r.id, [])))
            out.write(canonical_json(record))
            out.write("\n")
            count += 1
    return count
