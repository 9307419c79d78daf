"""The hub's JSON pre-scan (``hub/limits.scan``) on its own: what it refuses, and what it must let through
(text that only looks like a problem inside strings, escaped backslashes, valid surrogate pairs)."""

from __future__ import annotations

import json

import pytest

from liaison_desk.hub.limits import scan

LIMITS = {"max_depth": 32, "max_values": 1000}


@pytest.mark.parametrize("text, code", [
    (rb'{"a":"\ud800"}', "bad_shape"),
    (rb'{"a":"\udc00"}', "bad_shape"),
    (rb'{"a":"\\\ud800"}', "bad_shape"),  # an escaped backslash, then a lone half
    (rb'{"a":"\ud800\\\udc00"}', "bad_shape"),  # halves parted by an escaped backslash
    (rb'{"a":"x\u0000"}', "bad_shape"),
    (b"[1,%d]" % 2**63, "bad_shape"),
    (b"[%d]" % (-(2**63) - 1), "bad_shape"),
    (b"[" + b"9" * 5000 + b"]", "bad_shape"),
    (b"[1e400]", "bad_shape"),
    (b"[NaN]", "bad_shape"),
    (b"[-Infinity]", "bad_shape"),
    (b"[" * 33 + b"]" * 33, "bad_shape"),
    (b"[{}" * 40 + b"]" * 40, "bad_shape"),
    (b"[" + b",".join([b"1"] * 1001) + b"]", "too_many_items"),
    (b"[" + b",".join([b'"a"'] * 1001) + b"]", "too_many_items"),
])
def test_refused(text, code):
    problem = scan(text, **LIMITS)
    assert problem is not None and problem.code == code and problem.status == 422


@pytest.mark.parametrize("text", [
    rb'{"a":"\ud800\udc00"}',
    rb'{"a":"\\ud800"}',  # an escaped backslash followed by the letters: text, not an escape
    b"[%d, %d]" % (2**63 - 1, -(2**63)),
    b"[0.1234567890123456789012345, 1e99, 12345678901234567890.5]",  # (an exponent of 3 digits is refused)
    b"[" * 32 + b"]" * 32,
    rb'{"x":"NaN Infinity [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \" ]]] 99999999999999999999999"}',
    json.dumps({"payload": json.dumps({"fields": {"t": "路灯, 坏了 \"三盏\" \\ [x]"}}, ensure_ascii=False)},
               ensure_ascii=False).encode(),
    b"[1, 2",  # malformed: left to the parser
])
def test_let_through(text):
    assert scan(text, **LIMITS) is None
