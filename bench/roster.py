"""Roster benchmark: a year of Mon–Fri reception, morning and afternoon, for 60 rotating deputies.

Budget: ≤ 1 s per roster. Prints the median (and min/max) wall time over several runs of
``generate_roster``, and the median CPU time, which a busy shared machine does not inflate.

    python -m bench.roster            # 9 runs of each scenario
    python -m bench.roster --runs 21
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from liaison_desk.domain.roster import DutyPattern, Roster, RosterDeputy, RosterRequest, generate_roster

YEAR = 2026
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
BUDGET_S = 1.0


def _days(rng: random.Random, n: int) -> set[dt.date]:
    return {START + dt.timedelta(days=rng.randrange(365)) for _ in range(n)}


def build_request(*, constrained: bool, seed: int = 2026) -> RosterRequest:
    """60 rotating deputies and the fixed one; ``constrained`` adds limits, part-year terms and long leave."""
    rng = random.Random(seed)
    # Roughly the 2026 public holidays and make-up working days (调休); exact dates do not matter here.
    holidays = {dt.date(YEAR, 1, 1), *(dt.date(YEAR, 2, d) for d in range(16, 21)), dt.date(YEAR, 4, 6),
                *(dt.date(YEAR, 5, d) for d in range(1, 6)), dt.date(YEAR, 6, 19),
                *(dt.date(YEAR, 10, d) for d in range(1, 8))}
    extra = {dt.date(YEAR, 2, 14), dt.date(YEAR, 2, 28), dt.date(YEAR, 5, 9), dt.date(YEAR, 9, 27),
             dt.date(YEAR, 10, 10)}
    pattern = DutyPattern(weekdays=frozenset(range(5)), slots=("am", "pm"), deputies_per_slot=1,
                          holidays=frozenset(holidays - extra), extra_days=frozenset(extra))
    deputies = [RosterDeputy("fixed", "站长", role="fixed")]
    for i in range(60):
        away = _days(rng, rng.randrange(5, 30))  # sessions, harvest, illness…
        limit = frm = until = None
        if constrained and i % 5 == 0:  # a monthly limit, as stations set them: the year is planned month by month
            limit = rng.randrange(1, 3)
        if constrained and i % 7 == 0:
            frm = START + dt.timedelta(days=rng.randrange(200))
        if constrained and i % 11 == 0:
            until = START + dt.timedelta(days=rng.randrange(200, 365))
        if constrained and i % 3 == 0:  # a month away
            first = START + dt.timedelta(days=rng.randrange(330))
            away |= {first + dt.timedelta(days=d) for d in range(30)}
        deputies.append(RosterDeputy(f"dep-{i:02d}", f"代表{i:02d}", unavailable=frozenset(away),
                                     max_per_month=limit, shifts_done=rng.randrange(3), active_from=frm,
                                     active_until=until))
    rng.shuffle(deputies)
    return RosterRequest(START, END, pattern, tuple(deputies), yearly_minimum=2)


def measure(req: RosterRequest, runs: int) -> tuple[list[float], list[float], Roster]:
    wall: list[float] = []
    cpu: list[float] = []
    roster: Roster | None = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        roster = generate_roster(req)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    if roster is None:
        raise ValueError("runs must be at least 1")
    return wall, cpu, roster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    worst = 0.0
    for name, constrained in (("typical", False), ("constrained", True)):
        req = build_request(constrained=constrained)
        times, cpu, roster = measure(req, args.runs)
        slots = len(req.pattern.reception_days(START, END)) * len(req.pattern.slots)
        counts = roster.counts.values()
        median = statistics.median(times)
        worst = max(worst, median)
        print(f"{name:12s} {slots} slots × {len(roster.counts)} deputies: median {median * 1000:.1f} ms "
              f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}; CPU median "
              f"{statistics.median(cpu) * 1000:.1f} ms; {args.runs} runs); "
              f"shifts per deputy {min(counts)}–{max(counts)}, {len(roster.warnings)} warnings")
    print(f"budget {BUDGET_S * 1000:.0f} ms: {'OK' if worst <= BUDGET_S else 'OVER'}")
    return 0 if worst <= BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
