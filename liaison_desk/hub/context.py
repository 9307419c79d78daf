"""What every hub module works on: one database (which may hold several counties), the county this hub
object serves, and the wall clock its HLC reads (tests give the hub its own).

The hub is split by job; each module is plain functions over a ``HubContext``:

- ``enrollment``: stations, one-time tokens, credentials, authentication;
- ``hello``: the first message of a round (restored or copied databases);
- ``push``: a station's changes into the ledger and the merged records (what it may write: ``scope``);
- ``pull``: the accepted changes a station may read, in sequence order;
- ``digests``: per-table digests kept up to date, their health check, the reads a repair makes;
- ``county``: what county staff write (reference data, replies, supervision) and export;
- ``records`` (merging into ``hub_records``), ``clock`` (the hub's HLC), ``sql`` (bulk statements): the
  pieces the jobs share;
- ``store.Hub``: one object with a method per job, for the HTTP API and the command line.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..sync.protocol import SyncRefused

DEFAULT_COUNTY = "default"

#: Milliseconds since the epoch: the wall time the hub's clock reads.
Wall = Callable[[], int]


def refused(code: str, zh: str, en: str) -> SyncRefused:
    """The hub's refusal of a station's request (the station shows the message as it is)."""
    return SyncRefused(code, zh, message_en=en)


@dataclass(frozen=True)
class StationRef:
    """An authenticated station: what every station request runs as."""

    county: str
    code: str
    station_uuid: uuid.UUID
    install_id: str | None
    #: the station's row as read and locked by ``authenticate`` in the request's own transaction (hello and
    #: push use it instead of reading it again); None when the ref was not made that way
    locked: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)


class HubContext:
    """The county hub over one database."""

    def __init__(self, engine: Engine, county: str = DEFAULT_COUNTY, *, wall: Wall | None = None) -> None:
        self.engine = engine
        self.county = county
        self.wall = wall  # None: the system clock

    @contextmanager
    def tx(self, session: Session | None = None) -> Iterator[Session]:
        """One transaction; given the request's own ``session``, the work joins that transaction."""
        if session is not None:
            yield session
            return
        with Session(self.engine, expire_on_commit=False) as s, s.begin():
            yield s
