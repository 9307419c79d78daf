"""What the console's action forms (issue 15) need to know, read for the page module ``pages.actions``: which
forms a viewer may use on a case in its state (and only those), the deadline a working-day limit gives, the
cases a 交办会's batch names, and a department liaison's inbox.

The actions themselves are ``hub.console.actions``; this module only reads. Every answer is narrowed for the
viewer as the case lists are (``access.case_filter`` / ``may_see_case``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from ...domain.access import Permission, Role, Viewer, can, may_see_case
from ...domain.county_rules import CountyRules
from ...domain.errors import DomainError
from ...domain.workflow import STATUS_LABELS, Status, causal_order, letters_available
from ..context import HubContext
from . import actions, queries
from .auth import departments as department_names
from .index_schema import CaseIndexRow

#: the states a department works a case in (接收 → 办理中; 退办, 延期, 答复 while 已交办 or 办理中)
WORKING = frozenset({Status.ASSIGNED, Status.IN_PROGRESS})
#: the states a case may be handed (again) to a department in
ASSIGNABLE = frozenset({Status.ACCEPTED, Status.REOPENED, Status.ASSIGNED, Status.IN_PROGRESS})
OPEN = frozenset(Status) - {Status.CLOSED, Status.WITHDRAWN}


@dataclass(frozen=True)
class Offered:
    """The forms a viewer may use on one case now. Each flag is the role's permission, the case's state and
    (for a department liaison) the case being their department's, all at once."""

    case_no: str
    status: Status | None
    department: str | None
    deadline: dt.date | None
    extension_requested: dt.date | None
    key_supervision: bool
    assign: bool = False  # 交办 (or 重新交办 when already assigned)
    reassign: bool = False  # the case has a department already: the form says 改交
    accept: bool = False
    return_case: bool = False
    request_extension: bool = False
    decide_extension: bool = False
    reply: bool = False
    reply_for_department: bool = False  # county staff recording a paper reply
    supervise: bool = False
    notice_pdf: bool = False  # a 督办通知 to download
    key_mark: bool = False
    reopen: bool = False

    @property
    def any(self) -> bool:
        return any((self.assign, self.accept, self.return_case, self.request_extension, self.decide_extension,
                    self.reply, self.supervise, self.notice_pdf, self.key_mark, self.reopen))


def offered(hub: HubContext, viewer: Viewer, case_no: str, rules: CountyRules | None = None) -> Offered:
    """The forms ``viewer`` may use on ``case_no`` in its present state (nothing for a read-only role)."""
    rules = rules or actions.rules_from_env()
    with hub.tx() as s:
        case = actions._load(s, hub, case_no)
        if not may_see_case(viewer, township=case.township, department=case.department):
            raise DomainError("case_not_found", f"没有找到案件 {case.number}。", message_en=f"No case {case.number}.")
        state = case.state
        skipped = {a.event_id for a in state.anomalies}
        kinds = [e.kind for e in causal_order(case.events) if e.id not in skipped]
    status = state.status
    county = can(viewer, Permission.ASSIGN)
    own = can(viewer, Permission.DEPARTMENT_ACT) and (
        viewer.role is not Role.DEPARTMENT or case.department == viewer.department)
    department_side = own and viewer.role is Role.DEPARTMENT
    working = status in WORKING and case.department is not None
    supervised = state.assigned_at is not None and letters_available(
        status, has_department=case.department is not None, event_kinds=kinds).supervision
    return Offered(
        case_no=case.number, status=status, department=case.department, deadline=state.deadline,
        extension_requested=state.extension_requested, key_supervision=state.key_supervision,
        assign=county and status in ASSIGNABLE, reassign=county and status in ASSIGNABLE and case.department is not None,
        accept=department_side and status is Status.ASSIGNED,
        return_case=department_side and working,
        request_extension=department_side and working and state.deadline is not None
        and state.extension_requested is None and state.extension_count < rules.max_extensions,
        decide_extension=county and working and state.extension_requested is not None,
        reply=(department_side or (county and can(viewer, Permission.REPLY_FOR_DEPARTMENT))) and working,
        reply_for_department=county and not department_side and working,
        supervise=county and working,
        notice_pdf=supervised and (county or department_side),
        key_mark=county and status in OPEN and status is not None,
        reopen=county and status in (Status.FOLLOWED_UP, Status.CLOSED),
    )


def deadline_for(hub: HubContext, working_days: int | str, today: dt.date, rules: CountyRules | None = None
                 ) -> tuple[int, dt.date]:
    """The deadline ``working_days`` working days after ``today`` on the county's calendar (what 交办 would
    set), with the limit checked as 交办 checks it."""
    rules = rules or actions.rules_from_env()
    n = actions._working_days(working_days, rules)
    with hub.tx() as s:
        return n, queries.calendar(s, hub.county).add_working_days(today, n)


def departments(hub: HubContext) -> list[str]:
    """The departments a case may be handed to (their names, as the forms offer them)."""
    return department_names(hub)


@dataclass(frozen=True)
class BatchRow:
    case_id: str
    case_no: str
    summary: str
    station_name: str
    status_label: str
    department: str


def batch_rows(hub: HubContext, viewer: Viewer, case_ids: Sequence[str]) -> tuple[list[BatchRow], list[str]]:
    """The cases a batch names (by the ids the queue's checkboxes carry), in the order given, and the ids that
    name no case the viewer may see."""
    wanted: list[uuid.UUID] = []
    unknown: list[str] = []
    for text in dict.fromkeys(c.strip() for c in case_ids if c and c.strip()):
        try:
            wanted.append(uuid.UUID(text))
        except ValueError:
            unknown.append(text[:40])
    found: dict[uuid.UUID, BatchRow] = {}
    if wanted:
        with hub.tx() as s:
            for r in s.scalars(select(CaseIndexRow).where(CaseIndexRow.county_id == hub.county,
                                                          CaseIndexRow.case_id.in_(wanted))):
                if not may_see_case(viewer, township=r.township, department=r.department or None):
                    continue
                label = STATUS_LABELS[Status(r.status)][0] if r.status in set(Status) else r.status
                found[r.case_id] = BatchRow(str(r.case_id), r.case_no, r.summary, r.station_name, label, r.department)
    unknown += [str(k) for k in wanted if k not in found]
    return [found[k] for k in wanted if k in found], unknown


@dataclass(frozen=True)
class Inbox:
    to_accept: queries.QueuePage
    due_soon: queries.QueuePage
    overdue: queries.QueuePage
    replyable: list[queries.QueueRow]  # 已交办 or 办理中: the reply form's choices


def inbox(hub: HubContext, viewer: Viewer, today: dt.date, limit: int = 50) -> Inbox:
    """A department liaison's own lists: waiting to be accepted, due within 3 working days, overdue, and the
    cases they may reply to, read in one transaction."""
    with hub.tx() as s:
        def q(f: queries.QueueFilters) -> queries.QueuePage:
            return queries.case_queue(hub, viewer, f, 1, limit, "deadline", today=today, session=s)

        to_accept = q(queries.QueueFilters(status=Status.ASSIGNED.value))
        due_soon = q(queries.QueueFilters(tile=queries.DUE_SOON))
        overdue = q(queries.QueueFilters(tile=queries.OVERDUE))
        working = [*q(queries.QueueFilters(status=Status.IN_PROGRESS.value)).rows, *to_accept.rows]
    return Inbox(to_accept, due_soon, overdue, working)
