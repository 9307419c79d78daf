"""First-run set-up of a station: its record, its first administrator, starting reference data."""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from ...db.database import Database, get_local, get_row, set_local
from ...db.models import Category, Operator, Station, Village
from ...domain.case_number import validate_station_code
from ...domain.errors import DomainError, ValidationError
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
    #: rebuilds the database key on another PC (``liaison-desk recover-key``): shown once, kept nowhere;
    #: ``None`` for a plain database
    recovery_code: str | None = None


def station_info(db: Database) -> StationInfo | None:
    """This installation's station, or None before set-up."""
    sid = db.station_id()
    if sid is None:
        return None
    with db.session(write=False) as s:
        st = get_row(s, Station, sid)
        training = get_local(s, "training") == "1"
        return StationInfo(str(st.id), st.name, st.code, st.township, st.kind, training)


VILLAGE_MAX = 60


def check_station_code(db: Database, code: str) -> str:
    """The code as it will be stored (trimmed, upper case), or the reason it cannot be used: its form (2–8
    letters or digits, none of I O Q S Z) or a station of that code already in this database."""
    code = validate_station_code(code)
    with db.session(write=False) as s:
        taken = s.scalar(select(Station.name).where(Station.code == code))
    if taken is not None:
        raise ValidationError("station_code_taken", f"站点代码 {code} 已经被“{taken}”使用，请换一个。",
                              field="station_code", message_en=f"The station code {code} is already used by {taken}.")
    return code


def check_village_names(lines: Iterable[str]) -> list[str]:
    """村（社区）typed one per line: trimmed, blank lines and repeats dropped, in the order typed; a line too
    long or with control characters is refused with its line number. At least one is required."""
    names: list[str] = []
    for number, line in enumerate(lines, start=1):
        name = unicodedata.normalize("NFC", line).strip()
        if not name:
            continue
        try:
            name = validate_text(name, field="villages", max_len=VILLAGE_MAX)
        except DomainError as exc:
            raise ValidationError("bad_village", f"第 {number} 行：{exc.message}", field="villages",
                                  message_en=f"Line {number}: {exc.localized('en')}") from None
        if name not in names:
            names.append(name)
    if not names:
        raise ValidationError("no_villages", "请至少填写一个村（社区），每行一个。", field="villages",
                              message_en="Enter at least one village or community, one per line.")
    return names


def init_station(db: Database, *, name: str, code: str, township: str = "", kind: str = "station",
                 admin_login: str = "admin", admin_name: str = "管理员", admin_pin: str | None = None,
                 training: bool = False, villages: Iterable[str] = ()) -> InitResult:
    if db.station_id() is not None:
        raise DomainError("already_initialised", "本机已经设置过联络站，不能重复初始化。",
                          message_en="This installation already has a station.")
    name = validate_text(name, field="station_name", max_len=100)
    code = validate_station_code(code)
    township = validate_text(township, field="township", min_len=0, max_len=100) if township else ""
    kind = check_choice(kind, STATION_KINDS, field="kind", what="站点类型")
    admin_name = validate_person_name(admin_name, field="admin_name")
    village_names = check_village_names(villages) if villages else []
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
            s.add_all(Village(id=new_id(), station_id=station_id, name=v) for v in village_names)
            if training:
                set_local(s, "training", "1")
    except BaseException:
        db.forget_station()
        raise
    info = StationInfo(str(station_id), name, code, township, kind, training)
    return InitResult(info, admin_login, pin if chosen_pin else None, db.new_recovery_code())


def holds_real_records(db: Database) -> bool:
    """True once anything beyond the set-up itself was recorded (the demo generator refuses then)."""
    from ...db.models import Case, Deputy, Visit

    with db.session(write=False) as s:
        return any(s.scalar(select(func.count()).select_from(m)) for m in (Visit, Case, Deputy))


# -- the database key's recovery code (issue 17) ------------------------------------------------------------
def renew_recovery_code(db: Database) -> str | None:
    """A new recovery code for this station's database key (an older code stops working): for a station
    encrypted when it was upgraded (its set-up showed no code), or a code lost. ``None``: a plain database.
    Shown once; kept nowhere. Shown at the terminal, it counts as handed over: the desk does not ask again
    (``recovery_notice``)."""
    from .recovery_notice import UNCONFIRMED_KEY

    code = db.new_recovery_code()
    if code is not None and db.station_id() is not None:
        with db.session() as s:
            set_local(s, UNCONFIRMED_KEY, "0")
    return code


def recover_database_key(data_dir: Path, code: str) -> None:
    """Unlock the encrypted database in ``data_dir`` moved from another PC: the key is rebuilt from the
    recovery file beside it and the code typed, checked against the file and kept in this PC's key store.
    ``DomainError`` in Chinese for a code that does not fit, a missing recovery file or a plain database."""
    from ... import paths
    from ...db import cipher

    path = paths.database_path(data_dir)
    if not path.exists():
        raise DomainError("no_database", f"目录 {data_dir} 中没有联络站数据库。请检查 --data-dir。",
                          message_en=f"There is no station database in {data_dir}. Check --data-dir.")
    cipher.recover_key(path, code)
