"""The station's core tables: synced records with station-made UUIDs, plus the local outbox and state.
(``models`` brings these and every feature's tables together; import models from there.)

Every synced record carries its UUID primary key (UUIDv7, or UUIDv5 for natural keys), the station it came
from (``origin_station_id``), the hybrid-logical-clock stamp of its creation and last change, and a
tombstone stamp instead of ever being deleted. ``__sync_kind__`` tells the sync merge how to treat it:

- ``reference``: owned by the county hub (deputies, departments, categories); deactivated, never deleted;
- ``editable``: header fields merged newest-edit-wins per field by HLC;
- ``append_only``: never changed after insert (visits, case events): merging is a union.

Columns listed in ``__derived__`` are caches computed on each replica (a case's state is the fold of its
events) and never travel in a change.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    FromClause,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..domain.ids import new_id

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HLC_LEN = 48


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns every synced record has; see the module docstring."""

    __sync_kind__: ClassVar[str] = "editable"
    __derived__: ClassVar[frozenset[str]] = frozenset()
    #: Columns that never leave the station (secrets).
    __local_only__: ClassVar[frozenset[str]] = frozenset()
    if TYPE_CHECKING:
        # Set on every concrete model this mixin is combined with (typed as DeclarativeBase types them).
        __tablename__: Any
        __table__: ClassVar[FromClause]

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    origin_station_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    created_hlc: Mapped[str] = mapped_column(String(HLC_LEN))
    hlc: Mapped[str] = mapped_column(String(HLC_LEN))
    deleted_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN), default=None)


# Columns the change log itself manages: never part of a change's field list.
SYNC_META_COLUMNS = frozenset({"created_hlc", "hlc", "deleted_hlc"})


def fk(target: str, *, nullable: bool = False, index: bool = True) -> Any:
    return mapped_column(Uuid, ForeignKey(target), nullable=nullable, index=index)


def parent(target: str, column: str) -> Any:
    """A many-to-one link used only so the unit of work inserts parents before children in one flush
    (it orders mappers by relationships, not by foreign keys). Services set the id columns themselves;
    loading through the link is refused, so no view can lazy-load rows behind a service's back."""
    return relationship(target, foreign_keys=f"[{column}]", lazy="raise")


class Station(Synced, Base):
    """联络站 / 联络点 — a liaison station or the smaller liaison point."""

    __tablename__ = "stations"
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(8), unique=True)
    township: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(16), default="station")  # station | point
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(32))


class Deputy(Synced, Base):
    """人大代表 — a people's-congress deputy of one of the five levels."""

    __tablename__ = "deputies"
    __sync_kind__ = "reference"
    name: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(16))  # national | provincial | city | county | township
    constituency: Mapped[str] = mapped_column(String(100), default="")
    sector: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(32))
    code: Mapped[str | None] = mapped_column(String(32))  # duty card code typed or scanned at sign-in
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    active_from: Mapped[dt.date | None] = mapped_column(Date)
    active_until: Mapped[dt.date | None] = mapped_column(Date)


