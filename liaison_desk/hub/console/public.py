"""The public case status page's service (issue 15): a constituent looks up their case with the case number and
the last four digits of the phone they registered with, or opens the link of their receipt's QR code
(``domain.status_link``), and may rate the reply once.

**What the public sees.** Only what the data model holds as public or as the county's own business: the stage in
plain words, the main department (a public body), the dates (registered, handed over, due, replied, closed), the
reply's result and A/B/C/D class in words, and the case's ``public_summary`` (公示摘要) — the one text that staff
approved for the public, checked at the station to hold no visitor's name (``services.cases.actions``). Never
the visitor's name, phone or ID number, never the matter as registered (``content``/``summary``: free text that
may name a household), never the reply's own text or any event's text (a department writes names and house
numbers into them), never the station's staff or deputies.

**No oracle.** "No such case", "wrong digits", "no phone on record", "the case was erased" and a withdrawn case
all give the same answer (:data:`NOT_FOUND`). A number that fails its own check character is said so: that is
arithmetic on the number, not a fact about any case.

**Rate limits.** Per client address (every lookup and link) and per case number, token buckets in the worker's
memory; the refusal says in Chinese how long to wait (:class:`Limited`). The buckets alone would not protect the
four digits (6 tries, then one every 2 min, per worker, forgotten at a restart: all 10,000 in one or two weeks),
so wrong digits are also counted per case number in the database (``hub_public_digit_failures``, shared by the
workers, kept across restarts): after :data:`DIGIT_TRIES` wrong tries within :data:`DIGIT_WINDOW` the case
number cannot be looked up by digits for :data:`DIGIT_WINDOW` (:class:`DigitsLocked`); the receipt's QR link
keeps working, and a wrong link token never counts against the digits. At 10 guesses a day, half the digits
take more than a year.

**The rating.** 满意/基本满意/不满意 with an optional comment becomes a 回访 (``FOLLOW_UP``) event written by the hub
(``actor_role`` hub, ``data.source`` "public", ``data.channel`` "online"), scoped to the owning station, so it
reaches the station at its next sync like the county's other actions. Allowed once per reply: only while the case
is 已答复 (the rating moves it to 已回访; after a 退回重办 and a new reply it may be rated again). The comment goes to
the station's record only and is never shown on the public page.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.case_number import parse_case_number
from ...domain.errors import DomainError, ValidationError
from ...domain.event_words import RESOLUTION_WORDS, SATISFACTION_WORDS
from ...domain.ids import new_id
from ...domain.status_link import TOKEN_LEN, last_four, status_key, status_token, token_ok
from ...domain.timeutil import to_local, utcnow
from ...domain.validation import validate_text
from ...domain.workflow import (
    REPLY_CLASS_LABELS,
    CaseState,
    EventKind,
    Role,
    Satisfaction,
    Status,
    check_action,
    fold,
)
from ..context import HubContext
from ..county import _case_events, _iso, commit_hub_change
from ..schema import HubRecord, HubStation
from ..sql import insert_missing, postgres
from .public_schema import HubPublicDigitFailures

log = logging.getLogger(__name__)

COMMENT_MAX = 300
#: wrong last-four-digit tries per case number within :data:`DIGIT_WINDOW`, then no lookup by digits for as long
DIGIT_TRIES = 10
DIGIT_WINDOW = dt.timedelta(hours=24)
#: who the station's timeline says acted
PUBLIC_ACTOR = "群众（网上评价）"

NOT_FOUND = ("没有查到与这个案件编号和电话后四位相符的案件。请核对回执上的编号和登记时留的电话；仍查不到的，请到联络站询问。",
             ("No case matches this case number and these last four digits. Check the number on the receipt and "
             "the phone you gave; if it still is not found, ask at the liaison station."))

#: the stage in plain words (what the constituent waits for), by status
STAGES: dict[Status, tuple[str, str]] = {
    Status.REGISTERED: ("已登记，联络站正在受理", "Registered; the station is taking it in"),
    Status.ACCEPTED: ("已受理，等待交给承办单位", "Accepted; waiting to be handed to a department"),
    Status.ASSIGNED: ("已交给承办单位，等待对方接收", "Handed to a department; waiting for it to take it"),
    Status.IN_PROGRESS: ("承办单位正在办理", "The department is working on it"),
    Status.REPLIED: ("承办单位已答复，欢迎您评价办理结果", "The department has replied; you may rate the result"),
    Status.FOLLOWED_UP: ("已答复并回访，等待办结", "Replied and followed up; waiting to be closed"),
    Status.CLOSED: ("已办结", "Closed"),
    Status.REOPENED: ("重新办理中", "Being handled again"),
    Status.WITHDRAWN: ("已撤回", "Withdrawn"),
}

RATINGS = (Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.UNSATISFIED)


class NotFound(DomainError):
    def __init__(self) -> None:
        super().__init__("status_not_found", NOT_FOUND[0], message_en=NOT_FOUND[1])


class Limited(DomainError):
    """Too many lookups: ``wait`` seconds until the next one may go ahead."""

    def __init__(self, wait: int) -> None:
        words = f"{math.ceil(wait / 60)} 分钟" if wait >= 60 else f"{wait} 秒"
        words_en = f"{math.ceil(wait / 60)} min" if wait >= 60 else f"{wait} s"
        super().__init__("status_rate_limited", f"查询太频繁，为保护群众信息，请 {words}后再试。",
                         message_en=f"Too many lookups; to protect people's data, try again in {words_en}.")
        self.wait = wait


class DigitsLocked(Limited):
    """Too many wrong digits for this case number: no lookup by digits until ``until`` (the QR link works)."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        hours = max(1, math.ceil(wait / 3600))
        self.message = (f"这个案件编号的电话后四位输错次数太多，为保护群众信息，{hours} 小时内不能再用电话后四位查询。"
                        "请扫描回执上的二维码查看，或到联络站询问。")
        self.message_en = (f"The last four digits were wrong too often for this case number; to protect people's "
                           f"data it cannot be looked up by digits for {hours} h. Scan the QR code on the receipt "
                           "or ask at the liaison station.")


