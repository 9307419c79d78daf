"""Faults between station and hub: every one leaves a state the next round heals, with the invariants
holding after every step."""

from __future__ import annotations

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.hub import county as hc
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from tests.sync.harness import Invariants, pending

FAULTS = ["drop_request", "drop_response", "duplicate", "truncate", "5xx", "truncate_request"]
PATHS = ["/v1/hello", "/v1/push", "/v1/pull", "/v1/digest"]


def _visit(db, admin, i):
    return register_visit(db, admin, VisitInput("张三李四王五赵六"[i % 8] + "某", visitor_phone=f"138{i:08d}", village="柳树湾村"),
                          CaseInput(f"第{i}件事：路灯不亮"))


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_anywhere_in_a_round_heals_on_the_next(county, admin, fault):
    """The fault hits each message of a round in turn; after each, a round with no new local write heals."""
    a = county.add_station("LX01")
    county.add_station("LX02")
    inv = Invariants(county)
    for n, path in enumerate(PATHS):
        hc.add_reference(county.hub, "departments", {"name": f"县水利局{n}"})
        # a push carries the first pull page back with its answer: /v1/pull is its own message only in a
        # round with nothing to push (the new department still has to come down)
        for i in range(0 if path == "/v1/pull" else 2):
            _visit(a, admin, 2 * n + i)
        inv.check()
        county.net.faults.append((path, fault))
        try:
            report = county.sync("LX01")
        except DomainError:
            report = None
        inv.check()
        if fault == "duplicate":
            assert report is not None and report.agreed  # a duplicated request is harmless
        county.sync("LX01")  # heals, with no new local write
        inv.check()
        assert not pending(a)
    inv.quiet_and_converged()


def test_duplicate_and_reordered_push_batches(county, admin):
    from liaison_desk.services.sync.push import pending_batch
    from liaison_desk.services.sync.state import config
    from liaison_desk.sync.protocol import PROTOCOL_VERSION

    a = county.add_station("LX01")
    inv = Invariants(county)
    for i in range(4):
        _visit(a, admin, i)
    items = pending_batch(a)
    half = len(items) // 2

    def body(part: list) -> dict:
        return {"protocol": PROTOCOL_VERSION, "install_id": config(a).install_id, "changes": part}

    auth = {"Authorization": f"Bearer {config(a).credential}"}
    # the later batch first, then the earlier one twice: the hub keeps one copy of everything
    for part in (items[half:], items[:half], items[:half], items[half:]):
        r = county.client.post("/v1/push", json=body(part), headers=auth)
        assert r.status_code == 200 and all(x["status"] == "accepted" for x in r.json()["results"])
    inv.check()
    inv.quiet_and_converged()


def test_sync_resumes_after_failing_many_times_with_no_new_local_write(county, admin):
    a = county.add_station("LX01")
    inv = Invariants(county)
    _visit(a, admin, 1)
    county.net.faults.extend([(None, "5xx")] * 5)
    failures = 0
    for _ in range(5):
        with pytest.raises(DomainError):
            county.sync("LX01")
        failures += 1
        inv.check()
    assert failures == 5 and pending(a)
    assert county.sync("LX01").agreed
    inv.check()
    assert not pending(a)


def test_hub_restart_between_rounds_and_mid_round(county, admin):
    a = county.add_station("LX01")
    inv = Invariants(county)
    _visit(a, admin, 1)
    county.net.faults.append(("/v1/push", "drop_response"))
    with pytest.raises(DomainError):
        county.sync("LX01")
    county.stop_hub()
    county.start_hub()
    _visit(a, admin, 2)
    assert county.sync("LX01").agreed
    inv.check()
    inv.quiet_and_converged()


def test_a_hub_restored_from_an_old_backup_is_repaired_from_the_stations(county, admin, tmp_path):
    import shutil

    a = county.add_station("LX01")
    _visit(a, admin, 1)
    assert county.sync("LX01").agreed
    county.stop_hub()
    hub_file = tmp_path / "hub.sqlite3"
    shutil.copy(hub_file, tmp_path / "hub-backup.sqlite3")
    county.start_hub()
    _visit(a, admin, 2)
    assert county.sync("LX01").agreed
    county.stop_hub()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"hub.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "hub-backup.sqlite3", hub_file)  # the county restores yesterday's backup
    county.start_hub()
    report = county.sync("LX01")
    assert report.agreed, report.notes
    assert report.repaired > 0
    county.quiet()
    from tests.sync.harness import assert_converged

    assert_converged(county)
