"""The hub's HTTP API (FastAPI). Interactive documentation at ``/docs``.

Every request body carries ``protocol``; stations authenticate with ``Authorization: Bearer <credential>``.
Refusals are JSON ``{"error": {"code", "message_zh", "message_en"}}`` with a 4xx status; a push answers
200 with one result per change, so one bad change never blocks the others.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from .. import __version__
from ..domain.errors import DomainError
from ..sync.protocol import (
    PROTOCOL_VERSION,
    ProtocolError,
    SyncRefused,
    bad_message,
    canonical_uuid,
    check_version,
    refusal_body,
)
from .console.deps import ConsoleSettings
from .console.web import console_app
from .context import StationRef
from .limits import HubLimits, LimitExceeded, Limits, too_many
from .store import Hub

log = logging.getLogger(__name__)


class _Msg(BaseModel):
    model_config = ConfigDict(extra="allow")
    protocol: int | None = Field(None, description=f"protocol version; this hub speaks {PROTOCOL_VERSION}")


class EnrollIn(_Msg):
    token: str = Field("", description="the one-time enrollment token printed by `add-station`")
    station_id: str = ""
    station_code: str = ""
    install_id: str = ""


class HelloIn(_Msg):
    install_id: str = ""
    rebootstrap: bool = False
    outbox_max_seq: int | None = None
    station_id: str = Field("", description="the station database's id: binds a station enrolled by file")


class PullIn(_Msg):
    after: int = 0
    limit: int = 1000
    include_own: bool = False


class PushPull(BaseModel):
    after: int = 0
    limit: int = 1000
    include_own: bool = False


class PushIn(_Msg):
    install_id: str = ""
    changes: list[dict[str, Any]] = Field(default_factory=list,
                                          description="outbox rows: change_id, seq, payload, payload_hash")
    pull: PushPull | None = Field(None, description="optional: also answer the pull that follows this push "
                                  "(the station's last batch), read after the push committed; saves a request")


class RecordsIn(_Msg):
    entity: str = ""
    ids: list[str] = Field(default_factory=list)


STATUS = {"protocol_version": 426, "bad_message": 400, "bad_hash": 400, "not_enrolled": 401, "bad_token": 401,
          "replica_forked": 409, "install_replaced": 409}


class FastJSON(Response):
    """The hub's answers are plain JSON already (str, int, list, dict): encode them once with ``json``
    instead of walking a 1,000-item push answer or pull page through FastAPI's generic encoder."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


#: Requests served at once per worker (FastAPI runs them on a thread pool; its default is 40). Python runs one
#: thread at a time, so more threads only trade CPU for switching: the rest wait their turn in the event loop.
DEFAULT_THREADS = 8


