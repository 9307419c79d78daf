"""Case events fold in causal order (issue 19): each event follows the one it was appended after; stamps
only break ties. A clock that ran years ahead can no longer put a later action first."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from liaison_desk.domain.hlc import HLC, HybridClock, stamp_after
from liaison_desk.domain.workflow import Event, EventKind, Role, Status, causal_order, fold

T = dt.datetime(2026, 12, 1, 9, 0)
Y2035 = 2_051_222_400_000  # ms, 2035
Y2026 = 1_796_000_000_000


def ev(i: str, kind: EventKind, wall: int, follows: str | None = None, role: Role = Role.STAFF, **data) -> Event:
    return Event(i, kind, HLC(wall, 0, "a").encode(), role, T, data, follows)


ASSIGN = {"department_id": "d1", "deadline": "2026-12-31"}


def test_unlinked_events_fold_by_stamp_as_before():
    events = [ev("2", EventKind.ACCEPT, 2), ev("1", EventKind.REGISTER, 1), ev("3", EventKind.ASSIGN, 3, **ASSIGN)]
    assert [e.id for e in causal_order(events)] == ["1", "2", "3"]
    assert fold(events).status is Status.ASSIGNED


def test_actions_after_future_stamped_events_follow_them():
    """Item 4: register and accept stamped "2035", assign and start after a restore with the right clock."""
    events = [
        ev("r", EventKind.REGISTER, Y2035),
        ev("a", EventKind.ACCEPT, Y2035 + 1),
        ev("s", EventKind.ASSIGN, Y2026, follows="a", **ASSIGN),
        ev("t", EventKind.START, Y2026 + 1, follows="s"),
    ]
    state = fold(events)
    assert state.status is Status.IN_PROGRESS and not state.anomalies
    assert state.last_id == "t"
    # the old rule (stamps alone) wedges it: the proof that the links matter
    unlinked = fold([Event(e.id, e.kind, e.hlc, e.actor_role, e.occurred_at, e.data) for e in events])
    assert unlinked.status is Status.ACCEPTED and len(unlinked.anomalies) == 2


def test_a_county_reply_stamped_at_its_own_time_follows_the_case():
    """Item 3: the hub's reply keeps the hub's own (right) time yet folds after the future-stamped events."""
    events = [
        ev("r", EventKind.REGISTER, Y2035), ev("a", EventKind.ACCEPT, Y2035 + 1, follows="r"),
        ev("s", EventKind.ASSIGN, Y2035 + 2, follows="a", **ASSIGN),
        ev("h", EventKind.REPLY, Y2026, follows="s", role=Role.HUB, text="已疏通", resolution="solved"),
    ]
    state = fold(events)
    assert state.status is Status.REPLIED and not state.anomalies


def test_concurrent_branches_are_ordered_by_stamp_and_both_kept():
    events = [
        ev("r", EventKind.REGISTER, 1), ev("a", EventKind.ACCEPT, 2, follows="r"),
        ev("s", EventKind.ASSIGN, 3, follows="a", **ASSIGN),
        ev("w", EventKind.WITHDRAW, 5, follows="s", text="自行解决"),
        ev("h", EventKind.REPLY, 4, follows="s", role=Role.HUB, text="答复", resolution="solved"),
    ]
    state = fold(events)
    assert [e.id for e in causal_order(events)] == ["r", "a", "s", "h", "w"]
    assert state.status is Status.REPLIED and state.event_count == 5
    assert [a.event_id for a in state.anomalies] == ["w"], "the concurrent withdrawal is kept for review"


def test_a_missing_predecessor_or_a_crafted_cycle_still_gives_one_total_order():
    events = [ev("x", EventKind.NOTE, 9, follows="not-here", text="n"), ev("r", EventKind.REGISTER, 1),
              ev("p", EventKind.NOTE, 5, follows="q", text="p"), ev("q", EventKind.NOTE, 4, follows="p", text="q"),
              ev("self", EventKind.NOTE, 7, follows="self", text="s")]
    order = [e.id for e in causal_order(events)]
    assert sorted(order) == sorted(e.id for e in events)
    assert order == [e.id for e in causal_order(list(reversed(events)))]
    assert order[0] == "r"


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(-10**12, 10**12), min_size=1, max_size=12))
def test_any_arrival_order_folds_to_the_same_state(seed, offsets):
    """Events written one after another by writers with wild clocks: every permutation folds alike, and
    the writer's order is the fold's order (nothing is an anomaly)."""
    rng = random.Random(seed)
    kinds = [EventKind.REGISTER, EventKind.ACCEPT, EventKind.ASSIGN, EventKind.START]
    kinds += [EventKind.NOTE] * (len(offsets) - len(kinds))
    events: list[Event] = []
    for n, off in enumerate(offsets[:len(kinds)]):
        kind = kinds[n]
        data = ASSIGN if kind is EventKind.ASSIGN else {"text": "x"} if kind is EventKind.NOTE else {}
        events.append(Event(f"e{n:02d}", kind, HLC(Y2026 + off, 0, "n").encode(), Role.STAFF, T, data,
                            events[-1].id if events else None))
    want = fold(events)
    assert not want.anomalies and [e.id for e in causal_order(events)] == [e.id for e in events]
    shuffled = events[:]
    rng.shuffle(shuffled)
    assert fold(shuffled) == want


def test_stamp_after_orders_a_write_after_what_it_saw_without_moving_the_clock():
    seen = HLC(Y2035, 7, "b")
    mine = HLC(Y2026, 0, "a")
    after = stamp_after(mine, seen)
    assert after > seen and after.node == "a" and (after.wall_ms, after.counter) == (Y2035, 8)
    assert stamp_after(HLC(Y2035 + 5, 0, "a"), seen) == HLC(Y2035 + 5, 0, "a")
    assert stamp_after(mine, None) == mine
    assert stamp_after(mine, HLC(Y2035, 999_999, "b")) == HLC(Y2035 + 1, 0, "a")


def test_a_clock_never_observes_a_stamp_beyond_its_drift_bound():
    clock = HybridClock("a", wall=lambda: Y2026)
    assert not clock.observe(HLC(Y2035, 0, "hub")), "the hub's stamps are bounded too"
    assert clock.last is None
    assert clock.is_suspect(HLC(Y2035, 0, "hub")) and not clock.is_suspect(HLC(Y2026 + 1000, 0, "b"))
    assert clock.observe(HLC(Y2026 + 1000, 3, "b"))
    assert clock.last == HLC(Y2026 + 1000, 4, "a")
