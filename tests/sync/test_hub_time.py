"""Issue 19, item 5: each sync keeps the hub's time, which the desk compares the PC's date with."""

from __future__ import annotations

import datetime as dt

from liaison_desk.db.database import get_local
from liaison_desk.services.desk import clock


def test_each_sync_keeps_the_hub_time(county, monkeypatch):
    a = county.add_station("LX01")
    county.sync("LX01")
    with a.session(write=False) as s:
        hub_ms = int(get_local(s, clock.HUB_TIME))
    hub = dt.datetime.fromtimestamp(hub_ms / 1000, dt.UTC).replace(tzinfo=None)
    assert abs((hub - dt.datetime.now(dt.UTC).replace(tzinfo=None)).total_seconds()) < 60
    monkeypatch.setattr(clock, "utcnow", lambda: hub - dt.timedelta(days=3))
    verdict = clock.check(a)
    assert not verdict.plausible and verdict.reason == "behind_hub", verdict
