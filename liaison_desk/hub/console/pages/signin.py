"""Signing in and out, and changing one's own password (forced at the first sign-in)."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ....domain.errors import DomainError
from .. import auth
from ..auth import ConsoleSession, SignInRefused
from ..deps import (
    PRE_COOKIE,
    SESSION_COOKIE,
    client_ip,
    console_of,
    csrf_refused,
    is_https,
    lang_of,
    render,
    signed_in_may_change,
)

router = APIRouter()
FormText = Annotated[str, Form()]
#: the session of a user who may still have to change their password
Session = Annotated[ConsoleSession, Depends(signed_in_may_change)]


def _safe_next(target: str | None) -> str:
    """Only a path of this site (never ``//host`` or a full address): no open redirect after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _signin_page(request: Request, *, name: str = "", error: str = "", status: int = 200,
                 next_url: str = "/") -> HTMLResponse:
    pre = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(24)
    expired = request.query_params.get("expired") == "1"
    response = render(request, "signin.html", {"name": name, "error": error, "pre": pre, "next": next_url,
                                               "expired": expired}, status=status)
    response.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="strict", secure=is_https(request), path="/signin")
    return response


@router.get("/signin", response_class=HTMLResponse)
async def signin_form(request: Request, next: str = "/") -> HTMLResponse:
    return _signin_page(request, next_url=_safe_next(next))


@router.post("/signin", response_class=HTMLResponse)
async def signin(request: Request, name: FormText = "", password: FormText = "", pre: FormText = "",
                 next: FormText = "/") -> Response:
    if not auth.csrf_ok(request.cookies.get(PRE_COOKIE) or "", pre):
        raise csrf_refused()
    console = console_of(request)
    lang = lang_of(request)
    try:
        token, who = await run_in_threadpool(auth.sign_in, console.hub, name, password, ip=client_ip(request),
                                             policy=console.settings.policy, now=console.now())
    except SignInRefused as exc:
        return _signin_page(request, name=name, error=exc.localized(lang), next_url=_safe_next(next),
                            status=429 if exc.wait_seconds else 400)
    response = RedirectResponse("/password" if who.must_change else _safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", secure=is_https(request), path="/",
                        max_age=int(console.settings.policy.absolute.total_seconds()))
    response.delete_cookie(PRE_COOKIE, path="/signin")
    return response


@router.post("/signout")
async def signout(request: Request, who: Session) -> Response:
    console = console_of(request)
    await run_in_threadpool(auth.sign_out, console.hub, who, ip=client_ip(request), now=console.now())
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/password", response_class=HTMLResponse)
async def password_form(request: Request, who: Session) -> HTMLResponse:
    return render(request, "password.html", {"errors": {}, "forced": who.must_change})


@router.post("/password", response_class=HTMLResponse)
async def change_password(request: Request, who: Session, old: FormText = "", new: FormText = "",
                          confirm: FormText = "") -> Response:
    console = console_of(request)
    try:
        await run_in_threadpool(auth.change_password, console.hub, who, old, new, confirm,
                                policy=console.settings.policy, ip=client_ip(request), now=console.now())
    except DomainError as exc:
        return render(request, "password.html", {"errors": {exc.field or "new": exc.localized(lang_of(request))},
                                                 "forced": who.must_change}, status=400)
    request.state.signed_in = replace(who, must_change=False)  # the header shows the whole menu again
    return render(request, "password_done.html", {})
