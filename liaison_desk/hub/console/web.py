"""The county console as an ASGI app, mounted by ``hub.app`` at ``/`` behind the sync API's ``/v1`` routes.

Page modules are listed once, in ``PAGES``: add yours there. The app answers every failure with a page in the
user's language, never a stack trace: a refusal (403/404/400) with ``error.html``, a form's bad input with the
form itself (the page module does that), anything unexpected with a 500 page (logged).
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ... import paths
from ..context import HubContext
from . import auth
from .deps import (
    LANG_COOKIE,
    SESSION_COOKIE,
    Console,
    ConsoleSettings,
    Redirect,
    Refused,
    console_of,
    lang_of,
    render,
)
from .pages import actions, admin, audit, cases, home, public_status, reports, signin, users

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent

#: Every page module; each has a ``router``. Add yours here (one line).
PAGES = (signin, home, users, audit, cases, actions, admin, public_status, reports)

#: The web font served from the app's own resources (county PCs may lack a CJK font the pages expect; no CDN).
FONTS = {"wenkai.ttf": "LXGWWenKai-Regular.ttf", "OFL.txt": "OFL.txt"}


def console_app(hub: HubContext, settings: ConsoleSettings | None = None) -> FastAPI:
    settings = settings or ConsoleSettings()
    app = FastAPI(title="LiaisonDesk county console", docs_url=None, redoc_url=None, openapi_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.console = Console(hub, settings, templates)

    for module in PAGES:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/fonts/{name}", include_in_schema=False)
    def font(name: str) -> Response:
        if name not in FONTS:
            raise Refused(404, "找不到这个文件。", "No such file.")
        return FileResponse(paths.resource("fonts", FONTS[name]), headers={"Cache-Control": "max-age=2592000"})

    @app.exception_handler(Redirect)
    async def _redirect(_request: Request, exc: Redirect) -> Response:
        return RedirectResponse(exc.url, status_code=exc.status)

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        return await _error_page(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/v1/"):  # the sync API's own unknown paths stay JSON
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        if exc.status_code == 404:
            return await _error_page(request, Refused(404, "没有这个页面。请检查地址，或从上方菜单进入。",
                                                "There is no such page. Check the address or use the menu."))
        if exc.status_code == 405:
            return await _error_page(request, Refused(405, "这个页面不能这样打开，请从菜单进入。",
                                                "This page cannot be opened that way; use the menu."))
        return await _error_page(request, Refused(exc.status_code, "请求没有完成。", "The request was not completed."))

    @app.exception_handler(RequestValidationError)
    async def _malformed(request: Request, exc: RequestValidationError) -> Response:
        log.info("console: malformed request to %s: %s", request.url.path, exc.errors()[:1])
        return await _error_page(request, Refused(400, "地址或表单里有看不懂的内容（例如页码不是数字），请返回重试。",
                                            "The address or form holds something unreadable (a page number "
                                            "that is not a number?); go back and try again."))

    app.add_middleware(BodyCap, max_body=settings.max_body)  # inside the guard: its headers go on the 413 too
    app.add_middleware(ConsoleGuard, max_body=settings.max_body)
    return app


async def _error_page(request: Request, exc: Refused) -> Response:
    if getattr(request.state, "signed_in", None) is None and request.cookies.get(SESSION_COOKIE):
        # a page that failed before its dependencies ran (404): the header still shows who is signed in
        console = console_of(request)
        who = await run_in_threadpool(auth.session_of, console.hub, request.cookies.get(SESSION_COOKIE),
                                      policy=console.settings.policy, now=console.now())
        if who is not None:
            request.state.signed_in = who
    return render(request, "error.html", {"title": exc.title_zh if lang_of(request) == "zh" else exc.title_en,
                                          "message": exc.zh if lang_of(request) == "zh" else exc.en,
                                          "status": exc.status}, status=exc.status)


def _too_large(max_body: int) -> Refused:
    return Refused(413, f"提交的内容太大（上限 {max_body // (1024 * 1024)} MB），没有保存。",
                   f"What was sent is too large (limit {max_body // (1024 * 1024)} MB); nothing was saved.",
                   "内容太大", "Too large")


class _BodyTooLarge(Exception):
    """Raised into the app by :class:`BodyCap`'s ``receive`` once the body passes the cap."""


class BodyCap:
    """Counts a request's body as it arrives (a chunked body has no Content-Length for the guard to check): past
    ``max_body`` the app's next read fails, whatever the app then answers is dropped, and the client gets the 413
    page instead — before sign-in or CSRF checks run and before a multipart part spools more to disk."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0
        over = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, over
            if over:
                raise _BodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    over = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # the app's answer to a failed read (400/500): the 413 below goes out instead
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except _BodyTooLarge:
            pass
        except Exception:
            if not over:
                raise
            log.debug("console: error after a body over the cap", exc_info=True)
        if over and not started:
            log.info("console: body over %d bytes refused on %s %s", self.max_body, scope.get("method"),
                     scope.get("path"))
            response = await _error_page(Request(scope), _too_large(self.max_body))
            await response(scope, receive, send)


class ConsoleGuard(BaseHTTPMiddleware):
    """Around every console request: ``?lang=`` kept in a cookie, a body size cap, headers that keep the pages
    out of frames and caches, and a 500 page (logged) for anything unexpected."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        super().__init__(app)
        self.max_body = max_body

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        lang = request.query_params.get("lang")
        if lang in ("zh", "en"):
            request.state.lang = lang
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            length = 0
        try:
            if length > self.max_body:
                response = await _error_page(request, _too_large(self.max_body))
            else:
                response = await call_next(request)
        except Exception:
            log.exception("console: unexpected error on %s %s", request.method, request.url.path)
            response = await _error_page(request, Refused(500, "县级平台遇到意外问题，这次操作没有完成。已记入日志，请稍后再试或联系管理员。",
                                                    "The hub hit an unexpected problem; this was not done. It is "
                                                    "logged; try again later or tell the administrator."))
        if lang in ("zh", "en"):
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict", path="/")
        if not request.url.path.startswith(("/static/", "/fonts/")):
            response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        # every script, style and font comes from the hub itself (county intranets: no CDN)
        response.headers.setdefault("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
        return response

