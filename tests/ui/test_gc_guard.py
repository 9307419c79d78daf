"""Cycles are collected on the UI thread only: automatic collection is off and a UI-thread timer collects."""

from __future__ import annotations

import gc

from liaison_desk.ui.gc_guard import MainThreadCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_the_collector_turns_automatic_collection_off_and_collects_on_its_timer(qtbot):
    was = gc.isenabled()
    collector = MainThreadCollector(interval_ms=10)
    try:
        collector.start()
        assert not gc.isenabled()
        gc.collect()
        for _ in range(gc.get_threshold()[0] + 50):  # enough new objects to cross generation 0's threshold
            Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=5000)
    finally:
        collector.stop()
        if not was:
            gc.disable()
    assert gc.isenabled() or not was