@dataclass(frozen=True)
class PublicCase:
    """What the status page shows of a case (see the module's docstring for why exactly this)."""

    case_no: str
    token: str  # the case's link token: the rating form carries it
    stage: tuple[str, str]
    status: str
    department: str | None
    registered_on: dt.date | None
    assigned_on: dt.date | None
    deadline: dt.date | None
    replied_on: dt.date | None
    closed_on: dt.date | None
    result: tuple[str, str] | None  # the reply's resolution in words
    reply_class: tuple[str, str] | None
    public_summary: str | None
    may_rate: bool
    rated: tuple[str, str] | None  # the satisfaction recorded after the reply (by phone or online)


# -- rate limits ------------------------------------------------------------------------------------------------
class _Buckets:
    """Token buckets (``burst`` at once, ``per_s`` seconds to earn one back), a clock that may not go back."""

    def __init__(self, burst: int, per_s: float, clock: Callable[[], float]):
        self.burst, self.per_s, self.clock = burst, per_s, clock
        self._state: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        now = self.clock()
        with self._lock:
            tokens, at = self._state.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + max(0.0, now - at) / self.per_s)
            if tokens >= 1:
                self._state[key] = (tokens - 1, now)
                return 0
            self._state[key] = (tokens, now)
            if len(self._state) > 100_000:  # a flood of addresses: forget the full buckets
                self._state = {k: v for k, v in self._state.items() if v[0] < self.burst - 1}
            return max(1, math.ceil((1 - tokens) * self.per_s))


@dataclass
class PublicLimits:
    """Per address: 30 lookups at once, one more every 20 s; per case number: 6 lookups, one more every 2 min —
    in this worker's memory only (a restart forgets them, each worker counts alone): the digits' real guard is the
    per-case budget kept in the database by :func:`lookup` (:data:`DIGIT_TRIES` per :data:`DIGIT_WINDOW`). A link
    with a wrong token counts in its own bucket (:meth:`by_link_case`), so it never uses up the owner's lookups."""

    ip_burst: int = 30
    ip_every_s: float = 20.0
    case_burst: int = 6
    case_every_s: float = 120.0
    clock: Callable[[], float] = time.monotonic
    _ip: _Buckets = field(init=False)
    _case: _Buckets = field(init=False)
    _link: _Buckets = field(init=False)

    def __post_init__(self) -> None:
        self._ip = _Buckets(self.ip_burst, self.ip_every_s, self.clock)
        self._case = _Buckets(self.case_burst, self.case_every_s, self.clock)
        self._link = _Buckets(self.case_burst, self.case_every_s, self.clock)

    def by_address(self, ip: str) -> None:
        wait = self._ip.take(ip or "?")
        if wait:
            log.warning("public status: address %s over its rate", ip)
            raise Limited(wait)

    def by_case(self, case_no: str) -> None:
        wait = self._case.take(case_no)
        if wait:
            log.warning("public status: case %s over its rate", case_no)
            raise Limited(wait)

    def by_link_case(self, case_no: str) -> None:
        """A link of this case number with a wrong token (its own bucket: the owner's lookups by digits stay)."""
        wait = self._link.take(case_no)
        if wait:
            log.warning("public status: links of case %s over their rate", case_no)
            raise Limited(wait)


