"""Duty-score benchmark: a county's year — 1,000 deputies, 100,000 visits (with the cases they raised), a year
of shifts and activities — built for real in a temporary station database, then every deputy scored and
ranked (``station_scores``). Budget: ≤ 2 s. Also times one deputy's traced score (``deputy_year_score``).

    python -m bench.scores                      # full size
    python -m bench.scores --visits 20000 --deputies 300 --runs 3   # a quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from liaison_desk.db.models import (
    Activity,
    ActivityParticipant,
    Case,
    Deputy,
    DeputyGroup,
    DeputyGroupMember,
    DutyShift,
    StationAssignment,
    Visit,
)
from liaison_desk.domain.ids import natural_id, new_id
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.domain.vocab import ACTIVITY_KINDS
from liaison_desk.services.admin.setup import init_station
from liaison_desk.services.context import open_station_database
from liaison_desk.services.duty.scores import deputy_year_score, station_scores

YEAR = 2026
BUDGET_S = 2.0
CHANNELS = (("walk_in", 55), ("phone", 15), ("household_visit", 12), ("bench_meeting", 8), ("letter", 3),
            ("online", 7))


def build(db, *, deputies: int, visits: int, seed: int = 7) -> dict[str, int]:
    """Bulk-write the year through the same change capture as the desk (``Database.bulk``)."""
    rng = random.Random(seed)
    station = db.station_id()
    days = [dt.date(YEAR, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    workdays = [d for d in days if d.weekday() < 5]
    counts = {}
    with db.bulk() as w:
        deps = [{"id": new_id(), "name": f"代表{i:04d}", "level": rng.choice(["county", "township", "township"]),
                 "code": f"B{i:04d}", "active": True} for i in range(deputies)]
        counts["deputies"] = w.insert(Deputy, deps)
        w.insert(StationAssignment, [{"id": natural_id("assignment", station, d["id"]), "station_id": station,
                                      "deputy_id": d["id"], "duty_role": "rotating"} for d in deps])
        groups = [{"id": new_id(), "name": f"第{g + 1:02d}代表小组", "station_id": station}
                  for g in range(max(1, deputies // 25))]
        w.insert(DeputyGroup, groups)
        w.insert(DeputyGroupMember, [{"id": natural_id("group-member", groups[i % len(groups)]["id"], d["id"]),
                                      "group_id": groups[i % len(groups)]["id"], "deputy_id": d["id"],
                                      "role": "member"} for i, d in enumerate(deps)])
        shifts, i = [], 0
        for day in workdays:
            for slot, hour in (("am", 8), ("pm", 14)):
                dep = deps[i % len(deps)]["id"]
                i += 1
                shifts.append({"id": natural_id("shift", station, day, slot, dep), "station_id": station,
                               "date": day, "slot": slot, "deputy_id": dep,
                               "signed_in_at": to_utc(dt.datetime.combine(day, dt.time(hour, 5))),
                               "signed_out_at": to_utc(dt.datetime.combine(day, dt.time(hour + 3, 30)))})
        counts["shifts"] = w.insert(DutyShift, shifts)
        channels, weights = zip(*CHANNELS, strict=True)
        n_visits = n_cases = 0
        for start in range(0, visits, 5000):
            vrows, crows = [], []
            for _ in range(min(5000, visits - start)):
                day = rng.choice(workdays)
                when = to_utc(dt.datetime.combine(day, dt.time(rng.randrange(8, 17), rng.randrange(60))))
                dep = rng.choice(deps)["id"]
                vid = new_id()
                vrows.append({"id": vid, "station_id": station, "occurred_at": when,
                              "channel": rng.choices(channels, weights)[0], "visitor_names": "群众",
                              "headcount": 1, "received_by_id": dep})
                if rng.random() < 0.8:
                    closed = rng.random() < 0.85
                    n_cases += 1
                    crows.append({"id": new_id(), "number": f"BX01-{day:%y%m%d}-{n_cases:06d}", "station_id": station,
                                  "visit_id": vid, "registered_by_id": dep, "registered_at": when,
                                  "summary": "路灯不亮", "content": "村口路灯不亮。",
                                  "status": "closed" if closed else "in_progress",
                                  "assigned_at": when + dt.timedelta(days=1) if rng.random() < 0.6 else None,
                                  "closed_at": when + dt.timedelta(days=rng.randrange(2, 30)) if closed else None,
                                  "resolution": rng.choice(["solved", "solved", "explained"]) if closed else None,
                                  "satisfaction": rng.choice(["satisfied", "basically_satisfied", "unsatisfied"])
                                  if closed else None})
            n_visits += w.insert(Visit, vrows)
            w.insert(Case, crows)
        counts["visits"], counts["cases"] = n_visits, n_cases
        acts, parts = [], []
        kinds = list(ACTIVITY_KINDS)
        for _ in range(deputies // 2):
            kind = rng.choice(kinds)
            act = {"id": new_id(), "station_id": station, "kind": kind, "title": "代表活动", "date": rng.choice(days),
                   "households": rng.randint(5, 30) if kind == "household_visits" else None}
            acts.append(act)
            for dep in rng.sample(deps, min(len(deps), rng.randint(5, 30))):
                parts.append({"id": natural_id("participant", act["id"], dep["id"]), "activity_id": act["id"],
                              "deputy_id": dep["id"]})
        counts["activities"] = w.insert(Activity, acts)
        counts["participations"] = w.insert(ActivityParticipant, parts)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deputies", type=int, default=1000)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="build in DIR (reused when it already holds the data)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_station_database(Path(args.keep or tmp))
        if db.station_id() is None:
            init_station(db, name="基准测试联络站", code="BX01", admin_pin="2468")
            t0 = time.perf_counter()
            counts = build(db, deputies=args.deputies, visits=args.visits)
            print(f"built in {time.perf_counter() - t0:.1f} s: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        else:
            print(f"reusing the data in {args.keep}")
        wall, cpu, rows = [], [], []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            rows = station_scores(db, YEAR)
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        median = statistics.median(wall)
        grades = {g: sum(1 for r in rows if r.grade == g) for g in ("优秀", "好", "一般", "较差")}
        print(f"station_scores: {len(rows)} deputies ranked, median {median * 1000:.0f} ms (min {min(wall) * 1000:.0f}, "
              f"max {max(wall) * 1000:.0f}; CPU median {statistics.median(cpu) * 1000:.0f} ms; {args.runs} runs); "
              f"top score {rows[0].total}, grades {grades}")
        t = time.perf_counter()
        one = deputy_year_score(db, rows[0].deputy_id, YEAR)
        traced = sum(len(ln.sources) for ln in one.lines)
        print(f"deputy_year_score with sources: {(time.perf_counter() - t) * 1000:.0f} ms ({traced} records traced)")
        db.dispose()
    ok = median <= BUDGET_S
    print(f"budget {BUDGET_S * 1000:.0f} ms: {'OK' if ok else 'OVER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
