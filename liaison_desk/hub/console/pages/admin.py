"""The console's administration pages (issue 15), over the services of ``console.admin``:

- ``/reference``: deputies, departments, categories and holidays as lists with add / edit / deactivate forms
  (county admin and county staff); every change reaches the stations at their next sync;
- ``/stations/manage``: adding a station (its one-time token shown once, and the USB enrollment file), a new
  token, revoking (after a confirm page), taking back a forked copy; the hub key's fingerprint for the slip
  (county admin);
- ``/conflicts``: sync conflicts in words, each marked 已处理 with a note (county admin and county staff).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ....domain import reference_forms as forms
from ....domain.access import Permission, Viewer
from ....domain.errors import DomainError
from ....domain.vocab import DEPUTY_LEVELS
from .. import admin
from ..deps import Redirect, Refused, client_ip, console_of, lang_of, record, render, require

router = APIRouter()
RefKeeper = Annotated[Viewer, Depends(require(Permission.MANAGE_REFERENCE))]
StationKeeper = Annotated[Viewer, Depends(require(Permission.MANAGE_STATIONS))]
ConflictKeeper = Annotated[Viewer, Depends(require(Permission.HANDLE_CONFLICTS))]
FormText = Annotated[str, Form()]


def _errors(exc: DomainError, lang: str) -> dict[str, str]:
    if isinstance(exc, forms.FormErrors):
        return {name: err.localized(lang) for name, err in exc.errors.items()}
    return {exc.field or "form": exc.localized(lang)}


def _entity(entity: str) -> str:
    if entity not in forms.FORMS:
        raise Refused(404, "没有这种基础资料。", "There is no such reference list.")
    return entity


async def _form_of(request: Request, entity: str) -> dict[str, str]:
    data = await request.form()
    return {f.name: str(data.get(f.name) or "") for f in forms.FORMS[entity]}


# -- reference data ------------------------------------------------------------------------------------------
async def _reference_page(request: Request, entity: str, *, form: Mapping[str, str] | None = None,
                          errors: Mapping[str, str] | None = None, status: int = 200,
                          done: str = "") -> HTMLResponse:
    rows = await run_in_threadpool(admin.reference_list, console_of(request).hub, entity)
    blank = {"livelihood": "1"} if entity == "categories" else {}
    return render(request, "reference.html", {
        "entity": entity, "entities": forms.ENTITIES, "fields": forms.FORMS[entity], "rows": rows,
        "has_active": entity in forms.HAS_ACTIVE, "form": form if form is not None else blank,
        "errors": errors or {}, "done": done, "levels": DEPUTY_LEVELS, "day_kinds": forms.DAY_KINDS_WORDS,
    }, status=status)


@router.get("/reference", response_class=HTMLResponse)
async def reference_home(request: Request, viewer: RefKeeper) -> HTMLResponse:
    raise Redirect("/reference/deputies")


@router.get("/reference/{entity}", response_class=HTMLResponse)
async def reference_list(request: Request, entity: str, viewer: RefKeeper, done: str = "") -> HTMLResponse:
    _entity(entity)
    await record(request, "reference_view", entity)
    return await _reference_page(request, entity, done=done[:40])


@router.post("/reference/{entity}", response_class=HTMLResponse)
async def reference_add(request: Request, entity: str, viewer: RefKeeper) -> Response:
    _entity(entity)
    console = console_of(request)
    values = await _form_of(request, entity)
    try:
        await run_in_threadpool(admin.add_reference, console.hub, viewer, entity, values, ip=client_ip(request),
                                now=console.now())
    except DomainError as exc:
        return await _reference_page(request, entity, form=values, errors=_errors(exc, lang_of(request)), status=400)
    raise Redirect(f"/reference/{entity}?done=added")


def _one(hub: Any, entity: str, ident: str) -> admin.RefRow:
    try:
        return admin.reference_one(hub, entity, ident)
    except DomainError as exc:
        raise Refused(404, exc.message, exc.message_en) from None


async def _edit_page(request: Request, entity: str, row: admin.RefRow, *, form: Mapping[str, str] | None = None,
                     errors: Mapping[str, str] | None = None, status: int = 200) -> HTMLResponse:
    return render(request, "reference_edit.html", {
        "entity": entity, "entities": forms.ENTITIES, "fields": forms.FORMS[entity], "row": row,
        "form": form if form is not None else {f.name: row.value(f.name) for f in forms.FORMS[entity]},
        "errors": errors or {}, "has_active": entity in forms.HAS_ACTIVE,
    }, status=status)


@router.get("/reference/{entity}/{ident}", response_class=HTMLResponse)
async def reference_edit_form(request: Request, entity: str, ident: str, viewer: RefKeeper) -> HTMLResponse:
    _entity(entity)
    row = await run_in_threadpool(_one, console_of(request).hub, entity, ident)
    await record(request, "reference_view", f"{entity}:{ident}")
    return await _edit_page(request, entity, row)


@router.post("/reference/{entity}/{ident}", response_class=HTMLResponse)
async def reference_edit(request: Request, entity: str, ident: str, viewer: RefKeeper) -> Response:
    _entity(entity)
    console = console_of(request)
    row = await run_in_threadpool(_one, console.hub, entity, ident)
    values = await _form_of(request, entity)
    try:
        await run_in_threadpool(admin.edit_reference, console.hub, viewer, entity, ident, values,
                                ip=client_ip(request), now=console.now())
    except DomainError as exc:
        return await _edit_page(request, entity, row, form=values, errors=_errors(exc, lang_of(request)), status=400)
    raise Redirect(f"/reference/{entity}?done=saved")


@router.post("/reference/{entity}/{ident}/active", response_class=HTMLResponse)
async def reference_active(request: Request, entity: str, ident: str, viewer: RefKeeper,
                           active: FormText = "0") -> Response:
    _entity(entity)
    console = console_of(request)
    await run_in_threadpool(_one, console.hub, entity, ident)
    try:
        await run_in_threadpool(admin.set_reference_active, console.hub, viewer, entity, ident, active == "1",
                                ip=client_ip(request), now=console.now())
    except DomainError as exc:
        return await _reference_page(request, entity, errors=_errors(exc, lang_of(request)), status=400)
    raise Redirect(f"/reference/{entity}?done={'activated' if active == '1' else 'deactivated'}")


# -- stations ------------------------------------------------------------------------------------------------
async def _stations_page(request: Request, *, form: Mapping[str, str] | None = None,
                         errors: Mapping[str, str] | None = None, status: int = 200, done: str = "") -> HTMLResponse:
    hub = console_of(request).hub
    rows = await run_in_threadpool(admin.station_list, hub)
    fingerprint = await run_in_threadpool(admin.fingerprint, hub)
    return render(request, "stations_manage.html", {"rows": rows, "fingerprint": fingerprint, "form": form or {},
                                                    "errors": errors or {}, "done": done}, status=status)


@router.get("/stations/manage", response_class=HTMLResponse)
async def stations_manage(request: Request, viewer: StationKeeper, done: str = "") -> HTMLResponse:
    await record(request, "stations_manage_view")
    return await _stations_page(request, done=done[:20])


def _hub_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def _token_page(request: Request, code: str, token: str, *, fresh: bool, fork: bool = False) -> HTMLResponse:
    hub = console_of(request).hub
    row = await run_in_threadpool(admin.station, hub, code)
    fingerprint = await run_in_threadpool(admin.fingerprint, hub)
    return render(request, "station_token.html", {"station": row, "token": token, "fresh": fresh, "fork": fork,
                                                  "fingerprint": fingerprint, "hub_url": _hub_url(request)})


@router.post("/stations/manage", response_class=HTMLResponse)
async def station_add(request: Request, viewer: StationKeeper, name: FormText = "", code: FormText = "") -> Response:
    console = console_of(request)
    form = {"name": name, "code": code}
    try:
        token = await run_in_threadpool(admin.add_station, console.hub, viewer, name, code, ip=client_ip(request),
                                        now=console.now())
    except DomainError as exc:
        return await _stations_page(request, form=form, errors=_errors(exc, lang_of(request)), status=400)
    return await _token_page(request, code, token, fresh=True)


def _station_or_404(hub: Any, code: str) -> admin.StationRow:
    try:
        return admin.station(hub, code)
    except DomainError as exc:
        raise Refused(404, exc.message, exc.message_en) from None


@router.post("/stations/manage/{code}/token", response_class=HTMLResponse)
async def station_token(request: Request, code: str, viewer: StationKeeper) -> Response:
    console = console_of(request)
    await run_in_threadpool(_station_or_404, console.hub, code)
    token = await run_in_threadpool(admin.new_token, console.hub, viewer, code, ip=client_ip(request),
                                    now=console.now())
    return await _token_page(request, code, token, fresh=False)


@router.post("/stations/manage/{code}/file")
async def station_file(request: Request, code: str, viewer: StationKeeper, hub_url: FormText = "") -> Response:
    console = console_of(request)
    await run_in_threadpool(_station_or_404, console.hub, code)
    try:
        text, name = await run_in_threadpool(admin.enrollment_file, console.hub, viewer, code, hub_url,
                                             ip=client_ip(request), now=console.now())
    except DomainError as exc:
        return await _stations_page(request, errors={"file": exc.localized(lang_of(request))}, status=400)
    return Response(text.encode("utf-8"), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/stations/manage/{code}/revoke", response_class=HTMLResponse)
async def station_revoke_confirm(request: Request, code: str, viewer: StationKeeper) -> HTMLResponse:
    row = await run_in_threadpool(_station_or_404, console_of(request).hub, code)
    return render(request, "station_confirm.html", {"station": row, "what": "revoke", "status": None})


@router.post("/stations/manage/{code}/revoke", response_class=HTMLResponse)
async def station_revoke(request: Request, code: str, viewer: StationKeeper) -> Response:
    console = console_of(request)
    row = await run_in_threadpool(_station_or_404, console.hub, code)
    await run_in_threadpool(admin.revoke_station, console.hub, viewer, row.code, ip=client_ip(request),
                            now=console.now())
    raise Redirect("/stations/manage?done=revoked")


@router.get("/stations/manage/{code}/fork", response_class=HTMLResponse)
async def station_fork_confirm(request: Request, code: str, viewer: StationKeeper) -> HTMLResponse:
    hub = console_of(request).hub
    row = await run_in_threadpool(_station_or_404, hub, code)
    status = await run_in_threadpool(admin.fork_status, hub, row.code)
    await record(request, "station_fork_view", row.code)
    return render(request, "station_confirm.html", {"station": row, "what": "fork", "status": status})


@router.post("/stations/manage/{code}/fork", response_class=HTMLResponse)
async def station_fork(request: Request, code: str, viewer: StationKeeper) -> Response:
    console = console_of(request)
    row = await run_in_threadpool(_station_or_404, console.hub, code)
    try:
        token = await run_in_threadpool(admin.resolve_fork, console.hub, viewer, row.code, ip=client_ip(request),
                                        now=console.now())
    except DomainError as exc:
        status = await run_in_threadpool(admin.fork_status, console.hub, row.code)
        return render(request, "station_confirm.html", {"station": row, "what": "fork", "status": status,
                                                        "error": exc.localized(lang_of(request))}, status=400)
    return await _token_page(request, row.code, token, fresh=False, fork=True)


# -- conflicts -----------------------------------------------------------------------------------------------
async def _conflicts_page(request: Request, viewer: Viewer, show_all: bool, *, errors: Mapping[str, str] | None = None,
                          status: int = 200, done: bool = False) -> HTMLResponse:
    rows, open_count = await run_in_threadpool(admin.conflicts, console_of(request).hub, viewer, lang_of(request),
                                               include_handled=show_all)
    return render(request, "conflicts.html", {"rows": rows, "open_count": open_count, "show_all": show_all,
                                              "errors": errors or {}, "done": done}, status=status)


@router.get("/conflicts", response_class=HTMLResponse)
async def conflicts(request: Request, viewer: ConflictKeeper, all: str = "", done: str = "") -> HTMLResponse:
    await record(request, "conflicts_view", "all" if all == "1" else "open")
    return await _conflicts_page(request, viewer, all == "1", done=done == "1")


@router.post("/conflicts/{conflict_id}/handled", response_class=HTMLResponse)
async def conflict_handled(request: Request, conflict_id: str, viewer: ConflictKeeper,
                           note: FormText = "") -> Response:
    console = console_of(request)
    try:
        await run_in_threadpool(admin.mark_handled, console.hub, viewer, conflict_id, note, ip=client_ip(request),
                                now=console.now())
    except DomainError as exc:
        if exc.code == "not_found":
            raise Refused(404, exc.message, exc.message_en) from None
        return await _conflicts_page(request, viewer, False, errors={conflict_id: exc.localized(lang_of(request))},
                                     status=400)
    raise Redirect("/conflicts?done=1")
