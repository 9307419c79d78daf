"""The console's read model of cases (issue 15): ``hub_case_index``, one row per live case, kept up to date in
the transaction that writes the case, its events or the names it shows (``hub.console.index``).

Names (station, township, village, category, department) are stored on the row next to their ids, so the
queue, its filters and its count read one table with no join; a rename rewrites the rows that carry the
old name (by the id's index), which is rare next to reads.

The row is kept narrow (~250 bytes) so that lists and counts over many rows read few pages; the home tiles
and the township and overdue lists have partial indexes over the open cases (a fifth of them), which their
counts read alone (index-only scans on PostgreSQL).

What is searched lives in a table of its own, ``hub_case_search`` (one row per indexed case, written with
it): ``search_text`` (case number, summary, content, village, lower-cased) and on PostgreSQL
``search_tokens``, its characters and overlapping character pairs (as the desk's FTS5 index does:
``domain.textsearch``) under a GIN index, so a two-character word (灌溉, 路灯) is one array lookup; SQLite (a
laptop's hub) scans ``search_text`` with LIKE. The row repeats what a search is sorted and narrowed by
without the case index (registration time, township, department: the role filters), so a search's count
and first page read this table alone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    literal_column,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

from ..schema import HubBase


class Tokens(TypeDecorator[list[str]]):
    """A list of search tokens: ``text[]`` on PostgreSQL (under a GIN index), unused (NULL) elsewhere."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.ARRAY(Text))
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return None  # SQLite searches search_text

    def process_result_value(self, value: Any, dialect: Dialect) -> list[str] | None:
        return list(value) if isinstance(value, list) else None


#: the open statuses (``domain.workflow.OPEN_STATUSES``), spelled out for the partial indexes' predicate (a
#: migration's index must not change when the domain's set is edited: a test checks they agree)
OPEN_STATUS_VALUES = ("accepted", "assigned", "followed_up", "in_progress", "registered", "reopened", "replied")
OPEN_PREDICATE = "status IN ({})".format(", ".join(f"'{v}'" for v in OPEN_STATUS_VALUES))


class CaseIndexRow(HubBase):
    __tablename__ = "hub_case_index"
    __table_args__ = (
        Index("ix_hub_case_index_number", "county_id", "case_no"),
        Index("ix_hub_case_index_registered", "county_id", "registered_at", "case_id"),
        # a status's cases (accepted, replied, followed up: three tiles) counted from the index alone
        Index("ix_hub_case_index_status", "county_id", "status", "registered_at",
              postgresql_include=["satisfaction", "township", "department"]),
        # the open cases (a fifth of a county's): the open, overdue and due-soon tiles and the overdue list in
        # its order (deadline first, then the newest), counted from the index alone on PostgreSQL
        Index("ix_hub_case_index_open_deadline", "county_id", "deadline", text("registered_at DESC"),
              text("case_id DESC"), postgresql_include=["township", "department"],
              postgresql_where=literal_column(OPEN_PREDICATE), sqlite_where=literal_column(OPEN_PREDICATE)),
        # a township's open cases, newest first
        Index("ix_hub_case_index_open_township", "county_id", "township", "registered_at",
              postgresql_where=literal_column(OPEN_PREDICATE), sqlite_where=literal_column(OPEN_PREDICATE)),
        # 红色/重点督办: few cases, their own index
        Index("ix_hub_case_index_red_or_key", "county_id", "registered_at",
              postgresql_include=["township", "department"],
              postgresql_where=literal_column(f"{OPEN_PREDICATE} AND (triage = 'red' OR key_supervision)"),
              sqlite_where=literal_column(f"{OPEN_PREDICATE} AND (triage = 'red' OR key_supervision)")),
        Index("ix_hub_case_index_station", "county_id", "station_id", "registered_at"),
        Index("ix_hub_case_index_township", "county_id", "township", "registered_at"),
        Index("ix_hub_case_index_department", "county_id", "department", "registered_at"),
        Index("ix_hub_case_index_department_id", "county_id", "department_id"),
        Index("ix_hub_case_index_village_id", "county_id", "village_id"),
        Index("ix_hub_case_index_category", "county_id", "category_id", "registered_at"),
    )
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(40))
    station_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    station_code: Mapped[str] = mapped_column(String(8), default="")
    station_name: Mapped[str] = mapped_column(String(100), default="")
    township: Mapped[str] = mapped_column(String(100), default="")
    village_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    village: Mapped[str] = mapped_column(String(60), default="")
    category_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    category: Mapped[str] = mapped_column(String(40), default="")
    department_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    department: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16))
    triage: Mapped[str] = mapped_column(String(8), default="green")
    urgency: Mapped[str] = mapped_column(String(16), default="normal")
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    assigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    replied_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(16))
    satisfaction: Mapped[str | None] = mapped_column(String(24))
    reply_class: Mapped[str | None] = mapped_column(String(1))  # A/B/C/D, when the reply gave one
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)  # 督办
    key_supervision: Mapped[bool] = mapped_column(Boolean, default=False)  # 重点督办
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(String(100), default="")


class CaseSearchRow(HubBase):
    """What a case is searched by, beside its index row (same key; written, renamed and deleted with it)."""

    __tablename__ = "hub_case_search"
    __table_args__ = (
        Index("ix_hub_case_search_tokens", "search_tokens", postgresql_using="gin"),
        Index("ix_hub_case_search_registered", "county_id", "registered_at"),
    )
    county_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    township: Mapped[str] = mapped_column(String(100), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_tokens: Mapped[list[str] | None] = mapped_column(Tokens)
