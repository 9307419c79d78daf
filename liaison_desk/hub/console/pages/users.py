"""Console accounts (账号): the list, adding one (its one-time password shown once), deactivating, resetting."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ....domain.access import ROLE_LABELS, Permission, Role, Viewer
from ....domain.errors import DomainError
from .. import auth
from ..deps import Redirect, Refused, client_ip, console_of, lang_of, record, render, require

router = APIRouter()
Manager = Annotated[Viewer, Depends(require(Permission.MANAGE_USERS))]
FormText = Annotated[str, Form()]


async def _list_page(request: Request, *, form: dict[str, str] | None = None, errors: dict[str, str] | None = None,
                     status: int = 200) -> HTMLResponse:
    console = console_of(request)
    rows = await run_in_threadpool(auth.users, console.hub)
    departments = await run_in_threadpool(auth.departments, console.hub)
    return render(request, "users.html", {
        "users": rows, "roles": [(r.value, ROLE_LABELS[r]) for r in Role], "departments": departments,
        "form": form or {"role": Role.COUNTY_STAFF.value}, "errors": errors or {},
    }, status=status)


@router.get("/users", response_class=HTMLResponse)
async def users(request: Request, viewer: Manager) -> HTMLResponse:
    await record(request, "users_view")
    return await _list_page(request)


@router.post("/users", response_class=HTMLResponse)
async def add_user(request: Request, viewer: Manager, name: FormText = "", role: FormText = "",
                   township: FormText = "", department: FormText = "") -> Response:
    console = console_of(request)
    form = {"name": name, "role": role, "township": township, "department": department}
    try:
        password = await run_in_threadpool(auth.add_user, console.hub, name, role, township, department, by=viewer,
                                           ip=client_ip(request), now=console.now())
    except DomainError as exc:
        return await _list_page(request, form=form, errors={exc.field or "name": exc.localized(lang_of(request))},
                                status=400)
    return render(request, "one_time_password.html", {"name": name.strip(), "password": password, "new": True})


def _user_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise Refused(404, "没有这个账号。", "No such account.") from None


@router.post("/users/{user_id}/reset", response_class=HTMLResponse)
async def reset(request: Request, user_id: str, viewer: Manager) -> Response:
    console = console_of(request)
    ident = _user_id(user_id)
    try:
        password = await run_in_threadpool(auth.reset_password, console.hub, user_id=ident, by=viewer,
                                           ip=client_ip(request), now=console.now())
    except DomainError as exc:
        raise Refused(404, exc.message, exc.message_en) from None
    names = {u.id: u.name for u in await run_in_threadpool(auth.users, console.hub)}
    return render(request, "one_time_password.html", {"name": names.get(ident, ""), "password": password,
                                                      "new": False})


@router.post("/users/{user_id}/active")
async def set_active(request: Request, user_id: str, viewer: Manager,
                     active: FormText = "0") -> Response:
    console = console_of(request)
    try:
        await run_in_threadpool(auth.set_active, console.hub, _user_id(user_id), active == "1", by=viewer,
                                ip=client_ip(request), now=console.now())
    except DomainError as exc:
        if exc.code == "unknown_user":
            raise Refused(404, exc.message, exc.message_en) from None
        return await _list_page(request, errors={"list": exc.localized(lang_of(request))}, status=400)
    raise Redirect("/users")
