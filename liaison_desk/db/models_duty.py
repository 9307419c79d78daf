"""Rosters, duty patterns, scoring rules and score disputes (deputies on duty).

The core tables this builds on (deputies, groups, station assignments with fixed/rotating duty role,
duty_shifts for the actual sign-in/out, activities) live in ``models.py``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models_core import Base, Case, Synced, Visit, fk, parent


class DutyPattern(Synced, Base):
    """值班规则 — when the station receives: weekdays, slots, deputies per slot; id = UUIDv5(station)."""

    __tablename__ = "duty_patterns"
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    weekdays: Mapped[str] = mapped_column(String(16), default="2")  # "0,2,4": 0 = Monday
    slots: Mapped[str] = mapped_column(String(16), default="full")  # "am,pm" or "full"
    deputies_per_slot: Mapped[int] = mapped_column(Integer, default=1)
    holidays: Mapped[list[Any]] = mapped_column(JSON, default=list)  # ISO dates skipped (节假日)
    extra_days: Mapped[list[Any]] = mapped_column(JSON, default=list)  # ISO make-up days added (调休)
    __table_args__ = (UniqueConstraint("station_id"),)


class DutyMinimum(Synced, Base):
    """年度最低要求 — e.g. ≥ 2 receptions (shifts) and ≥ 10 households a year; id = UUIDv5(station, metric)."""

    __tablename__ = "duty_minimums"
    __table_args__ = (UniqueConstraint("station_id", "metric"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    metric: Mapped[str] = mapped_column(String(40))  # a scoring metric: shift, households, activity:…
    minimum: Mapped[int] = mapped_column(Integer)


class DutyLimit(Synced, Base):
    """A rotating deputy's most shifts a month at a station (a teacher in term time, a farmer at harvest)."""

    __tablename__ = "duty_limits"
    __table_args__ = (UniqueConstraint("station_id", "deputy_id"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    max_shifts_per_month: Mapped[int | None] = mapped_column(Integer)


class DeputyUnavailability(Synced, Base):
    """请假 — dates a deputy cannot take a shift (both ends included)."""

    __tablename__ = "deputy_unavailability"
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    date_from: Mapped[dt.date] = mapped_column(Date)
    date_to: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


class RosterSlot(Synced, Base):
    """排班 — one deputy planned on one slot of one day; id = UUIDv5(station, date, slot, deputy).

    A swap or substitution tombstones the slot it replaces and adds the new one (``source`` says how it came).
    """

    __tablename__ = "roster_slots"
    __table_args__ = (UniqueConstraint("station_id", "date", "slot", "deputy_id"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    slot: Mapped[str] = mapped_column(String(16))
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    source: Mapped[str] = mapped_column(String(16), default="generated")  # generated | swap | substitution
    reasons: Mapped[str] = mapped_column(Text, default="")  # why (Chinese), "；"-joined


class RosterChange(Synced, Base):
    """换班 / 替班 — a swap of two planned slots, or a substitute taking one; append-only history."""

    __tablename__ = "roster_changes"
    __sync_kind__ = "append_only"
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    kind: Mapped[str] = mapped_column(String(16))  # swap | substitution
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    slot: Mapped[str] = mapped_column(String(16))
    from_deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    to_deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    other_date: Mapped[dt.date | None] = mapped_column(Date)  # a swap: the slot given in exchange
    other_slot: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200), default="")
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ScoreCategoryRule(Synced, Base):
    """积分类别 — a category of the scoring rules with its cap (reference data, later owned by the hub)."""

    __tablename__ = "score_categories"
    __sync_kind__ = "reference"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    cap: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ScoreItemRule(Synced, Base):
    """积分项目 — points for every ``per`` units of a metric, capped (reference data)."""

    __tablename__ = "score_items"
    __sync_kind__ = "reference"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    category_code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(60))
    metric: Mapped[str] = mapped_column(String(40))
    points: Mapped[int] = mapped_column(Integer)
    per: Mapped[int] = mapped_column(Integer, default=1)
    cap: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ScoreDispute(Synced, Base):
    """申报错漏 — a deputy says a line of the year's score misses (or wrongly counts) records."""

    __tablename__ = "score_disputes"
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    year: Mapped[int] = mapped_column(Integer)
    item_code: Mapped[str] = mapped_column(String(32))
    delta: Mapped[int] = mapped_column(Integer)  # units to add (+) or remove (−) once approved
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | approved | rejected
    filed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    filed_by: Mapped[str] = mapped_column(String(60), default="")


class ScoreDisputeEvent(Synced, Base):
    """One step of a dispute's history (filed, approved, rejected), with who and why; append-only."""

    __tablename__ = "score_dispute_events"
    __sync_kind__ = "append_only"
    dispute_id: Mapped[uuid.UUID] = fk("score_disputes.id")
    action: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor_role: Mapped[str] = mapped_column(String(16))
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    dispute: Mapped[ScoreDispute] = parent("ScoreDispute", "ScoreDisputeEvent.dispute_id")


# Covering indexes for the duty scores of a whole station or county: counting a year's visits and cases per
# deputy reads only these (no table rows, no sort), ~10× faster than the time-range index (bench/scores.py).
Index("ix_visits_received_by_channel", Visit.received_by_id, Visit.channel, Visit.occurred_at, Visit.deleted_hlc)
Index("ix_cases_registered_by_state", Case.registered_by_id, Case.registered_at, Case.assigned_at, Case.closed_at,
      Case.status, Case.resolution, Case.satisfaction, Case.deleted_hlc)


SYNCED: tuple[type, ...] = (
    DutyPattern, DutyMinimum, DutyLimit, DeputyUnavailability, RosterSlot, RosterChange, ScoreCategoryRule,
    ScoreItemRule, ScoreDispute, ScoreDisputeEvent,
)
