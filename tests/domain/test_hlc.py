"""Hybrid logical clock: strictly increasing stamps despite wall clocks going backwards, and safe merging."""

from __future__ import annotations

import itertools
import threading

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from liaison_desk.domain.errors import ValidationError
from liaison_desk.domain.hlc import HLC, MAX_COUNTER, HybridClock

T0 = 1_795_000_000_000  # ms, late 2026
FIVE_MIN = 5 * 60 * 1000


class FakeWall:
    """A settable wall clock in milliseconds."""

    def __init__(self, ms: int = T0):
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


walls = st.integers(min_value=0, max_value=T0 * 2)
nodes = st.text(alphabet="0123456789abcdefABCDEF_", min_size=1, max_size=8)
hlcs = st.builds(HLC, walls, st.integers(0, MAX_COUNTER), nodes)


# -- HLC values -----------------------------------------------------------------------------------------------

def test_encode_is_fixed_width_and_decodes_back():
    h = HLC(T0, 7, "a1b2c3d4")
    assert h.encode() == f"{T0:015d}-000007-a1b2c3d4"
    assert HLC.decode(h.encode()) == h


@given(hlcs)
def test_decode_inverts_encode(h):
    assert HLC.decode(h.encode()) == h


@given(hlcs, hlcs)
def test_text_order_equals_tuple_order(a, b):
    assert (a < b) == (a.encode() < b.encode())
    assert (a == b) == (a.encode() == b.encode())
    # SQLite compares TEXT byte by byte (BINARY collation).
    assert (a < b) == (a.encode().encode() < b.encode().encode())


@pytest.mark.parametrize("garbage", [
    "", "abc", "1-2-3", f"{T0:015d}-000007", f"{T0:015d}-7-node", f"{T0:014d}-000007-node",
    f"{T0:015d}-000007-", f"{T0:015d}-000007-no de", f"{T0:015d}-000007-节点", f" {T0:015d}-000007-node",
    f"{T0:015d}-000007-node\n", f"{T0:015d}-0000007-node", None, 12345,
])
def test_decode_refuses_garbage(garbage):
    with pytest.raises(ValidationError) as err:
        HLC.decode(garbage)
    assert err.value.code == "bad_hlc"


@pytest.mark.parametrize("args", [(-1, 0, "n"), (10**15, 0, "n"), (T0, -1, "n"), (T0, MAX_COUNTER + 1, "n"),
                                  (T0, 0, ""), (T0, 0, "a-b"), (T0, 0, "x" * 33)])
def test_values_that_would_break_the_fixed_width_are_refused(args):
    with pytest.raises(ValidationError):
        HLC(*args)


def test_clock_refuses_a_node_id_that_cannot_be_encoded():
    with pytest.raises(ValueError):
        HybridClock(node="bad node")


# -- now() ------------------------------------------------------------------------------------------------------

def test_first_stamp_takes_the_wall_clock():
    c = HybridClock("n1", None, wall=FakeWall(T0))
    assert c.last is None
    assert c.now() == HLC(T0, 0, "n1")
    assert c.last == HLC(T0, 0, "n1")


def test_same_millisecond_counts_up_and_a_later_one_resets_the_counter():
    wall = FakeWall(T0)
    c = HybridClock("n1", None, wall=wall)
    assert [c.now().counter for _ in range(3)] == [0, 1, 2]
    wall.ms += 1
    assert c.now() == HLC(T0 + 1, 0, "n1")


def test_wall_clock_set_back_an_hour_still_gives_increasing_stamps():
    wall = FakeWall(T0)
    c = HybridClock("n1", None, wall=wall)
    a = c.now()
    wall.ms -= 3_600_000
    b, d = c.now(), c.now()
    assert a < b < d
    assert b == HLC(T0, 1, "n1")


@given(st.lists(walls, min_size=1, max_size=200), st.none() | hlcs)
def test_now_is_strictly_increasing_for_any_wall_readings(readings, last):
    it = iter(readings)
    c = HybridClock("node1", last, wall=lambda: next(it))
    stamps = [c.now() for _ in readings]
    if last is not None:
        stamps.insert(0, last)
    assert all(a < b for a, b in itertools.pairwise(stamps))
    encoded = [s.encode() for s in stamps]
    assert encoded == sorted(encoded) and len(set(encoded)) == len(encoded)


@given(st.lists(walls, min_size=1, max_size=50), st.lists(walls, min_size=1, max_size=50),
       st.integers(min_value=1, max_value=10**12))
def test_restart_from_persisted_last_with_an_earlier_wall_clock_stays_monotonic(before, after, set_back):
    it = iter(before)
    c1 = HybridClock("node1", None, wall=lambda: next(it))
    first_run = [c1.now() for _ in before]
    assert c1.last is not None
    persisted = c1.last.encode()  # what the database layer stores
    # After the restart the PC's clock reads earlier than anything seen before (dead CMOS battery).
    it2 = iter(max(0, w - set_back) for w in after)
    c2 = HybridClock("node1", HLC.decode(persisted), wall=lambda: next(it2))
    second_run = [c2.now() for _ in after]
    assert max(first_run) < min(second_run)
    assert all(a < b for a, b in itertools.pairwise(second_run))


