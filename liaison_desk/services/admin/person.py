"""One person's data on request (PIPL Art. 44–47): everything the station holds about them, and its erasure.

A person is found by phone number (the desk recognises a returning visitor the same way), optionally
narrowed by name when a family shares one phone: their constituent records, the visits registered with that
phone or for those records, the cases of those visits and records (and any case whose text holds the phone),
and the cases' events.

**Export** returns all of it as plain records (every column but local secrets), for the command line to
write as one JSON file readable by its owner only.

**Erasure** removes their personal fields everywhere the station keeps them: constituent (name → 某某,
phone and ID number cleared), visits (visitor names → 某某, phone cleared, names and numbers taken out of
the note), cases (names and numbers taken out of content and summary), the search index (it follows the
visit's names: ``retention.apply_plan``), acknowledged outbox payloads of those records (compacted) and kept
sync conflicts (scrubbed). It is written as this station's own synced updates (``retention``), so the hub's
copy and every replica lose the values as well. The texts of their cases' events (notes, replies, calls'
notes, follow-up comments) lose them too, each event keeping its place in the case's history (``retention``
says how). Records of another station or of the county are left to their owner and counted; the hub takes
the person out of the county's events of these cases when the erasure arrives (``hub.redaction``). Staff and
administrators only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...db.changes import to_jsonable
from ...db.database import Database
from ...db.models import Case, CaseEvent, Constituent, Visit
from ...domain.errors import DomainError
from ...domain.timeutil import utcnow
from ...domain.validation import validate_phone
from ...domain.workflow import Role
from ..context import Actor
from . import retention

WHAT = "查阅或删除个人信息"


@dataclass(frozen=True)
class PersonRecords:
    """Everything about one person: lists of records as plain JSON-ready dicts."""

    phone: str
    name: str | None
    constituents: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    case_events: list[dict[str, Any]]
    exported_at: dt.datetime

    @property
    def total(self) -> int:
        return len(self.constituents) + len(self.visits) + len(self.cases) + len(self.case_events)

    def as_json(self) -> dict[str, Any]:
        return {"phone": self.phone, "name": self.name, "exported_at": self.exported_at.isoformat(timespec="seconds"),
                "constituents": self.constituents, "visits": self.visits, "cases": self.cases,
                "case_events": self.case_events}


@dataclass(frozen=True)
class _Found:
    constituents: list[uuid.UUID]
    visits: list[uuid.UUID]
    cases: list[uuid.UUID]
    mentions: list[uuid.UUID]  # other people's cases whose text holds the phone
    names: set[str]


def _phone(phone: str) -> str:
    checked = validate_phone(phone, required=True, field="phone")
    assert checked is not None  # required
    return checked


def _find(s: Session, phone: str, name: str | None) -> _Found:
    people_q = select(Constituent.id, Constituent.name).where(Constituent.phone == phone)
    if name:
        people_q = people_q.where(Constituent.name == name)
    people = dict(s.execute(people_q).all())
    visits_q = select(Visit.id, Visit.visitor_names).where(
        or_(Visit.visitor_phone == phone, Visit.constituent_id.in_(list(people))))
    visits = {i: names for i, names in s.execute(visits_q).all() if not name or name in names}
    cases = list(s.scalars(select(Case.id).where(or_(Case.constituent_id.in_(list(people)),
                                                     Case.visit_id.in_(list(visits))))))
    mentions = set(s.scalars(select(Case.id).where(Case.content.contains(phone)))) - set(cases)
    names = {n for n in people.values() if n and n != retention.PLACEHOLDER}
    if name:
        names.add(name)
    else:
        for text in visits.values():
            names |= retention.names_in(text)
    return _Found(sorted(people), sorted(visits), sorted(cases), sorted(mentions), names)


def _dump(s: Session, model: Any, ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    cols = [c for c in model.__table__.columns if c.key not in model.__local_only__]
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), 500):
        for row in s.execute(select(*cols).where(model.id.in_(ids[i:i + 500])).order_by(model.id)).mappings():
            out.append({k: to_jsonable(v) for k, v in row.items()})
    return out


def export_person(db: Database, actor: Actor, phone: str, name: str | None = None) -> PersonRecords:
    """Everything about the person with this phone (and name); refused when nothing is found."""
    actor.require(Role.STAFF, Role.ADMIN, what=WHAT)
    phone = _phone(phone)
    name = (name or "").strip() or None
    with db.session(write=False) as s:
        found = _find(s, phone, name)
        if not (found.constituents or found.visits or found.cases or found.mentions):
            raise _not_found(phone)
        cases = found.cases + found.mentions
        events = list(s.scalars(select(CaseEvent.id).where(CaseEvent.case_id.in_(cases)))) if cases else []
        return PersonRecords(phone, name, _dump(s, Constituent, found.constituents), _dump(s, Visit, found.visits),
                             _dump(s, Case, cases), _dump(s, CaseEvent, events), utcnow())


def erase_person(db: Database, actor: Actor, phone: str, name: str | None = None, *,
                 dry_run: bool = False) -> retention.RedactionCounts:
    """Remove the person's personal fields everywhere (see the module docstring); a dry run only counts."""
    actor.require(Role.STAFF, Role.ADMIN, what=WHAT)
    phone = _phone(phone)
    name = (name or "").strip() or None
    with db.session(write=not dry_run) as s:
        found = _find(s, phone, name)
        if not (found.constituents or found.visits or found.cases or found.mentions):
            raise _not_found(phone)
        plan = retention.plan_redaction(s, db.station_id(), case_ids=found.cases, visit_ids=found.visits,
                                        constituent_ids=found.constituents, names=found.names, phones=[phone],
                                        mentions=found.mentions, events=True)
        compacted = conflicts = 0
        if not dry_run:
            retention.apply_plan(db, s, plan)
            events = [ident for model, ident in plan.updates if model is CaseEvent]
            ids = found.constituents + found.visits + found.cases + found.mentions + events
            compacted = retention.compact_acknowledged(s, ids)
            conflicts = retention.scrub_conflicts(s, ids, found.names, {phone})
    return retention.RedactionCounts(cases=plan.count(Case), visits=plan.count(Visit),
                                     constituents=plan.count(Constituent), events=plan.count(CaseEvent),
                                     outbox=compacted, conflicts=conflicts,
                                     others=plan.others, dry_run=dry_run)


def _not_found(phone: str) -> DomainError:
    return DomainError("person_not_found", "本站没有这个电话号码的来访记录。",
                       message_en=f"This station holds no visit with the phone number {phone[:3]}….")
