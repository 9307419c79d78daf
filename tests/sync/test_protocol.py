"""The protocol, pure: version check, change validation, merge rules, digests, bundle signatures."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison_desk.db.changes import build_change
from liaison_desk.domain.hlc import HLC
from liaison_desk.domain.payload import change_payload as make_payload
from liaison_desk.sync import bundle
from liaison_desk.sync.merge import APPLIED, NOOP, ORPHAN, merge
from liaison_desk.sync.protocol import (
    PROTOCOL_VERSION,
    ProtocolError,
    check_version,
    diff_digests,
    new_change,
    parse_change,
    table_digest,
)

ORIGIN = "0191a2b3-0000-7000-8000-000000000001"
RID = "0191a2b3-0000-7000-8000-0000000000aa"


def h(ms: int, node: str = "a", counter: int = 0) -> str:
    return HLC(ms, counter, node).encode()


def ch(op: str, fields: dict, hlc: str, base: str | None = None, ident: str = RID):
    return new_change("cases", ident, op, fields, hlc, ORIGIN, base)


def test_an_incompatible_client_gets_a_readable_refusal():
    check_version({"protocol": PROTOCOL_VERSION})
    with pytest.raises(ProtocolError) as e:
        check_version({"protocol": PROTOCOL_VERSION + 1})
    assert e.value.code == "protocol_version" and "版本" in e.value.message and "upgrade" in e.value.message_en.lower()
    with pytest.raises(ProtocolError):
        check_version({})


def test_this_release_speaks_protocol_4_and_refuses_a_protocol_2_or_3_peer():
    # protocol 3 changed the merge rules (a re-add is an insert carrying base, the newest deletion wins, edits
    # are stamped after the value they replace, case events carry follows_id): a release-2 peer must be refused,
    # or a new desk and an old hub "repair" each other every round and never agree
    # protocol 4: encrypted USB bundles, event kinds a protocol-3 desk cannot fold, the civic tables
    assert PROTOCOL_VERSION == 4
    with pytest.raises(ProtocolError) as e3:
        check_version({"protocol": 3, "install_id": "x"})
    assert "对方 3" in e3.value.message and "本程序 4" in e3.value.message
    with pytest.raises(ProtocolError) as e:
        check_version({"protocol": 2, "install_id": "x"})
    assert e.value.code == "protocol_version"
    assert "对方 2" in e.value.message and "本程序 4" in e.value.message and "升级" in e.value.message
    assert "got 2" in e.value.message_en and "Nothing was changed" in e.value.message_en


def test_payloads_match_the_station_outbox_spelling():
    import datetime as dt
    import uuid

    now = dt.datetime(2026, 11, 29, 8, 0)
    row = build_change("cases", uuid.UUID(RID), "update", {"summary": "路灯", "n": 1}, h(5), uuid.UUID(ORIGIN), now,
                       base=h(4))
    payload, digest = make_payload("cases", RID, "update", {"summary": "路灯", "n": 1}, h(5), ORIGIN, base=h(4))
    assert (row["payload"], row["payload_hash"]) == (payload, digest)
    parsed = parse_change({"change_id": str(row["change_id"]), "payload": payload, "payload_hash": digest})
    assert parsed.base == h(4) and parsed.fields == {"summary": "路灯", "n": 1}


@pytest.mark.parametrize("mangle", [
    lambda c: {**c, "payload": c["payload"][:-5]},  # truncated
    lambda c: {**c, "payload": c["payload"].replace("路灯", "水渠")},  # altered
    lambda c: {**c, "change_id": "not-a-uuid"},
    lambda c: {k: v for k, v in c.items() if k != "payload_hash"},
])
def test_a_damaged_change_is_refused_on_its_own(mangle):
    good = ch("insert", {"summary": "路灯"}, h(1)).wire()
    parse_change(good)
    with pytest.raises(ProtocolError):
        parse_change(mangle(good))


def test_append_only_merge_is_a_union():
    ins = ch("insert", {"kind": "note", "text": "x"}, h(1))
    first = merge(None, ins, "append_only")
    assert first.outcome == APPLIED
    again = merge(first.state, ins, "append_only")
    assert again.outcome == NOOP and again.state == first.state


def test_newest_edit_wins_per_field_and_the_loser_is_kept():
    base = merge(None, ch("insert", {"summary": "a", "urgency": "normal"}, h(10)), "editable").state
    e1 = ch("update", {"summary": "from A"}, h(20, "a"), base=h(10))
    e2 = ch("update", {"summary": "from B", "urgency": "urgent"}, h(30, "b"), base=h(10))
    for order in ([e1, e2], [e2, e1]):
        state, conflicts = base, []
        for e in order:
            r = merge(state, e, "editable")
            state, conflicts = r.state, conflicts + list(r.conflicts)
        assert state.fields == {"summary": "from B", "urgency": "urgent"}
        assert state.hlc == h(30, "b")
        assert [(c.field, c.kept_value, c.lost_value) for c in conflicts] == [("summary", "from B", "from A")]


def test_a_later_edit_that_saw_the_earlier_one_is_no_conflict():
    s0 = merge(None, ch("insert", {"summary": "a"}, h(10)), "editable").state
    s1 = merge(s0, ch("update", {"summary": "b"}, h(20), base=h(10)), "editable")
    s2 = merge(s1.state, ch("update", {"summary": "c"}, h(30), base=h(20)), "editable")
    assert s2.state.fields["summary"] == "c" and not s1.conflicts and not s2.conflicts


def test_tombstones_and_orphans():
    assert merge(None, ch("update", {"summary": "x"}, h(5), base=h(1)), "editable").outcome == ORPHAN
    s0 = merge(None, ch("insert", {"summary": "a"}, h(10)), "editable").state
    d1 = merge(s0, ch("delete", {}, h(30), base=h(10)), "editable").state
    d2 = merge(d1, ch("delete", {}, h(20), base=h(10)), "editable").state
    # the newest deletion is kept (issue 19: a re-adding between two deletions must not win over the later one)
    assert d2.deleted_hlc == h(30) and d2.hlc == h(30)
    assert merge(merge(s0, ch("delete", {}, h(20), base=h(10)), "editable").state,
                 ch("delete", {}, h(30), base=h(10)), "editable").state == d2


def test_two_offline_inserts_of_one_natural_key_merge_deterministically():
    a = ch("insert", {"note": "A", "slot": "am"}, h(10, "a"))
    b = ch("insert", {"note": "B", "slot": "am"}, h(12, "b"))
    one = merge(merge(None, a, "editable").state, b, "editable")
    two = merge(merge(None, b, "editable").state, a, "editable")
    assert one.state == two.state and one.state.fields["note"] == "B" and one.state.created_hlc == h(10, "a")
    assert len(one.conflicts) == len(two.conflicts) == 1


@st.composite
def histories(draw):
    n = draw(st.integers(1, 6))
    changes = [ch("insert", {"f": "v0", "g": 0}, h(1, "a"))]
    for i in range(n):
        stamp = h(draw(st.integers(2, 50)), draw(st.sampled_from("abc")), i)
        op = draw(st.sampled_from(["update", "update", "delete"]))
        fields = {} if op == "delete" else draw(st.dictionaries(st.sampled_from("fg"), st.integers(0, 3), min_size=1))
        changes.append(ch(op, fields, stamp, base=h(1, "a")))
    return changes


@settings(max_examples=60, deadline=None)
@given(histories(), st.randoms())
def test_any_arrival_order_gives_the_same_record(changes, rnd):
    """Replicas receive the same concurrent edits in different orders (the insert first): the same record,
    and the same losing values kept."""
    def run(order):
        state, lost = None, set()
        for c in order:
            r = merge(state, c, "editable")
            state = r.state or state
            lost |= {(x.field, json.dumps(x.lost_value)) for x in r.conflicts}
        # a value that lost on the way but is the final value anyway was not really lost
        return state, {x for x in lost if json.dumps(state.fields.get(x[0])) != x[1]}

    first, rest = changes[0], changes[1:]
    shuffled = rest[:]
    rnd.shuffle(shuffled)
    s1, l1 = run([first, *rest])
    s2, l2 = run([first, *shuffled])
    assert s1 == s2
    assert l1 == l2  # every replica keeps the same losing values


def test_digests_say_which_tables_differ():
    rows = [("a", h(1), None), ("b", h(2), None)]
    same = {"cases": table_digest(rows)}
    assert diff_digests(same, {"cases": table_digest(list(reversed(rows)))}) == []
    assert diff_digests(same, {"cases": table_digest(rows[:1])}) == ["cases"]
    assert diff_digests(same, {"cases": table_digest([("a", h(1), None), ("b", h(3), None)])}) == ["cases"]
    assert diff_digests({}, {"visits": table_digest([])}) == []


class TestBundle:
    key = bundle.bundle_key("credential-of-LX01")

    def text(self, **extra):
        return bundle.dumps({"kind": "push", "station_code": "LX01", "changes": [], **extra}, self.key)

    def test_round_trip(self):
        body = bundle.verify(self.text(cursor=3), self.key, kind="push")
        assert body["cursor"] == 3 and body["protocol"] == PROTOCOL_VERSION

    @pytest.mark.parametrize("tamper", [
        lambda t: t.replace('"data":"', '"data":"AAAA'),  # encrypted: its data changed
        lambda t: t[: len(t) // 2],
        lambda t: t.replace("LX01", "LX02"),
        lambda t: "garbage",
    ])
    def test_tampering_is_refused(self, tamper):
        with pytest.raises(bundle.BundleRefused) as e:
            bundle.verify(tamper(self.text(cursor=3)), self.key, kind="push")
        assert e.value.code in {"bundle_tampered", "bundle_damaged", "not_a_bundle"}

    def test_another_stations_key_or_the_wrong_direction_is_refused(self):
        with pytest.raises(bundle.BundleRefused):
            bundle.verify(self.text(), bundle.bundle_key("someone else"), kind="push")
        with pytest.raises(bundle.BundleRefused) as e:
            bundle.verify(self.text(), self.key, kind="answer")
        assert e.value.code == "bundle_wrong_kind"

    def test_a_bundle_written_by_a_protocol_2_release_is_refused_readably(self):
        # correctly signed with this station's key, but written by the previous release: its format version
        # (the body's protocol) is 2, so it is refused whole with the upgrade message, nothing imported
        body = {"kind": "push", "station_code": "LX01", "changes": [], "protocol": 2}
        text = bundle.canonical({"format": bundle.FORMAT, "body": body, "hmac": bundle.sign(body, self.key)})
        with pytest.raises(ProtocolError) as e:
            bundle.verify(text, self.key, kind="push")
        assert e.value.code == "protocol_version" and "对方 2" in e.value.message and "升级" in e.value.message
        assert "upgrade" in e.value.message_en.lower()
        assert json.loads(self.text())["sealed"]["protocol"] == PROTOCOL_VERSION


def test_orders_compose():
    # the permutations helper used above really permutes (guards the property test itself)
    assert len(list(itertools.permutations([1, 2, 3]))) == 6


def test_a_tombstone_carries_the_fields_changed_in_the_same_save():
    s0 = merge(None, ch("insert", {"summary": "a", "urgency": "normal"}, h(10)), "editable").state
    r = merge(s0, ch("delete", {"summary": "作废前改的"}, h(20), base=h(10)), "editable")
    assert r.state.fields["summary"] == "作废前改的" and r.state.deleted_hlc == h(20) and not r.conflicts
