"""What the desk's first screen needs, read without the ORM (see ``db.quick``): the station's name, whether it
is a training database, large type, and the sign-in list. The ORM loads on a pool thread meanwhile."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ... import paths
from ...db import quick
from ...domain.timeutil import to_local, utcnow
from ...domain.workflow import Role

if TYPE_CHECKING:  # the first screen is drawn before the ORM is loaded: these are imported when called
    from ...db.database import Database
    from .shifts import SignedIn

_ROLE_ORDER = {Role.DUTY_DEPUTY.value: 0, Role.STAFF.value: 1, Role.ADMIN.value: 2}


@dataclass(frozen=True)
class Account:
    """One name on the sign-in list: a deputy (signed in by deputy id) or a staff/administrator login."""

    name: str
    role: str
    code: str = ""  # card code or login: what can be typed or scanned
    deputy_id: uuid.UUID | None = None
    login: str | None = None
    rostered_today: bool = False
    can_sign_in: bool = True


@dataclass(frozen=True)
class StartInfo:
    station_name: str
    station_code: str
    training: bool
    large_type: bool
    accounts: tuple[Account, ...]


def role_label(role: Role | str, lang: str) -> str:
    from ...domain.workflow import ROLE_LABELS

    try:
        zh, en = ROLE_LABELS[Role(role)]
    except ValueError:
        return str(role)
    return en if lang == "en" else zh


def sort_accounts(deputies: list[Account], operators: list[tuple[str, str, str]]) -> list[Account]:
    """Deputies rostered today first, then the others by name; then staff and administrators by login.
    ``operators``: (name, role, login) of every active account."""
    out = sorted(deputies, key=lambda d: (not d.rostered_today, not d.can_sign_in, d.name))
    ops = sorted(operators, key=lambda o: (_ROLE_ORDER.get(o[1], 3), o[2]))
    out.extend(Account(name, role, login, login=login) for name, role, login in ops if role != Role.DUTY_DEPUTY.value)
    return out


def read_start(data_dir: Path) -> StartInfo | None:
    """The first screen of a station that is set up and current; None sends the desk the ordinary way."""
    found = quick.read_start(paths.database_path(data_dir), to_local(utcnow()).date())
    if found is None:
        return None
    deputies = [Account(d["name"], Role.DUTY_DEPUTY.value, d["code"], deputy_id=d["deputy_id"],
                        rostered_today=d["rostered_today"], can_sign_in=d["can_sign_in"]) for d in found["deputies"]]
    operators = [(o["name"], o["role"], o["login"]) for o in found["operators"]]
    return StartInfo(found["station_name"], found["station_code"], found["training"],
                     found["settings"].get("large_type") is True, tuple(sort_accounts(deputies, operators)))


def list_accounts(db: Database) -> list[Account]:
    """The sign-in list from the open database (what ``read_start`` reads without the ORM): deputies (rostered
    today first), then staff and administrators."""
    from . import lookups, shifts

    deputies = [Account(d.name, Role.DUTY_DEPUTY.value, d.code or "", deputy_id=d.deputy_id,
                        rostered_today=d.on_roster_today, can_sign_in=d.can_sign_in)
                for d in shifts.list_sign_in_deputies(db)]
    return sort_accounts(deputies, [(c.name, c.detail, c.code) for c in lookups.list_operators(db)])


def sign_in_as(db: Database, account: Account, pin: str) -> SignedIn:
    """Check the PIN of the person picked on the sign-in list and open (or resume) their duty shift;
    DomainError says why not (wrong PIN, throttled…). This is the desk's sign-in: the date check is on from
    here (``clock.guard``), so a wrong-looking PC date is refused (``clock_unconfirmed``) until staff confirm
    it (``clock.confirm``, remembered while the program runs) or fix it — before the shift is written."""
    from . import clock, shifts

    clock.guard(db)
    if account.deputy_id is not None:
        return shifts.sign_in(db, pin, deputy_id=account.deputy_id)
    return shifts.sign_in(db, pin, login=account.login)
