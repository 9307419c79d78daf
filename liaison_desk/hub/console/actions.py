"""The county's actions on cases (issue 15), one function per action, for the console's pages and the hub's
command line: 交办 (one case or a 交办会's batch), the department's 接收, 退办 and 延期 request, the county's
延期 decision, 答复 with the signed 答复函, 督办 with its 督办通知, the 重点督办 mark and 退回重办.

Each function takes the hub, the signed-in :class:`~liaison_desk.domain.access.Viewer` (checked with
``access.can``; a department liaison only for cases whose main department is theirs), the case number(s)
and the form's values; it validates them (a :class:`~liaison_desk.domain.errors.DomainError` in Chinese,
with ``field`` naming the form input at fault) and writes one case event per case through the hub's own
write path (``county.commit_hub_change``), in one transaction. The event is scoped to the station that owns
the case, so it reaches that station at its next sync, over HTTP or by USB bundle, and merges there by the
usual rules (the fold orders it after the last event the hub knew of). Nothing is written when anything is
refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.access import ROLE_LABELS as VIEWER_ROLE_LABELS
from ...domain.access import Permission, Role, Viewer, can, may_see_case
from ...domain.county_rules import CountyRules, check_letter_file, latest_extension
from ...domain.errors import DomainError, PermissionDenied, ValidationError, WorkflowError
from ...domain.hlc import WALL_DIGITS
from ...domain.ids import new_id
from ...domain.timeutil import to_local, to_utc, utcnow
from ...domain.validation import validate_text
from ...domain.vocab import TRIAGE_COLOURS, URGENCY, label
from ...domain.workflow import (
    REPLY_CLASS_LABELS,
    CaseState,
    Event,
    EventKind,
    ReplyClass,
    Resolution,
    Status,
    causal_order,
    check_action,
    fold,
    letters_available,
)
from ...domain.workflow import Role as ActorRole
from ...printing.letters import build_letter
from ...printing.model_docs import Copy, LetterData
from ..context import HubContext
from ..county import _case_events, _find_case, _iso, commit_hub_change
from ..schema import HubRecord
from .files_schema import HubCaseFile
from .queries import calendar as county_calendar

log = logging.getLogger(__name__)

TEXT_MAX = 5000


def rules_from_env() -> CountyRules:
    """The county's settings for ``serve`` and the command line (``LIAISON_HUB_RETURN_WINDOW_DAYS``…)."""
    return CountyRules.from_env(os.environ)


@dataclass(frozen=True)
class Upload:
    """A file as the form sent it: the name the browser gave and the bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class Acted:
    """One case event written: the case, the event and the case's state after it."""

    case_no: str
    case_id: uuid.UUID
    event_id: uuid.UUID
    kind: EventKind
    state: CaseState


@dataclass(frozen=True)
class StoredFile:
    """A file kept with a case at the hub (the 答复函), for download."""

    id: uuid.UUID
    case_id: uuid.UUID
    name: str
    mime: str
    size: int
    sha256: str
    content: bytes
    uploaded_by: str
    at: dt.datetime


class BatchRefused(DomainError):
    """A batch 交办 refused as a whole: ``refusals`` holds each refused case number's reason."""

    def __init__(self, refusals: Mapping[str, DomainError]):
        self.refusals = dict(refusals)
        lines = "；".join(f"{no}：{err.message}" for no, err in self.refusals.items())
        lines_en = "; ".join(f"{no}: {err.message_en}" for no, err in self.refusals.items())
        super().__init__("batch_refused", f"这批案件都没有交办，因为有 {len(self.refusals)} 件不能交办：{lines}",
                         field="case_nos",
                         message_en=f"None of the batch was assigned: {len(self.refusals)} case(s) cannot be: {lines_en}")


# -- who may act --------------------------------------------------------------------------------------------
def _require(viewer: Viewer, *permissions: Permission) -> None:
    if not any(can(viewer, p) for p in permissions):
        zh, en = VIEWER_ROLE_LABELS[viewer.role]
        raise PermissionDenied("not_allowed", f"{zh}不能办理这项操作。", message_en=f"A {en.lower()} may not do this.")


