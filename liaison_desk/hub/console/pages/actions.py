"""The console's action forms (issue 15): on the case page, the forms a viewer may use in the case's state (and
only those) — 交办, 接收, 退办, 延期 request and decision, 答复 with the 答复函, 督办 with its 督办通知 PDF,
重点督办, 退回重办; the 交办会's batch from the queue's checkboxes (a confirmation page, then all or nothing);
and a department liaison's inbox (``/inbox``) with a reply form.

Every action is ``hub.console.actions`` (which checks the role, the department and the workflow again); what
the forms offer is ``hub.console.action_forms.offered``. A form that succeeds redirects (POST-redirect-GET) to
the case page, which says what was done once (a message kept for that viewer and case); bad input renders the
form again with the message beside the field and what was typed kept (status 400); a role or department that
may not act gets the 403 page; a case the viewer may not see, the 404 page. Each action and each download is
written to the audit trail.
"""

from __future__ import annotations

import contextvars
import logging
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ....domain.access import Permission, Role, Viewer, can
from ....domain.county_rules import CountyRules
from ....domain.errors import DomainError, PermissionDenied
from ....domain.event_words import RESOLUTION_WORDS
from ....domain.workflow import REPLY_CLASS_LABELS, STATUS_LABELS
from .. import action_forms, actions, queries
from ..deps import Console, Redirect, Refused, console_of, current_viewer, lang_of, record, render, require
from . import cases as case_pages
from .cases import CasePart, case_actions_part, local_today, queue_batch_part

log = logging.getLogger(__name__)
router = APIRouter()
FormText = Annotated[str, Form()]
Staff = Annotated[Viewer, Depends(require(Permission.ASSIGN))]
Department = Annotated[Viewer, Depends(require(Permission.DEPARTMENT_ACT))]
Anyone = Annotated[Viewer, Depends(current_viewer)]

REPLY_CLASSES = [(c.value, zh, en) for c, (zh, en) in REPLY_CLASS_LABELS.items()]
RESOLUTIONS = [(r.value, zh, en) for r, (zh, en) in RESOLUTION_WORDS.items()]
FLASH_KEEP = 500  # messages kept for the next page view (per viewer and case), oldest dropped first


#: each form's inputs: a message about another field (or none) shows at the top of the form
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "assign": ("department", "working_days", "co_departments", "note"), "accept": (), "return": ("reason",),
    "extension": ("new_deadline", "reason"), "decision": ("note", "decision"),
    "reply": ("text", "reply_class", "resolution", "letter"), "supervise": ("level", "text"), "key": ("note", "on"),
    "reopen": ("reason",), "": (),
}


@dataclass(frozen=True)
class FormState:
    """A form sent back to its page: which one, what was typed, the message and the field at fault; or a
    preview (the deadline a limit gives) with nothing written."""

    form: str
    values: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    error_field: str = ""
    preview: str = ""


#: the form being sent back, for the case page's part (set only while that page is built for the answer)
_SENT_BACK: contextvars.ContextVar[FormState | None] = contextvars.ContextVar("sent_back", default=None)


def _rules(console: Console) -> CountyRules:
    rules = console.extra.get("county_rules")
    if isinstance(rules, CountyRules):
        return rules
    return actions.rules_from_env()


def _flashes(console: Console) -> OrderedDict[Any, Any]:
    store = console.extra.setdefault("action_flash", OrderedDict())
    assert isinstance(store, OrderedDict)
    return store


def _flash(console: Console, viewer: Viewer, key: str, message: tuple[str, str]) -> None:
    store = _flashes(console)
    store[(viewer.user_id, key)] = message
    while len(store) > FLASH_KEEP:
        store.popitem(last=False)


def _pop_flash(console: Console, viewer: Viewer, key: str) -> tuple[str, str] | None:
    value = _flashes(console).pop((viewer.user_id, key), None)
    return value if isinstance(value, tuple) else None


def _case_url(case_no: str) -> str:
    return "/cases/" + quote(case_no, safe="") + "#case-actions"


# -- the case page's part ---------------------------------------------------------------------------------------
def _letters(page: queries.CasePage) -> list[dict[str, Any]]:
    out = []
    for e in page.timeline:
        letter = e.data.get("reply_letter") if e.kind == "reply" else None
        if isinstance(letter, dict) and letter.get("id"):
            out.append({"id": letter["id"], "name": letter.get("name") or "答复函", "at": e.occurred_at,
                        "size": int(letter.get("size") or 0)})
    return out


