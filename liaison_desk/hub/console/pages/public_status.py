"""The public case status page (issue 15): ``/status`` (case number + the phone's last four digits), the receipt's
link ``/status/{case_no}?t=TOKEN``, and the constituent's rating of the reply. No sign-in: nothing here uses the
signed-in dependencies. Forms carry a token that must match a cookie of this site (double submit), so another
site cannot post them; lookups are rate-limited per address and per case number (``hub.console.public``)."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ....domain.errors import DomainError
from ....domain.event_words import SATISFACTION_WORDS
from .. import auth, public
from ..deps import Console, client_ip, console_of, csrf_refused, is_https, lang_of, record, render

router = APIRouter()
FormText = Annotated[str, Form()]
#: the public forms' token (double submit: the cookie and the form field agree)
FORM_COOKIE = "ld_pub"
LINK_FAILED = ("这个链接没有打开案件（可能扫描或抄写有误，或联络站重新登记过）。请输入案件编号和登记电话的后四位查询。",
               ("This link did not open a case (misread or mistyped, or the station was enrolled again). Enter "
               "the case number and the last four digits of the phone instead."))


def limits(console: Console) -> public.PublicLimits:
    """This console's rate limits (one set per app)."""
    found = console.extra.get("public_limits")
    if not isinstance(found, public.PublicLimits):
        found = public.PublicLimits()
        console.extra["public_limits"] = found
    return found


def _page(request: Request, template: str, context: dict[str, object], status: int = 200) -> HTMLResponse:
    token = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(24)
    response = render(request, template, {**context, "form_token": token}, status=status)
    response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="strict", secure=is_https(request),
                        path="/status")
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _form(request: Request, *, case_no: str = "", error: str = "", status: int = 200) -> HTMLResponse:
    return _page(request, "public_status_form.html", {"case_no": case_no, "error": error}, status)


def _case_page(request: Request, case: public.PublicCase, *, error: str = "", thanks: bool = False,
               status: int = 200, comment: str = "", chosen: str = "") -> HTMLResponse:
    return _page(request, "public_status_case.html", {"case": case, "error": error, "thanks": thanks,
                                                      "ratings": public.RATINGS,
                                                      "rating_words": SATISFACTION_WORDS,
                                                      "comment": comment, "chosen": chosen}, status)


def _form_ok(request: Request, given: str) -> None:
    if not auth.csrf_ok(request.cookies.get(FORM_COOKIE) or "", given):
        raise csrf_refused()


def _link(case: public.PublicCase, *, thanks: bool = False) -> str:
    return f"/status/{quote(case.case_no, safe='')}?t={case.token}" + ("&thanks=1" if thanks else "")


@router.get("/status", response_class=HTMLResponse)
async def status_form(request: Request) -> HTMLResponse:
    return _form(request)


@router.post("/status", response_class=HTMLResponse)
async def status_lookup(request: Request, case_no: FormText = "", digits: FormText = "", ft: FormText = ""
                        ) -> Response:
    _form_ok(request, ft)
    console = console_of(request)
    lang = lang_of(request)
    try:
        limits(console).by_address(client_ip(request))
        key = public.case_key(case_no)
        limits(console).by_case(key)
        case = await run_in_threadpool(public.lookup, console.hub, key, digits)
    except public.Limited as exc:
        return _form(request, case_no=case_no, error=exc.localized(lang), status=429)
    except public.NotFound as exc:
        return _form(request, case_no=case_no, error=exc.localized(lang), status=404)
    except DomainError as exc:  # the number's own format or check character
        return _form(request, case_no=case_no, error=exc.localized(lang), status=400)
    await record(request, "public_status", case.case_no, "案件编号+电话后四位")
    return RedirectResponse(_link(case), status_code=303)


@router.get("/status/{case_no}", response_class=HTMLResponse)
async def status_case(request: Request, case_no: str, t: str = "", thanks: str = "") -> Response:
    console = console_of(request)
    lang = lang_of(request)
    try:
        limits(console).by_address(client_ip(request))
        case = await run_in_threadpool(public.by_link, console.hub, case_no, t)
    except public.Limited as exc:
        return _form(request, case_no=case_no, error=exc.localized(lang), status=429)
    except DomainError:  # no such case, a wrong token, a mistyped number: one answer
        try:
            limits(console).by_link_case(public.case_key(case_no))
        except public.Limited as exc:
            return _form(request, case_no=case_no, error=exc.localized(lang), status=429)
        except DomainError:
            pass
        return _form(request, case_no=case_no, error=LINK_FAILED[1 if lang == "en" else 0], status=404)
    if not thanks:
        await record(request, "public_status", case.case_no, "回执二维码链接")
    return _case_page(request, case, thanks=thanks == "1")


@router.post("/status/{case_no}/rate", response_class=HTMLResponse)
async def status_rate(request: Request, case_no: str, t: FormText = "", satisfaction: FormText = "",
                      comment: FormText = "", ft: FormText = "") -> Response:
    _form_ok(request, ft)
    console = console_of(request)
    lang = lang_of(request)
    try:
        limits(console).by_address(client_ip(request))
        case = await run_in_threadpool(public.rate, console.hub, case_no, t, satisfaction, comment)
    except public.Limited as exc:
        return _form(request, case_no=case_no, error=exc.localized(lang), status=429)
    except public.NotFound:
        return _form(request, case_no=case_no, error=LINK_FAILED[1 if lang == "en" else 0], status=404)
    except DomainError as exc:  # no choice, a comment too long, rated already: said on the case's page
        try:
            current = await run_in_threadpool(public.by_link, console.hub, case_no, t)
        except DomainError:
            return _form(request, case_no=case_no, error=LINK_FAILED[1 if lang == "en" else 0], status=404)
        return _case_page(request, current, error=exc.localized(lang), comment=comment, chosen=satisfaction,
                          status=409 if exc.code == "already_rated" else 400)
    await record(request, "public_rating", case.case_no, satisfaction)
    return RedirectResponse(_link(case, thanks=True), status_code=303)