def _actor_name(viewer: Viewer) -> str:
    """Who acted, as the timeline shows it at the station: the person, and their department or office."""
    where = viewer.department if viewer.role is Role.DEPARTMENT else VIEWER_ROLE_LABELS[viewer.role][0]
    return f"{viewer.name}（{where}）"[:60]  # a station keeps 60 characters of it


@dataclass
class _Case:
    """A case as one action sees it, read in the action's transaction."""

    record: HubRecord
    number: str
    events: list[Event]
    state: CaseState
    department: str | None  # the main department's name
    township: str | None


def _fields(r: HubRecord | None) -> dict[str, Any]:
    return json.loads(r.fields) if r is not None else {}


def _record(s: Session, hub: HubContext, entity: str, ident: Any) -> HubRecord | None:
    try:
        key = uuid.UUID(str(ident))
    except ValueError:
        return None
    return s.scalar(select(HubRecord).where(HubRecord.county_id == hub.county, HubRecord.entity == entity,
                                            HubRecord.id == key, HubRecord.deleted_hlc.is_(None)))


def _load(s: Session, hub: HubContext, case_no: str) -> _Case:
    text = (case_no or "").strip()
    if not text:
        raise ValidationError("missing_case_no", "请填写案件编号。", field="case_no", message_en="Give the case number.")
    try:
        record = _find_case(s, hub, text)
    except DomainError as exc:  # a mistyped number (its check character), none, or two: said at the number
        raise type(exc)(exc.code, exc.message, field="case_no", message_en=exc.message_en) from None
    events = _case_events(s, hub, record.id)
    state = fold(events)
    department = _fields(_record(s, hub, "departments", state.department_id)).get("name") if state.department_id else None
    station = _fields(_record(s, hub, "stations", record.scope)) if record.scope else {}
    return _Case(record, record.label or str(record.id), events, state, department, station.get("township"))


def _check_visible(viewer: Viewer, case: _Case) -> None:
    """A viewer never acts on a case their list would not show them (the same wording as a missing case,
    so a department cannot probe another's case numbers)."""
    if not may_see_case(viewer, township=case.township, department=case.department):
        raise DomainError("case_not_found", f"没有找到案件 {case.number}，或它不归你办理。",
                          message_en=f"No case {case.number}, or it is not yours to handle.")


def _check_own_department(viewer: Viewer, case: _Case) -> None:
    """A department liaison acts only on their department's cases (as main department: co-handlers read)."""
    if viewer.role is Role.DEPARTMENT and case.department != viewer.department:
        raise PermissionDenied("not_your_department", f"案件 {case.number} 的主办单位不是{viewer.department}，不能办理。",
                               message_en=f"Case {case.number} is not handled by {viewer.department}.")


def _write(hub: HubContext, s: Session, case: _Case, kind: EventKind, data: Mapping[str, Any], viewer: Viewer
           ) -> Acted:
    """The event, checked against the workflow as the hub's own, after the case's last event by link."""
    data = {k: v for k, v in data.items() if v not in (None, "", [], ())}
    check_action(case.state, kind, ActorRole.HUB, data)
    fields = {"case_id": str(case.record.id), "kind": kind.value, "occurred_at": _iso(utcnow()),
              "actor_role": ActorRole.HUB.value, "actor_id": None, "actor_name": _actor_name(viewer),
              "data": data, "follows_id": case.state.last_id}
    ch = commit_hub_change(hub, s, "case_events", str(new_id()), "insert", fields, scope=case.record.scope)
    event = Event(ch.entity_id, kind, ch.hlc, ActorRole.HUB, dt.datetime.fromisoformat(fields["occurred_at"]), data,
                  case.state.last_id)
    state = fold([*case.events, event])
    log.info("county action %s on %s by %s", kind.value, case.number, viewer.user_id)
    return Acted(case.number, case.record.id, uuid.UUID(ch.entity_id), kind, state)


