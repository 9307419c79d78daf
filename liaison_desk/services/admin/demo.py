"""Realistic Chinese training data: deputies of all five levels, a year of shifts, visits and cases in every
workflow state. Written in bulk through the same change capture as the desk, and never synced."""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from ...db.database import Database, set_local
from ...db.models import (
    Activity,
    ActivityParticipant,
    Case,
    CaseEvent,
    Category,
    Constituent,
    Department,
    Deputy,
    DeputyGroup,
    DeputyGroupMember,
    DutyShift,
    Operator,
    StaffMember,
    StationAssignment,
    Village,
    Visit,
)
from ...domain import timeutil
from ...domain.errors import DomainError
from ...domain.ids import natural_id, new_id
from ...domain.timeutil import to_local, to_utc
from ...domain.workflow import CaseState, Event, EventKind, Role, Satisfaction, Status, advance
from ..cases.actions import apply_state
from ..desk.accounts import hash_pin
from . import demo_data as D
from .setup import holds_real_records, init_station, station_info


def station_info_training(db: Database) -> bool:
    """True when this database is a training one (set up by the demo, or by the wizard's training button)."""
    info = station_info(db)
    return info is not None and info.training

DEMO_PIN = "123456"
LEVEL_COUNTS = (("national", 1), ("provincial", 2), ("city", 6), ("county", 19), ("township", 32))
CHUNK = 2000


@dataclass(frozen=True)
class DemoResult:
    visits: int
    cases: int
    deputies: int
    shifts: int
    rows: int
    seconds: float
    admin_pin: str | None


class _Gen:
    def __init__(self, rng: random.Random, end: dt.date, local_now: dt.datetime):
        """``end``: the last day of the year of records; nothing is dated after ``local_now`` (station time),
        so a demo made in the morning has no afternoon yet, and an ``end`` in the future is today."""
        self.rng = rng
        self.cutoff = min(dt.datetime.combine(end, dt.time(18, 0)), local_now)  # station time
        self.end = self.cutoff.date()
        self.now = to_utc(self.cutoff)
        self.young = 0  # cases registered in the last 60 days so far

    def name(self) -> str:
        r = self.rng
        given = r.choice(D.RARE_GIVEN) + r.choice("明华") if r.random() < 0.02 else r.choice(D.GIVEN)
        return r.choice(D.SURNAMES) + given

    def phone(self) -> str:
        return f"1{self.rng.choice('356789')}{self.rng.randrange(10**9):09d}"


