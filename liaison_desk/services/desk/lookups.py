"""What the desk's screens look up: pick lists (villages, categories, departments, deputies, sign-in accounts)
and a case's timeline of events.

Read-only except ``add_department``, which the first-run wizard uses; every function opens its own session
and returns plain dataclasses, so a screen never holds an ORM row.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from ...db.changes import revive
from ...db.database import Database
from ...db.models import CaseEvent, Category, Department, Deputy, Operator, Village
from ...domain.errors import ValidationError
from ...domain.ids import new_id
from ...domain.timeutil import to_local
from ...domain.validation import validate_text
from ...domain.workflow import Role
from ..admin import audit
from ..context import Actor
from .accounts import hash_pin, pin_is_usable


@dataclass(frozen=True)
class Choice:
    """One entry of a pick list: the record's id and the name shown."""

    id: uuid.UUID
    name: str
    detail: str = ""  # a second line: a deputy's level, a department's short name, an account's role
    code: str = ""  # what can be typed or scanned to find it: a sign-in login / duty card code


def list_villages(db: Database) -> list[Choice]:
    with db.session(write=False) as s:
        rows = s.execute(select(Village.id, Village.name).where(Village.deleted_hlc.is_(None), Village.active)
                         .order_by(Village.name))
        return [Choice(r[0], r[1]) for r in rows]


def find_village(db: Database, name: str) -> Choice | None:
    """The station's village of exactly this name (trimmed), or None: a name typed at the desk that is not on
    the list yet (a registration would add it)."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        return None
    with db.session(write=False) as s:
        row = s.execute(select(Village.id, Village.name).where(Village.name == name,
                                                               Village.station_id == db.station_id(),
                                                               Village.deleted_hlc.is_(None))).first()
        return Choice(row[0], row[1]) if row else None


def list_categories(db: Database) -> list[Choice]:
    with db.session(write=False) as s:
        rows = s.execute(select(Category.id, Category.name, Category.code)
                         .where(Category.deleted_hlc.is_(None), Category.active)
                         .order_by(Category.sort_order, Category.name))
        return [Choice(r[0], r[1], r[2]) for r in rows]


def list_departments(db: Database) -> list[Choice]:
    with db.session(write=False) as s:
        rows = s.execute(select(Department.id, Department.name, Department.short_name)
                         .where(Department.deleted_hlc.is_(None), Department.active).order_by(Department.name))
        return [Choice(r[0], r[1], r[2] or "") for r in rows]


def list_active_deputies(db: Database) -> list[Choice]:
    """Active deputies, for "the deputy receiving" (detail: the level code)."""
    with db.session(write=False) as s:
        rows = s.execute(select(Deputy.id, Deputy.name, Deputy.level)
                         .where(Deputy.deleted_hlc.is_(None), Deputy.active).order_by(Deputy.code, Deputy.name))
        return [Choice(r[0], r[1], r[2]) for r in rows]


def list_operators(db: Database) -> list[Choice]:
    """Sign-in accounts (detail: the role code); deputies first, then staff and administrators."""
    order = {Role.DUTY_DEPUTY.value: 0, Role.STAFF.value: 1, Role.ADMIN.value: 2}
    with db.session(write=False) as s:
        rows = s.execute(select(Operator.id, Operator.display_name, Operator.role, Operator.login)
                         .where(Operator.deleted_hlc.is_(None), Operator.active))
        found = sorted(rows, key=lambda r: (order.get(r[2], 3), r[3]))
        return [Choice(r[0], r[1], r[2], r[3]) for r in found]


def add_department(db: Database, actor: Actor, name: str, short_name: str = "") -> Choice:
    """承办单位 typed in at set-up; a name already on the list is refused with a clear message."""
    actor.require(Role.ADMIN, Role.STAFF, what="添加承办单位")
    name = validate_text(name, field="department", max_len=100)
    short_name = validate_text(short_name, field="short_name", min_len=0, max_len=40) if short_name else ""
    with db.session() as s:
        if s.scalar(select(Department.id).where(Department.name == name)):
            raise ValidationError("duplicate_department", f"承办单位“{name}”已经在名单中。", field="department",
                                  message_en=f"The department {name!r} is already on the list.")
        dep = Department(id=new_id(), name=name, short_name=short_name)
        s.add(dep)
        return Choice(dep.id, name, short_name)


def add_account(db: Database, actor: Actor, *, name: str, pin: str, role: Role = Role.DUTY_DEPUTY,
                deputy_id: uuid.UUID | None = None, login: str | None = None) -> Choice:
    """A sign-in account (值班账号) with its first PIN; a deputy's login defaults to their card code."""
    actor.require(Role.ADMIN, Role.STAFF, what="开通值班账号")
    if role is Role.ADMIN:
        actor.require(Role.ADMIN, what="开通管理员账号")
    pin_hash = hash_pin(pin)
    with db.session() as s:
        if deputy_id is not None:
            dep = s.get(Deputy, deputy_id)
            if dep is None or dep.deleted_hlc is not None:
                raise ValidationError("unknown_reference", "找不到这位代表。", field="deputy",
                                      message_en="No such deputy.")
            login = login or (dep.code or "").lower() or f"d-{str(deputy_id)[:8]}"
        login = validate_text(login, field="login", max_len=40).lower()
        audit.append(s, db, actor, "admin_account", login, f"开通{role.value}账号")  # issue 17
        taken = s.scalar(select(Operator).where(func.lower(Operator.login) == login))
        if taken is not None and not pin_is_usable(taken.pin_hash):
            # the same account, back from the hub without its PIN (a restored database): made again here
            taken.display_name, taken.role, taken.pin_hash, taken.active = name, role.value, pin_hash, True
            if deputy_id is not None:
                taken.deputy_id = deputy_id
            revive(taken)
            return Choice(taken.id, name, role.value, login)
        if taken is not None:
            raise ValidationError("duplicate_login", f"登录名“{login}”已被使用。", field="login",
                                  message_en=f"The login {login!r} is taken.")
        op = Operator(id=new_id(), login=login, display_name=name, role=role.value, deputy_id=deputy_id,
                      pin_hash=pin_hash)
        s.add(op)
        return Choice(op.id, name, role.value, login)


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a case as its page lists it (station-local time; ``data`` as recorded)."""

    kind: str
    occurred_at: dt.datetime
    actor_name: str
    actor_role: str
    data: dict


def case_timeline(db: Database, case_id: uuid.UUID) -> list[TimelineEntry]:
    """The case's events in the order the workflow folds them (``domain.workflow.causal_order``: after the
    event each follows, then HLC and id)."""
    from ...domain.workflow import Event, EventKind, Role, causal_order

    with db.session(write=False) as s:
        rows = s.execute(select(CaseEvent.kind, CaseEvent.occurred_at, CaseEvent.actor_name, CaseEvent.actor_role,
                                CaseEvent.data, CaseEvent.id, CaseEvent.hlc, CaseEvent.follows_id)
                         .where(CaseEvent.case_id == case_id, CaseEvent.deleted_hlc.is_(None))
                         .order_by(CaseEvent.hlc, CaseEvent.id)).all()
    by_id = {str(r[5]): r for r in rows}
    order = causal_order(Event(str(r[5]), EventKind(r[0]), r[6], Role(r[3]), r[1], {},
                               str(r[7]) if r[7] else None) for r in rows)
    return [TimelineEntry(r[0], to_local(r[1]), r[2] or "", r[3], dict(r[4] or {}))
            for r in (by_id[e.id] for e in order)]
