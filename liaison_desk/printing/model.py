"""The plain data the printing layer receives, and the PDF it hands back (bytes plus pages and warnings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Self

from ..domain.masking import PUBLIC


class PrintedPdf(bytes):
    """A finished PDF. It *is* the bytes (write it, hash it, compare it); ``pages`` and ``warnings`` ride along
    so a caller that wants ``bytes`` needs nothing else, and one that shows a preview can tell the user that a
    rare character printed as □ and should be written in by hand."""

    pages: int
    warnings: tuple[str, ...]
    # A thermal slip: the same slip laid out for another printable width (mm), for a roll printer printing
    # wider or narrower than 72 / 48 mm (set by ``services.printing.jobs.print_receipt``); else None.
    relayout: Callable[[float], PrintedPdf] | None

    def __new__(cls, data: bytes, *, pages: int, warnings: Sequence[str] = ()) -> Self:
        self = super().__new__(cls, data)
        self.pages = pages
        self.warnings = tuple(warnings)
        self.relayout = None
        return self


@dataclass(frozen=True)
class ReceiptData:
    """What a receipt slip (回执) shows. Phone numbers arrive as stored and are masked when printed: the
    printing layer is the one place every slip passes through, so the rule is enforced there. There is no
    field for an ID number on purpose."""

    station_name: str
    station_code: str
    case_number: str
    registered_at: dt.datetime  # station-local
    summary: str
    duty_deputy: str | None = None
    visitor_name: str | None = None
    visitor_phone: str | None = None  # as stored; printed as 138****5678
    village: str | None = None
    category: str | None = None
    station_phone: str | None = field(default=None, metadata=PUBLIC)  # the station's own number, in full
    station_address: str = field(default="", metadata=PUBLIC)
    deadline: dt.date | None = None  # 办理期限, once the case was assigned
    printed_at: dt.datetime | None = None  # station-local; shown on a reprint (补打)
    duty_hours: str = field(default="", metadata=PUBLIC)  # 接待时间, from the desk settings
    reply_days: int | None = None  # "X 个工作日内答复" when no deadline was set yet
    matter: str = ""  # the whole matter as registered: printed in full on A5 (the slips keep ``summary``)
    # The public status page (issue 15): the link of the receipt's QR code (address + case number + token, nothing
    # personal) and the address in words; None: the county has no public address, the slip says to ask at the desk.
    status_url: str | None = field(default=None, metadata=PUBLIC)
    status_address: str = field(default="", metadata=PUBLIC)


@dataclass(frozen=True)
class RegisterRow:
    """One visit in the visitor register. Labels (channel, category) are already in Chinese."""

    occurred_at: dt.datetime  # station-local
    visitor_names: str
    headcount: int = 1
    visitor_phone: str | None = None  # as stored; printed masked
    village: str | None = None
    channel: str = ""
    matter: str = ""  # the case summary, or the visit's note when no case was raised
    category: str | None = None
    case_number: str | None = None
    received_by: str | None = None


@dataclass(frozen=True)
class RegisterData:
    """The visitor register (来访登记簿) for a date range (both ends included)."""

    station_name: str
    date_from: dt.date
    date_to: dt.date
    rows: Sequence[RegisterRow] = field(default_factory=tuple)
    township: str = ""
    printed_at: dt.datetime | None = None  # station-local; printed in the footer when given