def _act(hub: HubContext, viewer: Viewer, case_no: str, kind: EventKind, data: Mapping[str, Any], *,
         own_department: bool = False, session: Session | None = None) -> Acted:
    with hub.tx(session) as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        if own_department:
            _check_own_department(viewer, case)
        return _write(hub, s, case, kind, data, viewer)


def _text(value: str | None, field: str, *, required: bool = True) -> str:
    if not required and not (value or "").strip():
        return ""
    return validate_text(value, field=field, max_len=TEXT_MAX)


def _today(today: dt.date | None) -> dt.date:
    return today or to_local(utcnow()).date()


def _rules(rules: CountyRules | None) -> CountyRules:
    return rules or rules_from_env()


# -- 交办 -------------------------------------------------------------------------------------------------
def _department_id(s: Session, hub: HubContext, name: str, field: str) -> str:
    wanted = (name or "").strip()
    if not wanted:
        raise ValidationError("missing_field", "请选择承办单位。", field=field, message_en="Choose the department.")
    rows = s.scalars(select(HubRecord).where(HubRecord.county_id == hub.county, HubRecord.entity == "departments",
                                             HubRecord.owner.is_(None), HubRecord.deleted_hlc.is_(None),
                                             HubRecord.label == wanted[:100])).all()
    active = [r for r in rows if _fields(r).get("active", True) not in (False, 0, "0")]
    if not active:
        raise ValidationError("unknown_department", f"没有名为“{wanted}”的在用承办单位。", field=field,
                              message_en=f"No active department called {wanted}.")
    return str(active[0].id)


def _working_days(value: int | str, rules: CountyRules) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        n = -1
    if not 1 <= n <= rules.max_working_days:
        raise ValidationError("bad_working_days", f"办理时限应为 1 到 {rules.max_working_days} 个工作日（整数）。",
                              field="working_days",
                              message_en=f"The time limit must be 1 to {rules.max_working_days} working days.")
    return n


def assign(hub: HubContext, viewer: Viewer, case_nos: str | Sequence[str], *, department: str,
           working_days: int | str, co_departments: Sequence[str] = (), note: str = "",
           today: dt.date | None = None, rules: CountyRules | None = None) -> list[Acted]:
    """交办: one case, or a 交办会's batch, to one main department (主办) and optional co-handlers (会办), due
    ``working_days`` working days after ``today`` on the county's holiday calendar. Also the reassignment
    after a 退办 (the case is back to 已受理). A batch is all or nothing: :class:`BatchRefused` names every
    refused case and its reason, and nothing is written."""
    _require(viewer, Permission.ASSIGN)
    rules = _rules(rules)
    numbers = [case_nos] if isinstance(case_nos, str) else list(case_nos)
    numbers = [n.strip() for n in numbers if n and n.strip()]
    if not numbers:
        raise ValidationError("missing_field", "请填写要交办的案件编号。", field="case_nos",
                              message_en="Give the case numbers to assign.")
    n = _working_days(working_days, rules)
    text = _text(note, "note", required=False)
    day = _today(today)
    with hub.tx() as s:
        main = _department_id(s, hub, department, "department")
        co_names = list(dict.fromkeys(c.strip() for c in co_departments if c and c.strip()))
        if department.strip() in co_names:
            raise ValidationError("co_is_main", "会办单位不能与主办单位相同。", field="co_departments",
                                  message_en="A co-handler cannot be the main department.")
        co_ids = [_department_id(s, hub, c, "co_departments") for c in co_names]
        deadline = county_calendar(s, hub.county).add_working_days(day, n)
        data = {"department_id": main, "deadline": deadline.isoformat(), "deadline_workdays": n,
                "co_department_ids": co_ids, "co_departments": co_names, "text": text}
        refusals: dict[str, DomainError] = {}
        cases: list[_Case] = []
        seen: set[uuid.UUID] = set()
        for number in numbers:
            try:
                case = _load(s, hub, number)
                _check_visible(viewer, case)
                if case.record.id in seen:
                    raise ValidationError("duplicate", "同一案件在这批中出现了两次。", field="case_nos",
                                          message_en="The case is listed twice in the batch.")
                seen.add(case.record.id)
                check_action(case.state, EventKind.ASSIGN, ActorRole.HUB, data)
                cases.append(case)
            except DomainError as exc:
                refusals[number] = exc
        if refusals:
            if len(numbers) == 1:
                raise next(iter(refusals.values()))
            raise BatchRefused(refusals)
        return [_write(hub, s, case, EventKind.ASSIGN, data, viewer) for case in cases]


