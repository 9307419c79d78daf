"""Small builders shared by the duty tests: deputies at the station, signed shifts, visits, cases."""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from liaison_desk.db.models import Case, DutyShift, Visit
from liaison_desk.domain.ids import natural_id, new_id
from liaison_desk.domain.timeutil import to_utc
from liaison_desk.services.context import SYSTEM_ADMIN
from liaison_desk.services.duty.deputies import DeputyInput, create_deputy

NAMES = ("张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十")


def make_deputies(db, n: int = 4, *, accounts: bool = True, **kw) -> list[str]:
    """``n`` deputies at the station; each with a sign-in account (the roster plans only those) unless not."""
    ids = [create_deputy(db, SYSTEM_ADMIN, DeputyInput(NAMES[i], "township", code=f"D{i:03d}", **kw)).id
           for i in range(n)]
    if accounts:
        give_accounts(db, *ids)
    return ids


@functools.cache
def _pin_hash() -> str:
    from liaison_desk.services.desk.accounts import hash_pin

    return hash_pin("1357")  # scrypt once per test run, not once per deputy


def give_accounts(db, *deputy_ids: str | uuid.UUID) -> None:
    """A duty account (PIN 1357, login = the card code) for each deputy, as 开通值班账号 makes it."""
    from liaison_desk.db.models import Deputy, Operator

    with db.session() as s:
        for raw in deputy_ids:
            dep = s.get(Deputy, uuid.UUID(str(raw)))
            s.add(Operator(id=new_id(), login=(dep.code or f"d-{str(dep.id)[:8]}").lower(), display_name=dep.name,
                           role="duty_deputy", deputy_id=dep.id, pin_hash=_pin_hash()))


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


def give_all_accounts(data_dir) -> None:
    """Accounts for every deputy of a station made by the command line (``init`` + ``deputies import``)."""
    from pathlib import Path

    from liaison_desk.services.context import open_station_database
    from liaison_desk.services.duty.deputies import list_deputy_records

    db = open_station_database(Path(data_dir))
    try:
        give_accounts(db, *(d.id for d in list_deputy_records(db)))
    finally:
        db.dispose()
