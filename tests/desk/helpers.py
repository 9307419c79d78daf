"""Small builders for desk tests: deputies, shifts and cases written through the real services."""

from __future__ import annotations

import datetime as dt
import uuid

from liaison_desk.db.models import Category, Department, Deputy, DutyShift
from liaison_desk.domain.ids import new_id
from liaison_desk.domain.timeutil import to_local
from liaison_desk.services.cases.actions import CaseInput, VisitInput, register_visit


def add_deputy(db, name="张建国", code="D001") -> uuid.UUID:
    with db.session() as s:
        d = Deputy(name=name, level="township", code=code)
        s.add(d)
        s.flush()
        return d.id


def add_department(db, name="县水利局") -> uuid.UUID:
    with db.session() as s:
        d = Department(name=name, short_name=name[-3:])
        s.add(d)
        s.flush()
        return d.id


def category_id(db, code="IRR") -> uuid.UUID:
    from sqlalchemy import select

    with db.session(write=False) as s:
        return s.scalar(select(Category.id).where(Category.code == code))


def add_shift(db, deputy_id, signed_in: dt.datetime, signed_out: dt.datetime | None = None, slot="am",
              note="") -> uuid.UUID:
    with db.session() as s:
        sh = DutyShift(id=new_id(), station_id=db.station_id(), date=to_local(signed_in).date(), slot=slot,
                       deputy_id=deputy_id, signed_in_at=signed_in, signed_out_at=signed_out, handover_note=note)
        s.add(sh)
        return sh.id


def walk_in(db, actor, content="村里灌溉渠堵了，庄稼浇不上水。", *, name="刘大妈", phone="13912345678",
            village="柳树湾村", category=None, when: dt.datetime | None = None):
    return register_visit(db, actor, VisitInput(visitor_names=name, visitor_phone=phone, village=village,
                                                occurred_at=when),
                          CaseInput(content=content, category_id=category))