@case_actions_part(order=10)
def _case_forms(console: Console, viewer: Viewer, page: queries.CasePage) -> CasePart | None:
    if not any(can(viewer, p) for p in (Permission.ASSIGN, Permission.DEPARTMENT_ACT,
                                         Permission.REPLY_FOR_DEPARTMENT)):
        return None  # a read-only role: the case page says there is nothing to do
    rules = _rules(console)
    try:
        offer = action_forms.offered(console.hub, viewer, page.case.case_no, rules)
    except DomainError:
        return None
    flash = _pop_flash(console, viewer, page.case.case_no)
    letters = _letters(page)
    if not offer.any and flash is None and not letters:
        return None
    sent = _SENT_BACK.get()
    return CasePart("actions_case.html", {
        "o": offer, "flash": flash, "sent": sent or FormState(""), "letters": letters,
        "departments": action_forms.departments(console.hub) if offer.assign else [],
        "levels": rules.supervision_levels, "reply_classes": REPLY_CLASSES, "resolutions": RESOLUTIONS,
        "max_days": rules.max_working_days, "max_mb": rules.max_file_bytes // (1024 * 1024),
        "latest_extension": _latest(offer, rules), "status_labels": STATUS_LABELS,
        "base": "/cases/" + quote(page.case.case_no, safe=""), "fields_of": FORM_FIELDS,
    })


def _latest(offer: action_forms.Offered, rules: CountyRules) -> str:
    from ....domain.county_rules import latest_extension

    return latest_extension(offer.deadline, rules).isoformat() if offer.deadline else ""


def _page_again(console: Console, viewer: Viewer, case_no: str, lang: str, state: FormState
                ) -> tuple[queries.CasePage, list[case_pages.TimelineView], list[CasePart]]:
    token = _SENT_BACK.set(state)
    try:
        return case_pages._case(console, viewer, case_no, lang)
    finally:
        _SENT_BACK.reset(token)


async def _send_back(request: Request, viewer: Viewer, case_no: str, state: FormState, status: int = 400
                     ) -> HTMLResponse:
    console = console_of(request)
    lang = lang_of(request)
    try:
        page, timeline, parts = await run_in_threadpool(_page_again, console, viewer, case_no, lang, state)
    except PermissionDenied as exc:
        raise Refused(403, exc.message, exc.message_en) from None
    except DomainError as exc:
        raise Refused(404, exc.message, exc.message_en, "找不到案件", "No such case") from None
    await record(request, "case_view", page.case.case_no,
                 "personal data shown" if page.personal_shown else "no personal data")
    return render(request, "case.html", {"c": page, "case": page.case, "timeline": timeline, "parts": parts,
                                         "sides": case_pages.SIDES, "day_words": case_pages.day_words,
                                         "may_see_personal": can(viewer, Permission.VIEW_PERSONAL)},
                  status=status)


async def _act(request: Request, viewer: Viewer, case_no: str, form: str, values: dict[str, Any],
               do: Any, audit: str, done: tuple[str, str], *, to_inbox: bool = False) -> Response:
    """Run ``do`` (an action of ``hub.console.actions``); on success the audit line, the message for the
    next view and a redirect to the case page; on bad input the case page with the form sent back."""
    console = console_of(request)
    try:
        acted = await run_in_threadpool(do)
    except PermissionDenied as exc:
        await record(request, audit + "_refused", case_no.strip()[:60], exc.code)
        raise Refused(403, exc.message, exc.message_en) from None
    except DomainError as exc:
        if exc.field == "case_no":  # no such number
            raise Refused(404, exc.message, exc.message_en, "找不到案件", "No such case") from None
        if exc.code == "case_not_found":  # a case this viewer may not see (as its page refuses it: 403)
            await record(request, audit + "_refused", case_no.strip()[:60], exc.code)
            raise Refused(403, exc.message, exc.message_en) from None
        log.info("console action %s on %s refused: %s", form, case_no, exc.code)
        return await _send_back(request, viewer, case_no, FormState(
            form, values, exc.localized(lang_of(request)), exc.field or ""))
    number = acted.case_no if isinstance(acted, actions.Acted) else case_no
    await record(request, audit, number, _audit_detail(acted))
    if to_inbox and viewer.role is Role.DEPARTMENT:  # the case is no longer theirs to open: back to their inbox
        _flash(console, viewer, "inbox", (f"案件 {number}：{done[0]}", f"Case {number}: {done[1]}"))
        raise Redirect("/inbox")
    _flash(console, viewer, number, done)
    raise Redirect(_case_url(number))


