"""The case workflow (收集 → 交办 → 督办 → 反馈) as an explicit state machine over an append-only event log.

A case's current state is never edited: it is the fold of its events, taken in a fixed order, so every
replica that holds the same events derives the same state. The order is causal: each event names the event
it was appended after (``follows``, the last one in the writer's fold), and comes after it whatever the
stamps say; the hybrid logical clock (then the event id) only breaks ties between events that did not see
each other, and orders old events written before ``follows`` existed. So a PC whose clock ran years ahead
(then corrected, or restored from a backup) can never put a later action before an earlier one. An event
that the machine does not allow where it falls in that order (two stations acted concurrently, say) is kept
and reported as an anomaly for staff to review; it is never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from .errors import DomainError, PermissionDenied, ValidationError, WorkflowError


class Status(StrEnum):
    REGISTERED = "registered"  # 已登记
    ACCEPTED = "accepted"  # 已受理
    ASSIGNED = "assigned"  # 已交办
    IN_PROGRESS = "in_progress"  # 办理中
    REPLIED = "replied"  # 已答复
    FOLLOWED_UP = "followed_up"  # 已回访
    CLOSED = "closed"  # 已办结
    REOPENED = "reopened"  # 重新交办
    WITHDRAWN = "withdrawn"  # 已撤回


STATUS_LABELS = {
    Status.REGISTERED: ("已登记", "Registered"),
    Status.ACCEPTED: ("已受理", "Accepted"),
    Status.ASSIGNED: ("已交办", "Assigned"),
    Status.IN_PROGRESS: ("办理中", "In progress"),
    Status.REPLIED: ("已答复", "Replied"),
    Status.FOLLOWED_UP: ("已回访", "Followed up"),
    Status.CLOSED: ("已办结", "Closed"),
    Status.REOPENED: ("重新办理", "Reopened"),
    Status.WITHDRAWN: ("已撤回", "Withdrawn"),
}

OPEN_STATUSES = frozenset(Status) - {Status.CLOSED, Status.WITHDRAWN}


class Role(StrEnum):
    DUTY_DEPUTY = "duty_deputy"  # 值班代表
    STAFF = "staff"  # 工作人员
    ADMIN = "admin"  # 管理员
    HUB = "hub"  # 县级平台（经同步传来）


ROLE_LABELS = {
    Role.DUTY_DEPUTY: ("值班代表", "Duty deputy"),
    Role.STAFF: ("工作人员", "Station staff"),
    Role.ADMIN: ("管理员", "Administrator"),
    Role.HUB: ("县级平台", "County hub"),
}


class EventKind(StrEnum):
    REGISTER = "register"  # 登记
    ACCEPT = "accept"  # 受理
    ASSIGN = "assign"  # 交办
    START = "start"  # 承办单位接单 / 代表直接办理
    REPLY = "reply"  # 答复
    SUPERVISE = "supervise"  # 督办
    FOLLOW_UP = "follow_up"  # 回访
    CLOSE = "close"  # 办结
    REOPEN = "reopen"  # 重新办理
    WITHDRAW = "withdraw"  # 撤回
    LINK_DUPLICATE = "link_duplicate"  # 关联重复件
    PROMISE_CALLBACK = "promise_callback"  # 约定回电
    NOTE = "note"  # 备注
    CALL_ATTEMPT = "call_attempt"  # 回电（打通，或没联系上：未接、关机、号码有误）
    # the county's side (issue 15): written at the hub by the county office or a department, never at a desk
    RETURN = "return"  # 退办：承办单位认为不属于本单位职责，说明理由退回，待县里重新交办
    EXTENSION_REQUEST = "extension_request"  # 申请延期
    EXTENSION_APPROVE = "extension_approve"  # 批准延期（期限改为申请的日期）
    EXTENSION_REFUSE = "extension_refuse"  # 不同意延期（期限不变）
    KEY_SUPERVISION = "key_supervision"  # 重点督办标记（列入或移出）


EVENT_LABELS = {
    EventKind.REGISTER: ("登记", "Registered"),
    EventKind.ACCEPT: ("受理", "Accepted"),
    EventKind.ASSIGN: ("交办", "Assigned"),
    EventKind.START: ("开始办理", "Work started"),
    EventKind.REPLY: ("答复", "Reply recorded"),
    EventKind.SUPERVISE: ("督办", "Supervised"),
    EventKind.FOLLOW_UP: ("回访", "Followed up"),
    EventKind.CLOSE: ("办结", "Closed"),
    EventKind.REOPEN: ("重新办理", "Reopened"),
    EventKind.WITHDRAW: ("撤回", "Withdrawn"),
    EventKind.LINK_DUPLICATE: ("关联重复件", "Linked as duplicate"),
    EventKind.PROMISE_CALLBACK: ("约定回电", "Call-back promised"),
    EventKind.NOTE: ("备注", "Note"),
    EventKind.CALL_ATTEMPT: ("回电", "Called back"),
    EventKind.RETURN: ("退办", "Returned by the department"),
    EventKind.EXTENSION_REQUEST: ("申请延期", "Extension requested"),
    EventKind.EXTENSION_APPROVE: ("批准延期", "Extension approved"),
    EventKind.EXTENSION_REFUSE: ("不同意延期", "Extension refused"),
    EventKind.KEY_SUPERVISION: ("重点督办标记", "Key-supervision mark"),
}

#: The actions only the county writes (at the hub, through the console or its command line): a desk never
#: offers them, a station folds them when they arrive by sync.
COUNTY_ONLY_KINDS = frozenset({EventKind.RETURN, EventKind.EXTENSION_REQUEST, EventKind.EXTENSION_APPROVE,
                               EventKind.EXTENSION_REFUSE, EventKind.KEY_SUPERVISION})


class Resolution(StrEnum):
    """Whether the problem itself was solved — kept apart from closure and from satisfaction."""

    SOLVED = "solved"  # 已解决
    PARTLY_SOLVED = "partly_solved"  # 部分解决
    EXPLAINED = "explained"  # 已解释说明（暂不具备条件）
    UNSOLVED = "unsolved"  # 未解决


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意


SATISFIED_VALUES = frozenset({Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED})


class ReplyClass(StrEnum):
    """答复类别 of a department's reply (the county's A/B/C/D), kept apart from ``Resolution``: the class is
    what the department says of its own answer, the resolution whether the problem itself was solved."""

    A = "A"  # 已解决
    B = "B"  # 正在解决
    C = "C"  # 列入计划解决
    D = "D"  # 因条件限制无法解决，已解释


REPLY_CLASS_LABELS = {
    ReplyClass.A: ("A类：已解决", "A: solved"),
    ReplyClass.B: ("B类：正在解决", "B: being solved"),
    ReplyClass.C: ("C类：列入计划解决", "C: planned"),
    ReplyClass.D: ("D类：因条件限制无法解决，已解释", "D: cannot be solved now, explained"),
}


class CallOutcome(StrEnum):
    """How a call to the villager went (回电). Only ``reached`` is a conversation; the others are 没联系上: the
    call-back moves to another day and nothing is recorded as the villager's answer."""

    REACHED = "reached"  # 打通了
    NO_ANSWER = "no_answer"  # 未接
    BUSY = "busy"  # 占线
    SWITCHED_OFF = "switched_off"  # 关机或停机
    WRONG_NUMBER = "wrong_number"  # 号码有误