# -- reading --------------------------------------------------------------------------------------------------
def case_key(case_no: str) -> str:
    """The case number as the limits count it (typed any way: the parsed number); raises the number's own
    format or check-character message."""
    try:
        return str(parse_case_number(case_no))
    except DomainError as exc:
        raise ValidationError(exc.code, exc.message, field="case_no", message_en=exc.message_en) from None


def _fields(r: HubRecord | None) -> dict[str, Any]:
    return json.loads(r.fields) if r is not None else {}


def _get(s: Session, hub: HubContext, entity: str, ident: Any) -> HubRecord | None:
    try:
        key = uuid.UUID(str(ident))
    except ValueError:
        return None
    return s.scalar(select(HubRecord).where(HubRecord.county_id == hub.county, HubRecord.entity == entity,
                                            HubRecord.id == key, HubRecord.deleted_hlc.is_(None)))


def _case(s: Session, hub: HubContext, number: str, *, lock: bool = False) -> HubRecord | None:
    """The one live case with this number (two stations' clashing copies: none, never a guess); ``lock``: its
    row locked, so two ratings sent at once are taken one after the other (the second is refused)."""
    q = select(HubRecord).where(HubRecord.county_id == hub.county, HubRecord.entity == "cases",
                                HubRecord.label == number, HubRecord.deleted_hlc.is_(None))
    rows = s.scalars(q.with_for_update() if lock else q).all()
    return rows[0] if len(rows) == 1 else None


def _key(s: Session, hub: HubContext, record: HubRecord) -> bytes | None:
    if record.scope is None:
        return None
    st = HubStation.__table__
    row = s.execute(select(st.c.bundle_key, st.c.revoked_at).where(
        st.c.county_id == hub.county, st.c.station_uuid == record.scope)).first()
    if row is None or row.bundle_key is None or row.revoked_at is not None:
        return None
    return status_key(row.bundle_key)


def _phone_digits(s: Session, hub: HubContext, case: dict[str, Any]) -> str:
    person = _fields(_get(s, hub, "constituents", case.get("constituent_id")))
    visit = _fields(_get(s, hub, "visits", case.get("visit_id")))
    return last_four(str(person.get("phone") or visit.get("visitor_phone") or ""))


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return to_local(value).date()
    if isinstance(value, dt.date):
        return value
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return to_local(moment).date() if len(str(value)) > 10 else moment.date()


def _public(s: Session, hub: HubContext, record: HubRecord, case: dict[str, Any], state: CaseState,
            token: str) -> PublicCase:
    status = state.status or Status.REGISTERED
    department = _fields(_get(s, hub, "departments", state.department_id)).get("name") if state.department_id else None
    replied = status in (Status.REPLIED, Status.FOLLOWED_UP, Status.CLOSED)
    summary = str(case.get("public_summary") or "").strip() or None
    return PublicCase(
        case_no=record.label or "", token=token, stage=STAGES[status], status=status.value,
        department=str(department) if department else None, registered_on=_date(case.get("registered_at")),
        assigned_on=_date(state.assigned_at), deadline=state.deadline if status not in (
            Status.CLOSED, Status.WITHDRAWN) else None,
        replied_on=_date(state.replied_at) if replied else None, closed_on=_date(state.closed_at),
        result=RESOLUTION_WORDS.get(state.resolution) if replied and state.resolution else None,
        reply_class=REPLY_CLASS_LABELS.get(state.reply_class) if replied and state.reply_class else None,
        public_summary=summary, may_rate=status is Status.REPLIED,
        rated=SATISFACTION_WORDS.get(state.satisfaction) if state.satisfaction else None)


def _open(s: Session, hub: HubContext, case_no: str, *, digits: str | None = None, token: str | None = None,
          lock: bool = False) -> tuple[HubRecord, dict[str, Any], CaseState, str]:
    """The case, if the digits or the token fit it; :class:`NotFound` for every other outcome."""
    record = _case(s, hub, case_key(case_no), lock=lock)
    if record is None:
        raise NotFound()
    case = _fields(record)
    key = _key(s, hub, record)
    if key is None:
        raise NotFound()
    if token is not None:
        if not token_ok(key, str(record.id), token):
            raise NotFound()
    else:
        wanted = (digits or "").strip()
        have = _phone_digits(s, hub, case)
        if not have or len(wanted) != 4 or not wanted.isdigit() or wanted != have:
            raise NotFound()
    state = fold(_case_events(s, hub, record.id))
    if state.status is Status.WITHDRAWN or state.status is None:
        raise NotFound()
    return record, case, state, status_token(key, str(record.id))


