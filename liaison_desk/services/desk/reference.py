"""基础资料: the reference lists staff keep at the desk — 承办单位 (departments), 问题类别 (categories), 村/社区
(villages) — and the holiday calendar (节假日 and 调休 make-up days).

Lists: every entry, active or not, with how many cases or visits refer to it. Writes: add, rename (a
department's short name too), deactivate and bring back. Nothing is ever deleted: cases refer to these rows,
and a deactivated entry only leaves the forms' pick lists (``lookups.list_*`` offer the active ones). Every
write goes through the ORM session, so change capture puts it in the outbox like any other write and it
syncs; each returns the record as it now reads and the ``Changes`` for the desk's screens. Adding a department
is ``lookups.add_department`` (the first-run wizard's), called, not copied.

Holidays: the shipped calendar for a year with the station's own days (the synced ``holidays`` table, through
``workdays.set_override`` / ``remove_override``) laid over it; removing a station day brings the shipped rule back.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...db.database import Database
from ...db.models import Case, Category, Department, Village, Visit
from ...domain.calendar import HOLIDAY, WORKDAY
from ...domain.errors import DomainError, ValidationError
from ...domain.ids import new_id
from ...domain.validation import validate_text
from ...domain.workflow import Role
from ..changes import Changes, of_tables
from ..context import Actor
from . import lookups, workdays

KINDS = ("department", "category", "village")
_MODELS: dict[str, Any] = {"department": Department, "category": Category, "village": Village}
_TABLES = {"department": "departments", "category": "categories", "village": "villages"}
_WHAT = {"department": "承办单位", "category": "问题类别", "village": "村（社区）"}
_MAX_NAME = {"department": 100, "category": 40, "village": 60}


@dataclass(frozen=True)
class RefItem:
    """One entry of a reference list as the 基础资料 page shows it."""

    id: uuid.UUID
    name: str
    detail: str  # a department's short name; a category's code; "" for a village
    active: bool
    in_use: int  # cases (departments, categories) or visits (villages) that refer to it


@dataclass(frozen=True)
class RefResult:
    """What a write left: the entry as it now reads, and what changed on the desk's screens."""

    item: RefItem
    changes: Changes


def _kind(kind: str) -> Any:
    if kind not in _MODELS:
        raise DomainError("bad_kind", f"没有“{kind}”这种基础资料。", field="kind", message_en=f"Unknown list {kind!r}.")
    return _MODELS[kind]


def _uses(s: Session, kind: str) -> dict[uuid.UUID, int]:
    if kind == "village":
        q = select(Visit.village_id, func.count()).where(Visit.deleted_hlc.is_(None)).group_by(Visit.village_id)
    else:
        col = Case.department_id if kind == "department" else Case.category_id
        q = select(col, func.count()).where(Case.deleted_hlc.is_(None)).group_by(col)
    return {k: n for k, n in s.execute(q).all() if k is not None}


def _item(row: Any, kind: str, uses: int) -> RefItem:
    detail = row.short_name or "" if kind == "department" else row.code if kind == "category" else ""
    return RefItem(row.id, row.name, detail, bool(row.active), uses)


def list_items(db: Database, kind: str) -> list[RefItem]:
    """Every live entry of the list, active ones first, by name (categories in their own order)."""
    model = _kind(kind)
    with db.session(write=False) as s:
        q = select(model).where(model.deleted_hlc.is_(None))
        if kind == "village":
            q = q.where(model.station_id == db.station_id())
        uses = _uses(s, kind)
        rows = list(s.scalars(q))
        order = (lambda r: (not r.active, r.sort_order, r.name)) if kind == "category" \
            else (lambda r: (not r.active, r.name))
        return [_item(r, kind, uses.get(r.id, 0)) for r in sorted(rows, key=order)]


def _name(kind: str, name: str) -> str:
    return validate_text(name, field="name", max_len=_MAX_NAME[kind])


def _taken(s: Session, kind: str, name: str, station: uuid.UUID | None, other_than: uuid.UUID | None = None) -> None:
    model = _MODELS[kind]
    q = select(model.id).where(model.name == name)
    if kind == "category":  # departments and villages are unique in the table itself, tombstones included
        q = q.where(model.deleted_hlc.is_(None))
    if kind == "village":
        q = q.where(model.station_id == station)
    if other_than is not None:
        q = q.where(model.id != other_than)
    if s.scalar(q.limit(1)) is not None:
        raise ValidationError("duplicate_name", f"{_WHAT[kind]}“{name}”已经在名单中。", field="name",
                              message_en=f"{name!r} is already on the list.")


def _changes(kind: str) -> Changes:
    return of_tables([_TABLES[kind]])


