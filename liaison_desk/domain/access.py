"""Who may see and do what in the county console (issue 15): plain rules, enforced by the hub's server code.

Five roles sign in to the console:

- ``county_admin`` — the county office's administrator: accounts, stations, reference data, the audit trail,
  and everything county staff may do.
- ``county_staff`` — the deputy-affairs office (代表工委/选联工委): every case of the county, every action.
- ``township_staff`` — a township's people's-congress staff: the cases of the stations in their township.
- ``leader`` — reads figures and lists, changes nothing.
- ``department`` — a handling department's liaison (承办单位): only the cases handed to their department; they
  accept or return them, ask for more time, reply and attach the signed 答复函.

A :class:`Viewer` is the signed-in person as these rules see them. Queries narrow what they return with
:func:`case_filter` (the server applies it in SQL); routes check an action with :func:`can` and refuse with
:class:`~liaison_desk.domain.errors.DomainError` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    COUNTY_ADMIN = "county_admin"
    COUNTY_STAFF = "county_staff"
    TOWNSHIP_STAFF = "township_staff"
    LEADER = "leader"
    DEPARTMENT = "department"


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.COUNTY_ADMIN: ("县级管理员", "County administrator"),
    Role.COUNTY_STAFF: ("县人大工作人员", "County staff"),
    Role.TOWNSHIP_STAFF: ("乡镇人大工作人员", "Township staff"),
    Role.LEADER: ("领导（只读）", "Leader (read-only)"),
    Role.DEPARTMENT: ("承办单位联络员", "Department liaison"),
}


class Permission(StrEnum):
    VIEW_CASES = "view_cases"  # the case queue and case pages (narrowed by case_filter)
    VIEW_FIGURES = "view_figures"  # home tiles, station health, reports
    VIEW_PERSONAL = "view_personal"  # a visitor's name and phone on the case page
    ASSIGN = "assign"  # 交办 (one case or a batch), 督办, 重点督办, 退回重办, approve 延期, reassign after 退办
    DEPARTMENT_ACT = "department_act"  # 接收, 退办, 申请延期, 答复 with the 答复函 (own department's cases only)
    REPLY_FOR_DEPARTMENT = "reply_for_department"  # county staff recording a reply a department sent on paper
    MANAGE_REFERENCE = "manage_reference"  # deputies, departments, categories, holidays
    MANAGE_STATIONS = "manage_stations"  # enrollment tokens and files, revocation
    MANAGE_USERS = "manage_users"  # console accounts
    READ_AUDIT = "read_audit"  # the console's audit trail
    HANDLE_CONFLICTS = "handle_conflicts"  # sync conflicts marked handled
    EXPORT = "export"  # lists and reports as files


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.COUNTY_ADMIN: frozenset(Permission),
    Role.COUNTY_STAFF: frozenset({
        Permission.VIEW_CASES, Permission.VIEW_FIGURES, Permission.VIEW_PERSONAL, Permission.ASSIGN,
        Permission.REPLY_FOR_DEPARTMENT, Permission.MANAGE_REFERENCE, Permission.HANDLE_CONFLICTS,
        Permission.EXPORT,
    }),
    Role.TOWNSHIP_STAFF: frozenset({
        Permission.VIEW_CASES, Permission.VIEW_FIGURES, Permission.VIEW_PERSONAL, Permission.EXPORT,
    }),
    Role.LEADER: frozenset({Permission.VIEW_CASES, Permission.VIEW_FIGURES}),
    Role.DEPARTMENT: frozenset({Permission.VIEW_CASES, Permission.DEPARTMENT_ACT}),
}


@dataclass(frozen=True)
class Viewer:
    """The signed-in console user. ``township`` is set for township staff (the stations' ``township`` text),
    ``department`` for a department liaison (the department's name, as in the ``departments`` records)."""

    user_id: str
    name: str
    role: Role
    township: str | None = None
    department: str | None = None

    def __post_init__(self) -> None:
        if self.role is Role.TOWNSHIP_STAFF and not self.township:
            raise ValueError("township staff need a township")
        if self.role is Role.DEPARTMENT and not self.department:
            raise ValueError("a department liaison needs a department")


def can(viewer: Viewer, permission: Permission) -> bool:
    return permission in _GRANTS[viewer.role]


@dataclass(frozen=True)
class CaseFilter:
    """How a viewer's case list is narrowed: ``None`` fields do not narrow."""

    township: str | None = None
    department: str | None = None


def case_filter(viewer: Viewer) -> CaseFilter:
    """The cases a viewer may see: a township's stations, a department's cases, or the whole county."""
    if viewer.role is Role.TOWNSHIP_STAFF:
        return CaseFilter(township=viewer.township)
    if viewer.role is Role.DEPARTMENT:
        return CaseFilter(department=viewer.department)
    return CaseFilter()


def may_see_case(viewer: Viewer, *, township: str | None, department: str | None) -> bool:
    """One case, as :func:`case_filter` would decide it (for a case page reached by its URL)."""
    f = case_filter(viewer)
    if f.township is not None and township != f.township:
        return False
    return not (f.department is not None and department != f.department)