def _count_digit_try(hub: HubContext, number: str, now: dt.datetime) -> None:
    """Counts this try against the case number's digit budget before the digits are checked (a pending failure,
    cleared by :func:`_clear_digit_tries` when they fit), in one transaction with the row locked, so workers and
    parallel requests each use one try; :class:`DigitsLocked` when the budget is spent."""
    table = HubPublicDigitFailures.__table__
    with hub.tx() as s:
        insert_missing(s, table, [{"county_id": hub.county, "case_no": number, "failures": 0, "first_at": now,
                                   "locked_until": None}])
        q = select(HubPublicDigitFailures).where(HubPublicDigitFailures.county_id == hub.county,
                                                 HubPublicDigitFailures.case_no == number)
        row = s.scalar(q.with_for_update() if postgres(s) else q)  # SQLite: the insert above holds the write lock
        assert row is not None
        if row.locked_until is not None and row.locked_until > now:
            log.warning("public status: lookup by digits of %s refused (too many wrong digits)", number)
            raise DigitsLocked(int((row.locked_until - now).total_seconds()))
        if row.locked_until is not None or row.first_at + DIGIT_WINDOW <= now:
            row.failures, row.first_at, row.locked_until = 0, now, None  # a new window
        row.failures += 1
        if row.failures >= DIGIT_TRIES:
            row.locked_until = now + DIGIT_WINDOW
            log.warning("public status: %d wrong digits for %s; lookups by digits closed until %s",
                        row.failures, number, row.locked_until)
        if now.minute == 0:  # now and then: forget windows long over
            s.execute(table.delete().where(table.c.county_id == hub.county,
                                           table.c.first_at < now - 3 * DIGIT_WINDOW,
                                           (table.c.locked_until.is_(None)) | (table.c.locked_until < now)))


def _clear_digit_tries(hub: HubContext, number: str) -> None:
    table = HubPublicDigitFailures.__table__
    with hub.tx() as s:
        s.execute(table.delete().where(table.c.county_id == hub.county, table.c.case_no == number))


def lookup(hub: HubContext, case_no: str, digits: str, *, now: dt.datetime | None = None) -> PublicCase:
    """By the case number and the last four digits of the registered phone; every try counts against the case
    number's digit budget until the digits fit (:class:`DigitsLocked` once it is spent)."""
    number = case_key(case_no)
    _count_digit_try(hub, number, now or utcnow())
    with hub.tx() as s:
        record, case, state, token = _open(s, hub, number, digits=digits)
        found = _public(s, hub, record, case, state, token)
    _clear_digit_tries(hub, number)
    return found


def by_link(hub: HubContext, case_no: str, token: str) -> PublicCase:
    """By the receipt's link (``token`` of the case: ``domain.status_link``)."""
    if not token or len(token) != TOKEN_LEN:
        raise NotFound()
    with hub.tx() as s:
        record, case, state, tok = _open(s, hub, case_no, token=token)
        return _public(s, hub, record, case, state, tok)


def rate(hub: HubContext, case_no: str, token: str, satisfaction: str, comment: str = "") -> PublicCase:
    """The constituent's rating of the reply: a 回访 event for the owning station (see the module's docstring).
    Raises :class:`NotFound`, or a ``DomainError`` in Chinese (no choice made, a comment too long, rated
    already)."""
    if satisfaction not in {r.value for r in RATINGS}:
        raise ValidationError("missing_rating", "请选择满意、基本满意或不满意。", field="satisfaction",
                              message_en="Choose satisfied, basically satisfied or unsatisfied.")
    text = validate_text(comment, field="comment", min_len=0, max_len=COMMENT_MAX) if (comment or "").strip() else ""
    if not token or len(token) != TOKEN_LEN:
        raise NotFound()
    with hub.tx() as s:
        record, case, state, tok = _open(s, hub, case_no, token=token, lock=True)
        if state.status is not Status.REPLIED:
            raise DomainError("already_rated", "这次答复已经评价过（或已回访），谢谢您。",
                              message_en="This reply has been rated (or followed up) already. Thank you.")
        data = {"satisfaction": satisfaction, "source": "public", "channel": "online",
                "text": f"群众网上评价：{SATISFACTION_WORDS[Satisfaction(satisfaction)][0]}" + (f"。意见：{text}" if text
                                                                                       else "")}
        check_action(state, EventKind.FOLLOW_UP, Role.HUB, data)
        fields = {"case_id": str(record.id), "kind": EventKind.FOLLOW_UP.value, "occurred_at": _iso(utcnow()),
                  "actor_role": Role.HUB.value, "actor_id": None, "actor_name": PUBLIC_ACTOR, "data": data,
                  "follows_id": state.last_id}
        commit_hub_change(hub, s, "case_events", str(new_id()), "insert", fields, scope=record.scope)
        log.info("public rating of %s: %s", record.label, satisfaction)
        state = fold(_case_events(s, hub, record.id))
        return _public(s, hub, record, case, state, tok)
