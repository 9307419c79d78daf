"""Operator accounts: PINs stored as salted scrypt hashes, checked without leaking timing."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from ...db.database import Database
from ...db.models import Operator
from ...domain.errors import DomainError, ValidationError
from ...domain.timeutil import utcnow
from ...domain.workflow import Role
from ..admin import audit
from ..context import Actor
from .pin_waits import record_failure

_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(base64.b64decode(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def check_pin_format(pin: str) -> str:
    if not pin or not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise ValidationError("bad_pin", "密码应为 4 到 12 位数字。", field="pin",
                              message_en="The PIN must be 4 to 12 digits.")
    return pin


def pin_is_usable(stored: str | None) -> bool:
    """Whether ``stored`` is a PIN hash at all. An account whose record came from the hub has none (the PIN
    never leaves the PC: ``sync.apply.DISABLED_SECRET``), e.g. one made after the backup a database was
    restored from; it cannot sign in until an administrator resets its PIN."""
    return stored is not None and stored.startswith("scrypt$") and stored.count("$") == 5


@dataclass(frozen=True)
class PinReset:
    login: str
    display_name: str
    pin: str  # the new PIN (shown once when it was generated)


def reset_pin(db: Database, actor: Actor, account: uuid.UUID | str, pin: str | None = None) -> PinReset:
    """An administrator sets a new PIN for a deputy's, a staff member's or an administrator's account
    (``account``: its id or login), and clears its wrong-PIN wait. ``pin`` None: a random 6-digit one."""
    actor.require(Role.ADMIN, what="重置密码")
    pin = pin if pin is not None else f"{secrets.randbelow(10**6):06d}"
    pin_hash = hash_pin(pin)
    with db.session() as s:
        q = select(Operator).where(Operator.deleted_hlc.is_(None))
        if isinstance(account, uuid.UUID):
            q = q.where(Operator.id == account)
        else:
            q = q.where(func.lower(Operator.login) == str(account).strip().lower())
        op = s.scalar(q)
        if op is None:
            raise DomainError("unknown_operator", f"找不到账号“{account}”。", field="login",
                              message_en=f"There is no account {account!r}.")
        op.pin_hash = pin_hash  # a local-only secret: no change is logged, nothing travels
        record_failure(db, s, op.id, 0, utcnow())
        audit.append(s, db, actor, "admin_pin", op.login, "重置密码")  # issue 17 (never the PIN)
        return PinReset(op.login, op.display_name, pin)
