"""First-run set-up of a station: its record, its first administrator, starting reference data."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select

from ...db.database import Database, get_local, get_row, set_local
from ...db.models import Category, Operator, Station
from ...domain.case_number import validate_station_code
from ...domain.errors import DomainError
from ...domain.ids import new_id
from ...domain.reference import DEFAULT_CATEGORIES
from ...domain.validation import validate_person_name, validate_text
from ...domain.vocab import STATION_KINDS, check_choice
from ...domain.workflow import Role
from ..desk.accounts import hash_pin


@dataclass(frozen=True)
class StationInfo:
    id: str
    name: str
    code: str
    township: str
    kind: str
    training: bool


@dataclass(frozen=True)
class InitResult:
    station: StationInfo
    admin_login: str
    admin_pin: str | None  # set only when the program chose it: shown once, never stored in clear


def station_info(db: Database) -> StationInfo | None:
    """This installation's station, or None before set-up."""
    sid = db.station_id()
    if sid is None:
        return None
    with db.session(write=False) as s:
        st = get_row(s, Station, sid)
        training = get_local(s, "training") == "1"
        return StationInfo(str(st.id), st.name, st.code, st.township, st.kind, training)


def init_station(db: Database, *, name: str, code: str, township: str = "", kind: str = "station",
                 admin_login: str = "admin", admin_name: str = "管理员", admin_pin: str | None = None,
                 training: bool = False) -> InitResult:
    if db.station_id() is not None:
        raise DomainError("already_initialised", "本机已经设置过联络站，不能重复初始化。",
                          message_en="This installation already has a station.")
    name = validate_text(name, field="station_name", max_len=100)
    code = validate_station_code(code)
    township = validate_text(township, field="township", min_len=0, max_len=100) if township else ""
    kind = check_choice(kind, STATION_KINDS, field="kind", what="站点类型")
    admin_name = validate_person_name(admin_name, field="admin_name")
    chosen_pin = admin_pin is None
    pin = admin_pin if admin_pin is not None else f"{secrets.randbelow(10**6):06d}"
    pin_hash = hash_pin(pin)
    station_id = new_id()
    try:
        with db.session() as s:
            db.set_station_id(s, station_id)  # change capture stamps the station as origin from here on
            s.add(Station(id=station_id, name=name, code=code, township=township, kind=kind))
            s.add(Operator(login=admin_login, display_name=admin_name, role=Role.ADMIN.value,
                           pin_hash=pin_hash))
            s.add_all(Category(code=c, name=n, livelihood=lv, sort_order=i)
                      for i, (c, n, lv) in enumerate(DEFAULT_CATEGORIES))
            if training:
                set_local(s, "training", "1")
    except BaseException:
        db.forget_station()
        raise
    info = StationInfo(str(station_id), name, code, township, kind, training)
    return InitResult(info, admin_login, pin if chosen_pin else None)


def holds_real_records(db: Database) -> bool:
    """True once anything beyond the set-up itself was recorded (the demo generator refuses then)."""
    from ...db.models import Case, Deputy, Visit

    with db.session(write=False) as s:
        return any(s.scalar(select(func.count()).select_from(m)) for m in (Visit, Case, Deputy))
