"""The public status page's rate limits (issue 15), with a clock the test moves: per address and per case number,
the wait said in Chinese, tokens earned back with time (never more than the burst), a clock going back harmless."""

from __future__ import annotations

import pytest

from liaison_desk.hub.console.public import Limited, PublicLimits


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_per_case_number_six_then_a_wait_then_one_more_every_two_minutes():
    clock = FakeClock()
    limits = PublicLimits(clock=clock)
    for _ in range(6):
        limits.by_case("HK01-261207-0003-8")
    with pytest.raises(Limited) as err:
        limits.by_case("HK01-261207-0003-8")
    assert err.value.wait == 120 and "请 2 分钟后再试" in err.value.message
    limits.by_case("HK01-261207-0004-4")  # another case is not held up
    clock.now += 119
    with pytest.raises(Limited) as err:
        limits.by_case("HK01-261207-0003-8")
    assert err.value.wait == 1 and "请 1 秒后再试" in err.value.message
    clock.now += 1
    limits.by_case("HK01-261207-0003-8")
    clock.now += 10 * 3600  # a long quiet time earns the burst back, never more
    for _ in range(6):
        limits.by_case("HK01-261207-0003-8")
    with pytest.raises(Limited):
        limits.by_case("HK01-261207-0003-8")


def test_per_address_and_a_clock_going_back_earns_nothing():
    clock = FakeClock()
    limits = PublicLimits(ip_burst=3, ip_every_s=20, clock=clock)
    for _ in range(3):
        limits.by_address("10.0.0.8")
    with pytest.raises(Limited) as err:
        limits.by_address("10.0.0.8")
    assert "查询太频繁" in err.value.message and "20 秒" in err.value.message
    limits.by_address("10.0.0.9")
    clock.now -= 3600
    with pytest.raises(Limited):
        limits.by_address("10.0.0.8")
