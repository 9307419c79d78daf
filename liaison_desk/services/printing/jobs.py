"""Printing a document as a user action: gather its data, mark a second copy 补打, build the PDF, and record
the print (what, who, when, pages) in the print log — one function per document, each ``(db, actor, ...)``.

The desk and the command line call these; ``services.printing`` and ``services.printing_docs`` hold the
unrecorded builders (tests and previews). A copy counts as printed when it was delivered: each job takes
``deliver`` (write the file, send it to the printer) and writes the print log only after ``deliver``
returned, so a failed build or a refused or failed write leaves no record and the next copy is not a 补打.
Without ``deliver`` the caller has the PDF in hand and the copy is logged when it is built.

The desk builds first and delivers later, from its preview: it passes ``deliver=DeliverLater()``, which logs
nothing at build time and holds what the copy is; the preview calls its ``record()`` once the printer or
the file accepted the PDF. A preview closed without printing, or a print the printer refused, logs nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable

from ...db.database import Database
from ...domain.case_number import parse_case_number
from ...domain.timeutil import to_local
from ...printing import PrintedPdf
from ...printing.handover import build_handover
from ...printing.ledger import build_ledger
from ...printing.letters import build_letter
from ...printing.model import RegisterData
from ...printing.model_docs import Copy
from ...printing.notice import build_notice
from ...printing.progress import BuildCancelled, build_hooks
from ...printing.record_book import build_record_book
from ...printing.register import build_register
from ..admin import audit
from ..context import Actor, utcnow
from . import receipts as basic
from .docs import (
    LedgerFilter,
    handover_data,
    ledger_data,
    letter_data,
    letter_reference,
    notice_data,
)
from .log import Printed, copies_so_far, record_print, references_like
from .record_book import find_deputy, record_book_data, report_data, report_reference, report_text

__all__ = ["BuildCancelled", "DeliverLater", "PrintedPdf", "build_hooks", "print_handover", "print_ledger", "print_letter",
           "print_notice",
           "print_receipt", "print_record_book", "print_register", "print_report", "print_roster"]


def _copy(db: Database, document: str, reference: str) -> Copy:
    return Copy(printed_at=to_local(utcnow()), reprint=copies_so_far(db, document, reference) > 0)


# Hands a built PDF to where it goes (a file, a printer); raises when that refused or failed.
Deliver = Callable[[PrintedPdf], None]


class DeliverLater:
    """A ``deliver`` for a copy the user may or may not print (the desk's preview): the job logs nothing and
    leaves here what was built; ``record()`` logs it once the printer or the file accepted it (each call is
    one copy delivered). Before a job ran, or when it failed, there is nothing to record."""

    # the database, who, document, reference, pages, rows of personal data (None: not counted)
    _held: tuple[Database, Actor, str, str, int, int | None] | None

    def __init__(self) -> None:
        self._held = None

    def __call__(self, pdf: PrintedPdf) -> None:  # the PDF stays with the caller, who delivers it later
        pass

    def hold(self, db: Database, actor: Actor, document: str, reference: str, pdf: PrintedPdf,
             rows: int | None = None) -> None:
        self._held = (db, actor, document, reference, pdf.pages, rows)

    @property
    def pending(self) -> bool:
        return self._held is not None

    def record(self) -> Printed:
        """Log the held copy as printed (after the printer or the file accepted it)."""
        if self._held is None:
            raise RuntimeError("nothing was built to record")
        db, actor, document, reference, pages, rows = self._held
        return record_print(db, actor, document, reference, pages=pages, rows=rows)


def _deliver(db: Database, actor: Actor, document: str, reference: str, pdf: PrintedPdf,
             deliver: Deliver | None, rows: int | None = None) -> None:
    """Deliver, then log; a ``DeliverLater`` only holds what to log when the caller has delivered."""
    if isinstance(deliver, DeliverLater):
        deliver.hold(db, actor, document, reference, pdf, rows)
        return
    if deliver is not None:
        deliver(pdf)  # an exception here leaves no record
    record_print(db, actor, document, reference, pages=pdf.pages, rows=rows)


def _print(db: Database, actor: Actor, document: str, reference: str, build: Callable[[Copy], PrintedPdf],
           deliver: Deliver | None = None, rows: Callable[[], int | None] = lambda: None) -> PrintedPdf:
    pdf = build(_copy(db, document, reference))
    _deliver(db, actor, document, reference, pdf, deliver, rows())
    return pdf


def print_receipt(db: Database, actor: Actor, case_number: str, *, width: str = "80", large: bool = False,
                  stub: bool = False, reprint: bool | None = None, deliver: Deliver | None = None,
                  printable_mm: float | None = None) -> PrintedPdf:
    """The receipt slip; the second and later slips of a case are marked 补打 with the time (``reprint``
    forces the mark either way). ``printable_mm``: laid out for the width the roll printer really prints."""
    number = str(parse_case_number(case_number))  # canonical, so 补打 is found however it was typed
    if reprint is None:
        reprint = copies_so_far(db, "receipt", number) > 0
    pdf = basic.receipt_pdf(db, number, width=width, large=large, stub=stub, reprint=reprint,
                            printable_mm=printable_mm)
    _deliver(db, actor, "receipt", number, pdf, deliver)
    if str(width) in ("58", "80"):  # the preview lays a slip out again for the roll printer's real width
        copy = reprint
        pdf.relayout = lambda mm: print_receipt(db, actor, number, width=width, large=large, stub=stub,
                                                reprint=copy, deliver=deliver, printable_mm=mm)
    return pdf


def print_register(db: Database, actor: Actor, date_from: dt.date, date_to: dt.date, *,
                   deliver: Deliver | None = None) -> PrintedPdf:
    basic._check_range(date_from, date_to)
    reference = f"{date_from:%Y-%m-%d}..{date_to:%Y-%m-%d}"

    def build(copy: Copy) -> PrintedPdf:
        d = basic.register_data(db, date_from, date_to)
        d = RegisterData(d.station_name, d.date_from, d.date_to, d.rows, township=d.township,
                         printed_at=copy.printed_at)
        return build_register(d, reprint=copy.reprint)

    return _print(db, actor, "register", reference, build, deliver)


def print_ledger(db: Database, actor: Actor, f: LedgerFilter | None = None, *,
                 deliver: Deliver | None = None) -> PrintedPdf:
    f = f or LedgerFilter()
    return _print(db, actor, "ledger", f.reference(), lambda copy: build_ledger(ledger_data(db, f, copy)), deliver)


def print_record_book(db: Database, actor: Actor, deputy: str | uuid.UUID, year: int, *,
                      deliver: Deliver | None = None) -> PrintedPdf:
    """``deputy``: an id, a duty-card code or a unique name."""
    deputy_id = deputy if isinstance(deputy, uuid.UUID) else find_deputy(db, deputy)
    return _print(db, actor, "record_book", f"{deputy_id}:{year}",
                  lambda copy: build_record_book(record_book_data(db, deputy_id, year, copy)), deliver)


def print_letter(db: Database, actor: Actor, case_number: str, kind: str = "assignment", *,
                 deliver: Deliver | None = None) -> PrintedPdf:
    """The assignment letter (``kind="assignment"``) or supervision notice (``"supervision"``) of a case."""
    reference = letter_reference(db, case_number, kind)
    return _print(db, actor, "letter", reference, lambda copy: build_letter(letter_data(db, case_number, kind, copy)), deliver)


def print_notice(db: Database, actor: Actor, date_from: dt.date, date_to: dt.date, *,
                 deliver: Deliver | None = None) -> PrintedPdf:
    reference = f"{date_from:%Y-%m-%d}..{date_to:%Y-%m-%d}"
    return _print(db, actor, "notice", reference, lambda copy: build_notice(notice_data(db, date_from, date_to, copy)), deliver)


def print_handover(db: Database, actor: Actor, *, at: dt.datetime | None = None,
                   shift_id: uuid.UUID | None = None, deliver: Deliver | None = None) -> PrintedPdf:
    """The handover sheet of the current shift (or ``shift_id``), read at ``at`` (naive UTC, now by default)."""
    when = at or utcnow()
    reference = f"shift:{shift_id}" if shift_id else f"day:{to_local(when):%Y-%m-%d}"
    lines: list[int] = []  # the sheet's rows of personal data (visits, actions, cases due), for the audit trail

    def build(copy: Copy) -> PrintedPdf:
        data = handover_data(db, at=when, shift_id=shift_id, copy=copy)
        lines.append(len(data.visits) + len(data.actions) + len(data.due))
        return build_handover(data)

    pdf = _print(db, actor, "handover", reference, build, deliver, rows=lambda: lines[-1])
    if isinstance(deliver, DeliverLater):  # shown on the screen in the preview, printed or not (issue 17)
        audit.record_list(db, actor, "交接单", lines[-1], "（打印预览）")
    return pdf


def print_roster(db: Database, actor: Actor, year: int, month: int, *,
                 deliver: Deliver | None = None) -> PrintedPdf:
    """The monthly duty roster for the wall (``services.printing.roster``). A month with no plan is refused
    (``empty_roster``). The same plan printed again is a 补打; a plan that changed since (regenerated, a swap
    or a substitution) is a new edition, "第 N 版", not a 补打."""
    from .roster import build_roster_sheet, check_not_empty, roster_digest, roster_sheet_data

    data = roster_sheet_data(db, year, month)
    check_not_empty(data)
    month_ref = f"{year:04d}-{month:02d}"
    reference = f"{month_ref}:{roster_digest(data)}"
    editions = references_like(db, "roster", month_ref + ":")
    edition = editions.index(reference) + 1 if reference in editions else len(editions) + 1

    def build(copy: Copy) -> PrintedPdf:
        return build_roster_sheet(dataclasses.replace(data, printed_at=copy.printed_at or data.printed_at,
                                                      reprint=copy.reprint, edition=edition))

    return _print(db, actor, "roster", reference, build, deliver)


def print_report(db: Database, actor: Actor, deputy: str | uuid.UUID, year: int, *,
                 text: str | None = None, deliver: Deliver | None = None) -> PrintedPdf:
    """The deputy's 述职 report (向选民述职报告): the edited ``text`` when given, else the first draft from the
    year's records. The same text printed again is a 补打; an edited text is a new document."""
    from ...printing.report_draft import build_report_draft

    deputy_id = deputy if isinstance(deputy, uuid.UUID) else find_deputy(db, deputy)
    body = report_text(db, deputy_id, year, text)
    return _print(db, actor, "report", report_reference(deputy_id, year, body),
                  lambda copy: build_report_draft(report_data(db, body, copy)), deliver)
