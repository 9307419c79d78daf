"""Plain data of the bound-book documents: case ledger, record book, letters, public notice, handover sheet.

Phone numbers arrive as stored and are masked by the printing layer; ID numbers never arrive at all. Every
date-time is station-local. ``printed_at`` is when the copy was made (shown in the footer), and ``reprint``
marks a second or later copy 补打 — both come from the service, so identical inputs give identical bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.masking import PUBLIC


@dataclass(frozen=True)
class Copy:
    """Which copy this is: when it was made and whether it is a 补打."""

    printed_at: dt.datetime | None = None
    reprint: bool = False


@dataclass(frozen=True)
class LedgerRow:
    """One case in the ledger (社情民意台账). Labels are already in Chinese."""

    number: str
    registered_at: dt.datetime
    visitor_names: str | None
    village: str | None
    category: str | None
    summary: str
    triage: str  # 红 / 黄 / 蓝 / 绿
    department: str | None
    deadline: dt.date | None
    status: str
    resolution: str | None
    satisfaction: str | None


@dataclass(frozen=True)
class LedgerData:
    station_name: str
    filter_text: str  # what was chosen, in words: "全部案件", "状态：已交办；2026-01-01 至 2026-06-30"
    rows: Sequence[LedgerRow] = field(default_factory=tuple)
    township: str = ""
    copy: Copy = Copy()


@dataclass(frozen=True)
class RecordSection:
    """One kind of duty in the record book: rows of cells in the order of that section's columns
    (``printing.record_book.SECTIONS``)."""

    key: str
    rows: Sequence[Sequence[str | None]] = field(default_factory=tuple)


@dataclass(frozen=True)
class ScoreLine:
    item: str
    count: int | None
    points: float
    category: str = ""
    capped: bool = False  # the item's cap cut the points


@dataclass(frozen=True)
class ScoreSummary:
    """The year's duty score (履职积分) as the scoring service computed it."""

    total: float
    grade: str = ""
    lines: Sequence[ScoreLine] = field(default_factory=tuple)
    note: str = ""


@dataclass(frozen=True)
class RecordBookData:
    """人大代表履职登记册 — one deputy, one year ("一人一册")."""

    station_name: str
    year: int
    deputy_name: str
    level: str  # 县人大代表…
    constituency: str = ""
    sector: str = ""
    group: str = ""  # 第一代表小组（组长）
    deputy_phone: str | None = None  # printed masked
    sections: Sequence[RecordSection] = field(default_factory=tuple)
    score: ScoreSummary | None = None  # None: no scoring yet (the page says so)
    copy: Copy = Copy()


@dataclass(frozen=True)
class LetterData:
    """交办函 (assignment letter) or 督办通知 (supervision notice) for one case."""

    kind: str  # assignment | supervision
    station_name: str
    station_phone: str | None = field(metadata=PUBLIC)  # the station's own number, printed in full
    letter_no: str  # 发文字号: 河口人联交〔2026〕12号
    department: str
    case_number: str
    registered_at: dt.datetime
    visitor_names: str | None
    visitor_phone: str | None  # printed masked
    village: str | None
    category: str | None
    triage: str
    urgency: str
    content: str
    deadline: dt.date | None
    assigned_at: dt.datetime | None = None
    escalation_level: int = 0
    supervisions: Sequence[tuple[dt.datetime, str]] = field(default_factory=tuple)  # earlier 督办, oldest first
    status: str = ""
    issued_on: dt.date | None = None
    copy: Copy = Copy()
    copy_to: str = ""  # 抄送 in the 版记 (the township's 人大主席团 by default)
    # who writes (the county hub prints the same letter from the county office, issue 15)
    sender: str = "我站"  # how the letter calls its writer: 我站 (a station), 我委 (the county office)
    return_to: str = "联络站"  # where the reply slip goes back to
    supervision_level: str = ""  # 督办方式 named by the county (一般, 重点, 挂牌…); "" prints none


@dataclass(frozen=True)
class NoticeRow:
    """One case on the public notice. ``summary`` is never printed (the free text can identify a household);
    the notice shows ``public_summary`` — wording staff approved — or village + category + result."""

    registered_on: dt.date
    village: str | None
    category: str | None
    summary: str
    department: str | None
    status: str
    resolution: str | None
    satisfaction: str | None
    public_summary: str = ""


@dataclass(frozen=True)
class NoticeData:
    """公示 — a period's cases for the village notice board, with names and numbers left out."""

    station_name: str
    date_from: dt.date
    date_to: dt.date
    rows: Sequence[NoticeRow] = field(default_factory=tuple)
    total: int = 0
    closed: int = 0
    withdrawn: int = 0
    rated: int = 0
    satisfied: int = 0
    township: str = ""
    station_phone: str | None = field(default=None, metadata=PUBLIC)
    issued_on: dt.date | None = None
    copy: Copy = Copy()

    @property
    def closure_rate(self) -> float | None:
        """办结率 = closed / (cases − withdrawn), as ``services.stats`` defines it."""
        whole = self.total - self.withdrawn
        return round(100.0 * self.closed / whole, 2) if whole else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(100.0 * self.satisfied / self.rated, 2) if self.rated else None


@dataclass(frozen=True)
class HandoverShift:
    slot: str  # 上午 / 下午 / 全天
    deputy: str
    day: dt.date
    signed_in: dt.datetime | None
    signed_out: dt.datetime | None
    note: str = ""


@dataclass(frozen=True)
class HandoverVisit:
    occurred_at: dt.datetime
    visitor_names: str
    village: str | None
    channel: str
    headcount: int
    case_number: str | None
    summary: str | None


@dataclass(frozen=True)
class HandoverAction:
    occurred_at: dt.datetime
    case_number: str
    action: str
    actor: str


@dataclass(frozen=True)
class HandoverCase:
    number: str
    summary: str
    status: str
    visitor: str | None
    phone: str | None  # as stored; printed masked
    deadline: dt.date | None
    callback_due: dt.date | None
    days_overdue: int = 0


@dataclass(frozen=True)
class HandoverData:
    """The shift handover sheet (值班交接班记录), from ``services.handover.HandoverSummary``: the shift, what
    it received and did, and every open case due (or promised a call-back) before the next duty day."""

    station_name: str
    today: dt.date
    next_duty_day: dt.date
    window_start: dt.datetime
    window_end: dt.datetime
    shift: HandoverShift | None = None
    previous: HandoverShift | None = None
    visits: Sequence[HandoverVisit] = field(default_factory=tuple)
    visits_total: int = 0
    new_cases_total: int = 0
    actions: Sequence[HandoverAction] = field(default_factory=tuple)
    actions_total: int = 0
    due: Sequence[HandoverCase] = field(default_factory=tuple)
    overdue_total: int = 0
    callbacks_total: int = 0
    copy: Copy = Copy()
