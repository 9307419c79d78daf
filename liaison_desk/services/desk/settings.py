"""Desk settings of this PC (idle lock, large type, receipt width…), kept in ``local_state``: never synced;
and the station's phone and address printed on receipts, kept in the (synced) ``stations`` row."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import select

from ...db.database import Database, get_row, set_local
from ...db.models import LocalState, Station
from ...domain.errors import DomainError, ValidationError
from ...domain.idle import MAX_IDLE_MINUTES, NEVER
from ...domain.status_link import check_public_address
from ...domain.validation import validate_phone, validate_text
from ...domain.workflow import Role
from ..admin import audit
from ..changes import COUNTERS, QUEUE, Changes
from ..context import Actor

PREFIX = "setting:"
RECEIPT_WIDTHS = (58, 80)  # mm: the thermal receipt printers common at service desks
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class DeskSettings:
    idle_minutes: int = 10  # 0 = never lock
    large_type: bool = False  # 大字模式
    receipt_width_mm: int = 80
    language: str = "zh"
    due_soon_days: int = 3  # a deadline this close shows as "due soon"
    default_working_days: int = 15  # the time limit offered when assigning a case
    receipt_copies: int = 1
    print_receipt_on_save: bool = True
    # On paper (issue 14): the office's short name in a letter's 发文字号 (河口人联交〔2026〕12号; empty: the
    # township's first two characters + 人联), the reception hours printed on receipts, and the 抄送 of letters.
    office_short_name: str = ""
    duty_hours: str = ""
    letter_copy_to: str = ""
    # The county hub's public address (issue 15): when set, receipts print a QR code of the case's status page
    # (``domain.status_link``) and this address in words; empty: they say to ask at the desk.
    public_status_url: str = ""


# who may change what: comfort settings are anyone's, the rest belong to staff and administrators
PERSONAL = frozenset({"large_type", "language"})


def _check(name: str, value: Any) -> Any:
    def bad(zh: str, en: str):
        return ValidationError("bad_setting", zh, field=name, message_en=en)

    if name == "idle_minutes":
        if not isinstance(value, int) or isinstance(value, bool) or not (value == NEVER or
                                                                          1 <= value <= MAX_IDLE_MINUTES):
            raise bad(f"自动锁定时间应为 1 到 {MAX_IDLE_MINUTES} 分钟（0 表示不锁定）。",
                      f"The idle lock must be 1 to {MAX_IDLE_MINUTES} minutes (0: never).")
    elif name in ("large_type", "print_receipt_on_save"):
        if not isinstance(value, bool):
            raise bad("该设置只能是“是”或“否”。", "This setting is yes or no.")
    elif name == "receipt_width_mm":
        if value not in RECEIPT_WIDTHS:
            raise bad("回执纸宽只能是 58 毫米或 80 毫米。", "The receipt width is 58 or 80 mm.")
    elif name == "language":
        if value not in LANGUAGES:
            raise bad("界面语言只能是中文或英文。", "The language is zh or en.")
    elif name == "due_soon_days":
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 30:
            raise bad("临期提醒天数应在 0 到 30 之间。", "Due-soon days must be 0 to 30.")
    elif name == "default_working_days":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 366:
            raise bad("默认办理期限应在 1 到 366 个工作日之间。", "The default time limit is 1 to 366 working days.")
    elif name == "receipt_copies":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 3:
            raise bad("回执份数应为 1 到 3 份。", "Receipt copies: 1 to 3.")
    elif name in ("office_short_name", "duty_hours", "letter_copy_to"):
        limit = {"office_short_name": 12, "duty_hours": 60, "letter_copy_to": 60}[name]
        if not isinstance(value, str) or len(value.strip()) > limit:
            raise bad(f"该设置应为不超过 {limit} 个字的文字。", f"This setting is text of at most {limit} characters.")
        value = value.strip()
    elif name == "public_status_url":
        value = check_public_address(value, field=name)
    else:
        raise ValidationError("unknown_setting", f"没有这项设置：{name}", field=name)
    return value


def get_settings(db: Database) -> DeskSettings:
    """This PC's settings; a missing or damaged value falls back to its default (never an error)."""
    with db.session(write=False) as s:
        stored = dict(s.execute(select(LocalState.key, LocalState.value)
                                .where(LocalState.key.like(PREFIX + "%"))).all())
    values = {}
    for f in fields(DeskSettings):
        raw = stored.get(PREFIX + f.name)
        if raw is None:
            continue
        try:
            values[f.name] = _check(f.name, json.loads(raw))
        except (ValueError, ValidationError):
            continue
    return DeskSettings(**values)


#: What ``update_settings`` changes on the desk: the settings, and the due-soon days the queue and badge count by.
SETTINGS_CHANGED = Changes(lists=frozenset({QUEUE, COUNTERS}), settings=True)


@dataclass(frozen=True)
class StationContact:
    """The station's phone and address (on receipts): the ``stations`` row, shared with the hub."""

    phone: str = ""
    address: str = ""


STATION_FIELDS = ("station_phone", "station_address")


def station_contact(db: Database) -> StationContact:
    sid = db.station_id()
    if sid is None:
        return StationContact()
    with db.session(write=False) as s:
        st = get_row(s, Station, sid)
        return StationContact(st.phone or "", st.address or "")


def _check_station(name: str, value: Any) -> str:
    if name == "station_phone":
        return validate_phone(value, field=name) or ""  # a mobile or a landline with its area code; empty: none
    return validate_text(value, field=name, min_len=0, max_len=200)


def update_settings(db: Database, actor: Actor, **changes: Any) -> DeskSettings:
    """Change some settings (all or none); returns the settings now in force (what changed on the desk:
    ``SETTINGS_CHANGED``). ``station_phone`` and ``station_address`` change the station's own record
    (staff and administrators), in the same transaction."""
    if set(changes) - PERSONAL:
        actor.require(Role.STAFF, Role.ADMIN, what="修改值班台设置")
    station = {name: _check_station(name, changes.pop(name)) for name in STATION_FIELDS if name in changes}
    checked = {name: _check(name, value) for name, value in changes.items()}
    with db.session() as s:
        for name, value in checked.items():
            set_local(s, PREFIX + name, json.dumps(value))
        if station:
            sid = db.station_id()
            if sid is None:
                raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                                  message_en="This installation has no station yet.")
            st = get_row(s, Station, sid)
            if "station_phone" in station and (st.phone or "") != station["station_phone"]:
                st.phone = station["station_phone"] or None
            if "station_address" in station and (st.address or "") != station["station_address"]:
                st.address = station["station_address"]
        if set(checked) - PERSONAL or station:  # issue 17: which settings, not their values
            audit.append(s, db, actor, "admin_settings", "设置", "、".join(sorted({*checked, *station} - PERSONAL)))
    return replace(get_settings(db))


def settings_dict(settings: DeskSettings) -> dict[str, Any]:
    return asdict(settings)
