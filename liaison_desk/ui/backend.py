"""The desk's port to the services it calls besides cases and case lists, in one place.

The services behind the duty desk (shifts, handover, visitors, similarity, drafts, settings) were written at
the same time as these screens; this module maps their results onto the small shapes the screens show, so a
change of a service signature is fixed here once. It holds no state and never touches the ORM.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.workflow import Role
from ..services.cases import visitors as _visitors
from ..services.context import Actor
from ..services.desk import drafts as _drafts
from ..services.desk import handover as _handover
from ..services.desk import lookups
from ..services.desk import settings as _settings
from ..services.desk import shifts as _shifts
from ..services.desk.startup import Account, role_label, sort_accounts  # noqa: F401  (role_label: part of the port)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseBrief:
    """One line about a case in a side panel: a returning visitor's earlier case, a similar open case."""

    id: uuid.UUID
    number: str
    summary: str
    status: str
    when: dt.date | None = None
    score: float | None = None


@dataclass(frozen=True)
class VisitorInfo:
    name: str
    phone: str | None
    village: str | None
    cases: tuple[CaseBrief, ...] = ()


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    shift_id: uuid.UUID | None


@dataclass(frozen=True)
class DeskSettings:
    idle_minutes: float = 10  # 0: never lock
    large_type: bool = False
    receipt_width: str = "80"
    extra: dict[str, Any] = field(default_factory=dict)


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def _brief(row: Any) -> CaseBrief:
    when = _get(row, "registered_at", "date", "when")
    if isinstance(when, dt.datetime):
        when = when.date()
    return CaseBrief(uuid.UUID(str(_get(row, "id", "case_id"))), _get(row, "number", "case_number", default=""),
                     _get(row, "summary", default=""), _get(row, "status", default=""), when,
                     _get(row, "score", "similarity"))


# -- sign-in ------------------------------------------------------------------------------------------------
def accounts(db) -> list[Account]:
    """Deputies (rostered today first), then staff and administrators."""
    deputies = [Account(d.name, Role.DUTY_DEPUTY.value, d.code or "", deputy_id=d.deputy_id,
                        rostered_today=d.on_roster_today, can_sign_in=d.can_sign_in) for d in _shifts.list_deputies(db)]
    return sort_accounts(deputies, [(c.name, c.detail, c.code) for c in lookups.list_operators(db)])


def sign_in(db, account: Account, pin: str) -> SignedIn:
    """Check the PIN and open (or resume) the duty shift; DomainError says why not (wrong PIN, throttled…)."""
    if account.deputy_id is not None:
        result = _shifts.sign_in(db, pin, deputy_id=account.deputy_id)
    else:
        result = _shifts.sign_in(db, pin, login=account.login)
    return SignedIn(result.actor, result.shift_id)


def sign_out(db, signed: SignedIn, note: str = "") -> None:
    """Close the shift (sign-out time) with the note left for the next deputy."""
    if signed.shift_id is not None:
        _shifts.sign_out(db, signed.actor, signed.shift_id, note=note)


# -- handover -----------------------------------------------------------------------------------------------
def handover_summary(db, **kwargs: Any) -> Any:
    return _handover.handover_summary(db, **kwargs)


def end_of_shift_summary(db, signed: SignedIn | None) -> Any:
    return _handover.shift_end_summary(db, signed.shift_id if signed else None)


@dataclass(frozen=True)
class QueueBrief:
    """One row of the overdue queue, in the attributes the brief table model shows."""

    id: uuid.UUID
    number: str
    summary: str
    village: str | None
    triage: str
    urgency: str
    status: str
    deadline: dt.date | None
    days_overdue: int


@dataclass(frozen=True)
class Queue:
    """超期和即将到期: the most urgent first; totals for the main window's badge."""

    rows: tuple[QueueBrief, ...]
    overdue_total: int
    due_soon_total: int


