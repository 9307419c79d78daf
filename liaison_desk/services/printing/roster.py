"""The monthly roster sheet for the station wall: gathered in one read, handed to the printing layer."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select

from ...db.database import Database
from ...db.models import Station
from ...domain.errors import DomainError
from ...domain.timeutil import to_local
from ...domain.vocab import SHIFT_SLOTS
from ...printing import PrintedPdf
from ...printing.model_docs import Copy
from ...printing.roster_sheet import RosterDay, RosterSheetData, build_roster_sheet
from ..context import utcnow
from ..duty.roster import roster_month

HOURS = {("am", "pm"): "上午 8:30—12:00，下午 14:30—17:30", ("full",): "8:30—17:30", ("am",): "上午 8:30—12:00",
         ("pm",): "下午 14:30—17:30"}


def roster_sheet_data(db: Database, year: int, month: int, *, today: dt.date | None = None,
                      copy: Copy | None = None) -> RosterSheetData:
    """What the wall sheet of ``year``-``month`` shows: the plan as it stands (swaps and substitutions applied).
    ``copy`` (from ``services.printing_jobs``) gives the print time and whether it is a 补打."""
    m = roster_month(db, year, month, today=today)
    days = []
    for day, entries in m.days.items():
        planned = [e for e in entries if e.planned]
        note = ""
        if day in m.pattern.holidays:
            note = "节假日"
        elif day in m.pattern.extra_days:
            note = "调休上班"
        slots = []
        for slot in m.pattern.slots:
            names = tuple(e.deputy_name for e in planned if e.slot == slot)
            if names:
                slots.append((SHIFT_SLOTS[slot][0], names))
        for slot in sorted({e.slot for e in planned} - set(m.pattern.slots)):  # plan made under an older pattern
            slots.append((SHIFT_SLOTS.get(slot, (slot,))[0], tuple(e.deputy_name for e in planned if e.slot == slot)))
        days.append(RosterDay(day, tuple(slots), note))
    with db.session(write=False) as s:
        phone = s.scalar(select(Station.phone).where(Station.id == db.station_id()))
    return RosterSheetData(
        station_name=m.station_name, township=m.township, year=year, month=month, days=tuple(days), fixed=m.fixed,
        hours=HOURS.get(m.pattern.slots, ""), changes=tuple(c.text() for c in m.changes), phone=phone,
        printed_at=copy.printed_at if copy and copy.printed_at else to_local(utcnow()),
        reprint=bool(copy and copy.reprint))


def roster_digest(data: RosterSheetData) -> str:
    """What makes two wall sheets the same: the plan and everything printed from it (not the print time or
    the 补打 mark). A regenerated or swapped plan has another digest, so it is a new edition, not a 补打."""
    content = (data.station_name, data.township, data.year, data.month, data.days, data.fixed, data.hours,
               data.changes, data.phone, data.notes)
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()[:12]


def check_not_empty(data: RosterSheetData) -> None:
    """Refuse a month with no one on duty: a blank calendar on the wall tells villagers nothing."""
    if not any(slots for day in data.days for _, slots in day.slots):
        raise DomainError("empty_roster", f"{data.year}年{data.month}月还没有排班，无法打印值班表。"
                                          "请先在“值班排班”中为本月生成排班，再打印。", field="month",
                          message_en=f"There is no duty plan for {data.year}-{data.month:02d} yet: generate the "
                                     "month's roster first, then print it.")


def roster_month_pdf(db: Database, year: int, month: int, copy: Copy | None = None) -> PrintedPdf:
    """The monthly roster sheet as PDF bytes (``.pages``, ``.warnings`` ride along); a bad month raises
    DomainError. Unlogged: the desk and the command line print it through ``printing_jobs.print_roster``."""
    if db.station_id() is None:
        raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                          message_en="This installation has no station yet: run init first.")
    data = roster_sheet_data(db, year, month, copy=copy)
    check_not_empty(data)
    return build_roster_sheet(data)