def _reference(w, g: _Gen, station_id: uuid.UUID) -> dict:
    r = g.rng
    deps = [{"id": new_id(), "name": n, "short_name": s, "phone": f"0551-6{r.randrange(10**6):06d}"}
            for n, s in D.DEPARTMENTS]
    w.insert(Department, deps)
    villages = [{"id": new_id(), "station_id": station_id, "name": v} for v in D.VILLAGES]
    w.insert(Village, villages)
    deputies: list[dict[str, Any]] = []
    for level, n in LEVEL_COUNTS:
        for _ in range(n):
            deputies.append({"id": new_id(), "name": g.name(), "level": level, "phone": g.phone(),
                             "constituency": f"{r.choice(D.VILLAGES)}选区", "sector": r.choice(D.SECTORS),
                             "code": f"D{len(deputies) + 1:03d}", "active": True})
    w.insert(Deputy, deputies)
    w.insert(StationAssignment, [
        {"id": natural_id("assignment", station_id, d["id"]), "station_id": station_id, "deputy_id": d["id"],
         "duty_role": "fixed" if i == 0 else "rotating", "start_date": g.end - dt.timedelta(days=365)}
        for i, d in enumerate(deputies)])
    groups = [{"id": new_id(), "name": f"第{'一二三四'[i]}代表小组", "station_id": station_id} for i in range(4)]
    w.insert(DeputyGroup, groups)
    roles = ("leader", "deputy_leader", "liaison_officer")
    w.insert(DeputyGroupMember, [
        {"id": natural_id("group-member", groups[i % 4]["id"], d["id"]), "group_id": groups[i % 4]["id"],
         "deputy_id": d["id"], "role": roles[i // 4] if i < 12 else "member"} for i, d in enumerate(deputies)])
    w.insert(StaffMember, [{"id": new_id(), "name": g.name(), "post": p, "phone": g.phone(), "station_id": station_id}
                           for p in D.STAFF_POSTS])
    pin_hash = hash_pin("1234")  # one hash for every demo account: scrypt is slow on purpose
    ops = [{"id": new_id(), "login": d["code"].lower(), "display_name": d["name"], "role": Role.DUTY_DEPUTY.value,
            "deputy_id": d["id"], "pin_hash": pin_hash} for d in deputies[:20]]
    ops.append({"id": new_id(), "login": "staff", "display_name": "镇人大干事", "role": Role.STAFF.value,
                "pin_hash": pin_hash})
    w.insert(Operator, ops)
    cats = dict(w.conn.execute(select(Category.code, Category.id)).all())
    return {"departments": deps, "villages": villages, "deputies": deputies, "operators": ops,
            "categories": cats, "staff_op": ops[-1], "deputy_ops": {o["deputy_id"]: o for o in ops[:-1]}}


def _shifts(w, g: _Gen, station_id: uuid.UUID, deputies: list[dict]) -> dict[tuple[dt.date, str], dict]:
    rotating = deputies[1:]
    order = rotating[:]
    g.rng.shuffle(order)
    rows, by_slot, i = [], {}, 0
    day = g.end - dt.timedelta(days=364)
    while day <= g.end:
        if day.weekday() < 5:
            for slot, (start, stop) in (("am", (8, 12)), ("pm", (14, 17))):
                dep = order[i % len(order)]
                i += 1
                local_in = dt.datetime.combine(day, dt.time(start, g.rng.randrange(0, 30)))
                if local_in > g.cutoff:  # not begun yet
                    continue
                signed_in = to_utc(local_in)
                done = day < g.end
                row = {"id": natural_id("shift", station_id, day, slot, dep["id"]), "station_id": station_id,
                       "date": day, "slot": slot, "deputy_id": dep["id"], "signed_in_at": signed_in,
                       "signed_out_at": to_utc(dt.datetime.combine(day, dt.time(stop, 30))) if done else None,
                       "handover_note": ""}
                rows.append(row)
                by_slot[(day, slot)] = row
        day += dt.timedelta(days=1)
    w.insert(DutyShift, rows)
    return by_slot


# Statuses a young case may be left in, with weights: every workflow state shows up in the demo.
_TARGETS = ((Status.REGISTERED, 2), (Status.ACCEPTED, 2), (Status.ASSIGNED, 4), (Status.IN_PROGRESS, 3),
            (Status.REPLIED, 2), (Status.FOLLOWED_UP, 2), (Status.REOPENED, 1), (Status.CLOSED, 6),
            (Status.WITHDRAWN, 1))


def _simulate(g: _Gen, ref: dict, case_id: uuid.UUID, start: dt.datetime, triage: str,
              deputy_op: dict, w) -> tuple[list[dict], CaseState]:
    """Walk one case through the workflow with the real rules (``advance``), stopping at its target."""
    r = g.rng
    age = (g.now - start).days
    if age >= 60:
        target = Status.WITHDRAWN if r.random() < 0.03 else Status.CLOSED
    elif g.young < len(_TARGETS):  # the first young cases take each state in turn: every state is shown
        target = _TARGETS[g.young][0]
    else:
        target = r.choices([t for t, _ in _TARGETS], [wt for _, wt in _TARGETS])[0]
    g.young += age < 60
    staff = ref["staff_op"]
    state, events, t = CaseState(), [], start

    def emit(kind: EventKind, role: Role, op: dict | None, data: dict, gap_hours: float) -> None:
        nonlocal state, t
        t = t + dt.timedelta(hours=gap_hours * (0.5 + r.random()))
        ev = Event(str(new_id()), kind, w.stamp(), role, min(t, g.now), data)
        state = advance(state, ev)
        events.append({"id": uuid.UUID(ev.id), "case_id": case_id, "kind": kind.value, "hlc": ev.hlc,
                       "occurred_at": ev.occurred_at, "actor_role": role.value,
                       "actor_id": op["id"] if op else None,
                       "actor_name": op["display_name"] if op else "县级平台", "data": data})

    deputy = (Role.DUTY_DEPUTY, deputy_op)
    emit(EventKind.REGISTER, *deputy, {}, 0)
    while state.status is not target:
        st = state.status
        if target is Status.WITHDRAWN and st in (Status.REGISTERED, Status.ACCEPTED):
            emit(EventKind.WITHDRAW, *deputy, {"text": "群众表示问题已自行解决，申请撤回。"}, 24)
        elif st is Status.REGISTERED:
            emit(EventKind.ACCEPT, *deputy, {}, 0.5)
        elif st in (Status.ACCEPTED, Status.REOPENED):
            if triage == "green" and st is Status.ACCEPTED:
                emit(EventKind.START, *deputy, {}, 2)
            else:
                dep = r.choice(ref["departments"])
                deadline = (t + dt.timedelta(days=21)).date().isoformat()
                emit(EventKind.ASSIGN, Role.STAFF, staff, {"department_id": str(dep["id"]), "deadline": deadline}, 24)
        elif st is Status.ASSIGNED:
            if target is Status.ASSIGNED:
                break
            if r.random() < 0.2:
                emit(EventKind.SUPERVISE, Role.STAFF, staff, {"text": "请加快办理进度。",
                                                              "escalation_level": state.escalation_level + 1}, 96)
            emit(EventKind.START, Role.HUB, None, {}, 48)
        elif st is Status.IN_PROGRESS:
            if r.random() < 0.15:
                emit(EventKind.PROMISE_CALLBACK, *deputy,
                     {"callback_due": (t + dt.timedelta(days=7)).date().isoformat()}, 12)
            if target is Status.IN_PROGRESS:
                break
            res = r.choices(["solved", "partly_solved", "explained", "unsolved"], [75, 10, 12, 3])[0]
            role, op = (Role.DUTY_DEPUTY, deputy_op) if triage == "green" else (Role.HUB, None)
            emit(EventKind.REPLY, role, op, {"text": r.choice(D.REPLIES), "resolution": res}, 24 * r.randint(2, 20))
        elif st is Status.REPLIED:
            sat = r.choices(["satisfied", "basically_satisfied", "unsatisfied"], [80, 13, 7])[0]
            if target is Status.REOPENED:
                sat = "unsatisfied"
            emit(EventKind.FOLLOW_UP, *deputy, {"satisfaction": sat, "text": "电话回访。"}, 48)
        elif st is Status.FOLLOWED_UP:
            if state.satisfaction is Satisfaction.UNSATISFIED:
                emit(EventKind.REOPEN, *deputy, {"text": "群众对办理结果不满意，重新交办。"}, 24)
            else:
                emit(EventKind.CLOSE, Role.STAFF, staff, {}, 24)
        else:  # reached a terminal state other than the target (e.g. closed when aiming at reopened)
            break
    return events, state


def generate_demo(db: Database, *, visits: int = 2000, seed: int = 1, end: dt.date | None = None,
                  progress: Callable[[str], None] | None = None) -> DemoResult:
    if not 0 <= visits <= 1_000_000:
        raise DomainError("bad_count", "来访条数应在 0 到 1000000 之间。")
    t0 = time.perf_counter()
    pin = None
    if db.station_id() is None:
        init_station(db, name="示范镇人大代表联络站（培训）", code="PX01", township="示范镇", admin_pin=DEMO_PIN,
                     training=True)
        pin = DEMO_PIN
    elif not station_info_training(db):
        raise DomainError("real_station",
                          "这是正式联络站的数据库，不能填入演示数据（会把它变成培训库）。培训请另用一个空的数据目录，例如："
                          "liaison-desk --data-dir D:\\培训 demo。",
                          message_en="This is a real station's database: demo data would turn it into a training "
                                     "database. Train in an empty data directory of its own "
                                     "(liaison-desk --data-dir DIR demo).")
    elif holds_real_records(db):
        raise DomainError("not_empty", "这个数据库里已经有登记记录，不能再生成演示数据。请换一个空的数据目录。",
                          message_en="This database already holds records; demo data needs an empty station.")
    with db.session() as s:
        set_local(s, "training", "1")  # a training database is never synced
    local_now = to_local(timeutil.utcnow())
    g = _Gen(random.Random(seed), end or local_now.date(), local_now)
    station_id = db.station_id()
    assert station_id is not None  # set up above if it was not already
    with db.bulk() as w:
        ref = _reference(w, g, station_id)
        shifts = _shifts(w, g, station_id, ref["deputies"])
        n_cases = _visits_and_cases(w, g, ref, shifts, station_id, visits, progress)
        _activities(w, g, ref, station_id)
        rows = w.count
    return DemoResult(visits, n_cases, len(ref["deputies"]), len(shifts), rows, time.perf_counter() - t0, pin)


def _visits_and_cases(w, g: _Gen, ref: dict, shifts: dict, station_id: uuid.UUID, n: int, progress) -> int:
    from ...db.models import Station
    from ...domain.case_number import format_case_number

    r = g.rng
    code = w.conn.execute(select(Station.code).where(Station.id == station_id)).scalar_one()
    days = sorted({d for d, _ in shifts})
    stamps = sorted(_stamp(g, days) for _ in range(n))
    people: list[dict] = []
    seq: dict[dt.date, int] = {}
    cat_codes = list(D.CONTENT)
    n_cases = 0
    for start in range(0, n, CHUNK):
        new_people, visit_rows, case_rows, event_rows = [], [], [], []
        for day, minute in stamps[start:start + CHUNK]:
            local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
            shift = shifts.get((day, "am" if minute < 13 * 60 else "pm"))
            deputy_id = shift["deputy_id"] if shift else r.choice(ref["deputies"])["id"]
            if people and r.random() < 0.25:
                person = r.choice(people)  # a returning visitor
            else:
                person = {"id": new_id(), "name": g.name(), "phone": g.phone() if r.random() < 0.9 else None,
                          "village_id": r.choice(ref["villages"])["id"], "id_number": None}
                people.append(person)
                new_people.append(person)
            occurred = to_utc(local)
            visit = {"id": new_id(), "station_id": station_id, "occurred_at": occurred,
                     "channel": r.choices(["walk_in", "phone", "household_visit", "bench_meeting", "letter", "online"],
                                          [55, 15, 12, 8, 3, 7])[0],
                     "constituent_id": person["id"], "visitor_names": person["name"],
                     "visitor_phone": person["phone"], "village_id": person["village_id"],
                     "headcount": r.choices([1, 2, 3, 5], [70, 18, 8, 4])[0], "received_by_id": deputy_id,
                     "shift_id": shift["id"] if shift else None, "recorded_by_id": None, "note": "",
                     "hlc": w.stamp()}
            visit_rows.append(visit)
            if r.random() >= 0.8:
                continue
            seq[day] = seq.get(day, 0) + 1
            cat = r.choice(cat_codes)
            village = next(v["name"] for v in ref["villages"] if v["id"] == person["village_id"])
            content = r.choice(D.CONTENT[cat]).format(v=village, p=r.choice(D.PLACES))
            triage = r.choices(["green", "blue", "yellow", "red"], [40, 30, 22, 8])[0]
            case_id = new_id()
            op = ref["deputy_ops"].get(deputy_id) or ref["operators"][0]
            case = {"id": case_id, "number": format_case_number(code, day, seq[day]), "station_id": station_id,
                    "visit_id": visit["id"], "constituent_id": person["id"], "village_id": person["village_id"],
                    "category_id": ref["categories"].get(cat), "registered_by_id": deputy_id,
                    "registered_at": occurred, "summary": content[:29] + ("…" if len(content) > 29 else ""),
                    "content": content, "urgency": r.choices(["normal", "urgent", "critical"], [80, 15, 5])[0],
                    "triage": triage, "hlc": w.stamp()}
            events, state = _simulate(g, ref, case_id, occurred, triage, op, w)
            # Events were stamped in the order they were applied, so this equals fold(events);
            # `liaison-desk check` (and the tests) recompute the fold to prove it.
            fake = Case()
            apply_state(fake, replace(state, event_count=len(events), last_hlc=events[-1]["hlc"]))
            case.update({k: getattr(fake, k) for k in Case.__derived__})
            case_rows.append(case)
            event_rows.extend(events)
        w.insert(Constituent, new_people)
        w.insert(Visit, visit_rows)
        w.insert(Case, case_rows)
        w.insert(CaseEvent, event_rows)
        n_cases += len(case_rows)
        if progress:
            progress(f"{min(start + CHUNK, n)}/{n}")
    return n_cases


def _stamp(g: _Gen, days: list[dt.date]) -> tuple[dt.date, int]:
    """A visit's day and minute within opening hours, never after the cut-off (a time still to come today
    moves to the day before)."""
    day, minute = g.rng.choice(days), g.rng.randrange(8 * 60 + 30, 17 * 60)
    if dt.datetime.combine(day, dt.time(minute // 60, minute % 60)) > g.cutoff:
        earlier = [d for d in days if d < g.cutoff.date()]
        day = earlier[-1] if earlier else g.cutoff.date() - dt.timedelta(days=1)
    return day, minute


def _activities(w, g: _Gen, ref: dict, station_id: uuid.UUID) -> None:
    r = g.rng
    acts, parts = [], []
    for month in range(12):
        for kind, title in r.sample(D.ACTIVITIES, 3):
            day = g.end - dt.timedelta(days=30 * month + r.randrange(28))
            act = {"id": new_id(), "station_id": station_id, "kind": kind, "title": title, "date": day,
                   "location": r.choice(D.VILLAGES), "description": f"{title}，共同研究解决群众反映的问题。",
                   "households": r.randint(10, 40) if kind == "household_visits" else None}
            acts.append(act)
            for dep in r.sample(ref["deputies"], r.randint(3, 12)):
                parts.append({"id": natural_id("participant", act["id"], dep["id"]), "activity_id": act["id"],
                              "deputy_id": dep["id"], "role": "participant", "note": ""})
    w.insert(Activity, acts)
    w.insert(ActivityParticipant, parts)
