"""Issue 19, item 7: after a restore, people can still work and ``check`` tells the truth.

Accounts made after the backup come back from the hub without their PIN (a local-only secret that never
travels): signing in says an administrator must reset it, the administrator can (or re-create the account
under its login), and the integrity check does not report the records the hub gave back as unlogged."""

from __future__ import annotations

import shutil

import pytest

from liaison_desk.domain.errors import DomainError
from liaison_desk.domain.workflow import Role
from liaison_desk.services.admin.integrity import run_check
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit
from liaison_desk.services.desk.accounts import reset_pin
from liaison_desk.services.desk.lookups import add_account
from liaison_desk.services.desk.shifts import sign_in
from tests.sync.harness import Invariants, reopen


def _restored(county, admin, tmp_path):
    a = county.add_station("LX01")
    register_visit(a, admin, VisitInput("张三"), CaseInput("第一件"))
    county.sync("LX01")
    a.dispose()
    backup = tmp_path / "backup"
    shutil.copytree(a.path.parent, backup)
    a = reopen(county, "LX01")
    add_account(a, admin, name="李干事", pin="13579", role=Role.STAFF, login="li")
    register_visit(a, admin, VisitInput("李四"), CaseInput("第二件"))
    assert county.sync("LX01").agreed
    a.dispose()
    shutil.rmtree(a.path.parent)
    shutil.copytree(backup, a.path.parent)  # the PC's disk died; the backup is restored
    a = reopen(county, "LX01")
    report = county.sync("LX01")
    assert report.rebootstrapped and report.agreed, report.notes
    return a


def test_an_account_made_after_the_backup_says_its_pin_needs_a_reset(county, admin, tmp_path):
    a = _restored(county, admin, tmp_path)
    with pytest.raises(DomainError) as e:
        sign_in(a, "13579", login="li")
    assert e.value.code == "pin_reset_needed" and "需要管理员重置" in e.value.message
    for _ in range(6):  # no back-off either: the person did nothing wrong
        with pytest.raises(DomainError) as e:
            sign_in(a, "13579", login="li")
        assert e.value.code == "pin_reset_needed"
    reset_pin(a, admin, "li", "24680")
    assert sign_in(a, "24680", login="li").actor.name == "李干事"
    Invariants(county).quiet_and_converged()


def test_recreating_the_account_takes_over_its_login(county, admin, tmp_path):
    a = _restored(county, admin, tmp_path)
    add_account(a, admin, name="李干事", pin="11223", role=Role.STAFF, login="li")
    assert sign_in(a, "11223", login="li").actor.role is Role.STAFF
    with pytest.raises(DomainError) as e:  # a login in use by a working account is still refused
        add_account(a, admin, name="别人", pin="11223", role=Role.STAFF, login="li")
    assert e.value.code == "duplicate_login"


def test_check_after_a_rebootstrap_reports_no_unlogged_records(county, admin, tmp_path):
    a = _restored(county, admin, tmp_path)
    report = run_check(a)
    assert not [p for p in report.problems if "变更日志" in p], report.problems
    county.quiet()
    assert not run_check(a).problems
