"""The station's working-day calendar: the shipped default (resources/calendar) with the holidays table over it."""

from __future__ import annotations

import datetime as dt
import functools
import json
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


def set_override(db: Database, actor: Actor, date: dt.date | str, kind: str, name: str = "") -> HolidayRow:
    """Add or change one day's rule (放假 or 调休上班); administrators and staff only."""
    actor.require(Role.ADMIN, Role.STAFF, what="修改节假日安排")
    rule = validate_day_rule(date, kind, name)
    with db.session() as s:
        row = s.get(Holiday, natural_id("holiday", rule.date))
        if row is None:
            s.add(Holiday(id=natural_id("holiday", rule.date), date=rule.date, kind=rule.kind, name=rule.name))
        else:
            row.kind, row.name = rule.kind, rule.name
            revive(row)
    return HolidayRow(rule.date, rule.kind, rule.name)


def remove_override(db: Database, actor: Actor, date: dt.date) -> bool:
    """Drop a day's override (back to the default calendar); a tombstone, as for every synced record."""
    from ...db.changes import tombstone

    actor.require(Role.ADMIN, Role.STAFF, what="修改节假日安排")
    with db.session() as s:
        row = s.get(Holiday, natural_id("holiday", date))
        if row is None or row.deleted_hlc is not None:
            return False
        tombstone(row)
        return True
