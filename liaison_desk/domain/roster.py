"""Duty roster (值班表): a deterministic, explainable plan of which rotating deputy keeps each reception slot."""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import uuid
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from .errors import ValidationError
from .ids import natural_id
from .vocab import SHIFT_SLOTS, check_choice

ROSTER_ROLES = {"fixed": ("固定在站", "Fixed"), "rotating": ("轮流值班", "Rotating")}
_WEEKDAY_ZH = "一二三四五六日"


def _fail(code: str, zh: str, field: str, en: str) -> None:
    raise ValidationError(code, zh, field=field, message_en=en)


def _slot_text(day: dt.date, slot: str) -> str:
    return f"{day.isoformat()}（周{_WEEKDAY_ZH[day.weekday()]}）{SHIFT_SLOTS[slot][0]}班"


def _names(names: list[str]) -> str:
    return "、".join(names) if len(names) <= 3 else "、".join(names[:3]) + f" 等 {len(names)} 位"


def _digest(text: str) -> int:
    # hashlib, never hash(): str hashes are salted per process, and every run and every station must produce
    # the same roster.
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _tiebreak(deputy_hash: int, slot_hash: int) -> int:
    # Mixing the slot in rotates who wins a tie instead of always favouring one id; one hash per deputy and
    # one per slot plus integer arithmetic keeps this off the profile (a hash per pair dominated it).
    return ((deputy_hash ^ slot_hash) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF


@dataclass(frozen=True)
class DutyPattern:
    """When the station receives: weekdays (0 = Monday), slots per day, deputies per slot, exceptions."""

    # The sets may be given as any set; each is stored as a frozenset (see __post_init__).
    weekdays: AbstractSet[int]
    slots: tuple[str, ...] = ("full",)
    deputies_per_slot: int = 1
    holidays: AbstractSet[dt.date] = frozenset()  # reception weekdays that are skipped (节假日)
    extra_days: AbstractSet[dt.date] = frozenset()  # make-up working days added (调休上班)

    def __post_init__(self) -> None:
        for name in ("weekdays", "holidays", "extra_days"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        if any(not isinstance(w, int) or not 0 <= w <= 6 for w in self.weekdays):
            _fail("bad_weekday", "接待日应为周一至周日（0 表示周一，6 表示周日）。", "weekdays",
                  "Weekdays must be 0 (Monday) to 6 (Sunday).")
        if not self.slots or not (self.weekdays or self.extra_days):
            _fail("empty_pattern", "值班规则为空：请至少选择一个接待日和一个班次（上午、下午或全天）。",
                  "weekdays", "The duty pattern is empty: choose at least one reception day and one slot.")
        for slot in self.slots:
            check_choice(slot, SHIFT_SLOTS, field="slots", what="班次")
        if len(set(self.slots)) != len(self.slots) or ("full" in self.slots and len(self.slots) > 1):
            _fail("bad_slots", "班次设置有误：班次不能重复，全天班也不能与上午班、下午班同时设置。", "slots",
                  "Slots must not repeat, and an all-day slot cannot be combined with morning or afternoon.")
        # Canonical order (上午 before 下午) so "the slot right before" means the same thing for every input.
        object.__setattr__(self, "slots", tuple(sorted(self.slots, key=list(SHIFT_SLOTS).index)))
        if not isinstance(self.deputies_per_slot, int) or self.deputies_per_slot < 1:
            _fail("bad_deputies_per_slot", "每班值班代表人数至少为 1 人。", "deputies_per_slot",
                  "Deputies per slot must be at least 1.")
        if self.holidays & self.extra_days:
            _fail("holiday_conflict", "同一日期不能既是节假日又是调休上班日。", "extra_days",
                  "A date cannot be both a holiday and a make-up working day.")

    def reception_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The reception dates from ``start`` to ``end`` inclusive, in order."""
        span = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        return [d for d in span if d in self.extra_days or (d.weekday() in self.weekdays and d not in self.holidays)]


@dataclass(frozen=True)
class RosterDeputy:
    """A deputy assigned to the station; only ``rotating`` deputies are rostered (the fixed one keeps it)."""

    id: str
    name: str = ""
    role: str = "rotating"
    unavailable: AbstractSet[dt.date] = frozenset()  # leave, sessions, harvest… (请假); kept as a frozenset
    max_shifts: int | None = None  # in this period
    shifts_done: int = 0  # receptions already done this year, before the period
    active_from: dt.date | None = None
    active_until: dt.date | None = None
    max_per_month: int | None = None  # at most this many shifts in any calendar month
    busy: AbstractSet[tuple[dt.date, str]] = frozenset()  # (date, slot) planned at another station

    def __post_init__(self) -> None:
        object.__setattr__(self, "unavailable", frozenset(self.unavailable))
        object.__setattr__(self, "busy", frozenset(self.busy))
        if not isinstance(self.id, str) or not self.id.strip():
            _fail("empty_deputy_id", "代表编号不能为空。", "id", "The deputy id is empty.")
        check_choice(self.role, ROSTER_ROLES, field="role", what="代表角色")
        if (self.max_shifts or 0) < 0 or (self.max_per_month or 0) < 0 or self.shifts_done < 0:
            _fail("bad_shift_count", f"{self.label}的值班次数上限和已接待次数不能为负数。", "max_shifts",
                  "Max shifts and shifts done cannot be negative.")
        if self.active_from and self.active_until and self.active_until < self.active_from:
            _fail("bad_active_dates", f"{self.label}的任期结束日期早于开始日期。", "active_until",
                  "active_until is before active_from.")

    @property
    def label(self) -> str:
        return self.name or self.id

    def active_on(self, day: dt.date) -> bool:
        return self.active_between(day, day)

    def busy_on(self, day: dt.date, slot: str) -> bool:
        """Planned at another station on an overlapping slot (a full day overlaps both halves)."""
        return any((day, s) in self.busy for s in ((slot, "full") if slot != "full" else ("full", "am", "pm")))

    def active_between(self, start: dt.date, end: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= end) and \
            (self.active_until is None or start <= self.active_until)


@dataclass(frozen=True)
class RosterRequest:
    """What to plan: the period (both ends included), the pattern, the deputies and the yearly minimum."""

    start: dt.date
    end: dt.date
    pattern: DutyPattern
    deputies: tuple[RosterDeputy, ...]
    yearly_minimum: int = 2  # "每位代表每年进站接待不少于 2 次"
    yearly_minimums: Mapping[int, int] = field(default_factory=dict)  # year → its own minimum (else yearly_minimum)

    def __post_init__(self) -> None:
        object.__setattr__(self, "deputies", tuple(self.deputies))
        object.__setattr__(self, "yearly_minimums", dict(self.yearly_minimums))
        if any(n < 0 for n in self.yearly_minimums.values()):
            _fail("bad_yearly_minimum", "全年最少接待次数不能为负数。", "yearly_minimums",
                  "The yearly minimum cannot be negative.")
        if self.end < self.start:
            _fail("bad_period", "结束日期不能早于开始日期。", "end", "The end date is before the start date.")
        if self.yearly_minimum < 0:
            _fail("bad_yearly_minimum", "全年最少接待次数不能为负数。", "yearly_minimum",
                  "The yearly minimum cannot be negative.")
        twice = [i for i, n in Counter(d.id for d in self.deputies).items() if n > 1]
        if twice:
            _fail("duplicate_deputy", f"代表“{twice[0]}”重复出现。", "deputies", f"Deputy {twice[0]!r} is listed twice.")

    def minimum_for(self, year: int) -> int:
        """The yearly minimum of receptions that applies in ``year``."""
        return self.yearly_minimums.get(year, self.yearly_minimum)


@dataclass(frozen=True)
class Assignment:
    """One deputy on one slot, with the reasons (Chinese) that put him or her there."""

    date: dt.date
    slot: str
    deputy_id: str
    reasons: tuple[str, ...]

    def shift_id(self, station_id: object) -> uuid.UUID:
        """The natural id of this roster slot: two stations planning the same shift offline agree on it."""
        return natural_id("shift", station_id, self.date, self.slot, self.deputy_id)


@dataclass(frozen=True)
class Roster:
    """The plan: assignments in date/slot/deputy order, what could not be satisfied, shifts per deputy."""

    assignments: tuple[Assignment, ...]
    warnings: tuple[str, ...]
    counts: Mapping[str, int]  # every rotating deputy → shifts in this period (0 included)
    unfilled: tuple[tuple[dt.date, str, int], ...] = ()  # (date, slot, seats left empty)


def generate_roster(request: RosterRequest) -> Roster:
    """Plan the period: greedy by priority, then augmenting-path repairs, then a balancing pass.

    Priority per slot: deputies below the yearly minimum (those on their last chances first, those who just
    served last), then not on the slot right before, then fewest shifts this period, then a stable hash of
    (deputy, date, slot). Not-back-to-back ranks before fewest-shifts: a deputy who is behind (back from
    leave, say) would otherwise take the morning and the afternoon of one day while others are free, and
    the balancing pass evens the counts out afterwards anyway. The repairs reach the yearly minimum and fill every seat whenever some roster
    can, which greedy alone cannot promise; the balancing pass then evens counts out without undoing either.
    """
    segments = _segments(request)
    base: Counter[str] = Counter()  # shifts given in the earlier segments of this period
    in_year: Counter[str] = Counter()  # ... in the earlier segments of the same calendar year
    results: list[Roster] = []
    later = _later_room(request, segments)
    for n, (start, end) in enumerate(segments):
        if n and start.year != segments[n - 1][0].year:
            in_year = Counter()
        deps = tuple(_segment_deputy(d, request, start, base[d.id], in_year[d.id]) for d in request.deputies)
        sub = RosterRequest(start, end, request.pattern, deps, request.minimum_for(start.year))
        before = _last_slot_deputies(request, segments[n - 1], results[-1]) if n else []
        plan = _Planner(sub, base, warn_minimum=len(segments) == 1, later=later[n], before=before)
        plan.greedy()
        plan.reach_minimum()
        while plan.fill_one():
            pass
        while plan.balance_one():
            pass
        plan.restate()
        results.append(plan.result())
        base.update(results[-1].counts)
        in_year.update(results[-1].counts)
    return _merge(request, results)


def _segments(req: RosterRequest) -> list[tuple[dt.date, dt.date]]:
    """The period cut at each New Year (each year has its own minimum and its own count of receptions) and,
    when a deputy has a monthly limit, at each month (the limit holds in every calendar month)."""
    monthly = any(d.max_per_month is not None for d in req.deputies if d.role == "rotating")
    out, start = [], req.start
    while start <= req.end:
        nxt = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1) if monthly \
            else dt.date(start.year + 1, 1, 1)
        out.append((start, min(req.end, nxt - dt.timedelta(days=1))))
        start = nxt
    return out


def _last_slot_deputies(req: RosterRequest, segment: tuple[dt.date, dt.date], done: Roster) -> list[str]:
    """Who holds the last slot of the previous segment: the slot right before this segment's first one."""
    days = req.pattern.reception_days(*segment)
    if not days:
        return []
    last = (days[-1], req.pattern.slots[-1])
    return [a.deputy_id for a in done.assignments if (a.date, a.slot) == last]


def _later_room(req: RosterRequest, segments: list[tuple[dt.date, dt.date]]) -> list[dict[str, int]]:
    """Per segment, the shifts each deputy could still take in the later segments of the same year: a
    deputy's last chances to reach the minimum are judged on the year's rest of the period, not on one month."""
    rooms = []
    for start, end in segments:
        days = req.pattern.reception_days(start, end)
        room = {}
        for d in req.deputies:
            free = sum(1 for day in days if d.active_on(day) and day not in d.unavailable
                       for slot in req.pattern.slots if not d.busy_on(day, slot))
            room[d.id] = free if d.max_per_month is None else min(free, d.max_per_month)
        rooms.append(room)
    out = []
    for n, (start, _) in enumerate(segments):
        ahead = [rooms[m] for m in range(n + 1, len(segments)) if segments[m][0].year == start.year]
        out.append({d.id: sum(r[d.id] for r in ahead) for d in req.deputies})
    return out


def _segment_deputy(d: RosterDeputy, req: RosterRequest, start: dt.date, given: int, in_year: int) -> RosterDeputy:
    caps = [c for c in (None if d.max_shifts is None else d.max_shifts - given, d.max_per_month) if c is not None]
    done = (d.shifts_done if start.year == req.start.year else 0) + in_year
    return replace(d, max_shifts=min(caps) if caps else None, shifts_done=done)


def _merge(req: RosterRequest, results: list[Roster]) -> Roster:
    if len(results) == 1:
        return results[0]
    counts: Counter[str] = Counter({d.id: 0 for d in req.deputies if d.role == "rotating"})
    for r in results:
        counts.update(r.counts)
    warnings = list(dict.fromkeys(w for r in results for w in r.warnings))
    if any(r.assignments or r.unfilled for r in results) or len(warnings) > 1:
        warnings = [w for w in warnings if w != _NO_DAYS]
    warnings += _minimum_warnings(req, results)
    return Roster(tuple(a for r in results for a in r.assignments), tuple(warnings), dict(counts),
                  tuple(u for r in results for u in r.unfilled))


_NO_DAYS = "所选期间内没有接待日，值班表为空。"


def _minimum_warnings(req: RosterRequest, results: list[Roster]) -> list[str]:
    """Deputies who end a year of the period below that year's own minimum, and why."""
    got = Counter((a.deputy_id, a.date.year) for r in results for a in r.assignments)
    slots = [(day, slot) for day in req.pattern.reception_days(req.start, req.end) for slot in req.pattern.slots]
    out = []
    for year in range(req.start.year, req.end.year + 1):
        first, last = max(req.start, dt.date(year, 1, 1)), min(req.end, dt.date(year, 12, 31))
        minimum = req.minimum_for(year)
        for d in sorted((d for d in req.deputies if d.role == "rotating"), key=lambda d: d.id):
            done = d.shifts_done if year == req.start.year else 0
            need = max(0, minimum - done) if d.active_between(first, last) else 0
            if got[d.id, year] >= need:
                continue
            free = sum(1 for day, slot in slots if day.year == year and d.active_on(day)
                       and day not in d.unavailable and not d.busy_on(day, slot))
            if d.max_shifts is not None and d.max_shifts < need:
                cause = f"本期值班次数上限为 {d.max_shifts} 次"
            elif free < need:
                cause = f"本期能值班的班次只有 {free} 个（请假、任期或在其他联络站值班所限）"
            elif d.max_per_month is not None:
                cause = f"每月值班次数上限为 {d.max_per_month} 次"
            else:
                cause = "接待班次名额不足以让每位代表都达到要求"
            out.append(f"{d.label}本期结束时{year}年全年接待 {done + got[d.id, year]} 次，未达到至少 {minimum} 次的要求：{cause}。")
    return out


Key = tuple[int, int, int, int, int, int]  # (tier, shortfall, on previous slot, count, tiebreak, index)


class _Planner:
    """The working state of one run; deputies are indexed in id order so input order never matters."""

    def __init__(self, req: RosterRequest, base: Mapping[str, int] | None = None, *, warn_minimum: bool = True,
                 later: Mapping[str, int] | None = None, before: Sequence[str] = ()):
        self.k, self.minimum, self.warn_minimum = req.pattern.deputies_per_slot, req.yearly_minimum, warn_minimum
        days = req.pattern.reception_days(req.start, req.end)
        self.slots = [(day, slot) for day in days for slot in req.pattern.slots]
        self.deps = sorted((d for d in req.deputies if d.role == "rotating"), key=lambda d: d.id)
        total = len(self.slots)
        self.cap = [total if d.max_shifts is None else min(d.max_shifts, total) for d in self.deps]
        self.need = [max(0, self.minimum - d.shifts_done) if d.active_between(req.start, req.end) else 0
                     for d in self.deps]
        self.count = [0] * len(self.deps)  # in this segment; base + count is the deputy's share of the period
        self.base = [(base or {}).get(d.id, 0) for d in self.deps]
        self.later = [(later or {}).get(d.id, 0) for d in self.deps]  # room in later segments of this year
        self.before = [j for j, d in enumerate(self.deps) if d.id in before]  # on the previous segment's last slot
        # Availability depends on the date only, so it is worked out once per day, not once per slot.
        free_on, self.away_on = {}, {}
        for day in days:
            active = [j for j, d in enumerate(self.deps) if d.active_on(day)]
            free_on[day] = [j for j in active if day not in self.deps[j].unavailable]
            self.away_on[day] = [j for j in active if day in self.deps[j].unavailable]
        self.free = [free_on[day] for day, _ in self.slots]
        if any(d.busy for d in self.deps):  # planned at another station on an overlapping slot
            self.free = [[j for j in js if not self.deps[j].busy_on(day, slot)]
                         for js, (day, slot) in zip(self.free, self.slots, strict=True)]
        self.elig: list[list[int]] = [[] for _ in self.deps]  # slot indices each deputy may take
        for i, js in enumerate(self.free):
            for j in js:
                self.elig[j].append(i)
        self.elig_set = [set(e) for e in self.elig]
        self.dep_hash = [_digest(d.id) for d in self.deps]
        self.slot_hash = [_digest(f"{day.isoformat()}\x1f{slot}") for day, slot in self.slots]
        self.seats: list[list[int]] = [[] for _ in self.slots]
        self.held: list[set[int]] = [set() for _ in self.deps]
        self.why: dict[tuple[int, int], tuple[str, ...]] = {}
        self.basis: dict[tuple[int, int], int] = {}  # greedy choices: the count their reasons quote

    def _put(self, i: int, j: int, why: tuple[str, ...]) -> None:
        self.seats[i].append(j)
        self.held[j].add(i)
        self.count[j] += 1
        self.why[i, j] = why

    def _drop(self, i: int, j: int) -> None:
        self.seats[i].remove(j)
        self.held[j].discard(i)
        self.count[j] -= 1
        del self.why[i, j]
        self.basis.pop((i, j), None)

    def _key(self, i: int, j: int, left: int, prev: Sequence[int]) -> Key:
        c, short, consecutive = self.base[j] + self.count[j], self.need[j] - self.count[j], int(j in prev)
        # When the eligible slots still ahead are no more than the shifts still needed, these are his/her last
        # chances: tier 0, those who can still make it (shortfall 0) before those who cannot. Other needy
        # deputies come next (tier 1) unless they just served: taking the afternoon right after the morning
        # is not needed while chances remain, so they wait in tier 2 with everyone else.
        tier = 2 if short <= 0 or (consecutive and left > short) else 0 if left <= short else 1
        shortfall = short - left if tier == 0 else 0
        return (tier, shortfall, consecutive, c, _tiebreak(self.dep_hash[j], self.slot_hash[i]), j)

    def greedy(self) -> None:
        left = [len(e) + n for e, n in zip(self.elig, self.later, strict=True)]  # chances from this slot on
        for i, (day, _) in enumerate(self.slots):
            prev = self.seats[i - 1] if i else self.before
            cands: list[Key] = []
            capped: list[Key] = []
            alts: list[Key] = []
            for j in self.free[i]:
                key = self._key(i, j, left[j], prev)
                if key[2] and self.count[j] < self.cap[j]:  # how he/she would rank but for the last slot
                    alts.append(self._key(i, j, left[j], ()))
                left[j] -= 1
                (cands if self.count[j] < self.cap[j] else capped).append(key)
            best = heapq.nsmallest(self.k + 1, cands)
            chosen, runner = best[:self.k], (best[self.k] if len(best) > self.k else None)
            taken = {key[-1] for key in chosen}
            others = [key for key in cands if key[-1] not in taken]
            min_other = min((key[3] for key in others), default=None)
            passed_over = [alt for alt in alts if alt[-1] not in taken]
            away = [self._key(i, j, left[j], prev) for j in self.away_on[day]]
            for key in chosen:
                self._put(i, key[-1], self._explain(key, min_other, runner, passed_over, away, capped))
                self.basis[i, key[-1]] = key[3]

    def _explain(self, key: Key, min_other: int | None, runner: Key | None, passed_over: list[Key],
                 away: list[Key], capped: list[Key]) -> tuple[str, ...]:
        tier, _, consecutive, c, _, j = key
        mine = c - self.base[j]  # shifts in this segment (this year's count goes on from shifts_done)
        out = []
        if self.need[j] > mine:
            out.append(f"尚未达到全年至少 {self.minimum} 次接待的要求（已接待 {self.deps[j].shifts_done + mine} 次）")
            if tier == 0:
                out.append("本期剩余能值班的班次不多，需现在排入")
        if min_other is None:
            out.append("本班能排的代表都已排入")
        elif c <= min_other:
            out.append(f"本期值班次数最少（{c} 次）")
        elif self.need[j] <= mine:
            out.append(f"本期已值班 {c} 次")
        if not consecutive and any(alt < key for alt in passed_over):
            out.append("上一班不是他/她（避免连续值班）")
        if runner is not None and runner[:4] == key[:4]:
            out.append("与其他代表条件相同，按固定轮换顺序选定")
        if consecutive:
            out.append("与上一班连续：没有更合适的其他代表可排")
        for group, text in ((away, "其他代表当天请假"), (capped, "其他代表已达本期值班上限")):
            names = [self.deps[o[-1]].label for o in sorted(group) if o < key]
            if names:
                out.append(f"{text}（{_names(names)}）")
        return tuple(out)

    def reach_minimum(self) -> None:
        # Greedy can strand a deputy whose few free days were taken by others. Lifting each one along an
        # augmenting path (Hoffman's feasibility argument) reaches every minimum whenever a roster can.
        # Whatever a failed search reached can only lead to more failures until something moves, so later
        # searches skip it: with many deputies short of an impossible minimum, each fails quickly.
        dead: tuple[set[int], set[int]] = (set(), set())
        for d in range(len(self.deps)):
            while self.count[d] < min(self.need[d], self.cap[d]) and d not in dead[0]:
                if self._lift(d, dead):
                    dead = (set(), set())

    def _lift(self, d: int, dead: tuple[set[int], set[int]]) -> bool:
        """One more shift for ``d``: into a free seat, or displacing a chain ending at someone with surplus."""
        joins: dict[int, int] = {}  # slot → deputy moving into it
        leaves: dict[int, int] = {}  # deputy → slot he/she moves out of
        seen, seen_slots, queue = {d} | dead[0], set(dead[1]), deque([d])
        while queue:
            e = queue.popleft()
            for i in self.elig[e]:
                if i in seen_slots or i in self.held[e]:
                    continue
                seen_slots.add(i)
                joins[i] = e
                if len(self.seats[i]) < self.k:
                    self._apply_lift(i, joins, leaves, d)
                    return True
                for f in sorted(self.seats[i], key=lambda f: (-self.count[f], f)):  # the busiest gives way
                    if f in seen:
                        continue
                    seen.add(f)
                    leaves[f] = i
                    if self.count[f] > self.need[f]:
                        self._drop(i, f)
                        self._apply_lift(i, joins, leaves, d)
                        return True
                    queue.append(f)
        dead[0].update(seen)
        dead[1].update(seen_slots)
        return False

    def _apply_lift(self, i: int, joins: dict[int, int], leaves: dict[int, int], d: int) -> None:
        while (e := joins[i]) != d:
            self._drop(leaves[e], e)
            self._put(i, e, ("为让其他代表达到全年最低接待次数，从其他班次调整至此",))
            i = leaves[e]
        self._put(i, d, (f"尚未达到全年至少 {self.minimum} 次接待的要求，调整后排入本班",))

    def fill_one(self) -> bool:
        """Fill one empty seat along an augmenting path from a deputy under his/her limit; False if none.

        One search from all such deputies at once: when it fails no augmenting path is left, so the number
        of filled seats is the maximum any roster reaches (max-flow theorem) after a single failed search.
        """
        if all(len(s) == self.k for s in self.seats):
            return False
        sources = sorted((j for j in range(len(self.deps)) if self.count[j] < self.cap[j]),
                         key=lambda j: (self.base[j] + self.count[j], j))  # the least busy gain the seat
        came: dict[int, int | None] = dict.fromkeys(sources)  # deputy → slot he/she moves out of
        via: dict[int, int] = {}  # slot → deputy moving in
        queue = deque(sources)
        while queue:
            f = queue.popleft()
            for t in self.elig[f]:
                if t in via or t in self.held[f]:
                    continue
                via[t] = f
                if len(self.seats[t]) < self.k:  # walk the path back: each mover frees the seat before
                    while (out := came[g := via[t]]) is not None:
                        self._drop(out, g)
                        self._put(t, g, ("为补足其他班次的人数，从其他班次调整至此",))
                        t = out
                    self._put(t, g, ("本班缺人，调整排入以补足人数",))
                    return True
                for g in self.seats[t]:
                    if g not in came:
                        came[g] = t
                        queue.append(g)
        return False

    def balance_one(self) -> bool:
        """Move one shift from a deputy with ≥ 2 more than another who can take it; False when balanced."""
        total = [b + c for b, c in zip(self.base, self.count, strict=True)]
        order = sorted(range(len(self.deps)), key=lambda j: (total[j], j))
        for v in order:
            if self.count[v] >= min(self.cap[v], len(self.elig[v])):
                continue
            for u in reversed(order):
                if total[u] < total[v] + 2:
                    break
                if self.count[u] <= self.need[u]:  # never below his/her own yearly minimum
                    continue
                spots = [i for i in self.held[u] if i in self.elig_set[v] and i not in self.held[v]]
                if spots:
                    i = min(spots, key=lambda i: (self._next_to(i, v), i))
                    self._drop(i, u)
                    self._put(i, v, (f"为使本期值班次数均衡，由{self.deps[u].label}让出此班",))
                    return True
        return False

    def restate(self) -> None:
        """Reasons quote counts as greedy saw them; where a later move changed them, restate them truly."""
        before = list(self.base)
        for i, seat in enumerate(self.seats):
            for j in seat:
                if self.basis.get((i, j), before[j]) == before[j]:
                    continue
                b, d, mine = before[j], self.deps[j], before[j] - self.base[j]
                rivals = [before[o] for o in self.free[i] if o not in seat and before[o] - self.base[o] < self.cap[o]]
                why = [f"尚未达到全年至少 {self.minimum} 次接待的要求（已接待 {d.shifts_done + mine} 次）"] \
                    if self.need[j] > mine else []
                why.append(f"本期值班次数最少（{b} 次）" if not rivals or b <= min(rivals) else f"本期已值班 {b} 次")
                self.why[i, j] = (*why, "其他班次调整后，此班保持不变")
            for j in seat:
                before[j] += 1

    def _next_to(self, i: int, j: int) -> bool:
        return (j in self.seats[i - 1] if i > 0 else j in self.before) or \
            (i + 1 < len(self.seats) and j in self.seats[i + 1])

    def result(self) -> Roster:
        assignments, warnings, unfilled = [], [], []
        if self.slots and not self.deps:
            warnings.append("没有轮流值班的代表，无法排班。")
        elif not self.slots:
            warnings.append(_NO_DAYS)
        for i, (day, slot) in enumerate(self.slots):
            for j in sorted(self.seats[i]):
                assignments.append(Assignment(day, slot, self.deps[j].id, self.why[i, j]))
            missing = self.k - len(self.seats[i])
            if missing and self.deps:
                unfilled.append((day, slot, missing))
                others = [j for j in self.free[i] if j not in self.seats[i]]
                cause = "其余能值班的代表已达本期值班上限" if others else "其他轮值代表当天请假或不在任期内"
                warnings.append(f"{_slot_text(day, slot)}缺 {missing} 人：{cause}。")
        for j, d in enumerate(self.deps):
            if self.count[j] >= self.need[j] or not self.warn_minimum:
                continue
            if self.cap[j] < self.need[j] and d.max_shifts is not None:
                cause = f"本期值班次数上限为 {d.max_shifts} 次"
            elif len(self.elig[j]) < self.need[j]:
                cause = f"本期能值班的班次只有 {len(self.elig[j])} 个（请假或任期所限）"
            else:
                cause = "接待班次名额不足以让每位代表都达到要求"
            warnings.append(f"{d.label}本期结束时全年接待 {d.shifts_done + self.count[j]} 次，"
                            f"未达到至少 {self.minimum} 次的要求：{cause}。")
        counts = {d.id: self.count[j] for j, d in enumerate(self.deps)}
        return Roster(tuple(assignments), tuple(warnings), counts, tuple(unfilled))