# -- the department: 接收, 退办, 申请延期 ------------------------------------------------------------------
def accept(hub: HubContext, viewer: Viewer, case_no: str) -> Acted:
    """接收: the department takes the case it was handed (the case is then 办理中)."""
    _require(viewer, Permission.DEPARTMENT_ACT)
    with hub.tx() as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        _check_own_department(viewer, case)
        if case.state.status is not Status.ASSIGNED:
            raise WorkflowError("not_assigned", f"案件 {case.number} 不是待接收的交办件。",
                                message_en=f"Case {case.number} is not waiting to be accepted.")
        return _write(hub, s, case, EventKind.START, {"department": case.department, "text": "承办单位已接收"},
                      viewer)


def return_case(hub: HubContext, viewer: Viewer, case_no: str, *, reason: str, today: dt.date | None = None,
                rules: CountyRules | None = None) -> Acted:
    """退办: the department returns a case that is not its responsibility, with the reason, within
    ``rules.return_window_days`` working days of the assignment; the case waits at 已受理 for the county to
    hand it to the right department (:func:`assign`)."""
    _require(viewer, Permission.DEPARTMENT_ACT)
    rules = _rules(rules)
    text = _text(reason, "reason")
    day = _today(today)
    with hub.tx() as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        _check_own_department(viewer, case)
        assigned = case.state.assigned_at
        if assigned is not None:
            used = county_calendar(s, hub.county).working_days_between(to_local(assigned).date(), day)
            if used > rules.return_window_days:
                raise WorkflowError("return_too_late",
                                    f"交办已超过 {rules.return_window_days} 个工作日（已 {used} 个工作日），不能再退办；"
                                    "确实不属于本单位职责的，请联系县人大代表工委。",
                                    message_en=f"More than {rules.return_window_days} working days since the "
                                               "assignment: the case can no longer be returned; call the county office.")
        return _write(hub, s, case, EventKind.RETURN, {"text": text, "department": case.department,
                                                      "department_id": case.state.department_id}, viewer)