def urgency_badge(db) -> Any:
    """Counts for the badge (overdue, due soon): two indexed counts, cheap enough for every refresh."""
    from ..services.cases import listing as case_list

    return case_list.urgency_counts(db, due_soon_days=_settings.get_settings(db).due_soon_days)


def urgency_queue(db, *, limit: int = 200) -> Queue:
    from ..services.cases import listing as case_list

    days = _settings.get_settings(db).due_soon_days
    counts = case_list.urgency_counts(db, due_soon_days=days)
    rows = tuple(QueueBrief(q.row.id, q.row.number, q.row.summary, q.row.village, q.row.triage, q.row.urgency,
                            q.row.status, q.row.deadline, max(0, -q.days_left))
                 for q in case_list.urgency_queue(db, due_soon_days=days, limit=limit))
    return Queue(rows, counts.overdue, counts.due_soon)


def receipt_pdf(db, actor: Actor, case_number: str) -> tuple[bytes, str]:
    """The receipt slip at this PC's paper width, recorded in the print log; every slip after the first is
    marked 补打 with the time. Returns (pdf, width)."""
    from ..services.printing.jobs import print_receipt

    width = load_settings(db).receipt_width
    return bytes(print_receipt(db, actor, case_number, width=width)), width


def handover_pdf(db, actor: Actor, shift_id: uuid.UUID | None) -> bytes:
    """The printed handover sheet (recorded in the print log like every printout)."""
    from ..services.printing.jobs import print_handover

    return print_handover(db, actor, shift_id=shift_id)


# -- visitors and duplicates ---------------------------------------------------------------------------------
def find_visitor(db, phone: str) -> VisitorInfo | None:
    """The most recent person seen with this phone number (a family may share one), or None."""
    if not phone.strip():
        return None
    found = _visitors.find_visitor(db, phone)
    if not found:
        return None
    v = found[0]
    return VisitorInfo(v.name, v.phone, v.village, tuple(_brief(c) for c in v.cases))


def similar_cases(db, *, village: str | None, category_id: uuid.UUID | None, text: str) -> list[CaseBrief]:
    if not text.strip():
        return []
    return [_brief(r) for r in _visitors.similar_open_cases(db, None, category_id, text, village=village)]


# -- drafts: a half-filled form survives a validation error, a closed window and a crash ----------------------
def save_draft(data_dir: Path | None, form: str, values: dict[str, Any]) -> None:
    if data_dir is not None:
        _drafts.save_draft(Path(data_dir), form, values)


def load_draft(data_dir: Path | None, form: str) -> dict[str, Any] | None:
    if data_dir is None:
        return None
    try:
        draft = _drafts.load_draft(Path(data_dir), form)
    except (OSError, ValueError):  # an unreadable draft is not worth an error at start-up
        log.warning("draft %s unreadable; ignored", form, exc_info=True)
        return None
    return draft.data if draft else None


def clear_draft(data_dir: Path | None, form: str) -> None:
    if data_dir is not None:
        _drafts.discard_draft(Path(data_dir), form)


# -- settings ----------------------------------------------------------------------------------------------
def load_settings(db) -> DeskSettings:
    got = _settings.get_settings(db)
    return DeskSettings(float(got.idle_minutes), bool(got.large_type), str(got.receipt_width_mm))


def save_large_type(db, actor: Actor | None, large: bool) -> None:
    if actor is not None:
        _settings.update_settings(db, actor, large_type=large)




# -- the 打印 menu and the case page's letters (built on a pool thread: each returns the PDF, logged) -------------
def register_pdf(db, actor: Actor, date_from: dt.date, date_to: dt.date) -> Any:
    from ..services.printing.jobs import print_register

    return print_register(db, actor, date_from, date_to)


def ledger_pdf(db, actor: Actor) -> Any:
    from ..services.printing.jobs import print_ledger

    return print_ledger(db, actor)


