"""The restore drill (issue 17): the station's daily backup (made while the desk is open, through the online
backup API) is restored on a fresh PC with ``liaison-desk restore``; the station syncs on, gets back what was
registered after the backup, and the fork rules hold: a restored database used before its first sync is
refused as a diverged copy, its records kept, until the county takes it back in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from liaison_desk.app import main
from liaison_desk.db.models import Case
from liaison_desk.domain.errors import DomainError
from liaison_desk.hub.cli import main as hub_main
from liaison_desk.services.admin import backup as bk
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.context import SYSTEM_ADMIN, open_station_database
from liaison_desk.services.sync.enroll import enroll
from tests.sync.harness import Invariants, pending


def _numbers(db) -> list[str]:
    with db.session(write=False) as s:
        return sorted(s.scalars(select(Case.number)))


def _backed_up_then_more(county, admin, tmp_path):
    """LX01 registers a case and syncs; the desk's backup goes to the data folder and the USB stick; one more
    case is registered and synced after the backup."""
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("张三", visitor_phone="13812345678"), CaseInput("第一件"))
    assert county.sync("LX01").agreed
    usb = tmp_path / "usb"
    usb.mkdir()
    code = a.new_recovery_code()  # what the administrator wrote down at set-up
    made = bk.make_backup(a, usb_dir=usb)  # the desk is open: the online backup, not a file copy
    after = register_visit(a, admin, VisitInput("李四"), CaseInput("备份之后登记的"))
    assert county.sync("LX01").agreed
    a.dispose()
    return a, made, after, code


def _restore(county, capsys, file, data_dir, *extra):
    assert main(["--data-dir", str(data_dir), "restore", str(file), *extra]) == 0
    assert "已恢复" in capsys.readouterr().out
    county.stations["LX01"] = restored = open_station_database(data_dir)
    assert len(_numbers(restored)) == 1
    return restored


def _carries_on(county, admin, restored, after):
    numbers = _numbers(restored)
    assert len(numbers) == 2 and after.case_number in numbers
    third = register_visit(restored, admin, VisitInput("王五"), CaseInput("恢复之后登记的"))
    assert third.case_number not in numbers  # numbering follows the recovered cases
    Invariants(county).quiet_and_converged()
    assert sum('"type":"cases"' in x for x in county.hub_export("LX01")) == 3


def test_a_backup_restored_on_a_new_pc_is_enrolled_again_and_gets_back_what_came_after_it(county, admin,
                                                                                          tmp_path, capsys):
    _a, made, after, code = _backed_up_then_more(county, admin, tmp_path)
    restored = _restore(county, capsys, made.usb_path, tmp_path / "new-pc",  # the disk died: a new PC
                        "--recovery-code", code)
    with pytest.raises(DomainError) as e:  # the sync credential never travels in a backup
        county.sync("LX01")
    assert e.value.code == "not_enrolled"
    token = county.hub.add_station("LX01 联络站", "LX01")  # the county's token for the replacement PC
    enroll(restored, SYSTEM_ADMIN, "http://hub", token, send=county.net.send, admin_pin="2468")
    report = county.sync("LX01")
    assert report.agreed and report.rejected == 0, report.notes
    _carries_on(county, admin, restored, after)


def test_a_backup_restored_over_a_damaged_database_syncs_on(county, admin, tmp_path, capsys):
    a, made, after, _code = _backed_up_then_more(county, admin, tmp_path)
    a.path.write_bytes(b"\0" * 4096)  # the database file is damaged
    restored = _restore(county, capsys, made.path, a.path.parent, "--force")
    report = county.sync("LX01")
    assert report.rebootstrapped and report.agreed, report.notes
    _carries_on(county, admin, restored, after)


def test_a_restored_database_used_before_syncing_is_a_diverged_copy_and_nothing_is_lost(county, admin, tmp_path,
                                                                                      capsys):
    a, made, after, _code = _backed_up_then_more(county, admin, tmp_path)
    restored = _restore(county, capsys, made.path, a.path.parent, "--force")
    early = register_visit(restored, admin, VisitInput("赵六"), CaseInput("恢复后未同步就登记"))
    assert early.case_number == after.case_number  # the danger the fork rule guards against
    kept = pending(restored)
    with pytest.raises(DomainError) as e:
        county.sync("LX01")
    assert e.value.code == "replica_forked"
    assert pending(restored) == kept, "its records are kept"
    # the county takes it back in; the desk enrolls again and the clashing case gets a new number
    capsys.readouterr()
    assert hub_main(["--db", str(county.engine.url), "resolve-fork", "--code", "LX01"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    done = enroll(restored, SYSTEM_ADMIN, "http://hub", token, send=county.net.send, admin_pin="2468")
    assert done.again and [old for old, _new in done.renumbered] == [early.case_number]
    report = county.sync("LX01")
    assert report.agreed and report.rejected == 0, report.notes
    assert not kept & pending(restored), "every change it had pending reached the hub"
    numbers = _numbers(restored)
    assert len(numbers) == 3 and len(set(numbers)) == 3
    Invariants(county).quiet_and_converged()