def _audit_detail(acted: Any) -> str:
    if isinstance(acted, actions.Acted):
        state = acted.state
        return f"{acted.kind.value} → {state.status.value if state.status else ''}"
    return ""


@router.post("/cases/{case_no}/assign", response_class=HTMLResponse)
async def assign(request: Request, case_no: str, viewer: Staff, department: FormText = "",
                 working_days: FormText = "", co_departments: Annotated[list[str] | None, Form()] = None,
                 note: FormText = "", preview: FormText = "") -> Response:
    console = console_of(request)
    co = [c for c in (co_departments or []) if c.strip()]
    values = {"department": department, "working_days": working_days, "co_departments": co, "note": note}
    today = local_today(console)
    rules = _rules(console)
    if preview:
        try:
            n, deadline = await run_in_threadpool(action_forms.deadline_for, console.hub, working_days, today, rules)
        except DomainError as exc:
            return await _send_back(request, viewer, case_no, FormState(
                "assign", values, exc.localized(lang_of(request)), exc.field or "working_days"))
        en = lang_of(request) == "en"
        text = (f"{n} working days from today ({today.isoformat()}): due {deadline.isoformat()}. Nothing is saved yet."
                if en else f"从今天（{today.isoformat()}）起 {n} 个工作日，办理期限为 {deadline.isoformat()}。尚未交办。")
        return await _send_back(request, viewer, case_no, FormState("assign", values, preview=text), status=200)

    def do() -> actions.Acted:
        return actions.assign(console.hub, viewer, case_no, department=department, working_days=working_days,
                              co_departments=co, note=note, today=today, rules=rules)[0]

    return await _act(request, viewer, case_no, "assign", values, do, "case_assign",
                      ("已交办，承办单位现在可以看到这个案件。", "Assigned; the department sees the case now."))


@router.post("/cases/{case_no}/accept", response_class=HTMLResponse)
async def accept(request: Request, case_no: str, viewer: Department) -> Response:
    console = console_of(request)
    return await _act(request, viewer, case_no, "accept", {},
                      lambda: actions.accept(console.hub, viewer, case_no), "case_accept",
                      ("已接收，案件转为办理中。", "Accepted; the case is in progress."))


@router.post("/cases/{case_no}/return", response_class=HTMLResponse)
async def return_case(request: Request, case_no: str, viewer: Department, reason: FormText = "") -> Response:
    console = console_of(request)
    today = local_today(console)
    return await _act(request, viewer, case_no, "return", {"reason": reason},
                      lambda: actions.return_case(console.hub, viewer, case_no, reason=reason, today=today,
                                                  rules=_rules(console)),
                      "case_return", ("已退办，等待县人大重新交办。", "Returned; the county office will reassign it."),
                      to_inbox=True)


@router.post("/cases/{case_no}/extension", response_class=HTMLResponse)
async def request_extension(request: Request, case_no: str, viewer: Department, new_deadline: FormText = "",
                            reason: FormText = "") -> Response:
    console = console_of(request)
    values = {"new_deadline": new_deadline, "reason": reason}
    if not new_deadline.strip():
        return await _send_back(request, viewer, case_no, FormState(
            "extension", values, _t(request, "请填写希望延至的日期。", "Give the date you ask for."), "new_deadline"))
    return await _act(request, viewer, case_no, "extension", values,
                      lambda: actions.request_extension(console.hub, viewer, case_no, new_deadline=new_deadline,
                                                        reason=reason, rules=_rules(console)),
                      "case_extension_request",
                      ("已申请延期，等待县人大审批。", "Extension asked for; waiting for the county office."))


