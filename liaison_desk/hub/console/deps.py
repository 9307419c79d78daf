"""What a console page needs from its request: the signed-in viewer, permission checks, CSRF, the language,
templates, and the audit line. Page modules (``pages/*``) import from here; they never touch the database
themselves (they call services such as ``auth``).

Every dependency that identifies the user (``signed_in``, ``current_viewer``, ``require``) also checks the
CSRF token of a POST, so no form can forget it: a POST without the session's token is refused (403).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from ...domain.access import ROLE_LABELS, Permission, Role, Viewer, can
from ...domain.timeutil import to_local, utcnow
from ..context import HubContext
from . import auth
from .auth import DEFAULT_POLICY, ConsolePolicy, ConsoleSession

SESSION_COOKIE = "ld_console"
LANG_COOKIE = "ld_lang"
#: the sign-in form's CSRF token before there is a session (double submit: cookie and form field agree)
PRE_COOKIE = "ld_pre"


@dataclass(frozen=True)
class ConsoleSettings:
    """How a hub's console behaves; tests give their own ``clock`` (naive UTC) to expire sessions."""

    policy: ConsolePolicy = DEFAULT_POLICY
    clock: Callable[[], dt.datetime] = utcnow
    #: shown in every page's header (``serve --county-name``)
    county_name: str = "县级平台"
    #: the largest request body a console form may send (scanned reply letters are a few MB)
    max_body: int = 20 * 1024 * 1024


@dataclass
class Console:
    """The console of one hub: what ``request.app.state.console`` holds."""

    hub: HubContext
    settings: ConsoleSettings
    templates: Jinja2Templates
    extra: dict[str, Any] = field(default_factory=dict)  # for page modules that keep per-app state

    def now(self) -> dt.datetime:
        return self.settings.clock()


@dataclass(frozen=True)
class NavItem:
    path: str
    zh: str
    en: str
    permission: Permission | None  # None: everyone signed in
    role: Role | None = None  # shown to this role only (a department's 待办)


#: The header's links, each shown only to roles that may open it (the page itself checks again).
NAV: tuple[NavItem, ...] = (
    NavItem("/", "首页", "Home", None),
    NavItem("/cases", "案件", "Cases", Permission.VIEW_CASES),
    NavItem("/inbox", "待办", "Inbox", Permission.DEPARTMENT_ACT, Role.DEPARTMENT),
    NavItem("/stations", "联络站", "Stations", Permission.VIEW_FIGURES),
    NavItem("/reports", "统计", "Reports", Permission.VIEW_FIGURES),
    NavItem("/stations/manage", "联络站登记", "Enrollment", Permission.MANAGE_STATIONS),
    NavItem("/reference", "基础资料", "Reference data", Permission.MANAGE_REFERENCE),
    NavItem("/conflicts", "冲突", "Conflicts", Permission.HANDLE_CONFLICTS),
    NavItem("/users", "账号", "Accounts", Permission.MANAGE_USERS),
    NavItem("/audit", "审计", "Audit trail", Permission.READ_AUDIT),
)


def nav_for(viewer: Viewer) -> list[NavItem]:
    return [n for n in NAV if (n.permission is None or can(viewer, n.permission))
            and (n.role is None or viewer.role is n.role)]


# -- control flow: raised by dependencies and pages, answered by ``web`` ---------------------------------------
class Redirect(Exception):
    def __init__(self, url: str, status: int = 303) -> None:
        super().__init__(url)
        self.url, self.status = url, status


class Refused(Exception):
    """A page refused: answered with ``error.html`` in the user's language and ``status``."""

    def __init__(self, status: int, zh: str, en: str, title_zh: str = "", title_en: str = "") -> None:
        super().__init__(en)
        self.status, self.zh, self.en = status, zh, en
        self.title_zh = title_zh or {403: "无权访问", 404: "找不到页面", 400: "请求有误"}.get(status, "出错了")
        self.title_en = title_en or {403: "Not allowed", 404: "Page not found", 400: "Bad request"}.get(
            status, "Something went wrong")


def forbidden() -> Refused:
    return Refused(403, "您的账号没有权限打开这个页面。如需要，请联系县级管理员。",
                   "Your account may not open this page. Ask the county administrator if you need it.")


