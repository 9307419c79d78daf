"""A returning visitor (recognised by phone number) and possible duplicates of a new case."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ...db.database import Database
from ...db.models import Case, Category, Constituent, Village, Visit
from ...domain.errors import DomainError, ValidationError
from ...domain.similarity import DEFAULT_THRESHOLD, rank_similar
from ...domain.timeutil import to_local
from ...domain.validation import validate_phone, validate_text
from ...domain.workflow import OPEN_STATUSES
from ..admin import audit
from ..context import Actor

CANDIDATES = 500  # most recent open cases of the same village and category compared with the new text


@dataclass(frozen=True)
class EarlierCase:
    id: uuid.UUID
    number: str
    summary: str
    status: str
    registered_at: dt.datetime  # local
    category: str | None


@dataclass(frozen=True)
class ReturningVisitor:
    """选民 — a person seen before at this station, with their visits and cases (newest first)."""

    constituent_id: uuid.UUID
    name: str
    phone: str | None
    village: str | None
    visit_count: int
    last_visit_at: dt.datetime | None  # local
    cases: tuple[EarlierCase, ...]


def find_visitor(db: Database, phone: str, *, max_cases: int = 20, actor: Actor | None = None) -> list[ReturningVisitor]:
    """Everyone recorded with this phone number (a family may share one), most recent visitor first.

    The number is normalised as at registration (spaces, +86, full-width digits), so it matches however it
    was typed; a malformed number raises the same friendly ``ValidationError`` as the form.
    """
    normalized = validate_phone(phone)
    if not normalized:
        return []
    cat, vil = aliased(Category), aliased(Village)
    out = []
    with db.session(write=False) as s:
        people = s.execute(select(Constituent.id, Constituent.name, Constituent.phone, vil.name)
                           .outerjoin(vil, vil.id == Constituent.village_id)
                           .where(Constituent.phone == normalized, Constituent.deleted_hlc.is_(None))).all()
        for pid, name, ph, village in people:
            count, last = s.execute(select(func.count(), func.max(Visit.occurred_at))
                                    .where(Visit.constituent_id == pid, Visit.deleted_hlc.is_(None))).one()
            cases = tuple(EarlierCase(r[0], r[1], r[2], r[3], to_local(r[4]), r[5]) for r in s.execute(
                select(Case.id, Case.number, Case.summary, Case.status, Case.registered_at, cat.name)
                .outerjoin(cat, cat.id == Case.category_id)
                .where(Case.constituent_id == pid, Case.deleted_hlc.is_(None))
                .order_by(Case.registered_at.desc()).limit(max_cases)))
            out.append(ReturningVisitor(pid, name, ph, village, count or 0, to_local(last) if last is not None else None,
                                        cases))
    out.sort(key=lambda v: v.last_visit_at or dt.datetime.min, reverse=True)
    if out:  # issue 17: who was shown an earlier visitor's name and cases (never the number)
        audit.record(db, actor, "search", "", "登记时按电话查到以前的来访人")
    return out


@dataclass(frozen=True)
class SimilarCase:
    id: uuid.UUID
    number: str
    summary: str
    content: str
    status: str
    registered_at: dt.datetime  # local
    score: float  # 0..1, character-bigram Jaccard


def similar_open_cases(db: Database, village_id: uuid.UUID | None, category_id: uuid.UUID | None, text: str,
                       *, village: str | None = None, limit: int = 5,
                       threshold: float = DEFAULT_THRESHOLD) -> list[SimilarCase]:
    """Open cases of the same village and category whose text is alike, most alike first: offered before
    a duplicate is created (the desk may then link the new case to one). ``village`` (a name) may be given
    instead of ``village_id``, as the walk-in form has it."""
    if not text or not text.strip():
        return []
    with db.session(write=False) as s:
        if village_id is None and village:
            village_id = s.scalar(select(Village.id).where(Village.name == village.strip(),
                                                           Village.station_id == db.station_id()))
            if village_id is None:
                return []  # a village never seen before has no earlier cases
        q = select(Case.id, Case.number, Case.summary, Case.content, Case.status, Case.registered_at).where(
            Case.deleted_hlc.is_(None), Case.status.in_([st.value for st in OPEN_STATUSES]))
        if village_id is not None:
            q = q.where(Case.village_id == village_id)
        if category_id is not None:
            q = q.where(Case.category_id == category_id)
        rows = {r[0]: r for r in s.execute(q.order_by(Case.registered_at.desc()).limit(CANDIDATES))}
    ranked = rank_similar(text, ((cid, r[3]) for cid, r in rows.items()), threshold=threshold, limit=limit)
    return [SimilarCase(r.key, rows[r.key][1], rows[r.key][2], rows[r.key][3], rows[r.key][4],
                        to_local(rows[r.key][5]), round(r.score, 3)) for r in ranked]


@dataclass(frozen=True)
class DuplicateCandidate:
    """An open case the new matter may be the same as: alike in text (``why == "similar"``), or raised
    earlier by the same visitor (``why == "visitor"``)."""

    id: uuid.UUID
    number: str
    summary: str
    status: str
    why: str


def possible_duplicates(db: Database, text: str, *, category_id: uuid.UUID | None = None, village: str | None = None,
                        phone: str | None = None, name: str | None = None) -> list[DuplicateCandidate]:
    """What the desk asks about before registering a matter: the similar open cases, then the open cases of a
    returning visitor (the same phone and name). Empty when there is nothing to ask."""
    found: dict[uuid.UUID, DuplicateCandidate] = {}
    for c in similar_open_cases(db, None, category_id, text, village=village):
        found[c.id] = DuplicateCandidate(c.id, c.number, c.summary, c.status, "similar")
    first_name = (name or "").replace("，", ",").replace("、", ",").split(",")[0].strip()
    if phone and phone.strip() and first_name:
        try:
            people = find_visitor(db, phone)
        except DomainError:
            people = []  # a malformed number is the form's own message
        open_values = {st.value for st in OPEN_STATUSES}
        for person in people:
            if person.name != first_name:
                continue  # another member of a family sharing the phone
            for e in person.cases:
                if e.status in open_values and e.id not in found:
                    found[e.id] = DuplicateCandidate(e.id, e.number, e.summary, e.status, "visitor")
    return list(found.values())


def check_visit_field(field: str, value: str) -> DomainError | None:
    """One field of the walk-in form checked as ``register_visit`` will check it (``visitor_names``,
    ``visitor_phone``, ``village``, ``content``): the error to show at the field, or None."""
    from .actions import VisitInput, validate_visit

    try:
        if field == "visitor_names":
            validate_visit(VisitInput(visitor_names=value))
        elif field == "visitor_phone":
            validate_phone(value)
        elif field == "village":
            if value.strip():
                validate_text(value, field="village", max_len=60)
        elif field == "content":
            if not value.strip():
                return ValidationError("missing_field", "请填写群众反映的内容。", field="content",
                                       message_en="Please write down what the visitor raised.")
            validate_text(value, field="content", max_len=5000)
        else:
            raise ValueError(field)
    except DomainError as exc:
        return exc
    return None