CALL_OUTCOME_LABELS = {
    CallOutcome.REACHED: ("打通了", "Reached"),
    CallOutcome.NO_ANSWER: ("没联系上：未接", "Not reached: no answer"),
    CallOutcome.BUSY: ("没联系上：占线", "Not reached: busy"),
    CallOutcome.SWITCHED_OFF: ("没联系上：关机或停机", "Not reached: phone off"),
    CallOutcome.WRONG_NUMBER: ("没联系上：号码有误", "Not reached: wrong number"),
}


@dataclass(frozen=True)
class ActionField:
    """One input an action takes, by the key it has in the event's data. ``required``: the workflow refuses
    the action without it (the desk marks the others 可不填)."""

    name: str
    required: bool = True


def _fields(*specs: str) -> tuple[ActionField, ...]:
    """``"text?"`` is an optional field, ``"text"`` a required one."""
    return tuple(ActionField(spec.rstrip("?"), not spec.endswith("?")) for spec in specs)


# What each action asks for, in the order the desk's dialog shows it: the one table the dialog renders and the
# workflow (so every service, the command line and the hub) validates against. ``deadline`` is asked as a
# number of working days at the desk; ``escalation_level`` defaults to one more than the case's.
ACTION_FIELDS: Mapping[EventKind, tuple[ActionField, ...]] = {
    EventKind.REGISTER: (),
    EventKind.ACCEPT: (),
    EventKind.START: (),
    EventKind.ASSIGN: _fields("department_id", "deadline", "text?"),
    EventKind.REPLY: _fields("resolution", "text"),
    EventKind.SUPERVISE: _fields("escalation_level?", "text"),
    EventKind.FOLLOW_UP: _fields("satisfaction", "resolution?", "text?"),
    EventKind.CLOSE: _fields("text?"),
    EventKind.REOPEN: _fields("text"),
    EventKind.WITHDRAW: _fields("text"),
    EventKind.LINK_DUPLICATE: _fields("duplicate_of"),
    EventKind.PROMISE_CALLBACK: _fields("callback_due", "text?"),
    EventKind.NOTE: _fields("text"),
    # an unreached call needs the day to try again (the desk offers the next working day); a reached one may
    # leave it empty (the promise is kept)
    EventKind.CALL_ATTEMPT: _fields("outcome", "callback_due?", "text?"),
    # the county's actions (hub.console.actions asks for these and adds who acted and for which department)
    EventKind.RETURN: _fields("text"),
    EventKind.EXTENSION_REQUEST: _fields("new_deadline", "text"),
    EventKind.EXTENSION_APPROVE: _fields("text?"),
    EventKind.EXTENSION_REFUSE: _fields("text"),
    EventKind.KEY_SUPERVISION: _fields("on", "text?"),
}