def add_item(db: Database, actor: Actor, kind: str, name: str, detail: str = "") -> RefResult:
    """A new entry (a department with its short name); a name already on the list is refused at ``name``."""
    actor.require(Role.ADMIN, Role.STAFF, what=f"添加{_WHAT.get(kind, '基础资料')}")
    model = _kind(kind)
    name = _name(kind, name)
    if kind == "department":
        with db.session(write=False) as s:
            _taken(s, kind, name, None)
        try:
            dep = lookups.add_department(db, actor, name, detail)
        except ValidationError as exc:  # the wizard's check names its field "department"
            raise ValidationError(exc.code, exc.message, field="name", message_en=exc.message_en) from None
        return RefResult(RefItem(dep.id, dep.name, dep.detail, True, 0), _changes(kind))
    station = db.station_id()
    with db.session() as s:
        _taken(s, kind, name, station)
        if kind == "village":
            row = model(id=new_id(), station_id=station, name=name)
        else:
            last = s.scalar(select(func.max(Category.sort_order))) or 0
            row = model(id=new_id(), code=f"u{new_id().hex[-8:]}", name=name, sort_order=last + 1)
        s.add(row)
        s.flush()
        return RefResult(_item(row, kind, 0), _changes(kind))


def _row(s: Session, kind: str, item_id: uuid.UUID) -> Any:
    row = s.get(_kind(kind), item_id)
    if row is None or row.deleted_hlc is not None:
        raise DomainError("not_found", f"找不到这个{_WHAT[kind]}，可能已被其他电脑修改。请刷新后再试。",
                          message_en="No such entry: refresh and try again.")
    return row


def rename_item(db: Database, actor: Actor, kind: str, item_id: uuid.UUID, name: str,
                detail: str | None = None) -> RefResult:
    """A new name (and, for a department, short name); cases keep pointing at the same entry."""
    actor.require(Role.ADMIN, Role.STAFF, what=f"修改{_WHAT.get(kind, '基础资料')}")
    _kind(kind)
    name = _name(kind, name)
    with db.session() as s:
        row = _row(s, kind, item_id)
        _taken(s, kind, name, getattr(row, "station_id", None), other_than=row.id)
        row.name = name
        if kind == "department" and detail is not None:
            row.short_name = validate_text(detail, field="detail", min_len=0, max_len=40) if detail.strip() else ""
        s.flush()
        return RefResult(_item(row, kind, _uses(s, kind).get(row.id, 0)), _changes(kind))


def set_active(db: Database, actor: Actor, kind: str, item_id: uuid.UUID, active: bool) -> RefResult:
    """停用 (off the forms' pick lists; the cases that use it keep it) or 恢复使用."""
    actor.require(Role.ADMIN, Role.STAFF, what=f"停用或恢复{_WHAT.get(kind, '基础资料')}")
    _kind(kind)
    with db.session() as s:
        row = _row(s, kind, item_id)
        row.active = bool(active)
        s.flush()
        return RefResult(_item(row, kind, _uses(s, kind).get(row.id, 0)), _changes(kind))


# -- holidays ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HolidayDay:
    """A day of the year that is not what its weekday says: 放假 (``holiday``) or 调休上班 (``workday``)."""

    date: dt.date
    kind: str  # holiday | workday
    name: str
    source: str  # shipped (the calendar that comes with the program) | station (this station's holidays table)


@dataclass(frozen=True)
class HolidayResult:
    day: HolidayDay
    changes: Changes


def list_holidays(db: Database, year: int) -> list[HolidayDay]:
    """The year's holidays and make-up days as the roster and the deadlines use them, by date."""
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("bad_year", f"年份“{year}”无效。", field="year", message_en="Invalid year.")
    shipped = workdays.default_calendar()
    station = {r.date: r for r in workdays.list_overrides(db) if r.date.year == year}
    out: dict[dt.date, HolidayDay] = {}
    for kind, days in ((HOLIDAY, shipped.holidays), (WORKDAY, shipped.workdays)):
        for d, n in days.items():
            if d.year == year:
                out[d] = HolidayDay(d, kind, n, "shipped")
    for d, r in station.items():
        out[d] = HolidayDay(d, r.kind, r.name, "station")
    return [out[d] for d in sorted(out)]


def set_holiday(db: Database, actor: Actor, date: dt.date, kind: str, name: str = "") -> HolidayResult:
    """This station's rule for one day (放假 or 调休上班), over the shipped calendar."""
    row = workdays.set_override(db, actor, date, kind, name)
    return HolidayResult(HolidayDay(row.date, row.kind, row.name, "station"), of_tables(["holidays"]))


def remove_holiday(db: Database, actor: Actor, date: dt.date) -> Changes:
    """Drop the station's rule for that day: the shipped calendar applies again."""
    return of_tables(["holidays"]) if workdays.remove_override(db, actor, date) else Changes()
