"""The hub's tables. Every key starts with the county, so one county's rows sit together (and a big
deployment can shard or partition by it).

- ``hub_counters``: the per-county sequence, one row locked for the whole push, so commit order equals
  sequence order and a pull cursor never skips a row that commits late.
- ``hub_stations``: enrolled stations; only hashes of the enrollment token and of the credential.
- ``hub_changes``: the ledger, keyed by change id: what was accepted (with its sequence number, the pull
  stream) or refused, and the answer given, so a replay gets the same answer.
- ``hub_records``: the merged current copy of every record, with per-field clocks; ``scope`` is the
  station whose replica holds it (NULL: every station of the county).
- ``hub_digests``: per (scope, table) the count and the sum of the records' hashes (``sync.protocol``),
  kept up to date in the transaction that writes the records, so a station's digest is a few rows away
  however many records it holds. ``scope`` is the station's id, or ``SHARED_SCOPE`` for county-wide data.
- ``hub_conflicts``: losing values and suspicious pushes, for county staff.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    BigInteger,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

HLC_LEN = 48
#: ``hub_digests.scope`` of county-wide records (``hub_records.scope`` NULL): a key column cannot be NULL.
SHARED_SCOPE = uuid.UUID(int=0)


class HubBase(DeclarativeBase):
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    })
    if TYPE_CHECKING:
        # every model here is a plain table (no inheritance, no mapping to a join): Core statements take it
        __table__: ClassVar[Table]


class Counter(HubBase):
    __tablename__ = "hub_counters"
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hlc_last: Mapped[str | None] = mapped_column(String(HLC_LEN))


class HubStation(HubBase):
    """A station of the county. ``station_uuid`` is its own ``stations`` record id, bound at enrollment."""

    __tablename__ = "hub_stations"
    __table_args__ = (UniqueConstraint("county_id", "station_uuid"),)
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    station_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    enroll_hash: Mapped[str | None] = mapped_column(String(64))
    credential_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    bundle_key: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    install_id: Mapped[str | None] = mapped_column(String(36))
    last_outbox_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN))
    last_cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LedgerEntry(HubBase):
    __tablename__ = "hub_changes"
    __table_args__ = (
        UniqueConstraint("county_id", "seq"),
        Index("ix_hub_changes_scope_seq", "county_id", "scope", "seq"),
        Index("ix_hub_changes_station_seq", "county_id", "station_code", "install_id", "station_seq"),
    )
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    change_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int | None] = mapped_column(BigInteger)  # accepted changes only: the pull stream
    station_code: Mapped[str | None] = mapped_column(String(8))  # NULL: written at the hub
    install_id: Mapped[str | None] = mapped_column(String(36))
    station_seq: Mapped[int | None] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    scope: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    result: Mapped[str] = mapped_column(Text)  # the JSON answer given, returned again on a replay
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)


class HubRecord(HubBase):
    __tablename__ = "hub_records"
    __table_args__ = (
        Index("ix_hub_records_scope", "county_id", "scope", "entity"),
        Index("ix_hub_records_label", "county_id", "entity", "label"),
        Index("ix_hub_records_parent", "county_id", "parent_id"),
    )
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    owner: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the station that may change it; NULL: the county
    scope: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the station that holds it; NULL: all stations
    label: Mapped[str | None] = mapped_column(String(100))  # case number, department name…: lookups by staff
    parent_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # a case event's case
    origin_station_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    created_hlc: Mapped[str] = mapped_column(String(HLC_LEN))
    hlc: Mapped[str] = mapped_column(String(HLC_LEN))
    deleted_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN))
    fields: Mapped[str] = mapped_column(Text)  # JSON, values spelled as in payloads
    field_hlcs: Mapped[str] = mapped_column(Text, default="{}")


class HubDigest(HubBase):
    __tablename__ = "hub_digests"
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[str] = mapped_column(String(64))  # hex, mod 2^256


class HubConflict(HubBase):
    __tablename__ = "hub_conflicts"
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # field | hash_mismatch
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    field: Mapped[str | None] = mapped_column(String(60))
    kept_value: Mapped[str | None] = mapped_column(Text)
    kept_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN))
    lost_value: Mapped[str | None] = mapped_column(Text)
    lost_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN))
    change_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    station_code: Mapped[str | None] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text, default="")
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime)
    seen: Mapped[int] = mapped_column(Integer, default=0)
