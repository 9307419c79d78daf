"""The console's role rules (domain/access.py)."""

from __future__ import annotations

import pytest

from liaison_desk.domain.access import (
    CaseFilter,
    Permission,
    Role,
    Viewer,
    can,
    case_filter,
    may_see_case,
)


def test_leader_reads_only() -> None:
    v = Viewer("u1", "王", Role.LEADER)
    assert can(v, Permission.VIEW_FIGURES) and can(v, Permission.VIEW_CASES)
    assert not any(can(v, p) for p in (Permission.ASSIGN, Permission.DEPARTMENT_ACT, Permission.VIEW_PERSONAL,
                                       Permission.MANAGE_REFERENCE, Permission.EXPORT))


def test_department_sees_only_its_cases_and_no_personal_data() -> None:
    v = Viewer("u2", "李", Role.DEPARTMENT, department="县水利局")
    assert case_filter(v) == CaseFilter(department="县水利局")
    assert may_see_case(v, township="城关镇", department="县水利局")
    assert not may_see_case(v, township="城关镇", department="县交通局")
    assert not may_see_case(v, township="城关镇", department=None)
    assert can(v, Permission.DEPARTMENT_ACT) and not can(v, Permission.ASSIGN)
    assert not can(v, Permission.VIEW_PERSONAL)


def test_township_staff_see_their_township() -> None:
    v = Viewer("u3", "赵", Role.TOWNSHIP_STAFF, township="高村镇")
    assert may_see_case(v, township="高村镇", department=None)
    assert not may_see_case(v, township="城关镇", department="县水利局")
    assert not can(v, Permission.ASSIGN)


def test_county_roles() -> None:
    staff = Viewer("u4", "周", Role.COUNTY_STAFF)
    admin = Viewer("u5", "吴", Role.COUNTY_ADMIN)
    assert case_filter(staff) == CaseFilter() and may_see_case(staff, township=None, department=None)
    assert can(staff, Permission.ASSIGN) and not can(staff, Permission.MANAGE_USERS)
    assert all(can(admin, p) for p in Permission)


@pytest.mark.parametrize(("role", "kw"), [(Role.TOWNSHIP_STAFF, {}), (Role.DEPARTMENT, {"township": "x"})])
def test_scoped_roles_need_their_scope(role: Role, kw: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Viewer("u", "n", role, **kw)