@router.post("/cases/{case_no}/extension/decision", response_class=HTMLResponse)
async def decide_extension(request: Request, case_no: str, viewer: Staff, decision: FormText = "",
                           note: FormText = "") -> Response:
    console = console_of(request)
    values = {"note": note}
    if decision not in ("approve", "refuse"):
        return await _send_back(request, viewer, case_no, FormState(
            "decision", values, _t(request, "请选择同意或不同意延期。", "Choose approve or refuse."), "decision"))
    approve = decision == "approve"
    return await _act(request, viewer, case_no, "decision", values,
                      lambda: actions.decide_extension(console.hub, viewer, case_no, approve=approve, note=note),
                      "case_extension_" + decision,
                      ("已同意延期，办理期限已更新。", "Extension approved; the deadline has moved.") if approve
                      else ("已不同意延期，办理期限不变。", "Extension refused; the deadline stays."))


def _t(request: Request, zh: str, en: str) -> str:
    return en if lang_of(request) == "en" else zh


async def _upload(letter: UploadFile | None, limit: int) -> actions.Upload | None:
    if letter is None or not letter.filename:
        return None
    content = await letter.read(limit + 1)  # one byte more than allowed: the service says "too large"
    return actions.Upload(letter.filename, content)


@router.post("/cases/{case_no}/reply", response_class=HTMLResponse)
async def reply(request: Request, case_no: str, viewer: Anyone, text: FormText = "", reply_class: FormText = "",
                resolution: FormText = "", letter: Annotated[UploadFile | None, File()] = None) -> Response:
    if not (can(viewer, Permission.DEPARTMENT_ACT) or can(viewer, Permission.REPLY_FOR_DEPARTMENT)):
        raise Refused(403, "您的账号不能录入答复。", "Your account may not record a reply.")
    console = console_of(request)
    rules = _rules(console)
    upload = await _upload(letter, rules.max_file_bytes)
    values = {"text": text, "reply_class": reply_class, "resolution": resolution}
    return await _act(request, viewer, case_no, "reply", values,
                      lambda: actions.reply(console.hub, viewer, case_no, text=text, reply_class=reply_class,
                                            resolution=resolution, letter=upload, rules=rules),
                      "case_reply", ("答复已录入，答复函已保存。", "Reply recorded with its letter."))


@router.post("/cases/{case_no}/supervise", response_class=HTMLResponse)
async def supervise(request: Request, case_no: str, viewer: Staff, level: FormText = "", text: FormText = ""
                    ) -> Response:
    console = console_of(request)
    return await _act(request, viewer, case_no, "supervise", {"level": level, "text": text},
                      lambda: actions.supervise(console.hub, viewer, case_no, text=text, level=level,
                                                rules=_rules(console)),
                      "case_supervise", ("已督办。可以下载督办通知。", "Supervised. The notice can be downloaded."))


@router.post("/cases/{case_no}/key-supervision", response_class=HTMLResponse)
async def key_supervision(request: Request, case_no: str, viewer: Staff, on: FormText = "", note: FormText = ""
                          ) -> Response:
    console = console_of(request)
    flag = on == "1"
    return await _act(request, viewer, case_no, "key", {"note": note},
                      lambda: actions.mark_key_supervision(console.hub, viewer, case_no, on=on, note=note),
                      "case_key_supervision",
                      ("已列入重点督办。", "Marked for key supervision.") if flag
                      else ("已移出重点督办。", "Key supervision mark removed."))


@router.post("/cases/{case_no}/reopen", response_class=HTMLResponse)
async def reopen(request: Request, case_no: str, viewer: Staff, reason: FormText = "") -> Response:
    console = console_of(request)
    return await _act(request, viewer, case_no, "reopen", {"reason": reason},
                      lambda: actions.reopen(console.hub, viewer, case_no, reason=reason),
                      "case_reopen", ("已退回重办，请重新交办。", "Reopened; assign it again."))


# -- downloads ------------------------------------------------------------------------------------------------------
def _attachment(name: str) -> str:
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "-_." else "_" for c in name) or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.get("/cases/{case_no}/supervision-notice.pdf")
async def supervision_notice(request: Request, case_no: str, viewer: Anyone) -> Response:
    if not (can(viewer, Permission.ASSIGN) or can(viewer, Permission.DEPARTMENT_ACT)):
        raise Refused(403, "您的账号不能打印督办通知。", "Your account may not print the supervision notice.")
    console = console_of(request)
    try:
        pdf = await run_in_threadpool(actions.supervision_notice_pdf, console.hub, viewer, case_no,
                                      rules=_rules(console))
    except PermissionDenied as exc:
        raise Refused(403, exc.message, exc.message_en) from None
    except DomainError as exc:
        status = 409 if exc.code == "not_supervised" else 404
        raise Refused(status, exc.message, exc.message_en) from None
    await record(request, "supervision_notice", case_no.strip()[:60], f"{len(pdf)} bytes")
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": _attachment(f"督办通知-{case_no.strip()}.pdf")})


