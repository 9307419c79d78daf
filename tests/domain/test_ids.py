"""Record identities: UUIDv7 for new records, deterministic UUIDv5 for natural keys."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liaison_desk.domain.ids import HUB_ORIGIN, NAMESPACE, natural_id, new_id


def test_new_id_is_a_plain_stdlib_uuid_version_7():
    u = new_id()
    assert type(u) is uuid.UUID
    assert u.version == 7
    assert u.variant == uuid.RFC_4122


def test_new_ids_carry_the_current_time_in_their_first_48_bits():
    before = dt.datetime.now(dt.UTC).timestamp() * 1000
    u = new_id()
    after = dt.datetime.now(dt.UTC).timestamp() * 1000
    # uuid6 may push the timestamp a few ms ahead to stay monotonic within a burst.
    assert before - 1 <= u.int >> 80 <= after + 50


def test_many_new_ids_are_distinct_and_sorted_by_creation_order():
    ids = [new_id() for _ in range(20_000)]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert [str(u) for u in ids] == sorted(str(u) for u in ids)  # text order too, as stored in SQLite


def test_natural_id_is_a_deterministic_version_5_uuid():
    station = uuid.UUID("0190d1c2-0000-7000-8000-000000000001")
    a = natural_id("shift", station, dt.date(2026, 11, 22), "am")
    b = natural_id("shift", station, dt.date(2026, 11, 22), "am")
    assert a == b and a.version == 5 and type(a) is uuid.UUID
    assert a == uuid.uuid5(NAMESPACE, "\x1f".join(["shift", str(station), "2026-11-22", "am"]))


def test_natural_id_differs_when_any_part_differs():
    base = natural_id("shift", "s1", "2026-11-22", "am")
    assert natural_id("shift", "s1", "2026-11-22", "pm") != base
    assert natural_id("shift", "s2", "2026-11-22", "am") != base
    assert natural_id("roster", "s1", "2026-11-22", "am") != base


def test_part_boundaries_matter():
    assert natural_id("k", "a", "bc") != natural_id("k", "ab", "c")
    assert natural_id("k", "a", "") != natural_id("k", "a")
    assert natural_id("ka", "b") != natural_id("k", "ab")


@given(st.lists(st.text(), min_size=1, max_size=4), st.lists(st.text(), min_size=1, max_size=4))
def test_different_part_lists_never_share_an_id(p, q):
    p = [s.replace("\x1f", "") for s in p]
    q = [s.replace("\x1f", "") for s in q]
    assert (natural_id("k", *p) == natural_id("k", *q)) == (p == q)


def test_the_unit_separator_inside_a_part_is_refused_rather_than_ambiguous():
    with pytest.raises(ValueError):
        natural_id("k", "a\x1fb")
    with pytest.raises(ValueError):
        natural_id("")


def test_namespace_and_hub_origin_are_fixed_constants():
    # Changing either would re-key every natural id already stored on the stations.
    assert uuid.UUID("6f1c2a4e-8b53-5d0e-9a71-3c4f5e6a7b80") == NAMESPACE
    assert uuid.uuid5(NAMESPACE, "origin\x1fcounty-hub") == HUB_ORIGIN
    assert natural_id("origin", "county-hub") == HUB_ORIGIN
    assert HUB_ORIGIN.version == 5