def required_fields(kind: EventKind) -> tuple[str, ...]:
    return tuple(f.name for f in ACTION_FIELDS[kind] if f.required)


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status | None]
    target: Status | None  # None: the event leaves the status as it is
    roles: frozenset[Role]  # the fields each action needs are in ACTION_FIELDS


_ALL_ROLES = frozenset(Role)
_DESK = frozenset({Role.DUTY_DEPUTY, Role.STAFF, Role.ADMIN})
_OFFICE = frozenset({Role.STAFF, Role.ADMIN, Role.HUB})
_COUNTY = frozenset({Role.HUB})
_ANY_STATE: frozenset[Status | None] = frozenset(Status)
_WORKING = frozenset({Status.ASSIGNED, Status.IN_PROGRESS})

TRANSITIONS: Mapping[EventKind, Transition] = {
    EventKind.REGISTER: Transition(frozenset({None}), Status.REGISTERED, _DESK),
    EventKind.ACCEPT: Transition(frozenset({Status.REGISTERED}), Status.ACCEPTED, _DESK),
    EventKind.ASSIGN: Transition(
        frozenset({Status.ACCEPTED, Status.REOPENED, Status.ASSIGNED, Status.IN_PROGRESS}),
        Status.ASSIGNED,
        _OFFICE,
    ),
    # A green-triage case is handled by the deputy directly; otherwise the department takes the order.
    EventKind.START: Transition(
        frozenset({Status.ACCEPTED, Status.ASSIGNED, Status.REOPENED}), Status.IN_PROGRESS, _ALL_ROLES
    ),
    EventKind.REPLY: Transition(_WORKING, Status.REPLIED, _ALL_ROLES),
    EventKind.SUPERVISE: Transition(_WORKING, None, _ALL_ROLES),
    # 回访 by the desk (phone, visit) or, from the public status page, the constituent's own rating via the hub
    EventKind.FOLLOW_UP: Transition(frozenset({Status.REPLIED}), Status.FOLLOWED_UP, _DESK | _COUNTY),
    EventKind.CLOSE: Transition(frozenset({Status.FOLLOWED_UP}), Status.CLOSED, frozenset({Role.STAFF, Role.ADMIN})),
    # 退回重办 may also come from the county, when the deputy or the constituent is not satisfied
    EventKind.REOPEN: Transition(frozenset({Status.FOLLOWED_UP, Status.CLOSED}), Status.REOPENED, _DESK | _COUNTY),
    EventKind.WITHDRAW: Transition(
        frozenset({Status.REGISTERED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.REOPENED}),
        Status.WITHDRAWN,
        _DESK,
    ),
    EventKind.LINK_DUPLICATE: Transition(_ANY_STATE, None, _DESK),
    EventKind.PROMISE_CALLBACK: Transition(frozenset(OPEN_STATUSES), None, _DESK),
    EventKind.NOTE: Transition(_ANY_STATE, None, _ALL_ROLES),
    EventKind.CALL_ATTEMPT: Transition(frozenset(OPEN_STATUSES), None, _DESK),
    # 退办 puts the case back to 已受理, waiting for the county to hand it to the right department
    EventKind.RETURN: Transition(_WORKING, Status.ACCEPTED, _COUNTY),
    EventKind.EXTENSION_REQUEST: Transition(_WORKING, None, _COUNTY),
    EventKind.EXTENSION_APPROVE: Transition(_WORKING, None, _COUNTY),
    EventKind.EXTENSION_REFUSE: Transition(_WORKING, None, _COUNTY),
    EventKind.KEY_SUPERVISION: Transition(frozenset(OPEN_STATUSES), None, _COUNTY),
}

