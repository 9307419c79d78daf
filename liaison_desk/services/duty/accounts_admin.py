"""Deputies' sign-in accounts as the deputy list shows them: who has one, open one, give a new PIN.

Administrators only (the 代表名单 page offers these to them alone). The PIN rules, the hashing and the reset
itself are ``services.desk.accounts`` and ``services.desk.lookups.add_account``; this module only looks an
account up by its deputy and calls them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ...db.database import Database
from ...db.models import Operator
from ...domain.errors import DomainError
from ...domain.workflow import Role
from ..context import Actor
from ..desk.accounts import PinReset, pin_is_usable, reset_pin
from ..desk.lookups import add_account
from .deputies import DeputyView, list_deputy_records
from .record import as_uuid


@dataclass(frozen=True)
class DeputyAccount:
    """A deputy's sign-in account: its login, and whether its PIN works on this PC (one that came from the hub
    has none until an administrator sets it)."""

    deputy_id: str
    operator_id: str
    login: str
    active: bool
    pin_usable: bool


def deputy_accounts(db: Database) -> dict[str, DeputyAccount]:
    """deputy id (as text) → their account, for every deputy who has one."""
    with db.session(write=False) as s:
        rows = s.execute(select(Operator.deputy_id, Operator.id, Operator.login, Operator.active, Operator.pin_hash)
                         .where(Operator.deleted_hlc.is_(None), Operator.deputy_id.is_not(None))
                         .order_by(Operator.active, Operator.login)).all()
    # an active account wins over an old inactive one of the same deputy (active sorts last)
    return {str(d): DeputyAccount(str(d), str(i), login, bool(active), pin_is_usable(pin_hash))
            for d, i, login, active, pin_hash in rows}


def open_deputy_account(db: Database, actor: Actor, deputy_id: object, name: str, pin: str,
                        login: str | None = None) -> DeputyAccount:
    """A sign-in account for a deputy (login: their card code unless given) with its first PIN."""
    actor.require(Role.ADMIN, what="开通代表的值班账号")
    ident = as_uuid(deputy_id)
    if str(ident) in deputy_accounts(db):
        raise DomainError("has_account", "这位代表已经有值班账号，需要时请重置密码。", field="login",
                          message_en="This deputy already has an account; reset its PIN instead.")
    add_account(db, actor, name=name, pin=pin, role=Role.DUTY_DEPUTY, deputy_id=ident, login=login or None)
    return deputy_accounts(db)[str(ident)]


def reset_deputy_pin(db: Database, actor: Actor, deputy_id: object, pin: str | None = None) -> PinReset:
    """A new PIN for a deputy's account (None: a random 6-digit one, shown once); clears its wrong-PIN wait."""
    actor.require(Role.ADMIN, what="重置密码")
    account = deputy_accounts(db).get(str(as_uuid(deputy_id)))
    if account is None:
        raise DomainError("no_account", "这位代表还没有值班账号，请先开通。", message_en="This deputy has no account yet.")
    return reset_pin(db, actor, uuid.UUID(account.operator_id), pin)


@dataclass(frozen=True)
class DeputyListRow:
    """One line of the 代表名单 page: the deputy and their sign-in account (None: they have none)."""

    deputy: DeputyView
    account: DeputyAccount | None


def deputy_list(db: Database, *, include_inactive: bool = True) -> list[DeputyListRow]:
    """The deputy register with each deputy's account, by name."""
    accounts = deputy_accounts(db)
    return [DeputyListRow(d, accounts.get(d.id)) for d in list_deputy_records(db, include_inactive=include_inactive)]
