"""Printing: gather a receipt's or the visitor register's data in one read session, then hand it to the printer."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ...db.database import Database, get_row
from ...db.models import Case, Category, Constituent, Deputy, Station, Village, Visit
from ...domain.errors import DomainError
from ...domain.status_link import status_key, status_token, status_url
from ...domain.timeutil import to_local, to_utc
from ...domain.vocab import VISIT_CHANNELS, label
from ...printing import PrintedPdf, ReceiptData, RegisterData, RegisterRow
from ...printing.receipt import FORMATS, build_receipt
from ...printing.register import build_register
from ...sync.bundle import bundle_key
from ..cases.actions import find_case_id
from ..context import utcnow
from ..desk.settings import get_settings
from ..sync import state as sync_state

RECEIPT_WIDTHS = tuple(FORMATS)  # "80", "58", "a5"


def _station(db: Database, session) -> Station:
    sid = db.station_id()
    station = session.get(Station, sid) if sid else None
    if station is None:
        raise DomainError("no_station", "本机还没有设置联络站，请先完成初始化。",
                          message_en="This installation has no station yet: run init first.")
    return station


def _name(session, model, ident: uuid.UUID | None) -> str | None:
    row = session.get(model, ident) if ident is not None else None
    return row.name if row is not None else None


def receipt_data(db: Database, case_number: str, *, reprint: bool = False) -> ReceiptData:
    """What the slip of this case shows. An unknown or mistyped number raises DomainError."""
    case_id = find_case_id(db, case_number)  # checks the check character first, then looks the number up
    settings = get_settings(db)
    with db.session(write=False) as s:
        c = get_row(s, Case, case_id)
        station = s.get(Station, c.station_id) or _station(db, s)
        visit = s.get(Visit, c.visit_id) if c.visit_id else None
        person = s.get(Constituent, c.constituent_id) if c.constituent_id else None
        deputy_id = (visit.received_by_id if visit else None) or c.registered_by_id
        link = _status_link(db, settings.public_status_url, c.id, c.number)
        return ReceiptData(
            station_name=station.name, station_code=station.code, station_phone=station.phone,
            station_address=station.address or "", case_number=c.number,
            registered_at=to_local(c.registered_at), summary=c.summary or c.content,
            duty_deputy=_name(s, Deputy, deputy_id),
            visitor_name=visit.visitor_names if visit else (person.name if person else None),
            visitor_phone=(visit.visitor_phone if visit else None) or (person.phone if person else None),
            village=_name(s, Village, c.village_id), category=_name(s, Category, c.category_id),
            deadline=c.deadline, printed_at=to_local(utcnow()) if reprint else None,
            duty_hours=settings.duty_hours, reply_days=settings.default_working_days, matter=c.content or "",
            status_url=link, status_address=settings.public_status_url if link else "")


def _status_link(db: Database, address: str, case_id: uuid.UUID, number: str) -> str | None:
    """The case's public status link (``domain.status_link``), or None when the county has no public address
    or this station is not enrolled (no credential: the hub could not check the link)."""
    if not address:
        return None
    credential = sync_state.credential(db.path)
    if not credential:
        return None
    return status_url(address, number, status_token(status_key(bundle_key(credential)), str(case_id)))


def status_link(db: Database, case_number: str) -> str | None:
    """The link a receipt of this case prints as its QR code (None: none is printed)."""
    case_id = find_case_id(db, case_number)
    with db.session(write=False) as s:
        number = get_row(s, Case, case_id).number
    return _status_link(db, get_settings(db).public_status_url, case_id, number)


def receipt_pdf(db: Database, case_number: str, *, width: str = "80", large: bool = False, stub: bool = False,
                reprint: bool = False, printable_mm: float | None = None) -> PrintedPdf:
    """The receipt slip of a case as PDF bytes (``.warnings`` lists characters printed as □).

    ``width``: "80" or "58" (thermal rolls, page as tall as the slip) or "a5"; ``stub`` adds the station's
    copy as a second page; ``reprint`` marks the slip 补打 with the time; ``printable_mm`` lays a thermal slip
    out for the width the roll printer really prints.
    """
    width = str(width).lower()
    if width not in FORMATS:
        raise DomainError("bad_receipt_width", f"回执纸张“{width}”无效，应为 58、80 或 a5。", field="width",
                          message_en=f"Receipt paper {width!r} is not one of 58, 80, a5.")
    return build_receipt(receipt_data(db, case_number, reprint=reprint), width=width, large=large, stub=stub,
                         reprint=reprint, printable_mm=printable_mm)


def _check_range(date_from: dt.date, date_to: dt.date) -> None:
    if not isinstance(date_from, dt.date) or not isinstance(date_to, dt.date):
        raise DomainError("bad_date_range", "请填写登记簿的起止日期。", field="date_from",
                          message_en="Both dates of the register are required.")
    if date_to < date_from:
        raise DomainError("bad_date_range",
                          f"结束日期 {date_to:%Y-%m-%d} 早于开始日期 {date_from:%Y-%m-%d}，请检查起止日期。",
                          field="date_to", message_en="The end date is before the start date.")


def register_data(db: Database, date_from: dt.date, date_to: dt.date) -> RegisterData:
    """The station's visits from ``date_from`` to ``date_to`` (station-local days, both included), oldest
    first, with the case each one raised."""
    _check_range(date_from, date_to)
    start = to_utc(dt.datetime.combine(date_from, dt.time.min))
    end = to_utc(dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min))
    vil, dep = aliased(Village), aliased(Deputy)
    with db.session(write=False) as s:
        station = _station(db, s)
        in_range = (Visit.station_id == station.id, Visit.occurred_at >= start, Visit.occurred_at < end,
                    Visit.deleted_hlc.is_(None))
        visits = s.execute(
            select(Visit.id, Visit.occurred_at, Visit.visitor_names, Visit.headcount, Visit.visitor_phone,
                   Visit.channel, Visit.note, vil.name, dep.name)
            .outerjoin(vil, vil.id == Visit.village_id).outerjoin(dep, dep.id == Visit.received_by_id)
            .where(*in_range).order_by(Visit.occurred_at, Visit.id)).all()
        # A visit may raise more than one matter: its cases are listed together in its row.
        cases: dict[uuid.UUID | None, list[tuple[str, str, str | None]]] = defaultdict(list)
        for visit_id, number, summary, category in s.execute(
                select(Case.visit_id, Case.number, Case.summary, Category.name)
                .join(Visit, Visit.id == Case.visit_id).outerjoin(Category, Category.id == Case.category_id)
                .where(*in_range, Case.deleted_hlc.is_(None)).order_by(Case.number)):
            cases[visit_id].append((number, summary, category))
        name, township = station.name, station.township
    rows = []
    for vid, occurred, names, headcount, phone, channel, note, village, deputy in visits:
        raised = cases.get(vid, [])
        rows.append(RegisterRow(
            occurred_at=to_local(occurred), visitor_names=names, headcount=headcount or 1, visitor_phone=phone,
            village=village, channel=label(VISIT_CHANNELS, channel), received_by=deputy,
            matter="；".join(summary for _, summary, _ in raised) or note or "",
            category="、".join(dict.fromkeys(c for _, _, c in raised if c)) or None,
            case_number="\n".join(n for n, _, _ in raised) or None))
    return RegisterData(station_name=name, township=township, date_from=date_from, date_to=date_to,
                        rows=rows, printed_at=to_local(utcnow()))


def visitor_register_pdf(db: Database, date_from: dt.date, date_to: dt.date) -> PrintedPdf:
    """The visitor register (来访登记簿) for the date range as PDF bytes; a bad range raises DomainError."""
    return build_register(register_data(db, date_from, date_to))
