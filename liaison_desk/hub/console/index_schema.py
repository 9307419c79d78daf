"""The console's read model of cases (issue 15): ``hub_case_index``, one row per live case, kept up to date in
the transaction that writes the case, its events or the names it shows (``hub.console.index``).

Names (station, township, village, category, department) are stored on the row next to their ids, so the
queue, its filters and its count read one table with no join; a rename rewrites the rows that carry the
old name (by the id's index), which is rare next to reads. ``search_text`` is the text searched (case
number, summary, content, village), lower-cased; on PostgreSQL ``search_tokens`` holds its characters and
overlapping character pairs (as the desk's FTS5 index does: ``domain.textsearch``) under a GIN index, so a
two-character word (灌溉, 路灯) is one array lookup; SQLite (a laptop's hub) scans ``search_text`` with LIKE.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Dialect, Index, Integer, String, Text, Uuid
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


class CaseIndexRow(HubBase):
    __tablename__ = "hub_case_index"
    __table_args__ = (
        Index("ix_hub_case_index_number", "county_id", "case_no"),
        Index("ix_hub_case_index_registered", "county_id", "registered_at", "case_id"),
        Index("ix_hub_case_index_status_deadline", "county_id", "status", "deadline"),
        # the home tiles and the tiles' counts: an index-only scan of the open cases on PostgreSQL (measured on
        # 200,000 cases: 45 ms instead of 420 ms reading the rows)
        Index("ix_hub_case_index_tiles", "county_id", "status",
              postgresql_include=["deadline", "triage", "key_supervision", "satisfaction", "township", "department"]),
        Index("ix_hub_case_index_station", "county_id", "station_id", "registered_at"),
        Index("ix_hub_case_index_township", "county_id", "township", "registered_at"),
        Index("ix_hub_case_index_department", "county_id", "department", "registered_at"),
        Index("ix_hub_case_index_department_id", "county_id", "department_id"),
        Index("ix_hub_case_index_village_id", "county_id", "village_id"),
        Index("ix_hub_case_index_category", "county_id", "category_id", "registered_at"),
        Index("ix_hub_case_index_tokens", "search_tokens", postgresql_using="gin"),
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
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_tokens: Mapped[list[str] | None] = mapped_column(Tokens)