_FIELD_LABELS = {
    "department_id": "承办单位",
    "deadline": "办理期限",
    "text": "说明",
    "resolution": "解决情况",
    "satisfaction": "满意度",
    "duplicate_of": "重复的案件",
    "callback_due": "约定回电日期",
    "outcome": "回电结果",
    "new_deadline": "延期后的期限",
    "on": "是否列入重点督办",
    "reply_class": "答复类别",
    "supervision_level": "督办方式",
    "co_department_ids": "会办单位",
}


@dataclass(frozen=True)
class Event:
    """One case event as the fold sees it (from the database, the hub, or about to be written)."""

    id: str
    kind: EventKind
    hlc: str
    actor_role: Role
    occurred_at: dt.datetime
    data: Mapping[str, Any] = field(default_factory=dict)
    follows: str | None = None  # the event it was appended after (None: the first, or written before links)


@dataclass(frozen=True)
class Anomaly:
    event_id: str
    kind: EventKind
    status_before: Status | None
    reason: str


@dataclass(frozen=True)
class CaseState:
    """What a case is now, derived from its events; stored on the case row only as a cache."""

    status: Status | None = None
    department_id: str | None = None
    deadline: dt.date | None = None
    assigned_at: dt.datetime | None = None
    replied_at: dt.datetime | None = None
    followed_up_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    resolution: Resolution | None = None
    satisfaction: Satisfaction | None = None
    escalation_level: int = 0
    reopen_count: int = 0
    duplicate_of: str | None = None
    callback_due: dt.date | None = None
    # the county's side (not cached on a station's case row: the console's case index reads them)
    co_department_ids: tuple[str, ...] = ()  # 会办单位 of the current assignment
    reply_class: ReplyClass | None = None  # A/B/C/D of the last reply since the assignment
    supervision_level: str | None = None  # the last 督办's 方式 (一般, 重点, 挂牌…), when it named one
    key_supervision: bool = False  # 重点督办 mark
    extension_requested: dt.date | None = None  # a pending 延期 request: the date asked for
    extension_count: int = 0  # 延期 approved since the last assignment
    return_count: int = 0  # 退办 by departments
    event_count: int = 0
    last_hlc: str | None = None
    anomalies: tuple[Anomaly, ...] = ()
    last_id: str | None = None  # the last event in fold order: what the next event written ``follows``

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def derived_columns(state: CaseState) -> dict[str, Any]:
    """The case row's columns cached from the fold (``Case.__derived__``), by column name: what a station
    stores (``services.cases.actions.apply_state``) and the hub exports (``hub.county.export_jsonl``).
    Ids are spelled as text, enums by value."""
    return {
        "status": state.status.value if state.status else None, "department_id": state.department_id,
        "deadline": state.deadline, "assigned_at": state.assigned_at, "replied_at": state.replied_at,
        "followed_up_at": state.followed_up_at, "closed_at": state.closed_at,
        "resolution": state.resolution.value if state.resolution else None,
        "satisfaction": state.satisfaction.value if state.satisfaction else None,
        "escalation_level": state.escalation_level, "reopen_count": state.reopen_count,
        "duplicate_of_id": state.duplicate_of, "callback_due": state.callback_due, "event_count": state.event_count,
        "last_event_hlc": state.last_hlc, "anomaly_count": len(state.anomalies),
    }


def event_order_key(event: Event) -> tuple[str, str]:
    """The tie-break between events that did not see each other (and the whole order of unlinked ones)."""
    return (event.hlc, event.id)


