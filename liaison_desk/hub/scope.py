"""What a station's change may point at: the hub's scope check on references (foreign keys).

A station may read and write only its own records plus what the county sends it. ``push._authorize`` checks
the record a change writes; this module checks the records the change *refers to*: every foreign key of the
synced models (taken from the models' own ``ForeignKey`` declarations, so a new table is covered without
editing this file) and the id-like fields that carry no ``ForeignKey`` (a case event's ``actor_id`` and the
ids inside its ``data``).

The rules, for a change (insert or update) of station S:

- a reference to a record in S's scope is fine: S's own records, what the county addressed to S, and
  county-wide data (``scope`` NULL: deputies, departments, categories… owned by the hub);
- a reference to a record the hub holds in *another* station's scope is refused (``foreign_reference``),
  item by item, with the field and the table named in Chinese;
- a ``stations`` reference must be S's own station (or a station row the county sent everyone);
- a reference the hub has never seen is accepted (as an orphan update is): after a hub is restored from a
  backup, a station's repair sends its lost parents again *after* the children it wrote meanwhile, and
  refusing those children would drop them for good. A station only ever learns ids inside its scope, so an
  unknown id gives it nothing of another station's.

``load_references`` loads the referenced records for a whole batch with the hub's own batched loader
(``records.load``), so the check costs one query per referenced table per batch, not one per change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy.orm import Session

from ..db.models import MODELS_BY_ENTITY
from ..domain.errors import DomainError
from ..sync.protocol import Change, SyncRefused, canonical_uuid
from . import records, recovery
from .context import StationRef

#: Id-like fields without a ``ForeignKey`` (``actor_id`` is an operator at a station, a hub user upstream).
EXTRA_REFS: dict[str, dict[str, str]] = {
    "case_events": {"actor_id": "operators"},
    "print_records": {"actor_id": "operators"},
}
#: Ids inside a case event's ``data`` (the workflow's ``assign`` and ``link_duplicate``).
EVENT_DATA_REFS = {"department_id": "departments", "duplicate_of": "cases"}

ENTITY_ZH = {
    "stations": "联络站", "deputies": "代表", "deputy_groups": "代表小组", "deputy_group_members": "代表小组成员",
    "station_assignments": "编组进站", "staff_members": "工作人员", "operators": "操作员", "departments": "承办单位",
    "categories": "诉求类别", "villages": "村（社区）", "constituents": "来访群众", "duty_shifts": "值班",
    "visits": "来访登记", "cases": "案件", "case_events": "办理记录", "activities": "代表活动",
    "activity_participants": "活动参加人", "print_records": "打印记录", "score_disputes": "积分申报",
    "audit_entries": "查阅和操作记录", "tallies": "计票表", "tally_entries": "计票录入", "livelihood_votes": "民生实事项目票决",
    "livelihood_candidates": "民生实事候选项目", "livelihood_progress": "民生实事项目进展", "voter_appraisals": "述职评议",
}


def _foreign_keys() -> dict[str, dict[str, str]]:
    refs: dict[str, dict[str, str]] = {}
    for entity, model in MODELS_BY_ENTITY.items():
        for col in model.__table__.columns:
            for fk in col.foreign_keys:
                refs.setdefault(entity, {})[col.key] = fk.column.table.name
        for name, target in EXTRA_REFS.get(entity, {}).items():
            refs.setdefault(entity, {})[name] = target
    return refs


#: entity -> {field: referenced entity}, for every synced model.
REFERENCES: dict[str, dict[str, str]] = _foreign_keys()


def references(ch: Change) -> Iterator[tuple[str, str, Any]]:
    """(field, referenced entity, value) of every reference a change sets (a delete sets none)."""
    if ch.op == "delete":
        return
    for name, target in REFERENCES.get(ch.entity, {}).items():
        value = ch.fields.get(name)
        if value is not None:
            yield name, target, value
    if ch.entity == "case_events":
        data = ch.fields.get("data")
        if isinstance(data, Mapping):
            for name, target in EVENT_DATA_REFS.items():
                value = data.get(name)
                if value is not None:
                    yield f"data.{name}", target, value


def _canonical(value: Any) -> str | None:
    try:
        return canonical_uuid(value)
    except (ValueError, TypeError, AttributeError):
        return None


def prepare(s: Session, ref: StationRef, changes: list[Change | DomainError], cache: records.Cache) -> None:
    """Before a push batch is authorised: load what it refers to, and flag case numbers used twice."""
    load_references(s, ref.county, changes, cache, str(ref.station_uuid))
    recovery.flag_number_clashes(s, ref.county, ref.code, ref.station_uuid, changes)


def load_references(s: Session, county: str, changes: Iterable[Change | DomainError], cache: records.Cache,
                    me: str | None = None) -> None:
    """Add the records a batch refers to to the push's record cache (the ones it does not hold yet), in one
    batched read per table. They are loaded unchanged (not dirty), so nothing extra is written.

    Skipped: the station's own station id (always allowed) and records the batch itself writes (the
    push's loader already read those that exist; the others are created by this batch, in its scope)."""
    batch = [ch for ch in changes if isinstance(ch, Change)]
    seen: set[tuple[str, str]] = {(ch.entity, ch.entity_id) for ch in batch}
    wanted: list[Change] = []
    for ch in batch:
        for _name, target, value in references(ch):
            ident = _canonical(value)
            if ident is None or ident == me:
                continue
            key = (target, ident)
            if key in cache or key in seen:
                continue
            seen.add(key)
            wanted.append(Change("", "", "", target, ident, "insert", "", "", {}))
    if wanted:
        for key, rec in records.load(s, county, wanted).items():
            cache.setdefault(key, rec)


def check(station_uuid: uuid.UUID, ch: Change, cache: Mapping[tuple[str, str], records.Rec]) -> DomainError | None:
    """The refusal for a change that refers to a record outside the station's scope, or None."""
    me = str(station_uuid)
    for name, target, value in references(ch):
        ident = _canonical(value)
        what = ENTITY_ZH.get(target, target)
        if ident is None:
            return SyncRefused("bad_reference", f"字段 {name} 应是{what}的编号，收到的格式不正确：{str(value)[:40]}",
                               message_en=f"Field {name} must be the id of a {target} record; got a malformed value.")
        rec = cache.get((target, ident))
        scope = rec.scope if rec is not None else None
        if target == "stations" and ident != me and (rec is None or (scope is not None and str(scope) != me)):
            return SyncRefused("foreign_reference", f"字段 {name} 指向另一个联络站，只能登记本站的记录。",
                               message_en=f"Field {name} names another station; a station records only its own.")
        if rec is not None and scope is not None and str(scope) != me:
            return SyncRefused("foreign_reference",
                               f"字段 {name} 引用了另一个联络站的{what}，联络站只能引用本站的记录和县级平台下发的数据，已拒收。",
                               message_en=f"Field {name} refers to another station's {target} record; a station may "
                                          "refer only to its own records and what the county sent it. Refused.")
    return None