def _date(value: dt.date | str, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError("bad_date", f"日期无效：{value}（应写成 2026-12-31）。", field=field,
                              message_en=f"Not a date: {value} (write 2026-12-31).") from None


def request_extension(hub: HubContext, viewer: Viewer, case_no: str, *, new_deadline: dt.date | str, reason: str,
                      rules: CountyRules | None = None) -> Acted:
    """申请延期: the department asks for a later deadline, with the reason; at most ``rules.max_extensions``
    approved per assignment, at most ``rules.max_extension_months`` past the current deadline. The deadline
    moves only when the county approves (:func:`decide_extension`)."""
    _require(viewer, Permission.DEPARTMENT_ACT)
    rules = _rules(rules)
    text = _text(reason, "reason")
    wanted = _date(new_deadline, "new_deadline")
    with hub.tx() as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        _check_own_department(viewer, case)
        if case.state.extension_count >= rules.max_extensions:
            raise WorkflowError("too_many_extensions",
                                f"这次交办已延期 {case.state.extension_count} 次，最多 {rules.max_extensions} 次，不能再申请。",
                                message_en=f"Already extended {case.state.extension_count} time(s); at most "
                                           f"{rules.max_extensions}.")
        if case.state.deadline is not None and wanted > latest_extension(case.state.deadline, rules):
            last = latest_extension(case.state.deadline, rules)
            raise ValidationError("extension_too_long",
                                  f"延期最长 {rules.max_extension_months} 个月，最晚可延至 {last.isoformat()}。",
                                  field="new_deadline",
                                  message_en=f"An extension may go at most {rules.max_extension_months} month(s), "
                                             f"to {last.isoformat()}.")
        return _write(hub, s, case, EventKind.EXTENSION_REQUEST,
                      {"new_deadline": wanted.isoformat(), "text": text, "department": case.department}, viewer)


def decide_extension(hub: HubContext, viewer: Viewer, case_no: str, *, approve: bool, note: str = "") -> Acted:
    """批准延期 (the deadline becomes the date asked for) or 不同意延期 (the reason is required; the deadline
    stays)."""
    _require(viewer, Permission.ASSIGN)
    text = _text(note, "note", required=not approve)
    kind = EventKind.EXTENSION_APPROVE if approve else EventKind.EXTENSION_REFUSE
    with hub.tx() as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        asked = case.state.extension_requested
        return _write(hub, s, case, kind, {"text": text, "new_deadline": asked.isoformat() if asked else None}, viewer)


# -- 答复 ---------------------------------------------------------------------------------------------------
def _choice(value: str | None, allowed: Iterable[str], field: str, what: str) -> str:
    v = (value or "").strip()
    if not v:
        raise ValidationError("missing_field", f"请选择{what}。", field=field, message_en=f"Choose the {field}.")
    if v not in set(allowed):
        raise ValidationError("bad_value", f"{what}的取值无效：{v}", field=field, message_en=f"Bad {field}: {v}")
    return v


def _check_image(content: bytes, mime: str) -> None:
    """A JPG or PNG must open as a picture (a file renamed or cut short is refused, not stored)."""
    if mime == "application/pdf":
        return
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("file_broken", "答复函图片文件已损坏或不完整，请重新扫描后上传。", field="letter",
                              message_en="The reply letter image is damaged or incomplete.") from None


def reply(hub: HubContext, viewer: Viewer, case_no: str, *, text: str, reply_class: str, resolution: str,
          letter: Upload | None, rules: CountyRules | None = None) -> Acted:
    """答复: the department's answer (or county staff recording one the department sent on paper): the text,
    the A/B/C/D class, whether the problem was solved (chosen, never assumed), and the signed 答复函 as a
    scanned PDF/JPG/PNG (type by content, size limited), kept in ``hub_case_files``; the event names the
    file (id, name, SHA-256, size) so the station shows that a 答复函 exists."""
    _require(viewer, Permission.DEPARTMENT_ACT, Permission.REPLY_FOR_DEPARTMENT)
    rules = _rules(rules)
    body = _text(text, "text")
    cls = _choice(reply_class, (c.value for c in ReplyClass), "reply_class", "答复类别（A/B/C/D）")
    res = _choice(resolution, (r.value for r in Resolution), "resolution", "解决情况")
    if (cls == ReplyClass.A) != (res == Resolution.SOLVED):
        raise ValidationError("class_mismatch", "答复类别为 A（已解决）时，解决情况应为“已解决”，反之亦然。",
                              field="resolution",
                              message_en="Class A (solved) goes with the resolution 'solved', and only with it.")
    stored: tuple[str, str, bytes] | None = None
    if letter is not None and letter.content:
        name, mime = check_letter_file(letter.name, letter.content, rules)
        _check_image(letter.content, mime)
        stored = (name, mime, letter.content)
    elif rules.require_reply_letter:
        raise ValidationError("missing_letter", "请上传盖章签字的答复函扫描件（PDF、JPG 或 PNG）。", field="letter",
                              message_en="Attach the signed reply letter (a scanned PDF, JPG or PNG).")
    with hub.tx() as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        _check_own_department(viewer, case)
        data: dict[str, Any] = {"text": body, "reply_class": cls, "resolution": res, "department": case.department}
        check_action(case.state, EventKind.REPLY, ActorRole.HUB, data)  # before the file is kept
        if stored is not None:
            name, mime, content = stored
            row = HubCaseFile(county_id=hub.county, id=new_id(), case_id=case.record.id,
                              sha256=hashlib.sha256(content).hexdigest(), name=name, mime=mime, size=len(content),
                              content=content, uploaded_by=_actor_name(viewer), at=utcnow())
            s.add(row)
            data["reply_letter"] = {"id": str(row.id), "name": name, "sha256": row.sha256, "size": row.size}
        return _write(hub, s, case, EventKind.REPLY, data, viewer)


def case_file(hub: HubContext, viewer: Viewer, file_id: str | uuid.UUID) -> StoredFile:
    """A file kept with a case (the 答复函), for whoever may see the case."""
    _require(viewer, Permission.VIEW_CASES)
    try:
        key = uuid.UUID(str(file_id))
    except ValueError:
        key = None
    with hub.tx() as s:
        row = s.get(HubCaseFile, (hub.county, key)) if key else None
        case = s.get(HubRecord, (hub.county, "cases", row.case_id)) if row is not None else None
        if row is None or case is None:
            raise DomainError("file_not_found", "没有找到这个文件。", message_en="No such file.")
        _check_visible(viewer, _load(s, hub, str(case.id)))
        return StoredFile(row.id, row.case_id, row.name, row.mime, row.size, row.sha256, row.content,
                          row.uploaded_by, row.at)


# -- the county: 督办, 重点督办, 退回重办 ----------------------------------------------------------------
def supervise(hub: HubContext, viewer: Viewer, case_no: str, *, text: str, level: str,
              rules: CountyRules | None = None) -> Acted:
    """督办 with its 方式 (``rules.supervision_levels``: 一般, 重点, 挂牌…); each one raises the case's
    escalation level by one. Print the 督办通知 with :func:`supervision_notice_pdf`."""
    _require(viewer, Permission.ASSIGN)
    rules = _rules(rules)
    body = _text(text, "text")
    how = _choice(level, rules.supervision_levels, "level", "督办方式（" + "、".join(rules.supervision_levels) + "）")
    return _act(hub, viewer, case_no, EventKind.SUPERVISE, {"text": body, "supervision_level": how})


def _flag(value: bool | str) -> bool:
    if isinstance(value, bool):
        return value
    v = str(value).strip().lower()
    if v in ("1", "true", "on", "yes", "是", "列入"):
        return True
    if v in ("0", "false", "off", "no", "否", "移出"):
        return False
    raise ValidationError("bad_value", "请说明列入还是移出重点督办。", field="on",
                          message_en="Say whether the case is put on or taken off key supervision.")


def mark_key_supervision(hub: HubContext, viewer: Viewer, case_no: str, *, on: bool | str, note: str = "") -> Acted:
    """重点督办 mark on or off (a flag the case lists show); an unchanged mark is refused, not written twice."""
    _require(viewer, Permission.ASSIGN)
    flag = _flag(on)
    text = _text(note, "note", required=False)
    with hub.tx() as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        if case.state.key_supervision == flag:
            raise WorkflowError("unchanged", "案件已在重点督办中。" if flag else "案件本来就不在重点督办中。",
                                message_en="The case already has that mark.")
        return _write(hub, s, case, EventKind.KEY_SUPERVISION, {"on": flag, "text": text}, viewer)


def reopen(hub: HubContext, viewer: Viewer, case_no: str, *, reason: str) -> Acted:
    """退回重办: the deputy or the constituent is not satisfied; the case is reopened (重新办理) with the reason,
    to be handed out again (:func:`assign`)."""
    _require(viewer, Permission.ASSIGN)
    return _act(hub, viewer, case_no, EventKind.REOPEN, {"text": _text(reason, "reason")})


# -- the 督办通知 ---------------------------------------------------------------------------------------
def _letter_number(s: Session, hub: HubContext, short_name: str, issued: Event) -> str:
    """发文字号 of the notice: the county's 督办 events of the year up to this one (events never change, so a
    reprint keeps its number)."""
    local = to_local(issued.occurred_at)
    year_ms = int(to_utc(dt.datetime(local.year, 1, 1)).replace(tzinfo=dt.UTC).timestamp() * 1000)
    start = f"{year_ms:0{WALL_DIGITS}d}"  # sorts before every stamp of the year (fixed-width wall time first)
    rows = s.scalars(select(HubRecord.fields).where(
        HubRecord.county_id == hub.county, HubRecord.entity == "case_events", HubRecord.hlc >= start,
        HubRecord.hlc <= issued.hlc, HubRecord.fields.contains('"supervise"')))
    n = sum(1 for f in rows if json.loads(f).get("kind") == EventKind.SUPERVISE.value)
    return f"{short_name}督〔{local.year}〕{max(n, 1)}号"


def supervision_notice_pdf(hub: HubContext, viewer: Viewer, case_no: str, *, issued_on: dt.date | None = None,
                           rules: CountyRules | None = None) -> bytes:
    """The 督办通知 of the case's last 督办, built by the desk's own letter builder (``printing.letters``) as
    the county office's letter; refused when the case was not supervised since its assignment or is closed.
    Visitors' names print only for viewers who may see personal data; phone numbers print masked."""
    _require(viewer, Permission.ASSIGN, Permission.DEPARTMENT_ACT)
    rules = _rules(rules)
    with hub.tx() as s:
        case = _load(s, hub, case_no)
        _check_visible(viewer, case)
        _check_own_department(viewer, case)
        skipped = {a.event_id for a in case.state.anomalies}
        ordered = [e for e in causal_order(case.events) if e.id not in skipped]
        letters = letters_available(case.state.status, has_department=case.department is not None,
                                    event_kinds=[e.kind for e in ordered])
        if not letters.supervision or case.state.assigned_at is None:
            raise WorkflowError("not_supervised", f"案件 {case.number} 交办后还没有督办（或已办结），没有督办通知可打印。",
                                message_en=f"Case {case.number} has not been supervised since its assignment.")
        last_assign = max(i for i, e in enumerate(ordered) if e.kind is EventKind.ASSIGN)
        supervisions = [e for e in ordered[last_assign:] if e.kind is EventKind.SUPERVISE]
        f = _fields(case.record)
        visit = _fields(_record(s, hub, "visits", f.get("visit_id"))) if f.get("visit_id") else {}
        personal = can(viewer, Permission.VIEW_PERSONAL)
        last = supervisions[-1]
        registered = dt.datetime.fromisoformat(str(f.get("registered_at")))
        data = LetterData(
            kind="supervision", station_name=rules.office_name, station_phone=None,
            letter_no=_letter_number(s, hub, rules.office_short_name, last), department=case.department or "",
            case_number=case.number, registered_at=to_local(registered),
            visitor_names=visit.get("visitor_names") if personal else None,
            visitor_phone=visit.get("visitor_phone") if personal else None,
            village=_fields(_record(s, hub, "villages", f.get("village_id"))).get("name"),
            category=_fields(_record(s, hub, "categories", f.get("category_id"))).get("name"),
            triage=label(TRIAGE_COLOURS, f.get("triage")), urgency=label(URGENCY, f.get("urgency")),
            content=str(f.get("content") or ""), deadline=case.state.deadline,
            assigned_at=to_local(case.state.assigned_at), escalation_level=case.state.escalation_level,
            supervisions=[(to_local(e.occurred_at), str(e.data.get("text") or "")) for e in supervisions],
            status=str(case.state.status or ""), issued_on=issued_on or to_local(last.occurred_at).date(),
            copy=Copy(printed_at=to_local(utcnow())), copy_to="",
            sender="我委", return_to="县人大代表工委", supervision_level=str(last.data.get("supervision_level") or ""))
    return bytes(build_letter(data))


REPLY_CLASS_CHOICES = [(c.value, zh) for c, (zh, _en) in REPLY_CLASS_LABELS.items()]