def causal_order(events: Iterable[Event]) -> list[Event]:
    """Events after the one each follows, ties by (HLC, id): the order the fold takes them in.

    Kahn's topological sort, always taking the smallest ready event by ``event_order_key``. An event whose
    ``follows`` is unknown here (not synced yet) or missing is ready from the start, so events without links
    come out in plain (HLC, id) order, as before links existed. A cycle cannot come from honest writers; if
    a crafted one arrives, its smallest event is taken as ready, so the order is still total and the same on
    every replica."""
    import heapq

    by_id = {e.id: e for e in events}
    children: dict[str, list[Event]] = {}
    ready: list[tuple[tuple[str, str], Event]] = []
    waiting: set[str] = set()
    for e in by_id.values():
        if e.follows is not None and e.follows != e.id and e.follows in by_id:
            children.setdefault(e.follows, []).append(e)
            waiting.add(e.id)
        else:
            heapq.heappush(ready, (event_order_key(e), e))
    out: list[Event] = []
    while len(out) < len(by_id):
        if not ready:  # only a cycle is left
            first = min((by_id[i] for i in waiting), key=event_order_key)
            waiting.discard(first.id)
            heapq.heappush(ready, (event_order_key(first), first))
        _key, e = heapq.heappop(ready)
        out.append(e)
        for child in children.get(e.id, ()):
            if child.id in waiting:
                waiting.discard(child.id)
                heapq.heappush(ready, (event_order_key(child), child))
    return out


def _as_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    return dt.date.fromisoformat(str(value))


def _apply(state: CaseState, ev: Event) -> CaseState:
    """The effect of one allowed event; the caller has already checked it is allowed."""
    d = ev.data
    t = TRANSITIONS[ev.kind]
    s = replace(state, status=t.target or state.status)
    match ev.kind:
        case EventKind.ASSIGN:
            s = replace(s, department_id=str(d["department_id"]), deadline=_as_date(d["deadline"]),
                        assigned_at=ev.occurred_at, replied_at=None, resolution=None, reply_class=None,
                        co_department_ids=tuple(str(x) for x in d.get("co_department_ids") or ()),
                        extension_requested=None, extension_count=0)
        case EventKind.REPLY:
            s = replace(s, replied_at=ev.occurred_at, resolution=Resolution(d["resolution"]),
                        reply_class=ReplyClass(d["reply_class"]) if d.get("reply_class") else None,
                        extension_requested=None)
        case EventKind.SUPERVISE:
            level = int(d.get("escalation_level") or state.escalation_level + 1)
            s = replace(s, escalation_level=max(state.escalation_level, level),
                        supervision_level=str(d.get("supervision_level") or state.supervision_level or "") or None)
        case EventKind.RETURN:
            s = replace(s, department_id=None, deadline=None, assigned_at=None, co_department_ids=(),
                        extension_requested=None, extension_count=0, return_count=state.return_count + 1)
        case EventKind.EXTENSION_REQUEST:
            s = replace(s, extension_requested=_as_date(d["new_deadline"]))
        case EventKind.EXTENSION_APPROVE:
            s = replace(s, deadline=state.extension_requested, extension_requested=None,
                        extension_count=state.extension_count + 1)
        case EventKind.EXTENSION_REFUSE:
            s = replace(s, extension_requested=None)
        case EventKind.KEY_SUPERVISION:
            s = replace(s, key_supervision=d["on"] is True)
        case EventKind.FOLLOW_UP:
            s = replace(s, followed_up_at=ev.occurred_at, satisfaction=Satisfaction(d["satisfaction"]),
                        resolution=Resolution(d["resolution"]) if d.get("resolution") else s.resolution,
                        callback_due=None)
        case EventKind.CLOSE:
            s = replace(s, closed_at=ev.occurred_at, callback_due=None)
        case EventKind.REOPEN:
            s = replace(s, reopen_count=state.reopen_count + 1, closed_at=None, satisfaction=None,
                        followed_up_at=None, replied_at=None, resolution=None, reply_class=None)
        case EventKind.WITHDRAW:
            s = replace(s, closed_at=ev.occurred_at, callback_due=None)
        case EventKind.LINK_DUPLICATE:
            s = replace(s, duplicate_of=str(d["duplicate_of"]))
        case EventKind.PROMISE_CALLBACK:
            s = replace(s, callback_due=_as_date(d["callback_due"]))
        case EventKind.CALL_ATTEMPT:  # a reached call keeps no promise unless it made a new one
            s = replace(s, callback_due=_as_date(d.get("callback_due")))
    return s


