"""The station's working-day calendar: the shipped default (resources/calendar) with the holidays table over it."""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import paths
from ...db.changes import revive
from ...db.database import Database
from ...db.models_desk import Holiday
from ...domain.calendar import DayRule, WorkCalendar, parse_calendar_data, validate_day_rule
from ...domain.ids import natural_id
from ...domain.workflow import Role
from ..context import Actor

CALENDAR_FILE = ("calendar", "holidays_cn.json")


@functools.cache
def default_calendar() -> WorkCalendar:
    """The shipped calendar (2026 from the State Council notice, 2027 provisional; see the file's _source)."""
    with paths.resource(*CALENDAR_FILE).open(encoding="utf-8") as fh:
        return parse_calendar_data(json.load(fh))


def calendar_in(session: Session) -> WorkCalendar:
    rows = session.execute(select(Holiday.date, Holiday.kind, Holiday.name)
                           .where(Holiday.deleted_hlc.is_(None)).order_by(Holiday.date)).all()
    return default_calendar().with_overrides(DayRule(d, k, n) for d, k, n in rows)


def work_calendar(db: Database) -> WorkCalendar:
    with db.session(write=False) as s:
        return calendar_in(s)


@dataclass(frozen=True)
class HolidayRow:
    date: dt.date
    kind: str
    name: str


def list_overrides(db: Database) -> list[HolidayRow]:
    with db.session(write=False) as s:
        return [HolidayRow(*r) for r in s.execute(
            select(Holiday.date, Holiday.kind, Holiday.name).where(Holiday.deleted_hlc.is_(None))
            .order_by(Holiday.date))]


def holiday_id(station_id: object, date: dt.date) -> uuid.UUID:
    """A station's override of one day: UUIDv5 of (station, date), so two offline entries of the same day at
    one station become one row while two stations' overrides of that day stay two (issue 17: the date alone
    made the second station's row another station's record at the hub, refused in every round)."""
    return natural_id("holiday", station_id, date)


def legacy_holiday_id(date: dt.date) -> uuid.UUID:
    """The id earlier releases gave an override (the date alone); such rows keep working as they are."""
    return natural_id("holiday", date)


def _row_of(s: Session, date: dt.date) -> Holiday | None:
    """This station's row for ``date`` (dates are unique here), whatever its id: older rows carry
    ``legacy_holiday_id``."""
    return s.scalar(select(Holiday).where(Holiday.date == date))


def set_override(db: Database, actor: Actor, date: dt.date | str, kind: str, name: str = "") -> HolidayRow:
    """Add or change one day's rule (放假 or 调休上班); administrators and staff only."""
    actor.require(Role.ADMIN, Role.STAFF, what="修改节假日安排")
    rule = validate_day_rule(date, kind, name)
    with db.session() as s:
        row = _row_of(s, rule.date)
        if row is None:
            s.add(Holiday(id=holiday_id(db.station_id(), rule.date), date=rule.date, kind=rule.kind, name=rule.name))
        else:
            row.kind, row.name = rule.kind, rule.name
            revive(row)
    return HolidayRow(rule.date, rule.kind, rule.name)


def remove_override(db: Database, actor: Actor, date: dt.date) -> bool:
    """Drop a day's override (back to the default calendar); a tombstone, as for every synced record."""
    from ...db.changes import tombstone

    actor.require(Role.ADMIN, Role.STAFF, what="修改节假日安排")
    with db.session() as s:
        row = _row_of(s, date)
        if row is None or row.deleted_hlc is not None:
            return False
        tombstone(row)
        return True
