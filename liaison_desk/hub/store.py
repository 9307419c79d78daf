"""``Hub``: the county hub as one object, for the HTTP API (``app``), the command line (``cli``) and tests.

Each method hands over to the module that does the job (see ``context`` for the map); every public method
is one transaction, or joins the request's own (``session``). Station requests arrive already
authenticated as a ``StationRef``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ..sync.protocol import PULL_PAGE, Change
from . import county, digests, enrollment, hello, pull, push
from .context import DEFAULT_COUNTY, HubContext, StationRef, refused
from .enrollment import new_secret, sha

__all__ = ["DEFAULT_COUNTY", "Hub", "StationRef", "new_secret", "refused", "sha"]


class Hub(HubContext):
    """The county hub over one database (which may hold several counties)."""

    # -- stations (enrollment) ------------------------------------------------------------------------
    def add_station(self, name: str, code: str) -> str:
        return enrollment.add_station(self, name, code)

    def revoke_station(self, code: str) -> None:
        enrollment.revoke_station(self, code)

    def stations(self) -> list[dict[str, Any]]:
        return enrollment.stations(self)

    def enroll(self, token: str, station_id: str, station_code: str, install_id: str) -> dict[str, Any]:
        return enrollment.enroll(self, token, station_id, station_code, install_id)

    def authenticate(self, credential: str | None, *, session: Session | None = None) -> StationRef:
        return enrollment.authenticate(self, credential, session=session)

    def bind_on_hello(self, credential: str | None, station_id: str, install_id: str) -> bool:
        return enrollment.bind_on_hello(self, credential, station_id, install_id)

    def station_for_bundle(self, code: str) -> tuple[StationRef, str]:
        return enrollment.station_for_bundle(self, code)

    # -- a station's round --------------------------------------------------------------------------------
    def hello(self, ref: StationRef, install_id: str, rebootstrap: bool = False,
              outbox_max_seq: int | None = None, *, session: Session | None = None) -> dict[str, Any]:
        return hello.hello(self, ref, install_id, rebootstrap, outbox_max_seq, session=session)

    def push(self, ref: StationRef, install_id: str | None, items: Sequence[Mapping[str, Any]], *,
             session: Session | None = None) -> list[dict[str, Any]]:
        return push.push(self, ref, install_id, items, session=session)

    def pull(self, ref: StationRef, after: int, limit: int = PULL_PAGE, include_own: bool = False, *,
             session: Session | None = None) -> dict[str, Any]:
        return pull.pull(self, ref, after, limit, include_own, session=session)

    # -- digests and repair -----------------------------------------------------------------------------
    def digest(self, ref: StationRef, *, session: Session | None = None) -> dict[str, Any]:
        return digests.digest(self, ref, session=session)

    def check_digests(self, *, fix: bool = False) -> list[dict[str, Any]]:
        return digests.check_digests(self, fix=fix)

    def record_versions(self, ref: StationRef, entity: str) -> list[list[Any]]:
        return digests.record_versions(self, ref, entity)

    def records(self, ref: StationRef, entity: str, ids: list[str]) -> list[dict[str, Any]]:
        return digests.records(self, ref, entity, ids)

    # -- the county's own writes ------------------------------------------------------------------------
    def commit_hub_change(self, s: Session, entity: str, entity_id: str, op: str, fields: Mapping[str, Any],
                          *, scope: uuid.UUID | None, stamp_after: str | None = None) -> Change:
        return county.commit_hub_change(self, s, entity, entity_id, op, fields, scope=scope,
                                        stamp_after=stamp_after)