def refusal(state: CaseState, kind: EventKind, role: Role, data: Mapping[str, Any]) -> DomainError | None:
    """Why ``kind`` by ``role`` may not happen now (an error to raise), or None when it may."""
    t = TRANSITIONS[kind]
    verb = EVENT_LABELS[kind][0]
    if role not in t.roles:
        return PermissionDenied(
            "role_not_allowed",
            f"{ROLE_LABELS[role][0]}不能执行“{verb}”。",
            message_en=f"A {ROLE_LABELS[role][1].lower()} may not do “{EVENT_LABELS[kind][1]}”.",
        )
    if state.status not in t.sources:
        now = STATUS_LABELS[state.status][0] if state.status else "未登记"
        return WorkflowError(
            "transition_not_allowed",
            f"案件当前状态为“{now}”，不能“{verb}”。",
            message_en=f"The case is {state.status or 'not registered'}; it cannot be “{EVENT_LABELS[kind][1]}”.",
        )
    for name in required_fields(kind):
        if data.get(name) in (None, ""):
            return ValidationError(
                "missing_field", f"“{verb}”需要填写{_FIELD_LABELS[name]}。", field=name,
                message_en=f"“{EVENT_LABELS[kind][1]}” needs {name}.",
            )
    unsatisfied = kind is EventKind.CLOSE and state.satisfaction is Satisfaction.UNSATISFIED
    if unsatisfied and (role is not Role.ADMIN or not data.get("text")):
        return WorkflowError(
            "close_unsatisfied",
            "群众不满意的案件应重新办理；确需办结的，须由管理员填写理由后办结。",
            message_en="An unsatisfied case should be reopened; only an administrator may close it, with a reason.",
        )
    county = _county_refusal(state, kind, data)
    if county is not None:
        return county
    unreached = kind is EventKind.CALL_ATTEMPT and data.get("outcome") != CallOutcome.REACHED.value
    if unreached and data.get("callback_due") in (None, ""):
        return ValidationError("missing_field", "没联系上时，请定下次回电的日期。", field="callback_due",
                               message_en="A call that did not get through needs the date to call again.")
    return _value_error(kind, data)


def _county_refusal(state: CaseState, kind: EventKind, data: Mapping[str, Any]) -> DomainError | None:
    """The rules of the county's actions that the case's own events decide (the hub's service adds those
    that need its settings and calendar: the 退办 window, how many extensions, how far)."""
    if kind is EventKind.EXTENSION_REQUEST and state.extension_requested is not None:
        return WorkflowError("extension_pending",
                             f"已申请延期至{state.extension_requested.isoformat()}，正在等待审批，不能再次申请。",
                             message_en="An extension request is already waiting for approval.")
    if kind in (EventKind.EXTENSION_APPROVE, EventKind.EXTENSION_REFUSE) and state.extension_requested is None:
        return WorkflowError("no_extension_request", "这个案件没有待审批的延期申请。",
                             message_en="This case has no extension request waiting for approval.")
    if kind is EventKind.EXTENSION_REQUEST and state.deadline is not None:
        try:
            asked = _as_date(data.get("new_deadline"))
        except ValueError:
            asked = None  # said by _value_error
        if asked is not None and asked <= state.deadline:
            return ValidationError("extension_not_later",
                                   f"延期后的期限应晚于现在的期限（{state.deadline.isoformat()}）。",
                                   field="new_deadline",
                                   message_en=f"The new deadline must be after the current one ({state.deadline}).")
    if kind is EventKind.KEY_SUPERVISION and not isinstance(data.get("on"), bool):
        return ValidationError("bad_value", "请说明列入还是移出重点督办。", field="on",
                               message_en="Say whether the case is put on or taken off key supervision.")
    return None


def _value_error(kind: EventKind, data: Mapping[str, Any]) -> ValidationError | None:
    enum_fields: dict[str, type[StrEnum]] = {"resolution": Resolution, "satisfaction": Satisfaction,
                                             "outcome": CallOutcome, "reply_class": ReplyClass}
    for name, enum in enum_fields.items():
        if data.get(name) not in (None, "") and data[name] not in {e.value for e in enum}:
            return ValidationError("bad_value", f"{_FIELD_LABELS[name]}的取值无效：{data[name]}", field=name)
    for name in ("deadline", "callback_due", "new_deadline"):
        if data.get(name) not in (None, ""):
            try:
                _as_date(data[name])
            except ValueError:
                return ValidationError("bad_date", f"{_FIELD_LABELS[name]}不是有效日期：{data[name]}", field=name)
    return None