class DeputyGroup(Synced, Base):
    """代表小组 — a deputy group with its leader, deputy leader and liaison officer (by membership role)."""

    __tablename__ = "deputy_groups"
    __sync_kind__ = "reference"
    name: Mapped[str] = mapped_column(String(100))
    station_id: Mapped[uuid.UUID | None] = fk("stations.id", nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DeputyGroupMember(Synced, Base):
    """A deputy's place in a group; id = UUIDv5(group, deputy) so two offline adds become one row."""

    __tablename__ = "deputy_group_members"
    __sync_kind__ = "reference"
    __table_args__ = (UniqueConstraint("group_id", "deputy_id"),)
    group_id: Mapped[uuid.UUID] = fk("deputy_groups.id")
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    role: Mapped[str] = mapped_column(String(24), default="member")  # leader | deputy_leader | liaison_officer | member
    group: Mapped[DeputyGroup] = parent("DeputyGroup", "DeputyGroupMember.group_id")
    deputy: Mapped[Deputy] = parent("Deputy", "DeputyGroupMember.deputy_id")


class StationAssignment(Synced, Base):
    """编组进站 — a deputy assigned to a station (a deputy may serve several), fixed or rotating."""

    __tablename__ = "station_assignments"
    __sync_kind__ = "reference"
    __table_args__ = (UniqueConstraint("station_id", "deputy_id"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    duty_role: Mapped[str] = mapped_column(String(16), default="rotating")  # fixed | rotating
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)


class StaffMember(Synced, Base):
    """工作人员 — township/county staff or a public-welfare post (公益岗) at the station."""

    __tablename__ = "staff_members"
    name: Mapped[str] = mapped_column(String(40))
    post: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(32))
    station_id: Mapped[uuid.UUID | None] = fk("stations.id", nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Operator(Synced, Base):
    """An account that signs in at the desk (a deputy, a staff member or an administrator)."""

    __tablename__ = "operators"
    __local_only__ = frozenset({"pin_hash"})
    login: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(16))  # duty_deputy | staff | admin
    deputy_id: Mapped[uuid.UUID | None] = fk("deputies.id", nullable=True)
    staff_member_id: Mapped[uuid.UUID | None] = fk("staff_members.id", nullable=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Department(Synced, Base):
    """承办单位 — a department cases are assigned to (water resources, traffic police, a bank…)."""

    __tablename__ = "departments"
    __sync_kind__ = "reference"
    name: Mapped[str] = mapped_column(String(100), unique=True)
    short_name: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Category(Synced, Base):
    """诉求类别 — irrigation, roads, street lights, elderly meals…"""

    __tablename__ = "categories"
    __sync_kind__ = "reference"
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    livelihood: Mapped[bool] = mapped_column(Boolean, default=True)  # 民生类
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Village(Synced, Base):
    """行政村 / 社区 — where a constituent lives; offered with typing completion at the desk."""

    __tablename__ = "villages"
    __table_args__ = (UniqueConstraint("station_id", "name"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    name: Mapped[str] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Constituent(Synced, Base):
    """选民 / 来访群众 — a person who came to the station; recognised again by phone number."""

    __tablename__ = "constituents"
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    village_id: Mapped[uuid.UUID | None] = fk("villages.id", nullable=True)
    id_number: Mapped[str | None] = mapped_column(String(18))  # only when needed; printed masked
    village: Mapped[Village | None] = parent("Village", "Constituent.village_id")


class DutyShift(Synced, Base):
    """值班 — one deputy's duty in one slot of one day; id = UUIDv5(station, date, slot, deputy)."""

    __tablename__ = "duty_shifts"
    __table_args__ = (UniqueConstraint("station_id", "date", "slot", "deputy_id"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    slot: Mapped[str] = mapped_column(String(16))  # am | pm | full
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    signed_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    handover_note: Mapped[str] = mapped_column(Text, default="")


class Visit(Synced, Base):
    """来访登记 — one visit (walk-in, phone, household visit, bench meeting, letter, online)."""

    __tablename__ = "visits"
    __sync_kind__ = "append_only"
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    constituent_id: Mapped[uuid.UUID | None] = fk("constituents.id", nullable=True)
    visitor_names: Mapped[str] = mapped_column(String(200))
    visitor_phone: Mapped[str | None] = mapped_column(String(32))
    village_id: Mapped[uuid.UUID | None] = fk("villages.id", nullable=True)
    headcount: Mapped[int] = mapped_column(Integer, default=1)
    received_by_id: Mapped[uuid.UUID | None] = fk("deputies.id", nullable=True)
    shift_id: Mapped[uuid.UUID | None] = fk("duty_shifts.id", nullable=True)
    recorded_by_id: Mapped[uuid.UUID | None] = fk("operators.id", nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    village: Mapped[Village | None] = parent("Village", "Visit.village_id")
    constituent: Mapped[Constituent | None] = parent("Constituent", "Visit.constituent_id")
    shift: Mapped[DutyShift | None] = parent("DutyShift", "Visit.shift_id")


class Case(Synced, Base):
    """社情民意 — a matter raised by a constituent, followed until they are satisfied.

    The header (content, category, urgency, triage colour…) is editable; everything in ``__derived__`` is the
    fold of the case's events (``domain.workflow.fold``) cached here for lists and filters.
    """

    __tablename__ = "cases"
    __derived__ = frozenset({
        "status", "department_id", "deadline", "assigned_at", "replied_at", "followed_up_at", "closed_at",
        "resolution", "satisfaction", "escalation_level", "reopen_count", "duplicate_of_id", "callback_due",
        "event_count", "last_event_hlc", "anomaly_count",
    })
    __table_args__ = (
        Index("ix_cases_status_deadline", "status", "deadline"),
        Index("ix_cases_registered_at", "registered_at"),
    )
    number: Mapped[str] = mapped_column(String(32), unique=True)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    visit_id: Mapped[uuid.UUID | None] = fk("visits.id", nullable=True)
    constituent_id: Mapped[uuid.UUID | None] = fk("constituents.id", nullable=True)
    village_id: Mapped[uuid.UUID | None] = fk("villages.id", nullable=True)
    category_id: Mapped[uuid.UUID | None] = fk("categories.id", nullable=True)
    registered_by_id: Mapped[uuid.UUID | None] = fk("deputies.id", nullable=True)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(16), default="normal")  # normal | urgent | critical
    triage: Mapped[str] = mapped_column(String(8), default="green")  # green | blue | yellow | red
    # 公示摘要: the wall notice's line for this case, approved by staff; None: the default wording
    public_summary: Mapped[str | None] = mapped_column(String(60))
    # derived from events
    status: Mapped[str] = mapped_column(String(16), default="registered", index=True)
    department_id: Mapped[uuid.UUID | None] = fk("departments.id", nullable=True)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    assigned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    replied_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(16))
    satisfaction: Mapped[str | None] = mapped_column(String(24))
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_of_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    callback_due: Mapped[dt.date | None] = mapped_column(Date)
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    last_event_hlc: Mapped[str | None] = mapped_column(String(HLC_LEN))
    anomaly_count: Mapped[int] = mapped_column(Integer, default=0)
    visit: Mapped[Visit | None] = parent("Visit", "Case.visit_id")
    village: Mapped[Village | None] = parent("Village", "Case.village_id")
    constituent: Mapped[Constituent | None] = parent("Constituent", "Case.constituent_id")


class CaseEvent(Synced, Base):
    """One step in a case's history; append-only. The case's state is the fold of these."""

    __tablename__ = "case_events"
    __sync_kind__ = "append_only"
    __table_args__ = (Index("ix_case_events_case_order", "case_id", "hlc", "id"),)
    case_id: Mapped[uuid.UUID] = fk("cases.id", index=False)
    kind: Mapped[str] = mapped_column(String(24))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor_role: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # an operator here, a hub user upstream
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the event this one was appended after (the last in the writer's fold): the fold's causal order. Not a
    # foreign key: it may arrive before the event it follows. None: the first event, or one written earlier.
    follows_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    case: Mapped[Case] = parent("Case", "CaseEvent.case_id")


class Activity(Synced, Base):
    """代表活动 — a meeting, inspection, survey, training, report to voters, household visits…"""

    __tablename__ = "activities"
    station_id: Mapped[uuid.UUID | None] = fk("stations.id", nullable=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    households: Mapped[int | None] = mapped_column(Integer)  # 走访户数, for household visits


class ActivityParticipant(Synced, Base):
    """A deputy's part in an activity; id = UUIDv5(activity, deputy)."""

    __tablename__ = "activity_participants"
    __table_args__ = (UniqueConstraint("activity_id", "deputy_id"),)
    activity_id: Mapped[uuid.UUID] = fk("activities.id")
    deputy_id: Mapped[uuid.UUID] = fk("deputies.id")
    role: Mapped[str] = mapped_column(String(24), default="participant")
    note: Mapped[str] = mapped_column(Text, default="")
    activity: Mapped[Activity] = parent("Activity", "ActivityParticipant.activity_id")
    deputy: Mapped[Deputy] = parent("Deputy", "ActivityParticipant.deputy_id")


class PrintRecord(Synced, Base):
    """打印记录 — what was printed, by whom and when; a later copy of the same document is a 补打."""

    __tablename__ = "print_records"
    __sync_kind__ = "append_only"
    __table_args__ = (Index("ix_print_records_document_reference", "document", "reference"),)
    station_id: Mapped[uuid.UUID] = fk("stations.id")
    document: Mapped[str] = mapped_column(String(24))  # receipt | register | ledger | record_book | ...
    reference: Mapped[str] = mapped_column(String(100))  # case number, date range, deputy and year…
    copy_no: Mapped[int] = mapped_column(Integer, default=1)  # 1 = original, 2+ = 补打
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    pages: Mapped[int | None] = mapped_column(Integer)


class OutboxEntry(Base):
    """变更日志 — one local change waiting for (or acknowledged by) the hub. Never edited once written,
    except for the acknowledgement. Pending means ``acked_at IS NULL``: there is no in-flight state."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    op: Mapped[str] = mapped_column(String(8))  # insert | update | delete
    hlc: Mapped[str] = mapped_column(String(HLC_LEN))
    origin_station_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    acked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)


class LocalState(Base):
    """Small key/value facts about this installation (its station, the last HLC, training flag)."""

    __tablename__ = "local_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