def test_counter_overflow_borrows_the_next_millisecond():
    c = HybridClock("n1", HLC(T0, MAX_COUNTER, "n1"), wall=FakeWall(T0 - 10))
    nxt = c.now()
    assert nxt == HLC(T0 + 1, 0, "n1")
    assert nxt > HLC(T0, MAX_COUNTER, "n1")
    assert len(nxt.encode()) == len(HLC(T0, MAX_COUNTER, "n1").encode())


def test_a_wall_clock_before_1970_is_clamped_not_crashed():
    c = HybridClock("n1", None, wall=FakeWall(-5))
    assert c.now() == HLC(0, 0, "n1")


def test_concurrent_callers_never_get_the_same_stamp():
    c = HybridClock("n1", None, wall=FakeWall(T0))
    out: list[HLC] = []

    def work() -> None:
        out.extend(c.now() for _ in range(2000))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(out)) == 8000


# -- receive() --------------------------------------------------------------------------------------------------

def test_receive_from_a_replica_ahead_moves_past_its_stamp():
    c = HybridClock("local", HLC(T0, 3, "local"), wall=FakeWall(T0))
    got = c.receive(HLC(T0 + 1000, 5, "remote"))
    assert got == HLC(T0 + 1000, 6, "local")
    assert c.last == got
    assert c.now() == HLC(T0 + 1000, 7, "local")  # later local stamps stay above the remote one


def test_receive_with_equal_wall_times_takes_the_larger_counter():
    c = HybridClock("local", HLC(T0, 3, "local"), wall=FakeWall(T0 - 5))
    assert c.receive(HLC(T0, 9, "remote")) == HLC(T0, 10, "local")
    assert c.receive(HLC(T0, 2, "remote")) == HLC(T0, 11, "local")


def test_receive_of_an_old_stamp_uses_the_wall_clock():
    c = HybridClock("local", HLC(T0, 3, "local"), wall=FakeWall(T0 + 50))
    assert c.receive(HLC(T0 - 1000, 99, "remote")) == HLC(T0 + 50, 0, "local")


def test_receive_refuses_a_remote_clock_far_ahead_and_keeps_its_own_state():
    last = HLC(T0, 3, "local")
    c = HybridClock("local", last, wall=FakeWall(T0))
    with pytest.raises(ValidationError) as err:
        c.receive(HLC(T0 + FIVE_MIN + 1, 0, "remote"))
    assert err.value.code == "clock_too_far_ahead"
    assert "对方" in err.value.message and "时间" in err.value.message and "快" in err.value.message
    assert "ahead" in err.value.message_en
    assert c.last == last  # the bad stamp left no trace
    # Exactly at the bound is still accepted.
    assert c.receive(HLC(T0 + FIVE_MIN, 0, "remote")) == HLC(T0 + FIVE_MIN, 1, "local")


def test_drift_bound_is_configurable():
    c = HybridClock("local", None, wall=FakeWall(T0), max_drift_ms=1000)
    with pytest.raises(ValidationError):
        c.receive(HLC(T0 + 1001, 0, "remote"))


def test_receive_on_a_fresh_clock():
    c = HybridClock("local", None, wall=FakeWall(T0))
    assert c.receive(HLC(T0, 4, "remote")) == HLC(T0, 5, "local")


def test_receive_when_the_remote_counter_is_full_borrows_the_next_millisecond():
    c = HybridClock("local", None, wall=FakeWall(T0))
    assert c.receive(HLC(T0, MAX_COUNTER, "remote")) == HLC(T0 + 1, 0, "local")


@given(st.none() | hlcs, hlcs, walls)
def test_receive_result_is_above_both_local_last_and_remote(last, remote, wall_ms):
    assume(remote.wall_ms <= wall_ms + FIVE_MIN)
    c = HybridClock("local", last, wall=FakeWall(wall_ms))
    got = c.receive(remote)
    assert got > remote and got.node == "local"
    if last is not None:
        assert got > last
    assert got.wall_ms >= wall_ms or (last is not None and got.wall_ms >= last.wall_ms)
    assert c.now() > got


@given(st.lists(st.tuples(st.booleans(), walls, hlcs), min_size=1, max_size=60))
def test_mixed_local_and_received_stamps_are_strictly_increasing(ops):
    wall = FakeWall(0)
    c = HybridClock("local", None, wall=wall)
    stamps = []
    for is_receive, wall_ms, remote in ops:
        wall.ms = wall_ms
        if is_receive:
            if remote.wall_ms > wall_ms + FIVE_MIN:
                with pytest.raises(ValidationError):
                    c.receive(remote)
                continue
            stamps.append(c.receive(remote))
        else:
            stamps.append(c.now())
    assert all(a < b for a, b in itertools.pairwise(stamps))
