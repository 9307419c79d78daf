"""A hand-counted station for the report tests: 14 cases and 5 visits with known dates and outcomes.

November 2026 (the report period) holds C1–C11; C12 is registered 10 minutes after local midnight on
1 December (UTC: still 30 November), C13 in October (the previous period), C14 in November 2025 (last year).
The report is taken as of 2026-12-10 12:00 station time. Every expected figure below is counted by hand in
the comments of ``EXPECTED``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import insert, select

from liaison_desk.db.models import Case, Category, Department, Deputy, Station, Village, Visit
from liaison_desk.domain.ids import new_id
from liaison_desk.domain.timeutil import to_utc

AS_OF = to_utc(dt.datetime(2026, 12, 10, 12, 0))  # station time → stored UTC


def local(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> dt.datetime:
    """A station-local moment as stored (naive UTC)."""
    return to_utc(dt.datetime(y, m, d, h, mi))


# id → (registered local, village, category, department, deadline, replied, closed, status, resolution,
#       satisfaction, reopen_count, summary)
CASES: list[tuple[Any, ...]] = [
    ("C1", local(2026, 11, 2), "东风村", "农田水利", "县水利局", dt.date(2026, 11, 12), local(2026, 11, 10, 10),
     local(2026, 11, 15, 10), "closed", "solved", "satisfied", 0, "东风村三组灌溉渠堵塞，田里浇不上水"),
    ("C2", local(2026, 11, 3), "东风村", "农田水利", "县水利局", dt.date(2026, 11, 13), local(2026, 11, 13, 23, 30),
     local(2026, 11, 20, 10), "closed", "partly_solved", "basically_satisfied", 0, "东风村三组灌溉渠又堵塞了，浇不上水"),
    ("C3", local(2026, 11, 5), "东风村", "农田水利", "县水利局", dt.date(2026, 11, 15), local(2026, 11, 16, 0, 30),
     local(2026, 11, 25, 10), "closed", "solved", "unsatisfied", 0, "三组灌溉渠堵塞浇不上水，请帮忙清淤"),
    ("C4", local(2026, 11, 6), "西湖村", "道路交通", "=SUM(A1:A9)局", dt.date(2026, 11, 20), local(2026, 11, 18),
     local(2026, 11, 21, 10), "closed", "explained", None, 0, "-西湖村路灯不亮，晚上看不见"),
    ("C5", local(2026, 11, 8, 9), "西湖村", "道路交通", None, None, None, local(2026, 11, 8, 16), "closed", "solved",
     "satisfied", 0, "西湖村桥面破损"),
    ("C6", local(2026, 11, 10), "东风村", "道路交通", "=SUM(A1:A9)局", dt.date(2026, 11, 30), None, None,
     "assigned", None, None, 0, "东风村村道塌方"),
    ("C7", local(2026, 11, 12), "西湖村", "农田水利", "县水利局", dt.date(2026, 12, 20), None, None,
     "in_progress", None, None, 0, "西湖村机井没电"),
    ("C8", local(2026, 11, 15), "东风村", "农田水利", None, None, None, local(2026, 11, 16), "withdrawn", None, None,
     0, "东风村修路占地补偿"),
    ("C9", local(2026, 11, 20), "西湖村", "道路交通", None, None, None, None, "registered", None, None, 0,
     "西湖村路灯不亮了，晚上看不见路"),
    ("C10", local(2026, 11, 28), "东风村", "农田水利", "县水利局", dt.date(2026, 12, 5), local(2026, 12, 4), None,
     "replied", "solved", None, 1, "东风村自来水管爆裂"),
    ("C11", local(2026, 11, 30, 23, 30), "西湖村", "农田水利", None, None, None, local(2026, 12, 9, 7), "closed",
     "solved", "satisfied", 0, "西湖村水渠漏水"),
    ("C12", local(2026, 12, 1, 0, 10), "西湖村", "农田水利", None, None, None, local(2026, 12, 3), "closed", "solved",
     "satisfied", 0, "十二月的案件"),
    ("C13", local(2026, 10, 15), "东风村", "农田水利", None, None, None, local(2026, 10, 20), "closed", "solved",
     "satisfied", 0, "十月的案件"),
    ("C14", local(2025, 11, 10), "西湖村", "道路交通", None, None, None, local(2025, 12, 10), "closed", "unsolved",
     "unsatisfied", 0, "去年的案件"),
]

# visits: (local moment, headcount); November holds the first four (people 2 + 1 + 3 + 1 = 7)
VISITS = [(local(2026, 11, 2), 2), (local(2026, 11, 3), 1), (local(2026, 11, 30, 23), 3), (local(2026, 11, 15), 1),
          (local(2026, 12, 1, 1), 5)]

EXPECTED = {
    "visits": 4, "people": 7,
    "cases": 11,  # C1–C11 (C11 at 23:30 on 30 Nov is in; C12 at 00:10 on 1 Dec is not)
    "assigned": 7,  # C1 C2 C3 C4 C6 C7 C10
    "closed": 6,  # C1 C2 C3 C4 C5 C11
    "closure_rate": 60.0,  # 6 / (11 − 1 withdrawn C8)
    "on_time_rate": 66.67,  # due: C1 C2 C3 C4 C6 C10 (C7's deadline is still ahead); on time: C1, C2 (23:30 on
    # the deadline day), C4, C10 → 4/6; C3 answered 00:30 the day after is late, C6 not answered
    "reply_rate": 83.33,  # answered 5 of those 6
    "resolution_rate": 66.67,  # solved: C1 C3 C5 C11 of 6 closed (partly, explained are not solved)
    "satisfaction_rate": 80.0,  # rated C1 C2 C3 C5 C11 (C4: no answer); satisfied or basically: 4
    "avg_days": 12.3,  # 13, 17, 20, 15, 0, 9 (C11: 30 Nov 23:30 → 9 Dec 07:00 station time) → 74/6
    "p90_days": 20,  # nearest rank ⌈0.9 × 6⌉ = 6th of 0 9 13 15 17 20
    "reopened": 1,  # C10
    "overdue": 2,  # open with a deadline before 10 Dec: C6 (30 Nov), C10 (5 Dec, replied but not closed)
}


def _synced(station_id: uuid.UUID, n: int) -> dict[str, Any]:
    stamp = f"{1_800_000_000_000 + n:014d}0000n"
    return {"id": new_id(), "origin_station_id": station_id, "created_hlc": stamp, "hlc": stamp}


def load(db) -> dict[str, uuid.UUID]:
    """Insert the fixture into a station made by ``init_station``; returns the ids of the named rows."""
    with db.session(write=False) as s:
        station = s.scalar(select(Station))
        assert station is not None
        sid = station.id
    ids: dict[str, uuid.UUID] = {}
    n = 0
    rows: dict[Any, list[dict[str, Any]]] = {Village: [], Category: [], Department: [], Deputy: []}

    def ref(model: Any, name: str, **kw: Any) -> uuid.UUID:
        nonlocal n
        if name not in ids:
            n += 1
            row = {**_synced(sid, n), "name": name, **kw}
            rows[model].append(row)
            ids[name] = row["id"]
        return ids[name]

    for v in ("东风村", "西湖村"):
        ref(Village, v, station_id=sid)
    for i, c in enumerate(("农田水利", "道路交通")):
        ref(Category, c, code=f"T{i}")
    for d in ("县水利局", "=SUM(A1:A9)局"):
        ref(Department, d)
    deputy = ref(Deputy, "王代表", level="county")
    cases, visits = [], []
    for (key, reg, village, category, dept, deadline, replied, closed, status, resolution, satisfaction, reopen,
         summary) in CASES:
        n += 1
        row = {**_synced(sid, n), "number": f"LX01-{key}", "station_id": sid, "village_id": ids[village],
               "category_id": ids[category], "registered_by_id": deputy, "registered_at": reg, "summary": summary,
               "content": summary, "triage": "green" if dept is None else "blue", "status": status,
               "department_id": ids[dept] if dept else None, "deadline": deadline,
               "assigned_at": reg + dt.timedelta(hours=1) if dept else None, "replied_at": replied,
               "closed_at": closed, "resolution": resolution, "satisfaction": satisfaction, "reopen_count": reopen,
               "event_count": 1}
        cases.append(row)
        ids[key] = row["id"]
    for i, (when, headcount) in enumerate(VISITS):
        n += 1
        visits.append({**_synced(sid, n), "station_id": sid, "occurred_at": when, "channel": "walk_in",
                       "visitor_names": f"来访人{i}", "headcount": headcount, "village_id": ids["东风村"],
                       "received_by_id": deputy, "note": ""})
    with db.engine.begin() as conn:
        for model, batch in rows.items():
            conn.execute(insert(model), batch)
        conn.execute(insert(Case), cases)
        conn.execute(insert(Visit), visits)
    return ids
