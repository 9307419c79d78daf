"""The console's audit trail (审计), for county administrators: newest first, 50 lines a page. Reading it is
itself recorded."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ....domain.access import Permission, Viewer
from .. import auth
from ..deps import console_of, record, render, require

router = APIRouter()
PER_PAGE = 50

#: what each action means, for the page (others' actions show as their code until added here)
ACTIONS: dict[str, tuple[str, str]] = {
    "signin": ("登录", "signed in"),
    "signin_failed": ("登录失败", "sign-in failed"),
    "signin_throttled": ("登录被暂停", "sign-in held back"),
    "signout": ("退出", "signed out"),
    "password_change": ("修改密码", "changed password"),
    "user_add": ("新增账号", "added account"),
    "user_reset": ("重置密码", "reset password"),
    "user_deactivate": ("停用账号", "deactivated account"),
    "user_activate": ("启用账号", "reactivated account"),
    "users_view": ("查看账号列表", "viewed accounts"),
    "audit_view": ("查看审计记录", "viewed the audit trail"),
    "case_search": ("搜索/筛选案件", "searched cases"),
    "case_view": ("查看案件", "viewed a case"),
    "case_refused": ("打开无权查看的案件", "opened a case not theirs"),
}


@router.get("/audit", response_class=HTMLResponse)
async def audit_trail(request: Request, viewer: Annotated[Viewer, Depends(require(Permission.READ_AUDIT))],
                      page: int = 1, user: str = "", action: str = "") -> HTMLResponse:
    page = max(1, page)
    await record(request, "audit_view", f"page {page}", " ".join(x for x in (user, action) if x))
    rows, total = await run_in_threadpool(auth.audit_page, console_of(request).hub, page=page, per_page=PER_PAGE,
                                          user=user.strip() or None, action=action.strip() or None)
    pages = max(1, (total + PER_PAGE - 1) // PER_PAGE)
    return render(request, "audit.html", {"rows": rows, "total": total, "page": min(page, pages), "pages": pages,
                                          "user": user, "action": action, "actions": ACTIONS})