@router.get("/case-files/{file_id}")
async def case_file(request: Request, file_id: str, viewer: Anyone) -> Response:
    console = console_of(request)
    try:
        f = await run_in_threadpool(actions.case_file, console.hub, viewer, file_id)
    except PermissionDenied as exc:
        raise Refused(403, exc.message, exc.message_en) from None
    except DomainError as exc:
        raise Refused(404, exc.message, exc.message_en) from None
    await record(request, "case_file_download", str(f.case_id), f"{f.name} {f.size} bytes")
    return Response(f.content, media_type=f.mime, headers={"Content-Disposition": _attachment(f.name)})


# -- the 交办会's batch -------------------------------------------------------------------------------------------
@queue_batch_part(order=10)
def _queue_batch(console: Console, viewer: Viewer) -> CasePart | None:
    if not can(viewer, Permission.ASSIGN):
        return None
    return CasePart("actions_batch_part.html", {"action": "/batch"})


@dataclass
class BatchForm:
    case_ids: list[str]
    department: str = ""
    working_days: str = ""
    co_departments: list[str] = field(default_factory=list)
    note: str = ""


async def _batch_page(request: Request, viewer: Viewer, form: BatchForm, *, errors: dict[str, str] | None = None,
                      refusals: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
    console = console_of(request)
    rows, unknown = await run_in_threadpool(action_forms.batch_rows, console.hub, viewer, form.case_ids)
    errors = dict(errors or {})
    if unknown and "cases" not in errors:
        errors["cases"] = _t(request, f"有 {len(unknown)} 件选中的案件找不到或不归您办理，已从这批中去掉。",
                             f"{len(unknown)} selected case(s) could not be found and were left out.")
    if not rows and "cases" not in errors:
        errors["cases"] = _t(request, "请先在案件列表中勾选要交办的案件。", "Tick the cases to assign in the list first.")
    deadline = None
    if form.working_days.strip() and "working_days" not in errors:
        try:
            _n, deadline = await run_in_threadpool(action_forms.deadline_for, console.hub, form.working_days,
                                                   local_today(console), _rules(console))
        except DomainError as exc:
            errors["working_days"] = exc.localized(lang_of(request))
    departments = await run_in_threadpool(action_forms.departments, console.hub)
    return render(request, "actions_batch_confirm.html", {
        "rows": rows, "form": form, "errors": errors, "refusals": refusals or {}, "deadline": deadline,
        "departments": departments, "max_days": _rules(console).max_working_days,
    }, status=400 if errors and status == 200 else status)


@router.post("/batch", response_class=HTMLResponse)
async def batch_confirm(request: Request, viewer: Staff, case: Annotated[list[str] | None, Form()] = None,
                        department: FormText = "", working_days: FormText = "") -> Response:
    """The queue's checked cases with a department and a limit: the page that lists them to confirm."""
    form = BatchForm(list(case or []), department, working_days)
    return await _batch_page(request, viewer, form, status=200 if case else 400)


@router.post("/batch/assign", response_class=HTMLResponse)
async def batch_assign(request: Request, viewer: Staff, case: Annotated[list[str] | None, Form()] = None,
                       department: FormText = "", working_days: FormText = "",
                       co_departments: Annotated[list[str] | None, Form()] = None, note: FormText = "") -> Response:
    console = console_of(request)
    form = BatchForm(list(case or []), department, working_days, [c for c in co_departments or [] if c.strip()], note)
    rows, unknown = await run_in_threadpool(action_forms.batch_rows, console.hub, viewer, form.case_ids)
    if not rows or unknown:
        return await _batch_page(request, viewer, form, status=400)
    lang = lang_of(request)
    try:
        done = await run_in_threadpool(lambda: actions.assign(
            console.hub, viewer, [r.case_no for r in rows], department=department, working_days=working_days,
            co_departments=form.co_departments, note=note, today=local_today(console), rules=_rules(console)))
    except actions.BatchRefused as exc:
        await record(request, "case_batch_assign_refused", department[:60],
                     f"{len(exc.refusals)} of {len(rows)} refused")
        return await _batch_page(request, viewer, form, refusals={n: e.localized(lang) for n, e in exc.refusals.items()},
                                 errors={"cases": exc.localized(lang).split("：", 1)[0] if lang == "zh"
                                         else exc.message_en.split(":", 1)[0]}, status=409)
    except PermissionDenied as exc:
        raise Refused(403, exc.message, exc.message_en) from None
    except DomainError as exc:
        key = exc.field if exc.field in ("department", "working_days", "co_departments") else "cases"
        if len(rows) == 1 and key == "cases":
            return await _batch_page(request, viewer, form, refusals={rows[0].case_no: exc.localized(lang)},
                                     errors={"cases": _t(request, "这批案件都没有交办。", "None of the batch was assigned.")},
                                     status=409)
        return await _batch_page(request, viewer, form, errors={key: exc.localized(lang)}, status=400)
    deadline = done[0].state.deadline if done else None
    await record(request, "case_batch_assign", department[:60],
                 f"{len(done)} cases: " + " ".join(a.case_no for a in done)[:400])
    token = secrets.token_urlsafe(12)
    _flash(console, viewer, "batch:" + token, (department, deadline.isoformat() if deadline else ""))
    _flashes(console)[(viewer.user_id, "batch-cases:" + token)] = tuple(a.case_no for a in done)
    raise Redirect("/batch/done?t=" + quote(token))


@router.get("/batch/done", response_class=HTMLResponse)
async def batch_done(request: Request, viewer: Staff, t: str = "") -> Response:
    console = console_of(request)
    head = _pop_flash(console, viewer, "batch:" + t)
    numbers = _flashes(console).pop((viewer.user_id, "batch-cases:" + t), None)
    if head is None or not isinstance(numbers, tuple):
        raise Redirect("/cases")  # shown once; a reload goes to the queue
    department, deadline = head
    return render(request, "actions_batch_done.html", {"numbers": list(numbers), "department": department,
                                                       "deadline": deadline})


# -- a department liaison's inbox ---------------------------------------------------------------------------------
async def _inbox_page(request: Request, viewer: Viewer, state: FormState | None = None, status: int = 200
                      ) -> HTMLResponse:
    console = console_of(request)
    box = await run_in_threadpool(action_forms.inbox, console.hub, viewer, local_today(console))
    await record(request, "inbox_view", viewer.department or "",
                 f"to accept {box.to_accept.total}, due soon {box.due_soon.total}, overdue {box.overdue.total}")
    flash = _pop_flash(console, viewer, "inbox")
    rules = _rules(console)
    return render(request, "actions_inbox.html", {
        "box": box, "sent": state or FormState(""), "flash": flash, "reply_classes": REPLY_CLASSES,
        "resolutions": RESOLUTIONS, "max_mb": rules.max_file_bytes // (1024 * 1024),
        "case_url": lambda no: "/cases/" + quote(no, safe=""),
    }, status=status)


@router.get("/inbox", response_class=HTMLResponse)
async def inbox(request: Request, viewer: Department) -> Response:
    return await _inbox_page(request, viewer)


@router.post("/inbox/reply", response_class=HTMLResponse)
async def inbox_reply(request: Request, viewer: Department, case_no: FormText = "", text: FormText = "",
                      reply_class: FormText = "", resolution: FormText = "",
                      letter: Annotated[UploadFile | None, File()] = None) -> Response:
    console = console_of(request)
    rules = _rules(console)
    upload = await _upload(letter, rules.max_file_bytes)
    values = {"case_no": case_no, "text": text, "reply_class": reply_class, "resolution": resolution}
    try:
        acted = await run_in_threadpool(lambda: actions.reply(
            console.hub, viewer, case_no, text=text, reply_class=reply_class, resolution=resolution, letter=upload,
            rules=rules))
    except PermissionDenied as exc:
        await record(request, "case_reply_refused", case_no.strip()[:60], exc.code)
        raise Refused(403, exc.message, exc.message_en) from None
    except DomainError as exc:
        return await _inbox_page(request, viewer, FormState("reply", values, exc.localized(lang_of(request)),
                                                            exc.field or ""), status=400)
    await record(request, "case_reply", acted.case_no, _audit_detail(acted))
    _flash(console, viewer, "inbox", (f"案件 {acted.case_no} 的答复已录入。", f"The reply to {acted.case_no} is recorded."))
    raise Redirect("/inbox")