def check_action(state: CaseState, kind: EventKind, role: Role, data: Mapping[str, Any]) -> None:
    """Raise the reason ``kind`` may not happen now; used by services before an event is written."""
    err = refusal(state, kind, role, data)
    if err is not None:
        raise err


def allowed_actions(state: CaseState, role: Role) -> list[EventKind]:
    """The actions the UI may offer now (``register`` excluded: that is how a case begins)."""
    return [
        k for k, t in TRANSITIONS.items()
        if k is not EventKind.REGISTER and role in t.roles and state.status in t.sources
    ]


def advance(state: CaseState, ev: Event) -> CaseState:
    """The state after one more event, which must be allowed (raises the refusal otherwise)."""
    err = refusal(state, ev.kind, ev.actor_role, ev.data)
    if err is not None:
        raise err
    return _apply(state, ev)


def fold(events: Iterable[Event]) -> CaseState:
    """The deterministic state of a case: events in causal order (``causal_order``), disallowed ones kept
    as anomalies."""
    state = CaseState()
    anomalies: list[Anomaly] = []
    count = 0
    last = last_id = None
    for ev in causal_order(events):
        count += 1
        last, last_id = ev.hlc, ev.id
        err = refusal(state, ev.kind, ev.actor_role, ev.data)
        if err is not None:
            anomalies.append(Anomaly(ev.id, ev.kind, state.status, err.message))
            continue
        state = _apply(state, ev)
    return replace(state, event_count=count, last_hlc=last, anomalies=tuple(anomalies), last_id=last_id)


# -- deadlines: overdue / due soon / on time ------------------------------------------------------------------

DUE_SOON_DAYS = 3  # the desk's default (a per-PC setting, ``due_soon_days``)


class DeadlineState(StrEnum):
    OVERDUE = "overdue"  # open, and the deadline is before today
    DUE_SOON = "due_soon"  # open, due from today to ``due_soon_days`` ahead
    ON_TIME = "on_time"  # open with a later deadline, or closed/withdrawn, or no deadline


def _is_open(status: Status | str | None) -> bool:
    return status is not None and status in {s.value for s in OPEN_STATUSES}


def deadline_state(deadline: dt.date | None, status: Status | str | None, today: dt.date,
                   due_soon_days: int = DUE_SOON_DAYS) -> DeadlineState:
    """The one rule for "overdue" and "due soon", used by the case list's colours, the queue, the handover
    and the printouts (the SQL filters of ``services.cases.listing`` spell the same rule; a test compares
    them). A case that is closed or withdrawn is never overdue; the deadline day itself is not overdue."""
    if deadline is None or not _is_open(status):
        return DeadlineState.ON_TIME
    if deadline < today:
        return DeadlineState.OVERDUE
    if deadline <= today + dt.timedelta(days=due_soon_days):
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TIME


def days_overdue(deadline: dt.date | None, status: Status | str | None, today: dt.date) -> int:
    """Calendar days past the deadline of an open case; 0 when it is not overdue."""
    if deadline_state(deadline, status, today) is not DeadlineState.OVERDUE:
        return 0
    assert deadline is not None
    return (today - deadline).days


# -- letters a case may print ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LettersAvailable:
    """交办函 once the case is assigned to a department; 督办通知 once it was supervised after that
    assignment and is still open."""

    assignment: bool = False
    supervision: bool = False


def letters_available(status: Status | str | None, *, has_department: bool,
                      event_kinds: Iterable[EventKind | str]) -> LettersAvailable:
    """The one rule for which letters a case may print, from its status, whether it names a department, and
    its event kinds in the fold's order: the case page offers these (from the timeline it shows), and the
    printing service (the desk's 打印 menu, the command line) refuses the others."""
    kinds = list(event_kinds)
    assigned = has_department and EventKind.ASSIGN in kinds
    supervision = assigned and supervisions_since_assignment(kinds) > 0 and _is_open(status)
    return LettersAvailable(assigned, supervision)


def supervisions_since_assignment(kinds: Iterable[EventKind | str]) -> int:
    """How many 督办 follow the last 交办, from a case's event kinds in the fold's order."""
    count = 0
    for kind in kinds:
        if kind == EventKind.ASSIGN:
            count = 0
        elif kind == EventKind.SUPERVISE:
            count += 1
    return count