def csrf_refused() -> Refused:
    return Refused(403, "表单已失效（安全校验未通过），没有保存。请返回上一页，刷新后重新提交。",
                   "The form has expired (security check failed); nothing was saved. Go back, reload the page "
                   "and submit again.", "表单已失效", "Form expired")


# -- the request ---------------------------------------------------------------------------------------------
def console_of(request: Request) -> Console:
    console: Console = request.app.state.console
    return console


def lang_of(request: Request) -> str:
    """``?lang=`` (kept in a cookie by ``web``), then the cookie, then the browser's first language."""
    chosen = getattr(request.state, "lang", None) or request.cookies.get(LANG_COOKIE)
    if chosen in ("zh", "en"):
        return str(chosen)
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


async def _form_csrf(request: Request) -> str | None:
    form = await request.form()
    value = form.get("csrf")
    return value if isinstance(value, str) else None


async def _session(request: Request, *, allow_must_change: bool) -> ConsoleSession:
    cached: ConsoleSession | None = getattr(request.state, "signed_in", None)
    if cached is None:
        console = console_of(request)
        cached = await run_in_threadpool(auth.session_of, console.hub, request.cookies.get(SESSION_COOKIE),
                                         policy=console.settings.policy, now=console.now())
        if cached is None:
            if request.method == "GET":
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                raise Redirect("/signin?next=" + _quote(target))
            raise Redirect("/signin?expired=1")
        request.state.signed_in = cached
        if request.method == "POST" and not auth.csrf_ok(cached.csrf, await _form_csrf(request)):
            raise csrf_refused()
    if cached.must_change and not allow_must_change:
        raise Redirect("/password")
    return cached


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


async def signed_in(request: Request) -> ConsoleSession:
    """Dependency: the valid session (else to the sign-in page); its password already changed; CSRF checked."""
    return await _session(request, allow_must_change=False)


async def signed_in_may_change(request: Request) -> ConsoleSession:
    """As ``signed_in``, for the pages a user who must change their password still reaches."""
    return await _session(request, allow_must_change=True)


async def current_viewer(request: Request) -> Viewer:
    """Dependency: the signed-in person as the access rules see them."""
    return (await signed_in(request)).viewer


def require(permission: Permission) -> Callable[[Request], Awaitable[Viewer]]:
    """Dependency factory: the viewer, if their role has ``permission``; else a 403 page."""

    async def dependency(request: Request) -> Viewer:
        viewer = await current_viewer(request)
        if not can(viewer, permission):
            raise forbidden()
        return viewer

    return dependency


async def record(request: Request, action: str, target: str = "", detail: str = "") -> None:
    """An audit line for what the signed-in viewer just saw, searched, exported or changed."""
    console = console_of(request)
    who: ConsoleSession | None = getattr(request.state, "signed_in", None)
    await run_in_threadpool(auth.audit, console.hub, who.viewer if who else None, action, target, detail,
                            ip=client_ip(request), now=console.now())


# -- rendering -----------------------------------------------------------------------------------------------
def translator(lang: str) -> Callable[[str, str], str]:
    def t(zh: str, en: str) -> str:
        return en if lang == "en" else zh

    return t


def local_time(value: dt.datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return to_local(value).strftime(fmt) if value is not None else ""


def render(request: Request, template: str, context: Mapping[str, Any] | None = None, *,
           status: int = 200) -> HTMLResponse:
    """A page: ``template`` with the header's context (county, viewer, nav, language, CSRF field) and ``context``."""
    console = console_of(request)
    lang = lang_of(request)
    who: ConsoleSession | None = getattr(request.state, "signed_in", None)
    csrf = who.csrf if who else ""
    base: dict[str, Any] = {
        "county_name": console.settings.county_name,
        "lang": lang,
        "t": translator(lang),
        "viewer": who.viewer if who else None,
        "must_change": bool(who and who.must_change),
        "role_label": (lambda role: ROLE_LABELS[role][1 if lang == "en" else 0]),
        "nav": nav_for(who.viewer) if who and not who.must_change else [],
        "path": request.url.path,
        "csrf": csrf,
        "csrf_field": Markup(f'<input type="hidden" name="csrf" value="{escape(csrf)}">'),
        "local_time": local_time,
    }
    base.update(context or {})
    return console.templates.TemplateResponse(request, template, base, status_code=status)
