"""The desk's 打印 menu: the station's registers and sheets, built off the UI thread, then previewed.

Each entry asks only what the document needs (a date range or nothing), builds the PDF with
``print_preview.build_in_background`` (a cancellable progress dialog; the window keeps answering) through the
``services.printing_jobs`` call that also records the print, then opens the preview to print or save it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QMenu, QMessageBox, QWidget

from ..domain.errors import DomainError
from .forms import friendly

log = logging.getLogger(__name__)


class DateRangeDialog(QDialog):
    """From … to …, this month by default."""

    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1), self)
        self.end = QDateEdit(today, self)
        for edit, name in ((self.start, self.tr("开始日期")), (self.end, self.tr("结束日期"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        form = QFormLayout(self)
        form.addRow(self.tr("从(&F)："), self.start)
        form.addRow(self.tr("到(&T)："), self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def dates(self) -> tuple[dt.date, dt.date]:
        return self.start.date().toPython(), self.end.date().toPython()


class PrintMenu(QObject):
    """Adds 打印(&P) to ``window``'s menu bar; ``window.session`` supplies the database and who is printing."""

    def __init__(self, window, lang: str):
        super().__init__(window)
        self.window, self.lang = window, lang
        self.quiet = False  # tests read ``last_error`` instead of a modal box
        self.last_error: str | None = None
        menu = self.menu = QMenu(self.tr("打印(&P)"), window)
        menu.addAction(self.tr("来访登记簿(&R)…"), self.register)
        menu.addAction(self.tr("社情民意台账（全部案件）(&L)"), self.ledger)
        menu.addAction(self.tr("公示表(&N)…"), self.notice)
        menu.addAction(self.tr("本月值班表(&D)"), self.roster)

    # each entry: what to ask, then one service call
    def register(self, dates: tuple[dt.date, dt.date] | None = None) -> bytes | None:
        dates = dates or self._ask_dates(self.tr("打印来访登记簿"))
        if dates is None:
            return None
        from ..services.printing_jobs import print_register

        return self._build(self.tr("来访登记簿"), "register", print_register, *dates)

    def ledger(self) -> bytes | None:
        from ..services.printing_jobs import print_ledger

        return self._build(self.tr("社情民意台账"), "ledger", print_ledger)

    def notice(self, dates: tuple[dt.date, dt.date] | None = None) -> bytes | None:
        dates = dates or self._ask_dates(self.tr("打印公示表"))
        if dates is None:
            return None
        from ..services.printing_jobs import print_notice

        return self._build(self.tr("公示表"), "notice", print_notice, *dates)

    def roster(self, month: dt.date | None = None) -> bytes | None:
        month = month or dt.date.today()
        from ..services.printing_jobs import print_roster

        return self._build(self.tr("值班表"), "roster", print_roster, month.year, month.month)

    def _ask_dates(self, title: str) -> tuple[dt.date, dt.date] | None:
        box = DateRangeDialog(self.window, title)
        return box.dates() if box.exec() == QDialog.DialogCode.Accepted else None

    def _build(self, title: str, document: str, fn: Callable[..., Any], *args: Any) -> bytes | None:
        from .print_preview import build_in_background, open_preview

        session = self.window.session
        if session.actor is None:
            return self._fail(self.tr("请先签到，再打印。"))
        try:
            pdf = build_in_background(self.window, title, fn, session.db, session.actor, *args)
        except Exception as exc:  # a DomainError is the user's to read; anything else goes to the log
            if not isinstance(exc, DomainError):
                log.exception("building %s failed", document)
            return self._fail(friendly(exc, self.lang))
        if pdf is None:  # cancelled
            return None
        pdf = bytes(pdf)
        self.last_error = None
        open_preview(self.window, pdf, title, document=document)
        return pdf

    def _fail(self, text: str) -> None:
        self.last_error = text
        if not self.quiet:
            QMessageBox.warning(self.window, self.tr("打印"), text)
