"""Small builders shared by the duty tests: deputies at the station, signed shifts, visits, cases."""

from __future__ import annotations

import datetime as dt
import uuid

from liaison_desk.db.models import Case, DutyShift, Visit
from liaison_desk.domain.ids import natural_id, new_id
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy

NAMES = ("张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十")


def make_deputies(db, n: int = 4, **kw) -> list[str]:
    return [create_deputy(db, SYSTEM_ADMIN, DeputyInput(NAMES[i], "township", code=f"D{i:03d}", **kw)).id
            for i in range(n)]


def sign_shift(db, deputy_id: str, day: dt.date, slot: str = "full", *, signed_out: bool = True) -> uuid.UUID:
    station = db.station_id()
    dep = uuid.UUID(deputy_id)
    ident = natural_id("shift", station, day, slot, dep)
    with db.session() as s:
        s.add(DutyShift(id=ident, station_id=station, date=day, slot=slot, deputy_id=dep,
                        signed_in_at=to_utc(dt.datetime.combine(day, dt.time(8, 30))),
                        signed_out_at=to_utc(dt.datetime.combine(day, dt.time(17, 0))) if signed_out else None))
    return ident


def add_visit(db, deputy_id: str, when: dt.datetime, channel: str = "walk_in") -> uuid.UUID:
    ident = new_id()
    with db.session() as s:
        s.add(Visit(id=ident, station_id=db.station_id(), occurred_at=to_utc(when), channel=channel,
                    visitor_names="群众甲", headcount=1, received_by_id=uuid.UUID(deputy_id)))
    return ident


def add_case(db, deputy_id: str, when: dt.datetime, number: str, *, closed: bool = False,
             satisfaction: str | None = None, resolution: str | None = None) -> uuid.UUID:
    """A case row with its derived state set directly (these tests score cases, not the workflow)."""
    ident = new_id()
    with db.session() as s:
        s.add(Case(id=ident, number=number, station_id=db.station_id(), registered_by_id=uuid.UUID(deputy_id),
                   registered_at=to_utc(when), summary="路灯不亮", content="村口路灯不亮。",
                   status="closed" if closed else "registered",
                   closed_at=to_utc(when + dt.timedelta(days=3)) if closed else None,
                   satisfaction=satisfaction, resolution=resolution))
    return ident
