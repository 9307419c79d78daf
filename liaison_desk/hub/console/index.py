"""Keeping the console's case index (``hub_case_index``) up to date, in the transaction that writes records.

``records.write`` is the one place every hub write goes through (a station's push over HTTP or from a USB
file, and the county's own changes through ``commit_hub_change``); it calls :func:`refresh` with what it
wrote. A written case, or an event of it, rebuilds that case's row: its events folded by the domain workflow
(``domain.workflow.fold``, as a station does), its names looked up from the records. A deleted case leaves
the index. A written station, village, category or department rewrites the names the rows carry (a rename).
Each case's searched text goes to ``hub_case_search`` in the same statements' transaction (written, renamed
and deleted with its index row).
:func:`reindex` rebuilds every row of a county in batches (the migration's backfill and ``reindex``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ...domain.workflow import CaseState, Event, EventKind, Role, causal_order, fold
from ..schema import HubRecord
from ..sql import in_, postgres
from .index_schema import CaseIndexRow, CaseSearchRow

#: the entities whose names the index rows carry: entity -> {index column: record field}
NAMED = {
    "stations": {"station_name": "name", "station_code": "code", "township": "township"},
    "villages": {"village": "name"},
    "categories": {"category": "name"},
    "departments": {"department": "name"},
}
_ID_COLUMN = {"stations": "station_id", "villages": "village_id", "categories": "category_id",
              "departments": "department_id"}
BATCH = 1000


def _length(column: str) -> int:
    """The width of a text column of the index (names are cut to it, never refused)."""
    length = getattr(CaseIndexRow.__table__.c[column].type, "length", None)
    return int(length) if length else 10_000


@dataclass(frozen=True)
class Written:
    """One record a transaction wrote, as ``records.write`` hands it over."""

    entity: str
    id: str
    fields: Mapping[str, Any]
    deleted: bool


# -- search text ---------------------------------------------------------------------------------------
def search_text(*parts: str | None) -> str:
    """What is searched, lower-cased (the index folds case, as the desk's does)."""
    return " ".join(p for p in parts if p).lower()


def tokens(text: str) -> list[str]:
    """Every character and every overlapping pair of characters within a run of letters, digits or CJK
    characters (the desk's ``domain.textsearch`` scheme), each once."""
    out: dict[str, None] = {}
    run: list[str] = []

    def flush() -> None:
        for i, ch in enumerate(run):
            out[ch] = None
            if i + 1 < len(run):
                out[ch + run[i + 1]] = None
        run.clear()

    for ch in text.lower():
        if ch.isalnum():
            run.append(ch)
        else:
            flush()
    flush()
    return list(out)


# -- events as the fold sees them ----------------------------------------------------------------------
def to_event(ident: Any, hlc: str, fields: Mapping[str, Any]) -> Event:
    """A ``case_events`` record as an ``Event`` (the hub's copy, spelled as in payloads)."""
    return Event(id=str(ident), kind=EventKind(fields["kind"]), hlc=hlc, actor_role=Role(fields["actor_role"]),
                 occurred_at=dt.datetime.fromisoformat(fields["occurred_at"]), data=fields.get("data") or {},
                 follows=fields.get("follows_id"))


def _dt(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def extras(state: CaseState, events: Sequence[Event]) -> dict[str, Any]:
    """What the index shows beyond ``derived_columns``: the reply class and the 重点督办 mark as the fold
    keeps them, and when the case was last accepted (受理, or put back to 已受理 by a 退办), which the fold does
    not keep: the last such event it applied (anomalies are skipped, as the fold skips them)."""
    skipped = {a.event_id for a in state.anomalies}
    accepted_at = None
    for ev in causal_order(events):
        if ev.id not in skipped and ev.kind is EventKind.ACCEPT:
            accepted_at = ev.occurred_at
    return {"accepted_at": accepted_at,
            "reply_class": state.reply_class.value if state.reply_class else None,
            "key_supervision": state.key_supervision}


# -- rebuilding rows -------------------------------------------------------------------------------------
def _names(s: Session, county: str, wanted: Mapping[str, set[uuid.UUID]]) -> dict[uuid.UUID, dict[str, Any]]:
    """The fields of the named records (stations, villages, categories, departments), one query for all."""
    t = HubRecord.__table__
    ids = sorted(set().union(*wanted.values()), key=str)
    entities = sorted(e for e, v in wanted.items() if v)
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for i in range(0, len(ids), BATCH):
        for row in s.execute(select(t.c.id, t.c.entity, t.c.fields).where(
                t.c.county_id == county, in_(s, t.c.entity, entities, t.c.entity.type),
                in_(s, t.c.id, ids[i:i + BATCH]))):
            if row.id in wanted.get(row.entity, ()):
                out[row.id] = json.loads(row.fields)
    return out


def rebuild(s: Session, county: str, case_ids: Iterable[uuid.UUID]) -> int:
    """Rebuild the index rows of ``case_ids`` from the records (deleted or missing cases leave the index);
    returns the rows written."""
    ids = sorted(set(case_ids), key=str)
    written = 0
    for i in range(0, len(ids), BATCH):
        written += _rebuild_batch(s, county, ids[i:i + BATCH])
    return written


#: what the search table repeats from the index row (its sort and the role filters)
SEARCH_COPIES = ("registered_at", "township", "department")


def _rebuild_batch(s: Session, county: str, ids: list[uuid.UUID]) -> int:
    """Four statements whatever the batch: the cases with their events, the names, the index rows and the
    search rows written (a push's round trip counts them: ``tests/sync/test_round_cost.py``)."""
    t, ix, sx = HubRecord.__table__, CaseIndexRow.__table__, CaseSearchRow.__table__
    cases: dict[uuid.UUID, dict[str, Any]] = {}
    events: dict[uuid.UUID, list[Event]] = {}
    for r in s.execute(select(t.c.id, t.c.entity, t.c.hlc, t.c.parent_id, t.c.fields).where(
            t.c.county_id == county, t.c.deleted_hlc.is_(None),
            or_(and_(t.c.entity == "cases", in_(s, t.c.id, ids)),
                and_(t.c.entity == "case_events", in_(s, t.c.parent_id, ids))))):
        if r.entity == "cases":
            cases[r.id] = json.loads(r.fields)
            continue
        try:
            events.setdefault(r.parent_id, []).append(to_event(r.id, r.hlc, json.loads(r.fields)))
        except (KeyError, ValueError):  # an event the workflow cannot read: the fold never saw it either
            continue
    states = {cid: fold(events.get(cid, [])) for cid in cases}
    wanted: dict[str, set[uuid.UUID]] = {e: set() for e in NAMED}
    for cid, f in cases.items():
        for entity, col in (("stations", "station_id"), ("villages", "village_id"), ("categories", "category_id")):
            if (u := _uuid(f.get(col))) is not None:
                wanted[entity].add(u)
        if (u := _uuid(states[cid].department_id)) is not None:
            wanted["departments"].add(u)
    names = _names(s, county, wanted) if any(wanted.values()) else {}
    rows, searched = [], []
    for cid, f in cases.items():
        state = states[cid]
        ref_ids = {e: _uuid(f.get(c)) for e, c in (("stations", "station_id"), ("villages", "village_id"),
                                                   ("categories", "category_id"))}
        ref_ids["departments"] = _uuid(state.department_id)
        row: dict[str, Any] = {
            "county_id": county, "case_id": cid, "case_no": str(f.get("number") or "")[:40],
            "station_id": ref_ids["stations"], "village_id": ref_ids["villages"],
            "category_id": ref_ids["categories"], "department_id": ref_ids["departments"],
            "station_code": "", "station_name": "", "township": "", "village": "", "category": "", "department": "",
            "status": (state.status.value if state.status else "registered"),
            "triage": str(f.get("triage") or "green")[:8], "urgency": str(f.get("urgency") or "normal")[:16],
            "registered_at": _dt(f.get("registered_at")) or dt.datetime(1970, 1, 1),
            "assigned_at": state.assigned_at, "deadline": state.deadline, "replied_at": state.replied_at,
            "followed_up_at": state.followed_up_at, "closed_at": state.closed_at,
            "resolution": state.resolution.value if state.resolution else None,
            "satisfaction": state.satisfaction.value if state.satisfaction else None,
            "escalation_level": state.escalation_level, "reopen_count": state.reopen_count,
            "summary": str(f.get("summary") or "")[:100],
            **extras(state, events.get(cid, [])),
        }
        for entity, ident in ref_ids.items():
            named = names.get(ident) if ident else None
            for column, field in NAMED[entity].items():
                row[column] = str((named or {}).get(field) or "")[:_length(column)]
        text = search_text(row["case_no"], row["summary"], str(f.get("content") or ""), row["village"])
        rows.append(row)
        searched.append({"county_id": county, "case_id": cid, **{c: row[c] for c in SEARCH_COPIES},
                         "search_text": text, "search_tokens": tokens(text)})
    gone = [i for i in ids if i not in cases]
    if gone:  # deleted (or never held): out of the index
        for table in (ix, sx):
            s.execute(delete(table).where(table.c.county_id == county, in_(s, table.c.case_id, gone)))
    for table, values in ((ix, rows), (sx, searched)):
        for i in range(0, len(values), 500):  # 500 rows × 30 columns: under SQLite's 32,766 parameters
            stmt = (pg_insert(table) if postgres(s) else sqlite_insert(table)).values(values[i:i + 500])
            s.execute(stmt.on_conflict_do_update(
                index_elements=[table.c.county_id, table.c.case_id],
                set_={c.name: stmt.excluded[c.name] for c in table.columns if not c.primary_key}))
    return len(rows)


def rename(s: Session, county: str, entity: str, ident: uuid.UUID, fields: Mapping[str, Any]) -> None:
    """A station, village, category or department written: the rows that name it carry its new name."""
    ix, sx = CaseIndexRow.__table__, CaseSearchRow.__table__
    values = {column: str(fields.get(field) or "")[:_length(column)]
              for column, field in NAMED[entity].items() if field in fields}
    if not values:
        return
    named = and_(ix.c.county_id == county, ix.c[_ID_COLUMN[entity]] == ident)
    if entity == "villages":  # the village's name is in its cases' searched text: rebuild them (a village's few)
        rebuild(s, county, s.scalars(select(ix.c.case_id).where(named)))
        return
    copied = {c: v for c, v in values.items() if c in SEARCH_COPIES}
    if copied:  # the search rows' township or department, before the index rows change
        s.execute(update(sx).where(sx.c.county_id == county, sx.c.case_id.in_(select(ix.c.case_id).where(named)))
                  .values(copied))
    s.execute(update(ix).where(named).values(values))


def refresh(s: Session, county: str, written: Iterable[Written]) -> None:
    """Bring the index up to date with records just written in this transaction."""
    cases: set[uuid.UUID] = set()
    for w in written:
        ident = _uuid(w.id)
        if ident is None:
            continue
        if w.entity == "cases":
            cases.add(ident)
        elif w.entity == "case_events":
            if (case_id := _uuid(w.fields.get("case_id"))) is not None:
                cases.add(case_id)
        elif w.entity in NAMED and not w.deleted:
            rename(s, county, w.entity, ident, w.fields)
    if cases:
        rebuild(s, county, cases)


def reindex(s: Session, county: str, *, batch: int = 5000) -> int:
    """Rebuild the whole index of ``county`` (every case), ``batch`` cases at a time; returns the rows."""
    t = HubRecord.__table__
    total, after = 0, None
    while True:
        q = select(t.c.id).where(t.c.county_id == county, t.c.entity == "cases").order_by(t.c.id).limit(batch)
        ids = list(s.scalars(q.where(t.c.id > after) if after is not None else q))
        if not ids:
            return total
        total += rebuild(s, county, ids)
        after = ids[-1]


def counties(s: Session) -> list[str]:
    t = HubRecord.__table__
    return list(s.scalars(select(t.c.county_id).where(t.c.entity == "cases").distinct()))


__all__ = ["Written", "rebuild", "refresh", "reindex", "search_text", "tokens"]