def create_app(hub: Hub, threads: int | None = None, limits: Limits | None = None,
               console: ConsoleSettings | None = None) -> FastAPI:
    """``limits``: body size, JSON shape, rate and memory limits (``limits.py``; defaults for a county).
    ``console``: the county console's settings (``console.deps.ConsoleSettings``), served at ``/``."""
    limits = limits or Limits()
    threads = threads or int(os.environ.get("LIAISON_HUB_THREADS") or DEFAULT_THREADS)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        from anyio import to_thread

        to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(title="LiaisonDesk county hub", version=__version__, lifespan=lifespan,
                  description="县级平台：联络站数据汇集与下发 — the county hub that stations sync with.")

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        if isinstance(exc, LimitExceeded):
            log.warning("refused %s: %s %s (%s)", _request.url.path, exc.status, exc.code, exc.message_en)
            return JSONResponse(refusal_body(exc), status_code=exc.status)
        status = STATUS.get(exc.code, 403 if isinstance(exc, SyncRefused) else 400 if isinstance(exc, ProtocolError)
                            else 422)
        return JSONResponse(refusal_body(exc), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _malformed(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(refusal_body(bad_message(str(exc.errors()[:1]))), status_code=400)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected hub error", exc_info=exc)
        err = DomainError("hub_error", "县级平台内部错误，稍后会自动重试。", message_en="Internal hub error; will retry.")
        return JSONResponse(refusal_body(err), status_code=500)

    def station(authorization: str | None, body: _Msg, s: Session | None = None) -> StationRef:
        check_version({"protocol": body.protocol})
        token = authorization[7:] if authorization and authorization.startswith("Bearer ") else None
        return hub.authenticate(token, session=s)

    def as_station(authorization: str | None, body: _Msg, work: Callable[[StationRef, Session], Any]) -> Any:
        """The credential is checked in the request's own transaction: one transaction per request."""
        check_version({"protocol": body.protocol})
        with hub.tx() as s:
            return work(station(authorization, body, s), s)

    @app.get("/v1/info")
    def info() -> dict:
        """Which protocol this hub speaks (no authentication)."""
        return {"protocol": PROTOCOL_VERSION, "version": __version__}

    @app.post("/v1/enroll")
    def enroll(body: EnrollIn) -> dict:
        """Exchange the one-time enrollment token for the station's credential."""
        check_version(body.model_dump())
        return hub.enroll(body.token, body.station_id, body.station_code, body.install_id)

    @app.post("/v1/hello", response_class=FastJSON)
    def hello(body: HelloIn, authorization: str | None = Header(None)) -> FastJSON:
        """First message of a round: protocol check and the hub's view of this station."""
        def work(ref: StationRef, s: Session) -> dict:
            try:
                named = canonical_uuid(body.station_id) if body.station_id else None
            except ValueError:
                raise bad_message("station_id is not an id") from None
            if named is not None and named != str(ref.station_uuid):
                raise SyncRefused("station_mismatch", "这个数据库不是县级平台为本站登记的那一个（登记文件被用在了"
                                  "第二台电脑上？），不能同步。本机数据没有改动，请联系县人大代表工委。",
                                  message_en="This database is not the one the hub enrolled for the station "
                                  "(the enrollment file used on a second PC?); nothing here was changed.")
            return hub.hello(ref, body.install_id, body.rebootstrap, body.outbox_max_seq, session=s)

        def answer():
            return as_station(authorization, body, work)

        try:
            return FastJSON(answer())
        except SyncRefused as exc:
            # a station enrolled by file and not bound yet: its first hello binds it, as a first bundle would
            token = authorization[7:] if authorization and authorization.startswith("Bearer ") else None
            if exc.code != "not_enrolled" or not body.station_id or not hub.bind_on_hello(
                    token, body.station_id, body.install_id):
                raise
            return FastJSON(answer())

    @app.post("/v1/push", response_class=FastJSON)
    def push(body: PushIn, authorization: str | None = Header(None)) -> FastJSON:
        """A batch of outbox changes; one result per change (accepted, or rejected with a reason)."""
        check_version({"protocol": body.protocol})
        if len(body.changes) > limits.max_items:  # before any transaction
            raise too_many("变更", "changes", len(body.changes), limits.max_items)
        # one connection for both transactions; objects expire at the push's commit, so the pull reads
        # the station's row afresh
        with hub.engine.connect() as conn, Session(bind=conn) as s:
            with s.begin():
                ref = station(authorization, body, s)
                answer: dict[str, Any] = {"results": hub.push(ref, body.install_id, body.changes, session=s)}
            if body.pull is not None:  # a transaction of its own, after the push committed
                with s.begin():
                    answer["pull"] = hub.pull(ref, body.pull.after, body.pull.limit, body.pull.include_own,
                                              session=s)
        return FastJSON(answer)

    @app.post("/v1/pull", response_class=FastJSON)
    def pull(body: PullIn, authorization: str | None = Header(None)) -> FastJSON:
        """Changes in the station's scope after the cursor ``after``, in sequence order."""
        return FastJSON(as_station(authorization, body, lambda ref, s: hub.pull(
            ref, body.after, body.limit, body.include_own, session=s)))

    @app.post("/v1/digest")
    def digest(body: _Msg, authorization: str | None = Header(None)) -> dict:
        """Per-table digests of the station's replica as the hub holds it."""
        return as_station(authorization, body, lambda ref, s: hub.digest(ref, session=s))

    @app.post("/v1/records/versions")
    def versions(body: RecordsIn, authorization: str | None = Header(None)) -> dict:
        """(id, hlc, deleted_hlc) of every record of one table in the station's scope (for repair)."""
        return {"versions": hub.record_versions(station(authorization, body), body.entity)}

    @app.post("/v1/records/get")
    def records(body: RecordsIn, authorization: str | None = Header(None)) -> dict:
        """Full copies of records (for repair); records of other stations are refused."""
        if len(body.ids) > limits.max_ids:
            raise too_many("记录编号", "ids", len(body.ids), limits.max_ids)
        return {"records": hub.records(station(authorization, body), body.entity, body.ids)}

    # the county console's pages (issue 15): every path the sync API does not answer; the limits below
    # concern the sync API's /v1 routes only (the console checks its own forms)
    app.mount("/", console_app(hub, console))
    app.add_middleware(HubLimits, hub=hub, limits=limits)  # outermost but for the error middleware
    return app


def app_from_env():  # pragma: no cover - for `uvicorn --factory liaison_desk.hub.app:app_from_env`
    """One worker's app (``liaison-desk-hub serve --workers N``): its own engine, with a pool of
    ``$LIAISON_HUB_POOL`` connections (+ as many overflow), so N workers stay within the server's limit."""
    from .database import make_engine

    pool = int(os.environ.get("LIAISON_HUB_POOL", "20"))
    return create_app(Hub(make_engine(os.environ["LIAISON_HUB_DB"], pool_size=pool),
                          os.environ.get("LIAISON_HUB_COUNTY", "default")),
                      console=ConsoleSettings(county_name=os.environ.get("LIAISON_HUB_COUNTY_NAME") or "县级平台"))