def notice_pdf(db, actor: Actor, date_from: dt.date, date_to: dt.date) -> Any:
    from ..services.printing.jobs import print_notice

    return print_notice(db, actor, date_from, date_to)


def roster_pdf(db, actor: Actor, year: int, month: int) -> Any:
    from ..services.printing.jobs import print_roster

    return print_roster(db, actor, year, month)


def record_book_pdf(db, actor: Actor, deputy_id: uuid.UUID, year: int) -> Any:
    """履职登记册 of one deputy and year; the same book printed again is marked 补打."""
    from ..services.printing.jobs import print_record_book

    return print_record_book(db, actor, deputy_id, year)


def report_pdf(db, actor: Actor, deputy_id: uuid.UUID, year: int, text: str | None = None) -> Any:
    """The 述职 report: ``text`` as the deputy edited it, or (None) the first draft from the year's records."""
    from ..services.printing.jobs import print_report

    return print_report(db, actor, deputy_id, year, text=text)


def report_draft_text(db, deputy_id: uuid.UUID, year: int) -> str:
    """The 述职 report's first draft from the year's records, for the deputy to edit before printing."""
    from ..services.printing.record_book import report_text

    return report_text(db, deputy_id, year)


def letter_pdf(db, actor: Actor, case_number: str, kind: str) -> Any:
    """交办函 (``kind="assignment"``) or 督办通知 (``"supervision"``) of a case; refused (DomainError) when the
    case was never assigned, or is closed (supervision)."""
    from ..services.printing.jobs import print_letter

    return print_letter(db, actor, case_number.strip(), kind)


@dataclass(frozen=True)
class DeputyChoice:
    """One deputy in the print dialogs' list; ``level`` is already in the desk's language."""

    id: uuid.UUID
    name: str
    code: str = ""
    level: str = ""
    active: bool = True  # False: the term has ended (the books of past years are still printed)


def print_deputies(db, lang: str = "zh") -> list[DeputyChoice]:
    """The station's deputies a record book or 述职 report is printed for, including those whose term has
    ended, by name."""
    from ..domain.vocab import DEPUTY_LEVELS, label
    from ..services.printing.record_book import station_deputies

    return [DeputyChoice(d.id, d.name, d.code, label(DEPUTY_LEVELS, d.level, lang), d.active)
            for d in station_deputies(db)]


@dataclass(frozen=True)
class CaseLetters:
    """Which letters a case page offers: 交办函 once the case was assigned to a department, 督办通知 once it
    was supervised after that assignment and is still open (what ``printing_docs.letter_data`` accepts)."""

    assignment: bool = False
    supervision: bool = False


def case_letters(view: Any, events: Any) -> CaseLetters:
    """From the case page's own view and timeline (no extra read)."""
    from ..domain.workflow import EventKind, Status

    kinds = [getattr(e, "kind", "") for e in events or ()]
    assigned = EventKind.ASSIGN.value in kinds and bool(getattr(view, "department", None))
    last_assign = max((i for i, k in enumerate(kinds) if k == EventKind.ASSIGN.value), default=-1)
    supervised = assigned and EventKind.SUPERVISE.value in kinds[last_assign + 1:]
    open_case = getattr(view, "status", "") not in (Status.CLOSED.value, Status.WITHDRAWN.value)
    return CaseLetters(assigned, supervised and open_case)


# -- sync conflicts (值班 → 同步冲突…) -------------------------------------------------------------------------
def sync_conflicts(db, *, include_resolved: bool = False) -> list[Any]:
    from ..services.sync.rounds import list_conflicts

    return list_conflicts(db, include_resolved=include_resolved)


def resolve_sync_conflict(db, actor: Actor | None, conflict_id: int) -> None:
    from ..domain.errors import PermissionDenied
    from ..services.sync.rounds import resolve_conflict

    if actor is None:
        raise PermissionDenied("not_signed_in", "请先签到。", message_en="Sign in first.")
    resolve_conflict(db, actor, conflict_id)
